package store

import (
	"slices"
	"time"
)

// ConnectedAppsState holds Connected App clients and the grants users gave
// them. Owned by the connected apps group.
type ConnectedAppsState struct {
	// Clients maps client_id to the client.
	Clients *Table[ConnectedApp] `json:"clients"`
	// Grants maps GrantKey(user_id, client_id) to what the user consented to.
	Grants *Table[Grant] `json:"grants"`
}

func (s *ConnectedAppsState) init(tr *tracker) {
	s.Clients = newTable[ConnectedApp](tr, "connected_apps.clients")
	s.Grants = newTable[Grant](tr, "connected_apps.grants")
}

// ConnectedApp is an OAuth client of the project's identity provider.
// Public client types have no secret.
type ConnectedApp struct {
	ID                            string        `json:"id"`
	Name                          string        `json:"name"`
	Description                   string        `json:"description"`
	Status                        string        `json:"status"`
	ClientType                    string        `json:"client_type"`
	FullAccessAllowed             bool          `json:"full_access_allowed"`
	RedirectURLs                  []string      `json:"redirect_urls"`
	PostLogoutRedirectURLs        []string      `json:"post_logout_redirect_urls"`
	AccessTokenExpiryMinutes      int32         `json:"access_token_expiry_minutes"`
	AccessTokenCustomAudience     string        `json:"access_token_custom_audience,omitempty"`
	AccessTokenTemplateContent    string        `json:"access_token_template_content,omitempty"`
	IDTokenTemplateContent        string        `json:"id_token_template_content,omitempty"`
	LogoURL                       string        `json:"logo_url,omitempty"`
	BypassConsentForOfflineAccess bool          `json:"bypass_consent_for_offline_access"`
	CreationMethod                string        `json:"creation_method"`
	Secrets                       ClientSecrets `json:"secrets"`
	CreatedAt                     time.Time     `json:"created_at"`
}

// Public reports whether the client type has no secret.
func (c *ConnectedApp) Public() bool {
	return c.ClientType == "first_party_public" || c.ClientType == "third_party_public"
}

// FirstParty reports whether the client is one of the project's own apps.
func (c *ConnectedApp) FirstParty() bool {
	return c.ClientType == "first_party" || c.ClientType == "first_party_public"
}

// Clone returns a deep copy of c.
func (c *ConnectedApp) Clone() ConnectedApp {
	out := *c
	out.RedirectURLs = slices.Clone(c.RedirectURLs)
	out.PostLogoutRedirectURLs = slices.Clone(c.PostLogoutRedirectURLs)
	return out
}

// Grant is what a user consented to give a Connected App.
type Grant struct {
	UserID    string    `json:"user_id"`
	ClientID  string    `json:"client_id"`
	Scopes    []string  `json:"scopes"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// GrantKey is the key of a user's grant to a client in Grants.
func GrantKey(userID, clientID string) string { return userID + " " + clientID }

// RevokeGrant forgets a user's grant to a client and invalidates every
// authorization code and access token issued under it. It reports whether
// there was anything to revoke.
func (s *State) RevokeGrant(userID, clientID string) bool {
	key := GrantKey(userID, clientID)
	had := s.ConnectedApps.Grants.Has(key)
	s.ConnectedApps.Grants.Delete(key)
	for _, code := range s.IDP.Codes.Keys() {
		if c := s.IDP.Codes.Get(code); c.UserID == userID && c.ClientID == clientID {
			s.IDP.Codes.Delete(code)
			had = true
		}
	}
	for _, jti := range s.IDP.Tokens.Keys() {
		if t := s.IDP.Tokens.Get(jti); t.UserID == userID && t.ClientID == clientID {
			s.IDP.Tokens.Delete(jti)
			had = true
		}
	}
	return had
}

// DeleteConnectedApp removes a client with its grants, codes and tokens.
func (s *State) DeleteConnectedApp(clientID string) {
	s.ConnectedApps.Clients.Delete(clientID)
	var users []string
	for _, g := range s.ConnectedApps.Grants.All() {
		if g.ClientID == clientID {
			users = append(users, g.UserID)
		}
	}
	for _, u := range users {
		s.RevokeGrant(u, clientID)
	}
	for _, code := range s.IDP.Codes.Keys() {
		if s.IDP.Codes.Get(code).ClientID == clientID {
			s.IDP.Codes.Delete(code)
		}
	}
	for _, jti := range s.IDP.Tokens.Keys() {
		if s.IDP.Tokens.Get(jti).ClientID == clientID {
			s.IDP.Tokens.Delete(jti)
		}
	}
}
