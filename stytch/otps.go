package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// OTPsService authenticates one-time passcodes sent by any channel.
type OTPsService struct {
	c *Client
	// Email sends passcodes by email.
	Email *OTPsEmailService
	// Sms sends passcodes by SMS.
	Sms *OTPsSmsService
	// WhatsApp sends passcodes by WhatsApp.
	WhatsApp *OTPsWhatsAppService
}

// OTPsEmailService sends one-time passcodes by email.
type OTPsEmailService service

// OTPsSmsService sends one-time passcodes by SMS.
type OTPsSmsService service

// OTPsWhatsAppService sends one-time passcodes by WhatsApp.
type OTPsWhatsAppService service

// OTPsAuthenticateResponse is the answer of OTPs.Authenticate.
type OTPsAuthenticateResponse = gen.OTPsAuthenticateResponse

// OTPsAuthenticateParams is the JSON body of OTPs.Authenticate.
type OTPsAuthenticateParams = gen.OTPsAuthenticateRequest

// OTPsEmailSendResponse is the answer of OTPs.Email.Send.
type OTPsEmailSendResponse = gen.OTPsEmailSendResponse

// OTPsEmailSendParams is the JSON body of OTPs.Email.Send.
type OTPsEmailSendParams = gen.OTPsEmailSendRequest

// OTPsEmailLoginOrCreateResponse is the answer of OTPs.Email.LoginOrCreate.
type OTPsEmailLoginOrCreateResponse = gen.OTPsEmailLoginOrCreateResponse

// OTPsEmailLoginOrCreateParams is the JSON body of OTPs.Email.LoginOrCreate.
type OTPsEmailLoginOrCreateParams = gen.OTPsEmailLoginOrCreateRequest

// OTPsSmsSendResponse is the answer of OTPs.Sms.Send.
type OTPsSmsSendResponse = gen.OTPsSmsSendResponse

// OTPsSmsSendParams is the JSON body of OTPs.Sms.Send.
type OTPsSmsSendParams = gen.OTPsSmsSendRequest

// OTPsSmsLoginOrCreateResponse is the answer of OTPs.Sms.LoginOrCreate.
type OTPsSmsLoginOrCreateResponse = gen.OTPsSmsLoginOrCreateResponse

// OTPsSmsLoginOrCreateParams is the JSON body of OTPs.Sms.LoginOrCreate.
type OTPsSmsLoginOrCreateParams = gen.OTPsSmsLoginOrCreateRequest

// OTPsWhatsAppSendResponse is the answer of OTPs.WhatsApp.Send.
type OTPsWhatsAppSendResponse = gen.OTPsWhatsAppSendResponse

// OTPsWhatsAppSendParams is the JSON body of OTPs.WhatsApp.Send.
type OTPsWhatsAppSendParams = gen.OTPsWhatsAppSendRequest

// OTPsWhatsAppLoginOrCreateResponse is the answer of OTPs.WhatsApp.LoginOrCreate.
type OTPsWhatsAppLoginOrCreateResponse = gen.OTPsWhatsAppLoginOrCreateResponse

// OTPsWhatsAppLoginOrCreateParams is the JSON body of OTPs.WhatsApp.LoginOrCreate.
type OTPsWhatsAppLoginOrCreateParams = gen.OTPsWhatsAppLoginOrCreateRequest

// Authenticate checks the passcode sent to method_id. Each code works once; too many wrong codes
// lock the method.
//
// POST /v1/otps/authenticate
func (s *OTPsService) Authenticate(ctx context.Context, p *OTPsAuthenticateParams) (*OTPsAuthenticateResponse, error) {
	return call[OTPsAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/otps/authenticate
func (s *OTPsService) AuthenticateWithClaims(ctx context.Context, p *OTPsAuthenticateParams, claims any) (*OTPsAuthenticateResponse, error) {
	return callClaims[OTPsAuthenticateResponse](ctx, s.c, p, sessionClaims, claims, s.authenticate(p))
}

func (s *OTPsService) authenticate(p *OTPsAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OTPsAuthenticate(ctx, *p, ed...)
	}
}

// Send sends a 6-digit passcode by email to an existing User, or adds the destination to the User
// when user_id or a session is given.
//
// POST /v1/otps/email/send
func (s *OTPsEmailService) Send(ctx context.Context, p *OTPsEmailSendParams) (*OTPsEmailSendResponse, error) {
	return call[OTPsEmailSendResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OTPsEmailSend(ctx, *p, ed...)
	})
}

// LoginOrCreate sends a 6-digit passcode by email, creating the User first when the destination is
// new.
//
// POST /v1/otps/email/login_or_create
func (s *OTPsEmailService) LoginOrCreate(ctx context.Context, p *OTPsEmailLoginOrCreateParams) (*OTPsEmailLoginOrCreateResponse, error) {
	return call[OTPsEmailLoginOrCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OTPsEmailLoginOrCreate(ctx, *p, ed...)
	})
}

// Send sends a 6-digit passcode by SMS to an existing User, or adds the destination to the User
// when user_id or a session is given.
//
// POST /v1/otps/sms/send
func (s *OTPsSmsService) Send(ctx context.Context, p *OTPsSmsSendParams) (*OTPsSmsSendResponse, error) {
	return call[OTPsSmsSendResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OTPsSmsSend(ctx, *p, ed...)
	})
}

// LoginOrCreate sends a 6-digit passcode by SMS, creating the User first when the destination is
// new.
//
// POST /v1/otps/sms/login_or_create
func (s *OTPsSmsService) LoginOrCreate(ctx context.Context, p *OTPsSmsLoginOrCreateParams) (*OTPsSmsLoginOrCreateResponse, error) {
	return call[OTPsSmsLoginOrCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OTPsSmsLoginOrCreate(ctx, *p, ed...)
	})
}

// Send sends a 6-digit passcode by WhatsApp to an existing User, or adds the destination to the
// User when user_id or a session is given.
//
// POST /v1/otps/whatsapp/send
func (s *OTPsWhatsAppService) Send(ctx context.Context, p *OTPsWhatsAppSendParams) (*OTPsWhatsAppSendResponse, error) {
	return call[OTPsWhatsAppSendResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OTPsWhatsAppSend(ctx, *p, ed...)
	})
}

// LoginOrCreate sends a 6-digit passcode by WhatsApp, creating the User first when the destination
// is new.
//
// POST /v1/otps/whatsapp/login_or_create
func (s *OTPsWhatsAppService) LoginOrCreate(ctx context.Context, p *OTPsWhatsAppLoginOrCreateParams) (*OTPsWhatsAppLoginOrCreateResponse, error) {
	return call[OTPsWhatsAppLoginOrCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.OTPsWhatsAppLoginOrCreate(ctx, *p, ed...)
	})
}
