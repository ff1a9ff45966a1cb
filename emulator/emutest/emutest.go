// Package emutest starts an in-process emulator for tests and checks every
// response it sends against api/openapi.yml, so a test that exercises an
// operation also proves the emulator's body matches the spec.
//
//	env := emutest.New(t)
//	res := emutest.Call[gen.UsersCreateResponse](t, env, "POST", "/v1/users", gen.UsersCreateRequest{Email: &addr})
//	status, body := env.Do(t, "POST", "/v1/sessions/authenticate", map[string]any{...})
//	msg := env.LastMessage(t, "ada@example.com")
package emutest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/control"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
	"github.com/stytchkit/stytchkit/gen"
)

// Env is a running emulator and clients that talk to it.
type Env struct {
	// Server is the emulator (for Messages, Advance, InjectFault, Store...).
	Server *emulator.Server
	// HTTP is the httptest server; URL is its base URL.
	HTTP *httptest.Server
	URL  string
	// HTTPClient sends requests with Basic auth and validates every response.
	HTTPClient *http.Client
}

// sharedKey is one RSA key for every emulator in the test binary: key
// generation dominates start-up time otherwise.
var sharedKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// SharedKey returns the RSA key New gives every emulator of the test binary.
func SharedKey() *rsa.PrivateKey { return sharedKey() }

// New starts an emulator (config edited by the optional funcs), closed at the
// end of the test.
func New(t testing.TB, edit ...func(*emulator.Config)) *Env {
	t.Helper()
	cfg := emulator.Config{SigningKey: sharedKey()}
	for _, f := range edit {
		f(&cfg)
	}
	srv, err := emulator.Open(cfg)
	if err != nil {
		t.Fatalf("emutest: start emulator: %v", err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	hc := &http.Client{Transport: &Transport{T: t, Base: hs.Client().Transport,
		ProjectID: srv.ProjectID(), Secret: srv.Secret()}}
	return &Env{Server: srv, HTTP: hs, URL: hs.URL, HTTPClient: hc}
}

// Do sends a JSON request (body nil for none) with Basic auth and returns the
// status and raw body; the response is validated against the spec.
func (e *Env) Do(t testing.TB, method, path string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatalf("emutest: marshal body: %v", err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, e.URL+path, rd)
	if err != nil {
		t.Fatalf("emutest: %v", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := e.HTTPClient.Do(req)
	if err != nil {
		t.Fatalf("emutest: %s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("emutest: read body: %v", err)
	}
	return res.StatusCode, out
}

// Result is the answer of Call: the status and raw body, and the body
// decoded into the operation's response type (2xx) or the Error object.
type Result[T any] struct {
	StatusCode int
	Body       []byte
	JSON200    *T
	Error      *gen.Error
}

// Call is Do decoding the answer into T (a gen response type) on 2xx and
// into gen.Error otherwise; a body that does not decode fails the test.
func Call[T any](t testing.TB, e *Env, method, path string, body any) *Result[T] {
	t.Helper()
	status, raw := e.Do(t, method, path, body)
	r := &Result[T]{StatusCode: status, Body: raw}
	var err error
	if status >= 200 && status < 300 {
		r.JSON200 = new(T)
		err = json.Unmarshal(raw, r.JSON200)
	} else {
		r.Error = new(gen.Error)
		err = json.Unmarshal(raw, r.Error)
	}
	if err != nil {
		t.Fatalf("emutest: %s %s: %v\n%s", method, path, err, raw)
	}
	return r
}

// DoJSON is Do decoding the body into a map.
func (e *Env) DoJSON(t testing.TB, method, path string, body any) (int, map[string]any) {
	t.Helper()
	status, raw := e.Do(t, method, path, body)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("emutest: %s %s: body is not a JSON object: %v\n%s", method, path, err, raw)
	}
	return status, m
}

// LastMessage returns the newest message sent to an address or number, and
// fails the test when there is none.
func (e *Env) LastMessage(t testing.TB, to string) emulator.Message {
	t.Helper()
	m, ok := e.Server.LastMessage(to)
	if !ok {
		t.Fatalf("emutest: no message was sent to %s", to)
	}
	return m
}

// Transport adds the project's Basic auth where the operation takes it
// (unless the request has its own Authorization) and reports, as a test error, every API response that does not match
// api/openapi.yml: an undocumented status, a missing required field, a null
// where the spec wants an array, a wrong type.
type Transport struct {
	T                 testing.TB
	Base              http.RoundTripper
	ProjectID, Secret string
}

// RoundTrip implements http.RoundTripper.
func (tr *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Authorization") == "" && tr.ProjectID != "" && takesProjectAuth(req) {
		req = req.Clone(req.Context())
		req.SetBasicAuth(tr.ProjectID, tr.Secret)
	}
	base := tr.Base
	if base == nil {
		base = http.DefaultTransport
	}
	res, err := base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, err
	}
	res.Body = io.NopCloser(bytes.NewReader(body))
	if verr := ValidateResponse(req, res.StatusCode, res.Header, body); verr != nil {
		tr.T.Errorf("emutest: %s %s -> %d does not match the spec: %v\nbody: %s", req.Method, req.URL.Path, res.StatusCode, verr, body)
	}
	return res, nil
}

// takesProjectAuth reports whether req goes to an operation that requires
// or accepts the project's Basic credentials: not the OAuth2 endpoints,
// whose Basic credentials are an OAuth client's.
func takesProjectAuth(req *http.Request) bool {
	spec, err := httpapi.LoadSpec()
	if err != nil {
		return true
	}
	route, _, err := spec.Router.FindRoute(req)
	if err != nil || route.Operation.Security == nil {
		return true
	}
	for _, alt := range *route.Operation.Security {
		if _, ok := alt["basicAuth"]; ok {
			return true
		}
	}
	return false
}

// ValidateResponse checks one response against the operation of req in
// api/openapi.yml. Control-plane paths (control.Owns), routes the spec does
// not have (the emulator answers those with route_not_found) and injected
// faults (control.FaultHeader) are not checked.
func ValidateResponse(req *http.Request, status int, header http.Header, body []byte) error {
	if control.Owns(req.URL.Path) || header.Get(control.FaultHeader) != "" {
		return nil
	}
	spec, err := httpapi.LoadSpec()
	if err != nil {
		return err
	}
	route, params, err := spec.Router.FindRoute(req)
	if err != nil {
		return nil
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	return openapi3filter.ValidateResponse(req.Context(), in)
}
