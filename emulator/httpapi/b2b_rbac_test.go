package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestB2BRBACPolicies(t *testing.T) {
	env := b2bEnv(t)
	p := b2bOK(t, env, http.MethodGet, "/v1/b2b/rbac/policy", nil, "", "")["policy"].(map[string]any)
	roles := map[string]any{}
	for _, r := range p["roles"].([]any) {
		roles[r.(map[string]any)["role_id"].(string)] = r.(map[string]any)["permissions"]
	}
	assert.Equal(t, []any{map[string]any{"resource_id": "stytch.self", "actions": []any{"*"}}}, roles["stytch_member"])
	assert.Len(t, roles["stytch_admin"], 4)
	assert.Len(t, p["resources"], 5)

	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	path := "/v1/b2b/rbac/organizations/" + oid
	assert.Equal(t, map[string]any{"roles": []any{}}, b2bOK(t, env, http.MethodGet, path, nil, "", "")["org_policy"])
	editor := map[string]any{"role_id": "member-editor", "description": "Edits Members' names",
		"permissions": []any{map[string]any{"resource_id": "stytch.member", "actions": []string{"update.info.name", "search"}}}}
	set := b2bOK(t, env, http.MethodPut, path, map[string]any{"org_policy": map[string]any{"roles": []any{editor}}}, "", "")
	assert.Len(t, set["org_policy"].(map[string]any)["roles"], 1)
	o := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+oid, nil, "", "")["organization"].(map[string]any)
	assert.Equal(t, "member-editor", o["custom_roles"].([]any)[0].(map[string]any)["role_id"])

	for _, tc := range []struct {
		role    map[string]any
		errType string
	}{
		{map[string]any{"role_id": "", "description": "", "permissions": []any{}}, "empty_rbac_role_id"},
		{map[string]any{"role_id": "stytch_x", "description": "", "permissions": []any{}}, "invalid_rbac_stytch_role_edit"},
		{map[string]any{"role_id": "r", "description": "", "permissions": []any{map[string]any{"resource_id": "docs", "actions": []string{"read"}}}}, "invalid_permission_resource"},
		{map[string]any{"role_id": "r", "description": "", "permissions": []any{map[string]any{"resource_id": "stytch.member", "actions": []string{"fly"}}}}, "invalid_permission_action"},
	} {
		status, e := b2bCall(t, env, http.MethodPut, path, map[string]any{"org_policy": map[string]any{"roles": []any{tc.role}}}, "", "")
		fails(t, status, e, 400, tc.errType)
	}
	status, e := b2bCall(t, env, http.MethodPut, path, map[string]any{"org_policy": map[string]any{"roles": []any{editor, editor}}}, "", "")
	fails(t, status, e, 400, "rbac_role_duplicate")

	// Removing a custom Role drops its assignments.
	m := newMember(t, env, oid, map[string]any{"email_address": "ed@acme.com", "roles": []string{"member-editor"}})
	assert.Len(t, m["roles"], 2)
	b2bOK(t, env, http.MethodPut, path, map[string]any{"org_policy": map[string]any{"roles": []any{}}}, "", "")
	g := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+oid+"/member?member_id="+m["member_id"].(string), nil, "", "")
	assert.Len(t, g["member"].(map[string]any)["roles"], 1)
}

func TestB2BMemberSessionHeadersAuthorizeCalls(t *testing.T) {
	env := b2bEnv(t)
	oid, admin, ann := adminAndMember(t, env)
	adminToken, adminJWT := sessionOf(admin)
	annToken, annJWT := sessionOf(ann)
	annID, adminID := ann["member_id"].(string), admin["member_id"].(string)
	org := "/v1/b2b/organizations/" + oid

	// A Member may update itself through stytch.self, not another Member.
	u := b2bOK(t, env, http.MethodPut, org+"/members/"+annID, map[string]any{"name": "Ann"}, annToken, "")
	assert.Equal(t, "Ann", u["member"].(map[string]any)["name"])
	status, e := b2bCall(t, env, http.MethodPut, org+"/members/"+adminID, map[string]any{"name": "X"}, annToken, "")
	fails(t, status, e, 403, "session_authorization_error")
	status, e = b2bCall(t, env, http.MethodPut, org+"/members/"+annID, map[string]any{"roles": []string{"stytch_admin"}}, "", annJWT)
	fails(t, status, e, 403, "session_authorization_error")
	status, e = b2bCall(t, env, http.MethodPut, org+"/members/"+annID, map[string]any{"trusted_metadata": map[string]any{"a": 1}}, annToken, "")
	fails(t, status, e, 401, "cannot_update_trusted_metadata")
	b2bOK(t, env, http.MethodPut, org+"/members/"+annID, map[string]any{"roles": []string{"stytch_admin"}, "name": "Ann A."}, adminToken, "")
	b2bOK(t, env, http.MethodPut, org+"/members/"+annID, map[string]any{"roles": []string{}}, "", adminJWT)

	// Inviting, searching, updating the Organization need stytch_admin.
	invite := map[string]any{"organization_id": oid, "email_address": "new@acme.com"}
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"email/invite", invite, annToken, "")
	fails(t, status, e, 403, "session_authorization_error")
	b2bOK(t, env, http.MethodPost, linksPath+"email/invite", invite, adminToken, "")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/members/search", map[string]any{"organization_ids": []string{oid}}, annToken, "")
	fails(t, status, e, 403, "session_authorization_error")
	b2bOK(t, env, http.MethodPost, "/v1/b2b/organizations/members/search", map[string]any{"organization_ids": []string{oid}}, adminToken, "")
	status, e = b2bCall(t, env, http.MethodPut, org, map[string]any{"organization_name": "Renamed"}, annToken, "")
	fails(t, status, e, 403, "session_authorization_error")
	b2bOK(t, env, http.MethodPut, org, map[string]any{"organization_name": "Renamed", "mfa_policy": "OPTIONAL"}, adminToken, "")
	status, e = b2bCall(t, env, http.MethodPut, org, map[string]any{"trusted_metadata": map[string]any{"a": 1}}, adminToken, "")
	fails(t, status, e, 401, "cannot_update_trusted_metadata")

	// A session of another Organization is refused, whatever its Roles.
	other := newOrg(t, env, map[string]any{"organization_name": "Other"})["organization_id"].(string)
	newMember(t, env, other, map[string]any{"email_address": "boss@other.com", "roles": []string{"stytch_admin"}})
	bossToken, _ := sessionOf(memberLogin(t, env, other, "boss@other.com"))
	status, e = b2bCall(t, env, http.MethodDelete, org+"/members/"+annID, nil, bossToken, "")
	fails(t, status, e, 403, "session_authorization_tenancy_error")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/members/search", map[string]any{"organization_ids": []string{oid, other}}, bossToken, "")
	fails(t, status, e, 403, "session_authorization_tenancy_error")

	// Bad headers.
	status, e = b2bCall(t, env, http.MethodPut, org, map[string]any{"organization_name": "X"}, adminToken, adminJWT)
	fails(t, status, e, 400, "too_many_session_arguments")
	status, e = b2bCall(t, env, http.MethodPut, org, map[string]any{"organization_name": "X"}, "not-a-session", "")
	fails(t, status, e, 404, "session_not_found")

	// Factor removal on oneself; deletion of oneself.
	b2bOK(t, env, http.MethodPut, org+"/members/"+annID, map[string]any{"mfa_phone_number": "+12025550123"}, annToken, "")
	b2bOK(t, env, http.MethodDelete, org+"/members/mfa_phone_numbers/"+annID, nil, annToken, "")
	status, e = b2bCall(t, env, http.MethodDelete, org+"/members/mfa_phone_numbers/"+adminID, nil, annToken, "")
	fails(t, status, e, 403, "session_authorization_error")
	status, e = b2bCall(t, env, http.MethodDelete, org, nil, annToken, "")
	fails(t, status, e, 403, "session_authorization_error")
	b2bOK(t, env, http.MethodDelete, org+"/members/"+annID, nil, annToken, "")
	status, e = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": annToken}, "", "")
	fails(t, status, e, 404, "session_not_found") // deleting a Member ends its sessions

	// Email-domain implicit Roles count in the session.
	b2bOK(t, env, http.MethodPut, org, map[string]any{"rbac_email_implicit_role_assignments": []map[string]any{{"domain": "acme.com", "role_id": "stytch_admin"}}}, adminToken, "")
	newMember(t, env, oid, map[string]any{"email_address": "cy@acme.com"})
	cyToken, _ := sessionOf(memberLogin(t, env, oid, "cy@acme.com"))
	res := b2bOK(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": cyToken,
		"authorization_check": map[string]any{"organization_id": oid, "resource_id": "stytch.organization", "action": "delete"}}, "", "")
	require.NotNil(t, res["verdict"])
	roles := res["member"].(map[string]any)["roles"].([]any)
	assert.Equal(t, "email_assignment", roles[1].(map[string]any)["sources"].([]any)[0].(map[string]any)["type"])
	b2bOK(t, env, http.MethodDelete, org, nil, cyToken, "")
}
