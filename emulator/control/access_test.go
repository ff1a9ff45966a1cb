package control_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// send makes a request to the emulator of env without credentials, editing
// it first, and returns the status, headers and body.
func send(t *testing.T, env *emutest.Env, method, path string, edit func(*http.Request)) (int, http.Header, []byte) {
	t.Helper()
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader("{}")
	}
	req, err := http.NewRequest(method, env.URL+path, body)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if edit != nil {
		edit(req)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, res.Header, raw
}

func errorType(t *testing.T, raw []byte) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), string(raw))
	s, _ := m["error_type"].(string)
	return s
}

func sendMagicLink(t *testing.T, env *emutest.Env, to string) {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": to})
	require.Equal(t, http.StatusOK, status, m)
}

func TestUIOnLoopbackNeedsNoLogin(t *testing.T) {
	env := emutest.New(t)
	sendMagicLink(t, env, "ada@example.com")

	status, h, raw := send(t, env, http.MethodGet, "/emulator/ui/", nil)
	require.Equal(t, http.StatusOK, status, string(raw))
	assert.Contains(t, h.Get("Content-Type"), "text/html")
	assert.Contains(t, string(raw), "<title>Stytch emulator</title>")
	assert.Contains(t, h.Get("Content-Security-Policy"), "frame-ancestors 'none'")
	assert.Equal(t, "DENY", h.Get("X-Frame-Options"))
	for _, asset := range []string{"app.js", "app.css", "favicon.svg"} {
		status, _, raw := send(t, env, http.MethodGet, "/emulator/ui/"+asset, nil)
		assert.Equal(t, http.StatusOK, status, asset)
		assert.NotEmpty(t, raw, asset)
	}

	status, _, raw = send(t, env, http.MethodGet, "/emulator/ui/api/messages", nil)
	require.Equal(t, http.StatusOK, status, string(raw))
	var out struct {
		Messages []struct{ To, Token, Subject, Status string }
	}
	require.NoError(t, json.Unmarshal(raw, &out))
	require.Len(t, out.Messages, 1)
	assert.Equal(t, "ada@example.com", out.Messages[0].To)
	assert.NotEmpty(t, out.Messages[0].Token)

	for _, short := range []string{"/emulator", "/emulator/", "/emulator/ui"} {
		status, h, _ = send(t, env, http.MethodGet, short, nil)
		assert.Equal(t, 3, status/100, "%s redirects", short)
		assert.Equal(t, "/emulator/ui/", h.Get("Location"), short)
	}
	status, _, _ = send(t, env, http.MethodPost, "/emulator/ui/", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, status)
}

// A page of another site whose name resolves to 127.0.0.1 (DNS rebinding)
// reaches the emulator over loopback with its own name as Host.
func TestUIRefusesAForeignHost(t *testing.T) {
	env := emutest.New(t)
	_, port, err := net.SplitHostPort(strings.TrimPrefix(env.URL, "http://"))
	require.NoError(t, err)
	for host, ok := range map[string]bool{
		"localhost:" + port:             true,
		"LOCALHOST":                     true,
		"app.localhost:" + port:         true,
		"127.0.0.1:" + port:             true,
		"127.5.6.7":                     true,
		"[::1]:" + port:                 true,
		"evil.example:" + port:          false,
		"localhost.evil.example":        false,
		"127.0.0.1.nip.io:" + port:      false,
		"192.0.2.10:" + port:            false,
		"example.com:" + port + "@evil": false,
	} {
		for _, path := range []string{"/emulator/ui/", "/emulator/ui/api/messages"} {
			status, _, raw := send(t, env, http.MethodGet, path, func(r *http.Request) { r.Host = host })
			if ok {
				assert.Equal(t, http.StatusOK, status, "%s %s", host, path)
				continue
			}
			if assert.Equal(t, http.StatusForbidden, status, "%s %s", host, path) {
				assert.Equal(t, "host_not_allowed", errorType(t, raw))
			}
		}
	}
	// The project's credentials are enough whatever the Host: a browser
	// never sends them to another site's name.
	status, _, _ := send(t, env, http.MethodGet, "/emulator/ui/api/status", func(r *http.Request) {
		r.Host = "emulator.internal:" + port
		r.SetBasicAuth(env.Server.ProjectID(), env.Server.Secret())
	})
	assert.Equal(t, http.StatusOK, status)
}

func TestStateChangesAreSameOriginOnly(t *testing.T) {
	env := emutest.New(t)
	sendMagicLink(t, env, "ada@example.com")
	basic := func(r *http.Request) { r.SetBasicAuth(env.Server.ProjectID(), env.Server.Secret()) }
	for name, edit := range map[string]func(*http.Request){
		"Origin of another site": func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") },
		"another port":           func(r *http.Request) { r.Header.Set("Origin", "http://127.0.0.1:1") },
		"Sec-Fetch-Site":         func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
		"with remembered credentials": func(r *http.Request) {
			basic(r)
			r.Header.Set("Origin", "http://evil.example")
		},
	} {
		for _, path := range []string{"/emulator/ui/api/reset", "/emulator/v1/reset"} {
			t.Run(name+" "+path, func(t *testing.T) {
				status, _, raw := send(t, env, http.MethodPost, path, func(r *http.Request) {
					if strings.HasPrefix(path, "/emulator/v1") {
						basic(r)
					}
					edit(r)
				})
				if strings.HasPrefix(path, "/emulator/v1") || name != "with remembered credentials" {
					require.Equal(t, http.StatusForbidden, status, string(raw))
					assert.Equal(t, "cross_origin_request", errorType(t, raw))
				}
				assert.Len(t, env.Server.Messages(""), 1, "nothing was reset")
			})
		}
	}

	// A cross-origin GET is harmless (the browser keeps the answer from the
	// page) and a same-origin POST goes through.
	status, _, _ := send(t, env, http.MethodGet, "/emulator/ui/api/messages", func(r *http.Request) {
		r.Header.Set("Origin", "http://evil.example")
	})
	assert.Equal(t, http.StatusOK, status)
	status, _, raw := send(t, env, http.MethodPost, "/emulator/ui/api/reset", func(r *http.Request) {
		r.Header.Set("Origin", env.URL)
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	})
	require.Equal(t, http.StatusOK, status, string(raw))
	assert.Empty(t, env.Server.Messages(""))
}

// Away from loopback (the connection's local address is not a loopback
// one) the UI wants the project's credentials, and says so with a Basic
// challenge so that a browser prompts for them.
func TestUIAwayFromLoopbackNeedsCredentials(t *testing.T) {
	env := emutest.New(t)
	serve := func(path string, edit func(*http.Request)) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "http://192.0.2.10:4455"+path, nil)
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey,
			&net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 4455}))
		if edit != nil {
			edit(req)
		}
		rec := httptest.NewRecorder()
		env.Server.ServeHTTP(rec, req)
		return rec
	}
	for _, path := range []string{"/emulator/ui/", "/emulator/ui/api/messages"} {
		rec := serve(path, nil)
		assert.Equal(t, http.StatusUnauthorized, rec.Code, path)
		assert.True(t, strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), `Basic realm="`), rec.Header())
		rec = serve(path, func(r *http.Request) { r.Host = "localhost:4455" })
		assert.Equal(t, http.StatusUnauthorized, rec.Code, "a loopback Host does not make a remote connection local")
		rec = serve(path, func(r *http.Request) { r.SetBasicAuth(env.Server.ProjectID(), env.Server.Secret()) })
		assert.Equal(t, http.StatusOK, rec.Code, path)
		rec = serve(path, func(r *http.Request) { r.SetBasicAuth(env.Server.ProjectID(), "secret-test-wrong") })
		assert.Equal(t, http.StatusUnauthorized, rec.Code, path)
	}
	// A handler called without a connection is not on loopback either.
	rec := httptest.NewRecorder()
	env.Server.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/emulator/ui/", nil))
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
}

func TestControlPlaneChallengesAndRoutes(t *testing.T) {
	env := emutest.New(t)
	basic := func(r *http.Request) { r.SetBasicAuth(env.Server.ProjectID(), env.Server.Secret()) }

	status, h, raw := send(t, env, http.MethodGet, "/emulator/v1/messages", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, `Basic realm="Stytch emulator", charset="UTF-8"`, h.Get("WWW-Authenticate"))
	assert.Equal(t, "unauthorized_credentials", errorType(t, raw))

	status, _, _ = send(t, env, http.MethodGet, "/emulator/v1/nope", nil)
	assert.Equal(t, http.StatusUnauthorized, status, "no credentials, no route map")
	status, _, raw = send(t, env, http.MethodGet, "/emulator/v1/nope", basic)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "route_not_found", errorType(t, raw))
	status, _, raw = send(t, env, http.MethodGet, "/emulator/ui/api/nope", nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "route_not_found", errorType(t, raw))

	status, h, raw = send(t, env, http.MethodPut, "/emulator/v1/faults", basic)
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assert.Equal(t, "DELETE, GET, POST", h.Get("Allow"))
	assert.Equal(t, "method_not_allowed", errorType(t, raw))
	status, _, _ = send(t, env, http.MethodPut, "/emulator/v1/faults", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	status, _, _ = send(t, env, http.MethodGet, "/emulator/v1/sessions/session-test-x/revoke", basic)
	assert.Equal(t, http.StatusMethodNotAllowed, status)

	// The external provider's UserInfo is public: its own Bearer token guards it.
	status, h, _ = send(t, env, http.MethodGet, "/emulator/v1/external_idp/userinfo", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Contains(t, h.Get("WWW-Authenticate"), "Bearer")
	status, _, _ = send(t, env, http.MethodPost, "/emulator/v1/external_idp/userinfo", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, status)

	// Every answer carries the request id the server gave the request.
	status, _, raw = send(t, env, http.MethodGet, "/emulator/v1/nope", basic)
	require.Equal(t, http.StatusNotFound, status)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	assert.Regexp(t, `^request-id-test-`, m["request_id"])

	// The OAuth start URL stays on the API side, public.
	q := url.Values{"public_token": {"public-token-test-00000000-0000-0000-0000-000000000000"}, "login_redirect_url": {"http://localhost:3000/cb"}}
	status, h, _ = send(t, env, http.MethodGet, "/v1/public/oauth/google/start?"+q.Encode(), nil)
	assert.Equal(t, http.StatusFound, status)
	assert.Contains(t, h.Get("Location"), "stytch_token_type=oauth")
}
