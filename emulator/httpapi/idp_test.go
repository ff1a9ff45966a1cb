package httpapi_test

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

const appRedirect = "https://app.example/callback"

// authorizeBody is an authorize request for app and user; extra adds or
// (with nil) removes fields.
func authorizeBody(app map[string]any, userID string, scopes []string, extra map[string]any) map[string]any {
	b := map[string]any{"client_id": app["client_id"], "redirect_uri": appRedirect, "response_type": "code",
		"scopes": scopes, "user_id": userID}
	for k, v := range extra {
		if v == nil {
			delete(b, k) // nil drops a field
		} else {
			b[k] = v
		}
	}
	return b
}

// authorizeCode grants consent and returns the authorization code.
func authorizeCode(t *testing.T, env *emutest.Env, app map[string]any, userID string, scopes []string, extra map[string]any) string {
	t.Helper()
	body := authorizeBody(app, userID, scopes, extra)
	body["consent_granted"] = true
	status, m := env.DoJSON(t, http.MethodPost, "/v1/idp/oauth/authorize", body)
	require.Equal(t, http.StatusOK, status, m)
	return m["authorization_code"].(string)
}

// issueAppToken runs the authorization code flow for a confidential app over
// HTTP (authorize, then grant_type=authorization_code at the token endpoint)
// and returns the access token.
func issueAppToken(t *testing.T, env *emutest.Env, app map[string]any, userID string, scopes []string) *flows.AccessToken {
	t.Helper()
	code := authorizeCode(t, env, app, userID, scopes, nil)
	status, m := postForm(t, env, tokenPath(env), url.Values{"grant_type": {"authorization_code"},
		"client_id": {app["client_id"].(string)}, "client_secret": {app["client_secret"].(string)},
		"code": {code}, "redirect_uri": {appRedirect}})
	require.Equal(t, http.StatusOK, status, m)
	scope, _ := m["scope"].(string)
	return &flows.AccessToken{AccessToken: m["access_token"].(string), TokenType: m["token_type"].(string),
		ExpiresIn: int(m["expires_in"].(float64)), Scope: scope}
}

func TestIDPAuthorizationCodeGrantOverHTTP(t *testing.T) {
	env := emutest.New(t)
	app := createApp(t, env, map[string]any{"client_type": "first_party", "redirect_urls": []string{appRedirect}})
	userID, _ := otpSession(t, env, "grant@example.com")
	code := authorizeCode(t, env, app, userID, []string{"openid"}, nil)
	form := url.Values{"grant_type": {"authorization_code"}, "client_id": {app["client_id"].(string)},
		"client_secret": {app["client_secret"].(string)}, "code": {code}, "redirect_uri": {appRedirect}}
	status, m := postForm(t, env, tokenPath(env), form)
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, "bearer", m["token_type"])
	assert.NotEmpty(t, m["access_token"])

	status, m = postForm(t, env, tokenPath(env), form) // single use
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_grant", m["error"])

	form.Set("client_secret", "secret-test-wrong")
	status, m = postForm(t, env, tokenPath(env), form)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "invalid_client", m["error"])
}

// otpSession logs a user in by email OTP and returns the session token.
func otpSession(t *testing.T, env *emutest.Env, email string) (userID, token string) {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/otps/email/login_or_create", map[string]any{"email": email})
	require.Equal(t, http.StatusOK, status, m)
	msg := env.LastMessage(t, email)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID,
		"code": msg.Code, "session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, m)
	return m["user_id"].(string), m["session_token"].(string)
}

func TestIDPAuthorizeStart(t *testing.T) {
	env := emutest.New(t)
	first := createApp(t, env, map[string]any{"client_type": "first_party", "client_name": "Docs",
		"redirect_urls": []string{appRedirect}, "full_access_allowed": true})
	third := createApp(t, env, map[string]any{"client_type": "third_party", "client_name": "Partner",
		"redirect_urls": []string{appRedirect}})
	userID, session := otpSession(t, env, "ada@example.com")
	scopes := []string{"openid", "read:documents", "write:documents", "full_access"}

	status, m := env.DoJSON(t, http.MethodPost, "/v1/idp/oauth/authorize/start",
		authorizeBody(first, "", scopes, map[string]any{"user_id": nil, "session_token": session}))
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, userID, m["user_id"])
	assert.Equal(t, userID, m["user"].(map[string]any)["user_id"])
	assert.Equal(t, "Docs", m["client"].(map[string]any)["client_name"])
	assert.Equal(t, false, m["consent_required"], "first-party apps skip consent")
	grantable := map[string]bool{}
	for _, r := range m["scope_results"].([]any) {
		r := r.(map[string]any)
		grantable[r["scope"].(string)] = r["is_grantable"].(bool)
	}
	assert.Equal(t, map[string]bool{"openid": true, "read:documents": true, "write:documents": false, "full_access": true}, grantable,
		"stytch_user may read documents; write:documents is no policy scope")

	// third party: consent until granted, and again with prompt=consent
	start := func(extra map[string]any) map[string]any {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/idp/oauth/authorize/start", authorizeBody(third, userID, scopes, extra))
		require.Equal(t, http.StatusOK, status, m)
		return m
	}
	m = start(nil)
	assert.Equal(t, true, m["consent_required"])
	for _, r := range m["scope_results"].([]any) {
		if r.(map[string]any)["scope"] == "full_access" {
			assert.Equal(t, false, r.(map[string]any)["is_grantable"], "full_access is for first-party apps only")
		}
	}
	authorizeCode(t, env, third, userID, scopes, nil)
	assert.Equal(t, false, start(nil)["consent_required"], "the grant covers the scopes now")
	assert.Equal(t, true, start(map[string]any{"prompt": "consent"})["consent_required"])

	for _, tc := range []struct {
		body   map[string]any
		status int
		typ    string
	}{
		{authorizeBody(third, userID, scopes, map[string]any{"redirect_uri": "https://evil.example/cb"}), 400, "invalid_redirect_uri"},
		{authorizeBody(third, userID, scopes, map[string]any{"prompt": "none"}), 400, "invalid_prompt"},
		{authorizeBody(third, userID, scopes, map[string]any{"client_id": "connected-app-test-unknown"}), 404, "connected_app_not_found"},
		{authorizeBody(third, "user-test-00000000-0000-4000-8000-000000000000", scopes, nil), 404, "user_not_found"},
		{authorizeBody(third, "", scopes, map[string]any{"user_id": nil}), 400, "no_user_or_session"},
		{authorizeBody(third, "", scopes, map[string]any{"user_id": nil, "session_token": "nope"}), 404, "session_not_found"},
	} {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/idp/oauth/authorize/start", tc.body)
		assert.Equal(t, tc.status, status, tc.body)
		assert.Equal(t, tc.typ, m["error_type"], tc.body)
	}
}

func TestIDPAuthorizeCodeAndToken(t *testing.T) {
	env := emutest.New(t)
	app := createApp(t, env, map[string]any{"client_type": "third_party", "redirect_urls": []string{appRedirect},
		"access_token_expiry_minutes": 30})
	userID := createUserID(t, env, "grace@example.com")

	// declined: the redirect carries access_denied and the state, no code
	body := authorizeBody(app, userID, []string{"openid"}, map[string]any{"consent_granted": false, "state": "s-1"})
	status, m := env.DoJSON(t, http.MethodPost, "/v1/idp/oauth/authorize", body)
	require.Equal(t, http.StatusOK, status, m)
	assert.NotContains(t, m, "authorization_code")
	u, err := url.Parse(m["redirect_uri"].(string))
	require.NoError(t, err)
	assert.Equal(t, "access_denied", u.Query().Get("error"))
	assert.Equal(t, "s-1", u.Query().Get("state"))

	// granted: the code is in the redirect with the state
	body["consent_granted"], body["state"] = true, "s-2"
	body["scopes"] = []string{"openid", "read:documents", "write:documents"}
	status, m = env.DoJSON(t, http.MethodPost, "/v1/idp/oauth/authorize", body)
	require.Equal(t, http.StatusOK, status, m)
	code := m["authorization_code"].(string)
	u, err = url.Parse(m["redirect_uri"].(string))
	require.NoError(t, err)
	assert.Equal(t, "app.example", u.Host)
	assert.Equal(t, code, u.Query().Get("code"))
	assert.Equal(t, "s-2", u.Query().Get("state"))

	svc := flowsOf(env)
	ex := flows.CodeExchange{ProjectID: env.Server.ProjectID(), ClientID: app["client_id"].(string),
		ClientSecret: "secret-test-wrong", Code: code, RedirectURI: appRedirect}
	_, err = svc.ExchangeAuthorizationCode(ex)
	assert.ErrorIs(t, err, flows.ErrInvalidClient.New())
	ex.ClientSecret = app["client_secret"].(string)
	tok, err := svc.ExchangeAuthorizationCode(ex)
	require.NoError(t, err)
	assert.Equal(t, "bearer", tok.TokenType)
	assert.Equal(t, 30*60, tok.ExpiresIn)
	assert.Equal(t, "openid read:documents", tok.Scope, "only grantable scopes are granted")
	_, err = svc.ExchangeAuthorizationCode(ex)
	assert.ErrorIs(t, err, flows.ErrInvalidGrant.New(), "codes are single use")

	claims := verifyWithJWKS(t, env, tok.AccessToken, jwt.WithIssuer("stytch.com/"+env.Server.ProjectID()),
		jwt.WithAudience(env.Server.ProjectID()))
	assert.Equal(t, userID, claims["sub"])
	assert.Equal(t, app["client_id"], claims["client_id"])
	assert.Equal(t, "openid read:documents", claims["scope"])
	assert.NotEmpty(t, claims["jti"])

	// an expired code
	code = authorizeCode(t, env, app, userID, []string{"openid"}, nil)
	env.Server.Advance(flows.AuthCodeLifetime + time.Second)
	ex.Code = code
	_, err = svc.ExchangeAuthorizationCode(ex)
	assert.ErrorIs(t, err, flows.ErrInvalidGrant.New())
}

func TestIDPPublicClientPKCE(t *testing.T) {
	env := emutest.New(t)
	app := createApp(t, env, map[string]any{"client_type": "first_party_public", "redirect_urls": []string{appRedirect}})
	userID := createUserID(t, env, "pkce@example.com")
	body := authorizeBody(app, userID, []string{"openid"}, map[string]any{"consent_granted": true})
	status, m := env.DoJSON(t, http.MethodPost, "/v1/idp/oauth/authorize", body)
	assert.Equal(t, http.StatusBadRequest, status, "public clients must use PKCE")
	assert.Equal(t, "missing_code_challenge", m["error_type"])

	verifier := "a-long-random-code-verifier-0123456789-abcdefghij"
	sum := sha256.Sum256([]byte(verifier))
	code := authorizeCode(t, env, app, userID, []string{"openid"},
		map[string]any{"code_challenge": base64.RawURLEncoding.EncodeToString(sum[:])})
	svc := flowsOf(env)
	ex := flows.CodeExchange{ProjectID: env.Server.ProjectID(), ClientID: app["client_id"].(string), Code: code,
		RedirectURI: appRedirect, CodeVerifier: "wrong-verifier"}
	_, err := svc.ExchangeAuthorizationCode(ex)
	assert.ErrorIs(t, err, flows.ErrInvalidGrant.New(), "a wrong verifier burns the code")

	code = authorizeCode(t, env, app, userID, []string{"openid"},
		map[string]any{"code_challenge": base64.RawURLEncoding.EncodeToString(sum[:])})
	ex.Code, ex.CodeVerifier = code, verifier
	tok, err := svc.ExchangeAuthorizationCode(ex)
	require.NoError(t, err)
	assert.NotEmpty(t, tok.AccessToken)
}

func TestIDPIntrospectAndRevoke(t *testing.T) {
	env := emutest.New(t)
	app := createApp(t, env, map[string]any{"client_type": "third_party", "client_name": "Partner",
		"redirect_urls": []string{appRedirect}, "logo_url": "https://app.example/logo.png"})
	other := createApp(t, env, map[string]any{"client_type": "third_party", "redirect_urls": []string{appRedirect}})
	userID := createUserID(t, env, "intro@example.com")
	tok := issueAppToken(t, env, app, userID, []string{"openid", "read:documents"})
	id, secret := app["client_id"].(string), app["client_secret"].(string)

	// Users.ConnectedApps lists the grant
	status, m := env.DoJSON(t, http.MethodGet, "/v1/users/"+userID+"/connected_apps", nil)
	require.Equal(t, http.StatusOK, status, m)
	require.Len(t, m["connected_apps"], 1)
	ca := m["connected_apps"].([]any)[0].(map[string]any)
	assert.Equal(t, id, ca["connected_app_id"])
	assert.Equal(t, "Partner", ca["name"])
	assert.Equal(t, "third_party", ca["client_type"])
	assert.Equal(t, "openid read:documents", ca["scopes_granted"])

	svc := flowsOf(env)
	check := func(clientID, clientSecret string) (*flows.Introspection, error) {
		return svc.IntrospectToken(flows.IntrospectRequest{ProjectID: env.Server.ProjectID(), Token: tok.AccessToken,
			ClientID: clientID, ClientSecret: clientSecret})
	}
	res, err := check(id, secret)
	require.NoError(t, err)
	assert.True(t, res.Active)
	assert.Equal(t, userID, res.Claims["sub"])
	res, err = check(other["client_id"].(string), other["client_secret"].(string))
	require.NoError(t, err)
	assert.False(t, res.Active, "another client's token is not active for this client")
	_, err = check(id, "secret-test-wrong")
	var fe *flows.Error
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "invalid_client", fe.Type)

	t.Run("http", func(t *testing.T) {
		status, m := introspect(t, env, id, secret, tok.AccessToken)
		require.Equal(t, http.StatusOK, status, m)
		assert.Equal(t, true, m["active"])
		assert.Equal(t, userID, m["sub"])
		assert.Equal(t, id, m["client_id"])
		assert.Equal(t, "openid read:documents", m["scope"])
		assert.Equal(t, "stytch.com/"+env.Server.ProjectID(), m["iss"])
		assert.Equal(t, []any{env.Server.ProjectID()}, m["aud"])
		status, m = introspect(t, env, id, "secret-test-wrong", tok.AccessToken)
		assert.Equal(t, http.StatusUnauthorized, status)
		assert.Equal(t, "invalid_client", m["error"])
		status, m = introspect(t, env, id, secret, "garbage")
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, false, m["active"])
	})

	// Users.Revoke makes the token inactive and empties the list
	status, r := env.DoJSON(t, http.MethodPost, "/v1/users/"+userID+"/connected_apps/"+id+"/revoke", nil)
	require.Equal(t, http.StatusOK, status, r)
	res, err = check(id, secret)
	require.NoError(t, err)
	assert.False(t, res.Active, "revoked")
	status, m = env.DoJSON(t, http.MethodGet, "/v1/users/"+userID+"/connected_apps", nil)
	require.Equal(t, http.StatusOK, status, m)
	assert.Empty(t, m["connected_apps"])
	status, r = env.DoJSON(t, http.MethodPost, "/v1/users/"+userID+"/connected_apps/connected-app-test-nope/revoke", nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "connected_app_not_found", r["error_type"])

	// expiry on the emulator clock
	tok = issueAppToken(t, env, app, userID, []string{"openid"})
	res, err = check(id, secret)
	require.NoError(t, err)
	assert.True(t, res.Active)
	env.Server.Advance(time.Hour + time.Second)
	res, err = check(id, secret)
	require.NoError(t, err)
	assert.False(t, res.Active, "expired")
}

func TestIDPExchangeAccessTokenForSession(t *testing.T) {
	env := emutest.New(t)
	app := createApp(t, env, map[string]any{"client_type": "first_party", "redirect_urls": []string{appRedirect},
		"full_access_allowed": true})
	userID := createUserID(t, env, "full@example.com")
	svc := flowsOf(env)

	limited := issueAppToken(t, env, app, userID, []string{"openid"})
	_, err := svc.ExchangeAccessToken(limited.AccessToken, flows.SessionRequest{})
	assert.ErrorIs(t, err, flows.ErrMissingFullAccessScope.New())

	full := issueAppToken(t, env, app, userID, []string{"openid", "full_access"})
	out, err := svc.ExchangeAccessToken(full.AccessToken, flows.SessionRequest{})
	require.NoError(t, err)
	require.NotNil(t, out.Session)
	assert.Equal(t, userID, out.User.ID)
	assert.Equal(t, 60*time.Minute, out.Session.ExpiresAt.Sub(out.Session.StartedAt), "60 minutes by default")
	require.Len(t, out.Session.Factors, 1)
	assert.Equal(t, "oauth_access_token_exchange", out.Session.Factors[0].DeliveryMethod)
	assert.Equal(t, app["client_id"], out.Session.Factors[0].Detail["client_id"])

	status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": out.SessionToken})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, userID, m["user"].(map[string]any)["user_id"])

	_, err = svc.ExchangeAccessToken("not-a-jwt", flows.SessionRequest{})
	assert.ErrorIs(t, err, flows.ErrInvalidAccessToken.New())
}
