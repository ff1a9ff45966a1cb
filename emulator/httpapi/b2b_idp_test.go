package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/control"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

// impersonateMember mints a B2B impersonation token through the control
// plane.
func impersonateMember(t *testing.T, env *emutest.Env, orgID, memberID string) map[string]any {
	t.Helper()
	res := rawCall(t, env, http.MethodPost, env.URL+control.ImpersonationPath, map[string]any{"organization_id": orgID,
		"member_id": memberID, "impersonator_email": "support@example.com"}, true)
	m := decodeBody(t, res)
	require.Equal(t, http.StatusCreated, res.StatusCode, m)
	return m
}

func TestB2BImpersonation(t *testing.T) {
	env := b2bEnv(t)
	oid, mid := mfaOrg(t, env, nil)
	minted := impersonateMember(t, env, oid, mid)
	assert.Equal(t, oid, minted["organization_id"])
	assert.Equal(t, mid, minted["member_id"])
	assert.NotContains(t, minted, "user_id")
	tok := minted["impersonation_token"].(string)

	auth := b2bOK(t, env, http.MethodPost, "/v1/b2b/impersonation/authenticate", map[string]any{"impersonation_token": tok}, "", "")
	assert.Equal(t, true, auth["member_authenticated"], "MFA is never required")
	assert.Equal(t, "", auth["intermediate_session_token"])
	assert.Equal(t, mid, auth["member_id"])
	sess := auth["member_session"].(map[string]any)
	assert.Equal(t, b2bEpoch.Add(time.Hour).Format(time.RFC3339), sess["expires_at"])
	f := sess["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "impersonated", f["type"])
	assert.Equal(t, "impersonation", f["delivery_method"])
	assert.Equal(t, "support@example.com", f["impersonated_factor"].(map[string]any)["impersonator_email_address"])
	claims := verifyWithJWKS(t, env, auth["session_jwt"].(string))
	assert.Equal(t, mid, claims["sub"])

	status, e := b2bCall(t, env, http.MethodPost, "/v1/b2b/impersonation/authenticate", map[string]any{"impersonation_token": tok}, "", "")
	fails(t, status, e, 401, "unable_to_auth_impersonation_token")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/impersonation/authenticate", map[string]any{"impersonation_token": "nope"}, "", "")
	fails(t, status, e, 404, "impersonation_token_not_found")
	tok = impersonateMember(t, env, oid, mid)["impersonation_token"].(string)
	_, err := env.Server.Advance(flows.ImpersonationTokenTTL + time.Second)
	require.NoError(t, err)
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/impersonation/authenticate", map[string]any{"impersonation_token": tok}, "", "")
	fails(t, status, e, 401, "unable_to_auth_impersonation_token")

	for _, body := range []map[string]any{
		{"member_id": mid, "impersonator_email": "support@example.com"},
		{"organization_id": oid, "member_id": mid, "user_id": "user-test-x", "impersonator_email": "support@example.com"},
		{"organization_id": oid, "member_id": mid},
	} {
		res := rawCall(t, env, http.MethodPost, env.URL+control.ImpersonationPath, body, true)
		assert.Equal(t, http.StatusBadRequest, res.StatusCode, body)
	}
	res := rawCall(t, env, http.MethodPost, env.URL+control.ImpersonationPath, map[string]any{"organization_id": oid,
		"member_id": "member-test-nobody", "impersonator_email": "support@example.com"}, true)
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Equal(t, "member_not_found", decodeBody(t, res)["error_type"])
}

func TestB2BIDPAuthorization(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com", "name": "Ada"})["member_id"].(string)
	token, _ := sessionOf(memberLogin(t, env, oid, "ada@acme.com"))
	first := createApp(t, env, map[string]any{"client_type": "first_party", "client_name": "Docs",
		"redirect_urls": []string{appRedirect}, "full_access_allowed": true})
	third := createApp(t, env, map[string]any{"client_type": "third_party", "client_name": "Partner",
		"redirect_urls": []string{appRedirect}})
	body := func(app map[string]any, extra map[string]any) map[string]any {
		b := map[string]any{"client_id": app["client_id"], "redirect_uri": appRedirect, "response_type": "code",
			"scopes": []string{"openid", "email", "full_access", "openid"}, "session_token": token}
		for k, v := range extra {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}

	start := b2bOK(t, env, http.MethodPost, "/v1/b2b/idp/oauth/authorize/start", body(first, nil), "", "")
	assert.Equal(t, mid, start["member_id"])
	assert.Equal(t, false, start["consent_required"], "a first-party app needs no consent")
	assert.Equal(t, "Docs", start["client"].(map[string]any)["client_name"])
	results := start["scope_results"].([]any)
	require.Len(t, results, 3)
	assert.Equal(t, true, results[2].(map[string]any)["is_grantable"], "full_access for a first-party app that allows it")
	start = b2bOK(t, env, http.MethodPost, "/v1/b2b/idp/oauth/authorize/start", body(third, map[string]any{"session_token": nil,
		"organization_id": oid, "member_id": mid}), "", "")
	assert.Equal(t, true, start["consent_required"])
	assert.Equal(t, false, start["scope_results"].([]any)[2].(map[string]any)["is_grantable"])

	denied := b2bOK(t, env, http.MethodPost, "/v1/b2b/idp/oauth/authorize", body(third, map[string]any{"consent_granted": false,
		"state": "s1"}), "", "")
	assert.NotContains(t, denied, "authorization_code")
	loc, err := url.Parse(denied["redirect_uri"].(string))
	require.NoError(t, err)
	assert.Equal(t, "access_denied", loc.Query().Get("error"))

	granted := b2bOK(t, env, http.MethodPost, "/v1/b2b/idp/oauth/authorize", body(first, map[string]any{"consent_granted": true,
		"state": "s2"}), "", "")
	code := granted["authorization_code"].(string)
	status, m := postForm(t, env, tokenPath(env), url.Values{"grant_type": {"authorization_code"},
		"client_id": {first["client_id"].(string)}, "client_secret": {first["client_secret"].(string)},
		"code": {code}, "redirect_uri": {appRedirect}})
	require.Equal(t, http.StatusOK, status, m)
	access := m["access_token"].(string)
	claims := verifyWithJWKS(t, env, access)
	assert.Equal(t, mid, claims["sub"])
	assert.Equal(t, map[string]any{"organization_id": oid, "slug": "acme"}, claims[flows.OrganizationClaimKey])

	// The Member's grant shows up, the token is introspected as active and
	// exchanges for a session of the Member.
	apps := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+oid+"/members/"+mid+"/connected_apps", nil, "", "")
	assert.Len(t, apps["connected_apps"], 1)
	status, m = postForm(t, env, introspectPath(env), url.Values{"token": {access}, "client_id": {first["client_id"].(string)},
		"client_secret": {first["client_secret"].(string)}})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, true, m["active"])
	x := b2bOK(t, env, http.MethodPost, "/v1/b2b/sessions/exchange_access_token", map[string]any{"access_token": access}, "", "")
	assert.Equal(t, mid, x["member_id"])
	status, e := env.DoJSON(t, http.MethodPost, "/v1/sessions/exchange_access_token", map[string]any{"access_token": access})
	fails(t, status, e, 401, "invalid_access_token")

	// The Organization's Connected Apps settings are honoured.
	b2bOK(t, env, http.MethodPut, "/v1/b2b/organizations/"+oid, map[string]any{"third_party_connected_apps_allowed_type": "NOT_ALLOWED"}, "", "")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/idp/oauth/authorize/start", body(third, nil), "", "")
	fails(t, status, e, 403, "connected_app_not_allowed")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/idp/oauth/authorize/start", body(first, map[string]any{"session_token": nil}), "", "")
	fails(t, status, e, 400, "no_user_or_session")
	other := newMember(t, env, oid, map[string]any{"email_address": "bob@acme.com"})["member_id"].(string)
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/idp/oauth/authorize/start", body(first, map[string]any{"organization_id": oid,
		"member_id": other}), "", "")
	fails(t, status, e, 400, "session_member_mismatch")
}
