package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSCIMConnectionLifecycle covers SCIM.Connection.Create, Get, Update,
// Delete and the token rotation, with the Organization's
// scim_active_connection computed from the connection.
func TestSCIMConnectionLifecycle(t *testing.T) {
	env := b2bEnv(t)
	org := newOrg(t, env, map[string]any{"organization_name": "Acme SCIM"})
	orgID := org["organization_id"].(string)
	assert.Nil(t, org["scim_active_connection"])
	base := "/v1/b2b/scim/" + orgID + "/connection"

	got := b2bOK(t, env, http.MethodGet, base, nil, "", "")
	assert.Nil(t, got["connection"], "no connection yet")

	created := b2bOK(t, env, http.MethodPost, base, map[string]any{"display_name": "Okta", "identity_provider": "okta"}, "", "")
	conn := created["connection"].(map[string]any)
	id := conn["connection_id"].(string)
	token := conn["bearer_token"].(string)
	assert.True(t, strings.HasPrefix(id, "scim-connection-test-"), id)
	assert.Equal(t, env.URL+"/v1/b2b/scim/"+id, conn["base_url"])
	assert.Equal(t, "okta", conn["identity_provider"])
	assert.Len(t, token, 44)

	status, m := b2bCall(t, env, http.MethodPost, base, map[string]any{"display_name": "Second"}, "", "")
	fails(t, status, m, 400, "active_scim_connection_exists")

	got = b2bOK(t, env, http.MethodGet, base, nil, "", "")["connection"].(map[string]any)
	assert.Equal(t, token[len(token)-4:], got["bearer_token_last_four"])
	assert.NotContains(t, got, "bearer_token")
	assert.Equal(t, "", got["next_bearer_token_last_four"])

	orgNow := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+orgID, nil, "", "")["organization"].(map[string]any)
	active := orgNow["scim_active_connection"].(map[string]any)
	assert.Equal(t, id, active["connection_id"])
	assert.Equal(t, "Okta", active["display_name"])
	assert.Equal(t, token[len(token)-4:], active["bearer_token_last_four"])

	upd := b2bOK(t, env, http.MethodPut, base+"/"+id, map[string]any{"display_name": "Entra", "identity_provider": "microsoft-entra"}, "", "")
	uc := upd["connection"].(map[string]any)
	assert.Equal(t, "Entra", uc["display_name"])
	assert.Equal(t, env.URL+"/v1/b2b/scim/"+id+"?aadOptscim062020", uc["base_url"])

	// Rotation: start gives a next token, complete makes it the only one.
	status, m = b2bCall(t, env, http.MethodPost, base+"/"+id+"/rotate/complete", nil, "", "")
	fails(t, status, m, 400, "no_secret_rotation_in_progress")
	rs := b2bOK(t, env, http.MethodPost, base+"/"+id+"/rotate/start", nil, "", "")["connection"].(map[string]any)
	next := rs["next_bearer_token"].(string)
	assert.NotEqual(t, token, next)
	got = b2bOK(t, env, http.MethodGet, base, nil, "", "")["connection"].(map[string]any)
	assert.Equal(t, next[len(next)-4:], got["next_bearer_token_last_four"])
	cancelled := b2bOK(t, env, http.MethodPost, base+"/"+id+"/rotate/cancel", nil, "", "")["connection"].(map[string]any)
	assert.Equal(t, "", cancelled["next_bearer_token_last_four"])
	next = b2bOK(t, env, http.MethodPost, base+"/"+id+"/rotate/start", nil, "", "")["connection"].(map[string]any)["next_bearer_token"].(string)
	done := b2bOK(t, env, http.MethodPost, base+"/"+id+"/rotate/complete", nil, "", "")["connection"].(map[string]any)
	assert.Equal(t, next[len(next)-4:], done["bearer_token_last_four"])

	groups := b2bOK(t, env, http.MethodGet, base+"/"+id, nil, "", "")
	assert.Empty(t, groups["scim_groups"])
	assert.Nil(t, groups["next_cursor"])

	status, m = b2bCall(t, env, http.MethodPut, base+"/scim-connection-test-00000000-0000-0000-0000-000000000000",
		map[string]any{"display_name": "x"}, "", "")
	fails(t, status, m, 404, "scim_connection_not_found")
	status, m = b2bCall(t, env, http.MethodPut, base+"/"+id, map[string]any{"scim_group_implicit_role_assignments": []map[string]any{
		{"group_id": "scim-group-test-00000000-0000-0000-0000-000000000000", "role_id": "stytch_admin", "group_name": "x"}}}, "", "")
	fails(t, status, m, 404, "scim_group_not_found")

	del := b2bOK(t, env, http.MethodDelete, base+"/"+id, nil, "", "")
	assert.Equal(t, id, del["connection_id"])
	orgNow = b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+orgID, nil, "", "")["organization"].(map[string]any)
	assert.Nil(t, orgNow["scim_active_connection"])
	status, m = b2bCall(t, env, http.MethodDelete, base+"/"+id, nil, "", "")
	fails(t, status, m, 404, "scim_connection_not_found")
}

// TestSCIMConnectionRBAC checks the member session headers against the
// stytch.scim actions: an admin may, a plain Member may not, and another
// Organization's session is refused.
func TestSCIMConnectionRBAC(t *testing.T) {
	env := b2bEnv(t)
	org := newOrg(t, env, map[string]any{"organization_name": "Acme RBAC"})
	orgID := org["organization_id"].(string)
	newMember(t, env, orgID, map[string]any{"email_address": "admin@acme.test", "roles": []string{"stytch_admin"}})
	newMember(t, env, orgID, map[string]any{"email_address": "member@acme.test"})
	adminTok, _ := sessionOf(memberLogin(t, env, orgID, "admin@acme.test"))
	_, memberJWT := sessionOf(memberLogin(t, env, orgID, "member@acme.test"))
	base := "/v1/b2b/scim/" + orgID + "/connection"

	status, m := b2bCall(t, env, http.MethodPost, base, map[string]any{"display_name": "x"}, "", memberJWT)
	fails(t, status, m, 403, "session_authorization_error")
	status, m = b2bCall(t, env, http.MethodGet, base, nil, "", memberJWT)
	fails(t, status, m, 403, "session_authorization_error")

	conn := b2bOK(t, env, http.MethodPost, base, map[string]any{"display_name": "x"}, adminTok, "")["connection"].(map[string]any)
	id := conn["connection_id"].(string)
	b2bOK(t, env, http.MethodGet, base, nil, adminTok, "")
	status, m = b2bCall(t, env, http.MethodPost, base+"/"+id+"/rotate/start", nil, "", memberJWT)
	fails(t, status, m, 403, "session_authorization_error")
	b2bOK(t, env, http.MethodPost, base+"/"+id+"/rotate/start", nil, adminTok, "")

	other := newOrg(t, env, map[string]any{"organization_name": "Other"})
	status, m = b2bCall(t, env, http.MethodGet, "/v1/b2b/scim/"+other["organization_id"].(string)+"/connection", nil, adminTok, "")
	fails(t, status, m, 403, "session_authorization_tenancy_error")
	status, m = b2bCall(t, env, http.MethodDelete, base+"/"+id, nil, "", memberJWT)
	fails(t, status, m, 403, "session_authorization_error")
	b2bOK(t, env, http.MethodDelete, base+"/"+id, nil, adminTok, "")
	require.Nil(t, b2bOK(t, env, http.MethodGet, base, nil, "", "")["connection"])
}
