package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// WebAuthnService registers and authenticates passkeys and security keys.
type WebAuthnService service

// WebAuthnRegisterStartResponse is the answer of WebAuthn.RegisterStart.
type WebAuthnRegisterStartResponse = gen.WebAuthnRegisterStartResponse

// WebAuthnRegisterStartParams is the JSON body of WebAuthn.RegisterStart.
type WebAuthnRegisterStartParams = gen.WebAuthnRegisterStartRequest

// WebAuthnRegisterResponse is the answer of WebAuthn.Register.
type WebAuthnRegisterResponse = gen.WebAuthnRegisterResponse

// WebAuthnRegisterParams is the JSON body of WebAuthn.Register.
type WebAuthnRegisterParams = gen.WebAuthnRegisterRequest

// WebAuthnAuthenticateStartResponse is the answer of WebAuthn.AuthenticateStart.
type WebAuthnAuthenticateStartResponse = gen.WebAuthnAuthenticateStartResponse

// WebAuthnAuthenticateStartParams is the JSON body of WebAuthn.AuthenticateStart.
type WebAuthnAuthenticateStartParams = gen.WebAuthnAuthenticateStartRequest

// WebAuthnAuthenticateResponse is the answer of WebAuthn.Authenticate.
type WebAuthnAuthenticateResponse = gen.WebAuthnAuthenticateResponse

// WebAuthnAuthenticateParams is the JSON body of WebAuthn.Authenticate.
type WebAuthnAuthenticateParams = gen.WebAuthnAuthenticateRequest

// WebAuthnUpdateResponse is the answer of WebAuthn.Update.
type WebAuthnUpdateResponse = gen.WebAuthnUpdateResponse

// WebAuthnUpdateBody is the JSON body of WebAuthn.Update.
type WebAuthnUpdateBody = gen.WebAuthnUpdateRequest

// WebAuthnUpdateParams holds the input of WebAuthn.Update.
type WebAuthnUpdateParams struct {
	// WebAuthnRegistrationID is the {webauthn_registration_id} path segment; it must not be empty.
	WebAuthnRegistrationID string `path:"webauthn_registration_id"`
	// Body is the JSON body (path ids are never part of it).
	Body WebAuthnUpdateBody
}

// WebAuthnListCredentialsResponse is the answer of WebAuthn.ListCredentials.
type WebAuthnListCredentialsResponse = gen.WebAuthnListCredentialsResponse

// WebAuthnListCredentialsParams holds the input of WebAuthn.ListCredentials.
type WebAuthnListCredentialsParams struct {
	// UserID is the {user_id} path segment; it must not be empty.
	UserID string `path:"user_id"`
	// Domain is the {domain} path segment; it must not be empty.
	Domain string `path:"domain"`
}

// RegisterStart returns the PublicKeyCredentialCreationOptions to pass to
// navigator.credentials.create().
//
// POST /v1/webauthn/register/start
func (s *WebAuthnService) RegisterStart(ctx context.Context, p *WebAuthnRegisterStartParams) (*WebAuthnRegisterStartResponse, error) {
	return call[WebAuthnRegisterStartResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.WebAuthnRegisterStart(ctx, *p, ed...)
	})
}

// Register verifies the authenticator's attestation and registers the credential.
//
// POST /v1/webauthn/register
func (s *WebAuthnService) Register(ctx context.Context, p *WebAuthnRegisterParams) (*WebAuthnRegisterResponse, error) {
	return call[WebAuthnRegisterResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.WebAuthnRegister(ctx, *p, ed...)
	})
}

// AuthenticateStart returns the PublicKeyCredentialRequestOptions to pass to
// navigator.credentials.get().
//
// POST /v1/webauthn/authenticate/start
func (s *WebAuthnService) AuthenticateStart(ctx context.Context, p *WebAuthnAuthenticateStartParams) (*WebAuthnAuthenticateStartResponse, error) {
	return call[WebAuthnAuthenticateStartResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.WebAuthnAuthenticateStart(ctx, *p, ed...)
	})
}

// Authenticate verifies the authenticator's assertion.
//
// POST /v1/webauthn/authenticate
func (s *WebAuthnService) Authenticate(ctx context.Context, p *WebAuthnAuthenticateParams) (*WebAuthnAuthenticateResponse, error) {
	return call[WebAuthnAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/webauthn/authenticate
func (s *WebAuthnService) AuthenticateWithClaims(ctx context.Context, p *WebAuthnAuthenticateParams, claims any) (*WebAuthnAuthenticateResponse, error) {
	return callClaims[WebAuthnAuthenticateResponse](ctx, s.c, p, sessionClaims, claims, s.authenticate(p))
}

func (s *WebAuthnService) authenticate(p *WebAuthnAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.WebAuthnAuthenticate(ctx, *p, ed...)
	}
}

// Update sets the display name of a WebAuthn registration.
//
// PUT /v1/webauthn/{webauthn_registration_id}
func (s *WebAuthnService) Update(ctx context.Context, p *WebAuthnUpdateParams) (*WebAuthnUpdateResponse, error) {
	return call[WebAuthnUpdateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.WebAuthnUpdate(ctx, p.WebAuthnRegistrationID, p.Body, ed...)
	})
}

// ListCredentials lists a User's WebAuthn credentials for a domain.
//
// GET /v1/webauthn/credentials/{user_id}/{domain}
func (s *WebAuthnService) ListCredentials(ctx context.Context, p *WebAuthnListCredentialsParams) (*WebAuthnListCredentialsResponse, error) {
	return call[WebAuthnListCredentialsResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.WebAuthnListCredentials(ctx, p.UserID, p.Domain, ed...)
	})
}
