package flows

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/internal/pwhash"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B passwords: a Member's password (Member.Password, hashed as Consumer
// passwords are, see passwords.go), its authentication, imports and the
// reset requirement. The project's strength policy is zxcvbn, as for
// Consumer passwords (CheckStrength), with breach detection on every
// password set. Passwords are cross-organization: the discovery flows
// check or set the password of every Member holding the address.

// actionRequirePasswordReset is the stytch.member action a member session
// needs for Passwords.Email.RequireReset. Stytch documents none; the
// emulator names this one, which only a wildcard permission grants.
const actionRequirePasswordReset = "require-password-reset"

// checkMemberPassword checks password against m's password: 401
// unauthorized_credentials (counting toward the lockout) when wrong, 400
// member_reset_password when a reset is required, the hash's own error
// when an imported hash cannot be checked.
func (s *Service) checkMemberPassword(tx *store.Tx, m *store.Member, password string) error {
	ok, err := checkPassword(m.Password, password)
	if err != nil {
		return hashCheckError(err)
	}
	if !ok {
		s.FailMember(tx, m)
		return ErrUnauthorizedCredentials.New()
	}
	if m.Password.RequiresReset {
		return E(ErrMemberResetPassword, "The Member's password must be reset before it can be used.")
	}
	return nil
}

// hashCheckError is the error of a stored hash that cannot be checked:
// the hash's own error type when pwhash names one.
func hashCheckError(err error) error {
	var pe *pwhash.Error
	if errors.As(err, &pe) {
		return E(hashErrorType(pe), "The stored password hash cannot be checked: %s.", pe.Detail)
	}
	return err
}

// passwordMember returns the live Member of o holding address, with a
// password: 404 member_not_found, 404 member_password_not_found, 429 while
// locked.
func passwordMember(tx *store.Tx, o *store.Organization, address string) (*store.Member, error) {
	m := tx.B2B.MemberByEmail(o.ID, address)
	if m == nil {
		return nil, E(ErrMemberNotFound, "No Member of this Organization has this email address.")
	}
	if m.Locked(tx.Now) {
		return nil, ErrUserLocked()
	}
	if m.Password == nil {
		return nil, E(ErrMemberPasswordNotFound, "The Member has no password; set one with a password reset.")
	}
	return m, nil
}

// B2BPasswordAuthenticate logs a Member in with its email address and
// password (Passwords.Authenticate) through LoginMember: a session, or an
// intermediate session when the Organization still requires MFA or
// another primary factor.
func (s *Service) B2BPasswordAuthenticate(orgRef, address, password string, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkMemberSessionArgs(req); err != nil {
			return err
		}
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		m, err := passwordMember(tx, o, address)
		if err != nil {
			return err
		}
		if err := s.checkMemberPassword(tx, m, password); err != nil {
			return err
		}
		return s.LoginMember(tx, o, m, LoginStep{Factors: []store.Factor{passwordFactor(tx)}}, req, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// MemberMigration is a Passwords.Migrate request.
type MemberMigration struct {
	OrgRef, Email, Hash, HashType string
	Config                        pwhash.Config
	Member                        MemberInput
	SetPhoneVerified              bool
}

// MigrationResult is the answer of B2BMigratePassword.
type MigrationResult struct {
	MemberResult
	MemberCreated bool
}

// B2BMigratePassword imports a password hash for the Member of the
// Organization holding the address, creating it (active) when there is
// none (Passwords.Migrate); the Member fields given are applied. The hash
// is checked for well-formedness now and verified with its own algorithm at
// the first login, then re-hashed. A Member with a password answers 400
// password_already_exists.
func (s *Service) B2BMigratePassword(in MemberMigration) (*MigrationResult, error) {
	if _, err := pwhash.VerifyMigrated(in.HashType, in.Hash, "", in.Config); err != nil {
		var pe *pwhash.Error
		if errors.As(err, &pe) {
			return nil, E(hashErrorType(pe), "The %s hash cannot be imported: %s.", in.HashType, pe.Detail)
		}
		return nil, err
	}
	cfg, err := json.Marshal(in.Config)
	if err != nil {
		return nil, err
	}
	var out MigrationResult
	err = s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, in.OrgRef)
		if err != nil {
			return err
		}
		m := tx.B2B.MemberByEmail(o.ID, in.Email)
		if m != nil && m.Password != nil {
			return E(ErrPasswordAlreadyExists, "The Member already has a password.")
		}
		if m == nil {
			if m, err = s.newMember(tx, o, in.Email, store.MemberActive); err != nil {
				return err
			}
			out.MemberCreated = true
		}
		if err := s.applyMemberInput(tx, o, m, in.Member); err != nil {
			return err
		}
		if in.SetPhoneVerified && m.MFAPhoneNumber != "" {
			m.MFAPhoneVerified = true
		}
		m.Password = &store.Password{ID: tx.NewID(KindMemberPassword), Hash: in.Hash, ImportedType: in.HashType, ImportedConfig: cfg}
		out.MemberResult = *s.memberResult(tx, o, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// B2BRequirePasswordReset makes password logins of the Members holding the
// address fail with member_reset_password until their password is reset
// (Passwords.Email.RequireReset): the Member named by memberRef, or the
// Organization's Member holding the address, or, without an Organization,
// every Member holding it. A member session needs the stytch.member
// action require-password-reset in each Member's Organization. It returns
// the first Member concerned.
func (s *Service) B2BRequirePasswordReset(address string, orgRef, memberRef *string, caller B2BCaller) (*MemberResult, error) {
	var out *MemberResult
	err := s.Store.Update(func(tx *store.Tx) error {
		need := RBACNeed{Resource: ResourceMember, Action: actionRequirePasswordReset}
		if orgRef != nil {
			// Authorized before any Member is looked up, so that a session
			// of another Organization learns nothing about them.
			o, err := b2bOrg(tx, *orgRef)
			if err != nil {
				return err
			}
			if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", need); err != nil {
				return err
			}
		}
		targets, err := resetTargets(tx, address, orgRef, memberRef)
		if err != nil {
			return err
		}
		flagged := false
		for _, m := range targets {
			if _, err := s.AuthorizeMemberCall(tx, caller, m.OrganizationID, m.ID, need); err != nil {
				return err
			}
			if m.Password != nil {
				m.Password.RequiresReset, flagged = true, true
				touchMember(tx, m)
			}
		}
		if !flagged {
			return E(ErrMemberPasswordNotFound, "No Member with this email address has a password.")
		}
		out = s.memberResult(tx, tx.B2B.Organizations.Get(targets[0].OrganizationID), targets[0])
		return nil
	})
	return out, err
}

// resetTargets resolves the Members of a require-reset request.
func resetTargets(tx *store.Tx, address string, orgRef, memberRef *string) ([]*store.Member, error) {
	if err := checkEmail(address); err != nil {
		return nil, err
	}
	if orgRef == nil {
		if memberRef != nil {
			return nil, E(ErrBadRequest, "member_id needs organization_id.")
		}
		var out []*store.Member
		for _, m := range tx.B2B.MembersByEmail(address) {
			out = append(out, tx.B2B.Members.Get(m.ID))
		}
		if len(out) == 0 {
			return nil, E(ErrMemberNotFound, "No Member has this email address.")
		}
		return out, nil
	}
	o, err := b2bOrg(tx, *orgRef)
	if err != nil {
		return nil, err
	}
	if memberRef != nil {
		m, err := b2bMember(tx, o.ID, *memberRef, false)
		if err != nil {
			return nil, err
		}
		if !strings.EqualFold(m.EmailAddress, address) {
			return nil, E(ErrMemberNotFound, "The Member does not have this email address.")
		}
		return []*store.Member{m}, nil
	}
	m := tx.B2B.MemberByEmail(o.ID, address)
	if m == nil {
		return nil, E(ErrMemberNotFound, "No Member of this Organization has this email address.")
	}
	return []*store.Member{m}, nil
}
