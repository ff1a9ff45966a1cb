package stytch

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
)

// APIError is a non-2xx answer of the Stytch API. Stytch error bodies fill
// every field; a body that is not a Stytch error object (a proxy's HTML 502
// page, a truncated body) still gives an *APIError with the real HTTP status,
// and Body returns a short, sanitised excerpt of what came back.
//
// Match it with errors.As; it is always returned as a pointer.
type APIError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// RequestID is Stytch's request id (`request-id-test-…`), for support tickets.
	RequestID string
	// ErrorType is the machine-readable error, e.g. ErrorTypeUserNotFound.
	ErrorType string
	// ErrorMessage is Stytch's human-readable explanation.
	ErrorMessage string
	// ErrorURL links to the documentation of ErrorType.
	ErrorURL string
	// ErrorDetails holds optional structured details sent by Stytch.
	ErrorDetails map[string]any

	body  string // sanitised excerpt of the raw body
	cause error  // set on errors made by this client, e.g. a local RBAC refusal
}

// Error describes the failure without echoing request data: it holds the
// status, error type, Stytch's message and request id, never credentials.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "stytch: HTTP %d", e.StatusCode)
	switch {
	case e.ErrorType != "":
		fmt.Fprintf(&b, " %s", e.ErrorType)
		if e.ErrorMessage != "" {
			fmt.Fprintf(&b, ": %s", e.ErrorMessage)
		}
	default:
		fmt.Fprintf(&b, " %s: response is not a Stytch error object", http.StatusText(e.StatusCode))
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request_id %s)", e.RequestID)
	}
	return b.String()
}

// Body returns a short excerpt of the raw response body (control characters
// stripped, truncated), useful when the body was not a Stytch error object.
func (e *APIError) Body() string { return e.body }

// Unwrap returns the local cause of an error this client produced itself
// (a refused local authorization check matches ErrPermissionDenied or
// ErrMissingScope); it is nil for answers of the API.
func (e *APIError) Unwrap() error { return e.cause }

// Temporary reports whether the same request may succeed later (429, 5xx).
func (e *APIError) Temporary() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// OAuth2Error is a non-2xx answer of the RFC 6749-style endpoints under
// /v1/public/{project_id}/oauth2 (M2M.Token, IDP.IntrospectTokenNetwork).
type OAuth2Error struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Code is the wire `error` field, e.g. "invalid_client".
	Code string
	// Description is the wire `error_description` field.
	Description string
	// URI is the wire `error_uri` field.
	URI string
	// RequestID is Stytch's request id when the body carries one.
	RequestID string
}

// Error describes the OAuth2 failure; it never contains the client secret.
func (e *OAuth2Error) Error() string {
	s := fmt.Sprintf("stytch: oauth2 HTTP %d %s", e.StatusCode, e.Code)
	if e.Description != "" {
		s += ": " + e.Description
	}
	if e.RequestID != "" {
		s += " (request_id " + e.RequestID + ")"
	}
	return s
}

// DecodeError means a 2xx response arrived but its body could not be decoded
// (or was larger than the client accepts). The status code is kept.
type DecodeError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Err is the underlying decoding failure.
	Err error
}

// Error implements error.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("stytch: decoding HTTP %d response: %v", e.StatusCode, e.Err)
}

// Unwrap returns the decoding failure.
func (e *DecodeError) Unwrap() error { return e.Err }

// TransportError is a request that got no HTTP response: a refused
// connection, a DNS failure, a per-attempt timeout or a cancelled context.
// It unwraps, so errors.Is(err, context.DeadlineExceeded) works.
type TransportError struct {
	// Method is the HTTP method of the request.
	Method string
	// Path is the URL path of the request (no query, no credentials).
	Path string
	// Err is the underlying failure.
	Err error
}

// Error implements error.
func (e *TransportError) Error() string {
	return fmt.Sprintf("stytch: %s %s: %v", e.Method, e.Path, innerError(e.Err))
}

// Unwrap returns the underlying failure.
func (e *TransportError) Unwrap() error { return e.Err }

// RetryError wraps the last error of a request that was retried until the
// retry policy gave up. Attempts counts every attempt made, the first one
// included. errors.As still finds the wrapped *APIError or *TransportError.
type RetryError struct {
	// Attempts is the number of attempts made.
	Attempts int
	// Err is the error of the last attempt.
	Err error
}

// Error implements error.
func (e *RetryError) Error() string {
	return fmt.Sprintf("%v (gave up after %d attempts)", e.Err, e.Attempts)
}

// Unwrap returns the error of the last attempt.
func (e *RetryError) Unwrap() error { return e.Err }

// ValidationError is bad input caught before any I/O: a nil params pointer,
// an empty path id, a nil claims target.
type ValidationError struct {
	// Field names the offending argument or params field.
	Field string
	// Reason says what is wrong with it.
	Reason string
}

// Error implements error.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("stytch: invalid argument %s: %s", e.Field, e.Reason)
}

// ConfigError is a bad NewClient argument or Option: an empty or malformed
// project id or secret, a test/live mismatch, an invalid base URL.
type ConfigError struct {
	// Setting names the offending argument or option.
	Setting string
	// Reason says what is wrong with it.
	Reason string
}

// Error implements error.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("stytch: invalid configuration %s: %s", e.Setting, e.Reason)
}

// StatusCode returns the HTTP status carried by err (an *APIError,
// *OAuth2Error or *DecodeError anywhere in its chain), or 0.
func StatusCode(err error) int {
	var ae *APIError
	var oe *OAuth2Error
	var de *DecodeError
	switch {
	case errors.As(err, &ae):
		return ae.StatusCode
	case errors.As(err, &oe):
		return oe.StatusCode
	case errors.As(err, &de):
		return de.StatusCode
	}
	return 0
}

// IsNotFound reports whether err is a Stytch 404 answer.
func IsNotFound(err error) bool { return StatusCode(err) == http.StatusNotFound }

// IsPermissionDenied reports whether err refuses an authorization check:
// a local RBAC or M2M scope check (ErrorTypeSessionAuthorizationError,
// ErrorTypeM2MAuthorizationError) or the API's 403 for an authorization_check
// (ErrorTypeConsumerSessionAuthorizationError).
func IsPermissionDenied(err error) bool {
	return errors.Is(err, ErrPermissionDenied) || errors.Is(err, ErrMissingScope) ||
		HasErrorType(err, ErrorTypeConsumerSessionAuthorizationError) ||
		HasErrorType(err, ErrorTypeSessionAuthorizationError) || HasErrorType(err, ErrorTypeM2MAuthorizationError)
}

// IsRateLimited reports whether err is a Stytch 429 answer.
func IsRateLimited(err error) bool { return StatusCode(err) == http.StatusTooManyRequests }

// IsUnauthorized reports whether err is a Stytch 401 answer (bad credentials,
// or a token that is used, expired or unknown).
func IsUnauthorized(err error) bool { return StatusCode(err) == http.StatusUnauthorized }

// HasErrorType reports whether err is an *APIError whose ErrorType is t, or an
// *OAuth2Error whose Code is t.
func HasErrorType(err error, t string) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.ErrorType == t
	}
	var oe *OAuth2Error
	return errors.As(err, &oe) && oe.Code == t
}

// maxExcerpt bounds APIError.Body.
const maxExcerpt = 256

// excerpt makes a short, printable version of a raw body: control characters
// and invalid UTF-8 become spaces or U+FFFD, runs of spaces collapse, and the
// result is cut at maxExcerpt bytes. Every non-empty string of redact (the
// project secret, its Basic auth encoding) is replaced first.
func excerpt(body []byte, redact ...string) string {
	s := strings.ToValidUTF8(string(body), "\uFFFD")
	for _, r := range redact {
		if r != "" {
			s = strings.ReplaceAll(s, r, "[redacted]")
		}
	}
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if len(s) > maxExcerpt {
		cut := maxExcerpt
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
