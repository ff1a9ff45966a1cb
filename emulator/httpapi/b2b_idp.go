package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// B2BImpersonationAuthenticate implements POST /v1/b2b/impersonation/authenticate.
// Tokens come from the emulator's control plane (POST
// /emulator/v1/impersonation with organization_id and member_id, see
// package control) in place of the dashboard.
func (a *API) B2BImpersonationAuthenticate(ctx context.Context, req gen.B2BImpersonationAuthenticateRequestObject) (gen.B2BImpersonationAuthenticateResponseObject, error) {
	out, err := a.svc.AuthenticateMemberImpersonation(req.Body.ImpersonationToken)
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BImpersonationAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		OrganizationID: out.Org.ID, Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken,
		SessionJWT: r.SessionJWT, MemberSession: r.MemberSession, MemberAuthenticated: r.MemberAuthenticated,
		IntermediateSessionToken: r.IntermediateSessionToken}, nil
}

// B2BIDPOAuthAuthorizeStart implements POST /v1/b2b/idp/oauth/authorize/start.
func (a *API) B2BIDPOAuthAuthorizeStart(ctx context.Context, req gen.B2BIDPOAuthAuthorizeStartRequestObject) (gen.B2BIDPOAuthAuthorizeStartResponseObject, error) {
	b := req.Body
	res, err := a.svc.MemberAuthorizeStart(flows.MemberAuthorizeRequest{OrgRef: b.OrganizationID,
		AuthorizeRequest: flows.AuthorizeRequest{ClientID: b.ClientID, RedirectURI: b.RedirectURI, ResponseType: b.ResponseType,
			Prompt: deref(b.Prompt), Scopes: b.Scopes, UserID: b.MemberID, SessionToken: b.SessionToken, SessionJWT: b.SessionJWT}})
	if err != nil {
		return nil, err
	}
	o := memberOut(&res.MemberResult)
	out := gen.B2BIDPOAuthAuthorizeStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization, ConsentRequired: res.ConsentRequired,
		ScopeResults: make([]gen.ScopeResult, 0, len(res.Scopes)),
		Client: gen.ConnectedAppPublic{ClientID: res.Client.ID, ClientName: res.Client.Name,
			ClientDescription: res.Client.Description, ClientType: gen.ConnectedAppClientType(res.Client.ClientType),
			LogoURL: optString(res.Client.LogoURL)}}
	for _, r := range res.Scopes {
		out.ScopeResults = append(out.ScopeResults, gen.ScopeResult{Scope: r.Scope, Description: r.Description, IsGrantable: r.Grantable})
	}
	return out, nil
}

// B2BIDPOAuthAuthorize implements POST /v1/b2b/idp/oauth/authorize.
func (a *API) B2BIDPOAuthAuthorize(ctx context.Context, req gen.B2BIDPOAuthAuthorizeRequestObject) (gen.B2BIDPOAuthAuthorizeResponseObject, error) {
	b := req.Body
	res, err := a.svc.MemberAuthorize(flows.MemberAuthorizeRequest{OrgRef: b.OrganizationID,
		AuthorizeRequest: flows.AuthorizeRequest{ClientID: b.ClientID, RedirectURI: b.RedirectURI, ResponseType: b.ResponseType,
			Prompt: deref(b.Prompt), Scopes: b.Scopes, UserID: b.MemberID, SessionToken: b.SessionToken, SessionJWT: b.SessionJWT,
			ConsentGranted: b.ConsentGranted, State: deref(b.State), Nonce: deref(b.Nonce), CodeChallenge: deref(b.CodeChallenge),
			Resources: b.Resources}})
	if err != nil {
		return nil, err
	}
	return gen.B2BIDPOAuthAuthorize200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, RedirectURI: res.RedirectURI,
		AuthorizationCode: optString(res.Code)}, nil
}
