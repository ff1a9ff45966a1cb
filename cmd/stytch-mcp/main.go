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
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/stytchkit/stytchkit/internal/mcpserver"
)

func main() {
	httpAddr := flag.String("http", "", "serve streamable HTTP on this address (e.g. 127.0.0.1:8931) instead of stdio")
	allowRemote := flag.Bool("allow-remote", false, "allow -http on a non-loopback address (the endpoint itself has no authentication)")
	allowOrigins := flag.String("allow-origin", "", "comma-separated browser origins (e.g. https://agent.example.com) allowed to call the -http endpoint besides its own loopback origin; requests from any other Origin get 403")
	emulator := flag.Bool("emulator", false, "STYTCH_BASE_URL is a stytchkit emulator: add the "+mcpserver.OutboxToolName+" tool (same as "+mcpserver.EnvEmulator+"=true)")
	verbose := flag.Bool("v", false, "log debug details (never secrets) to stderr")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: stytch-mcp [-http 127.0.0.1:PORT] [-emulator] [-v]\n\n"+
			"Environment: %s, %s, %s (test|live, default test), %s (optional),\n"+
			"%s (true|false, default false: true when %s is a stytchkit emulator)\n\n",
			mcpserver.EnvProjectID, mcpserver.EnvSecret, mcpserver.EnvEnv, mcpserver.EnvBaseURL,
			mcpserver.EnvEmulator, mcpserver.EnvBaseURL)
		flag.PrintDefaults()
	}
	flag.Parse()

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	getenv := os.Getenv
	if *emulator {
		getenv = func(k string) string {
			if k == mcpserver.EnvEmulator {
				return "true"
			}
			return os.Getenv(k)
		}
	}
	cfg, err := mcpserver.ConfigFromEnv(getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var origins []string
	for o := range strings.SplitSeq(*allowOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = mcpserver.Run(ctx, mcpserver.RunOptions{Config: cfg, HTTPAddr: *httpAddr, AllowRemote: *allowRemote,
		AllowedOrigins: origins, Logger: logger})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
