package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// OTPsSMSSend implements POST /v1/otps/sms/send.
func (a *API) OTPsSMSSend(ctx context.Context, req gen.OTPsSMSSendRequestObject) (gen.OTPsSMSSendResponseObject, error) {
	b := req.Body
	out, err := a.svc.SendOTP(flows.OTPSend{Channel: store.ChannelSMS, To: b.PhoneNumber, Minutes: b.ExpirationMinutes,
		Target: flows.Target{UserID: b.UserID, SessionToken: b.SessionToken, SessionJWT: b.SessionJWT}})
	if err != nil {
		return nil, err
	}
	return gen.OTPsSMSSend200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID, PhoneID: out.MethodID}, nil
}

// OTPsSMSLoginOrCreate implements POST /v1/otps/sms/login_or_create.
func (a *API) OTPsSMSLoginOrCreate(ctx context.Context, req gen.OTPsSMSLoginOrCreateRequestObject) (gen.OTPsSMSLoginOrCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.SendOTP(flows.OTPSend{Channel: store.ChannelSMS, To: b.PhoneNumber, Minutes: b.ExpirationMinutes,
		LoginOrCreate: true, Pending: deref(b.CreateUserAsPending)})
	if err != nil {
		return nil, err
	}
	return gen.OTPsSMSLoginOrCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID,
		PhoneID: out.MethodID, UserCreated: out.UserCreated}, nil
}

// OTPsWhatsAppSend implements POST /v1/otps/whatsapp/send.
func (a *API) OTPsWhatsAppSend(ctx context.Context, req gen.OTPsWhatsAppSendRequestObject) (gen.OTPsWhatsAppSendResponseObject, error) {
	b := req.Body
	out, err := a.svc.SendOTP(flows.OTPSend{Channel: store.ChannelWhatsApp, To: b.PhoneNumber, Minutes: b.ExpirationMinutes,
		Target: flows.Target{UserID: b.UserID, SessionToken: b.SessionToken, SessionJWT: b.SessionJWT}})
	if err != nil {
		return nil, err
	}
	return gen.OTPsWhatsAppSend200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID, PhoneID: out.MethodID}, nil
}

// OTPsWhatsAppLoginOrCreate implements POST /v1/otps/whatsapp/login_or_create.
func (a *API) OTPsWhatsAppLoginOrCreate(ctx context.Context, req gen.OTPsWhatsAppLoginOrCreateRequestObject) (gen.OTPsWhatsAppLoginOrCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.SendOTP(flows.OTPSend{Channel: store.ChannelWhatsApp, To: b.PhoneNumber, Minutes: b.ExpirationMinutes,
		LoginOrCreate: true, Pending: deref(b.CreateUserAsPending)})
	if err != nil {
		return nil, err
	}
	return gen.OTPsWhatsAppLoginOrCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID,
		PhoneID: out.MethodID, UserCreated: out.UserCreated}, nil
}

// OTPsEmailSend implements POST /v1/otps/email/send.
func (a *API) OTPsEmailSend(ctx context.Context, req gen.OTPsEmailSendRequestObject) (gen.OTPsEmailSendResponseObject, error) {
	b := req.Body
	out, err := a.svc.SendOTP(flows.OTPSend{Channel: store.ChannelEmail, To: string(b.Email), Minutes: b.ExpirationMinutes,
		Target: flows.Target{UserID: b.UserID, SessionToken: b.SessionToken, SessionJWT: b.SessionJWT}})
	if err != nil {
		return nil, err
	}
	return gen.OTPsEmailSend200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID, EmailID: out.MethodID}, nil
}

// OTPsEmailLoginOrCreate implements POST /v1/otps/email/login_or_create.
func (a *API) OTPsEmailLoginOrCreate(ctx context.Context, req gen.OTPsEmailLoginOrCreateRequestObject) (gen.OTPsEmailLoginOrCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.SendOTP(flows.OTPSend{Channel: store.ChannelEmail, To: string(b.Email), Minutes: b.ExpirationMinutes,
		LoginOrCreate: true, Pending: deref(b.CreateUserAsPending)})
	if err != nil {
		return nil, err
	}
	return gen.OTPsEmailLoginOrCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID,
		EmailID: out.MethodID, UserCreated: out.UserCreated}, nil
}

// OTPsAuthenticate implements POST /v1/otps/authenticate.
func (a *API) OTPsAuthenticate(ctx context.Context, req gen.OTPsAuthenticateRequestObject) (gen.OTPsAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticateOTP(b.MethodID, b.Code,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.OTPsAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		MethodID: out.MethodID, User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess}, nil
}
