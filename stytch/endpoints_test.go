package stytch

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endpointCase is one service method call and the request it must produce.
type endpointCase struct {
	op     string // operationId in api/openapi.yml
	method string
	path   string // escaped path below the base URL
	query  string // raw query
	body   string // JSON body, "" for none
	form   url.Values
	public bool // /v1/public oauth2: no Basic auth
	call   func(ctx context.Context, c *Client) (any, error)
}

// fromJSON builds a params value from a JSON fixture.
func fromJSON[T any](s string) T {
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		panic(err)
	}
	return v
}

// seenRequest is what the test server received.
type seenRequest struct {
	method, path, query, body, contentType, userAgent string
	user, pass                                        string
	hasAuth                                           bool
}

func record(r *http.Request) seenRequest {
	b, _ := io.ReadAll(r.Body)
	u, p, ok := r.BasicAuth()
	return seenRequest{method: r.Method, path: r.URL.EscapedPath(), query: r.URL.RawQuery, body: string(b),
		contentType: r.Header.Get("Content-Type"), userAgent: r.Header.Get("User-Agent"), user: u, pass: p, hasAuth: ok}
}

func TestEveryEndpoint(t *testing.T) {
	var mu sync.Mutex
	var seen seenRequest
	var reply string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = record(r)
		body := reply
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	})
	for _, tc := range endpointCases {
		t.Run(tc.op, func(t *testing.T) {
			mu.Lock()
			reply = `{"request_id":"req-` + tc.op + `","status_code":200,"active":true,"access_token":"at-1","expires_in":3600}`
			mu.Unlock()
			resp, err := tc.call(context.Background(), c)
			require.NoError(t, err)
			mu.Lock()
			got := seen
			mu.Unlock()
			assert.Equal(t, tc.method, got.method)
			assert.Equal(t, testPrefix+tc.path, got.path)
			assert.Equal(t, tc.query, got.query)
			switch {
			case tc.form != nil:
				assert.Equal(t, "application/x-www-form-urlencoded", got.contentType)
				form, perr := url.ParseQuery(got.body)
				require.NoError(t, perr)
				assert.Equal(t, tc.form, form)
			case tc.body != "":
				assert.Equal(t, "application/json", got.contentType)
				assert.JSONEq(t, tc.body, got.body)
			default:
				assert.Empty(t, got.body)
				assert.Empty(t, got.contentType, "no Content-Type without a body")
			}
			if tc.public {
				assert.False(t, got.hasAuth, "no Basic auth on /v1/public oauth2")
			} else {
				assert.True(t, got.hasAuth)
				assert.Equal(t, testProjectID, got.user)
				assert.Equal(t, testSecret, got.pass)
			}
			assert.Equal(t, "req-"+tc.op, responseRequestID(t, resp))
		})
	}
}

// responseRequestID reads the RequestID field (string or *string) of a
// decoded response, proving the body was decoded into the typed response.
func responseRequestID(t *testing.T, resp any) string {
	t.Helper()
	v := reflect.ValueOf(resp)
	require.Equal(t, reflect.Pointer, v.Kind())
	require.False(t, v.IsNil(), "nil response without error")
	f := v.Elem().FieldByName("RequestID")
	require.True(t, f.IsValid(), "%T has no RequestID", resp)
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return ""
		}
		f = f.Elem()
	}
	return f.String()
}
