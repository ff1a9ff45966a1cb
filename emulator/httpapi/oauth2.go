package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"math/big"
	"net/http"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// The Connected Apps and M2M OAuth 2.0 endpoints. Each is served twice, as
// Stytch does: on the API host under /v1/public/{project_id}/... and on the
// project domain under /v1/oauth2/... and /.well-known/...; both forms share
// one implementation here. Client credentials come in the body
// (client_secret_post) or in an HTTP Basic header (client_secret_basic).

// requestInfo is what the OAuth2 handlers need of the HTTP request beyond
// its parsed body: the URL the emulator is reached at and the credentials
// in the Authorization header.
type requestInfo struct {
	base                 string // scheme://host
	basicUser, basicPass string
	hasBasic             bool
	bearer               string
	testIdentity         string   // the emulator-only test_identity query parameter
	testTenants          []string // the emulator-only test_tenant query parameters (B2B OAuth)
}

const requestInfoKey ctxKey = 2

// withRequestInfo records r's base URL and Authorization header in ctx.
func withRequestInfo(ctx context.Context, r *http.Request) context.Context {
	info := requestInfo{base: "http://" + r.Host}
	if r.TLS != nil {
		info.base = "https://" + r.Host
	}
	info.basicUser, info.basicPass, info.hasBasic = r.BasicAuth()
	if auth := r.Header.Get("Authorization"); len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		info.bearer = strings.TrimSpace(auth[7:])
	}
	info.testIdentity = r.URL.Query().Get("test_identity")
	info.testTenants = r.URL.Query()["test_tenant"]
	return context.WithValue(ctx, requestInfoKey, info)
}

func infoOf(ctx context.Context) requestInfo {
	info, _ := ctx.Value(requestInfoKey).(requestInfo)
	return info
}

// clientCredentials merges the client credentials of the body and of an
// HTTP Basic header; RFC 6749 (section 2.3) forbids using both.
func clientCredentials(ctx context.Context, id, secret *string) (string, string, error) {
	info := infoOf(ctx)
	if !info.hasBasic {
		return deref(id), deref(secret), nil
	}
	if (id != nil && *id != "" && *id != info.basicUser) || (secret != nil && *secret != "") {
		return "", "", flows.E(flows.ErrInvalidRequest,
			"Send the client credentials either in the body or in an HTTP Basic header, not both.")
	}
	return info.basicUser, info.basicPass, nil
}

// token runs the token endpoint for either path.
func (a *API) token(ctx context.Context, projectID string, form, json *gen.M2MTokenRequest) (*gen.M2MTokenResponse, error) {
	b := form
	if b == nil {
		b = json
	}
	if b == nil {
		return nil, flows.E(flows.ErrInvalidRequest,
			"The request needs a form or JSON body with grant_type and the client credentials.")
	}
	clientID, secret, err := clientCredentials(ctx, b.ClientID, b.ClientSecret)
	if err != nil {
		return nil, err
	}
	var tok *flows.AccessToken
	switch b.GrantType {
	case gen.M2MTokenRequestGrantTypeAuthorizationCode: // Connected Apps (IdP) share this endpoint
		tok, err = a.svc.ExchangeAuthorizationCode(flows.CodeExchange{ProjectID: projectID, ClientID: clientID,
			ClientSecret: secret, Code: deref(b.Code), RedirectURI: deref(b.RedirectURI), CodeVerifier: deref(b.CodeVerifier)})
	default:
		tok, err = a.svc.M2MToken(flows.TokenRequest{ProjectID: projectID, GrantType: string(b.GrantType),
			ClientID: clientID, ClientSecret: secret, Scope: deref(b.Scope)})
	}
	if err != nil {
		return nil, err
	}
	return &gen.M2MTokenResponse{AccessToken: tok.AccessToken, TokenType: tok.TokenType, ExpiresIn: int32(tok.ExpiresIn),
		Scope: optString(tok.Scope), RequestID: new(RequestID(ctx)), StatusCode: new(int32(200))}, nil
}

// M2MToken implements POST /v1/public/{project_id}/oauth2/token.
func (a *API) M2MToken(ctx context.Context, req gen.M2MTokenRequestObject) (gen.M2MTokenResponseObject, error) {
	out, err := a.token(ctx, req.ProjectID, req.FormdataBody, req.JSONBody)
	if err != nil {
		return nil, err
	}
	return gen.M2MToken200JSONResponse(*out), nil
}

// M2MTokenProjectDomain implements POST /v1/oauth2/token.
func (a *API) M2MTokenProjectDomain(ctx context.Context, req gen.M2MTokenProjectDomainRequestObject) (gen.M2MTokenProjectDomainResponseObject, error) {
	out, err := a.token(ctx, a.svc.ProjectID, req.FormdataBody, req.JSONBody)
	if err != nil {
		return nil, err
	}
	return gen.M2MTokenProjectDomain200JSONResponse(*out), nil
}

// introspect runs RFC 7662 introspection for either path. An inactive token
// is a 200 with active=false; bad client credentials are invalid_client.
func (a *API) introspect(ctx context.Context, projectID string, b *gen.IDPIntrospectTokenNetworkRequest) (*gen.IDPIntrospectTokenNetworkResponse, error) {
	if b == nil {
		return nil, flows.E(flows.ErrInvalidRequest, "The request needs form fields token and the client credentials.")
	}
	clientID, secret, err := clientCredentials(ctx, b.ClientID, b.ClientSecret)
	if err != nil {
		return nil, err
	}
	hint := hintOf(b.TokenTypeHint)
	res, err := a.svc.IntrospectToken(flows.IntrospectRequest{ProjectID: projectID, Token: b.Token,
		ClientID: clientID, ClientSecret: secret, TokenTypeHint: hint})
	if err != nil {
		return nil, err
	}
	out := &gen.IDPIntrospectTokenNetworkResponse{Active: res.Active, RequestID: new(RequestID(ctx)), StatusCode: new(int32(200))}
	if !res.Active {
		return out, nil
	}
	c := res.Claims
	str := func(k string) *string { s, _ := c[k].(string); return optString(s) }
	num := func(k string) *int64 {
		if f, ok := c[k].(float64); ok {
			return new(int64(f))
		}
		return nil
	}
	aud, _ := c.GetAudience()
	out.Sub, out.Scope, out.Iss, out.ClientID, out.Jti = str("sub"), str("scope"), str("iss"), str("client_id"), str("jti")
	out.Exp, out.Iat, out.Nbf = num("exp"), num("iat"), num("nbf")
	out.Aud, out.TokenType = append([]string{}, aud...), new("access_token")
	return out, nil
}

// IDPIntrospectTokenNetwork implements POST /v1/public/{project_id}/oauth2/introspect.
func (a *API) IDPIntrospectTokenNetwork(ctx context.Context, req gen.IDPIntrospectTokenNetworkRequestObject) (gen.IDPIntrospectTokenNetworkResponseObject, error) {
	out, err := a.introspect(ctx, req.ProjectID, req.Body)
	if err != nil {
		return nil, err
	}
	return gen.IDPIntrospectTokenNetwork200JSONResponse(*out), nil
}

// IDPIntrospectTokenNetworkProjectDomain implements POST /v1/oauth2/introspect.
func (a *API) IDPIntrospectTokenNetworkProjectDomain(ctx context.Context, req gen.IDPIntrospectTokenNetworkProjectDomainRequestObject) (gen.IDPIntrospectTokenNetworkProjectDomainResponseObject, error) {
	out, err := a.introspect(ctx, a.svc.ProjectID, req.Body)
	if err != nil {
		return nil, err
	}
	return gen.IDPIntrospectTokenNetworkProjectDomain200JSONResponse(*out), nil
}

// hintOf is a token_type_hint, or "" without one.
func hintOf[T ~string](h *T) string {
	if h == nil {
		return ""
	}
	return string(*h)
}

// revoke runs RFC 7009 revocation for either path.
func (a *API) revoke(ctx context.Context, projectID string, b *gen.IDPRevokeTokenRequest) (*gen.IDPRevokeTokenResponse, error) {
	if b == nil {
		return nil, flows.E(flows.ErrInvalidRequest, "The request needs form fields token and the client credentials.")
	}
	clientID, secret, err := clientCredentials(ctx, b.ClientID, b.ClientSecret)
	if err != nil {
		return nil, err
	}
	hint := hintOf(b.TokenTypeHint)
	if err := a.svc.RevokeToken(flows.RevokeRequest{ProjectID: projectID, Token: b.Token, ClientID: clientID,
		ClientSecret: secret, TokenTypeHint: hint}); err != nil {
		return nil, err
	}
	return &gen.IDPRevokeTokenResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}

// IDPRevokeToken implements POST /v1/public/{project_id}/oauth2/revoke.
func (a *API) IDPRevokeToken(ctx context.Context, req gen.IDPRevokeTokenRequestObject) (gen.IDPRevokeTokenResponseObject, error) {
	out, err := a.revoke(ctx, req.ProjectID, req.Body)
	if err != nil {
		return nil, err
	}
	return gen.IDPRevokeToken200JSONResponse(*out), nil
}

// IDPRevokeTokenProjectDomain implements POST /v1/oauth2/revoke.
func (a *API) IDPRevokeTokenProjectDomain(ctx context.Context, req gen.IDPRevokeTokenProjectDomainRequestObject) (gen.IDPRevokeTokenProjectDomainResponseObject, error) {
	out, err := a.revoke(ctx, a.svc.ProjectID, req.Body)
	if err != nil {
		return nil, err
	}
	return gen.IDPRevokeTokenProjectDomain200JSONResponse(*out), nil
}

// IDPUserInfo implements GET /v1/oauth2/userinfo (a bearer access token).
func (a *API) IDPUserInfo(ctx context.Context, _ gen.IDPUserInfoRequestObject) (gen.IDPUserInfoResponseObject, error) {
	token := infoOf(ctx).bearer
	if token == "" {
		return nil, flows.E(flows.ErrInvalidToken, "Send the access token as Authorization: Bearer <token>.")
	}
	claims, err := a.svc.UserInfo(token)
	if err != nil {
		return nil, err
	}
	out := gen.IDPUserInfo200JSONResponse{Sub: claims["sub"].(string), RequestID: new(RequestID(ctx)), StatusCode: new(int32(200))}
	str := func(k string) *string { s, _ := claims[k].(string); return optString(s) }
	boolean := func(k string) *bool {
		if b, ok := claims[k].(bool); ok {
			return new(b)
		}
		return nil
	}
	out.Name, out.GivenName, out.FamilyName = str("name"), str("given_name"), str("family_name")
	out.Email, out.EmailVerified = str("email"), boolean("email_verified")
	out.PhoneNumber, out.PhoneNumberVerified = str("phone_number"), boolean("phone_number_verified")
	return out, nil
}

// openIDConfiguration is the OpenID Provider metadata for the URL the
// emulator is reached at.
func (a *API) openIDConfiguration(ctx context.Context) gen.IDPOpenIDConfigurationResponse {
	d := a.svc.Discovery(infoOf(ctx).base)
	return gen.IDPOpenIDConfigurationResponse{Issuer: d.Issuer, AuthorizationEndpoint: d.Authorization,
		TokenEndpoint: d.Token, UserinfoEndpoint: d.UserInfo, JWKSURI: d.JWKS, RevocationEndpoint: new(d.Revocation),
		IntrospectionEndpoint: new(d.Introspection), ResponseTypesSupported: []string{"code"},
		SubjectTypesSupported: []string{"public"}, IDTokenSigningAlgValuesSupported: []string{"RS256"},
		ScopesSupported: d.Scopes, GrantTypesSupported: []string{"authorization_code", "refresh_token", "client_credentials"},
		TokenEndpointAuthMethodsSupported: []string{"client_secret_basic", "client_secret_post", "none"},
		CodeChallengeMethodsSupported:     []string{"S256"}, RequestID: new(RequestID(ctx)), StatusCode: new(int32(200))}
}

// IDPGetOpenIDConfiguration implements GET /v1/public/{project_id}/.well-known/openid-configuration.
func (a *API) IDPGetOpenIDConfiguration(ctx context.Context, req gen.IDPGetOpenIDConfigurationRequestObject) (gen.IDPGetOpenIDConfigurationResponseObject, error) {
	if req.ProjectID != a.svc.ProjectID {
		return nil, flows.E(flows.ErrProjectNotFound, "No project with this project_id.")
	}
	return gen.IDPGetOpenIDConfiguration200JSONResponse(a.openIDConfiguration(ctx)), nil
}

// IDPGetOpenIDConfigurationProjectDomain implements GET /.well-known/openid-configuration.
func (a *API) IDPGetOpenIDConfigurationProjectDomain(ctx context.Context, _ gen.IDPGetOpenIDConfigurationProjectDomainRequestObject) (gen.IDPGetOpenIDConfigurationProjectDomainResponseObject, error) {
	return gen.IDPGetOpenIDConfigurationProjectDomain200JSONResponse(a.openIDConfiguration(ctx)), nil
}

// IDPGetAuthorizationServerMetadata implements GET /.well-known/oauth-authorization-server.
func (a *API) IDPGetAuthorizationServerMetadata(ctx context.Context, _ gen.IDPGetAuthorizationServerMetadataRequestObject) (gen.IDPGetAuthorizationServerMetadataResponseObject, error) {
	c := a.openIDConfiguration(ctx)
	return gen.IDPGetAuthorizationServerMetadata200JSONResponse{Issuer: c.Issuer, AuthorizationEndpoint: c.AuthorizationEndpoint,
		TokenEndpoint: c.TokenEndpoint, JWKSURI: c.JWKSURI, RevocationEndpoint: c.RevocationEndpoint,
		IntrospectionEndpoint: c.IntrospectionEndpoint, ResponseTypesSupported: c.ResponseTypesSupported,
		GrantTypesSupported: c.GrantTypesSupported, TokenEndpointAuthMethodsSupported: c.TokenEndpointAuthMethodsSupported,
		ScopesSupported: c.ScopesSupported, CodeChallengeMethodsSupported: c.CodeChallengeMethodsSupported,
		RequestID: c.RequestID, StatusCode: c.StatusCode}, nil
}

// jwks is the key set in its wire form.
func (a *API) jwks(ctx context.Context, projectID string) (*gen.SessionsGetJWKSResponse, error) {
	keys, err := a.svc.JWKS(projectID)
	if err != nil {
		return nil, err
	}
	out := &gen.SessionsGetJWKSResponse{RequestID: RequestID(ctx), StatusCode: 200, Keys: make([]gen.JWK, 0, len(keys))}
	for _, k := range keys {
		sum := sha256.Sum256(k.Certificate)
		out.Keys = append(out.Keys, gen.JWK{Kty: "RSA", Alg: "RS256", Kid: k.Kid, Use: "sig", KeyOps: []string{"verify"},
			N:   base64.RawURLEncoding.EncodeToString(k.Key.N.Bytes()),
			E:   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.Key.E)).Bytes()),
			X5C: []string{base64.StdEncoding.EncodeToString(k.Certificate)}, X5TS256: base64.RawURLEncoding.EncodeToString(sum[:])})
	}
	return out, nil
}

// SessionsGetJWKS implements GET /v1/sessions/jwks/{project_id}: no
// credentials are needed.
func (a *API) SessionsGetJWKS(ctx context.Context, req gen.SessionsGetJWKSRequestObject) (gen.SessionsGetJWKSResponseObject, error) {
	out, err := a.jwks(ctx, req.ProjectID)
	if err != nil {
		return nil, err
	}
	return gen.SessionsGetJWKS200JSONResponse(*out), nil
}

// IDPGetJWKS implements GET /.well-known/jwks.json.
func (a *API) IDPGetJWKS(ctx context.Context, _ gen.IDPGetJWKSRequestObject) (gen.IDPGetJWKSResponseObject, error) {
	out, err := a.jwks(ctx, a.svc.ProjectID)
	if err != nil {
		return nil, err
	}
	return gen.IDPGetJWKS200JSONResponse(*out), nil
}

// OAuthStart implements GET /v1/public/oauth/{provider}/start: the
// emulator plays the identity provider, so the browser goes straight back
// to the login or sign-up redirect URL with ?stytch_token_type=oauth&token=...
// Beyond Stytch's query parameters it takes test_identity (an email address
// or provider subject; default flows.DefaultOAuthIdentity) to choose who
// signs in.
func (a *API) OAuthStart(ctx context.Context, req gen.OAuthStartRequestObject) (gen.OAuthStartResponseObject, error) {
	p := req.Params
	scopes := strings.FieldsFunc(deref(p.CustomScopes), func(c rune) bool { return c == ',' || c == ' ' })
	target, err := a.svc.StartOAuth(flows.OAuthStartInput{Provider: string(req.Provider), Identity: infoOf(ctx).testIdentity,
		LoginRedirectURL: deref(p.LoginRedirectURL), SignupRedirectURL: deref(p.SignupRedirectURL),
		CodeChallenge: deref(p.CodeChallenge), AttachToken: deref(p.OAuthAttachToken), Scopes: scopes})
	if err != nil {
		return nil, err
	}
	return gen.OAuthStart302JSONResponse{Headers: gen.OAuthStart302ResponseHeaders{Location: &target},
		Body: gen.OAuthStartRedirect{StatusCode: 302, RequestID: RequestID(ctx), RedirectURL: target}}, nil
}
