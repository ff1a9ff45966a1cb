package flows

import (
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// How a B2B login completes. Every primary authentication of a Member in
// an Organization (magic link, email OTP, password, OAuth, SSO) ends in
// LoginMember, which applies the Organization's auth_methods and MFA
// policy: the login becomes a session, or an intermediate session that
// the next step (an MFA factor, another primary factor, an exchange)
// continues.

// IntermediateSessionLifetime is how long an intermediate session token
// is valid (Stytch: 10 minutes).
const IntermediateSessionLifetime = 10 * time.Minute

// Organization setting values.
const (
	AllAllowed     = "ALL_ALLOWED"
	Restricted     = "RESTRICTED"
	NotAllowed     = "NOT_ALLOWED"
	MFAOptional    = "OPTIONAL"
	MFARequiredAll = "REQUIRED_FOR_ALL"
)

// MFA method names (allowed_mfa_methods, default_mfa_method).
const (
	MFASMS  = "sms_otp"
	MFATOTP = "totp"
)

// FactorMethod classifies a session factor: the allowed_auth_methods name
// of a primary factor (magic_link, email_otp, password, sso, google_oauth,
// microsoft_oauth, slack_oauth, github_oauth, hubspot_oauth; "" for a
// primary factor that no auth_methods restriction names, such as a trusted
// token or an imported session), or, for a second factor, mfa true and
// its allowed_mfa_methods name (sms_otp, totp; recovery codes count as
// totp).
func FactorMethod(f store.Factor) (method string, mfa bool) {
	switch f.Type {
	case "magic_link":
		return "magic_link", false
	case "email_otp":
		return "email_otp", false
	case "otp":
		if f.DeliveryMethod == "email" {
			return "email_otp", false
		}
		return MFASMS, true
	case "password":
		return "password", false
	case "sso":
		return "sso", false
	case "totp":
		return MFATOTP, true
	case "recovery_codes":
		return MFATOTP, true
	case "oauth":
		if p, ok := strings.CutPrefix(f.DeliveryMethod, "oauth_"); ok && !strings.Contains(p, "_") {
			return p + "_oauth", false
		}
	}
	return "", false
}

// transferable reports whether a factor proves the email address in any
// Organization (Stytch transfers only email magic link and OAuth factors
// between Organizations).
func transferable(f store.Factor) bool {
	method, mfa := FactorMethod(f)
	return !mfa && (method == "magic_link" || strings.HasSuffix(method, "_oauth"))
}

// adaptFactors keeps the transferable factors and points their email_id at
// m's address (a discovery factor has none yet).
func adaptFactors(fs []store.Factor, m *store.Member) []store.Factor {
	return keepFactors(fs, m, transferable)
}

// keepFactors keeps the factors keep accepts and, when m is set, points
// their email_id at m's address.
func keepFactors(fs []store.Factor, m *store.Member, keep func(store.Factor) bool) []store.Factor {
	out := make([]store.Factor, 0, len(fs))
	for _, f := range factorsOf(fs) {
		if !keep(f) {
			continue
		}
		if f.Detail != nil && m != nil {
			if addr, _ := f.Detail["email_address"].(string); addr == "" || strings.EqualFold(addr, m.EmailAddress) {
				if _, has := f.Detail["email_id"]; has {
					f.Detail["email_id"] = m.EmailID
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// carriedFactors returns which factors of a login begun in the
// Organization fromOrg count in o for m (nil: a Member yet to be made):
// all of them in the same Organization; the primary ones of a discovery
// login (fromOrg ""), which proved the address before any Organization
// was chosen; only the transferable ones from another Organization's
// login. Email factors are pointed at m's address.
func carriedFactors(fs []store.Factor, fromOrg string, o *store.Organization, m *store.Member) []store.Factor {
	switch fromOrg {
	case o.ID:
		return factorsOf(fs)
	case "":
		return keepFactors(fs, m, func(f store.Factor) bool { _, mfa := FactorMethod(f); return !mfa })
	}
	return adaptFactors(fs, m)
}

// verifiesEmail reports whether the factors carried from fromOrg to o prove
// the email address: a magic link, an email OTP, or an OAuth login with a
// provider that verifies addresses (Google, Microsoft).
func verifiesEmail(fs []store.Factor, fromOrg string, o *store.Organization) bool {
	return slices.ContainsFunc(carriedFactors(fs, fromOrg, o, nil), func(f store.Factor) bool {
		method, mfa := FactorMethod(f)
		return !mfa && (method == "magic_link" || method == "email_otp" || method == "google_oauth" || method == "microsoft_oauth")
	})
}

// emailFactor is the email_factor of a magic link or email OTP factor.
func emailFactor(now time.Time, typ, delivery string, m *store.Member) store.Factor {
	return NewFactor(now, typ, delivery, "email_factor", map[string]any{"email_id": m.EmailID, "email_address": m.EmailAddress})
}

// requirements is what an Organization still asks of a login whose
// factors are fs: a primary factor of an allowed method, then MFA.
func requirements(o *store.Organization, m *store.Member, fs []store.Factor) (*PrimaryRequired, *MFARequired) {
	breakglass := m != nil && m.IsBreakglass
	primaryOK, mfaOK := false, false
	for _, f := range fs {
		method, mfa := FactorMethod(f)
		switch {
		case mfa:
			if o.MFAMethods != Restricted || breakglass || slices.Contains(o.AllowedMFAMethods, method) {
				mfaOK = true
			}
		case o.AuthMethods != Restricted || breakglass || method == "" || slices.Contains(o.AllowedAuthMethods, method):
			primaryOK = true
		}
	}
	if !primaryOK {
		allowed := []string{}
		if o.AuthMethods == Restricted {
			allowed = slices.Clone(o.AllowedAuthMethods)
		}
		return &PrimaryRequired{AllowedAuthMethods: allowed}, nil
	}
	if m == nil || mfaOK || (o.MFAPolicy != MFARequiredAll && !m.MFAEnrolled) {
		return nil, nil
	}
	return nil, mfaOptions(m)
}

// mfaOptions lists the MFA methods m has set up.
func mfaOptions(m *store.Member) *MFARequired {
	out := &MFARequired{}
	if m.MFAPhoneNumber != "" && m.MFAPhoneVerified {
		out.PhoneNumber, out.HasOptions = m.MFAPhoneNumber, true
	}
	if m.TOTP != nil && m.TOTP.Verified {
		out.TOTPRegistrationID, out.HasOptions = m.TOTP.ID, true
	}
	return out
}

// LoginStep is what a login step authenticated: its new factors (none
// for an exchange, which only carries factors over) and whether they prove
// the Member's email address (magic link, email OTP, OAuth with a
// verified email).
type LoginStep struct {
	Factors       []store.Factor
	VerifiesEmail bool
}

// LoginMember records that m, a Member of o, completed step, and completes
// the login as far as o allows: with every requirement met (a primary
// factor of an allowed method, MFA when o's policy or m's enrolment asks
// for it) it starts or extends a session; otherwise it keeps the factors
// in an intermediate session and reports what is missing (when only MFA is
// missing and SMS is the Member's default method, the passcode goes out
// at once: secondary_auth_initiated). req may name an
// existing session of m (its factors count and it is the one extended)
// and the intermediate session of an earlier step (its factors count, and
// it is consumed once a session exists). A pending or invited Member
// becomes active. Call inside Update, then finishB2B after it.
func (s *Service) LoginMember(tx *store.Tx, o *store.Organization, m *store.Member, step LoginStep, req MemberSessionRequest, out *B2BAuth) error {
	if err := checkMemberSessionArgs(req); err != nil {
		return err
	}
	if m.Locked(tx.Now) {
		return ErrUserLocked()
	}
	var sess *store.MemberSession
	if req.Token != nil || req.JWT != nil {
		var err error
		if sess, err = s.lookupMemberSession(tx, req.Token, req.JWT); err != nil {
			return err
		}
		if sess.MemberID != m.ID {
			return E(ErrSessionMemberMismatch, "The session belongs to another Member.")
		}
	}
	var ist *store.IntermediateSession
	if req.IntermediateToken != nil {
		var err error
		if ist, err = intermediateSession(tx, *req.IntermediateToken); err != nil {
			return err
		}
		if err := istFits(ist, o, m); err != nil {
			return err
		}
	}
	if m.Status == store.MemberPending || m.Status == store.MemberInvited {
		m.Status = store.MemberActive
	}
	if step.VerifiesEmail {
		m.EmailVerified = true
	}
	m.FailedAttempts = 0
	touchMember(tx, m)

	var factors []store.Factor
	if ist != nil {
		factors = carriedFactors(ist.Factors, ist.OrganizationID, o, m)
	}
	factors = append(factors, factorsOf(step.Factors)...)
	all := factors
	if sess != nil {
		all = append(factorsOf(sess.Factors), factors...)
	}
	primary, mfa := requirements(o, m, all)
	if primary != nil || mfa != nil {
		s.pendLogin(tx, o, m, ist, factors, out)
		if primary == nil && initiateSecondaryAuth(tx, o, m) {
			mfa.SecondaryAuthInitiated = MFASMS
		}
		out.PrimaryRequired, out.MFARequired = primary, mfa
		return nil
	}
	if ist != nil {
		tx.B2B.IntermediateSessions.Delete(ist.Token)
	}
	s.putMemberSession(tx, o, m, sess, factors, req, out)
	return nil
}

// pendLogin keeps a login's factors in an intermediate session bound to o
// and m (ist, when the login continued one, or a new one) and fills out
// as not authenticated.
func (s *Service) pendLogin(tx *store.Tx, o *store.Organization, m *store.Member, ist *store.IntermediateSession, factors []store.Factor, out *B2BAuth) {
	if ist == nil {
		ist = &store.IntermediateSession{Token: store.NewToken(), CreatedAt: tx.Now}
		tx.B2B.IntermediateSessions.Put(ist.Token, ist)
	}
	ist.EmailAddress, ist.OrganizationID, ist.MemberID = m.EmailAddress, o.ID, m.ID
	ist.Factors = factors
	ist.ExpiresAt = tx.Now.Add(IntermediateSessionLifetime)
	out.Org = s.orgView(tx, o)
	out.Member = s.memberView(tx, o, m)
	out.Roles = roleIDs(out.Member.Roles)
	out.Now = tx.Now
	out.Session, out.SessionToken, out.Authenticated = nil, "", false
	out.IntermediateToken = ist.Token
	out.IntermediateExpiresAt = new(ist.ExpiresAt)
}

// intermediateSession returns the live intermediate session of token.
func intermediateSession(tx *store.Tx, token string) (*store.IntermediateSession, error) {
	ist := tx.B2B.IntermediateSessions.Get(token)
	if ist == nil || !ist.Alive(tx.Now) {
		return nil, ErrIntermediateSessionNotFound.New()
	}
	return ist, nil
}

// istFits checks that an intermediate session can continue a login of m in
// o: a discovery session of m's address, or one of m in o.
func istFits(ist *store.IntermediateSession, o *store.Organization, m *store.Member) error {
	switch {
	case ist.OrganizationID == "" && strings.EqualFold(ist.EmailAddress, m.EmailAddress):
		return nil
	case ist.OrganizationID == o.ID && ist.MemberID == m.ID:
		return nil
	case ist.OrganizationID != "" && strings.EqualFold(ist.EmailAddress, m.EmailAddress):
		return nil // another Organization's login of the same address: its transferable factors count
	}
	return E(ErrInvalidIntermediateSessionTokenForOrganization,
		"The intermediate session token was not issued for this Member or Organization.")
}

// FailMember counts one failed authentication attempt of a Member (a wrong
// passcode, password or TOTP code) and locks it out at the threshold, as
// Fail does for users; what it records survives the rollback of the
// failing call (Tx.KeepOnError). LoginMember clears the counter.
func (s *Service) FailMember(tx *store.Tx, m *store.Member) {
	id := m.ID
	tx.KeepOnError(func(tx *store.Tx) {
		m := tx.B2B.Members.Get(id)
		if m == nil {
			return
		}
		m.FailedAttempts++
		if m.FailedAttempts >= LockoutThreshold {
			now, until := tx.Now, tx.Now.Add(LockoutDuration)
			m.LockCreatedAt, m.LockExpiresAt = &now, &until
			m.FailedAttempts = 0
		}
	})
}
