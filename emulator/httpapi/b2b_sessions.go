package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// B2BSessionsAuthenticate implements POST /v1/b2b/sessions/authenticate.
func (a *API) B2BSessionsAuthenticate(ctx context.Context, req gen.B2BSessionsAuthenticateRequestObject) (gen.B2BSessionsAuthenticateResponseObject, error) {
	b := req.Body
	var check *flows.B2BAuthzCheck
	if c := b.AuthorizationCheck; c != nil {
		check = &flows.B2BAuthzCheck{OrganizationID: c.OrganizationID, ResourceID: c.ResourceID, Action: c.Action}
	}
	out, err := a.svc.AuthenticateMemberSession(b.SessionToken, b.SessionJWT, b.SessionDurationMinutes, optMap(b.SessionCustomClaims), check)
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(&out.B2BAuth)
	res := gen.B2BSessionsAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberSession: r.MemberSession,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, Member: r.Member, Organization: r.Organization}
	if out.Verdict != nil {
		res.Verdict = &gen.AuthorizationVerdict{Authorized: out.Verdict.Authorized, GrantingRoles: out.Verdict.GrantingRoles}
	}
	return res, nil
}

// B2BSessionsGet implements GET /v1/b2b/sessions.
func (a *API) B2BSessionsGet(ctx context.Context, req gen.B2BSessionsGetRequestObject) (gen.B2BSessionsGetResponseObject, error) {
	out, err := a.svc.MemberSessions(req.Params.OrganizationID, req.Params.MemberID)
	if err != nil {
		return nil, err
	}
	res := gen.B2BSessionsGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		MemberSessions: make([]gen.MemberSession, 0, len(out.Sessions))}
	for i := range out.Sessions {
		res.MemberSessions = append(res.MemberSessions, *memberSessionBody(&out.Sessions[i].Session, out.Sessions[i].Roles, out.Slug))
	}
	return res, nil
}

// B2BSessionsRevoke implements POST /v1/b2b/sessions/revoke.
func (a *API) B2BSessionsRevoke(ctx context.Context, req gen.B2BSessionsRevokeRequestObject) (gen.B2BSessionsRevokeResponseObject, error) {
	b := req.Body
	if err := a.svc.RevokeMemberSessions(b.MemberSessionID, b.SessionToken, b.SessionJWT, b.MemberID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT)); err != nil {
		return nil, err
	}
	return gen.B2BSessionsRevoke200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}

// B2BSessionsExchange implements POST /v1/b2b/sessions/exchange.
func (a *API) B2BSessionsExchange(ctx context.Context, req gen.B2BSessionsExchangeRequestObject) (gen.B2BSessionsExchangeResponseObject, error) {
	b := req.Body
	out, err := a.svc.ExchangeMemberSession(b.OrganizationID, b.SessionToken, b.SessionJWT,
		memberSessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims, nil))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BSessionsExchange200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, Member: r.Member, Organization: r.Organization,
		MemberAuthenticated: r.MemberAuthenticated, IntermediateSessionToken: r.IntermediateSessionToken,
		MemberSession: r.MemberSession, MFARequired: r.MFARequired, PrimaryRequired: r.PrimaryRequired,
		IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt}, nil
}

// B2BSessionsExchangeAccessToken implements POST /v1/b2b/sessions/exchange_access_token.
func (a *API) B2BSessionsExchangeAccessToken(ctx context.Context, req gen.B2BSessionsExchangeAccessTokenRequestObject) (gen.B2BSessionsExchangeAccessTokenResponseObject, error) {
	b := req.Body
	out, err := a.svc.ExchangeMemberAccessToken(b.AccessToken, memberSessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims, nil))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BSessionsExchangeAccessToken200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, Member: r.Member, Organization: r.Organization,
		MemberSession: r.MemberSession}, nil
}

// B2BSessionsMigrate implements POST /v1/b2b/sessions/migrate.
func (a *API) B2BSessionsMigrate(ctx context.Context, req gen.B2BSessionsMigrateRequestObject) (gen.B2BSessionsMigrateResponseObject, error) {
	b := req.Body
	out, err := a.svc.MigrateMemberSession(b.SessionToken, b.OrganizationID,
		memberSessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims, nil))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BSessionsMigrate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, Member: r.Member, Organization: r.Organization,
		MemberSession: r.MemberSession}, nil
}

// B2BSessionsAttest implements POST /v1/b2b/sessions/attest.
func (a *API) B2BSessionsAttest(ctx context.Context, req gen.B2BSessionsAttestRequestObject) (gen.B2BSessionsAttestResponseObject, error) {
	b := req.Body
	out, err := a.svc.AttestMemberSession(b.ProfileID, b.Token, b.OrganizationID,
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, nil))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BSessionsAttest200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, Member: r.Member, Organization: r.Organization,
		MemberSession: r.MemberSession}, nil
}

// B2BSessionsGetJWKS implements GET /v1/b2b/sessions/jwks/{project_id}: the
// keys that sign member session JWTs (the Consumer sessions' key); no
// credentials are needed.
func (a *API) B2BSessionsGetJWKS(ctx context.Context, req gen.B2BSessionsGetJWKSRequestObject) (gen.B2BSessionsGetJWKSResponseObject, error) {
	out, err := a.jwks(ctx, req.ProjectID)
	if err != nil {
		return nil, err
	}
	return gen.B2BSessionsGetJWKS200JSONResponse{Keys: out.Keys, RequestID: out.RequestID, StatusCode: out.StatusCode}, nil
}
