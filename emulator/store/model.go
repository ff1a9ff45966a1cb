package store

import (
	"encoding/json"
	"slices"
	"time"
)

// User is a Stytch User with every factor registered to it. The factor types
// owned by other groups (TOTP, WebAuthnRegistration, BiometricRegistration,
// CryptoWallet, Provider) are declared in that group's file.
type User struct {
	ID                string                  `json:"id"`
	ExternalID        string                  `json:"external_id,omitempty"`
	Status            string                  `json:"status"` // "active" or "pending"
	Name              Name                    `json:"name"`
	Emails            []Email                 `json:"emails"`
	Phones            []Phone                 `json:"phones"`
	Password          *Password               `json:"password,omitempty"`
	TOTPs             []TOTP                  `json:"totps"`
	WebAuthn          []WebAuthnRegistration  `json:"webauthn"`
	Biometrics        []BiometricRegistration `json:"biometrics"`
	Wallets           []CryptoWallet          `json:"wallets"`
	Providers         []Provider              `json:"providers"`
	TrustedMetadata   map[string]any          `json:"trusted_metadata"`
	UntrustedMetadata map[string]any          `json:"untrusted_metadata"`
	Roles             []string                `json:"roles"`
	CreatedAt         time.Time               `json:"created_at"`
	// LockCreatedAt/LockExpiresAt are set while the user is locked out after
	// too many failed attempts (see flows.LockoutThreshold).
	LockCreatedAt  *time.Time `json:"lock_created_at,omitempty"`
	LockExpiresAt  *time.Time `json:"lock_expires_at,omitempty"`
	FailedAttempts int        `json:"failed_attempts"`
}

// Locked reports whether u is locked out at now.
func (u *User) Locked(now time.Time) bool {
	return u.LockExpiresAt != nil && now.Before(*u.LockExpiresAt)
}

// Name is a user's name; every part may be empty.
type Name struct {
	First  string `json:"first"`
	Middle string `json:"middle"`
	Last   string `json:"last"`
}

// Email is an email address registered to a user.
type Email struct {
	ID       string `json:"id"`
	Address  string `json:"address"`
	Verified bool   `json:"verified"`
}

// Phone is a phone number (E.164) registered to a user.
type Phone struct {
	ID       string `json:"id"`
	Number   string `json:"number"`
	Verified bool   `json:"verified"`
}

// Password is a user's password, kept only as a hash: an argon2id PHC
// string (pwhash.Hash), or, for a password imported through
// /v1/passwords/migrate and not used since, the imported hash with its type
// and JSON config (re-hashed to argon2id at the first successful login).
type Password struct {
	ID             string          `json:"id"`
	Hash           string          `json:"hash"`
	ImportedType   string          `json:"imported_type,omitempty"`
	ImportedConfig json.RawMessage `json:"imported_config,omitempty"`
	RequiresReset  bool            `json:"requires_reset"`
}

// Session is a live (or expired, until swept) user session.
type Session struct {
	ID             string         `json:"id"`
	UserID         string         `json:"user_id"`
	Token          string         `json:"token"`
	StartedAt      time.Time      `json:"started_at"`
	LastAccessedAt time.Time      `json:"last_accessed_at"`
	ExpiresAt      time.Time      `json:"expires_at"`
	IPAddress      string         `json:"ip_address"`
	UserAgent      string         `json:"user_agent"`
	Factors        []Factor       `json:"factors"`
	CustomClaims   map[string]any `json:"custom_claims"`
}

// Alive reports whether the session has not expired at now.
func (s *Session) Alive(now time.Time) bool { return now.Before(s.ExpiresAt) }

// Factor is one authentication factor of a session. Detail is the typed
// sub-object named by DetailKey (e.g. "email_factor" with email_id and
// email_address), kept as plain JSON values so that the store does not depend
// on the generated wire types.
type Factor struct {
	Type                string         `json:"type"`
	DeliveryMethod      string         `json:"delivery_method"`
	CreatedAt           time.Time      `json:"created_at"`
	LastAuthenticatedAt time.Time      `json:"last_authenticated_at"`
	UpdatedAt           time.Time      `json:"updated_at"`
	DetailKey           string         `json:"detail_key,omitempty"`
	Detail              map[string]any `json:"detail,omitempty"`
}

// Magic-link token kinds.
const (
	LinkLogin    = "login"
	LinkSignup   = "signup"
	LinkInvite   = "invite"
	LinkEmbedded = "embedded"
)

// MagicLink is a single-use magic-link token.
type MagicLink struct {
	Token         string    `json:"token"`
	Kind          string    `json:"kind"`
	UserID        string    `json:"user_id"`
	EmailID       string    `json:"email_id,omitempty"`
	ExpiresAt     time.Time `json:"expires_at"`
	Used          bool      `json:"used"`
	CodeChallenge string    `json:"code_challenge,omitempty"`
}

// OTP is the latest one-time passcode sent to a method (email_id or phone_id).
// A new send replaces the previous code for that method.
type OTP struct {
	MethodID  string    `json:"method_id"`
	UserID    string    `json:"user_id"`
	Channel   string    `json:"channel"` // email, sms, whatsapp
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expires_at"`
	Used      bool      `json:"used"`
}

// PasswordReset is a single-use password reset token sent by email.
type PasswordReset struct {
	Token         string    `json:"token"`
	UserID        string    `json:"user_id"`
	EmailID       string    `json:"email_id"`
	ExpiresAt     time.Time `json:"expires_at"`
	Used          bool      `json:"used"`
	CodeChallenge string    `json:"code_challenge,omitempty"`
}

// Message channels.
const (
	ChannelEmail    = "email"
	ChannelSMS      = "sms"
	ChannelWhatsApp = "whatsapp"
)

// Message kinds.
const (
	MessageMagicLink     = "magic_link"
	MessageOTP           = "otp"
	MessagePasswordReset = "password_reset"
	MessageInvite        = "invite"
	// MessageDiscovery is a B2B discovery magic link (no Organization yet).
	MessageDiscovery = "discovery"
)

// Message is an email, SMS or WhatsApp message the emulator "sent": the
// outbox that tests read instead of a mailbox. A B2B message names the
// Member in UserID and its Organization in OrganizationID (empty for a
// discovery link).
type Message struct {
	ID             string    `json:"id"`
	Channel        string    `json:"channel"`
	To             string    `json:"to"`
	Kind           string    `json:"kind"`
	UserID         string    `json:"user_id,omitempty"`
	OrganizationID string    `json:"organization_id,omitempty"`
	MethodID       string    `json:"method_id,omitempty"`
	Token          string    `json:"token,omitempty"`
	Code           string    `json:"code,omitempty"`
	Link           string    `json:"link,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
}

// SigningKey is an RSA key that signs session JWTs, PEM-encoded (PKCS#1) so
// that it survives a snapshot.
type SigningKey struct {
	Kid string `json:"kid"`
	PEM string `json:"pem"`
}

// Policy is the project's RBAC policy.
type Policy struct {
	Roles     []Role     `json:"roles"`
	Resources []Resource `json:"resources"`
	Scopes    []Scope    `json:"scopes"`
}

// Role is an RBAC role and its permissions.
type Role struct {
	RoleID      string       `json:"role_id"`
	Description string       `json:"description"`
	Permissions []Permission `json:"permissions"`
}

// Permission grants actions ("*" for all) on a resource.
type Permission struct {
	ResourceID string   `json:"resource_id"`
	Actions    []string `json:"actions"`
}

// Resource is an RBAC resource and the actions defined on it.
type Resource struct {
	ResourceID  string   `json:"resource_id"`
	Description string   `json:"description"`
	Actions     []string `json:"actions"`
}

// Scope is an OAuth scope mapped to permissions.
type Scope struct {
	Scope       string       `json:"scope"`
	Description string       `json:"description"`
	Permissions []Permission `json:"permissions"`
}

// DefaultPolicy is the policy of a new project: stytch_admin may do anything,
// stytch_user (implicitly held by every user) may do nothing beyond its own
// session, and one sample resource "documents" with read/write actions.
func DefaultPolicy() Policy {
	return Policy{
		Roles: []Role{
			{RoleID: "stytch_admin", Description: "Granted every permission.",
				Permissions: []Permission{{ResourceID: "documents", Actions: []string{"*"}}}},
			{RoleID: "stytch_user", Description: "Held implicitly by every user.",
				Permissions: []Permission{{ResourceID: "documents", Actions: []string{"read"}}}},
		},
		Resources: []Resource{{ResourceID: "documents", Description: "A sample resource.",
			Actions: []string{"read", "write", "delete"}}},
		Scopes: []Scope{{Scope: "read:documents", Description: "Read documents.",
			Permissions: []Permission{{ResourceID: "documents", Actions: []string{"read"}}}}},
	}
}

// Clone returns a deep copy of u that stays valid after the transaction
// that read it ends.
func (u *User) Clone() User {
	c := *u
	c.Emails = slices.Clone(u.Emails)
	c.Phones = slices.Clone(u.Phones)
	c.TOTPs = slices.Clone(u.TOTPs)
	for i := range c.TOTPs {
		c.TOTPs[i].RecoveryCodes = slices.Clone(c.TOTPs[i].RecoveryCodes)
	}
	c.WebAuthn = slices.Clone(u.WebAuthn)
	c.Biometrics = slices.Clone(u.Biometrics)
	c.Wallets = slices.Clone(u.Wallets)
	c.Providers = slices.Clone(u.Providers)
	c.Roles = slices.Clone(u.Roles)
	c.TrustedMetadata = CloneMap(u.TrustedMetadata)
	c.UntrustedMetadata = CloneMap(u.UntrustedMetadata)
	if u.Password != nil {
		p := *u.Password
		c.Password = &p
	}
	if u.LockCreatedAt != nil {
		t := *u.LockCreatedAt
		c.LockCreatedAt = &t
	}
	if u.LockExpiresAt != nil {
		t := *u.LockExpiresAt
		c.LockExpiresAt = &t
	}
	return c
}

// Clone returns a deep copy of s.
func (s *Session) Clone() Session {
	c := *s
	c.Factors = slices.Clone(s.Factors)
	for i := range c.Factors {
		c.Factors[i].Detail = CloneMap(c.Factors[i].Detail)
	}
	c.CustomClaims = CloneMap(s.CustomClaims)
	return c
}

// CloneMap deep-copies a JSON-like map (nested maps and slices are copied,
// scalars shared); nil stays nil.
func CloneMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cloneValue(v)
	}
	return out
}

func cloneValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return CloneMap(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = cloneValue(e)
		}
		return out
	default:
		return v
	}
}
