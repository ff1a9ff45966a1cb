package mcpserver

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newB2BEnv is an MCP client session on a server for a B2B project
// (STYTCH_PROJECT_TYPE=b2b) in emulator mode.
func newB2BEnv(t *testing.T) *emuEnv {
	t.Helper()
	emu := newEmulator(t)
	ts := httptest.NewServer(emu)
	t.Cleanup(func() { ts.Close(); _ = emu.Close() })
	cfg, err := ConfigFromEnv(env(EnvProjectID, emu.ProjectID(), EnvSecret, emu.Secret(), EnvBaseURL, ts.URL,
		EnvEmulator, "true", EnvProjectType, "B2B"))
	require.NoError(t, err)
	require.Equal(t, ProjectB2B, cfg.ProjectType)
	assert.Contains(t, cfg.String(), "project_type=b2b")
	bc, err := NewB2BClient(cfg, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = bc.Close() })
	s, err := New(mustClient(t, cfg), &Options{Outbox: NewEmulatorOutbox(cfg, nil), B2B: bc})
	require.NoError(t, err)
	return &emuEnv{emu: emu, url: ts.URL, cs: connect(t, s)}
}

// TestB2BLoginEndToEnd: an agent creates an Organization, invites a Member,
// reads the invite from the outbox, logs the Member in, checks an RBAC
// permission on the session and logs the Member out, with the B2B tools.
func TestB2BLoginEndToEnd(t *testing.T) {
	e := newB2BEnv(t)
	org := e.ok(t, "stytch_b2b_organization_create", map[string]any{"organization_name": "Acme", "organization_slug": "acme",
		"email_allowed_domains": []any{"acme.com"}})
	oid := org["organization"].(map[string]any)["organization_id"].(string)
	found := e.ok(t, "stytch_b2b_organization_search", map[string]any{"query": map[string]any{"operator": "AND",
		"operands": []any{map[string]any{"filter_name": "organization_slugs", "filter_value": []any{"acme"}}}}})
	require.Len(t, found["organizations"], 1)

	invited := e.ok(t, "stytch_b2b_magic_link_invite", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"roles": []any{"stytch_admin"}})
	memberID := invited["member_id"].(string)
	msgs := e.outbox(t, map[string]any{"to": "ada@acme.com", "kind": "invite"})
	require.Len(t, msgs, 1)
	link, err := url.Parse(msgs[0]["link"].(string))
	require.NoError(t, err)

	authn := e.ok(t, "stytch_b2b_magic_link_authenticate", map[string]any{"magic_links_token": link.Query().Get("token"),
		"session_duration_minutes": 60})
	assert.Equal(t, true, authn["member_authenticated"])
	assert.Equal(t, memberID, authn["member_id"])
	verdict := e.ok(t, "stytch_b2b_session_authenticate", map[string]any{"session_token": authn["session_token"],
		"authorization_check": map[string]any{"organization_id": oid, "resource_id": "stytch.organization", "action": "update.info.name"}})
	assert.Equal(t, []any{"stytch_admin"}, verdict["verdict"].(map[string]any)["granting_roles"])

	got := e.ok(t, "stytch_b2b_member_get", map[string]any{"organization_id": oid, "email_address": "ada@acme.com"})
	assert.Equal(t, "active", got["member"].(map[string]any)["status"])
	sessions := e.ok(t, "stytch_b2b_session_get", map[string]any{"organization_id": oid, "member_id": memberID})
	assert.Len(t, sessions["member_sessions"], 1)

	e.ok(t, "stytch_b2b_session_revoke", map[string]any{"member_id": memberID})
	gone := e.fail(t, "stytch_b2b_session_authenticate", map[string]any{"session_token": authn["session_token"]})
	assert.Equal(t, "session_not_found", gone.ErrorType)

	// Discovery goes through stytch_request; its email is a discovery message.
	e.ok(t, "stytch_request", map[string]any{"method": "POST", "path": "/v1/b2b/magic_links/email/discovery/send",
		"body": map[string]any{"email_address": "ada@acme.com"}})
	disc := e.outbox(t, map[string]any{"to": "ada@acme.com", "kind": "discovery"})
	require.Len(t, disc, 1)
	assert.Contains(t, disc[0]["link"], "stytch_token_type=discovery")

	missing := e.fail(t, "stytch_b2b_member_get", map[string]any{"organization_id": oid, "email_address": "nobody@acme.com"})
	assert.Equal(t, "member_not_found", missing.ErrorType)
	assert.Equal(t, 404, missing.StatusCode)
}

// TestB2BToolsReplaceTheConsumerOnes: a B2B server lists the B2B tools,
// stytch_request and the outbox, none of the Consumer ones, and says so in
// its instructions.
func TestB2BToolsReplaceTheConsumerOnes(t *testing.T) {
	e := newB2BEnv(t)
	tools, err := e.cs.ListTools(context.Background(), nil)
	require.NoError(t, err)
	var names []string
	for _, tool := range tools.Tools {
		names = append(names, tool.Name)
		if tool.Name != "stytch_request" {
			assert.NotContains(t, toolNames, tool.Name, "a Consumer tool")
		}
		if strings.HasSuffix(tool.Name, "_delete") || strings.HasSuffix(tool.Name, "_revoke") {
			assert.True(t, *tool.Annotations.DestructiveHint, tool.Name)
		}
	}
	assert.Contains(t, names, "stytch_b2b_organization_create")
	assert.Contains(t, names, "stytch_request")
	assert.Contains(t, names, OutboxToolName)
	assert.Contains(t, e.cs.InitializeResult().Instructions, "Organizations and Members")

	_, err = ConfigFromEnv(env(EnvProjectID, "project-test-x", EnvSecret, "secret-test-y", EnvProjectType, "enterprise"))
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, EnvProjectType, ce.Var)
}
