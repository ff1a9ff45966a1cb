package httpapi_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// testPublicToken is the public token of an emulator with the default
// project id.
const testPublicToken = "public-token-test-00000000-0000-0000-0000-000000000000"

// TestBrowserStartURLsCheckThePublicToken: every browser start URL (OAuth,
// B2B OAuth and its discovery form, SSO) answers public_token_required
// without a public token and public_token_not_found with one that is not
// the project's, before anything else of the request is looked at.
func TestBrowserStartURLsCheckThePublicToken(t *testing.T) {
	env := emutest.New(t)
	assert.Equal(t, testPublicToken, env.Server.PublicToken(), "the default: the project id's suffix")
	starts := map[string]url.Values{
		"/v1/public/oauth/google/start":               {"login_redirect_url": {loginURL}},
		"/v1/b2b/public/oauth/google/start":           {"organization_id": {"organization-test-00000000-0000-0000-0000-000000000000"}},
		"/v1/b2b/public/oauth/google/discovery/start": {"discovery_redirect_url": {loginURL}},
		"/v1/public/sso/start":                        {"connection_id": {"saml-connection-test-00000000-0000-0000-0000-000000000000"}},
	}
	for path, q := range starts {
		for _, tc := range []struct {
			token   []string
			status  int
			errType string
		}{
			{nil, http.StatusBadRequest, "public_token_required"},
			{[]string{""}, http.StatusBadRequest, "public_token_required"},
			{[]string{"public-token-test-11111111-1111-1111-1111-111111111111"}, http.StatusNotFound, "public_token_not_found"},
			{[]string{testPublicToken + " "}, http.StatusNotFound, "public_token_not_found"},
		} {
			q := maps.Clone(q)
			if tc.token != nil {
				q["public_token"] = tc.token
			}
			res := rawCall(t, env, http.MethodGet, env.URL+path+"?"+q.Encode(), nil, false)
			assert.Equal(t, tc.status, res.StatusCode, "%s %v", path, tc.token)
			m := decodeBody(t, res)
			assert.Equal(t, tc.errType, m["error_type"], "%s %v", path, tc.token)
			assert.Empty(t, res.Header.Get("Location"), "no redirect on a refused start")
		}
	}
}

// TestConfiguredPublicToken: a configured public token replaces the
// default one, and the status endpoint of the control plane shows it.
func TestConfiguredPublicToken(t *testing.T) {
	const custom = "public-token-test-22222222-2222-2222-2222-222222222222"
	env := emutest.New(t, func(c *emulator.Config) { c.PublicToken = custom })
	assert.Equal(t, custom, env.Server.PublicToken())

	q := url.Values{"login_redirect_url": {loginURL}, "public_token": {testPublicToken}}
	res := rawCall(t, env, http.MethodGet, env.URL+"/v1/public/oauth/google/start?"+q.Encode(), nil, false)
	assert.Equal(t, http.StatusNotFound, res.StatusCode, "the default token is not this project's")
	assert.Equal(t, "public_token_not_found", decodeBody(t, res)["error_type"])

	oauthStart(t, env, env.URL, "google", url.Values{"login_redirect_url": {loginURL}, "public_token": {custom}})

	status, raw := env.Do(t, http.MethodGet, "/emulator/v1/status", nil)
	require.Equal(t, http.StatusOK, status, string(raw))
	var st struct {
		ProjectID   string `json:"project_id"`
		PublicToken string `json:"public_token"`
	}
	require.NoError(t, json.Unmarshal(raw, &st))
	assert.Equal(t, custom, st.PublicToken)
	assert.Equal(t, env.Server.ProjectID(), st.ProjectID)
}
