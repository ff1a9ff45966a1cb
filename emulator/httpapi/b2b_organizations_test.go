package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

func TestB2BOrganizationLifecycle(t *testing.T) {
	env := emutest.New(t)
	o := newOrg(t, env, map[string]any{"organization_name": "Acme Corp", "organization_external_id": "acme-1",
		"email_allowed_domains": []string{"Acme.com"}, "email_jit_provisioning": "RESTRICTED",
		"trusted_metadata": map[string]any{"plan": "pro"}})
	id := o["organization_id"].(string)
	assert.Regexp(t, `^organization-test-[0-9a-f-]{36}$`, id)
	assert.Equal(t, "acme-corp", o["organization_slug"], "the slug is derived from the name")
	assert.Equal(t, []any{"acme.com"}, o["email_allowed_domains"])
	assert.Equal(t, "ALL_ALLOWED", o["email_invites"], "documented defaults")
	assert.Equal(t, "ALL_ALLOWED", o["sso_jit_provisioning"])
	assert.Equal(t, "OPTIONAL", o["mfa_policy"])
	assert.Equal(t, "ALL_ALLOWED", o["auth_methods"])
	assert.Nil(t, o["sso_default_connection_id"])

	for _, ref := range []string{id, "acme-corp", "ACME-CORP", "acme-1"} {
		status, g := b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/"+ref, nil, "", "")
		assert.Equal(t, id, ok(t, status, g)["organization"].(map[string]any)["organization_id"], ref)
	}

	second := newOrg(t, env, map[string]any{"organization_name": "Acme Corp"})
	assert.Equal(t, "acme-corp-2", second["organization_slug"], "a derived slug is made unique")
	status, m := env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "X", "organization_slug": "acme-corp"})
	fails(t, status, m, 400, "organization_slug_already_used")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "X", "organization_slug": "a b"})
	fails(t, status, m, 400, "invalid_organization_slug")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "X", "email_allowed_domains": []string{"gmail.com"}})
	fails(t, status, m, 400, "organization_settings_domain_too_common")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "X", "auth_methods": "RESTRICTED"})
	fails(t, status, m, 400, "allowed_auth_methods_required_for_restricted")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "X", "email_invites": "RESTRICTED"})
	fails(t, status, m, 400, "invalid_restricted_email_setting")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "X", "mfa_policy": "SOMETIMES"})
	fails(t, status, m, 400, "invalid_organization_mfa_policy")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "X",
		"allowed_oauth_tenants": map[string]any{"slack": "T1"}})
	fails(t, status, m, 400, "invalid_oauth_allowed_tenants_format")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "X", "oauth_tenant_jit_provisioning": "RESTRICTED"})
	fails(t, status, m, 400, "invalid_restricted_oauth_tenants_setting")
	tenants := newOrg(t, env, map[string]any{"organization_name": "Tenants", "oauth_tenant_jit_provisioning": "RESTRICTED",
		"allowed_oauth_tenants": map[string]any{"slack": []string{"T1", "T2"}, "github": []string{"acme"}}})
	assert.Equal(t, map[string]any{"slack": []any{"T1", "T2"}, "github": []any{"acme"}}, tenants["allowed_oauth_tenants"])

	status, u := b2bCall(t, env, http.MethodPut, "/v1/b2b/organizations/"+id, map[string]any{"organization_name": "Acme Inc",
		"mfa_policy": "REQUIRED_FOR_ALL", "trusted_metadata": map[string]any{"plan": nil, "region": "eu"},
		"rbac_email_implicit_role_assignments": []map[string]any{{"domain": "acme.com", "role_id": "stytch_admin"}}}, "", "")
	uo := ok(t, status, u)["organization"].(map[string]any)
	assert.Equal(t, "Acme Inc", uo["organization_name"])
	assert.Equal(t, "acme-corp", uo["organization_slug"], "absent fields are left as they were")
	assert.Equal(t, "REQUIRED_FOR_ALL", uo["mfa_policy"])
	assert.Equal(t, map[string]any{"region": "eu"}, uo["trusted_metadata"], "null deletes a key")
	status, m = b2bCall(t, env, http.MethodPut, "/v1/b2b/organizations/"+id, map[string]any{
		"rbac_email_implicit_role_assignments": []map[string]any{{"domain": "acme.com", "role_id": "nope"}}}, "", "")
	fails(t, status, m, 400, "invalid_rbac_role_id")

	status, x := b2bCall(t, env, http.MethodDelete, "/v1/b2b/organizations/"+id+"/external_id", nil, "", "")
	assert.Nil(t, ok(t, status, x)["organization"].(map[string]any)["organization_external_id"])
	status, m = b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/acme-1", nil, "", "")
	fails(t, status, m, 404, "organization_not_found")

	newMember(t, env, id, map[string]any{"email_address": "ada@acme.com"})
	newMember(t, env, id, map[string]any{"email_address": "bob@acme.com"})
	status, mt := b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/"+id+"/metrics", nil, "", "")
	assert.EqualValues(t, 2, ok(t, status, mt)["member_count"])

	status, d := b2bCall(t, env, http.MethodDelete, "/v1/b2b/organizations/"+id, nil, "", "")
	assert.Equal(t, id, ok(t, status, d)["organization_id"])
	status, m = b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/"+id+"/metrics", nil, "", "")
	fails(t, status, m, 404, "organization_not_found")
	status, m = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/"+second["organization_id"].(string)+"/members",
		map[string]any{"email_address": "ada@acme.com"}, "", "")
	ok(t, status, m) // the deleted Organization's Members are gone with it
}

func TestB2BOrganizationSearch(t *testing.T) {
	env := b2bEnv(t)
	a := newOrg(t, env, map[string]any{"organization_name": "Alpha Labs", "email_allowed_domains": []string{"alpha.io"}})
	tick(t, env)
	b := newOrg(t, env, map[string]any{"organization_name": "Beta Works", "organization_slug": "beta"})
	tick(t, env)
	newOrg(t, env, map[string]any{"organization_name": "Gamma"})
	newMember(t, env, b["organization_id"].(string), map[string]any{"email_address": "grace@beta.dev"})

	search := func(body map[string]any) map[string]any {
		t.Helper()
		return b2bOK(t, env, http.MethodPost, "/v1/b2b/organizations/search", body, "", "")
	}
	names := func(m map[string]any) []string {
		var out []string
		for _, o := range m["organizations"].([]any) {
			out = append(out, o.(map[string]any)["organization_name"].(string))
		}
		return out
	}
	assert.Equal(t, []string{"Alpha Labs", "Beta Works", "Gamma"}, names(search(map[string]any{})), "no query: all, oldest first")
	q := func(op string, operands ...map[string]any) map[string]any {
		return map[string]any{"query": map[string]any{"operator": op, "operands": operands}}
	}
	assert.Equal(t, []string{"Alpha Labs"}, names(search(q("AND", map[string]any{"filter_name": "organization_name_fuzzy", "filter_value": "lab"}))))
	assert.Equal(t, []string{"Beta Works"}, names(search(q("AND", map[string]any{"filter_name": "member_emails", "filter_value": []string{"GRACE@beta.dev"}}))))
	assert.Equal(t, []string{"Alpha Labs", "Beta Works"}, names(search(q("OR",
		map[string]any{"filter_name": "allowed_domains", "filter_value": []string{"alpha.io"}},
		map[string]any{"filter_name": "organization_slugs", "filter_value": []string{"beta"}}))))
	assert.Empty(t, names(search(q("AND",
		map[string]any{"filter_name": "organization_ids", "filter_value": []string{a["organization_id"].(string)}},
		map[string]any{"filter_name": "organization_slugs", "filter_value": []string{"beta"}}))))

	first := search(map[string]any{"limit": 2})
	meta := first["results_metadata"].(map[string]any)
	assert.EqualValues(t, 3, meta["total"])
	rest := search(map[string]any{"limit": 2, "cursor": meta["next_cursor"]})
	assert.Equal(t, []string{"Gamma"}, names(rest))
	assert.Nil(t, rest["results_metadata"].(map[string]any)["next_cursor"], "null on the last page")

	status, m := b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/search", q("AND", map[string]any{"filter_name": "nope", "filter_value": "x"}), "", "")
	fails(t, status, m, 400, "organization_search_filter_name_not_recognized")
	status, m = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/search", q("AND", map[string]any{"filter_name": "organization_name_fuzzy", "filter_value": "ab"}), "", "")
	fails(t, status, m, 400, "organization_search_organization_name_fuzzy_too_short")
	status, m = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/search", q("AND", map[string]any{"filter_name": "organization_ids", "filter_value": "x"}), "", "")
	fails(t, status, m, 400, "organization_search_expected_array_of_strings")
	status, m = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/search", map[string]any{"cursor": "%%%"}, "", "")
	fails(t, status, m, 400, "invalid_cursor")
}

func TestB2BOrganizationConnectedApps(t *testing.T) {
	env := emutest.New(t)
	o := newOrg(t, env, map[string]any{"organization_name": "Acme"})
	id := o["organization_id"].(string)
	mem := newMember(t, env, id, map[string]any{"email_address": "ada@acme.com"})
	app := grantMemberApp(t, env, mem["member_id"].(string), []string{"openid", "full_access"})

	status, l := b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/"+id+"/connected_apps", nil, "", "")
	apps := ok(t, status, l)["connected_apps"].([]any)
	require.Len(t, apps, 1)
	assert.Equal(t, app, apps[0].(map[string]any)["connected_app_id"])

	status, g := b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/"+id+"/connected_apps/"+app, nil, "", "")
	got := ok(t, status, g)
	assert.Equal(t, []any{map[string]any{"member_id": mem["member_id"], "granted_scopes": []any{"openid", "full_access"}}}, got["active_members"])
	status, m := b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/"+id+"/connected_apps/connected-app-test-nope", nil, "", "")
	fails(t, status, m, 404, "connected_app_not_found")
}

// The control plane's faults and Reset cover the B2B routes and state.
func TestB2BFaultsAndReset(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	require.NoError(t, env.Server.InjectFault(emulator.Fault{Path: "/v1/b2b/organizations/*", Method: http.MethodGet, Status: 503}))
	status, e := b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/"+oid, nil, "", "")
	fails(t, status, e, 503, "service_unavailable")
	b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+oid, nil, "", "") // the fault applied once

	env.Server.Reset()
	status, e = b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/"+oid, nil, "", "")
	fails(t, status, e, 404, "organization_not_found")
	assert.Len(t, b2bOK(t, env, http.MethodGet, "/v1/b2b/rbac/policy", nil, "", "")["policy"].(map[string]any)["roles"], 2,
		"the default policy stays")
}
