// Package emulatortest starts an in-process Stytch emulator for one test and
// returns a *stytch.Client already pointed at it:
//
//	func TestSignup(t *testing.T) {
//		client, srv := emulatortest.New(t)
//		_, err := client.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{Email: "ada@example.com"})
//		...
//		msg, _ := srv.LastMessage("ada@example.com") // the token the email carried
//	}
//
// The emulator listens on a loopback port (so its web UI at
// client.BaseURL()+"/emulator/ui/" opens without a login) and everything
// stops when the test ends. NewB2B does the same for a B2B project and
// returns a *b2b.Client.
package emulatortest

import (
	"crypto/rand"
	"crypto/rsa"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// Option configures New.
type Option func(*config)

type config struct {
	emu    emulator.Config
	client []stytch.Option
}

// WithClock makes the emulator read the time from now (default time.Now);
// Server.Advance still moves it forward.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.emu.Clock = now }
}

// WithCredentials sets the project id and secret the emulator accepts and
// the client sends (default emulator.DefaultProjectID and DefaultSecret). A
// "project-live-..." id makes the emulator a live project.
func WithCredentials(projectID, secret string) Option {
	return func(c *config) { c.emu.ProjectID, c.emu.Secret = projectID, secret }
}

// WithLogger gives the emulator a logger (one line per message it sends and
// per internal error; never tokens, codes or secrets).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.emu.Logger = l }
}

// WithClientOptions adds options to the client, after the base URL (for
// example stytch.WithoutRetries() for a test of injected faults).
func WithClientOptions(opts ...stytch.Option) Option {
	return func(c *config) { c.client = append(c.client, opts...) }
}

// WithEmulatorConfig edits the emulator's configuration before it starts,
// for settings the other options do not cover (StateFile, SigningKey).
func WithEmulatorConfig(edit func(*emulator.Config)) Option {
	return func(c *config) { edit(&c.emu) }
}

// sharedKey signs the session JWTs of every emulator New starts in one test
// binary: generating an RSA key per test would dominate its run time.
var sharedKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })

// New starts an emulator on a loopback port and returns a client for it
// and the emulator itself (for its outbox, clock, faults and state). Both
// are closed when the test ends. A bad option fails the test.
func New(t testing.TB, opts ...Option) (*stytch.Client, *emulator.Server) {
	t.Helper()
	return start(t, opts, stytch.NewClient)
}

// NewB2B is New for a B2B project: the client is a *b2b.Client (the same
// emulator serves both kinds of project).
func NewB2B(t testing.TB, opts ...Option) (*b2b.Client, *emulator.Server) {
	t.Helper()
	return start(t, opts, b2b.NewClient)
}

// start starts the emulator for New and NewB2B and a client for it made by
// newClient (stytch.NewClient or b2b.NewClient).
func start[C io.Closer](t testing.TB, opts []Option, newClient func(string, string, ...stytch.Option) (C, error)) (C, *emulator.Server) {
	t.Helper()
	var c config
	for _, o := range opts {
		if o == nil {
			t.Fatal("emulatortest: nil Option")
		}
		o(&c)
	}
	if c.emu.SigningKey == nil {
		key, err := sharedKey()
		if err != nil {
			t.Fatalf("emulatortest: signing key: %v", err)
		}
		c.emu.SigningKey = key
	}
	srv, err := emulator.Open(c.emu)
	if err != nil {
		t.Fatalf("emulatortest: start the emulator: %v", err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		if err := srv.Close(); err != nil {
			t.Errorf("emulatortest: close the emulator: %v", err)
		}
	})
	client, err := newClient(srv.ProjectID(), srv.Secret(), append([]stytch.Option{stytch.WithBaseURL(hs.URL)}, c.client...)...)
	if err != nil {
		t.Fatalf("emulatortest: client: %v", err)
	}
	t.Cleanup(func() { _ = client.Close() }) // runs before the server stops
	return client, srv
}
