// Package apicall is the seam between the generated service methods of
// package stytch and package stytch/b2b and the one call path that sends
// them (package stytch's engine: authentication, retries, errors, logging).
//
// Each generated method fills an Args for its Operation and hands both to an
// Engine. Package stytch sets EngineOf in its init, so that stytch/b2b can
// reach the engine of the consumer client it wraps without either package
// exporting it.
package apicall

import (
	"context"
	"net/url"
)

// Host names the base URL an operation is sent to.
type Host uint8

// Hosts of the API.
const (
	// HostAPI is the project's API host (test.stytch.com, api.stytch.com or
	// the base URL given to the client).
	HostAPI Host = iota
	// HostFraud is the Fraud and Risk API host (telemetry.stytch.com).
	HostFraud
	// HostProjectDomain is the project's own domain (Connected Apps
	// discovery documents and UserInfo).
	HostProjectDomain
)

// Auth names the credentials an operation carries.
type Auth uint8

// Kinds of credentials.
const (
	// AuthProject is HTTP Basic with the project id and secret.
	AuthProject Auth = iota
	// AuthNone sends no credentials (JWKS, discovery documents).
	AuthNone
	// AuthClient sends no project credentials: OAuth client credentials
	// travel in the body.
	AuthClient
	// AuthBearer sends Args.Bearer as a bearer token.
	AuthBearer
)

// Operation describes one API operation. The generated tables hold one per
// operation of api/openapi.yml.
type Operation struct {
	// ID is the operationId, e.g. UsersGet.
	ID string
	// Method is the HTTP method.
	Method string
	// Segments are the static parts of the path around its parameters:
	// /v1/users/{user_id}/connected_apps is {"/v1/users/", "/connected_apps"}.
	Segments []string
	// Host is where the operation is sent.
	Host Host
	// Auth is what credentials it carries.
	Auth Auth
	// Form is true when the request body is form-encoded, not JSON.
	Form bool
	// OAuth2Errors is true when error bodies are RFC 6749 error objects.
	OAuth2Errors bool
}

// Path returns the path template, e.g. /v1/users/{}, for messages.
func (op *Operation) Path() string {
	p := op.Segments[0]
	for _, s := range op.Segments[1:] {
		p += "{}" + s
	}
	return p
}

// MaxPathParams is the most path parameters an operation has.
const MaxPathParams = 4

// Args are the inputs of one call.
type Args struct {
	// Path holds the path parameter values, in path order.
	Path [MaxPathParams]string
	// Query holds query parameters; nil when there are none.
	Query url.Values
	// Header holds extra headers as name, value pairs.
	Header []string
	// Body is the request body (a pointer to a gen request type), or nil.
	Body any
	// Bearer is the token of an AuthBearer operation.
	Bearer string
	// ClaimsKey, when set, names the response property holding a session
	// whose custom_claims are decoded into Claims.
	ClaimsKey string
	// Claims receives the session's custom claims (a non-nil pointer).
	Claims any
}

// Engine sends calls. The engine of a client is safe for concurrent use.
type Engine interface {
	// Invoke sends op with a and decodes a 2xx body into out (a pointer),
	// or returns the client's typed error.
	Invoke(ctx context.Context, op *Operation, a *Args, out any) error
}

// EngineOf returns the engine of a *stytch.Client; package stytch sets it.
var EngineOf func(client any) Engine
