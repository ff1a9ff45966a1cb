package flows

import (
	"errors"
	"fmt"
)

// Error is a domain error: the Stytch error_type, the HTTP status it answers
// and a human message. httpapi turns it into a Stytch error body (or an RFC
// 6749 body on the /v1/public OAuth2 endpoints, where Type is the OAuth2
// error code). Messages never contain secrets.
type Error struct {
	// Status is the HTTP status code, e.g. 404.
	Status int
	// Type is the Stytch error_type, e.g. "user_not_found": the name of an
	// ErrorType, except in an Injected fault.
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
// flows.ErrUserNotFound.New()) works in tests.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Type == e.Type
}

// ErrorType is one row of the table of error types in api/openapi.yml
// (x-error-types on the Error schema): a Stytch error_type and the HTTP
// status it answers. Its values are the generated Err* variables
// (error_types.gen.go), and no other package can make one, so the emulator
// cannot answer an error type the table does not hold: to use a new one, add
// its row to the table and run go generate ./... . The zero ErrorType is
// ErrInternalServerError.
type ErrorType struct{ id uint16 }

// errorTypeInfo is a row of the generated table.
type errorTypeInfo struct {
	name        string
	status      int
	description string
}

func (t ErrorType) info() errorTypeInfo {
	if t.id == 0 || int(t.id) >= len(errorTypes) {
		return errorTypes[ErrInternalServerError.id]
	}
	return errorTypes[t.id]
}

// Name returns the wire error_type, e.g. "user_not_found".
func (t ErrorType) Name() string { return t.info().name }

// String returns Name.
func (t ErrorType) String() string { return t.Name() }

// Status returns the HTTP status the table gives the type, e.g. 404.
func (t ErrorType) Status() int { return t.info().status }

// New returns an error of type t whose message is the table's description.
func (t ErrorType) New() *Error { return E(t, "%s", t.info().description) }

// LookupErrorType returns the ErrorType named name, for the few places that
// receive an error type as a string (a password hash check names its own).
func LookupErrorType(name string) (ErrorType, bool) {
	for i := 1; i < len(errorTypes); i++ {
		if errorTypes[i].name == name {
			return ErrorType{uint16(i)}, true
		}
	}
	return ErrorType{}, false
}

// E returns a new domain error of type t with the status the table gives
// it; format and args make the message (format alone when there are no
// args).
func E(t ErrorType, format string, args ...any) *Error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	info := t.info()
	return &Error{Status: info.status, Type: info.name, Message: msg}
}

// WithStatus sets the HTTP status of e, for the rare answer whose status is
// not the one the table gives its type (an OAuth 2.0 code answered with
// another status), and returns e.
func (e *Error) WithStatus(status int) *Error {
	e.Status = status
	return e
}

// Injected returns an error with exactly the status and error type a caller
// of the control plane asked an injected fault to answer. It is the only
// constructor that takes an error type outside the table, because a test
// may inject any; the emulator's own answers use E.
func Injected(status int, typ, format string, args ...any) *Error {
	e := E(ErrInternalServerError, format, args...)
	e.Status, e.Type = status, typ
	return e
}

// Frequently used errors, as constructors so callers can't mutate a shared
// value. The errors of unknown users, sessions and credentials are
// ErrUserNotFound.New(), ErrSessionNotFound.New() and
// ErrUnauthorizedCredentials.New().

// ErrUserLocked is the error while a user is locked out.
func ErrUserLocked() *Error {
	return E(ErrUserLockLimitReached,
		"The user has been locked out after too many failed authentication attempts; try again later.")
}

// ErrInternal wraps an unexpected failure; the cause is not shown to clients.
func ErrInternal() *Error {
	return E(ErrInternalServerError, "Oops, something seems to have gone wrong.")
}
