package jwtauth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/gen"
)

// requireKind asserts err matches kind and does not quote the token.
func requireKind(t *testing.T, err error, kind error, token string) {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, kind, "got %v", err)
	var e *Error
	require.ErrorAs(t, err, &e)
	for _, part := range strings.Split(token, ".") {
		if len(part) > 8 {
			require.NotContains(t, err.Error(), part, "error message quotes the token")
		}
	}
}

func TestVerifySessionValid(t *testing.T) {
	r := newRig(t, Config{})
	k, _ := keys(t)
	tok := sign(t, k, testKid, sessionClaims(r.clock.Now().Add(-time.Minute)))

	got, err := r.v.VerifySession(context.Background(), tok, 0)
	require.NoError(t, err)
	assert.Equal(t, testUser, got.UserID)
	assert.Equal(t, "session-test-66666666-6666-6666-6666-666666666666", got.Session.ID)
	assert.Equal(t, gen.Attributes{IPAddress: new("203.0.113.7"), UserAgent: new("Mozilla/5.0 (X11; Linux x86_64)")}, got.Session.Attributes)
	assert.Equal(t, time.Date(2025, 6, 22, 10, 0, 0, 0, time.UTC), got.Session.ExpiresAt.UTC())
	require.Len(t, got.Session.AuthenticationFactors, 1)
	f := got.Session.AuthenticationFactors[0]
	assert.Equal(t, gen.AuthenticationFactorTypeMagicLink, f.Type)
	require.NotNil(t, f.EmailFactor)
	assert.Equal(t, "ada@example.com", f.EmailFactor.EmailAddress)
	assert.Equal(t, []string{"stytch_user"}, got.Session.Roles)
	assert.Equal(t, r.clock.Now().Add(-time.Minute), got.IssuedAt)
	assert.Equal(t, r.clock.Now().Add(4*time.Minute), got.ExpiresAt)

	// Custom claims: everything not registered and not under https://stytch.com/.
	assert.Equal(t, map[string]any{"tenant": "acme", "plan": map[string]any{"tier": "pro", "seats": float64(5)}}, got.CustomClaims)
	var mine struct {
		Tenant string `json:"tenant"`
		Plan   struct {
			Seats int `json:"seats"`
		} `json:"plan"`
	}
	require.NoError(t, got.DecodeCustomClaims(&mine))
	assert.Equal(t, "acme", mine.Tenant)
	assert.Equal(t, 5, mine.Plan.Seats)
	assert.True(t, json.Valid(got.RawCustomClaims))

	// The second verification takes the cached-header path; same answer.
	again, err := r.v.VerifySession(context.Background(), tok, 0)
	require.NoError(t, err)
	assert.Equal(t, got, again)
	assert.EqualValues(t, 1, r.srv.hits.Load())
}

func TestVerifySessionRejects(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	now := r.clock.Now()
	valid := sign(t, k, testKid, sessionClaims(now))
	parts := strings.Split(valid, ".")

	with := func(mut func(jwt.MapClaims)) string {
		c := sessionClaims(now)
		mut(c)
		return sign(t, k, testKid, c)
	}
	encode := func(v any) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	hs256 := func(secret []byte) string {
		h := encode(map[string]any{"alg": "HS256", "typ": "JWT", "kid": testKid})
		mac := hmac.New(sha256.New, secret)
		mac.Write([]byte(h + "." + parts[1]))
		return h + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	require.NoError(t, err)
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})

	tampered := sessionClaims(now)
	tampered["sub"] = "user-test-attacker"
	flipped := []byte(parts[2])
	flipped[10] = 'A' // a different, still valid base64url character
	if parts[2][10] == 'A' {
		flipped[10] = 'B'
	}

	cases := []struct {
		name  string
		token string
		kind  error
	}{
		{"tampered payload", parts[0] + "." + encode(tampered) + "." + parts[2], ErrInvalidSignature},
		{"tampered signature", parts[0] + "." + parts[1] + "." + string(flipped), ErrInvalidSignature},
		{"alg none", encode(map[string]any{"alg": "none", "kid": testKid}) + "." + parts[1] + ".", ErrBadAlgorithm},
		{"HS256 keyed with the PEM public key", hs256(pemKey), ErrBadAlgorithm},
		{"HS256 keyed with the raw modulus", hs256(k.N.Bytes()), ErrBadAlgorithm},
		{"RS512", encode(map[string]any{"alg": "RS512", "kid": testKid}) + "." + parts[1] + "." + parts[2], ErrBadAlgorithm},
		{"wrong iss", with(func(c jwt.MapClaims) { c["iss"] = "stytch.com/project-test-other" }), ErrInvalidIssuer},
		{"missing iss", with(func(c jwt.MapClaims) { delete(c, "iss") }), ErrInvalidIssuer},
		{"wrong aud", with(func(c jwt.MapClaims) { c["aud"] = []string{"project-test-other"} }), ErrInvalidAudience},
		{"aud of wrong type", with(func(c jwt.MapClaims) { c["aud"] = 7 }), ErrMalformed},
		{"expired", sign(t, k, testKid, sessionClaims(now.Add(-6*time.Minute))), ErrTokenExpired},
		{"nbf beyond leeway", with(func(c jwt.MapClaims) { c["nbf"] = now.Add(time.Minute).Unix() }), ErrTokenNotYetValid},
		{"iat in the future", with(func(c jwt.MapClaims) { c["iat"] = now.Add(time.Minute).Unix() }), ErrTokenNotYetValid},
		{"missing iat", with(func(c jwt.MapClaims) { delete(c, "iat") }), ErrMalformed},
		{"iat is a string", with(func(c jwt.MapClaims) { c["iat"] = "yesterday" }), ErrMalformed},
		{"missing exp", with(func(c jwt.MapClaims) { delete(c, "exp") }), ErrMalformed},
		{"missing sub", with(func(c jwt.MapClaims) { delete(c, "sub") }), ErrMalformed},
		{"session claim not an object", with(func(c jwt.MapClaims) { c[SessionClaimName] = "x" }), ErrMalformed},
		{"an M2M token", sign(t, k, testKid, m2mClaims(now, "read:users")), ErrMalformed},
		{"missing kid", sign(t, k, "", sessionClaims(now)), ErrMissingKeyID},
		{"two segments", parts[0] + "." + parts[1], ErrMalformed},
		{"four segments", valid + ".x", ErrMalformed},
		{"garbage", "not a token", ErrMalformed},
		{"empty", "", ErrMalformed},
		{"header not JSON", base64.RawURLEncoding.EncodeToString([]byte("{alg")) + "." + parts[1] + "." + parts[2], ErrMalformed},
		{"crit header", encode(map[string]any{"alg": "RS256", "kid": testKid, "crit": []string{"b64"}}) + "." + parts[1] + "." + parts[2], ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.v.VerifySession(context.Background(), tc.token, 0)
			assert.Nil(t, got)
			requireKind(t, err, tc.kind, tc.token)
		})
	}

	t.Run("expired also matches jwt.ErrTokenExpired", func(t *testing.T) {
		_, err := r.v.VerifySession(context.Background(), sign(t, k, testKid, sessionClaims(now.Add(-6*time.Minute))), 0)
		assert.ErrorIs(t, err, jwt.ErrTokenExpired)
	})
	t.Run("too old", func(t *testing.T) {
		tok := sign(t, k, testKid, sessionClaims(now.Add(-2*time.Minute)))
		_, err := r.v.VerifySession(context.Background(), tok, time.Minute)
		requireKind(t, err, ErrTokenTooOld, tok)
		_, err = r.v.VerifySession(context.Background(), tok, 3*time.Minute)
		assert.NoError(t, err)
	})
	t.Run("leeway", func(t *testing.T) {
		// Expired 20 s ago and not before 20 s from now: inside the 30 s default.
		c := sessionClaims(now.Add(-5*time.Minute - 20*time.Second))
		_, err := r.v.VerifySession(context.Background(), sign(t, k, testKid, c), 0)
		assert.NoError(t, err)
		c = sessionClaims(now)
		c["nbf"] = now.Add(20 * time.Second).Unix()
		_, err = r.v.VerifySession(context.Background(), sign(t, k, testKid, c), 0)
		assert.NoError(t, err)
	})
}

func TestVerifyIssuers(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{CustomBaseURL: "https://login.example.com/"})
	now := r.clock.Now()
	for _, iss := range []string{"stytch.com/" + testProject, "https://login.example.com"} {
		c := sessionClaims(now)
		c["iss"] = iss
		_, err := r.v.VerifySession(context.Background(), sign(t, k, testKid, c), 0)
		assert.NoError(t, err, iss)
	}
	c := sessionClaims(now)
	c["iss"] = "https://evil.example.com"
	_, err := r.v.VerifySession(context.Background(), sign(t, k, testKid, c), 0)
	assert.ErrorIs(t, err, ErrInvalidIssuer)

	c = sessionClaims(now)
	c["aud"] = testProject // a single string is a valid aud too
	_, err = r.v.VerifySession(context.Background(), sign(t, k, testKid, c), 0)
	assert.NoError(t, err)
}

func TestKeyStatingOtherAlgIsNotUsed(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	r.srv.setKeys(t, jwkJSON(testKid, &k.PublicKey, "RS512"))
	tok := sign(t, k, testKid, sessionClaims(r.clock.Now()))
	_, err := r.v.VerifySession(context.Background(), tok, 0)
	requireKind(t, err, ErrNoKeys, tok) // the only key is unusable: no keys at all

	r.srv.setKeys(t, jwkJSON(testKid, &k.PublicKey, "RS512"), jwkJSON(rotatedKid, &k.PublicKey, ""))
	r.clock.Advance(time.Hour)
	_, err = r.v.VerifySession(context.Background(), tok, 0)
	requireKind(t, err, ErrBadAlgorithm, tok)
	hits := r.srv.hits.Load()
	_, err = r.v.VerifySession(context.Background(), tok, 0)
	requireKind(t, err, ErrBadAlgorithm, tok)
	assert.Equal(t, hits, r.srv.hits.Load(), "a known-but-unusable kid must not trigger refreshes")

	// A key with no alg (use=sig) is usable for RS256.
	r.clock.Advance(time.Hour)
	_, err = r.v.VerifySession(context.Background(), sign(t, k, rotatedKid, sessionClaims(r.clock.Now())), 0)
	assert.NoError(t, err)
}

func TestNewVerifierValidates(t *testing.T) {
	_, err := NewVerifier(nil, Config{ProjectID: testProject})
	assert.Error(t, err)
	_, err = NewVerifier(NewKeySet(nil), Config{})
	assert.Error(t, err)
}

func TestErrorUnwrap(t *testing.T) {
	cause := errors.New("boom")
	err := wrapErr(ErrNoKeys, "JWKS not loaded", cause)
	assert.ErrorIs(t, err, ErrNoKeys)
	assert.ErrorIs(t, err, cause)
	assert.Equal(t, "jwtauth: no usable JWKS keys: JWKS not loaded: boom", err.Error())
	assert.Equal(t, `"ab?c"`, quoteShort("ab\nc"))
	assert.Len(t, quoteShort(strings.Repeat("x", 500)), 64+2+len("…"))
}

// The session claim is decoded into the API's types (whose tags are written
// for encoding/json): the result must be what encoding/json makes of it.
func TestSessionClaimMatchesEncodingJSON(t *testing.T) {
	r := newRig(t, Config{})
	k, _ := keys(t)
	for _, factors := range []string{
		`[{"type":"magic_link","delivery_method":"email","last_authenticated_at":"2025-06-22T10:00:00Z","created_at":"2025-06-22T09:00:00Z","updated_at":"2025-06-22T10:00:00Z","email_factor":{"email_id":"email-test-1","email_address":"ada@example.com"}}]`,
		`[{"type":"otp","delivery_method":"sms","phone_number_factor":{"phone_id":"phone-number-test-1","phone_number":"+12025550123","extra":1}}]`,
		`[{"type":"otp","delivery_method":"sms","phone_number_factor":{"phone_id":null,"phone_number":"+1\u0032"}}]`,
		`[{"type":"oauth","delivery_method":"oauth_google","google_oauth_factor":{"id":"oauth-user-test-1","provider_subject":"123","email_id":"email-test-2"}}]`,
		`[{"type":"magic_link","email_factor":null},{"type":"magic_link","email_factor":{}}]`,
		`[]`, `null`,
	} {
		session := `{"id":"session-test-1","started_at":"2025-06-15T10:00:00Z","last_accessed_at":"2025-06-15T15:06:40.5Z",` +
			`"expires_at":"2025-06-22T10:00:00+02:00","attributes":{"ip_address":"203.0.113.7","user_agent":"curl/8"},` +
			`"authentication_factors":` + factors + `,"roles":["stytch_user","editor"],"unknown_member":{"x":1}}`
		var want SessionClaim
		require.NoError(t, json.Unmarshal([]byte(session), &want), factors)
		now := r.clock.Now().Unix()
		tok := signRaw(t, k, testKid, fmt.Sprintf(`{"iss":"stytch.com/%s","aud":["%s"],"sub":"%s","iat":%d,"exp":%d,%q:%s}`,
			testProject, testProject, testUser, now, now+300, SessionClaimName, session))
		got, err := r.v.VerifySession(t.Context(), tok, 0)
		require.NoError(t, err, factors)
		assert.Equal(t, want, got.Session, factors)
	}
}

// Claim and header names match exactly, and a name given twice makes the
// token malformed: no member can stand in for a checked one.
func TestClaimNamesAreExact(t *testing.T) {
	r := newRig(t, Config{})
	k, _ := keys(t)
	now := r.clock.Now().Unix()
	claims := func(extra string) string {
		return fmt.Sprintf(`{"iss":"stytch.com/%s","aud":["%s"],"sub":"%s","iat":%d,"exp":%d,%q:{"id":"s"}%s}`,
			testProject, testProject, testUser, now, now+300, SessionClaimName, extra)
	}

	// A custom claim whose name differs from sub only in case, after sub.
	got, err := r.v.VerifySession(t.Context(), signRaw(t, k, testKid, claims(`,"Sub":"user-test-attacker","ISS":"x"`)), 0)
	require.NoError(t, err)
	assert.Equal(t, testUser, got.UserID)
	assert.Equal(t, map[string]any{"Sub": "user-test-attacker", "ISS": "x"}, got.CustomClaims)

	for name, tc := range map[string]struct {
		header, claims string
		kind           error
	}{
		"duplicate sub":           {"", claims(`,"sub":"user-test-attacker"`), ErrMalformed},
		"duplicate session claim": {"", claims(`,"` + SessionClaimName + `":{"id":"t"}`), ErrMalformed},
		"only SUB": {"", fmt.Sprintf(`{"iss":"stytch.com/%s","aud":"%s","SUB":"u","iat":%d,"exp":%d,%q:{}}`,
			testProject, testProject, now, now+300, SessionClaimName), ErrMalformed},
		"only ISS": {"", fmt.Sprintf(`{"ISS":"stytch.com/%s","aud":"%s","sub":"u","iat":%d,"exp":%d,%q:{}}`,
			testProject, testProject, now, now+300, SessionClaimName), ErrInvalidIssuer},
		"header ALG":           {`{"ALG":"RS256","kid":"` + testKid + `"}`, claims(""), ErrBadAlgorithm},
		"header alg twice":     {`{"alg":"none","alg":"RS256","kid":"` + testKid + `"}`, claims(""), ErrMalformed},
		"header not an object": {`["RS256"]`, claims(""), ErrMalformed},
		"header null":          {`null`, claims(""), ErrMalformed},
		"kid not a string":     {`{"alg":"RS256","kid":7}`, claims(""), ErrMalformed},
		"nbf null":             {"", claims(`,"nbf":null`), ErrMalformed},
		"exp a string":         {"", strings.Replace(claims(""), fmt.Sprintf(`"exp":%d`, now+300), fmt.Sprintf(`"exp":"%d"`, now+300), 1), ErrMalformed},
		"exp out of range":     {"", strings.Replace(claims(""), fmt.Sprintf(`"exp":%d`, now+300), `"exp":1e300`, 1), ErrMalformed},
		"session claim null":   {"", strings.Replace(claims(""), `{"id":"s"}`, "null", 1), ErrMalformed},
		"payload an array":     {"", `[1]`, ErrMalformed},
		"payload null":         {"", `null`, ErrMalformed},
		"trailing data":        {"", claims("") + ` {}`, ErrMalformed},
		"invalid UTF-8":        {"", claims(",\"x\":\"\xff\""), ErrMalformed},
	} {
		t.Run(name, func(t *testing.T) {
			tok := signRawHeader(t, k, tc.header, tc.claims)
			_, err := r.v.VerifySession(t.Context(), tok, 0)
			requireKind(t, err, tc.kind, tok)
		})
	}
}

// Sizes are capped before anything is decoded.
func TestSizeCaps(t *testing.T) {
	r := newRig(t, Config{})
	k, _ := keys(t)
	tok := sign(t, k, testKid, sessionClaims(r.clock.Now()))
	parts := strings.Split(tok, ".")
	for name, bad := range map[string]string{
		"token":     parts[0] + "." + strings.Repeat("A", maxTokenLen) + "." + parts[2],
		"header":    strings.Repeat("A", maxHeaderSegment+1) + "." + parts[1] + "." + parts[2],
		"signature": parts[0] + "." + parts[1] + "." + strings.Repeat("A", maxSigSegment+1),
	} {
		_, err := r.v.VerifySession(t.Context(), bad, 0)
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, ErrMalformed) || errors.Is(err, ErrInvalidSignature), "%s: %v", name, err)
	}
	assert.EqualValues(t, 0, r.srv.hits.Load(), "no oversized token may reach the key set")
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
