package mcpserver

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// failSafe bounds every wait of these tests; reaching it is a failure, never
// part of the behaviour under test.
const failSafe = 20 * time.Second

// served runs ServeHTTP on a fresh loopback listener and returns its
// address and a stop function that cancels it and returns its result.
func served(t *testing.T, h http.Handler, o *HTTPOptions) (addr string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return servedOn(t, ln, h, o)
}

func servedOn(t *testing.T, ln net.Listener, h http.Handler, o *HTTPOptions) (addr string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeHTTP(ctx, ln, h, o) }()
	var once sync.Once
	var result error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(failSafe):
				result = errors.New("ServeHTTP did not return after cancel")
			}
		})
		return result
	}
	t.Cleanup(func() { _ = stop() })
	return ln.Addr().String(), stop
}

var okHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	_, _ = io.WriteString(w, "ok")
})

func TestIdleKeepAliveConnectionIsClosed(t *testing.T) {
	addr, _ := served(t, okHandler, &HTTPOptions{IdleTimeout: 50 * time.Millisecond})
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(failSafe)))
	_, err = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
	require.NoError(t, err)
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	require.Equal(t, "ok", string(body))
	assert.False(t, resp.Close, "the connection is kept alive after the response")

	// Now idle: the server must hang up by itself, well before the fail-safe.
	_, err = br.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "the server closes an idle keep-alive connection")
}

func TestSilentConnectionIsClosedAfterReadHeaderTimeout(t *testing.T) {
	addr, _ := served(t, okHandler, &HTTPOptions{ReadHeaderTimeout: 50 * time.Millisecond})
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(failSafe)))
	_, err = io.WriteString(conn, "GET / HTTP/1.1\r\n") // and never the rest
	require.NoError(t, err)
	_, err = io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) {
		require.False(t, ne.Timeout(), "the fail-safe fired: the server kept a half-sent request open")
	}
}

func TestStalledReaderIsCutOffByTheWriteTimeout(t *testing.T) {
	writeErr := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := make([]byte, 64<<10)
		for i := 0; i < 4096; i++ { // 256 MiB: far more than socket buffers hold
			if _, err := w.Write(chunk); err != nil {
				writeErr <- err
				return
			}
		}
		writeErr <- nil
	})
	addr, _ := served(t, h, &HTTPOptions{WriteTimeout: 100 * time.Millisecond})
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
	require.NoError(t, err)
	// Never read the response.
	select {
	case err := <-writeErr:
		require.Error(t, err, "the handler's write to a client that stopped reading must fail")
	case <-time.After(failSafe):
		t.Fatal("the write to a stalled client never timed out")
	}
}

func TestOriginCheck(t *testing.T) {
	addr, _ := served(t, okHandler, &HTTPOptions{AllowedOrigins: []string{"https://agent.example.com"}})
	_, port, err := net.SplitHostPort(addr)
	require.NoError(t, err)
	cases := []struct {
		origins []string
		want    int
	}{
		{nil, http.StatusOK},
		{[]string{"http://127.0.0.1:" + port}, http.StatusOK},
		{[]string{"http://localhost:" + port}, http.StatusOK},
		{[]string{"http://LOCALHOST:" + port}, http.StatusOK},
		{[]string{"http://[::1]:" + port}, http.StatusOK},
		{[]string{"https://agent.example.com"}, http.StatusOK},
		{[]string{"https://agent.example.com:443"}, http.StatusOK},
		{[]string{"http://127.0.0.1:1"}, http.StatusForbidden},        // another local port
		{[]string{"https://127.0.0.1:" + port}, http.StatusForbidden}, // another scheme
		{[]string{"http://evil.example"}, http.StatusForbidden},
		{[]string{"http://evil.localhost:" + port}, http.StatusForbidden},
		{[]string{"https://agent.example.com.evil.example"}, http.StatusForbidden},
		{[]string{"null"}, http.StatusForbidden},
		{[]string{""}, http.StatusForbidden},
		{[]string{"http://127.0.0.1:" + port, "http://evil.example"}, http.StatusForbidden},
	}
	for _, c := range cases {
		for _, method := range []string{http.MethodPost, http.MethodGet} {
			req, err := http.NewRequest(method, "http://"+addr+"/", strings.NewReader("{}"))
			require.NoError(t, err)
			for _, o := range c.origins {
				req.Header.Add("Origin", o)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			assert.Equal(t, c.want, resp.StatusCode, "%s with Origin %q", method, c.origins)
		}
	}
}

// originTransport adds an Origin header to every request.
type originTransport struct{ origin string }

func (o originTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Origin", o.origin)
	return http.DefaultTransport.RoundTrip(r)
}

func TestMCPEndpointRefusesCrossOriginClients(t *testing.T) {
	s, err := New(mustClient(t, Config{ProjectID: testProject, Secret: testSecret, Env: EnvTest, BaseURL: "http://127.0.0.1:1"}), nil)
	require.NoError(t, err)
	addr, _ := served(t, s.HTTPHandler(), nil)
	connect := func(origin string) error {
		client := mcp.NewClient(&mcp.Implementation{Name: "browser-page", Version: "v0"}, nil)
		cs, err := client.Connect(context.Background(), &mcp.StreamableClientTransport{Endpoint: "http://" + addr + "/",
			HTTPClient: &http.Client{Transport: originTransport{origin}}, DisableStandaloneSSE: true, MaxRetries: -1}, nil)
		if err == nil {
			_ = cs.Close()
		}
		return err
	}
	assert.Error(t, connect("https://evil.example"), "a page of another site cannot initialize a session")
	assert.NoError(t, connect("http://"+addr), "the listener's own origin can")
}

func TestRunRejectsABadAllowedOrigin(t *testing.T) {
	err := Run(context.Background(), RunOptions{Config: Config{ProjectID: testProject, Secret: testSecret, Env: EnvTest},
		HTTPAddr: "127.0.0.1:0", AllowedOrigins: []string{"agent.example.com"}})
	assert.ErrorContains(t, err, "scheme://host")
}

func TestNormalizeOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"http://LocalHost:8931":       "http://localhost:8931",
		"https://agent.example.com":   "https://agent.example.com:443",
		"https://agent.example.com/":  "https://agent.example.com:443",
		"http://[::1]:80":             "http://[::1]:80",
		"http://agent.example.com:80": "http://agent.example.com:80",
	} {
		got, err := NormalizeOrigin(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "null", "agent.example.com", "ftp://x", "https://x/path", "https://u@x", "http://x:0", "http://x:99999"} {
		_, err := NormalizeOrigin(bad)
		assert.Error(t, err, bad)
	}
}

// signalGET tells when the first GET (an event stream) reaches h.
func signalGET(h http.Handler) (http.Handler, <-chan struct{}) {
	got := make(chan struct{})
	var once sync.Once
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			once.Do(func() { close(got) })
		}
		h.ServeHTTP(w, r)
	}), got
}

func TestShutdownEndsOpenEventStreams(t *testing.T) {
	s, err := New(mustClient(t, Config{ProjectID: testProject, Secret: testSecret, Env: EnvTest, BaseURL: "http://127.0.0.1:1"}), nil)
	require.NoError(t, err)
	h, streamOpen := signalGET(s.HTTPHandler())
	// A grace period longer than the fail-safe: returning at all proves the
	// stream was ended rather than waited out.
	addr, stop := served(t, h, &HTTPOptions{ShutdownTimeout: 10 * failSafe})

	client := mcp.NewClient(&mcp.Implementation{Name: "agent-with-stream", Version: "v0"}, nil)
	cs, err := client.Connect(context.Background(), &mcp.StreamableClientTransport{Endpoint: "http://" + addr + "/", MaxRetries: -1}, nil)
	require.NoError(t, err)
	defer cs.Close()
	select {
	case <-streamOpen:
	case <-time.After(failSafe):
		t.Fatal("the client never opened its event stream")
	}
	assert.NoError(t, stop(), "graceful shutdown with a client still connected")
}

// acceptSignal is a listener that reports each accepted connection.
type acceptSignal struct {
	net.Listener
	accepted chan struct{}
}

func (l acceptSignal) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		select {
		case l.accepted <- struct{}{}:
		default:
		}
	}
	return c, err
}

func TestShutdownClosesConnectionsThatSentNothing(t *testing.T) {
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ln := acceptSignal{Listener: raw, accepted: make(chan struct{}, 1)}
	addr, stop := servedOn(t, ln, okHandler, &HTTPOptions{ShutdownTimeout: 10 * failSafe})

	conn, err := net.Dial("tcp", addr) // a client's spare connection: no request yet
	require.NoError(t, err)
	defer conn.Close()
	select {
	case <-ln.accepted:
	case <-time.After(failSafe):
		t.Fatal("the server never accepted the connection")
	}
	assert.NoError(t, stop())
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(failSafe)))
	_, err = conn.Read(make([]byte, 1))
	assert.ErrorIs(t, err, io.EOF, "the unused connection was closed")
}

func TestShutdownLetsAnInFlightCallFinish(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		_, _ = io.WriteString(w, "finished")
	})
	addr, stop := served(t, h, &HTTPOptions{ShutdownTimeout: 10 * failSafe})
	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Post("http://"+addr+"/", "application/json", strings.NewReader("{}"))
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()
	<-entered
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	close(release) // the call finishes during the shutdown
	r := <-got
	require.NoError(t, r.err)
	assert.Equal(t, "finished", r.body)
	assert.NoError(t, <-stopped)
}

func TestShutdownCutsOffCallsPastTheGracePeriod(t *testing.T) {
	entered := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-r.Context().Done() // ends only when the connection is cut
	})
	addr, stop := served(t, h, &HTTPOptions{ShutdownTimeout: 10 * time.Millisecond})
	go func() {
		resp, err := http.Post("http://"+addr+"/", "application/json", strings.NewReader("{}"))
		if err == nil {
			_ = resp.Body.Close()
		}
	}()
	<-entered
	err := stop()
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "cut off")
}
