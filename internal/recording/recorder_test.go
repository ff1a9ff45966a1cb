package recording

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// secretBody is what the fake API answers: it carries a secret under every
// secret key and a JWT, so a recording can be checked for leaks.
func secretBody() string {
	var b strings.Builder
	b.WriteString(`{"request_id":"request-id-test-1","status_code":200,"user_id":"user-test-1"`)
	for _, k := range SecretKeys() {
		b.WriteString(`,"` + k + `":"leak-` + k + `"`)
	}
	b.WriteString(`,"nested":{"session_jwt":"` + sampleJWT + `"}}`)
	return b.String()
}

func fakeAPI(t *testing.T, body string, ct string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func recordedFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	require.NoError(t, err)
	return files
}

func newTestRecorder(t *testing.T, dir string) *Recorder {
	t.Helper()
	clock := func() time.Time { return time.Date(2025, 4, 22, 7, 0, 0, 0, time.UTC) }
	return NewRecorder(dir, http.DefaultTransport, WithClock(clock), WithErrorHandler(func(err error) { t.Errorf("record: %v", err) }))
}

func TestRecorderTeesAndRedacts(t *testing.T) {
	body := secretBody()
	srv := fakeAPI(t, body, "application/json")
	dir := t.TempDir()
	rec := newTestRecorder(t, dir)
	client := &http.Client{Transport: rec}

	reqBody := `{"session_token":"leak-request-token","session_duration_minutes":60}`
	resp, err := client.Post(srv.URL+"/prefix/v1/sessions/authenticate", "application/json", strings.NewReader(reqBody))
	require.NoError(t, err)
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, body, string(got), "the caller sees the body byte for byte")
	require.NoError(t, rec.Err())

	files := recordedFiles(t, dir)
	require.Len(t, files, 1)
	assert.Equal(t, "SessionsAuthenticate", filepath.Base(filepath.Dir(files[0])))
	assert.Equal(t, "20250422T070000.000Z-0001.json", filepath.Base(files[0]))
	data, err := os.ReadFile(files[0])
	require.NoError(t, err)
	assert.NotContains(t, string(data), "leak-")
	assert.NotContains(t, string(data), "eyJ")
	ex, err := Parse(files[0], data)
	require.NoError(t, err)
	assert.Equal(t, "SessionsAuthenticate", ex.OperationID)
	assert.Equal(t, "/v1/sessions/authenticate", ex.Path)
	assert.Equal(t, 200, ex.Status)
	assert.Equal(t, "application/json", ex.ContentType())
	m := decode(t, ex.Body)
	for _, k := range SecretKeys() {
		assert.Equal(t, Placeholder, m[k], k)
	}
	assert.Equal(t, "user-test-1", m["user_id"])
	assert.Equal(t, map[string]any{"session_duration_minutes": float64(60), "session_token": Placeholder}, decode(t, ex.RequestBody))
}

func TestRecorderFormBodyUnknownOpAndEarlyClose(t *testing.T) {
	srv := fakeAPI(t, `{"access_token":"`+sampleJWT+`","expires_in":3600,"token_type":"bearer"}`, "application/json")
	dir := t.TempDir()
	rec := newTestRecorder(t, dir)

	// A body without GetBody: the recorder must still send it intact.
	var seen []byte
	upstream := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.Body != nil && r.Method == http.MethodPost {
			seen, _ = io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(seen))
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	rec.next = upstream
	form := "client_id=m2m-client-test-1&client_secret=leak-secret&grant_type=client_credentials"
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/v1/public/project-test-1/oauth2/token", io.NopCloser(strings.NewReader(form)))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := rec.RoundTrip(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close(), "closing unread still records")
	assert.Equal(t, form, string(seen))

	resp, err = rec.RoundTrip(mustGet(t, srv.URL+"/v1/not/an/operation?token=abc&x=1"))
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	require.NoError(t, resp.Body.Close())

	files := recordedFiles(t, dir)
	require.Len(t, files, 2)
	byOp := map[string]*Exchange{}
	for _, f := range files {
		ex, err := ReadFile(f)
		require.NoError(t, err)
		byOp[filepath.Base(filepath.Dir(f))] = ex
		raw, _ := os.ReadFile(f)
		assert.NotContains(t, string(raw), "leak-")
		assert.NotContains(t, string(raw), "eyJ")
	}
	require.Contains(t, byOp, "M2MToken")
	assert.Equal(t, map[string]any{"client_id": "m2m-client-test-1", "client_secret": Placeholder, "grant_type": "client_credentials"},
		decode(t, byOp["M2MToken"].RequestBody))
	require.Contains(t, byOp, UnknownOperation)
	assert.Empty(t, byOp[UnknownOperation].OperationID)
	assert.Equal(t, "token=%5Bredacted%5D&x=1", byOp[UnknownOperation].Query)
}

func TestRecorderKeepsNonJSONBody(t *testing.T) {
	srv := fakeAPI(t, "<html>bad gateway</html>", "text/html")
	dir := t.TempDir()
	rec := newTestRecorder(t, dir)
	resp, err := rec.RoundTrip(mustGet(t, srv.URL+"/v1/debug/whoami"))
	require.NoError(t, err)
	got, _ := io.ReadAll(resp.Body)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, "<html>bad gateway</html>", string(got))
	files := recordedFiles(t, dir)
	require.Len(t, files, 1)
	ex, err := ReadFile(files[0])
	require.NoError(t, err)
	assert.Equal(t, "<html>bad gateway</html>", ex.BodyText)
	assert.Empty(t, ex.Body)
}

func TestRecorderReportsWriteFailure(t *testing.T) {
	srv := fakeAPI(t, `{"status_code":200}`, "application/json")
	blocker := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(blocker, nil, 0o644))
	var reported []error
	rec := NewRecorder(blocker, nil, WithErrorHandler(func(err error) { reported = append(reported, err) }))
	resp, err := rec.RoundTrip(mustGet(t, srv.URL+"/v1/debug/whoami"))
	require.NoError(t, err, "a recording failure never fails the call")
	got, _ := io.ReadAll(resp.Body)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, `{"status_code":200}`, string(got))
	require.Error(t, rec.Err())
	require.Len(t, reported, 1)
}

func TestParseRejectsBadRecordings(t *testing.T) {
	for name, in := range map[string]string{
		"bad json":     `{"method":`,
		"unknown key":  `{"method":"GET","path":"/v1/x","status":200,"stauts":1}`,
		"no method":    `{"path":"/v1/x","status":200}`,
		"lower method": `{"method":"get","path":"/v1/x","status":200}`,
		"no v1":        `{"method":"GET","path":"/x","status":200}`,
		"bad status":   `{"method":"GET","path":"/v1/x","status":42}`,
		"two bodies":   `{"method":"GET","path":"/v1/x","status":200,"body":{},"body_text":"x"}`,
		"trailing":     `{"method":"GET","path":"/v1/x","status":200} {}`,
	} {
		_, err := Parse(name, []byte(in))
		var fe *FormatError
		assert.ErrorAs(t, err, &fe, name)
	}
	out, err := Marshal(&Exchange{Method: "GET", Path: "/v1/x", Status: 200, Body: []byte(`{"a":1}`)})
	require.NoError(t, err)
	assert.True(t, bytes.HasSuffix(out, []byte("\n")))
	_, err = Marshal(&Exchange{})
	require.Error(t, err)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func mustGet(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	return req
}
