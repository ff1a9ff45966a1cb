// Package stytch is a client for the Stytch Consumer API.
//
// Create one Client per project with NewClient and share it: it is safe for
// concurrent use. Services are fields named as in the official Go SDK
// (client.Users.Create, client.MagicLinks.Email.LoginOrCreate,
// client.OTPs.Sms.Send, client.M2M.Clients.Secrets.Rotate …), so moving over
// is mechanical.
//
// Every method takes a context and a params pointer and returns a typed
// response or an error, never both. Params and responses are the types of
// the OpenAPI document (package gen) under stable aliases; optional fields
// are pointers, so an explicit false, 0 or "" is sent as such:
//
//	resp, err := client.Users.Create(ctx, &stytch.UsersCreateParams{
//		Email:               new(openapi_types.Email("ada@example.com")),
//		CreateUserAsPending: new(false),
//	})
//
// Path ids are fields of the params struct and never part of a body
// (stytch.UsersUpdateParams{UserID: id, Body: …}). Failures are *APIError,
// *OAuth2Error, *DecodeError, *TransportError or *ValidationError, wrapped in
// *RetryError when more than one attempt was made.
//
// Session JWTs and M2M access tokens can also be checked without a request:
// Sessions.AuthenticateJWTLocal and M2M.AuthenticateToken verify them against
// the project's JWKS, fetched on first use through the same transport and
// refreshed hourly in the background until Close. Sessions.AuthenticateJWT
// falls back to the API when a JWT has expired, and M2M.Token caches access
// tokens until shortly before they expire.
package stytch

import (
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"sync"
)

// Base URLs of the two Stytch environments.
const (
	TestBaseURL = "https://test.stytch.com"
	LiveBaseURL = "https://api.stytch.com"
)

// clientState is the handwritten part of Client: its identity, its call
// path and the caches of local verification. Client (client.gen.go) embeds
// it next to the generated service fields.
type clientState struct {
	projectID string
	creds     *credentials // behind a pointer: fmt prints an address, never the secret
	baseURL   string
	eng       *engine

	auth localAuth // local JWT verification, M2M token and RBAC policy caches (jwks.go)

	closeMu sync.Mutex
	closed  bool
	closers []func() error
}

// credentials holds the project secret and the strings that must never show
// in error excerpts. Client and transport keep it behind a pointer, because
// fmt prints the unexported fields of a struct it is given (%+v, %#v) but
// only the address of a pointer nested inside it.
type credentials struct {
	secret    string
	redact    []string
	basicAuth []string // the Authorization header value, shared by every request
}

// String hides the credentials.
func (*credentials) String() string { return "[redacted]" }

// GoString hides the credentials from %#v too.
func (*credentials) GoString() string { return "[redacted]" }

// String describes the client without its secret.
func (c *Client) String() string {
	return "stytch.Client{project: " + c.projectID + ", base URL: " + c.baseURL + "}"
}

// GoString is String, so that %#v never prints the secret either.
func (c *Client) GoString() string { return c.String() }

var (
	projectIDRe = regexp.MustCompile(`^project-(test|live)-[A-Za-z0-9][A-Za-z0-9-]*$`)
	secretRe    = regexp.MustCompile(`^secret-(test|live)-[A-Za-z0-9_=-]+$`)
)

// NewClient returns a Client for the project. The environment comes from the
// project id: project-test-… talks to TestBaseURL, project-live-… to
// LiveBaseURL (WithBaseURL overrides the host). An empty or malformed id or
// secret, or a secret of the other environment, is a *ConfigError. NewClient
// does no network I/O.
func NewClient(projectID, secret string, opts ...Option) (*Client, error) {
	env, err := environment(projectID, secret)
	if err != nil {
		return nil, err
	}
	cfg := config{timeout: DefaultTimeout, retry: DefaultRetryPolicy(), maxBody: defaultMaxBody, baseURL: LiveBaseURL}
	if env == "test" {
		cfg.baseURL = TestBaseURL
	}
	for _, o := range opts {
		if o == nil {
			return nil, &ConfigError{Setting: "Option", Reason: "option is nil"}
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	return newClient(projectID, secret, cfg)
}

func newClient(projectID, secret string, cfg config) (*Client, error) {
	if cfg.doer == nil {
		cfg.doer = defaultDoer()
	}
	if cfg.recordDir != "" {
		cfg.doer = recorded(cfg.recordDir, cfg.doer)
	}
	basic := base64.StdEncoding.EncodeToString([]byte(projectID + ":" + secret))
	creds := &credentials{secret: secret, redact: []string{secret, basic}, basicAuth: []string{"Basic " + basic}}
	c := &Client{clientState: clientState{projectID: projectID, creds: creds, baseURL: cfg.baseURL}}
	c.eng = newEngine(projectID, creds, &cfg)
	c.auth.init(cfg)
	c.wireServices()
	return c, nil
}

// environment checks the credentials and returns "test" or "live".
func environment(projectID, secret string) (string, error) {
	pm := projectIDRe.FindStringSubmatch(projectID)
	switch {
	case projectID == "":
		return "", &ConfigError{Setting: "projectID", Reason: "empty"}
	case pm == nil:
		return "", &ConfigError{Setting: "projectID", Reason: "expected project-test-… or project-live-…"}
	case secret == "":
		return "", &ConfigError{Setting: "secret", Reason: "empty"}
	}
	sm := secretRe.FindStringSubmatch(secret)
	switch {
	case sm == nil:
		return "", &ConfigError{Setting: "secret", Reason: "expected secret-test-… or secret-live-…"}
	case sm[1] != pm[1]:
		return "", &ConfigError{Setting: "secret", Reason: "a " + sm[1] + " secret cannot be used with a " + pm[1] + " project id"}
	}
	return pm[1], nil
}

// ProjectID returns the project id the client authenticates as.
func (c *Client) ProjectID() string { return c.projectID }

// BaseURL returns the URL requests are sent to (no trailing slash).
func (c *Client) BaseURL() string { return strings.TrimRight(c.baseURL, "/") }

// Close stops the background work of the client (the hourly JWKS refresh
// started by the first local JWT check). It is safe to call more than once
// and from several goroutines; calls after the first return nil. Local checks
// still work after Close, fetching keys on demand.
func (c *Client) Close() error {
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	var errs []error
	for i := len(c.closers) - 1; i >= 0; i-- {
		if err := c.closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	c.closers = nil
	return errors.Join(errs...)
}

// onClose registers f to run (last registered first) when Close is called.
// It reports false when the client is already closed.
func (c *Client) onClose(f func() error) bool {
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	if c.closed {
		return false
	}
	c.closers = append(c.closers, f)
	return true
}
