package mcpserver

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
)

// signingKey is shared by every test emulator: RSA key generation is the
// slowest part of emulator.New, and -race makes it slower.
var signingKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })

// newEmulator returns a fresh emulator with the shared signing key.
func newEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	key, err := signingKey()
	require.NoError(t, err)
	return emulator.New(emulator.Config{SigningKey: key})
}

// emuEnv is an MCP client session on a server whose stytch client talks to
// an in-process emulator.
type emuEnv struct {
	emu *emulator.Server
	url string
	cs  *mcp.ClientSession
}

func newEmuEnv(t *testing.T) *emuEnv {
	t.Helper()
	emu := newEmulator(t)
	ts := httptest.NewServer(emu)
	t.Cleanup(func() { ts.Close(); _ = emu.Close() })
	cfg, err := ConfigFromEnv(env(EnvProjectID, emu.ProjectID(), EnvSecret, emu.Secret(), EnvBaseURL, ts.URL))
	require.NoError(t, err)
	s, err := New(mustClient(t, cfg), nil)
	require.NoError(t, err)
	return &emuEnv{emu: emu, url: ts.URL, cs: connect(t, s)}
}

// ok calls a tool that must succeed and returns its JSON object.
func (e *emuEnv) ok(t *testing.T, tool string, args map[string]any) map[string]any {
	t.Helper()
	res, text := call(t, e.cs, tool, args)
	require.False(t, res.IsError, "%s failed: %s", tool, text)
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(text), &m), text)
	require.NotNil(t, res.StructuredContent, tool)
	return m
}

// fail calls a tool that must fail and returns its error body.
func (e *emuEnv) fail(t *testing.T, tool string, args map[string]any) ToolError {
	t.Helper()
	res, text := call(t, e.cs, tool, args)
	return toolError(t, res, text)
}

func TestEmulatorUsersLifecycle(t *testing.T) {
	e := newEmuEnv(t)
	created := e.ok(t, "stytch_user_create", map[string]any{
		"email": "ada@example.com", "phone_number": "+12025550123",
		"name": map[string]any{"first_name": "Ada", "last_name": "Lovelace"}})
	id := created["user_id"].(string)
	assert.Regexp(t, `^user-test-`, id)

	got := e.ok(t, "stytch_user_get", map[string]any{"user_id": id})
	assert.Equal(t, "Ada", got["name"].(map[string]any)["first_name"])

	e.ok(t, "stytch_user_update", map[string]any{"user_id": id,
		"name": map[string]any{"first_name": "Augusta"}, "untrusted_metadata": map[string]any{"plan": "pro"}})
	got = e.ok(t, "stytch_user_get", map[string]any{"user_id": id})
	assert.Equal(t, "Augusta", got["name"].(map[string]any)["first_name"])
	assert.Equal(t, "pro", got["untrusted_metadata"].(map[string]any)["plan"])

	found := e.ok(t, "stytch_user_search", map[string]any{"limit": 10, "query": map[string]any{
		"operator": "AND", "operands": []any{map[string]any{"filter_name": "email_address", "filter_value": []any{"ada@example.com"}}}}})
	require.Len(t, found["results"], 1)
	assert.Equal(t, id, found["results"].([]any)[0].(map[string]any)["user_id"])

	dup := e.fail(t, "stytch_user_create", map[string]any{"email": "ada@example.com"})
	assert.Equal(t, "duplicate_email", dup.ErrorType)
	assert.Contains(t, dup.Hint, "stytch_user_search")

	e.ok(t, "stytch_user_delete", map[string]any{"user_id": id})
	gone := e.fail(t, "stytch_user_get", map[string]any{"user_id": id})
	assert.Equal(t, "user_not_found", gone.ErrorType)
	assert.Equal(t, 404, gone.StatusCode)
	assert.NotEmpty(t, gone.RequestID)
}

func TestEmulatorMagicLinkLoginAndSessions(t *testing.T) {
	e := newEmuEnv(t)
	// Unknown address: send refuses and points at login_or_create.
	miss := e.fail(t, "stytch_magic_link_email_send", map[string]any{"email": "new@example.com"})
	assert.Contains(t, []string{"user_not_found", "email_not_found"}, miss.ErrorType)
	assert.Contains(t, miss.Hint, "stytch_magic_link_email_login_or_create")

	sent := e.ok(t, "stytch_magic_link_email_login_or_create", map[string]any{
		"email": "new@example.com", "login_magic_link_url": "https://app.example.com/auth"})
	assert.Equal(t, true, sent["user_created"])
	userID := sent["user_id"].(string)

	msg, ok := e.emu.LastMessage("new@example.com")
	require.True(t, ok, "the emulator's outbox holds the email")
	require.NotEmpty(t, msg.Token)
	authn := e.ok(t, "stytch_magic_link_authenticate", map[string]any{"token": msg.Token, "session_duration_minutes": 60})
	assert.Equal(t, userID, authn["user_id"])
	token := authn["session_token"].(string)
	require.NotEmpty(t, token)
	require.NotEmpty(t, authn["session_jwt"])

	reused := e.fail(t, "stytch_magic_link_authenticate", map[string]any{"token": msg.Token})
	assert.Equal(t, "unable_to_auth_magic_link", reused.ErrorType)
	assert.NotContains(t, reused.Message, msg.Token)

	// A known user can now get a plain login link.
	e.ok(t, "stytch_magic_link_email_send", map[string]any{"email": "new@example.com"})
	second, _ := e.emu.LastMessage("new@example.com")
	assert.NotEqual(t, msg.Token, second.Token)

	s := e.ok(t, "stytch_session_authenticate", map[string]any{"session_token": token})
	sessionID := s["session"].(map[string]any)["session_id"].(string)
	list := e.ok(t, "stytch_session_get", map[string]any{"user_id": userID})
	require.Len(t, list["sessions"], 1)
	assert.Equal(t, sessionID, list["sessions"].([]any)[0].(map[string]any)["session_id"])

	e.ok(t, "stytch_session_revoke", map[string]any{"session_id": sessionID})
	revoked := e.fail(t, "stytch_session_authenticate", map[string]any{"session_token": token})
	assert.Equal(t, "session_not_found", revoked.ErrorType)
	assert.NotContains(t, revoked.Message+revoked.Hint, token)
}

func TestEmulatorOTPsByEveryChannel(t *testing.T) {
	e := newEmuEnv(t)
	e.ok(t, "stytch_user_create", map[string]any{"email": "otp@example.com", "phone_number": "+12025550188"})
	for _, c := range []struct{ tool, field, to, idKey string }{
		{"stytch_otp_sms_send", "phone_number", "+12025550188", "phone_id"},
		{"stytch_otp_whatsapp_send", "phone_number", "+12025550188", "phone_id"},
		{"stytch_otp_email_send", "email", "otp@example.com", "email_id"},
	} {
		sent := e.ok(t, c.tool, map[string]any{c.field: c.to})
		methodID := sent[c.idKey].(string)
		msg, ok := e.emu.LastMessage(c.to)
		require.True(t, ok, c.tool)
		require.Regexp(t, `^[0-9]{6}$`, msg.Code)

		wrong := "000001"
		if msg.Code == wrong {
			wrong = "000002"
		}
		bad := e.fail(t, "stytch_otp_authenticate", map[string]any{"method_id": methodID, "code": wrong})
		assert.NotContains(t, bad.Message, wrong, "codes are redacted")
		authn := e.ok(t, "stytch_otp_authenticate", map[string]any{"method_id": methodID, "code": msg.Code, "session_duration_minutes": 30})
		assert.NotEmpty(t, authn["session_token"], c.tool)
	}
	unknown := e.fail(t, "stytch_otp_sms_send", map[string]any{"phone_number": "+12025550199"})
	assert.NotEmpty(t, unknown.Hint)
}

func TestEmulatorPasswords(t *testing.T) {
	e := newEmuEnv(t)
	weak := e.ok(t, "stytch_password_strength_check", map[string]any{"password": "password"})
	assert.Equal(t, false, weak["valid_password"])
	const strong = "umbrella-Quasar-47-tangent!"
	assert.Equal(t, true, e.ok(t, "stytch_password_strength_check", map[string]any{"password": strong})["valid_password"])

	created := e.ok(t, "stytch_password_create", map[string]any{"email": "pw@example.com", "password": strong, "session_duration_minutes": 60})
	assert.NotEmpty(t, created["user_id"])
	authn := e.ok(t, "stytch_password_authenticate", map[string]any{"email": "pw@example.com", "password": strong})
	assert.Equal(t, created["user_id"], authn["user_id"])

	wrong := e.fail(t, "stytch_password_authenticate", map[string]any{"email": "pw@example.com", "password": "not-the-password-42"})
	assert.NotContains(t, wrong.Message, "not-the-password-42")
	assert.NotEmpty(t, wrong.Hint)

	e.ok(t, "stytch_password_reset_start", map[string]any{"email": "pw@example.com", "reset_password_redirect_url": "https://app.example.com/reset"})
	msg, ok := e.emu.LastMessage("pw@example.com")
	require.True(t, ok)
	assert.NotEmpty(t, msg.Token)
}

func TestEmulatorTOTP(t *testing.T) {
	e := newEmuEnv(t)
	id := e.ok(t, "stytch_user_create", map[string]any{"email": "totp@example.com"})["user_id"].(string)
	created := e.ok(t, "stytch_totp_create", map[string]any{"user_id": id})
	secret := created["secret"].(string)
	code, err := totp.GenerateCodeCustom(secret, e.emu.Now(),
		totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	require.NoError(t, err)
	authn := e.ok(t, "stytch_totp_authenticate", map[string]any{"user_id": id, "totp_code": code})
	assert.Equal(t, id, authn["user_id"])
	again := e.fail(t, "stytch_totp_create", map[string]any{"user_id": id})
	assert.Equal(t, "active_totp_exists", again.ErrorType)
}

func TestEmulatorPassthrough(t *testing.T) {
	e := newEmuEnv(t)
	id := e.ok(t, "stytch_user_create", map[string]any{"email": "pass@example.com"})["user_id"].(string)

	got := e.ok(t, PassthroughName, map[string]any{"method": "GET", "path": "/v1/users/" + id})
	assert.Equal(t, id, got["user_id"])

	list := e.ok(t, PassthroughName, map[string]any{"method": "GET", "path": "/v1/sessions", "query": map[string]any{"user_id": id}})
	assert.Empty(t, list["sessions"])

	// An endpoint without a dedicated tool: email OTP login_or_create.
	e.ok(t, PassthroughName, map[string]any{"method": "POST", "path": "/v1/otps/email/login_or_create",
		"body": map[string]any{"email": "fresh@example.com"}})
	_, ok := e.emu.LastMessage("fresh@example.com")
	assert.True(t, ok)

	notFound := e.fail(t, PassthroughName, map[string]any{"method": "GET", "path": "/v1/users/user-test-00000000-0000-4000-8000-000000000000"})
	assert.Equal(t, "user_not_found", notFound.ErrorType)

	refused := e.fail(t, PassthroughName, map[string]any{"method": "GET", "path": "/v1/b2b/organizations"})
	assert.Equal(t, ErrRouteNotInSpec, refused.ErrorType)
}

func TestEmulatorWrongCredentialsAreAToolError(t *testing.T) {
	emu := newEmulator(t)
	ts := httptest.NewServer(emu)
	t.Cleanup(func() { ts.Close(); _ = emu.Close() })
	const otherSecret = "secret-test-not-this-projects-secret-0000000000"
	c, err := NewClient(Config{ProjectID: emu.ProjectID(), Secret: otherSecret, Env: EnvTest, BaseURL: ts.URL}, nil)
	require.NoError(t, err)
	s, err := New(c, nil)
	require.NoError(t, err)
	res, text := call(t, connect(t, s), "stytch_user_get", map[string]any{"user_id": "user-test-1"})
	te := toolError(t, res, text)
	assert.Equal(t, "unauthorized_credentials", te.ErrorType)
	assert.Contains(t, te.Hint, "STYTCH_PROJECT_ID and STYTCH_SECRET")
	assert.NotContains(t, text, otherSecret)
	assert.NotContains(t, text, emu.Secret())
}

// oauthToken plays the browser at the emulator's identity provider and
// returns the token it appends to the redirect URL.
func (e *emuEnv) oauthToken(t *testing.T, identity string) string {
	t.Helper()
	q := url.Values{"public_token": {"public-token-test-00000000-0000-0000-0000-000000000000"},
		"login_redirect_url": {"https://app.example.com/login"}, "signup_redirect_url": {"https://app.example.com/signup"},
		"test_identity": {identity}}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(e.url + "/v1/public/oauth/google/start?" + q.Encode())
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	return loc.Query().Get("token")
}

func TestEmulatorOAuthAuthenticate(t *testing.T) {
	e := newEmuEnv(t)
	tok := e.oauthToken(t, "oauth.user@example.com")
	require.NotEmpty(t, tok)
	authn := e.ok(t, "stytch_oauth_authenticate", map[string]any{"token": tok, "session_duration_minutes": 60})
	assert.Equal(t, "Google", authn["provider_type"])
	assert.NotEmpty(t, authn["session_token"])
	require.NotNil(t, authn["user_session"], "the session is returned as user_session")

	reused := e.fail(t, "stytch_oauth_authenticate", map[string]any{"token": tok})
	assert.NotContains(t, reused.Message, tok)
	assert.NotEmpty(t, reused.Hint)
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLogsNeverCarrySecretsOrTokens(t *testing.T) {
	emu := newEmulator(t)
	ts := httptest.NewServer(emu)
	t.Cleanup(func() { ts.Close(); _ = emu.Close() })
	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg := Config{ProjectID: emu.ProjectID(), Secret: emu.Secret(), Env: EnvTest, BaseURL: ts.URL}
	c, err := NewClient(cfg, logger)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	s, err := New(c, &Options{Logger: logger})
	require.NoError(t, err)
	e := &emuEnv{emu: emu, url: ts.URL, cs: connect(t, s)}

	e.ok(t, "stytch_magic_link_email_login_or_create", map[string]any{"email": "log@example.com"})
	msg, _ := e.emu.LastMessage("log@example.com")
	authn := e.ok(t, "stytch_magic_link_authenticate", map[string]any{"token": msg.Token, "session_duration_minutes": 60})
	token := authn["session_token"].(string)
	e.fail(t, "stytch_session_authenticate", map[string]any{"session_token": token + "x"})
	e.ok(t, PassthroughName, map[string]any{"method": "POST", "path": "/v1/sessions/authenticate", "body": map[string]any{"session_token": token}})

	out := logs.String()
	require.Contains(t, out, "tool=stytch_magic_link_authenticate", "the server does log calls")
	for _, secret := range []string{emu.Secret(), msg.Token, token, authn["session_jwt"].(string)} {
		assert.NotContains(t, out, secret)
	}
}
