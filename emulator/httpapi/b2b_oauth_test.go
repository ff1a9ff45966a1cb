package httpapi_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// browse follows an OAuth start URL as a browser would (one hop, through
// the spec-validating client) and returns where it is sent.
func browse(t *testing.T, env *emutest.Env, path string, q url.Values) *url.URL {
	t.Helper()
	c := &http.Client{Transport: env.HTTPClient.Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(env.URL + path + "?" + q.Encode())
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	require.Equal(t, http.StatusFound, res.StatusCode)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	return loc
}

// startFails follows a start URL that must fail and returns the error.
func startFails(t *testing.T, env *emutest.Env, path string, q url.Values) (int, map[string]any) {
	t.Helper()
	return b2bCall(t, env, http.MethodGet, path+"?"+q.Encode(), nil, "", "")
}

func TestB2BOAuthOrganizationLogin(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme",
		"email_allowed_domains": []string{"acme.com"}, "email_jit_provisioning": "RESTRICTED"})["organization_id"].(string)
	verifier := "oauth-pkce-verifier-long-enough-to-be-valid-0001"
	sum := sha256.Sum256([]byte(verifier))
	q := url.Values{"public_token": {testPublicToken}, "slug": {"acme"}, "test_identity": {"ada@acme.com"},
		"login_redirect_url": {"https://app.example.com/login"}, "signup_redirect_url": {"https://app.example.com/signup"},
		"custom_scopes": {"https://www.googleapis.com/auth/calendar"}, "pkce_code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}}
	loc := browse(t, env, "/v1/b2b/public/oauth/google/start", q)
	assert.Equal(t, "/signup", loc.Path, "no Member yet: the sign-up URL")
	assert.Equal(t, "oauth", loc.Query().Get("stytch_token_type"))
	token := loc.Query().Get("token")

	status, e := b2bCall(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": token}, "", "")
	fails(t, status, e, 400, "pkce_expected_code_verifier")
	auth := b2bOK(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": token,
		"pkce_code_verifier": verifier}, "", "")
	assert.Equal(t, true, auth["member_authenticated"])
	assert.Equal(t, "Google", auth["provider_type"])
	member := auth["member"].(map[string]any)
	assert.Equal(t, "ada@acme.com", member["email_address"])
	assert.Equal(t, true, member["email_address_verified"], "Google verifies the address")
	reg := member["oauth_registrations"].([]any)[0].(map[string]any)
	assert.Equal(t, "Google", reg["provider_type"])
	assert.Equal(t, auth["provider_subject"], reg["provider_subject"])
	pv := auth["provider_values"].(map[string]any)
	assert.NotEmpty(t, pv["access_token"])
	assert.NotEmpty(t, pv["refresh_token"])
	assert.NotEmpty(t, pv["id_token"])
	assert.Contains(t, pv["scopes"], "https://www.googleapis.com/auth/calendar")
	f := auth["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "oauth", f["type"])
	assert.Equal(t, "oauth_google", f["delivery_method"])
	assert.Equal(t, map[string]any{"id": reg["member_oauth_registration_id"], "provider_subject": reg["provider_subject"],
		"email_id": f["google_oauth_factor"].(map[string]any)["email_id"]}, f["google_oauth_factor"])

	// The provider's tokens are the Member's now.
	toks := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+oid+"/members/"+member["member_id"].(string)+
		"/oauth_providers/google?include_refresh_token=true", nil, "", "")
	assert.Equal(t, pv["access_token"], toks["access_token"])
	assert.Equal(t, pv["refresh_token"], toks["refresh_token"])

	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": token,
		"pkce_code_verifier": verifier}, "", "")
	fails(t, status, e, 401, "unable_to_auth_oauth_token")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": "nope"}, "", "")
	fails(t, status, e, 400, "oauth_token_not_found")

	// A returning Member lands on the login URL; the registration is reused.
	delete(q, "pkce_code_challenge")
	loc = browse(t, env, "/v1/b2b/public/oauth/google/start", q)
	assert.Equal(t, "/login", loc.Path)
	again := b2bOK(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": loc.Query().Get("token")}, "", "")
	assert.Len(t, again["member"].(map[string]any)["oauth_registrations"], 1)

	for _, tc := range []struct {
		path   string
		q      url.Values
		status int
		typ    string
	}{
		{"/v1/b2b/public/oauth/google/start", url.Values{"public_token": {testPublicToken}}, 400, "bad_request"},
		{"/v1/b2b/public/oauth/google/start", url.Values{"public_token": {testPublicToken}, "organization_id": {"nope"}}, 404, "organization_not_found"},
		{"/v1/b2b/public/oauth/google/start", url.Values{"public_token": {testPublicToken}, "slug": {"acme"}, "login_redirect_url": {"ftp://x"}}, 400, "invalid_redirect_url"},
		{"/v1/b2b/public/oauth/google/start", url.Values{"public_token": {testPublicToken}, "slug": {"acme"}, "test_identity": {"not-an-email"}}, 400, "invalid_email"},
		{"/v1/b2b/public/oauth/apple/start", url.Values{"public_token": {testPublicToken}, "slug": {"acme"}}, 400, "bad_request"},
	} {
		status, e := startFails(t, env, tc.path, tc.q)
		require.Equal(t, tc.status, status, "%s %v: %v", tc.path, tc.q, e)
		assert.Equal(t, tc.typ, e["error_type"], "%s %v", tc.path, tc.q)
	}
}

func TestB2BOAuthTenantProvisioning(t *testing.T) {
	env := b2bEnv(t)
	closed := newOrg(t, env, map[string]any{"organization_name": "Closed", "email_allowed_domains": []string{"acme.com"},
		"email_jit_provisioning": "RESTRICTED"})["organization_id"].(string)
	slack := newOrg(t, env, map[string]any{"organization_name": "Slack team", "oauth_tenant_jit_provisioning": "RESTRICTED",
		"allowed_oauth_tenants": map[string]any{"slack": []string{"T0001"}}})["organization_id"].(string)
	start := func(orgID, tenant string) string {
		q := url.Values{"public_token": {testPublicToken}, "organization_id": {orgID}, "test_identity": {"ada@acme.com"}, "test_tenant": {tenant}}
		return browse(t, env, "/v1/b2b/public/oauth/slack/start", q).Query().Get("token")
	}
	status, e := b2bCall(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": start(closed, "T0001")}, "", "")
	fails(t, status, e, 400, "oauth_tenant_jit_provisioning_not_allowed")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": start(slack, "T9999")}, "", "")
	fails(t, status, e, 400, "oauth_tenant_jit_provisioning_not_allowed")
	auth := b2bOK(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": start(slack, "T0001")}, "", "")
	m := auth["member"].(map[string]any)
	assert.Equal(t, "active", m["status"])
	assert.Equal(t, false, m["email_address_verified"], "Slack does not verify addresses")
	toks := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+slack+"/members/"+m["member_id"].(string)+"/oauth_providers/slack", nil, "", "")
	r := toks["registrations"].([]any)[0].(map[string]any)
	assert.NotEmpty(t, r["bot_access_token"])
	assert.Equal(t, "T0001", r["provider_tenant_id"])
}

func TestB2BOAuthDiscovery(t *testing.T) {
	env := b2bEnv(t)
	member := newOrg(t, env, map[string]any{"organization_name": "Member"})["organization_id"].(string)
	newMember(t, env, member, map[string]any{"email_address": "ada@acme.com"})
	hub := newOrg(t, env, map[string]any{"organization_name": "Hub", "oauth_tenant_jit_provisioning": "RESTRICTED",
		"allowed_oauth_tenants": map[string]any{"hubspot": []string{"4242"}}})["organization_id"].(string)
	newOrg(t, env, map[string]any{"organization_name": "Other hub", "oauth_tenant_jit_provisioning": "RESTRICTED",
		"allowed_oauth_tenants": map[string]any{"hubspot": []string{"1"}}})

	loc := browse(t, env, "/v1/b2b/public/oauth/hubspot/discovery/start", url.Values{"public_token": {testPublicToken},
		"discovery_redirect_url": {"https://app.example.com/discover"}, "test_identity": {"ada.lovelace@acme.com"}})
	assert.Equal(t, "discovery_oauth", loc.Query().Get("stytch_token_type"))
	status, e := b2bCall(t, env, http.MethodPost, "/v1/b2b/oauth/authenticate", map[string]any{"oauth_token": loc.Query().Get("token")}, "", "")
	fails(t, status, e, 400, "oauth_token_not_found")
	d := b2bOK(t, env, http.MethodPost, "/v1/b2b/oauth/discovery/authenticate", map[string]any{"discovery_oauth_token": loc.Query().Get("token")}, "", "")
	assert.Equal(t, "HubSpot", d["provider_type"])
	assert.Equal(t, "Ada Lovelace", d["full_name"])
	assert.Regexp(t, `^\d+$`, d["provider_tenant_id"])
	assert.Empty(t, d["discovered_organizations"], "a derived tenant matches no Organization")

	domain := newOrg(t, env, map[string]any{"organization_name": "Domain", "email_allowed_domains": []string{"acme.com"},
		"email_jit_provisioning": "RESTRICTED"})["organization_id"].(string)
	loc = browse(t, env, "/v1/b2b/public/oauth/hubspot/discovery/start", url.Values{"public_token": {testPublicToken},
		"test_identity": {"ada@acme.com"}, "test_tenant": {"4242"}})
	assert.Equal(t, "localhost:3000", loc.Host, "the emulator's default redirect URL")
	d = b2bOK(t, env, http.MethodPost, "/v1/b2b/oauth/discovery/authenticate", map[string]any{"discovery_oauth_token": loc.Query().Get("token")}, "", "")
	assert.Equal(t, "4242", d["provider_tenant_id"])
	assert.Equal(t, []any{"4242"}, d["provider_tenant_ids"])
	orgs := d["discovered_organizations"].([]any)
	require.Len(t, orgs, 2)
	assert.Equal(t, "active_member", orgs[0].(map[string]any)["membership"].(map[string]any)["type"])
	eligible := orgs[1].(map[string]any)
	assert.Equal(t, hub, eligible["organization"].(map[string]any)["organization_id"])
	assert.Equal(t, "eligible_to_join_by_oauth_tenant", eligible["membership"].(map[string]any)["type"])
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/discovery/intermediate_sessions/exchange", map[string]any{
		"intermediate_session_token": d["intermediate_session_token"], "organization_id": domain}, "", "")
	fails(t, status, e, 400, "oauth_tenant_jit_provisioning_not_allowed") // HubSpot does not verify the address

	// Joining by the tenant creates the Member with the HubSpot registration
	// and tokens.
	x := b2bOK(t, env, http.MethodPost, "/v1/b2b/discovery/intermediate_sessions/exchange", map[string]any{
		"intermediate_session_token": d["intermediate_session_token"], "organization_id": hub}, "", "")
	assert.Equal(t, true, x["member_authenticated"])
	m := x["member"].(map[string]any)
	reg := m["oauth_registrations"].([]any)[0].(map[string]any)
	assert.Equal(t, "HubSpot", reg["provider_type"])
	f := x["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, reg["member_oauth_registration_id"], f["hubspot_oauth_factor"].(map[string]any)["id"])
	toks := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+hub+"/members/"+m["member_id"].(string)+"/oauth_providers/hubspot?include_refresh_token=true", nil, "", "")
	r := toks["registrations"].([]any)[0].(map[string]any)
	assert.NotEmpty(t, r["access_token"])
	assert.NotEmpty(t, r["refresh_token"], "HubSpot issues a refresh token")
	assert.Equal(t, "4242", r["provider_tenant_id"])
}
