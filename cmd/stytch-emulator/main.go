// Command stytch-emulator runs the Stytch Consumer API emulator on a local
// address until SIGINT or SIGTERM, then writes its state (with -state).
//
//	stytch-emulator -addr 127.0.0.1:4455 -state emulator.json
//
// It prints the base URL and the credentials to use, e.g.
// STYTCH_PROJECT_ID=... STYTCH_SECRET=... and the base URL for the client's
// WithBaseURL option. Sent emails and SMS are listed at
// GET <base>/emulator/v1/messages and in the web UI at <base>/emulator/ui/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "stytch-emulator:", err)
		os.Exit(1)
	}
}

// run parses flags, serves until ctx ends, then shuts down and saves state.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stytch-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:4455", "listen address (host:port; port 0 picks a free one)")
	projectID := fs.String("project-id", emulator.DefaultProjectID, "project id accepted as the Basic-auth user name")
	secret := fs.String("secret", emulator.DefaultSecret, "secret accepted as the Basic-auth password")
	state := fs.String("state", "", "JSON file to load state from at start and write it to at shutdown")
	verbose := fs.Bool("v", false, "log every sent message and internal error to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	srv, err := emulator.Open(emulator.Config{ProjectID: *projectID, Secret: *secret, StateFile: *state, Logger: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "stytch-emulator listening on %s\nSTYTCH_BASE_URL=%s\nSTYTCH_PROJECT_ID=%s\nSTYTCH_SECRET=%s\nmessages: %s/emulator/v1/messages\nui: %s/emulator/ui/\n",
		base, base, srv.ProjectID(), srv.Secret(), base, base)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
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
