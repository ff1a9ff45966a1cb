package jwtauth

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// DefaultLeeway is the clock skew tolerated on exp, nbf and iat.
const DefaultLeeway = 30 * time.Second

// maxTokenLen bounds the input before any decoding work.
const maxTokenLen = 64 << 10

// maxSigSegment is the base64url length of a 4096-bit RSA signature.
const maxSigSegment = (maxRSABits/8*4 + 2) / 3

// Config configures a Verifier.
type Config struct {
	// ProjectID is required: aud must contain it and the default issuer is
	// "stytch.com/<ProjectID>".
	ProjectID string
	// CustomBaseURL, when set, is accepted as iss as well (Stytch issues
	// tokens with the custom domain as issuer when called through it).
	CustomBaseURL string
	// Leeway is the tolerated clock skew; 0 means DefaultLeeway and a
	// negative value means none.
	Leeway time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Verifier checks Stytch-issued RS256 JWTs (session JWTs and M2M access
// tokens) against a KeySet. It is safe for concurrent use.
type Verifier struct {
	keys      *KeySet
	projectID string
	issuers   []string
	now       func() time.Time
	leeway    time.Duration

	// headers caches "header segment -> kid" for headers that already led to
	// a valid signature, so the hot path skips header decoding. Stytch uses
	// the same header for every token signed with a key.
	headers  atomic.Pointer[map[string]string]
	headerMu sync.Mutex
}

// maxCachedHeaders bounds the header cache (one entry per signing key).
const maxCachedHeaders = 16

// NewVerifier returns a Verifier for cfg's project, reading keys from keys.
func NewVerifier(keys *KeySet, cfg Config) (*Verifier, error) {
	if keys == nil {
		return nil, errors.New("jwtauth: nil KeySet")
	}
	if cfg.ProjectID == "" {
		return nil, errors.New("jwtauth: project id is required")
	}
	leeway := cfg.Leeway
	switch {
	case leeway == 0:
		leeway = DefaultLeeway
	case leeway < 0:
		leeway = 0
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	v := &Verifier{
		keys:      keys,
		projectID: cfg.ProjectID,
		issuers:   []string{"stytch.com/" + cfg.ProjectID},
		now:       now,
		leeway:    leeway,
	}
	if base := strings.TrimRight(cfg.CustomBaseURL, "/"); base != "" {
		v.issuers = append(v.issuers, base)
	}
	return v, nil
}

// verifySignature checks the token's header and RS256 signature and returns
// the still-encoded payload segment. It never decodes the payload of a token
// whose signature does not verify.
func (v *Verifier) verifySignature(ctx context.Context, token string) (string, error) {
	if token == "" || len(token) > maxTokenLen {
		return "", newErr(ErrMalformed, "empty or oversized token")
	}
	d1 := strings.IndexByte(token, '.')
	if d1 < 0 {
		return "", newErr(ErrMalformed, "not a compact JWS")
	}
	d2 := strings.IndexByte(token[d1+1:], '.')
	if d2 < 0 {
		return "", newErr(ErrMalformed, "not a compact JWS")
	}
	d2 += d1 + 1
	headerSeg, payloadSeg, sigSeg := token[:d1], token[d1+1:d2], token[d2+1:]
	if strings.IndexByte(sigSeg, '.') >= 0 {
		return "", newErr(ErrMalformed, "not a compact JWS")
	}

	kid, known := "", false
	if m := v.headers.Load(); m != nil {
		kid, known = (*m)[headerSeg]
	}
	if !known {
		var err error
		if kid, err = parseHeader(headerSeg); err != nil {
			return "", err
		}
	}
	key, err := v.keys.Key(ctx, kid)
	if err != nil {
		return "", err
	}

	if len(sigSeg) > maxSigSegment {
		return "", newErr(ErrInvalidSignature, "signature too long")
	}
	var raw [maxSigSegment]byte
	var sig [maxRSABits / 8]byte
	n, err := base64.RawURLEncoding.Strict().Decode(sig[:], raw[:copy(raw[:], sigSeg)])
	if err != nil {
		return "", newErr(ErrMalformed, "signature is not base64url")
	}
	// Hash the signing input in place: unsafe.Slice views the string's bytes
	// read-only, sparing a copy of the whole token on every verification.
	digest := sha256.Sum256(unsafe.Slice(unsafe.StringData(token), d2))
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, digest[:], sig[:n]); err != nil {
		return "", newErr(ErrInvalidSignature, "RS256 signature does not verify")
	}
	if !known {
		v.rememberHeader(headerSeg, kid)
	}
	return payloadSeg, nil
}

// parseHeader decodes the protected header and returns its kid. Only RS256
// is allowed; crit (extensions we would have to understand) is refused.
func parseHeader(seg string) (string, error) {
	var buf [512]byte
	if base64.RawURLEncoding.DecodedLen(len(seg)) > len(buf) {
		return "", newErr(ErrMalformed, "header too long")
	}
	var raw [683]byte
	n, err := base64.RawURLEncoding.Strict().Decode(buf[:], raw[:copy(raw[:], seg)])
	if err != nil {
		return "", newErr(ErrMalformed, "header is not base64url")
	}
	var alg, kid string
	var algSeen, kidSeen bool
	it := newObjectIter(buf[:n])
	for {
		key, val, esc, ok := it.next()
		if !ok {
			break
		}
		nb, _ := memberName(key, esc)
		switch name := string(nb); name {
		case "alg", "kid":
			if (name == "alg" && algSeen) || (name == "kid" && kidSeen) {
				return "", newErr(ErrMalformed, "duplicate header "+name)
			}
			s, isStr := unquoteCopy(val) // buf is on the stack: never share it
			if !isStr {
				return "", newErr(ErrMalformed, "header "+name+" is not a string")
			}
			if name == "alg" {
				alg, algSeen = s, true
			} else {
				kid, kidSeen = s, true
			}
		case "crit":
			return "", newErr(ErrMalformed, "unsupported crit header")
		}
	}
	if it.err != nil {
		return "", newErr(ErrMalformed, "header is not a JSON object")
	}
	if alg != "RS256" {
		return "", newErr(ErrBadAlgorithm, "alg "+quoteShort(alg)+" (only RS256 is accepted)")
	}
	if kid == "" {
		return "", newErr(ErrMissingKeyID, "")
	}
	return kid, nil
}

// rememberHeader adds a header that produced a valid signature to the cache.
func (v *Verifier) rememberHeader(seg, kid string) {
	v.headerMu.Lock()
	defer v.headerMu.Unlock()
	next := make(map[string]string, maxCachedHeaders)
	if old := v.headers.Load(); old != nil && len(*old) < maxCachedHeaders {
		for k, val := range *old {
			next[k] = val
		}
	}
	next[seg] = kid
	v.headers.Store(&next)
}

// decodePayload base64url-decodes the payload into new memory that is never
// written again, so that the claims' strings can share it instead of being
// copied one by one (they keep the payload, about a kilobyte, alive).
func decodePayload(seg string) ([]byte, error) {
	buf := make([]byte, base64.RawURLEncoding.DecodedLen(len(seg)))
	// Decode straight from the string's bytes (read-only), sparing a copy.
	n, err := base64.RawURLEncoding.Strict().Decode(buf, unsafe.Slice(unsafe.StringData(seg), len(seg)))
	if err != nil {
		return nil, newErr(ErrMalformed, "payload is not base64url")
	}
	return buf[:n], nil
}
