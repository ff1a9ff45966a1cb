package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// MagicLinksEmailSend implements POST /v1/magic_links/email/send.
func (a *API) MagicLinksEmailSend(ctx context.Context, req gen.MagicLinksEmailSendRequestObject) (gen.MagicLinksEmailSendResponseObject, error) {
	b := req.Body
	out, err := a.svc.SendMagicLink(string(b.Email), flows.Target{UserID: b.UserId, SessionToken: b.SessionToken, SessionJWT: b.SessionJwt},
		flows.LinkOptions{LoginURL: deref(b.LoginMagicLinkUrl), SignupURL: deref(b.SignupMagicLinkUrl),
			LoginMinutes: b.LoginExpirationMinutes, SignupMinutes: b.SignupExpirationMinutes, CodeChallenge: deref(b.CodeChallenge)})
	if err != nil {
		return nil, err
	}
	return gen.MagicLinksEmailSend200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, UserId: out.UserID, EmailId: out.MethodID}, nil
}

// MagicLinksEmailLoginOrCreate implements POST /v1/magic_links/email/login_or_create.
func (a *API) MagicLinksEmailLoginOrCreate(ctx context.Context, req gen.MagicLinksEmailLoginOrCreateRequestObject) (gen.MagicLinksEmailLoginOrCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.LoginOrCreateMagicLink(string(b.Email), flows.LinkOptions{LoginURL: deref(b.LoginMagicLinkUrl),
		SignupURL: deref(b.SignupMagicLinkUrl), LoginMinutes: b.LoginExpirationMinutes, SignupMinutes: b.SignupExpirationMinutes,
		CodeChallenge: deref(b.CodeChallenge), Pending: deref(b.CreateUserAsPending)})
	if err != nil {
		return nil, err
	}
	return gen.MagicLinksEmailLoginOrCreate200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, UserId: out.UserID,
		EmailId: out.MethodID, UserCreated: out.UserCreated}, nil
}

// MagicLinksEmailInvite implements POST /v1/magic_links/email/invite.
func (a *API) MagicLinksEmailInvite(ctx context.Context, req gen.MagicLinksEmailInviteRequestObject) (gen.MagicLinksEmailInviteResponseObject, error) {
	b := req.Body
	out, err := a.svc.InviteMagicLink(string(b.Email), flows.LinkOptions{InviteURL: deref(b.InviteMagicLinkUrl),
		InviteMinutes: b.InviteExpirationMinutes, Name: nameIn(b.Name), TrustedMetadata: deref(b.TrustedMetadata),
		UntrustedMetadata: deref(b.UntrustedMetadata)})
	if err != nil {
		return nil, err
	}
	return gen.MagicLinksEmailInvite200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, UserId: out.UserID, EmailId: out.MethodID}, nil
}

// MagicLinksEmailRevokeInvite implements POST /v1/magic_links/email/revoke_invite.
func (a *API) MagicLinksEmailRevokeInvite(ctx context.Context, req gen.MagicLinksEmailRevokeInviteRequestObject) (gen.MagicLinksEmailRevokeInviteResponseObject, error) {
	if err := a.svc.RevokeInvite(string(req.Body.Email)); err != nil {
		return nil, err
	}
	return gen.MagicLinksEmailRevokeInvite200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200}, nil
}

// MagicLinksCreate implements POST /v1/magic_links (embeddable magic links).
func (a *API) MagicLinksCreate(ctx context.Context, req gen.MagicLinksCreateRequestObject) (gen.MagicLinksCreateResponseObject, error) {
	token, userID, err := a.svc.CreateEmbeddedLink(req.Body.UserId, req.Body.ExpirationMinutes)
	if err != nil {
		return nil, err
	}
	return gen.MagicLinksCreate200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, UserId: userID, Token: token}, nil
}

// MagicLinksAuthenticate implements POST /v1/magic_links/authenticate.
func (a *API) MagicLinksAuthenticate(ctx context.Context, req gen.MagicLinksAuthenticateRequestObject) (gen.MagicLinksAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticateMagicLink(b.Token, deref(b.CodeVerifier),
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJwt, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.MagicLinksAuthenticate200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, UserId: out.User.ID,
		MethodId: out.MethodID, User: userBody(&out.User), SessionToken: tok, SessionJwt: jwt, Session: sess}, nil
}
