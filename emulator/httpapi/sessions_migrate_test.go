package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/gen"
)

// externalToken mints an access token of the emulated external IdP over the
// control plane.
func externalToken(t *testing.T, env *emutest.Env, body map[string]any) map[string]any {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/emulator/v1/external_idp/tokens", body)
	require.Equal(t, http.StatusCreated, status, m)
	return m
}

func TestSessionsMigrate(t *testing.T) {
	env := emutest.New(t)
	status, created := env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": "legacy@example.com"})
	require.Equal(t, http.StatusCreated, status, created)
	userID := created["user_id"].(string)

	tok := externalToken(t, env, map[string]any{"email": "legacy@example.com", "name": "Leg Acy", "email_verified": true})
	assert.EqualValues(t, 3600, tok["expires_in"])
	access := tok["access_token"].(string)

	// The emulated provider's UserInfo answers for the token.
	req, err := http.NewRequest(http.MethodGet, env.URL+"/emulator/v1/external_idp/userinfo", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+access)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	info := decodeBody(t, res)
	require.Equal(t, http.StatusOK, res.StatusCode, info)
	assert.Equal(t, "legacy@example.com", info["email"])
	assert.Equal(t, "Leg Acy", info["name"])
	assert.Equal(t, true, info["email_verified"])

	minutes := int32(30)
	r := emutest.Call[gen.SessionsMigrateResponse](t, env, "POST", "/v1/sessions/migrate", gen.SessionsMigrateRequest{SessionToken: access,
		SessionDurationMinutes: &minutes, SessionCustomClaims: map[string]any{"migrated": true}})
	require.Equal(t, http.StatusOK, r.StatusCode, string(r.Body))
	body := r.JSON200
	assert.Equal(t, userID, body.UserID)
	require.NotNil(t, body.Session)
	assert.NotEmpty(t, body.SessionToken)
	assert.NotEmpty(t, body.SessionJWT)
	assert.WithinDuration(t, env.Server.Now().Add(30*time.Minute), *body.Session.ExpiresAt, 2*time.Second)
	require.Len(t, body.Session.AuthenticationFactors, 1)
	f := body.Session.AuthenticationFactors[0]
	assert.Equal(t, gen.AuthenticationFactorTypeImported, f.Type)
	assert.Equal(t, gen.AuthenticationFactorDeliveryMethodImportedAuth0, f.DeliveryMethod)
	require.NotNil(t, body.Session.CustomClaims)
	assert.Equal(t, map[string]any{"migrated": true}, body.Session.CustomClaims)

	// The session is a real one: it authenticates.
	status, a := env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": body.SessionToken})
	require.Equal(t, http.StatusOK, status, a)
	assert.Equal(t, userID, a["user"].(map[string]any)["user_id"])

	// The access token is not single use; without a duration no session starts.
	status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/migrate", map[string]any{"session_token": access})
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, userID, m["user_id"])
	assert.Empty(t, m["session_token"])
	assert.Nil(t, m["session"])
}

func TestSessionsMigrateFailures(t *testing.T) {
	env := emutest.New(t)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/migrate", map[string]any{"session_token": "not-a-token"})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_external_session", m["error_type"])

	// Stytch matches an existing user only: the user must be created first.
	access := externalToken(t, env, map[string]any{"email": "nobody@example.com"})["access_token"]
	status, m = env.DoJSON(t, http.MethodPost, "/v1/sessions/migrate", map[string]any{"session_token": access,
		"session_duration_minutes": 60})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "user_not_found", m["error_type"])
	assert.NotContains(t, m["error_message"], access)

	status, m = env.DoJSON(t, http.MethodPost, "/emulator/v1/external_idp/tokens", map[string]any{"email": "bad"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_email", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/emulator/v1/external_idp/tokens", map[string]any{"mail": "x@example.com"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "bad_request", m["error_type"])
	res := rawCall(t, env, http.MethodPost, env.URL+"/emulator/v1/external_idp/tokens", map[string]any{"email": "a@example.com"}, false)
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
}

func TestSessionsMigrateExpiry(t *testing.T) {
	env := emutest.New(t)
	env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": "exp@example.com"})
	access, expires, err := env.Server.IssueExternalIDPToken(emulator.ExternalIdentity{Email: "exp@example.com", TTL: 10 * time.Minute})
	require.NoError(t, err)
	assert.WithinDuration(t, env.Server.Now().Add(10*time.Minute), expires, time.Second)

	status, m := env.DoJSON(t, http.MethodPost, "/v1/sessions/migrate", map[string]any{"session_token": access,
		"session_duration_minutes": 5})
	require.Equal(t, http.StatusOK, status, m)
	session := m["session_token"].(string)

	_, err = env.Server.Advance(10 * time.Minute)
	require.NoError(t, err)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/sessions/migrate", map[string]any{"session_token": access})
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_external_session", m["error_type"])
	// The migrated 5-minute session has expired too.
	status, m = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": session})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "session_not_found", m["error_type"])
}
