package stytch

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

// benchSetup returns a client whose JWKS cache is warm and a realistic
// session JWT (one email factor, two roles, two custom claims) signed by the
// key the JWKS serves.
func benchSetup(b *testing.B) (*Client, string, *rsa.PublicKey) {
	b.Helper()
	srv := newJWKSServer(b)
	c, err := NewClient(testProjectID, testSecret, WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = c.Close() })
	tok := srv.sign(b, testSessionClaims("stytch.com/"+testProjectID, time.Now()))
	if _, err := c.Sessions.AuthenticateJWTLocal(context.Background(), tok); err != nil {
		b.Fatal(err)
	}
	return c, tok, &srv.key.PublicKey
}

// floorInputs precomputes what a bare RSA verification of tok needs.
func floorInputs(b *testing.B, tok string) ([]byte, []byte) {
	b.Helper()
	dot := strings.LastIndexByte(tok, '.')
	sig, err := base64.RawURLEncoding.DecodeString(tok[dot+1:])
	if err != nil {
		b.Fatal(err)
	}
	digest := sha256.Sum256([]byte(tok[:dot]))
	return digest[:], sig
}

// BenchmarkAuthenticateJWTLocal is the steady-state local check of a session
// JWT through the public API, with a max token age as most callers use.
func BenchmarkAuthenticateJWTLocal(b *testing.B) {
	c, tok, _ := benchSetup(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, WithMaxTokenAge(5*time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthenticateJWTLocalParallel is the same from GOMAXPROCS goroutines.
func BenchmarkAuthenticateJWTLocalParallel(b *testing.B) {
	c, tok, _ := benchSetup(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, WithMaxTokenAge(5*time.Minute)); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkJWTAuthCore is the same verification through the internal
// jwtauth engine alone: the public wrapper should add nothing to it.
func BenchmarkJWTAuthCore(b *testing.B) {
	c, tok, _ := benchSetup(b)
	v, err := c.verifier()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.VerifySession(ctx, tok, 5*time.Minute); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRSAVerifyFloor is a bare rsa.VerifyPKCS1v15 of the same token's
// signature (digest and signature bytes precomputed): no JWT check can be
// faster.
func BenchmarkRSAVerifyFloor(b *testing.B) {
	_, tok, pub := benchSetup(b)
	digest, sig := floorInputs(b, tok)
	b.ReportAllocs()
	for b.Loop() {
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest, sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthenticateJWTLocalOverFloor alternates blocks of 50 public
// checks and 50 bare RSA verifications and reports the ratio of the fastest
// block of each as x-floor: interleaving and taking minima keeps the ratio
// stable on a machine shared with other work, where plain ns/op is not.
func BenchmarkAuthenticateJWTLocalOverFloor(b *testing.B) {
	c, tok, pub := benchSetup(b)
	digest, sig := floorInputs(b, tok)
	ctx := context.Background()
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
			if _, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, WithMaxTokenAge(5*time.Minute)); err != nil {
				b.Fatal(err)
			}
		})
		floor = best(floor, func() {
			if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest, sig); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.ReportMetric(float64(full)/float64(floor), "x-floor")
	b.ReportMetric(float64(full.Nanoseconds()), "ns/check")
	b.ReportMetric(float64(floor.Nanoseconds()), "ns/floor")
}
