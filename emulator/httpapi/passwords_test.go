package httpapi_test

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

const strongPassword = "correct-Horse-battery-staple-42"

func TestPasswordCreateAuthenticate(t *testing.T) {
	env := emutest.New(t)
	status, c := env.DoJSON(t, http.MethodPost, "/v1/passwords", map[string]any{"email": "pw@example.com", "password": strongPassword,
		"session_duration_minutes": 30})
	require.Equal(t, http.StatusOK, status, c)
	assert.Regexp(t, `^email-test-`, c["email_id"])
	assert.Regexp(t, `^password-test-`, c["user"].(map[string]any)["password"].(map[string]any)["password_id"])
	assert.NotEmpty(t, c["session_token"])

	for pw, typ := range map[string]string{"password": "breached_password", "qwzx": "weak_password", "other1234": "weak_password"} {
		status, r := env.DoJSON(t, http.MethodPost, "/v1/passwords", map[string]any{"email": "other@example.com", "password": pw})
		assert.Equal(t, http.StatusBadRequest, status, pw)
		assert.Equal(t, typ, r["error_type"], pw)
	}
	status, r := env.DoJSON(t, http.MethodPost, "/v1/passwords", map[string]any{"email": "pw@example.com", "password": strongPassword})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "duplicate_email", r["error_type"])

	status, a := env.DoJSON(t, http.MethodPost, "/v1/passwords/authenticate", map[string]any{"email": "pw@example.com", "password": strongPassword,
		"session_duration_minutes": 30})
	require.Equal(t, http.StatusOK, status, a)
	f := a["session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "password", f["type"])
	assert.Equal(t, "knowledge", f["delivery_method"])

	status, a = env.DoJSON(t, http.MethodPost, "/v1/passwords/authenticate", map[string]any{"email": "pw@example.com", "password": "nope-nope-nope"})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unauthorized_credentials", a["error_type"])
	status, a = env.DoJSON(t, http.MethodPost, "/v1/passwords/authenticate", map[string]any{"email": "ghost@example.com", "password": "x"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "email_not_found", a["error_type"])

	// the hash is stored, never the password
	snap, err := env.Server.Store().Snapshot()
	require.NoError(t, err)
	assert.NotContains(t, string(snap), strongPassword)
	assert.Contains(t, string(snap), "$argon2id$")
}

func TestPasswordStrengthCheck(t *testing.T) {
	env := emutest.New(t)
	status, r := env.DoJSON(t, http.MethodPost, "/v1/passwords/strength_check", map[string]any{"password": "abc"})
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, false, r["valid_password"])
	assert.Equal(t, "zxcvbn", r["strength_policy"])
	fb := r["feedback"].(map[string]any)
	assert.NotEmpty(t, fb["warning"].(string)+" ", "weak passwords get feedback")
	luds := fb["luds_requirements"].(map[string]any)
	assert.Equal(t, true, luds["has_lower_case"])
	assert.Equal(t, false, luds["has_digit"])

	status, r = env.DoJSON(t, http.MethodPost, "/v1/passwords/strength_check", map[string]any{"password": strongPassword, "email": "a@example.com"})
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, true, r["valid_password"])
	assert.EqualValues(t, 4, r["score"])
	assert.Equal(t, false, r["breached_password"])
}

func TestPasswordMigrate(t *testing.T) {
	env := emutest.New(t)
	bc, err := bcrypt.GenerateFromPassword([]byte("legacy-pass-1"), bcrypt.MinCost)
	require.NoError(t, err)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/passwords/migrate", map[string]any{"email": "mig@example.com", "hash": string(bc),
		"hash_type": "bcrypt", "set_email_verified": true})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, true, m["user_created"])
	assert.Equal(t, true, m["user"].(map[string]any)["emails"].([]any)[0].(map[string]any)["verified"])

	status, m = env.DoJSON(t, http.MethodPost, "/v1/passwords/migrate", map[string]any{"email": "mig@example.com", "hash": string(bc), "hash_type": "bcrypt"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "password_already_exists", m["error_type"])

	status, _ = env.DoJSON(t, http.MethodPost, "/v1/passwords/authenticate", map[string]any{"email": "mig@example.com", "password": "wrong"})
	assert.Equal(t, http.StatusUnauthorized, status)
	for range 2 { // the second login checks the argon2id re-hash
		status, a := env.DoJSON(t, http.MethodPost, "/v1/passwords/authenticate", map[string]any{"email": "mig@example.com", "password": "legacy-pass-1"})
		require.Equal(t, http.StatusOK, status, a)
	}

	sum := md5.Sum([]byte("pre" + "md5-pass" + "post"))
	createUser(t, env, map[string]any{"email": "md5@example.com"})
	status, m = env.DoJSON(t, http.MethodPost, "/v1/passwords/migrate", map[string]any{"email": "md5@example.com", "hash": hex.EncodeToString(sum[:]),
		"hash_type": "md_5", "md_5_config": map[string]any{"prepend_salt": "pre", "append_salt": "post"}})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, false, m["user_created"])
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/passwords/authenticate", map[string]any{"email": "md5@example.com", "password": "md5-pass"})
	assert.Equal(t, http.StatusOK, status)

	status, m = env.DoJSON(t, http.MethodPost, "/v1/passwords/migrate", map[string]any{"email": "bad@example.com", "hash": "not-bcrypt", "hash_type": "bcrypt"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, m["error_type"], "bcrypt")
}

func TestPasswordResets(t *testing.T) {
	env := emutest.New(t)
	env.DoJSON(t, http.MethodPost, "/v1/passwords", map[string]any{"email": "r@example.com", "password": strongPassword})

	status, s := env.DoJSON(t, http.MethodPost, "/v1/passwords/email/reset/start", map[string]any{"email": "r@example.com",
		"reset_password_redirect_url": "https://app.example.com/reset"})
	require.Equal(t, http.StatusOK, status, s)
	msg := env.LastMessage(t, "r@example.com")
	assert.Equal(t, "password_reset", msg.Kind)
	assert.Contains(t, msg.Link, "stytch_token_type=reset_password")
	next := strongPassword + "-v2"
	status, r := env.DoJSON(t, http.MethodPost, "/v1/passwords/email/reset", map[string]any{"token": msg.Token, "password": "weak"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "weak_password", r["error_type"])
	status, r = env.DoJSON(t, http.MethodPost, "/v1/passwords/email/reset", map[string]any{"token": msg.Token, "password": next,
		"session_duration_minutes": 10})
	require.Equal(t, http.StatusOK, status, r)
	status, r = env.DoJSON(t, http.MethodPost, "/v1/passwords/email/reset", map[string]any{"token": msg.Token, "password": next})
	assert.Equal(t, http.StatusUnauthorized, status, "reset tokens are single-use")
	assert.Equal(t, "unable_to_auth_password_reset_token", r["error_type"])

	third := strongPassword + "-v3"
	status, r = env.DoJSON(t, http.MethodPost, "/v1/passwords/existing_password/reset", map[string]any{"email": "r@example.com",
		"existing_password": strongPassword, "new_password": third})
	assert.Equal(t, http.StatusUnauthorized, status, "the old password no longer works")
	assert.Equal(t, "unauthorized_credentials", r["error_type"], "the old password no longer works")
	status, r = env.DoJSON(t, http.MethodPost, "/v1/passwords/existing_password/reset", map[string]any{"email": "r@example.com",
		"existing_password": next, "new_password": third, "session_duration_minutes": 10})
	require.Equal(t, http.StatusOK, status, r)
	token := r["session_token"].(string)

	fourth := strongPassword + "-v4"
	status, r = env.DoJSON(t, http.MethodPost, "/v1/passwords/session/reset", map[string]any{"session_token": token, "password": fourth})
	require.Equal(t, http.StatusOK, status, r)
	_, err := env.Server.Advance(flows.MaxResetSessionAge + time.Minute)
	require.NoError(t, err)
	status, r = env.DoJSON(t, http.MethodPost, "/v1/passwords/session/reset", map[string]any{"session_token": token, "password": fourth + "x"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "session_too_old_to_reset_password", r["error_type"])
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/passwords/authenticate", map[string]any{"email": "r@example.com", "password": fourth})
	assert.Equal(t, http.StatusOK, status)
}

func TestPasswordSandbox(t *testing.T) {
	env := emutest.New(t)
	status, r := env.DoJSON(t, http.MethodPost, "/v1/passwords/authenticate", map[string]any{"email": flows.SandboxEmail, "password": "anything"})
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, flows.SandboxUserID, r["user_id"])
}
