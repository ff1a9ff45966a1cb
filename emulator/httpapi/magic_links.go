package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// MagicLinksEmailSend implements POST /v1/magic_links/email/send.
func (a *API) MagicLinksEmailSend(ctx context.Context, req gen.MagicLinksEmailSendRequestObject) (gen.MagicLinksEmailSendResponseObject, error) {
	b := req.Body
	out, err := a.svc.SendMagicLink(string(b.Email), flows.Target{UserID: b.UserID, SessionToken: b.SessionToken, SessionJWT: b.SessionJWT},
		flows.LinkOptions{LoginURL: deref(b.LoginMagicLinkURL), SignupURL: deref(b.SignupMagicLinkURL),
			LoginMinutes: b.LoginExpirationMinutes, SignupMinutes: b.SignupExpirationMinutes, CodeChallenge: deref(b.CodeChallenge)})
	if err != nil {
		return nil, err
	}
	return gen.MagicLinksEmailSend200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID, EmailID: out.MethodID}, nil
}

// MagicLinksEmailLoginOrCreate implements POST /v1/magic_links/email/login_or_create.
func (a *API) MagicLinksEmailLoginOrCreate(ctx context.Context, req gen.MagicLinksEmailLoginOrCreateRequestObject) (gen.MagicLinksEmailLoginOrCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.LoginOrCreateMagicLink(string(b.Email), flows.LinkOptions{LoginURL: deref(b.LoginMagicLinkURL),
		SignupURL: deref(b.SignupMagicLinkURL), LoginMinutes: b.LoginExpirationMinutes, SignupMinutes: b.SignupExpirationMinutes,
		CodeChallenge: deref(b.CodeChallenge), Pending: deref(b.CreateUserAsPending)})
	if err != nil {
		return nil, err
	}
	return gen.MagicLinksEmailLoginOrCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID,
		EmailID: out.MethodID, UserCreated: out.UserCreated}, nil
}

// MagicLinksEmailInvite implements POST /v1/magic_links/email/invite.
func (a *API) MagicLinksEmailInvite(ctx context.Context, req gen.MagicLinksEmailInviteRequestObject) (gen.MagicLinksEmailInviteResponseObject, error) {
	b := req.Body
	out, err := a.svc.InviteMagicLink(string(b.Email), flows.LinkOptions{InviteURL: deref(b.InviteMagicLinkURL),
		InviteMinutes: b.InviteExpirationMinutes, Name: nameIn(b.Name), TrustedMetadata: b.TrustedMetadata,
		UntrustedMetadata: b.UntrustedMetadata})
	if err != nil {
		return nil, err
	}
	return gen.MagicLinksEmailInvite200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID, EmailID: out.MethodID}, nil
}

// MagicLinksEmailRevokeInvite implements POST /v1/magic_links/email/revoke_invite.
func (a *API) MagicLinksEmailRevokeInvite(ctx context.Context, req gen.MagicLinksEmailRevokeInviteRequestObject) (gen.MagicLinksEmailRevokeInviteResponseObject, error) {
	if err := a.svc.RevokeInvite(string(req.Body.Email)); err != nil {
		return nil, err
	}
	return gen.MagicLinksEmailRevokeInvite200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}

// MagicLinksCreate implements POST /v1/magic_links (embeddable magic links).
func (a *API) MagicLinksCreate(ctx context.Context, req gen.MagicLinksCreateRequestObject) (gen.MagicLinksCreateResponseObject, error) {
	token, userID, err := a.svc.CreateEmbeddedLink(req.Body.UserID, req.Body.ExpirationMinutes)
	if err != nil {
		return nil, err
	}
	return gen.MagicLinksCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: userID, Token: token}, nil
}

// MagicLinksAuthenticate implements POST /v1/magic_links/authenticate.
func (a *API) MagicLinksAuthenticate(ctx context.Context, req gen.MagicLinksAuthenticateRequestObject) (gen.MagicLinksAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticateMagicLink(b.Token, deref(b.CodeVerifier),
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.MagicLinksAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		MethodID: out.MethodID, User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess}, nil
}
