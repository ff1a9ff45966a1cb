package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/control"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
)

// send posts raw bytes with a content type (Basic auth added by emutest
// unless public) and returns the status and the decoded error body.
func send(t *testing.T, env *emutest.Env, method, path, contentType string, body []byte, public bool) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, env.URL+path, bytes.NewReader(body))
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if public {
		req.Header.Set("Authorization", "Bearer none") // keeps emutest.Transport from adding Basic auth
	}
	res, err := env.HTTPClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), string(raw))
	return res.StatusCode, m
}

// userCount is the number of users in the project.
func userCount(t *testing.T, env *emutest.Env) int {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/users/search", map[string]any{"limit": 1000})
	require.Equal(t, http.StatusOK, status, m)
	return len(m["results"].([]any))
}

func TestInvalidUTF8IsRejectedNotReplaced(t *testing.T) {
	env := emutest.New(t)
	cases := map[string]struct {
		body      string
		wantField string
		wantWord  string
	}{
		"raw byte in a field":    {"{\"email\":\"a@example.com\",\"name\":{\"first_name\":\"Ad\xffa\"}}", "name.first_name", "UTF-8"},
		"raw byte in metadata":   {"{\"email\":\"b@example.com\",\"untrusted_metadata\":{\"k\":[\"ok\",\"\xc3\"]}}", "untrusted_metadata.k.1", "UTF-8"},
		"overlong encoding":      {"{\"email\":\"c@example.com\",\"name\":{\"first_name\":\"\xc0\xaf\"}}", "name.first_name", "UTF-8"},
		"unpaired high escape":   {`{"email":"d@example.com","name":{"first_name":"\ud800"}}`, "name.first_name", "surrogate"},
		"unpaired low escape":    {`{"email":"e@example.com","name":{"last_name":"x\udc00y"}}`, "name.last_name", "surrogate"},
		"raw byte in a key":      {"{\"email\":\"f@example.com\",\"untrusted_metadata\":{\"\xff\":1}}", "", "UTF-8"},
		"encoded surrogate byte": {"{\"email\":\"g@example.com\",\"name\":{\"first_name\":\"\xed\xa0\x80\"}}", "name.first_name", "UTF-8"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			status, m := send(t, env, http.MethodPost, "/v1/users", "application/json", []byte(c.body), false)
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Equal(t, "bad_request", m["error_type"])
			msg, _ := m["error_message"].(string)
			assert.Contains(t, msg, c.wantField)
			assert.Contains(t, msg, c.wantWord)
			assert.NotContains(t, msg, "\uFFFD")
		})
	}
	assert.Zero(t, userCount(t, env), "nothing was stored")

	// A real pair of surrogate escapes is one character and is accepted.
	status, m := send(t, env, http.MethodPost, "/v1/users", "application/json",
		[]byte(`{"email":"emoji@example.com","name":{"first_name":"A\ud83d\ude00"}}`), false)
	require.Equal(t, http.StatusCreated, status, m)
	status, got := env.DoJSON(t, http.MethodGet, "/v1/users/"+m["user_id"].(string), nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "A😀", got["name"].(map[string]any)["first_name"])
}

func TestInvalidUTF8InQueryPathAndExtraRoutes(t *testing.T) {
	env := emutest.New(t)
	status, m := send(t, env, http.MethodGet, "/v1/sessions?user_id=user-test-%FF", "", nil, false)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "bad_request", m["error_type"])
	assert.Contains(t, m["error_message"], "user_id")

	status, m = send(t, env, http.MethodGet, "/v1/users/user-test-%FF", "", nil, false)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, m["error_message"], "user_id")
	assert.Contains(t, m["error_message"], "UTF-8")

	status, m = send(t, env, http.MethodPost, control.TelemetryPath, "application/json",
		[]byte("{\"telemetry_id\":\"t-\xff\"}"), false)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, m["error_message"], "telemetry_id")
	assert.Contains(t, m["error_message"], "UTF-8")
}

func TestMalformedJSONIsABadRequest(t *testing.T) {
	env := emutest.New(t)
	for _, body := range []string{`{"email":`, `{"email":"a@example.com"} {"email":"b@example.com"}`, `{"email" "x"}`} {
		status, m := send(t, env, http.MethodPost, "/v1/users", "application/json", []byte(body), false)
		assert.Equal(t, http.StatusBadRequest, status, body)
		assert.Equal(t, "bad_request", m["error_type"], body)
		assert.Contains(t, m["error_message"], "not valid JSON", body)
	}
	assert.Zero(t, userCount(t, env))
}

func TestStringsWithoutADocumentedMaximumAreCapped(t *testing.T) {
	env := emutest.New(t)
	long := strings.Repeat("é", httpapi.MaxStringLength+1) // counted in characters, not bytes
	status, m := env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"scopes": []string{"read:users"},
		"client_description": strings.Repeat("d", 1_000_000)})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "bad_request", m["error_type"])
	assert.Contains(t, m["error_message"], "client_description")
	assert.Contains(t, m["error_message"], "emulator's limit")
	assert.Contains(t, m["error_message"], "16384")

	for name, body := range map[string]map[string]any{
		"metadata value": {"email": "m@example.com", "trusted_metadata": map[string]any{"notes": []any{long}}},
		"metadata key":   {"email": "k@example.com", "trusted_metadata": map[string]any{long: 1}},
		"name":           {"email": "n@example.com", "name": map[string]any{"first_name": long}},
	} {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/users", body)
		assert.Equal(t, http.StatusBadRequest, status, name)
		msg := m["error_message"].(string)
		assert.Contains(t, msg, "emulator's limit", name)
		assert.Less(t, len(msg), 400, "%s: the message does not quote the value", name)
	}
	assert.Zero(t, userCount(t, env), "nothing was stored")

	// At the cap exactly, the value is stored whole.
	atCap := strings.Repeat("é", httpapi.MaxStringLength)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/m2m/clients", map[string]any{"scopes": []string{"read:users"},
		"client_description": atCap})
	require.Equal(t, http.StatusCreated, status, m["error_message"])
	assert.Equal(t, atCap, m["m2m_client"].(map[string]any)["client_description"])

	// A documented maxLength keeps the spec's own error.
	status, m = env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": strings.Repeat("a", 20000) + "@example.com"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_email", m["error_type"])
	assert.NotContains(t, m["error_message"], "emulator's limit")
}

func TestOversizedBodyIsABadRequest(t *testing.T) {
	env := emutest.New(t)
	big := []byte(`{"email":"big@example.com","name":{"first_name":"` + strings.Repeat("x", httpapi.MaxBodyBytes) + `"}}`)
	status, m := send(t, env, http.MethodPost, "/v1/users", "application/json", big, false)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "bad_request", m["error_type"])
	assert.Contains(t, m["error_message"], "larger than")
	assert.Zero(t, userCount(t, env))
}

// oauth2Error checks an RFC 6749 error body and returns its code.
func oauth2Error(t *testing.T, m map[string]any) string {
	t.Helper()
	code, _ := m["error"].(string)
	assert.NotContains(t, m, "error_type", "RFC 6749 shape, not Stytch's")
	assert.NotEmpty(t, m["error_description"])
	return code
}

func TestOAuth2EndpointsAnswerRFC6749CodesOnEveryErrorPath(t *testing.T) {
	env := emutest.New(t)
	token, introspect := tokenPath(env), introspectPath(env)
	form := "application/x-www-form-urlencoded"
	good := url.Values{"grant_type": {"client_credentials"}, "client_id": {"m2m-client-test-x"}, "client_secret": {"s"}}.Encode()
	cases := []struct {
		name, method, path, contentType, body string
		status                                int
		code                                  string
	}{
		{"oversized form", http.MethodPost, token, form, "grant_type=client_credentials&client_id=" + strings.Repeat("x", httpapi.MaxBodyBytes), 400, "invalid_request"},
		{"oversized introspection", http.MethodPost, introspect, form, "token=" + strings.Repeat("x", httpapi.MaxBodyBytes+1), 400, "invalid_request"},
		{"malformed form", http.MethodPost, token, form, "grant_type=client_credentials&client_id=%zz", 400, "invalid_request"},
		{"invalid UTF-8 in form", http.MethodPost, token, form, "grant_type=client_credentials&client_id=%FF&client_secret=s", 400, "invalid_request"},
		{"raw invalid UTF-8", http.MethodPost, token, form, "grant_type=client_credentials&client_id=\xff&client_secret=s", 400, "invalid_request"},
		{"over-long field", http.MethodPost, token, form, "grant_type=client_credentials&client_id=c&client_secret=" + strings.Repeat("s", httpapi.MaxStringLength+1), 400, "invalid_request"},
		{"undocumented content type", http.MethodPost, token, "text/plain", "grant_type=client_credentials", 400, "invalid_request"},
		{"malformed JSON", http.MethodPost, token, "application/json", `{"grant_type":`, 400, "invalid_request"},
		{"no body", http.MethodPost, token, form, "", 400, "invalid_request"},
		{"missing grant_type", http.MethodPost, token, form, "client_id=c&client_secret=s", 400, "invalid_request"},
		{"unknown grant", http.MethodPost, token, form, "grant_type=password&client_id=c&client_secret=s", 400, "unsupported_grant_type"},
		{"unknown client", http.MethodPost, token, form, good, 401, "invalid_client"},
		{"another project", http.MethodPost, "/v1/public/project-test-other/oauth2/token", form, good, 401, "invalid_client"},
		{"wrong method", http.MethodGet, token, "", "", 0, "invalid_request"},
		{"unknown oauth2 route", http.MethodPost, "/v1/public/" + env.Server.ProjectID() + "/oauth2/no-such-endpoint", form, good, 404, "invalid_request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, m := send(t, env, c.method, c.path, c.contentType, []byte(c.body), true)
			if c.status == 0 { // the router answers 404 or 405
				assert.Contains(t, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, status, m)
			} else {
				assert.Equal(t, c.status, status, m)
			}
			assert.Equal(t, c.code, oauth2Error(t, m), m)
		})
	}
}

func TestOAuth2EndpointsCodeInjectedFaults(t *testing.T) {
	env := emutest.New(t)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"c"}, "client_secret": {"s"}}
	for _, c := range []struct {
		fault emulator.Fault
		code  string
	}{
		{emulator.Fault{Path: tokenPath(env), Status: 500}, "server_error"},
		{emulator.Fault{Path: tokenPath(env), Status: 503}, "temporarily_unavailable"},
		{emulator.Fault{Path: tokenPath(env), Status: 429, RetryAfter: "1"}, "temporarily_unavailable"},
		{emulator.Fault{Path: tokenPath(env), Status: 400, ErrorType: "invalid_grant"}, "invalid_grant"},
		{emulator.Fault{Path: tokenPath(env), Status: 400, ErrorType: "bad_request"}, "invalid_request"},
	} {
		require.NoError(t, env.Server.InjectFault(c.fault))
		status, m := postForm(t, env, tokenPath(env), form)
		assert.Equal(t, c.fault.Status, status)
		assert.Equal(t, c.code, oauth2Error(t, m), "fault %+v", c.fault)
	}
}

func TestEmulatorOnlyOAuthStartKeepsStytchErrorTypes(t *testing.T) {
	env := emutest.New(t)
	res := rawCall(t, env, http.MethodGet, env.URL+"/v1/public/oauth/google/start?public_token="+testPublicToken+"&login_redirect_url=javascript%3Aalert(1)", nil, false)
	m := decodeBody(t, res)
	typ := m["error_type"]
	if typ == nil {
		typ = m["error"]
	}
	assert.Equal(t, "invalid_redirect_url", typ, "not an RFC 6749 endpoint: the type is not recast")
}
