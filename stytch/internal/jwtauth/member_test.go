package jwtauth

import (
	"context"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testMember = "member-test-66666666-6666-6666-6666-666666666666"
	testOrg    = "organization-test-77777777-7777-7777-7777-777777777777"
)

// memberClaims returns the claims of a B2B member session JWT issued at iat,
// shaped as Stytch issues them: the session under https://stytch.com/session
// and the Organization under https://stytch.com/organization.
func memberClaims(iat time.Time) jwt.MapClaims {
	c := sessionClaims(iat)
	delete(c, "https://stytch.com/internal")
	c["sub"] = testMember
	sess := c[SessionClaimName].(map[string]any)
	sess["id"] = "member-session-test-88888888-8888-8888-8888-888888888888"
	sess["roles"] = []string{"stytch_member", "editor"}
	c[OrganizationClaimName] = map[string]any{"organization_id": testOrg, "slug": "acme"}
	return c
}

func TestVerifyMemberSession(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	ctx := context.Background()
	now := r.clock.Now()

	got, err := r.v.VerifyMemberSession(ctx, sign(t, k, testKid, memberClaims(now)), VerifyOptions{})
	require.NoError(t, err)
	assert.Equal(t, testMember, got.MemberID)
	assert.Equal(t, OrganizationClaim{ID: testOrg, Slug: "acme"}, got.Organization)
	assert.Equal(t, "member-session-test-88888888-8888-8888-8888-888888888888", got.Session.ID)
	assert.Equal(t, []string{"stytch_member", "editor"}, got.Session.Roles)
	require.Len(t, got.Session.AuthenticationFactors, 1)
	assert.Equal(t, now.Add(5*time.Minute), got.ExpiresAt)
	assert.Equal(t, map[string]any{"tenant": "acme", "plan": map[string]any{"tier": "pro", "seats": float64(5)}},
		got.CustomClaims, "the organization claim is reserved, never custom")
	var mine struct {
		Tenant string `json:"tenant"`
	}
	require.NoError(t, got.DecodeCustomClaims(&mine))
	assert.Equal(t, "acme", mine.Tenant)

	_, err = r.v.VerifyMemberSession(ctx, sign(t, k, testKid, memberClaims(now.Add(-10*time.Minute))), VerifyOptions{})
	require.ErrorIs(t, err, ErrTokenExpired)
	_, err = r.v.VerifyMemberSession(ctx, sign(t, k, testKid, memberClaims(now.Add(-2*time.Minute))),
		VerifyOptions{MaxTokenAge: time.Minute})
	require.ErrorIs(t, err, ErrTokenTooOld)
}

// A member session JWT and a Consumer session JWT carry the same session
// claim; the organization claim tells them apart, both ways. Neither is an
// M2M token.
func TestSessionKindsAreNotInterchangeable(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	ctx := context.Background()
	now := r.clock.Now()
	member := sign(t, k, testKid, memberClaims(now))
	consumer := sign(t, k, testKid, sessionClaims(now))

	_, err := r.v.VerifySession(ctx, member, 0)
	require.ErrorIs(t, err, ErrMalformed)
	assert.Contains(t, err.Error(), "member session JWT is not a Consumer session JWT")

	_, err = r.v.VerifyMemberSession(ctx, consumer, VerifyOptions{})
	require.ErrorIs(t, err, ErrMalformed)
	assert.Contains(t, err.Error(), "Consumer session JWT is not a member session JWT")

	_, err = r.v.VerifyM2M(ctx, member, M2MOptions{})
	require.ErrorIs(t, err, ErrMalformed)
	_, err = r.v.VerifyMemberSession(ctx, sign(t, k, testKid, m2mClaims(now, "read:users")), VerifyOptions{})
	require.ErrorIs(t, err, ErrMalformed)
}

func TestMemberSessionClaimShapes(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	ctx := context.Background()
	now := r.clock.Now()
	cases := map[string]func(jwt.MapClaims){
		"organization is not an object": func(c jwt.MapClaims) { c[OrganizationClaimName] = "acme" },
		"organization is null":          func(c jwt.MapClaims) { c[OrganizationClaimName] = nil },
		"no organization_id": func(c jwt.MapClaims) {
			c[OrganizationClaimName] = map[string]any{"slug": "acme"}
		},
		"organization_id is a number": func(c jwt.MapClaims) {
			c[OrganizationClaimName] = map[string]any{"organization_id": 7, "slug": "acme"}
		},
		"session has no id": func(c jwt.MapClaims) { delete(c[SessionClaimName].(map[string]any), "id") },
		"roles are not strings": func(c jwt.MapClaims) {
			c[SessionClaimName].(map[string]any)["roles"] = []any{1}
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			c := memberClaims(now)
			mutate(c)
			got, err := r.v.VerifyMemberSession(ctx, sign(t, k, testKid, c), VerifyOptions{})
			assert.Nil(t, got)
			require.ErrorIs(t, err, ErrMalformed)
		})
	}
}

func TestVerifyMemberSessionWithCoAllocates(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	tok := sign(t, k, testKid, memberClaims(r.clock.Now()))
	type wrapper struct{ n int }
	w, m, err := VerifyMemberSessionWith[wrapper](context.Background(), r.v, tok, VerifyOptions{})
	require.NoError(t, err)
	require.NotNil(t, w)
	assert.Zero(t, w.n)
	assert.Equal(t, testOrg, m.Organization.ID)

	w, m, err = VerifyMemberSessionWith[wrapper](context.Background(), r.v, tok+"x", VerifyOptions{})
	require.Error(t, err)
	assert.Nil(t, w)
	assert.Nil(t, m)
}
