package jwtauth

import (
	"context"
	"encoding/json"
	"time"

	"github.com/stytchkit/stytchkit/gen"
)

// SessionClaim is the "https://stytch.com/session" claim of a session JWT.
type SessionClaim struct {
	// ID is the session id (`session-<env>-<uuid>`).
	ID string `json:"id"`
	// StartedAt is when the session started.
	StartedAt time.Time `json:"started_at"`
	// LastAccessedAt is when the session was last authenticated.
	LastAccessedAt time.Time `json:"last_accessed_at"`
	// ExpiresAt is when the session (not the 5-minute JWT) expires.
	ExpiresAt time.Time `json:"expires_at"`
	// Attributes is the request context recorded with the session.
	Attributes gen.Attributes `json:"attributes"`
	// AuthenticationFactors lists every factor used in the session, with the
	// same shape as the API's Session object.
	AuthenticationFactors []gen.AuthenticationFactor `json:"authentication_factors"`
	// Roles lists the session's RBAC roles.
	Roles []string `json:"roles"`
}

// SessionClaims is the verified content of a session JWT.
type SessionClaims struct {
	// UserID is the sub claim.
	UserID string
	// Session is the https://stytch.com/session claim.
	Session SessionClaim
	// IssuedAt, NotBefore and ExpiresAt are the token's own times (a session
	// JWT lives five minutes; Session.ExpiresAt is the session's end).
	IssuedAt, NotBefore, ExpiresAt time.Time
	// CustomClaims holds every top-level claim that is neither registered
	// (iss sub aud exp nbf iat jti) nor prefixed https://stytch.com/; nil
	// when there is none.
	CustomClaims map[string]any
	// RawCustomClaims is the same set as one JSON object, for decoding into
	// a caller's struct (see DecodeCustomClaims); nil when there is none.
	RawCustomClaims json.RawMessage
}

// DecodeCustomClaims unmarshals the custom claims into v, typically a
// pointer to the caller's struct. With no custom claims v is left untouched.
func (s *SessionClaims) DecodeCustomClaims(v any) error {
	return decodeInto(s.RawCustomClaims, v)
}

// sessionPayload is the claims set of a session JWT.
type sessionPayload struct {
	registeredClaims
	Session objectClaim[SessionClaim] `json:"https://stytch.com/session"`
}

func (p *sessionPayload) checkKind() error {
	if !p.Session.present {
		return newErr(ErrMalformed, "not a session JWT: no "+SessionClaimName+" claim")
	}
	if _, ok := p.Other[OrganizationClaimName]; ok {
		return newErr(ErrMalformed, "a B2B member session JWT is not a Consumer session JWT")
	}
	return nil
}

// VerifySession verifies a session JWT: RS256 signature with the kid's key,
// issuer, audience, sub, exp/nbf/iat with leeway, and, when maxAge > 0, that
// it was issued at most maxAge ago (ErrTokenTooOld otherwise). A token
// without the session claim (an M2M token, say) or with an organization
// claim (a B2B member session JWT) is refused as ErrMalformed.
func (v *Verifier) VerifySession(ctx context.Context, token string, maxAge time.Duration) (*SessionClaims, error) {
	_, s, err := VerifySessionWith[struct{}](ctx, v, token, VerifyOptions{MaxTokenAge: maxAge})
	return s, err
}

// VerifySessionWith is VerifySession with per-call options, and it also
// returns a zero T allocated together with the claims: a wrapper that
// converts the claims into its own result type T costs no allocation beyond
// the verification's own. Both pointers are nil on error.
func VerifySessionWith[T any](ctx context.Context, v *Verifier, token string, o VerifyOptions) (*T, *SessionClaims, error) {
	b := new(resultBox[T, SessionClaims, sessionPayload])
	if err := v.verify(ctx, token, o, &b.claims); err != nil {
		return nil, nil, err
	}
	custom, raw, err := customClaims(b.claims.Other)
	if err != nil {
		return nil, nil, err
	}
	r := &b.claims.registeredClaims
	b.res = SessionClaims{
		UserID: r.Subject, Session: b.claims.Session.value,
		IssuedAt: r.IssuedAt.at, NotBefore: r.NotBefore.at, ExpiresAt: r.ExpiresAt.at,
		CustomClaims: custom, RawCustomClaims: raw,
	}
	return &b.pub, &b.res, nil
}

// resultBox co-allocates a caller's result P, the verification result R and
// the decoded claims C, so that the three cost one allocation.
type resultBox[P, R, C any] struct {
	pub    P
	res    R
	claims C
}
