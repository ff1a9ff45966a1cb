package httpapi_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

func TestMagicLinkLoginOrCreateAuthenticate(t *testing.T) {
	env := emutest.New(t)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{
		"email": "ml@example.com", "signup_magic_link_url": "https://app.example.com/auth?x=1"})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, true, m["user_created"])
	msg := env.LastMessage(t, "ml@example.com")
	assert.Equal(t, "magic_link", msg.Kind)
	assert.Equal(t, "email", msg.Channel)
	assert.Equal(t, m["email_id"], msg.MethodID)
	assert.Len(t, msg.Token, 44)
	link, err := url.Parse(msg.Link)
	require.NoError(t, err)
	assert.Equal(t, "app.example.com", link.Host)
	assert.Equal(t, msg.Token, link.Query().Get("token"))
	assert.Equal(t, "1", link.Query().Get("x"))

	// no session_duration_minutes: no session
	status, a := env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": msg.Token})
	require.Equal(t, http.StatusOK, status, a)
	assert.Equal(t, "", a["session_token"])
	assert.Equal(t, "", a["session_jwt"])
	assert.Nil(t, a["session"])
	user := a["user"].(map[string]any)
	assert.Equal(t, true, user["emails"].([]any)[0].(map[string]any)["verified"])

	// single use
	status, a = env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": msg.Token})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_magic_link", a["error_type"])

	// second login: not created, login link; with a session this time
	status, m = env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "ml@example.com"})
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, false, m["user_created"])
	tok := env.LastMessage(t, "ml@example.com").Token
	status, a = env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": tok, "session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, a)
	assert.Len(t, a["session_token"], 44)
	assert.NotEmpty(t, a["session_jwt"])
	sess := a["session"].(map[string]any)
	assert.Regexp(t, `^session-test-`, sess["session_id"])
	f := sess["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "magic_link", f["type"])
	assert.Equal(t, "email", f["delivery_method"])
	assert.Equal(t, "ml@example.com", f["email_factor"].(map[string]any)["email_address"])

	status, a = env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": "nope"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "magic_link_not_found", a["error_type"])
}

func TestMagicLinkExpiryDefaults(t *testing.T) {
	env := emutest.New(t)
	createUser(t, env, map[string]any{"email": "old@example.com"})
	status, _ := env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/send", map[string]any{"email": "old@example.com"})
	require.Equal(t, http.StatusOK, status)
	login := env.LastMessage(t, "old@example.com").Token
	env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "new@example.com"})
	signup := env.LastMessage(t, "new@example.com").Token

	_, err := env.Server.Advance(flows.DefaultLoginLinkMinutes*time.Minute + time.Second)
	require.NoError(t, err)
	status, a := env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": login})
	assert.Equal(t, http.StatusUnauthorized, status, "login link expires after 60 minutes")
	assert.Equal(t, "unable_to_auth_magic_link", a["error_type"])
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": signup})
	assert.Equal(t, http.StatusOK, status, "signup link lives 7 days")

	status, a = env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/send", map[string]any{"email": "nobody@example.com"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "email_not_found", a["error_type"])
}

func TestMagicLinkPKCE(t *testing.T) {
	env := emutest.New(t)
	verifier := "a-long-random-code-verifier-0123456789-abcdefghijklmnop"
	sum := sha256.Sum256([]byte(verifier))
	challenge := base64.RawURLEncoding.EncodeToString(sum[:])
	env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "pkce@example.com", "code_challenge": challenge})
	tok := env.LastMessage(t, "pkce@example.com").Token
	status, a := env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": tok})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "pkce_expected_code_verifier", a["error_type"])
	status, a = env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": tok, "code_verifier": "wrong"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "pkce_mismatch", a["error_type"])
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": tok, "code_verifier": verifier})
	assert.Equal(t, http.StatusOK, status)
}

func TestMagicLinkInviteRevokeAndEmbedded(t *testing.T) {
	env := emutest.New(t)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/invite", map[string]any{"email": "inv@example.com"})
	require.Equal(t, http.StatusOK, status, m)
	msg := env.LastMessage(t, "inv@example.com")
	assert.Equal(t, "invite", msg.Kind)
	_, u := env.DoJSON(t, http.MethodGet, "/v1/users/"+m["user_id"].(string), nil)
	assert.Equal(t, "pending", u["status"])

	status, _ = env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/revoke_invite", map[string]any{"email": "inv@example.com"})
	require.Equal(t, http.StatusOK, status)
	status, a := env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": msg.Token})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "magic_link_not_found", a["error_type"])
	status, a = env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/revoke_invite", map[string]any{"email": "inv@example.com"})
	assert.Equal(t, http.StatusNotFound, status, a)

	// a fresh invite, accepted: user becomes active; inviting an active user fails
	env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/invite", map[string]any{"email": "inv@example.com"})
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": env.LastMessage(t, "inv@example.com").Token})
	require.Equal(t, http.StatusOK, status)
	status, a = env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/invite", map[string]any{"email": "inv@example.com"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "duplicate_email", a["error_type"])

	status, e := env.DoJSON(t, http.MethodPost, "/v1/magic_links", map[string]any{"user_id": m["user_id"]})
	require.Equal(t, http.StatusOK, status, e)
	status, a = env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": e["token"], "session_duration_minutes": 5})
	require.Equal(t, http.StatusOK, status, a)
	f := a["session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "embedded", f["delivery_method"])
}

func TestMagicLinkSandbox(t *testing.T) {
	env := emutest.New(t)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/send", map[string]any{"email": flows.SandboxEmail})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, flows.SandboxUserID, m["user_id"])
	assert.Empty(t, env.Server.Messages(flows.SandboxEmail), "sandbox sends nothing")
	for token, want := range map[string]int{flows.SandboxMagicLinkOK: 200, flows.SandboxMagicLinkUsed: 401, flows.SandboxMagicLinkNotFound: 404} {
		status, _ := env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": token})
		assert.Equal(t, want, status, token)
	}
}
