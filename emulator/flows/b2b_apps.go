package flows

import (
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// What Members hold at other parties: Connected App grants (the
// ConnectedApps.Grants of the project, keyed by member_id for B2B) and
// the tokens of their OAuth and OIDC SSO registrations.

// Stytch documents no action for the Connected App operations of
// Organizations and Members; the emulator names these, which only a
// wildcard permission (stytch_admin's) grants.
const (
	actionGetConnectedApps   = "get.connected-apps"
	actionRevokeConnectedApp = "revoke.connected-app"
)

// forgetMemberGrants revokes every Connected App grant of a Member with the
// codes and tokens issued under them.
func (s *Service) forgetMemberGrants(tx *store.Tx, memberID string) {
	var clients []string
	for _, g := range tx.ConnectedApps.Grants.All() {
		if g.UserID == memberID {
			clients = append(clients, g.ClientID)
		}
	}
	for _, c := range clients {
		tx.RevokeGrant(memberID, c)
	}
}

// memberGrants returns the live grants of the given Members, oldest first.
func memberGrants(tx *store.Tx, members map[string]bool) []*store.Grant {
	var out []*store.Grant
	for _, g := range tx.ConnectedApps.Grants.All() {
		if members[g.UserID] && tx.ConnectedApps.Clients.Peek(g.ClientID) != nil {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b *store.Grant) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.UserID+a.ClientID, b.UserID+b.ClientID)
	})
	return out
}

// liveMemberIDs returns the ids of an Organization's Members that are not
// deleted.
func liveMemberIDs(tx *store.Tx, orgID string) map[string]bool {
	out := map[string]bool{}
	for _, id := range tx.B2B.OrganizationMemberIDs(orgID) {
		if tx.B2B.Members.Peek(id).Status != store.MemberDeleted {
			out[id] = true
		}
	}
	return out
}

// OrganizationConnectedApps lists the Connected Apps that Members of an
// Organization have authorized, each once, by first authorization.
func (s *Service) OrganizationConnectedApps(orgRef string, caller B2BCaller) ([]store.ConnectedApp, error) {
	out := []store.ConnectedApp{}
	err := s.Store.View(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceOrganization, Action: actionGetConnectedApps}); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, g := range memberGrants(tx, liveMemberIDs(tx, o.ID)) {
			if !seen[g.ClientID] {
				seen[g.ClientID] = true
				out = append(out, tx.ConnectedApps.Clients.Get(g.ClientID).Clone())
			}
		}
		return nil
	})
	return out, err
}

// AppMembers is a Connected App and the Members of one Organization who
// authorized it (member_id -> granted scopes, in grant order).
type AppMembers struct {
	App     store.ConnectedApp
	Members []MemberGrant
}

// MemberGrant is one Member's grant to a Connected App.
type MemberGrant struct {
	MemberID string
	Scopes   []string
}

// OrganizationConnectedApp returns a Connected App with the Members of the
// Organization who authorized it (404 connected_app_not_found for an
// unknown app).
func (s *Service) OrganizationConnectedApp(orgRef, appID string, caller B2BCaller) (*AppMembers, error) {
	var out AppMembers
	err := s.Store.View(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceOrganization, Action: actionGetConnectedApps}); err != nil {
			return err
		}
		app := tx.ConnectedApps.Clients.Get(appID)
		if app == nil {
			return E(ErrConnectedAppNotFound, "Connected App could not be found.")
		}
		out.App, out.Members = app.Clone(), []MemberGrant{}
		for _, g := range memberGrants(tx, liveMemberIDs(tx, o.ID)) {
			if g.ClientID == app.ID {
				out.Members = append(out.Members, MemberGrant{MemberID: g.UserID, Scopes: slices.Clone(g.Scopes)})
			}
		}
		return nil
	})
	return &out, err
}

// MemberConnectedApps lists the Connected Apps a Member authorized, with
// the scopes granted.
func (s *Service) MemberConnectedApps(orgRef, memberRef string, caller B2BCaller) ([]UserGrant, error) {
	out := []UserGrant{}
	_, err := s.mutateMemberView(orgRef, memberRef, caller, []RBACNeed{{Resource: ResourceMember, Action: actionGetConnectedApps, SelfOK: true}},
		func(tx *store.Tx, _ *store.Organization, m *store.Member) error {
			for _, g := range memberGrants(tx, map[string]bool{m.ID: true}) {
				out = append(out, UserGrant{App: tx.ConnectedApps.Clients.Get(g.ClientID).Clone(), Scopes: slices.Clone(g.Scopes)})
			}
			return nil
		})
	return out, err
}

// RevokeMemberConnectedApp revokes a Member's grant to a Connected App and
// every code and token issued under it (a no-op when there is none; 404
// connected_app_not_found for an unknown app).
func (s *Service) RevokeMemberConnectedApp(orgRef, memberRef, appID string, caller B2BCaller) error {
	_, err := s.mutateMember(orgRef, memberRef, caller, []RBACNeed{{Resource: ResourceMember, Action: actionRevokeConnectedApp, SelfOK: true}},
		func(tx *store.Tx, _ *store.Organization, m *store.Member) error {
			if tx.ConnectedApps.Clients.Peek(appID) == nil {
				return E(ErrConnectedAppNotFound, "Connected App could not be found.")
			}
			tx.RevokeGrant(m.ID, appID)
			return nil
		})
	return err
}

// mutateMemberView is mutateMember for a read: it runs fn in a View.
func (s *Service) mutateMemberView(orgRef, memberRef string, caller B2BCaller, needs []RBACNeed,
	fn func(tx *store.Tx, o *store.Organization, m *store.Member) error) (*MemberResult, error) {
	return s.onMember(s.Store.View, orgRef, memberRef, caller, needs, fn)
}

// OAuth providers whose tokens a Member's registrations keep.
const (
	ProviderGoogle    = "Google"
	ProviderMicrosoft = "Microsoft"
	ProviderGitHub    = "GitHub"
	ProviderHubSpot   = "HubSpot"
	ProviderSlack     = "Slack"
)

// providerTokenLifetime is how long a refreshed provider access token is
// valid.
const providerTokenLifetime = time.Hour

// ProviderTokens is a Member's registrations with one OAuth provider (or
// its OIDC SSO registrations), as the provider-token operations return
// them, at Now.
type ProviderTokens struct {
	OAuth []store.MemberOAuthRegistration
	OIDC  []store.MemberSSORegistration
	Now   time.Time
}

// MemberOAuthTokens returns the tokens of a Member's registrations with an
// OAuth provider (Google, Microsoft, GitHub, HubSpot, Slack), as stored by
// the last OAuth login; 404 member_oauth_token_not_found without one.
// With refresh (Google, Microsoft) an expired access token is refreshed
// first, which needs a refresh token (400 missing_oauth_refresh_token). The
// refresh token is returned only when includeRefresh.
func (s *Service) MemberOAuthTokens(orgRef, memberRef, provider string, refresh, includeRefresh bool) (*ProviderTokens, error) {
	var out ProviderTokens
	err := s.Store.Update(func(tx *store.Tx) error {
		_, m, err := orgAndMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		for i := range m.OAuthRegistrations {
			r := &m.OAuthRegistrations[i]
			if !strings.EqualFold(r.ProviderType, provider) {
				continue
			}
			if refresh && !tx.Now.Before(r.AccessTokenExpiresAt) {
				if r.RefreshToken == "" {
					return E(ErrMissingOAuthRefreshToken, "The %s access token has expired and there is no refresh token to renew it.", provider)
				}
				r.AccessToken, r.AccessTokenExpiresAt = store.NewToken(), tx.Now.Add(providerTokenLifetime)
			}
			c := *store.DeepCopy(r)
			if !includeRefresh {
				c.RefreshToken = ""
			}
			out.OAuth = append(out.OAuth, c)
		}
		if len(out.OAuth) == 0 {
			return E(ErrMemberOAuthTokenNotFound, "The Member has no %s OAuth registration.", provider)
		}
		out.Now = tx.Now
		return nil
	})
	return &out, err
}

// MemberOIDCTokens returns the tokens of a Member's OIDC SSO registrations,
// refreshing expired access tokens (400 missing_oidc_refresh_token without
// a refresh token); 404 member_oidc_token_not_found without one.
func (s *Service) MemberOIDCTokens(orgRef, memberRef string, includeRefresh bool) (*ProviderTokens, error) {
	var out ProviderTokens
	err := s.Store.Update(func(tx *store.Tx) error {
		_, m, err := orgAndMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		for i := range m.SSORegistrations {
			r := &m.SSORegistrations[i]
			if !r.OIDC {
				continue
			}
			if !tx.Now.Before(r.AccessTokenExpiresAt) {
				if r.RefreshToken == "" {
					return E(ErrMissingOIDCRefreshToken, "The OIDC access token has expired and there is no refresh token to renew it.")
				}
				r.AccessToken, r.AccessTokenExpiresAt = store.NewToken(), tx.Now.Add(providerTokenLifetime)
			}
			c := *store.DeepCopy(r)
			if !includeRefresh {
				c.RefreshToken = ""
			}
			out.OIDC = append(out.OIDC, c)
		}
		if len(out.OIDC) == 0 {
			return E(ErrMemberOIDCTokenNotFound, "The Member has no OIDC SSO registration.")
		}
		out.Now = tx.Now
		return nil
	})
	return &out, err
}

// IssueMemberAccessToken records that a Member granted a Connected App
// the given scopes and issues an access token for them, as the B2B
// identity provider's authorization and token steps do: sub is the
// member_id and the https://stytch.com/organization claim names the
// Member's Organization. The token lives as long as the app's access
// tokens (access_token_expiry_minutes) and until the grant is revoked.
func (s *Service) IssueMemberAccessToken(memberID, clientID string, scopes []string) (*AccessToken, error) {
	var claims jwt.MapClaims
	var lifetime time.Duration
	err := s.Store.Update(func(tx *store.Tx) error {
		m := tx.B2B.Members.Get(memberID)
		if m == nil || m.Status == store.MemberDeleted {
			return ErrMemberNotFound.New()
		}
		o := tx.B2B.Organizations.Get(m.OrganizationID)
		c := tx.ConnectedApps.Clients.Get(clientID)
		if c == nil || o == nil {
			return E(ErrConnectedAppNotFound, "Connected App could not be found.")
		}
		key := store.GrantKey(m.ID, c.ID)
		g := tx.ConnectedApps.Grants.Get(key)
		if g == nil {
			g = &store.Grant{UserID: m.ID, ClientID: c.ID, CreatedAt: tx.Now}
			tx.ConnectedApps.Grants.Put(key, g)
		}
		g.Scopes, g.UpdatedAt = slices.Clone(scopes), tx.Now
		lifetime = time.Duration(c.AccessTokenExpiryMinutes) * time.Minute
		jti := store.NewToken()
		claims = jwt.MapClaims{"iss": s.Issuer(), "sub": m.ID, "aud": []string{s.ProjectID}, "client_id": c.ID,
			"scope": strings.Join(scopes, " "), "iat": tx.Now.Unix(), "nbf": tx.Now.Unix(),
			"exp": tx.Now.Add(lifetime).Unix(), "jti": jti,
			OrganizationClaimKey: map[string]any{"organization_id": o.ID, "slug": o.Slug}}
		tx.IDP.Tokens.Put(jti, &store.IssuedToken{JTI: jti, ClientID: c.ID, UserID: m.ID, Scopes: slices.Clone(scopes),
			IssuedAt: tx.Now, ExpiresAt: tx.Now.Add(lifetime)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.signAccessToken(claims, lifetime)
}
