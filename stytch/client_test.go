package stytch

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// failDoer fails the test if any request is sent.
type failDoer struct{ t *testing.T }

func (d failDoer) Do(*http.Request) (*http.Response, error) {
	d.t.Error("unexpected network I/O")
	return nil, errors.New("no I/O allowed")
}

func TestNewClientEnvironment(t *testing.T) {
	for _, tc := range []struct{ project, secret, base string }{
		{"project-test-8e7d3b1c-0000-4000-8000-000000000000", "secret-test-abc_DEF-123=", TestBaseURL},
		{"project-live-8e7d3b1c-0000-4000-8000-000000000000", "secret-live-abc_DEF-123=", LiveBaseURL},
	} {
		c, err := NewClient(tc.project, tc.secret, WithHTTPClient(failDoer{t}))
		require.NoError(t, err)
		assert.Equal(t, tc.base, c.BaseURL())
		assert.Equal(t, tc.project, c.ProjectID())
	}
}

func TestNewClientRejectsBadCredentials(t *testing.T) {
	for _, tc := range []struct{ name, project, secret, setting, reason string }{
		{"empty project", "", "secret-test-x", "projectID", "empty"},
		{"malformed project", "proj-test-1", "secret-test-x", "projectID", "expected"},
		{"unknown env", "project-prod-1", "secret-test-x", "projectID", "expected"},
		{"empty secret", "project-test-1", "", "secret", "empty"},
		{"malformed secret", "project-test-1", "sk-test-x", "secret", "expected"},
		{"live secret, test project", "project-test-1", "secret-live-x", "secret", "live secret cannot be used with a test project"},
		{"test secret, live project", "project-live-1", "secret-test-x", "secret", "test secret cannot be used with a live project"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient(tc.project, tc.secret)
			assert.Nil(t, c)
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.setting, ce.Setting)
			assert.Contains(t, ce.Reason, tc.reason)
			if tc.secret != "" {
				assert.NotContains(t, err.Error(), tc.secret, "the secret is never echoed")
			}
		})
	}
}

func TestNewClientRejectsBadOptions(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opt     Option
		setting string
	}{
		{"relative URL", WithBaseURL("/v1"), "WithBaseURL"},
		{"no scheme", WithBaseURL("test.stytch.com"), "WithBaseURL"},
		{"ftp", WithBaseURL("ftp://example.com"), "WithBaseURL"},
		{"credentials in URL", WithBaseURL("https://u:p@example.com"), "WithBaseURL"},
		{"query in URL", WithBaseURL("https://example.com/?a=b"), "WithBaseURL"},
		{"unparsable URL", WithBaseURL("http://[::1"), "WithBaseURL"},
		{"nil doer", WithHTTPClient(nil), "WithHTTPClient"},
		{"zero timeout", WithTimeout(0), "WithTimeout"},
		{"negative timeout", WithTimeout(-time.Second), "WithTimeout"},
		{"nil logger", WithLogger(nil), "WithLogger"},
		{"zero attempts", WithRetry(RetryPolicy{}), "WithRetry"},
		{"negative delay", WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: -1}), "WithRetry"},
		{"empty UA suffix", WithUserAgent(" "), "WithUserAgent"},
		{"multi-line UA suffix", WithUserAgent("a\r\nX-Evil: 1"), "WithUserAgent"},
		{"nil option", nil, "Option"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient(testProjectID, testSecret, tc.opt)
			assert.Nil(t, c)
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.setting, ce.Setting)
		})
	}
}

func TestWithBaseURLKeepsPrefixAndCustomDomain(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret, WithBaseURL("https://login.example.com/stytch/"), WithHTTPClient(failDoer{t}))
	require.NoError(t, err)
	assert.Equal(t, "https://login.example.com/stytch", c.BaseURL())
}

func TestHeadersUserAgentAndBasicAuth(t *testing.T) {
	seen := make(chan seenRequest, 1)
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		seen <- record(r)
		_, _ = w.Write([]byte(`{"request_id":"r","status_code":200}`))
	}, WithUserAgent("myapp/1.2"))
	_, err := c.Debug.Whoami(context.Background())
	require.NoError(t, err)
	got := <-seen
	assert.Equal(t, "stytchkit/"+Version+" go/"+runtime.Version()+" myapp/1.2", got.userAgent)
	assert.True(t, got.hasAuth)
	assert.Equal(t, testProjectID, got.user)
	assert.Equal(t, testSecret, got.pass)
	assert.Empty(t, got.contentType, "GET without body has no Content-Type")
}

func TestDefaultUserAgent(t *testing.T) {
	assert.Equal(t, "stytchkit/"+Version+" go/"+runtime.Version(), userAgent(""))
}

func TestCloseIsIdempotent(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret, WithHTTPClient(failDoer{t}))
	require.NoError(t, err)
	calls := 0
	require.True(t, c.onClose(func() error { calls++; return errors.New("hook failed") }))
	assert.EqualError(t, c.Close(), "hook failed")
	assert.NoError(t, c.Close())
	assert.Equal(t, 1, calls)
	assert.False(t, c.onClose(func() error { return nil }), "no hooks after Close")
}

func TestNilContextIsValidationError(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret, WithHTTPClient(failDoer{t}))
	require.NoError(t, err)
	//nolint:staticcheck // deliberately nil
	_, err = c.Debug.Whoami(nil) //lint:ignore SA1012 testing nil ctx
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "ctx", ve.Field)
}
