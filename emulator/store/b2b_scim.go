package store

import (
	"slices"
	"time"
)

// SCIMState holds the SCIM connections of Organizations and the groups their
// identity providers pushed. Owned by the B2B SCIM group (flows/b2b_scim*.go).
// The users an identity provider provisions are Members (Member.SCIM holds
// their registration), so that they log in like any other Member.
type SCIMState struct {
	// Connections maps connection_id to the connection.
	Connections *Table[SCIMConnection] `json:"connections"`
	// Groups maps group_id to the group.
	Groups *Table[SCIMGroup] `json:"groups"`

	connOrg                *hashIndex[SCIMConnection]
	groupConn, groupMember *hashIndex[SCIMGroup]
}

func (s *SCIMState) init(tr *tracker) {
	s.connOrg = newHashIndex(func(c *SCIMConnection) []string { return []string{c.OrganizationID} })
	s.Connections = newTable(tr, "b2b.scim.connections", index[SCIMConnection](s.connOrg))
	s.groupConn = newHashIndex(func(g *SCIMGroup) []string { return []string{g.ConnectionID} })
	s.groupMember = newHashIndex(func(g *SCIMGroup) []string { return slices.Clone(g.MemberIDs) })
	s.Groups = newTable(tr, "b2b.scim.groups", index[SCIMGroup](s.groupConn), s.groupMember)
}

func (s *SCIMState) fixNil(tr *tracker) {
	fix(&s.Connections, tr, "b2b.scim.connections")
	fix(&s.Groups, tr, "b2b.scim.groups")
}

// SCIMConnection is an Organization's SCIM connection: the identity
// provider authenticates with its bearer token, kept only as a hash (and,
// during a rotation, the next token's hash).
type SCIMConnection struct {
	ID               string `json:"id"`
	OrganizationID   string `json:"organization_id"`
	DisplayName      string `json:"display_name"`
	IdentityProvider string `json:"identity_provider"`
	// Token is the bearer token and the pending one during a rotation.
	Token ClientSecrets `json:"token"`
	// RoleAssignments grant a Role to the Members of a SCIM group.
	RoleAssignments []SCIMGroupRole `json:"role_assignments"`
	CreatedAt       time.Time       `json:"created_at"`
}

// SCIMGroupRole grants RoleID to the Members of the SCIM group GroupID.
type SCIMGroupRole struct {
	GroupID string `json:"group_id"`
	RoleID  string `json:"role_id"`
}

// SCIMGroup is a group an identity provider pushed over a SCIM connection,
// with the Members in it.
type SCIMGroup struct {
	ID             string    `json:"id"`
	ConnectionID   string    `json:"connection_id"`
	OrganizationID string    `json:"organization_id"`
	DisplayName    string    `json:"display_name"`
	ExternalID     string    `json:"external_id,omitempty"`
	MemberIDs      []string  `json:"member_ids"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// MemberSCIM is the registration of a Member provisioned over a SCIM
// connection: the user's SCIM attributes as the identity provider last sent
// them, whether the provider has it active, and what its groups give it
// (recomputed whenever a group or the connection's Role assignments change).
type MemberSCIM struct {
	RegistrationID string         `json:"registration_id"`
	ConnectionID   string         `json:"connection_id"`
	Attributes     SCIMAttributes `json:"attributes"`
	// Removed is set when the provider deleted the user: the Member stays
	// (deactivated) but is no SCIM resource any more.
	Removed bool `json:"removed,omitempty"`
	// Groups are the SCIM groups the user is in, by id and name.
	Groups []SCIMGroupRef `json:"groups"`
	// GroupRoles are the Roles the connection's assignments give those groups.
	GroupRoles []SCIMGroupRole `json:"group_roles"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// SCIMGroupRef names a SCIM group.
type SCIMGroupRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SCIMAttributes are the RFC 7643 User attributes a SCIM connection keeps for
// a Member (Stytch's SCIMAttributes).
type SCIMAttributes struct {
	UserName          string          `json:"user_name"`
	ExternalID        string          `json:"external_id"`
	Active            bool            `json:"active"`
	DisplayName       string          `json:"display_name"`
	NickName          string          `json:"nick_name"`
	ProfileURL        string          `json:"profile_url"`
	UserType          string          `json:"user_type"`
	Title             string          `json:"title"`
	PreferredLanguage string          `json:"preferred_language"`
	Locale            string          `json:"locale"`
	Timezone          string          `json:"timezone"`
	Name              *SCIMName       `json:"name,omitempty"`
	Emails            []SCIMValue     `json:"emails"`
	PhoneNumbers      []SCIMValue     `json:"phone_numbers"`
	IMs               []SCIMValue     `json:"ims"`
	Photos            []SCIMValue     `json:"photos"`
	Entitlements      []SCIMValue     `json:"entitlements"`
	Roles             []SCIMValue     `json:"roles"`
	X509Certificates  []SCIMValue     `json:"x509certificates"`
	Addresses         []SCIMAddress   `json:"addresses"`
	Enterprise        *SCIMEnterprise `json:"enterprise,omitempty"`
}

// SCIMName is a SCIM user's name.
type SCIMName struct {
	Formatted       string `json:"formatted"`
	FamilyName      string `json:"family_name"`
	GivenName       string `json:"given_name"`
	MiddleName      string `json:"middle_name"`
	HonorificPrefix string `json:"honorific_prefix"`
	HonorificSuffix string `json:"honorific_suffix"`
}

// SCIMValue is one value of a multi-valued SCIM attribute (emails, phone
// numbers, ...).
type SCIMValue struct {
	Value   string `json:"value"`
	Type    string `json:"type"`
	Primary bool   `json:"primary"`
}

// SCIMAddress is a SCIM user's address.
type SCIMAddress struct {
	Formatted     string `json:"formatted"`
	StreetAddress string `json:"street_address"`
	Locality      string `json:"locality"`
	Region        string `json:"region"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	Type          string `json:"type"`
	Primary       bool   `json:"primary"`
}

// SCIMEnterprise is the RFC 7643 enterprise User extension.
type SCIMEnterprise struct {
	EmployeeNumber string       `json:"employee_number"`
	CostCenter     string       `json:"cost_center"`
	Organization   string       `json:"organization"`
	Division       string       `json:"division"`
	Department     string       `json:"department"`
	Manager        *SCIMManager `json:"manager,omitempty"`
}

// SCIMManager is a SCIM user's manager.
type SCIMManager struct {
	Value       string `json:"value"`
	Ref         string `json:"ref"`
	DisplayName string `json:"display_name"`
}

// SCIMConnectionOf returns the SCIM connection of an Organization, or nil
// (an Organization has at most one).
func (s *SCIMState) SCIMConnectionOf(orgID string) *SCIMConnection {
	return indexFirst(s.Connections, s.connOrg, orgID)
}

// ConnectionGroups returns the groups of a connection, by group_id.
func (s *SCIMState) ConnectionGroups(connID string) []*SCIMGroup {
	return indexAll(s.Groups, s.groupConn, connID)
}

// MemberGroups returns the groups a Member is in, by group_id.
func (s *SCIMState) MemberGroups(memberID string) []*SCIMGroup {
	return indexAll(s.Groups, s.groupMember, memberID)
}

// DeleteConnection removes a connection and its groups.
func (s *SCIMState) DeleteConnection(connID string) {
	for _, g := range s.ConnectionGroups(connID) {
		s.Groups.Delete(g.ID)
	}
	s.Connections.Delete(connID)
}

// deleteOrganization removes the SCIM connection and groups of an
// Organization.
func (s *SCIMState) deleteOrganization(orgID string) {
	if c := s.SCIMConnectionOf(orgID); c != nil {
		s.DeleteConnection(c.ID)
	}
}
