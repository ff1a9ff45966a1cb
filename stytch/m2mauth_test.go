package stytch

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// m2mClient creates an M2M client in the emulator and returns id and secret.
func m2mClient(t *testing.T, c *Client, scopes ...string) (string, string) {
	t.Helper()
	r, err := c.M2M.Clients.Create(context.Background(), &M2MClientsCreateParams{ClientName: new("billing"), Scopes: scopes})
	require.NoError(t, err)
	return r.M2MClient.ClientID, r.M2MClient.ClientSecret
}

func TestM2MTokenCacheSharesOneFetch(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	id, secret := m2mClient(t, c, "read:users", "write:users")

	const callers = 16
	tokens := make([]string, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			r, err := c.M2M.Token(ctx, id, secret, []string{"write:users", "read:users"})
			if assert.NoError(t, err) {
				tokens[i] = r.AccessToken
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 1, pc.count("/v1/public/"), "concurrent callers share one token request")
	for _, tok := range tokens {
		assert.Equal(t, tokens[0], tok)
	}

	r, err := c.M2M.Token(ctx, id, secret, []string{"read:users", "write:users", "read:users"})
	require.NoError(t, err)
	assert.Equal(t, tokens[0], r.AccessToken, "scope order and duplicates do not matter")
	assert.Equal(t, "bearer", r.TokenType)
	assert.EqualValues(t, 3600, r.ExpiresIn)
	require.NotNil(t, r.RequestID)
	assert.Equal(t, 1, pc.count("/v1/public/"))

	// Other scopes: another token. Later: the remaining lifetime shrinks, and
	// past 80% of it the token is renewed.
	_, err = c.M2M.Token(ctx, id, secret, []string{"read:users"})
	require.NoError(t, err)
	assert.Equal(t, 2, pc.count("/v1/public/"))
	_, err = env.Server.Advance(40 * time.Minute)
	require.NoError(t, err)
	r, err = c.M2M.Token(ctx, id, secret, []string{"read:users", "write:users"})
	require.NoError(t, err)
	assert.Equal(t, tokens[0], r.AccessToken)
	assert.EqualValues(t, 20*60, r.ExpiresIn)
	_, err = env.Server.Advance(9 * time.Minute)
	require.NoError(t, err)
	r, err = c.M2M.Token(ctx, id, secret, []string{"read:users", "write:users"})
	require.NoError(t, err)
	assert.NotEqual(t, tokens[0], r.AccessToken, "renewed before expiry")
	assert.EqualValues(t, 3600, r.ExpiresIn)
	assert.Equal(t, 3, pc.count("/v1/public/"))

	c.M2M.InvalidateToken(id, secret, []string{"write:users", "read:users"})
	_, err = c.M2M.Token(ctx, id, secret, []string{"read:users", "write:users"})
	require.NoError(t, err)
	assert.Equal(t, 4, pc.count("/v1/public/"))

	// Failures are not cached and keep their OAuth2 shape.
	_, err = c.M2M.Token(ctx, id, "secret-test-wrong", nil)
	var oe *OAuth2Error
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "invalid_client", oe.Code)
	_, err = c.M2M.Token(ctx, id, "secret-test-wrong", nil)
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, 6, pc.count("/v1/public/"))
}

func TestM2MAuthenticateToken(t *testing.T) {
	c, _, pc := emuClient(t)
	ctx := context.Background()
	id, secret := m2mClient(t, c, "read:users", "write:users", "admin")
	tok, err := c.M2M.Token(ctx, id, secret, nil)
	require.NoError(t, err)

	res, err := c.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"read:users"})
	require.NoError(t, err)
	assert.Equal(t, id, res.ClientID)
	assert.ElementsMatch(t, []string{"read:users", "write:users", "admin"}, res.Scopes)
	assert.Equal(t, time.Hour, res.ExpiresAt.Sub(res.IssuedAt))
	assert.Nil(t, res.CustomClaims)
	before := pc.total()

	_, err = c.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"delete:users"})
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 403, ae.StatusCode)
	assert.Equal(t, ErrorTypeM2MAuthorizationError, ae.ErrorType)
	var se *ScopeError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "delete:users", se.Missing)
	assert.ErrorIs(t, err, ErrMissingScope)
	assert.True(t, IsPermissionDenied(err))

	deny := errors.New("not on weekends")
	_, err = c.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"read:users"},
		WithScopeAuthorizer(func(granted, required []string) error { return deny }))
	require.ErrorIs(t, err, deny, "a custom authorizer's error is returned unchanged")

	_, err = c.M2M.AuthenticateToken(ctx, tok.AccessToken, nil, WithMaxTokenAge(time.Minute), WithLeeway(0))
	require.NoError(t, err)
	assert.Equal(t, before, pc.total(), "verification is local")

	var ve *ValidationError
	_, err = c.M2M.AuthenticateToken(ctx, tok.AccessToken, nil, WithAuthorizationCheck("documents", "read"))
	require.ErrorAs(t, err, &ve)
	_, err = c.M2M.AuthenticateToken(ctx, "", nil)
	require.ErrorAs(t, err, &ve)
}

// Scope rules and custom claims, on tokens signed by a JWKS this test serves.
func TestM2MScopeRulesAndCustomClaims(t *testing.T) {
	srv := newJWKSServer(t)
	c, err := NewClient(testProjectID, testSecret, WithBaseURL(srv.URL))
	require.NoError(t, err)
	defer c.Close()
	ctx := context.Background()
	now := time.Now()
	mint := func(scope string) string {
		return srv.sign(t, jwt.MapClaims{"sub": "m2m-client-test-1", "iss": "stytch.com/" + testProjectID,
			"aud": []string{testProjectID}, "iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix(),
			"scope": scope, "region": "eu", "https://stytch.com/internal": "reserved"})
	}
	cases := []struct {
		granted, required string
		ok                bool
	}{
		{"read:users", "read:users", true},
		{"read:*", "read:users", true},
		{"read:*", "read", true},
		{"read:*", "write:users", false},
		{"*:users", "read:users", false},
		{"*", "read:users", false},
		{"admin", "admin", true},
		{"admin", "admin:x", false},
		{"read:a:b", "read:a:b", true},
	}
	for _, tc := range cases {
		_, err := c.M2M.AuthenticateToken(ctx, mint(tc.granted), []string{tc.required})
		if tc.ok {
			assert.NoError(t, err, "%s grants %s", tc.granted, tc.required)
		} else {
			assert.ErrorIs(t, err, ErrMissingScope, "%s must not grant %s", tc.granted, tc.required)
		}
	}

	res, err := c.M2M.AuthenticateToken(ctx, mint("read:users"), nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"region": "eu"}, res.CustomClaims)
	var mine struct {
		Region string `json:"region"`
	}
	require.NoError(t, res.DecodeCustomClaims(&mine))
	assert.Equal(t, "eu", mine.Region)

	_, err = c.Sessions.AuthenticateJWTLocal(ctx, mint("read:users"))
	require.ErrorIs(t, err, ErrJWTMalformed, "an M2M token is not a session JWT")
	_, err = c.M2M.AuthenticateToken(ctx, srv.sign(t, testSessionClaims("stytch.com/"+testProjectID, now)), nil)
	require.ErrorIs(t, err, ErrJWTMalformed, "a session JWT is not an M2M token")
}
