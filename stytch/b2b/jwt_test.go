package b2b_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

const (
	jwksRoute   = "GET /v1/b2b/sessions/jwks/" + fakeProjectID
	authRoute   = "POST /v1/b2b/sessions/authenticate"
	policyRoute = "GET /v1/b2b/rbac/policy"
	testMember  = "member-test-00000000-0000-0000-0000-0000000000aa"
	testOrg     = "organization-test-00000000-0000-0000-0000-0000000000bb"
)

// newClient returns a B2B client for f that follows f's clock.
func newClient(t testing.TB, f *fakeStytch, opts ...stytch.Option) *b2b.Client {
	t.Helper()
	base := []stytch.Option{stytch.WithBaseURL(f.URL), stytch.WithClock(f.Now),
		stytch.WithRetry(stytch.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, MaxElapsed: 5 * time.Second})}
	c, err := b2b.NewClient(fakeProjectID, fakeSecret, append(base, opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestAuthenticateJWTLocal(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	now := f.Now()
	tok := f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member", "editor"))

	s, err := c.Sessions.AuthenticateJWTLocal(ctx, tok)
	require.NoError(t, err)
	assert.Equal(t, "member-session-test-"+testMember, s.MemberSessionID)
	assert.Equal(t, testMember, s.MemberID)
	assert.Equal(t, testOrg, s.OrganizationID)
	assert.Equal(t, "acme", s.OrganizationSlug)
	assert.Equal(t, []string{"stytch_member", "editor"}, s.Roles)
	assert.Equal(t, now.Add(time.Hour).Unix(), s.ExpiresAt.Unix(), "the session's expiry, not the JWT's")
	assert.Equal(t, now.Add(5*time.Minute).Unix(), s.TokenExpiresAt.Unix())
	require.Len(t, s.AuthenticationFactors, 1)
	assert.Equal(t, "ada@example.com", string(s.AuthenticationFactors[0].EmailFactor.EmailAddress))
	assert.Equal(t, map[string]any{"tenant": "acme"}, s.CustomClaims, "Stytch's claims are never custom")
	var custom struct {
		Tenant string `json:"tenant"`
	}
	require.NoError(t, s.DecodeCustomClaims(&custom))
	assert.Equal(t, "acme", custom.Tenant)

	assert.Equal(t, 1, f.Hits(jwksRoute), "the B2B JWKS, fetched once")
	assert.False(t, f.HadCredentials(jwksRoute), "no credentials on the JWKS fetch")
	assert.Zero(t, f.Hits("GET /v1/sessions/jwks/"+fakeProjectID), "never the Consumer JWKS")
	for range 3 {
		_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok, b2b.WithMaxTokenAge(5*time.Minute))
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.Hits(jwksRoute), "no request once the keys are cached")
}

func TestAuthenticateJWTLocalRefusals(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	now := f.Now()
	claims := func(mutate func(jwt.MapClaims)) string {
		cl := f.MemberClaims(testMember, testOrg, "acme", "stytch_member")
		mutate(cl)
		return f.Sign(cl)
	}
	consumer := claims(func(c jwt.MapClaims) { delete(c, "https://stytch.com/organization") })
	m2m := f.Sign(jwt.MapClaims{"iss": "stytch.com/" + fakeProjectID, "aud": []string{fakeProjectID}, "sub": "m2m-client-test-1",
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "scope": "read:users"})
	cases := map[string]struct {
		token string
		opts  []b2b.JWTOption
		kind  error
	}{
		"expired": {claims(func(c jwt.MapClaims) {
			c["iat"], c["nbf"], c["exp"] = now.Add(-10*time.Minute).Unix(), now.Add(-10*time.Minute).Unix(), now.Add(-time.Minute).Unix()
		}), nil, stytch.ErrJWTExpired},
		"expired beyond a zero leeway": {claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Second).Unix() }),
			[]b2b.JWTOption{b2b.WithLeeway(0)}, stytch.ErrJWTExpired},
		"not yet valid": {claims(func(c jwt.MapClaims) { c["nbf"] = now.Add(time.Minute).Unix() }), nil, stytch.ErrJWTNotYetValid},
		"too old": {claims(func(c jwt.MapClaims) { c["iat"] = now.Add(-2 * time.Minute).Unix() }),
			[]b2b.JWTOption{b2b.WithMaxTokenAge(time.Minute)}, stytch.ErrJWTTooOld},
		"wrong audience":       {claims(func(c jwt.MapClaims) { c["aud"] = []string{"project-test-other"} }), nil, stytch.ErrJWTInvalidAudience},
		"wrong issuer":         {claims(func(c jwt.MapClaims) { c["iss"] = "stytch.com/project-test-other" }), nil, stytch.ErrJWTInvalidIssuer},
		"consumer session JWT": {consumer, nil, stytch.ErrJWTMalformed},
		"M2M token":            {m2m, nil, stytch.ErrJWTMalformed},
		"no organization_id": {claims(func(c jwt.MapClaims) {
			c["https://stytch.com/organization"] = map[string]any{"slug": "acme"}
		}), nil, stytch.ErrJWTMalformed},
		"foreign key": {signWith(fakeRSAKey(2), "jwk-test-foreign", f.MemberClaims(testMember, testOrg, "acme")), nil, stytch.ErrJWTUnknownKey},
		"HS256":       {hs256(t, f.MemberClaims(testMember, testOrg, "acme")), nil, stytch.ErrJWTBadAlgorithm},
		"malformed":   {"bm90.YQ.c2lnbmF0dXJlLXBhcnQ", nil, stytch.ErrJWTMalformed},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s, err := c.Sessions.AuthenticateJWTLocal(ctx, tc.token, tc.opts...)
			assert.Nil(t, s)
			require.ErrorIs(t, err, tc.kind)
			var je *stytch.JWTError
			require.ErrorAs(t, err, &je)
			assert.NotContains(t, err.Error(), tc.token[strings.LastIndexByte(tc.token, '.')+1:], "never the signature")
		})
	}

	// Within the default 30 s leeway an expired JWT still passes.
	_, err := c.Sessions.AuthenticateJWTLocal(ctx, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-10 * time.Second).Unix() }))
	require.NoError(t, err)
	// The custom domain the client talks to is an accepted issuer.
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, claims(func(c jwt.MapClaims) { c["iss"] = f.URL }))
	require.NoError(t, err)
}

// hs256 signs claims with HMAC, an algorithm local checks must refuse.
func hs256(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["kid"] = "jwk-test-00000000-0000-0000-0000-000000000001"
	s, err := tok.SignedString([]byte("a shared secret is not a Stytch key"))
	require.NoError(t, err)
	return s
}

func TestAuthenticateJWTLocalBadArguments(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	tok := f.Sign(f.MemberClaims(testMember, testOrg, "acme"))
	var ve *stytch.ValidationError
	for name, opts := range map[string][]b2b.JWTOption{
		"zero option":            {{}},
		"negative max age":       {b2b.WithMaxTokenAge(-time.Second)},
		"negative leeway":        {b2b.WithLeeway(-time.Second)},
		"check without resource": {b2b.WithAuthorizationCheck(b2b.AuthorizationCheck{Action: "read"})},
		"check without action":   {b2b.WithAuthorizationCheck(b2b.AuthorizationCheck{ResourceID: "documents"})},
	} {
		_, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, opts...)
		assert.ErrorAs(t, err, &ve, name)
	}
	_, err := c.Sessions.AuthenticateJWTLocal(ctx, "")
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWTLocal(nil, tok) //lint:ignore SA1012 a nil context is refused, not dereferenced
	require.ErrorAs(t, err, &ve)
	var m map[string]any
	require.ErrorAs(t, (&b2b.LocalMemberSession{}).DecodeCustomClaims(m), &ve, "not a pointer")
	assert.Zero(t, f.Hits(jwksRoute), "bad arguments cost no request")
}

// A token signed with a key published after the keys were cached is
// verified once the set is refreshed: at most one refresh per five minutes
// for unknown kids, shared by concurrent callers.
func TestUnknownKidRefreshesTheKeys(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()

	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			_, err := c.Sessions.AuthenticateJWTLocal(ctx, f.Sign(f.MemberClaims(testMember, testOrg, "acme")))
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	require.Equal(t, 1, f.Hits(jwksRoute), "concurrent first checks share one fetch")

	f.RotateKey()
	_, err := c.Sessions.AuthenticateJWTLocal(ctx, f.Sign(f.MemberClaims(testMember, testOrg, "acme")))
	require.ErrorIs(t, err, stytch.ErrJWTUnknownKey, "the keys were fetched a moment ago")
	assert.Equal(t, 1, f.Hits(jwksRoute))

	f.Advance(5 * time.Minute)
	s, err := c.Sessions.AuthenticateJWTLocal(ctx, f.Sign(f.MemberClaims(testMember, testOrg, "acme")))
	require.NoError(t, err)
	assert.Equal(t, testMember, s.MemberID)
	assert.Equal(t, 2, f.Hits(jwksRoute), "one refresh for the new kid")

	_, err = c.Sessions.AuthenticateJWTLocal(ctx, signWith(fakeRSAKey(2), "jwk-test-forged", f.MemberClaims(testMember, testOrg, "acme")))
	require.ErrorIs(t, err, stytch.ErrJWTUnknownKey)
	assert.Equal(t, 2, f.Hits(jwksRoute), "forged kids cannot make the client fetch again")
}

func TestAuthenticateJWTFallsBackWhenItMust(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	org := createOrg(t, c, "acme")
	login := magicLinkLogin(t, c, f, org, "ada@example.com")
	old := login.SessionJWT

	// Fresh: answered locally with the same JWT.
	r, err := c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &b2b.SessionsAuthenticateParams{SessionJWT: &old})
	require.NoError(t, err)
	assert.Equal(t, old, r.SessionJWT)
	assert.Empty(t, r.RequestID, "local answer")
	assert.Equal(t, login.MemberSession.MemberSessionID, r.MemberSession.MemberSessionID)
	assert.Equal(t, login.MemberID, r.Member.MemberID)
	assert.Equal(t, org, r.Organization.OrganizationID)
	assert.Equal(t, "acme", r.Organization.OrganizationSlug)
	assert.Zero(t, f.Hits(authRoute))

	// Expired: the API answers with a NEW JWT for the live session.
	f.Advance(6 * time.Minute)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, old)
	require.ErrorIs(t, err, stytch.ErrJWTExpired)
	r, err = c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &b2b.SessionsAuthenticateParams{SessionJWT: &old})
	require.NoError(t, err)
	assert.Equal(t, 1, f.Hits(authRoute))
	assert.NotEmpty(t, r.RequestID)
	require.NotEqual(t, old, r.SessionJWT)
	fresh, err := c.Sessions.AuthenticateJWTLocal(ctx, r.SessionJWT, b2b.WithMaxTokenAge(time.Minute))
	require.NoError(t, err)
	assert.Equal(t, login.MemberSession.MemberSessionID, fresh.MemberSessionID)

	// Unexpired but older than maxTokenAge: the API too.
	f.Advance(2 * time.Minute)
	r2, err := c.Sessions.AuthenticateJWT(ctx, time.Minute, &b2b.SessionsAuthenticateParams{SessionJWT: &r.SessionJWT})
	require.NoError(t, err)
	assert.Equal(t, 2, f.Hits(authRoute))

	// With claims: locally from the JWT...
	var claims map[string]any
	_, err = c.Sessions.AuthenticateJWTWithClaims(ctx, 0, &b2b.SessionsAuthenticateParams{SessionJWT: &r2.SessionJWT}, &claims)
	require.NoError(t, err)
	assert.Equal(t, 2, f.Hits(authRoute), "fresh JWT: local")

	// ...and a revoked session's expired JWT gets the API's 404.
	f.RevokeSessions(login.MemberID)
	f.Advance(6 * time.Minute)
	r3, err := c.Sessions.AuthenticateJWTWithClaims(ctx, 0, &b2b.SessionsAuthenticateParams{SessionJWT: &r2.SessionJWT}, &claims)
	assert.Nil(t, r3)
	assert.True(t, stytch.IsNotFound(err), "%v", err)
	assert.True(t, stytch.HasErrorType(err, stytch.ErrorTypeSessionNotFound))
	assert.Equal(t, 3, f.Hits(authRoute))
}

func TestAuthenticateJWTNoFallbackOnBadTokens(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	tok := f.Sign(f.MemberClaims(testMember, testOrg, "acme"))
	dot := strings.LastIndexByte(tok, '.')
	sig := []byte(tok[dot+1:])
	sig[10] = map[bool]byte{true: 'B', false: 'A'}[sig[10] == 'A']
	consumer := f.MemberClaims(testMember, testOrg, "acme")
	delete(consumer, "https://stytch.com/organization")
	for name, tc := range map[string]struct {
		token string
		kind  error
	}{
		"bad signature":        {tok[:dot+1] + string(sig), stytch.ErrJWTInvalidSignature},
		"unknown kid":          {signWith(fakeRSAKey(2), "jwk-test-foreign", f.MemberClaims(testMember, testOrg, "acme")), stytch.ErrJWTUnknownKey},
		"consumer session JWT": {f.Sign(consumer), stytch.ErrJWTMalformed},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &b2b.SessionsAuthenticateParams{SessionJWT: &tc.token})
			require.ErrorIs(t, err, tc.kind)
			assert.Zero(t, f.Hits(authRoute), "no fallback")
		})
	}

	var ve *stytch.ValidationError
	for name, p := range map[string]*b2b.SessionsAuthenticateParams{
		"nil":       nil,
		"no JWT":    {},
		"token too": {SessionJWT: &tok, SessionToken: new("x")},
		"check without organization": {SessionJWT: &tok,
			AuthorizationCheck: &b2b.AuthorizationCheck{ResourceID: "documents", Action: "read"}},
	} {
		_, err := c.Sessions.AuthenticateJWT(ctx, 0, p)
		assert.ErrorAs(t, err, &ve, name)
	}
	_, err := c.Sessions.AuthenticateJWT(ctx, -time.Second, &b2b.SessionsAuthenticateParams{SessionJWT: &tok})
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWTWithClaims(ctx, 0, &b2b.SessionsAuthenticateParams{SessionJWT: &tok}, map[string]any{})
	require.ErrorAs(t, err, &ve, "claims must be a pointer")
	assert.Zero(t, f.Hits(authRoute))
}

func TestAuthenticateJWTFallsBackWhenJWKSUnreachable(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	org := createOrg(t, c, "acme")
	login := magicLinkLogin(t, c, f, org, "nokeys@example.com")
	f.Fail("/v1/b2b/sessions/jwks/"+fakeProjectID, 400)

	_, err := c.Sessions.AuthenticateJWTLocal(ctx, login.SessionJWT)
	require.ErrorIs(t, err, stytch.ErrJWKSUnavailable)
	var ae *stytch.APIError
	require.ErrorAs(t, err, &ae, "the fetch failure is wrapped")
	assert.Equal(t, 400, ae.StatusCode)

	r, err := c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &b2b.SessionsAuthenticateParams{SessionJWT: &login.SessionJWT})
	require.NoError(t, err)
	assert.NotEmpty(t, r.RequestID)
	assert.Equal(t, 1, f.Hits(authRoute))
}

func TestAuthenticateJWTWithSessionChangesGoesRemote(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	org := createOrg(t, c, "acme")
	login := magicLinkLogin(t, c, f, org, "extend@example.com")
	_, err := c.Sessions.AuthenticateJWT(context.Background(), 5*time.Minute, &b2b.SessionsAuthenticateParams{
		SessionJWT: &login.SessionJWT, SessionDurationMinutes: new(int32(30))})
	require.NoError(t, err)
	assert.Equal(t, 1, f.Hits(authRoute))
}

func TestCloseStopsBackgroundRefresh(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f, stytch.WithJWKSRefreshInterval(5*time.Millisecond))
	tok := f.Sign(f.MemberClaims(testMember, testOrg, "acme"))
	require.NoError(t, c.Sessions.PrefetchJWKS(context.Background()))
	require.Eventually(t, func() bool { return f.Hits(jwksRoute) >= 3 }, 5*time.Second, time.Millisecond,
		"keys are refreshed in the background")
	require.NoError(t, c.Close())
	n := f.Hits(jwksRoute)
	require.Never(t, func() bool { return f.Hits(jwksRoute) != n }, 50*time.Millisecond, 5*time.Millisecond,
		"no refresh after Close")
	_, err := c.Sessions.AuthenticateJWTLocal(context.Background(), tok)
	require.NoError(t, err, "local checks keep working after Close")
	require.NoError(t, c.Close())
}

// createOrg creates an Organization through the client and returns its id.
func createOrg(t testing.TB, c *b2b.Client, slug string) string {
	t.Helper()
	r, err := c.Organizations.Create(context.Background(), &b2b.OrganizationsCreateParams{
		OrganizationName: strings.ToUpper(slug[:1]) + slug[1:], OrganizationSlug: &slug})
	require.NoError(t, err)
	return r.Organization.OrganizationID
}

// magicLinkLogin logs email in to org with an email magic link.
func magicLinkLogin(t testing.TB, c *b2b.Client, f *fakeStytch, org, email string) *b2b.MagicLinksAuthenticateResponse {
	t.Helper()
	ctx := context.Background()
	_, err := c.MagicLinks.Email.LoginOrSignup(ctx, &b2b.MagicLinksEmailLoginOrSignupParams{OrganizationID: org, EmailAddress: email})
	require.NoError(t, err)
	r, err := c.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{MagicLinksToken: f.LastMagicLink(email)})
	require.NoError(t, err)
	require.NotEmpty(t, r.SessionJWT)
	return r
}
