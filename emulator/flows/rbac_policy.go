package flows

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The project's RBAC policies, which Stytch's Dashboard edits and the API
// only reads (RBAC.Policy, B2B RBAC.Policy): the emulator's control plane
// sets them (control.RBACPolicyPath, control.B2BRBACPolicyPath).

// RoleStytchUser is the default Role every Consumer user holds; the other
// default Role of a Consumer project is store.RoleStytchAdmin.
const RoleStytchUser = "stytch_user"

// SetPolicy replaces the project's Consumer RBAC policy (b2b false) or its
// B2B one, and returns it as stored. The policy is validated as a whole:
// Resource ids unique, each with at least one action ("*" is not an
// action name: it means all of them in a permission); Role ids unique, and
// only Stytch's default Roles start with "stytch"; every permission of a
// Role or Scope on a defined Resource with actions it defines (or "*").
// Stytch's default Roles are always there: one the policy leaves out keeps
// its default permissions (B2B's stytch_member on stytch.self,
// stytch_admin on the Organization, Members, SSO and SCIM) or, in a
// Consumer project, has none. A B2B policy always holds Stytch's stytch.*
// Resources, which it may not redefine.
//
// In a B2B project the Organizations' custom Roles must still be valid
// under the new policy (no id taken by a project Role, every permission on
// a Resource it defines); the assignments of Roles it no longer defines
// (explicit and email-domain ones) are dropped.
func (s *Service) SetPolicy(b2b bool, p store.Policy) (store.Policy, error) {
	np, err := checkProjectPolicy(b2b, p)
	if err != nil {
		return store.Policy{}, err
	}
	err = s.Store.Update(func(tx *store.Tx) error {
		if b2b {
			if err := applyToOrganizations(tx, np); err != nil {
				return err
			}
		}
		tx.SetPolicy(b2b, np)
		return nil
	})
	if err != nil {
		return store.Policy{}, err
	}
	return np, nil
}

// ProjectPolicy returns the project's Consumer RBAC policy (b2b false) or
// its B2B one (RBAC.Policy, B2B RBAC.Policy, the control plane).
func (s *Service) ProjectPolicy(b2b bool) store.Policy {
	var p store.Policy
	_ = s.Store.View(func(tx *store.Tx) error {
		if b2b {
			p = *store.DeepCopy(&tx.B2B.Policy)
		} else {
			p = *store.DeepCopy(&tx.Policy)
		}
		return nil
	})
	return p
}

// applyToOrganizations checks every Organization's custom Roles against
// the new project policy and drops the Role assignments it leaves
// undefined.
func applyToOrganizations(tx *store.Tx, project store.Policy) error {
	for _, id := range tx.B2B.Organizations.Keys() {
		o := tx.B2B.Organizations.Peek(id)
		if err := checkCustomRoles(project, o.CustomRoles); err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				return err
			}
			named := *fe
			named.Message = fmt.Sprintf("Organization %s has a custom Role this policy breaks: %s", o.ID, fe.Message)
			return &named
		}
		pruneRoleAssignments(tx, id, policyOf(project, o))
	}
	return nil
}

// checkProjectPolicy validates a project policy (see SetPolicy) and
// returns it completed: Stytch's default Roles and, for B2B, its stytch.*
// Resources added, no nil slice.
func checkProjectPolicy(b2b bool, p store.Policy) (store.Policy, error) {
	defaults := store.Policy{Roles: []store.Role{{RoleID: store.RoleStytchAdmin, Permissions: []store.Permission{}},
		{RoleID: RoleStytchUser, Permissions: []store.Permission{}}}}
	if b2b {
		defaults = store.DefaultB2BPolicy()
	}
	out := store.Policy{Roles: []store.Role{}, Resources: []store.Resource{}, Scopes: []store.Scope{}}
	seen := map[string]bool{}
	for _, r := range p.Resources {
		id := r.ResourceID
		switch {
		case strings.TrimSpace(id) == "":
			return out, E(ErrBadRequest, "Every Resource needs a resource_id.")
		case b2b && strings.HasPrefix(id, "stytch."):
			return out, E(ErrInvalidStytchPrefixedResource, "Resource %q: ids starting with \"stytch.\" are Stytch's own Resources, which a B2B policy always holds as they are.", id)
		case seen[id]:
			return out, E(ErrBadRequest, "Resource %q is defined twice.", id)
		case len(r.Actions) == 0:
			return out, E(ErrBadRequest, "Resource %q defines no action.", id)
		}
		seen[id] = true
		for i, a := range r.Actions {
			switch {
			case a == "*":
				return out, E(ErrInvalidWildcardAction, "Resource %q: \"*\" is not an action name; in a permission it means every action.", id)
			case strings.TrimSpace(a) == "":
				return out, E(ErrBadRequest, "Resource %q lists an empty action.", id)
			case slices.Contains(r.Actions[:i], a):
				return out, E(ErrBadRequest, "Resource %q lists the action %q twice.", id, a)
			}
		}
		out.Resources = append(out.Resources, store.Resource{ResourceID: id, Description: r.Description, Actions: slices.Clone(r.Actions)})
	}
	out.Resources = append(out.Resources, defaults.Resources...)

	for _, r := range p.Roles {
		taken := func(id string) bool { return roleDefined(out, id) }
		if err := checkRole(out, r, taken, func(id string) bool { return roleDefined(defaults, id) }); err != nil {
			return out, err
		}
		out.Roles = append(out.Roles, *store.DeepCopy(&r))
	}
	for _, d := range defaults.Roles {
		if !roleDefined(out, d.RoleID) {
			out.Roles = append(out.Roles, d)
		}
	}

	scopes := map[string]bool{}
	for _, sc := range p.Scopes {
		switch {
		case strings.TrimSpace(sc.Scope) == "" || strings.ContainsAny(sc.Scope, " \t\n"):
			return out, E(ErrBadRequest, "Scope %q: a scope is one non-empty word.", sc.Scope)
		case scopes[sc.Scope]:
			return out, E(ErrBadRequest, "Scope %q is defined twice.", sc.Scope)
		}
		scopes[sc.Scope] = true
		if err := checkPermissions(out, fmt.Sprintf("Scope %q", sc.Scope), sc.Permissions); err != nil {
			return out, err
		}
		out.Scopes = append(out.Scopes, *store.DeepCopy(&sc))
	}
	for i := range out.Roles {
		if out.Roles[i].Permissions == nil {
			out.Roles[i].Permissions = []store.Permission{}
		}
	}
	for i := range out.Scopes {
		if out.Scopes[i].Permissions == nil {
			out.Scopes[i].Permissions = []store.Permission{}
		}
	}
	return out, nil
}
