// Package controlclient drives the control plane of a running Stytch
// emulator (cmd/stytch-emulator, a container, or any emulator reached over
// HTTP): read the outbox, wait for a message, reset the state, move the
// clock and inject faults. In a Go test that starts the emulator in-process,
// the *emulator.Server accessors do the same without HTTP.
//
//	cc, err := controlclient.New("http://127.0.0.1:4455", projectID, secret)
//	msg, err := cc.WaitForMessage(ctx, "ada@example.com", nil)
//	// msg.Token, msg.Code, msg.Link
//
// Failures are *Error (the control plane answered an error), *ConfigError
// (New was given bad settings), or wrap ErrNoMessage, a context error or a
// transport error. None of them contains the secret.
package controlclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/gen"
)

// DefaultPollInterval is how often WaitForMessage reads the outbox.
const DefaultPollInterval = 50 * time.Millisecond

// maxResponseBytes bounds a control-plane answer.
const maxResponseBytes = 32 << 20

// ErrNoMessage reports that the outbox has no (matching) message.
var ErrNoMessage = errors.New("controlclient: no message")

// Client calls the control plane (/emulator/v1) of one emulator. It is safe
// for concurrent use. Build it with New.
type Client struct {
	base      string // scheme://host[:port][/path], no trailing slash
	projectID string
	secret    string
	hc        *http.Client
	poll      time.Duration
}

// Option configures New.
type Option func(*Client) error

// WithHTTPClient sends the requests with hc instead of http.DefaultClient.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return &ConfigError{Setting: "WithHTTPClient", Reason: "the client is nil"}
		}
		c.hc = hc
		return nil
	}
}

// WithPollInterval sets how often WaitForMessage reads the outbox (default
// DefaultPollInterval).
func WithPollInterval(d time.Duration) Option {
	return func(c *Client) error {
		if d <= 0 {
			return &ConfigError{Setting: "WithPollInterval", Reason: "the interval must be positive"}
		}
		c.poll = d
		return nil
	}
}

// New returns a client for the emulator at baseURL (the URL the Stytch
// client uses, e.g. http://127.0.0.1:4455), authenticating with the
// project's id and secret. It does no I/O.
func New(baseURL, projectID, secret string, opts ...Option) (*Client, error) {
	u, err := url.Parse(baseURL)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		return nil, &ConfigError{Setting: "baseURL", Reason: "want an absolute http(s) URL such as http://127.0.0.1:4455"}
	case u.User != nil:
		return nil, &ConfigError{Setting: "baseURL", Reason: "credentials go in projectID and secret, not in the URL"}
	case u.RawQuery != "" || u.Fragment != "":
		return nil, &ConfigError{Setting: "baseURL", Reason: "the URL must not have a query or fragment"}
	case projectID == "":
		return nil, &ConfigError{Setting: "projectID", Reason: "empty"}
	case secret == "":
		return nil, &ConfigError{Setting: "secret", Reason: "empty"}
	}
	c := &Client{base: strings.TrimRight(u.String(), "/"), projectID: projectID, secret: secret,
		hc: http.DefaultClient, poll: DefaultPollInterval}
	for _, o := range opts {
		if o == nil {
			return nil, &ConfigError{Setting: "Option", Reason: "nil"}
		}
		if err := o(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// String names the client without its secret.
func (c *Client) String() string {
	return "controlclient.Client{" + c.base + ", " + c.projectID + "}"
}

// GoString is String, so that %#v never prints the secret either.
func (c *Client) GoString() string { return c.String() }

// do sends one control-plane request (body nil for none) and decodes a 2xx
// JSON answer into out (nil to discard it).
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("controlclient: encode %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+"/emulator/v1"+path, rd)
	if err != nil {
		return fmt.Errorf("controlclient: %s %s: %w", method, path, err)
	}
	req.SetBasicAuth(c.projectID, c.secret)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("controlclient: %s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxResponseBytes))
	if err != nil {
		return fmt.Errorf("controlclient: %s %s: read the answer: %w", method, path, err)
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return newError(method, path, res.StatusCode, raw)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("controlclient: %s %s: decode the answer: %w", method, path, err)
	}
	return nil
}

// Messages returns the outbox, oldest first; only the messages to one
// address or phone number (case-insensitive) when to is not "".
func (c *Client) Messages(ctx context.Context, to string) ([]Message, error) {
	path := "/messages"
	if to != "" {
		path += "?to=" + url.QueryEscape(to)
	}
	var out struct {
		Messages []Message `json:"messages"`
	}
	if err := c.do(ctx, http.MethodGet, path, nil, &out); err != nil {
		return nil, err
	}
	return out.Messages, nil
}

// LastMessage returns the newest message to an address or number (any
// recipient when to is ""), or an error wrapping ErrNoMessage.
func (c *Client) LastMessage(ctx context.Context, to string) (Message, error) {
	msgs, err := c.Messages(ctx, to)
	if err != nil {
		return Message{}, err
	}
	if len(msgs) == 0 {
		return Message{}, fmt.Errorf("%w to %q", ErrNoMessage, to)
	}
	return msgs[len(msgs)-1], nil
}

// WaitForMessage reads the outbox until it holds a message to `to` for
// which match returns true (match nil: any message) and returns the newest
// such message. When ctx ends first, the error wraps both ErrNoMessage and
// the context's error. To wait for a message sent after some point, match
// on what changed, e.g. the id differing from the last one seen.
func (c *Client) WaitForMessage(ctx context.Context, to string, match func(Message) bool) (Message, error) {
	ticker := time.NewTicker(c.poll)
	defer ticker.Stop()
	for {
		msgs, err := c.Messages(ctx, to)
		if err != nil && ctx.Err() == nil {
			return Message{}, err
		}
		for i := len(msgs) - 1; i >= 0; i-- {
			if match == nil || match(msgs[i]) {
				return msgs[i], nil
			}
		}
		select {
		case <-ctx.Done():
			return Message{}, fmt.Errorf("%w to %q before the context ended: %w", ErrNoMessage, to, ctx.Err())
		case <-ticker.C:
		}
	}
}

// Reset makes the emulator forget every user, session, token, message and
// pending fault, and the clock offset.
func (c *Client) Reset(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, "/reset", nil, nil)
}

// Now returns the emulator's current time.
func (c *Client) Now(ctx context.Context) (time.Time, error) {
	var out struct {
		Now time.Time `json:"now"`
	}
	err := c.do(ctx, http.MethodGet, "/clock", nil, &out)
	return out.Now, err
}

// Advance moves the emulator's clock forward by d (not backwards), so that
// tokens, codes and sessions expire without waiting, and returns the new time.
func (c *Client) Advance(ctx context.Context, d time.Duration) (time.Time, error) {
	if d < 0 {
		return time.Time{}, &ConfigError{Setting: "Advance", Reason: "the clock only moves forward"}
	}
	var out struct {
		Now time.Time `json:"now"`
	}
	err := c.do(ctx, http.MethodPost, "/clock", map[string]string{"advance": d.String()}, &out)
	return out.Now, err
}

// RBACPolicy returns the project's Consumer RBAC policy.
func (c *Client) RBACPolicy(ctx context.Context) (gen.Policy, error) {
	return c.policy(ctx, http.MethodGet, "/rbac/policy", nil)
}

// SetRBACPolicy replaces the project's Consumer RBAC policy, as Stytch's
// Dashboard does, and returns it as stored: stytch_user and stytch_admin
// are always in it (one p leaves out has no permission). A policy that
// does not hold together (a permission on an undefined Resource, an
// action its Resource does not define, a Role defined twice) is an *Error.
func (c *Client) SetRBACPolicy(ctx context.Context, p gen.Policy) (gen.Policy, error) {
	return c.policy(ctx, http.MethodPut, "/rbac/policy", p)
}

// B2BRBACPolicy returns the project's B2B RBAC policy.
func (c *Client) B2BRBACPolicy(ctx context.Context) (gen.Policy, error) {
	return c.policy(ctx, http.MethodGet, "/b2b/rbac/policy", nil)
}

// SetB2BRBACPolicy replaces the project's B2B RBAC policy and returns it as
// stored: p's Resources and Roles next to Stytch's stytch.* Resources and
// its stytch_member and stytch_admin Roles (one p leaves out keeps its
// default permissions). Organizations' custom Roles must stay valid under
// it; assignments of Roles it no longer defines are dropped.
func (c *Client) SetB2BRBACPolicy(ctx context.Context, p gen.Policy) (gen.Policy, error) {
	return c.policy(ctx, http.MethodPut, "/b2b/rbac/policy", p)
}

func (c *Client) policy(ctx context.Context, method, path string, body any) (gen.Policy, error) {
	var out struct {
		Policy gen.Policy `json:"policy"`
	}
	err := c.do(ctx, method, path, body, &out)
	return out.Policy, err
}
