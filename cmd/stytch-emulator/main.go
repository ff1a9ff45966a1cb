// Command stytch-emulator runs the Stytch API emulator (Consumer and B2B) on
// a local address until SIGINT or SIGTERM.
//
//	stytch-emulator -addr 127.0.0.1:4455 -state emulator.json
//
// With -tls-cert and -tls-key it serves HTTPS, which clients that insist on
// an https base URL (the official Node SDK's custom_base_url) need.
//
// It prints the base URL and the credentials to use, e.g.
// STYTCH_PROJECT_ID=... STYTCH_SECRET=... and the base URL for the client's
// WithBaseURL option. Sent emails and SMS are listed at
// GET <base>/emulator/v1/messages and in the web UI at <base>/emulator/ui/.
// With -state, every change is journaled and on disk before the emulator
// answers, so a killed emulator loses nothing it acknowledged. Run it with -h
// for every flag.
package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "stytch-emulator:", err)
		os.Exit(1)
	}
}

// HTTP server timeouts: a slow or idle client cannot hold a connection
// (and its goroutine) forever.
const (
	readHeaderTimeout  = 10 * time.Second
	readTimeout        = 30 * time.Second
	writeTimeout       = 60 * time.Second
	defaultIdleTimeout = 15 * time.Second
)

const usageText = `stytch-emulator runs a local, stateful emulator of the Stytch API: Consumer
(users, magic links, OTPs, passwords, sessions, OAuth, TOTP, WebAuthn, M2M,
Connected Apps...) and B2B (organizations, members, SSO through emulated
identity providers, SCIM, discovery, RBAC...). Point a Stytch client at the
printed base URL with the printed credentials. Emails and SMS are not sent:
they land in an outbox.

Usage:
  stytch-emulator [flags]

Flags:
`

const examplesText = `
Examples:
  # In memory, on the default address
  stytch-emulator

  # Durable state: every acknowledged write survives a crash or kill -9
  stytch-emulator -addr 127.0.0.1:4455 -state ./emulator.json

  # HTTPS, for clients that only take an https base URL (the Node SDK's
  # custom_base_url): a certificate for 127.0.0.1 from a CA the client
  # trusts (for node: NODE_EXTRA_CA_CERTS=ca.pem)
  stytch-emulator -tls-cert cert.pem -tls-key key.pem

  # Links in emails point at your app when a request names no URL
  stytch-emulator -redirect-url http://localhost:5173/authenticate

  # Start with your project's B2B RBAC policy (the "policy" object of
  # GET /v1/b2b/rbac/policy: roles, resources, scopes), as the Dashboard
  # would have it; PUT /emulator/v1/b2b/rbac/policy changes it later
  stytch-emulator -b2b-rbac-policy ./rbac-policy.json

  # Read the outbox (all messages, or those to one address or number)
  curl -u "$STYTCH_PROJECT_ID:$STYTCH_SECRET" "$STYTCH_BASE_URL/emulator/v1/messages"
  curl -u "$STYTCH_PROJECT_ID:$STYTCH_SECRET" "$STYTCH_BASE_URL/emulator/v1/messages?to=ada%2B1@example.com"

  In a query string "+" means a space, so encode it as %2B ("ada%2B1@example.com",
  "%2B12025550123"). Since no address or E.164 number holds a space, the
  emulator also reads ?to=ada+1@example.com and ?to=+12025550123 as meant.
`

// run parses flags, serves until ctx ends, then shuts down and saves state.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stytch-emulator", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:4455", "listen address (host:port; port 0 picks a free one)")
	projectID := fs.String("project-id", emulator.DefaultProjectID, "project id accepted as the Basic-auth user name")
	secret := fs.String("secret", emulator.DefaultSecret, "secret accepted as the Basic-auth password")
	publicToken := fs.String("public-token", "", "public token the browser start URLs (OAuth, SSO) must carry\n"+
		"(default public-token-<the project id after project->)")
	state := fs.String("state", "", "JSON file holding the state: loaded at start (with its journal, <file>.journal),\n"+
		"every change journaled and fsynced before the answer, compacted into the file at shutdown")
	redirect := fs.String("redirect-url", flows.DefaultRedirectURL,
		"URL of the links in emails (magic links, invites, password resets) when a request names none")
	outbox := fs.Int("outbox-size", store.DefaultOutboxSize, "how many sent messages the outbox keeps (the oldest are dropped first)")
	idle := fs.Duration("idle-timeout", defaultIdleTimeout, "how long an idle keep-alive connection stays open")
	tlsCert := fs.String("tls-cert", "", "PEM certificate (chain) file: serve HTTPS instead of HTTP (needs -tls-key)")
	tlsKey := fs.String("tls-key", "", "PEM private key file of -tls-cert")
	allowedRedirects := fs.String("allowed-redirect-urls", "", "comma-separated list of the project's redirect URLs, each URL or TYPE=URL (TYPE: login, signup,\n"+
		"invite, reset_password, discovery): a request naming another is refused as Stytch refuses it\n"+
		"(same scheme, host and path; any query string). Empty: any http(s) URL")
	rbacPolicy := fs.String("rbac-policy", "", "JSON file of the project's Consumer RBAC policy ({\"roles\", \"resources\", \"scopes\"}), set at start")
	b2bRBACPolicy := fs.String("b2b-rbac-policy", "", "JSON file of the project's B2B RBAC policy, set at start")
	verbose := fs.Bool("v", false, "also log every sent message (never its token or code)")
	usage := func(w io.Writer) {
		fmt.Fprint(w, usageText)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		fmt.Fprint(w, examplesText)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return nil
		}
		fmt.Fprintf(stderr, "stytch-emulator: %v\nRun stytch-emulator -h for the flags.\n", err)
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if *idle <= 0 {
		return fmt.Errorf("-idle-timeout must be positive, not %s", *idle)
	}
	if *outbox < 1 {
		return fmt.Errorf("-outbox-size must be at least 1, not %d", *outbox)
	}
	tlsConfig, err := loadTLS(*tlsCert, *tlsKey)
	if err != nil {
		return err
	}
	log := slog.New(&quietHandler{Handler: slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}), verbose: *verbose})
	srv, err := emulator.Open(emulator.Config{ProjectID: *projectID, Secret: *secret, PublicToken: *publicToken,
		AllowedRedirectURLs: splitList(*allowedRedirects), StateFile: *state, Logger: log,
		RedirectURL: *redirect, OutboxSize: *outbox})
	if err != nil {
		return err
	}
	if err := setPolicy(*rbacPolicy, srv.SetRBACPolicy); err != nil {
		return errors.Join(fmt.Errorf("-rbac-policy: %w", err), srv.Close())
	}
	if err := setPolicy(*b2bRBACPolicy, srv.SetB2BRBACPolicy); err != nil {
		return errors.Join(fmt.Errorf("-b2b-rbac-policy: %w", err), srv.Close())
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return errors.Join(err, srv.Close())
	}
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
	}
	base := scheme + "://" + ln.Addr().String()
	fmt.Fprintf(stdout, "stytch-emulator listening on %s\nSTYTCH_BASE_URL=%s\nSTYTCH_PROJECT_ID=%s\nSTYTCH_SECRET=%s\nSTYTCH_PUBLIC_TOKEN=%s\nmessages: %s/emulator/v1/messages\nui: %s/emulator/ui/\n",
		base, base, srv.ProjectID(), srv.Secret(), srv.PublicToken(), base, base)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout,
		WriteTimeout: writeTimeout, IdleTimeout: *idle, TLSConfig: tlsConfig, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() {
		if tlsConfig != nil {
			errc <- hs.ServeTLS(ln, "", "") // the certificate is in hs.TLSConfig
			return
		}
		errc <- hs.Serve(ln)
	}()
	select {
	case err := <-errc:
		return errors.Join(err, srv.Close())
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	serr := hs.Shutdown(shutdownCtx)
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		serr = errors.Join(serr, err)
	}
	if err := srv.Close(); err != nil {
		return errors.Join(serr, err)
	}
	fmt.Fprintln(stdout, "stytch-emulator stopped")
	return serr
}

// loadTLS reads the -tls-cert and -tls-key pair; both empty means plain
// HTTP (a nil config).
func loadTLS(certFile, keyFile string) (*tls.Config, error) {
	if certFile == "" && keyFile == "" {
		return nil, nil
	}
	if certFile == "" || keyFile == "" {
		return nil, errors.New("-tls-cert and -tls-key go together")
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("loading the TLS key pair: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// quietHandler drops the per-message outbox lines unless verbose.
type quietHandler struct {
	slog.Handler
	verbose bool
}

func (h *quietHandler) Handle(ctx context.Context, r slog.Record) error {
	if !h.verbose && r.Message == store.LogSentMessage {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h *quietHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &quietHandler{Handler: h.Handler.WithAttrs(attrs), verbose: h.verbose}
}

func (h *quietHandler) WithGroup(name string) slog.Handler {
	return &quietHandler{Handler: h.Handler.WithGroup(name), verbose: h.verbose}
}

// setPolicy reads an RBAC policy from the JSON file path (nothing to do
// when path is empty) and sets it with set.
func setPolicy(path string, set func(emulator.RBACPolicy) (emulator.RBACPolicy, error)) error {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var p emulator.RBACPolicy
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("%s: want the policy object {\"roles\", \"resources\", \"scopes\"}: %w", path, err)
	}
	if dec.Decode(new(json.RawMessage)) != io.EOF {
		return fmt.Errorf("%s: data after the policy object", path)
	}
	if _, err := set(p); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(v string) []string {
	var out []string
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
