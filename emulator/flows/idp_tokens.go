package flows

import (
	"crypto/rsa"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// CodeExchange is an authorization_code grant at the token endpoint.
type CodeExchange struct {
	ProjectID, ClientID, ClientSecret, Code, RedirectURI, CodeVerifier string
}

// ExchangeAuthorizationCode redeems an authorization code from Authorize for
// a Connected App access token (RFC 6749 section 4.1.3). The client
// authenticates with its secret (confidential types) or not at all (public
// types); the code is single use and must come back with the same
// redirect_uri and, when it was issued with a code_challenge, the matching
// code_verifier. Failures are RFC 6749 errors (invalid_client,
// invalid_grant). The token endpoint routes grant_type=authorization_code
// here; refresh tokens are not issued by the emulator.
func (s *Service) ExchangeAuthorizationCode(in CodeExchange) (*AccessToken, error) {
	if err := s.checkProject(in.ProjectID); err != nil {
		return nil, err
	}
	var claims jwt.MapClaims
	var lifetime time.Duration
	err := s.Store.Update(func(tx *store.Tx) error {
		c, err := authenticateApp(tx, in.ClientID, in.ClientSecret)
		if err != nil {
			return err
		}
		tx.PruneIDP(tx.Now)
		key := store.HashSecret(in.Code)
		code := tx.IDP.Codes.Get(key)
		if code == nil || code.ClientID != c.ID {
			return errInvalidGrant("The authorization code is unknown, expired or already used.")
		}
		// Single use, whatever happens next.
		tx.KeepOnError(func(tx *store.Tx) { tx.IDP.Codes.Delete(key) })
		if code.RedirectURI != in.RedirectURI {
			return errInvalidGrant("redirect_uri does not match the authorization request.")
		}
		if checkPKCE(code.CodeChallenge, in.CodeVerifier) != nil {
			return errInvalidGrant("The code_verifier does not match the code_challenge.")
		}
		if !subjectLive(tx, code.UserID) || tx.ConnectedApps.Grants.Get(store.GrantKey(code.UserID, c.ID)) == nil {
			return errInvalidGrant("The user revoked this grant.")
		}
		lifetime = time.Duration(c.AccessTokenExpiryMinutes) * time.Minute
		jti := store.NewToken()
		aud := []string{s.ProjectID}
		if c.AccessTokenCustomAudience != "" {
			aud = append(aud, c.AccessTokenCustomAudience)
		}
		claims = jwt.MapClaims{"iss": s.Issuer(), "sub": code.UserID, "aud": aud, "client_id": c.ID,
			"scope": strings.Join(code.Scopes, " "), "iat": tx.Now.Unix(), "nbf": tx.Now.Unix(),
			"exp": tx.Now.Add(lifetime).Unix(), "jti": jti}
		if _, o := liveMember(tx, code.UserID); o != nil {
			claims[OrganizationClaimKey] = map[string]any{"organization_id": o.ID, "slug": o.Slug}
		}
		tx.IDP.Tokens.Put(jti, &store.IssuedToken{JTI: jti, ClientID: c.ID, UserID: code.UserID,
			Scopes: slices.Clone(code.Scopes), IssuedAt: tx.Now, ExpiresAt: tx.Now.Add(lifetime)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.signAccessToken(claims, lifetime)
}

// authenticateApp checks a Connected App's client credentials: confidential
// clients present their secret (current or next), public clients none.
func authenticateApp(tx *store.Tx, clientID, secret string) (*store.ConnectedApp, error) {
	c := tx.ConnectedApps.Clients.Get(clientID)
	switch {
	case c == nil:
		return nil, errInvalidClient("Client authentication failed: unknown client.")
	case c.Public() && secret != "":
		return nil, errInvalidClient("Public clients do not have a client_secret.")
	case !c.Public() && !c.Secrets.Matches(secret):
		return nil, errInvalidClient("Client authentication failed: wrong or missing client_secret.")
	}
	return c, nil
}

// IntrospectRequest is the body of IDPIntrospectTokenNetwork.
type IntrospectRequest struct {
	ProjectID, Token, ClientID, ClientSecret, TokenTypeHint string
}

// Introspection is an RFC 7662 answer; Claims is empty when the token is
// inactive.
type Introspection struct {
	Active bool
	Claims jwt.MapClaims
}

// IntrospectToken answers whether a Connected App access token this
// emulator issued to the calling client is active: signature, issuer and
// audience check out, it has not expired (emulator clock) and it was not
// revoked (Users.Revoke, client or user deleted). Bad client credentials
// are an invalid_client error; a bad token is only active=false.
func (s *Service) IntrospectToken(in IntrospectRequest) (*Introspection, error) {
	if err := s.checkProject(in.ProjectID); err != nil {
		return nil, err
	}
	if in.TokenTypeHint != "" && in.TokenTypeHint != "access_token" && in.TokenTypeHint != "refresh_token" {
		return nil, errInvalidRequest("token_type_hint must be access_token or refresh_token.")
	}
	out := &Introspection{}
	key, _ := s.Store.SigningKey() // before the transaction: the store lock is not reentrant
	err := s.Store.View(func(tx *store.Tx) error {
		if _, err := authenticateApp(tx, in.ClientID, in.ClientSecret); err != nil {
			return err
		}
		if claims, tok := s.liveAccessToken(tx, &key.PublicKey, in.Token); tok != nil && tok.ClientID == in.ClientID {
			out.Active, out.Claims = true, claims
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// liveAccessToken verifies a Connected App access token with pub (read
// before the transaction) and returns its claims and record, or nil when it
// is not active at tx.Now.
func (s *Service) liveAccessToken(tx *store.Tx, pub *rsa.PublicKey, token string) (jwt.MapClaims, *store.IssuedToken) {
	parsed, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		return nil, nil
	}
	claims, _ := parsed.Claims.(jwt.MapClaims)
	iss, _ := claims.GetIssuer()
	aud, _ := claims.GetAudience()
	exp, _ := claims.GetExpirationTime()
	jti, _ := claims["jti"].(string)
	if iss != s.Issuer() || !slices.Contains(aud, s.ProjectID) || exp == nil || !tx.Now.Before(exp.Time) {
		return nil, nil
	}
	rec := tx.IDP.Tokens.Get(jti)
	if rec == nil || !tx.Now.Before(rec.ExpiresAt) || !subjectLive(tx, rec.UserID) ||
		tx.ConnectedApps.Clients.Get(rec.ClientID) == nil ||
		tx.ConnectedApps.Grants.Get(store.GrantKey(rec.UserID, rec.ClientID)) == nil {
		return nil, nil
	}
	return claims, rec
}

// ExchangeAccessToken turns a live Connected App access token carrying the
// full_access scope into a session of its user
// (POST /v1/sessions/exchange_access_token). The session lasts
// req.DurationMinutes, 60 minutes when it is nil; the factor is
// {type oauth, delivery_method oauth_access_token_exchange,
// oauth_access_token_exchange_factor {client_id}}. Errors: 401
// invalid_access_token (unknown, expired, revoked or foreign token), 403
// missing_full_access_scope.
func (s *Service) ExchangeAccessToken(token string, req SessionRequest) (*Auth, error) {
	if req.DurationMinutes == nil {
		d := int32(60)
		req.DurationMinutes = &d
	}
	var out Auth
	key, _ := s.Store.SigningKey()
	err := s.Store.Update(func(tx *store.Tx) error {
		_, rec := s.liveAccessToken(tx, &key.PublicKey, token)
		if rec == nil {
			return E(ErrInvalidAccessToken, "The access token is invalid, expired or revoked.")
		}
		if !slices.Contains(rec.Scopes, FullAccessScope) {
			return E(ErrMissingFullAccessScope, "The access token must be granted the full_access scope.")
		}
		u := tx.Users.Get(rec.UserID)
		if u == nil { // a Member's token: Sessions.ExchangeAccessToken of the B2B API takes it
			return E(ErrInvalidAccessToken, "The access token was issued to a Member; exchange it with the B2B API.")
		}
		if _, err := s.CheckSession(tx, u, req); err != nil {
			return err
		}
		f := NewFactor(tx.Now, "oauth", "oauth_access_token_exchange", "oauth_access_token_exchange_factor",
			map[string]any{"client_id": rec.ClientID})
		return s.Attach(tx, u, f, req, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}
