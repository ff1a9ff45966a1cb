package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/oapi-codegen/runtime/types"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// ErrorURL returns the documentation link Stytch puts in error_url.
func ErrorURL(status int, errorType string) string {
	return fmt.Sprintf("https://stytch.com/docs/api/errors/%d#%s", status, errorType)
}

// IsOAuth2Path reports whether path is one of the RFC 6749 endpoints
// (/v1/public/{project_id}/oauth2/... and /v1/oauth2/...), whose errors use
// the OAuth2 error shape.
func IsOAuth2Path(path string) bool { return strings.Contains(path, "/oauth2/") }

// WriteError writes err as a Stytch error body: a *flows.Error keeps its
// status and type; anything else is logged and answered as a 500
// internal_server_error without its text. On /v1/public paths the body is an
// RFC 6749 error object instead, and under /v1/public/{project_id}/oauth2/
// its error is always an OAuth 2.0 code (see oauth2Coded), whichever path
// the failure took: routing, body size, encoding, validation, the flow, an
// injected fault or an internal error.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var fe *flows.Error
	if !errors.As(err, &fe) {
		if log != nil {
			log.Error("emulator internal error", "path", r.URL.Path, "err", err)
		}
		fe = flows.ErrInternal()
	}
	if IsOAuth2Path(r.URL.Path) && IsOAuth2TokenPath(r.URL.Path) {
		fe = oauth2Coded(fe, r.URL.Path)
	}
	reqID := RequestID(r.Context())
	if fe.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(fe.RetryAfter))
	}
	url := ErrorURL(fe.Status, fe.Type)
	if IsOAuth2Path(r.URL.Path) {
		status := int32(fe.Status)
		writeJSON(w, fe.Status, gen.OAuth2Error{Error: fe.Type, ErrorDescription: &fe.Message,
			ErrorURI: &url, RequestID: &reqID, StatusCode: &status})
		return
	}
	body := gen.Error{StatusCode: int32(fe.Status), RequestID: reqID, ErrorType: fe.Type,
		ErrorMessage: fe.Message, ErrorURL: url}
	if fe.Details != nil {
		d := fe.Details
		body.ErrorDetails = d
	}
	writeJSON(w, fe.Status, body)
}

// bindError answers a request the generated server could not bind (bad JSON,
// bad path parameter) as 400 bad_request.
func bindError(log *slog.Logger) func(http.ResponseWriter, *http.Request, error) {
	return func(w http.ResponseWriter, r *http.Request, err error) {
		if errors.Is(err, types.ErrValidationEmail) {
			WriteError(w, r, log, flows.E(flows.ErrInvalidEmail, "The email address is invalid."))
			return
		}
		typ := flows.ErrBadRequest
		if IsOAuth2Path(r.URL.Path) {
			typ = flows.ErrInvalidRequest // RFC 6749 section 5.2
		}
		WriteError(w, r, log, flows.E(typ, "The request could not be parsed: %s", safeReason(err)))
	}
}

// responseError answers an error returned by a handler.
func responseError(log *slog.Logger) func(http.ResponseWriter, *http.Request, error) {
	return func(w http.ResponseWriter, r *http.Request, err error) { WriteError(w, r, log, err) }
}

// safeReason keeps the first line of a decoding error, which names the field
// and the expected type but not the submitted value.
func safeReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q must be %s", te.Field, te.Type)
	}
	return "malformed request"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type ctxKey int

const requestIDKey ctxKey = 1

// WithRequestID returns ctx carrying the request_id of the call being served.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestID returns the request_id of the call being served ("" outside one).
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}
