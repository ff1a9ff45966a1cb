package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// TOTPsService manages authenticator-app (TOTP) factors and recovery codes.
type TOTPsService service

// TOTPsCreateResponse is the answer of TOTPs.Create.
type TOTPsCreateResponse = gen.TOTPsCreateResponse

// TOTPsCreateParams is the JSON body of TOTPs.Create.
type TOTPsCreateParams = gen.TOTPsCreateRequest

// TOTPsAuthenticateResponse is the answer of TOTPs.Authenticate.
type TOTPsAuthenticateResponse = gen.TOTPsAuthenticateResponse

// TOTPsAuthenticateParams is the JSON body of TOTPs.Authenticate.
type TOTPsAuthenticateParams = gen.TOTPsAuthenticateRequest

// TOTPsRecoveryCodesResponse is the answer of TOTPs.RecoveryCodes.
type TOTPsRecoveryCodesResponse = gen.TOTPsRecoveryCodesResponse

// TOTPsRecoveryCodesParams is the JSON body of TOTPs.RecoveryCodes.
type TOTPsRecoveryCodesParams = gen.TOTPsRecoveryCodesRequest

// TOTPsRecoverResponse is the answer of TOTPs.Recover.
type TOTPsRecoverResponse = gen.TOTPsRecoverResponse

// TOTPsRecoverParams is the JSON body of TOTPs.Recover.
type TOTPsRecoverParams = gen.TOTPsRecoverRequest

// Create creates an authenticator-app secret, its QR code and 10 recovery codes for a User.
//
// POST /v1/totps
func (s *TOTPsService) Create(ctx context.Context, p *TOTPsCreateParams) (*TOTPsCreateResponse, error) {
	return call[TOTPsCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.TOTPsCreate(ctx, *p, ed...)
	})
}

// Authenticate checks a 6-digit code from the User's authenticator app.
//
// POST /v1/totps/authenticate
func (s *TOTPsService) Authenticate(ctx context.Context, p *TOTPsAuthenticateParams) (*TOTPsAuthenticateResponse, error) {
	return call[TOTPsAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/totps/authenticate
func (s *TOTPsService) AuthenticateWithClaims(ctx context.Context, p *TOTPsAuthenticateParams, claims any) (*TOTPsAuthenticateResponse, error) {
	return callClaims[TOTPsAuthenticateResponse](ctx, s.c, p, sessionClaims, claims, s.authenticate(p))
}

func (s *TOTPsService) authenticate(p *TOTPsAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.TOTPsAuthenticate(ctx, *p, ed...)
	}
}

// RecoveryCodes returns the recovery codes of the User's TOTP registrations.
//
// POST /v1/totps/recovery_codes
func (s *TOTPsService) RecoveryCodes(ctx context.Context, p *TOTPsRecoveryCodesParams) (*TOTPsRecoveryCodesResponse, error) {
	return call[TOTPsRecoveryCodesResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.TOTPsRecoveryCodes(ctx, *p, ed...)
	})
}

// Recover authenticates with a single-use TOTP recovery code.
//
// POST /v1/totps/recover
func (s *TOTPsService) Recover(ctx context.Context, p *TOTPsRecoverParams) (*TOTPsRecoverResponse, error) {
	return call[TOTPsRecoverResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.TOTPsRecover(ctx, *p, ed...)
	})
}
