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
	c.wireServices()
	return c, nil
}

// ProjectID returns the project id the client authenticates as.
func (c *Client) ProjectID() string { return c.projectID }

// Close stops the client's background work (JWKS refreshes); it is safe to
// call more than once.
func (c *Client) Close() error { return c.consumer.Close() }

// String describes the client without its secret.
func (c *Client) String() string { return "b2b.Client{project: " + c.projectID + "}" }

// GoString is String, so that %#v never prints the secret either.
func (c *Client) GoString() string { return c.String() }
