package jwtauth

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAgreesWithGolangJWT signs tokens whose claims sit on the edges of the
// rules (leeway, missing or odd claims, audience and issuer shapes) with the
// real key and checks the fast path against golang-jwt's parser: it may be
// stricter than the library, never looser, and it accepts every token both
// should accept.
func TestAgreesWithGolangJWT(t *testing.T) {
	k, _ := keys(t)
	body, err := json.Marshal(map[string]any{"keys": []any{jwkJSON(testKid, &k.PublicKey, "RS256")}})
	require.NoError(t, err)
	ks := NewKeySet(func(context.Context) ([]byte, error) { return body, nil })
	t.Cleanup(func() { _ = ks.Close() })
	now := time.Unix(1_750_000_000, 0)
	v, err := NewVerifier(ks, Config{ProjectID: testProject, Now: func() time.Time { return now }})
	require.NoError(t, err)
	lib := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithLeeway(30*time.Second), jwt.WithIssuer("stytch.com/"+testProject), jwt.WithAudience(testProject),
		jwt.WithIssuedAt(), jwt.WithExpirationRequired())

	edit := func(f func(c jwt.MapClaims)) jwt.MapClaims {
		c := sessionClaims(now.Add(-time.Minute))
		f(c)
		return c
	}
	cases := map[string]struct {
		claims jwt.MapClaims
		want   bool // what the fast path must answer
	}{
		"valid":                 {edit(func(jwt.MapClaims) {}), true},
		"expired within leeway": {edit(func(c jwt.MapClaims) { c["exp"] = now.Add(-20 * time.Second).Unix() }), true},
		"expired beyond leeway": {edit(func(c jwt.MapClaims) { c["exp"] = now.Add(-40 * time.Second).Unix() }), false},
		"nbf within leeway":     {edit(func(c jwt.MapClaims) { c["nbf"] = now.Add(20 * time.Second).Unix() }), true},
		"nbf beyond leeway":     {edit(func(c jwt.MapClaims) { c["nbf"] = now.Add(40 * time.Second).Unix() }), false},
		"iat in the future":     {edit(func(c jwt.MapClaims) { c["iat"] = now.Add(time.Minute).Unix() }), false},
		"no iat":                {edit(func(c jwt.MapClaims) { delete(c, "iat") }), false},
		"no exp":                {edit(func(c jwt.MapClaims) { delete(c, "exp") }), false},
		"fractional exp":        {edit(func(c jwt.MapClaims) { c["exp"] = float64(now.Add(time.Minute).Unix()) + 0.5 }), true},
		"audience as a string":  {edit(func(c jwt.MapClaims) { c["aud"] = testProject }), true},
		"audience among others": {edit(func(c jwt.MapClaims) { c["aud"] = []string{"other", testProject} }), true},
		"other audience":        {edit(func(c jwt.MapClaims) { c["aud"] = []string{"project-test-other"} }), false},
		"other issuer":          {edit(func(c jwt.MapClaims) { c["iss"] = "stytch.com/project-test-other" }), false},
		"issuer with a scheme":  {edit(func(c jwt.MapClaims) { c["iss"] = "https://stytch.com/" + testProject }), false},
		"no subject":            {edit(func(c jwt.MapClaims) { delete(c, "sub") }), false},
		"exp as a string":       {edit(func(c jwt.MapClaims) { c["exp"] = "9999999999" }), false},
		"no session claim":      {edit(func(c jwt.MapClaims) { delete(c, SessionClaimName) }), false},
	}
	for name, tc := range cases {
		tok := sign(t, k, testKid, tc.claims)
		_, ours := v.VerifySession(context.Background(), tok, 0)
		_, theirs := lib.Parse(tok, func(*jwt.Token) (any, error) { return &k.PublicKey, nil })
		assert.Equal(t, tc.want, ours == nil, "%s: fast path (err %v)", name, ours)
		if ours == nil {
			assert.NoError(t, theirs, "%s: accepted a token golang-jwt rejects", name)
		}
	}
}
