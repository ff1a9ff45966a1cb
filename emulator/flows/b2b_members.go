package flows

import (
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Members: create, get, update, delete, reactivate and the removal of
// their factors.

// MemberInput are the fields of a Member create or update; nil leaves a
// field unchanged (update) or takes its default (create).
type MemberInput struct {
	Email                              *string
	Name                               *string
	TrustedMetadata, UntrustedMetadata *map[string]any
	Pending                            *bool
	IsBreakglass                       *bool
	MFAPhoneNumber                     *string
	MFAEnrolled                        *bool
	Roles                              *[]string
	ExternalID                         *string
	DefaultMFAMethod                   *string
	PreserveExistingSessions           *bool
	UnlinkEmail                        *bool
}

// newMember validates and stores a new Member of o with this address.
func (s *Service) newMember(tx *store.Tx, o *store.Organization, address, status string) (*store.Member, error) {
	if err := checkEmail(address); err != nil {
		return nil, err
	}
	if err := emailFree(tx, o, address, ""); err != nil {
		return nil, err
	}
	m := &store.Member{ID: tx.NewID(KindMember), OrganizationID: o.ID, EmailAddress: strings.ToLower(address),
		EmailID: tx.NewID(store.KindEmail), Status: status, DefaultMFAMethod: MFASMS,
		OAuthRegistrations: []store.MemberOAuthRegistration{}, SSORegistrations: []store.MemberSSORegistration{},
		RetiredEmails: []store.RetiredEmail{}, Roles: []string{},
		TrustedMetadata: map[string]any{}, UntrustedMetadata: map[string]any{}, CreatedAt: tx.Now, UpdatedAt: tx.Now}
	tx.B2B.Members.Put(m.ID, m)
	return m, nil
}

// emailFree checks that address can be a Member's in o: no other live
// Member (than self) holds it or has retired it.
func emailFree(tx *store.Tx, o *store.Organization, address, self string) error {
	if other := tx.B2B.MemberByEmail(o.ID, address); other != nil && other.ID != self {
		return E(ErrDuplicateMemberEmail, "A Member of this Organization already has this email address.")
	}
	if other := tx.B2B.MemberByRetiredEmail(o.ID, address); other != nil && other.ID != self {
		return E(ErrRetiredMemberEmail,
			"Another Member of this Organization retired this email address; unlink it from that Member first.")
	}
	return nil
}

// CreateMember creates a Member (Organizations.Members.Create), active
// unless Pending; a member session needs create on stytch.member.
func (s *Service) CreateMember(orgRef string, in MemberInput, caller B2BCaller) (*MemberResult, error) {
	var out *MemberResult
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceMember, Action: "create"}); err != nil {
			return err
		}
		status := store.MemberActive
		if in.Pending != nil && *in.Pending {
			status = store.MemberPending
		}
		m, err := s.newMember(tx, o, deref(in.Email), status)
		if err != nil {
			return err
		}
		in.Email = nil
		if err := s.applyMemberInput(tx, o, m, in); err != nil {
			return err
		}
		out = s.memberResult(tx, o, m)
		return nil
	})
	return out, err
}

// applyMemberInput validates in and applies it to m.
func (s *Service) applyMemberInput(tx *store.Tx, o *store.Organization, m *store.Member, in MemberInput) error {
	if in.Name != nil {
		m.Name = *in.Name
	}
	if in.TrustedMetadata != nil {
		m.TrustedMetadata = mergeMetadata(m.TrustedMetadata, *in.TrustedMetadata)
	}
	if in.UntrustedMetadata != nil {
		m.UntrustedMetadata = mergeMetadata(m.UntrustedMetadata, *in.UntrustedMetadata)
	}
	if in.IsBreakglass != nil {
		m.IsBreakglass = *in.IsBreakglass
	}
	if in.MFAEnrolled != nil {
		m.MFAEnrolled = *in.MFAEnrolled
	}
	if in.ExternalID != nil {
		if err := setMemberExternalID(tx, m, *in.ExternalID); err != nil {
			return err
		}
	}
	if in.MFAPhoneNumber != nil {
		if err := setMFAPhone(tx, m, *in.MFAPhoneNumber); err != nil {
			return err
		}
	}
	if in.Roles != nil {
		roles, err := checkRoleAssignment(tx, o, *in.Roles)
		if err != nil {
			return err
		}
		m.Roles = roles
	}
	if in.DefaultMFAMethod != nil {
		switch *in.DefaultMFAMethod {
		case MFASMS, MFATOTP:
		default:
			return E(ErrInvalidMFADefaultMethod, "default_mfa_method must be sms_otp or totp.")
		}
		m.DefaultMFAMethod = *in.DefaultMFAMethod
	}
	if in.Email != nil && !strings.EqualFold(*in.Email, m.EmailAddress) {
		if err := s.changeEmail(tx, o, m, *in.Email, in.UnlinkEmail != nil && *in.UnlinkEmail); err != nil {
			return err
		}
	}
	touchMember(tx, m)
	return nil
}

// setMemberExternalID sets (or, with "", clears) the external id, unique
// in the Organization.
func setMemberExternalID(tx *store.Tx, m *store.Member, id string) error {
	if id != "" {
		if err := checkExternalID(id); err != nil {
			return err
		}
		if other := tx.B2B.Member(m.OrganizationID, id); other != nil && other.ID != m.ID {
			return E(ErrDuplicateMemberExternalID, "Another Member of this Organization already uses this external id.")
		}
	}
	m.ExternalID = id
	return nil
}

// setMFAPhone gives m an MFA phone number (unverified); a Member that has
// one must delete it first, and no two Members of an Organization share
// one.
func setMFAPhone(tx *store.Tx, m *store.Member, number string) error {
	if number == m.MFAPhoneNumber {
		return nil
	}
	if m.MFAPhoneNumber != "" {
		return E(ErrDuplicateMemberPhoneNumberForMember,
			"The Member already has an MFA phone number; delete it before setting another.")
	}
	if err := checkPhone(number); err != nil {
		return err
	}
	for _, id := range tx.B2B.OrganizationMemberIDs(m.OrganizationID) {
		if other := tx.B2B.Members.Peek(id); id != m.ID && other.Status != store.MemberDeleted && other.MFAPhoneNumber == number {
			return E(ErrDuplicateMemberPhoneNumber, "Another Member of this Organization has this MFA phone number.")
		}
	}
	m.MFAPhoneNumber, m.MFAPhoneID, m.MFAPhoneVerified = number, tx.NewID(store.KindPhone), false
	return nil
}

// memberUpdateNeeds lists the stytch.member actions an update of the given
// fields needs; those marked SelfOK may also come from stytch.self when a
// Member updates itself.
func memberUpdateNeeds(in MemberInput) []RBACNeed {
	var needs []RBACNeed
	need := func(set bool, action string, self bool) {
		if set {
			needs = append(needs, RBACNeed{Resource: ResourceMember, Action: action, SelfOK: self})
		}
	}
	need(in.Name != nil, "update.info.name", true)
	need(in.UntrustedMetadata != nil, "update.info.untrusted-metadata", true)
	need(in.IsBreakglass != nil, "update.settings.is-breakglass", false)
	need(in.MFAPhoneNumber != nil, "update.info.mfa-phone", true)
	need(in.MFAEnrolled != nil, "update.settings.mfa-enrolled", true)
	need(in.Roles != nil, "update.settings.roles", false)
	need(in.DefaultMFAMethod != nil, "update.settings.default-mfa-method", true)
	need(in.Email != nil, "update.info.email", false)
	need(in.ExternalID != nil, "update.info.external-id", false)
	return needs
}

// UpdateMember updates the given fields of a Member
// (Organizations.Members.Update); with a member session header each field
// needs its action, and trusted_metadata is refused.
func (s *Service) UpdateMember(orgRef, memberRef string, in MemberInput, caller B2BCaller) (*MemberResult, error) {
	return s.mutateMember(orgRef, memberRef, caller, memberUpdateNeeds(in), func(tx *store.Tx, o *store.Organization, m *store.Member) error {
		if caller.Set() && in.TrustedMetadata != nil {
			return E(ErrCannotUpdateTrustedMetadata, "trusted_metadata cannot be updated with a member session.")
		}
		if in.DefaultMFAMethod != nil && *in.DefaultMFAMethod == MFATOTP && m.TOTP == nil && in.MFAPhoneNumber == nil {
			return E(ErrDefaultMFAMemberMissingFactor, "The Member has no TOTP registration to make its default MFA method.")
		}
		return s.applyMemberInput(tx, o, m, in)
	})
}

// mutateMember runs fn on a live Member of an Organization after
// authorizing the caller for needs, and returns the result.
func (s *Service) mutateMember(orgRef, memberRef string, caller B2BCaller, needs []RBACNeed,
	fn func(tx *store.Tx, o *store.Organization, m *store.Member) error) (*MemberResult, error) {
	return s.onMember(s.Store.Update, orgRef, memberRef, caller, needs, fn)
}

// onMember is mutateMember and mutateMemberView: in run (the store's
// Update or View), it authorizes the caller for needs, runs fn on the live
// Member and returns the result.
func (s *Service) onMember(run func(func(*store.Tx) error) error, orgRef, memberRef string, caller B2BCaller, needs []RBACNeed,
	fn func(tx *store.Tx, o *store.Organization, m *store.Member) error) (*MemberResult, error) {
	var out *MemberResult
	err := run(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		// The caller is authorized before the Member is looked up, so that
		// a session of another Organization learns nothing about it.
		target := ""
		if m := tx.B2B.Member(o.ID, memberRef); m != nil {
			target = m.ID
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, target, needs...); err != nil {
			return err
		}
		m, err := b2bMember(tx, o.ID, memberRef, false)
		if err != nil {
			return err
		}
		if err := fn(tx, o, m); err != nil {
			return err
		}
		out = s.memberResult(tx, o, m)
		return nil
	})
	return out, err
}

// GetMember returns a Member by id (or external id) or by email address:
// exactly one (Organizations.Members.Get).
func (s *Service) GetMember(orgRef string, memberRef, email *string) (*MemberResult, error) {
	var out *MemberResult
	err := s.Store.View(func(tx *store.Tx) error {
		if (memberRef == nil) == (email == nil) {
			return E(ErrInvalidMemberGetFields, "Pass exactly one of member_id and email_address.")
		}
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		var m *store.Member
		if memberRef != nil {
			if m, err = b2bMember(tx, o.ID, *memberRef, false); err != nil {
				return err
			}
		} else if m = tx.B2B.MemberByEmail(o.ID, *email); m == nil {
			return ErrMemberNotFound.New()
		}
		out = s.memberResult(tx, o, m)
		return nil
	})
	return out, err
}

// DangerouslyGetMember returns a Member by member_id alone, deleted ones
// too when includeDeleted (Organizations.Members.DangerouslyGet).
func (s *Service) DangerouslyGetMember(memberID string, includeDeleted bool) (*MemberResult, error) {
	var out *MemberResult
	err := s.Store.View(func(tx *store.Tx) error {
		m := tx.B2B.Members.Get(memberID)
		if m == nil || (m.Status == store.MemberDeleted && !includeDeleted) {
			return ErrMemberNotFound.New()
		}
		o := tx.B2B.Organizations.Get(m.OrganizationID)
		if o == nil {
			return ErrMemberNotFound.New()
		}
		out = s.memberResult(tx, o, m)
		return nil
	})
	return out, err
}

// DeleteMember deletes a Member (Organizations.Members.Delete): its status
// becomes deleted, its address is freed, its sessions, pending tokens and
// Connected App grants go. It returns the member_id.
func (s *Service) DeleteMember(orgRef, memberRef string, caller B2BCaller) (string, error) {
	res, err := s.mutateMember(orgRef, memberRef, caller, []RBACNeed{{Resource: ResourceMember, Action: "delete", SelfOK: true}},
		func(tx *store.Tx, _ *store.Organization, m *store.Member) error {
			m.Status = store.MemberDeleted
			touchMember(tx, m)
			tx.B2B.ForgetMember(m.ID)
			s.forgetMemberGrants(tx, m.ID)
			return nil
		})
	if err != nil {
		return "", err
	}
	return res.Member.ID, nil
}

// ReactivateMember makes a deleted Member active again
// (Organizations.Members.Reactivate), unless another Member took its
// address meanwhile. Stytch documents no dedicated action: a member
// session needs create on stytch.member, as creating a Member does.
func (s *Service) ReactivateMember(orgRef, memberRef string, caller B2BCaller) (*MemberResult, error) {
	var out *MemberResult
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceMember, Action: "create"}); err != nil {
			return err
		}
		m, err := b2bMember(tx, o.ID, memberRef, true)
		if err != nil {
			return err
		}
		if m.Status != store.MemberDeleted {
			return E(ErrNoDeletedMemberFoundForReactivation, "The Member is not deleted.")
		}
		if other := tx.B2B.MemberByEmail(o.ID, m.EmailAddress); other != nil {
			return E(ErrReactivationEmailBelongsToAnotherMember, "Another Member of this Organization now has this email address.")
		}
		m.Status = store.MemberActive
		touchMember(tx, m)
		out = s.memberResult(tx, o, m)
		return nil
	})
	return out, err
}

// DeleteMemberMFAPhone removes a Member's MFA phone number.
func (s *Service) DeleteMemberMFAPhone(orgRef, memberRef string, caller B2BCaller) (*MemberResult, error) {
	return s.mutateMember(orgRef, memberRef, caller, []RBACNeed{{Resource: ResourceMember, Action: "update.info.delete.mfa-phone", SelfOK: true}},
		func(tx *store.Tx, _ *store.Organization, m *store.Member) error {
			if m.MFAPhoneNumber == "" {
				return E(ErrMemberPhoneNumberNotFound, "The Member has no MFA phone number.")
			}
			m.MFAPhoneNumber, m.MFAPhoneID, m.MFAPhoneVerified = "", "", false
			touchMember(tx, m)
			return nil
		})
}

// DeleteMemberTOTP removes a Member's TOTP registration and its recovery
// codes.
func (s *Service) DeleteMemberTOTP(orgRef, memberRef string, caller B2BCaller) (*MemberResult, error) {
	return s.mutateMember(orgRef, memberRef, caller, []RBACNeed{{Resource: ResourceMember, Action: "update.info.delete.mfa-totp", SelfOK: true}},
		func(tx *store.Tx, _ *store.Organization, m *store.Member) error {
			if m.TOTP == nil {
				return E(ErrTOTPNotFound, "The Member has no TOTP registration.")
			}
			m.TOTP = nil
			if m.DefaultMFAMethod == MFATOTP {
				m.DefaultMFAMethod = MFASMS
			}
			touchMember(tx, m)
			return nil
		})
}

// DeleteMemberPassword removes the password with this member_password_id
// from the Member of the Organization holding it.
func (s *Service) DeleteMemberPassword(orgRef, passwordID string, caller B2BCaller) (*MemberResult, error) {
	var out *MemberResult
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		m := tx.B2B.MemberByFactorID(passwordID)
		target := ""
		if m != nil && m.OrganizationID == o.ID {
			target = m.ID
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, target,
			RBACNeed{Resource: ResourceMember, Action: "update.info.delete.password", SelfOK: true}); err != nil {
			return err
		}
		if target == "" || m.Status == store.MemberDeleted || m.Password == nil || m.Password.ID != passwordID {
			return E(ErrMemberPasswordNotFound, "No Member of this Organization has this password.")
		}
		m.Password = nil
		touchMember(tx, m)
		out = s.memberResult(tx, o, m)
		return nil
	})
	return out, err
}
