package flows

import (
	"slices"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The B2B identity provider: a Member authorizes a Connected App
// (IDP.OAuth.AuthorizeStart and Authorize). It shares the Consumer
// identity provider's checks, consent rules, grants and codes (idp.go);
// the code's subject is the member_id, so the token endpoint issues an
// access token naming the Member and its Organization, as
// IssueMemberAccessToken does, which Sessions.ExchangeAccessToken of the
// B2B API accepts.

// MemberAuthorizeRequest is an authorization request of the B2B identity
// provider: the Consumer request with the Member named by OrgRef and
// AuthorizeRequest.UserID (a member_id or external id), by a member
// session (AuthorizeRequest.SessionToken or SessionJWT), or by both if
// they agree.
type MemberAuthorizeRequest struct {
	AuthorizeRequest
	OrgRef *string
}

// MemberAuthorizeCheck is the result of MemberAuthorizeStart.
type MemberAuthorizeCheck struct {
	MemberResult
	Client          store.ConnectedApp
	ConsentRequired bool
	Scopes          []ScopeResult
}

// liveMember returns the live Member with this member_id and its
// Organization, or nils.
func liveMember(tx *store.Tx, id string) (*store.Member, *store.Organization) {
	m := tx.B2B.Members.Peek(id)
	if m == nil || m.Status == store.MemberDeleted {
		return nil, nil
	}
	o := tx.B2B.Organizations.Peek(m.OrganizationID)
	if o == nil {
		return nil, nil
	}
	return m, o
}

// subjectLive reports whether an access token or code subject (a user_id
// or member_id) still exists.
func subjectLive(tx *store.Tx, id string) bool {
	if tx.Users.Peek(id) != nil {
		return true
	}
	m, _ := liveMember(tx, id)
	return m != nil
}

// memberUserInfo is the OpenID Connect UserInfo of a Member, limited to
// the scopes: sub always; name (profile); email, email_verified (email);
// phone_number, phone_number_verified (phone, its MFA phone).
func memberUserInfo(m *store.Member, scopes []string) map[string]any {
	out := map[string]any{"sub": m.ID}
	if slices.Contains(scopes, "profile") {
		setClaim(out, "name", m.Name)
	}
	if slices.Contains(scopes, "email") {
		out["email"], out["email_verified"] = m.EmailAddress, m.EmailVerified
	}
	if slices.Contains(scopes, "phone") && m.MFAPhoneNumber != "" {
		out["phone_number"], out["phone_number_verified"] = m.MFAPhoneNumber, m.MFAPhoneVerified
	}
	return out
}

// authorizingMember resolves the Member of a B2B authorization request.
func (s *Service) authorizingMember(tx *store.Tx, in MemberAuthorizeRequest) (*store.Organization, *store.Member, error) {
	var sess *store.MemberSession
	if in.SessionToken != nil || in.SessionJWT != nil {
		var err error
		if sess, err = s.lookupMemberSession(tx, in.SessionToken, in.SessionJWT); err != nil {
			return nil, nil, err
		}
	}
	switch {
	case in.OrgRef != nil && in.UserID != nil:
		o, m, err := orgAndMember(tx, *in.OrgRef, *in.UserID)
		if err != nil {
			return nil, nil, err
		}
		if sess != nil && sess.MemberID != m.ID {
			return nil, nil, E(ErrSessionMemberMismatch, "The session belongs to another Member.")
		}
		return o, m, nil
	case in.OrgRef != nil || in.UserID != nil:
		return nil, nil, E(ErrBadRequest, "Pass organization_id and member_id together.")
	case sess != nil:
		return orgAndMember(tx, sess.OrganizationID, sess.MemberID)
	}
	return nil, nil, E(ErrNoUserOrSession, "Pass organization_id and member_id, or a session_token or session_jwt.")
}

// appAllowed refuses a Connected App the Organization's settings do not
// let its Members use (first_party or third_party allowed type).
func appAllowed(o *store.Organization, c *store.ConnectedApp) error {
	list := o.ThirdPartyConnectedApps
	if c.FirstParty() {
		list = o.FirstPartyConnectedApps
	}
	switch list.AllowedType {
	case NotAllowed:
		return E(ErrConnectedAppNotAllowed, "The Organization does not allow %s Connected Apps.", c.ClientType)
	case Restricted:
		if !slices.Contains(list.Allowed, c.ID) {
			return E(ErrConnectedAppNotAllowed, "The Organization's allowed Connected Apps do not include this one.")
		}
	}
	return nil
}

// memberAuthorizeContext validates a B2B authorization request and
// resolves its Member, client and per-scope results (scopes of the
// project's B2B policy are decided on the Member's Roles).
func (s *Service) memberAuthorizeContext(tx *store.Tx, in MemberAuthorizeRequest) (*store.Organization, *store.Member, *store.ConnectedApp, []ScopeResult, error) {
	c, err := authorizingClient(tx, in.AuthorizeRequest)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	o, m, err := s.authorizingMember(tx, in)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if err := appAllowed(o, c); err != nil {
		return nil, nil, nil, nil, err
	}
	p := orgPolicy(tx, o)
	p.Scopes = tx.B2B.Policy.Scopes
	return o, m, c, scopeResults(p, roleIDs(memberRoles(tx, o, m)), c, in.Scopes), nil
}

// MemberAuthorizeStart checks a Connected App's authorization request for
// a Member (IDP.OAuth.AuthorizeStart) and says, per scope, what can be
// granted and whether the Member must be asked for consent (the Consumer
// rules, see AuthorizeStart).
func (s *Service) MemberAuthorizeStart(in MemberAuthorizeRequest) (*MemberAuthorizeCheck, error) {
	var out MemberAuthorizeCheck
	err := s.Store.View(func(tx *store.Tx) error {
		o, m, c, results, err := s.memberAuthorizeContext(tx, in)
		if err != nil {
			return err
		}
		out = MemberAuthorizeCheck{MemberResult: *s.memberResult(tx, o, m), Client: c.Clone(), Scopes: results,
			ConsentRequired: consentNeeded(tx, m.ID, c, in.AuthorizeRequest, results)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// MemberAuthorize records a Member's consent decision
// (IDP.OAuth.Authorize) as Authorize does for users: the redirect URI with
// error=access_denied, or with a single-use code for the grantable scopes,
// which the token endpoint exchanges for an access token of the Member.
func (s *Service) MemberAuthorize(in MemberAuthorizeRequest) (*Authorization, error) {
	var out Authorization
	err := s.Store.Update(func(tx *store.Tx) error {
		_, m, c, results, err := s.memberAuthorizeContext(tx, in)
		if err != nil {
			return err
		}
		return decideAuthorization(tx, m.ID, c, in.AuthorizeRequest, results, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
