package flows

import (
	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B TEST sandbox values (Stytch's B2B sandbox-values page): the sandbox
// email with the sandbox Organization answers login_or_signup and invite
// without sending anything, and the sandbox magic-link tokens answer the
// Organization and discovery authenticate calls with their documented
// outcomes. Test projects only.
const (
	SandboxOrganizationID = "organization-test-007d9d4a-deac-4a87-ba0a-e6e8afba4d4b"
	SandboxMemberID       = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f"
)

// sandboxB2B returns the sandbox Organization and its sandbox Member
// (sandbox@stytch.com), creating them on first use so that they show up
// like any other.
func (s *Service) sandboxB2B(tx *store.Tx) (*store.Organization, *store.Member) {
	o := tx.B2B.Organizations.Get(SandboxOrganizationID)
	if o == nil {
		o = newOrganization(tx)
		o.ID, o.Name = SandboxOrganizationID, "Sandbox Organization"
		o.Slug = uniqueSlug(tx, o.Name)
		tx.B2B.Organizations.Put(o.ID, o)
	}
	m := tx.B2B.Members.Get(SandboxMemberID)
	if m == nil || m.OrganizationID != o.ID {
		if other := tx.B2B.MemberByEmail(o.ID, SandboxEmail); other != nil {
			return o, other
		}
		m = &store.Member{ID: SandboxMemberID, OrganizationID: o.ID, EmailAddress: SandboxEmail,
			EmailID: tx.NewID(store.KindEmail), EmailVerified: true, Status: store.MemberActive, DefaultMFAMethod: MFASMS,
			OAuthRegistrations: []store.MemberOAuthRegistration{}, SSORegistrations: []store.MemberSSORegistration{},
			RetiredEmails: []store.RetiredEmail{}, Roles: []string{}, TrustedMetadata: map[string]any{},
			UntrustedMetadata: map[string]any{}, CreatedAt: tx.Now, UpdatedAt: tx.Now}
		tx.B2B.Members.Put(m.ID, m)
	}
	if m.Status == store.MemberDeleted {
		m.Status = store.MemberActive
	}
	return o, m
}

// sandboxB2BSend answers a login_or_signup or invite of the sandbox email
// to the sandbox Organization: 200 with the sandbox Member, nothing sent.
// ok is false for anything else.
func (s *Service) sandboxB2BSend(orgRef, address string) (*B2BSent, bool, error) {
	if orgRef != SandboxOrganizationID || !s.IsSandboxEmail(address) {
		return nil, false, nil
	}
	var out B2BSent
	err := s.Store.Update(func(tx *store.Tx) error {
		o, m := s.sandboxB2B(tx)
		out.MemberResult = *s.memberResult(tx, o, m)
		return nil
	})
	return &out, true, err
}

// sandboxTokenError is the documented error of a failing sandbox token,
// nil for the successful one and any other token.
func (s *Service) sandboxTokenError(token string) error {
	if !s.sandboxOn() {
		return nil
	}
	switch token {
	case SandboxMagicLinkUsed:
		return E(ErrUnableToAuthMagicLink,
			"The magic link could not be authenticated because it was either already used or expired.")
	case SandboxMagicLinkNotFound:
		return E(ErrMagicLinkNotFound, "The magic link could not be found.")
	}
	return nil
}

// sandboxB2BMagicLink answers the sandbox magic-link tokens of
// MagicLinks.Authenticate: the successful one logs the sandbox Member in
// to the sandbox Organization. ok is false for any other token.
func (s *Service) sandboxB2BMagicLink(token string, req MemberSessionRequest) (*B2BAuth, bool, error) {
	if err := s.sandboxTokenError(token); err != nil {
		return nil, true, err
	}
	if !s.sandboxOn() || token != SandboxMagicLinkOK {
		return nil, false, nil
	}
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		o, m := s.sandboxB2B(tx)
		step := LoginStep{Factors: []store.Factor{emailFactor(tx.Now, "magic_link", "email", m)}, VerifiesEmail: true}
		if err := s.LoginMember(tx, o, m, step, req, &out); err != nil {
			return err
		}
		out.MethodID = m.EmailID
		return nil
	})
	if err != nil {
		return nil, true, err
	}
	return &out, true, s.finishB2B(&out)
}

// sandboxB2BDiscovery answers the sandbox magic-link tokens of
// MagicLinks.Discovery.Authenticate: the successful one proves the sandbox
// email. ok is false for any other token.
func (s *Service) sandboxB2BDiscovery(token string) (*DiscoveryAuth, bool, error) {
	if err := s.sandboxTokenError(token); err != nil {
		return nil, true, err
	}
	if !s.sandboxOn() || token != SandboxMagicLinkOK {
		return nil, false, nil
	}
	var out DiscoveryAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		s.sandboxB2B(tx)
		f := NewFactor(tx.Now, "magic_link", "email", "email_factor", map[string]any{"email_id": "", "email_address": SandboxEmail})
		s.newDiscoverySession(tx, SandboxEmail, []store.Factor{f}, &out)
		return nil
	})
	return &out, true, err
}
