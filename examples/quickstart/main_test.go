package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstart runs the README's first command in-process against the
// embedded emulator and checks that every step happened and was explained.
func TestQuickstart(t *testing.T) {
	t.Setenv("STYTCH_PROJECT_ID", "project-test-11111111")
	t.Setenv("STYTCH_SECRET", "secret-test-left-set-by-mistake")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out, false))
	s := out.String()
	for _, want := range []string{
		"Local Stytch emulator at http://127.0.0.1:", "are set but ignored; run with -stytch",
		"1. Create a user for Ada", "user user-test-", "user_created is false because Ada's user exists",
		"in the inbox: http", "token=", "session session-test-", "valid: session session-test-",
		"Text Bob a one-time passcode", "the code in the inbox is ", "Bob entered the code: user user-test-",
		"strength: score", "Grace logs in", "fails with session_not_found (404)", "Done: three people",
		"go run ./cmd/stytch-emulator",
	} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, "REAL STYTCH", "the emulator is the default, whatever the environment")
	assert.False(t, strings.Contains(s, "secret-test-left-set-by-mistake"), "never print the secret")
}

// TestQuickstartStytchNeedsATestProject: -stytch refuses to run without
// credentials or with a live project.
func TestQuickstartStytchNeedsATestProject(t *testing.T) {
	t.Setenv("STYTCH_PROJECT_ID", "")
	t.Setenv("STYTCH_SECRET", "")
	var out bytes.Buffer
	assert.ErrorContains(t, run(context.Background(), &out, true), "needs STYTCH_PROJECT_ID")
	t.Setenv("STYTCH_PROJECT_ID", "project-live-11111111")
	t.Setenv("STYTCH_SECRET", "secret-live-x")
	assert.ErrorContains(t, run(context.Background(), &out, true), "only against a TEST project")
}
