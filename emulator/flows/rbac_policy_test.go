package flows

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/store"
)

func TestProjectPolicyIsCheckedAsAWhole(t *testing.T) {
	docs := store.Resource{ResourceID: "documents", Actions: []string{"read", "write"}}
	perm := func(res string, actions ...string) []store.Permission {
		return []store.Permission{{ResourceID: res, Actions: actions}}
	}
	for name, tc := range map[string]struct {
		b2b    bool
		policy store.Policy
		want   ErrorType
	}{
		"resource without id":       {false, store.Policy{Resources: []store.Resource{{Actions: []string{"read"}}}}, ErrBadRequest},
		"resource twice":            {false, store.Policy{Resources: []store.Resource{docs, docs}}, ErrBadRequest},
		"resource without action":   {false, store.Policy{Resources: []store.Resource{{ResourceID: "x"}}}, ErrBadRequest},
		"star as an action name":    {false, store.Policy{Resources: []store.Resource{{ResourceID: "x", Actions: []string{"*"}}}}, ErrInvalidWildcardAction},
		"empty action name":         {false, store.Policy{Resources: []store.Resource{{ResourceID: "x", Actions: []string{" "}}}}, ErrBadRequest},
		"action twice":              {false, store.Policy{Resources: []store.Resource{{ResourceID: "x", Actions: []string{"a", "a"}}}}, ErrBadRequest},
		"B2B redefines stytch.self": {true, store.Policy{Resources: []store.Resource{{ResourceID: "stytch.self", Actions: []string{"a"}}}}, ErrInvalidStytchPrefixedResource},
		"role without id":           {false, store.Policy{Roles: []store.Role{{}}}, ErrEmptyRBACRoleID},
		"reserved role id":          {true, store.Policy{Roles: []store.Role{{RoleID: "stytch_owner"}}}, ErrInvalidRBACStytchRoleEdit},
		"Consumer role of B2B":      {true, store.Policy{Roles: []store.Role{{RoleID: RoleStytchUser}}}, ErrInvalidRBACStytchRoleEdit},
		"role twice":                {false, store.Policy{Roles: []store.Role{{RoleID: "a"}, {RoleID: "a"}}}, ErrRBACRoleDuplicate},
		"undefined resource":        {false, store.Policy{Roles: []store.Role{{RoleID: "a", Permissions: perm("documents", "read")}}}, ErrInvalidPermissionResource},
		"undefined action": {false, store.Policy{Resources: []store.Resource{docs},
			Roles: []store.Role{{RoleID: "a", Permissions: perm("documents", "delete")}}}, ErrInvalidPermissionAction},
		"no action": {false, store.Policy{Resources: []store.Resource{docs},
			Roles: []store.Role{{RoleID: "a", Permissions: perm("documents")}}}, ErrRBACPermissionMissingActions},
		"scope with a space": {false, store.Policy{Scopes: []store.Scope{{Scope: "read docs"}}}, ErrBadRequest},
		"scope on an undefined resource": {false, store.Policy{Scopes: []store.Scope{{Scope: "read:docs",
			Permissions: perm("docs", "read")}}}, ErrInvalidPermissionResource},
	} {
		_, err := checkProjectPolicy(tc.b2b, tc.policy)
		assert.ErrorIs(t, err, tc.want.New(), name)
	}

	// A valid B2B policy comes back completed: Stytch's Resources and the
	// default Roles it left out, with their default permissions.
	p, err := checkProjectPolicy(true, store.Policy{Resources: []store.Resource{docs},
		Roles: []store.Role{{RoleID: "editor", Permissions: perm("documents", "*")},
			{RoleID: store.RoleStytchMember, Permissions: perm("documents", "read")}}})
	require.NoError(t, err)
	def := store.DefaultB2BPolicy()
	assert.Len(t, p.Resources, 1+len(def.Resources))
	assert.True(t, roleDefined(p, store.RoleStytchAdmin))
	assert.Equal(t, perm("documents", "read"), p.Roles[1].Permissions, "a default Role it defines is as it says")
	assert.Equal(t, def.Roles[1], p.Roles[2], "stytch_admin keeps its default")
	assert.NotNil(t, p.Scopes)

	c, err := checkProjectPolicy(false, store.Policy{})
	require.NoError(t, err)
	assert.Equal(t, []string{store.RoleStytchAdmin, RoleStytchUser}, []string{c.Roles[0].RoleID, c.Roles[1].RoleID})
	assert.Empty(t, c.Roles[0].Permissions)
	assert.NotNil(t, c.Roles[0].Permissions)
}
