package emulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// control sends a control-plane request and decodes the JSON answer.
func control(t *testing.T, env *emutest.Env, method, path string, body any) (int, map[string]any) {
	t.Helper()
	return env.DoJSON(t, method, "/emulator/v1"+path, body)
}

func TestControlMessagesResetClock(t *testing.T) {
	env := emutest.New(t)
	env.DoJSON(t, http.MethodPost, "/v1/otps/sms/login_or_create", map[string]any{"phone_number": "+12025550133"})
	env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "c@example.com"})

	status, m := control(t, env, http.MethodGet, "/messages", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, m["messages"], 2)
	status, m = control(t, env, http.MethodGet, "/messages?to=C@example.com", nil)
	require.Equal(t, http.StatusOK, status)
	msgs := m["messages"].([]any)
	require.Len(t, msgs, 1)
	first := msgs[0].(map[string]any)
	assert.Equal(t, "magic_link", first["kind"])
	assert.NotEmpty(t, first["token"])
	assert.NotEmpty(t, first["link"])

	before := env.Server.Now()
	status, m = control(t, env, http.MethodPost, "/clock", map[string]any{"advance": "90m"})
	require.Equal(t, http.StatusOK, status, m)
	now, err := time.Parse(time.RFC3339Nano, m["now"].(string))
	require.NoError(t, err)
	assert.WithinDuration(t, before.Add(90*time.Minute), now, 5*time.Second)
	status, _ = control(t, env, http.MethodPost, "/clock", map[string]any{"advance": "-1m"})
	assert.Equal(t, http.StatusBadRequest, status)

	status, _ = control(t, env, http.MethodPost, "/reset", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, env.Server.Messages(""))
	_, s := env.DoJSON(t, http.MethodPost, "/v1/users/search", map[string]any{})
	assert.Empty(t, s["results"])

	req, err := http.NewRequest(http.MethodGet, env.URL+"/emulator/v1/messages", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req) // no credentials
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
}

func TestControlFaults(t *testing.T) {
	env := emutest.New(t)
	status, _ := control(t, env, http.MethodPost, "/faults", map[string]any{"path": "/v1/users/*", "count": 2, "status": 503, "retry_after": "2"})
	require.Equal(t, http.StatusCreated, status)
	for range 2 {
		req, _ := http.NewRequest(http.MethodGet, env.URL+"/v1/users/user-test-x", nil)
		res, err := env.HTTPClient.Do(req)
		require.NoError(t, err)
		var body map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
		res.Body.Close()
		assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode)
		assert.Equal(t, "2", res.Header.Get("Retry-After"))
		assert.Equal(t, "service_unavailable", body["error_type"])
		assert.EqualValues(t, 503, body["status_code"])
	}
	status, _ = env.DoJSON(t, http.MethodGet, "/v1/users/user-test-x", nil)
	assert.Equal(t, http.StatusNotFound, status, "the fault is used up")

	// a raw proxy page, then a delay-only fault that lets the request through
	require.NoError(t, env.Server.InjectFault(emulator.Fault{Path: "/v1/debug/whoami", Status: 502, Body: "<html>bad gateway</html>"}))
	res, err := http.Get(env.URL + "/v1/debug/whoami")
	require.NoError(t, err)
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusBadGateway, res.StatusCode)
	assert.True(t, bytes.HasPrefix(raw, []byte("<html>")))

	status, _ = control(t, env, http.MethodPost, "/faults", map[string]any{"path": "/v1/debug/whoami", "delay": "50ms"})
	require.Equal(t, http.StatusCreated, status)
	start := time.Now()
	status, _ = env.DoJSON(t, http.MethodGet, "/v1/debug/whoami", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)

	require.NoError(t, env.Server.InjectFault(emulator.Fault{Path: "/v1/debug/whoami", CloseConnection: true}))
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}} // no retry on a reused connection
	_, err = fresh.Get(env.URL + "/v1/debug/whoami")
	assert.Error(t, err, "the connection is dropped")

	for _, bad := range []map[string]any{{"path": "v1/x", "status": 500}, {"path": "/v1/x"}, {"path": "/v1/x", "status": 42}, {"nope": 1}} {
		status, _ = control(t, env, http.MethodPost, "/faults", bad)
		assert.Equal(t, http.StatusBadRequest, status, bad)
	}
	require.NoError(t, env.Server.InjectFault(emulator.Fault{Path: "/v1/x", Status: 500}))
	status, m := control(t, env, http.MethodDelete, "/faults", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, m["faults"])
	assert.Empty(t, env.Server.PendingFaults())
}

// TestMessagesToWithUnencodedPlus: "+" in a query string decodes to a
// space; the outbox reads it back as the "+" the caller meant.
func TestMessagesToWithUnencodedPlus(t *testing.T) {
	env := emutest.New(t)
	env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "ada+1@example.com"})
	env.DoJSON(t, http.MethodPost, "/v1/otps/sms/login_or_create", map[string]any{"phone_number": "+12025550134"})
	for _, q := range []string{"ada+1@example.com", "ada%2B1@example.com", "+12025550134", "%2B12025550134"} {
		status, m := control(t, env, http.MethodGet, "/messages?to="+q, nil)
		require.Equal(t, http.StatusOK, status)
		assert.Len(t, m["messages"], 1, q)
	}
}

// TestRedirectURLConfigures the links of emails sent without a URL.
func TestRedirectURLConfigures(t *testing.T) {
	env := emutest.New(t, func(c *emulator.Config) { c.RedirectURL = "https://app.example.com/auth?from=email" })
	env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "link@example.com"})
	msg := env.LastMessage(t, "link@example.com")
	assert.Regexp(t, `^https://app\.example\.com/auth\?from=email&stytch_token_type=magic_links&token=`, msg.Link)
	env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "link@example.com",
		"login_magic_link_url": "https://other.example.com/x"})
	msg = env.LastMessage(t, "link@example.com")
	assert.Regexp(t, `^https://other\.example\.com/x\?`, msg.Link, "a URL in the request wins")
}

// TestOutboxSizeBoundsMessages: the oldest messages go first.
func TestOutboxSizeBoundsMessages(t *testing.T) {
	env := emutest.New(t, func(c *emulator.Config) { c.OutboxSize = 2 })
	for _, e := range []string{"o1@example.com", "o2@example.com", "o3@example.com"} {
		env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": e})
	}
	msgs := env.Server.Messages("")
	require.Len(t, msgs, 2)
	assert.Equal(t, "o2@example.com", msgs[0].To)
	assert.Empty(t, env.Server.Messages("o1@example.com"))
}
