package jwtauth

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAgreesWithGolangJWT signs tokens whose claims sit on the edges of the
// rules (leeway, missing or odd claims, audience and issuer shapes, member
// names that differ only in case, duplicates, JSON types) with the real key
// and checks the verifier against golang-jwt's parser: it may be stricter
// than the library, never looser, and it accepts every token both should
// accept.
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
		want   bool // what the verifier must answer
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
	check := func(name, tok string, want bool) {
		_, ours := v.VerifySession(context.Background(), tok, 0)
		_, theirs := lib.Parse(tok, func(*jwt.Token) (any, error) { return &k.PublicKey, nil })
		assert.Equal(t, want, ours == nil, "%s: verifier (err %v)", name, ours)
		if ours == nil {
			assert.NoError(t, theirs, "%s: accepted a token golang-jwt rejects", name)
		}
	}
	for name, tc := range cases {
		check(name, sign(t, k, testKid, tc.claims), tc.want)
	}

	// Payloads written by hand, where member order, spelling, duplicates and
	// JSON types matter.
	iat, exp := now.Add(-time.Minute).Unix(), now.Add(4*time.Minute).Unix()
	base := fmt.Sprintf(`"iss":"stytch.com/%s","aud":["%s"],"sub":"%s","iat":%d,"exp":%d,%q:{"id":"s"}`,
		testProject, testProject, testUser, iat, exp, SessionClaimName)
	raw := map[string]struct {
		header, claims string
		want           bool
	}{
		"as written":                 {"", "{" + base + "}", true},
		"custom Sub after sub":       {"", "{" + base + `,"Sub":"user-test-attacker"}`, true},
		"custom EXP after exp":       {"", "{" + base + `,"EXP":1}`, true},
		"iat zero":                   {"", strings.Replace("{"+base+"}", fmt.Sprintf(`"iat":%d`, iat), `"iat":0`, 1), true},
		"duplicate sub":              {"", "{" + base + `,"sub":"user-test-attacker"}`, false},
		"duplicate exp":              {"", "{" + base + `,"exp":1}`, false},
		"nbf null":                   {"", "{" + base + `,"nbf":null}`, false},
		"nbf a string":               {"", "{" + base + `,"nbf":"1"}`, false},
		"aud null":                   {"", strings.Replace("{"+base+"}", `["`+testProject+`"]`, "null", 1), false},
		"aud with a number":          {"", strings.Replace("{"+base+"}", `["`+testProject+`"]`, `["`+testProject+`",1]`, 1), false},
		"issuer spelled ISS":         {"", strings.Replace("{"+base+"}", `"iss"`, `"ISS"`, 1), false},
		"subject spelled Sub":        {"", strings.Replace("{"+base+"}", `"sub"`, `"Sub"`, 1), false},
		"header alg spelled ALG":     {`{"ALG":"RS256","kid":"` + testKid + `"}`, "{" + base + "}", false},
		"header alg given twice":     {`{"alg":"HS256","alg":"RS256","kid":"` + testKid + `"}`, "{" + base + "}", false},
		"header kid not a string":    {`{"alg":"RS256","kid":["` + testKid + `"]}`, "{" + base + "}", false},
		"payload with trailing data": {"", "{" + base + "} {}", false},
	}
	for name, tc := range raw {
		check(name, signRawHeader(t, k, tc.header, tc.claims), tc.want)
	}
}
