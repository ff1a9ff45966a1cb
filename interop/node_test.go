package interop_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/internal/testcert"
)

// requireNodeEnv, set to 1, turns the skip for a missing node or SDK
// package into a failure (CI sets it after installing them).
const requireNodeEnv = "STYTCHKIT_REQUIRE_NODE"

// nodeDir is the Node project, relative to this package.
const nodeDir = "node"

// nodeRunTimeout bounds the whole SDK run, so a hang fails instead of
// blocking the suite.
const nodeRunTimeout = 3 * time.Minute

// TestNodeSDK builds the emulator binary, starts it over HTTPS on a free
// loopback port (ready once its banner names the base URL) and runs the
// official Node SDK against it through node/main.mjs, which exits non-zero
// on any mismatch; its report is logged.
func TestNodeSDK(t *testing.T) {
	node := nodeOrSkip(t)
	if testing.Short() {
		t.Skip("builds the emulator and runs node")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "stytch-emulator")
	build := exec.Command("go", "build", "-o", bin, "github.com/stytchkit/stytchkit/cmd/stytch-emulator")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "building the emulator: %s", out)
	certs, err := testcert.Write(dir)
	require.NoError(t, err)

	emu := startEmulator(t, bin, "-addr", "127.0.0.1:0", "-tls-cert", certs.Cert, "-tls-key", certs.Key)
	require.True(t, strings.HasPrefix(emu.vars["STYTCH_BASE_URL"], "https://"), emu.vars)

	ctx, cancel := context.WithTimeout(t.Context(), nodeRunTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "main.mjs")
	cmd.Dir = nodeDir
	cmd.Env = append(os.Environ(),
		"NODE_EXTRA_CA_CERTS="+certs.CA,
		"STYTCH_BASE_URL="+emu.vars["STYTCH_BASE_URL"],
		"STYTCH_PROJECT_ID="+emu.vars["STYTCH_PROJECT_ID"],
		"STYTCH_SECRET="+emu.vars["STYTCH_SECRET"],
	)
	report, err := cmd.CombinedOutput()
	for line := range strings.Lines(string(report)) {
		t.Log(strings.TrimRight(line, "\n"))
	}
	passed, failed, found := summary(string(report))
	require.NoError(t, err, "node main.mjs failed (its report is above); the emulator's stderr:\n%s", emu.stderr.String())
	require.True(t, found, "node main.mjs printed no closing 'N passed, N failed' line")
	assert.Zero(t, failed)
	assert.Positive(t, passed)

	// the emulator survived the run and stops cleanly
	require.NoError(t, emu.cmd.Process.Signal(syscall.SIGTERM))
	require.NoError(t, emu.cmd.Wait(), "the emulator's exit after SIGTERM; stderr:\n%s", emu.stderr.String())
}

// nodeOrSkip returns the node binary, or skips (fails under
// STYTCHKIT_REQUIRE_NODE=1) when node or the installed SDK is missing.
func nodeOrSkip(t *testing.T) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		if os.Getenv(requireNodeEnv) == "1" {
			t.Fatalf(format+" ("+requireNodeEnv+"=1)", args...)
		}
		t.Skipf(format+"; run 'npm ci' in interop/node", args...)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed: %v", err)
		return ""
	}
	want := pinnedSDKVersion(t)
	data, err := os.ReadFile(filepath.Join(nodeDir, "node_modules", "stytch", "package.json"))
	if errors.Is(err, os.ErrNotExist) {
		missing("the stytch package is not installed")
		return ""
	}
	require.NoError(t, err)
	var installed struct {
		Version string `json:"version"`
	}
	require.NoError(t, json.Unmarshal(data, &installed))
	if installed.Version != want {
		missing("stytch %s is installed, package.json pins %s", installed.Version, want)
	}
	return node
}

// pinnedSDKVersion is the exact stytch version node/package.json names.
func pinnedSDKVersion(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(nodeDir, "package.json"))
	require.NoError(t, err)
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	require.NoError(t, json.Unmarshal(data, &pkg))
	v := pkg.Dependencies["stytch"]
	require.Regexp(t, `^\d+\.\d+\.\d+$`, v, "package.json pins stytch to an exact version")
	return v
}

// TestNodeLockfileHasNoAddresses: package-lock.json records versions and
// integrity hashes, never where a package was downloaded from, and agrees
// with package.json's pin.
func TestNodeLockfileHasNoAddresses(t *testing.T) {
	want := pinnedSDKVersion(t)
	data, err := os.ReadFile(filepath.Join(nodeDir, "package-lock.json"))
	require.NoError(t, err)
	var lock struct {
		LockfileVersion int `json:"lockfileVersion"`
		Packages        map[string]struct {
			Version      string            `json:"version"`
			Resolved     *string           `json:"resolved"`
			Integrity    string            `json:"integrity"`
			Dependencies map[string]string `json:"dependencies"`
		} `json:"packages"`
	}
	require.NoError(t, json.Unmarshal(data, &lock))
	assert.GreaterOrEqual(t, lock.LockfileVersion, 3)
	assert.Equal(t, want, lock.Packages[""].Dependencies["stytch"], "the lockfile's root pins what package.json pins")
	assert.Equal(t, want, lock.Packages["node_modules/stytch"].Version)
	for name, p := range lock.Packages {
		if name == "" {
			continue
		}
		assert.Nil(t, p.Resolved, "%s records a download address", name)
		assert.Regexp(t, `^sha512-`, p.Integrity, "%s has an integrity hash", name)
	}
	npmrc, err := os.ReadFile(filepath.Join(nodeDir, ".npmrc"))
	require.NoError(t, err)
	assert.Contains(t, string(npmrc), "omit-lockfile-registry-resolved=true",
		"npm keeps download addresses out of the lockfile")
}

// emulatorProc is a running emulator binary.
type emulatorProc struct {
	cmd    *exec.Cmd
	vars   map[string]string
	stderr *syncBuffer
}

// syncBuffer collects the emulator's stderr while the test may read it.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startEmulator runs the binary and returns once its banner printed the
// base URL and credentials, which it does after it listens.
func startEmulator(t *testing.T, bin string, args ...string) *emulatorProc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	p := &emulatorProc{cmd: cmd, vars: map[string]string{}, stderr: &syncBuffer{}}
	cmd.Stderr = p.stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	r := bufio.NewReader(stdout)
	for _, k := range []string{"STYTCH_BASE_URL", "STYTCH_PROJECT_ID", "STYTCH_SECRET"} {
		for p.vars[k] == "" {
			line, err := r.ReadString('\n')
			require.NoError(t, err, "the emulator exited before it listened")
			if name, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
				p.vars[name] = v
			}
		}
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	return p
}

var summaryLine = regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`)

// summary reads the closing "N passed, N failed" line of a report.
func summary(report string) (passed, failed int, ok bool) {
	m := summaryLine.FindAllStringSubmatch(report, -1)
	if len(m) == 0 {
		return 0, 0, false
	}
	last := m[len(m)-1]
	passed, _ = strconv.Atoi(last[1])
	failed, _ = strconv.Atoi(last[2])
	return passed, failed, true
}
