package flows

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// keysFromPEM reads every PEM block of s as a public key (PKIX PUBLIC KEY,
// PKCS#1 RSA PUBLIC KEY or the key of a CERTIFICATE).
func keysFromPEM(s string) ([]store.TrustedKey, error) {
	var keys []store.TrustedKey
	rest := []byte(strings.TrimSpace(s))
	for len(rest) > 0 {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, errors.New("public_key_pem holds text that is not a PEM block")
		}
		var pub any
		var err error
		switch block.Type {
		case "PUBLIC KEY":
			pub, err = x509.ParsePKIXPublicKey(block.Bytes)
		case "RSA PUBLIC KEY":
			pub, err = x509.ParsePKCS1PublicKey(block.Bytes)
		case "CERTIFICATE":
			var c *x509.Certificate
			if c, err = x509.ParseCertificate(block.Bytes); err == nil {
				pub = c.PublicKey
			}
		default:
			return nil, fmt.Errorf("a %q PEM block is not a public key", block.Type)
		}
		if err != nil {
			return nil, err
		}
		k, err := trustedKey("", pub)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
		rest = []byte(strings.TrimSpace(string(rest)))
	}
	return keys, nil
}

// jwk is the part of a JSON Web Key the emulator reads.
type jwk struct {
	Kty, Kid, Crv, N, E, X, Y string
}

// keysFromJWKS reads the RSA and EC keys of a JSON Web Key Set.
func keysFromJWKS(raw json.RawMessage) ([]store.TrustedKey, error) {
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.Unmarshal(raw, &set); err != nil {
		return nil, fmt.Errorf("jwks is not a JSON Web Key Set: %w", err)
	}
	if len(set.Keys) == 0 {
		return nil, errors.New("jwks has no keys")
	}
	keys := make([]store.TrustedKey, 0, len(set.Keys))
	for _, j := range set.Keys {
		pub, err := j.publicKey()
		if err != nil {
			return nil, err
		}
		k, err := trustedKey(j.Kid, pub)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func (j jwk) publicKey() (any, error) {
	num := func(s string) (*big.Int, error) {
		b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
		if err != nil || len(b) == 0 {
			return nil, fmt.Errorf("key %q has a bad base64url number", j.Kid)
		}
		return new(big.Int).SetBytes(b), nil
	}
	switch j.Kty {
	case "RSA":
		n, err := num(j.N)
		if err != nil {
			return nil, err
		}
		e, err := num(j.E)
		if err != nil || !e.IsInt64() {
			return nil, fmt.Errorf("key %q has a bad exponent", j.Kid)
		}
		return &rsa.PublicKey{N: n, E: int(e.Int64())}, nil
	case "EC":
		curve := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384()}[j.Crv]
		if curve == nil {
			return nil, fmt.Errorf("key %q has an unsupported curve %q", j.Kid, j.Crv)
		}
		x, err := num(j.X)
		if err != nil {
			return nil, err
		}
		y, err := num(j.Y)
		if err != nil {
			return nil, err
		}
		// The uncompressed SEC 1 point 0x04 || X || Y, each coordinate
		// left-padded to the curve's size; the parser checks it is on the curve.
		size := (curve.Params().BitSize + 7) / 8
		if x.BitLen() > 8*size || y.BitLen() > 8*size {
			return nil, fmt.Errorf("key %q has a coordinate longer than its curve allows", j.Kid)
		}
		point := make([]byte, 1+2*size)
		point[0] = 4
		x.FillBytes(point[1 : 1+size])
		y.FillBytes(point[1+size:])
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, point)
		if err != nil {
			return nil, fmt.Errorf("key %q is not a point on %s", j.Kid, j.Crv)
		}
		return pub, nil
	}
	return nil, fmt.Errorf("key %q has an unsupported kty %q", j.Kid, j.Kty)
}

// trustedKey checks pub (RSA of at least 2048 bits, or EC P-256/P-384) and
// stores it as PKIX PEM.
func trustedKey(kid string, pub any) (store.TrustedKey, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return store.TrustedKey{}, errors.New("RSA keys must have at least 2048 bits")
		}
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() && k.Curve != elliptic.P384() {
			return store.TrustedKey{}, errors.New("EC keys must be on P-256 or P-384")
		}
	default:
		return store.TrustedKey{}, fmt.Errorf("%T keys are not supported", pub)
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return store.TrustedKey{}, err
	}
	return store.TrustedKey{Kid: kid, PEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))}, nil
}

// parsePublicPEM reads a key stored by trustedKey.
func parsePublicPEM(s string) (any, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, errors.New("stored key is not PEM")
	}
	return x509.ParsePKIXPublicKey(block.Bytes)
}
