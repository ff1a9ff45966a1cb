package httpapi_test

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

// Helpers of the M2M, Connected Apps, IdP and fraud tests.

// postForm sends a form-encoded POST without Basic auth (the /v1/public
// OAuth2 endpoints take none) through the spec-validating client.
func postForm(t *testing.T, env *emutest.Env, path string, form url.Values) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, env.URL+path, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer none") // keeps emutest.Transport from adding Basic auth
	res, err := env.HTTPClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), string(raw))
	return res.StatusCode, m
}

// tokenPath and introspectPath are the OAuth2 endpoints of env's project.
func tokenPath(env *emutest.Env) string {
	return "/v1/public/" + env.Server.ProjectID() + "/oauth2/token"
}

func introspectPath(env *emutest.Env) string {
	return "/v1/public/" + env.Server.ProjectID() + "/oauth2/introspect"
}

// verifyWithJWKS checks a JWT's RS256 signature against the key the JWKS
// endpoint publishes (matched by kid), with the emulator clock, and returns
// its claims.
func verifyWithJWKS(t *testing.T, env *emutest.Env, token string, opts ...jwt.ParserOption) jwt.MapClaims {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodGet, "/v1/sessions/jwks/"+env.Server.ProjectID(), nil)
	require.Equal(t, http.StatusOK, status, m)
	keys := map[string]*rsa.PublicKey{}
	for _, k := range m["keys"].([]any) {
		k := k.(map[string]any)
		n, err := base64.RawURLEncoding.DecodeString(k["n"].(string))
		require.NoError(t, err)
		e, err := base64.RawURLEncoding.DecodeString(k["e"].(string))
		require.NoError(t, err)
		keys[k["kid"].(string)] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(tok *jwt.Token) (any, error) {
		kid, _ := tok.Header["kid"].(string)
		if k := keys[kid]; k != nil {
			return k, nil
		}
		return nil, jwt.ErrTokenUnverifiable
	}, append([]jwt.ParserOption{jwt.WithTimeFunc(env.Server.Now), jwt.WithValidMethods([]string{"RS256"})}, opts...)...)
	require.NoError(t, err)
	return claims
}

// flowsOf returns a flows.Service over env's store, for the few flows that
// have no HTTP route in the spec yet (the authorization_code grant, the
// control-plane telemetry registration).
func flowsOf(env *emutest.Env) *flows.Service {
	return flows.New(env.Server.Store(), env.Server.ProjectID(), nil)
}

// createUserID makes a user and returns its user_id.
func createUserID(t *testing.T, env *emutest.Env, email string) string {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": email})
	require.Equal(t, http.StatusCreated, status, m)
	return m["user_id"].(string)
}
