// Package emulator is a stateful local emulator of the Stytch Consumer API.
// New returns a *Server, an http.Handler that answers the same requests as
// https://test.stytch.com (users, magic links, OTPs, passwords, sessions and
// the other groups), keeps users and sessions in memory, "sends" emails and
// SMS to an outbox readable through the control plane (/emulator/v1), the web
// UI (/emulator/ui/) or the Go accessors, and can be driven in time (Advance)
// and made to fail (InjectFault). Use it with httptest.NewServer or run
// cmd/stytch-emulator.
package emulator

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/control"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
	"github.com/stytchkit/stytchkit/emulator/scim"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// Default credentials used when Config leaves them empty.
const (
	DefaultProjectID = "project-test-00000000-0000-0000-0000-000000000000"
	DefaultSecret    = "secret-test-emulator-0000000000000000000000000"
)

// Config configures a Server. The zero value is ready to use.
type Config struct {
	// ProjectID and Secret are the Basic-auth credentials the emulator
	// accepts; defaults DefaultProjectID and DefaultSecret. A project id
	// starting with "project-live-" makes generated ids "-live-".
	ProjectID, Secret string
	// PublicToken is the project's public token, which the browser start
	// URLs (OAuth, B2B OAuth and SSO) must carry; default
	// flows.DefaultPublicToken(ProjectID), public-token-test-<uuid> for
	// project-test-<uuid>.
	PublicToken string
	// Clock returns the current time; default time.Now. Advance adds to it.
	Clock func() time.Time
	// Logger receives request errors and one line per sent message (never
	// tokens, codes or secrets); default discard.
	Logger *slog.Logger
	// StateFile, when set, makes the state durable: Open loads it (if it
	// exists) and replays its journal ("<StateFile>.journal"); from then on
	// every change is journaled and fsynced before the emulator answers, so
	// that nothing acknowledged is lost even if the process is killed.
	// SaveState and Close fold the journal into the file.
	StateFile string
	// OutboxSize is how many sent messages the outbox keeps, the oldest
	// dropped first; 0 means store.DefaultOutboxSize.
	OutboxSize int
	// RedirectURL is the URL of the links in emails (magic links, invites,
	// password resets) when a request names none; default
	// flows.DefaultRedirectURL.
	RedirectURL string
	// AllowedRedirectURLs, when set, is the project's list of redirect URLs
	// (Stytch's Dashboard keeps it): a magic link, OAuth, SSO or password
	// reset request naming a URL that is not on it is refused with
	// Stytch's error type for that URL (invalid_login_magic_link_url,
	// invalid_signup_oauth_url, ...). An entry is a URL allowed for every
	// type of redirect, or TYPE=URL for one (login, signup, invite,
	// reset_password, discovery: Stytch keeps a list per type). A URL
	// matches an entry with the same scheme, host and path, whatever its
	// query string. Empty: any absolute http(s) URL is accepted.
	AllowedRedirectURLs []string
	// SigningKey, when set, signs session JWTs instead of a fresh RSA-2048
	// key (tests share one to save key generation time).
	SigningKey *rsa.PrivateKey
}

// Message is one email, SMS or WhatsApp message the emulator "sent".
type Message = store.Message

// Fault is an injected failure; see control.Fault.
type Fault = control.Fault

// Server is the emulator: an http.Handler serving the Stytch API under /v1
// and the control plane (its JSON API and web UI) under /emulator.
type Server struct {
	cfg     Config
	store   *store.Store
	svc     *flows.Service
	api     *httpapi.Handler
	control *control.Handler
	faults  *control.Faults
	scim    *scim.Handler
}

// New returns a Server for cfg. It panics only if the embedded OpenAPI
// document is broken or cfg.StateFile cannot be loaded; use Open to get
// those as errors.
func New(cfg Config) *Server {
	s, err := Open(cfg)
	if err != nil {
		panic(err)
	}
	return s
}

// Open returns a Server for cfg, restoring cfg.StateFile when it exists.
func Open(cfg Config) (*Server, error) {
	if cfg.ProjectID == "" {
		cfg.ProjectID = DefaultProjectID
	}
	if cfg.Secret == "" {
		cfg.Secret = DefaultSecret
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	env := "test"
	if strings.HasPrefix(cfg.ProjectID, "project-live-") {
		env = "live"
	}
	st, err := store.New(store.Options{Env: env, Clock: cfg.Clock, Logger: log, SigningKey: cfg.SigningKey,
		OutboxSize: cfg.OutboxSize})
	if err != nil {
		return nil, err
	}
	if cfg.StateFile != "" {
		if err := st.Open(cfg.StateFile); err != nil {
			return nil, fmt.Errorf("emulator: %w", err)
		}
	}
	svc := flows.New(st, cfg.ProjectID, log)
	if cfg.PublicToken != "" {
		svc.PublicToken = cfg.PublicToken
	}
	if err := svc.SetRedirectURLs(cfg.AllowedRedirectURLs); err != nil {
		return nil, errors.Join(fmt.Errorf("emulator: AllowedRedirectURLs: %w", err), st.Close())
	}
	if cfg.RedirectURL != "" {
		svc.RedirectURL = cfg.RedirectURL
	}
	api, err := httpapi.NewHandler(httpapi.Options{ProjectID: cfg.ProjectID, Secret: cfg.Secret, Service: svc, Logger: log})
	if err != nil {
		return nil, err
	}
	faults := &control.Faults{}
	ctl := control.New(control.Options{ProjectID: cfg.ProjectID, Secret: cfg.Secret, Service: svc, Faults: faults, Logger: log})
	return &Server{cfg: cfg, store: st, svc: svc, api: api, control: ctl, faults: faults, scim: scim.New(svc, log)}, nil
}

// ServeHTTP implements http.Handler. It gives every request its request_id
// (the only place one is made), then hands control-plane paths (/emulator
// and below) to the control plane and everything else, after any injected
// fault, to the API, or to the SCIM protocol at a SCIM connection's base
// URL (/v1/b2b/scim/{connection_id}/...), which is no operation of the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r = r.WithContext(httpapi.WithRequestID(r.Context(), store.NewID(store.KindRequestID, s.store.Env())))
	if control.Owns(r.URL.Path) {
		s.control.ServeHTTP(w, r)
		return
	}
	if s.faults.Apply(w, r) {
		return
	}
	if scim.Owns(r.URL.Path) {
		s.scim.ServeHTTP(w, r)
		return
	}
	s.api.ServeHTTP(w, r)
}

// ProjectID returns the project id the emulator accepts.
func (s *Server) ProjectID() string { return s.cfg.ProjectID }

// PublicToken returns the project's public token, which the browser start
// URLs must carry.
func (s *Server) PublicToken() string { return s.svc.PublicToken }

// Secret returns the project secret the emulator accepts.
func (s *Server) Secret() string { return s.cfg.Secret }

// Store returns the emulator state, for tests that seed or inspect it.
func (s *Server) Store() *store.Store { return s.store }

// Messages returns every message sent so far (oldest first), or only those
// to one address or phone number when to is not "".
func (s *Server) Messages(to string) []Message { return s.store.Messages(to) }

// LastMessage returns the newest message to an address or number.
func (s *Server) LastMessage(to string) (Message, bool) {
	msgs := s.store.Messages(to)
	if len(msgs) == 0 {
		return Message{}, false
	}
	return msgs[len(msgs)-1], true
}

// Reset forgets all users, sessions, tokens, messages, the clock offset and
// pending faults. The signing key stays.
func (s *Server) Reset() { s.control.Reset() }

// Now returns the emulator's current time.
func (s *Server) Now() time.Time { return s.store.Now() }

// Advance moves the emulator clock forward by d, so that tokens, codes and
// sessions expire without waiting.
func (s *Server) Advance(d time.Duration) (time.Time, error) { return s.store.Advance(d) }

// InjectFault queues a fault for the next matching requests.
func (s *Server) InjectFault(f Fault) error { return s.faults.Add(f) }

// ClearFaults drops every pending fault.
func (s *Server) ClearFaults() { s.faults.Clear() }

// PendingFaults lists the faults still queued.
func (s *Server) PendingFaults() []Fault { return s.faults.Pending() }

// SaveState writes the whole state to Config.StateFile (atomically) and
// empties the journal; a no-op when no file is configured. Every
// acknowledged change is already in the journal: SaveState only makes the
// next start faster.
func (s *Server) SaveState() error { return s.store.Compact() }

// Close saves the state (see SaveState) and closes the journal; the Server
// must not be used afterwards when it has a state file.
func (s *Server) Close() error { return s.store.Close() }
