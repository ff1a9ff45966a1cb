package mcpserver

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newEmulatorModeEnv is an MCP client session on a server started in
// emulator mode (STYTCH_EMULATOR=true) against an in-process emulator.
func newEmulatorModeEnv(t *testing.T) *emuEnv {
	t.Helper()
	emu := newEmulator(t)
	ts := httptest.NewServer(emu)
	t.Cleanup(func() { ts.Close(); _ = emu.Close() })
	cfg, err := ConfigFromEnv(env(EnvProjectID, emu.ProjectID(), EnvSecret, emu.Secret(), EnvBaseURL, ts.URL, EnvEmulator, "true"))
	require.NoError(t, err)
	require.True(t, cfg.Emulator)
	s, err := New(mustClient(t, cfg), &Options{Outbox: NewEmulatorOutbox(cfg, nil)})
	require.NoError(t, err)
	return &emuEnv{emu: emu, url: ts.URL, cs: connect(t, s)}
}

// outbox calls stytch_emulator_outbox and returns its messages.
func (e *emuEnv) outbox(t *testing.T, args map[string]any) []map[string]any {
	t.Helper()
	res := e.ok(t, OutboxToolName, args)
	var out []map[string]any
	for _, m := range res["messages"].([]any) {
		out = append(out, m.(map[string]any))
	}
	return out
}

func TestEmulatorModeMagicLinkLoginEndToEnd(t *testing.T) {
	e := newEmulatorModeEnv(t)
	sent := e.ok(t, "stytch_magic_link_email_login_or_create", map[string]any{"email": "agent@example.com"})
	userID := sent["user_id"].(string)

	msgs := e.outbox(t, map[string]any{"to": "Agent@Example.com", "kind": "magic_link"})
	require.Len(t, msgs, 1)
	msg := msgs[0]
	assert.Equal(t, "agent@example.com", msg["to"])
	assert.Equal(t, userID, msg["user_id"])
	assert.NotEmpty(t, msg["method_id"], "the email_id")
	link, err := url.Parse(msg["link"].(string))
	require.NoError(t, err)
	assert.Equal(t, msg["token"], link.Query().Get("token"), "the link carries the token")

	authn := e.ok(t, "stytch_magic_link_authenticate", map[string]any{"token": msg["token"], "session_duration_minutes": 60})
	assert.Equal(t, userID, authn["user_id"])
	session := e.ok(t, "stytch_session_authenticate", map[string]any{"session_token": authn["session_token"]})
	assert.Equal(t, userID, session["session"].(map[string]any)["user_id"])
}

func TestEmulatorModeOTPLoginEndToEnd(t *testing.T) {
	e := newEmulatorModeEnv(t)
	e.ok(t, "stytch_user_create", map[string]any{"email": "otp-agent@example.com", "phone_number": "+12025550177"})
	e.ok(t, "stytch_magic_link_email_send", map[string]any{"email": "otp-agent@example.com"})
	sent := e.ok(t, "stytch_otp_sms_send", map[string]any{"phone_number": "+12025550177"})

	otps := e.outbox(t, map[string]any{"to": "+12025550177", "kind": "otp"})
	require.Len(t, otps, 1)
	assert.Equal(t, sent["phone_id"], otps[0]["method_id"])
	assert.Regexp(t, `^[0-9]{6}$`, otps[0]["code"])
	authn := e.ok(t, "stytch_otp_authenticate", map[string]any{"method_id": otps[0]["method_id"], "code": otps[0]["code"],
		"session_duration_minutes": 30})
	assert.NotEmpty(t, authn["session_token"])

	// Filters: kind keeps one kind, to one recipient; newest first, limit.
	assert.Empty(t, e.outbox(t, map[string]any{"to": "otp-agent@example.com", "kind": "otp"}))
	assert.Len(t, e.outbox(t, map[string]any{"to": "otp-agent@example.com"}), 1)
	e.ok(t, "stytch_otp_sms_send", map[string]any{"phone_number": "+12025550177"})
	all := e.ok(t, OutboxToolName, map[string]any{"limit": 1})
	assert.EqualValues(t, 3, all["matched"])
	newest := all["messages"].([]any)
	require.Len(t, newest, 1)
	assert.NotEqual(t, otps[0]["id"], newest[0].(map[string]any)["id"], "newest first")

	bad := e.fail(t, OutboxToolName, map[string]any{"kind": "carrier_pigeon"})
	assert.Equal(t, ErrInvalidArguments, bad.ErrorType)
	bad = e.fail(t, OutboxToolName, map[string]any{"to": "a@example.com", "extra": 1})
	assert.Equal(t, ErrInvalidArguments, bad.ErrorType)
}

func TestEmulatorModeListsTheOutboxTool(t *testing.T) {
	tools, err := newEmulatorModeEnv(t).cs.ListTools(context.Background(), nil)
	require.NoError(t, err)
	var names []string
	for _, tool := range tools.Tools {
		names = append(names, tool.Name)
		if tool.Name == OutboxToolName {
			assert.True(t, tool.Annotations.ReadOnlyHint)
		}
	}
	assert.ElementsMatch(t, append(append([]string{}, toolNames...), OutboxToolName), names)

	plain, err := offlineServer(t, nil).ListTools(context.Background(), nil)
	require.NoError(t, err)
	for _, tool := range plain.Tools {
		assert.NotEqual(t, OutboxToolName, tool.Name, "only in emulator mode")
	}
}

func TestPassthroughPointsEmulatorPathsAtTheOutboxTool(t *testing.T) {
	args := map[string]any{"method": "GET", "path": "/emulator/v1/messages", "query": map[string]any{"to": "a@example.com"}}
	for name, cs := range map[string]*mcp.ClientSession{
		"emulator mode": newEmulatorModeEnv(t).cs,
		"plain":         offlineServer(t, nil),
	} {
		res, text := call(t, cs, PassthroughName, args)
		te := toolError(t, res, text)
		assert.Equal(t, ErrRouteNotInSpec, te.ErrorType, name)
		assert.Contains(t, te.Hint, OutboxToolName, name)
		if name == "plain" {
			assert.Contains(t, te.Hint, "-emulator", "says how to turn the tool on")
			assert.Contains(t, te.Hint, EnvEmulator)
		}
	}
}

func TestOutboxErrorsAreToolErrors(t *testing.T) {
	emu := newEmulator(t)
	ts := httptest.NewServer(emu)
	t.Cleanup(func() { ts.Close(); _ = emu.Close() })
	const otherSecret = "secret-test-not-the-emulators-secret-00000000000"
	cfg := Config{ProjectID: emu.ProjectID(), Secret: otherSecret, Env: EnvTest, BaseURL: ts.URL, Emulator: true}
	s, err := New(mustClient(t, cfg), &Options{Outbox: NewEmulatorOutbox(cfg, nil)})
	require.NoError(t, err)
	res, text := call(t, connect(t, s), OutboxToolName, map[string]any{})
	te := toolError(t, res, text)
	assert.Equal(t, "unauthorized_credentials", te.ErrorType)
	assert.Equal(t, http.StatusUnauthorized, te.StatusCode)
	assert.NotContains(t, text, otherSecret)

	// A base URL that is not an emulator (no control plane).
	notEmu := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(notEmu.Close)
	cfg.BaseURL, cfg.Secret = notEmu.URL, emu.Secret()
	s, err = New(mustClient(t, cfg), &Options{Outbox: NewEmulatorOutbox(cfg, nil)})
	require.NoError(t, err)
	res, text = call(t, connect(t, s), OutboxToolName, map[string]any{})
	te = toolError(t, res, text)
	assert.Equal(t, http.StatusNotFound, te.StatusCode)
	assert.Contains(t, te.Hint, "emulator")

	// Nothing listening.
	cfg.BaseURL = "http://127.0.0.1:1"
	s, err = New(mustClient(t, cfg), &Options{Outbox: NewEmulatorOutbox(cfg, nil)})
	require.NoError(t, err)
	res, text = call(t, connect(t, s), OutboxToolName, map[string]any{})
	assert.Equal(t, ErrConnection, toolError(t, res, text).ErrorType)
}
