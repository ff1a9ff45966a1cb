package stytch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDoSendsThroughTheTransport(t *testing.T) {
	var got *http.Request
	var gotBody string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		gotBody = string(b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"request_id":"r","status_code":200,"user_id":"user-test-1"}`))
	})
	var out map[string]any
	require.NoError(t, c.Do(context.Background(), http.MethodPost, "/v1/users/search?x=1", map[string]any{"limit": 0}, &out))
	assert.Equal(t, testPrefix+"/v1/users/search", got.URL.Path)
	assert.Equal(t, "1", got.URL.Query().Get("x"))
	assert.JSONEq(t, `{"limit":0}`, gotBody)
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	user, pass, ok := got.BasicAuth()
	assert.True(t, ok)
	assert.Equal(t, testProjectID, user)
	assert.Equal(t, testSecret, pass)
	assert.Contains(t, got.UserAgent(), "stytchkit/")
	assert.Equal(t, "user-test-1", out["user_id"])

	require.NoError(t, c.Do(context.Background(), http.MethodGet, "/v1/users/user-test-1", nil, nil))
	assert.Empty(t, got.Header.Get("Content-Type"), "no body, no Content-Type")
}

func TestDoMapsErrors(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"status_code":404,"request_id":"r","error_type":"user_not_found","error_message":"no","error_url":"u"}`))
	})
	err := c.Do(context.Background(), http.MethodGet, "/v1/users/nobody", nil, nil)
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.True(t, IsNotFound(err))
	assert.Equal(t, "user_not_found", apiErr.ErrorType)
}

func TestDoRefusesWhatIsNotAnAPIPath(t *testing.T) {
	calls := 0
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { calls++ })
	for _, p := range []string{"https://evil.example/v1/users", "//evil.example/v1/users", "/v2/users", "v1/users",
		"/v1/../admin", "/emulator/v1/reset", ""} {
		err := c.Do(context.Background(), http.MethodGet, p, nil, nil)
		var ve *ValidationError
		assert.True(t, errors.As(err, &ve), "%q must be refused, got %v", p, err)
	}
	var ve *ValidationError
	assert.True(t, errors.As(c.Do(context.Background(), "TRACE", "/v1/users", nil, nil), &ve))
	assert.True(t, errors.As(c.Do(context.Background(), http.MethodPost, "/v1/users", func() {}, nil), &ve))
	assert.Zero(t, calls, "nothing was sent")
}
