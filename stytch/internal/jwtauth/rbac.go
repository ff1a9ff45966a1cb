package jwtauth

import "github.com/stytchkit/stytchkit/gen"

// CheckRBAC reports whether any of roles grants action on resourceID under
// policy (the body of GET /v1/rbac/policy), with Stytch's rule: a role's
// permission matches when its resource_id equals resourceID exactly and its
// actions contain action or "*". It returns nil when allowed and an *Error
// matching ErrPermissionDenied otherwise. Roles absent from the policy grant
// nothing.
func CheckRBAC(policy *gen.Policy, roles []string, resourceID, action string) error {
	if len(GrantingRoles(policy, roles, resourceID, action)) > 0 {
		return nil
	}
	return newErr(ErrPermissionDenied, "no role grants "+quoteShort(action)+" on "+quoteShort(resourceID))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// GrantingRoles lists, in policy order, the roles among roles that grant
// action on resourceID under policy (the same rule as CheckRBAC). It is
// empty, never nil, when none does.
func GrantingRoles(policy *gen.Policy, roles []string, resourceID, action string) []string {
	out := []string{}
	if policy == nil {
		return out
	}
	for _, role := range policy.Roles {
		if !contains(roles, role.RoleID) {
			continue
		}
		for _, p := range role.Permissions {
			if p.ResourceID == resourceID && (contains(p.Actions, "*") || contains(p.Actions, action)) {
				out = append(out, role.RoleID)
				break
			}
		}
	}
	return out
}
