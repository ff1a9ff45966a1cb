package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/gen"
)

// ImpersonationAuthenticate implements POST /v1/impersonation/authenticate.
// Tokens come from the emulator's control plane (POST
// /emulator/v1/impersonation, see package control) in place of the dashboard.
func (a *API) ImpersonationAuthenticate(ctx context.Context, req gen.ImpersonationAuthenticateRequestObject) (gen.ImpersonationAuthenticateResponseObject, error) {
	out, err := a.svc.AuthenticateImpersonation(req.Body.ImpersonationToken)
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.ImpersonationAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess}, nil
}
