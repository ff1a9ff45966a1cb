package b2b

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
)

func TestOAuthStartURLs(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret, stytch.WithBaseURL("https://emu.example:8443/"))
	require.NoError(t, err)
	defer c.Close()

	u, err := c.OAuth.StartURL("google", &OAuthStartParams{PublicToken: "public-token-test-1", OrganizationSlug: "acme",
		LoginRedirectURL: "https://app.example.com/login", SignupRedirectURL: "https://app.example.com/signup",
		CustomScopes: []string{"a", "b"}, PKCECodeChallenge: "ch", ProviderParams: map[string]string{"login_hint": "ada@acme.com"}})
	require.NoError(t, err)
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, "https://emu.example:8443/v1/b2b/public/oauth/google/start", parsed.Scheme+"://"+parsed.Host+parsed.Path)
	assert.Equal(t, url.Values{"public_token": {"public-token-test-1"}, "slug": {"acme"},
		"login_redirect_url": {"https://app.example.com/login"}, "signup_redirect_url": {"https://app.example.com/signup"},
		"custom_scopes": {"a b"}, "pkce_code_challenge": {"ch"}, "provider_login_hint": {"ada@acme.com"}}, parsed.Query())

	u, err = c.OAuth.Discovery.StartURL("slack", &OAuthDiscoveryStartParams{PublicToken: "public-token-test-1",
		DiscoveryRedirectURL: "https://app.example.com/discover"})
	require.NoError(t, err)
	parsed, err = url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, "/v1/b2b/public/oauth/slack/discovery/start", parsed.Path)
	assert.Equal(t, url.Values{"public_token": {"public-token-test-1"}, "discovery_redirect_url": {"https://app.example.com/discover"}},
		parsed.Query())

	for _, tc := range []struct {
		provider string
		p        *OAuthStartParams
		field    string
	}{
		{"apple", &OAuthStartParams{PublicToken: "t", OrganizationID: "o"}, "provider"},
		{"google/../x", &OAuthStartParams{PublicToken: "t", OrganizationID: "o"}, "provider"},
		{"google", nil, "params"},
		{"google", &OAuthStartParams{OrganizationID: "o"}, "PublicToken"},
		{"google", &OAuthStartParams{PublicToken: "t"}, "OrganizationID"},
		{"google", &OAuthStartParams{PublicToken: "t", OrganizationID: "o", OrganizationSlug: "s"}, "OrganizationID"},
	} {
		_, err := c.OAuth.StartURL(tc.provider, tc.p)
		var ve *stytch.ValidationError
		require.ErrorAs(t, err, &ve, "%+v", tc)
		assert.Equal(t, tc.field, ve.Field)
	}
	_, err = c.OAuth.Discovery.StartURL("google", nil)
	var ve *stytch.ValidationError
	require.ErrorAs(t, err, &ve)
	_, err = c.OAuth.Discovery.StartURL("google", &OAuthDiscoveryStartParams{})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "PublicToken", ve.Field)
}
