package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestB2BQuickstart runs the B2B quickstart in-process against the embedded
// emulator and checks that every step happened and was explained.
func TestB2BQuickstart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out))
	for _, want := range []string{
		"1. Create an Organization", "organization organization-test-",
		"in ada@acme.example's inbox: http://localhost:3000/invite?", "roles [stytch_member stytch_admin]",
		"Bob is member member-test-", "valid: member member-test-", "verified against the project's B2B JWKS",
		"may Bob rename the organization? no (session_authorization_error)",
		"Bob's invite: session_authorization_error (403)", `renamed the organization to "Acme Inc"`, "Done:",
	} {
		assert.Contains(t, out.String(), want)
	}
}
