// Command stytch-mcp is a Model Context Protocol server that lets agents
// manage the users of a Stytch project and drive its login flows.
//
// It reads STYTCH_PROJECT_ID, STYTCH_SECRET, STYTCH_ENV (test, the default,
// or live; it must agree with the keys), STYTCH_BASE_URL (optional: a
// custom domain or a local emulator) and STYTCH_EMULATOR, and speaks MCP
// over stdio, or over streamable HTTP with -http 127.0.0.1:PORT. Logs go to
// stderr.
//
// Emulator mode (-emulator or STYTCH_EMULATOR=true, with STYTCH_BASE_URL set
// to a stytchkit emulator) adds the stytch_emulator_outbox tool, which reads
// the emails and text messages the emulator "sent", so that an agent can
// complete a login end to end. It is never inferred from the URL.
//
// For a B2B project (-b2b or STYTCH_PROJECT_TYPE=b2b) the typed tools are
// the B2B ones: Organizations, Members, their magic links, passcodes,
// passwords and member sessions.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/stytchkit/stytchkit/internal/mcpserver"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses args, reads the environment through getenv and serves until
// ctx ends; it returns the exit status (2 for bad flags or configuration).
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	fs := flag.NewFlagSet("stytch-mcp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	httpAddr := fs.String("http", "", "serve streamable HTTP on this address (e.g. 127.0.0.1:8931) instead of stdio")
	allowRemote := fs.Bool("allow-remote", false, "allow -http on a non-loopback address (the endpoint itself has no authentication)")
	allowOrigins := fs.String("allow-origin", "", "comma-separated browser origins (e.g. https://agent.example.com) allowed to call the -http endpoint besides its own loopback origin; requests from any other Origin get 403")
	emulator := fs.Bool("emulator", false, "STYTCH_BASE_URL is a stytchkit emulator: add the "+mcpserver.OutboxToolName+" tool, which reads the messages it sent (same as "+mcpserver.EnvEmulator+"=true)")
	b2bProject := fs.Bool("b2b", false, "the project is a B2B one: offer the Organization, Member and B2B login tools instead of the Consumer ones (same as "+mcpserver.EnvProjectType+"=b2b)")
	verbose := fs.Bool("v", false, "log debug details (never secrets) to stderr")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: stytch-mcp [-http 127.0.0.1:PORT] [-emulator] [-b2b] [-v]\n\n"+
			"Environment: %s, %s, %s (test|live, default test), %s (optional),\n"+
			"%s (true|false, default false: true when %s is a stytchkit emulator),\n"+
			"%s (consumer|b2b, default consumer)\n\n",
			mcpserver.EnvProjectID, mcpserver.EnvSecret, mcpserver.EnvEnv, mcpserver.EnvBaseURL,
			mcpserver.EnvEmulator, mcpserver.EnvBaseURL, mcpserver.EnvProjectType)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	env := func(k string) string {
		switch {
		case k == mcpserver.EnvEmulator && *emulator:
			return "true"
		case k == mcpserver.EnvProjectType && *b2bProject:
			return mcpserver.ProjectB2B
		}
		return getenv(k)
	}
	cfg, err := mcpserver.ConfigFromEnv(env)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	var origins []string
	for o := range strings.SplitSeq(*allowOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	err = mcpserver.Run(ctx, mcpserver.RunOptions{Config: cfg, HTTPAddr: *httpAddr, AllowRemote: *allowRemote,
		AllowedOrigins: origins, Logger: logger})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
