// Package recording defines the on-disk format of one recorded HTTP exchange
// with the Stytch API, a Recorder that writes that format from live traffic,
// and a reader for HAR files exported by browsers and proxies.
//
// A recording is one JSON file under
// testdata/recordings/<operationId>/<name>.json. cmd/specdiff checks every
// recording against api/openapi.yml, so the spec, the client and the real API
// (or the emulator) cannot drift apart unnoticed. Secrets are redacted before
// a recording is written (see Redact).
package recording

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// UnknownOperation is the directory name used for exchanges whose method and
// path match no operation of the spec.
const UnknownOperation = "_unknown"

// Exchange is one recorded request/response pair: the unit stored in a
// recording file and the unit cmd/specdiff checks.
type Exchange struct {
	// OperationID is the spec operation the exchange belongs to, when known.
	// specdiff reports a recording whose method and path resolve to another
	// operation.
	OperationID string `json:"operation_id,omitempty"`
	// Method is the HTTP method, e.g. "POST".
	Method string `json:"method"`
	// Path is the concrete request path starting at /v1/, e.g.
	// /v1/users/user-test-…; any base-URL prefix is removed.
	Path string `json:"path"`
	// Query is the raw query string without '?', when there was one.
	Query string `json:"query,omitempty"`
	// RequestBody is the (redacted) request body as JSON, when there was one.
	// A form-encoded body is stored as an object of its fields.
	RequestBody json.RawMessage `json:"request_body,omitempty"`
	// Status is the HTTP status code of the response.
	Status int `json:"status"`
	// Headers holds the response headers that matter for validation
	// (Content-Type).
	Headers map[string]string `json:"headers,omitempty"`
	// Body is the (redacted) response body as JSON.
	Body json.RawMessage `json:"body,omitempty"`
	// BodyText holds a response body that is not JSON, verbatim (such a body
	// is a spec violation; keeping it shows what came back).
	BodyText string `json:"body_text,omitempty"`
	// Source is where the exchange comes from when it was not recorded live,
	// e.g. the URL of the Stytch API reference page it was transcribed from.
	Source string `json:"source,omitempty"`
	// Note explains anything a reader should know, e.g. which parts of a
	// transcribed example were filled in.
	Note string `json:"note,omitempty"`
}

// ContentType returns the response Content-Type, matching the header name
// case-insensitively; a recording without one is taken to be
// application/json.
func (e *Exchange) ContentType() string {
	for k, v := range e.Headers {
		if strings.EqualFold(k, "Content-Type") {
			return v
		}
	}
	return "application/json"
}

// FormatError reports a file that is not a valid recording.
type FormatError struct {
	// File is the path of the offending file.
	File string
	// Reason says what is wrong.
	Reason string
	// Err is the underlying decode error, if any.
	Err error
}

// Error implements error.
func (e *FormatError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: not a valid recording: %s: %v", e.File, e.Reason, e.Err)
	}
	return fmt.Sprintf("%s: not a valid recording: %s", e.File, e.Reason)
}

// Unwrap returns the underlying error.
func (e *FormatError) Unwrap() error { return e.Err }

// Validate checks that the exchange has what a check needs: a method, a path
// under /v1/, a status code and exactly one of Body or BodyText (or neither,
// for an empty body). The request and response bodies must be valid JSON.
func (e *Exchange) Validate() error {
	switch {
	case e.Method == "":
		return errors.New("missing method")
	case strings.ToUpper(e.Method) != e.Method:
		return fmt.Errorf("method %q must be upper case", e.Method)
	case !strings.HasPrefix(e.Path, "/v1/") && !strings.HasPrefix(e.Path, "/.well-known/"):
		return fmt.Errorf("path %q must start with /v1/ or /.well-known/", e.Path)
	case e.Status < 100 || e.Status > 599:
		return fmt.Errorf("status %d is not an HTTP status code", e.Status)
	case len(e.Body) > 0 && e.BodyText != "":
		return errors.New("both body and body_text are set")
	case len(e.Body) > 0 && !json.Valid(e.Body):
		return errors.New("body is not valid JSON")
	case len(e.RequestBody) > 0 && !json.Valid(e.RequestBody):
		return errors.New("request_body is not valid JSON")
	}
	return nil
}

// Parse decodes one recording file's content. Unknown top-level keys are
// rejected so that a typo (e.g. "stauts") cannot silently skip a check. name
// is used in errors only.
func Parse(name string, data []byte) (*Exchange, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ex Exchange
	if err := dec.Decode(&ex); err != nil {
		return nil, &FormatError{File: name, Reason: "bad JSON", Err: err}
	}
	if dec.More() {
		return nil, &FormatError{File: name, Reason: "trailing data after the recording object"}
	}
	if err := ex.Validate(); err != nil {
		return nil, &FormatError{File: name, Reason: err.Error()}
	}
	return &ex, nil
}

// ReadFile reads and parses one recording file.
func ReadFile(path string) (*Exchange, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Marshal encodes the exchange as an indented recording file (with a final
// newline), after validating it.
func Marshal(ex *Exchange) ([]byte, error) {
	if err := ex.Validate(); err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	out, err := json.MarshalIndent(ex, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	return append(out, '\n'), nil
}

// APIPath returns the part of an URL path that starts at /v1/ (or at
// /.well-known/, for the discovery documents), so that a base URL with a
// path prefix (a proxy, a test server mounted under a prefix) still
// resolves; ok is false when the path has neither.
func APIPath(p string) (string, bool) {
	for _, root := range []string{"/v1/", "/.well-known/"} {
		if strings.HasPrefix(p, root) {
			return p, true
		}
		if i := strings.Index(p, root); i >= 0 {
			return p[i:], true
		}
	}
	return "", false
}
