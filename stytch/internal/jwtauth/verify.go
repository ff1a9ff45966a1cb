package jwtauth

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// DefaultLeeway is the clock skew tolerated on exp, nbf and iat.
const DefaultLeeway = 30 * time.Second

// Size caps, checked before any decoding.
const (
	// maxTokenLen bounds the whole token.
	maxTokenLen = 64 << 10
	// maxHeaderSegment bounds the base64url header (Stytch's is ~120 bytes).
	maxHeaderSegment = 1 << 10
	// maxSigSegment is the base64url length of a 4096-bit RSA signature.
	maxSigSegment = (maxRSABits/8*4 + 2) / 3
)

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
}

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

// verify runs the whole check of one token: the header and RS256 signature
// (verifySignature), then the claims (checkClaims), which are decoded into
// dst only once the signature has verified.
func (v *Verifier) verify(ctx context.Context, token string, o VerifyOptions, dst payload) error {
	claims, err := v.verifySignature(ctx, token)
	if err != nil {
		return err
	}
	return v.checkClaims(claims, o, dst)
}

// joseHeader is the protected header of a compact JWS. Names match exactly
// (case-sensitive) and a duplicated name is an error, so "ALG" or a second
// "alg" can never stand in for the one that was checked.
type joseHeader struct {
	Alg  string         `json:"alg"`
	Kid  string         `json:"kid"`
	Crit jsontext.Value `json:"crit"`
}

// verifySignature checks the token's shape, header and RS256 signature and
// returns the decoded payload (the claims set, still unparsed). Only RS256
// is accepted; crit (extensions we would have to understand) is refused;
// both, and the size caps, are checked before any key lookup.
func (v *Verifier) verifySignature(ctx context.Context, token string) ([]byte, error) {
	if token == "" || len(token) > maxTokenLen {
		return nil, newErr(ErrMalformed, "empty or oversized token")
	}
	headerSeg, rest, ok1 := strings.Cut(token, ".")
	payloadSeg, sigSeg, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || strings.Contains(sigSeg, ".") {
		return nil, newErr(ErrMalformed, "not a compact JWS")
	}
	if len(headerSeg) > maxHeaderSegment {
		return nil, newErr(ErrMalformed, "header too long")
	}
	b64 := base64.RawURLEncoding.Strict()
	// One copy of the token serves the digest and every base64 decoding.
	raw := []byte(token)
	signed := raw[:len(headerSeg)+1+len(payloadSeg)]

	var h joseHeader
	hdr, err := decodeSegment(b64, raw[:len(headerSeg)])
	if err != nil {
		return nil, newErr(ErrMalformed, "header is not base64url")
	}
	if jsontext.Value(hdr).Kind() != '{' || jsonv2.Unmarshal(hdr, &h) != nil {
		return nil, newErr(ErrMalformed, "header is not a JSON object")
	}
	switch {
	case h.Alg != "RS256":
		return nil, newErr(ErrBadAlgorithm, "alg "+quoteShort(h.Alg)+" (only RS256 is accepted)")
	case h.Crit != nil:
		return nil, newErr(ErrMalformed, "unsupported crit header")
	case h.Kid == "":
		return nil, newErr(ErrMissingKeyID, "")
	}
	if len(sigSeg) > maxSigSegment {
		return nil, newErr(ErrInvalidSignature, "signature too long")
	}
	key, err := v.keys.Key(ctx, h.Kid)
	if err != nil {
		return nil, err
	}

	sig, err := decodeSegment(b64, raw[len(signed)+1:])
	if err != nil {
		return nil, newErr(ErrMalformed, "signature is not base64url")
	}
	digest := sha256.Sum256(signed)
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, digest[:], sig); err != nil {
		return nil, newErr(ErrInvalidSignature, "RS256 signature does not verify")
	}
	claims, err := decodeSegment(b64, raw[len(headerSeg)+1:len(signed)])
	if err != nil {
		return nil, newErr(ErrMalformed, "payload is not base64url")
	}
	return claims, nil
}

// decodeSegment base64url-decodes one segment into new memory.
func decodeSegment(enc *base64.Encoding, seg []byte) ([]byte, error) {
	out := make([]byte, enc.DecodedLen(len(seg)))
	n, err := enc.Decode(out, seg)
	return out[:n], err
}
