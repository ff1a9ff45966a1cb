package stytch

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"time"

	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// M2MAuthResult is what a verified M2M access token proves.
type M2MAuthResult struct {
	// ClientID is the M2M client the token was issued to (its sub).
	ClientID string
	// Scopes are the scopes the token grants.
	Scopes []string
	// CustomClaims holds the token's custom claims (nil when none).
	CustomClaims map[string]any
	// RawCustomClaims holds the same as one JSON object (nil when none).
	RawCustomClaims json.RawMessage
	// IssuedAt, NotBefore and ExpiresAt are the token's iat, nbf and exp.
	IssuedAt, NotBefore, ExpiresAt time.Time
}

// DecodeCustomClaims unmarshals the token's custom claims into v, a pointer
// to the caller's struct or map. Without custom claims v is left as it is.
func (r *M2MAuthResult) DecodeCustomClaims(v any) error {
	if err := claimsTarget(v); err != nil {
		return err
	}
	if r.RawCustomClaims == nil {
		return nil
	}
	return json.Unmarshal(r.RawCustomClaims, v)
}

// AuthenticateToken verifies an M2M access token locally, like
// Sessions.AuthenticateJWTLocal (same JWKS, issuer, audience and time
// checks; no request once the keys are cached), then checks that it grants
// every scope of requiredScopes with Stytch's rules: "action:resource" is
// granted by itself or by "action:*"; there is no wildcard on the action;
// other scopes match exactly. WithScopeAuthorizer replaces those rules;
// WithMaxTokenAge and WithLeeway apply as for session JWTs.
//
// A missing scope is a 403 *APIError of type ErrorTypeM2MAuthorizationError
// wrapping a *ScopeError (errors.Is ErrMissingScope); verification failures
// are *JWTError. A session JWT is refused as ErrJWTMalformed.
func (s *M2MService) AuthenticateToken(ctx context.Context, token string, requiredScopes []string, opts ...JWTOption) (*M2MAuthResult, error) {
	var o jwtOpts
	if err := o.apply(opts, false); err != nil {
		return nil, err
	}
	switch {
	case ctx == nil:
		return nil, &ValidationError{Field: "ctx", Reason: "must not be nil"}
	case token == "":
		return nil, &ValidationError{Field: "token", Reason: "must not be empty"}
	}
	v, err := s.c.verifier()
	if err != nil {
		return nil, err
	}
	out, m, err := jwtauth.VerifyM2MWith[M2MAuthResult](ctx, v, token, jwtauth.M2MOptions{
		RequiredScopes: requiredScopes, MaxTokenAge: o.maxAge, Leeway: o.leeway, Authorize: o.authorize,
	})
	if err != nil {
		var se *ScopeError
		if o.authorize == nil && errors.As(err, &se) {
			return nil, &APIError{StatusCode: http.StatusForbidden, ErrorType: ErrorTypeM2MAuthorizationError,
				ErrorMessage: "the M2M token does not grant the scope " + se.Missing, cause: err}
		}
		return nil, err
	}
	*out = M2MAuthResult{ClientID: m.ClientID, Scopes: m.Scopes, CustomClaims: m.CustomClaims,
		RawCustomClaims: m.RawCustomClaims, IssuedAt: m.IssuedAt, NotBefore: m.NotBefore, ExpiresAt: m.ExpiresAt}
	return out, nil
}

// Token gets an access token for an M2M client with the OAuth 2.0
// client_credentials grant, from the client's in-memory cache when it holds
// one for the same client id, secret and set of scopes (order and duplicates
// do not matter; nil asks for every scope of the client). A cached token is
// renewed before it runs out (at 80% of its lifetime, or one minute before
// expiry), concurrent callers share one request, and when a renewal fails the
// cached token is served until it expires. ExpiresIn is the remaining
// lifetime in seconds; RequestID is that of the request that issued the token.
//
// The request is form-encoded, carries no project Basic auth, and fails with
// *OAuth2Error. Use InvalidateToken after a token was refused.
//
// POST /v1/public/{project_id}/oauth2/token
func (s *M2MService) Token(ctx context.Context, clientID, clientSecret string, scopes []string) (*M2MTokenResponse, error) {
	if err := validateTokenArgs(ctx, clientID, clientSecret); err != nil {
		return nil, err
	}
	t, err := s.c.tokenCache().Get(ctx, jwtauth.TokenRequest{ClientID: clientID, ClientSecret: clientSecret, Scopes: scopes})
	if err != nil {
		return nil, err
	}
	left := t.ExpiresAt.Sub(s.c.auth.now()).Seconds()
	r := &M2MTokenResponse{AccessToken: t.AccessToken, TokenType: "bearer",
		ExpiresIn: int32(max(0, min(math.Ceil(left), math.MaxInt32))), StatusCode: new(int32(http.StatusOK))}
	if t.Scope != "" {
		r.Scope = new(t.Scope)
	}
	if t.RequestID != "" {
		r.RequestID = new(t.RequestID)
	}
	return r, nil
}

// InvalidateToken drops the cached token of M2M.Token for these arguments,
// so that the next call fetches a new one (e.g. after an API refused it).
func (s *M2MService) InvalidateToken(clientID, clientSecret string, scopes []string) {
	s.c.tokenCache().Forget(jwtauth.TokenRequest{ClientID: clientID, ClientSecret: clientSecret, Scopes: scopes})
}

// tokenCache returns the Client's M2M token cache, created on first use.
func (c *Client) tokenCache() *jwtauth.TokenCache {
	a := &c.auth
	a.tokensOnce.Do(func() {
		opts := []jwtauth.TokenCacheOption{jwtauth.WithTokenClock(a.now)}
		if a.logger != nil {
			opts = append(opts, jwtauth.WithTokenLogger(a.logger))
		}
		a.tokens = jwtauth.NewTokenCache(c.fetchToken, opts...)
	})
	return a.tokens
}

// fetchToken is the cache's source: one uncached token request.
func (c *Client) fetchToken(ctx context.Context, r jwtauth.TokenRequest) (jwtauth.Token, error) {
	resp, err := c.M2M.requestToken(ctx, r.ClientID, r.ClientSecret, r.Scopes)
	if err != nil {
		return jwtauth.Token{}, err
	}
	if resp.AccessToken == "" || resp.ExpiresIn <= 0 {
		return jwtauth.Token{}, &DecodeError{StatusCode: http.StatusOK,
			Err: errors.New("token response lacks access_token or a positive expires_in")}
	}
	return jwtauth.Token{AccessToken: resp.AccessToken, ExpiresIn: time.Duration(resp.ExpiresIn) * time.Second,
		Scope: deref(resp.Scope), RequestID: deref(resp.RequestID)}, nil
}

// validateTokenArgs rejects what the token endpoint would refuse anyway.
func validateTokenArgs(ctx context.Context, clientID, clientSecret string) error {
	switch {
	case ctx == nil:
		return &ValidationError{Field: "ctx", Reason: "must not be nil"}
	case clientID == "":
		return &ValidationError{Field: "clientID", Reason: "must not be empty"}
	case clientSecret == "":
		return &ValidationError{Field: "clientSecret", Reason: "must not be empty"}
	}
	return nil
}
