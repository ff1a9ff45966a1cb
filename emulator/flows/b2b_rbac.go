package flows

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B RBAC: the project's policy (store.DefaultB2BPolicy) plus each
// Organization's own Roles, and the authorization of calls made with a
// member session header.

// The default B2B Resources.
const (
	ResourceOrganization = "stytch.organization"
	ResourceMember       = "stytch.member"
	ResourceSelf         = "stytch.self"
	ResourceSSO          = "stytch.sso"
	ResourceSCIM         = "stytch.scim"
)

// ErrSessionAuthorization is Stytch's 403 when the member session's Roles
// do not grant the action.
func ErrSessionAuthorization() *Error {
	return E(ErrSessionAuthorizationError,
		"The Member is not authorized to perform the requested action on that resource.")
}

// ErrSessionTenancy is Stytch's 403 when the member session belongs to
// another Organization than the one the call is about.
func ErrSessionTenancy() *Error {
	return E(ErrSessionAuthorizationTenancyError,
		"The member session belongs to another Organization than the one in the request.")
}

// orgPolicy returns the policy a Member of o is evaluated against: the
// project's Roles and o's custom Roles.
func orgPolicy(tx *store.Tx, o *store.Organization) store.Policy {
	return policyOf(tx.B2B.Policy, o)
}

// policyOf is orgPolicy under the project policy project.
func policyOf(project store.Policy, o *store.Organization) store.Policy {
	p := store.Policy{Roles: slices.Clone(project.Roles), Resources: project.Resources}
	if o != nil {
		p.Roles = append(p.Roles, o.CustomRoles...)
	}
	return p
}

// grantingRoles returns which of roles grant action on resource under p
// (a permission with action "*" grants every action).
func grantingRoles(p store.Policy, roles []string, resource, action string) []string {
	return authorize(p, roles, AuthzCheck{ResourceID: resource, Action: action}).GrantingRoles
}

// B2BCaller is who a B2B call runs as: the project (zero value, Basic auth
// only) or, when the request carries X-Stytch-Member-Session or
// X-Stytch-Member-SessionJWT, that member session.
type B2BCaller struct {
	SessionToken, SessionJWT *string
}

// Set reports whether a member session header was sent.
func (c B2BCaller) Set() bool { return c.SessionToken != nil || c.SessionJWT != nil }

// RBACNeed is one permission a call needs: Action on Resource. With SelfOK,
// the same action on stytch.self also grants it when the call targets the
// calling Member itself.
type RBACNeed struct {
	Resource, Action string
	SelfOK           bool
}

// AuthorizeMemberCall authorizes a call that takes the member session
// headers. Without a header it does nothing (the project secret
// authorizes the call) and returns nil. With one, the session must be alive
// (404 session_not_found otherwise), belong to orgID (403
// session_authorization_tenancy_error) and its Roles must grant every need
// (403 session_authorization_error); target is the Member the call acts on
// ("" for none), which lets stytch.self grant SelfOK needs. It returns the
// calling Member. Every B2B group authorizes its header-taking operations
// through it.
func (s *Service) AuthorizeMemberCall(tx *store.Tx, c B2BCaller, orgID, target string, needs ...RBACNeed) (*store.Member, error) {
	if !c.Set() {
		return nil, nil
	}
	sess, err := s.lookupMemberSession(tx, c.SessionToken, c.SessionJWT)
	if err != nil {
		return nil, err
	}
	if sess.OrganizationID != orgID {
		return nil, ErrSessionTenancy()
	}
	o := tx.B2B.Organizations.Peek(sess.OrganizationID)
	m := tx.B2B.Members.Peek(sess.MemberID)
	if o == nil || m == nil || m.Status == store.MemberDeleted {
		return nil, ErrSessionNotFound.New()
	}
	p := orgPolicy(tx, o)
	roles := sessionRoles(tx, o, m, sess)
	for _, n := range needs {
		if len(grantingRoles(p, roles, n.Resource, n.Action)) > 0 {
			continue
		}
		if n.SelfOK && target != "" && target == m.ID && len(grantingRoles(p, roles, ResourceSelf, n.Action)) > 0 {
			continue
		}
		return nil, ErrSessionAuthorization()
	}
	return m, nil
}

// OrgPolicy returns the custom Roles of an Organization
// (RBAC.Organizations.GetOrgPolicy).
func (s *Service) OrgPolicy(orgRef string) ([]store.Role, error) {
	var out []store.Role
	err := s.Store.View(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		out = store.DeepCopy(o).CustomRoles
		return nil
	})
	if out == nil {
		out = []store.Role{}
	}
	return out, err
}

// SetOrgPolicy replaces the custom Roles of an Organization
// (RBAC.Organizations.SetOrgPolicy). Each Role needs a unique id that
// neither starts with "stytch" nor names a project Role, and permissions
// on Resources of the project's policy with actions those Resources define
// (or "*"). Assignments of Roles that no longer exist (explicit ones and
// email-domain ones) are dropped.
func (s *Service) SetOrgPolicy(orgRef string, roles []store.Role) ([]store.Role, error) {
	var out []store.Role
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if err := checkCustomRoles(tx.B2B.Policy, roles); err != nil {
			return err
		}
		o.CustomRoles = *store.DeepCopy(&roles)
		if o.CustomRoles == nil {
			o.CustomRoles = []store.Role{}
		}
		o.UpdatedAt = tx.Now
		pruneRoleAssignments(tx, o.ID, orgPolicy(tx, o))
		out = *store.DeepCopy(&o.CustomRoles)
		return nil
	})
	return out, err
}

// pruneRoleAssignments drops the assignments of Roles that policy does not
// define from the Organization orgID (email-domain ones) and its Members
// (explicit ones).
func pruneRoleAssignments(tx *store.Tx, orgID string, policy store.Policy) {
	unknown := func(id string) bool { return !roleDefined(policy, id) }
	implicitUnknown := func(a store.EmailImplicitRole) bool { return unknown(a.RoleID) }
	if slices.ContainsFunc(tx.B2B.Organizations.Peek(orgID).EmailImplicitRoles, implicitUnknown) {
		o := tx.B2B.Organizations.Get(orgID)
		o.EmailImplicitRoles = slices.DeleteFunc(o.EmailImplicitRoles, implicitUnknown)
	}
	for _, id := range tx.B2B.OrganizationMemberIDs(orgID) {
		if slices.ContainsFunc(tx.B2B.Members.Peek(id).Roles, unknown) {
			m := tx.B2B.Members.Get(id)
			m.Roles = slices.DeleteFunc(m.Roles, unknown)
		}
	}
}

// checkCustomRoles validates an Organization's custom Roles against the
// project policy.
func checkCustomRoles(project store.Policy, roles []store.Role) error {
	seen := map[string]bool{}
	for _, r := range roles {
		taken := func(id string) bool { return roleDefined(project, id) || seen[id] }
		if err := checkRole(project, r, taken, func(string) bool { return false }); err != nil {
			return err
		}
		seen[r.RoleID] = true
	}
	return nil
}

// checkRole validates one Role of a policy: its id (not empty, not taken,
// at most 128 characters, and starting with "stytch" only when
// stytchDefault says it is one of Stytch's default Roles) and its
// permissions on the Resources of resources.
func checkRole(resources store.Policy, r store.Role, taken, stytchDefault func(string) bool) error {
	switch {
	case strings.TrimSpace(r.RoleID) == "":
		return E(ErrEmptyRBACRoleID, "Every Role needs a role_id.")
	case strings.HasPrefix(r.RoleID, "stytch") && !stytchDefault(r.RoleID):
		return E(ErrInvalidRBACStytchRoleEdit, "Role %q: role ids starting with \"stytch\" are reserved for Stytch's default Roles.", r.RoleID)
	case taken(r.RoleID):
		return E(ErrRBACRoleDuplicate, "Role %q is defined twice (in this policy or in the project's).", r.RoleID)
	case len(r.RoleID) > 128:
		return E(ErrRBACRoleIDTooLong, "Role ids are at most 128 characters.")
	}
	return checkPermissions(resources, fmt.Sprintf("Role %q", r.RoleID), r.Permissions)
}

// checkPermissions validates the permissions of a Role or Scope (owner, as
// the error messages name it): each on a Resource of p, with at least one
// action, each an action of that Resource or "*".
func checkPermissions(p store.Policy, owner string, perms []store.Permission) error {
	for _, perm := range perms {
		res := policyResource(p, perm.ResourceID)
		if res == nil {
			return E(ErrInvalidPermissionResource, "%s: %q is not a Resource of the project's policy.", owner, perm.ResourceID)
		}
		if len(perm.Actions) == 0 {
			return E(ErrRBACPermissionMissingActions, "%s: the permission on %q lists no action.", owner, perm.ResourceID)
		}
		for _, a := range perm.Actions {
			if a != "*" && !slices.Contains(res.Actions, a) {
				return E(ErrInvalidPermissionAction, "%s: %q is not an action of %q.", owner, a, perm.ResourceID)
			}
		}
	}
	return nil
}

func policyResource(p store.Policy, id string) *store.Resource {
	for i := range p.Resources {
		if p.Resources[i].ResourceID == id {
			return &p.Resources[i]
		}
	}
	return nil
}

// roleDefined reports whether p defines the Role.
func roleDefined(p store.Policy, id string) bool {
	return slices.ContainsFunc(p.Roles, func(r store.Role) bool { return r.RoleID == id })
}

// checkRoleAssignment validates explicit Role ids for a Member of o: each
// must be defined (project or custom), and stytch_member, which every
// Member holds, cannot be assigned.
func checkRoleAssignment(tx *store.Tx, o *store.Organization, roles []string) ([]string, error) {
	p := orgPolicy(tx, o)
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		switch {
		case r == store.RoleStytchMember:
			return nil, E(ErrCannotAssignDefaultRBACRoleID, "stytch_member is held by every Member and cannot be assigned.")
		case !roleDefined(p, r):
			return nil, E(ErrInvalidRBACRoleID, "Role %q is not defined in the project's or the Organization's RBAC policy.", r)
		case !slices.Contains(out, r):
			out = append(out, r)
		}
	}
	return out, nil
}
