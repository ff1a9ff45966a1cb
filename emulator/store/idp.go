package store

import (
	"slices"
	"time"
)

// IDPState holds the authorization codes and access tokens this project
// issued as an OAuth identity provider. Owned by the IdP group.
type IDPState struct {
	// Codes maps HashSecret(code) to a pending authorization code.
	Codes *Table[AuthCode] `json:"codes"`
	// Tokens maps an access token's jti to its record; a token whose jti is
	// missing (revoked, or its client deleted) is inactive.
	Tokens *Table[IssuedToken] `json:"tokens"`
}

func (s *IDPState) init(tr *tracker) {
	s.Codes = newTable[AuthCode](tr, "idp.codes")
	s.Tokens = newTable[IssuedToken](tr, "idp.tokens")
}

// AuthCode is an authorization code waiting to be redeemed at the token
// endpoint (single use).
type AuthCode struct {
	ClientID      string    `json:"client_id"`
	UserID        string    `json:"user_id"`
	Scopes        []string  `json:"scopes"`
	RedirectURI   string    `json:"redirect_uri"`
	CodeChallenge string    `json:"code_challenge,omitempty"`
	Nonce         string    `json:"nonce,omitempty"`
	Resources     []string  `json:"resources,omitempty"`
	ExpiresAt     time.Time `json:"expires_at"`
}

// Clone returns a deep copy of c.
func (c *AuthCode) Clone() AuthCode {
	out := *c
	out.Scopes = slices.Clone(c.Scopes)
	out.Resources = slices.Clone(c.Resources)
	return out
}

// IssuedToken records a Connected App access token so that introspection can
// tell a revoked token from a live one.
type IssuedToken struct {
	JTI       string    `json:"jti"`
	ClientID  string    `json:"client_id"`
	UserID    string    `json:"user_id"`
	Scopes    []string  `json:"scopes"`
	IssuedAt  time.Time `json:"issued_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// PruneIDP drops codes and tokens that expired before now.
func (s *State) PruneIDP(now time.Time) {
	for _, k := range s.IDP.Codes.Keys() {
		if !now.Before(s.IDP.Codes.m[k].ExpiresAt) {
			s.IDP.Codes.Delete(k)
		}
	}
	for _, k := range s.IDP.Tokens.Keys() {
		if !now.Before(s.IDP.Tokens.m[k].ExpiresAt) {
			s.IDP.Tokens.Delete(k)
		}
	}
}
