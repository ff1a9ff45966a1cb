package store

import "time"

// ExternalIDPToken is an access token of the emulated external OIDC identity
// provider (the legacy provider a project migrates from). Sessions.Migrate
// hands it to the provider's UserInfo endpoint, which answers these claims.
// Owned by flows/sessions_migrate.go; minted from the control plane.
type ExternalIDPToken struct {
	Email         string    `json:"email"`
	Name          string    `json:"name,omitempty"`
	EmailVerified bool      `json:"email_verified"`
	IssuedAt      time.Time `json:"issued_at"`
	ExpiresAt     time.Time `json:"expires_at"`
}

// TrustedKey is one public key of a trusted token profile, as PKIX PEM, with
// the key id (kid) a token header may name; Kid "" matches any token.
type TrustedKey struct {
	Kid string `json:"kid,omitempty"`
	PEM string `json:"pem"`
}

// TrustedTokenProfile is a Trusted Auth Token profile: the issuer whose
// JWTs Sessions.Attest accepts, the audience they must carry, the keys that
// verify them and the claims mapped to Stytch attributes. Owned by
// flows/sessions_attest.go; created from the control plane. Profiles are
// never changed after creation.
type TrustedTokenProfile struct {
	ID       string       `json:"id"`
	Name     string       `json:"name,omitempty"`
	Issuer   string       `json:"issuer"`
	Audience string       `json:"audience"`
	Keys     []TrustedKey `json:"keys"`
	// EmailClaim and TokenIDClaim name the JWT claims mapped to the user's
	// email and to the factor's token_id.
	EmailClaim   string `json:"email_claim"`
	TokenIDClaim string `json:"token_id_claim"`
	// AllowJITProvisioning lets a token create the user its email names.
	AllowJITProvisioning bool      `json:"allow_jit_provisioning"`
	CreatedAt            time.Time `json:"created_at"`
}

// ExternalSessionsState holds what Sessions.Migrate and Sessions.Attest
// trust: the emulated external IdP's access tokens and the trusted token
// profiles.
type ExternalSessionsState struct {
	// IDPTokens maps an external access token to what its UserInfo returns.
	IDPTokens *Table[ExternalIDPToken] `json:"idp_tokens"`
	// TrustedProfiles maps a profile id to its profile.
	TrustedProfiles *Table[TrustedTokenProfile] `json:"trusted_profiles"`
}

func (s *ExternalSessionsState) init(tr *tracker) {
	s.IDPTokens = newTable[ExternalIDPToken](tr, "external.idp_tokens")
	s.TrustedProfiles = newTable[TrustedTokenProfile](tr, "external.trusted_profiles")
}
