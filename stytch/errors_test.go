package stytch

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAPIErrorFromStytchBody(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"status_code":404,"request_id":"request-id-test-1","error_type":"user_not_found",
			"error_message":"User could not be found.","error_url":"https://stytch.com/docs/api/errors/404#user_not_found",
			"error_details":{"field":"user_id"}}`)
	})
	resp, err := getUser(c)
	assert.Nil(t, resp, "an error always comes with a nil response")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, &APIError{StatusCode: 404, RequestID: "request-id-test-1", ErrorType: ErrorTypeUserNotFound,
		ErrorMessage: "User could not be found.", ErrorURL: "https://stytch.com/docs/api/errors/404#user_not_found",
		ErrorDetails: map[string]any{"field": "user_id"}, body: ae.body}, ae)
	assert.Equal(t, "stytch: HTTP 404 user_not_found: User could not be found. (request_id request-id-test-1)", ae.Error())
	assert.True(t, IsNotFound(err))
	assert.False(t, IsUnauthorized(err))
	assert.False(t, IsRateLimited(err))
	assert.True(t, HasErrorType(err, ErrorTypeUserNotFound))
	assert.False(t, HasErrorType(err, ErrorTypeSessionNotFound))
	assert.False(t, ae.Temporary())
}

func TestOAuth2ErrorFromTokenEndpoint(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"error":"invalid_client","error_description":"Client authentication failed.",
			"error_uri":"https://stytch.com/docs","request_id":"request-id-test-2","status_code":401}`)
	})
	resp, err := c.M2M.Token(context.Background(), "m2m-client-test-1", "very-secret-client-secret", nil)
	assert.Nil(t, resp)
	var oe *OAuth2Error
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, &OAuth2Error{StatusCode: 401, Code: "invalid_client", Description: "Client authentication failed.",
		URI: "https://stytch.com/docs", RequestID: "request-id-test-2"}, oe)
	assert.True(t, IsUnauthorized(err))
	assert.True(t, HasErrorType(err, "invalid_client"))
	assert.NotContains(t, err.Error(), "very-secret-client-secret")

	_, err = c.M2M.Token(context.Background(), "", "x", nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "clientID", ve.Field)
}

func TestOAuth2EndpointWithNonOAuth2BodyIsAPIError(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "upstream down")
	})
	_, err := c.IDP.IntrospectTokenNetwork(context.Background(), &IDPIntrospectTokenNetworkParams{Form: IDPIntrospectTokenNetworkForm{Token: "t", ClientID: new("c")}})
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 502, ae.StatusCode)
	assert.Equal(t, "upstream down", ae.Body())
}

func TestExcerptIsShortAndSafe(t *testing.T) {
	long := strings.Repeat("é", 400)
	got := excerpt([]byte(long), "")
	assert.LessOrEqual(t, len(got), maxExcerpt+len("…"))
	assert.True(t, strings.HasSuffix(got, "…"))
	assert.NotContains(t, excerpt([]byte("a\x00b\x1b\nc\xff"), ""), "\x00")
	assert.Equal(t, "a b c", excerpt([]byte("a\x00b\x1b\nc"), ""))
	assert.Equal(t, "key=[redacted]", excerpt([]byte("key="+testSecret), testSecret))
}

// TestErrorStringsNeverLeakSecrets drives every error path with credentials
// and tokens in the request, and with a server that echoes them back.
func TestErrorStringsNeverLeakSecrets(t *testing.T) {
	const (
		sessionToken = "mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q"
		sessionJWT   = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl"
		password     = "correct-horse-battery-staple"
	)
	secrets := []string{testSecret, sessionToken, sessionJWT, password, "m2m-secret-value"}
	var logs bytes.Buffer
	status := http.StatusBadRequest
	body := ""
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		in, _ := io.ReadAll(r.Body)
		w.WriteHeader(status)
		// A hostile or broken server echoing the request and the credentials.
		_, _ = io.WriteString(w, body+string(in)+r.Header.Get("Authorization")+testSecret)
	}, WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	ctx := context.Background()
	calls := []func() error{
		func() error {
			_, err := c.Sessions.Authenticate(ctx, &SessionsAuthenticateParams{SessionToken: new(sessionToken), SessionJWT: new(sessionJWT)})
			return err
		},
		func() error {
			_, err := c.Passwords.Authenticate(ctx, &PasswordsAuthenticateParams{Email: "ada@example.com", Password: password})
			return err
		},
		func() error { _, err := c.M2M.Token(ctx, "m2m-client-1", "m2m-secret-value", nil); return err },
		func() error {
			_, err := c.OTPs.AuthenticateWithClaims(ctx, &OTPsAuthenticateParams{MethodID: "m", Code: "123456", SessionToken: new(sessionToken)}, nil)
			return err
		},
	}
	for _, b := range []string{"", `{"error_type":"x","error_message":"bad","status_code":400,"request_id":"r"} `} {
		for _, st := range []int{400, 503, 200} {
			status, body = st, b
			for i, call := range calls {
				err := call()
				require.Error(t, err, "call %d status %d", i, st)
				for _, s := range secrets {
					assert.NotContains(t, err.Error(), s, "call %d status %d", i, st)
					var ae *APIError
					if errors.As(err, &ae) {
						assert.NotContains(t, ae.Body(), testSecret)
						assert.NotContains(t, ae.Body(), "Basic "+base64.StdEncoding.EncodeToString([]byte(testProjectID+":"+testSecret)))
					}
				}
			}
		}
	}
	for _, s := range secrets {
		assert.NotContains(t, logs.String(), s, "logs never contain secrets")
	}
	assert.NotContains(t, logs.String(), "Basic ")
}
