package mcpserver

import (
	"context"
	"net"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunRejectsBadConfigurationBeforeServing(t *testing.T) {
	ctx := context.Background()
	err := Run(ctx, RunOptions{Config: Config{ProjectID: testProject, Secret: testSecret, Env: EnvLive}})
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, EnvEnv, ce.Var)
	assert.NotContains(t, err.Error(), testSecret)

	err = Run(ctx, RunOptions{Config: Config{ProjectID: testProject, Secret: testSecret, Env: EnvTest}, HTTPAddr: "0.0.0.0:0"})
	assert.ErrorContains(t, err, "-allow-remote")
}

func TestStreamableHTTPServesTheTools(t *testing.T) {
	emu := newEmulator(t)
	ts := httptest.NewServer(emu)
	t.Cleanup(func() { ts.Close(); _ = emu.Close() })
	c := mustClient(t, Config{ProjectID: emu.ProjectID(), Secret: emu.Secret(), Env: EnvTest, BaseURL: ts.URL})
	s, err := New(c, nil)
	require.NoError(t, err)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeHTTP(ctx, ln, s.HTTPHandler(), nil) }()

	client := mcp.NewClient(&mcp.Implementation{Name: "http-agent", Version: "v0"}, nil)
	cs, err := client.Connect(context.Background(), &mcp.StreamableClientTransport{
		Endpoint: "http://" + ln.Addr().String() + "/", DisableStandaloneSSE: true}, nil)
	require.NoError(t, err)
	tools, err := cs.ListTools(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, tools.Tools, len(toolNames))

	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "stytch_user_create",
		Arguments: map[string]any{"email": "http@example.com"}})
	require.NoError(t, err)
	require.False(t, res.IsError, "%v", res.Content)
	require.NoError(t, cs.Close())

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err, "graceful shutdown")
	case <-time.After(10 * time.Second):
		t.Fatal("ServeHTTP did not return after cancel")
	}
}
