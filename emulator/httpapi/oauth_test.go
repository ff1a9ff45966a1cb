package httpapi_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/gen"
)

const (
	loginURL  = "https://app.example.com/login"
	signupURL = "https://app.example.com/signup?from=oauth"
)

// oauthStart follows the emulated IdP's start URL and returns the redirect
// target it answered with.
func oauthStart(t *testing.T, env *emutest.Env, base, provider string, q url.Values) *url.URL {
	t.Helper()
	if !q.Has("public_token") {
		q.Set("public_token", testPublicToken)
	}
	res := rawCall(t, env, http.MethodGet, base+"/v1/public/oauth/"+provider+"/start?"+q.Encode(), nil, false)
	require.Equal(t, http.StatusFound, res.StatusCode, "%v", res.Header)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "oauth", loc.Query().Get("stytch_token_type"))
	assert.Len(t, loc.Query().Get("token"), 44)
	return loc
}

func oauthAuth(t *testing.T, env *emutest.Env, body map[string]any) (int, map[string]any) {
	t.Helper()
	return env.DoJSON(t, http.MethodPost, "/v1/oauth/authenticate", body)
}

func TestOAuthSignupThenLogin(t *testing.T) {
	env := emutest.New(t)
	base := env.URL
	q := url.Values{"login_redirect_url": {loginURL}, "signup_redirect_url": {signupURL}, "test_identity": {"New.User@example.com"}}
	loc := oauthStart(t, env, base, "google", q)
	assert.Equal(t, "/signup", loc.Path)
	assert.Equal(t, "oauth", loc.Query().Get("from"), "the redirect URL keeps its own query")
	tok := loc.Query().Get("token")

	status, m := oauthAuth(t, env, map[string]any{"token": tok, "session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, "Google", m["provider_type"])
	assert.Regexp(t, `^1\d{20}$`, m["provider_subject"])
	regID := m["oauth_user_registration_id"].(string)
	assert.Regexp(t, `^oauth-user-registration-test-`, regID)
	assert.Nil(t, m["session"], "the session is named user_session")
	pv := m["provider_values"].(map[string]any)
	assert.NotEmpty(t, pv["access_token"])
	assert.Contains(t, pv["scopes"], "openid")
	user := m["user"].(map[string]any)
	email := user["emails"].([]any)[0].(map[string]any)
	assert.Equal(t, "new.user@example.com", email["email"])
	assert.Equal(t, true, email["verified"])
	f := m["user_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "oauth", f["type"])
	assert.Equal(t, "oauth_google", f["delivery_method"])
	assert.Equal(t, map[string]any{"id": regID, "provider_subject": m["provider_subject"], "email_id": email["email_id"]},
		f["google_oauth_factor"])

	// single use; unknown tokens are 400 oauth_token_not_found
	status, m = oauthAuth(t, env, map[string]any{"token": tok})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_oauth_token", m["error_type"])
	status, m = oauthAuth(t, env, map[string]any{"token": "59cnLELtq5cFVS6uYK9f-pAWzBkhqZl8AvLhbhOvKNWw"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "oauth_token_not_found", m["error_type"])

	// the same identity logs in to the same user and registration
	loc = oauthStart(t, env, base, "google", q)
	assert.Equal(t, "/login", loc.Path)
	res := emutest.Call[gen.OAuthAuthenticateResponse](t, env, "POST", "/v1/oauth/authenticate", gen.OAuthAuthenticateRequest{Token: loc.Query().Get("token")})
	require.NotNil(t, res.JSON200, string(res.Body))
	assert.Equal(t, user["user_id"], res.JSON200.UserID)
	assert.Equal(t, regID, res.JSON200.OAuthUserRegistrationID)
	assert.Len(t, res.JSON200.User.Providers, 1)
	assert.Nil(t, res.JSON200.UserSession)
}

func TestOAuthLinksExistingEmailAndExpires(t *testing.T) {
	env := emutest.New(t)
	base := env.URL
	id := newUserID(t, env, "known@example.com")
	loc := oauthStart(t, env, base, "microsoft", url.Values{"login_redirect_url": {loginURL}, "test_identity": {"known@example.com"}})
	assert.Equal(t, "/login", loc.Path)
	status, m := oauthAuth(t, env, map[string]any{"token": loc.Query().Get("token")})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, id, m["user_id"])
	assert.Equal(t, "Microsoft", m["provider_type"])

	loc = oauthStart(t, env, base, "microsoft", url.Values{"signup_redirect_url": {signupURL}, "test_identity": {"known@example.com"}})
	assert.Equal(t, "/signup", loc.Path, "falls back to the only redirect URL given")
	_, err := env.Server.Advance(11 * time.Minute)
	require.NoError(t, err)
	status, m = oauthAuth(t, env, map[string]any{"token": loc.Query().Get("token")})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_oauth_token", m["error_type"])
}

func TestOAuthPKCE(t *testing.T) {
	env := emutest.New(t)
	base := env.URL
	verifier := "a-very-long-code-verifier-of-at-least-forty-three-characters-0123"
	sum := sha256.Sum256([]byte(verifier))
	challenge := base64.RawURLEncoding.EncodeToString(sum[:])
	loc := oauthStart(t, env, base, "github", url.Values{"login_redirect_url": {loginURL}, "code_challenge": {challenge},
		"test_identity": {"octocat"}})
	tok := loc.Query().Get("token")

	status, m := oauthAuth(t, env, map[string]any{"token": tok})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "pkce_expected_code_verifier", m["error_type"])
	status, m = oauthAuth(t, env, map[string]any{"token": tok, "code_verifier": verifier + "x"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "pkce_mismatch", m["error_type"])
	status, m = oauthAuth(t, env, map[string]any{"token": tok, "code_verifier": verifier})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, "octocat", m["provider_subject"])
	assert.Equal(t, "GitHub", m["provider_type"])
	assert.Empty(t, m["user"].(map[string]any)["emails"])
}

func TestOAuthAttach(t *testing.T) {
	env := emutest.New(t)
	base := env.URL
	id := newUserID(t, env, "attach@example.com")
	res := emutest.Call[gen.OAuthAttachResponse](t, env, "POST", "/v1/oauth/attach", gen.OAuthAttachRequest{Provider: "gitlab", UserID: &id})
	require.NotNil(t, res.JSON200, string(res.Body))
	attach := res.JSON200.OAuthAttachToken

	loc := oauthStart(t, env, base, "gitlab", url.Values{"login_redirect_url": {loginURL}, "signup_redirect_url": {signupURL},
		"oauth_attach_token": {attach}, "test_identity": {"other-address@example.com"}})
	assert.Equal(t, "/login", loc.Path)
	status, m := oauthAuth(t, env, map[string]any{"token": loc.Query().Get("token"), "session_duration_minutes": 5})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, id, m["user_id"])
	f := m["user_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "oauth_gitlab", f["delivery_method"])
	assert.NotNil(t, f["git_lab_oauth_factor"])

	// attach tokens are single use
	r := rawCall(t, env, http.MethodGet, base+"/v1/public/oauth/gitlab/start?"+url.Values{"public_token": {testPublicToken},
		"login_redirect_url": {loginURL}, "oauth_attach_token": {attach}}.Encode(), nil, false)
	assert.Equal(t, http.StatusBadRequest, r.StatusCode)
	assert.Equal(t, "invalid_oauth_attach_token", decodeBody(t, r)["error_type"])

	status, m = env.DoJSON(t, http.MethodPost, "/v1/oauth/attach", map[string]any{"provider": "google"})
	assert.Equal(t, http.StatusBadRequest, status, m)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/oauth/attach", map[string]any{"provider": "myspace", "user_id": id})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "oauth_provider_not_supported", m["error_type"])
}

func TestOAuthStartErrors(t *testing.T) {
	env := emutest.New(t)
	base := env.URL
	for name, tc := range map[string]struct {
		path string
		q    url.Values
		want string
	}{
		"unknown provider": {"myspace", url.Values{"public_token": {testPublicToken}, "login_redirect_url": {loginURL}}, "bad_request"},
		"no public token":  {"google", url.Values{"login_redirect_url": {loginURL}}, "public_token_required"},
		"no redirect":      {"google", url.Values{"public_token": {testPublicToken}}, "invalid_redirect_url"},
		"bad redirect":     {"google", url.Values{"public_token": {testPublicToken}, "login_redirect_url": {"javascript:alert(1)"}}, "invalid_redirect_url"},
		"bad email":        {"google", url.Values{"public_token": {testPublicToken}, "login_redirect_url": {loginURL}, "test_identity": {"a@"}}, "invalid_email"},
	} {
		t.Run(name, func(t *testing.T) {
			r := rawCall(t, env, http.MethodGet, base+"/v1/public/oauth/"+tc.path+"/start?"+tc.q.Encode(), nil, false)
			assert.Equal(t, http.StatusBadRequest, r.StatusCode)
			assert.Equal(t, tc.want, decodeBody(t, r)["error_type"], "a Stytch error object, not an OAuth2 one")
		})
	}
}
