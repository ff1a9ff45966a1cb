package httpapi_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/stytch"
)

// m2mToken asks the token endpoint for a client_credentials token.
func m2mToken(t *testing.T, env *emutest.Env, id, secret, scope string) (int, map[string]any) {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	if scope != "" {
		form.Set("scope", scope)
	}
	return postForm(t, env, tokenPath(env), form)
}

func TestM2MClientLifecycle(t *testing.T) {
	env := emutest.New(t)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"client_name": "billing",
		"client_description": "nightly job", "scopes": []string{"read:users", "write:users"},
		"trusted_metadata": map[string]any{"team": "ops", "tier": 1}})
	require.Equal(t, http.StatusCreated, status, m)
	c := m["m2m_client"].(map[string]any)
	id, secret := c["client_id"].(string), c["client_secret"].(string)
	assert.Regexp(t, `^m2m-client-test-[0-9a-f-]{36}$`, id)
	assert.Regexp(t, `^secret-test-[A-Za-z0-9_-]{36}$`, secret)
	assert.Equal(t, secret[len(secret)-4:], c["client_secret_last_four"])
	assert.Equal(t, "active", c["status"])
	assert.EqualValues(t, 201, m["status_code"])

	status, g := env.DoJSON(t, http.MethodGet, "/v1/m2m/clients/"+id, nil)
	require.Equal(t, http.StatusOK, status, g)
	gc := g["m2m_client"].(map[string]any)
	assert.NotContains(t, gc, "client_secret", "the secret is shown only on create")
	assert.Equal(t, []any{"read:users", "write:users"}, gc["scopes"])
	assert.Equal(t, map[string]any{"team": "ops", "tier": float64(1)}, gc["trusted_metadata"])

	status, u := env.DoJSON(t, http.MethodPut, "/v1/m2m/clients/"+id, map[string]any{"client_name": "billing-v2",
		"scopes": []string{"read:users"}, "trusted_metadata": map[string]any{"team": nil, "region": "eu"}})
	require.Equal(t, http.StatusOK, status, u)
	uc := u["m2m_client"].(map[string]any)
	assert.Equal(t, "billing-v2", uc["client_name"])
	assert.Equal(t, "nightly job", uc["client_description"], "unset fields keep their value")
	assert.Equal(t, []any{"read:users"}, uc["scopes"])
	assert.Equal(t, map[string]any{"tier": float64(1), "region": "eu"}, uc["trusted_metadata"])

	status, d := env.DoJSON(t, http.MethodDelete, "/v1/m2m/clients/"+id, nil)
	require.Equal(t, http.StatusOK, status, d)
	assert.Equal(t, id, d["client_id"])
	status, g = env.DoJSON(t, http.MethodGet, "/v1/m2m/clients/"+id, nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "m2m_client_not_found", g["error_type"])
	status, _ = m2mToken(t, env, id, secret, "")
	assert.Equal(t, http.StatusUnauthorized, status, "a deleted client gets no tokens")
}

func TestM2MCreateValidation(t *testing.T) {
	env := emutest.New(t)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"scopes": []string{"read users"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_scopes", m["error_type"])

	status, m = env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"scopes": []string{"read:x"},
		"client_id": "legacy-client", "client_secret": "my-own-long-secret"})
	require.Equal(t, http.StatusCreated, status, m)
	assert.Equal(t, "legacy-client", m["m2m_client"].(map[string]any)["client_id"])
	status, tok := m2mToken(t, env, "legacy-client", "my-own-long-secret", "")
	assert.Equal(t, http.StatusOK, status, tok)

	status, m = env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"scopes": []string{}, "client_id": "legacy-client"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "duplicate_client_id", m["error_type"])

	status, m = env.DoJSON(t, http.MethodPut, "/v1/m2m/clients/legacy-client", map[string]any{"status": "paused"})
	assert.Equal(t, http.StatusBadRequest, status, "the spec enum refuses unknown statuses")
	assert.NotEmpty(t, m["error_type"])
}

func TestM2MSearchPaging(t *testing.T) {
	env := emutest.New(t)
	ids := make([]string, 0, 5)
	for i := range 5 {
		scopes := []string{"read:users"}
		if i%2 == 0 {
			scopes = append(scopes, "write:orders")
		}
		status, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{
			"client_name": fmt.Sprintf("job-%d", i), "scopes": scopes})
		require.Equal(t, http.StatusCreated, status, m)
		ids = append(ids, m["m2m_client"].(map[string]any)["client_id"].(string))
		env.Server.Advance(time.Second) // a stable creation order
	}

	var seen []string
	cursor := ""
	for page := 0; ; page++ {
		body := map[string]any{"limit": 2}
		if cursor != "" {
			body["cursor"] = cursor
		}
		status, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients/search", body)
		require.Equal(t, http.StatusOK, status, m)
		meta := m["results_metadata"].(map[string]any)
		assert.EqualValues(t, 5, meta["total"])
		for _, c := range m["m2m_clients"].([]any) {
			seen = append(seen, c.(map[string]any)["client_id"].(string))
		}
		if meta["next_cursor"] == nil {
			assert.Equal(t, 2, page, "5 clients in pages of 2")
			break
		}
		cursor = meta["next_cursor"].(string)
	}
	assert.Equal(t, ids, seen, "every client once, oldest first")

	query := func(op string, operands ...map[string]any) []any {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients/search", map[string]any{
			"query": map[string]any{"operator": op, "operands": operands}})
		require.Equal(t, http.StatusOK, status, m)
		return m["m2m_clients"].([]any)
	}
	assert.Len(t, query("AND", map[string]any{"filter_name": "scopes", "filter_value": []string{"write:orders"}}), 3)
	assert.Len(t, query("AND",
		map[string]any{"filter_name": "scopes", "filter_value": []string{"write:orders"}},
		map[string]any{"filter_name": "client_name", "filter_value": []string{"job-2", "job-3"}}), 1)
	assert.Len(t, query("OR",
		map[string]any{"filter_name": "client_id", "filter_value": []string{ids[1]}},
		map[string]any{"filter_name": "client_name", "filter_value": []string{"job-3"}}), 2)

	status, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients/search", map[string]any{
		"query": map[string]any{"operator": "AND", "operands": []any{map[string]any{"filter_name": "color", "filter_value": []string{"x"}}}}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_search_filter", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/m2m/clients/search", map[string]any{"cursor": "not-a-cursor"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_cursor", m["error_type"])
}

func TestM2MSecretRotationAndTokens(t *testing.T) {
	env := emutest.New(t)
	_, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"scopes": []string{"read:users", "write:users"}})
	c := m["m2m_client"].(map[string]any)
	id, oldSecret := c["client_id"].(string), c["client_secret"].(string)
	rot := "/v1/m2m/clients/" + id + "/secrets/rotate"

	status, r := env.DoJSON(t, http.MethodPost, rot+"/cancel", nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "no_secret_rotation_in_progress", r["error_type"])

	// start: both secrets work
	status, r = env.DoJSON(t, http.MethodPost, rot+"/start", nil)
	require.Equal(t, http.StatusOK, status, r)
	rc := r["m2m_client"].(map[string]any)
	next := rc["next_client_secret"].(string)
	assert.NotEqual(t, oldSecret, next)
	assert.Equal(t, next[len(next)-4:], rc["next_client_secret_last_four"])
	status, r = env.DoJSON(t, http.MethodPost, rot+"/start", nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "secret_rotation_in_progress", r["error_type"])
	for _, s := range []string{oldSecret, next} {
		status, tok := m2mToken(t, env, id, s, "")
		assert.Equal(t, http.StatusOK, status, tok)
	}

	// cancel: the next secret stops working
	status, r = env.DoJSON(t, http.MethodPost, rot+"/cancel", nil)
	require.Equal(t, http.StatusOK, status, r)
	assert.NotContains(t, r["m2m_client"], "next_client_secret_last_four")
	status, tok := m2mToken(t, env, id, next, "")
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "invalid_client", tok["error"])

	// start again and complete: only the new secret works
	_, r = env.DoJSON(t, http.MethodPost, rot+"/start", nil)
	next = r["m2m_client"].(map[string]any)["next_client_secret"].(string)
	status, r = env.DoJSON(t, http.MethodPost, rot, nil)
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, next[len(next)-4:], r["m2m_client"].(map[string]any)["client_secret_last_four"])
	status, tok = m2mToken(t, env, id, oldSecret, "")
	assert.Equal(t, http.StatusUnauthorized, status, "the old secret stops working after complete")
	assert.Equal(t, "invalid_client", tok["error"])

	status, tok = m2mToken(t, env, id, next, "read:users")
	require.Equal(t, http.StatusOK, status, tok)
	assert.Equal(t, "bearer", tok["token_type"])
	assert.EqualValues(t, 3600, tok["expires_in"])
	assert.EqualValues(t, 200, tok["status_code"])
	assert.Regexp(t, `^request-id-test-`, tok["request_id"])
	claims := verifyWithJWKS(t, env, tok["access_token"].(string),
		jwt.WithIssuer("stytch.com/"+env.Server.ProjectID()), jwt.WithAudience(env.Server.ProjectID()))
	assert.Equal(t, id, claims["sub"])
	assert.Equal(t, "read:users", claims["scope"])
	assert.EqualValues(t, 3600, claims["exp"].(float64)-claims["iat"].(float64))

	status, tok = m2mToken(t, env, id, next, "")
	require.Equal(t, http.StatusOK, status, tok)
	assert.Equal(t, "read:users write:users", verifyWithJWKS(t, env, tok["access_token"].(string))["scope"],
		"no scope asks for every scope of the client")

	env.Server.Advance(time.Hour + time.Second)
	_, err := jwt.Parse(tok["access_token"].(string), func(*jwt.Token) (any, error) { return &emutest.SharedKey().PublicKey, nil },
		jwt.WithTimeFunc(env.Server.Now))
	assert.ErrorIs(t, err, jwt.ErrTokenExpired, "tokens live one hour")
}

func TestM2MTokenErrors(t *testing.T) {
	env := emutest.New(t)
	_, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"scopes": []string{"read:users"}})
	c := m["m2m_client"].(map[string]any)
	id, secret := c["client_id"].(string), c["client_secret"].(string)

	for _, tc := range []struct {
		name       string
		id, secret string
		scope      string
		status     int
		oauthErr   string
	}{
		{"bad secret", id, "secret-test-wrong", "", http.StatusUnauthorized, "invalid_client"},
		{"unknown client", "m2m-client-test-00000000-0000-4000-8000-000000000000", secret, "", http.StatusUnauthorized, "invalid_client"},
		{"scope not held", id, secret, "read:users write:users", http.StatusBadRequest, "invalid_scope"},
	} {
		status, body := m2mToken(t, env, tc.id, tc.secret, tc.scope)
		assert.Equal(t, tc.status, status, tc.name)
		assert.Equal(t, tc.oauthErr, body["error"], tc.name)
		assert.NotEmpty(t, body["error_description"], tc.name)
		assert.NotContains(t, body["error_description"], secret, "secrets never appear in errors")
	}

	status, u := env.DoJSON(t, http.MethodPut, "/v1/m2m/clients/"+id, map[string]any{"status": "inactive"})
	require.Equal(t, http.StatusOK, status, u)
	status, body := m2mToken(t, env, id, secret, "")
	assert.Equal(t, http.StatusUnauthorized, status, "an inactive client cannot get tokens")
	assert.Equal(t, "invalid_client", body["error"])

	status, body = postForm(t, env, "/v1/public/project-test-other/oauth2/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}})
	assert.Equal(t, http.StatusUnauthorized, status, "another project's path")
	assert.Equal(t, "invalid_client", body["error"])

	status, body = postForm(t, env, tokenPath(env), url.Values{"grant_type": {"password"}, "client_id": {id}, "client_secret": {secret}})
	assert.Equal(t, http.StatusBadRequest, status, "grant types the endpoint does not know")
	assert.Equal(t, "unsupported_grant_type", body["error"], "RFC 6749 section 5.2")

	status, body = postForm(t, env, tokenPath(env), url.Values{"grant_type": {"client_credentials"}, "client_secret": {secret}})
	assert.Equal(t, http.StatusUnauthorized, status, "no client_id and no HTTP Basic: no client authentication")
	assert.Equal(t, "invalid_client", body["error"], "RFC 6749 section 5.2")

	status, body = postForm(t, env, tokenPath(env), url.Values{"client_id": {id}, "client_secret": {secret}})
	assert.Equal(t, http.StatusBadRequest, status, "a missing parameter")
	assert.Equal(t, "invalid_request", body["error"], "RFC 6749 section 5.2")
	assert.Contains(t, body["error_description"], "grant_type")
}

func TestAppsStateSurvivesStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	withFile := func(c *emulator.Config) { c.StateFile = path }
	env := emutest.New(t, withFile)
	_, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"scopes": []string{"read:users"}})
	c := m["m2m_client"].(map[string]any)
	app := createApp(t, env, map[string]any{"client_type": "third_party", "redirect_urls": []string{appRedirect}})
	userID := createUserID(t, env, "state@example.com")
	tok := issueAppToken(t, env, app, userID, []string{"openid"})
	status, r := env.DoJSON(t, http.MethodPost, "/v1/rules/set", map[string]any{"action": "BLOCK", "asn": "AS64500"})
	require.Equal(t, http.StatusOK, status, r)
	require.NoError(t, env.Server.SaveState())

	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), c["client_secret"], "client secrets are stored hashed")

	env2 := emutest.New(t, withFile)
	status, body := m2mToken(t, env2, c["client_id"].(string), c["client_secret"].(string), "")
	assert.Equal(t, http.StatusOK, status, body)
	res, err := flowsOf(env2).IntrospectToken(flows.IntrospectRequest{ProjectID: env2.Server.ProjectID(),
		ClientID: app["client_id"].(string), ClientSecret: app["client_secret"].(string), Token: tok.AccessToken})
	require.NoError(t, err)
	assert.True(t, res.Active, "issued tokens survive a restart")
	status, r = env2.DoJSON(t, http.MethodPost, "/v1/rules/list", map[string]any{})
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, "64500", r["rules"].([]any)[0].(map[string]any)["asn"])
}

// TestM2MWithSDK runs the M2M flow with this repository's client: create a
// client, get a token, verify it locally against the emulator's JWKS with
// the emulator clock, and see a missing scope refused.
func TestM2MWithSDK(t *testing.T) {
	env := emutest.New(t)
	c, err := stytch.NewClient(env.Server.ProjectID(), env.Server.Secret(), stytch.WithBaseURL(env.URL),
		stytch.WithHTTPClient(env.HTTPClient), stytch.WithClock(env.Server.Now), stytch.WithoutRetries())
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	ctx := context.Background()

	created, err := c.M2M.Clients.Create(ctx, &stytch.M2MClientsCreateParams{Scopes: []string{"read:users", "write:users"}})
	require.NoError(t, err)
	mc := created.M2MClient

	tok, err := c.M2M.Token(ctx, mc.ClientID, mc.ClientSecret, []string{"read:users"})
	require.NoError(t, err)
	res, err := c.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"read:users"})
	require.NoError(t, err)
	assert.Equal(t, mc.ClientID, res.ClientID)
	assert.Equal(t, []string{"read:users"}, res.Scopes)
	assert.Equal(t, time.Hour, res.ExpiresAt.Sub(res.IssuedAt))

	_, err = c.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"write:users"})
	assert.True(t, errors.Is(err, stytch.ErrMissingScope), "%v", err)

	_, err = c.M2M.Token(ctx, mc.ClientID, "secret-test-wrong", nil)
	var oe *stytch.OAuth2Error
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "invalid_client", oe.Code)
}
