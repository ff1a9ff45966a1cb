package flows

import (
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The B2B flows (b2b_*.go) share what this file holds: the views of an
// Organization and a Member that the API returns, the lookups that answer
// the B2B not-found errors, and Role derivation. Later B2B groups (OTPs,
// passwords, TOTP, OAuth, SSO, SCIM) build on them: they find the
// Organization and Member with b2bOrg and b2bMember, authorize a member
// session header with AuthorizeMemberCall, and finish a login with
// LoginMember (b2b_login.go).

// ID kinds of B2B objects.
const (
	KindOrganization   = "organization"
	KindMember         = "member"
	KindMemberSession  = "member-session"
	KindMemberPassword = "member-password"
	KindMemberTOTP     = "member-totp"
	KindOAuthMember    = "oauth-user"
)

// OrgView is an Organization as the API shows it: the stored settings and
// what is derived from other tables (active SSO connections, the SCIM
// connection), which their groups fill in orgView.
type OrgView struct {
	store.Organization
	// SSOActive lists the active SSO connections.
	SSOActive []ActiveSSOConnection
	// SCIMActive is the active SCIM connection, nil when there is none.
	SCIMActive *ActiveSCIMConnection
}

// ActiveSSOConnection is an SSO connection as Organization.sso_active_connections lists it.
type ActiveSSOConnection struct {
	ConnectionID, DisplayName, IdentityProvider string
}

// ActiveSCIMConnection is Organization.scim_active_connection.
type ActiveSCIMConnection struct {
	ConnectionID, DisplayName, BearerTokenLastFour string
	BearerTokenExpiresAt                           *time.Time
}

// orgView returns a copy of o with its derived parts.
func (s *Service) orgView(tx *store.Tx, o *store.Organization) OrgView {
	return OrgView{Organization: *store.DeepCopy(o), SSOActive: ssoActiveConnections(tx, o), SCIMActive: scimActive(tx, o.ID)}
}

// MemberView is a Member as the API shows it: a copy of the stored Member
// and every Role it holds with the sources of each.
type MemberView struct {
	store.Member
	Roles []MemberRole
}

// IsAdmin reports whether the Member holds stytch_admin.
func (v *MemberView) IsAdmin() bool {
	return slices.ContainsFunc(v.Roles, func(r MemberRole) bool { return r.RoleID == store.RoleStytchAdmin })
}

// MemberRole is a Role a Member holds and where the assignment comes from.
type MemberRole struct {
	RoleID  string
	Sources []RoleSource
}

// RoleSource is one source of a Role assignment: direct_assignment,
// email_assignment (Details: email_domain), sso_connection,
// sso_connection_group or scim_connection_group.
type RoleSource struct {
	Type    string
	Details map[string]any
}

// Role source types.
const (
	SourceDirect = "direct_assignment"
	SourceEmail  = "email_assignment"
)

// memberView returns a copy of m with its Roles.
func (s *Service) memberView(tx *store.Tx, o *store.Organization, m *store.Member) MemberView {
	return MemberView{Member: *store.DeepCopy(m), Roles: memberRoles(tx, o, m)}
}

// memberRoles derives every Role of m: stytch_member (every Member), the
// explicit assignments, the Roles its email domain implies, those its SSO
// connections and IdP groups grant (b2b_sso.go) and, for an active Member a
// SCIM connection provisioned, the Roles its SCIM groups are assigned.
func memberRoles(tx *store.Tx, o *store.Organization, m *store.Member) []MemberRole {
	var out []MemberRole
	add := func(role string, src RoleSource) {
		for i := range out {
			if out[i].RoleID == role {
				out[i].Sources = append(out[i].Sources, src)
				return
			}
		}
		out = append(out, MemberRole{RoleID: role, Sources: []RoleSource{src}})
	}
	add(store.RoleStytchMember, RoleSource{Type: SourceDirect, Details: map[string]any{}})
	for _, r := range m.Roles {
		add(r, RoleSource{Type: SourceDirect, Details: map[string]any{}})
	}
	if o != nil {
		domain := emailDomain(m.EmailAddress)
		for _, a := range o.EmailImplicitRoles {
			if strings.EqualFold(a.Domain, domain) {
				add(a.RoleID, RoleSource{Type: SourceEmail, Details: map[string]any{"email_domain": strings.ToLower(a.Domain)}})
			}
		}
	}
	ssoRoles(tx, o, m, add)
	if m.SCIM != nil && m.Status == store.MemberActive {
		for _, g := range m.SCIM.GroupRoles {
			add(g.RoleID, RoleSource{Type: SourceSCIMGroup, Details: map[string]any{"connection_id": m.SCIM.ConnectionID, "group_id": g.GroupID}})
		}
	}
	return out
}

// sessionRoles returns the Role ids a session of m carries: every Role of
// m, except those that only SSO connections grant when the session has no
// SSO factor of any of them. One place decides, for JWTs, authorization
// checks and member-session headers alike.
func sessionRoles(tx *store.Tx, o *store.Organization, m *store.Member, sess *store.MemberSession) []string {
	roles := memberRoles(tx, o, m)
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		if !ssoOnlyRole(r, sess) {
			out = append(out, r.RoleID)
		}
	}
	return out
}

// roleIDs returns the ids of roles, in order.
func roleIDs(roles []MemberRole) []string {
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		out = append(out, r.RoleID)
	}
	return out
}

// emailDomain returns the lower-cased domain of an address ("" without @).
func emailDomain(addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return ""
	}
	return strings.ToLower(addr[at+1:])
}

// b2bOrg returns the Organization named by ref (id, slug or external id).
func b2bOrg(tx *store.Tx, ref string) (*store.Organization, error) {
	if o := tx.B2B.Organization(ref); o != nil {
		return o, nil
	}
	return nil, ErrOrganizationNotFound.New()
}

// b2bMember returns the Member of org named by ref (id or external id);
// deleted Members count as missing unless withDeleted.
func b2bMember(tx *store.Tx, orgID, ref string, withDeleted bool) (*store.Member, error) {
	m := tx.B2B.Member(orgID, ref)
	if m == nil || (!withDeleted && m.Status == store.MemberDeleted) {
		return nil, ErrMemberNotFound.New()
	}
	return m, nil
}

// orgAndMember resolves an Organization and one of its live Members.
func orgAndMember(tx *store.Tx, orgRef, memberRef string) (*store.Organization, *store.Member, error) {
	o, err := b2bOrg(tx, orgRef)
	if err != nil {
		return nil, nil, err
	}
	m, err := b2bMember(tx, o.ID, memberRef, false)
	if err != nil {
		return nil, nil, err
	}
	return o, m, nil
}

// MemberResult is a Member with its Organization, the answer of most
// Member operations.
type MemberResult struct {
	Org    OrgView
	Member MemberView
}

// memberResult copies o and m into a MemberResult.
func (s *Service) memberResult(tx *store.Tx, o *store.Organization, m *store.Member) *MemberResult {
	return &MemberResult{Org: s.orgView(tx, o), Member: s.memberView(tx, o, m)}
}

// touchMember records that m changed at now.
func touchMember(tx *store.Tx, m *store.Member) { m.UpdatedAt = tx.Now }

// MemberRoleIDs returns the ids of every Role m holds in o, explicit and
// implicit (stytch_member, email domain, SSO, SCIM group), for views.
func MemberRoleIDs(tx *store.Tx, o *store.Organization, m *store.Member) []string {
	roles := memberRoles(tx, o, m)
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = r.RoleID
	}
	return out
}
