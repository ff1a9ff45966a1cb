package httpapi_test

import (
	"crypto/rsa"
	"encoding/base64"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

// login creates a user by email OTP and returns the authenticate response
// with a session of the given length.
func login(t *testing.T, env *emutest.Env, email string, minutes int) map[string]any {
	t.Helper()
	env.DoJSON(t, http.MethodPost, "/v1/otps/email/login_or_create", map[string]any{"email": email})
	msg := env.LastMessage(t, email)
	status, a := env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{
		"method_id": msg.MethodID, "code": msg.Code, "session_duration_minutes": minutes})
	require.Equal(t, http.StatusOK, status, a)
	return a
}

// jwksKey fetches the JWKS and returns its single RSA key.
func jwksKey(t *testing.T, env *emutest.Env) (string, *rsa.PublicKey) {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodGet, "/v1/sessions/jwks/"+env.Server.ProjectID(), nil)
	require.Equal(t, http.StatusOK, status, m)
	k := m["keys"].([]any)[0].(map[string]any)
	assert.Equal(t, "RSA", k["kty"])
	assert.Equal(t, "RS256", k["alg"])
	assert.Equal(t, "sig", k["use"])
	assert.Equal(t, []any{"verify"}, k["key_ops"])
	n, err := base64.RawURLEncoding.DecodeString(k["n"].(string))
	require.NoError(t, err)
	e, err := base64.RawURLEncoding.DecodeString(k["e"].(string))
	require.NoError(t, err)
	return k["kid"].(string), &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
}

func TestSessionJWTClaims(t *testing.T) {
	env := emutest.New(t)
	a := login(t, env, "jwt@example.com", 60)
	kid, pub := jwksKey(t, env)
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(a["session_jwt"].(string), claims, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithTimeFunc(env.Server.Now), jwt.WithIssuer("stytch.com/"+env.Server.ProjectID()), jwt.WithAudience(env.Server.ProjectID()))
	require.NoError(t, err)
	assert.Equal(t, kid, tok.Header["kid"])
	assert.Regexp(t, `^jwk-test-`, kid)
	assert.Equal(t, a["user_id"], claims["sub"])
	assert.EqualValues(t, flows.JWTLifetime/time.Second, claims["exp"].(float64)-claims["iat"].(float64))
	sc := claims["https://stytch.com/session"].(map[string]any)
	assert.Equal(t, a["session"].(map[string]any)["session_id"], sc["id"])
	assert.Equal(t, []any{"stytch_user"}, sc["roles"])
	assert.Len(t, sc["authentication_factors"], 1)
}

func TestSessionAuthenticateExtendRevoke(t *testing.T) {
	env := emutest.New(t)
	a := login(t, env, "s@example.com", 10)
	token, jwtStr := a["session_token"].(string), a["session_jwt"].(string)

	status, r := env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": token,
		"session_custom_claims": map[string]any{"tier": "gold", "https://stytch.com/x": 1}})
	assert.Equal(t, http.StatusBadRequest, status, "reserved claim")
	assert.Equal(t, "invalid_session_custom_claims", r["error_type"])

	status, r = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": token,
		"session_custom_claims": map[string]any{"tier": "gold"}})
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, map[string]any{"tier": "gold"}, r["session"].(map[string]any)["custom_claims"])
	assert.NotEqual(t, jwtStr, r["session_jwt"])

	// the JWT outlives its 5 minutes: an expired JWT still authenticates while the session lives
	_, err := env.Server.Advance(8 * time.Minute)
	require.NoError(t, err)
	status, r = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_jwt": jwtStr, "session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, r)
	_, err = env.Server.Advance(30 * time.Minute) // past the original 10 minutes, within the extension
	require.NoError(t, err)
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": token})
	require.Equal(t, http.StatusOK, status, "extended session is alive")

	status, g := env.DoJSON(t, http.MethodGet, "/v1/sessions?user_id="+a["user_id"].(string), nil)
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, g["sessions"], 1)

	status, _ = env.DoJSON(t, http.MethodPost, "/v1/sessions/revoke", map[string]any{"session_jwt": jwtStr})
	require.Equal(t, http.StatusOK, status)
	status, r = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": token})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "session_not_found", r["error_type"])
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/sessions/revoke", map[string]any{"session_token": token})
	assert.Equal(t, http.StatusNotFound, status)

	status, r = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_jwt": "not.a.jwt"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "unable_to_parse_session_jwt", r["error_type"])
	status, r = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "no_session_arguments", r["error_type"])
}

func TestSessionExpiresAndDurationBounds(t *testing.T) {
	env := emutest.New(t)
	a := login(t, env, "exp@example.com", 5)
	_, err := env.Server.Advance(5 * time.Minute)
	require.NoError(t, err)
	status, _ := env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": a["session_token"]})
	assert.Equal(t, http.StatusNotFound, status)
	for _, d := range []int{4, 527041} {
		status, r := env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": "x", "session_duration_minutes": d})
		assert.Equal(t, http.StatusBadRequest, status, d)
		assert.Equal(t, "invalid_session_duration_minutes", r["error_type"], d)
	}
}

func TestSessionAddsFactorToExistingSession(t *testing.T) {
	env := emutest.New(t)
	a := login(t, env, "mfa@example.com", 60)
	userID := a["user_id"].(string)
	status, _ := env.DoJSON(t, http.MethodPost, "/v1/otps/sms/send", map[string]any{"phone_number": "+12025550177", "user_id": userID})
	require.Equal(t, http.StatusOK, status)
	msg := env.LastMessage(t, "+12025550177")
	status, r := env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code,
		"session_token": a["session_token"]})
	require.Equal(t, http.StatusOK, status, r)
	sess := r["session"].(map[string]any)
	assert.Equal(t, a["session"].(map[string]any)["session_id"], sess["session_id"])
	assert.Len(t, sess["authentication_factors"], 2)
	assert.Equal(t, a["session_token"], r["session_token"])

	// another user's session is refused
	b := login(t, env, "other@example.com", 60)
	env.DoJSON(t, http.MethodPost, "/v1/otps/sms/send", map[string]any{"phone_number": "+12025550177"})
	msg = env.LastMessage(t, "+12025550177")
	status, r = env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code,
		"session_token": b["session_token"]})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "session_user_mismatch", r["error_type"])
}

func TestSessionAuthorizationCheck(t *testing.T) {
	env := emutest.New(t)
	a := login(t, env, "rbac@example.com", 60)
	check := func(action string) (int, map[string]any) {
		return env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": a["session_token"],
			"authorization_check": map[string]any{"resource_id": "documents", "action": action}})
	}
	status, r := check("read")
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, map[string]any{"authorized": true, "granting_roles": []any{"stytch_user"}}, r["verdict"])
	status, r = check("delete")
	assert.Equal(t, http.StatusForbidden, status)
	assert.Equal(t, "consumer_session_authorization_error", r["error_type"])

	env.DoJSON(t, http.MethodPut, "/v1/users/"+a["user_id"].(string), map[string]any{"roles": []string{"stytch_admin"}})
	status, r = check("delete")
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, []any{"stytch_admin"}, r["verdict"].(map[string]any)["granting_roles"])
}

func TestSessionSandboxTokens(t *testing.T) {
	env := emutest.New(t)
	status, r := env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": flows.SandboxSessionToken})
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, "2021-08-28T00:41:59Z", r["session"].(map[string]any)["started_at"])
	status, _ = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": flows.SandboxSessionTokenNotFound})
	assert.Equal(t, http.StatusNotFound, status)
}

func TestMiscWhoamiMetricsPolicy(t *testing.T) {
	env := emutest.New(t)
	createUser(t, env, map[string]any{"email": "m1@example.com"})
	createUser(t, env, map[string]any{"email": "m2@example.com"})
	status, w := env.DoJSON(t, http.MethodGet, "/v1/debug/whoami", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, env.Server.ProjectID(), w["project_id"])
	status, m := env.DoJSON(t, http.MethodGet, "/v1/projects/metrics", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, m["metrics"], map[string]any{"metric_type": "USER_COUNT", "count": float64(2)})
	status, p := env.DoJSON(t, http.MethodGet, "/v1/rbac/policy", nil)
	require.Equal(t, http.StatusOK, status)
	roles := p["policy"].(map[string]any)["roles"].([]any)
	assert.Len(t, roles, 2)
}

func TestSessionExchangeAccessTokenHTTP(t *testing.T) {
	env := emutest.New(t)
	app := createApp(t, env, map[string]any{"client_type": "first_party", "redirect_urls": []string{appRedirect},
		"full_access_allowed": true})
	userID := createUserID(t, env, "xchg@example.com")
	full := issueAppToken(t, env, app, userID, []string{"openid", "full_access"})
	status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/exchange_access_token", map[string]any{"access_token": full.AccessToken,
		"session_duration_minutes": 15})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, userID, m["user_id"])
	assert.NotEmpty(t, m["session_jwt"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/sessions/exchange_access_token", map[string]any{"access_token": "nope"})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "invalid_access_token", m["error_type"])
}
