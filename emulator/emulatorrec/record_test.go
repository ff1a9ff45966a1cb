// Package emulatorrec_test records every operation of the API from the local
// emulator through the public client (stytch.WithRecorder) and checks the
// recordings with cmd/specdiff, strictly: an end-to-end gate over the spec,
// the client and the emulator together.
//
//	go test ./emulator/emulatorrec                 # record into a temp dir and check
//	go test ./emulator/emulatorrec -update         # also refresh testdata/recordings/*/emulator-*.json
//	RECORD=1 go test ./emulator/emulatorrec        # same as -update
//
// The package lives under emulator/ because the flows need the software
// WebAuthn authenticator and the wallet helpers of emulator/internal.
package emulatorrec_test

import (
	"context"
	"flag"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/internal/recording"
	"github.com/stytchkit/stytchkit/stytch"
)

var update = flag.Bool("update", false, "also write the recordings to testdata/recordings/<operationId>/emulator-<name>.json")

// Note marks every recording made here; the testdata gate accepts it in
// place of a source URL.
const Note = "recorded from the local emulator"

// filePrefix starts the name of every recording made here (the docs
// transcriptions start with "docs-").
const filePrefix = "emulator-"

// start is the emulator clock, which stands still unless advanced, so that
// TOTP codes and every timestamp in the recordings are reproducible.
var start = time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)

func TestRecordEveryOperation(t *testing.T) {
	root := repoRoot(t)
	r := newRecorder(t)

	recordUsersAndMagicLinks(r)
	recordOTPs(r)
	recordPasswords(r)
	recordSessions(r)
	recordTOTPs(r)
	recordWebAuthn(r)
	recordCryptoWallets(r)
	recordOAuth(r)
	recordM2M(r)
	recordConnectedAppsAndIDP(r)
	recordFraud(r)
	recordProject(r)
	recordDeletes(r)
	recordErrors(r)
	recordB2B(r)
	recordB2BFactors(r)
	recordB2BSCIM(r)
	recordB2BSSO(r)

	files := r.files()
	assertEveryOperationRecorded(t, root, files)
	leaky := r.assertNoSecrets(files)
	runSpecdiff(t, root, r.dir)

	if *update || os.Getenv("RECORD") == "1" {
		require.False(t, t.Failed(), "testdata/recordings is only written from a passing run")
		for name := range leaky {
			delete(files, name)
		}
		writeTestdata(t, filepath.Join(root, "testdata", "recordings"), r.dir, files)
	}
}

// recorder drives the emulator through a stytch.Client that records every
// exchange, and names each recording after the step that made it.
type recorder struct {
	t       *testing.T
	ctx     context.Context
	env     *emutest.Env
	c       *stytch.Client
	raw     *http.Client // a browser or an OAuth client: plain HTTP, recorded, redirects not followed
	dir     string
	secrets map[string]string // value -> what it is; none may appear in a recording

	adaSession string    // Ada's session token, extended by later factors
	otpSession string    // a session revoked by recordSessions
	del        deletions // factors recordDeletes removes
}

// session registers a session token and JWT as secrets.
func (r *recorder) session(token, jwt string) {
	r.secret("session token", token)
	r.secret("session JWT", jwt)
}

func newRecorder(t *testing.T) *recorder {
	env := emutest.New(t, func(c *emulator.Config) { c.Clock = func() time.Time { return start } })
	dir := t.TempDir()
	r := &recorder{t: t, ctx: context.Background(), env: env, dir: dir, secrets: map[string]string{}}
	r.c = r.client(env.Server.Secret())
	r.raw = &http.Client{Transport: recording.NewRecorder(dir, env.HTTPClient.Transport),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r.secret("project secret", env.Server.Secret())
	return r
}

// client returns a client of the emulator that records into r.dir, without
// retries so that every call is exactly one exchange.
func (r *recorder) client(secret string) *stytch.Client {
	c, err := stytch.NewClient(r.env.Server.ProjectID(), secret, stytch.WithBaseURL(r.env.URL),
		stytch.WithoutRetries(), stytch.WithClock(r.env.Server.Now), stytch.WithRecorder(r.dir))
	require.NoError(r.t, err)
	r.t.Cleanup(func() { _ = c.Close() })
	return c
}

// secret registers a value that must never be written to a recording.
func (r *recorder) secret(what, v string) {
	if v != "" && v != recording.Placeholder {
		r.secrets[v] = what
	}
}

// ok asserts that the call named step succeeded and names its recording.
func (r *recorder) ok(step string, err error) {
	r.t.Helper()
	require.NoError(r.t, err, step)
	r.claim(step)
}

// fails asserts that the call named step failed with status and errType
// (error_type, or the OAuth2 error) and names its recording.
func (r *recorder) fails(step string, err error, status int, errType string) {
	r.t.Helper()
	require.Error(r.t, err, step)
	assert.Equal(r.t, status, stytch.StatusCode(err), "%s: %v", step, err)
	assert.True(r.t, stytch.HasErrorType(err, errType), "%s: want %s, got %v", step, errType, err)
	r.claim(step)
}

// discard drops the recording of a call that only sets up the next step
// (e.g. the failed attempts before a lockout).
func (r *recorder) discard() {
	r.t.Helper()
	for _, p := range r.unclaimed() {
		require.NoError(r.t, os.Remove(p))
	}
}

// unclaimed lists the files the Recorder wrote since the last claim.
func (r *recorder) unclaimed() []string {
	paths, err := filepath.Glob(filepath.Join(r.dir, "*", "*.json"))
	require.NoError(r.t, err)
	var out []string
	for _, p := range paths {
		if !strings.HasPrefix(filepath.Base(p), filePrefix) {
			out = append(out, p)
		}
	}
	return out
}

// claim renames the one recording the last call wrote to
// <operationId>/emulator-<step>.json and adds the note.
func (r *recorder) claim(step string) {
	r.t.Helper()
	require.Regexp(r.t, `^[a-z0-9]+(-[a-z0-9]+)*$`, step)
	paths := r.unclaimed()
	require.Len(r.t, paths, 1, "%s: one call, one recording", step)
	ex, err := recording.ReadFile(paths[0])
	require.NoError(r.t, err)
	ex.Note = Note
	data, err := recording.Marshal(ex)
	require.NoError(r.t, err)
	name := filepath.Join(filepath.Dir(paths[0]), filePrefix+step+".json")
	_, err = os.Stat(name)
	require.True(r.t, os.IsNotExist(err), "%s: step name used twice for %s", step, ex.OperationID)
	require.NoError(r.t, os.WriteFile(name, data, 0o644))
	require.NoError(r.t, os.Remove(paths[0]))
}

// files returns every recording, keyed by <operationId>/<file name>.
func (r *recorder) files() map[string]*recording.Exchange {
	require.Empty(r.t, r.unclaimed(), "every call is claimed or discarded")
	paths, err := filepath.Glob(filepath.Join(r.dir, "*", "*.json"))
	require.NoError(r.t, err)
	out := map[string]*recording.Exchange{}
	for _, p := range paths {
		ex, err := recording.ReadFile(p)
		require.NoError(r.t, err)
		rel, _ := filepath.Rel(r.dir, p)
		out[filepath.ToSlash(rel)] = ex
	}
	return out
}

// assertNoSecrets checks the raw bytes of every recording for every secret
// value the flows handled, and returns the recordings that leak one.
func (r *recorder) assertNoSecrets(files map[string]*recording.Exchange) map[string]bool {
	leaky := map[string]bool{}
	for name := range files {
		data, err := os.ReadFile(filepath.Join(r.dir, name))
		require.NoError(r.t, err)
		for v, what := range r.secrets {
			needle := v
			if len(v) < 12 { // codes: match whole JSON strings only
				needle = `"` + v + `"`
			}
			if !strings.Contains(string(data), needle) {
				continue
			}
			leaky[name] = true
			r.t.Errorf("%s holds the %s", name, what)
		}
	}
	return leaky
}

var operationIDRe = regexp.MustCompile(`(?m)^\s+operationId:\s*(\S+)\s*$`)

// assertEveryOperationRecorded requires one 2xx (or, for a browser
// endpoint, 3xx) recording per operation of api/openapi.yml.
func assertEveryOperationRecorded(t *testing.T, root string, files map[string]*recording.Exchange) {
	spec, err := os.ReadFile(filepath.Join(root, "api", "openapi.yml"))
	require.NoError(t, err)
	var want []string
	for _, m := range operationIDRe.FindAllSubmatch(spec, -1) {
		want = append(want, string(m[1]))
	}
	require.Len(t, want, recording.Operations(), "operationIds in api/openapi.yml")
	got := map[string]bool{}
	for name, ex := range files {
		assert.Equal(t, ex.OperationID, strings.SplitN(name, "/", 2)[0], name)
		if ex.Status >= 200 && ex.Status < 400 { // a success, or the redirect of a browser endpoint
			got[ex.OperationID] = true
		}
	}
	var missing []string
	for _, op := range want {
		if !got[op] {
			missing = append(missing, op)
		}
	}
	assert.Empty(t, missing, "operations without a 2xx recording")
}

// runSpecdiff builds cmd/specdiff (the checker CI runs) and requires zero
// violations and zero drift over dir.
func runSpecdiff(t *testing.T, root, dir string) {
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go command builds cmd/specdiff")
	bin := filepath.Join(t.TempDir(), "specdiff")
	build := exec.Command(goTool, "build", "-o", bin, "./cmd/specdiff")
	build.Dir = root
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	out, err = exec.Command(bin, "-strict", dir).CombinedOutput()
	assert.NoError(t, err, "specdiff -strict:\n%s", out)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	assert.Regexp(t, `^specdiff: \d+ recordings checked, \d+ operations covered, 0 violations, 0 drift$`, lines[len(lines)-1])
}

// writeTestdata replaces testdata/recordings/*/emulator-*.json with files.
func writeTestdata(t *testing.T, dest, src string, files map[string]*recording.Exchange) {
	old, err := filepath.Glob(filepath.Join(dest, "*", filePrefix+"*.json"))
	require.NoError(t, err)
	for _, p := range old {
		require.NoError(t, os.Remove(p))
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(src, name))
		require.NoError(t, err)
		p := filepath.Join(dest, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	t.Logf("wrote %d recordings to %s", len(names), dest)
}

// repoRoot is the module root (two levels up).
func repoRoot(t *testing.T) string {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(root, "go.mod"))
	require.NoError(t, err)
	return root
}
