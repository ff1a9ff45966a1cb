package flows

import (
	"slices"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// What an Organization and its Members derive from SSO connections: the
// active connections it lists, the checks of its SSO settings, and the
// Roles its connections and IdP groups grant.

// ssoActiveConnections lists o's active SAML and OIDC connections for
// Organization.sso_active_connections.
func ssoActiveConnections(tx *store.Tx, o *store.Organization) []ActiveSSOConnection {
	out := []ActiveSSOConnection{}
	for _, c := range tx.B2B.SSO.OrganizationConnections(o.ID) {
		if c.Kind != store.SSOKindExternal && c.Status == store.SSOActive {
			out = append(out, ActiveSSOConnection{ConnectionID: c.ID, DisplayName: c.DisplayName, IdentityProvider: c.IdentityProvider})
		}
	}
	return out
}

// checkSSOSettings validates an Organization's SSO settings against its
// connections: the default connection and the JIT allow list must name
// connections of it, and RESTRICTED JIT needs an allowed connection.
func checkSSOSettings(tx *store.Tx, o *store.Organization) error {
	own := func(id string) bool {
		c := tx.B2B.SSO.Connections.Peek(id)
		return c != nil && c.OrganizationID == o.ID
	}
	if o.SSODefaultConnectionID != "" && !own(o.SSODefaultConnectionID) {
		return E(ErrInvalidSSODefaultConnectionID, "%s is not an SSO connection of the Organization.", o.SSODefaultConnectionID)
	}
	for _, id := range o.SSOJITProvisioningAllowedConnections {
		if !own(id) {
			return E(ErrInvalidConnectionForJITProvisioning, "%s is not an SSO connection of the Organization.", id)
		}
	}
	if o.SSOJITProvisioning == Restricted && len(o.SSOJITProvisioningAllowedConnections) == 0 {
		return E(ErrInvalidRestrictedSSOSetting, "sso_jit_provisioning RESTRICTED needs sso_jit_provisioning_allowed_connections.")
	}
	return nil
}

// ssoRoles adds to add the Roles m holds through its SSO registrations:
// each connection's Roles, and the group Roles of the groups its last
// login asserted. Roles the policy no longer defines are skipped.
func ssoRoles(tx *store.Tx, o *store.Organization, m *store.Member, add func(role string, src RoleSource)) {
	if tx == nil || o == nil || len(m.SSORegistrations) == 0 {
		return
	}
	policy := orgPolicy(tx, o)
	for i := range m.SSORegistrations {
		r := &m.SSORegistrations[i]
		c := tx.B2B.SSO.Connections.Peek(r.ConnectionID)
		if c == nil || c.OrganizationID != o.ID {
			continue
		}
		for _, role := range c.ConnectionRoles {
			if roleDefined(policy, role) {
				add(role, RoleSource{Type: SourceSSOConnection, Details: map[string]any{"connection_id": c.ID}})
			}
		}
		if len(c.GroupRoles) == 0 {
			continue
		}
		groups := registrationGroups(tx, c, r)
		for _, g := range c.GroupRoles {
			if slices.Contains(groups, g.Group) && roleDefined(policy, g.RoleID) {
				add(g.RoleID, RoleSource{Type: SourceSSOConnectionGroup, Details: map[string]any{"connection_id": c.ID, "group": g.Group}})
			}
		}
	}
}

// registrationGroups returns the IdP groups of a registration's last
// login: the attribute the connection (or, for an external connection, its
// source) maps groups to.
func registrationGroups(tx *store.Tx, c *store.SSOConnection, r *store.MemberSSORegistration) []string {
	mapping := c.AttributeMapping
	if c.External != nil {
		if src := tx.B2B.SSO.Connections.Peek(c.External.ConnectionID); src != nil {
			mapping = src.AttributeMapping
		}
	}
	name, _ := mapping["groups"].(string)
	if name == "" {
		name = "groups"
	}
	return attributeStrings(r.Attributes[name])
}

// attributeStrings reads an attribute value as strings (one string, or a
// list of them).
func attributeStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ssoOnlyRole reports whether every source of r is an SSO assignment of a
// connection for which the session has no SSO factor: such a Role is not
// in the session.
func ssoOnlyRole(r MemberRole, sess *store.MemberSession) bool {
	for _, src := range r.Sources {
		if src.Type != SourceSSOConnection && src.Type != SourceSSOConnectionGroup {
			return false
		}
		id, _ := src.Details["connection_id"].(string)
		if sess != nil && sessionHasSSOFactor(sess, id) {
			return false
		}
	}
	return true
}

// sessionHasSSOFactor reports whether sess was authenticated through the
// connection id.
func sessionHasSSOFactor(sess *store.MemberSession, id string) bool {
	for _, f := range sess.Factors {
		if f.Type == "sso" && f.Detail != nil && f.Detail["provider_id"] == id {
			return true
		}
	}
	return false
}
