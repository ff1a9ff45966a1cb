package store

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// B2BState holds the B2B side of the project: Organizations, Members,
// member sessions, intermediate sessions and pending email tokens, each in
// a Table (journaled, rolled back with its transaction), and the project's
// B2B RBAC policy. The lookups below go through the tables' indexes, so
// their cost does not grow with the number of Organizations or Members.
type B2BState struct {
	// Organizations maps organization_id to the Organization.
	Organizations *Table[Organization] `json:"organizations"`
	// Members maps member_id to the Member.
	Members *Table[Member] `json:"members"`
	// Sessions maps member_session_id to the session.
	Sessions *Table[MemberSession] `json:"sessions"`
	// IntermediateSessions maps an intermediate session token to its state.
	IntermediateSessions *Table[IntermediateSession] `json:"intermediate_sessions"`
	// Tokens maps an email token (magic link, invite, discovery link, email
	// update) to its state.
	Tokens *Table[EmailToken] `json:"tokens"`
	// SCIM holds the SCIM connections and groups (b2b_scim.go).
	SCIM SCIMState `json:"scim"`
	// SSO holds the SSO connections and logins (b2b_sso.go).
	SSO SSOState `json:"sso"`
	// Policy is the project's B2B RBAC policy: Stytch's default Roles and
	// Resources (DefaultB2BPolicy) until Tx.SetPolicy replaces it.
	Policy Policy `json:"policy"`

	orgSlug, orgExternalID, orgDomain, orgTenant                                *hashIndex[Organization]
	memberOrg, memberOrgEmail, memberEmail, memberOrgExternal, memberOrgRetired *hashIndex[Member]
	memberFactor                                                                *hashIndex[Member]
	sessionToken, sessionMember                                                 *hashIndex[MemberSession]
	intermediateMember                                                          *hashIndex[IntermediateSession]
	tokenMember                                                                 *hashIndex[EmailToken]
}

func (s *B2BState) init(tr *tracker) {
	one := func(k string) []string {
		if k == "" {
			return nil
		}
		return []string{k}
	}
	s.orgSlug = newHashIndex(func(o *Organization) []string { return one(strings.ToLower(o.Slug)) })
	s.orgExternalID = newHashIndex(func(o *Organization) []string { return one(o.ExternalID) })
	s.orgDomain = newHashIndex(func(o *Organization) []string {
		return distinct(len(o.EmailAllowedDomains), func(i int) string { return strings.ToLower(o.EmailAllowedDomains[i]) })
	})
	s.orgTenant = newHashIndex(orgTenantKeys)
	s.Organizations = newTable(tr, "b2b.organizations", index[Organization](s.orgSlug), s.orgExternalID, s.orgDomain, s.orgTenant)

	live := func(m *Member) bool { return m.Status != MemberDeleted }
	s.memberOrg = newHashIndex(func(m *Member) []string { return []string{m.OrganizationID} })
	s.memberOrgEmail = newHashIndex(func(m *Member) []string {
		if !live(m) {
			return nil
		}
		return one(orgKey(m.OrganizationID, strings.ToLower(m.EmailAddress)))
	})
	s.memberEmail = newHashIndex(func(m *Member) []string {
		if !live(m) {
			return nil
		}
		return one(strings.ToLower(m.EmailAddress))
	})
	s.memberOrgExternal = newHashIndex(func(m *Member) []string {
		if m.ExternalID == "" {
			return nil
		}
		return []string{orgKey(m.OrganizationID, m.ExternalID)}
	})
	s.memberOrgRetired = newHashIndex(func(m *Member) []string {
		return distinct(len(m.RetiredEmails), func(i int) string {
			return orgKey(m.OrganizationID, strings.ToLower(m.RetiredEmails[i].Address))
		})
	})
	s.memberFactor = newHashIndex(memberFactorIDs)
	s.Members = newTable(tr, "b2b.members", index[Member](s.memberOrg), s.memberOrgEmail, s.memberEmail,
		s.memberOrgExternal, s.memberOrgRetired, s.memberFactor)

	s.sessionToken = newHashIndex(func(v *MemberSession) []string { return []string{v.Token} })
	s.sessionMember = newHashIndex(func(v *MemberSession) []string { return []string{v.MemberID} })
	s.Sessions = newTable(tr, "b2b.sessions", index[MemberSession](s.sessionToken), s.sessionMember)

	s.intermediateMember = newHashIndex(func(v *IntermediateSession) []string { return one(v.MemberID) })
	s.IntermediateSessions = newTable(tr, "b2b.intermediate_sessions", index[IntermediateSession](s.intermediateMember))

	s.tokenMember = newHashIndex(func(v *EmailToken) []string { return one(v.MemberID) })
	s.Tokens = newTable(tr, "b2b.tokens", index[EmailToken](s.tokenMember))

	s.SCIM.init(tr)
	s.SSO.init(tr)
	s.Policy = DefaultB2BPolicy()
}

func (s *B2BState) fixNil(tr *tracker) {
	fix(&s.Organizations, tr, "b2b.organizations")
	fix(&s.Members, tr, "b2b.members")
	fix(&s.Sessions, tr, "b2b.sessions")
	fix(&s.IntermediateSessions, tr, "b2b.intermediate_sessions")
	fix(&s.Tokens, tr, "b2b.tokens")
	s.SCIM.fixNil(tr)
	s.SSO.fixNil(tr)
	if len(s.Policy.Roles) == 0 {
		s.Policy = DefaultB2BPolicy()
	}
}

// orgKey scopes an index key to one Organization.
func orgKey(orgID, k string) string { return orgID + "\x00" + k }

// memberFactorIDs are the ids a Member is found by: its email ids (current
// and retired), password, TOTP, OAuth and SSO registrations.
func memberFactorIDs(m *Member) []string {
	ids := []string{m.EmailID, m.MFAPhoneID}
	for i := range m.RetiredEmails {
		ids = append(ids, m.RetiredEmails[i].ID)
	}
	if m.Password != nil {
		ids = append(ids, m.Password.ID)
	}
	if m.TOTP != nil {
		ids = append(ids, m.TOTP.ID)
	}
	for i := range m.OAuthRegistrations {
		ids = append(ids, m.OAuthRegistrations[i].ID)
	}
	for i := range m.SSORegistrations {
		r := &m.SSORegistrations[i]
		ids = append(ids, r.ID, SSORegistrationKey(r.ConnectionID, r.ExternalID))
	}
	return distinct(len(ids), func(i int) string { return ids[i] })
}

// indexFirst returns the entity the index names under key, or nil.
func indexFirst[V any](t *Table[V], ix *hashIndex[V], key string) *V {
	t.flush()
	if id, ok := ix.first(key); ok {
		return t.Get(id)
	}
	return nil
}

// indexAll returns the entities the index names under key, sorted by key.
func indexAll[V any](t *Table[V], ix *hashIndex[V], key string) []*V {
	t.flush()
	ids := ix.lookup(key)
	slices.Sort(ids)
	out := make([]*V, 0, len(ids))
	for _, id := range ids {
		if v := t.Get(id); v != nil {
			out = append(out, v)
		}
	}
	return out
}

// Organization returns the Organization named by its id, slug
// (case-insensitive) or external id, or nil.
func (s *B2BState) Organization(ref string) *Organization {
	if ref == "" {
		return nil
	}
	if o := s.Organizations.Get(ref); o != nil {
		return o
	}
	if o := indexFirst(s.Organizations, s.orgSlug, strings.ToLower(ref)); o != nil {
		return o
	}
	return indexFirst(s.Organizations, s.orgExternalID, ref)
}

// OrganizationBySlug returns the Organization with this slug
// (case-insensitive), or nil.
func (s *B2BState) OrganizationBySlug(slug string) *Organization {
	return indexFirst(s.Organizations, s.orgSlug, strings.ToLower(slug))
}

// OrganizationByExternalID returns the Organization with this external id,
// or nil.
func (s *B2BState) OrganizationByExternalID(id string) *Organization {
	return indexFirst(s.Organizations, s.orgExternalID, id)
}

// OrganizationsByDomain returns the Organizations whose allowed email
// domains include domain (case-insensitive), by id.
func (s *B2BState) OrganizationsByDomain(domain string) []*Organization {
	return indexAll(s.Organizations, s.orgDomain, strings.ToLower(domain))
}

// OrganizationsByOAuthTenant returns the Organizations whose allowed OAuth
// tenants of provider (slack, hubspot, github) include tenantID.
func (s *B2BState) OrganizationsByOAuthTenant(provider, tenantID string) []*Organization {
	return indexAll(s.Organizations, s.orgTenant, oauthTenantKey(provider, tenantID))
}

// orgTenantKeys are the keys of an Organization's allowed OAuth tenants.
func orgTenantKeys(o *Organization) []string {
	var keys []string
	for provider, ids := range o.AllowedOAuthTenants {
		for _, id := range ids {
			keys = append(keys, oauthTenantKey(provider, id))
		}
	}
	return distinct(len(keys), func(i int) string { return keys[i] })
}

func oauthTenantKey(provider, tenantID string) string {
	if tenantID == "" {
		return ""
	}
	return provider + "\x00" + tenantID
}

// Member returns the Member of the Organization named by its member_id or
// external id, whatever its status, or nil.
func (s *B2BState) Member(orgID, ref string) *Member {
	if ref == "" {
		return nil
	}
	if m := s.Members.Get(ref); m != nil {
		if m.OrganizationID == orgID {
			return m
		}
		return nil
	}
	return indexFirst(s.Members, s.memberOrgExternal, orgKey(orgID, ref))
}

// MemberByEmail returns the Member of the Organization that holds this
// address (case-insensitive; deleted Members hold none), or nil.
func (s *B2BState) MemberByEmail(orgID, address string) *Member {
	return indexFirst(s.Members, s.memberOrgEmail, orgKey(orgID, strings.ToLower(address)))
}

// MembersByEmail returns the Members holding this address in any
// Organization (deleted ones excluded), by member_id.
func (s *B2BState) MembersByEmail(address string) []*Member {
	return indexAll(s.Members, s.memberEmail, strings.ToLower(address))
}

// MemberByRetiredEmail returns the Member of the Organization that retired
// this address, or nil.
func (s *B2BState) MemberByRetiredEmail(orgID, address string) *Member {
	return indexFirst(s.Members, s.memberOrgRetired, orgKey(orgID, strings.ToLower(address)))
}

// MemberByFactorID returns the Member holding a factor with this id (an
// email, password, TOTP, OAuth or SSO registration id), or nil.
func (s *B2BState) MemberByFactorID(id string) *Member {
	if id == "" {
		return nil
	}
	return indexFirst(s.Members, s.memberFactor, id)
}

// OrganizationMemberIDs returns the ids of every Member of the
// Organization, deleted ones included, sorted.
func (s *B2BState) OrganizationMemberIDs(orgID string) []string {
	s.Members.flush()
	ids := s.memberOrg.lookup(orgID)
	slices.Sort(ids)
	return ids
}

// CountMembers returns the number of Members of the Organization, deleted
// ones included.
func (s *B2BState) CountMembers(orgID string) int {
	s.Members.flush()
	return s.memberOrg.count(orgID)
}

// SessionByToken returns the member session holding this token, or nil.
func (s *B2BState) SessionByToken(token string) *MemberSession {
	return indexFirst(s.Sessions, s.sessionToken, token)
}

// MemberSessions returns the sessions of a Member alive at now, oldest
// first.
func (s *B2BState) MemberSessions(memberID string, now time.Time) []*MemberSession {
	var out []*MemberSession
	for _, sess := range indexAll(s.Sessions, s.sessionMember, memberID) {
		if sess.Alive(now) {
			out = append(out, sess)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartedAt.Before(out[j].StartedAt) })
	return out
}

// RevokeMemberSessions deletes every session of a Member and reports how
// many there were.
func (s *B2BState) RevokeMemberSessions(memberID string) int {
	s.Sessions.flush()
	ids := s.sessionMember.lookup(memberID)
	for _, id := range ids {
		s.Sessions.Delete(id)
	}
	return len(ids)
}

// ForgetMember deletes the sessions, intermediate sessions and pending
// email tokens of a Member (when it is deleted or its Organization is).
func (s *B2BState) ForgetMember(memberID string) {
	s.RevokeMemberSessions(memberID)
	s.IntermediateSessions.flush()
	for _, tok := range s.intermediateMember.lookup(memberID) {
		s.IntermediateSessions.Delete(tok)
	}
	s.Tokens.flush()
	for _, tok := range s.tokenMember.lookup(memberID) {
		s.Tokens.Delete(tok)
	}
}

// MemberTokens returns the pending email tokens of a Member.
func (s *B2BState) MemberTokens(memberID string) []*EmailToken {
	return indexAll(s.Tokens, s.tokenMember, memberID)
}

// DeleteOrganization removes an Organization with every Member, session
// and token of it.
func (s *B2BState) DeleteOrganization(orgID string) {
	for _, id := range s.OrganizationMemberIDs(orgID) {
		s.ForgetMember(id)
		s.Members.Delete(id)
	}
	var pending []string
	for tok, ist := range s.IntermediateSessions.All() {
		if ist.OrganizationID == orgID {
			pending = append(pending, tok)
		}
	}
	for _, tok := range pending {
		s.IntermediateSessions.Delete(tok)
	}
	s.SCIM.deleteOrganization(orgID)
	s.SSO.deleteOrganization(orgID)
	s.Organizations.Delete(orgID)
}

// Default B2B Role ids.
const (
	RoleStytchMember = "stytch_member"
	RoleStytchAdmin  = "stytch_admin"
)

// The default B2B Resources and their actions, as Stytch defines them.
var b2bResources = []Resource{
	{ResourceID: "stytch.organization", Description: "The Member's Organization.", Actions: []string{
		"update.info.name", "update.info.slug", "update.info.logo-url",
		"update.settings.allowed-auth-methods", "update.settings.allowed-mfa-methods",
		"update.settings.email-jit-provisioning", "update.settings.email-invites", "update.settings.allowed-domains",
		"update.settings.default-sso-connection", "update.settings.sso-jit-provisioning", "update.settings.mfa-policy",
		"update.settings.implicit-roles", "update.settings.oauth-tenant-jit-provisioning",
		"update.settings.allowed-oauth-tenants", "delete"}},
	{ResourceID: "stytch.member", Description: "Every Member of the Organization.", Actions: []string{
		"create", "update.info.name", "update.info.email", "update.info.untrusted-metadata", "update.info.mfa-phone",
		"update.info.delete.mfa-phone", "update.info.delete.mfa-totp", "update.info.delete.password",
		"update.settings.is-breakglass", "update.settings.mfa-enrolled", "update.settings.default-mfa-method",
		"update.settings.roles", "search", "delete", "revoke-sessions"}},
	{ResourceID: "stytch.sso", Description: "The Organization's SSO connections.",
		Actions: []string{"create", "get", "update", "delete"}},
	{ResourceID: "stytch.scim", Description: "The Organization's SCIM connection.",
		Actions: []string{"create", "get", "update", "delete"}},
	{ResourceID: "stytch.self", Description: "The logged-in Member itself.", Actions: []string{
		"update.info.name", "update.info.untrusted-metadata", "update.info.mfa-phone", "update.info.delete.mfa-phone",
		"update.info.delete.password", "update.info.delete.mfa-totp", "update.settings.mfa-enrolled",
		"update.settings.default-mfa-method", "delete", "revoke-sessions"}},
}

// DefaultB2BPolicy is the B2B RBAC policy of a new project: stytch_member,
// held by every Member, may do anything on stytch.self; stytch_admin,
// granted to whoever creates an Organization by discovery, may do anything
// on the Organization, its Members, SSO and SCIM connections.
func DefaultB2BPolicy() Policy {
	res := make([]Resource, len(b2bResources))
	for i, r := range b2bResources {
		res[i] = Resource{ResourceID: r.ResourceID, Description: r.Description, Actions: slices.Clone(r.Actions)}
	}
	wildcard := []string{"*"}
	return Policy{
		Roles: []Role{
			{RoleID: RoleStytchMember, Description: "Held by every Member; may act on itself.",
				Permissions: []Permission{{ResourceID: "stytch.self", Actions: slices.Clone(wildcard)}}},
			{RoleID: RoleStytchAdmin, Description: "May administer the Organization, its Members and its SSO and SCIM connections.",
				Permissions: []Permission{
					{ResourceID: "stytch.organization", Actions: slices.Clone(wildcard)},
					{ResourceID: "stytch.member", Actions: slices.Clone(wildcard)},
					{ResourceID: "stytch.sso", Actions: slices.Clone(wildcard)},
					{ResourceID: "stytch.scim", Actions: slices.Clone(wildcard)},
				}},
		},
		Resources: res,
		Scopes:    []Scope{},
	}
}

// DeepCopy returns a deep copy of *v that stays valid after the
// transaction that read it (maps, slices and pointers are copied).
func DeepCopy[V any](v *V) *V { return deepCopy(v) }
