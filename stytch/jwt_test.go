package stytch

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
)

func TestAuthenticateJWTLocalOnMagicLinkLogin(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	auth := magicLinkLogin(t, c, env, "ada@example.com")

	local, err := c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT)
	require.NoError(t, err)
	assert.Equal(t, auth.Session.SessionID, local.SessionID)
	assert.Equal(t, auth.UserID, local.UserID)
	assert.Equal(t, auth.Session.ExpiresAt.Unix(), local.ExpiresAt.Unix(), "the session's expiry, not the JWT's")
	require.Len(t, local.AuthenticationFactors, 1)
	f := local.AuthenticationFactors[0]
	assert.Equal(t, AuthenticationFactorTypeMagicLink, f.Type)
	require.NotNil(t, f.EmailFactor)
	assert.Equal(t, "ada@example.com", string(f.EmailFactor.EmailAddress))
	require.NotNil(t, local.Roles)
	assert.Contains(t, local.Roles, "stytch_user")
	assert.Equal(t, 5*time.Minute, local.TokenExpiresAt.Sub(local.TokenIssuedAt))
	assert.Equal(t, 1, pc.count("/v1/sessions/jwks/"), "keys fetched once, through the client's transport")

	before := pc.total()
	for range 3 {
		_, err = c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT, WithMaxTokenAge(5*time.Minute))
		require.NoError(t, err)
	}
	assert.Equal(t, before, pc.total(), "no request once the keys are cached")
}

func TestAuthenticateJWTFallsBackAndReturnsNewJWT(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	auth := magicLinkLogin(t, c, env, "grace@example.com")
	old := auth.SessionJWT

	// Fresh: answered locally with the same JWT.
	r, err := c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &SessionsAuthenticateParams{SessionJWT: &old})
	require.NoError(t, err)
	assert.Equal(t, old, r.SessionJWT)
	assert.Empty(t, r.RequestID, "local answer")
	assert.Equal(t, auth.Session.SessionID, r.Session.SessionID)
	assert.Zero(t, pc.count("/v1/sessions/authenticate"))

	_, err = env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, old)
	require.ErrorIs(t, err, ErrJWTExpired)
	require.ErrorIs(t, err, jwt.ErrTokenExpired)
	var je *JWTError
	require.ErrorAs(t, err, &je)
	assert.NotContains(t, err.Error(), old[strings.LastIndexByte(old, '.')+1:])

	r, err = c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &SessionsAuthenticateParams{SessionJWT: &old})
	require.NoError(t, err)
	assert.Equal(t, 1, pc.count("/v1/sessions/authenticate"))
	assert.NotEmpty(t, r.RequestID, "answered by the API")
	require.NotEqual(t, old, r.SessionJWT, "the fallback returns the NEW session_jwt")
	fresh, err := c.Sessions.AuthenticateJWTLocal(ctx, r.SessionJWT, WithMaxTokenAge(time.Minute))
	require.NoError(t, err)
	assert.Equal(t, auth.Session.SessionID, fresh.SessionID)

	// Unexpired but older than maxTokenAge: also the API.
	_, err = env.Server.Advance(2 * time.Minute)
	require.NoError(t, err)
	r2, err := c.Sessions.AuthenticateJWT(ctx, time.Minute, &SessionsAuthenticateParams{SessionJWT: &r.SessionJWT})
	require.NoError(t, err)
	assert.Equal(t, 2, pc.count("/v1/sessions/authenticate"))
	assert.NotEqual(t, r.SessionJWT, r2.SessionJWT)

	var claims map[string]any
	_, err = c.Sessions.AuthenticateJWTWithClaims(ctx, 0, &SessionsAuthenticateParams{SessionJWT: &r2.SessionJWT}, &claims)
	require.NoError(t, err)
	assert.Equal(t, 2, pc.count("/v1/sessions/authenticate"), "fresh JWT: local")
}

// A revoked session's JWT keeps verifying locally until it expires (five
// minutes at most): that is the price of not calling the API. AuthenticateJWT
// with a short maxTokenAge bounds that window; after expiry the fallback
// reaches the API, which refuses the dead session.
func TestRevokedSessionLocalWindowThenFallbackFails(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	auth := magicLinkLogin(t, c, env, "revoked@example.com")
	_, err := c.Sessions.Revoke(ctx, &SessionsRevokeParams{SessionID: new(auth.Session.SessionID)})
	require.NoError(t, err)

	_, err = c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT)
	require.NoError(t, err, "documented: still valid locally for the JWT's lifetime")
	_, err = c.Sessions.AuthenticateJWT(ctx, 0, &SessionsAuthenticateParams{SessionJWT: &auth.SessionJWT})
	require.NoError(t, err)
	assert.Zero(t, pc.count("/v1/sessions/authenticate"))

	_, err = env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	r, err := c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &SessionsAuthenticateParams{SessionJWT: &auth.SessionJWT})
	assert.Nil(t, r)
	require.Error(t, err)
	assert.True(t, IsNotFound(err), "revoked session: %v", err)
	assert.True(t, HasErrorType(err, ErrorTypeSessionNotFound))
	assert.Equal(t, 1, pc.count("/v1/sessions/authenticate"))
}

func TestAuthenticateJWTNoFallbackOnBadTokens(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	auth := magicLinkLogin(t, c, env, "mallory@example.com")
	tok := auth.SessionJWT
	dot := strings.LastIndexByte(tok, '.')
	sig := []byte(tok[dot+1:])
	sig[10] = map[bool]byte{true: 'B', false: 'A'}[sig[10] == 'A'] // still base64url, another byte
	forged := tok[:dot+1] + string(sig)
	other := newJWKSServer(t).sign(t, testSessionClaims("stytch.com/"+env.Server.ProjectID(), env.Server.Now()))

	cases := map[string]struct {
		token string
		kind  error
	}{
		"bad signature": {forged, ErrJWTInvalidSignature},
		"unknown kid":   {other, ErrJWTUnknownKey},
		"malformed":     {"not.a.jwt", ErrJWTMalformed},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &SessionsAuthenticateParams{SessionJWT: &tc.token})
			require.ErrorIs(t, err, tc.kind)
			assert.Zero(t, pc.count("/v1/sessions/authenticate"), "no fallback")
		})
	}

	_, err := c.Sessions.AuthenticateJWT(ctx, 0, nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWT(ctx, 0, &SessionsAuthenticateParams{SessionJWT: &tok, SessionToken: new("x")})
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWT(ctx, -time.Second, &SessionsAuthenticateParams{SessionJWT: &tok})
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, "")
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok, WithMaxTokenAge(-1))
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok, JWTOption{})
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok, WithScopeAuthorizer(func(_, _ []string) error { return nil }))
	require.ErrorAs(t, err, &ve)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok, WithAuthorizationCheck("", "read"))
	require.ErrorAs(t, err, &ve)
}

func TestAuthenticateJWTWithSessionChangesGoesRemote(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	auth := magicLinkLogin(t, c, env, "extend@example.com")
	var claims struct {
		Tier string `json:"tier"`
	}
	r, err := c.Sessions.AuthenticateJWTWithClaims(ctx, 5*time.Minute, &SessionsAuthenticateParams{
		SessionJWT: &auth.SessionJWT, SessionCustomClaims: map[string]any{"tier": "gold"},
	}, &claims)
	require.NoError(t, err)
	assert.Equal(t, 1, pc.count("/v1/sessions/authenticate"))
	assert.Equal(t, "gold", claims.Tier)

	claims.Tier = ""
	local, err := c.Sessions.AuthenticateJWTLocal(ctx, r.SessionJWT)
	require.NoError(t, err)
	require.NoError(t, local.DecodeCustomClaims(&claims))
	assert.Equal(t, "gold", claims.Tier)
	require.NotNil(t, local.CustomClaims)
	assert.Equal(t, "gold", (local.CustomClaims)["tier"])
}

func TestAuthenticateJWTFallsBackWhenJWKSUnreachable(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	auth := magicLinkLogin(t, c, env, "nokeys@example.com")
	require.NoError(t, env.Server.InjectFault(emulator.Fault{Path: "/v1/sessions/jwks/*", Status: 400, Count: 100}))

	_, err := c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT)
	require.ErrorIs(t, err, ErrJWKSUnavailable)
	var ae *APIError
	require.ErrorAs(t, err, &ae, "the fetch failure is wrapped")
	assert.Equal(t, 400, ae.StatusCode)

	r, err := c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &SessionsAuthenticateParams{SessionJWT: &auth.SessionJWT})
	require.NoError(t, err)
	assert.NotEmpty(t, r.RequestID)
	assert.Equal(t, 1, pc.count("/v1/sessions/authenticate"))
}

func TestLocalAuthorizationCheck(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	auth := magicLinkLogin(t, c, env, "rbac@example.com")

	_, err := c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT, WithAuthorizationCheck("documents", "read"))
	require.NoError(t, err)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT, WithAuthorizationCheck("documents", "write"))
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 403, ae.StatusCode)
	assert.Equal(t, ErrorTypeSessionAuthorizationError, ae.ErrorType)
	assert.ErrorIs(t, err, ErrPermissionDenied)
	assert.True(t, IsPermissionDenied(err))
	assert.Equal(t, 1, pc.count("/v1/rbac/policy"), "policy cached; a fresh policy is not re-fetched on refusal")

	r, err := c.Sessions.AuthenticateJWT(ctx, 5*time.Minute, &SessionsAuthenticateParams{SessionJWT: &auth.SessionJWT,
		AuthorizationCheck: &AuthorizationCheck{ResourceID: "documents", Action: "read"}})
	require.NoError(t, err)
	require.NotNil(t, r.Verdict)
	assert.Equal(t, AuthorizationVerdict{Authorized: true, GrantingRoles: []string{"stytch_user"}}, *r.Verdict)
	assert.Zero(t, pc.count("/v1/sessions/authenticate"))

	// A refusal by a policy older than 30 s re-checks against a fresh one, once.
	_, err = env.Server.Advance(time.Minute)
	require.NoError(t, err)
	for range 3 {
		_, err = c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT, WithAuthorizationCheck("documents", "delete"))
		require.ErrorIs(t, err, ErrPermissionDenied)
	}
	assert.Equal(t, 2, pc.count("/v1/rbac/policy"))

	// After the TTL the policy is fetched again; the API's own refusal of the
	// same check has its own error type but IsPermissionDenied covers both.
	_, err = env.Server.Advance(DefaultPolicyTTL)
	require.NoError(t, err)
	r, err = c.Sessions.AuthenticateJWT(ctx, 0, &SessionsAuthenticateParams{SessionJWT: &r.SessionJWT,
		AuthorizationCheck: &AuthorizationCheck{ResourceID: "documents", Action: "write"}})
	assert.Nil(t, r)
	assert.True(t, IsPermissionDenied(err), "%v", err)
	assert.True(t, errors.As(err, &ae) && ae.StatusCode == 403)
}

func TestCustomDomainIssuer(t *testing.T) {
	srv := newJWKSServer(t)
	c, err := NewClient(testProjectID, testSecret, WithBaseURL(srv.URL))
	require.NoError(t, err)
	defer c.Close()
	ctx := context.Background()
	now := time.Now()
	for iss, want := range map[string]error{
		srv.URL:                       nil,
		"stytch.com/" + testProjectID: nil,
		"stytch.com/project-test-x":   ErrJWTInvalidIssuer,
		"https://evil.example.com":    ErrJWTInvalidIssuer,
	} {
		local, err := c.Sessions.AuthenticateJWTLocal(ctx, srv.sign(t, testSessionClaims(iss, now)))
		if want != nil {
			assert.ErrorIs(t, err, want, iss)
			continue
		}
		require.NoError(t, err, iss)
		assert.Equal(t, "acme", (local.CustomClaims)["tenant"])
		assert.Equal(t, []string{"stytch_user", "editor"}, local.Roles)
	}

	// On the default hosts only stytch.com/<project_id> is accepted.
	plain, err := NewClient(testProjectID, testSecret)
	require.NoError(t, err)
	defer plain.Close()
	assert.Empty(t, plain.auth.customBase)
}

func TestCloseStopsBackgroundRefresh(t *testing.T) {
	c, env, pc := emuClient(t, WithJWKSRefreshInterval(5*time.Millisecond))
	auth := magicLinkLogin(t, c, env, "close@example.com")
	_, err := c.Sessions.AuthenticateJWTLocal(context.Background(), auth.SessionJWT)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return pc.count("/v1/sessions/jwks/") >= 3 }, 5*time.Second, time.Millisecond,
		"keys are refreshed in the background")
	require.NoError(t, c.Close())
	n := pc.count("/v1/sessions/jwks/")
	require.Never(t, func() bool { return pc.count("/v1/sessions/jwks/") != n }, 50*time.Millisecond, 5*time.Millisecond,
		"no refresh after Close")
	_, err = c.Sessions.AuthenticateJWTLocal(context.Background(), auth.SessionJWT)
	require.NoError(t, err, "local checks keep working after Close")
	require.NoError(t, c.Close())
}

func TestPolicyCacheSharedAndStaleOnFailure(t *testing.T) {
	c, env, pc := emuClient(t)
	ctx := context.Background()
	auth := magicLinkLogin(t, c, env, "policy@example.com")
	require.NoError(t, c.Sessions.PrefetchJWKS(ctx))

	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			_, err := c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT, WithAuthorizationCheck("documents", "read"))
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, 1, pc.count("/v1/rbac/policy"), "concurrent checks share one policy fetch")

	// Past the TTL the policy endpoint fails: the cached policy keeps
	// answering, and the next attempt waits a little.
	require.NoError(t, env.Server.InjectFault(emulator.Fault{Path: "/v1/rbac/policy", Status: 400, Count: 100}))
	_, err := env.Server.Advance(DefaultPolicyTTL + time.Second)
	require.NoError(t, err)
	jwt := auth.SessionJWT
	r, err := c.Sessions.AuthenticateJWT(ctx, 0, &SessionsAuthenticateParams{SessionJWT: &jwt})
	require.NoError(t, err) // expired JWT: fresh one from the API, checked below
	for range 3 {
		_, err = c.Sessions.AuthenticateJWTLocal(ctx, r.SessionJWT, WithAuthorizationCheck("documents", "read"))
		require.NoError(t, err, "stale policy served while the endpoint fails")
	}
	assert.Equal(t, 2, pc.count("/v1/rbac/policy"), "one failed refresh, then a pause")
}

func TestAuthenticateJWTLocalOnPasswordLogin(t *testing.T) {
	c, _, _ := emuClient(t)
	ctx := context.Background()
	const pw = "an unguessable passphrase 2718"
	_, err := c.Passwords.Create(ctx, &PasswordsCreateParams{Email: "pw@example.com", Password: pw})
	require.NoError(t, err)
	login, err := c.Passwords.Authenticate(ctx, &PasswordsAuthenticateParams{Email: "pw@example.com", Password: pw,
		SessionDurationMinutes: new(int32(30))})
	require.NoError(t, err)
	local, err := c.Sessions.AuthenticateJWTLocal(ctx, login.SessionJWT, WithMaxTokenAge(time.Minute), WithLeeway(0))
	require.NoError(t, err)
	assert.Equal(t, login.Session.SessionID, local.SessionID)
	require.Len(t, local.AuthenticationFactors, 1)
	assert.Equal(t, AuthenticationFactorTypePassword, local.AuthenticationFactors[0].Type)
}
