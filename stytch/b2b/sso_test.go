package b2b

import (
	"errors"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
)

func TestSSOStartURL(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret)
	require.NoError(t, err)
	defer c.Close()
	u, err := c.SSO.StartURL(&SSOStartParams{ConnectionID: "saml-connection-test-1", PublicToken: "public-token-test-1",
		LoginRedirectURL: "https://app.example.com/login", PKCECodeChallenge: "abc"})
	require.NoError(t, err)
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	assert.Equal(t, "https://test.stytch.com/v1/public/sso/start", parsed.Scheme+"://"+parsed.Host+parsed.Path)
	assert.Equal(t, url.Values{"connection_id": {"saml-connection-test-1"}, "public_token": {"public-token-test-1"},
		"login_redirect_url": {"https://app.example.com/login"}, "pkce_code_challenge": {"abc"}}, parsed.Query())

	u, err = c.SSO.StartURL(&SSOStartParams{OrganizationID: "acme", PublicToken: "public-token-test-1"})
	require.NoError(t, err)
	parsed, _ = url.Parse(u)
	assert.Equal(t, "acme", parsed.Query().Get("organization_id"))

	for _, tc := range []struct {
		p     *SSOStartParams
		field string
	}{
		{nil, "params"},
		{&SSOStartParams{ConnectionID: "x"}, "PublicToken"},
		{&SSOStartParams{PublicToken: "t"}, "ConnectionID"},
		{&SSOStartParams{PublicToken: "t", ConnectionID: "x", OrganizationID: "y"}, "OrganizationID"},
	} {
		_, err := c.SSO.StartURL(tc.p)
		var ve *stytch.ValidationError
		require.True(t, errors.As(err, &ve), "%v", err)
		assert.Equal(t, tc.field, ve.Field)
	}
}
