package flows

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// AuthCodeLifetime is how long an authorization code may wait to be redeemed
// (RFC 6749 section 4.1.2 recommends at most ten minutes).
const AuthCodeLifetime = 10 * time.Minute

// FullAccessScope lets a first-party client exchange its access token for a
// session of the user (Sessions.ExchangeAccessToken).
const FullAccessScope = "full_access"

// oidcScopes are the OpenID Connect scopes every client may be granted.
var oidcScopes = map[string]string{
	"openid":         "Verify your identity.",
	"profile":        "View your name and profile picture.",
	"email":          "View your email address.",
	"phone":          "View your phone number.",
	"offline_access": "Stay signed in when you are away.",
}

// AuthorizeRequest is the body of IDPOAuthAuthorizeStart and (with the
// consent decision and the code parameters) IDPOAuthAuthorize. The user is
// named by UserID, by a session (token or JWT), or by both if they agree.
type AuthorizeRequest struct {
	ClientID, RedirectURI, ResponseType, Prompt string
	Scopes                                      []string
	UserID, SessionToken, SessionJWT            *string
	// ConsentGranted, State, Nonce, CodeChallenge and Resources are used by
	// Authorize only.
	ConsentGranted              bool
	State, Nonce, CodeChallenge string
	Resources                   []string
}

// ScopeResult says whether one requested scope can be granted.
type ScopeResult struct {
	Scope, Description string
	Grantable          bool
}

// AuthorizeCheck is the result of AuthorizeStart.
type AuthorizeCheck struct {
	User            store.User
	Client          store.ConnectedApp
	ConsentRequired bool
	Scopes          []ScopeResult
}

// AuthorizeStart checks an authorization request of a Connected App for a
// user and says, per scope, what can be granted and whether the user must be
// asked for consent: always with prompt=consent; otherwise when a grantable
// scope is not yet granted and the client is third-party, or first-party
// asking for offline_access without bypass_consent_for_offline_access.
func (s *Service) AuthorizeStart(in AuthorizeRequest) (*AuthorizeCheck, error) {
	var out AuthorizeCheck
	err := s.Store.View(func(tx *store.Tx) error {
		u, c, results, err := s.authorizeContext(tx, in)
		if err != nil {
			return err
		}
		out = AuthorizeCheck{User: u.Clone(), Client: c.Clone(), Scopes: results,
			ConsentRequired: consentRequired(tx, u, c, in, results)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Authorization is the result of Authorize: where to send the user agent
// and, when consent was granted, the code added to that URI.
type Authorization struct {
	RedirectURI, Code string
}

// Authorize records the user's decision. Without consent the redirect URI
// carries error=access_denied; with it, the grantable scopes are added to
// the user's grant and a single-use code (AuthCodeLifetime) is added to the
// redirect URI with the state.
func (s *Service) Authorize(in AuthorizeRequest) (*Authorization, error) {
	var out Authorization
	err := s.Store.Update(func(tx *store.Tx) error {
		u, c, results, err := s.authorizeContext(tx, in)
		if err != nil {
			return err
		}
		return decideAuthorization(tx, u.ID, c, in, results, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// decideAuthorization records the decision of subject (a user_id, or a
// member_id for the B2B identity provider) on an authorization request
// for c: without consent the redirect URI carries error=access_denied;
// with it, the grantable scopes join the grant and a single-use code
// (AuthCodeLifetime) is added to the redirect URI with the state.
func decideAuthorization(tx *store.Tx, subject string, c *store.ConnectedApp, in AuthorizeRequest, results []ScopeResult, out *Authorization) error {
	if c.Public() && in.CodeChallenge == "" {
		return E(ErrMissingCodeChallenge, "Public clients must use PKCE: pass a code_challenge.")
	}
	if !in.ConsentGranted {
		out.RedirectURI = withQuery(in.RedirectURI, "error", "access_denied", "state", in.State)
		return nil
	}
	granted := make([]string, 0, len(results))
	for _, r := range results {
		if r.Grantable {
			granted = append(granted, r.Scope)
		}
	}
	g := tx.ConnectedApps.Grants.Get(store.GrantKey(subject, c.ID))
	if g == nil {
		g = &store.Grant{UserID: subject, ClientID: c.ID, Scopes: []string{}, CreatedAt: tx.Now}
		tx.ConnectedApps.Grants.Put(store.GrantKey(subject, c.ID), g)
	}
	for _, sc := range granted {
		if !slices.Contains(g.Scopes, sc) {
			g.Scopes = append(g.Scopes, sc)
		}
	}
	g.UpdatedAt = tx.Now
	tx.PruneIDP(tx.Now)
	code := store.NewToken()
	tx.IDP.Codes.Put(store.HashSecret(code), &store.AuthCode{ClientID: c.ID, UserID: subject, Scopes: granted,
		RedirectURI: in.RedirectURI, CodeChallenge: in.CodeChallenge, Nonce: in.Nonce,
		Resources: slices.Clone(in.Resources), ExpiresAt: tx.Now.Add(AuthCodeLifetime)})
	*out = Authorization{RedirectURI: withQuery(in.RedirectURI, "code", code, "state", in.State), Code: code}
	return nil
}

// authorizeContext validates an authorization request and resolves its user,
// client and per-scope results.
func (s *Service) authorizeContext(tx *store.Tx, in AuthorizeRequest) (*store.User, *store.ConnectedApp, []ScopeResult, error) {
	c, err := authorizingClient(tx, in)
	if err != nil {
		return nil, nil, nil, err
	}
	u, err := s.authorizingUser(tx, in)
	if err != nil {
		return nil, nil, nil, err
	}
	return u, c, scopeResults(tx.Policy, Roles(u), c, in.Scopes), nil
}

// authorizingClient checks the client, response type, redirect URI and
// prompt of an authorization request and returns the client.
func authorizingClient(tx *store.Tx, in AuthorizeRequest) (*store.ConnectedApp, error) {
	c, err := connectedApp(tx, in.ClientID)
	if err != nil {
		return nil, err
	}
	if in.ResponseType != "code" {
		return nil, E(ErrUnsupportedResponseType, "response_type must be code.")
	}
	if !slices.Contains(c.RedirectURLs, in.RedirectURI) {
		return nil, E(ErrInvalidRedirectURI, "redirect_uri is not one of the Connected App's redirect_urls.")
	}
	for _, p := range strings.Fields(in.Prompt) {
		if p != "consent" {
			return nil, E(ErrInvalidPrompt, "The only supported prompt is consent.")
		}
	}
	return c, nil
}

// scopeResults decides each requested scope (once, in order) for roles
// under p.
func scopeResults(p store.Policy, roles []string, c *store.ConnectedApp, scopes []string) []ScopeResult {
	results := make([]ScopeResult, 0, len(scopes))
	seen := map[string]bool{}
	for _, sc := range scopes {
		if sc == "" || seen[sc] {
			continue
		}
		seen[sc] = true
		results = append(results, scopeResult(p, roles, c, sc))
	}
	return results
}

// authorizingUser resolves the user of an authorization request.
func (s *Service) authorizingUser(tx *store.Tx, in AuthorizeRequest) (*store.User, error) {
	var u *store.User
	if in.SessionToken != nil || in.SessionJWT != nil {
		sess, err := s.lookupSession(tx, in.SessionToken, in.SessionJWT)
		if err != nil {
			return nil, err
		}
		if u = tx.Users.Get(sess.UserID); u == nil {
			return nil, ErrSessionNotFound.New()
		}
	}
	if in.UserID != nil {
		named := tx.User(*in.UserID)
		if named == nil {
			return nil, ErrUserNotFound.New()
		}
		if u != nil && u.ID != named.ID {
			return nil, E(ErrSessionUserMismatch, "The session belongs to a different user.")
		}
		u = named
	}
	if u == nil {
		return nil, E(ErrNoUserOrSession, "Pass a user_id, session_token or session_jwt.")
	}
	return u, nil
}

// scopeResult decides whether a scope can be granted: OIDC scopes always;
// full_access only to first-party clients with full_access_allowed; an RBAC
// policy scope when the user's roles hold every permission it maps to.
func scopeResult(p store.Policy, roles []string, c *store.ConnectedApp, scope string) ScopeResult {
	if d, ok := oidcScopes[scope]; ok {
		return ScopeResult{Scope: scope, Description: d, Grantable: true}
	}
	if scope == FullAccessScope {
		return ScopeResult{Scope: scope, Description: "Full access to your account.",
			Grantable: c.FirstParty() && c.FullAccessAllowed}
	}
	for _, ps := range p.Scopes {
		if ps.Scope != scope {
			continue
		}
		ok := len(ps.Permissions) > 0
		for _, perm := range ps.Permissions {
			for _, action := range perm.Actions {
				ok = ok && authorize(p, roles, AuthzCheck{ResourceID: perm.ResourceID, Action: action}).Authorized
			}
		}
		return ScopeResult{Scope: scope, Description: ps.Description, Grantable: ok}
	}
	return ScopeResult{Scope: scope, Grantable: false}
}

func consentRequired(tx *store.Tx, u *store.User, c *store.ConnectedApp, in AuthorizeRequest, results []ScopeResult) bool {
	return consentNeeded(tx, u.ID, c, in, results)
}

// consentNeeded is consentRequired for subject (a user_id or member_id).
func consentNeeded(tx *store.Tx, subject string, c *store.ConnectedApp, in AuthorizeRequest, results []ScopeResult) bool {
	if slices.Contains(strings.Fields(in.Prompt), "consent") {
		return true
	}
	var granted []string
	if g := tx.ConnectedApps.Grants.Get(store.GrantKey(subject, c.ID)); g != nil {
		granted = g.Scopes
	}
	for _, r := range results {
		if !r.Grantable || slices.Contains(granted, r.Scope) {
			continue
		}
		if !c.FirstParty() || (r.Scope == "offline_access" && !c.BypassConsentForOfflineAccess) {
			return true
		}
	}
	return false
}

// withQuery adds key/value pairs (skipping empty values) to a URI's query.
func withQuery(raw string, kv ...string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}
