package jwtauth

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/golang-jwt/jwt/v5"
)

// Claim names with a fixed meaning in Stytch tokens.
const (
	// SessionClaimName is the claim holding a session JWT's session.
	SessionClaimName = "https://stytch.com/session"
	// ReservedClaimPrefix marks claims reserved by Stytch; they are never
	// reported as custom claims.
	ReservedClaimPrefix = "https://stytch.com/"
)

// VerifyOptions tunes one verification.
type VerifyOptions struct {
	// MaxTokenAge, when > 0, refuses tokens issued longer ago than this
	// (ErrTokenTooOld), even if they have not expired.
	MaxTokenAge time.Duration
	// Leeway overrides the Verifier's clock-skew tolerance for this call:
	// 0 keeps Config.Leeway, a negative value means none.
	Leeway time.Duration
}

// payload is the typed claims set of one kind of token: a struct that embeds
// registeredClaims and adds the kind's own claims as typed fields (the
// session object of a session JWT, the scope of an M2M token). The verifier
// knows only the registered claims; each kind of token (Consumer session,
// B2B member session, M2M) is a struct of this shape with a checkKind
// method, decoded in the same single pass.
type payload interface {
	// registered returns the embedded registered claims.
	registered() *registeredClaims
	// checkKind fails (ErrMalformed) when the claims are not of this kind of
	// token, e.g. a session JWT's claims given as an M2M token.
	checkKind() error
}

// registeredClaims are the registered claims (RFC 7519 §4.1) of a Stytch
// token, plus every other top-level claim the embedding payload does not
// decode itself, in Other. Member names match exactly (case-sensitive) and
// a name given twice makes the payload malformed, so no claim can stand in
// for a registered one: a custom "Sub" is a custom claim, never the subject.
type registeredClaims struct {
	Issuer    string      `json:"iss"`
	Subject   string      `json:"sub"`
	Audience  audience    `json:"aud"`
	ExpiresAt numericDate `json:"exp"`
	NotBefore numericDate `json:"nbf"`
	IssuedAt  numericDate `json:"iat"`
	// Other holds the remaining top-level members, raw, by exact name.
	Other map[string]jsontext.Value `json:",embed"`
}

func (r *registeredClaims) registered() *registeredClaims { return r }

// registeredNames are the registered claims that are never custom claims;
// jti is the one that is not decoded (Stytch tokens do not need it checked).
var registeredNames = []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti"}

// numericDate is a JWT NumericDate: seconds since the epoch, integer or
// fraction, converted as golang-jwt does (truncated to jwt.TimePrecision).
// Anything but a JSON number is refused, null included, as golang-jwt's
// MapClaims does.
type numericDate struct {
	at  time.Time
	set bool
}

// maxSeconds bounds NumericDate values to what a float64 holds exactly.
const maxSeconds = 1 << 53

// UnmarshalJSONFrom decodes one JSON number.
func (d *numericDate) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != '0' {
		return errors.New("a NumericDate must be a JSON number")
	}
	f, err := tok.Float()
	if err != nil {
		return errors.New("NumericDate out of range")
	}
	return d.setSeconds(f)
}

// setSeconds sets the date from seconds since the epoch.
func (d *numericDate) setSeconds(f float64) error {
	if f > maxSeconds || f < -maxSeconds {
		return errors.New("NumericDate out of range")
	}
	sec, frac := math.Modf(f)
	d.at = time.Unix(int64(sec), int64(frac*1e9)).Truncate(jwt.TimePrecision)
	d.set = true
	return nil
}

// audience is the aud claim: one string or an array of strings.
type audience []string

// UnmarshalJSONFrom decodes a string or an array of strings.
func (a *audience) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	switch dec.PeekKind() {
	case '"':
		var s string
		if err := jsonv2.UnmarshalDecode(dec, &s); err != nil {
			return err
		}
		*a = audience{s}
		return nil
	case '[':
		var list []string
		if err := jsonv2.UnmarshalDecode(dec, &list); err != nil {
			return err
		}
		*a = list
		return nil
	}
	return errors.New("aud must be a string or an array of strings")
}

// objectClaim is a claim whose value must be a JSON object, decoded into T;
// present records that the token carries it.
type objectClaim[T any] struct {
	value   T
	present bool
}

// UnmarshalJSONFrom decodes a JSON object (null included is refused).
func (c *objectClaim[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '{' {
		return errors.New("the claim must be a JSON object")
	}
	c.present = true
	return jsonv2.UnmarshalDecode(dec, &c.value)
}

// checkClaims decodes a verified payload into dst in one pass and checks
// it (checkDecoded).
func (v *Verifier) checkClaims(claims []byte, o VerifyOptions, dst payload) error {
	if jsontext.Value(claims).Kind() != '{' {
		return newErr(ErrMalformed, "payload is not a JSON object")
	}
	if err := jsonv2.Unmarshal(claims, dst); err != nil {
		return newErr(ErrMalformed, "claims: "+decodeProblem(err))
	}
	return v.checkDecoded(dst, o)
}

// checkDecoded checks decoded claims: iss, aud, sub, exp and iat present,
// then the token kind, then the times with leeway.
func (v *Verifier) checkDecoded(dst payload, o VerifyOptions) error {
	r := dst.registered()
	switch {
	case !slices.Contains(v.issuers, r.Issuer):
		return newErr(ErrInvalidIssuer, "iss is not the project's issuer")
	case !slices.Contains(r.Audience, v.projectID):
		return newErr(ErrInvalidAudience, "aud does not contain the project id")
	case r.Subject == "":
		return newErr(ErrMalformed, "sub is missing")
	case !r.ExpiresAt.set:
		return newErr(ErrMalformed, "exp is missing")
	case !r.IssuedAt.set:
		return newErr(ErrMalformed, "iat is missing")
	}
	if err := dst.checkKind(); err != nil {
		return err
	}
	return v.checkTimes(r, o)
}

// decodeProblem names where a payload failed to decode (the JSON pointer of
// the claim, quoted short) without quoting any of its values.
func decodeProblem(err error) string {
	var ptr jsontext.Pointer
	var se *jsonv2.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &se):
		ptr = se.JSONPointer
	case errors.As(err, &syn):
		return "not valid JSON (duplicate name, bad syntax or bad UTF-8)"
	}
	if ptr == "" {
		return "wrong shape"
	}
	return "claim " + quoteShort(string(ptr)) + " has the wrong type"
}

// customClaims returns the claims of other that are neither registered nor
// reserved by Stytch, as one JSON object (members sorted by name, values as
// in the token, so numbers keep their precision) and decoded from it
// (numbers as float64, as encoding/json does into any). Both are nil when
// there is none.
func customClaims(other map[string]jsontext.Value) (map[string]any, json.RawMessage, error) {
	var buf [8]string
	obj := customObject{names: buf[:0], values: other}
	for name := range other {
		if !strings.HasPrefix(name, ReservedClaimPrefix) && !slices.Contains(registeredNames, name) {
			obj.names = append(obj.names, name)
		}
	}
	if len(obj.names) == 0 {
		return nil, nil, nil
	}
	slices.Sort(obj.names)
	raw, err := jsonv2.Marshal(&obj)
	if err != nil {
		return nil, nil, newErr(ErrMalformed, "custom claims are not valid JSON")
	}
	var decoded map[string]any
	if err := jsonv2.Unmarshal(raw, &decoded); err != nil {
		return nil, nil, newErr(ErrMalformed, "custom claims are not valid JSON")
	}
	return decoded, raw, nil
}

// customObject writes the named members of values as one JSON object.
type customObject struct {
	names  []string
	values map[string]jsontext.Value
}

// MarshalJSONTo writes the object with the library's encoder, which checks
// every name and value it is given.
func (c *customObject) MarshalJSONTo(enc *jsontext.Encoder) error {
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	for _, name := range c.names {
		if err := enc.WriteToken(jsontext.String(name)); err != nil {
			return err
		}
		if err := enc.WriteValue(c.values[name]); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndObject)
}

// checkTimes applies the exp, nbf and iat rules of golang-jwt's Validator
// (with leeway and the injected clock; errors also match its sentinels),
// then the caller's maximum token age.
func (v *Verifier) checkTimes(r *registeredClaims, o VerifyOptions) error {
	leeway := v.leeway
	switch {
	case o.Leeway > 0:
		leeway = o.Leeway
	case o.Leeway < 0:
		leeway = 0
	}
	now := v.now()
	switch {
	case !now.Before(r.ExpiresAt.at.Add(leeway)):
		return wrapErr(ErrTokenExpired, "", jwt.ErrTokenExpired)
	case r.NotBefore.set && now.Before(r.NotBefore.at.Add(-leeway)):
		return wrapErr(ErrTokenNotYetValid, "", jwt.ErrTokenNotValidYet)
	case now.Before(r.IssuedAt.at.Add(-leeway)):
		return wrapErr(ErrTokenNotYetValid, "", jwt.ErrTokenUsedBeforeIssued)
	case o.MaxTokenAge > 0 && r.IssuedAt.at.Add(o.MaxTokenAge).Before(now):
		return newErr(ErrTokenTooOld, "issued more than "+o.MaxTokenAge.String()+" ago")
	}
	return nil
}

// decodeInto unmarshals raw custom claims into a caller's value.
func decodeInto(raw json.RawMessage, v any) error {
	if raw == nil {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return wrapErr(ErrMalformed, "decode custom claims", err)
	}
	return nil
}
