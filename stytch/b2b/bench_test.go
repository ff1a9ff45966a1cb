package b2b_test

import (
	"context"
	"testing"

	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// BenchmarkAuthenticateJWTLocal measures a local member session check once
// the keys (and, with the authorization check, both policies) are cached.
func BenchmarkAuthenticateJWTLocal(b *testing.B) {
	f := newFake(b)
	c := newClient(b, f)
	ctx := context.Background()
	tok := f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member"))
	for name, opts := range map[string][]b2b.JWTOption{
		"plain":         nil,
		"authorization": {check(testOrg, "documents", "read")},
	} {
		b.Run(name, func(b *testing.B) {
			if _, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, opts...); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
