package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// SessionsAuthenticate implements POST /v1/sessions/authenticate.
func (a *API) SessionsAuthenticate(ctx context.Context, req gen.SessionsAuthenticateRequestObject) (gen.SessionsAuthenticateResponseObject, error) {
	b := req.Body
	var check *flows.AuthzCheck
	if b.AuthorizationCheck != nil {
		check = &flows.AuthzCheck{ResourceID: b.AuthorizationCheck.ResourceID, Action: b.AuthorizationCheck.Action}
	}
	out, err := a.svc.AuthenticateSession(b.SessionToken, b.SessionJWT, b.SessionDurationMinutes, optMap(b.SessionCustomClaims), check)
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(&out.Auth)
	res := gen.SessionsAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, User: userBody(&out.User),
		SessionToken: tok, SessionJWT: jwt, Session: sess}
	if out.Verdict != nil {
		res.Verdict = &gen.AuthorizationVerdict{Authorized: out.Verdict.Authorized, GrantingRoles: out.Verdict.GrantingRoles}
	}
	return res, nil
}

// SessionsRevoke implements POST /v1/sessions/revoke.
func (a *API) SessionsRevoke(ctx context.Context, req gen.SessionsRevokeRequestObject) (gen.SessionsRevokeResponseObject, error) {
	if err := a.svc.RevokeSession(req.Body.SessionID, req.Body.SessionToken, req.Body.SessionJWT); err != nil {
		return nil, err
	}
	return gen.SessionsRevoke200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}

// SessionsGet implements GET /v1/sessions?user_id=.
func (a *API) SessionsGet(ctx context.Context, req gen.SessionsGetRequestObject) (gen.SessionsGetResponseObject, error) {
	list, roles, err := a.svc.UserSessions(req.Params.UserID)
	if err != nil {
		return nil, err
	}
	out := gen.SessionsGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Sessions: make([]gen.Session, 0, len(list))}
	for i := range list {
		out.Sessions = append(out.Sessions, *sessionBody(&list[i], roles))
	}
	return out, nil
}

// SessionsExchangeAccessToken implements POST /v1/sessions/exchange_access_token:
// a Connected App access token with the full_access scope, issued by this
// emulator, becomes a session of its user.
func (a *API) SessionsExchangeAccessToken(ctx context.Context, req gen.SessionsExchangeAccessTokenRequestObject) (gen.SessionsExchangeAccessTokenResponseObject, error) {
	b := req.Body
	out, err := a.svc.ExchangeAccessToken(b.AccessToken, sessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.SessionsExchangeAccessToken200JSONResponse](ctx, out), nil
}
