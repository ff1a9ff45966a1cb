// Package store holds the state of the Stytch emulator: users and their
// factors, sessions, pending magic links, OTP codes, reset tokens, the outbox
// of "sent" messages, the RBAC policy and the JWT signing key.
//
// All state sits behind one mutex and is reached only through Update (read-
// write) and View (read-only) callbacks, so a whole authentication flow
// (consume a token, update the user, mint a session) is atomic. Time comes from
// an injected clock plus an offset that tests move forward with Advance. The
// package knows nothing about HTTP.
package store

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Options configures a Store.
type Options struct {
	// Env is "test" or "live"; it goes into every generated id. Default "test".
	Env string
	// Clock returns the current time; default time.Now.
	Clock func() time.Time
	// Logger receives one line per outbox message (never its secrets).
	// Default: discard.
	Logger *slog.Logger
	// SigningKey, when set, signs session JWTs instead of a freshly generated
	// RSA-2048 key (tests share one to skip key generation).
	SigningKey *rsa.PrivateKey
}

// Store is the emulator's state and the mutex guarding it.
type Store struct {
	mu    sync.RWMutex
	st    *State
	env   string
	clock func() time.Time
	log   *slog.Logger
	key   *rsa.PrivateKey // parsed st.Keys[0]
}

// New returns an empty Store with a signing key.
func New(opts Options) (*Store, error) {
	s := &Store{env: opts.Env, clock: opts.Clock, log: opts.Logger}
	if s.env == "" {
		s.env = "test"
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	key := opts.SigningKey
	if key == nil {
		var err error
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return nil, fmt.Errorf("store: generate signing key: %w", err)
		}
	}
	s.st = newState()
	s.setKey(key)
	return s, nil
}

// setKey installs key as the signing key; caller holds mu or owns s.
func (s *Store) setKey(key *rsa.PrivateKey) {
	s.key = key
	block := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	s.st.Keys = []SigningKey{{Kid: NewID(KindJWK, s.env), PEM: string(block)}}
}

// Env returns "test" or "live".
func (s *Store) Env() string { return s.env }

// Tx is the view of the state given to an Update or View callback. It is only
// valid during the callback.
type Tx struct {
	*State
	// Now is the emulator time at the start of the callback.
	Now time.Time
	// Key verifies and signs session JWTs; Kid names it. (Store.SigningKey
	// must not be called inside a callback: the lock is not reentrant.)
	Key *rsa.PrivateKey
	Kid string
	env string
	log *slog.Logger
}

// NewID returns a new id of the given kind in the store's environment.
func (tx *Tx) NewID(kind string) string { return NewID(kind, tx.env) }

// Send appends a message to the outbox and logs that it was sent (without its
// token, code or link).
func (tx *Tx) Send(m Message) Message {
	m.ID = tx.NewID(KindMessage)
	m.CreatedAt = tx.Now
	tx.Outbox = append(tx.Outbox, m)
	tx.log.Info("emulator sent message", "channel", m.Channel, "to", m.To, "kind", m.Kind,
		"method_id", m.MethodID, "hint", "GET /emulator/v1/messages shows the token or code")
	return m
}

// Update runs fn with exclusive access to the state. Changes fn makes are kept
// even when it returns an error (a wrong OTP must still count toward the
// lockout), so fn must check before it changes anything it would not keep.
func (s *Store) Update(fn func(tx *Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fn(s.tx())
}

// View runs fn with shared read access to the state; fn must not change it.
func (s *Store) View(fn func(tx *Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(s.tx())
}

func (s *Store) tx() *Tx {
	return &Tx{State: s.st, Now: s.nowLocked(), Key: s.key, Kid: s.st.Keys[0].Kid, env: s.env, log: s.log}
}

func (s *Store) nowLocked() time.Time {
	return s.clock().Add(s.st.ClockOffset).UTC().Truncate(time.Millisecond)
}

// Now returns the emulator's current time (the clock plus every Advance).
func (s *Store) Now() time.Time {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.nowLocked()
}

// Advance moves the emulator clock forward by d (negative d is refused) and
// returns the new time.
func (s *Store) Advance(d time.Duration) (time.Time, error) {
	if d < 0 {
		return time.Time{}, fmt.Errorf("store: cannot move the clock backwards (%s)", d)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.ClockOffset += d
	return s.nowLocked(), nil
}

// Reset forgets every user, session, token and message and the clock offset,
// and restores the default RBAC policy. The signing key is kept so that JWKS
// caches of running clients stay valid.
func (s *Store) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := s.st.Keys
	s.st = newState()
	s.st.Keys = keys
}

// Messages returns a copy of the outbox, oldest first; when to is not empty
// only messages to that address or number (case-insensitive) are returned.
func (s *Store) Messages(to string) []Message {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Message, 0, len(s.st.Outbox))
	for _, m := range s.st.Outbox {
		if to == "" || strings.EqualFold(m.To, to) {
			out = append(out, m)
		}
	}
	return out
}

// SigningKey returns the key that signs session JWTs and its kid.
func (s *Store) SigningKey() (*rsa.PrivateKey, string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.key, s.st.Keys[0].Kid
}

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
