package b2b

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
)

const (
	testProjectID = "project-test-00000000-0000-0000-0000-0000000000b2"
	testSecret    = "secret-test-B2BSuperSecretValue_123="
	testPrefix    = "/custom-domain-prefix" // requests must keep a base URL's path
)

// memberSessionHeaders are the two headers that make Stytch run a call as a
// Member.
var memberSessionHeaders = []string{"X-Stytch-Member-Session", "X-Stytch-Member-SessionJWT"}

// endpointCase is one service method call and the request it must produce.
type endpointCase struct {
	op      string // operationId in api/openapi.yml
	method  string
	path    string // escaped path below the base URL
	query   string // raw query
	body    string // JSON body, "" for none
	headers map[string]string
	public  bool // sent without credentials
	call    func(ctx context.Context, c *Client) (any, error)
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
	method, path, query, body, contentType string
	user, pass                             string
	hasAuth                                bool
	header                                 http.Header
}

// newTestClient starts an httptest server under testPrefix answering with
// h, and returns a client for it.
func newTestClient(t *testing.T, h http.HandlerFunc, opts ...stytch.Option) *Client {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(testPrefix+"/", h)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base := []stytch.Option{stytch.WithBaseURL(srv.URL + testPrefix), stytch.WithTimeout(5 * time.Second), stytch.WithoutRetries()}
	c, err := NewClient(testProjectID, testSecret, append(base, opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestEveryEndpoint(t *testing.T) {
	var mu sync.Mutex
	var seen seenRequest
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		u, p, ok := r.BasicAuth()
		mu.Lock()
		seen = seenRequest{method: r.Method, path: r.URL.EscapedPath(), query: r.URL.RawQuery, body: string(b),
			contentType: r.Header.Get("Content-Type"), user: u, pass: p, hasAuth: ok, header: r.Header.Clone()}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"request_id":"req-`+r.URL.EscapedPath()+`","status_code":200}`)
	})
	for _, tc := range endpointCases {
		t.Run(tc.op, func(t *testing.T) {
			resp, err := tc.call(context.Background(), c)
			require.NoError(t, err)
			mu.Lock()
			got := seen
			mu.Unlock()
			assert.Equal(t, tc.method, got.method)
			assert.Equal(t, testPrefix+tc.path, got.path)
			assert.Equal(t, tc.query, got.query)
			if tc.body != "" {
				assert.Equal(t, "application/json", got.contentType)
				assert.JSONEq(t, tc.body, got.body)
			} else {
				assert.Empty(t, got.body)
				assert.Empty(t, got.contentType, "no Content-Type without a body")
			}
			if tc.public {
				assert.False(t, got.hasAuth, "no credentials")
			} else {
				assert.True(t, got.hasAuth)
				assert.Equal(t, testProjectID, got.user)
				assert.Equal(t, testSecret, got.pass)
			}
			for _, h := range memberSessionHeaders {
				if want, ok := tc.headers[h]; ok {
					assert.Equal(t, []string{want}, got.header.Values(h))
				} else {
					assert.Empty(t, got.header.Values(h), "%s is sent only when set", h)
				}
			}
			assertDecoded(t, resp, "req-"+testPrefix+tc.path)
		})
	}
}

// assertDecoded checks that a response was decoded into its typed struct:
// its RequestID (string or *string) when it has one, else its StatusCode.
func assertDecoded(t *testing.T, resp any, requestID string) {
	t.Helper()
	v := reflect.ValueOf(resp)
	require.Equal(t, reflect.Pointer, v.Kind())
	require.False(t, v.IsNil(), "nil response without error")
	if f := v.Elem().FieldByName("RequestID"); f.IsValid() {
		if f.Kind() == reflect.Pointer {
			require.False(t, f.IsNil())
			f = f.Elem()
		}
		assert.Equal(t, requestID, f.String())
		return
	}
	f := v.Elem().FieldByName("StatusCode")
	require.True(t, f.IsValid(), "%T has neither RequestID nor StatusCode", resp)
	assert.EqualValues(t, 200, reflect.Indirect(f).Int())
}

// Both member session headers can be sent at once (Stytch refuses that, and
// says so): the client forwards what it is given.
func TestMemberSessionHeadersBoth(t *testing.T) {
	var got http.Header
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		_, _ = io.WriteString(w, `{"request_id":"r","status_code":200}`)
	})
	_, err := c.Organizations.Delete(context.Background(), &OrganizationsDeleteParams{OrganizationID: "org-1",
		MemberSessionToken: "tok", MemberSessionJWT: "jwt"})
	require.NoError(t, err)
	assert.Equal(t, "tok", got.Get("X-Stytch-Member-Session"))
	assert.Equal(t, "jwt", got.Get("X-Stytch-Member-SessionJWT"))
}

func TestMissingPathIDsAreRefusedBeforeSending(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		t.Error("no request may be sent")
		w.WriteHeader(500)
	})
	ctx := context.Background()
	var ve *stytch.ValidationError
	_, err := c.Organizations.Get(ctx, &OrganizationsGetParams{})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "OrganizationID", ve.Field)
	_, err = c.Sessions.Get(ctx, &SessionsGetParams{OrganizationID: "org-1"})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "MemberID", ve.Field)
	_, err = c.Organizations.Create(ctx, nil)
	require.ErrorAs(t, err, &ve)
}
