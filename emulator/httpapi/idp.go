package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// IDPOAuthAuthorizeStart implements POST /v1/idp/oauth/authorize/start.
func (a *API) IDPOAuthAuthorizeStart(ctx context.Context, req gen.IDPOAuthAuthorizeStartRequestObject) (gen.IDPOAuthAuthorizeStartResponseObject, error) {
	b := req.Body
	res, err := a.svc.AuthorizeStart(flows.AuthorizeRequest{ClientID: b.ClientID, RedirectURI: b.RedirectURI,
		ResponseType: string(b.ResponseType), Prompt: deref(b.Prompt), Scopes: b.Scopes, UserID: b.UserID,
		SessionToken: b.SessionToken, SessionJWT: b.SessionJWT})
	if err != nil {
		return nil, err
	}
	out := gen.IDPOAuthAuthorizeStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: res.User.ID,
		User: userBody(&res.User), ConsentRequired: res.ConsentRequired, ScopeResults: make([]gen.ScopeResult, 0, len(res.Scopes)),
		Client: gen.ConnectedAppPublic{ClientID: res.Client.ID, ClientName: res.Client.Name,
			ClientDescription: res.Client.Description, ClientType: gen.ConnectedAppClientType(res.Client.ClientType),
			LogoURL: optString(res.Client.LogoURL)}}
	for _, r := range res.Scopes {
		out.ScopeResults = append(out.ScopeResults, gen.ScopeResult{Scope: r.Scope, Description: r.Description,
			IsGrantable: r.Grantable})
	}
	return out, nil
}

// IDPOAuthAuthorize implements POST /v1/idp/oauth/authorize.
func (a *API) IDPOAuthAuthorize(ctx context.Context, req gen.IDPOAuthAuthorizeRequestObject) (gen.IDPOAuthAuthorizeResponseObject, error) {
	b := req.Body
	res, err := a.svc.Authorize(flows.AuthorizeRequest{ClientID: b.ClientID, RedirectURI: b.RedirectURI,
		ResponseType: string(b.ResponseType), Prompt: deref(b.Prompt), Scopes: b.Scopes, UserID: b.UserID,
		SessionToken: b.SessionToken, SessionJWT: b.SessionJWT, ConsentGranted: b.ConsentGranted,
		State: deref(b.State), Nonce: deref(b.Nonce), CodeChallenge: deref(b.CodeChallenge), Resources: b.Resources})
	if err != nil {
		return nil, err
	}
	return gen.IDPOAuthAuthorize200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, RedirectURI: res.RedirectURI,
		AuthorizationCode: optString(res.Code)}, nil
}
