package store

import "time"

// The entities of the B2B side of a project. Owned by the B2B groups
// (flows/b2b_*.go). A later group adds the state of its factor to Member
// (OTP codes and passwords go in their own tables, TOTPs, OAuth and SSO
// registrations already have a place on Member) or a table of its own to
// B2BState (SSO and SCIM connections, each indexed by organization).

// Member statuses.
const (
	MemberActive  = "active"
	MemberPending = "pending"
	MemberInvited = "invited"
	MemberDeleted = "deleted"
)

// Organization is a B2B Organization (a tenant) with its authentication
// settings and its own RBAC roles. Setting values are Stytch's strings
// (ALL_ALLOWED, RESTRICTED, NOT_ALLOWED, OPTIONAL, REQUIRED_FOR_ALL, ...).
type Organization struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Slug       string `json:"slug"`
	LogoURL    string `json:"logo_url"`
	ExternalID string `json:"external_id,omitempty"`

	TrustedMetadata map[string]any `json:"trusted_metadata"`

	SSOJITProvisioning                   string   `json:"sso_jit_provisioning"`
	SSOJITProvisioningAllowedConnections []string `json:"sso_jit_provisioning_allowed_connections"`
	SSODefaultConnectionID               string   `json:"sso_default_connection_id,omitempty"`

	EmailAllowedDomains  []string `json:"email_allowed_domains"`
	EmailJITProvisioning string   `json:"email_jit_provisioning"`
	EmailInvites         string   `json:"email_invites"`
	ClaimedEmailDomains  []string `json:"claimed_email_domains"`

	AuthMethods        string   `json:"auth_methods"`
	AllowedAuthMethods []string `json:"allowed_auth_methods"`
	MFAPolicy          string   `json:"mfa_policy"`
	MFAMethods         string   `json:"mfa_methods"`
	AllowedMFAMethods  []string `json:"allowed_mfa_methods"`

	OAuthTenantJITProvisioning string `json:"oauth_tenant_jit_provisioning"`
	// AllowedOAuthTenants maps a provider (slack, hubspot, github) to the
	// tenant ids whose users may join just in time.
	AllowedOAuthTenants map[string][]string `json:"allowed_oauth_tenants"`

	FirstPartyConnectedApps AppAllowList `json:"first_party_connected_apps"`
	ThirdPartyConnectedApps AppAllowList `json:"third_party_connected_apps"`

	// EmailImplicitRoles grant a Role to every Member whose email address
	// is in a domain.
	EmailImplicitRoles []EmailImplicitRole `json:"email_implicit_roles"`
	// CustomRoles are the Organization's own Roles (its RBAC org policy),
	// evaluated together with the project's policy.
	CustomRoles []Role `json:"custom_roles"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// AppAllowList is which Connected Apps of one kind (first or third party)
// the Members of an Organization may use.
type AppAllowList struct {
	AllowedType string   `json:"allowed_type"` // ALL_ALLOWED, RESTRICTED or NOT_ALLOWED
	Allowed     []string `json:"allowed"`
}

// EmailImplicitRole grants RoleID to the Members whose email is in Domain.
type EmailImplicitRole struct {
	Domain string `json:"domain"`
	RoleID string `json:"role_id"`
}

// Member is one person's account in one Organization, identified there by
// email address. A deleted Member keeps its record (status deleted) so
// that it can be reactivated; it no longer holds its email address.
type Member struct {
	ID             string `json:"id"`
	OrganizationID string `json:"organization_id"`
	EmailAddress   string `json:"email_address"`
	// EmailID identifies the current address in session factors
	// (email_factor.email_id) and retired address lists.
	EmailID       string `json:"email_id"`
	EmailVerified bool   `json:"email_verified"`
	Status        string `json:"status"`
	Name          string `json:"name"`
	ExternalID    string `json:"external_id,omitempty"`
	IsBreakglass  bool   `json:"is_breakglass"`

	MFAEnrolled      bool   `json:"mfa_enrolled"`
	MFAPhoneID       string `json:"mfa_phone_id,omitempty"`
	MFAPhoneNumber   string `json:"mfa_phone_number,omitempty"`
	MFAPhoneVerified bool   `json:"mfa_phone_verified"`
	DefaultMFAMethod string `json:"default_mfa_method"`

	// Password is the Member's password (its ID is member_password_id).
	Password *Password `json:"password,omitempty"`
	// TOTP is the Member's authenticator-app registration with its
	// recovery codes (its ID is totp_registration_id).
	TOTP               *TOTP                     `json:"totp,omitempty"`
	OAuthRegistrations []MemberOAuthRegistration `json:"oauth_registrations"`
	SSORegistrations   []MemberSSORegistration   `json:"sso_registrations"`
	RetiredEmails      []RetiredEmail            `json:"retired_emails"`
	// SCIM is the registration of a Member a SCIM connection provisioned.
	SCIM *MemberSCIM `json:"scim,omitempty"`
	// Roles are the explicitly assigned Role ids (direct_assignment);
	// implicit ones (stytch_member, email domain, SSO) are derived.
	Roles []string `json:"roles"`

	TrustedMetadata   map[string]any `json:"trusted_metadata"`
	UntrustedMetadata map[string]any `json:"untrusted_metadata"`
	CreatedAt         time.Time      `json:"created_at"`
	UpdatedAt         time.Time      `json:"updated_at"`

	LockCreatedAt  *time.Time `json:"lock_created_at,omitempty"`
	LockExpiresAt  *time.Time `json:"lock_expires_at,omitempty"`
	FailedAttempts int        `json:"failed_attempts"`
}

// Locked reports whether m is locked out at now.
func (m *Member) Locked(now time.Time) bool {
	return m.LockExpiresAt != nil && now.Before(*m.LockExpiresAt)
}

// RetiredEmail is a former address of a Member; no other Member of the
// Organization may take it until it is unlinked.
type RetiredEmail struct {
	ID      string `json:"id"`
	Address string `json:"address"`
}

// MemberOAuthRegistration is a Member's registration with an OAuth provider
// and the provider's tokens, as the provider issued them at the last login.
type MemberOAuthRegistration struct {
	ID string `json:"id"`
	// ProviderType is Google, Microsoft, GitHub, HubSpot or Slack.
	ProviderType      string `json:"provider_type"`
	Subject           string `json:"subject"`
	ProfilePictureURL string `json:"profile_picture_url,omitempty"`
	Locale            string `json:"locale,omitempty"`
	EmailID           string `json:"email_id,omitempty"`
	// TenantIDs are the provider tenants (Slack workspace, HubSpot portal,
	// GitHub organizations) the registration belongs to.
	TenantIDs []string `json:"tenant_ids"`

	AccessToken          string    `json:"access_token"`
	AccessTokenExpiresAt time.Time `json:"access_token_expires_at"`
	RefreshToken         string    `json:"refresh_token,omitempty"`
	IDToken              string    `json:"id_token,omitempty"`
	Scopes               []string  `json:"scopes"`
	// BotAccessToken and BotScopes are Slack's bot token.
	BotAccessToken string   `json:"bot_access_token,omitempty"`
	BotScopes      []string `json:"bot_scopes,omitempty"`
}

// MemberSSORegistration is a Member's registration with an SSO connection;
// OIDC connections also keep the provider's tokens.
type MemberSSORegistration struct {
	ID           string         `json:"id"`
	ConnectionID string         `json:"connection_id"`
	ExternalID   string         `json:"external_id"`
	Attributes   map[string]any `json:"attributes"`

	OIDC                 bool      `json:"oidc"`
	AccessToken          string    `json:"access_token,omitempty"`
	AccessTokenExpiresAt time.Time `json:"access_token_expires_at"`
	RefreshToken         string    `json:"refresh_token,omitempty"`
	IDToken              string    `json:"id_token,omitempty"`
	Scopes               []string  `json:"scopes"`
}

// MemberSession is a Member's session in its Organization.
type MemberSession struct {
	ID             string         `json:"id"`
	MemberID       string         `json:"member_id"`
	OrganizationID string         `json:"organization_id"`
	Token          string         `json:"token"`
	StartedAt      time.Time      `json:"started_at"`
	LastAccessedAt time.Time      `json:"last_accessed_at"`
	ExpiresAt      time.Time      `json:"expires_at"`
	Factors        []Factor       `json:"factors"`
	CustomClaims   map[string]any `json:"custom_claims"`
}

// Alive reports whether the session has not expired at now.
func (s *MemberSession) Alive(now time.Time) bool { return now.Before(s.ExpiresAt) }

// IntermediateSession is the state of a login that has proven an email
// address but is not a session yet: a discovery flow before an
// Organization is chosen (OrganizationID empty), or an Organization login
// waiting for an MFA step or another primary factor (OrganizationID and
// MemberID set). Its token is single use: a flow that completes deletes it.
type IntermediateSession struct {
	Token          string   `json:"token"`
	EmailAddress   string   `json:"email_address"`
	OrganizationID string   `json:"organization_id,omitempty"`
	MemberID       string   `json:"member_id,omitempty"`
	Factors        []Factor `json:"factors"`
	// OAuth is the provider login of a discovery OAuth flow: the Member it
	// leads to gets the registration and the provider's tokens, and its
	// tenants let Organizations provision the address just in time.
	OAuth     *MemberOAuthToken `json:"oauth,omitempty"`
	CreatedAt time.Time         `json:"created_at"`
	ExpiresAt time.Time         `json:"expires_at"`
}

// Alive reports whether the intermediate session is usable at now.
func (s *IntermediateSession) Alive(now time.Time) bool { return now.Before(s.ExpiresAt) }

// B2B email token kinds.
const (
	B2BTokenLogin       = "login"
	B2BTokenSignup      = "signup"
	B2BTokenInvite      = "invite"
	B2BTokenDiscovery   = "discovery"
	B2BTokenEmailUpdate = "email_update"
)

// EmailToken is a single-use token sent by email for a B2B flow: an
// Organization magic link (login, sign-up, invite), a discovery link, or
// the verification of a new address (email update; its passcode variant is
// a Passcode). A used token stays (Used) so that a second attempt is told
// it was used.
type EmailToken struct {
	Token          string    `json:"token"`
	Kind           string    `json:"kind"`
	OrganizationID string    `json:"organization_id,omitempty"`
	MemberID       string    `json:"member_id,omitempty"`
	EmailAddress   string    `json:"email_address"`
	CodeChallenge  string    `json:"code_challenge,omitempty"`
	ExpiresAt      time.Time `json:"expires_at"`
	Used           bool      `json:"used"`
}
