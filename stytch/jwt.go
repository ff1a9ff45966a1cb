package stytch

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// Kinds of local JWT verification failure (Sessions.AuthenticateJWTLocal,
// Sessions.AuthenticateJWT, M2M.AuthenticateToken). Every failure is a
// *JWTError matching exactly one of them with errors.Is; messages never
// contain the token.
var (
	// ErrJWTMalformed: not a compact JWS with JSON header and claims, a claim
	// of the wrong type, a missing sub/exp/iat, or the wrong kind of token
	// (an M2M token given as a session JWT or the reverse).
	ErrJWTMalformed = jwtauth.ErrMalformed
	// ErrJWTBadAlgorithm: an algorithm other than RS256 (none, HS256 …).
	ErrJWTBadAlgorithm = jwtauth.ErrBadAlgorithm
	// ErrJWTMissingKeyID: the header has no kid.
	ErrJWTMissingKeyID = jwtauth.ErrMissingKeyID
	// ErrJWTUnknownKey: no key of the project's JWKS has the token's kid,
	// even after a refresh (at most one per five minutes).
	ErrJWTUnknownKey = jwtauth.ErrUnknownKey
	// ErrJWKSUnavailable: the JWKS could not be loaded; the fetch failure
	// (*APIError, *TransportError …) is wrapped and reachable with errors.As.
	ErrJWKSUnavailable = jwtauth.ErrNoKeys
	// ErrJWTInvalidSignature: the RS256 signature does not verify.
	ErrJWTInvalidSignature = jwtauth.ErrInvalidSignature
	// ErrJWTExpired: exp (plus leeway) has passed. Session JWTs live five
	// minutes; Sessions.AuthenticateJWT then asks the API for a new one.
	ErrJWTExpired = jwtauth.ErrTokenExpired
	// ErrJWTNotYetValid: nbf or iat (minus leeway) lies in the future.
	ErrJWTNotYetValid = jwtauth.ErrTokenNotYetValid
	// ErrJWTTooOld: issued longer ago than WithMaxTokenAge allows.
	ErrJWTTooOld = jwtauth.ErrTokenTooOld
	// ErrJWTInvalidIssuer: iss is neither stytch.com/<project_id> nor the
	// custom base URL given with WithBaseURL.
	ErrJWTInvalidIssuer = jwtauth.ErrInvalidIssuer
	// ErrJWTInvalidAudience: aud does not contain the project id.
	ErrJWTInvalidAudience = jwtauth.ErrInvalidAudience
	// ErrMissingScope: an M2M token lacks a required scope (see ScopeError).
	ErrMissingScope = jwtauth.ErrMissingScope
	// ErrPermissionDenied: no role of the session grants the action of a
	// local authorization check.
	ErrPermissionDenied = jwtauth.ErrPermissionDenied
)

// JWTError is a local verification failure. Kind is one of the ErrJWT*
// values above; Detail explains it without quoting the token.
type JWTError = jwtauth.Error

// ScopeError names the first required scope an M2M token does not grant.
// It matches ErrMissingScope and comes wrapped in a 403 *APIError of type
// ErrorTypeM2MAuthorizationError.
type ScopeError = jwtauth.ScopeError

// LocalSession is a session as proven by its JWT alone, without asking
// Stytch. Its embedded Session holds session_id, user_id, started_at,
// last_accessed_at, expires_at (the session's), attributes,
// authentication_factors, roles and custom_claims, as the API's Session.
//
// A JWT stays valid for its five minutes even if the session is revoked
// meanwhile; use Sessions.AuthenticateJWT with a max token age, or
// Sessions.Authenticate, where that matters.
type LocalSession struct {
	Session
	// TokenIssuedAt, TokenNotBefore and TokenExpiresAt are the JWT's own
	// iat, nbf and exp (Session.ExpiresAt is when the session ends).
	TokenIssuedAt, TokenNotBefore, TokenExpiresAt time.Time
	// RawCustomClaims holds the custom claims as one JSON object (nil when
	// there are none), for DecodeCustomClaims.
	RawCustomClaims json.RawMessage
}

// DecodeCustomClaims unmarshals the session's custom claims into v, a
// pointer to the caller's struct or map. Without custom claims v is left as
// it is.
func (s *LocalSession) DecodeCustomClaims(v any) error {
	if err := claimsTarget(v); err != nil {
		return err
	}
	if s.RawCustomClaims == nil {
		return nil
	}
	return json.Unmarshal(s.RawCustomClaims, v)
}

// fill converts verified claims without copying any slice or map: the
// pointers point into r, which lives in the same allocation as s.
func (s *LocalSession) fill(r *jwtauth.SessionClaims) {
	s.Session = Session{
		SessionID: r.Session.ID, UserID: r.UserID, StartedAt: &r.Session.StartedAt,
		LastAccessedAt: &r.Session.LastAccessedAt, ExpiresAt: &r.Session.ExpiresAt,
		Attributes: &r.Session.Attributes, AuthenticationFactors: r.Session.AuthenticationFactors,
		Roles: r.Session.Roles, CustomClaims: r.CustomClaims,
	}
	s.TokenIssuedAt, s.TokenNotBefore, s.TokenExpiresAt = r.IssuedAt, r.NotBefore, r.ExpiresAt
	s.RawCustomClaims = r.RawCustomClaims
}

// AuthenticateJWTLocal verifies a session JWT without calling the API: the
// RS256 signature against the project's JWKS (fetched once through this
// client, then cached and refreshed hourly in the background), the issuer,
// the audience and the token's times (30 s leeway by default). Options add a
// maximum token age (WithMaxTokenAge), change the leeway (WithLeeway) or
// check a permission against the cached RBAC policy (WithAuthorizationCheck,
// which calls GET /v1/rbac/policy at most every DefaultPolicyTTL).
//
// Failures are *JWTError (match the ErrJWT* kinds with errors.Is), a 403
// *APIError for a refused authorization check, or *ValidationError for bad
// arguments. An expired JWT may still belong to a live session: use
// AuthenticateJWT to fall back to the API in that case.
func (s *SessionsService) AuthenticateJWTLocal(ctx context.Context, jwt string, opts ...JWTOption) (*LocalSession, error) {
	var o jwtOpts
	if err := o.apply(opts, true); err != nil {
		return nil, err
	}
	return s.c.authenticateLocal(ctx, jwt, &o)
}

func (c *Client) authenticateLocal(ctx context.Context, jwt string, o *jwtOpts) (*LocalSession, error) {
	switch {
	case ctx == nil:
		return nil, &ValidationError{Field: "ctx", Reason: "must not be nil"}
	case jwt == "":
		return nil, &ValidationError{Field: "jwt", Reason: "must not be empty"}
	}
	v, err := c.verifier()
	if err != nil {
		return nil, err
	}
	out, claims, err := jwtauth.VerifySessionWith[LocalSession](ctx, v, jwt,
		jwtauth.VerifyOptions{MaxTokenAge: o.maxAge, Leeway: o.leeway})
	if err != nil {
		return nil, err
	}
	out.fill(claims)
	if o.resourceID != "" {
		if _, err := c.checkPermission(ctx, claims.Session.Roles, o.resourceID, o.action); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AuthenticateJWT authenticates a session JWT locally when it can and asks
// the API when it must, as Stytch's SDKs do:
//
//   - a JWT that verifies locally and was issued at most maxTokenAge ago
//     (0 means no age limit) is answered without a request: the response
//     holds the same SessionJWT, the Session from its claims, and an empty
//     RequestID and User;
//   - a JWT that is expired or older than maxTokenAge, or that cannot be
//     checked because the JWKS is unreachable, is sent to POST
//     /v1/sessions/authenticate: if its session is still alive, the answer
//     carries a NEW SessionJWT that the caller should hand back to the user
//     (e.g. as the cookie), otherwise the API's error (404 session_not_found
//     for a revoked session);
//   - any other failure (bad signature, unknown key, wrong issuer or
//     audience, malformed token, refused authorization check) is returned
//     without a request.
//
// p.SessionJWT is required and p.SessionToken must be nil. With
// SessionDurationMinutes or SessionCustomClaims, which change the session,
// the API is always called. An AuthorizationCheck is evaluated locally
// against the cached RBAC policy (see AuthenticateJWTLocal) or sent to the
// API, whichever answers.
//
// POST /v1/sessions/authenticate (only when needed)
func (s *SessionsService) AuthenticateJWT(ctx context.Context, maxTokenAge time.Duration, p *SessionsAuthenticateParams) (*SessionsAuthenticateResponse, error) {
	return s.authenticateJWT(ctx, maxTokenAge, p, nil)
}

// AuthenticateJWTWithClaims is AuthenticateJWT, and also decodes the
// session's custom claims into claims, a non-nil pointer to a struct or map
// (from the JWT when answered locally, from the response otherwise).
//
// POST /v1/sessions/authenticate (only when needed)
func (s *SessionsService) AuthenticateJWTWithClaims(ctx context.Context, maxTokenAge time.Duration, p *SessionsAuthenticateParams, claims any) (*SessionsAuthenticateResponse, error) {
	if err := claimsTarget(claims); err != nil {
		return nil, err
	}
	return s.authenticateJWT(ctx, maxTokenAge, p, claims)
}

func (s *SessionsService) authenticateJWT(ctx context.Context, maxAge time.Duration, p *SessionsAuthenticateParams, claims any) (*SessionsAuthenticateResponse, error) {
	switch {
	case p == nil:
		return nil, &ValidationError{Field: "params", Reason: "must not be nil"}
	case p.SessionJWT == nil || *p.SessionJWT == "":
		return nil, &ValidationError{Field: "SessionJWT", Reason: "must not be empty"}
	case p.SessionToken != nil:
		return nil, &ValidationError{Field: "SessionToken", Reason: "must be nil: AuthenticateJWT checks session_jwt (use Authenticate for tokens)"}
	case maxAge < 0:
		return nil, &ValidationError{Field: "maxTokenAge", Reason: "must not be negative"}
	}
	if p.SessionDurationMinutes == nil && p.SessionCustomClaims == nil {
		o := jwtOpts{maxAge: maxAge}
		if ac := p.AuthorizationCheck; ac != nil {
			if err := o.setCheck(ac.ResourceID, ac.Action); err != nil {
				return nil, err
			}
		}
		local, err := s.c.authenticateLocal(ctx, *p.SessionJWT, &o)
		switch {
		case err == nil:
			return s.localResponse(ctx, local, *p.SessionJWT, p.AuthorizationCheck, claims)
		case !errors.Is(err, ErrJWTExpired) && !errors.Is(err, ErrJWTTooOld) && !errors.Is(err, ErrJWKSUnavailable):
			return nil, err
		}
	}
	if claims != nil {
		return s.AuthenticateWithClaims(ctx, p, claims)
	}
	return s.Authenticate(ctx, p)
}

// localResponse shapes a local answer like the API's.
func (s *SessionsService) localResponse(ctx context.Context, local *LocalSession, jwt string, ac *AuthorizationCheck, claims any) (*SessionsAuthenticateResponse, error) {
	if claims != nil {
		if err := local.DecodeCustomClaims(claims); err != nil {
			return nil, &DecodeError{StatusCode: 0, Err: err}
		}
	}
	r := &SessionsAuthenticateResponse{Session: &local.Session, SessionJWT: jwt}
	if ac != nil {
		p, err := s.c.policy(ctx, s.c.auth.policy.TTL()) // the policy the check just used
		if err != nil {
			return nil, err
		}
		r.Verdict = &AuthorizationVerdict{Authorized: true,
			GrantingRoles: jwtauth.GrantingRoles(p, local.Roles, ac.ResourceID, ac.Action)}
	}
	return r, nil
}
