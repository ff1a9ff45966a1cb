// Command stytch-mcp is a Model Context Protocol server that lets agents
// manage the users of a Stytch project and drive its login flows.
//
// It reads STYTCH_PROJECT_ID, STYTCH_SECRET, STYTCH_ENV (test, the default,
// or live; it must agree with the keys) and STYTCH_BASE_URL (optional: a
// custom domain or a local emulator), and speaks MCP over stdio, or over
// streamable HTTP with -http 127.0.0.1:PORT. Logs go to stderr.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/stytchkit/stytchkit/internal/mcpserver"
)

func main() {
	httpAddr := flag.String("http", "", "serve streamable HTTP on this address (e.g. 127.0.0.1:8931) instead of stdio")
	allowRemote := flag.Bool("allow-remote", false, "allow -http on a non-loopback address (the endpoint itself has no authentication)")
	verbose := flag.Bool("v", false, "log debug details (never secrets) to stderr")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: stytch-mcp [-http 127.0.0.1:PORT] [-v]\n\n"+
			"Environment: %s, %s, %s (test|live, default test), %s (optional)\n\n",
			mcpserver.EnvProjectID, mcpserver.EnvSecret, mcpserver.EnvEnv, mcpserver.EnvBaseURL)
		flag.PrintDefaults()
	}
	flag.Parse()

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	cfg, err := mcpserver.ConfigFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = mcpserver.Run(ctx, mcpserver.RunOptions{Config: cfg, HTTPAddr: *httpAddr, AllowRemote: *allowRemote, Logger: logger})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
