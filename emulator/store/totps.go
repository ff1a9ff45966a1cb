package store

// TOTP is an authenticator-app registration of a user. Owned by the TOTP group.
type TOTP struct {
	ID            string         `json:"id"`
	Secret        string         `json:"secret"`
	Verified      bool           `json:"verified"`
	RecoveryCodes []RecoveryCode `json:"recovery_codes"`
}

// RecoveryCode is one single-use TOTP recovery code.
type RecoveryCode struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Used bool   `json:"used"`
}

// TOTPState is project-wide TOTP state beyond what lives on User.
type TOTPState struct{}

func (s *TOTPState) ensure() {}
