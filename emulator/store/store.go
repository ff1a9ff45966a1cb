// Package store holds the state of the Stytch emulator: users and their
// factors, sessions, pending magic links, OTP codes, reset tokens, the outbox
// of "sent" messages, the RBAC policy and the JWT signing key.
//
// All state sits behind one mutex and is reached only through Update (read-
// write) and View (read-only) callbacks, so a whole authentication flow
// (consume a token, update the user, mint a session) is one transaction: it
// is committed whole or, when the callback fails, undone whole. Entities
// live in Tables, which track what a transaction changed (see Table) and
// keep the indexes that make lookups independent of the number of users.
// With a state file (Open) every committed transaction is appended to a
// journal and fsynced before Update returns. Time comes from an injected
// clock plus an offset that tests move forward with Advance. The package
// knows nothing about HTTP.
package store

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// Options configures a Store.
type Options struct {
	// Env is "test" or "live"; it goes into every generated id. Default "test".
	Env string
	// Clock returns the current time; default time.Now.
	Clock func() time.Time
	// Logger receives one line per outbox message (never its secrets) and
	// the state file's loads, saves and compactions. Default: discard.
	Logger *slog.Logger
	// SigningKey, when set, signs session JWTs instead of a freshly generated
	// RSA-2048 key (tests share one to skip key generation).
	SigningKey *rsa.PrivateKey
	// OutboxSize is how many messages the outbox keeps (oldest dropped
	// first); 0 means DefaultOutboxSize.
	OutboxSize int
	// CompactBytes is the journal size past which the state is compacted
	// into the snapshot (see Open); 0 means DefaultCompactBytes.
	CompactBytes int64
}

// Store is the emulator's state and the mutex guarding it.
type Store struct {
	mu         sync.RWMutex
	st         *State
	env        string
	clock      func() time.Time
	log        *slog.Logger
	key        *rsa.PrivateKey // parsed st.Keys[0]
	outboxSize int

	// Durability (see Open): nil j means memory only.
	path         string
	j            *journal
	compactBytes int64
	compacting   sync.Mutex // one compaction at a time
	compactBusy  atomic.Bool
	checkWrites  bool
}

// New returns an empty in-memory Store with a signing key.
func New(opts Options) (*Store, error) {
	s := &Store{env: opts.Env, clock: opts.Clock, log: opts.Logger, outboxSize: opts.OutboxSize,
		compactBytes: opts.CompactBytes, checkWrites: checkWritesInTests()}
	if s.env == "" {
		s.env = "test"
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.compactBytes <= 0 {
		s.compactBytes = DefaultCompactBytes
	}
	key := opts.SigningKey
	if key == nil {
		var err error
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return nil, fmt.Errorf("store: generate signing key: %w", err)
		}
	}
	s.st = newState(s.outboxSize)
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

// LogSentMessage is the message of the log line written for every message
// the outbox receives, so that a handler can tell those lines apart.
const LogSentMessage = "emulator sent message"

// Tx is the view of the state given to an Update or View callback. It is only
// valid during the callback.
type Tx struct {
	*State
	// Now is the emulator time at the start of the callback.
	Now time.Time
	// Key verifies and signs session JWTs; Kid names it. (Store.SigningKey
	// must not be called inside a callback: the lock is not reentrant.)
	Key    *rsa.PrivateKey
	Kid    string
	env    string
	log    *slog.Logger
	sent   []Message
	keep   []func(tx *Tx)
	rerun  bool
	update bool
	policy *PolicyChange
}

// PolicyChange replaces the project's Consumer or B2B RBAC policy.
type PolicyChange struct {
	B2B    bool   `json:"b2b,omitempty"`
	Policy Policy `json:"policy"`
}

// SetPolicy replaces the project's RBAC policy (the B2B one when b2b is
// set) when the transaction commits: tx.Policy and tx.B2B.Policy keep the
// old one until then. The policy must already be validated.
func (tx *Tx) SetPolicy(b2b bool, p Policy) {
	tx.policy = &PolicyChange{B2B: b2b, Policy: *DeepCopy(&p)}
}

// apply puts the change into st. The change owns its policy (Tx.SetPolicy
// copied it, a replayed record decoded it), so st takes it as it is.
func (c *PolicyChange) apply(st *State) {
	if c.B2B {
		st.B2B.Policy = c.Policy
	} else {
		st.Policy = c.Policy
	}
}

// NewID returns a new id of the given kind in the store's environment.
func (tx *Tx) NewID(kind string) string { return NewID(kind, tx.env) }

// Send queues a message for the outbox and returns it with its id. The
// message reaches the outbox (and the log, without its token, code or link)
// only if the transaction commits.
func (tx *Tx) Send(m Message) Message {
	m.ID = tx.NewID(KindMessage)
	m.CreatedAt = tx.Now
	tx.sent = append(tx.sent, m)
	return m
}

// KeepOnError runs fn now and makes what it changes survive a failure of
// the transaction: when the Update callback returns an error, every other
// change is undone, then fn runs again on the restored state and that is
// committed. It is for records of the failure itself, such as the failed
// attempts that lead to a lockout. fn must look up what it changes through
// tx (the entities the callback held belong to the undone attempt).
func (tx *Tx) KeepOnError(fn func(tx *Tx)) {
	if !tx.update {
		panic("store: KeepOnError outside Store.Update")
	}
	if !tx.rerun {
		tx.keep = append(tx.keep, fn)
	}
	fn(tx)
}

// Update runs fn with exclusive access to the state, as one transaction:
// when fn returns nil its changes are committed (and, with a state file,
// on disk before Update returns); when it returns an error (or panics)
// every change it made is undone, except those made through
// Tx.KeepOnError, and none reaches the journal.
func (s *Store) Update(fn func(tx *Tx) error) error {
	seq, err := s.update(fn)
	if s.j != nil && seq > 0 {
		if werr := s.j.wait(seq); werr != nil {
			s.log.Error("emulator state journal failed", "path", s.path, "error", werr)
			return errors.Join(err, werr)
		}
		s.maybeCompact()
	}
	return err
}

// update runs the transaction under the lock; seq is the journal record a
// caller must wait for (0: none).
func (s *Store) update(fn func(tx *Tx) error) (seq uint64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	var before map[string]map[string][]byte
	if s.checkWrites && st.entityCount() <= checkWritesLimit {
		before = st.encodeAll()
	}
	tx := s.tx()
	tx.update = true
	st.tr.writing = true
	defer func() {
		if p := recover(); p != nil {
			st.rollback()
			st.tr.writing = false
			panic(p)
		}
	}()
	err = fn(tx)
	if before != nil {
		if cerr := st.checkUntouched(before); cerr != nil {
			panic(cerr.Error())
		}
	}
	if err != nil {
		st.rollback()
		if len(tx.keep) > 0 {
			re := s.tx()
			re.update, re.rerun = true, true
			for _, k := range tx.keep {
				k(re)
			}
			tx = re
		} else {
			tx = nil
		}
	}
	var cerr error
	if tx != nil {
		seq, cerr = s.commit(tx)
	}
	st.tr.writing = false
	if seq == 0 && s.j != nil {
		seq = s.j.last() // what fn read may not be on disk yet
	}
	return seq, errors.Join(err, cerr)
}

// commit makes tx's changes final and journals them.
func (s *Store) commit(tx *Tx) (uint64, error) {
	st := s.st
	st.tr.journaling = s.j != nil
	var ops []Op
	var err error
	for _, t := range st.tr.dirty {
		var terr error
		if ops, terr = t.commit(ops); terr != nil && err == nil {
			err = terr
		}
	}
	st.tr.dirty = st.tr.dirty[:0]
	for _, m := range tx.sent {
		st.Outbox.add(m)
		s.log.Info(LogSentMessage, "channel", m.Channel, "to", m.To, "kind", m.Kind,
			"method_id", m.MethodID, "hint", "GET /emulator/v1/messages shows the token or code")
	}
	if tx.policy != nil {
		tx.policy.apply(st)
	}
	if err != nil || s.j == nil || (len(ops) == 0 && len(tx.sent) == 0 && tx.policy == nil) {
		return 0, err
	}
	return s.j.append(record{Ops: ops, Sent: tx.sent, Policy: tx.policy})
}

// View runs fn with shared read access to the state; fn must not change it.
// With a state file, View returns only once everything fn could have read
// is on disk.
func (s *Store) View(fn func(tx *Tx) error) error {
	s.mu.RLock()
	err := fn(s.tx())
	var seq uint64
	if s.j != nil {
		seq = s.j.last()
	}
	s.mu.RUnlock()
	if s.j != nil {
		if werr := s.j.wait(seq); werr != nil {
			return errors.Join(err, werr)
		}
	}
	return err
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
	now, seq, err := func() (time.Time, uint64, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.st.ClockOffset += d
		if s.j == nil {
			return s.nowLocked(), 0, nil
		}
		off := s.st.ClockOffset
		seq, err := s.j.append(record{Clock: &off})
		return s.nowLocked(), seq, err
	}()
	if err == nil && seq > 0 {
		err = s.j.wait(seq)
	}
	return now, err
}

// Reset forgets every user, session, token and message and the clock offset,
// and restores the default RBAC policy. The signing key is kept so that JWKS
// caches of running clients stay valid.
func (s *Store) Reset() error {
	seq, err := func() (uint64, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.resetLocked()
		if s.j == nil {
			return 0, nil
		}
		return s.j.append(record{Reset: true})
	}()
	if err == nil && seq > 0 {
		err = s.j.wait(seq)
	}
	return err
}

func (s *Store) resetLocked() {
	keys := s.st.Keys
	s.st = newState(s.outboxSize)
	s.st.Keys = keys
}

// Messages returns a copy of the outbox, oldest first; when to is not empty
// only messages to that address or number (case-insensitive) are returned.
// A space in to is read as "+": no email address or E.164 number holds a
// space, and a "+" left unencoded in a query string decodes to one
// (?to=ada+1@example.com, ?to=+12025550123).
func (s *Store) Messages(to string) []Message {
	to = strings.ReplaceAll(to, " ", "+")
	var out []Message
	_ = s.View(func(tx *Tx) error {
		out = tx.Outbox.list(to)
		return nil
	})
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
