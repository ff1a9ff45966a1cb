package flows

import (
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B SSO connections: SAML, OIDC and external connections of an
// Organization, their RBAC (the stytch.sso resource), and what the
// Organization derives from them (sso_active_connections, the default
// connection, SSO-granted Roles). The logins are in b2b_sso_saml.go,
// b2b_sso_oidc.go and b2b_sso_login.go; the emulated identity provider in
// b2b_sso_idp.go.

// ID kinds of SSO objects.
const (
	KindSAMLConnection       = "saml-connection"
	KindOIDCConnection       = "oidc-connection"
	KindExternalConnection   = "external-connection"
	KindSAMLSigningKey       = "saml-signing-key"
	KindSAMLVerificationKey  = "saml-verification-key"
	KindSAMLEncryptionKey    = "saml-encryption-key"
	KindSAMLRegistration     = "saml-member-registration"
	KindOIDCRegistration     = "oidc-member-registration"
	maxVerificationCerts     = 5
	defaultIdentityProvider  = "generic"
	defaultNameIDFormat      = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
	ssoCertificateCommonName = "Stytch"
)

// SSOCallbackPath is the path of every connection's callback at Stytch
// (the SAML ACS URL and audience, the OIDC redirect URL), followed by the
// connection id.
const SSOCallbackPath = "/v1/b2b/sso/callback/"

// Role source types of SSO assignments.
const (
	SourceSSOConnection      = "sso_connection"
	SourceSSOConnectionGroup = "sso_connection_group"
)

// CallbackURL returns the connection's callback URL at Stytch: the ACS URL
// and audience of a SAML connection, the redirect URL of an OIDC one.
func CallbackURL(c *store.SSOConnection) string { return c.BaseURL + SSOCallbackPath + c.ID }

// SSOConnections are an Organization's connections by kind, oldest first.
type SSOConnections struct {
	SAML, OIDC, External []store.SSOConnection
}

// SSOConnectionInput are the fields of a SAML or OIDC create.
type SSOConnectionInput struct {
	DisplayName, IdentityProvider *string
}

// ssoRBAC authorizes a member-session caller for action on stytch.sso.
func (s *Service) ssoRBAC(tx *store.Tx, caller B2BCaller, o *store.Organization, action string) error {
	_, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceSSO, Action: action})
	return err
}

// GetSSOConnections lists an Organization's connections (SSO.GetConnections).
func (s *Service) GetSSOConnections(orgRef string, caller B2BCaller) (*SSOConnections, error) {
	out := &SSOConnections{SAML: []store.SSOConnection{}, OIDC: []store.SSOConnection{}, External: []store.SSOConnection{}}
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if err := s.ssoRBAC(tx, caller, o, "get"); err != nil {
			return err
		}
		for _, c := range tx.B2B.SSO.OrganizationConnections(o.ID) {
			c := *store.DeepCopy(c)
			switch c.Kind {
			case store.SSOKindSAML:
				out.SAML = append(out.SAML, c)
			case store.SSOKindOIDC:
				out.OIDC = append(out.OIDC, c)
			default:
				out.External = append(out.External, c)
			}
		}
		return nil
	})
	return out, err
}

// DeleteSSOConnection deletes a connection of any kind (SSO.DeleteConnection),
// with the external connections that use it. The Organization's default
// connection cannot be deleted; the connection leaves its JIT allow list.
func (s *Service) DeleteSSOConnection(orgRef, id string, caller B2BCaller) error {
	return s.Store.Update(func(tx *store.Tx) error {
		o, c, err := s.orgConnection(tx, orgRef, id, "", caller, "delete")
		if err != nil {
			return err
		}
		if o.SSODefaultConnectionID == c.ID {
			return E(ErrCannotDeleteDefaultSSOConnection,
				"%s is the Organization's default SSO connection; set another sso_default_connection_id first.", c.ID)
		}
		for _, ext := range tx.B2B.SSO.ExternalUses(c.ID) {
			forgetConnection(tx, ext.OrganizationID, ext.ID)
		}
		forgetConnection(tx, o.ID, c.ID)
		tx.B2B.SSO.DeleteConnection(c.ID)
		return nil
	})
}

// forgetConnection takes a deleted connection out of its Organization's
// settings.
func forgetConnection(tx *store.Tx, orgID, id string) {
	o := tx.B2B.Organizations.Peek(orgID)
	if o == nil || (o.SSODefaultConnectionID != id && !slices.Contains(o.SSOJITProvisioningAllowedConnections, id)) {
		return
	}
	o = tx.B2B.Organizations.Get(orgID)
	if o.SSODefaultConnectionID == id {
		o.SSODefaultConnectionID = ""
	}
	o.SSOJITProvisioningAllowedConnections = slices.DeleteFunc(o.SSOJITProvisioningAllowedConnections,
		func(v string) bool { return v == id })
	o.UpdatedAt = tx.Now
}

// orgConnection resolves an Organization, authorizes action on stytch.sso
// and finds the connection id of it (of kind, unless ""), with the
// not-found error of that kind.
func (s *Service) orgConnection(tx *store.Tx, orgRef, id, kind string, caller B2BCaller, action string) (*store.Organization, *store.SSOConnection, error) {
	o, err := b2bOrg(tx, orgRef)
	if err != nil {
		return nil, nil, err
	}
	if err := s.ssoRBAC(tx, caller, o, action); err != nil {
		return nil, nil, err
	}
	c := tx.B2B.SSO.Connections.Get(id)
	if c == nil || c.OrganizationID != o.ID || (kind != "" && c.Kind != kind) {
		switch kind {
		case store.SSOKindSAML:
			return nil, nil, E(ErrSAMLConnectionNotFound, "The Organization has no SAML connection %s.", id)
		case store.SSOKindOIDC:
			return nil, nil, E(ErrOIDCConnectionNotFound, "The Organization has no OIDC connection %s.", id)
		}
		return nil, nil, E(ErrSSOConnectionNotFound, "The Organization has no SSO connection %s.", id)
	}
	return o, c, nil
}

// newConnection returns a pending connection of o.
func newConnection(tx *store.Tx, o *store.Organization, kind, idKind, base string, in SSOConnectionInput) *store.SSOConnection {
	c := &store.SSOConnection{ID: tx.NewID(idKind), OrganizationID: o.ID, Kind: kind, Status: store.SSOPending,
		DisplayName: deref(in.DisplayName), IdentityProvider: defaultIdentityProvider, BaseURL: strings.TrimRight(base, "/"),
		AttributeMapping: map[string]any{}, ConnectionRoles: []string{}, GroupRoles: []store.SSOGroupRole{},
		CreatedAt: tx.Now, UpdatedAt: tx.Now}
	if in.IdentityProvider != nil && *in.IdentityProvider != "" {
		c.IdentityProvider = *in.IdentityProvider
	}
	return c
}

// CreateSAMLConnection creates a pending SAML connection with a signing key
// and certificate of its own (SSO.SAML.CreateConnection); base is the URL
// the emulator was reached at, where its ACS URL lives.
func (s *Service) CreateSAMLConnection(orgRef, base string, in SSOConnectionInput, caller B2BCaller) (*store.SSOConnection, error) {
	now := s.Store.Now()
	_, key, err := newSSOKey(now, ssoCertificateCommonName)
	if err != nil {
		return nil, err
	}
	var out *store.SSOConnection
	err = s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if err := s.ssoRBAC(tx, caller, o, "create"); err != nil {
			return err
		}
		c := newConnection(tx, o, store.SSOKindSAML, KindSAMLConnection, base, in)
		key.ID = tx.NewID(KindSAMLSigningKey)
		c.SAML = &store.SAMLSettings{NameIDFormat: defaultNameIDFormat, SigningKeys: []store.SSOKey{key},
			VerificationCertificates: []store.SSOCertificate{}, EncryptionKeys: []store.SSOKey{}}
		tx.B2B.SSO.Connections.Put(c.ID, c)
		out = store.DeepCopy(c)
		return nil
	})
	return out, err
}

// CreateOIDCConnection creates a pending OIDC connection
// (SSO.OIDC.CreateConnection).
func (s *Service) CreateOIDCConnection(orgRef, base string, in SSOConnectionInput, caller B2BCaller) (*store.SSOConnection, error) {
	var out *store.SSOConnection
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if err := s.ssoRBAC(tx, caller, o, "create"); err != nil {
			return err
		}
		c := newConnection(tx, o, store.SSOKindOIDC, KindOIDCConnection, base, in)
		c.OIDC = &store.OIDCSettings{}
		tx.B2B.SSO.Connections.Put(c.ID, c)
		out = store.DeepCopy(c)
		return nil
	})
	return out, err
}

// SSORoles are the Role assignments of an update: nil leaves them, an empty
// slice clears them.
type SSORoles struct {
	Connection *[]string
	Groups     *[]store.SSOGroupRole
}

// applyRoles validates and applies role assignments to c.
func applyRoles(tx *store.Tx, o *store.Organization, c *store.SSOConnection, r SSORoles) error {
	if r.Connection != nil {
		roles, err := checkRoleAssignment(tx, o, *r.Connection)
		if err != nil {
			return err
		}
		c.ConnectionRoles = roles
	}
	if r.Groups != nil {
		out := make([]store.SSOGroupRole, 0, len(*r.Groups))
		for _, g := range *r.Groups {
			if strings.TrimSpace(g.Group) == "" {
				return E(ErrBadRequest, "Every group role assignment needs a group.")
			}
			if _, err := checkRoleAssignment(tx, o, []string{g.RoleID}); err != nil {
				return err
			}
			if !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
		c.GroupRoles = out
	}
	return nil
}

// ExternalInput is the input of an external connection create or update.
type ExternalInput struct {
	SourceOrganizationID, SourceConnectionID string
	DisplayName                              *string
	Roles                                    SSORoles
}

// CreateExternalConnection lets an Organization use another Organization's
// active SAML or OIDC connection (SSO.External.CreateConnection).
func (s *Service) CreateExternalConnection(orgRef string, in ExternalInput, caller B2BCaller) (*store.SSOConnection, error) {
	var out *store.SSOConnection
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if err := s.ssoRBAC(tx, caller, o, "create"); err != nil {
			return err
		}
		src, err := b2bOrg(tx, in.SourceOrganizationID)
		if err != nil {
			return err
		}
		if src.ID == o.ID {
			return E(ErrExternalOrganizationIDSameAsOrganizationID, "An external connection must come from another Organization.")
		}
		sc := tx.B2B.SSO.Connections.Peek(in.SourceConnectionID)
		if sc == nil || sc.OrganizationID != src.ID || sc.Kind == store.SSOKindExternal {
			return E(ErrExternalConnectionIDNotFound, "Organization %s has no SAML or OIDC connection %s.", src.ID, in.SourceConnectionID)
		}
		if sc.Status != store.SSOActive {
			return E(ErrExternalConnectionNotActive, "The source connection %s is not active yet.", sc.ID)
		}
		for _, ext := range tx.B2B.SSO.ExternalUses(sc.ID) {
			if ext.OrganizationID == o.ID {
				return E(ErrDuplicateExternalSSOConnection, "The Organization already uses %s through %s.", sc.ID, ext.ID)
			}
		}
		c := newConnection(tx, o, store.SSOKindExternal, KindExternalConnection, sc.BaseURL, SSOConnectionInput{DisplayName: in.DisplayName})
		if c.DisplayName == "" {
			c.DisplayName = sc.DisplayName
		}
		c.IdentityProvider = sc.IdentityProvider
		c.Status = store.SSOActive
		c.External = &store.SSOExternalRef{OrganizationID: src.ID, ConnectionID: sc.ID}
		if err := applyRoles(tx, o, c, in.Roles); err != nil {
			return err
		}
		tx.B2B.SSO.Connections.Put(c.ID, c)
		out = store.DeepCopy(c)
		return nil
	})
	return out, err
}

// UpdateExternalConnection updates an external connection's name and Role
// assignments (SSO.External.UpdateConnection).
func (s *Service) UpdateExternalConnection(orgRef, id string, in ExternalInput, caller B2BCaller) (*store.SSOConnection, error) {
	var out *store.SSOConnection
	err := s.Store.Update(func(tx *store.Tx) error {
		o, c, err := s.orgConnection(tx, orgRef, id, store.SSOKindExternal, caller, "update")
		if err != nil {
			return err
		}
		if in.DisplayName != nil {
			c.DisplayName = *in.DisplayName
		}
		if err := applyRoles(tx, o, c, in.Roles); err != nil {
			return err
		}
		c.UpdatedAt = tx.Now
		out = store.DeepCopy(c)
		return nil
	})
	return out, err
}

// connectionStatus computes a SAML or OIDC connection's status: active
// once the IdP details are complete.
func connectionStatus(c *store.SSOConnection) string {
	complete := false
	switch {
	case c.SAML != nil:
		s := c.SAML
		complete = s.IdPEntityID != "" && s.IdPSSOURL != "" && len(s.VerificationCertificates) > 0 && mappingComplete(c.AttributeMapping)
	case c.OIDC != nil:
		s := c.OIDC
		complete = s.Issuer != "" && s.ClientID != "" && s.ClientSecret != "" && s.AuthorizationURL != "" &&
			s.TokenURL != "" && s.JWKSURL != ""
	case c.External != nil:
		complete = true
	}
	if complete {
		return store.SSOActive
	}
	return store.SSOPending
}

// mappingComplete reports whether an attribute mapping names the email and
// the name (full_name, or first_name and last_name).
func mappingComplete(m map[string]any) bool {
	has := func(k string) bool { v, _ := m[k].(string); return v != "" }
	return has("email") && (has("full_name") || (has("first_name") && has("last_name")))
}

// checkMapping validates a SAML attribute mapping: string values, email
// and a name mapped, and groups mapped when group Roles are assigned.
func checkMapping(m map[string]any, groupRoles bool) error {
	for k, v := range m {
		if _, ok := v.(string); !ok {
			return E(ErrBadRequest, "attribute_mapping.%s must be a string (the IdP attribute's name).", k)
		}
	}
	has := func(k string) bool { v, _ := m[k].(string); return v != "" }
	switch {
	case !has("email"):
		return E(ErrSAMLConnectionEmailMappingRequired, "attribute_mapping must map email to an IdP attribute.")
	case !has("full_name") && !(has("first_name") && has("last_name")):
		return E(ErrSAMLConnectionNameMappingRequired, "attribute_mapping must map full_name, or first_name and last_name.")
	case groupRoles && !has("groups"):
		return E(ErrSAMLConnectionAttributeMappingMissingGroupsKey, "Group role assignments need attribute_mapping.groups.")
	}
	return nil
}
