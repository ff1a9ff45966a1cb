package httpapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// TestAllowedRedirectURLs: with a list of redirect URLs, every flow that
// takes one refuses a URL not on it with Stytch's error type for that URL,
// and accepts one on it whatever its query string; without a list (every
// other test) any URL passes.
func TestAllowedRedirectURLs(t *testing.T) {
	const good = "https://app.example.com/authenticate"
	env := emutest.New(t, func(c *emulator.Config) {
		c.AllowedRedirectURLs = []string{good, "http://localhost:3000/authenticate"}
	})
	const bad = "https://evil.example.com/authenticate"
	post := func(path string, body map[string]any) (int, map[string]any) {
		t.Helper()
		return env.DoJSON(t, http.MethodPost, path, body)
	}
	for name, tc := range map[string]struct {
		path    string
		body    map[string]any
		errType string
	}{
		"magic link login":  {"/v1/magic_links/email/login_or_create", map[string]any{"email": "ada@example.com", "login_magic_link_url": bad}, "invalid_login_magic_link_url"},
		"magic link signup": {"/v1/magic_links/email/login_or_create", map[string]any{"email": "ada@example.com", "signup_magic_link_url": bad}, "invalid_signup_magic_link_url"},
		"magic link invite": {"/v1/magic_links/email/invite", map[string]any{"email": "bob@example.com", "invite_magic_link_url": bad}, "invalid_invite_magic_link_url"},
		"password reset": {"/v1/passwords/email/reset/start", map[string]any{"email": "ada@example.com", "reset_password_redirect_url": bad},
			"invalid_password_reset_redirect_url"},
		"B2B discovery": {"/v1/b2b/magic_links/email/discovery/send", map[string]any{"email_address": "ada@acme.com", "discovery_redirect_url": bad},
			"invalid_discovery_redirect_url"},
	} {
		status, m := post(tc.path, tc.body)
		assert.Equal(t, http.StatusBadRequest, status, "%s: %v", name, m)
		assert.Equal(t, tc.errType, m["error_type"], name)
		assert.Contains(t, m["error_message"], bad, name)
	}
	assert.Empty(t, env.Server.Messages(""), "nothing was sent")

	// On the list, with a query string of its own or another case: accepted.
	status, m := post("/v1/magic_links/email/login_or_create", map[string]any{"email": "ada@example.com",
		"login_magic_link_url": good + "?next=/billing", "signup_magic_link_url": "HTTPS://APP.example.com/authenticate"})
	require.Equal(t, http.StatusOK, status, m)
	link, err := url.Parse(env.LastMessage(t, "ada@example.com").Link)
	require.NoError(t, err)
	assert.Equal(t, "app.example.com", strings.ToLower(link.Host), "a new user gets the sign-up URL")

	// The browser start URLs.
	q := url.Values{"public_token": {testPublicToken}, "login_redirect_url": {bad}}
	res := rawCall(t, env, http.MethodGet, env.URL+"/v1/public/oauth/google/start?"+q.Encode(), nil, false)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	assert.Equal(t, "invalid_login_oauth_url", decodeBody(t, res)["error_type"])
	q.Set("login_redirect_url", good)
	oauthStart(t, env, env.URL, "google", q)

	org := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})
	status, m = b2bCall(t, env, http.MethodPost, "/v1/b2b/magic_links/email/invite", map[string]any{
		"organization_id": org["organization_id"], "email_address": "ada@acme.com", "invite_redirect_url": bad}, "", "")
	fails(t, status, m, 400, "invalid_invite_redirect_url")
	status, m = b2bCall(t, env, http.MethodPost, "/v1/b2b/magic_links/email/login_or_signup", map[string]any{
		"organization_id": org["organization_id"], "email_address": "ada@acme.com", "signup_redirect_url": bad}, "", "")
	fails(t, status, m, 400, "invalid_signup_redirect_url")
}

// TestAllowedRedirectURLsMustBeURLs: a list entry that is not an absolute
// http(s) URL stops the emulator from starting.
func TestAllowedRedirectURLsMustBeURLs(t *testing.T) {
	_, err := emulator.Open(emulator.Config{AllowedRedirectURLs: []string{"localhost:3000/authenticate"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AllowedRedirectURLs")
	assert.Contains(t, err.Error(), "localhost:3000/authenticate")
}

// TestRedirectURLsByType: an entry TYPE=URL allows the URL for that type
// of redirect only, as Stytch's lists per type do.
func TestRedirectURLsByType(t *testing.T) {
	const invite, login = "https://app.example.com/invite", "https://app.example.com/login"
	env := emutest.New(t, func(c *emulator.Config) {
		c.AllowedRedirectURLs = []string{"invite=" + invite, "login=" + login, "signup=" + login}
	})
	status, m := env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/invite", map[string]any{"email": "bob@example.com",
		"invite_magic_link_url": invite})
	require.Equal(t, http.StatusOK, status, m)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "ada@example.com",
		"login_magic_link_url": invite})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_login_magic_link_url", m["error_type"])
	assert.Contains(t, m["error_message"], "login redirect URLs")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "ada@example.com",
		"login_magic_link_url": login, "signup_magic_link_url": login})
	require.Equal(t, http.StatusOK, status, m)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/passwords/email/reset/start", map[string]any{"email": "ada@example.com",
		"reset_password_redirect_url": login})
	assert.Equal(t, "invalid_password_reset_redirect_url", m["error_type"], "%d", status)

	_, err := emulator.Open(emulator.Config{AllowedRedirectURLs: []string{"logout=" + login}})
	require.Error(t, err, "logout is no type of redirect URL")
}
