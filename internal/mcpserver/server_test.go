package mcpserver

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
)

// toolNames is the list, exactly.
var toolNames = []string{
	"stytch_user_create", "stytch_user_get", "stytch_user_search", "stytch_user_update", "stytch_user_delete",
	"stytch_magic_link_email_send", "stytch_magic_link_email_login_or_create", "stytch_magic_link_authenticate",
	"stytch_otp_sms_send", "stytch_otp_whatsapp_send", "stytch_otp_email_send", "stytch_otp_authenticate",
	"stytch_password_create", "stytch_password_authenticate", "stytch_password_reset_start", "stytch_password_strength_check",
	"stytch_session_get", "stytch_session_authenticate", "stytch_session_revoke",
	"stytch_totp_create", "stytch_totp_authenticate", "stytch_oauth_authenticate", "stytch_request",
}

// connect serves s over the SDK's in-memory transports and returns the
// client side.
func connect(t *testing.T, s *Server) *mcp.ClientSession {
	t.Helper()
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	ss, err := s.MCP().Connect(ctx, st, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = ss.Close() })
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test-agent", Version: "v0"}, nil).Connect(ctx, ct, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = cs.Close() })
	return cs
}

// offlineServer talks to a closed port: fine for calls that must fail
// before any request is sent.
func offlineServer(t *testing.T, opts *Options) *mcp.ClientSession {
	t.Helper()
	c := mustClient(t, Config{ProjectID: testProject, Secret: testSecret, Env: EnvTest, BaseURL: "http://127.0.0.1:1"})
	s, err := New(c, opts)
	require.NoError(t, err)
	return connect(t, s)
}

// call invokes a tool and returns its result and the text content.
func call(t *testing.T, cs *mcp.ClientSession, name string, args any) (*mcp.CallToolResult, string) {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: name, Arguments: args})
	require.NoError(t, err, "%s: protocol error", name)
	require.Len(t, res.Content, 1, name)
	text := res.Content[0].(*mcp.TextContent).Text
	return res, text
}

// toolError decodes the body of a failed call.
func toolError(t *testing.T, res *mcp.CallToolResult, text string) ToolError {
	t.Helper()
	require.True(t, res.IsError, "want a tool error, got %s", text)
	var te ToolError
	require.NoError(t, json.Unmarshal([]byte(text), &te), text)
	require.NotEmpty(t, te.ErrorType, text)
	require.NotEmpty(t, te.Message, text)
	require.NotEmpty(t, te.Hint, text)
	return te
}

func TestListToolsNamesSchemasAnnotations(t *testing.T) {
	cs := offlineServer(t, nil)
	res, err := cs.ListTools(context.Background(), nil)
	require.NoError(t, err)
	var names []string
	byName := map[string]*mcp.Tool{}
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		byName[tool.Name] = tool
	}
	assert.ElementsMatch(t, toolNames, names)

	for _, tool := range res.Tools {
		schema, ok := tool.InputSchema.(map[string]any)
		require.True(t, ok, tool.Name)
		assert.Equal(t, "object", schema["type"], tool.Name)
		assert.NotEmpty(t, schema["properties"], tool.Name)
		assert.NotEmpty(t, tool.Description, tool.Name)
		assert.Contains(t, tool.Description, "Agent guidance:", tool.Name)
		require.NotNil(t, tool.Annotations, tool.Name)
	}
	for _, name := range []string{"stytch_user_delete", "stytch_session_revoke"} {
		a := byName[name].Annotations
		require.NotNil(t, a.DestructiveHint, name)
		assert.True(t, *a.DestructiveHint, name)
		assert.False(t, a.ReadOnlyHint, name)
	}
	for _, name := range []string{"stytch_user_get", "stytch_user_search", "stytch_session_get", "stytch_password_strength_check"} {
		assert.True(t, byName[name].Annotations.ReadOnlyHint, name)
	}
	for _, name := range []string{"stytch_user_create", "stytch_magic_link_email_send", "stytch_otp_authenticate"} {
		a := byName[name].Annotations
		assert.False(t, a.ReadOnlyHint, name)
		require.NotNil(t, a.DestructiveHint, name)
		assert.False(t, *a.DestructiveHint, name)
	}

	// Schemas come from the spec, not from hand-written structs.
	create := byName["stytch_user_create"].InputSchema.(map[string]any)["properties"].(map[string]any)
	assert.Equal(t, "email", create["email"].(map[string]any)["format"])
	get := byName["stytch_user_get"].InputSchema.(map[string]any)
	assert.Equal(t, []any{"user_id"}, get["required"])
	assert.Contains(t, byName["stytch_user_get"].Description, "GET /v1/users/{user_id}")
	assert.NotContains(t, byName["stytch_user_get"].Description, "SDK method")
}

func TestBadInputIsAToolErrorBeforeAnyRequest(t *testing.T) {
	cs := offlineServer(t, nil)
	cases := []struct {
		tool string
		args map[string]any
		want string
	}{
		{"stytch_user_get", map[string]any{}, "user_id"},
		{"stytch_magic_link_email_login_or_create", map[string]any{}, "email"},
		{"stytch_user_create", map[string]any{"email": "a@example.com", "emial": "typo"}, "emial"},
		{"stytch_user_search", map[string]any{"limit": 5000}, "1000"},
		{"stytch_user_search", map[string]any{"query": map[string]any{"operator": "XOR", "operands": []any{}}}, "operator"},
		{"stytch_otp_sms_send", map[string]any{"phone_number": "555-1234"}, "phone_number"},
		{"stytch_password_authenticate", map[string]any{"email": "a@example.com", "password": 12}, "password"},
	}
	for _, c := range cases {
		res, text := call(t, cs, c.tool, c.args)
		te := toolError(t, res, text)
		assert.Equal(t, ErrInvalidArguments, te.ErrorType, "%s %v: %s", c.tool, c.args, text)
		assert.Contains(t, te.Message, c.want, "%s: %s", c.tool, text)
	}
}

func TestBadInputNeverEchoesSecrets(t *testing.T) {
	cs := offlineServer(t, nil)
	// A session token of the wrong type and a JWT failing a constraint are
	// quoted by the validator; the result must not repeat them.
	res, text := call(t, cs, "stytch_session_authenticate", map[string]any{
		"session_token": "tok-secret-value", "session_jwt": "eyJhbGciOi.secret", "session_duration_minutes": "sixty"})
	toolError(t, res, text)
	assert.NotContains(t, text, "tok-secret-value")
	assert.NotContains(t, text, "eyJhbGciOi.secret")
}

func TestPassthroughRefusesRoutesOutsideTheSpec(t *testing.T) {
	var sent atomic.Int32
	cs := offlineServer(t, &Options{Doer: doerFunc(func(context.Context, string, string, any, any) error {
		sent.Add(1)
		return nil
	})})
	t.Cleanup(func() { assert.Zero(t, sent.Load(), "a refused route must not be sent") })
	for _, args := range []map[string]any{
		{"method": "GET", "path": "/v1/admin/projects"},
		{"method": "POST", "path": "/v1/users/user-test-1"}, // GET/PUT/DELETE only
		{"method": "GET", "path": "/v1/users/../b2b/organizations"},
		{"method": "GET", "path": "/v1/users/.."},
	} {
		res, text := call(t, cs, PassthroughName, args)
		te := toolError(t, res, text)
		assert.Equal(t, ErrRouteNotInSpec, te.ErrorType, text)
	}
	res, text := call(t, cs, PassthroughName, map[string]any{"method": "GET", "path": "/v1/admin/projects"})
	assert.Contains(t, toolError(t, res, text).Message, "/v1/users/…", "refusal lists where to look")

	res, text = call(t, cs, PassthroughName, map[string]any{"method": "GET", "path": "https://evil.example/v1/users/x"})
	assert.Equal(t, ErrInvalidArguments, toolError(t, res, text).ErrorType)

	// The matched operation's schema applies: UsersCreate's email has a maximum length.
	res, text = call(t, cs, PassthroughName, map[string]any{"method": "POST", "path": "/v1/users",
		"body": map[string]any{"email": string(make([]byte, 300))}})
	te := toolError(t, res, text)
	assert.Equal(t, ErrInvalidArguments, te.ErrorType)
	assert.Contains(t, te.Message, "UsersCreate")
}

func TestUnreachableAPIIsAConnectionError(t *testing.T) {
	c, err := stytch.NewClient(testProject, testSecret, stytch.WithBaseURL("http://127.0.0.1:1"), stytch.WithoutRetries())
	require.NoError(t, err)
	s, err := New(c, nil)
	require.NoError(t, err)
	res, text := call(t, connect(t, s), "stytch_user_get", map[string]any{"user_id": "user-test-1"})
	te := toolError(t, res, text)
	assert.Equal(t, ErrConnection, te.ErrorType, text)
	assert.NotContains(t, text, testSecret)
}

// doerFunc adapts a function to Doer.
type doerFunc func(ctx context.Context, method, path string, body, out any) error

func (f doerFunc) Do(ctx context.Context, method, path string, body, out any) error {
	return f(ctx, method, path, body, out)
}
