// Package jwtauth verifies Stytch session JWTs (Consumer sessions and B2B
// member sessions) and M2M access tokens locally, against the project's JSON
// Web Key Set, and caches M2M access tokens.
//
// It is the engine behind the public clients' local authentication
// (Sessions.AuthenticateJWTLocal of package stytch and of package
// stytch/b2b, M2M.AuthenticateToken) and M2M token cache.
// Nothing in this package performs I/O on its own: the JWKS and tokens come
// from functions the caller injects, so the HTTP transport stays in one place.
//
// Headers and claims are decoded into typed structs, in one pass, by
// encoding/json/v2 (through github.com/go-json-experiment/json, the module
// that mirrors it until the project's Go has it): member names match
// exactly and a repeated name is refused, so no claim can pass for another.
// The payload is decoded only after its RS256 signature has verified.
//
// Every verification failure is a *Error that matches exactly one of the
// Err* sentinels below with errors.Is (and, for time checks, the matching
// golang-jwt sentinel such as jwt.ErrTokenExpired); a missing M2M scope is a
// *ScopeError matching ErrMissingScope. No error message ever contains the
// token or any part of its signature.
package jwtauth

import "errors"

// Sentinel kinds of verification failure. Match them with errors.Is.
var (
	// ErrMalformed: the token is not a compact JWS with a JSON header and a
	// JSON object payload, a claim has the wrong JSON type, or a required
	// claim (sub, exp, iat) is missing.
	ErrMalformed = errors.New("jwtauth: malformed token")
	// ErrBadAlgorithm: the header names an algorithm other than RS256 (none,
	// HS256, ES256, ...), or the key with that kid is not an RS256 key.
	ErrBadAlgorithm = errors.New("jwtauth: signing algorithm not allowed")
	// ErrMissingKeyID: the header carries no kid, so no key can be chosen.
	ErrMissingKeyID = errors.New("jwtauth: token header has no kid")
	// ErrUnknownKey: no key in the project's JWKS has the token's kid, even
	// after the refresh this lookup was allowed to trigger.
	ErrUnknownKey = errors.New("jwtauth: no JWKS key matches the token's kid")
	// ErrNoKeys: the JWKS could not be loaded at all (or holds no usable RSA
	// key), so no token can be verified. It wraps the fetch failure.
	ErrNoKeys = errors.New("jwtauth: no usable JWKS keys")
	// ErrInvalidSignature: the RS256 signature does not verify with the key.
	ErrInvalidSignature = errors.New("jwtauth: invalid token signature")
	// ErrTokenExpired: exp (plus leeway) is in the past. Matches jwt.ErrTokenExpired too.
	ErrTokenExpired = errors.New("jwtauth: token expired")
	// ErrTokenNotYetValid: nbf or iat (minus leeway) is in the future.
	// Matches jwt.ErrTokenNotValidYet or jwt.ErrTokenUsedBeforeIssued too.
	ErrTokenNotYetValid = errors.New("jwtauth: token not valid yet")
	// ErrTokenTooOld: iat + the caller's max token age is in the past. The
	// token itself may still be unexpired.
	ErrTokenTooOld = errors.New("jwtauth: token older than the allowed maximum age")
	// ErrInvalidIssuer: iss is neither stytch.com/<project_id> nor the
	// configured custom base URL.
	ErrInvalidIssuer = errors.New("jwtauth: token issuer not accepted")
	// ErrInvalidAudience: aud does not contain the project id.
	ErrInvalidAudience = errors.New("jwtauth: token audience does not include the project")
	// ErrMissingScope: an M2M token lacks a scope the caller requires.
	ErrMissingScope = errors.New("jwtauth: token lacks a required scope")
	// ErrPermissionDenied: an RBAC check found no role granting the action.
	ErrPermissionDenied = errors.New("jwtauth: permission denied")
)

// Error is the concrete type of every verification failure. Kind is one of
// the Err* sentinels; Detail is a short, token-free explanation.
type Error struct {
	// Kind is the sentinel this failure matches with errors.Is.
	Kind error
	// Detail explains the failure without quoting the token.
	Detail string

	cause error // optional underlying error (fetch failure, jwt validator error)
}

// Error returns "<kind>: <detail>" and, when present, the cause's message.
func (e *Error) Error() string {
	msg := e.Kind.Error()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.cause != nil {
		msg += ": " + e.cause.Error()
	}
	return msg
}

// Unwrap exposes both the kind and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	if e.cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.cause}
}

func newErr(kind error, detail string) *Error { return &Error{Kind: kind, Detail: detail} }

func wrapErr(kind error, detail string, cause error) *Error {
	return &Error{Kind: kind, Detail: detail, cause: cause}
}

// ScopeError reports the first required scope an M2M token does not grant.
// It matches ErrMissingScope with errors.Is.
type ScopeError struct {
	// Missing is the required scope no granted scope satisfies.
	Missing string
}

// Error names the missing scope (scopes are not secret).
func (e *ScopeError) Error() string {
	return ErrMissingScope.Error() + ": " + e.Missing
}

// Is reports whether target is ErrMissingScope.
func (e *ScopeError) Is(target error) bool { return target == ErrMissingScope }
