// Package softauthn is a software WebAuthn authenticator for tests.
//
// It plays the part of a browser plus a platform authenticator: given the
// PublicKeyCredentialCreationOptions a relying party produced (for example
// go-webauthn's BeginRegistration output, wrapped in {"publicKey": ...} or
// not) and the page origin, Register returns the registration response JSON
// that navigator.credentials.create would hand to the page. Assert does the
// same for PublicKeyCredentialRequestOptions and navigator.credentials.get.
//
// Credentials are ES256 (P-256) keys held in memory, attestation is "none",
// the user is always present and, unless disabled with
// WithUserVerification(false), verified. Each assertion increments the
// credential's signature counter. The package uses only the standard library
// so the emulator and any test can depend on it.
package softauthn

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
)

// Sentinel errors; every error returned by this package wraps one of them.
var (
	// ErrMalformedOptions reports options JSON that cannot be decoded or lacks
	// a challenge, user id or credential type the ceremony needs.
	ErrMalformedOptions = errors.New("softauthn: malformed options")
	// ErrInvalidOrigin reports an origin that is not a secure context or whose
	// host is not the RP ID or a subdomain of it.
	ErrInvalidOrigin = errors.New("softauthn: origin does not match RP ID")
	// ErrUnsupportedAlgorithm reports pubKeyCredParams without ES256 (-7).
	ErrUnsupportedAlgorithm = errors.New("softauthn: no supported public key algorithm")
	// ErrCredentialExcluded reports that excludeCredentials names a credential
	// this authenticator already holds for the RP (InvalidStateError).
	ErrCredentialExcluded = errors.New("softauthn: credential already registered")
	// ErrNoCredential reports that no held credential matches the request.
	ErrNoCredential = errors.New("softauthn: no matching credential")
	// ErrUserVerificationRequired reports userVerification "required" on an
	// authenticator built with WithUserVerification(false).
	ErrUserVerificationRequired = errors.New("softauthn: user verification required but unavailable")
)

// Authenticator data flags (WebAuthn §6.1).
const (
	flagUP = 0x01 // user present
	flagUV = 0x04 // user verified
	flagBE = 0x08 // backup eligible
	flagBS = 0x10 // backup state
	flagAT = 0x40 // attested credential data included
)

// credentialIDLen is the length of generated credential IDs.
const credentialIDLen = 32

// Authenticator holds credentials and answers WebAuthn ceremonies. The zero
// value is not usable; call New. Methods are safe for concurrent use.
type Authenticator struct {
	mu             sync.Mutex
	creds          []*credential
	aaguid         [16]byte
	userVerifying  bool
	backupEligible bool
	attachment     string
}

// credential is one key pair bound to an RP and user handle.
type credential struct {
	id         []byte
	rpID       string
	userHandle []byte
	key        *ecdsa.PrivateKey
	signCount  uint32
}

// Credential describes a held credential, for assertions in tests.
type Credential struct {
	// ID is the credential ID, base64url without padding (the JSON "id").
	ID string
	// RPID is the relying party the credential is scoped to.
	RPID string
	// UserHandle is the user.id given at registration.
	UserHandle []byte
	// SignCount is the counter value of the most recent ceremony.
	SignCount uint32
}

// Option configures an Authenticator.
type Option func(*Authenticator)

// WithAAGUID sets the AAGUID reported at registration (default all zeros,
// as "none" attestation conveys).
func WithAAGUID(aaguid [16]byte) Option { return func(a *Authenticator) { a.aaguid = aaguid } }

// WithUserVerification controls the UV flag (default true). With false, a
// ceremony whose options require user verification fails.
func WithUserVerification(v bool) Option { return func(a *Authenticator) { a.userVerifying = v } }

// WithBackupEligible marks credentials as synced passkeys (BE and BS flags).
func WithBackupEligible(v bool) Option { return func(a *Authenticator) { a.backupEligible = v } }

// WithAttachment sets authenticatorAttachment in responses: "platform"
// (default) or "cross-platform".
func WithAttachment(attachment string) Option {
	return func(a *Authenticator) { a.attachment = attachment }
}

// New returns an empty authenticator.
func New(opts ...Option) *Authenticator {
	a := &Authenticator{userVerifying: true, attachment: "platform"}
	for _, o := range opts {
		o(a)
	}
	return a
}

// Credentials lists the held credentials in registration order.
func (a *Authenticator) Credentials() []Credential {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]Credential, 0, len(a.creds))
	for _, c := range a.creds {
		out = append(out, Credential{
			ID: b64url(c.id), RPID: c.rpID,
			UserHandle: append([]byte(nil), c.userHandle...), SignCount: c.signCount,
		})
	}
	return out
}

// SetSignCount overwrites a credential's counter, e.g. to simulate a cloned
// authenticator whose counter went backwards. id is base64url.
func (a *Authenticator) SetSignCount(id string, n uint32) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, c := range a.creds {
		if b64url(c.id) == id {
			c.signCount = n
			return nil
		}
	}
	return fmt.Errorf("%w: %s", ErrNoCredential, id)
}

// flags returns the authenticator data flags for a ceremony.
func (a *Authenticator) flags(uvRequirement string) (byte, error) {
	f := byte(flagUP)
	if a.userVerifying {
		f |= flagUV
	} else if uvRequirement == "required" {
		return 0, ErrUserVerificationRequired
	}
	if a.backupEligible {
		f |= flagBE | flagBS
	}
	return f, nil
}

// authData builds rpIdHash || flags || signCount, plus attested data if any.
func authData(rpID string, flags byte, counter uint32, attested []byte) []byte {
	h := sha256.Sum256([]byte(rpID))
	out := append(h[:], flags)
	out = binary.BigEndian.AppendUint32(out, counter)
	return append(out, attested...)
}

// clientData renders CollectedClientData JSON the way browsers order it.
func clientData(ceremony, challenge, origin string) ([]byte, error) {
	raw, err := decodeB64Loose(challenge)
	if err != nil || len(raw) == 0 {
		return nil, fmt.Errorf("%w: challenge is not base64url", ErrMalformedOptions)
	}
	return json.Marshal(struct {
		Type        string `json:"type"`
		Challenge   string `json:"challenge"`
		Origin      string `json:"origin"`
		CrossOrigin bool   `json:"crossOrigin"`
	}{ceremony, b64url(raw), origin, false})
}

// resolveRPID returns the effective RP ID and checks that origin may use it:
// https (or http on localhost), host equal to the RP ID or a subdomain of it.
func resolveRPID(rpID, origin string) (string, error) {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || u.Path != "" || u.RawQuery != "" {
		return "", fmt.Errorf("%w: %q is not an origin", ErrInvalidOrigin, origin)
	}
	host := u.Hostname()
	if u.Scheme != "https" && (u.Scheme != "http" || (host != "localhost" && host != "127.0.0.1")) {
		return "", fmt.Errorf("%w: %q is not a secure context", ErrInvalidOrigin, origin)
	}
	if rpID == "" {
		return host, nil
	}
	if host != rpID && !strings.HasSuffix(host, "."+rpID) {
		return "", fmt.Errorf("%w: host %q is not within RP ID %q", ErrInvalidOrigin, host, rpID)
	}
	return rpID, nil
}

// unwrapPublicKey accepts either {"publicKey": {...}} or the bare options.
func unwrapPublicKey(optionsJSON []byte, into any) error {
	var wrapper struct {
		PublicKey json.RawMessage `json:"publicKey"`
	}
	if err := json.Unmarshal(optionsJSON, &wrapper); err != nil {
		return fmt.Errorf("%w: %w", ErrMalformedOptions, err)
	}
	inner := optionsJSON
	if len(wrapper.PublicKey) > 0 && string(wrapper.PublicKey) != "null" {
		inner = wrapper.PublicKey
	}
	if err := json.Unmarshal(inner, into); err != nil {
		return fmt.Errorf("%w: %w", ErrMalformedOptions, err)
	}
	return nil
}

// descriptor is a PublicKeyCredentialDescriptor.
type descriptor struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// matches reports whether d names credential id.
func (d descriptor) matches(id []byte) bool {
	raw, err := decodeB64Loose(d.ID)
	return err == nil && (d.Type == "" || d.Type == "public-key") && string(raw) == string(id)
}

// b64url encodes without padding, as WebAuthn's JSON forms do.
func b64url(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// decodeB64Loose decodes base64url or standard base64, padded or not.
func decodeB64Loose(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	if strings.ContainsAny(s, "+/") {
		return base64.RawStdEncoding.DecodeString(s)
	}
	return base64.RawURLEncoding.DecodeString(s)
}

// newKey generates an ES256 key and returns it with its SPKI DER encoding.
func newKey() (*ecdsa.PrivateKey, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("softauthn: generating key: %w", err)
	}
	spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, nil, fmt.Errorf("softauthn: encoding key: %w", err)
	}
	return key, spki, nil
}
