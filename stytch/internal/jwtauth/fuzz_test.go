package jwtauth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/golang-jwt/jwt/v5"
)

// FuzzParse drives arbitrary input through the whole parsing path: the
// compact-JWS split, header decoding, signature check and, since random input
// almost never carries a valid signature, the claim decoder directly on the
// input (as a base64url payload segment and as raw JSON). Nothing may panic;
// an accepted token must have a subject; collected custom claims must be
// valid JSON that decodes to the reported map. The seeds run in plain
// `go test`; explore with `go test -fuzz FuzzParse ./stytch/internal/jwtauth`.
func FuzzParse(f *testing.F) {
	k, _ := keys(f)
	body, err := json.Marshal(map[string]any{"keys": []any{jwkJSON(testKid, &k.PublicKey, "RS256")}})
	if err != nil {
		f.Fatal(err)
	}
	ks := NewKeySet(func(context.Context) ([]byte, error) { return body, nil })
	f.Cleanup(func() { _ = ks.Close() })
	now := time.Unix(1_750_000_000, 0)
	v, err := NewVerifier(ks, Config{ProjectID: testProject, Now: func() time.Time { return now }})
	if err != nil {
		f.Fatal(err)
	}

	session := sign(f, k, testKid, sessionClaims(now))
	m2m := sign(f, k, testKid, m2mClaims(now, "read:users write:*"))
	parts := strings.Split(session, ".")
	for _, seed := range []string{
		session, m2m,
		parts[0] + "." + parts[1] + ".",
		"eyJhbGciOiJub25lIn0." + parts[1] + ".",
		session + ".",
		"..", "a.b.c", "",
		`{"iss":"stytch.com/` + testProject + `","aud":"` + testProject + `","sub":"u","exp":1e10,"iat":1,"x":[1,{"y":null}],"https://stytch.com/session":{"id":"s","roles":["r"],"authentication_factors":[{"type":"otp","email_factor":{"email_id":"e"}}]}}`,
		`{"scope":"a b","sub":"\u0075","aud":["x",` + "\"" + testProject + "\"" + `],"exp":-0.5,"iat":1.25e3,"\u0069ss":"x"}`,
		`{"a":"\ud800","b":1e400,"c":-01,"d":[,],"e":{"f":}`,
		`{"iss":"stytch.com/` + testProject + `","aud":"` + testProject + `","sub":"u","Sub":"x","exp":1e10,"iat":1,"nbf":null,"scope":"a","https://stytch.com/session":{}}`,
		`{"iss":"stytch.com/` + testProject + `","ISS":"x","aud":["` + testProject + `"],"sub":"u","sub":"v","exp":"1e10","iat":1,"scope":null}`,
	} {
		f.Add(seed)
	}

	// golang-jwt is the oracle: the verifier may be stricter than the
	// library (it requires kid and iat, refuses duplicate claim names and
	// checks the token age), never looser.
	lib := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithLeeway(30*time.Second), jwt.WithIssuer("stytch.com/"+testProject), jwt.WithAudience(testProject),
		jwt.WithIssuedAt(), jwt.WithExpirationRequired())
	libAccepts := func(tok string) bool {
		_, err := lib.Parse(tok, func(*jwt.Token) (any, error) { return &k.PublicKey, nil })
		return err == nil
	}
	if !libAccepts(session) || !libAccepts(m2m) {
		f.Fatal("the oracle rejects the valid seeds")
	}
	// The same oracle on a bare payload: golang-jwt's own claims decoding
	// (encoding/json into MapClaims) and its Validator with the same rules.
	validator := jwt.NewValidator(jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithLeeway(30*time.Second), jwt.WithIssuer("stytch.com/"+testProject), jwt.WithAudience(testProject),
		jwt.WithIssuedAt(), jwt.WithExpirationRequired())
	libAcceptsClaims := func(p []byte) bool {
		claims := jwt.MapClaims{}
		return json.Unmarshal(p, &claims) == nil && validator.Validate(claims) == nil
	}

	f.Fuzz(func(t *testing.T, in string) {
		ctx := context.Background()
		if s, err := v.VerifySession(ctx, in, time.Hour); err == nil {
			if s.UserID == "" {
				t.Fatal("accepted a session token without a subject")
			}
			if !libAccepts(in) {
				t.Fatal("accepted a session token that golang-jwt rejects")
			}
		}
		if m, err := v.VerifyM2M(ctx, in, M2MOptions{}); err == nil {
			if m.ClientID == "" {
				t.Fatal("accepted an M2M token without a subject")
			}
			if !libAccepts(in) {
				t.Fatal("accepted an M2M token that golang-jwt rejects")
			}
		}
		// The claim decoder on its own, on the input as raw JSON and on every
		// segment that decodes as base64url.
		payloads := [][]byte{[]byte(in)}
		for _, seg := range strings.Split(in, ".") {
			if p, err := base64.RawURLEncoding.DecodeString(seg); err == nil {
				payloads = append(payloads, p)
			}
		}
		for _, p := range payloads {
			var sess sessionPayload
			if v.checkClaims(p, VerifyOptions{}, &sess) == nil {
				if sess.Subject == "" || !sess.Session.present {
					t.Fatal("session claims accepted without sub or session")
				}
				if !libAcceptsClaims(p) {
					t.Fatalf("accepted session claims that golang-jwt rejects: %s", p)
				}
				checkCustom(t, sess.Other)
			}
			var m2m m2mPayload
			if v.checkClaims(p, VerifyOptions{}, &m2m) == nil {
				if m2m.Subject == "" || m2m.Scope == nil {
					t.Fatal("M2M claims accepted without sub or scope")
				}
				if !libAcceptsClaims(p) {
					t.Fatalf("accepted M2M claims that golang-jwt rejects: %s", p)
				}
				checkCustom(t, m2m.Other)
			}
		}
	})
}

// checkCustom asserts that the custom claims of accepted claims are one
// valid JSON object holding exactly the decoded map's members.
func checkCustom(t *testing.T, other map[string]jsontext.Value) {
	t.Helper()
	decoded, raw, err := customClaims(other)
	if err != nil {
		t.Fatalf("custom claims of accepted claims: %v", err)
	}
	if raw == nil {
		if decoded != nil {
			t.Fatal("decoded custom claims without raw ones")
		}
		return
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("custom claims are not valid JSON: %v", err)
	}
	if len(m) != len(decoded) {
		t.Fatalf("custom claims map has %d entries, raw JSON %d", len(decoded), len(m))
	}
	for name := range m {
		if strings.HasPrefix(name, ReservedClaimPrefix) || slices.Contains(registeredNames, name) {
			t.Fatalf("custom claims hold the reserved claim %q", name)
		}
	}
}
