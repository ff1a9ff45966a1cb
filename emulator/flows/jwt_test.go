package flows_test

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// TestSignSessionCacheIsByteIdentical mints the same session twice in one
// second (the second from the signature cache) and checks both against a
// fresh, uncached RS256 signature of the same claims: same bytes.
func TestSignSessionCacheIsByteIdentical(t *testing.T) {
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	st, err := store.New(store.Options{Clock: func() time.Time { return now }, SigningKey: emutest.SharedKey()})
	require.NoError(t, err)
	svc := flows.New(st, "project-test-1", nil)
	sess := &store.Session{ID: "session-test-1", UserID: "user-test-1", Token: "tok", StartedAt: now,
		LastAccessedAt: now, ExpiresAt: now.Add(time.Hour), Factors: []store.Factor{flows.NewFactor(now, "otp", "email",
			"email_factor", map[string]any{"email_id": "e", "email_address": "a@example.com"})},
		CustomClaims: map[string]any{"plan": "pro"}}
	first, err := svc.SignSession(sess, []string{"stytch_user"}, now)
	require.NoError(t, err)
	second, err := svc.SignSession(sess, []string{"stytch_user"}, now.Add(500*time.Millisecond))
	require.NoError(t, err)
	assert.Equal(t, first, second, "same second, same token")

	// The reference: golang-jwt signing the same claims without any cache.
	parsed, _, err := jwt.NewParser().ParseUnverified(first, jwt.MapClaims{})
	require.NoError(t, err)
	key, kid := st.SigningKey()
	ref := jwt.NewWithClaims(jwt.SigningMethodRS256, parsed.Claims)
	ref.Header["kid"] = kid
	want, err := ref.SignedString(key)
	require.NoError(t, err)
	assert.Equal(t, want, first)
	_, err = jwt.Parse(first, func(*jwt.Token) (any, error) { return &key.PublicKey, nil }, jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithTimeFunc(func() time.Time { return now }))
	require.NoError(t, err)

	third, err := svc.SignSession(sess, []string{"stytch_user"}, now.Add(time.Second))
	require.NoError(t, err)
	assert.NotEqual(t, first, third, "a new second signs new claims")
}
