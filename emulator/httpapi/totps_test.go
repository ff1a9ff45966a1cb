package httpapi_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/gen"
)

// fixedEnv starts an emulator whose clock stands still except for Advance,
// so that time-based codes are deterministic.
func fixedEnv(t *testing.T) *emutest.Env {
	t.Helper()
	start := time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)
	return emutest.New(t, func(c *emulator.Config) { c.Clock = func() time.Time { return start } })
}

// newUserID creates a user with an email over the API and returns its id.
func newUserID(t *testing.T, env *emutest.Env, email string) string {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": email})
	require.Equal(t, http.StatusCreated, status, m)
	return m["user_id"].(string)
}

// totpCode is what an authenticator app shows for secret at the emulator time.
func totpCode(t *testing.T, env *emutest.Env, secret string) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, env.Server.Now(),
		totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	require.NoError(t, err)
	return code
}

// createTOTP calls TOTPsCreate through the generated client.
func createTOTP(t *testing.T, env *emutest.Env, userID string, minutes *int32) *gen.TOTPsCreateResponse {
	t.Helper()
	res := emutest.Call[gen.TOTPsCreateResponse](t, env, "POST", "/v1/totps", gen.TOTPsCreateRequest{UserID: userID, ExpirationMinutes: minutes})
	require.NotNil(t, res.JSON200, string(res.Body))
	return res.JSON200
}

func TestTOTPCreateAuthenticateAndReplay(t *testing.T) {
	env := fixedEnv(t)
	id := newUserID(t, env, "totp@example.com")
	created := createTOTP(t, env, id, nil)
	assert.Regexp(t, `^totp-test-`, created.TOTPID)
	assert.Regexp(t, `^[A-Z2-7]{32}$`, created.Secret)
	require.True(t, strings.HasPrefix(created.QrCode, "data:image/png;base64,"))
	png, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(created.QrCode, "data:image/png;base64,"))
	require.NoError(t, err)
	assert.Equal(t, "\x89PNG", string(png[:4]))
	require.Len(t, created.RecoveryCodes, 10)
	for _, c := range created.RecoveryCodes {
		assert.Regexp(t, `^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$`, c)
	}
	require.Len(t, created.User.TOTPs, 1)
	assert.False(t, created.User.TOTPs[0].Verified)

	code := totpCode(t, env, created.Secret)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate",
		map[string]any{"user_id": id, "totp_code": code, "session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, created.TOTPID, m["totp_id"])
	assert.Equal(t, true, m["user"].(map[string]any)["totps"].([]any)[0].(map[string]any)["verified"])
	factor := m["session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "totp", factor["type"])
	assert.Equal(t, "authenticator_app", factor["delivery_method"])
	assert.Equal(t, created.TOTPID, factor["authenticator_app_factor"].(map[string]any)["totp_id"])
	assert.NotEmpty(t, m["session_jwt"])

	// the same code cannot be used twice within its window
	status, m = env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate", map[string]any{"user_id": id, "totp_code": code})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_authenticate_totp", m["error_type"])

	// the next step's code works, without a session when none is asked for
	_, err = env.Server.Advance(30 * time.Second)
	require.NoError(t, err)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate",
		map[string]any{"user_id": id, "totp_code": totpCode(t, env, created.Secret)})
	require.Equal(t, http.StatusOK, status, m)
	assert.Nil(t, m["session"])
	assert.Equal(t, "", m["session_token"])

	// a verified TOTP is active: no second one
	res := emutest.Call[gen.TOTPsCreateResponse](t, env, "POST", "/v1/totps", gen.TOTPsCreateRequest{UserID: id})
	require.Equal(t, http.StatusBadRequest, res.StatusCode, string(res.Body))
	assert.Equal(t, "active_totp_exists", res.Error.ErrorType)
}

func TestTOTPWrongCodeLocksUser(t *testing.T) {
	env := fixedEnv(t)
	id := newUserID(t, env, "lock@example.com")
	created := createTOTP(t, env, id, nil)
	good := totpCode(t, env, created.Secret)
	wrong := string('0'+(good[0]-'0'+1)%10) + good[1:]
	for i := range 10 {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate", map[string]any{"user_id": id, "totp_code": wrong})
		require.Equal(t, http.StatusUnauthorized, status, "attempt %d: %v", i+1, m)
		assert.Equal(t, "unable_to_authenticate_totp", m["error_type"])
	}
	status, m := env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate", map[string]any{"user_id": id, "totp_code": good})
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Equal(t, "user_lock_limit_reached", m["error_type"])
}

func TestTOTPUnverifiedExpiresAndErrors(t *testing.T) {
	env := fixedEnv(t)
	id := newUserID(t, env, "expire@example.com")
	five := int32(5)
	created := createTOTP(t, env, id, &five)

	// an unverified TOTP can be replaced by a new one
	again := createTOTP(t, env, id, &five)
	assert.NotEqual(t, created.TOTPID, again.TOTPID)
	require.Len(t, again.User.TOTPs, 1)

	_, err := env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate",
		map[string]any{"user_id": id, "totp_code": totpCode(t, env, again.Secret)})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "totp_not_found", m["error_type"])

	status, m = env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate", map[string]any{"user_id": "user-test-nobody", "totp_code": "123456"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "user_not_found", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate", map[string]any{"user_id": id, "totp_code": "12345"})
	assert.Equal(t, http.StatusBadRequest, status, m)
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/totps", map[string]any{"user_id": id, "expiration_minutes": 2})
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestTOTPRecoveryCodesAndRecover(t *testing.T) {
	env := fixedEnv(t)
	id := newUserID(t, env, "recover@example.com")
	created := createTOTP(t, env, id, nil)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/totps/authenticate",
		map[string]any{"user_id": id, "totp_code": totpCode(t, env, created.Secret)})
	require.Equal(t, http.StatusOK, status, m)

	status, m = env.DoJSON(t, http.MethodPost, "/v1/totps/recovery_codes", map[string]any{"user_id": id})
	require.Equal(t, http.StatusOK, status, m)
	totps := m["totps"].([]any)
	require.Len(t, totps, 1)
	item := totps[0].(map[string]any)
	assert.Equal(t, created.TOTPID, item["totp_id"])
	assert.Equal(t, true, item["verified"])
	assert.Len(t, item["recovery_codes"], 10)

	code := created.RecoveryCodes[3]
	status, m = env.DoJSON(t, http.MethodPost, "/v1/totps/recover",
		map[string]any{"user_id": id, "recovery_code": code, "session_duration_minutes": 30})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, created.TOTPID, m["totp_id"])
	factor := m["session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "recovery_codes", factor["type"])
	assert.Equal(t, "recovery_code", factor["delivery_method"])
	assert.Regexp(t, `^totp-recovery-code-test-`, factor["recovery_code_factor"].(map[string]any)["totp_recovery_code_id"])

	// single use
	status, m = env.DoJSON(t, http.MethodPost, "/v1/totps/recover", map[string]any{"user_id": id, "recovery_code": code})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "invalid_recovery_code", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/totps/recovery_codes", map[string]any{"user_id": id})
	require.Equal(t, http.StatusOK, status)
	left := m["totps"].([]any)[0].(map[string]any)["recovery_codes"].([]any)
	assert.Len(t, left, 9)
	assert.NotContains(t, left, code)
}
