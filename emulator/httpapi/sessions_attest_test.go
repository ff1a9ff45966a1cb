package httpapi_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/gen"
)

const (
	trustedIss = "https://issuer.example.com"
	trustedAud = "my-app"
)

// rsaProfile registers a profile trusting emutest's shared RSA key (as PEM)
// over the control plane and returns its id.
func rsaProfile(t *testing.T, env *emutest.Env, jit bool) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(&emutest.SharedKey().PublicKey)
	require.NoError(t, err)
	status, m := env.DoJSON(t, http.MethodPost, "/emulator/v1/trusted_token_profiles", map[string]any{
		"issuer": trustedIss, "audience": trustedAud, "allow_jit_provisioning": jit,
		"public_key_pem": string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))})
	require.Equal(t, http.StatusCreated, status, m)
	assert.Equal(t, "email", m["email_claim"])
	assert.Equal(t, "jti", m["token_id_claim"])
	return m["profile_id"].(string)
}

// trustedJWT signs claims (iss, aud and a 10-minute exp by default).
func trustedJWT(t *testing.T, env *emutest.Env, method jwt.SigningMethod, key any, kid string, claims jwt.MapClaims) string {
	t.Helper()
	now := env.Server.Now()
	full := jwt.MapClaims{"iss": trustedIss, "aud": trustedAud, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
	for k, v := range claims {
		full[k] = v
	}
	tok := jwt.NewWithClaims(method, full)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	require.NoError(t, err)
	return s
}

func rs256(t *testing.T, env *emutest.Env, claims jwt.MapClaims) string {
	return trustedJWT(t, env, jwt.SigningMethodRS256, emutest.SharedKey(), "", claims)
}

func TestSessionsAttest(t *testing.T) {
	env := emutest.New(t)
	profile := rsaProfile(t, env, true)
	minutes := int32(60)

	r := emutest.Call[gen.SessionsAttestResponse](t, env, "POST", "/v1/sessions/attest", gen.SessionsAttestRequest{ProfileID: profile,
		Token: rs256(t, env, jwt.MapClaims{"email": "Trusted@Example.com", "jti": "tok-1"}), SessionDurationMinutes: &minutes})
	require.Equal(t, http.StatusOK, r.StatusCode, string(r.Body))
	first := r.JSON200
	require.NotNil(t, first.Session)
	require.Len(t, first.User.Emails, 1)
	assert.Equal(t, "trusted@example.com", first.User.Emails[0].Email, "JIT provisioning created the user")
	require.Len(t, first.Session.AuthenticationFactors, 1)
	f := first.Session.AuthenticationFactors[0]
	assert.Equal(t, gen.AuthenticationFactorTypeTrustedAuthToken, f.Type)
	assert.Equal(t, gen.AuthenticationFactorDeliveryMethodTrustedTokenExchange, f.DeliveryMethod)
	require.NotNil(t, f.TrustedAuthTokenFactor)
	assert.Equal(t, "tok-1", f.TrustedAuthTokenFactor.TokenID)

	// A second token for the same email reuses the user and, given the
	// session token, adds its factor to that session and extends it.
	_, err := env.Server.Advance(time.Minute)
	require.NoError(t, err)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/attest", map[string]any{"profile_id": profile,
		"token":         rs256(t, env, jwt.MapClaims{"email": "trusted@example.com", "jti": "tok-2"}),
		"session_token": first.SessionToken, "session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, first.UserID, m["user_id"])
	sess := m["session"].(map[string]any)
	assert.Equal(t, first.Session.SessionID, sess["session_id"])
	assert.Len(t, sess["authentication_factors"], 2)
	exp, err := time.Parse(time.RFC3339, sess["expires_at"].(string))
	require.NoError(t, err)
	assert.True(t, exp.After(*first.Session.ExpiresAt), "the session was extended")

	status, m = env.DoJSON(t, http.MethodPost, "/v1/users/search", map[string]any{"limit": 10})
	require.Equal(t, http.StatusOK, status, m)
	assert.Len(t, m["results"], 1, "one user for both tokens")
}

func TestSessionsAttestJWKSAndAccessor(t *testing.T) {
	env := emutest.New(t)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	b64 := func(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
	x, y := make([]byte, 32), make([]byte, 32)
	ec.X.FillBytes(x)
	ec.Y.FillBytes(y)
	jwks := `{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","x":"` + b64(x) + `","y":"` + b64(y) + `"}]}`
	profile, err := env.Server.CreateTrustedTokenProfile(emulator.TrustedTokenProfile{Issuer: trustedIss, Audience: trustedAud,
		JWKS: []byte(jwks), EmailClaim: "mail"})
	require.NoError(t, err)

	// JIT provisioning is off by default: the user must exist.
	tok := trustedJWT(t, env, jwt.SigningMethodES256, ec, "k1", jwt.MapClaims{"mail": "ec@example.com"})
	status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/attest", map[string]any{"profile_id": profile, "token": tok})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "user_not_found", m["error_type"])

	status, m = env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": "ec@example.com"})
	require.Equal(t, http.StatusCreated, status, m)
	userID := m["user_id"]
	status, m = env.DoJSON(t, http.MethodPost, "/v1/sessions/attest", map[string]any{"profile_id": profile, "token": tok,
		"session_duration_minutes": 15})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, userID, m["user_id"])
	f := m["session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Regexp(t, `^trusted-auth-token-test-`, f["trusted_auth_token_factor"].(map[string]any)["token_id"],
		"no jti: a token id is generated")

	// A kid the profile does not have cannot verify.
	other := trustedJWT(t, env, jwt.SigningMethodES256, ec, "k2", jwt.MapClaims{"mail": "ec@example.com"})
	status, m = env.DoJSON(t, http.MethodPost, "/v1/sessions/attest", map[string]any{"profile_id": profile, "token": other})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "invalid_trusted_auth_token", m["error_type"])
}

func TestSessionsAttestFailures(t *testing.T) {
	env := emutest.New(t)
	profile := rsaProfile(t, env, true)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	good := jwt.MapClaims{"email": "f@example.com"}
	cases := []struct {
		name, profile, token string
		status               int
		errType              string
	}{
		{"unknown profile", "trusted-token-profile-test-nope", rs256(t, env, good), http.StatusNotFound, "trusted_auth_token_profile_not_found"},
		{"wrong key", profile, trustedJWT(t, env, jwt.SigningMethodES256, ec, "", good), http.StatusUnauthorized, "invalid_trusted_auth_token"},
		{"wrong issuer", profile, rs256(t, env, jwt.MapClaims{"email": "f@example.com", "iss": "https://evil.example.com"}), http.StatusUnauthorized, "invalid_trusted_auth_token"},
		{"wrong audience", profile, rs256(t, env, jwt.MapClaims{"email": "f@example.com", "aud": "other"}), http.StatusUnauthorized, "invalid_trusted_auth_token"},
		{"malformed", profile, "not.a.jwt", http.StatusUnauthorized, "invalid_trusted_auth_token"},
		{"no email claim", profile, rs256(t, env, jwt.MapClaims{"sub": "x"}), http.StatusBadRequest, "invalid_trusted_auth_token_claims"},
		{"already expired", profile, rs256(t, env, jwt.MapClaims{"email": "f@example.com", "exp": env.Server.Now().Add(-time.Minute).Unix()}), http.StatusUnauthorized, "trusted_auth_token_expired"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/attest", map[string]any{"profile_id": c.profile, "token": c.token,
				"session_duration_minutes": 30})
			assert.Equal(t, c.status, status, m)
			assert.Equal(t, c.errType, m["error_type"])
			assert.NotContains(t, m["error_message"], c.token)
		})
	}

	// Bad profile definitions are rejected by the control plane.
	for _, body := range []map[string]any{
		{"issuer": trustedIss, "audience": trustedAud},
		{"issuer": trustedIss, "public_key_pem": "x"},
		{"issuer": trustedIss, "audience": trustedAud, "public_key_pem": "not pem"},
		{"issuer": trustedIss, "audience": trustedAud, "jwks": map[string]any{"keys": []any{}}},
		// (1, 1) is not a point of P-256.
		{"issuer": trustedIss, "audience": trustedAud, "jwks": map[string]any{"keys": []any{
			map[string]any{"kty": "EC", "crv": "P-256", "kid": "off", "x": "AQ", "y": "AQ"}}}},
		// A coordinate longer than P-256's 32 bytes.
		{"issuer": trustedIss, "audience": trustedAud, "jwks": map[string]any{"keys": []any{
			map[string]any{"kty": "EC", "crv": "P-256", "kid": "long", "x": strings.Repeat("_", 46), "y": "AQ"}}}},
	} {
		status, m := env.DoJSON(t, http.MethodPost, "/emulator/v1/trusted_token_profiles", body)
		assert.Equal(t, http.StatusBadRequest, status, body)
		assert.Contains(t, []any{"bad_request", "invalid_public_key"}, m["error_type"])
	}
}

func TestSessionsAttestExpiry(t *testing.T) {
	env := emutest.New(t)
	profile := rsaProfile(t, env, true)
	tok := rs256(t, env, jwt.MapClaims{"email": "late@example.com", "jti": "late"})
	status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/attest", map[string]any{"profile_id": profile, "token": tok,
		"session_duration_minutes": 5})
	require.Equal(t, http.StatusOK, status, m)
	session := m["session_token"].(string)

	_, err := env.Server.Advance(11 * time.Minute)
	require.NoError(t, err)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/sessions/attest", map[string]any{"profile_id": profile, "token": tok})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "trusted_auth_token_expired", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": session})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "session_not_found", m["error_type"])
}
