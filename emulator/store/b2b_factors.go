package store

import (
	"strings"
	"time"
)

// The pending state of the B2B authentication factors (flows/b2b_otps*.go,
// b2b_passwords*.go, b2b_oauth.go, b2b_impersonation.go): one-time
// passcodes, password reset tokens, OAuth redirect tokens and impersonation
// tokens. What a factor leaves on the Member (password, TOTP, MFA phone,
// OAuth registrations) lives on Member itself. Every entry names the
// Member it was issued for; the flows check that the Member still exists
// when it is used, so an entry outliving its Member is inert.

// B2B passcode kinds.
const (
	PasscodeLogin       = "login"        // email OTP to an active Member
	PasscodeSignup      = "signup"       // email OTP to a new, pending or invited Member
	PasscodeEmailUpdate = "email_update" // email OTP verifying a Member's new address
	PasscodeDiscovery   = "discovery"    // email OTP before an Organization is chosen
	PasscodeSMS         = "sms"          // SMS OTP, a Member's MFA factor
)

// Passcode is the latest one-time passcode sent for one purpose: an email
// address in an Organization, an email address for discovery, or a
// Member's MFA phone. A new send replaces it (only the latest code works).
type Passcode struct {
	Kind           string `json:"kind"`
	OrganizationID string `json:"organization_id,omitempty"`
	MemberID       string `json:"member_id,omitempty"`
	// To is the email address or E.164 phone number the code was sent to.
	To        string    `json:"to"`
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expires_at"`
	Used      bool      `json:"used"`
}

// EmailPasscodeKey is the key of the passcode of an email address in an
// Organization.
func EmailPasscodeKey(orgID, address string) string {
	return "email\x00" + orgID + "\x00" + strings.ToLower(address)
}

// DiscoveryPasscodeKey is the key of the discovery passcode of an email
// address.
func DiscoveryPasscodeKey(address string) string { return "discovery\x00" + strings.ToLower(address) }

// SMSPasscodeKey is the key of a Member's SMS passcode.
func SMSPasscodeKey(memberID string) string { return "sms\x00" + memberID }

// MemberPasswordReset is a single-use password reset token sent by email:
// for one Member (OrganizationID set) or, in the discovery flow, for an
// address across Organizations.
type MemberPasswordReset struct {
	Token          string    `json:"token"`
	OrganizationID string    `json:"organization_id,omitempty"`
	MemberID       string    `json:"member_id,omitempty"`
	EmailAddress   string    `json:"email_address"`
	CodeChallenge  string    `json:"code_challenge,omitempty"`
	ExpiresAt      time.Time `json:"expires_at"`
	Used           bool      `json:"used"`
}

// MemberOAuthToken is the single-use token the emulated identity provider
// hands back on a B2B OAuth redirect (stytch_token_type oauth, or
// discovery_oauth when OrganizationID is empty), with who signed in at the
// provider and the provider's own tokens.
type MemberOAuthToken struct {
	// Provider is the start URL's provider slug (google, microsoft,
	// github, hubspot, slack).
	Provider       string   `json:"provider"`
	OrganizationID string   `json:"organization_id,omitempty"`
	Subject        string   `json:"subject"`
	EmailAddress   string   `json:"email_address"`
	Name           string   `json:"name"`
	TenantIDs      []string `json:"tenant_ids"`
	CodeChallenge  string   `json:"code_challenge,omitempty"`
	// RegistrationID names the Member's OAuth registration the login
	// creates (or the one it matched, once known).
	RegistrationID string `json:"registration_id"`
	// Scopes are the provider scopes granted.
	Scopes       []string  `json:"scopes"`
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	IDToken      string    `json:"id_token,omitempty"`
	ExpiresAt    time.Time `json:"expires_at"`
	Used         bool      `json:"used"`
}

// MemberImpersonationToken is a single-use token with which a dashboard
// user (the impersonator) signs in as a Member.
type MemberImpersonationToken struct {
	OrganizationID    string    `json:"organization_id"`
	MemberID          string    `json:"member_id"`
	ImpersonatorID    string    `json:"impersonator_id"`
	ImpersonatorEmail string    `json:"impersonator_email"`
	ExpiresAt         time.Time `json:"expires_at"`
	Used              bool      `json:"used"`
}

// B2BFactorState holds the pending B2B factor state, each kind in a Table.
type B2BFactorState struct {
	// Passcodes maps a passcode key (EmailPasscodeKey, DiscoveryPasscodeKey,
	// SMSPasscodeKey) to the latest code sent for it.
	Passcodes *Table[Passcode] `json:"passcodes"`
	// PasswordResets maps a reset token to its state.
	PasswordResets *Table[MemberPasswordReset] `json:"password_resets"`
	// OAuthTokens maps an OAuth redirect token to its state.
	OAuthTokens *Table[MemberOAuthToken] `json:"oauth_tokens"`
	// Impersonations maps an impersonation token to its state.
	Impersonations *Table[MemberImpersonationToken] `json:"impersonations"`
}

func (s *B2BFactorState) init(tr *tracker) {
	s.Passcodes = newTable[Passcode](tr, "b2b_factors.passcodes")
	s.PasswordResets = newTable[MemberPasswordReset](tr, "b2b_factors.password_resets")
	s.OAuthTokens = newTable[MemberOAuthToken](tr, "b2b_factors.oauth_tokens")
	s.Impersonations = newTable[MemberImpersonationToken](tr, "b2b_factors.impersonations")
}

func (s *B2BFactorState) fixNil(tr *tracker) {
	fix(&s.Passcodes, tr, "b2b_factors.passcodes")
	fix(&s.PasswordResets, tr, "b2b_factors.password_resets")
	fix(&s.OAuthTokens, tr, "b2b_factors.oauth_tokens")
	fix(&s.Impersonations, tr, "b2b_factors.impersonations")
}
