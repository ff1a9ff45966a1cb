package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// OAuthService completes social logins (Google, GitHub, Apple …).
type OAuthService service

// OAuthAttachResponse is the answer of OAuth.Attach.
type OAuthAttachResponse = gen.OAuthAttachResponse

// OAuthAttachParams is the JSON body of OAuth.Attach.
type OAuthAttachParams = gen.OAuthAttachRequest

// OAuthAuthenticateResponse is the answer of OAuth.Authenticate.
type OAuthAuthenticateResponse = gen.OAuthAuthenticateResponse

// OAuthAuthenticateParams is the JSON body of OAuth.Authenticate.
type OAuthAuthenticateParams = gen.OAuthAuthenticateRequest

// Attach creates a token that attaches a new OAuth provider to an existing User in the next OAuth
// start call.
//
// POST /v1/oauth/attach
func (s *OAuthService) Attach(ctx context.Context, p *OAuthAttachParams) (*OAuthAttachResponse, error) {
	return call[OAuthAttachResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OAuthAttach(ctx, *p, ed...)
	})
}

// Authenticate exchanges the token of an OAuth callback for the User and the provider's tokens.
// The session comes back as `user_session`.
//
// POST /v1/oauth/authenticate
func (s *OAuthService) Authenticate(ctx context.Context, p *OAuthAuthenticateParams) (*OAuthAuthenticateResponse, error) {
	return call[OAuthAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (user_session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/oauth/authenticate
func (s *OAuthService) AuthenticateWithClaims(ctx context.Context, p *OAuthAuthenticateParams, claims any) (*OAuthAuthenticateResponse, error) {
	return callClaims[OAuthAuthenticateResponse](ctx, s.c, p, userSessionClaims, claims, s.authenticate(p))
}

func (s *OAuthService) authenticate(p *OAuthAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OAuthAuthenticate(ctx, *p, ed...)
	}
}
