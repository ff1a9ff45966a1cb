package stytch

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
)

// Do sends one request to any endpoint of the API and decodes the 2xx answer
// into out (a pointer; nil discards the body). It is the escape hatch for
// generic tools (the MCP server's passthrough uses it) and goes through the
// same call path as every typed method: Basic auth, User-Agent, timeouts,
// retries, logging, and *APIError (or *OAuth2Error on the OAuth2 endpoints)
// for non-2xx answers.
//
// path is relative to the client's base URL, starts with /v1/ and may carry a
// query string; an absolute URL is refused so that the credentials can never
// be sent to another host. body, when not nil, is sent as JSON.
func (c *Client) Do(ctx context.Context, method, path string, body, out any) error {
	u, err := url.Parse(path)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Fragment != "" || !strings.HasPrefix(u.Path, "/v1/") {
		return &ValidationError{Field: "path", Reason: "must be a path starting with /v1/, not a URL"}
	}
	if strings.Contains(u.Path, "/../") || strings.HasSuffix(u.Path, "/..") {
		return &ValidationError{Field: "path", Reason: "must not contain .. segments"}
	}
	switch method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch:
	default:
		return &ValidationError{Field: "method", Reason: "must be GET, POST, PUT, PATCH or DELETE"}
	}
	op := &apicall.Operation{ID: "Do", Method: method, Segments: []string{u.EscapedPath()}}
	if strings.HasPrefix(u.Path, "/v1/public/") {
		op.Auth, op.OAuth2Errors = apicall.AuthClient, strings.Contains(u.Path, "/oauth2/")
	}
	a := apicall.Args{}
	if u.RawQuery != "" {
		if a.Query, err = url.ParseQuery(u.RawQuery); err != nil {
			return &ValidationError{Field: "path", Reason: "query string is malformed"}
		}
	}
	if body != nil {
		a.Body = body
	}
	var raw json.RawMessage
	if err := c.eng.Invoke(ctx, op, &a, &raw); err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &DecodeError{StatusCode: http.StatusOK, Err: err}
	}
	return nil
}
