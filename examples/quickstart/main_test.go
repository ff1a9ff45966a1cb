package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstart runs the README's first command in-process against the
// embedded emulator and checks every step happened.
func TestQuickstart(t *testing.T) {
	t.Setenv("STYTCH_PROJECT_ID", "")
	t.Setenv("STYTCH_SECRET", "")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out))
	for _, step := range []string{
		"created user user-test-", "emailed a magic link", "read the magic link from the outbox",
		"authenticated: session session-test-", "checked the session JWT locally",
		"texted a one-time passcode", "OTP login: user user-test-", "password strength: score",
		"password sign-up: user user-test-", "password login: session session-test-",
		"authenticating it now fails with session_not_found (404)", "==> done",
	} {
		assert.Contains(t, out.String(), step)
	}
}
