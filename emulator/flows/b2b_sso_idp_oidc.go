package flows

import (
	"crypto/subtle"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The emulated OIDC provider of a connection: discovery, JWKS,
// authorization endpoint (no login page: the connection's identity signs
// in), token endpoint (authorization code with client_secret_basic or
// client_secret_post, PKCE) and UserInfo. Tokens are JWTs signed with the
// emulator's IdP key by go-jose.

// IdPError is an RFC 6749 error of the emulated OIDC provider (it is not
// Stytch: its errors are OAuth's, not Stytch error bodies).
type IdPError struct {
	Status            int
	Code, Description string
}

// Error implements error.
func (e *IdPError) Error() string { return e.Code + ": " + e.Description }

func idpErr(status int, code, desc string) *IdPError {
	return &IdPError{Status: status, Code: code, Description: desc}
}

// IdPDiscovery returns the discovery document of the OIDC provider of
// connection id at base.
func (s *Service) IdPDiscovery(base, id string) (map[string]any, error) {
	if _, c, err := s.SSOIdPApp(id); err != nil || c.Kind != store.SSOKindOIDC {
		return nil, E(ErrSSOConnectionNotFound, "The emulated identity provider knows no OIDC connection %s.", id)
	}
	iss := IdPIssuer(base, id)
	return map[string]any{
		"issuer": iss, "authorization_endpoint": iss + "/authorize", "token_endpoint": iss + "/token",
		"userinfo_endpoint": iss + "/userinfo", "jwks_uri": iss + "/jwks",
		"response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"}, "scopes_supported": []string{"openid", "email", "profile"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"code_challenge_methods_supported":      []string{"S256"}, "grant_types_supported": []string{"authorization_code"},
		"claims_supported": []string{"sub", "email", "email_verified", "name", "given_name", "family_name", "groups"},
	}, nil
}

// IdPJWKS returns the public key set of the emulated IdP.
func (s *Service) IdPJWKS() (*jose.JSONWebKeySet, error) {
	key, cert, err := s.SSOIdPSigner()
	if err != nil {
		return nil, err
	}
	return &jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: keyID(certificatePEM(cert)),
		Algorithm: string(jose.RS256), Use: "sig"}}}, nil
}

// IdPAuthorize is the authorization endpoint of the OIDC provider of
// connection id: for its client and registered redirect URI (the
// connection's redirect URL) it signs the identity in and returns the
// redirect with a code and the state; a bad client or redirect URI is an
// error shown to the browser, other errors go back on the redirect.
func (s *Service) IdPAuthorize(id string, q url.Values) (string, error) {
	app, c, err := s.SSOIdPApp(id)
	if err != nil {
		return "", err
	}
	switch {
	case c.Kind != store.SSOKindOIDC:
		return "", E(ErrSSOConnectionNotFound, "%s is not an OIDC connection.", id)
	case q.Get("client_id") != app.ClientID:
		return "", idpErr(400, "invalid_client", "The client_id is not registered with this identity provider.")
	case q.Get("redirect_uri") != CallbackURL(c):
		return "", idpErr(400, "invalid_request", "The redirect_uri is not the one registered for this client.")
	}
	back, _ := url.Parse(q.Get("redirect_uri"))
	reply := back.Query()
	if st := q.Get("state"); st != "" {
		reply.Set("state", st)
	}
	fail := func(code, desc string) (string, error) {
		reply.Set("error", code)
		reply.Set("error_description", desc)
		back.RawQuery = reply.Encode()
		return back.String(), nil
	}
	switch {
	case q.Get("response_type") != "code":
		return fail("unsupported_response_type", "Only the authorization code flow is supported.")
	case !slices.Contains(strings.Fields(q.Get("scope")), "openid"):
		return fail("invalid_scope", "The scope must include openid.")
	case q.Get("code_challenge") != "" && q.Get("code_challenge_method") != "S256":
		return fail("invalid_request", "Only the S256 code challenge method is supported.")
	}
	code := &store.SSOIdPCode{Code: store.NewToken(), ConnectionID: id, ClientID: app.ClientID, RedirectURI: q.Get("redirect_uri"),
		Nonce: q.Get("nonce"), Scope: q.Get("scope"), CodeChallenge: q.Get("code_challenge"), Identity: *s.idpIdentity(id)}
	err = s.Store.Update(func(tx *store.Tx) error {
		code.ExpiresAt = tx.Now.Add(SSOIdPCodeTTL)
		tx.B2B.SSO.IdPCodes.Put(code.Code, code)
		return nil
	})
	if err != nil {
		return "", err
	}
	reply.Set("code", code.Code)
	back.RawQuery = reply.Encode()
	return back.String(), nil
}

// IdPTokenRequest is a token request to the emulated OIDC provider.
type IdPTokenRequest struct {
	Form                 url.Values
	BasicUser, BasicPass string
	HasBasic             bool
}

// IdPToken is the token endpoint of the OIDC provider of connection id at
// base: it redeems an authorization code once, for the client it was
// issued to, with the same redirect URI and the PKCE verifier of its
// challenge, and returns an access token, an ID token (with the nonce) and
// the scope.
func (s *Service) IdPToken(base, id string, r IdPTokenRequest) (map[string]any, error) {
	app, _, err := s.SSOIdPApp(id)
	if err != nil {
		return nil, err
	}
	clientID, secret := r.Form.Get("client_id"), r.Form.Get("client_secret")
	if r.HasBasic {
		clientID, _ = url.QueryUnescape(r.BasicUser)
		secret, _ = url.QueryUnescape(r.BasicPass)
	}
	if clientID != app.ClientID || subtle.ConstantTimeCompare([]byte(secret), []byte(app.ClientSecret)) != 1 {
		return nil, idpErr(401, "invalid_client", "Client authentication failed.")
	}
	if r.Form.Get("grant_type") != "authorization_code" {
		return nil, idpErr(400, "unsupported_grant_type", "Only the authorization_code grant is supported.")
	}
	var code store.SSOIdPCode
	var now time.Time
	err = s.Store.Update(func(tx *store.Tx) error {
		now = tx.Now
		c := tx.B2B.SSO.IdPCodes.Get(r.Form.Get("code"))
		switch {
		case c == nil || c.ConnectionID != id || c.ClientID != clientID:
			return idpErr(400, "invalid_grant", "The authorization code is unknown.")
		case c.Used || !tx.Now.Before(c.ExpiresAt):
			return idpErr(400, "invalid_grant", "The authorization code was already used or has expired.")
		case r.Form.Get("redirect_uri") != c.RedirectURI:
			return idpErr(400, "invalid_grant", "The redirect_uri is not the one of the authorization request.")
		case c.CodeChallenge != "" && pkceChallenge(r.Form.Get("code_verifier")) != c.CodeChallenge:
			return idpErr(400, "invalid_grant", "The code_verifier does not match the code challenge.")
		}
		c.Used = true
		code = *store.DeepCopy(c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	iss := IdPIssuer(base, id)
	ident := code.Identity
	claims := identityClaims(&ident)
	claims["iss"], claims["aud"], claims["iat"], claims["exp"] = iss, clientID, now.Unix(), now.Add(SSOIdPTokenTTL).Unix()
	if code.Nonce != "" {
		claims["nonce"] = code.Nonce
	}
	idToken, err := s.idpSign(claims)
	if err != nil {
		return nil, err
	}
	access, err := s.idpSign(map[string]any{"iss": iss, "sub": ident.Subject, "aud": iss + "/userinfo", "client_id": clientID,
		"scope": code.Scope, "iat": now.Unix(), "exp": now.Add(SSOIdPTokenTTL).Unix(), "jti": store.NewToken()})
	if err != nil {
		return nil, err
	}
	return map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": int64(SSOIdPTokenTTL / time.Second),
		"id_token": idToken, "scope": code.Scope}, nil
}

// identityClaims are the standard claims of an identity.
func identityClaims(id *store.SSOIdentity) map[string]any {
	claims := map[string]any{}
	for k, v := range id.Attributes {
		claims[k] = v
	}
	claims["sub"], claims["email"], claims["email_verified"] = id.Subject, id.Email, true
	for k, v := range map[string]string{"name": id.Name, "given_name": id.FirstName, "family_name": id.LastName} {
		if v != "" {
			claims[k] = v
		}
	}
	if len(id.Groups) > 0 {
		claims["groups"] = slices.Clone(id.Groups)
	}
	return claims
}

// idpSign signs claims as an RS256 JWT with the IdP key.
func (s *Service) idpSign(claims map[string]any) (string, error) {
	key, cert, err := s.SSOIdPSigner()
	if err != nil {
		return "", err
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: keyID(certificatePEM(cert))}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	return jwt.Signed(signer).Claims(claims).Serialize()
}

// IdPUserInfo is the UserInfo endpoint of the OIDC provider of connection
// id at base: it verifies the bearer access token (signature, issuer,
// audience, expiry at the emulator's clock) and returns the identity's
// claims.
func (s *Service) IdPUserInfo(base, id, bearer string) (map[string]any, error) {
	key, _, err := s.SSOIdPSigner()
	if err != nil {
		return nil, err
	}
	tok, err := jwt.ParseSigned(bearer, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return nil, idpErr(401, "invalid_token", "The access token is malformed.")
	}
	var std jwt.Claims
	if err := tok.Claims(&key.PublicKey, &std); err != nil {
		return nil, idpErr(401, "invalid_token", "The access token signature is invalid.")
	}
	iss := IdPIssuer(base, id)
	if err := std.ValidateWithLeeway(jwt.Expected{Issuer: iss, AnyAudience: jwt.Audience{iss + "/userinfo"}, Time: s.Store.Now()}, 0); err != nil {
		return nil, idpErr(401, "invalid_token", "The access token is expired or not for this provider.")
	}
	app, _, err := s.SSOIdPApp(id)
	if err != nil {
		return nil, err
	}
	ident := s.idpIdentity(app.ConnectionID)
	if ident.Subject != std.Subject {
		return map[string]any{"sub": std.Subject}, nil
	}
	return identityClaims(ident), nil
}
