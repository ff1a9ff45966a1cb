package stytch

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOAuthStartURL(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret)
	require.NoError(t, err)
	u, err := c.OAuth.StartURL("google", &OAuthStartParams{PublicToken: "public-token-test-1",
		LoginRedirectURL: "https://app.example.com/login", CustomScopes: []string{"a", "b"},
		ProviderParams: map[string]string{"login_hint": "ada@example.com"}})
	require.NoError(t, err)
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, "https://test.stytch.com/v1/public/oauth/google/start", parsed.Scheme+"://"+parsed.Host+parsed.Path)
	assert.Equal(t, url.Values{"public_token": {"public-token-test-1"}, "login_redirect_url": {"https://app.example.com/login"},
		"custom_scopes": {"a b"}, "provider_login_hint": {"ada@example.com"}}, parsed.Query())

	for _, tc := range []struct {
		provider string
		p        *OAuthStartParams
		field    string
	}{
		{"", &OAuthStartParams{PublicToken: "t"}, "provider"},
		{"Google/../x", &OAuthStartParams{PublicToken: "t"}, "provider"},
		{"google", nil, "params"},
		{"google", &OAuthStartParams{}, "PublicToken"},
	} {
		_, err := c.OAuth.StartURL(tc.provider, tc.p)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, tc.field, ve.Field)
	}
}

// TestOAuthStartThroughTheEmulator follows the start URL as a browser would:
// the emulator's fake identity provider sends it back to the login redirect
// URL with a token that OAuth.Authenticate accepts.
func TestOAuthStartThroughTheEmulator(t *testing.T) {
	c, env, _ := emuClient(t)
	u, err := c.OAuth.StartURL("github", &OAuthStartParams{PublicToken: env.Server.PublicToken(),
		LoginRedirectURL: "http://app.example/login", SignupRedirectURL: "http://app.example/signup"})
	require.NoError(t, err)
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := browser.Get(u)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	require.Equal(t, http.StatusFound, res.StatusCode)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "app.example", loc.Host)
	assert.Equal(t, "/signup", loc.Path, "a new user lands on the sign-up URL")
	assert.Equal(t, "oauth", loc.Query().Get("stytch_token_type"))

	auth, err := c.OAuth.Authenticate(context.Background(), &OAuthAuthenticateParams{Token: loc.Query().Get("token"),
		SessionDurationMinutes: new(int32(30))})
	require.NoError(t, err)
	assert.Equal(t, "GitHub", auth.ProviderType)
	require.NotNil(t, auth.UserSession)
	assert.Equal(t, auth.UserID, auth.UserSession.UserID)
}
