package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/internal/testcert"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds the command once per test run.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "stytch-emulator-test-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "stytch-emulator")
		build := exec.Command("go", "build", "-o", binPath, ".")
		build.Stderr = os.Stderr
		buildErr = build.Run()
	})
	require.NoError(t, buildErr)
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// proc is a running emulator binary.
type proc struct {
	cmd  *exec.Cmd
	vars map[string]string
	rest io.Reader // stdout after the banner
}

// start runs the binary and returns once it printed its base URL, which it
// does after it listens: the banner is the readiness signal.
func start(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	p := &proc{cmd: cmd, vars: map[string]string{}}
	r := bufio.NewReader(stdout)
	for len(p.vars) < 3 {
		line, err := r.ReadString('\n')
		require.NoError(t, err, "the emulator exited before it listened")
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			p.vars[k] = v
		}
	}
	p.rest = r
	return p
}

func (p *proc) do(method, path, body string) (*http.Response, error) {
	req, err := http.NewRequest(method, p.vars["STYTCH_BASE_URL"]+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(p.vars["STYTCH_PROJECT_ID"], p.vars["STYTCH_SECRET"])
	req.Header.Set("Content-Type", "application/json")
	return http.DefaultClient.Do(req)
}

// TestBinaryStartsServesAndStopsOnSIGTERM builds the command, starts it on a
// free port with a state file, calls the API with the printed credentials,
// sends SIGTERM and checks a clean exit that wrote the state.
func TestBinaryStartsServesAndStopsOnSIGTERM(t *testing.T) {
	bin := binary(t)
	state := filepath.Join(t.TempDir(), "state.json")
	p := start(t, bin, "-state", state, "-project-id", "project-test-11111111-1111-1111-1111-111111111111",
		"-secret", "secret-test-cmd")
	assert.Equal(t, "project-test-11111111-1111-1111-1111-111111111111", p.vars["STYTCH_PROJECT_ID"])
	res, err := p.do(http.MethodPost, "/v1/users", `{"email":"bin@example.com"}`)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusCreated, res.StatusCode)

	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	rest, _ := io.ReadAll(p.rest)
	require.NoError(t, p.cmd.Wait(), "exit status 0 after SIGTERM")
	assert.Contains(t, string(rest), "stopped")
	data, err := os.ReadFile(state)
	require.NoError(t, err)
	assert.Contains(t, string(data), "bin@example.com")
	assert.Contains(t, string(data), `"format_version":2`)
}

// TestKillNineLosesNothingAcknowledged starts the binary with a state
// file, has several goroutines create users, SIGKILLs the process while
// requests are in flight (right after a given number of answers, not after
// a delay), restarts it and checks that every user whose creation was
// answered 201 is there; three rounds on the same files.
func TestKillNineLosesNothingAcknowledged(t *testing.T) {
	bin := binary(t)
	state := filepath.Join(t.TempDir(), "state.json")
	const rounds, writers, killAfter = 3, 6, 60
	acked := map[string]string{} // user_id -> email
	for round := range rounds {
		p := start(t, bin, "-state", state)
		checkUsers(t, p, acked)
		var mu sync.Mutex
		var kill sync.Once
		n := 0
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				for i := 0; ; i++ {
					email := fmt.Sprintf("r%d-w%d-%d@example.com", round, w, i)
					res, err := p.do(http.MethodPost, "/v1/users", `{"email":"`+email+`"}`)
					if err != nil {
						return // the process is gone
					}
					var body struct {
						UserID string `json:"user_id"`
					}
					derr := json.NewDecoder(res.Body).Decode(&body)
					res.Body.Close()
					if res.StatusCode != http.StatusCreated || derr != nil {
						return // cut mid-answer: not acknowledged
					}
					mu.Lock()
					acked[body.UserID] = email
					n++
					if n == killAfter {
						kill.Do(func() { _ = p.cmd.Process.Signal(syscall.SIGKILL) })
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		_ = p.cmd.Wait()
		require.GreaterOrEqual(t, n, killAfter)
	}
	p := start(t, bin, "-state", state)
	checkUsers(t, p, acked)
	assert.GreaterOrEqual(t, len(acked), rounds*killAfter)
}

// checkUsers asserts that every acknowledged user exists with its email.
func checkUsers(t *testing.T, p *proc, acked map[string]string) {
	t.Helper()
	for id, email := range acked {
		res, err := p.do(http.MethodGet, "/v1/users/"+id, "")
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode, "acknowledged user %s lost: %s", id, body)
		assert.Contains(t, string(body), email)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-addr", "256.0.0.1:99999"}, {"-outbox-size", "0"},
		{"-idle-timeout", "0s"}} {
		var out, errOut bytes.Buffer
		assert.Error(t, run(context.Background(), args, &out, &errOut), args)
	}
}

// TestHelpExitsZero: -h prints the description, every flag and examples
// to stdout and is not an error.
func TestHelpExitsZero(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-h"}, &out, &errOut))
	for _, want := range []string{"emulator of the Stytch API: Consumer", "and B2B", "-addr", "-b2b-rbac-policy", "-public-token", "-allowed-redirect-urls", "-state", "-redirect-url", "-outbox-size",
		"-idle-timeout", "-tls-cert", "-tls-key", "Examples:", "%2B"} {
		assert.Contains(t, out.String(), want)
	}
	assert.Empty(t, errOut.String())
}

// runInProcess starts run and returns the base URL once it printed it, a
// cancel function and the channel of run's result.
func runInProcess(t *testing.T, args ...string) (string, context.CancelFunc, <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), pw, io.Discard)
		pw.Close()
		done <- err
	}()
	sc := bufio.NewScanner(pr)
	base := ""
	for base == "" && sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "STYTCH_BASE_URL="); ok {
			base = v
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	require.NotEmpty(t, base, "run printed no base URL")
	return base, cancel, done
}

func TestRunStopsWhenContextEnds(t *testing.T) {
	base, cancel, done := runInProcess(t)
	res, err := http.Get(base + "/v1/nope")
	require.NoError(t, err)
	res.Body.Close()
	cancel()
	require.NoError(t, <-done)
}

// TestIdleConnectionsAreClosed: the server closes a keep-alive connection
// that stays idle past -idle-timeout.
func TestIdleConnectionsAreClosed(t *testing.T) {
	base, cancel, done := runInProcess(t, "-idle-timeout", "50ms")
	defer func() { cancel(); <-done }()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = fmt.Fprintf(conn, "GET /v1/nope HTTP/1.1\r\nHost: emulator\r\n\r\n")
	require.NoError(t, err)
	r := bufio.NewReader(conn)
	res, err := http.ReadResponse(r, nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	require.False(t, res.Close, "the connection is kept alive")
	// The deadline only keeps a broken server from hanging the test.
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(time.Minute)))
	_, err = r.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "the server closed the idle connection")
}

// TestServesHTTPSWithTLSFlags: with -tls-cert and -tls-key the banner names
// an https base URL and a client that trusts the certificate's CA is served.
func TestServesHTTPSWithTLSFlags(t *testing.T) {
	certs, err := testcert.Write(t.TempDir())
	require.NoError(t, err)
	base, cancel, done := runInProcess(t, "-tls-cert", certs.Cert, "-tls-key", certs.Key)
	defer func() { cancel(); require.NoError(t, <-done) }()
	require.True(t, strings.HasPrefix(base, "https://127.0.0.1:"), base)

	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: certs.Pool}}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequest(http.MethodPost, base+"/v1/users", strings.NewReader(`{"email":"tls@example.com"}`))
	require.NoError(t, err)
	req.SetBasicAuth(emulator.DefaultProjectID, emulator.DefaultSecret)
	req.Header.Set("Content-Type", "application/json")
	res, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusCreated, res.StatusCode)

	// a client that does not trust the CA is refused
	_, err = http.Get(base + "/v1/users")
	var unknown x509.UnknownAuthorityError
	assert.ErrorAs(t, err, &unknown)
}

func TestRunRejectsBadTLSFlags(t *testing.T) {
	certs, err := testcert.Write(t.TempDir())
	require.NoError(t, err)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-tls-cert", certs.Cert}, "go together"},
		{[]string{"-tls-key", certs.Key}, "go together"},
		{[]string{"-tls-cert", certs.Cert, "-tls-key", certs.CA}, "TLS key pair"},
		{[]string{"-tls-cert", filepath.Join(t.TempDir(), "none.pem"), "-tls-key", certs.Key}, "TLS key pair"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append([]string{"-addr", "127.0.0.1:0"}, c.args...), &out, &errOut)
		require.Error(t, err, c.args)
		assert.Contains(t, err.Error(), c.want)
		assert.Empty(t, out.String(), "nothing listened")
	}
}

// TestPolicyFlags: -b2b-rbac-policy sets the B2B RBAC policy at start, the
// API serves it, and a file that does not hold a valid policy stops the
// start with its name.
func TestPolicyFlags(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "policy.json")
	require.NoError(t, os.WriteFile(good, []byte(`{"resources": [{"resource_id": "documents", "description": "Docs.", "actions": ["read"]}],
		"roles": [{"role_id": "reader", "description": "Reads.", "permissions": [{"resource_id": "documents", "actions": ["read"]}]}]}`), 0o600))
	base, cancel, done := runInProcess(t, "-b2b-rbac-policy", good, "-rbac-policy", good)
	defer func() { cancel(); require.NoError(t, <-done) }()
	for _, path := range []string{"/v1/b2b/rbac/policy", "/v1/rbac/policy"} {
		req, err := http.NewRequest(http.MethodGet, base+path, nil)
		require.NoError(t, err)
		req.SetBasicAuth(emulator.DefaultProjectID, emulator.DefaultSecret)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode, string(body))
		assert.Contains(t, string(body), `"role_id":"reader"`, path)
	}

	bad := filepath.Join(dir, "bad.json")
	for content, want := range map[string]string{
		`{"roles": [{"role_id": "reader", "permissions": [{"resource_id": "nope", "actions": ["read"]}]}]}`: "invalid_permission_resource",
		`{"role": []}`:                "unknown field",
		`{"roles": []} {"roles": []}`: "data after",
	} {
		require.NoError(t, os.WriteFile(bad, []byte(content), 0o600))
		err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-b2b-rbac-policy", bad}, io.Discard, io.Discard)
		require.Error(t, err, content)
		assert.Contains(t, err.Error(), "-b2b-rbac-policy", content)
		assert.Contains(t, err.Error(), bad, content)
		assert.Contains(t, err.Error(), want, content)
	}
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-rbac-policy", filepath.Join(dir, "missing.json")}, io.Discard, io.Discard)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

// TestAllowedRedirectURLsFlag: -allowed-redirect-urls makes the emulator
// refuse a redirect URL off the list; an entry that is not a URL stops the
// start.
func TestAllowedRedirectURLsFlag(t *testing.T) {
	base, cancel, done := runInProcess(t, "-allowed-redirect-urls", "http://localhost:3000/authenticate, https://app.example.com/auth")
	defer func() { cancel(); require.NoError(t, <-done) }()
	for url, want := range map[string]int{"https://app.example.com/auth?x=1": http.StatusOK, "https://elsewhere.example.com/auth": http.StatusBadRequest} {
		req, err := http.NewRequest(http.MethodPost, base+"/v1/magic_links/email/login_or_create",
			strings.NewReader(`{"email": "ada@example.com", "login_magic_link_url": "`+url+`"}`))
		require.NoError(t, err)
		req.SetBasicAuth(emulator.DefaultProjectID, emulator.DefaultSecret)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		assert.Equal(t, want, res.StatusCode, "%s: %s", url, body)
	}
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-allowed-redirect-urls", "localhost:3000"}, io.Discard, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "localhost:3000")
}
