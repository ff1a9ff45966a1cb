// Package b2b is a client for the Stytch B2B API: organizations, members,
// member sessions, magic links, OTPs, passwords, OAuth, SSO (SAML, OIDC),
// SCIM, discovery, RBAC, TOTPs and recovery codes.
//
// Create one Client per project with NewClient and share it: it is safe for
// concurrent use. It takes the same options as stytch.NewClient (base URL,
// HTTP client, retries, timeouts, logger, recorder) and fails with the same
// error types (*stytch.APIError, *stytch.ValidationError, ...). Services are
// fields named as in the official Go SDK's B2B client
// (client.Organizations.Members.Create, client.MagicLinks.Email.LoginOrSignup,
// client.SSO.SAML.CreateConnection ...), and the services B2B projects share
// with Consumer ones (M2M, ConnectedApp, Fraud, Debug, Project) are the
// stytch package's.
//
// Member session JWTs can be checked without a request:
// Sessions.AuthenticateJWTLocal verifies them against the project's B2B
// JWKS (fetched on first use through the same transport, refreshed hourly in
// the background until Close) and, with WithAuthorizationCheck, authorizes
// the Member against the cached RBAC policies of the project and of the
// Organization. Sessions.AuthenticateJWT falls back to the API when a JWT
// has expired. The paginated searches have iterators
// (Organizations.SearchAll, Organizations.Members.SearchAll,
// SCIM.Connection.GetGroupsAll).
package b2b

import (
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
)

// clientState is the handwritten part of Client; Client (client.gen.go)
// embeds it next to the generated service fields.
type clientState struct {
	projectID string
	consumer  *stytch.Client // shared services and the call path
	eng       apicall.Engine

	auth localAuth // member session JWT checks and RBAC policy caches (jwks.go, policy.go)
}

// NewClient returns a Client for a B2B project. projectID, secret and opts
// are checked as by stytch.NewClient (a *stytch.ConfigError on bad input);
// NewClient does no network I/O.
func NewClient(projectID, secret string, opts ...stytch.Option) (*Client, error) {
	consumer, err := stytch.NewClient(projectID, secret, opts...)
	if err != nil {
		return nil, err
	}
	c := &Client{clientState: clientState{projectID: projectID, consumer: consumer, eng: apicall.EngineOf(consumer)}}
	c.auth.init(apicall.LocalOf(consumer))
	c.wireServices()
	return c, nil
}

// ProjectID returns the project id the client authenticates as.
func (c *Client) ProjectID() string { return c.projectID }

// Close stops the client's background work (the B2B JWKS refresh started by
// the first local JWT check, and the wrapped client's); it is safe to call
// more than once. Local checks still work after Close, fetching keys on
// demand.
func (c *Client) Close() error { return c.consumer.Close() }

// String describes the client without its secret.
func (c *Client) String() string { return "b2b.Client{project: " + c.projectID + "}" }

// GoString is String, so that %#v never prints the secret either.
func (c *Client) GoString() string { return c.String() }
