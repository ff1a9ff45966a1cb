package jwtauth

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// minRSABits is the smallest modulus accepted from a JWKS. Stytch signs with
// 2048-bit keys; anything smaller is refused rather than trusted.
const minRSABits = 2048

// maxRSABits bounds the modulus (and so the signature length) accepted.
const maxRSABits = 4096

// jwkSet is the body of GET /v1/sessions/jwks/{project_id}. Only the fields
// needed to build RSA verification keys are decoded.
type jwkSet struct {
	Keys []jwk `json:"keys"`
}

type jwk struct {
	Kty    string   `json:"kty"`
	Use    string   `json:"use"`
	KeyOps []string `json:"key_ops"`
	Alg    string   `json:"alg"`
	Kid    string   `json:"kid"`
	N      string   `json:"n"`
	E      string   `json:"e"`
}

// keySnapshot is an immutable view of the usable keys, swapped atomically
// on every successful refresh so the hot path reads it without locking.
type keySnapshot struct {
	keys map[string]*rsa.PublicKey
	// unusable maps the kid of a key that was served but cannot verify RS256
	// (other alg, other kty, encryption use) to the reason, so a token naming
	// it fails with ErrBadAlgorithm instead of triggering a refresh.
	unusable map[string]string
}

// parseJWKS decodes a JWKS body. It fails when the body is not JSON or holds
// no usable RS256 key; unusable keys are listed in the snapshot's unusable map.
func parseJWKS(body []byte) (*keySnapshot, error) {
	var set jwkSet
	if err := json.Unmarshal(body, &set); err != nil {
		return nil, fmt.Errorf("decode JWKS: %w", err)
	}
	snap := &keySnapshot{
		keys:     make(map[string]*rsa.PublicKey, len(set.Keys)),
		unusable: map[string]string{},
	}
	for i := range set.Keys {
		k := &set.Keys[i]
		if k.Kid == "" {
			continue // a key without kid can never be selected
		}
		if _, dup := snap.keys[k.Kid]; dup {
			continue // first key with a kid wins
		}
		pub, err := k.rsaKey()
		if err != nil {
			snap.unusable[k.Kid] = err.Error()
			continue
		}
		delete(snap.unusable, k.Kid)
		snap.keys[k.Kid] = pub
	}
	if len(snap.keys) == 0 {
		return nil, errors.New("JWKS holds no usable RS256 key")
	}
	return snap, nil
}

// rsaKey validates the JWK's metadata and builds its public key. A key is
// usable for RS256 only if kty is RSA, alg is RS256 or absent, use is sig or
// absent, and key_ops (when present) includes verify.
func (k *jwk) rsaKey() (*rsa.PublicKey, error) {
	switch {
	case k.Kty != "RSA":
		return nil, fmt.Errorf("key type %q is not RSA", k.Kty)
	case k.Alg != "" && k.Alg != "RS256":
		return nil, fmt.Errorf("key is for %q, not RS256", k.Alg)
	case k.Use != "" && k.Use != "sig":
		return nil, fmt.Errorf("key use %q is not sig", k.Use)
	case k.KeyOps != nil && !slices.Contains(k.KeyOps, "verify"):
		return nil, errors.New("key_ops does not include verify")
	}
	n, err := decodeBase64URLInt(k.N)
	if err != nil {
		return nil, fmt.Errorf("modulus: %w", err)
	}
	e, err := decodeBase64URLInt(k.E)
	if err != nil {
		return nil, fmt.Errorf("exponent: %w", err)
	}
	if bits := n.BitLen(); bits < minRSABits || bits > maxRSABits {
		return nil, fmt.Errorf("modulus of %d bits is outside [%d, %d]", bits, minRSABits, maxRSABits)
	}
	if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 || e.Bit(0) == 0 {
		return nil, errors.New("exponent is not an odd integer in [3, 2^31)")
	}
	return &rsa.PublicKey{N: n, E: int(e.Int64())}, nil
}

// decodeBase64URLInt decodes an unsigned big-endian integer in base64url,
// tolerating trailing padding that some JWKS producers emit.
func decodeBase64URLInt(s string) (*big.Int, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, errors.New("not base64url")
	}
	if len(b) == 0 {
		return nil, errors.New("empty")
	}
	return new(big.Int).SetBytes(b), nil
}
