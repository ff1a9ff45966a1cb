package apicall

import (
	"log/slog"
	"time"
)

// Local is what a client that wraps a *stytch.Client (package stytch/b2b)
// needs to run its own local checks (JWKS cache, RBAC policy cache) with the
// settings and the lifetime of the client it wraps.
type Local struct {
	// Now is the client's clock (WithClock), never nil.
	Now func() time.Time
	// Leeway is WithJWTLeeway in the jwtauth convention: 0 keeps the
	// default, a negative value tolerates no skew.
	Leeway time.Duration
	// JWKSRefresh is WithJWKSRefreshInterval; 0 keeps the default.
	JWKSRefresh time.Duration
	// PolicyTTL is how long an RBAC policy is cached (WithRBACPolicyTTL or
	// the default), never 0.
	PolicyTTL time.Duration
	// Logger is WithLogger's logger, or nil.
	Logger *slog.Logger
	// CustomBaseURL is the base URL given with WithBaseURL unless it is one
	// of Stytch's own hosts: tokens issued through it name it as iss.
	CustomBaseURL string
	// OnClose registers f to run when the wrapped client is closed; it
	// reports false when the client is already closed.
	OnClose func(f func() error) bool
	// Refusal builds the 403 *stytch.APIError of a refused local check,
	// with errorType and message, that also matches cause with errors.Is.
	Refusal func(errorType, message string, cause error) error
}

// LocalOf returns the Local of a *stytch.Client; package stytch sets it.
var LocalOf func(client any) Local
