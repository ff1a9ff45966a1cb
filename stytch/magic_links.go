package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// MagicLinksService authenticates magic link tokens and creates embeddable ones.
type MagicLinksService struct {
	c *Client
	// Email sends magic links by email.
	Email *MagicLinksEmailService
}

// MagicLinksEmailService sends login, sign-up and invite magic links by email.
type MagicLinksEmailService service

// MagicLinksAuthenticateResponse is the answer of MagicLinks.Authenticate.
type MagicLinksAuthenticateResponse = gen.MagicLinksAuthenticateResponse

// MagicLinksAuthenticateParams is the JSON body of MagicLinks.Authenticate.
type MagicLinksAuthenticateParams = gen.MagicLinksAuthenticateRequest

// MagicLinksCreateResponse is the answer of MagicLinks.Create.
type MagicLinksCreateResponse = gen.MagicLinksCreateResponse

// MagicLinksCreateParams is the JSON body of MagicLinks.Create.
type MagicLinksCreateParams = gen.MagicLinksCreateRequest

// MagicLinksEmailSendResponse is the answer of MagicLinks.Email.Send.
type MagicLinksEmailSendResponse = gen.MagicLinksEmailSendResponse

// MagicLinksEmailSendParams is the JSON body of MagicLinks.Email.Send.
type MagicLinksEmailSendParams = gen.MagicLinksEmailSendRequest

// MagicLinksEmailLoginOrCreateResponse is the answer of MagicLinks.Email.LoginOrCreate.
type MagicLinksEmailLoginOrCreateResponse = gen.MagicLinksEmailLoginOrCreateResponse

// MagicLinksEmailLoginOrCreateParams is the JSON body of MagicLinks.Email.LoginOrCreate.
type MagicLinksEmailLoginOrCreateParams = gen.MagicLinksEmailLoginOrCreateRequest

// MagicLinksEmailInviteResponse is the answer of MagicLinks.Email.Invite.
type MagicLinksEmailInviteResponse = gen.MagicLinksEmailInviteResponse

// MagicLinksEmailInviteParams is the JSON body of MagicLinks.Email.Invite.
type MagicLinksEmailInviteParams = gen.MagicLinksEmailInviteRequest

// MagicLinksEmailRevokeInviteResponse is the answer of MagicLinks.Email.RevokeInvite.
type MagicLinksEmailRevokeInviteResponse = gen.MagicLinksEmailRevokeInviteResponse

// MagicLinksEmailRevokeInviteParams is the JSON body of MagicLinks.Email.RevokeInvite.
type MagicLinksEmailRevokeInviteParams = gen.MagicLinksEmailRevokeInviteRequest

// Authenticate authenticates a magic link token (single use) and, when session_duration_minutes is
// given, starts or extends a session.
//
// POST /v1/magic_links/authenticate
func (s *MagicLinksService) Authenticate(ctx context.Context, p *MagicLinksAuthenticateParams) (*MagicLinksAuthenticateResponse, error) {
	return call[MagicLinksAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/magic_links/authenticate
func (s *MagicLinksService) AuthenticateWithClaims(ctx context.Context, p *MagicLinksAuthenticateParams, claims any) (*MagicLinksAuthenticateResponse, error) {
	return callClaims[MagicLinksAuthenticateResponse](ctx, s.c, p, sessionClaims, claims, s.authenticate(p))
}

func (s *MagicLinksService) authenticate(p *MagicLinksAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.MagicLinksAuthenticate(ctx, *p, ed...)
	}
}

// Create creates a magic link token for a User that you deliver yourself.
//
// POST /v1/magic_links
func (s *MagicLinksService) Create(ctx context.Context, p *MagicLinksCreateParams) (*MagicLinksCreateResponse, error) {
	return call[MagicLinksCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.MagicLinksCreate(ctx, *p, ed...)
	})
}

// Send emails a login magic link to an existing User's address, or adds the address to the User
// when user_id or a session is given.
//
// POST /v1/magic_links/email/send
func (s *MagicLinksEmailService) Send(ctx context.Context, p *MagicLinksEmailSendParams) (*MagicLinksEmailSendResponse, error) {
	return call[MagicLinksEmailSendResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.MagicLinksEmailSend(ctx, *p, ed...)
	})
}

// LoginOrCreate emails a login magic link to an existing User, or creates the User and emails a
// sign-up link.
//
// POST /v1/magic_links/email/login_or_create
func (s *MagicLinksEmailService) LoginOrCreate(ctx context.Context, p *MagicLinksEmailLoginOrCreateParams) (*MagicLinksEmailLoginOrCreateResponse, error) {
	return call[MagicLinksEmailLoginOrCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.MagicLinksEmailLoginOrCreate(ctx, *p, ed...)
	})
}

// Invite creates a pending User and emails an invite magic link.
//
// POST /v1/magic_links/email/invite
func (s *MagicLinksEmailService) Invite(ctx context.Context, p *MagicLinksEmailInviteParams) (*MagicLinksEmailInviteResponse, error) {
	return call[MagicLinksEmailInviteResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.MagicLinksEmailInvite(ctx, *p, ed...)
	})
}

// RevokeInvite revokes a pending invite so its link no longer works.
//
// POST /v1/magic_links/email/revoke_invite
func (s *MagicLinksEmailService) RevokeInvite(ctx context.Context, p *MagicLinksEmailRevokeInviteParams) (*MagicLinksEmailRevokeInviteResponse, error) {
	return call[MagicLinksEmailRevokeInviteResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.MagicLinksEmailRevokeInvite(ctx, *p, ed...)
	})
}
