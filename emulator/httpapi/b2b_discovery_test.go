package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/store"
)

const discoveryPath = "/v1/b2b/discovery/"

// discoveryLogin sends a discovery link to email, authenticates it and
// returns the answer.
func discoveryLogin(t *testing.T, env *emutest.Env, email string) map[string]any {
	t.Helper()
	b2bOK(t, env, http.MethodPost, linksPath+"email/discovery/send", map[string]any{"email_address": email,
		"discovery_redirect_url": "https://app.example.com/discover"}, "", "")
	msg := env.LastMessage(t, email)
	require.Equal(t, store.MessageDiscovery, msg.Kind)
	link, err := url.Parse(msg.Link)
	require.NoError(t, err)
	require.Equal(t, "discovery", link.Query().Get("stytch_token_type"))
	return b2bOK(t, env, http.MethodPost, linksPath+"discovery/authenticate", map[string]any{"discovery_magic_links_token": msg.Token}, "", "")
}

// byOrg indexes discovered Organizations by name.
func byOrg(list any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, d := range list.([]any) {
		d := d.(map[string]any)
		out[d["organization"].(map[string]any)["organization_name"].(string)] = d
	}
	return out
}

func TestB2BDiscoveryFlow(t *testing.T) {
	env := b2bEnv(t)
	member := newOrg(t, env, map[string]any{"organization_name": "Member"})["organization_id"].(string)
	jit := newOrg(t, env, map[string]any{"organization_name": "JIT", "email_allowed_domains": []string{"x.com"},
		"email_jit_provisioning": "RESTRICTED"})["organization_id"].(string)
	closed := newOrg(t, env, map[string]any{"organization_name": "Closed"})["organization_id"].(string)
	sso := newOrg(t, env, map[string]any{"organization_name": "SSO", "auth_methods": "RESTRICTED", "allowed_auth_methods": []string{"sso"}})["organization_id"].(string)
	newMember(t, env, member, map[string]any{"email_address": "ada@x.com"})
	newMember(t, env, sso, map[string]any{"email_address": "ada@x.com"})
	b2bOK(t, env, http.MethodPost, linksPath+"email/invite", map[string]any{"organization_id": closed, "email_address": "ada@x.com"}, "", "")

	d := discoveryLogin(t, env, "Ada@X.com")
	assert.Equal(t, "ada@x.com", d["email_address"])
	ist := d["intermediate_session_token"].(string)
	found := byOrg(d["discovered_organizations"])
	require.Len(t, found, 4)
	assert.Equal(t, "active_member", found["Member"]["membership"].(map[string]any)["type"])
	assert.Equal(t, true, found["Member"]["member_authenticated"])
	assert.Equal(t, "invited_member", found["Closed"]["membership"].(map[string]any)["type"])
	elig := found["JIT"]["membership"].(map[string]any)
	assert.Equal(t, "eligible_to_join_by_email_domain", elig["type"])
	assert.Equal(t, map[string]any{"domain": "x.com"}, elig["details"])
	assert.Nil(t, elig["member"])
	assert.Equal(t, false, found["SSO"]["member_authenticated"])
	assert.Equal(t, map[string]any{"allowed_auth_methods": []any{"sso"}}, found["SSO"]["primary_required"])

	list := b2bOK(t, env, http.MethodPost, discoveryPath+"organizations", map[string]any{"intermediate_session_token": ist}, "", "")
	assert.Len(t, list["discovered_organizations"], 4, "listing consumes nothing")
	assert.NotContains(t, list, "organization_id_hint")

	// An Organization that asks for SSO: the intermediate session comes back.
	p := b2bOK(t, env, http.MethodPost, discoveryPath+"intermediate_sessions/exchange", map[string]any{"intermediate_session_token": ist,
		"organization_id": sso}, "", "")
	assert.Equal(t, false, p["member_authenticated"])
	assert.Equal(t, ist, p["intermediate_session_token"])
	assert.Equal(t, map[string]any{"allowed_auth_methods": []any{"sso"}}, p["primary_required"])

	status, e := b2bCall(t, env, http.MethodPost, discoveryPath+"intermediate_sessions/exchange", map[string]any{
		"intermediate_session_token": ist, "organization_id": newOrg(t, env, map[string]any{"organization_name": "Nope"})["organization_id"]}, "", "")
	fails(t, status, e, 403, "email_jit_provisioning_not_allowed")

	// Joining by email domain creates the Member and consumes the session.
	j := b2bOK(t, env, http.MethodPost, discoveryPath+"intermediate_sessions/exchange", map[string]any{"intermediate_session_token": ist,
		"organization_id": jit, "session_duration_minutes": 30}, "", "")
	assert.Equal(t, true, j["member_authenticated"])
	assert.Equal(t, "", j["intermediate_session_token"])
	jm := j["member"].(map[string]any)
	assert.Equal(t, "active", jm["status"])
	assert.Equal(t, true, jm["email_address_verified"])
	f := j["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)["email_factor"].(map[string]any)
	assert.NotEmpty(t, f["email_id"], "the discovery factor now names the Member's address")
	status, e = b2bCall(t, env, http.MethodPost, discoveryPath+"organizations", map[string]any{"intermediate_session_token": ist}, "", "")
	fails(t, status, e, 404, "intermediate_session_not_found")

	// The session lists the same address's Organizations.
	token, jwtStr := sessionOf(j)
	l := b2bOK(t, env, http.MethodPost, discoveryPath+"organizations", map[string]any{"session_jwt": jwtStr}, "", "")
	assert.Equal(t, "active_member", byOrg(l["discovered_organizations"])["JIT"]["membership"].(map[string]any)["type"])
	status, e = b2bCall(t, env, http.MethodPost, discoveryPath+"organizations", map[string]any{"session_token": token, "session_jwt": jwtStr}, "", "")
	fails(t, status, e, 400, "bad_request")
}

func TestB2BDiscoveryCreatesOrganizations(t *testing.T) {
	env := b2bEnv(t)
	d := discoveryLogin(t, env, "founder@startup.io")
	assert.Empty(t, d["discovered_organizations"])
	ist := d["intermediate_session_token"].(string)

	c := b2bOK(t, env, http.MethodPost, discoveryPath+"organizations/create", map[string]any{"intermediate_session_token": ist,
		"organization_name": "Startup", "email_allowed_domains": []string{"startup.io"}, "email_jit_provisioning": "RESTRICTED"}, "", "")
	assert.Equal(t, true, c["member_authenticated"])
	org := c["organization"].(map[string]any)
	assert.Equal(t, "startup", org["organization_slug"])
	m := c["member"].(map[string]any)
	assert.Equal(t, true, m["is_admin"], "the creator is stytch_admin")
	assert.Equal(t, []any{"stytch_member", "stytch_admin"}, c["member_session"].(map[string]any)["roles"])
	status, e := b2bCall(t, env, http.MethodPost, discoveryPath+"organizations/create", map[string]any{"intermediate_session_token": ist}, "", "")
	fails(t, status, e, 404, "intermediate_session_not_found")

	// A colleague discovers it by domain.
	d2 := discoveryLogin(t, env, "cofounder@startup.io")
	assert.Equal(t, "eligible_to_join_by_email_domain",
		byOrg(d2["discovered_organizations"])["Startup"]["membership"].(map[string]any)["type"])

	// An Organization created with MFA required stops at MFA.
	d3 := discoveryLogin(t, env, "sec@vault.io")
	v := b2bOK(t, env, http.MethodPost, discoveryPath+"organizations/create", map[string]any{
		"intermediate_session_token": d3["intermediate_session_token"], "organization_name": "Vault", "mfa_policy": "REQUIRED_FOR_ALL"}, "", "")
	assert.Equal(t, false, v["member_authenticated"])
	assert.Equal(t, d3["intermediate_session_token"], v["intermediate_session_token"])
	assert.NotNil(t, v["organization"])

	// Without a name the Organization is named after the domain.
	d4 := discoveryLogin(t, env, "x@named.dev")
	n := b2bOK(t, env, http.MethodPost, discoveryPath+"organizations/create", map[string]any{"intermediate_session_token": d4["intermediate_session_token"]}, "", "")
	assert.Equal(t, "named.dev", n["organization"].(map[string]any)["organization_name"])
}
