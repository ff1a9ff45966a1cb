package flows

import (
	"net/http"
	"slices"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// SCIM groups (RFC 7644 /Groups): an identity provider pushes its groups
// and their members; the connection's Role assignments turn membership into
// Roles (source scim_connection_group), recomputed on every change.

// SCIMGroupMember is a member of a SCIM group: its SCIM id (member_id) and
// display name.
type SCIMGroupMember struct {
	ID, Display string
}

// SCIMGroupView is a SCIM group as the SCIM protocol shows it.
type SCIMGroupView struct {
	ID, DisplayName, ExternalID string
	Members                     []SCIMGroupMember
	Created, Modified           time.Time
}

// SCIMGroupInput is what a group create or replace sets.
type SCIMGroupInput struct {
	DisplayName, ExternalID string
	// MemberIDs are the SCIM ids (member_ids) of its users.
	MemberIDs []string
}

func scimGroupView(tx *store.Tx, g *store.SCIMGroup) SCIMGroupView {
	v := SCIMGroupView{ID: g.ID, DisplayName: g.DisplayName, ExternalID: g.ExternalID, Members: []SCIMGroupMember{},
		Created: g.CreatedAt, Modified: g.UpdatedAt}
	for _, id := range g.MemberIDs {
		display := ""
		if m := tx.B2B.Members.Peek(id); m != nil {
			display = m.Name
			if display == "" {
				display = m.EmailAddress
			}
		}
		v.Members = append(v.Members, SCIMGroupMember{ID: id, Display: display})
	}
	return v
}

// scimGroup returns group id of connection c.
func scimGroup(tx *store.Tx, c *store.SCIMConnection, id string) (*store.SCIMGroup, error) {
	g := tx.B2B.SCIM.Groups.Get(id)
	if g == nil || g.ConnectionID != c.ID {
		return nil, scimErr(http.StatusNotFound, "", "Group %s not found.", id)
	}
	return g, nil
}

// SCIMGroups returns the groups of a connection, by group_id.
func (s *Service) SCIMGroups(connID string) ([]SCIMGroupView, error) {
	var out []SCIMGroupView
	err := s.Store.View(func(tx *store.Tx) error {
		c, _, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		for _, g := range tx.B2B.SCIM.ConnectionGroups(c.ID) {
			out = append(out, scimGroupView(tx, g))
		}
		return nil
	})
	return out, err
}

// SCIMGroupByID returns one group of a connection.
func (s *Service) SCIMGroupByID(connID, id string) (*SCIMGroupView, error) {
	var out SCIMGroupView
	err := s.Store.View(func(tx *store.Tx) error {
		c, _, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		g, err := scimGroup(tx, c, id)
		if err != nil {
			return err
		}
		out = scimGroupView(tx, g)
		return nil
	})
	return &out, err
}

// CreateSCIMGroup stores a new group (POST /Groups) with its members.
func (s *Service) CreateSCIMGroup(connID string, in SCIMGroupInput) (*SCIMGroupView, error) {
	var out SCIMGroupView
	err := s.Store.Update(func(tx *store.Tx) error {
		c, _, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		g := &store.SCIMGroup{ID: tx.NewID(KindSCIMGroup), ConnectionID: c.ID, OrganizationID: c.OrganizationID,
			MemberIDs: []string{}, CreatedAt: tx.Now}
		if err := setSCIMGroup(tx, c, g, in); err != nil {
			return err
		}
		out = scimGroupView(tx, g)
		return nil
	})
	return &out, asSCIMError(err)
}

// ReplaceSCIMGroup replaces a group (PUT, and PATCH once its operations are
// applied): mutate receives the group as stored and returns what it
// becomes, within the same transaction.
func (s *Service) ReplaceSCIMGroup(connID, id string, mutate func(SCIMGroupView) (SCIMGroupInput, error)) (*SCIMGroupView, error) {
	var out SCIMGroupView
	err := s.Store.Update(func(tx *store.Tx) error {
		c, _, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		g, err := scimGroup(tx, c, id)
		if err != nil {
			return err
		}
		in, err := mutate(scimGroupView(tx, g))
		if err != nil {
			return err
		}
		if err := setSCIMGroup(tx, c, g, in); err != nil {
			return err
		}
		out = scimGroupView(tx, g)
		return nil
	})
	return &out, asSCIMError(err)
}

// setSCIMGroup gives g its new name and members (users of c, each once)
// and recomputes the Roles of whoever joined or left.
func setSCIMGroup(tx *store.Tx, c *store.SCIMConnection, g *store.SCIMGroup, in SCIMGroupInput) error {
	if in.DisplayName == "" {
		return scimErr(http.StatusBadRequest, SCIMInvalidValue, "A group needs a displayName.")
	}
	members := make([]string, 0, len(in.MemberIDs))
	for _, id := range in.MemberIDs {
		m := tx.B2B.Members.Peek(id)
		if m == nil || m.SCIM == nil || m.SCIM.ConnectionID != c.ID || m.SCIM.Removed {
			return scimErr(http.StatusBadRequest, SCIMInvalidValue, "No user of this SCIM connection has the id %s.", id)
		}
		if !slices.Contains(members, id) {
			members = append(members, id)
		}
	}
	changed := append(slices.Clone(g.MemberIDs), members...)
	g.DisplayName, g.ExternalID, g.MemberIDs, g.UpdatedAt = in.DisplayName, in.ExternalID, members, tx.Now
	tx.B2B.SCIM.Groups.Put(g.ID, g)
	for _, id := range changed {
		refreshMemberSCIM(tx, id)
	}
	return nil
}

// DeleteSCIMGroup deletes a group (DELETE /Groups/{id}): its members lose
// the Roles it gave and the connection's assignments of it go.
func (s *Service) DeleteSCIMGroup(connID, id string) error {
	err := s.Store.Update(func(tx *store.Tx) error {
		c, _, err := scimConn(tx, connID)
		if err != nil {
			return err
		}
		g, err := scimGroup(tx, c, id)
		if err != nil {
			return err
		}
		members := g.MemberIDs
		tx.B2B.SCIM.Groups.Delete(g.ID)
		if slices.ContainsFunc(c.RoleAssignments, func(a store.SCIMGroupRole) bool { return a.GroupID == g.ID }) {
			c = tx.B2B.SCIM.Connections.Get(c.ID)
			c.RoleAssignments = slices.DeleteFunc(c.RoleAssignments, func(a store.SCIMGroupRole) bool { return a.GroupID == g.ID })
		}
		for _, mid := range members {
			refreshMemberSCIM(tx, mid)
		}
		return nil
	})
	return asSCIMError(err)
}
