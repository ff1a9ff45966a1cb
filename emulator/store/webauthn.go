package store

// WebAuthnRegistration is a passkey / WebAuthn credential of a user. Owned by
// the WebAuthn group.
type WebAuthnRegistration struct {
	ID                string `json:"id"`
	Domain            string `json:"domain"`
	UserAgent         string `json:"user_agent"`
	Verified          bool   `json:"verified"`
	AuthenticatorType string `json:"authenticator_type,omitempty"`
	Name              string `json:"name,omitempty"`
	CredentialID      []byte `json:"credential_id,omitempty"`
	PublicKey         []byte `json:"public_key,omitempty"`
	SignCount         uint32 `json:"sign_count"`
}

// BiometricRegistration is a mobile biometric registration of a user.
type BiometricRegistration struct {
	ID       string `json:"id"`
	Verified bool   `json:"verified"`
}

// WebAuthnState holds pending WebAuthn ceremonies (challenges).
type WebAuthnState struct {
	// Challenges maps a challenge (base64url) to its pending ceremony data.
	Challenges map[string]map[string]any `json:"challenges"`
}

func (s *WebAuthnState) ensure() {
	if s.Challenges == nil {
		s.Challenges = map[string]map[string]any{}
	}
}
