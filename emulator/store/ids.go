package store

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"math/big"

	"github.com/google/uuid"
)

// ID kinds used by NewID; each becomes the prefix of a Stytch-style id such as
// "user-test-<uuid>".
const (
	KindUser           = "user"
	KindSession        = "session"
	KindEmail          = "email"
	KindPhone          = "phone-number"
	KindPassword       = "password"
	KindTOTP           = "totp"
	KindWebAuthn       = "webauthn-registration"
	KindBiometric      = "biometric-registration"
	KindCryptoWallet   = "crypto-wallet"
	KindOAuth          = "oauth-user-registration"
	KindM2MClient      = "m2m-client"
	KindConnectedApp   = "connected-app"
	KindJWK            = "jwk"
	KindRequestID      = "request-id"
	KindMessage        = "message"
	KindRecoveryCode   = "totp-recovery-code"
	KindEmbeddedMethod = "embedded"
)

// NewID returns "<kind>-<env>-<uuid v4>", the format of every Stytch object id;
// env is "test" or "live".
func NewID(kind, env string) string {
	return kind + "-" + env + "-" + uuid.NewString()
}

// NewToken returns a 44-character URL-safe base64 secret (33 random bytes,
// unpadded): the shape of Stytch session, OAuth and reset tokens.
func NewToken() string {
	b := make([]byte, 33)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+).
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewMagicLinkToken returns a 44-character URL-safe base64 token ending in "=",
// the shape of Stytch magic-link tokens (32 random bytes, padded).
func NewMagicLinkToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.URLEncoding.EncodeToString(b)
}

// NewCode returns a uniformly random 6-digit one-time passcode, leading zeros
// kept.
func NewCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(fmt.Sprintf("store: crypto/rand failed: %v", err)) // unreachable since Go 1.24
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// NewSecret returns a client secret in Stytch's shape: "secret-<env>-" and 36
// URL-safe base64 characters.
func NewSecret(env string) string {
	b := make([]byte, 27)
	_, _ = rand.Read(b)
	return "secret-" + env + "-" + base64.RawURLEncoding.EncodeToString(b)
}
