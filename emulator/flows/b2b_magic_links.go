package flows

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B email magic links: Organization login or sign-up, invites, discovery
// links, and the verification of a new Member address.

// B2B link expiry defaults and bounds, in minutes.
const (
	DefaultB2BLoginMinutes     = 60
	DefaultB2BSignupMinutes    = 60
	DefaultB2BInviteMinutes    = 10080
	DefaultB2BDiscoveryMinutes = 60
	DefaultB2BEmailOTPMinutes  = 10
	minLinkMinutes             = 5
	maxLinkMinutes             = 10080
)

// stytch_token_type values of B2B links.
const (
	tokenTypeB2BLink   = "multi_tenant_magic_links"
	tokenTypeDiscovery = "discovery"
)

// B2BLinkOptions are the per-request settings of a B2B magic-link email.
type B2BLinkOptions struct {
	LoginURL, SignupURL, InviteURL, DiscoveryURL                 string
	LoginMinutes, SignupMinutes, InviteMinutes, DiscoveryMinutes *int32
	CodeChallenge                                                string
}

// linkTTL validates an expiry in minutes (nil: def).
func linkTTL(p *int32, def int) (time.Duration, error) {
	if p == nil {
		return time.Duration(def) * time.Minute, nil
	}
	if *p < minLinkMinutes || *p > maxLinkMinutes {
		return 0, E(ErrInvalidExpiration, "Link expirations must be between %d and %d minutes.", minLinkMinutes, maxLinkMinutes)
	}
	return time.Duration(*p) * time.Minute, nil
}

// b2bLinkURL appends the token and its type to a redirect URL.
func b2bLinkURL(base, tokenType, token string) string {
	u, err := url.Parse(base)
	if err != nil {
		u, _ = url.Parse(DefaultRedirectURL)
	}
	q := u.Query()
	q.Set("stytch_token_type", tokenType)
	q.Set("token", token)
	u.RawQuery = q.Encode()
	return u.String()
}

// issueEmailToken stores a B2B email token for m of o (both nil for a
// discovery link) and sends it to address.
func issueEmailToken(tx *store.Tx, kind string, o *store.Organization, m *store.Member, address string,
	ttl time.Duration, base, challenge string) *store.EmailToken {
	t := &store.EmailToken{Token: store.NewMagicLinkToken(), Kind: kind, EmailAddress: address,
		ExpiresAt: tx.Now.Add(ttl), CodeChallenge: challenge}
	msg := store.Message{Channel: store.ChannelEmail, To: address, Kind: store.MessageMagicLink, Token: t.Token}
	switch kind {
	case store.B2BTokenInvite:
		msg.Kind = store.MessageInvite
	case store.B2BTokenDiscovery:
		msg.Kind = store.MessageDiscovery
	}
	tokenType := tokenTypeB2BLink
	if kind == store.B2BTokenDiscovery {
		tokenType = tokenTypeDiscovery
	}
	msg.Link = b2bLinkURL(base, tokenType, t.Token)
	if o != nil && m != nil {
		t.OrganizationID, t.MemberID = o.ID, m.ID
		msg.OrganizationID, msg.UserID, msg.MethodID = o.ID, m.ID, m.EmailID
	}
	tx.B2B.Tokens.Put(t.Token, t)
	tx.Send(msg)
	return t
}

// jitByEmail answers whether address may join o just in time by its email
// domain (nil when it may).
func jitByEmail(o *store.Organization, address string) error {
	switch {
	case o.EmailJITProvisioning != Restricted:
		return E(ErrEmailJITProvisioningNotAllowed,
			"The Organization does not provision Members just in time by email; invite the address instead.")
	case !slices.Contains(o.EmailAllowedDomains, emailDomain(address)):
		return E(ErrInvalidEmailForJITProvisioning,
			"The address is not in one of the Organization's email_allowed_domains.")
	}
	return nil
}

// methodAllowed refuses a primary method the Organization restricts away
// (break-glass Members are exempt).
func methodAllowed(o *store.Organization, m *store.Member, method string) error {
	if o.AuthMethods == Restricted && !slices.Contains(o.AllowedAuthMethods, method) && (m == nil || !m.IsBreakglass) {
		return E(ErrOperationRestrictedByOrganizationAuthMethods,
			"The Organization does not allow %s logins (see its allowed_auth_methods).", method)
	}
	return nil
}

// B2BSent is the answer of a login_or_signup or invite.
type B2BSent struct {
	MemberResult
	MemberCreated bool
}

// B2BLoginOrSignup emails a login link to an active Member, or a sign-up
// link to a pending or invited one, or to a new pending Member when the
// Organization provisions the address's domain just in time
// (MagicLinks.Email.LoginOrSignup).
func (s *Service) B2BLoginOrSignup(orgRef, address string, o B2BLinkOptions) (*B2BSent, error) {
	if err := s.checkRedirects(redirectArg{o.LoginURL, ErrInvalidLoginRedirectURL},
		redirectArg{o.SignupURL, ErrInvalidSignupRedirectURL}); err != nil {
		return nil, err
	}
	if out, ok, err := s.sandboxB2BSend(orgRef, address); ok {
		return out, err
	}
	loginTTL, err := linkTTL(o.LoginMinutes, DefaultB2BLoginMinutes)
	if err != nil {
		return nil, err
	}
	signupTTL, err := linkTTL(o.SignupMinutes, DefaultB2BSignupMinutes)
	if err != nil {
		return nil, err
	}
	var out B2BSent
	err = s.Store.Update(func(tx *store.Tx) error {
		org, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if err := checkEmail(address); err != nil {
			return err
		}
		m := tx.B2B.MemberByEmail(org.ID, address)
		if err := methodAllowed(org, m, "magic_link"); err != nil {
			return err
		}
		if m == nil {
			if err := jitByEmail(org, address); err != nil {
				return err
			}
			if m, err = s.newMember(tx, org, address, store.MemberPending); err != nil {
				return err
			}
			out.MemberCreated = true
		}
		if m.Locked(tx.Now) {
			return ErrUserLocked()
		}
		if m.Status == store.MemberActive {
			issueEmailToken(tx, store.B2BTokenLogin, org, m, m.EmailAddress, loginTTL, s.redirect(o.LoginURL), o.CodeChallenge)
		} else {
			issueEmailToken(tx, store.B2BTokenSignup, org, m, m.EmailAddress, signupTTL, s.redirect(o.SignupURL), o.CodeChallenge)
		}
		out.MemberResult = *s.memberResult(tx, org, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// B2BInvite are the Member fields of an invite.
type B2BInvite struct {
	Name                               *string
	TrustedMetadata, UntrustedMetadata *map[string]any
	Roles                              *[]string
	InvitedBy                          *string
}

// B2BInviteMember emails an invite link, creating the Member with status
// invited when the address has none (MagicLinks.Email.Invite). The
// Organization's email_invites setting must allow the address; an active
// Member is not invited again. A member session needs create on
// stytch.member.
func (s *Service) B2BInviteMember(orgRef, address string, in B2BInvite, o B2BLinkOptions, caller B2BCaller) (*B2BSent, error) {
	if err := s.checkRedirects(redirectArg{o.InviteURL, ErrInvalidInviteRedirectURL}); err != nil {
		return nil, err
	}
	if out, ok, err := s.sandboxB2BSend(orgRef, address); ok {
		return out, err
	}
	ttl, err := linkTTL(o.InviteMinutes, DefaultB2BInviteMinutes)
	if err != nil {
		return nil, err
	}
	var out B2BSent
	err = s.Store.Update(func(tx *store.Tx) error {
		org, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, org.ID, "", RBACNeed{Resource: ResourceMember, Action: "create"}); err != nil {
			return err
		}
		if err := checkEmail(address); err != nil {
			return err
		}
		switch {
		case org.EmailInvites == NotAllowed:
			return E(ErrInvalidEmailForInvites, "The Organization does not allow email invites.")
		case org.EmailInvites == Restricted && !slices.Contains(org.EmailAllowedDomains, emailDomain(address)):
			return E(ErrInvalidEmailForInvites, "The address is not in one of the Organization's email_allowed_domains.")
		}
		if in.InvitedBy != nil {
			if _, err := b2bMember(tx, org.ID, *in.InvitedBy, false); err != nil {
				return err
			}
		}
		m := tx.B2B.MemberByEmail(org.ID, address)
		switch {
		case m != nil && m.Status == store.MemberActive:
			return E(ErrDuplicateMemberEmail, "The address belongs to an active Member; send it a login link instead.")
		case m == nil:
			if m, err = s.newMember(tx, org, address, store.MemberInvited); err != nil {
				return err
			}
			out.MemberCreated = true
		default:
			m.Status = store.MemberInvited
		}
		if err := s.applyMemberInput(tx, org, m, MemberInput{Name: in.Name, TrustedMetadata: in.TrustedMetadata,
			UntrustedMetadata: in.UntrustedMetadata, Roles: in.Roles}); err != nil {
			return err
		}
		issueEmailToken(tx, store.B2BTokenInvite, org, m, m.EmailAddress, ttl, s.redirect(o.InviteURL), "")
		out.MemberResult = *s.memberResult(tx, org, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// liveEmailToken returns the email token of the given kinds, or the
// documented magic-link errors: 404 magic_link_not_found (unknown, or of
// another kind), 401 unable_to_auth_magic_link (used or expired).
func liveEmailToken(tx *store.Tx, token string, discovery bool) (*store.EmailToken, error) {
	t := tx.B2B.Tokens.Get(token)
	if t == nil || (t.Kind == store.B2BTokenDiscovery) != discovery {
		return nil, E(ErrMagicLinkNotFound, "The magic link could not be found.")
	}
	if t.Used || !tx.Now.Before(t.ExpiresAt) {
		return nil, E(ErrUnableToAuthMagicLink,
			"The magic link could not be authenticated because it was either already used or expired.")
	}
	return t, nil
}

// B2BAuthenticateMagicLink consumes an Organization magic link (login,
// sign-up, invite or email update) and logs the Member in
// (MagicLinks.Authenticate): a session, or an intermediate session when
// the Organization still requires MFA or another primary factor. The
// address becomes verified; an email-update link first makes the new
// address the Member's (the old one is retired).
func (s *Service) B2BAuthenticateMagicLink(token, verifier string, req MemberSessionRequest) (*B2BAuth, error) {
	if out, ok, err := s.sandboxB2BMagicLink(token, req); ok {
		return out, err
	}
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		t, err := liveEmailToken(tx, token, false)
		if err != nil {
			return err
		}
		if err := checkPKCE(t.CodeChallenge, verifier); err != nil {
			return err
		}
		o, m, err := orgAndMember(tx, t.OrganizationID, t.MemberID)
		if err != nil {
			return err
		}
		if t.Kind == store.B2BTokenEmailUpdate {
			if err := s.changeEmail(tx, o, m, t.EmailAddress, false); err != nil {
				return err
			}
		}
		step := LoginStep{Factors: []store.Factor{emailFactor(tx.Now, "magic_link", "email", m)}, VerifiesEmail: true}
		if err := s.LoginMember(tx, o, m, step, req, &out); err != nil {
			return err
		}
		out.MethodID = m.EmailID
		t.Used = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// B2BSendDiscovery emails a discovery link, which proves the address
// before any Organization is chosen (MagicLinks.Email.Discovery.Send).
func (s *Service) B2BSendDiscovery(address string, o B2BLinkOptions) error {
	if err := checkEmail(address); err != nil {
		return err
	}
	if err := s.checkRedirects(redirectArg{o.DiscoveryURL, ErrInvalidDiscoveryRedirectURL}); err != nil {
		return err
	}
	if s.IsSandboxEmail(address) {
		return nil
	}
	ttl, err := linkTTL(o.DiscoveryMinutes, DefaultB2BDiscoveryMinutes)
	if err != nil {
		return err
	}
	return s.Store.Update(func(tx *store.Tx) error {
		issueEmailToken(tx, store.B2BTokenDiscovery, nil, nil, strings.ToLower(address), ttl, s.redirect(o.DiscoveryURL), o.CodeChallenge)
		return nil
	})
}

// DiscoveryAuth is the answer of a discovery authentication: the
// intermediate session and the Organizations the address can enter.
type DiscoveryAuth struct {
	IntermediateToken string
	ExpiresAt         time.Time
	EmailAddress      string
	Discovered        []DiscoveredOrg
}

// B2BAuthenticateDiscovery consumes a discovery link
// (MagicLinks.Discovery.Authenticate): it returns an intermediate session
// holding the magic-link factor and the Organizations the address can
// enter.
func (s *Service) B2BAuthenticateDiscovery(token, verifier string) (*DiscoveryAuth, error) {
	if out, ok, err := s.sandboxB2BDiscovery(token); ok {
		return out, err
	}
	var out DiscoveryAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		t, err := liveEmailToken(tx, token, true)
		if err != nil {
			return err
		}
		if err := checkPKCE(t.CodeChallenge, verifier); err != nil {
			return err
		}
		t.Used = true
		f := NewFactor(tx.Now, "magic_link", "email", "email_factor", map[string]any{"email_id": "", "email_address": t.EmailAddress})
		s.newDiscoverySession(tx, t.EmailAddress, []store.Factor{f}, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// newDiscoverySession stores an intermediate session of address holding
// factors and fills out with it and the discovered Organizations.
func (s *Service) newDiscoverySession(tx *store.Tx, address string, factors []store.Factor, out *DiscoveryAuth) {
	s.newOAuthDiscoverySession(tx, address, factors, nil, out)
}

// newOAuthDiscoverySession is newDiscoverySession for a login that may
// carry a provider login (oauth, nil for none; see
// store.IntermediateSession.OAuth).
func (s *Service) newOAuthDiscoverySession(tx *store.Tx, address string, factors []store.Factor, oauth *store.MemberOAuthToken, out *DiscoveryAuth) {
	ist := &store.IntermediateSession{Token: store.NewToken(), EmailAddress: address, Factors: factors, OAuth: oauth,
		CreatedAt: tx.Now, ExpiresAt: tx.Now.Add(IntermediateSessionLifetime)}
	tx.B2B.IntermediateSessions.Put(ist.Token, ist)
	out.IntermediateToken, out.ExpiresAt, out.EmailAddress = ist.Token, ist.ExpiresAt, address
	out.Discovered = s.discover(tx, address, "", factors, oauth)
}
