package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/control"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// rawCall sends a request without following redirects; auth adds the
// project's Basic credentials.
func rawCall(t *testing.T, env *emutest.Env, method, url string, body any, auth bool) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if auth {
		req.SetBasicAuth(env.Server.ProjectID(), env.Server.Secret())
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { _ = res.Body.Close() })
	return res
}

func decodeBody(t *testing.T, res *http.Response) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&m))
	return m
}

// impersonate mints an impersonation token through the control plane.
func impersonate(t *testing.T, env *emutest.Env, base, userID string) string {
	t.Helper()
	res := rawCall(t, env, http.MethodPost, base+control.ImpersonationPath,
		map[string]any{"user_id": userID, "impersonator_email": "support@example.com"}, true)
	m := decodeBody(t, res)
	require.Equal(t, http.StatusCreated, res.StatusCode, m)
	return m["impersonation_token"].(string)
}

func TestImpersonationAuthenticate(t *testing.T) {
	env := emutest.New(t)
	base := env.URL
	id := newUserID(t, env, "victim@example.com")
	tok := impersonate(t, env, base, id)
	assert.Len(t, tok, 44)

	status, m := env.DoJSON(t, http.MethodPost, "/v1/impersonation/authenticate", map[string]any{"impersonation_token": tok})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, id, m["user_id"])
	assert.NotEmpty(t, m["session_token"])
	assert.NotEmpty(t, m["session_jwt"])
	sess := m["session"].(map[string]any)
	f := sess["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "impersonated", f["type"])
	assert.Equal(t, "impersonation", f["delivery_method"])
	imp := f["impersonated_factor"].(map[string]any)
	assert.Equal(t, "support@example.com", imp["impersonator_email_address"])
	assert.Regexp(t, `^member-test-[0-9a-f-]{36}$`, imp["impersonator_id"])
	started, err := time.Parse(time.RFC3339, sess["started_at"].(string))
	require.NoError(t, err)
	expires, err := time.Parse(time.RFC3339, sess["expires_at"].(string))
	require.NoError(t, err)
	assert.Equal(t, time.Hour, expires.Sub(started).Round(time.Minute))

	// single use
	status, m = env.DoJSON(t, http.MethodPost, "/v1/impersonation/authenticate", map[string]any{"impersonation_token": tok})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_impersonation_token", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/impersonation/authenticate", map[string]any{"impersonation_token": "nope"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "impersonation_token_not_found", m["error_type"])
}

func TestImpersonationExpiryAndMintErrors(t *testing.T) {
	env := emutest.New(t)
	base := env.URL
	id := newUserID(t, env, "late@example.com")
	tok := impersonate(t, env, base, id)
	_, err := env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/impersonation/authenticate", map[string]any{"impersonation_token": tok})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_impersonation_token", m["error_type"])

	res := rawCall(t, env, http.MethodPost, base+control.ImpersonationPath,
		map[string]any{"user_id": id, "impersonator_email": "support@example.com"}, false)
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
	res = rawCall(t, env, http.MethodPost, base+control.ImpersonationPath,
		map[string]any{"user_id": "user-test-nobody", "impersonator_email": "support@example.com"}, true)
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Equal(t, "user_not_found", decodeBody(t, res)["error_type"])
	res = rawCall(t, env, http.MethodPost, base+control.ImpersonationPath, map[string]any{"user_id": id}, true)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	res = rawCall(t, env, http.MethodGet, base+control.ImpersonationPath, nil, true)
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
}
