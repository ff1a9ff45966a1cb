package flows

import (
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B SCIM connections (SCIM.Connection.*): an Organization has at most
// one; its bearer token, shown once, is kept as a hash, and a rotation
// keeps the current and the next token valid until it completes or is
// cancelled. The SCIM protocol the identity provider speaks with that
// token is in b2b_scim_users.go and b2b_scim_groups.go.

// ID kinds of SCIM objects.
const (
	KindSCIMConnection   = "scim-connection"
	KindSCIMGroup        = "scim-group"
	KindSCIMRegistration = "scim-registration"
)

// SourceSCIMGroup is the Role source of a Role a SCIM group grants.
const SourceSCIMGroup = "scim_connection_group"

// SCIMIdentityProviders are the identity_provider values Stytch knows.
var SCIMIdentityProviders = []string{"generic", "okta", "microsoft-entra", "cyberark", "jumpcloud", "onelogin",
	"pingfederate", "rippling"}

// SCIMPathPrefix is the path under which a connection's SCIM base URL is
// served: SCIMPathPrefix + connection_id.
const SCIMPathPrefix = "/v1/b2b/scim/"

// SCIMBaseURL returns the base URL an identity provider is given for a
// connection, on the host at origin (scheme://host). As Stytch does, a
// Microsoft Entra connection's URL carries aadOptscim062020, the flag that
// makes Entra follow SCIM 2.0.
func SCIMBaseURL(origin, connectionID, identityProvider string) string {
	u := origin + SCIMPathPrefix + connectionID
	if identityProvider == "microsoft-entra" {
		u += "?aadOptscim062020"
	}
	return u
}

// SCIMConnectionView is a SCIM connection as the API shows it. BearerToken
// is set only by CreateSCIMConnection and NextBearerToken only by
// StartSCIMRotation: neither is stored.
type SCIMConnectionView struct {
	OrganizationID, ConnectionID, DisplayName, IdentityProvider string
	BearerTokenLastFour, NextBearerTokenLastFour                string
	BearerToken, NextBearerToken                                string
	RoleAssignments                                             []SCIMRoleAssignment
}

// SCIMRoleAssignment is a Role granted to the Members of a SCIM group.
type SCIMRoleAssignment struct {
	RoleID, GroupID, GroupName string
}

// SCIMConnectionUpdate are the fields of SCIM.Connection.Update; nil leaves
// one unchanged.
type SCIMConnectionUpdate struct {
	DisplayName, IdentityProvider *string
	RoleAssignments               *[]store.SCIMGroupRole
}

// scimView copies a connection for the API.
func scimView(tx *store.Tx, c *store.SCIMConnection) *SCIMConnectionView {
	v := &SCIMConnectionView{OrganizationID: c.OrganizationID, ConnectionID: c.ID, DisplayName: c.DisplayName,
		IdentityProvider: c.IdentityProvider, BearerTokenLastFour: c.Token.LastFour,
		NextBearerTokenLastFour: c.Token.NextLastFour, RoleAssignments: []SCIMRoleAssignment{}}
	for _, a := range c.RoleAssignments {
		name := ""
		if g := tx.B2B.SCIM.Groups.Peek(a.GroupID); g != nil {
			name = g.DisplayName
		}
		v.RoleAssignments = append(v.RoleAssignments, SCIMRoleAssignment{RoleID: a.RoleID, GroupID: a.GroupID, GroupName: name})
	}
	return v
}

// scimActive is Organization.scim_active_connection.
func scimActive(tx *store.Tx, orgID string) *ActiveSCIMConnection {
	c := tx.B2B.SCIM.SCIMConnectionOf(orgID)
	if c == nil {
		return nil
	}
	return &ActiveSCIMConnection{ConnectionID: c.ID, DisplayName: c.DisplayName, BearerTokenLastFour: c.Token.LastFour}
}

func checkSCIMProvider(idp string) error {
	if !slices.Contains(SCIMIdentityProviders, idp) {
		return E(ErrBadRequest, "identity_provider must be one of %s.", strings.Join(SCIMIdentityProviders, ", "))
	}
	return nil
}

// scimCall resolves the Organization of a SCIM.Connection call and
// authorizes the member session headers for action on stytch.scim.
func (s *Service) scimCall(tx *store.Tx, orgRef string, caller B2BCaller, action string) (*store.Organization, error) {
	o, err := b2bOrg(tx, orgRef)
	if err != nil {
		return nil, err
	}
	if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceSCIM, Action: action}); err != nil {
		return nil, err
	}
	return o, nil
}

// scimConnection returns the connection connID of o.
func scimConnection(tx *store.Tx, o *store.Organization, connID string) (*store.SCIMConnection, error) {
	c := tx.B2B.SCIM.Connections.Get(connID)
	if c == nil || c.OrganizationID != o.ID {
		return nil, E(ErrSCIMConnectionNotFound, "The Organization has no SCIM connection %s.", connID)
	}
	return c, nil
}

// CreateSCIMConnection creates the SCIM connection of an Organization
// (SCIM.Connection.Create; create on stytch.scim) and returns it with its
// bearer token, which is never shown again. An Organization has one SCIM
// connection at most.
func (s *Service) CreateSCIMConnection(orgRef string, displayName, idp *string, caller B2BCaller) (*SCIMConnectionView, error) {
	var out *SCIMConnectionView
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := s.scimCall(tx, orgRef, caller, "create")
		if err != nil {
			return err
		}
		if tx.B2B.SCIM.SCIMConnectionOf(o.ID) != nil {
			return ErrActiveSCIMConnectionExists.New()
		}
		c := &store.SCIMConnection{ID: tx.NewID(KindSCIMConnection), OrganizationID: o.ID, DisplayName: deref(displayName),
			IdentityProvider: "generic", RoleAssignments: []store.SCIMGroupRole{}, CreatedAt: tx.Now}
		if idp != nil {
			if err := checkSCIMProvider(*idp); err != nil {
				return err
			}
			c.IdentityProvider = *idp
		}
		token := store.NewToken()
		c.Token.Set(token)
		tx.B2B.SCIM.Connections.Put(c.ID, c)
		out = scimView(tx, c)
		out.BearerToken = token
		return nil
	})
	return out, err
}

// GetSCIMConnection returns the SCIM connection of an Organization
// (SCIM.Connection.Get; get on stytch.scim), or nil when it has none.
func (s *Service) GetSCIMConnection(orgRef string, caller B2BCaller) (*SCIMConnectionView, error) {
	var out *SCIMConnectionView
	err := s.Store.View(func(tx *store.Tx) error {
		o, err := s.scimCall(tx, orgRef, caller, "get")
		if err != nil {
			return err
		}
		if c := tx.B2B.SCIM.SCIMConnectionOf(o.ID); c != nil {
			out = scimView(tx, c)
		}
		return nil
	})
	return out, err
}

// mutateSCIMConnection runs fn on connection connID of an Organization
// after authorizing action on stytch.scim.
func (s *Service) mutateSCIMConnection(orgRef, connID, action string, caller B2BCaller,
	fn func(tx *store.Tx, o *store.Organization, c *store.SCIMConnection, out *SCIMConnectionView) error) (*SCIMConnectionView, error) {
	var out *SCIMConnectionView
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := s.scimCall(tx, orgRef, caller, action)
		if err != nil {
			return err
		}
		c, err := scimConnection(tx, o, connID)
		if err != nil {
			return err
		}
		extra := &SCIMConnectionView{}
		if err := fn(tx, o, c, extra); err != nil {
			return err
		}
		out = scimView(tx, c)
		out.NextBearerToken = extra.NextBearerToken
		return nil
	})
	return out, err
}

// UpdateSCIMConnection changes the name, identity provider or group Role
// assignments of a SCIM connection (SCIM.Connection.Update; update on
// stytch.scim). Each assignment names a group of the connection and a Role
// of the project's or the Organization's policy; the Members of the
// connection's groups get their Roles anew.
func (s *Service) UpdateSCIMConnection(orgRef, connID string, in SCIMConnectionUpdate, caller B2BCaller) (*SCIMConnectionView, error) {
	return s.mutateSCIMConnection(orgRef, connID, "update", caller,
		func(tx *store.Tx, o *store.Organization, c *store.SCIMConnection, _ *SCIMConnectionView) error {
			if in.DisplayName != nil {
				c.DisplayName = *in.DisplayName
			}
			if in.IdentityProvider != nil {
				if err := checkSCIMProvider(*in.IdentityProvider); err != nil {
					return err
				}
				c.IdentityProvider = *in.IdentityProvider
			}
			if in.RoleAssignments == nil {
				return nil
			}
			list := make([]store.SCIMGroupRole, 0, len(*in.RoleAssignments))
			for _, a := range *in.RoleAssignments {
				if g := tx.B2B.SCIM.Groups.Peek(a.GroupID); g == nil || g.ConnectionID != c.ID {
					return E(ErrSCIMGroupNotFound, "The SCIM connection has no group %s.", a.GroupID)
				}
				if _, err := checkRoleAssignment(tx, o, []string{a.RoleID}); err != nil {
					return err
				}
				if !slices.Contains(list, a) {
					list = append(list, a)
				}
			}
			c.RoleAssignments = list
			s.refreshConnectionMembers(tx, c)
			return nil
		})
}

// DeleteSCIMConnection deletes a SCIM connection with its groups
// (SCIM.Connection.Delete; delete on stytch.scim): its bearer tokens stop
// working and the Roles its groups gave go. The Members it provisioned
// stay. It returns the connection_id.
func (s *Service) DeleteSCIMConnection(orgRef, connID string, caller B2BCaller) (string, error) {
	var id string
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := s.scimCall(tx, orgRef, caller, "delete")
		if err != nil {
			return err
		}
		c, err := scimConnection(tx, o, connID)
		if err != nil {
			return err
		}
		members := s.connectionMemberIDs(tx, c)
		tx.B2B.SCIM.DeleteConnection(c.ID)
		for _, mid := range members {
			refreshMemberSCIM(tx, mid)
		}
		id = c.ID
		return nil
	})
	return id, err
}

// StartSCIMRotation creates a next bearer token (SCIM.Connection.RotateStart;
// update on stytch.scim), returned this once; the current and the next
// token both work until the rotation completes or is cancelled. Starting
// again replaces the pending token.
func (s *Service) StartSCIMRotation(orgRef, connID string, caller B2BCaller) (*SCIMConnectionView, error) {
	return s.mutateSCIMConnection(orgRef, connID, "update", caller,
		func(_ *store.Tx, _ *store.Organization, c *store.SCIMConnection, out *SCIMConnectionView) error {
			next := store.NewToken()
			c.Token.StartRotation(next)
			out.NextBearerToken = next
			return nil
		})
}

// CompleteSCIMRotation makes the next bearer token the only one
// (SCIM.Connection.RotateComplete; update on stytch.scim).
func (s *Service) CompleteSCIMRotation(orgRef, connID string, caller B2BCaller) (*SCIMConnectionView, error) {
	return s.mutateSCIMConnection(orgRef, connID, "update", caller,
		func(_ *store.Tx, _ *store.Organization, c *store.SCIMConnection, _ *SCIMConnectionView) error {
			if !c.Token.Rotating() {
				return E(ErrNoSecretRotationInProgress, "No bearer token rotation is in progress for this SCIM connection.")
			}
			c.Token.CompleteRotation()
			return nil
		})
}

// CancelSCIMRotation forgets the next bearer token
// (SCIM.Connection.RotateCancel; update on stytch.scim).
func (s *Service) CancelSCIMRotation(orgRef, connID string, caller B2BCaller) (*SCIMConnectionView, error) {
	return s.mutateSCIMConnection(orgRef, connID, "update", caller,
		func(_ *store.Tx, _ *store.Organization, c *store.SCIMConnection, _ *SCIMConnectionView) error {
			if !c.Token.Rotating() {
				return E(ErrNoSecretRotationInProgress, "No bearer token rotation is in progress for this SCIM connection.")
			}
			c.Token.CancelRotation()
			return nil
		})
}

// SCIMGroupPage is one page of a connection's groups.
type SCIMGroupPage struct {
	Groups     []store.SCIMGroup
	NextCursor string
}

// Page sizes of SCIM.Connection.GetGroups.
const (
	DefaultSCIMGroupLimit = 100
	MaxSCIMGroupLimit     = 1000
)

// SCIMConnectionGroups lists the groups of a SCIM connection by group_id
// (SCIM.Connection.GetGroups; get on stytch.scim), limit (0: 100, at most
// 1000) at a time from cursor.
func (s *Service) SCIMConnectionGroups(orgRef, connID string, limit int, cursor string, caller B2BCaller) (*SCIMGroupPage, error) {
	if limit == 0 {
		limit = DefaultSCIMGroupLimit
	}
	if limit < 1 || limit > MaxSCIMGroupLimit {
		return nil, E(ErrInvalidLimit, "limit must be between 1 and %d.", MaxSCIMGroupLimit)
	}
	var out SCIMGroupPage
	err := s.Store.View(func(tx *store.Tx) error {
		o, err := s.scimCall(tx, orgRef, caller, "get")
		if err != nil {
			return err
		}
		c, err := scimConnection(tx, o, connID)
		if err != nil {
			return err
		}
		pg, next, err := page(tx.B2B.SCIM.ConnectionGroups(c.ID), limit, cursor)
		if err != nil {
			return err
		}
		out.NextCursor = next
		out.Groups = make([]store.SCIMGroup, 0, len(pg))
		for _, g := range pg {
			out.Groups = append(out.Groups, *store.DeepCopy(g))
		}
		return nil
	})
	return &out, err
}

// connectionMemberIDs returns the Members a connection provisioned
// (removed ones included), by member_id.
func (s *Service) connectionMemberIDs(tx *store.Tx, c *store.SCIMConnection) []string {
	var out []string
	for _, id := range tx.B2B.OrganizationMemberIDs(c.OrganizationID) {
		if m := tx.B2B.Members.Peek(id); m.SCIM != nil && m.SCIM.ConnectionID == c.ID {
			out = append(out, id)
		}
	}
	return out
}

// refreshConnectionMembers recomputes the groups and group Roles of every
// Member a connection provisioned.
func (s *Service) refreshConnectionMembers(tx *store.Tx, c *store.SCIMConnection) {
	for _, id := range s.connectionMemberIDs(tx, c) {
		refreshMemberSCIM(tx, id)
	}
}

// refreshMemberSCIM recomputes the SCIM groups of a provisioned Member and
// the Roles its connection's assignments give them.
func refreshMemberSCIM(tx *store.Tx, memberID string) {
	m := tx.B2B.Members.Peek(memberID)
	if m == nil || m.SCIM == nil {
		return
	}
	groups := []store.SCIMGroupRef{}
	roles := []store.SCIMGroupRole{}
	c := tx.B2B.SCIM.Connections.Peek(m.SCIM.ConnectionID)
	for _, g := range tx.B2B.SCIM.MemberGroups(memberID) {
		if g.ConnectionID != m.SCIM.ConnectionID {
			continue
		}
		groups = append(groups, store.SCIMGroupRef{ID: g.ID, Name: g.DisplayName})
		if c == nil {
			continue
		}
		for _, a := range c.RoleAssignments {
			if a.GroupID == g.ID && !slices.Contains(roles, a) {
				roles = append(roles, a)
			}
		}
	}
	if slices.Equal(groups, m.SCIM.Groups) && slices.Equal(roles, m.SCIM.GroupRoles) {
		return
	}
	m = tx.B2B.Members.Get(memberID)
	m.SCIM.Groups, m.SCIM.GroupRoles = groups, roles
	m.UpdatedAt = tx.Now
}
