package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

func TestOTPSmsWhatsAppEmail(t *testing.T) {
	env := emutest.New(t)
	for _, tc := range []struct{ path, field, to, channel, delivery, idKey string }{
		{"/v1/otps/sms/login_or_create", "phone_number", "+12025550101", "sms", "sms", "phone_id"},
		{"/v1/otps/whatsapp/login_or_create", "phone_number", "+12025550102", "whatsapp", "whatsapp", "phone_id"},
		{"/v1/otps/email/login_or_create", "email", "otp@example.com", "email", "email", "email_id"},
	} {
		t.Run(tc.channel, func(t *testing.T) {
			status, m := env.DoJSON(t, http.MethodPost, tc.path, map[string]any{tc.field: tc.to})
			require.Equal(t, http.StatusOK, status, m)
			assert.Equal(t, true, m["user_created"])
			msg := env.LastMessage(t, tc.to)
			assert.Equal(t, tc.channel, msg.Channel)
			assert.Equal(t, "otp", msg.Kind)
			assert.Regexp(t, `^[0-9]{6}$`, msg.Code)
			assert.Equal(t, m[tc.idKey], msg.MethodID)

			status, a := env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{
				"method_id": msg.MethodID, "code": msg.Code, "session_duration_minutes": 30})
			require.Equal(t, http.StatusOK, status, a)
			f := a["session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
			assert.Equal(t, "otp", f["type"])
			assert.Equal(t, tc.delivery, f["delivery_method"])

			status, a = env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code})
			assert.Equal(t, http.StatusUnauthorized, status, "a code is single-use")
			assert.Equal(t, "unable_to_auth_otp_code", a["error_type"])
		})
	}
}

func TestOTPExpiryAndSend(t *testing.T) {
	env := emutest.New(t)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/otps/sms/send", map[string]any{"phone_number": "+12025550199"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "phone_number_not_found", m["error_type"])

	createUser(t, env, map[string]any{"phone_number": "+12025550199"})
	status, m = env.DoJSON(t, http.MethodPost, "/v1/otps/sms/send", map[string]any{"phone_number": "+12025550199"})
	require.Equal(t, http.StatusOK, status, m)
	msg := env.LastMessage(t, "+12025550199")
	_, err := env.Server.Advance(flows.DefaultOTPMinutes*time.Minute + time.Second)
	require.NoError(t, err)
	status, a := env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_otp_code", a["error_type"])

	// a new send to an existing user, adding the phone to another user by user_id
	other := createUser(t, env, map[string]any{"email": "o@example.com"})["user_id"].(string)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/otps/whatsapp/send", map[string]any{"phone_number": "+12025550198", "user_id": other})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, other, m["user_id"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/otps/whatsapp/send", map[string]any{"phone_number": "+12025550199", "user_id": other})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "duplicate_phone_number", m["error_type"])
}

func TestOTPLockout(t *testing.T) {
	env := emutest.New(t)
	env.DoJSON(t, http.MethodPost, "/v1/otps/email/login_or_create", map[string]any{"email": "lock@example.com"})
	msg := env.LastMessage(t, "lock@example.com")
	wrong := "000001"
	if msg.Code == wrong {
		wrong = "000002"
	}
	for i := range flows.LockoutThreshold {
		status, a := env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": wrong})
		require.Equal(t, http.StatusNotFound, status, "attempt %d", i)
		assert.Equal(t, "otp_code_not_found", a["error_type"])
	}
	status, a := env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code})
	assert.Equal(t, http.StatusTooManyRequests, status, "locked even with the right code")
	assert.Equal(t, "user_lock_limit_reached", a["error_type"])
	_, u := env.DoJSON(t, http.MethodGet, "/v1/users/"+msg.UserID, nil)
	assert.Equal(t, true, u["is_locked"])
	assert.NotNil(t, u["lock_expires_at"])

	_, err := env.Server.Advance(flows.LockoutDuration)
	require.NoError(t, err)
	env.DoJSON(t, http.MethodPost, "/v1/otps/email/send", map[string]any{"email": "lock@example.com"})
	msg = env.LastMessage(t, "lock@example.com")
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code})
	assert.Equal(t, http.StatusOK, status, "the lock expires")
}

func TestOTPSandbox(t *testing.T) {
	env := emutest.New(t)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/otps/sms/send", map[string]any{"phone_number": flows.SandboxPhone})
	require.Equal(t, http.StatusOK, status, m)
	assert.Empty(t, env.Server.Messages(flows.SandboxPhone))
	status, a := env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": m["phone_id"], "code": flows.SandboxOTPCode})
	require.Equal(t, http.StatusOK, status, a)
	assert.Equal(t, flows.SandboxUserID, a["user_id"])
}
