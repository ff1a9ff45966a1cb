package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// SessionsService lists, authenticates, revokes and migrates sessions, and
// serves the project's JWKS.
type SessionsService service

// SessionsGetResponse is the answer of Sessions.Get.
type SessionsGetResponse = gen.SessionsGetResponse

// SessionsGetParams holds the input of Sessions.Get.
type SessionsGetParams struct {
	// UserID is the user_id query parameter; it must not be empty.
	UserID string `query:"user_id"`
}

// SessionsAuthenticateResponse is the answer of Sessions.Authenticate.
type SessionsAuthenticateResponse = gen.SessionsAuthenticateResponse

// SessionsAuthenticateParams is the JSON body of Sessions.Authenticate.
type SessionsAuthenticateParams = gen.SessionsAuthenticateRequest

// SessionsRevokeResponse is the answer of Sessions.Revoke.
type SessionsRevokeResponse = gen.SessionsRevokeResponse

// SessionsRevokeParams is the JSON body of Sessions.Revoke.
type SessionsRevokeParams = gen.SessionsRevokeRequest

// SessionsMigrateResponse is the answer of Sessions.Migrate.
type SessionsMigrateResponse = gen.SessionsMigrateResponse

// SessionsMigrateParams is the JSON body of Sessions.Migrate.
type SessionsMigrateParams = gen.SessionsMigrateRequest

// SessionsExchangeAccessTokenResponse is the answer of Sessions.ExchangeAccessToken.
type SessionsExchangeAccessTokenResponse = gen.SessionsExchangeAccessTokenResponse

// SessionsExchangeAccessTokenParams is the JSON body of Sessions.ExchangeAccessToken.
type SessionsExchangeAccessTokenParams = gen.SessionsExchangeAccessTokenRequest

// SessionsGetJWKSResponse is the answer of Sessions.GetJWKS.
type SessionsGetJWKSResponse = gen.SessionsGetJWKSResponse

// SessionsGetJWKSParams holds the input of Sessions.GetJWKS.
type SessionsGetJWKSParams struct {
	// ProjectID is the {project_id} path segment; it must not be empty.
	ProjectID string `path:"project_id"`
}

// SessionsAttestResponse is the answer of Sessions.Attest.
type SessionsAttestResponse = gen.SessionsAttestResponse

// SessionsAttestParams is the JSON body of Sessions.Attest.
type SessionsAttestParams = gen.SessionsAttestRequest

// Get lists the active sessions of a User.
//
// GET /v1/sessions
func (s *SessionsService) Get(ctx context.Context, p *SessionsGetParams) (*SessionsGetResponse, error) {
	return call[SessionsGetResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.SessionsGet(ctx, &gen.SessionsGetParams{UserId: p.UserID}, ed...)
	})
}

// Authenticate checks a session token or JWT, extends the session when session_duration_minutes is
// given, and mints a new JWT. With authorization_check, also checks RBAC permissions.
//
// POST /v1/sessions/authenticate
func (s *SessionsService) Authenticate(ctx context.Context, p *SessionsAuthenticateParams) (*SessionsAuthenticateResponse, error) {
	return call[SessionsAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/sessions/authenticate
func (s *SessionsService) AuthenticateWithClaims(ctx context.Context, p *SessionsAuthenticateParams, claims any) (*SessionsAuthenticateResponse, error) {
	return callClaims[SessionsAuthenticateResponse](ctx, s.c, p, sessionClaims, claims, s.authenticate(p))
}

func (s *SessionsService) authenticate(p *SessionsAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.SessionsAuthenticate(ctx, *p, ed...)
	}
}

// Revoke revokes a session given its id, token or JWT.
//
// POST /v1/sessions/revoke
func (s *SessionsService) Revoke(ctx context.Context, p *SessionsRevokeParams) (*SessionsRevokeResponse, error) {
	return call[SessionsRevokeResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.SessionsRevoke(ctx, *p, ed...)
	})
}

// Migrate exchanges an access token of an external OIDC identity provider for a Stytch session.
//
// POST /v1/sessions/migrate
func (s *SessionsService) Migrate(ctx context.Context, p *SessionsMigrateParams) (*SessionsMigrateResponse, error) {
	return call[SessionsMigrateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.SessionsMigrate(ctx, *p, ed...)
	})
}

// ExchangeAccessToken exchanges a Connected App access token for a session of the same User.
//
// POST /v1/sessions/exchange_access_token
func (s *SessionsService) ExchangeAccessToken(ctx context.Context, p *SessionsExchangeAccessTokenParams) (*SessionsExchangeAccessTokenResponse, error) {
	return call[SessionsExchangeAccessTokenResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.SessionsExchangeAccessToken(ctx, *p, ed...)
	})
}

// GetJWKS returns the public keys that sign session JWTs; select one by kid.
//
// GET /v1/sessions/jwks/{project_id}
func (s *SessionsService) GetJWKS(ctx context.Context, p *SessionsGetJWKSParams) (*SessionsGetJWKSResponse, error) {
	return call[SessionsGetJWKSResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.SessionsGetJWKS(ctx, p.ProjectID, ed...)
	})
}

// Attest exchanges a token from a trusted token profile for a session.
//
// POST /v1/sessions/attest
func (s *SessionsService) Attest(ctx context.Context, p *SessionsAttestParams) (*SessionsAttestResponse, error) {
	return call[SessionsAttestResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.SessionsAttest(ctx, *p, ed...)
	})
}
