package flows

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Keys and certificates of SSO connections and of the emulated identity
// provider: RSA-2048 keys with self-signed X.509 certificates, stored as
// PEM. Key generation happens outside store transactions (it takes tens of
// milliseconds).

// SSOCertificateLifetime is how long a certificate the emulator issues is
// valid (Stytch's SAML signing certificates: ten years).
const SSOCertificateLifetime = 10 * 365 * 24 * time.Hour

// ssoKeyBits is the size of the RSA keys the emulator generates.
const ssoKeyBits = 2048

// newSSOKey generates an RSA key and a self-signed certificate for it with
// the common name cn, valid from now for SSOCertificateLifetime.
func newSSOKey(now time.Time, cn string) (*rsa.PrivateKey, store.SSOKey, error) {
	key, err := rsa.GenerateKey(rand.Reader, ssoKeyBits)
	if err != nil {
		return nil, store.SSOKey{}, err
	}
	cert, err := selfSigned(key, now, cn)
	if err != nil {
		return nil, store.SSOKey{}, err
	}
	return key, store.SSOKey{PrivateKey: encodeRSAKey(key), Certificate: cert, CreatedAt: now,
		ExpiresAt: now.Add(SSOCertificateLifetime)}, nil
}

// selfSigned returns a PEM self-signed certificate of key.
func selfSigned(key *rsa.PrivateKey, now time.Time, cn string) (string, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 126))
	if err != nil {
		return "", err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Stytch"}},
		NotBefore:    now.Add(-time.Minute),
		NotAfter:     now.Add(SSOCertificateLifetime),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), nil
}

// encodeRSAKey returns the PKCS#1 PEM of key.
func encodeRSAKey(key *rsa.PrivateKey) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
}

// parseRSAKey reads a PKCS#1 (or PKCS#8 RSA) private key in PEM.
func parseRSAKey(s string) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if block == nil {
		return nil, E(ErrInvalidSSOPrivateKey, "The private key is not PEM encoded.")
	}
	if key, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return key, nil
	}
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if key, ok := k.(*rsa.PrivateKey); ok {
			return key, nil
		}
	}
	return nil, E(ErrInvalidSSOPrivateKey, "The private key is not an RSA private key (PKCS#1, -----BEGIN RSA PRIVATE KEY-----).")
}

// parseCertificate reads one PEM certificate (or the bare base64 DER that
// SAML metadata carries).
func parseCertificate(s string) (*x509.Certificate, error) {
	s = strings.TrimSpace(s)
	var der []byte
	if block, _ := pem.Decode([]byte(s)); block != nil {
		if block.Type != "CERTIFICATE" {
			return nil, E(ErrInvalidX509Certificate, "The PEM block is a %s, not a CERTIFICATE.", block.Type)
		}
		der = block.Bytes
	} else {
		der = decodeBase64Loose(s)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil || der == nil {
		return nil, E(ErrInvalidX509Certificate, "The X.509 certificate could not be parsed; send it PEM encoded.")
	}
	return cert, nil
}

// certificatePEM returns the PEM of a certificate.
func certificatePEM(c *x509.Certificate) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
}

// certificateIssuer is the issuer a certificate is listed with: its
// issuer's common name, else its organization.
func certificateIssuer(c *x509.Certificate) string {
	if c.Issuer.CommonName != "" {
		return c.Issuer.CommonName
	}
	if len(c.Issuer.Organization) > 0 {
		return c.Issuer.Organization[0]
	}
	return ""
}

// keyID derives a stable key id from a certificate (a JWK kid).
func keyID(certPEM string) string {
	sum := sha256.Sum256([]byte(certPEM))
	return "idp-key-" + hex.EncodeToString(sum[:8])
}

// decodeBase64Loose decodes standard base64 with any whitespace in it
// (nil when it is not base64).
func decodeBase64Loose(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		return nil
	}
	return b
}
