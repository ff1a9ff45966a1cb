package jwtauth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The two designs the verifier was measured against (BenchmarkCandidates,
// BenchmarkCandidatesOverFloor). Both are complete session checks, held to
// the same results as the verifier by TestCandidatesAgree, so the figures
// compare like with like.

// sessionCheck is one way of checking a session JWT.
type sessionCheck func(ctx context.Context, token string, o VerifyOptions) (*SessionClaims, error)

// verifySessionJSONv1 is the session check with encoding/json (v1) decoding
// the claims in place of encoding/json/v2. The signature path is shared.
// v1 matches struct fields case-insensitively and lets a repeated name
// overwrite the first one, so exact names need a first pass into a map of
// raw members, each claim then decoded on its own; that is also how the
// custom claims are found.
func verifySessionJSONv1(v *Verifier) sessionCheck {
	return func(ctx context.Context, token string, o VerifyOptions) (*SessionClaims, error) {
		claims, err := v.verifySignature(ctx, token)
		if err != nil {
			return nil, err
		}
		var members map[string]json.RawMessage
		if err := json.Unmarshal(claims, &members); err != nil || members == nil {
			return nil, newErr(ErrMalformed, "payload is not a JSON object")
		}
		var p sessionPayload
		if err := decodeRegisteredV1(members, &p.registeredClaims); err != nil {
			return nil, err
		}
		if raw, ok := members[SessionClaimName]; ok {
			var sess *SessionClaim
			if err := json.Unmarshal(raw, &sess); err != nil || sess == nil {
				return nil, newErr(ErrMalformed, "session claim is not a JSON object")
			}
			p.Session = objectClaim[SessionClaim]{value: *sess, present: true}
		}
		if err := v.checkDecoded(&p, o); err != nil {
			return nil, err
		}
		res := &SessionClaims{UserID: p.Subject, Session: p.Session.value,
			IssuedAt: p.IssuedAt.at, NotBefore: p.NotBefore.at, ExpiresAt: p.ExpiresAt.at}
		custom := map[string]json.RawMessage{}
		for name, raw := range members {
			if strings.HasPrefix(name, ReservedClaimPrefix) || slices.Contains(registeredNames, name) {
				continue
			}
			var x any
			if err := json.Unmarshal(raw, &x); err != nil {
				return nil, newErr(ErrMalformed, "custom claim")
			}
			if res.CustomClaims == nil {
				res.CustomClaims = map[string]any{}
			}
			res.CustomClaims[name], custom[name] = x, raw
		}
		if res.CustomClaims != nil {
			if res.RawCustomClaims, err = json.Marshal(custom); err != nil {
				return nil, err
			}
		}
		return res, nil
	}
}

// decodeRegisteredV1 decodes the registered claims from exact-name members.
func decodeRegisteredV1(m map[string]json.RawMessage, r *registeredClaims) error {
	bad := func(name string) error { return newErr(ErrMalformed, name+" has the wrong type") }
	for name, dst := range map[string]*string{"iss": &r.Issuer, "sub": &r.Subject} {
		if raw, ok := m[name]; ok && json.Unmarshal(raw, dst) != nil {
			return bad(name)
		}
	}
	for name, dst := range map[string]*numericDate{"exp": &r.ExpiresAt, "nbf": &r.NotBefore, "iat": &r.IssuedAt} {
		if raw, ok := m[name]; ok {
			var f *float64 // null leaves it nil: refused, as golang-jwt does
			if json.Unmarshal(raw, &f) != nil || f == nil || dst.setSeconds(*f) != nil {
				return bad(name)
			}
		}
	}
	if raw, ok := m["aud"]; ok {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			r.Audience = audience{one}
		} else if json.Unmarshal(raw, (*[]string)(&r.Audience)) != nil || r.Audience == nil {
			return bad("aud")
		}
	}
	return nil
}

// golangJWTSession is a session JWT's claims as typed claims of golang-jwt.
type golangJWTSession struct {
	jwt.RegisteredClaims
	Session *SessionClaim `json:"https://stytch.com/session"`
}

// verifySessionGolangJWT is the session check done by golang-jwt/v5 with
// typed claims: RS256 only, leeway, audience, iat and exp required, the key
// chosen by kid from the same key set. Typed claims go through encoding/json
// (v1) in one pass, which cannot list the members it does not know, so this
// check does not collect custom claims: its figures are a lower bound.
func verifySessionGolangJWT(v *Verifier) sessionCheck {
	p := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithLeeway(v.leeway), jwt.WithTimeFunc(v.now),
		jwt.WithAudience(v.projectID), jwt.WithIssuedAt(), jwt.WithExpirationRequired())
	return func(ctx context.Context, token string, o VerifyOptions) (*SessionClaims, error) {
		if len(token) > maxTokenLen {
			return nil, newErr(ErrMalformed, "oversized token")
		}
		var c golangJWTSession
		_, err := p.ParseWithClaims(token, &c, func(t *jwt.Token) (any, error) {
			if _, ok := t.Header["crit"]; ok {
				return nil, newErr(ErrMalformed, "unsupported crit header")
			}
			kid, _ := t.Header["kid"].(string)
			if kid == "" {
				return nil, newErr(ErrMissingKeyID, "")
			}
			return v.keys.Key(ctx, kid)
		})
		switch {
		case err != nil:
			return nil, err
		case !slices.Contains(v.issuers, c.Issuer):
			return nil, newErr(ErrInvalidIssuer, "")
		case c.Subject == "" || c.IssuedAt == nil || c.Session == nil:
			return nil, newErr(ErrMalformed, "")
		case o.MaxTokenAge > 0 && c.IssuedAt.Add(o.MaxTokenAge).Before(v.now()):
			return nil, newErr(ErrTokenTooOld, "")
		}
		res := &SessionClaims{UserID: c.Subject, Session: *c.Session, IssuedAt: c.IssuedAt.Time, ExpiresAt: c.ExpiresAt.Time}
		if c.NotBefore != nil {
			res.NotBefore = c.NotBefore.Time
		}
		return res, nil
	}
}

// TestCandidatesAgree holds the measured alternatives to the verifier's
// answers: same accepted and refused tokens, same claims.
func TestCandidatesAgree(t *testing.T) {
	k, other := keys(t)
	r := newRig(t, Config{})
	now := r.clock.Now()
	ctx := context.Background()
	v1, lib := verifySessionJSONv1(r.v), verifySessionGolangJWT(r.v)

	with := func(f func(c jwt.MapClaims)) string {
		c := sessionClaims(now.Add(-time.Minute))
		f(c)
		return sign(t, k, testKid, c)
	}
	valid := with(func(jwt.MapClaims) {})
	parts := strings.Split(valid, ".")
	header := func(h string) string { return base64.RawURLEncoding.EncodeToString([]byte(h)) }
	mac := hmac.New(sha256.New, k.N.Bytes())
	hs := header(`{"alg":"HS256","kid":"`+testKid+`"}`) + "." + parts[1]
	mac.Write([]byte(hs))

	tokens := map[string]string{
		"valid":                  valid,
		"no custom claims":       with(func(c jwt.MapClaims) { delete(c, "tenant"); delete(c, "plan") }),
		"one audience string":    with(func(c jwt.MapClaims) { c["aud"] = testProject }),
		"fractional times":       with(func(c jwt.MapClaims) { c["exp"] = float64(now.Add(time.Minute).Unix()) + 0.5 }),
		"expired":                with(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Minute).Unix() }),
		"not yet valid":          with(func(c jwt.MapClaims) { c["nbf"] = now.Add(time.Minute).Unix() }),
		"too old":                with(func(c jwt.MapClaims) { c["iat"] = now.Add(-time.Hour).Unix() }),
		"wrong issuer":           with(func(c jwt.MapClaims) { c["iss"] = "stytch.com/project-test-other" }),
		"wrong audience":         with(func(c jwt.MapClaims) { c["aud"] = []string{"project-test-other"} }),
		"no subject":             with(func(c jwt.MapClaims) { delete(c, "sub") }),
		"no iat":                 with(func(c jwt.MapClaims) { delete(c, "iat") }),
		"exp as a string":        with(func(c jwt.MapClaims) { c["exp"] = "9999999999" }),
		"no session claim":       with(func(c jwt.MapClaims) { delete(c, SessionClaimName) }),
		"session claim a string": with(func(c jwt.MapClaims) { c[SessionClaimName] = "x" }),
		"other key":              sign(t, other, testKid, sessionClaims(now)),
		"no kid":                 sign(t, k, "", sessionClaims(now)),
		"alg none":               header(`{"alg":"none","kid":"`+testKid+`"}`) + "." + parts[1] + ".",
		"HS256":                  hs + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)),
		"crit":                   header(`{"alg":"RS256","kid":"`+testKid+`","crit":["b64"]}`) + "." + parts[1] + "." + parts[2],
	}
	for name, tok := range tokens {
		o := VerifyOptions{MaxTokenAge: 10 * time.Minute}
		_, ours, err := VerifySessionWith[struct{}](ctx, r.v, tok, o)
		got1, err1 := v1(ctx, tok, o)
		got2, err2 := lib(ctx, tok, o)
		assert.Equal(t, err == nil, err1 == nil, "%s: encoding/json v1 candidate: %v (verifier: %v)", name, err1, err)
		if name == "exp as a string" {
			// Typed NumericDate takes a quoted number (golang-jwt's own
			// MapClaims refuses it, as the verifier does).
			assert.NoError(t, err2, "%s: golang-jwt candidate", name)
		} else {
			assert.Equal(t, err == nil, err2 == nil, "%s: golang-jwt candidate: %v (verifier: %v)", name, err2, err)
		}
		if err != nil {
			var e *Error
			assert.True(t, errors.As(err1, &e) && errors.Is(err1, e.Kind), "%s: v1 candidate error %v", name, err1)
			continue
		}
		assert.Equal(t, ours, got1, name)
		if err2 == nil {
			assert.Equal(t, [2]any{ours.UserID, ours.Session}, [2]any{got2.UserID, got2.Session}, name)
			assert.Equal(t, [3]time.Time{ours.IssuedAt, ours.NotBefore, ours.ExpiresAt},
				[3]time.Time{got2.IssuedAt, got2.NotBefore, got2.ExpiresAt}, name)
		}
	}

	// Why typed claims through encoding/json (v1) are not enough on their
	// own: a custom claim spelled "Sub" after sub becomes the subject.
	iat := now.Add(-time.Minute).Unix()
	spoof := signRaw(t, k, testKid, fmt.Sprintf(
		`{"iss":"stytch.com/%s","aud":["%s"],"sub":"%s","iat":%d,"exp":%d,%q:{"id":"s"},"Sub":"user-test-attacker"}`,
		testProject, testProject, testUser, iat, iat+300, SessionClaimName))
	ours, err := r.v.VerifySession(ctx, spoof, 0)
	require.NoError(t, err)
	assert.Equal(t, testUser, ours.UserID)
	got1, err := v1(ctx, spoof, VerifyOptions{})
	require.NoError(t, err)
	assert.Equal(t, testUser, got1.UserID)
	got2, err := lib(ctx, spoof, VerifyOptions{})
	require.NoError(t, err)
	assert.Equal(t, "user-test-attacker", got2.UserID, "golang-jwt's typed claims match names case-insensitively")
}
