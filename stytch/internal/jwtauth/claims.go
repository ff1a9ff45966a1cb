package jwtauth

import (
	"bytes"
	"context"
	"time"

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

var reservedPrefix = []byte(ReservedClaimPrefix)

type tokenKind uint8

const (
	kindSession tokenKind = iota
	kindM2M
)

// claimSet holds the registered claims of one verified token.
type claimSet struct {
	sub                    string
	scope                  string
	exp, nbf, iat          jwt.NumericDate
	hasExp, hasNbf, hasIat bool
	hasScope               bool
	custom                 []byte         // {"k":v,...} of the custom claims, nil if none
	customMap              map[string]any // the same, decoded; nil if none
	payload                []byte         // the decoded payload, shared by the strings above
}

// VerifyOptions tunes one verification.
type VerifyOptions struct {
	// MaxTokenAge, when > 0, refuses tokens issued longer ago than this
	// (ErrTokenTooOld), even if they have not expired.
	MaxTokenAge time.Duration
	// Leeway overrides the Verifier's clock-skew tolerance for this call:
	// 0 keeps Config.Leeway, a negative value means none.
	Leeway time.Duration
}

// verify runs the whole check for one token: signature, then claims. sess
// receives the session claim for session tokens (nil for M2M).
func (v *Verifier) verify(ctx context.Context, token string, kind tokenKind, o VerifyOptions,
	c *claimSet, sess *SessionClaim) error {
	payloadSeg, err := v.verifySignature(ctx, token)
	if err != nil {
		return err
	}
	payload, err := decodePayload(payloadSeg)
	if err != nil {
		return err
	}
	if err := v.parseClaims(payload, kind, c, sess); err != nil {
		return err
	}
	return v.checkTimes(c, o)
}

// parseClaims walks the verified payload once: iss and aud are compared in
// place, registered claims are decoded, the session claim is unmarshalled,
// and the custom claims are copied out as one JSON object.
func (v *Verifier) parseClaims(payload []byte, kind tokenKind, c *claimSet, sess *SessionClaim) error {
	c.payload = payload
	var issOK, audOK, issSeen, audSeen, subSeen, sessSeen bool
	it := newObjectIter(payload)
	for {
		key, val, esc, ok := it.next()
		if !ok {
			break
		}
		name, ok := memberName(key, esc)
		if !ok {
			return newErr(ErrMalformed, "claim name is not a JSON string")
		}
		switch string(name) {
		case "iss":
			if issSeen {
				return newErr(ErrMalformed, "duplicate iss")
			}
			issSeen = true
			for _, want := range v.issuers {
				eq, isStr := stringEquals(val, want)
				if !isStr {
					return newErr(ErrMalformed, "iss is not a string")
				}
				issOK = issOK || eq
			}
		case "aud":
			if audSeen {
				return newErr(ErrMalformed, "duplicate aud")
			}
			audSeen = true
			found, shapeOK := audienceContains(val, v.projectID)
			if !shapeOK {
				return newErr(ErrMalformed, "aud is not a string or an array of strings")
			}
			audOK = found
		case "sub":
			if subSeen {
				return newErr(ErrMalformed, "duplicate sub")
			}
			s, isStr := unquote(val)
			if !isStr {
				return newErr(ErrMalformed, "sub is not a string")
			}
			c.sub, subSeen = s, true
		case "exp", "nbf", "iat":
			if err := c.setDate(name, val); err != nil {
				return err
			}
		case "jti":
			// registered, not custom; Stytch tokens do not need it checked.
		case "scope":
			if kind != kindM2M {
				if err := c.addCustom(name, key, val); err != nil {
					return err
				}
				continue
			}
			if c.hasScope {
				return newErr(ErrMalformed, "duplicate scope")
			}
			s, isStr := unquote(val)
			if !isStr {
				return newErr(ErrMalformed, "scope is not a string")
			}
			c.scope, c.hasScope = s, true
		case SessionClaimName:
			if kind == kindM2M {
				return newErr(ErrMalformed, "a session JWT is not an M2M access token")
			}
			if sessSeen || len(val) == 0 || val[0] != '{' {
				return newErr(ErrMalformed, "session claim is not a single JSON object")
			}
			sessSeen = true
			if err := sess.decode(val); err != nil {
				return err
			}
		default:
			if !bytes.HasPrefix(name, reservedPrefix) {
				if err := c.addCustom(name, key, val); err != nil {
					return err
				}
			}
		}
	}
	switch {
	case it.err != nil:
		return newErr(ErrMalformed, "payload is not a JSON object")
	case !issOK:
		return newErr(ErrInvalidIssuer, "iss is not the project's issuer")
	case !audOK:
		return newErr(ErrInvalidAudience, "aud does not contain the project id")
	case c.sub == "":
		return newErr(ErrMalformed, "sub is missing")
	case !c.hasExp:
		return newErr(ErrMalformed, "exp is missing")
	case !c.hasIat:
		return newErr(ErrMalformed, "iat is missing")
	case kind == kindSession && !sessSeen:
		return newErr(ErrMalformed, "not a session JWT: no "+SessionClaimName+" claim")
	case kind == kindM2M && !c.hasScope:
		return newErr(ErrMalformed, "not an M2M access token: no scope claim")
	}
	if c.custom != nil {
		c.custom = append(c.custom, '}')
	}
	return nil
}

func (c *claimSet) setDate(name []byte, val []byte) error {
	d, ok := numericDate(val)
	if !ok {
		return newErr(ErrMalformed, string(name)+" is not a NumericDate")
	}
	var dst *jwt.NumericDate
	var seen *bool
	switch string(name) {
	case "exp":
		dst, seen = &c.exp, &c.hasExp
	case "nbf":
		dst, seen = &c.nbf, &c.hasNbf
	default:
		dst, seen = &c.iat, &c.hasIat
	}
	if *seen {
		return newErr(ErrMalformed, "duplicate "+string(name))
	}
	*dst, *seen = d, true
	return nil
}

// addCustom records one custom claim, raw (key as written) and decoded.
func (c *claimSet) addCustom(name, key, val []byte) error {
	v, ok := decodeAny(val)
	if !ok {
		return newErr(ErrMalformed, "custom claim "+quoteShort(string(name))+" is not valid JSON")
	}
	if c.customMap == nil {
		c.customMap = make(map[string]any, 4)
		// Sized so that no later custom claim grows it: the rest of the
		// payload from this key on (key is a subslice of the payload).
		rest := len(c.payload)
		if at := cap(c.payload) - cap(key); at > 0 && at <= len(c.payload) {
			rest -= at
		}
		c.custom = make([]byte, 0, rest+2)
	}
	c.customMap[sharedString(name)] = v
	c.custom = appendMember(c.custom, key, val)
	return nil
}

// checkTimes applies the exp, nbf and iat rules of golang-jwt's Validator
// (with leeway and the injected clock; errors also match its sentinels),
// then the caller's maximum token age.
func (v *Verifier) checkTimes(c *claimSet, o VerifyOptions) error {
	leeway := v.leeway
	switch {
	case o.Leeway > 0:
		leeway = o.Leeway
	case o.Leeway < 0:
		leeway = 0
	}
	now := v.now()
	switch {
	case !now.Before(c.exp.Add(leeway)):
		return wrapErr(ErrTokenExpired, "", jwt.ErrTokenExpired)
	case c.hasNbf && now.Before(c.nbf.Add(-leeway)):
		return wrapErr(ErrTokenNotYetValid, "", jwt.ErrTokenNotValidYet)
	case now.Before(c.iat.Add(-leeway)):
		return wrapErr(ErrTokenNotYetValid, "", jwt.ErrTokenUsedBeforeIssued)
	case o.MaxTokenAge > 0 && c.iat.Add(o.MaxTokenAge).Before(now):
		return newErr(ErrTokenTooOld, "issued more than "+o.MaxTokenAge.String()+" ago")
	}
	return nil
}
