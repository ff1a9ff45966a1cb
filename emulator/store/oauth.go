package store

import "time"

// Provider is an OAuth provider registration of a user. Owned by the OAuth
// group (flows/oauth.go).
type Provider struct {
	ID                string `json:"id"` // oauth_user_registration_id
	Type              string `json:"type"`
	Subject           string `json:"subject"`
	ProfilePictureURL string `json:"profile_picture_url,omitempty"`
	Locale            string `json:"locale,omitempty"`
}

// OAuthToken is the single-use token the emulated identity provider hands
// back on the redirect URL (stytch_token_type=oauth), with what
// /v1/oauth/authenticate returns for it.
type OAuthToken struct {
	UserID         string    `json:"user_id"`
	RegistrationID string    `json:"registration_id"`
	Provider       string    `json:"provider"`
	Subject        string    `json:"subject"`
	EmailID        string    `json:"email_id,omitempty"`
	CodeChallenge  string    `json:"code_challenge,omitempty"`
	ExpiresAt      time.Time `json:"expires_at"`
	Used           bool      `json:"used"`
	// The provider's own tokens, as the IdP would have issued them.
	AccessToken  string   `json:"access_token"`
	RefreshToken string   `json:"refresh_token"`
	IDToken      string   `json:"id_token"`
	Scopes       []string `json:"scopes"`
}

// OAuthAttachToken lets the next OAuth start link the provider to an
// existing user instead of finding or creating one. Single use.
type OAuthAttachToken struct {
	UserID    string    `json:"user_id"`
	Provider  string    `json:"provider"`
	ExpiresAt time.Time `json:"expires_at"`
}

// OAuthState holds pending OAuth and attach tokens.
type OAuthState struct {
	// Tokens maps an OAuth token to its pending data.
	Tokens *Table[OAuthToken] `json:"tokens"`
	// AttachTokens maps an oauth_attach_token to the user it attaches to.
	AttachTokens *Table[OAuthAttachToken] `json:"attach_tokens"`
}

func (s *OAuthState) init(tr *tracker) {
	s.Tokens = newTable[OAuthToken](tr, "oauth.tokens")
	s.AttachTokens = newTable[OAuthAttachToken](tr, "oauth.attach_tokens")
}
