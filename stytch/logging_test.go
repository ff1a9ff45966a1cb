package stytch

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoggerRecordsAttemptsWithoutSecrets(t *testing.T) {
	var logs bytes.Buffer
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, `{"request_id":"request-id-test-log","status_code":200}`)
	}, WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	_, err := c.MagicLinks.Authenticate(context.Background(), &MagicLinksAuthenticateParams{Token: "magic-token-value"})
	require.NoError(t, err)

	var records []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec))
		records = append(records, rec)
	}
	require.Len(t, records, 3, "attempt 1, retry, attempt 2")
	assert.Equal(t, "stytch request", records[0]["msg"])
	assert.Equal(t, float64(503), records[0]["status"])
	assert.Equal(t, "stytch retry", records[1]["msg"])
	assert.Equal(t, "WARN", records[1]["level"])
	assert.Equal(t, "HTTP 503", records[1]["reason"])
	last := records[2]
	assert.Equal(t, "POST", last["method"])
	assert.Equal(t, testPrefix+"/v1/magic_links/authenticate", last["path"])
	assert.Equal(t, float64(200), last["status"])
	assert.Equal(t, float64(2), last["attempt"])
	assert.Equal(t, "request-id-test-log", last["request_id"])
	assert.Contains(t, last, "duration")
	assert.NotContains(t, logs.String(), "magic-token-value")
	assert.NotContains(t, logs.String(), testSecret)
}

func TestIntrospectTokenNetworkAuthorizationCheck(t *testing.T) {
	var introspections atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/oauth2/introspect"):
			introspections.Add(1)
			require.NoError(t, r.ParseForm())
			assert.Empty(t, r.PostForm.Get("authorization_check"), "the check is evaluated locally, never sent")
			assert.Len(t, r.PostForm, 2)
			_, _ = io.WriteString(w, `{"active":true,"scope":"read:docs openid","client_id":"ca-1","request_id":"r"}`)
		case strings.HasSuffix(r.URL.Path, "/v1/rbac/policy"):
			_, _ = io.WriteString(w, `{"request_id":"r","status_code":200,"policy":{"roles":[],"resources":[],
				"scopes":[{"scope":"read:docs","permissions":[{"resource_id":"documents","actions":["read"]}]}]}}`)
		default:
			t.Errorf("unexpected %s", r.URL.Path)
		}
	})
	ctx := context.Background()
	p := &IDPIntrospectTokenNetworkParams{Form: IDPIntrospectTokenNetworkForm{Token: "tok", ClientID: new("ca-1")},
		AuthorizationCheck: &AuthorizationCheck{ResourceID: "documents", Action: "read"}}
	resp, err := c.IDP.IntrospectTokenNetwork(ctx, p)
	require.NoError(t, err)
	assert.True(t, resp.Active)
	assert.NotNil(t, p.AuthorizationCheck, "the caller's params are not modified")

	p.AuthorizationCheck = &AuthorizationCheck{ResourceID: "documents", Action: "delete"}
	resp, err = c.IDP.IntrospectTokenNetwork(ctx, p)
	assert.Nil(t, resp)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 403, ae.StatusCode)
	assert.Equal(t, ErrorTypeScopeAuthorizationError, ae.ErrorType)
	assert.Equal(t, int32(2), introspections.Load())
}
