package control_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// get reads a control-plane route with the project's credentials.
// out should be fresh: decoding into a used value keeps the fields the
// answer omits.
func get(t *testing.T, env *emutest.Env, path string, out any) {
	t.Helper()
	status, raw := env.Do(t, http.MethodGet, "/emulator/v1"+path, nil)
	require.Equal(t, http.StatusOK, status, string(raw))
	require.NoError(t, json.Unmarshal(raw, out), string(raw))
}

type messageList struct {
	Messages []struct {
		Kind, Channel, To, Token, Code, Link string
		Subject, Text, Action, Status        string
		ExpiresAt                            *time.Time `json:"expires_at"`
	}
}

func TestMessagesSayWhatTheyWouldReadAndWhetherTheyStillWork(t *testing.T) {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	env := emutest.New(t, func(c *emulator.Config) { c.Clock = func() time.Time { return start } })
	sendMagicLink(t, env, "ada@example.com") // a new user: a sign-up link
	var out messageList
	get(t, env, "/messages?to=ADA@example.com", &out)
	require.Len(t, out.Messages, 1)
	m := out.Messages[0]
	assert.Equal(t, "Finish creating your account", m.Subject)
	assert.Contains(t, m.Text, "ada@example.com")
	assert.Contains(t, m.Text, "It expires in 7 days.")
	assert.Equal(t, "Confirm and sign up", m.Action)
	assert.Equal(t, "active", m.Status)
	require.NotNil(t, m.ExpiresAt)
	assert.Equal(t, start.Add(7*24*time.Hour), m.ExpiresAt.UTC())

	status, body := env.DoJSON(t, http.MethodPost, "/v1/magic_links/authenticate", map[string]any{"token": m.Token})
	require.Equal(t, http.StatusOK, status, body)
	out = messageList{}
	get(t, env, "/messages", &out)
	assert.Equal(t, "used", out.Messages[0].Status)

	sendMagicLink(t, env, "ada@example.com") // now a login link
	out = messageList{}
	get(t, env, "/messages", &out)
	require.Len(t, out.Messages, 2)
	assert.Equal(t, "Your login link", out.Messages[1].Subject)
	assert.Contains(t, out.Messages[1].Text, "It expires in 1 hour.")
	_, err := env.Server.Advance(61 * time.Minute)
	require.NoError(t, err)
	out = messageList{}
	get(t, env, "/messages", &out)
	assert.Equal(t, "expired", out.Messages[1].Status)
	assert.NotContains(t, out.Messages[1].Text, "expires in", "no countdown once expired")

	// A second code to the same number replaces the first.
	for range 2 {
		status, body := env.DoJSON(t, http.MethodPost, "/v1/otps/sms/login_or_create", map[string]any{"phone_number": "+12025550143"})
		require.Equal(t, http.StatusOK, status, body)
	}
	out = messageList{}
	get(t, env, "/messages?to=%2B12025550143", &out)
	require.Len(t, out.Messages, 2)
	assert.Equal(t, "superseded", out.Messages[0].Status)
	assert.Equal(t, "active", out.Messages[1].Status)
	assert.Empty(t, out.Messages[1].Subject, "a text message has no subject")
	assert.Equal(t, "Your verification code is "+out.Messages[1].Code+". It expires in 2 minutes.", out.Messages[1].Text)
}

func TestUsersSessionsAndRevoke(t *testing.T) {
	env := emutest.New(t)
	status, body := env.DoJSON(t, http.MethodPost, "/v1/passwords", map[string]any{"email": "grace@example.com",
		"password": "correct-horse-battery-staple-42", "session_duration_minutes": 60,
		"name": map[string]any{"first_name": "Grace", "last_name": "Hopper"}})
	require.Equal(t, http.StatusOK, status, body)
	userID, token := body["user_id"].(string), body["session_token"].(string)
	status, body = env.DoJSON(t, http.MethodPost, "/v1/totps", map[string]any{"user_id": userID})
	require.Equal(t, http.StatusOK, status, body)
	status, body = env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"phone_number": "+12025550199"})
	require.Equal(t, http.StatusCreated, status, body)

	status, raw := env.Do(t, http.MethodGet, "/emulator/v1/users", nil)
	require.Equal(t, http.StatusOK, status)
	assert.NotContains(t, string(raw), `"hash"`, "no password hash")
	assert.NotContains(t, string(raw), `"secret"`, "no TOTP secret")
	var users struct {
		Users []struct {
			UserID   string `json:"user_id"`
			Name     struct{ First, Last string }
			Emails   []struct{ Address string }
			Phones   []struct{ Number string }
			Password *struct {
				PasswordID string `json:"password_id"`
			}
			TOTPs []struct {
				RecoveryCodesLeft int `json:"recovery_codes_left"`
			}
			Sessions int
		}
	}
	require.NoError(t, json.Unmarshal(raw, &users))
	require.Len(t, users.Users, 2)
	grace := users.Users[1] // newest first: the phone user was created last
	assert.Equal(t, userID, grace.UserID)
	assert.Equal(t, "Grace", grace.Name.First)
	assert.Equal(t, "grace@example.com", grace.Emails[0].Address)
	require.NotNil(t, grace.Password)
	require.Len(t, grace.TOTPs, 1)
	assert.Equal(t, 10, grace.TOTPs[0].RecoveryCodesLeft)
	assert.Equal(t, 1, grace.Sessions)
	assert.Equal(t, "+12025550199", users.Users[0].Phones[0].Number)

	var sessions struct {
		Sessions []struct {
			SessionID string `json:"session_id"`
			UserID    string `json:"user_id"`
			User      string
			Factors   []struct{ Type string } `json:"authentication_factors"`
		}
	}
	get(t, env, "/sessions?user_id="+userID, &sessions)
	require.Len(t, sessions.Sessions, 1)
	s := sessions.Sessions[0]
	assert.Equal(t, "grace@example.com", s.User)
	assert.Equal(t, "password", s.Factors[0].Type)
	assert.NotContains(t, string(mustJSON(t, sessions)), token)

	status, body = env.DoJSON(t, http.MethodPost, "/emulator/v1/sessions/"+s.SessionID+"/revoke", nil)
	require.Equal(t, http.StatusOK, status, body)
	assert.Equal(t, "revoked", body["status"])
	status, body = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": token})
	assert.Equal(t, http.StatusNotFound, status, body)
	status, body = env.DoJSON(t, http.MethodPost, "/emulator/v1/sessions/"+s.SessionID+"/revoke", nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "session_not_found", body["error_type"])
	sessions.Sessions = nil
	get(t, env, "/sessions", &sessions)
	assert.Empty(t, sessions.Sessions)

	var st struct {
		ProjectID   string `json:"project_id"`
		ClockOffset string `json:"clock_offset"`
		Users       int
		Sessions    int
		Messages    int
	}
	_, err := env.Server.Advance(90 * time.Minute)
	require.NoError(t, err)
	get(t, env, "/status", &st)
	assert.Equal(t, env.Server.ProjectID(), st.ProjectID)
	assert.Equal(t, "1h30m0s", st.ClockOffset)
	assert.Equal(t, 2, st.Users)
	assert.Equal(t, 0, st.Sessions)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// TestB2BMessagesSayWhetherTheyStillWork: the outbox knows the state of
// B2B passcodes (an Organization's, discovery's) and B2B password reset
// links as it does of Consumer ones.
func TestB2BMessagesSayWhetherTheyStillWork(t *testing.T) {
	env := emutest.New(t)
	call := func(path string, body map[string]any) map[string]any {
		t.Helper()
		status, m := env.DoJSON(t, http.MethodPost, path, body)
		require.Equal(t, http.StatusOK, status, m)
		return m
	}
	org := call("/v1/b2b/organizations", map[string]any{"organization_name": "Acme", "organization_slug": "acme",
		"email_allowed_domains": []string{"acme.com"}, "email_jit_provisioning": "RESTRICTED"})
	orgID := org["organization"].(map[string]any)["organization_id"].(string)
	for range 2 {
		call("/v1/b2b/otps/email/login_or_signup", map[string]any{"organization_id": orgID, "email_address": "ada@acme.com"})
	}
	var out messageList
	get(t, env, "/messages?to=ada@acme.com", &out)
	require.Len(t, out.Messages, 2)
	assert.Equal(t, "superseded", out.Messages[0].Status, "only the latest B2B passcode works")
	assert.Equal(t, "active", out.Messages[1].Status)
	require.NotNil(t, out.Messages[1].ExpiresAt)

	call("/v1/b2b/otps/email/authenticate", map[string]any{"organization_id": orgID, "email_address": "ada@acme.com",
		"code": out.Messages[1].Code})
	out = messageList{}
	get(t, env, "/messages?to=ada@acme.com", &out)
	assert.Equal(t, "used", out.Messages[1].Status)

	call("/v1/b2b/otps/email/discovery/send", map[string]any{"email_address": "ada@acme.com"})
	call("/v1/b2b/passwords/email/reset/start", map[string]any{"organization_id": orgID, "email_address": "ada@acme.com"})
	out = messageList{}
	get(t, env, "/messages?to=ada@acme.com", &out)
	require.Len(t, out.Messages, 4)
	assert.Equal(t, "otp", out.Messages[2].Kind)
	assert.Equal(t, "active", out.Messages[2].Status, "the discovery passcode")
	assert.Equal(t, "password_reset", out.Messages[3].Kind)
	assert.Equal(t, "active", out.Messages[3].Status, "the B2B reset link")

	_, err := env.Server.Advance(24 * time.Hour)
	require.NoError(t, err)
	out = messageList{}
	get(t, env, "/messages?to=ada@acme.com", &out)
	for _, m := range out.Messages[2:] {
		assert.Equal(t, "expired", m.Status, m.Kind)
	}
}
