package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"

	"github.com/stytchkit/stytchkit/gen"
)

// OAuthAttach implements POST /v1/oauth/attach.
func (a *API) OAuthAttach(ctx context.Context, req gen.OAuthAttachRequestObject) (gen.OAuthAttachResponseObject, error) {
	b := req.Body
	tok, err := a.svc.AttachOAuth(b.Provider, b.UserID, b.SessionToken, b.SessionJWT)
	if err != nil {
		return nil, err
	}
	return gen.OAuthAttach200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, OAuthAttachToken: tok}, nil
}

// OAuthAuthenticate implements POST /v1/oauth/authenticate. Tokens come from
// the emulated identity provider (GET /v1/public/oauth/{provider}/start, see
// emulator_routes.go). The session is returned as user_session, as Stytch
// does for backward compatibility.
func (a *API) OAuthAuthenticate(ctx context.Context, req gen.OAuthAuthenticateRequestObject) (gen.OAuthAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticateOAuth(b.Token, b.CodeVerifier,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(&out.Auth)
	t := out.Token
	expires := out.Now.Add(flows.OAuthProviderTTL)
	return gen.OAuthAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, UserSession: sess,
		OAuthUserRegistrationID: t.RegistrationID, ProviderSubject: t.Subject, ProviderType: out.ProviderType,
		ProviderValues: gen.ProviderValues{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, IDToken: t.IDToken,
			Scopes: append([]string{}, t.Scopes...), ExpiresAt: &expires},
		ResetSessions: false}, nil
}
