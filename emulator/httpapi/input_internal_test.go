package httpapi

import (
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/api"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

// The cap is checked only after the spec's own validation, on the premise
// that no documented maxLength is larger: a larger one would be cut short.
func TestNoDocumentedMaxLengthExceedsTheCap(t *testing.T) {
	matches := regexp.MustCompile(`(?m)^\s*maxLength:\s*(\d+)\s*$`).FindAllSubmatch(api.Spec, -1)
	require.NotEmpty(t, matches, "the spec documents some maxLength")
	for _, m := range matches {
		n, err := strconv.Atoi(string(m[1]))
		require.NoError(t, err)
		assert.LessOrEqual(t, n, MaxStringLength, "raise MaxStringLength above the spec's maxLength %d", n)
	}
}

func TestOAuth2CodedMapsEveryStatus(t *testing.T) {
	cases := []struct {
		in   *flows.Error
		want string
	}{
		{flows.E(flows.ErrBadRequest, "m"), "invalid_request"},
		{flows.E(flows.ErrRouteNotFound, "m"), "invalid_request"},
		{flows.E(flows.ErrMethodNotAllowed, "m"), "invalid_request"},
		{flows.ErrUnauthorizedCredentials.New(), "invalid_client"},
		{flows.E(flows.ErrUseHTTPS, "m"), "unauthorized_client"},
		{flows.E(flows.ErrTooManyRequests, "m"), "temporarily_unavailable"},
		{flows.E(flows.ErrServerUnavailable, "m"), "temporarily_unavailable"},
		{flows.ErrInternal(), "server_error"},
		{flows.E(flows.ErrInternalServerError, "m").WithStatus(http.StatusBadGateway), "server_error"},
		{flows.E(flows.ErrInvalidGrant, "m"), "invalid_grant"},
		{flows.E(flows.ErrInvalidScope, "m"), "invalid_scope"},
		{flows.E(flows.ErrUnsupportedGrantType, "m"), "unsupported_grant_type"},
		{flows.E(flows.ErrInvalidClient, "m"), "invalid_client"},
		{flows.E(flows.ErrUnauthorizedClient, "m"), "unauthorized_client"},
	}
	for _, c := range cases {
		got := oauth2Coded(c.in, "/v1/public/project-test-1/oauth2/token")
		assert.Equal(t, c.want, got.Type, "%d %s", c.in.Status, c.in.Type)
		assert.Equal(t, c.in.Status, got.Status)
		assert.Equal(t, c.in.Message, got.Message)
	}
	in := flows.E(flows.ErrBadRequest, "m")
	oauth2Coded(in, "/v1/public/project-test-1/oauth2/token")
	assert.Equal(t, "bad_request", in.Type, "the input is not modified")

	// A UserInfo endpoint takes a bearer token (RFC 6750).
	assert.Equal(t, "invalid_token", oauth2Coded(flows.ErrUnauthorizedCredentials.New(), "/v1/oauth2/userinfo").Type)
	assert.Equal(t, "invalid_token", oauth2Coded(flows.E(flows.ErrInvalidToken, "m"), "/v1/oauth2/userinfo").Type)
	assert.Equal(t, "insufficient_scope", oauth2Coded(flows.E(flows.ErrInsufficientScope, "m"), "/v1/oauth2/userinfo").Type)
}

func TestIsOAuth2TokenPath(t *testing.T) {
	for path, want := range map[string]bool{
		"/v1/public/project-test-1/oauth2/token":      true,
		"/v1/public/project-test-1/oauth2/introspect": true,
		"/v1/public/project-test-1/oauth2/anything":   true,
		"/v1/public/project-test-1/oauth2":            true,
		"/v1/oauth2/token":                            true,
		"/v1/oauth2/userinfo":                         true,
		"/v1/oauth2x/token":                           false,
		"/v1/public/oauth/google/start":               false,
		"/v1/public//oauth2/token":                    false,
		"/v1/public/project-test-1/oauth2x":           false,
		"/v1/users":                                   false,
	} {
		assert.Equal(t, want, IsOAuth2TokenPath(path), path)
	}
}

// BenchmarkCheckInputJSON measures the encoding and length scan every JSON
// request now goes through, on a typical users create body.
func BenchmarkCheckInputJSON(b *testing.B) {
	body := []byte(`{"email":"ada@example.com","phone_number":"+12025550123","name":{"first_name":"Ada","middle_name":"","last_name":"Lovelace"},` +
		`"trusted_metadata":{"plan":"pro","seats":12,"tags":["a","b","c"],"billing":{"country":"GB","vat":null}},` +
		`"untrusted_metadata":{"theme":"dark","locale":"en-GB"},"create_user_as_pending":false,"external_id":"ext-1234567890"}`)
	req, err := http.NewRequest(http.MethodPost, "/v1/users", nil)
	require.NoError(b, err)
	req.Header.Set("Content-Type", "application/json")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if c := checkInput(req, nil, body); c.fatal != nil || c.tooLong != "" {
			b.Fatal("unexpected rejection")
		}
	}
}
