package jwtauth

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/gen"
)

// The in-place factor decoder must agree with encoding/json on the API type.
func TestDecodeFactorMatchesEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`{"type":"magic_link","delivery_method":"email","last_authenticated_at":"2025-06-22T10:00:00Z","created_at":"2025-06-22T09:00:00Z","updated_at":"2025-06-22T10:00:00Z","email_factor":{"email_id":"email-test-1","email_address":"ada@example.com"}}`,
		`{"type":"otp","delivery_method":"sms","phone_number_factor":{"phone_id":"phone-number-test-1","phone_number":"+12025550123","extra":1}}`,
		`{"type":"otp","delivery_method":"sms","phone_number_factor":{"phone_id":null,"phone_number":"+1\u0032"}}`,
		`{"type":"oauth","delivery_method":"oauth_google","google_oauth_factor":{"id":"oauth-user-test-1","provider_subject":"123","email_id":"email-test-2"}}`,
		`{"type":"magic_link","email_factor":null}`,
		`{"type":"magic_link","email_factor":{}}`,
	} {
		var want gen.AuthenticationFactor
		require.NoError(t, json.Unmarshal([]byte(in), &want), in)
		var got gen.AuthenticationFactor
		require.True(t, decodeFactor([]byte(in), &got), in)
		assert.Equal(t, want, got, in)
	}
	var f gen.AuthenticationFactor
	assert.False(t, decodeFactor([]byte(`{"email_factor":{"email_id":5}}`), &f))
	assert.False(t, decodeFactor([]byte(`{"email_factor":[]}`), &f))
}

// Strings of a verified token share its decoded payload: after the call no
// buffer is reused, so later verifications never change earlier results.
func TestResultsDoNotShareReusedMemory(t *testing.T) {
	r := newRig(t, Config{})
	k, _ := keys(t)
	c1 := sessionClaims(r.clock.Now())
	c1["tenant"] = "first"
	c2 := sessionClaims(r.clock.Now())
	c2["tenant"] = "other"
	c2["sub"] = "user-test-99999999-9999-9999-9999-999999999999"
	first, err := r.v.VerifySession(t.Context(), sign(t, k, testKid, c1), 0)
	require.NoError(t, err)
	keep := *first
	for range 20 {
		_, err := r.v.VerifySession(t.Context(), sign(t, k, testKid, c2), 0)
		require.NoError(t, err)
	}
	assert.Equal(t, testUser, first.UserID)
	assert.Equal(t, "first", first.CustomClaims["tenant"])
	assert.Equal(t, keep, *first)
}
