package jwtauth

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

// benchRig verifies with the real clock against a warmed key set, so every
// iteration measures the steady-state hot path.
func benchRig(b *testing.B) (*Verifier, string, string) {
	b.Helper()
	k, _ := keys(b)
	srv := newJWKSServer(b, jwkJSON(testKid, &k.PublicKey, "RS256"))
	ks := NewKeySet(srv.fetch)
	b.Cleanup(func() { _ = ks.Close() })
	v, err := NewVerifier(ks, Config{ProjectID: testProject})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	session := sign(b, k, testKid, sessionClaims(now))
	m2m := sign(b, k, testKid, m2mClaims(now, "read:users write:users"))
	if _, err := v.VerifySession(context.Background(), session, 0); err != nil {
		b.Fatal(err)
	}
	return v, session, m2m
}

// BenchmarkVerify is the full local verification of a realistic session JWT.
func BenchmarkVerify(b *testing.B) {
	v, tok, _ := benchRig(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.VerifySession(ctx, tok, 5*time.Minute); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyParallel is BenchmarkVerify from GOMAXPROCS goroutines.
func BenchmarkVerifyParallel(b *testing.B) {
	v, tok, _ := benchRig(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := v.VerifySession(ctx, tok, 5*time.Minute); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkVerifyM2M verifies an M2M access token and checks one scope.
func BenchmarkVerifyM2M(b *testing.B) {
	v, _, tok := benchRig(b)
	ctx := context.Background()
	opts := M2MOptions{RequiredScopes: []string{"read:users"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.VerifyM2M(ctx, tok, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRSAVerifyFloor is the bare rsa.VerifyPKCS1v15 of the same
// token's signature, with the digest and signature bytes precomputed: the
// floor no JWT verification can go below.
func BenchmarkRSAVerifyFloor(b *testing.B) {
	_, tok, _ := benchRig(b)
	k, _ := keys(b)
	dot := strings.LastIndexByte(tok, '.')
	sig, err := base64.RawURLEncoding.DecodeString(tok[dot+1:])
	if err != nil {
		b.Fatal(err)
	}
	digest := sha256.Sum256([]byte(tok[:dot]))
	pub := &k.PublicKey
	b.ReportAllocs()
	for b.Loop() {
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRSAVerifyFloorParallel is the floor from GOMAXPROCS goroutines.
func BenchmarkRSAVerifyFloorParallel(b *testing.B) {
	_, tok, _ := benchRig(b)
	k, _ := keys(b)
	dot := strings.LastIndexByte(tok, '.')
	sig, _ := base64.RawURLEncoding.DecodeString(tok[dot+1:])
	digest := sha256.Sum256([]byte(tok[:dot]))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := rsa.VerifyPKCS1v15(&k.PublicKey, crypto.SHA256, digest[:], sig); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkVerifyOverFloor alternates blocks of full verifications and bare
// RSA verifications of the same token and reports the ratio of the fastest
// block of each ("x-floor"). Taking the minimum of interleaved blocks keeps
// the ratio meaningful on a machine shared with other work.
func BenchmarkVerifyOverFloor(b *testing.B) {
	v, tok, _ := benchRig(b)
	k, _ := keys(b)
	ctx := context.Background()
	dot := strings.LastIndexByte(tok, '.')
	sig, _ := base64.RawURLEncoding.DecodeString(tok[dot+1:])
	digest := sha256.Sum256([]byte(tok[:dot]))
	const block = 50
	best := func(cur time.Duration, f func()) time.Duration {
		start := time.Now()
		for range block {
			f()
		}
		return min(cur, time.Since(start)/block)
	}
	full, floor := time.Duration(1<<62), time.Duration(1<<62)
	for b.Loop() {
		full = best(full, func() {
			if _, err := v.VerifySession(ctx, tok, 5*time.Minute); err != nil {
				b.Fatal(err)
			}
		})
		floor = best(floor, func() {
			if err := rsa.VerifyPKCS1v15(&k.PublicKey, crypto.SHA256, digest[:], sig); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.ReportMetric(float64(full)/float64(floor), "x-floor")
	b.ReportMetric(float64(full.Nanoseconds()), "ns/verify")
	b.ReportMetric(float64(floor.Nanoseconds()), "ns/floor")
}

// candidates are the session checks compared by the benchmarks below: the
// verifier itself (encoding/json/v2, one pass) and the two alternatives of
// candidates_test.go.
func candidates(v *Verifier) []struct {
	name  string
	check sessionCheck
} {
	return []struct {
		name  string
		check sessionCheck
	}{
		{"jsonv2", func(ctx context.Context, tok string, o VerifyOptions) (*SessionClaims, error) {
			_, s, err := VerifySessionWith[struct{}](ctx, v, tok, o)
			return s, err
		}},
		{"jsonv1", verifySessionJSONv1(v)},
		{"golangjwt", verifySessionGolangJWT(v)},
	}
}

// BenchmarkCandidates is the full session check of the same token by each
// candidate, for ns/op and allocs/op.
func BenchmarkCandidates(b *testing.B) {
	v, tok, _ := benchRig(b)
	ctx := context.Background()
	o := VerifyOptions{MaxTokenAge: 5 * time.Minute}
	for _, c := range candidates(v) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.check(ctx, tok, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCandidatesOverFloor gives each candidate its own sub-benchmark
// that interleaves blocks of its check with blocks of the bare RSA
// verification, as BenchmarkVerifyOverFloor does, and reports the fastest
// block over the floor's (x-floor). Pairing each candidate with the floor
// alone keeps one candidate's code from slowing another's blocks.
func BenchmarkCandidatesOverFloor(b *testing.B) {
	v, tok, _ := benchRig(b)
	k, _ := keys(b)
	ctx := context.Background()
	o := VerifyOptions{MaxTokenAge: 5 * time.Minute}
	dot := strings.LastIndexByte(tok, '.')
	sig, _ := base64.RawURLEncoding.DecodeString(tok[dot+1:])
	digest := sha256.Sum256([]byte(tok[:dot]))
	const block = 50
	best := func(cur time.Duration, f func()) time.Duration {
		start := time.Now()
		for range block {
			f()
		}
		return min(cur, time.Since(start)/block)
	}
	for _, c := range candidates(v) {
		b.Run(c.name, func(b *testing.B) {
			full, floor := time.Duration(1<<62), time.Duration(1<<62)
			for b.Loop() {
				full = best(full, func() {
					if _, err := c.check(ctx, tok, o); err != nil {
						b.Fatal(err)
					}
				})
				floor = best(floor, func() {
					if err := rsa.VerifyPKCS1v15(&k.PublicKey, crypto.SHA256, digest[:], sig); err != nil {
						b.Fatal(err)
					}
				})
			}
			b.ReportMetric(float64(full)/float64(floor), "x-floor")
			b.ReportMetric(float64(full.Nanoseconds()), "ns/check")
			b.ReportMetric(float64(floor.Nanoseconds()), "ns/floor")
		})
	}
}
