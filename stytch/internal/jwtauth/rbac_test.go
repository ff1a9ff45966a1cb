package jwtauth

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stytchkit/stytchkit/gen"
)

func TestCheckRBAC(t *testing.T) {
	policy := &gen.Policy{Roles: []gen.PolicyRole{
		{RoleID: "stytch_user", Permissions: []gen.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"read"}}}},
		{RoleID: "editor", Permissions: []gen.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"*"}}}},
	}}
	cases := []struct {
		name             string
		roles            []string
		resource, action string
		allowed          bool
	}{
		{"explicit action", []string{"stytch_user"}, "documents", "read", true},
		{"action not granted", []string{"stytch_user"}, "documents", "write", false},
		{"wildcard action", []string{"stytch_user", "editor"}, "documents", "delete", true},
		{"no wildcard on resources", []string{"editor"}, "images", "read", false},
		{"role not held", []string{"viewer"}, "documents", "read", false},
		{"no roles", nil, "documents", "read", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckRBAC(policy, tc.roles, tc.resource, tc.action)
			if tc.allowed {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, ErrPermissionDenied)
			}
		})
	}
	assert.ErrorIs(t, CheckRBAC(nil, []string{"editor"}, "documents", "read"), ErrPermissionDenied)
}
