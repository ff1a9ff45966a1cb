package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// PasswordsService creates, checks, migrates and authenticates passwords.
type PasswordsService struct {
	c *Client
	// Email resets a password through an emailed link.
	Email *PasswordsEmailService
	// ExistingPassword resets a password given the current one.
	ExistingPassword *PasswordsExistingPasswordService
	// Sessions resets a password given a recent session.
	Sessions *PasswordsSessionsService
}

// PasswordsEmailService resets passwords through emailed links.
type PasswordsEmailService service

// PasswordsExistingPasswordService resets passwords given the current one.
type PasswordsExistingPasswordService service

// PasswordsSessionsService resets passwords given a recent session.
type PasswordsSessionsService service

// PasswordsCreateResponse is the answer of Passwords.Create.
type PasswordsCreateResponse = gen.PasswordsCreateResponse

// PasswordsCreateParams is the JSON body of Passwords.Create.
type PasswordsCreateParams = gen.PasswordsCreateRequest

// PasswordsAuthenticateResponse is the answer of Passwords.Authenticate.
type PasswordsAuthenticateResponse = gen.PasswordsAuthenticateResponse

// PasswordsAuthenticateParams is the JSON body of Passwords.Authenticate.
type PasswordsAuthenticateParams = gen.PasswordsAuthenticateRequest

// PasswordsStrengthCheckResponse is the answer of Passwords.StrengthCheck.
type PasswordsStrengthCheckResponse = gen.PasswordsStrengthCheckResponse

// PasswordsStrengthCheckParams is the JSON body of Passwords.StrengthCheck.
type PasswordsStrengthCheckParams = gen.PasswordsStrengthCheckRequest

// PasswordsMigrateResponse is the answer of Passwords.Migrate.
type PasswordsMigrateResponse = gen.PasswordsMigrateResponse

// PasswordsMigrateParams is the JSON body of Passwords.Migrate.
type PasswordsMigrateParams = gen.PasswordsMigrateRequest

// PasswordsEmailResetStartResponse is the answer of Passwords.Email.ResetStart.
type PasswordsEmailResetStartResponse = gen.PasswordsEmailResetStartResponse

// PasswordsEmailResetStartParams is the JSON body of Passwords.Email.ResetStart.
type PasswordsEmailResetStartParams = gen.PasswordsEmailResetStartRequest

// PasswordsEmailResetResponse is the answer of Passwords.Email.Reset.
type PasswordsEmailResetResponse = gen.PasswordsEmailResetResponse

// PasswordsEmailResetParams is the JSON body of Passwords.Email.Reset.
type PasswordsEmailResetParams = gen.PasswordsEmailResetRequest

// PasswordsExistingPasswordResetResponse is the answer of Passwords.ExistingPassword.Reset.
type PasswordsExistingPasswordResetResponse = gen.PasswordsExistingPasswordResetResponse

// PasswordsExistingPasswordResetParams is the JSON body of Passwords.ExistingPassword.Reset.
type PasswordsExistingPasswordResetParams = gen.PasswordsExistingPasswordResetRequest

// PasswordsSessionsResetResponse is the answer of Passwords.Sessions.Reset.
type PasswordsSessionsResetResponse = gen.PasswordsSessionsResetResponse

// PasswordsSessionsResetParams is the JSON body of Passwords.Sessions.Reset.
type PasswordsSessionsResetParams = gen.PasswordsSessionsResetRequest

// Create creates a User with an email address and a password, which must pass the strength check.
//
// POST /v1/passwords
func (s *PasswordsService) Create(ctx context.Context, p *PasswordsCreateParams) (*PasswordsCreateResponse, error) {
	return call[PasswordsCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.PasswordsCreate(ctx, *p, ed...)
	})
}

// Authenticate checks an email and password pair.
//
// POST /v1/passwords/authenticate
func (s *PasswordsService) Authenticate(ctx context.Context, p *PasswordsAuthenticateParams) (*PasswordsAuthenticateResponse, error) {
	return call[PasswordsAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/passwords/authenticate
func (s *PasswordsService) AuthenticateWithClaims(ctx context.Context, p *PasswordsAuthenticateParams, claims any) (*PasswordsAuthenticateResponse, error) {
	return callClaims[PasswordsAuthenticateResponse](ctx, s.c, p, sessionClaims, claims, s.authenticate(p))
}

func (s *PasswordsService) authenticate(p *PasswordsAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.PasswordsAuthenticate(ctx, *p, ed...)
	}
}

// StrengthCheck scores a password (zxcvbn or LUDS, per project policy) and checks it against
// breached passwords.
//
// POST /v1/passwords/strength_check
func (s *PasswordsService) StrengthCheck(ctx context.Context, p *PasswordsStrengthCheckParams) (*PasswordsStrengthCheckResponse, error) {
	return call[PasswordsStrengthCheckResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.PasswordsStrengthCheck(ctx, *p, ed...)
	})
}

// Migrate imports a User's password hash from another system; the password is verified with the
// original algorithm on first login.
//
// POST /v1/passwords/migrate
func (s *PasswordsService) Migrate(ctx context.Context, p *PasswordsMigrateParams) (*PasswordsMigrateResponse, error) {
	return call[PasswordsMigrateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.PasswordsMigrate(ctx, *p, ed...)
	})
}

// ResetStart emails a password reset magic link.
//
// POST /v1/passwords/email/reset/start
func (s *PasswordsEmailService) ResetStart(ctx context.Context, p *PasswordsEmailResetStartParams) (*PasswordsEmailResetStartResponse, error) {
	return call[PasswordsEmailResetStartResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.PasswordsEmailResetStart(ctx, *p, ed...)
	})
}

// Reset sets a new password using the token from the reset email.
//
// POST /v1/passwords/email/reset
func (s *PasswordsEmailService) Reset(ctx context.Context, p *PasswordsEmailResetParams) (*PasswordsEmailResetResponse, error) {
	return call[PasswordsEmailResetResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.PasswordsEmailReset(ctx, *p, ed...)
	})
}

// Reset sets a new password after checking the current one.
//
// POST /v1/passwords/existing_password/reset
func (s *PasswordsExistingPasswordService) Reset(ctx context.Context, p *PasswordsExistingPasswordResetParams) (*PasswordsExistingPasswordResetResponse, error) {
	return call[PasswordsExistingPasswordResetResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.PasswordsExistingPasswordReset(ctx, *p, ed...)
	})
}

// Reset sets a new password for the User of a recently authenticated session.
//
// POST /v1/passwords/session/reset
func (s *PasswordsSessionsService) Reset(ctx context.Context, p *PasswordsSessionsResetParams) (*PasswordsSessionsResetResponse, error) {
	return call[PasswordsSessionsResetResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.PasswordsSessionsReset(ctx, *p, ed...)
	})
}
