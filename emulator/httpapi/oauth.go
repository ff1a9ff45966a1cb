package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"

	"github.com/stytchkit/stytchkit/gen"
)

// OAuthAttach implements POST /v1/oauth/attach.
func (a *API) OAuthAttach(ctx context.Context, req gen.OAuthAttachRequestObject) (gen.OAuthAttachResponseObject, error) {
	b := req.Body
	tok, err := a.svc.AttachOAuth(b.Provider, b.UserId, b.SessionToken, b.SessionJwt)
	if err != nil {
		return nil, err
	}
	return gen.OAuthAttach200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, OauthAttachToken: tok}, nil
}

// OAuthAuthenticate implements POST /v1/oauth/authenticate. Tokens come from
// the emulated identity provider (GET /v1/public/oauth/{provider}/start, see
// emulator_routes.go). The session is returned as user_session, as Stytch
// does for backward compatibility.
func (a *API) OAuthAuthenticate(ctx context.Context, req gen.OAuthAuthenticateRequestObject) (gen.OAuthAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticateOAuth(b.Token, b.CodeVerifier,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJwt, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(&out.Auth)
	t := out.Token
	expires := out.Now.Add(flows.OAuthProviderTTL)
	return gen.OAuthAuthenticate200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, UserId: out.User.ID,
		User: userBody(&out.User), SessionToken: tok, SessionJwt: jwt, UserSession: sess,
		OauthUserRegistrationId: t.RegistrationID, ProviderSubject: t.Subject, ProviderType: out.ProviderType,
		ProviderValues: gen.ProviderValues{AccessToken: t.AccessToken, RefreshToken: &t.RefreshToken, IdToken: &t.IDToken,
			Scopes: append([]string{}, t.Scopes...), ExpiresAt: &expires},
		ResetSessions: false}, nil
}
