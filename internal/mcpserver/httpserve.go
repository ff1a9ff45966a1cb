package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of HTTPOptions.
const (
	// DefaultReadHeaderTimeout bounds how long a client may take to send the
	// request line and headers.
	DefaultReadHeaderTimeout = 10 * time.Second
	// DefaultReadTimeout bounds how long a client may take to send a whole
	// request, body included. It does not limit how long a handler runs.
	DefaultReadTimeout = 30 * time.Second
	// DefaultWriteTimeout bounds each write of a response (a slow or stalled
	// reader is cut off), not the whole response: an event stream stays open
	// as long as its writes go through.
	DefaultWriteTimeout = 30 * time.Second
	// DefaultIdleTimeout is how long a keep-alive connection may wait for
	// its next request before the server closes it.
	DefaultIdleTimeout = 20 * time.Second
	// DefaultShutdownTimeout is how long in-flight calls get to finish once
	// the server is told to stop.
	DefaultShutdownTimeout = 5 * time.Second
	// maxHeaderBytes bounds request headers; MCP requests carry a few small ones.
	maxHeaderBytes = 64 << 10
)

// HTTPOptions tune ServeHTTP. Zero durations take the Default* values.
type HTTPOptions struct {
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout: see the
	// Default* constants of the same names.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// ShutdownTimeout: see DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// AllowedOrigins are extra browser origins (e.g.
	// "https://agent.example.com") allowed to call the endpoint, beyond the
	// listener's own loopback origin. See CheckOrigin.
	AllowedOrigins []string
	// Logger receives refused requests and shutdown problems; nil discards.
	Logger *slog.Logger
}

func (o *HTTPOptions) withDefaults() HTTPOptions {
	var out HTTPOptions
	if o != nil {
		out = *o
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&out.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	def(&out.ReadTimeout, DefaultReadTimeout)
	def(&out.WriteTimeout, DefaultWriteTimeout)
	def(&out.IdleTimeout, DefaultIdleTimeout)
	def(&out.ShutdownTimeout, DefaultShutdownTimeout)
	if out.Logger == nil {
		out.Logger = slog.New(slog.DiscardHandler)
	}
	return out
}

// ServeHTTP serves h on ln until ctx is cancelled, then shuts down
// gracefully: the listener closes, open event streams (the long-lived GET
// of the streamable transport) end at once, connections that never sent a
// request are closed, and in-flight calls get o.ShutdownTimeout to finish
// before their connections are cut. It returns nil after a clean shutdown.
//
// Every request first passes CheckOrigin (403 otherwise), and each response
// write is bounded by o.WriteTimeout.
func ServeHTTP(ctx context.Context, ln net.Listener, h http.Handler, o *HTTPOptions) error {
	opts := o.withDefaults()
	guard, err := newOriginGuard(ln.Addr(), opts.AllowedOrigins)
	if err != nil {
		return err
	}
	streams, endStreams := context.WithCancel(context.WithoutCancel(ctx))
	defer endStreams()
	conns := &connTracker{state: map[net.Conn]http.ConnState{}}
	hs := &http.Server{
		Handler:           opts.wrap(h, guard, streams),
		ReadHeaderTimeout: opts.ReadHeaderTimeout,
		ReadTimeout:       opts.ReadTimeout,
		IdleTimeout:       opts.IdleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ConnState:         conns.track,
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelDebug),
	}
	// http.Server.Shutdown waits up to 5 s for a connection that was
	// accepted but has not sent a request yet (a client's spare
	// connection), which alone would use up the grace period. Such a
	// connection has nothing in flight: close it as soon as shutdown begins
	// (the listener is already closed then, so no new one arrives).
	hs.RegisterOnShutdown(conns.closeUnused)

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	endStreams()
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), opts.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		_ = hs.Close()
		<-errc
		return fmt.Errorf("stytch-mcp: calls still running %s after shutdown began were cut off: %w", opts.ShutdownTimeout, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// wrap applies, in order: the Origin check, the end of event streams at
// shutdown, and the per-write deadline.
func (o HTTPOptions) wrap(h http.Handler, guard *originGuard, streams context.Context) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := guard.check(r); err != nil {
			o.Logger.LogAttrs(r.Context(), slog.LevelWarn, "refused cross-origin request",
				slog.String("method", r.Method), slog.String("reason", err.Error()))
			http.Error(w, "Forbidden: "+err.Error(), http.StatusForbidden)
			return
		}
		if r.Method == http.MethodGet {
			// A GET is the standalone event stream, which only ends when the
			// client leaves: end it when shutdown begins.
			ctx, cancel := context.WithCancel(r.Context())
			defer cancel()
			stop := context.AfterFunc(streams, cancel)
			defer stop()
			r = r.WithContext(ctx)
		}
		dw := &deadlineWriter{ResponseWriter: w, rc: http.NewResponseController(w), d: o.WriteTimeout}
		h.ServeHTTP(dw, r)
		// The server finishes the response (the last chunk) after the
		// handler returns: give that write its own deadline too.
		dw.extend()
	})
}

// deadlineWriter sets a write deadline before each write and flush, so that
// a client that stops reading is cut off after d without limiting how long
// a stream may last. Unwrap lets http.ResponseController reach the
// connection.
type deadlineWriter struct {
	http.ResponseWriter
	rc *http.ResponseController
	d  time.Duration
}

func (w *deadlineWriter) extend() { _ = w.rc.SetWriteDeadline(time.Now().Add(w.d)) }

// Write implements http.ResponseWriter.
func (w *deadlineWriter) Write(p []byte) (int, error) {
	w.extend()
	return w.ResponseWriter.Write(p)
}

// WriteHeader implements http.ResponseWriter.
func (w *deadlineWriter) WriteHeader(code int) {
	w.extend()
	w.ResponseWriter.WriteHeader(code)
}

// FlushError is what http.ResponseController.Flush calls.
func (w *deadlineWriter) FlushError() error {
	w.extend()
	return w.rc.Flush()
}

// Flush implements http.Flusher.
func (w *deadlineWriter) Flush() { _ = w.FlushError() }

// Unwrap returns the underlying writer, for http.ResponseController.
func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// ReadFrom keeps io.Copy away from the underlying writer's ReadFrom, which
// would bypass the deadline.
func (w *deadlineWriter) ReadFrom(r io.Reader) (int64, error) {
	return io.Copy(struct{ io.Writer }{w}, r)
}

// connTracker follows the state of every connection of a server.
type connTracker struct {
	mu    sync.Mutex
	state map[net.Conn]http.ConnState
}

// track is the http.Server ConnState hook.
func (t *connTracker) track(c net.Conn, s http.ConnState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch s {
	case http.StateClosed, http.StateHijacked:
		delete(t.state, c)
	default:
		t.state[c] = s
	}
}

// closeUnused closes the connections that have not sent a request yet.
func (t *connTracker) closeUnused() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for c, s := range t.state {
		if s == http.StateNew {
			_ = c.Close()
		}
	}
}

// originGuard implements the MCP transport rule that a server must check
// the Origin header of every request, so that a web page the user visits
// cannot drive a local server from the browser.
type originGuard struct {
	port    string          // the listener's port
	local   bool            // the listener is on a loopback address
	allowed map[string]bool // normalized extra origins
}

func newOriginGuard(addr net.Addr, extra []string) (*originGuard, error) {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return nil, fmt.Errorf("stytch-mcp: listener address %q: %w", addr, err)
	}
	ip := net.ParseIP(host)
	g := &originGuard{port: port, local: ip != nil && ip.IsLoopback(), allowed: map[string]bool{}}
	for _, o := range extra {
		n, err := NormalizeOrigin(o)
		if err != nil {
			return nil, err
		}
		g.allowed[n] = true
	}
	return g, nil
}

// check allows a request without an Origin header (not sent by a browser
// page on another site), with the listener's own loopback origin
// (http://127.0.0.1:PORT, http://localhost:PORT or http://[::1]:PORT when
// listening on loopback), or with one of the configured extra origins.
func (g *originGuard) check(r *http.Request) error {
	values := r.Header.Values("Origin")
	if len(values) == 0 {
		return nil
	}
	if len(values) > 1 {
		return errors.New("more than one Origin header")
	}
	n, err := NormalizeOrigin(values[0])
	if err != nil {
		return fmt.Errorf("origin %q is not allowed", values[0])
	}
	if g.allowed[n] {
		return nil
	}
	u, _ := url.Parse(n)
	if g.local && u.Scheme == "http" && loopbackName(u.Hostname()) && u.Port() == g.port {
		return nil
	}
	return fmt.Errorf("origin %q is not allowed", values[0])
}

// loopbackName reports whether an Origin host names this machine's
// loopback interface.
func loopbackName(host string) bool {
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}

// NormalizeOrigin checks that origin is a serialized web origin
// (scheme://host[:port], http or https, no path) and returns it in
// lower case with the scheme's default port made explicit.
func NormalizeOrigin(origin string) (string, error) {
	u, err := url.Parse(origin)
	bad := fmt.Errorf("stytch-mcp: origin %q: want scheme://host[:port], e.g. https://agent.example.com", origin)
	if err != nil || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return "", bad
	}
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	switch scheme {
	case "http":
		if port == "" {
			port = "80"
		}
	case "https":
		if port == "" {
			port = "443"
		}
	default:
		return "", bad
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", bad
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port), nil
}
