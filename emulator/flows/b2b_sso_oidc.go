package flows

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The relying-party side of OIDC connections: their updates (with the
// issuer's discovery document), the authorization request of a login, and
// the callback that exchanges the code and verifies the ID token with
// coreos/go-oidc. The HTTP requests to the identity provider go through the
// *http.Client the caller passes (the emulator's restricts them to itself
// and loopback hosts).

// defaultOIDCScopes are requested at every OIDC login.
const defaultOIDCScopes = "openid email profile"

// maxIdPDocument bounds what is read of an IdP answer.
const maxIdPDocument = 1 << 20

// OIDCUpdate is the input of SSO.OIDC.UpdateConnection; nil fields are
// left as they are.
type OIDCUpdate struct {
	DisplayName, ClientID, ClientSecret, Issuer, AuthorizationURL, TokenURL *string
	UserinfoURL, JWKSURL, IdentityProvider, CustomScopes                    *string
	AttributeMapping                                                        map[string]any
}

// OIDCDiscovery is what a connection takes from a discovery document.
type OIDCDiscovery struct {
	Issuer           string `json:"issuer"`
	AuthorizationURL string `json:"authorization_endpoint"`
	TokenURL         string `json:"token_endpoint"`
	UserinfoURL      string `json:"userinfo_endpoint"`
	JWKSURL          string `json:"jwks_uri"`
}

// DiscoverOIDC fetches issuer's discovery document
// (issuer/.well-known/openid-configuration) through client; the document
// must name the same issuer.
func DiscoverOIDC(ctx context.Context, client *http.Client, issuer string) (*OIDCDiscovery, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(issuer, "/")+"/.well-known/openid-configuration", nil)
	if err != nil {
		return nil, err
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the discovery document answered HTTP %d", res.StatusCode)
	}
	var d OIDCDiscovery
	if err := json.NewDecoder(io.LimitReader(res.Body, maxIdPDocument)).Decode(&d); err != nil {
		return nil, fmt.Errorf("the discovery document is not JSON: %w", err)
	}
	if d.Issuer != issuer {
		return nil, fmt.Errorf("the discovery document names issuer %q, not %q", d.Issuer, issuer)
	}
	return &d, nil
}

// UpdateOIDCConnection updates an OIDC connection (SSO.OIDC.UpdateConnection).
// disc, when not nil, is the new issuer's discovery document: its endpoints
// fill those the request does not set. The connection becomes active once
// the issuer, client credentials and endpoints are set.
func (s *Service) UpdateOIDCConnection(orgRef, id string, in OIDCUpdate, disc *OIDCDiscovery, caller B2BCaller) (*store.SSOConnection, error) {
	if in.Issuer != nil && *in.Issuer != "" && !httpURL(*in.Issuer) {
		return nil, E(ErrInvalidIssuer, "issuer must be an absolute http(s) URL.")
	}
	for _, u := range []struct {
		p *string
		t ErrorType
	}{{in.AuthorizationURL, ErrOIDCConnectionAuthorizationURLInvalidFormat}, {in.TokenURL, ErrOIDCConnectionTokenURLInvalidFormat},
		{in.UserinfoURL, ErrOIDCConnectionUserinfoURLInvalidFormat}, {in.JWKSURL, ErrOIDCConnectionJwksURLInvalidFormat}} {
		if u.p != nil && *u.p != "" && !httpURL(*u.p) {
			return nil, E(u.t, "Endpoint URLs must be absolute http(s) URLs.")
		}
	}
	var out *store.SSOConnection
	err := s.Store.Update(func(tx *store.Tx) error {
		_, c, err := s.orgConnection(tx, orgRef, id, store.SSOKindOIDC, caller, "update")
		if err != nil {
			return err
		}
		oc := c.OIDC
		if disc != nil {
			oc.AuthorizationURL, oc.TokenURL, oc.UserinfoURL, oc.JWKSURL = disc.AuthorizationURL, disc.TokenURL, disc.UserinfoURL, disc.JWKSURL
		}
		setStr(&c.DisplayName, in.DisplayName)
		setStr(&c.IdentityProvider, in.IdentityProvider)
		setStr(&oc.ClientID, in.ClientID)
		setStr(&oc.ClientSecret, in.ClientSecret)
		setStr(&oc.Issuer, in.Issuer)
		setStr(&oc.AuthorizationURL, in.AuthorizationURL)
		setStr(&oc.TokenURL, in.TokenURL)
		setStr(&oc.UserinfoURL, in.UserinfoURL)
		setStr(&oc.JWKSURL, in.JWKSURL)
		setStr(&oc.CustomScopes, in.CustomScopes)
		if in.AttributeMapping != nil {
			for k, v := range in.AttributeMapping {
				if _, ok := v.(string); !ok {
					return E(ErrBadRequest, "attribute_mapping.%s must be a string (the claim's name).", k)
				}
			}
			c.AttributeMapping = in.AttributeMapping
		}
		c.Status = connectionStatus(c)
		c.UpdatedAt = tx.Now
		out = store.DeepCopy(c)
		return nil
	})
	return out, err
}

// CheckOIDCConnection answers the not-found and RBAC errors of an update
// before the issuer is fetched.
func (s *Service) CheckOIDCConnection(orgRef, id string, caller B2BCaller) error {
	return s.Store.Update(func(tx *store.Tx) error {
		_, _, err := s.orgConnection(tx, orgRef, id, store.SSOKindOIDC, caller, "update")
		return err
	})
}

// oidcStart builds the authorization request of an OIDC login: the code
// flow with state (the flow id), a nonce and PKCE (S256), recorded in f.
func oidcStart(c *store.SSOConnection, f *store.SSOFlow) (string, error) {
	u, err := url.Parse(c.OIDC.AuthorizationURL)
	if err != nil {
		return "", E(ErrOIDCConnectionAuthorizationURLInvalidFormat, "The connection's authorization URL is invalid.")
	}
	f.Nonce, f.CodeVerifier = store.NewToken(), store.NewToken()
	scope := defaultOIDCScopes
	if c.OIDC.CustomScopes != "" {
		scope += " " + c.OIDC.CustomScopes
	}
	q := u.Query()
	q.Set("response_type", "code")
	q.Set("client_id", c.OIDC.ClientID)
	q.Set("redirect_uri", CallbackURL(c))
	q.Set("scope", strings.Join(strings.Fields(scope), " "))
	q.Set("state", f.ID)
	q.Set("nonce", f.Nonce)
	q.Set("code_challenge", pkceChallenge(f.CodeVerifier))
	q.Set("code_challenge_method", "S256")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// oidcTokens is the token endpoint's answer.
type oidcTokens struct {
	AccessToken  string `json:"access_token"`
	IDToken      string `json:"id_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int64  `json:"expires_in"`
	Scope        string `json:"scope"`
	Error        string `json:"error"`
	Description  string `json:"error_description"`
}

// OIDCCallback is the redirect URL of an OIDC connection (GET
// /v1/b2b/sso/callback/{connection_id}): for the login state names, it
// exchanges the code at the token endpoint (client_secret_basic, PKCE),
// verifies the ID token with go-oidc against the connection's JWKS
// (signature, issuer, audience, expiry at the emulator's clock) and its
// nonce, reads the UserInfo endpoint when there is one, and returns the
// login or sign-up URL with an SSO token.
func (s *Service) OIDCCallback(ctx context.Context, client *http.Client, id string, q url.Values) (string, error) {
	if e := q.Get("error"); e != "" {
		return "", E(ErrOIDCInvalidCallbackRequest, "The identity provider answered %s: %s.", e, q.Get("error_description"))
	}
	state, code := q.Get("state"), q.Get("code")
	switch {
	case state == "":
		return "", E(ErrMissingOIDCStateParam, "The callback carries no state parameter.")
	case code == "":
		return "", E(ErrOIDCInvalidCallbackRequest, "The callback carries no authorization code.")
	}
	var c store.SSOConnection
	var f store.SSOFlow
	var now time.Time
	err := s.Store.View(func(tx *store.Tx) error {
		now = tx.Now
		pc := tx.B2B.SSO.Connections.Peek(id)
		if pc == nil || pc.Kind != store.SSOKindOIDC {
			return E(ErrSSOConnectionNotFound, "No OIDC connection %s.", id)
		}
		lf := liveFlow(tx, state, pc.ID)
		if lf == nil {
			return E(ErrUnsolicitedOIDCResponse, "The state names no login of this connection (or it expired).")
		}
		c, f = *store.DeepCopy(pc), *lf
		return nil
	})
	if err != nil {
		return "", err
	}
	toks, err := exchangeCode(ctx, client, &c, &f, code)
	if err != nil {
		return "", err
	}
	claims, err := verifyIDToken(ctx, client, &c, &f, toks.IDToken, now)
	if err != nil {
		return "", err
	}
	if c.OIDC.UserinfoURL != "" && toks.AccessToken != "" {
		if err := mergeUserInfo(ctx, client, c.OIDC.UserinfoURL, toks.AccessToken, claims); err != nil {
			return "", err
		}
	}
	ident, err := oidcIdentity(&c, claims)
	if err != nil {
		return "", err
	}
	var target string
	err = s.Store.Update(func(tx *store.Tx) error {
		pc := tx.B2B.SSO.Connections.Peek(id)
		lf := liveFlow(tx, state, id)
		if pc == nil || lf == nil {
			return E(ErrUnsolicitedOIDCResponse, "The login was already completed or has expired.")
		}
		tok := &store.SSOToken{Kind: store.SSOKindOIDC, AccessToken: toks.AccessToken, RefreshToken: toks.RefreshToken,
			IDToken: toks.IDToken, Scopes: strings.Fields(toks.Scope), AccessTokenExpiresAt: tx.Now.Add(time.Duration(toks.ExpiresIn) * time.Second)}
		target = s.finishSSOCallback(tx, pc, lf, ident, tok)
		return nil
	})
	return target, err
}

// exchangeCode redeems code at the connection's token endpoint.
func exchangeCode(ctx context.Context, client *http.Client, c *store.SSOConnection, f *store.SSOFlow, code string) (*oidcTokens, error) {
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {CallbackURL(c)},
		"code_verifier": {f.CodeVerifier}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.OIDC.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, E(ErrOIDCAuthCodeError, "The connection's token URL is invalid.")
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(url.QueryEscape(c.OIDC.ClientID), url.QueryEscape(c.OIDC.ClientSecret))
	res, err := client.Do(req)
	if err != nil {
		return nil, E(ErrOIDCAuthCodeError, "The token endpoint could not be reached: %v.", err)
	}
	defer res.Body.Close()
	var t oidcTokens
	if err := json.NewDecoder(io.LimitReader(res.Body, maxIdPDocument)).Decode(&t); err != nil {
		return nil, E(ErrOIDCAuthCodeError, "The token endpoint answered HTTP %d without JSON.", res.StatusCode)
	}
	if res.StatusCode != http.StatusOK || t.Error != "" {
		return nil, E(ErrOIDCAuthCodeError, "The token endpoint refused the code (HTTP %d, %s: %s).", res.StatusCode, t.Error, t.Description)
	}
	if t.IDToken == "" {
		return nil, E(ErrIDTokenInvalid, "The token endpoint returned no id_token.")
	}
	return &t, nil
}

// verifyIDToken checks an ID token with go-oidc and returns its claims.
func verifyIDToken(ctx context.Context, client *http.Client, c *store.SSOConnection, f *store.SSOFlow, raw string, now time.Time) (map[string]any, error) {
	keys := oidc.NewRemoteKeySet(oidc.ClientContext(ctx, client), c.OIDC.JWKSURL)
	v := oidc.NewVerifier(c.OIDC.Issuer, keys, &oidc.Config{ClientID: c.OIDC.ClientID, Now: func() time.Time { return now }})
	tok, err := v.Verify(ctx, raw)
	if err != nil {
		var exp *oidc.TokenExpiredError
		switch {
		case errors.As(err, &exp):
			return nil, E(ErrIDTokenExpired, "The ID token expired at %s.", exp.Expiry.UTC().Format(time.RFC3339))
		case strings.Contains(err.Error(), "expected audience"):
			return nil, E(ErrIDTokenIncorrectAudience, "The ID token is not issued to the connection's client id.")
		}
		return nil, E(ErrIDTokenInvalid, "The ID token could not be verified: %v.", err)
	}
	if tok.Nonce != f.Nonce {
		return nil, E(ErrIDTokenNonceInvalid, "The ID token nonce does not match the login.")
	}
	claims := map[string]any{}
	if err := tok.Claims(&claims); err != nil {
		return nil, E(ErrIDTokenInvalid, "The ID token claims are not a JSON object.")
	}
	return claims, nil
}

// mergeUserInfo adds the UserInfo endpoint's claims to claims (its sub
// must be the ID token's).
func mergeUserInfo(ctx context.Context, client *http.Client, endpoint, accessToken string, claims map[string]any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return E(ErrIDTokenInvalid, "The connection's userinfo URL is invalid.")
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	res, err := client.Do(req)
	if err != nil {
		return E(ErrIDTokenInvalid, "The UserInfo endpoint could not be reached: %v.", err)
	}
	defer res.Body.Close()
	info := map[string]any{}
	if res.StatusCode != http.StatusOK || json.NewDecoder(io.LimitReader(res.Body, maxIdPDocument)).Decode(&info) != nil {
		return E(ErrIDTokenInvalid, "The UserInfo endpoint answered HTTP %d without a JSON object.", res.StatusCode)
	}
	if info["sub"] != claims["sub"] {
		return E(ErrIDTokenInvalid, "The UserInfo sub is not the ID token's.")
	}
	for k, v := range info {
		if _, ok := claims[k]; !ok {
			claims[k] = v
		}
	}
	return nil
}

// oidcIdentity reads who signed in from the claims: the standard claims
// (sub, email, given_name, family_name, name, groups), overridden by the
// connection's attribute mapping.
func oidcIdentity(c *store.SSOConnection, claims map[string]any) (store.SSOIdentity, error) {
	str := func(k string) string { v, _ := claims[k].(string); return v }
	ident := store.SSOIdentity{Subject: str("sub"), Email: str("email"), FirstName: str("given_name"), LastName: str("family_name"),
		Name: str("name"), Groups: attributeStrings(claims["groups"]), Attributes: map[string]any{}}
	for k, v := range claims {
		switch k {
		case "iss", "aud", "exp", "iat", "nbf", "nonce", "at_hash", "c_hash", "auth_time", "azp", "sid", "jti":
		default:
			ident.Attributes[k] = v
		}
	}
	mapped(c.AttributeMapping, claims, &ident)
	if ident.Email == "" || checkEmail(ident.Email) != nil {
		return ident, E(ErrOIDCResponseEmailMissing, "The identity provider returned no valid email address.")
	}
	ident.Email = strings.ToLower(ident.Email)
	if ident.Subject == "" {
		return ident, E(ErrIDTokenInvalid, "The ID token has no sub.")
	}
	return ident, nil
}
