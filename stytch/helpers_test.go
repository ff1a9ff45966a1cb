package stytch

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	testProjectID = "project-test-11111111"
	testSecret    = "secret-test-SuperSecretValue_123="
	testPrefix    = "/custom-domain-prefix" // requests must keep a base URL's path
)

// newTestClient starts an httptest server under testPrefix and returns a
// client for it with fast retries (1 ms backoff) and a short timeout.
func newTestClient(t *testing.T, h http.HandlerFunc, opts ...Option) *Client {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(testPrefix+"/", h)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base := []Option{
		WithBaseURL(srv.URL + testPrefix),
		WithTimeout(2 * time.Second),
		WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond, MaxElapsed: 10 * time.Second}),
	}
	c, err := NewClient(testProjectID, testSecret, append(base, opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}
