package jwtauth

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckScopesRules(t *testing.T) {
	cases := []struct {
		name     string
		granted  []string
		required []string
		missing  string // "" = allowed
	}{
		{"exact", []string{"read:users", "write:users"}, []string{"read:users"}, ""},
		{"several", []string{"read:users", "write:users", "read:books"}, []string{"read:users", "read:books"}, ""},
		{"plain names", []string{"read_users", "write_users"}, []string{"read_users"}, ""},
		{"resource wildcard", []string{"read:*", "write:*"}, []string{"read:users", "write:books"}, ""},
		{"resource wildcard also grants the bare action", []string{"read:*"}, []string{"read"}, ""},
		{"wildcard is per action", []string{"read:users", "write:*"}, []string{"delete:books"}, "delete:books"},
		{"missing", []string{"read:users"}, []string{"write:users"}, "write:users"},
		{"no action wildcard", []string{"*:users"}, []string{"read:users"}, "read:users"},
		{"action wildcard matches itself", []string{"*:users"}, []string{"*:users"}, ""},
		{"bare star is literal", []string{"*"}, []string{"read:users"}, "read:users"},
		{"bare star matches itself", []string{"*"}, []string{"*"}, ""},
		{"plain name does not grant a resource", []string{"read"}, []string{"read:users"}, "read:users"},
		{"specific does not grant wildcard", []string{"read:users"}, []string{"read:*"}, "read:*"},
		{"resource holds colons", []string{"read:*"}, []string{"read:a:b"}, ""},
		{"nothing required", nil, nil, ""},
		{"nothing granted", nil, []string{"read:users"}, "read:users"},
		{"first missing reported", []string{"read:users"}, []string{"read:users", "write:a", "write:b"}, "write:a"},
		{"case sensitive", []string{"Read:Users"}, []string{"read:users"}, "read:users"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckScopes(tc.granted, tc.required)
			if tc.missing == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrMissingScope)
			var se *ScopeError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.missing, se.Missing)
		})
	}
}

func TestParseScopes(t *testing.T) {
	assert.Equal(t, []string{}, ParseScopes(""))
	assert.Equal(t, []string{"read:users", "write:users"}, ParseScopes("read:users write:users"))
	assert.Equal(t, []string{"a", "b"}, ParseScopes("  a \t b  "))
}

func TestVerifyM2M(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	ctx := context.Background()
	now := r.clock.Now()
	tok := sign(t, k, testKid, m2mClaims(now, "read:users write:*"))

	got, err := r.v.VerifyM2M(ctx, tok, M2MOptions{RequiredScopes: []string{"read:users", "write:books"}})
	require.NoError(t, err)
	assert.Equal(t, testClient, got.ClientID)
	assert.Equal(t, []string{"read:users", "write:*"}, got.Scopes)
	assert.Equal(t, map[string]any{"region": "eu"}, got.CustomClaims, "scope is not a custom claim")
	var mine struct{ Region string }
	require.NoError(t, got.DecodeCustomClaims(&mine))
	assert.Equal(t, "eu", mine.Region)
	assert.Equal(t, now.Add(time.Hour), got.ExpiresAt)

	_, err = r.v.VerifyM2M(ctx, tok, M2MOptions{RequiredScopes: []string{"delete:users"}})
	require.ErrorIs(t, err, ErrMissingScope)
	var se *ScopeError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "delete:users", se.Missing)
	assert.NotContains(t, err.Error(), tok)

	t.Run("pluggable authorization", func(t *testing.T) {
		deny := errors.New("policy says no")
		var seen [2][]string
		_, err := r.v.VerifyM2M(ctx, tok, M2MOptions{
			RequiredScopes: []string{"anything"},
			Authorize: func(granted, required []string) error {
				seen = [2][]string{granted, required}
				return deny
			},
		})
		assert.ErrorIs(t, err, deny)
		assert.Equal(t, [2][]string{{"read:users", "write:*"}, {"anything"}}, seen)
		_, err = r.v.VerifyM2M(ctx, tok, M2MOptions{
			RequiredScopes: []string{"delete:everything"},
			Authorize:      func(_, _ []string) error { return nil },
		})
		assert.NoError(t, err, "a custom rule replaces the default one")
	})
	t.Run("rejections", func(t *testing.T) {
		expired := sign(t, k, testKid, m2mClaims(now.Add(-2*time.Hour), "read:users"))
		_, err := r.v.VerifyM2M(ctx, expired, M2MOptions{})
		requireKind(t, err, ErrTokenExpired, expired)

		old := sign(t, k, testKid, m2mClaims(now.Add(-10*time.Minute), "read:users"))
		_, err = r.v.VerifyM2M(ctx, old, M2MOptions{MaxTokenAge: 5 * time.Minute})
		requireKind(t, err, ErrTokenTooOld, old)

		session := sign(t, k, testKid, sessionClaims(now))
		_, err = r.v.VerifyM2M(ctx, session, M2MOptions{})
		requireKind(t, err, ErrMalformed, session)

		noScope := m2mClaims(now, "")
		delete(noScope, "scope")
		tok := sign(t, k, testKid, noScope)
		_, err = r.v.VerifyM2M(ctx, tok, M2MOptions{})
		requireKind(t, err, ErrMalformed, tok)

		wrongAud := m2mClaims(now, "read:users")
		wrongAud["aud"] = jwt.ClaimStrings{"project-test-other"}
		tok = sign(t, k, testKid, wrongAud)
		_, err = r.v.VerifyM2M(ctx, tok, M2MOptions{})
		requireKind(t, err, ErrInvalidAudience, tok)
	})
}
