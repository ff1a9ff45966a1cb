package flows

import (
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Discovery: which Organizations an authenticated email address can enter,
// and entering (or creating) one with an intermediate session.

// Membership types of a discovered Organization.
const (
	MembershipActive      = "active_member"
	MembershipPending     = "pending_member"
	MembershipInvited     = "invited_member"
	MembershipEmailDomain = "eligible_to_join_by_email_domain"
	MembershipOAuthTenant = "eligible_to_join_by_oauth_tenant"
)

// DiscoveredOrg is an Organization an address can enter and how.
type DiscoveredOrg struct {
	Org            OrgView
	MembershipType string
	// Details says more about an eligibility (the matching domain).
	Details map[string]any
	// Member is the address's Member there; nil when it is only eligible.
	Member              *MemberView
	MemberAuthenticated bool
	PrimaryRequired     *PrimaryRequired
	MFARequired         *MFARequired
}

// discover lists the Organizations address can enter with factors, of a
// login begun in the Organization fromOrg ("" for a discovery login, see
// carriedFactors): its memberships (active, pending, invited), then the
// Organizations whose email domain provisioning would let it join, then
// those whose OAuth tenant provisioning would (oauth: the provider login
// of a discovery OAuth flow, or nil).
func (s *Service) discover(tx *store.Tx, address, fromOrg string, factors []store.Factor, oauth *store.MemberOAuthToken) []DiscoveredOrg {
	out := []DiscoveredOrg{}
	member := map[string]bool{}
	for _, m := range tx.B2B.MembersByEmail(address) {
		o := tx.B2B.Organizations.Get(m.OrganizationID)
		if o == nil {
			continue
		}
		member[o.ID] = true
		typ := MembershipActive
		switch m.Status {
		case store.MemberPending:
			typ = MembershipPending
		case store.MemberInvited:
			typ = MembershipInvited
		}
		primary, mfa := requirements(o, m, carriedFactors(factors, fromOrg, o, m))
		v := s.memberView(tx, o, m)
		out = append(out, DiscoveredOrg{Org: s.orgView(tx, o), MembershipType: typ, Member: &v,
			MemberAuthenticated: primary == nil && mfa == nil, PrimaryRequired: primary, MFARequired: mfa})
	}
	domain := emailDomain(address)
	for _, o := range tx.B2B.OrganizationsByDomain(domain) {
		if member[o.ID] || !domainJITUsable(oauth) || jitByEmail(o, address) != nil {
			continue
		}
		primary, _ := requirements(o, nil, carriedFactors(factors, fromOrg, o, nil))
		member[o.ID] = true
		out = append(out, DiscoveredOrg{Org: s.orgView(tx, o), MembershipType: MembershipEmailDomain,
			Details: map[string]any{"domain": domain}, PrimaryRequired: primary})
	}
	return append(out, s.discoverByTenant(tx, fromOrg, factors, oauth, member)...)
}

// DiscoveryList is the answer of Discovery.Organizations.List.
type DiscoveryList struct {
	EmailAddress string
	Discovered   []DiscoveredOrg
	// OrganizationIDHint is the Organization an intermediate session was
	// issued for, when it was.
	OrganizationIDHint string
}

// ListDiscoveredOrganizations lists the Organizations the address behind
// an intermediate session, a member session token or a member session JWT
// (exactly one) can enter. Nothing is consumed.
func (s *Service) ListDiscoveredOrganizations(ist, token, jwtStr *string) (*DiscoveryList, error) {
	var out DiscoveryList
	err := s.Store.View(func(tx *store.Tx) error {
		n := 0
		for _, p := range []*string{ist, token, jwtStr} {
			if p != nil {
				n++
			}
		}
		if n != 1 {
			return E(ErrBadRequest, "Pass exactly one of intermediate_session_token, session_token and session_jwt.")
		}
		if ist != nil {
			is, err := intermediateSession(tx, *ist)
			if err != nil {
				return err
			}
			out.EmailAddress, out.OrganizationIDHint = is.EmailAddress, is.OrganizationID
			out.Discovered = s.discover(tx, is.EmailAddress, is.OrganizationID, is.Factors, is.OAuth)
			return nil
		}
		sess, err := s.lookupMemberSession(tx, token, jwtStr)
		if err != nil {
			return err
		}
		m := tx.B2B.Members.Get(sess.MemberID)
		if m == nil {
			return ErrSessionNotFound.New()
		}
		out.EmailAddress = m.EmailAddress
		out.Discovered = s.discover(tx, m.EmailAddress, sess.OrganizationID, sess.Factors, nil)
		return nil
	})
	return &out, err
}

// ExchangeIntermediateSession logs the address of an intermediate session
// in to an Organization (Discovery.IntermediateSessions.Exchange): its
// Member there, or a new active Member when the Organization provisions
// the address's domain, or the OAuth tenant of a discovery OAuth login,
// just in time (403 otherwise). A discovery OAuth login gives the Member
// its provider registration and tokens. The session's
// factors carry over (only email magic link and OAuth factors from
// another Organization's login); when the Organization still needs MFA or
// another primary factor, the same intermediate session comes back, bound
// to it.
func (s *Service) ExchangeIntermediateSession(token, orgRef string, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		ist, err := intermediateSession(tx, token)
		if err != nil {
			return err
		}
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		m := tx.B2B.MemberByEmail(o.ID, ist.EmailAddress)
		if m == nil {
			if err := discoveryJIT(o, ist); err != nil {
				return err
			}
			if m, err = s.newMember(tx, o, ist.EmailAddress, store.MemberActive); err != nil {
				return err
			}
			out.MemberCreated = true
		}
		linkDiscoveryOAuth(tx, ist, m)
		verified := verifiesEmail(ist.Factors, ist.OrganizationID, o)
		req.IntermediateToken = &token
		return s.LoginMember(tx, o, m, LoginStep{VerifiesEmail: verified}, req, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// CreateOrganizationViaDiscovery creates an Organization and makes the
// address of an intermediate session its first Member, active, verified
// and stytch_admin, then logs it in as ExchangeIntermediateSession does
// (Discovery.Organizations.Create). Without a name the Organization is
// named after the address's domain.
func (s *Service) CreateOrganizationViaDiscovery(token string, in OrgSettings, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		ist, err := intermediateSession(tx, token)
		if err != nil {
			return err
		}
		if err := checkMemberSessionArgs(req); err != nil {
			return err
		}
		if in.Name == nil {
			name := emailDomain(ist.EmailAddress)
			in.Name = &name
		}
		o, err := s.createOrganization(tx, in)
		if err != nil {
			return err
		}
		m, err := s.newMember(tx, o, ist.EmailAddress, store.MemberActive)
		if err != nil {
			return err
		}
		m.Roles = []string{store.RoleStytchAdmin}
		out.MemberCreated = true
		linkDiscoveryOAuth(tx, ist, m)
		verified := verifiesEmail(ist.Factors, ist.OrganizationID, o)
		req.IntermediateToken = &token
		return s.LoginMember(tx, o, m, LoginStep{VerifiesEmail: verified}, req, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// ExchangeMemberSession logs the person of a member session in to another
// Organization where the same address has a Member (active, pending or
// invited; an invite is accepted this way) (Sessions.Exchange). Only the
// email magic link and OAuth factors carry over; when they do not satisfy
// the Organization, an intermediate session says what is missing. The
// original session is left as it was.
func (s *Service) ExchangeMemberSession(orgRef string, token, jwtStr *string, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkMemberSessionArgs(req); err != nil {
			return err
		}
		src, err := s.lookupMemberSession(tx, token, jwtStr)
		if err != nil {
			return err
		}
		from := tx.B2B.Members.Get(src.MemberID)
		if from == nil {
			return ErrSessionNotFound.New()
		}
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		m := tx.B2B.MemberByEmail(o.ID, from.EmailAddress)
		if m == nil {
			return E(ErrMemberNotFound,
				"The session's email address has no Member in this Organization; join it by discovery instead.")
		}
		carried := adaptFactors(src.Factors, m)
		if len(carried) == 0 {
			ist := &store.IntermediateSession{Token: store.NewToken(), CreatedAt: tx.Now}
			tx.B2B.IntermediateSessions.Put(ist.Token, ist)
			s.pendLogin(tx, o, m, ist, nil, &out)
			primary, _ := requirements(o, m, nil)
			out.PrimaryRequired = primary
			return nil
		}
		verified := strings.EqualFold(from.EmailAddress, m.EmailAddress) && from.EmailVerified
		return s.LoginMember(tx, o, m, LoginStep{Factors: carried, VerifiesEmail: verified},
			MemberSessionRequest{DurationMinutes: req.DurationMinutes, CustomClaims: req.CustomClaims}, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}
