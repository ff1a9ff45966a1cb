package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// IDPOAuthAuthorizeStart implements POST /v1/idp/oauth/authorize/start.
func (a *API) IDPOAuthAuthorizeStart(ctx context.Context, req gen.IDPOAuthAuthorizeStartRequestObject) (gen.IDPOAuthAuthorizeStartResponseObject, error) {
	b := req.Body
	res, err := a.svc.AuthorizeStart(flows.AuthorizeRequest{ClientID: b.ClientId, RedirectURI: b.RedirectUri,
		ResponseType: string(b.ResponseType), Prompt: deref(b.Prompt), Scopes: b.Scopes, UserID: b.UserId,
		SessionToken: b.SessionToken, SessionJWT: b.SessionJwt})
	if err != nil {
		return nil, err
	}
	out := gen.IDPOAuthAuthorizeStart200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, UserId: res.User.ID,
		User: userBody(&res.User), ConsentRequired: res.ConsentRequired, ScopeResults: make([]gen.ScopeResult, 0, len(res.Scopes)),
		Client: gen.ConnectedAppPublic{ClientId: res.Client.ID, ClientName: res.Client.Name,
			ClientDescription: res.Client.Description, ClientType: gen.ConnectedAppClientType(res.Client.ClientType),
			LogoUrl: optString(res.Client.LogoURL)}}
	for _, r := range res.Scopes {
		out.ScopeResults = append(out.ScopeResults, gen.ScopeResult{Scope: r.Scope, Description: optString(r.Description),
			IsGrantable: r.Grantable})
	}
	return out, nil
}

// IDPOAuthAuthorize implements POST /v1/idp/oauth/authorize.
func (a *API) IDPOAuthAuthorize(ctx context.Context, req gen.IDPOAuthAuthorizeRequestObject) (gen.IDPOAuthAuthorizeResponseObject, error) {
	b := req.Body
	res, err := a.svc.Authorize(flows.AuthorizeRequest{ClientID: b.ClientId, RedirectURI: b.RedirectUri,
		ResponseType: string(b.ResponseType), Prompt: deref(b.Prompt), Scopes: b.Scopes, UserID: b.UserId,
		SessionToken: b.SessionToken, SessionJWT: b.SessionJwt, ConsentGranted: b.ConsentGranted,
		State: deref(b.State), Nonce: deref(b.Nonce), CodeChallenge: deref(b.CodeChallenge), Resources: deref(b.Resources)})
	if err != nil {
		return nil, err
	}
	return gen.IDPOAuthAuthorize200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, RedirectUri: res.RedirectURI,
		AuthorizationCode: optString(res.Code)}, nil
}

// IDPIntrospectTokenNetwork implements POST /v1/public/{project_id}/oauth2/introspect
// (RFC 7662, form fields, no Basic auth). An inactive token is a 200 with
// active=false; bad client credentials are an RFC 6749 invalid_client.
func (a *API) IDPIntrospectTokenNetwork(ctx context.Context, req gen.IDPIntrospectTokenNetworkRequestObject) (gen.IDPIntrospectTokenNetworkResponseObject, error) {
	if req.Body == nil {
		return nil, flows.E(400, "invalid_request", "The request needs form fields token and client_id.")
	}
	b := req.Body
	hint := ""
	if b.TokenTypeHint != nil {
		hint = string(*b.TokenTypeHint)
	}
	res, err := a.svc.IntrospectToken(flows.IntrospectRequest{ProjectID: req.ProjectId, Token: b.Token,
		ClientID: b.ClientId, ClientSecret: deref(b.ClientSecret), TokenTypeHint: hint})
	if err != nil {
		return nil, err
	}
	reqID, status := RequestID(ctx), int32(200)
	out := gen.IDPIntrospectTokenNetwork200JSONResponse{Active: res.Active, RequestId: &reqID, StatusCode: &status}
	if !res.Active {
		return out, nil
	}
	c := res.Claims
	str := func(k string) *string { s, _ := c[k].(string); return optString(s) }
	num := func(k string) *int64 {
		if f, ok := c[k].(float64); ok {
			n := int64(f)
			return &n
		}
		return nil
	}
	aud, _ := c.GetAudience()
	audience := append([]string{}, aud...)
	tokenType := "access_token"
	out.Sub, out.Scope, out.Iss, out.ClientId, out.Jti = str("sub"), str("scope"), str("iss"), str("client_id"), str("jti")
	out.Exp, out.Iat, out.Nbf = num("exp"), num("iat"), num("nbf")
	out.Aud, out.TokenType = &audience, &tokenType
	return out, nil
}
