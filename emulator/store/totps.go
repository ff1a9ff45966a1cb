package store

import "time"

// TOTP is an authenticator-app registration of a user. Owned by the TOTP
// group (flows/totps.go).
type TOTP struct {
	ID string `json:"id"`
	// Secret is the RFC 4648 base32 shared secret (32 characters, no padding).
	Secret   string `json:"secret"`
	Verified bool   `json:"verified"`
	// RecoveryCodes are the ten single-use codes issued with the TOTP.
	RecoveryCodes []RecoveryCode `json:"recovery_codes"`
	CreatedAt     time.Time      `json:"created_at"`
	// ExpiresAt is when an unverified TOTP stops being usable (the
	// expiration_minutes of the create call); it is meaningless once
	// Verified is true.
	ExpiresAt time.Time `json:"expires_at"`
	// LastStep is the RFC 6238 time step of the last accepted code, so that
	// a code cannot be replayed within its validity window (0: none yet).
	LastStep uint64 `json:"last_step"`
}

// Usable reports whether t may be authenticated at now: verified, or
// unverified and not yet expired.
func (t *TOTP) Usable(now time.Time) bool { return t.Verified || now.Before(t.ExpiresAt) }

// RecoveryCode is one single-use TOTP recovery code.
type RecoveryCode struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Used bool   `json:"used"`
}

// TOTPState is project-wide TOTP state beyond what lives on User: nothing
// yet, every TOTP lives on its user.
type TOTPState struct{}
