package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinaryStartsServesAndStopsOnSIGTERM builds the command, starts it on a
// free port with a state file, calls the API with the printed credentials,
// sends SIGTERM and checks a clean exit that wrote the state.
func TestBinaryStartsServesAndStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "stytch-emulator")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	state := filepath.Join(dir, "state.json")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-state", state, "-project-id",
		"project-test-11111111-1111-1111-1111-111111111111", "-secret", "secret-test-cmd")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())

	vars := map[string]string{}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && len(vars) < 3 {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			vars[k] = v
		}
	}
	require.Contains(t, vars, "STYTCH_BASE_URL")
	assert.Equal(t, "project-test-11111111-1111-1111-1111-111111111111", vars["STYTCH_PROJECT_ID"])

	req, _ := http.NewRequest(http.MethodPost, vars["STYTCH_BASE_URL"]+"/v1/users", strings.NewReader(`{"email":"bin@example.com"}`))
	req.SetBasicAuth(vars["STYTCH_PROJECT_ID"], vars["STYTCH_SECRET"])
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusCreated, res.StatusCode)

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	rest, _ := io.ReadAll(stdout)
	require.NoError(t, cmd.Wait(), "exit status 0 after SIGTERM")
	assert.Contains(t, string(rest), "stopped")
	data, err := os.ReadFile(state)
	require.NoError(t, err)
	assert.Contains(t, string(data), "bin@example.com")
}

func TestRunRejectsBadFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Error(t, run(context.Background(), []string{"-nope"}, &out, &errOut))
	assert.Error(t, run(context.Background(), []string{"extra"}, &out, &errOut))
	assert.Error(t, run(context.Background(), []string{"-addr", "256.0.0.1:99999"}, &out, &errOut))
}

func TestRunStopsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, &out, &errOut) }()
	time.Sleep(200 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}
