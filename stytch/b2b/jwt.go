package b2b

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// LocalMemberSession is a member session as proven by its JWT alone, without
// asking Stytch. Its embedded MemberSession holds member_session_id,
// member_id, organization_id, organization_slug, started_at,
// last_accessed_at, expires_at (the session's), authentication_factors,
// roles and custom_claims, as the API's MemberSession; they come from the
// JWT's https://stytch.com/session and https://stytch.com/organization
// claims, as Stytch issues them.
//
// A JWT stays valid for its five minutes even if the session is revoked
// meanwhile; use Sessions.AuthenticateJWT with a max token age, or
// Sessions.Authenticate, where that matters.
type LocalMemberSession struct {
	MemberSession
	// TokenIssuedAt, TokenNotBefore and TokenExpiresAt are the JWT's own
	// iat, nbf and exp (MemberSession.ExpiresAt is when the session ends).
	TokenIssuedAt, TokenNotBefore, TokenExpiresAt time.Time
	// RawCustomClaims holds the custom claims as one JSON object (nil when
	// there are none), for DecodeCustomClaims.
	RawCustomClaims json.RawMessage
}

// DecodeCustomClaims unmarshals the session's custom claims into v, a
// pointer to the caller's struct or map. Without custom claims v is left as
// it is.
func (s *LocalMemberSession) DecodeCustomClaims(v any) error {
	if err := claimsTarget(v); err != nil {
		return err
	}
	if s.RawCustomClaims == nil {
		return nil
	}
	return json.Unmarshal(s.RawCustomClaims, v)
}

// fill converts verified claims without copying any slice or map.
func (s *LocalMemberSession) fill(r *jwtauth.MemberSessionClaims) {
	expires := r.Session.ExpiresAt
	if expires.IsZero() {
		expires = r.ExpiresAt // as Stytch's SDKs do for JWTs without the session's expiry
	}
	s.MemberSession = MemberSession{
		MemberSessionID: r.Session.ID, MemberID: r.MemberID,
		OrganizationID: r.Organization.ID, OrganizationSlug: r.Organization.Slug,
		StartedAt: r.Session.StartedAt, LastAccessedAt: r.Session.LastAccessedAt, ExpiresAt: expires,
		AuthenticationFactors: r.Session.AuthenticationFactors, Roles: r.Session.Roles, CustomClaims: r.CustomClaims,
	}
	s.TokenIssuedAt, s.TokenNotBefore, s.TokenExpiresAt = r.IssuedAt, r.NotBefore, r.ExpiresAt
	s.RawCustomClaims = r.RawCustomClaims
}

// AuthenticateJWTLocal verifies a member session JWT without calling the
// API: the RS256 signature against the project's B2B JWKS (fetched once
// through this client, then cached and refreshed hourly in the background),
// the issuer, the audience, the token's times (30 s leeway by default) and
// its kind (a Consumer session JWT or an M2M token is refused as
// stytch.ErrJWTMalformed). Options add a maximum token age
// (WithMaxTokenAge), change the leeway (WithLeeway) or authorize the Member
// against the cached RBAC policies (WithAuthorizationCheck).
//
// Failures are *stytch.JWTError (match the stytch.ErrJWT* kinds with
// errors.Is), a 403 *stytch.APIError for a refused authorization check, the
// API's error when a policy the check needs cannot be loaded, or
// *stytch.ValidationError for bad arguments. An expired JWT may still belong
// to a live session: use AuthenticateJWT to fall back to the API then.
func (s *SessionsService) AuthenticateJWTLocal(ctx context.Context, jwt string, opts ...JWTOption) (*LocalMemberSession, error) {
	var o jwtOpts
	if err := o.apply(opts); err != nil {
		return nil, err
	}
	local, _, err := s.c.authenticateLocal(ctx, jwt, &o)
	var pe *policyError
	if errors.As(err, &pe) {
		return nil, pe.err
	}
	return local, err
}

// authenticateLocal verifies jwt and runs o's check; it also returns the
// roles that grant the check.
func (c *Client) authenticateLocal(ctx context.Context, jwt string, o *jwtOpts) (*LocalMemberSession, []string, error) {
	switch {
	case ctx == nil:
		return nil, nil, &stytch.ValidationError{Field: "ctx", Reason: "must not be nil"}
	case jwt == "":
		return nil, nil, &stytch.ValidationError{Field: "jwt", Reason: "must not be empty"}
	}
	v, err := c.verifier()
	if err != nil {
		return nil, nil, err
	}
	out, claims, err := jwtauth.VerifyMemberSessionWith[LocalMemberSession](ctx, v, jwt,
		jwtauth.VerifyOptions{MaxTokenAge: o.maxAge, Leeway: o.leeway})
	if err != nil {
		return nil, nil, err
	}
	out.fill(claims)
	if o.check == nil {
		return out, nil, nil
	}
	granting, err := c.authorize(ctx, out.OrganizationID, out.Roles, *o.check)
	if err != nil {
		return nil, nil, err
	}
	return out, granting, nil
}

// AuthenticateJWT authenticates a member session JWT locally when it can
// and asks the API when it must, as Stytch's SDKs do:
//
//   - a JWT that verifies locally and was issued at most maxTokenAge ago
//     (0 means no age limit) is answered without a request: the response
//     holds the same SessionJWT, the MemberSession from its claims, the
//     ids of the Member and Organization (their other fields are empty),
//     and an empty RequestID;
//   - a JWT that is expired or older than maxTokenAge, or that cannot be
//     checked because the JWKS or an RBAC policy is unreachable, is sent to
//     POST /v1/b2b/sessions/authenticate: if its session is still alive,
//     the answer carries a NEW SessionJWT that the caller should hand back
//     to the user (e.g. as the cookie), otherwise the API's error;
//   - any other failure (bad signature, unknown key, wrong issuer or
//     audience, a Consumer session JWT, a refused authorization check) is
//     returned without a request.
//
// p.SessionJWT is required and p.SessionToken must be nil. With
// SessionDurationMinutes or SessionCustomClaims, which change the session,
// the API is always called. An AuthorizationCheck (its OrganizationID is
// required, as by the API) is evaluated locally against the cached RBAC
// policies, and its Verdict lists the granting roles.
//
// POST /v1/b2b/sessions/authenticate (only when needed)
func (s *SessionsService) AuthenticateJWT(ctx context.Context, maxTokenAge time.Duration, p *SessionsAuthenticateParams) (*SessionsAuthenticateResponse, error) {
	return s.authenticateJWT(ctx, maxTokenAge, p, nil)
}

// AuthenticateJWTWithClaims is AuthenticateJWT, and also decodes the
// session's custom claims into claims, a non-nil pointer to a struct or map
// (from the JWT when answered locally, from the response otherwise).
//
// POST /v1/b2b/sessions/authenticate (only when needed)
func (s *SessionsService) AuthenticateJWTWithClaims(ctx context.Context, maxTokenAge time.Duration, p *SessionsAuthenticateParams, claims any) (*SessionsAuthenticateResponse, error) {
	if err := claimsTarget(claims); err != nil {
		return nil, err
	}
	return s.authenticateJWT(ctx, maxTokenAge, p, claims)
}

func (s *SessionsService) authenticateJWT(ctx context.Context, maxAge time.Duration, p *SessionsAuthenticateParams, claims any) (*SessionsAuthenticateResponse, error) {
	switch {
	case p == nil:
		return nil, errNilParams
	case p.SessionJWT == nil || *p.SessionJWT == "":
		return nil, &stytch.ValidationError{Field: "SessionJWT", Reason: "must not be empty"}
	case p.SessionToken != nil:
		return nil, &stytch.ValidationError{Field: "SessionToken", Reason: "must be nil: AuthenticateJWT checks session_jwt (use Authenticate for tokens)"}
	case maxAge < 0:
		return nil, &stytch.ValidationError{Field: "maxTokenAge", Reason: "must not be negative"}
	}
	if ac := p.AuthorizationCheck; ac != nil {
		if err := validCheck(ac, true); err != nil {
			return nil, err
		}
	}
	if p.SessionDurationMinutes == nil && p.SessionCustomClaims == nil {
		local, granting, err := s.c.authenticateLocal(ctx, *p.SessionJWT, &jwtOpts{maxAge: maxAge, check: p.AuthorizationCheck})
		var pe *policyError
		switch {
		case err == nil:
			return localResponse(local, *p.SessionJWT, p.AuthorizationCheck != nil, granting, claims)
		case !errors.Is(err, stytch.ErrJWTExpired) && !errors.Is(err, stytch.ErrJWTTooOld) &&
			!errors.Is(err, stytch.ErrJWKSUnavailable) && !errors.As(err, &pe):
			return nil, err
		}
	}
	if claims != nil {
		return s.AuthenticateWithClaims(ctx, p, claims)
	}
	return s.Authenticate(ctx, p)
}

// localResponse shapes a local answer like the API's.
func localResponse(local *LocalMemberSession, jwt string, checked bool, granting []string, claims any) (*SessionsAuthenticateResponse, error) {
	if claims != nil {
		if err := local.DecodeCustomClaims(claims); err != nil {
			return nil, &stytch.DecodeError{StatusCode: 0, Err: err}
		}
	}
	r := &SessionsAuthenticateResponse{MemberSession: &local.MemberSession, SessionJWT: jwt}
	r.Member.MemberID, r.Member.OrganizationID = local.MemberID, local.OrganizationID
	r.Organization.OrganizationID, r.Organization.OrganizationSlug = local.OrganizationID, local.OrganizationSlug
	if checked {
		r.Verdict = &AuthorizationVerdict{Authorized: true, GrantingRoles: granting}
	}
	return r, nil
}

// claimsTarget refuses anything but a non-nil pointer as a claims target.
func claimsTarget(claims any) error {
	if claims == nil {
		return &stytch.ValidationError{Field: "claims", Reason: "must be a non-nil pointer to a struct or map, got nil"}
	}
	if v := reflect.ValueOf(claims); v.Kind() != reflect.Pointer || v.IsNil() {
		return &stytch.ValidationError{Field: "claims", Reason: fmt.Sprintf("must be a non-nil pointer to a struct or map, got %T", claims)}
	}
	return nil
}
