package control_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// TestConsumerRBACPolicyFromTheControlPlane replaces the project's
// Consumer RBAC policy over HTTP and authorizes a session against it.
func TestConsumerRBACPolicyFromTheControlPlane(t *testing.T) {
	env := emutest.New(t)
	policy := map[string]any{
		"resources": []any{map[string]any{"resource_id": "invoices", "description": "Invoices.", "actions": []string{"read", "pay"}}},
		"roles": []any{map[string]any{"role_id": "billing", "description": "Pays invoices.",
			"permissions": []any{map[string]any{"resource_id": "invoices", "actions": []string{"*"}}}}},
		"scopes": []any{map[string]any{"scope": "read:invoices", "description": "Read invoices.",
			"permissions": []any{map[string]any{"resource_id": "invoices", "actions": []string{"read"}}}}},
	}
	status, m := env.DoJSON(t, http.MethodPut, "/emulator/v1/rbac/policy", policy)
	require.Equal(t, http.StatusOK, status, m)
	var roles []string
	for _, r := range m["policy"].(map[string]any)["roles"].([]any) {
		roles = append(roles, r.(map[string]any)["role_id"].(string))
	}
	assert.Equal(t, []string{"billing", "stytch_admin", "stytch_user"}, roles)

	status, got := env.DoJSON(t, http.MethodGet, "/v1/rbac/policy", nil)
	require.Equal(t, http.StatusOK, status, got)
	assert.Equal(t, m["policy"], got["policy"], "the API serves what was set")
	status, ctl := env.DoJSON(t, http.MethodGet, "/emulator/v1/rbac/policy", nil)
	require.Equal(t, http.StatusOK, status, ctl)
	assert.Equal(t, m["policy"], ctl["policy"])

	status, u := env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": "bill@example.com", "roles": []string{"billing"}})
	require.Equal(t, http.StatusCreated, status, u)
	sendMagicLink(t, env, "bill@example.com")
	status, a := env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{
		"token": env.LastMessage(t, "bill@example.com").Token, "session_duration_minutes": 30})
	require.Equal(t, http.StatusOK, status, a)
	authz := func(action string) (int, map[string]any) {
		return env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": a["session_token"],
			"authorization_check": map[string]any{"resource_id": "invoices", "action": action}})
	}
	status, v := authz("pay")
	require.Equal(t, http.StatusOK, status, v)
	assert.Equal(t, []any{"billing"}, v["verdict"].(map[string]any)["granting_roles"])

	// A policy that does not hold together is refused and changes nothing.
	status, e := env.DoJSON(t, http.MethodPut, "/emulator/v1/rbac/policy", map[string]any{
		"roles": []any{map[string]any{"role_id": "billing", "permissions": []any{map[string]any{"resource_id": "invoices", "actions": []string{"pay"}}}}}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_permission_resource", e["error_type"])
	status, e = env.DoJSON(t, http.MethodPut, "/emulator/v1/rbac/policy", map[string]any{"roles": "billing"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "bad_request", e["error_type"])
	status, v = authz("pay")
	require.Equal(t, http.StatusOK, status, v)

	// Without the project's credentials, nothing is read or written.
	status, _, _ = send(t, env, http.MethodGet, "/emulator/v1/b2b/rbac/policy", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
}
