package store

import (
	"sort"
	"time"
)

// The state of B2B single sign-on, owned by the SSO group
// (flows/b2b_sso*.go): the Organizations' SAML, OIDC and external
// connections, the logins in flight between the start URL and the
// identity provider's answer, the SSO tokens that end them, and the
// emulated identity provider's side (its signing key, its registration of
// each connection, the authorization codes it issued).

// SSO connection kinds.
const (
	SSOKindSAML     = "saml"
	SSOKindOIDC     = "oidc"
	SSOKindExternal = "external"
)

// SSO connection statuses.
const (
	SSOPending = "pending"
	SSOActive  = "active"
)

// SSOConnection is an SSO connection of an Organization: SAML, OIDC or
// external (another Organization's SAML or OIDC connection, used by this
// one). Exactly one of SAML, OIDC and External is set, as Kind says.
type SSOConnection struct {
	ID               string `json:"id"`
	OrganizationID   string `json:"organization_id"`
	Kind             string `json:"kind"`
	Status           string `json:"status"`
	DisplayName      string `json:"display_name"`
	IdentityProvider string `json:"identity_provider"`
	// BaseURL is the scheme://host the connection was created at: its ACS
	// URL, audience and OIDC redirect URL live there (as Stytch configures
	// a connection on the domain it was created with).
	BaseURL string `json:"base_url"`
	// AttributeMapping maps Member fields (email, full_name, first_name,
	// last_name, groups) to the IdP's attribute or claim names.
	AttributeMapping map[string]any `json:"attribute_mapping"`
	// ConnectionRoles are the Roles every Member who logs in through the
	// connection holds; GroupRoles those of the Members in an IdP group.
	ConnectionRoles []string        `json:"connection_roles"`
	GroupRoles      []SSOGroupRole  `json:"group_roles"`
	SAML            *SAMLSettings   `json:"saml,omitempty"`
	OIDC            *OIDCSettings   `json:"oidc,omitempty"`
	External        *SSOExternalRef `json:"external,omitempty"`
	CreatedAt       time.Time       `json:"created_at"`
	UpdatedAt       time.Time       `json:"updated_at"`
}

// SSOGroupRole grants RoleID to the Members in the IdP group Group.
type SSOGroupRole struct {
	Group  string `json:"group"`
	RoleID string `json:"role_id"`
}

// SAMLSettings are the SAML side of a connection.
type SAMLSettings struct {
	IdPEntityID              string `json:"idp_entity_id"`
	IdPSSOURL                string `json:"idp_sso_url"`
	NameIDFormat             string `json:"nameid_format"`
	AlternativeAudienceURI   string `json:"alternative_audience_uri"`
	AlternativeACSURL        string `json:"alternative_acs_url"`
	IdPInitiatedAuthDisabled bool   `json:"idp_initiated_auth_disabled"`
	AllowGatewayCallback     bool   `json:"allow_gateway_callback"`
	// SigningKeys are the service provider's keys that sign AuthnRequests
	// (the first is used); their certificates are the connection's
	// signing_certificates.
	SigningKeys []SSOKey `json:"signing_keys"`
	// VerificationCertificates are the IdP's certificates that assertions
	// are verified with.
	VerificationCertificates []SSOCertificate `json:"verification_certificates"`
	// EncryptionKeys decrypt encrypted assertions.
	EncryptionKeys []SSOKey `json:"encryption_keys"`
}

// SSOKey is a private key of a connection with its certificate (PEM).
type SSOKey struct {
	ID          string    `json:"id"`
	PrivateKey  string    `json:"private_key"`
	Certificate string    `json:"certificate"`
	CreatedAt   time.Time `json:"created_at"`
	ExpiresAt   time.Time `json:"expires_at"`
}

// SSOCertificate is an IdP certificate (PEM) of a SAML connection.
type SSOCertificate struct {
	ID          string    `json:"id"`
	Certificate string    `json:"certificate"`
	Issuer      string    `json:"issuer"`
	CreatedAt   time.Time `json:"created_at"`
	ExpiresAt   time.Time `json:"expires_at"`
}

// OIDCSettings are the OIDC side of a connection.
type OIDCSettings struct {
	Issuer           string `json:"issuer"`
	ClientID         string `json:"client_id"`
	ClientSecret     string `json:"client_secret"`
	AuthorizationURL string `json:"authorization_url"`
	TokenURL         string `json:"token_url"`
	UserinfoURL      string `json:"userinfo_url"`
	JWKSURL          string `json:"jwks_url"`
	CustomScopes     string `json:"custom_scopes"`
}

// SSOExternalRef names the connection of another Organization that an
// external connection uses.
type SSOExternalRef struct {
	OrganizationID string `json:"organization_id"`
	ConnectionID   string `json:"connection_id"`
}

// SSOFlow is a login between the start URL and the identity provider's
// answer, keyed by the value that comes back with it (the SAML RelayState
// or the OIDC state). It is single use.
type SSOFlow struct {
	ID string `json:"id"`
	// ConnectionID is the connection the login started with (an external
	// one included); ProtocolConnectionID the SAML or OIDC connection that
	// talks to the IdP (the same, or the external one's source).
	ConnectionID         string `json:"connection_id"`
	ProtocolConnectionID string `json:"protocol_connection_id"`
	OrganizationID       string `json:"organization_id"`
	LoginURL             string `json:"login_url"`
	SignupURL            string `json:"signup_url"`
	// CodeChallenge is the caller's PKCE challenge for SSO.Authenticate.
	CodeChallenge string `json:"code_challenge,omitempty"`
	// RequestID is the ID of the SAML AuthnRequest; Nonce and
	// CodeVerifier those of the OIDC authorization request.
	RequestID    string    `json:"request_id,omitempty"`
	Nonce        string    `json:"nonce,omitempty"`
	CodeVerifier string    `json:"code_verifier,omitempty"`
	ExpiresAt    time.Time `json:"expires_at"`
}

// SSOIdentity is who signed in at an identity provider, as the SSO token
// carries it to SSO.Authenticate and as the emulated IdP asserts it.
type SSOIdentity struct {
	// Subject is the SAML NameID or the OIDC sub.
	Subject   string   `json:"subject"`
	Email     string   `json:"email"`
	FirstName string   `json:"first_name,omitempty"`
	LastName  string   `json:"last_name,omitempty"`
	Name      string   `json:"name,omitempty"`
	Groups    []string `json:"groups,omitempty"`
	// Attributes are every attribute or claim the IdP sent (the Member's
	// sso_attributes), or, at the emulated IdP, extra ones to send.
	Attributes map[string]any `json:"attributes,omitempty"`
}

// SSOToken is the single-use token that ends an SSO login at the redirect
// URL; SSO.Authenticate exchanges it for a Member session.
type SSOToken struct {
	Token                string      `json:"token"`
	ConnectionID         string      `json:"connection_id"`
	ProtocolConnectionID string      `json:"protocol_connection_id"`
	OrganizationID       string      `json:"organization_id"`
	Kind                 string      `json:"kind"` // SSOKindSAML or SSOKindOIDC
	Identity             SSOIdentity `json:"identity"`
	CodeChallenge        string      `json:"code_challenge,omitempty"`
	// The IdP's tokens of an OIDC login.
	AccessToken          string    `json:"access_token,omitempty"`
	AccessTokenExpiresAt time.Time `json:"access_token_expires_at"`
	RefreshToken         string    `json:"refresh_token,omitempty"`
	IDToken              string    `json:"id_token,omitempty"`
	Scopes               []string  `json:"scopes,omitempty"`
	ExpiresAt            time.Time `json:"expires_at"`
	Used                 bool      `json:"used"`
}

// SSOIdPApp is the emulated identity provider's registration of one
// connection: the OIDC client credentials it issued, and who signs in
// there (nil: the default identity).
type SSOIdPApp struct {
	ConnectionID string       `json:"connection_id"`
	ClientID     string       `json:"client_id"`
	ClientSecret string       `json:"client_secret"`
	Identity     *SSOIdentity `json:"identity,omitempty"`
}

// SSOIdPCode is an authorization code the emulated OIDC provider issued.
type SSOIdPCode struct {
	Code          string      `json:"code"`
	ConnectionID  string      `json:"connection_id"`
	ClientID      string      `json:"client_id"`
	RedirectURI   string      `json:"redirect_uri"`
	Nonce         string      `json:"nonce"`
	Scope         string      `json:"scope"`
	CodeChallenge string      `json:"code_challenge,omitempty"`
	Identity      SSOIdentity `json:"identity"`
	ExpiresAt     time.Time   `json:"expires_at"`
	Used          bool        `json:"used"`
}

// SSOIdPKey is the emulated identity provider's signing key (SAML
// assertions, OIDC ID and access tokens) with its self-signed certificate.
type SSOIdPKey struct {
	ID          string    `json:"id"`
	PrivateKey  string    `json:"private_key"`
	Certificate string    `json:"certificate"`
	CreatedAt   time.Time `json:"created_at"`
}

// SSOAssertionUse records a consumed SAML assertion id until it expires,
// so that a response cannot be replayed.
type SSOAssertionUse struct {
	ID        string    `json:"id"`
	ExpiresAt time.Time `json:"expires_at"`
}

// SSOIdPKeyID is the key of the emulated IdP's one signing key in
// SSOState.IdPKeys.
const SSOIdPKeyID = "idp"

// SSOState holds the SSO tables of B2BState.
type SSOState struct {
	// Connections maps connection_id to the connection.
	Connections *Table[SSOConnection] `json:"connections"`
	// Flows maps a flow id (RelayState, state) to a login in flight.
	Flows *Table[SSOFlow] `json:"flows"`
	// Tokens maps an SSO token to its state.
	Tokens *Table[SSOToken] `json:"tokens"`
	// Assertions maps consumed SAML assertion ids to their expiry.
	Assertions *Table[SSOAssertionUse] `json:"assertions"`
	// IdPApps maps a connection_id to the emulated IdP's registration.
	IdPApps *Table[SSOIdPApp] `json:"idp_apps"`
	// IdPCodes maps an authorization code of the emulated OIDC provider.
	IdPCodes *Table[SSOIdPCode] `json:"idp_codes"`
	// IdPKeys holds the emulated IdP's signing key under SSOIdPKeyID.
	IdPKeys *Table[SSOIdPKey] `json:"idp_keys"`

	connOrg *hashIndex[SSOConnection]
	connSrc *hashIndex[SSOConnection]
}

func (s *SSOState) init(tr *tracker) {
	s.connOrg = newHashIndex(func(c *SSOConnection) []string { return []string{c.OrganizationID} })
	s.connSrc = newHashIndex(func(c *SSOConnection) []string {
		if c.External == nil {
			return nil
		}
		return []string{c.External.ConnectionID}
	})
	s.Connections = newTable(tr, "b2b.sso.connections", index[SSOConnection](s.connOrg), s.connSrc)
	s.Flows = newTable[SSOFlow](tr, "b2b.sso.flows")
	s.Tokens = newTable[SSOToken](tr, "b2b.sso.tokens")
	s.Assertions = newTable[SSOAssertionUse](tr, "b2b.sso.assertions")
	s.IdPApps = newTable[SSOIdPApp](tr, "b2b.sso.idp_apps")
	s.IdPCodes = newTable[SSOIdPCode](tr, "b2b.sso.idp_codes")
	s.IdPKeys = newTable[SSOIdPKey](tr, "b2b.sso.idp_keys")
}

func (s *SSOState) fixNil(tr *tracker) {
	fix(&s.Connections, tr, "b2b.sso.connections")
	fix(&s.Flows, tr, "b2b.sso.flows")
	fix(&s.Tokens, tr, "b2b.sso.tokens")
	fix(&s.Assertions, tr, "b2b.sso.assertions")
	fix(&s.IdPApps, tr, "b2b.sso.idp_apps")
	fix(&s.IdPCodes, tr, "b2b.sso.idp_codes")
	fix(&s.IdPKeys, tr, "b2b.sso.idp_keys")
}

// OrganizationConnections returns the SSO connections of an Organization,
// oldest first.
func (s *SSOState) OrganizationConnections(orgID string) []*SSOConnection {
	out := indexAll(s.Connections, s.connOrg, orgID)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// ExternalUses returns the external connections that use the connection
// id, by id.
func (s *SSOState) ExternalUses(id string) []*SSOConnection {
	return indexAll(s.Connections, s.connSrc, id)
}

// DeleteConnection removes a connection with the emulated IdP's
// registration of it and the external connections that use it.
func (s *SSOState) DeleteConnection(id string) {
	for _, ext := range s.ExternalUses(id) {
		s.Connections.Delete(ext.ID)
	}
	s.Connections.Delete(id)
	s.IdPApps.Delete(id)
}

// SSORegistrationKey is the key under which MemberByFactorID finds the
// Member registered with a connection under an IdP subject.
func SSORegistrationKey(connectionID, subject string) string {
	return "sso\x00" + connectionID + "\x00" + subject
}

// deleteOrganization removes every connection of an Organization.
func (s *SSOState) deleteOrganization(orgID string) {
	for _, c := range s.OrganizationConnections(orgID) {
		s.DeleteConnection(c.ID)
	}
}
