package mcpserver

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// RunOptions are the settings of a server process, from flags and the
// environment.
type RunOptions struct {
	// Config holds the Stytch credentials (see ConfigFromEnv).
	Config Config
	// HTTPAddr, when set (e.g. "127.0.0.1:8931"), serves MCP over
	// streamable HTTP at that address instead of stdio.
	HTTPAddr string
	// AllowRemote permits an HTTPAddr that is not a loopback address. The
	// endpoint has no authentication of its own and acts with the project
	// secret, so this is off by default.
	AllowRemote bool
	// AllowedOrigins are browser origins allowed to call the HTTP endpoint
	// besides its own loopback origin (see HTTPOptions.AllowedOrigins).
	AllowedOrigins []string
	// Logger receives operational logs; nil discards. Never stdout.
	Logger *slog.Logger
}

// NewClient builds the stytch client for cfg. cfg is validated first, so a
// test/live mismatch is reported with the environment variable to fix.
func NewClient(cfg Config, logger *slog.Logger) (*stytch.Client, error) {
	return newClient(cfg, logger, stytch.NewClient)
}

// NewB2BClient builds the B2B client for cfg, as NewClient does.
func NewB2BClient(cfg Config, logger *slog.Logger) (*b2b.Client, error) {
	return newClient(cfg, logger, b2b.NewClient)
}

// newClient validates cfg and builds a client of it with build
// (stytch.NewClient or b2b.NewClient).
func newClient[C any](cfg Config, logger *slog.Logger, build func(string, string, ...stytch.Option) (C, error)) (C, error) {
	var zero C
	if err := cfg.Validate(); err != nil {
		return zero, err
	}
	opts := []stytch.Option{stytch.WithUserAgent("stytch-mcp/" + Version)}
	if cfg.BaseURL != "" {
		opts = append(opts, stytch.WithBaseURL(cfg.BaseURL))
	}
	if logger != nil {
		opts = append(opts, stytch.WithLogger(logger))
	}
	c, err := build(cfg.ProjectID, cfg.Secret, opts...)
	if err != nil {
		return zero, fmt.Errorf("stytch-mcp: %w", err)
	}
	return c, nil
}

// Run validates the configuration, builds the client and the server, and
// serves until ctx is cancelled (HTTP) or the client disconnects (stdio).
// Configuration problems are returned before anything is served.
func Run(ctx context.Context, o RunOptions) error {
	if o.HTTPAddr != "" {
		if err := checkListenAddr(o.HTTPAddr, o.AllowRemote); err != nil {
			return err
		}
		for _, origin := range o.AllowedOrigins {
			if _, err := NormalizeOrigin(origin); err != nil {
				return err
			}
		}
	}
	client, err := NewClient(o.Config, o.Logger)
	if err != nil {
		return err
	}
	defer client.Close()
	opts := &Options{Logger: o.Logger}
	if o.Config.ProjectType == ProjectB2B {
		if opts.B2B, err = NewB2BClient(o.Config, o.Logger); err != nil {
			return err
		}
		defer opts.B2B.Close()
	}
	if o.Config.Emulator {
		opts.Outbox = NewEmulatorOutbox(o.Config, nil)
	}
	srv, err := New(client, opts)
	if err != nil {
		return err
	}
	if o.HTTPAddr == "" {
		return srv.MCP().Run(ctx, &mcp.StdioTransport{})
	}
	ln, err := net.Listen("tcp", o.HTTPAddr)
	if err != nil {
		return fmt.Errorf("stytch-mcp: listening on %s: %w", o.HTTPAddr, err)
	}
	if o.Logger != nil {
		o.Logger.Info("serving MCP over streamable HTTP", "url", "http://"+ln.Addr().String()+"/")
	}
	return ServeHTTP(ctx, ln, srv.HTTPHandler(), &HTTPOptions{AllowedOrigins: o.AllowedOrigins, Logger: o.Logger})
}

// HTTPHandler serves the streamable HTTP transport; every session shares
// this server. The SDK rejects requests whose Host header is not local
// when they arrive on a loopback address (DNS rebinding protection);
// ServeHTTP adds the Origin check and the connection timeouts.
func (s *Server) HTTPHandler() http.Handler {
	return mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s.mcp },
		&mcp.StreamableHTTPOptions{Logger: s.log})
}

// checkListenAddr refuses a non-loopback listen address unless allowed.
func checkListenAddr(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("stytch-mcp: -http %q: want host:port, e.g. 127.0.0.1:8931", addr)
	}
	if allowRemote || loopback(host) {
		return nil
	}
	return fmt.Errorf("stytch-mcp: -http %q listens beyond this machine, and the endpoint has no authentication while acting with the project secret; use 127.0.0.1:PORT, or pass -allow-remote behind your own authenticating proxy", addr)
}
