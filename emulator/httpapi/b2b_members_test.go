package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// seedMember changes a stored Member directly, as the groups that own a
// factor (passwords, TOTP, OAuth, SSO) would.
func seedMember(t *testing.T, env *emutest.Env, memberID string, fn func(m *store.Member)) {
	t.Helper()
	require.NoError(t, env.Server.Store().Update(func(tx *store.Tx) error {
		fn(tx.B2B.Members.Get(memberID))
		return nil
	}))
}

func TestB2BMemberLifecycle(t *testing.T) {
	env := emutest.New(t)
	org := newOrg(t, env, map[string]any{"organization_name": "Acme"})
	oid := org["organization_id"].(string)
	base := "/v1/b2b/organizations/" + oid

	m := newMember(t, env, oid, map[string]any{"email_address": "Ada@Acme.com", "name": "Ada", "external_id": "ada-1",
		"roles": []string{"stytch_admin"}, "mfa_phone_number": "+12025550123", "trusted_metadata": map[string]any{"tier": 1}})
	mid := m["member_id"].(string)
	assert.Regexp(t, `^member-test-[0-9a-f-]{36}$`, mid)
	assert.Equal(t, "ada@acme.com", m["email_address"])
	assert.Equal(t, "active", m["status"])
	assert.Equal(t, true, m["is_admin"])
	assert.Equal(t, "+12025550123", m["mfa_phone_number"])
	assert.Equal(t, false, m["mfa_phone_number_verified"])
	assert.Equal(t, []any{
		map[string]any{"role_id": "stytch_member", "sources": []any{map[string]any{"type": "direct_assignment", "details": map[string]any{}}}},
		map[string]any{"role_id": "stytch_admin", "sources": []any{map[string]any{"type": "direct_assignment", "details": map[string]any{}}}},
	}, m["roles"])

	status, e := b2bCall(t, env, http.MethodPost, base+"/members", map[string]any{"email_address": "ada@acme.com"}, "", "")
	fails(t, status, e, 400, "duplicate_member_email")
	status, e = b2bCall(t, env, http.MethodPost, base+"/members", map[string]any{"email_address": "x@acme.com", "external_id": "ada-1"}, "", "")
	fails(t, status, e, 400, "duplicate_member_external_id")
	status, e = b2bCall(t, env, http.MethodPost, base+"/members", map[string]any{"email_address": "x@acme.com", "roles": []string{"stytch_member"}}, "", "")
	fails(t, status, e, 400, "cannot_assign_default_rbac_role_id")
	status, e = b2bCall(t, env, http.MethodPost, base+"/members", map[string]any{"email_address": "x@acme.com", "roles": []string{"ghost"}}, "", "")
	fails(t, status, e, 400, "invalid_rbac_role_id")
	status, e = b2bCall(t, env, http.MethodPost, base+"/members", map[string]any{"email_address": "x@acme.com", "mfa_phone_number": "+12025550123"}, "", "")
	fails(t, status, e, 400, "duplicate_member_phone_number")
	status, e = b2bCall(t, env, http.MethodPost, base+"/members", map[string]any{"email_address": "not-an-email"}, "", "")
	fails(t, status, e, 400, "invalid_email")

	for _, q := range []string{"member_id=" + mid, "member_id=ada-1", "email_address=ADA@acme.com"} {
		g := b2bOK(t, env, http.MethodGet, base+"/member?"+q, nil, "", "")
		assert.Equal(t, mid, g["member_id"], q)
		assert.Equal(t, oid, g["organization"].(map[string]any)["organization_id"])
	}
	status, e = b2bCall(t, env, http.MethodGet, base+"/member", nil, "", "")
	fails(t, status, e, 400, "invalid_member_get_fields")

	u := b2bOK(t, env, http.MethodPut, base+"/members/"+mid, map[string]any{"name": "Ada L.", "roles": []string{},
		"untrusted_metadata": map[string]any{"theme": "dark"}, "mfa_enrolled": true, "is_breakglass": true}, "", "")["member"].(map[string]any)
	assert.Equal(t, "Ada L.", u["name"])
	assert.Equal(t, false, u["is_admin"], "an empty roles list removes every explicit Role")
	assert.Equal(t, true, u["mfa_enrolled"])
	assert.Equal(t, map[string]any{"theme": "dark"}, u["untrusted_metadata"])
	assert.Equal(t, map[string]any{"tier": float64(1)}, u["trusted_metadata"], "absent fields are kept")
	status, e = b2bCall(t, env, http.MethodPut, base+"/members/"+mid, map[string]any{"mfa_phone_number": "+12025550199"}, "", "")
	fails(t, status, e, 400, "duplicate_member_phone_number_for_member")
	status, e = b2bCall(t, env, http.MethodPut, base+"/members/"+mid, map[string]any{"default_mfa_method": "totp"}, "", "")
	fails(t, status, e, 400, "default_mfa_member_missing_factor")

	// Changing the address retires the old one and drops the password.
	seedMember(t, env, mid, func(m *store.Member) { m.Password = &store.Password{ID: "member-password-test-1"} })
	u = b2bOK(t, env, http.MethodPut, base+"/members/"+mid, map[string]any{"email_address": "ada@newacme.com"}, "", "")["member"].(map[string]any)
	assert.Equal(t, "ada@newacme.com", u["email_address"])
	assert.Equal(t, false, u["email_address_verified"])
	assert.Equal(t, "", u["member_password_id"])
	retired := u["retired_email_addresses"].([]any)
	require.Len(t, retired, 1)
	assert.Equal(t, "ada@acme.com", retired[0].(map[string]any)["email_address"])
	status, e = b2bCall(t, env, http.MethodPost, base+"/members", map[string]any{"email_address": "ada@acme.com"}, "", "")
	fails(t, status, e, 400, "retired_member_email")
	status, e = b2bCall(t, env, http.MethodPost, base+"/members/"+mid+"/unlink_retired_email", map[string]any{}, "", "")
	fails(t, status, e, 400, "retired_email_missing_email_identifiers")
	un := b2bOK(t, env, http.MethodPost, base+"/members/"+mid+"/unlink_retired_email", map[string]any{"email_address": "ADA@acme.com"}, "", "")
	assert.Empty(t, un["member"].(map[string]any)["retired_email_addresses"])
	assert.Equal(t, oid, un["organization_id"])
	newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"}) // free again

	x := b2bOK(t, env, http.MethodDelete, base+"/members/"+mid+"/external_id", nil, "", "")
	assert.Nil(t, x["member"].(map[string]any)["external_id"])

	d := b2bOK(t, env, http.MethodDelete, base+"/members/"+mid, nil, "", "")
	assert.Equal(t, mid, d["member_id"])
	status, e = b2bCall(t, env, http.MethodGet, base+"/member?member_id="+mid, nil, "", "")
	fails(t, status, e, 404, "member_not_found")
	status, e = b2bCall(t, env, http.MethodGet, "/v1/b2b/organizations/members/dangerously_get/"+mid, nil, "", "")
	fails(t, status, e, 404, "member_not_found")
	dg := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/members/dangerously_get/"+mid+"?include_deleted=true", nil, "", "")
	assert.Equal(t, "deleted", dg["member"].(map[string]any)["status"])

	r := b2bOK(t, env, http.MethodPut, base+"/members/"+mid+"/reactivate", nil, "", "")
	assert.Equal(t, "active", r["member"].(map[string]any)["status"])
	status, e = b2bCall(t, env, http.MethodPut, base+"/members/"+mid+"/reactivate", nil, "", "")
	fails(t, status, e, 404, "no_deleted_member_found_for_reactivation")
}

func TestB2BMemberFactorsAreRemoved(t *testing.T) {
	env := emutest.New(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	base := "/v1/b2b/organizations/" + oid
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com", "mfa_phone_number": "+12025550123"})["member_id"].(string)
	seedMember(t, env, mid, func(m *store.Member) {
		m.TOTP = &store.TOTP{ID: "member-totp-test-1", Verified: true}
		m.Password = &store.Password{ID: "member-password-test-1"}
		m.DefaultMFAMethod = "totp"
	})
	g := b2bOK(t, env, http.MethodGet, base+"/member?member_id="+mid, nil, "", "")["member"].(map[string]any)
	assert.Equal(t, "member-totp-test-1", g["totp_registration_id"])
	assert.Equal(t, "member-password-test-1", g["member_password_id"])

	p := b2bOK(t, env, http.MethodDelete, base+"/members/mfa_phone_numbers/"+mid, nil, "", "")["member"].(map[string]any)
	assert.Nil(t, p["mfa_phone_number"])
	status, e := b2bCall(t, env, http.MethodDelete, base+"/members/mfa_phone_numbers/"+mid, nil, "", "")
	fails(t, status, e, 404, "member_phone_number_not_found")

	tt := b2bOK(t, env, http.MethodDelete, base+"/members/"+mid+"/totp", nil, "", "")["member"].(map[string]any)
	assert.Equal(t, "", tt["totp_registration_id"])
	assert.Equal(t, "sms_otp", tt["default_mfa_method"], "the default moves off a deleted TOTP")
	status, e = b2bCall(t, env, http.MethodDelete, base+"/members/"+mid+"/totp", nil, "", "")
	fails(t, status, e, 404, "totp_not_found")

	status, e = b2bCall(t, env, http.MethodDelete, base+"/members/passwords/member-password-test-2", nil, "", "")
	fails(t, status, e, 404, "member_password_not_found")
	pw := b2bOK(t, env, http.MethodDelete, base+"/members/passwords/member-password-test-1", nil, "", "")["member"].(map[string]any)
	assert.Equal(t, "", pw["member_password_id"])
}

func TestB2BMemberSearch(t *testing.T) {
	env := b2bEnv(t)
	a := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	b := newOrg(t, env, map[string]any{"organization_name": "Beta"})["organization_id"].(string)
	ada := newMember(t, env, a, map[string]any{"email_address": "ada@acme.com", "is_breakglass": true})["member_id"].(string)
	tick(t, env)
	newMember(t, env, a, map[string]any{"email_address": "bob@acme.com", "create_member_as_pending": true, "roles": []string{"stytch_admin"}})
	tick(t, env)
	gone := newMember(t, env, a, map[string]any{"email_address": "eve@acme.com"})["member_id"].(string)
	tick(t, env)
	b2bOK(t, env, http.MethodDelete, "/v1/b2b/organizations/"+a+"/members/"+gone, nil, "", "")
	newMember(t, env, b, map[string]any{"email_address": "cy@beta.dev", "mfa_phone_number": "+12025550111"})

	search := func(body map[string]any) ([]string, map[string]any) {
		t.Helper()
		res := b2bOK(t, env, http.MethodPost, "/v1/b2b/organizations/members/search", body, "", "")
		var emails []string
		for _, m := range res["members"].([]any) {
			emails = append(emails, m.(map[string]any)["email_address"].(string))
		}
		return emails, res
	}
	q := func(orgs []string, op string, operands ...map[string]any) map[string]any {
		return map[string]any{"organization_ids": orgs, "query": map[string]any{"operator": op, "operands": operands}}
	}
	emails, res := search(map[string]any{"organization_ids": []string{a, b}})
	assert.Equal(t, []string{"ada@acme.com", "bob@acme.com", "cy@beta.dev"}, emails, "deleted Members are left out")
	assert.Len(t, res["organizations"].(map[string]any), 2)
	emails, _ = search(q([]string{a}, "AND", map[string]any{"filter_name": "statuses", "filter_value": []string{"deleted"}}))
	assert.Equal(t, []string{"eve@acme.com"}, emails)
	emails, _ = search(q([]string{a}, "AND", map[string]any{"filter_name": "member_roles", "filter_value": []string{"stytch_admin"}}))
	assert.Equal(t, []string{"bob@acme.com"}, emails)
	emails, _ = search(q([]string{a}, "OR", map[string]any{"filter_name": "member_is_breakglass", "filter_value": true},
		map[string]any{"filter_name": "statuses", "filter_value": []string{"pending"}}))
	assert.Equal(t, []string{"ada@acme.com", "bob@acme.com"}, emails)
	emails, _ = search(q([]string{a, b}, "AND", map[string]any{"filter_name": "member_mfa_phone_number_fuzzy", "filter_value": "555011"}))
	assert.Equal(t, []string{"cy@beta.dev"}, emails)
	emails, _ = search(q([]string{a}, "AND", map[string]any{"filter_name": "member_ids", "filter_value": []string{ada}},
		map[string]any{"filter_name": "member_email_fuzzy", "filter_value": "ADA@"}))
	assert.Equal(t, []string{"ada@acme.com"}, emails)

	status, e := b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/members/search", map[string]any{"organization_ids": []string{}}, "", "")
	fails(t, status, e, 400, "member_search_organization_ids_empty")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/members/search",
		q([]string{a}, "AND", map[string]any{"filter_name": "member_is_breakglass", "filter_value": "yes"}), "", "")
	fails(t, status, e, 400, "member_search_expected_boolean")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/members/search",
		q([]string{a}, "AND", map[string]any{"filter_name": "statuses", "filter_value": []string{"gone"}}), "", "")
	fails(t, status, e, 400, "search_invalid_status_filter")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/organizations/members/search", map[string]any{"organization_ids": []string{"nope"}}, "", "")
	fails(t, status, e, 404, "organization_not_found")
}

func TestB2BMemberProviderTokens(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	base := "/v1/b2b/organizations/" + oid + "/members/"
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)
	for _, p := range []string{"google", "microsoft", "github", "hubspot", "slack"} {
		status, e := b2bCall(t, env, http.MethodGet, base+mid+"/oauth_providers/"+p, nil, "", "")
		fails(t, status, e, 404, "member_oauth_token_not_found")
	}
	status, e := b2bCall(t, env, http.MethodGet, base+mid+"/oidc_providers", nil, "", "")
	fails(t, status, e, 404, "member_oidc_token_not_found")

	now := env.Server.Now()
	seedMember(t, env, mid, func(m *store.Member) {
		m.OAuthRegistrations = []store.MemberOAuthRegistration{
			{ID: "oauth-user-test-g", ProviderType: "Google", Subject: "g-sub", AccessToken: "g-access", RefreshToken: "g-refresh",
				IDToken: "g-id", Scopes: []string{"openid", "email"}, AccessTokenExpiresAt: now.Add(-time.Minute)},
			{ID: "oauth-user-test-m", ProviderType: "Microsoft", Subject: "m-sub", AccessToken: "m-access",
				IDToken: "m-id", Scopes: []string{"openid"}, AccessTokenExpiresAt: now.Add(-time.Minute)},
			{ID: "oauth-user-test-s", ProviderType: "Slack", Subject: "s-sub", TenantIDs: []string{"T123"}, AccessToken: "s-access",
				Scopes: []string{"users:read"}, BotAccessToken: "s-bot", BotScopes: []string{"chat:write"}, AccessTokenExpiresAt: now.Add(time.Hour)},
			{ID: "oauth-user-test-h", ProviderType: "HubSpot", Subject: "h-sub", TenantIDs: []string{"P9"}, AccessToken: "h-access",
				RefreshToken: "h-refresh", Scopes: []string{"crm"}, AccessTokenExpiresAt: now.Add(30 * time.Minute)},
			{ID: "oauth-user-test-gh", ProviderType: "GitHub", Subject: "gh-sub", TenantIDs: []string{"org1", "org2"}, AccessToken: "gh-access",
				Scopes: []string{"repo"}, AccessTokenExpiresAt: now.Add(time.Hour)},
		}
		m.SSORegistrations = []store.MemberSSORegistration{{ID: "oidc-reg", ConnectionID: "oidc-connection-test-1", ExternalID: "idp-sub",
			OIDC: true, AccessToken: "o-access", RefreshToken: "o-refresh", IDToken: "o-id", Scopes: []string{"openid"},
			AccessTokenExpiresAt: now.Add(10 * time.Minute)}}
	})

	g := b2bOK(t, env, http.MethodGet, base+mid+"/oauth_providers/google", nil, "", "")
	assert.Equal(t, "Google", g["provider_type"])
	assert.NotEqual(t, "g-access", g["access_token"], "an expired access token is refreshed")
	assert.EqualValues(t, 3600, g["access_token_expires_in"])
	assert.NotContains(t, g, "refresh_token", "the refresh token only when asked for")
	g2 := b2bOK(t, env, http.MethodGet, base+mid+"/oauth_providers/google?include_refresh_token=true", nil, "", "")
	assert.Equal(t, g["access_token"], g2["access_token"], "the refreshed token is kept")
	assert.Equal(t, "g-refresh", g2["refresh_token"])
	status, e = b2bCall(t, env, http.MethodGet, base+mid+"/oauth_providers/microsoft", nil, "", "")
	fails(t, status, e, 400, "missing_oauth_refresh_token")

	s := b2bOK(t, env, http.MethodGet, base+mid+"/oauth_providers/slack", nil, "", "")
	assert.Equal(t, []any{map[string]any{"provider_subject": "s-sub", "provider_tenant_id": "T123", "access_token": "s-access",
		"scopes": []any{"users:read"}, "bot_access_token": "s-bot", "bot_scopes": []any{"chat:write"}}}, s["registrations"])
	h := b2bOK(t, env, http.MethodGet, base+mid+"/oauth_providers/hubspot?include_refresh_token=true", nil, "", "")
	hr := h["registrations"].([]any)[0].(map[string]any)
	assert.EqualValues(t, 1800, hr["access_token_expires_in"])
	assert.Equal(t, "h-refresh", hr["refresh_token"])
	gh := b2bOK(t, env, http.MethodGet, base+mid+"/oauth_providers/github", nil, "", "")
	assert.Equal(t, []any{"org1", "org2"}, gh["registrations"].([]any)[0].(map[string]any)["provider_tenant_ids"])
	o := b2bOK(t, env, http.MethodGet, base+mid+"/oidc_providers", nil, "", "")
	or := o["registrations"].([]any)[0].(map[string]any)
	assert.Equal(t, "oidc-connection-test-1", or["connection_id"])
	assert.EqualValues(t, 600, or["access_token_expires_in"])
}

func TestB2BMemberConnectedApps(t *testing.T) {
	env := emutest.New(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	base := "/v1/b2b/organizations/" + oid + "/members/"
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)
	app := grantMemberApp(t, env, mid, []string{"openid", "email"})

	l := b2bOK(t, env, http.MethodGet, base+mid+"/connected_apps", nil, "", "")
	apps := l["connected_apps"].([]any)
	require.Len(t, apps, 1)
	assert.Equal(t, "openid email", apps[0].(map[string]any)["scopes_granted"])

	b2bOK(t, env, http.MethodPost, base+mid+"/connected_apps/"+app+"/revoke", nil, "", "")
	l = b2bOK(t, env, http.MethodGet, base+mid+"/connected_apps", nil, "", "")
	assert.Empty(t, l["connected_apps"])
	status, e := b2bCall(t, env, http.MethodPost, base+mid+"/connected_apps/connected-app-test-nope/revoke", nil, "", "")
	fails(t, status, e, 404, "connected_app_not_found")
}
