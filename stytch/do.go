package stytch

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/stytchkit/stytchkit/gen"
)

// Do sends one request to any endpoint of the API and decodes the 2xx answer
// into out (a pointer; nil discards the body). It is the escape hatch for
// generic tools (the MCP server's passthrough uses it) and goes through the
// same transport as every typed method: Basic auth, User-Agent, timeouts,
// retries, logging, and *APIError (or *OAuth2Error on /v1/public/…) for
// non-2xx answers.
//
// path is relative to the client's base URL, starts with /v1/ and may carry a
// query string; an absolute URL is refused so that the credentials can never
// be sent to another host. body, when not nil, is sent as JSON.
func (c *Client) Do(ctx context.Context, method, path string, body, out any) error {
	target, err := c.resolve(path)
	if err != nil {
		return err
	}
	switch method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch:
	default:
		return &ValidationError{Field: "method", Reason: "must be GET, POST, PUT, PATCH or DELETE"}
	}
	var payload []byte
	if body != nil {
		if payload, err = json.Marshal(body); err != nil {
			return &ValidationError{Field: "body", Reason: "cannot be encoded as JSON: " + err.Error()}
		}
	}
	public := strings.HasPrefix(path, "/v1/public/")
	send := func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		var rd io.Reader
		if payload != nil {
			rd = bytes.NewReader(payload)
		}
		req, err := http.NewRequestWithContext(ctx, method, target, rd)
		if err != nil {
			return nil, err
		}
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return c.tr.Do(req)
	}
	r, err := exchange[json.RawMessage](ctx, c, public, nil, send)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(*r.value, out); err != nil {
		return &DecodeError{StatusCode: r.status, Err: err}
	}
	return nil
}

// resolve joins a /v1/… path (with an optional query) onto the base URL.
func (c *Client) resolve(path string) (string, error) {
	u, err := url.Parse(path)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/v1/") {
		return "", &ValidationError{Field: "path", Reason: "must be a path starting with /v1/, not a URL"}
	}
	if strings.Contains(u.Path, "/../") || strings.HasSuffix(u.Path, "/..") {
		return "", &ValidationError{Field: "path", Reason: "must not contain .. segments"}
	}
	return strings.TrimSuffix(c.baseURL, "/") + u.RequestURI(), nil
}
