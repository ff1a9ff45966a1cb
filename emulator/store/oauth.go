package store

// Provider is an OAuth provider registration of a user. Owned by the OAuth
// group.
type Provider struct {
	ID                string `json:"id"` // oauth_user_registration_id
	Type              string `json:"type"`
	Subject           string `json:"subject"`
	ProfilePictureURL string `json:"profile_picture_url,omitempty"`
	Locale            string `json:"locale,omitempty"`
}

// OAuthState holds pending OAuth tokens.
type OAuthState struct {
	// Tokens maps an OAuth token to its pending data.
	Tokens map[string]map[string]any `json:"tokens"`
}

func (s *OAuthState) ensure() {
	if s.Tokens == nil {
		s.Tokens = map[string]map[string]any{}
	}
}
