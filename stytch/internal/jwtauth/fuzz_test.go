package jwtauth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"github.com/golang-jwt/jwt/v5"
	"strings"
	"testing"
	"time"
)

// FuzzParse drives arbitrary input through the whole parsing path: the
// compact-JWS split, header parsing, signature check and, since random input
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
	} {
		f.Add(seed)
	}

	// golang-jwt is the oracle: the hand-written fast path may be stricter
	// than the library (it requires kid and iat, and checks the token age),
	// never looser.
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
		if i := strings.IndexByte(in, '.'); i >= 0 {
			_, _ = parseHeader(in[:i])
		}
		payloads := [][]byte{[]byte(in)}
		for _, seg := range strings.Split(in, ".") {
			if p, err := base64.RawURLEncoding.DecodeString(seg); err == nil {
				payloads = append(payloads, p)
			}
		}
		for _, p := range payloads {
			for _, kind := range []tokenKind{kindSession, kindM2M} {
				var c claimSet
				var sess SessionClaim
				if v.parseClaims(p, kind, &c, &sess) != nil {
					continue
				}
				if c.sub == "" {
					t.Fatal("claims accepted without sub")
				}
				if c.custom != nil {
					var m map[string]any
					if err := json.Unmarshal(c.custom, &m); err != nil {
						t.Fatalf("custom claims are not valid JSON: %v", err)
					}
					if len(m) != len(c.customMap) {
						t.Fatalf("custom claims map has %d entries, raw JSON %d", len(c.customMap), len(m))
					}
				}
			}
		}
	})
}
