package httpapi_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/internal/softauthn"
	"github.com/stytchkit/stytchkit/gen"
)

const (
	rpDomain = "example.com"
	rpOrigin = "https://example.com"
)

// registerStart calls register/start and returns the decoded creation options.
func registerStart(t *testing.T, env *emutest.Env, body map[string]any) (string, map[string]any) {
	t.Helper()
	body["domain"] = rpDomain
	status, m := env.DoJSON(t, http.MethodPost, "/v1/webauthn/register/start", body)
	require.Equal(t, http.StatusOK, status, m)
	raw := m["public_key_credential_creation_options"].(string)
	var opts map[string]any
	require.NoError(t, json.Unmarshal([]byte(raw), &opts))
	return raw, opts
}

// registerKey runs a whole registration of a new credential held by a.
func registerKey(t *testing.T, env *emutest.Env, a *softauthn.Authenticator, userID string, start map[string]any) map[string]any {
	t.Helper()
	start["user_id"] = userID
	raw, _ := registerStart(t, env, start)
	cred, err := a.Register([]byte(raw), rpOrigin)
	require.NoError(t, err)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/webauthn/register",
		map[string]any{"user_id": userID, "public_key_credential": string(cred), "session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, m)
	return m
}

// assertKey runs authenticate/start (userID "" for a passkey login) and
// returns the assertion a signs.
func assertKey(t *testing.T, env *emutest.Env, a *softauthn.Authenticator, userID, origin string) string {
	t.Helper()
	req := gen.WebAuthnAuthenticateStartRequest{Domain: rpDomain}
	if userID != "" {
		req.UserID = &userID
	}
	res := emutest.Call[gen.WebAuthnAuthenticateStartResponse](t, env, "POST", "/v1/webauthn/authenticate/start", req)
	require.NotNil(t, res.JSON200, string(res.Body))
	assert.Equal(t, userID, res.JSON200.UserID)
	resp, err := a.Assert([]byte(res.JSON200.PublicKeyCredentialRequestOptions), origin)
	require.NoError(t, err)
	return string(resp)
}

func webauthnAuth(t *testing.T, env *emutest.Env, cred string) (int, map[string]any) {
	t.Helper()
	return env.DoJSON(t, http.MethodPost, "/v1/webauthn/authenticate", map[string]any{"public_key_credential": cred, "session_duration_minutes": 30})
}

func TestWebAuthnRegisterAndAuthenticate(t *testing.T) {
	env := emutest.New(t)
	id := newUserID(t, env, "key@example.com")
	a := softauthn.New()
	m := registerKey(t, env, a, id, map[string]any{"use_base64_url_encoding": true, "user_agent": "TestAgent/1.0",
		"authenticator_type": "platform"})
	regID := m["webauthn_registration_id"].(string)
	assert.Regexp(t, `^webauthn-registration-test-`, regID)
	reg := m["user"].(map[string]any)["webauthn_registrations"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"webauthn_registration_id": regID, "domain": rpDomain, "user_agent": "TestAgent/1.0",
		"verified": true, "authenticator_type": "platform", "name": ""}, reg)
	f := m["session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "webauthn", f["type"])
	assert.Equal(t, "webauthn_registration", f["delivery_method"])
	assert.Equal(t, regID, f["webauthn_factor"].(map[string]any)["webauthn_registration_id"])

	// a subdomain origin is fine, as in browsers
	cred := assertKey(t, env, a, id, "https://login.example.com")
	status, m := webauthnAuth(t, env, cred)
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, id, m["user_id"])
	assert.Equal(t, regID, m["webauthn_registration_id"])
	assert.NotEmpty(t, m["session_jwt"])

	// the challenge is single use
	status, m = webauthnAuth(t, env, cred)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_webauthn", m["error_type"])

	// list, rename
	status, l := env.DoJSON(t, http.MethodGet, "/v1/webauthn/credentials/"+id+"/"+rpDomain, nil)
	require.Equal(t, http.StatusOK, status, l)
	list := l["credentials"].([]any)
	require.Len(t, list, 1)
	assert.Equal(t, a.Credentials()[0].ID, list[0].(map[string]any)["credential_id"])
	assert.Equal(t, "public-key", list[0].(map[string]any)["type"])
	status, l = env.DoJSON(t, http.MethodGet, "/v1/webauthn/credentials/"+id+"/other.example", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, l["credentials"])
	status, u := env.DoJSON(t, http.MethodPut, "/v1/webauthn/"+regID, map[string]any{"name": "Laptop"})
	require.Equal(t, http.StatusOK, status, u)
	assert.Equal(t, "Laptop", u["webauthn_registration"].(map[string]any)["name"])
	status, u = env.DoJSON(t, http.MethodPut, "/v1/webauthn/webauthn-registration-test-nope", map[string]any{"name": "x"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "webauthn_registration_not_found", u["error_type"])
}

func TestWebAuthnPasskeyDiscoverableLogin(t *testing.T) {
	env := emutest.New(t)
	id := newUserID(t, env, "passkey@example.com")
	a := softauthn.New()
	raw, opts := registerStart(t, env, map[string]any{"user_id": id, "return_passkey_credential_options": true})
	sel := opts["authenticatorSelection"].(map[string]any)
	assert.Equal(t, "required", sel["residentKey"])
	assert.Equal(t, "preferred", sel["userVerification"])
	// default encoding is standard base64
	assert.Equal(t, base64.StdEncoding.EncodeToString([]byte(id)), opts["user"].(map[string]any)["id"])
	assert.Equal(t, "passkey@example.com", opts["user"].(map[string]any)["name"])
	cred, err := a.Register([]byte(raw), rpOrigin)
	require.NoError(t, err)
	status, m := env.DoJSON(t, http.MethodPost, "/v1/webauthn/register", map[string]any{"user_id": id, "public_key_credential": string(cred)})
	require.Equal(t, http.StatusOK, status, m)
	assert.Nil(t, m["session"])

	status, m = webauthnAuth(t, env, assertKey(t, env, a, "", rpOrigin))
	require.Equal(t, http.StatusOK, status, m)
	assert.Equal(t, id, m["user_id"])
}

func TestWebAuthnOverrideIDAndSignCount(t *testing.T) {
	env := emutest.New(t)
	id := newUserID(t, env, "override@example.com")
	a := softauthn.New()
	_, opts := registerStart(t, env, map[string]any{"user_id": id, "use_base64_url_encoding": true,
		"override_id": "handle-42", "override_name": "ada", "override_display_name": "Ada L."})
	user := opts["user"].(map[string]any)
	assert.Equal(t, base64.RawURLEncoding.EncodeToString([]byte("handle-42")), user["id"])
	assert.Equal(t, "ada", user["name"])
	assert.Equal(t, "Ada L.", user["displayName"])
	registerKey(t, env, a, id, map[string]any{"use_base64_url_encoding": true, "override_id": "handle-42"})

	status, m := webauthnAuth(t, env, assertKey(t, env, a, id, rpOrigin))
	require.Equal(t, http.StatusOK, status, m)
	status, m = webauthnAuth(t, env, assertKey(t, env, a, "", rpOrigin))
	require.Equal(t, http.StatusOK, status, m)

	// a counter that does not increase looks like a cloned authenticator
	require.NoError(t, a.SetSignCount(a.Credentials()[0].ID, 0))
	status, m = webauthnAuth(t, env, assertKey(t, env, a, id, rpOrigin))
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_webauthn", m["error_type"])
}

func TestWebAuthnTamperedExpiredAndErrors(t *testing.T) {
	env := emutest.New(t)
	id := newUserID(t, env, "tamper@example.com")
	a := softauthn.New()
	registerKey(t, env, a, id, map[string]any{})

	var resp map[string]any
	require.NoError(t, json.Unmarshal([]byte(assertKey(t, env, a, id, rpOrigin)), &resp))
	r := resp["response"].(map[string]any)
	sig, err := base64.RawURLEncoding.DecodeString(r["signature"].(string))
	require.NoError(t, err)
	sig[len(sig)-1] ^= 1 // the last byte of the DER signature's s value
	r["signature"] = base64.RawURLEncoding.EncodeToString(sig)
	tampered, err := json.Marshal(resp)
	require.NoError(t, err)
	status, m := webauthnAuth(t, env, string(tampered))
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "unable_to_auth_webauthn", m["error_type"])

	raw, _ := registerStart(t, env, map[string]any{"user_id": id})
	cred, err := softauthn.New().Register([]byte(raw), rpOrigin)
	require.NoError(t, err)
	_, err = env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/webauthn/register", map[string]any{"user_id": id, "public_key_credential": string(cred)})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_public_key_credential", m["error_type"])

	status, m = env.DoJSON(t, http.MethodPost, "/v1/webauthn/register", map[string]any{"user_id": id, "public_key_credential": "{}"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_public_key_credential", m["error_type"])
	other := newUserID(t, env, "nokeys@example.com")
	status, m = env.DoJSON(t, http.MethodPost, "/v1/webauthn/authenticate/start", map[string]any{"domain": rpDomain, "user_id": other})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "webauthn_registration_not_found", m["error_type"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/webauthn/register/start", map[string]any{"domain": rpDomain, "user_id": "user-test-nobody"})
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "user_not_found", m["error_type"])
}
