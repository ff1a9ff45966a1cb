package flows

import (
	"errors"
	"fmt"
	"net/http"
)

// Error is a domain error: the Stytch error_type, the HTTP status it answers
// and a human message. httpapi turns it into a Stytch error body (or an RFC
// 6749 body on the /v1/public OAuth2 endpoints, where Type is the OAuth2
// error code). Messages never contain secrets.
type Error struct {
	// Status is the HTTP status code, e.g. 404.
	Status int
	// Type is the Stytch error_type, e.g. "user_not_found".
	Type string
	// Message is the human-readable error_message.
	Message string
	// Details, when not nil, becomes error_details.
	Details map[string]any
	// RetryAfter, when positive, is sent as a Retry-After header (seconds).
	RetryAfter int
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("%s (%d): %s", e.Type, e.Status, e.Message) }

// Is matches another *Error with the same Type, so errors.Is(err,
// flows.E(404, "user_not_found", "")) works in tests.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Type == e.Type
}

// E returns a new domain error.
func E(status int, typ, format string, args ...any) *Error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &Error{Status: status, Type: typ, Message: msg}
}

// BadRequest returns a 400 error of the given type.
func BadRequest(typ, format string, args ...any) *Error {
	return E(http.StatusBadRequest, typ, format, args...)
}

// Unauthorized returns a 401 error of the given type.
func Unauthorized(typ, format string, args ...any) *Error {
	return E(http.StatusUnauthorized, typ, format, args...)
}

// NotFound returns a 404 error of the given type.
func NotFound(typ, format string, args ...any) *Error {
	return E(http.StatusNotFound, typ, format, args...)
}

// Forbidden returns a 403 error of the given type.
func Forbidden(typ, format string, args ...any) *Error {
	return E(http.StatusForbidden, typ, format, args...)
}

// TooMany returns a 429 error of the given type.
func TooMany(typ, format string, args ...any) *Error {
	return E(http.StatusTooManyRequests, typ, format, args...)
}

// NotImplemented answers endpoints the emulator does not implement yet.
func NotImplemented(op string) *Error {
	return E(http.StatusNotImplemented, "not_implemented_in_emulator",
		"%s is not implemented in the emulator yet.", op)
}

// Frequently used errors, as constructors so callers can't mutate a shared value.

// ErrUserNotFound is the error for an unknown user_id or external_id.
func ErrUserNotFound() *Error {
	return NotFound("user_not_found", "User could not be found.")
}

// ErrSessionNotFound is the error for an unknown, revoked or expired session.
func ErrSessionNotFound() *Error {
	return NotFound("session_not_found", "Session could not be found.")
}

// ErrUnauthorizedCredentials is the error for bad project or client credentials.
func ErrUnauthorizedCredentials() *Error {
	return Unauthorized("unauthorized_credentials", "Unauthorized credentials.")
}

// ErrUserLocked is the error while a user is locked out.
func ErrUserLocked() *Error {
	return TooMany("user_lock_limit_reached",
		"The user has been locked out after too many failed authentication attempts; try again later.")
}

// ErrInternal wraps an unexpected failure; the cause is not shown to clients.
func ErrInternal() *Error {
	return E(http.StatusInternalServerError, "internal_server_error",
		"Oops, something seems to have gone wrong.")
}
