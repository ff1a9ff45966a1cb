package store

import "time"

// WebAuthnRegistration is a passkey / WebAuthn credential of a user. Owned by
// the WebAuthn group (flows/webauthn.go).
type WebAuthnRegistration struct {
	ID                string `json:"id"`
	Domain            string `json:"domain"`
	UserAgent         string `json:"user_agent"`
	Verified          bool   `json:"verified"`
	AuthenticatorType string `json:"authenticator_type,omitempty"`
	Name              string `json:"name,omitempty"`
	// CredentialID and PublicKey (COSE) identify the credential.
	CredentialID []byte `json:"credential_id,omitempty"`
	PublicKey    []byte `json:"public_key,omitempty"`
	SignCount    uint32 `json:"sign_count"`
	// UserHandle is the user.id the credential was created for (the user_id,
	// or the override_id of register/start).
	UserHandle []byte `json:"user_handle,omitempty"`
	// Credential is the verifier's full credential record (JSON), replaced
	// after every authentication.
	Credential []byte    `json:"credential,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// BiometricRegistration is a mobile biometric registration of a user.
type BiometricRegistration struct {
	ID       string `json:"id"`
	Verified bool   `json:"verified"`
}

// WebAuthn ceremony kinds.
const (
	CeremonyRegister     = "register"
	CeremonyAuthenticate = "authenticate"
)

// WebAuthnChallenge is a pending WebAuthn ceremony, single use.
type WebAuthnChallenge struct {
	Kind   string `json:"kind"`    // CeremonyRegister or CeremonyAuthenticate
	UserID string `json:"user_id"` // "" for a discoverable (passkey) login
	Domain string `json:"domain"`
	// UserAgent and AuthenticatorType are recorded on the registration.
	UserAgent         string `json:"user_agent,omitempty"`
	AuthenticatorType string `json:"authenticator_type,omitempty"`
	// Session is the verifier's session data (JSON) for the finish step.
	Session   []byte    `json:"session"`
	ExpiresAt time.Time `json:"expires_at"`
}

// WebAuthnState holds pending WebAuthn ceremonies.
type WebAuthnState struct {
	// Challenges maps a challenge (base64url, as in clientDataJSON) to its
	// pending ceremony.
	Challenges *Table[WebAuthnChallenge] `json:"challenges"`
}

func (s *WebAuthnState) init(tr *tracker) {
	s.Challenges = newTable[WebAuthnChallenge](tr, "webauthn.challenges")
}
