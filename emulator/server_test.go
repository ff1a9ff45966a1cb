package emulator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
)

func TestUnknownRouteIsStytchShaped404(t *testing.T) {
	env := emutest.New(t)
	status, body := env.DoJSON(t, http.MethodGet, "/v1/nope", nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "route_not_found", body["error_type"])
	assert.True(t, strings.HasPrefix(body["request_id"].(string), "request-id-test-"))
	assert.Equal(t, "https://stytch.com/docs/api/errors/404#route_not_found", body["error_url"])
}

func TestWrongCredentialsAre401(t *testing.T) {
	env := emutest.New(t)
	for name, set := range map[string]func(*http.Request){
		"missing": func(r *http.Request) {},
		"wrong":   func(r *http.Request) { r.SetBasicAuth(env.Server.ProjectID(), "secret-test-wrong") },
	} {
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, env.URL+"/v1/users/user-test-x", nil)
			require.NoError(t, err)
			set(req)
			req.Header.Set("Authorization", req.Header.Get("Authorization")+" ") // keep the transport from adding auth
			res, err := env.HTTPClient.Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
		})
	}
}

func TestSchemaViolationIs400NamingTheField(t *testing.T) {
	env := emutest.New(t)
	status, body := env.DoJSON(t, http.MethodPost, "/v1/otps/sms/send", map[string]any{"phone_number": "12345"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_phone_number", body["error_type"])
	assert.Contains(t, body["error_message"], "phone_number")

	status, body = env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": "x", "session_duration_minutes": 1})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_session_duration_minutes", body["error_type"])
}
