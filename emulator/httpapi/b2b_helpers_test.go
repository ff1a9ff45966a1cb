package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// b2bCall sends a JSON request with optional member session headers
// (X-Stytch-Member-Session when token is set, X-Stytch-Member-SessionJWT
// when jwt is) through the spec-validating client and decodes the answer.
func b2bCall(t *testing.T, env *emutest.Env, method, path string, body any, token, jwt string) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, env.URL+path, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("X-Stytch-Member-Session", token)
	}
	if jwt != "" {
		req.Header.Set("X-Stytch-Member-SessionJWT", jwt)
	}
	res, err := env.HTTPClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), "%s", raw)
	return res.StatusCode, m
}

// b2bOK is b2bCall requiring a 2xx answer; it returns the body.
func b2bOK(t *testing.T, env *emutest.Env, method, path string, body any, token, jwt string) map[string]any {
	t.Helper()
	status, m := b2bCall(t, env, method, path, body, token, jwt)
	return ok(t, status, m)
}

// ok requires a 2xx answer and returns its body.
func ok(t *testing.T, status int, m map[string]any) map[string]any {
	t.Helper()
	require.True(t, status >= 200 && status < 300, "status %d: %v", status, m)
	return m
}

// fails requires an error answer of this status and type.
func fails(t *testing.T, status int, m map[string]any, wantStatus int, wantType string) {
	t.Helper()
	require.Equal(t, wantStatus, status, m)
	require.Equal(t, wantType, m["error_type"], m)
}

// newOrg creates an Organization and returns it.
func newOrg(t *testing.T, env *emutest.Env, body map[string]any) map[string]any {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations", body)
	return ok(t, status, m)["organization"].(map[string]any)
}

// newMember creates a Member of an Organization and returns it.
func newMember(t *testing.T, env *emutest.Env, orgID string, body map[string]any) map[string]any {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/b2b/organizations/"+orgID+"/members", body)
	return ok(t, status, m)["member"].(map[string]any)
}

// memberLogin logs an existing Member in by email magic link (through the
// outbox) and returns the authenticate answer.
func memberLogin(t *testing.T, env *emutest.Env, orgID, email string) map[string]any {
	t.Helper()
	b2bOK(t, env, http.MethodPost, "/v1/b2b/magic_links/email/login_or_signup",
		map[string]any{"organization_id": orgID, "email_address": email}, "", "")
	tok := env.LastMessage(t, email).Token
	return b2bOK(t, env, http.MethodPost, "/v1/b2b/magic_links/authenticate",
		map[string]any{"magic_links_token": tok}, "", "")
}

// sessionOf returns the session token and JWT of an authenticate answer.
func sessionOf(m map[string]any) (token, jwt string) {
	return m["session_token"].(string), m["session_jwt"].(string)
}

// newConnectedApp creates a first-party Connected App and returns its id.
func newConnectedApp(t *testing.T, env *emutest.Env) string {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/connected_apps/clients", map[string]any{"client_name": "Dashboard",
		"client_description": "The first-party dashboard", "client_type": "first_party", "full_access_allowed": true,
		"redirect_urls": []string{"https://app.example.com/callback"}})
	return ok(t, status, m)["connected_app"].(map[string]any)["client_id"].(string)
}

// grantMemberApp makes a Connected App and has the Member grant it scopes
// (through the token issuance the B2B IdP flow uses); it returns the app id.
func grantMemberApp(t *testing.T, env *emutest.Env, memberID string, scopes []string) string {
	t.Helper()
	app := newConnectedApp(t, env)
	_, err := flowsOf(env).IssueMemberAccessToken(memberID, app, scopes)
	require.NoError(t, err)
	return app
}

// b2bEpoch is the clock of b2bEnv, which stands still unless advanced.
var b2bEpoch = time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)

// b2bEnv starts an emulator whose clock stands still unless advanced,
// so that durations and orders are exact.
func b2bEnv(t *testing.T) *emutest.Env {
	t.Helper()
	return emutest.New(t, func(c *emulator.Config) { c.Clock = func() time.Time { return b2bEpoch } })
}

// tick moves the emulator clock one second forward.
func tick(t *testing.T, env *emutest.Env) {
	t.Helper()
	_, err := env.Server.Advance(time.Second)
	require.NoError(t, err)
}
