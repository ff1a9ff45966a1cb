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

// VerifySession verifies a session JWT: RS256 signature with the kid's key,
// issuer, audience, sub, exp/nbf/iat with leeway, and, when maxAge > 0, that
// it was issued at most maxAge ago (ErrTokenTooOld otherwise). A token
// without the session claim (an M2M token, say) is refused as ErrMalformed.
func (v *Verifier) VerifySession(ctx context.Context, token string, maxAge time.Duration) (*SessionClaims, error) {
	out := new(sessionResult)
	if err := v.verify(ctx, token, kindSession, maxAge, &out.c, &out.s.Session); err != nil {
		return nil, err
	}
	custom, err := decodeCustom(out.c.custom)
	if err != nil {
		return nil, err
	}
	s := &out.s
	s.UserID = out.c.sub
	s.IssuedAt, s.ExpiresAt = out.c.iat.Time, out.c.exp.Time
	if out.c.hasNbf {
		s.NotBefore = out.c.nbf.Time
	}
	s.CustomClaims, s.RawCustomClaims = custom, out.c.custom
	return s, nil
}

// sessionResult co-allocates the public result with its claim set, so a
// verification costs one allocation for both.
type sessionResult struct {
	s SessionClaims
	c claimSet
}

func decodeInto(raw json.RawMessage, v any) error {
	if raw == nil {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return wrapErr(ErrMalformed, "decode custom claims", err)
	}
	return nil
}
