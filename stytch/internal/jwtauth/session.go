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
	_, s, err := VerifySessionWith[struct{}](ctx, v, token, VerifyOptions{MaxTokenAge: maxAge})
	return s, err
}

// VerifySessionWith is VerifySession with per-call options, and it also
// returns a zero T allocated together with the claims: a wrapper that
// converts the claims into its own result type T costs no allocation beyond
// the verification's own. Both pointers are nil on error.
func VerifySessionWith[T any](ctx context.Context, v *Verifier, token string, o VerifyOptions) (*T, *SessionClaims, error) {
	b := new(resultBox[T, SessionClaims])
	if err := v.verify(ctx, token, kindSession, o, &b.c, &b.res.Session); err != nil {
		return nil, nil, err
	}
	s := &b.res
	s.UserID = b.c.sub
	s.IssuedAt, s.ExpiresAt = b.c.iat.Time, b.c.exp.Time
	if b.c.hasNbf {
		s.NotBefore = b.c.nbf.Time
	}
	s.CustomClaims, s.RawCustomClaims = b.c.customMap, b.c.custom
	return &b.pub, s, nil
}

// resultBox co-allocates a caller's result P, the verification result R and
// its claim set, so a verification costs one allocation for all three.
type resultBox[P, R any] struct {
	pub P
	res R
	c   claimSet
}

// decode fills s from the raw session claim object. The scalar fields are
// read in place (RFC 3339 times without allocating); only the factors go
// through encoding/json, into the API's own AuthenticationFactor type.
// Unknown members are ignored so that new Stytch fields do not break it.
func (s *SessionClaim) decode(b []byte) error {
	it := newObjectIter(b)
	for {
		key, val, esc, ok := it.next()
		if !ok {
			break
		}
		name, _ := memberName(key, esc)
		var good bool
		switch string(name) {
		case "id":
			s.ID, good = unquote(val)
		case "started_at":
			good = s.StartedAt.UnmarshalJSON(val) == nil
		case "last_accessed_at":
			good = s.LastAccessedAt.UnmarshalJSON(val) == nil
		case "expires_at":
			good = s.ExpiresAt.UnmarshalJSON(val) == nil
		case "attributes":
			good = decodeAttributes(val, &s.Attributes)
		case "roles":
			s.Roles, good = stringArray(val)
		case "authentication_factors":
			good = decodeFactors(val, &s.AuthenticationFactors)
		default:
			good = true
		}
		if !good {
			return newErr(ErrMalformed, "session claim member "+quoteShort(string(name))+" has the wrong shape")
		}
	}
	if it.err != nil {
		return newErr(ErrMalformed, "session claim is not a JSON object")
	}
	return nil
}

// decodeFactors decodes the factor list. The fields every factor has are
// read in place; the kind-specific sub-object (email_factor, ...) is handed
// to encoding/json so that it lands in the API type's matching field.
func decodeFactors(b []byte, out *[]gen.AuthenticationFactor) bool {
	if string(b) == "null" {
		*out = nil
		return true
	}
	count := newArrayIter(b)
	n := 0
	for _, ok := count.next(); ok; _, ok = count.next() {
		n++
	}
	if count.err != nil {
		return false
	}
	fs := make([]gen.AuthenticationFactor, n)
	it := newArrayIter(b)
	for i := 0; i < n; i++ {
		elem, _ := it.next()
		if !decodeFactor(elem, &fs[i]) {
			return false
		}
	}
	*out = fs
	return true
}

func decodeFactor(b []byte, f *gen.AuthenticationFactor) bool {
	var rest []byte
	it := newObjectIter(b)
	for {
		key, val, esc, ok := it.next()
		if !ok {
			break
		}
		name, _ := memberName(key, esc)
		var s string
		switch string(name) {
		case "type":
			s, ok = unquote(val)
			f.Type = gen.AuthenticationFactorType(s)
		case "delivery_method":
			s, ok = unquote(val)
			f.DeliveryMethod = gen.AuthenticationFactorDeliveryMethod(s)
		case "last_authenticated_at":
			f.LastAuthenticatedAt = new(time.Time)
			ok = f.LastAuthenticatedAt.UnmarshalJSON(val) == nil
		case "created_at":
			f.CreatedAt = new(time.Time)
			ok = f.CreatedAt.UnmarshalJSON(val) == nil
		case "updated_at":
			f.UpdatedAt = new(time.Time)
			ok = f.UpdatedAt.UnmarshalJSON(val) == nil
		case "email_factor":
			f.EmailFactor, ok = decodePair(val, f.EmailFactor, "email_id", "email_address",
				func(e *gen.EmailFactor) (*string, *string) { return &e.EmailID, &e.EmailAddress })
		case "phone_number_factor":
			f.PhoneNumberFactor, ok = decodePair(val, f.PhoneNumberFactor, "phone_id", "phone_number",
				func(p *gen.PhoneNumberFactor) (*string, *string) { return &p.PhoneID, &p.PhoneNumber })
		default:
			rest = appendMember(rest, key, val)
		}
		if !ok {
			return false
		}
	}
	if it.err != nil {
		return false
	}
	return rest == nil || json.Unmarshal(append(rest, '}'), f) == nil
}

// decodePair decodes the two-string sub-objects of the most common factors
// (email_factor, phone_number_factor) in place, as encoding/json would:
// null leaves the pointer as it is, unknown members are ignored.
func decodePair[T any](b []byte, cur *T, nameA, nameB string, fields func(*T) (*string, *string)) (*T, bool) {
	if string(b) == "null" {
		return cur, true
	}
	out := cur
	if out == nil {
		out = new(T)
	}
	a, bb := fields(out)
	it := newObjectIter(b)
	for {
		key, val, esc, ok := it.next()
		if !ok {
			return out, it.err == nil
		}
		name, _ := memberName(key, esc)
		switch {
		case string(val) == "null": // encoding/json leaves the field as it is
		case string(name) == nameA:
			*a, ok = unquote(val)
		case string(name) == nameB:
			*bb, ok = unquote(val)
		}
		if !ok {
			return nil, false
		}
	}
}

func decodeAttributes(b []byte, a *gen.Attributes) bool {
	if string(b) == "null" {
		return true
	}
	it := newObjectIter(b)
	for {
		key, val, esc, ok := it.next()
		if !ok {
			return it.err == nil
		}
		name, _ := memberName(key, esc)
		switch string(name) {
		case "ip_address":
			var v string
			v, ok = unquote(val)
			a.IPAddress = &v
		case "user_agent":
			var v string
			v, ok = unquote(val)
			a.UserAgent = &v
		}
		if !ok {
			return false
		}
	}
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
