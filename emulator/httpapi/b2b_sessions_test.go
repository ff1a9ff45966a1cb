package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

const sessionsPath = "/v1/b2b/sessions"

// adminAndMember makes an Organization with an admin and a plain Member,
// logs both in and returns the Organization id and their authenticate
// answers.
func adminAndMember(t *testing.T, env *emutest.Env) (string, map[string]any, map[string]any) {
	t.Helper()
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})["organization_id"].(string)
	newMember(t, env, oid, map[string]any{"email_address": "admin@acme.com", "roles": []string{"stytch_admin"}})
	newMember(t, env, oid, map[string]any{"email_address": "ann@acme.com"})
	return oid, memberLogin(t, env, oid, "admin@acme.com"), memberLogin(t, env, oid, "ann@acme.com")
}

func TestB2BSessionsAuthenticate(t *testing.T) {
	env := b2bEnv(t)
	oid, admin, ann := adminAndMember(t, env)
	token, jwtStr := sessionOf(admin)
	annToken, _ := sessionOf(ann)

	a := b2bOK(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": token,
		"session_duration_minutes": 30, "session_custom_claims": map[string]any{"k": "v"}}, "", "")
	sess := a["member_session"].(map[string]any)
	assert.Equal(t, b2bEpoch.Add(30*time.Minute).Format(time.RFC3339), sess["expires_at"])
	assert.Equal(t, map[string]any{"k": "v"}, sess["custom_claims"])
	assert.Equal(t, "v", verifyWithJWKS(t, env, a["session_jwt"].(string))["k"])

	// An expired JWT of a live session is accepted and replaced.
	_, err := env.Server.Advance(10 * time.Minute)
	require.NoError(t, err)
	j := b2bOK(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_jwt": jwtStr,
		"session_custom_claims": map[string]any{"k": nil}}, "", "")
	assert.Equal(t, sess["member_session_id"], j["member_session"].(map[string]any)["member_session_id"])
	assert.NotEqual(t, jwtStr, j["session_jwt"])
	assert.Equal(t, map[string]any{}, j["member_session"].(map[string]any)["custom_claims"], "null deletes a claim")

	check := func(resource, action, org string) (int, map[string]any) {
		return b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": token,
			"authorization_check": map[string]any{"organization_id": org, "resource_id": resource, "action": action}}, "", "")
	}
	status, v := check("stytch.member", "delete", oid)
	assert.Equal(t, map[string]any{"authorized": true, "granting_roles": []any{"stytch_admin"}}, ok(t, status, v)["verdict"])
	status, v = check("stytch.self", "update.info.name", "acme")
	assert.Equal(t, []any{"stytch_member"}, ok(t, status, v)["verdict"].(map[string]any)["granting_roles"], "a slug names the Organization too")
	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": annToken,
		"authorization_check": map[string]any{"organization_id": oid, "resource_id": "stytch.member", "action": "delete"}}, "", "")
	fails(t, status, v, 403, "session_authorization_error")
	other := newOrg(t, env, map[string]any{"organization_name": "Other"})["organization_id"].(string)
	status, v = check("stytch.member", "delete", other)
	fails(t, status, v, 403, "session_authorization_tenancy_error")

	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": token, "session_jwt": jwtStr}, "", "")
	fails(t, status, v, 400, "too_many_session_arguments")
	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{}, "", "")
	fails(t, status, v, 400, "no_session_arguments")
	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": "nope"}, "", "")
	fails(t, status, v, 404, "session_not_found")
	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_jwt": "a.b.c"}, "", "")
	fails(t, status, v, 400, "unable_to_parse_session_jwt")
	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": token,
		"session_custom_claims": map[string]any{"https://stytch.com/organization": "x"}}, "", "")
	fails(t, status, v, 400, "invalid_session_custom_claims")

	// A Consumer session is not a member session, nor the reverse.
	createUserID(t, env, "c@example.com")
	b2bOK(t, env, http.MethodPost, "/v1/magic_links/email/send", map[string]any{"email": "c@example.com"}, "", "")
	consumer := b2bOK(t, env, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{
		"token": env.LastMessage(t, "c@example.com").Token, "session_duration_minutes": 60}, "", "")
	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": consumer["session_token"]}, "", "")
	fails(t, status, v, 404, "session_not_found")
	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_jwt": consumer["session_jwt"]}, "", "")
	fails(t, status, v, 404, "session_not_found")
	status, v = b2bCall(t, env, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": annToken}, "", "")
	fails(t, status, v, 404, "session_not_found")

	// Sessions end when they expire.
	_, err = env.Server.Advance(time.Hour)
	require.NoError(t, err)
	status, v = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": annToken}, "", "")
	fails(t, status, v, 404, "session_not_found")
}

func TestB2BSessionsGetAndRevoke(t *testing.T) {
	env := b2bEnv(t)
	oid, admin, ann := adminAndMember(t, env)
	adminID, annID := admin["member_id"].(string), ann["member_id"].(string)
	annToken, annJWT := sessionOf(ann)
	adminToken, _ := sessionOf(admin)
	second := memberLogin(t, env, oid, "ann@acme.com")

	list := b2bOK(t, env, http.MethodGet, sessionsPath+"?organization_id="+oid+"&member_id="+annID, nil, "", "")
	assert.Len(t, list["member_sessions"], 2)

	// Ann (stytch_member) may revoke her own sessions, not the admin's.
	status, e := b2bCall(t, env, http.MethodPost, sessionsPath+"/revoke", map[string]any{"member_id": adminID}, annToken, "")
	fails(t, status, e, 403, "session_authorization_error")
	secondID := second["member_session"].(map[string]any)["member_session_id"]
	b2bOK(t, env, http.MethodPost, sessionsPath+"/revoke", map[string]any{"member_session_id": secondID}, "", annJWT)
	list = b2bOK(t, env, http.MethodGet, sessionsPath+"?organization_id="+oid+"&member_id="+annID, nil, "", "")
	assert.Len(t, list["member_sessions"], 1)

	// The admin revokes every session of Ann.
	b2bOK(t, env, http.MethodPost, sessionsPath+"/revoke", map[string]any{"member_id": annID}, adminToken, "")
	list = b2bOK(t, env, http.MethodGet, sessionsPath+"?organization_id="+oid+"&member_id="+annID, nil, "", "")
	assert.Empty(t, list["member_sessions"])
	status, e = b2bCall(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": annToken}, "", "")
	fails(t, status, e, 404, "session_not_found")

	b2bOK(t, env, http.MethodPost, sessionsPath+"/revoke", map[string]any{"session_token": adminToken}, "", "")
	status, e = b2bCall(t, env, http.MethodPost, sessionsPath+"/revoke", map[string]any{}, "", "")
	fails(t, status, e, 400, "no_session_revoke_arguments")
	status, e = b2bCall(t, env, http.MethodPost, sessionsPath+"/revoke", map[string]any{"member_id": annID, "session_token": "x"}, "", "")
	fails(t, status, e, 400, "too_many_session_revoke_arguments")
	status, e = b2bCall(t, env, http.MethodGet, sessionsPath+"?organization_id="+oid+"&member_id=member-test-nope", nil, "", "")
	fails(t, status, e, 404, "member_not_found")
}

func TestB2BSessionsExchange(t *testing.T) {
	env := b2bEnv(t)
	a := newOrg(t, env, map[string]any{"organization_name": "A"})["organization_id"].(string)
	b := newOrg(t, env, map[string]any{"organization_name": "B"})["organization_id"].(string)
	mfa := newOrg(t, env, map[string]any{"organization_name": "MFA", "mfa_policy": "REQUIRED_FOR_ALL"})["organization_id"].(string)
	none := newOrg(t, env, map[string]any{"organization_name": "None"})["organization_id"].(string)
	newMember(t, env, a, map[string]any{"email_address": "ada@x.com"})
	b2bOK(t, env, http.MethodPost, linksPath+"email/invite", map[string]any{"organization_id": b, "email_address": "ada@x.com"}, "", "")
	newMember(t, env, mfa, map[string]any{"email_address": "ada@x.com"})
	token, _ := sessionOf(memberLogin(t, env, a, "ada@x.com"))

	ex := b2bOK(t, env, http.MethodPost, sessionsPath+"/exchange", map[string]any{"organization_id": b, "session_token": token}, "", "")
	assert.Equal(t, true, ex["member_authenticated"])
	assert.Equal(t, "active", ex["member"].(map[string]any)["status"], "an exchange accepts the invite")
	sess := ex["member_session"].(map[string]any)
	assert.Equal(t, b, sess["organization_id"])
	f := sess["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, ex["member"].(map[string]any)["email_address"], f["email_factor"].(map[string]any)["email_address"])
	b2bOK(t, env, http.MethodPost, sessionsPath+"/authenticate", map[string]any{"session_token": token}, "", "") // the original stays

	m := b2bOK(t, env, http.MethodPost, sessionsPath+"/exchange", map[string]any{"organization_id": mfa, "session_token": token}, "", "")
	assert.Equal(t, false, m["member_authenticated"])
	assert.NotEmpty(t, m["intermediate_session_token"])
	assert.NotNil(t, m["mfa_required"])

	status, e := b2bCall(t, env, http.MethodPost, sessionsPath+"/exchange", map[string]any{"organization_id": none, "session_token": token}, "", "")
	fails(t, status, e, 404, "member_not_found")
}

func TestB2BSessionsFromOutsideCredentials(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com", "create_member_as_pending": true})["member_id"].(string)

	// A Connected App access token with full_access.
	app := newConnectedApp(t, env)
	tok, err := flowsOf(env).IssueMemberAccessToken(mid, app, []string{"openid", "full_access"})
	require.NoError(t, err)
	claims := verifyWithJWKS(t, env, tok.AccessToken)
	assert.Equal(t, mid, claims["sub"])
	assert.Equal(t, oid, claims[flows.OrganizationClaimKey].(map[string]any)["organization_id"])
	ex := b2bOK(t, env, http.MethodPost, sessionsPath+"/exchange_access_token", map[string]any{"access_token": tok.AccessToken}, "", "")
	f := ex["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "oauth_access_token_exchange", f["delivery_method"])
	assert.Equal(t, app, f["oauth_access_token_exchange_factor"].(map[string]any)["client_id"])
	narrow, err := flowsOf(env).IssueMemberAccessToken(mid, app, []string{"openid"})
	require.NoError(t, err)
	status, e := b2bCall(t, env, http.MethodPost, sessionsPath+"/exchange_access_token", map[string]any{"access_token": narrow.AccessToken}, "", "")
	fails(t, status, e, 403, "missing_full_access_scope")
	b2bOK(t, env, http.MethodPost, "/v1/b2b/organizations/"+oid+"/members/"+mid+"/connected_apps/"+app+"/revoke", nil, "", "")
	status, e = b2bCall(t, env, http.MethodPost, sessionsPath+"/exchange_access_token", map[string]any{"access_token": tok.AccessToken}, "", "")
	fails(t, status, e, 401, "invalid_access_token")

	// A session of the external identity provider.
	access, _, err := env.Server.IssueExternalIDPToken(emulator.ExternalIdentity{Email: "ada@acme.com"})
	require.NoError(t, err)
	mg := b2bOK(t, env, http.MethodPost, sessionsPath+"/migrate", map[string]any{"session_token": access, "organization_id": oid,
		"session_duration_minutes": 15}, "", "")
	assert.Equal(t, "active", mg["member"].(map[string]any)["status"])
	assert.Equal(t, "imported", mg["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)["type"])
	stranger, _, err := env.Server.IssueExternalIDPToken(emulator.ExternalIdentity{Email: "who@acme.com"})
	require.NoError(t, err)
	status, e = b2bCall(t, env, http.MethodPost, sessionsPath+"/migrate", map[string]any{"session_token": stranger, "organization_id": oid}, "", "")
	fails(t, status, e, 404, "member_not_found")
	status, e = b2bCall(t, env, http.MethodPost, sessionsPath+"/migrate", map[string]any{"session_token": "nope", "organization_id": oid}, "", "")
	fails(t, status, e, 401, "unable_to_auth_external_session")

	// A trusted auth token.
	profile := rsaProfile(t, env, true)
	jwtTok := trustedJWT(t, env, jwt.SigningMethodRS256, emutest.SharedKey(), "", jwt.MapClaims{"email": "new@acme.com", "jti": "tok-1"})
	at := b2bOK(t, env, http.MethodPost, sessionsPath+"/attest", map[string]any{"profile_id": profile, "token": jwtTok, "organization_id": oid}, "", "")
	assert.Equal(t, "new@acme.com", at["member"].(map[string]any)["email_address"], "the profile provisions Members just in time")
	af := at["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "tok-1", af["trusted_auth_token_factor"].(map[string]any)["token_id"])
	token, _ := sessionOf(at)
	jwt2 := trustedJWT(t, env, jwt.SigningMethodRS256, emutest.SharedKey(), "", jwt.MapClaims{"email": "new@acme.com", "jti": "tok-2"})
	at2 := b2bOK(t, env, http.MethodPost, sessionsPath+"/attest", map[string]any{"profile_id": profile, "token": jwt2, "session_token": token}, "", "")
	assert.Len(t, at2["member_session"].(map[string]any)["authentication_factors"], 2, "added to the named session")
	status, e = b2bCall(t, env, http.MethodPost, sessionsPath+"/attest", map[string]any{"profile_id": profile, "token": jwt2}, "", "")
	fails(t, status, e, 400, "bad_request")
}

func TestB2BSessionsJWKSNeedsNoCredentials(t *testing.T) {
	env := b2bEnv(t)
	req, err := http.NewRequest(http.MethodGet, env.URL+sessionsPath+"/jwks/"+env.Server.ProjectID(), nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer none") // keeps emutest from adding Basic auth
	res, err := env.HTTPClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	status, e := b2bCall(t, env, http.MethodGet, sessionsPath+"/jwks/project-test-other", nil, "", "")
	fails(t, status, e, 404, "project_not_found")
}
