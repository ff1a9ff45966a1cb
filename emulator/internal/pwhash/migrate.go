package pwhash

import (
	"crypto/md5"  // verifying legacy imported hashes, not creating new ones
	"crypto/sha1" // likewise legacy-only
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// Hash types accepted by POST /v1/passwords/migrate (field hash_type).
const (
	HashTypeBcrypt   = "bcrypt"
	HashTypeMD5      = "md_5"
	HashTypeArgon2i  = "argon_2i"
	HashTypeArgon2id = "argon_2id"
	HashTypeSHA1     = "sha_1"
	HashTypeSHA512   = "sha_512"
	HashTypeScrypt   = "scrypt"
	HashTypePHPass   = "phpass"
	HashTypePBKDF2   = "pbkdf_2"
)

// HashTypes lists every supported hash_type, in the order Stytch documents them.
var HashTypes = []string{
	HashTypeBcrypt, HashTypeMD5, HashTypeArgon2i, HashTypeArgon2id, HashTypeSHA1,
	HashTypeSHA512, HashTypeScrypt, HashTypePHPass, HashTypePBKDF2,
}

// SaltConfig is the shape shared by md_5_config, sha_1_config and
// sha_512_config: the digest is computed over prepend_salt+password+append_salt.
type SaltConfig struct {
	PrependSalt string `json:"prepend_salt"`
	AppendSalt  string `json:"append_salt"`
}

// MD5Config is the md_5_config object.
type MD5Config = SaltConfig

// SHA1Config is the sha_1_config object.
type SHA1Config = SaltConfig

// SHA512Config is the sha_512_config object.
type SHA512Config = SaltConfig

// Argon2Config is the argon_2_config object, required when the hash is the
// bare hex-encoded key instead of a PHC string. Salt is used as raw bytes.
type Argon2Config struct {
	Salt            string `json:"salt"`
	IterationAmount int    `json:"iteration_amount"`
	Memory          int    `json:"memory"` // KiB
	Threads         int    `json:"threads"`
	KeyLength       int    `json:"key_length"`
}

// ScryptConfig is the scrypt_config object, required unless the hash is a
// PHC string ("$scrypt$ln=..,r=..,p=..$salt$hash"). Salt is base64.
type ScryptConfig struct {
	Salt       string `json:"salt"`
	NParameter int    `json:"n_parameter"`
	RParameter int    `json:"r_parameter"`
	PParameter int    `json:"p_parameter"`
	KeyLength  int    `json:"key_length"`
}

// PBKDF2Config is the pbkdf_2_config object. Salt is base64; Algorithm is
// "sha256" (the default when empty) or "sha512".
type PBKDF2Config struct {
	Salt            string `json:"salt"`
	IterationAmount int    `json:"iteration_amount"`
	KeyLength       int    `json:"key_length"`
	Algorithm       string `json:"algorithm"`
}

// Config carries the optional per-algorithm objects of a migrate request.
// Only the one matching the hash type is read; nil means "not sent".
type Config struct {
	MD5    *MD5Config    `json:"md_5_config,omitempty"`
	SHA1   *SHA1Config   `json:"sha_1_config,omitempty"`
	SHA512 *SHA512Config `json:"sha_512_config,omitempty"`
	Argon2 *Argon2Config `json:"argon_2_config,omitempty"`
	Scrypt *ScryptConfig `json:"scrypt_config,omitempty"`
	PBKDF2 *PBKDF2Config `json:"pbkdf_2_config,omitempty"`
}

// VerifyMigrated reports whether password matches hash, a credential
// imported with the given hash_type and config. Encodings:
//
//   - bcrypt: modular crypt string ($2a$, $2b$, $2y$). Passwords longer than
//     72 bytes are truncated, as the original bcrypt implementations did.
//   - md_5, sha_1, sha_512: digest of prepend_salt+password+append_salt, hex
//     (either case); standard base64 of the raw digest is also accepted.
//   - argon_2i, argon_2id: a PHC string, or the hex key with argon_2_config.
//   - scrypt: a PHC string, or the base64 key with scrypt_config.
//   - pbkdf_2: the base64 key with pbkdf_2_config.
//   - phpass: portable "$P$"/"$H$" hashes (WordPress, phpBB).
//
// A wrong password is (false, nil). Anything that cannot be evaluated is
// (false, *Error) wrapping ErrUnsupportedHashType, ErrMalformedHash,
// ErrInvalidConfig or ErrKeyLengthMismatch.
func VerifyMigrated(hashType, hash, password string, cfg Config) (bool, error) {
	switch hashType {
	case HashTypeBcrypt:
		return verifyBcrypt(hash, password)
	case HashTypeMD5:
		return verifyDigest(hashType, "invalid_md_5_hash", md5.New, hash, password, cfg.MD5)
	case HashTypeSHA1:
		return verifyDigest(hashType, "invalid_sha_1_hash", sha1.New, hash, password, cfg.SHA1)
	case HashTypeSHA512:
		return verifyDigest(hashType, "invalid_hash", sha512.New, hash, password, cfg.SHA512)
	case HashTypeArgon2i, HashTypeArgon2id:
		return verifyArgon2(hashType, hash, password, cfg.Argon2)
	case HashTypeScrypt:
		return verifyScrypt(hash, password, cfg.Scrypt)
	case HashTypePBKDF2:
		return verifyPBKDF2(hash, password, cfg.PBKDF2)
	case HashTypePHPass:
		return verifyPHPass(hash, password)
	default:
		return false, newErr(hashType, "invalid_hash_type", ErrUnsupportedHashType, "hash_type %q is not supported", hashType)
	}
}

// verifyBcrypt maps x/crypto/bcrypt's error zoo onto the package sentinels.
func verifyBcrypt(hash, password string) (bool, error) {
	pw := []byte(password)
	if len(pw) > 72 {
		pw = pw[:72]
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), pw)
	var costErr bcrypt.InvalidCostError
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, bcrypt.ErrMismatchedHashAndPassword):
		return false, nil
	case errors.As(err, &costErr):
		return false, newErr(HashTypeBcrypt, "invalid_bcrypt_cost", ErrInvalidConfig, "%v", err)
	default:
		return false, newErr(HashTypeBcrypt, "invalid_bcrypt_hash", ErrMalformedHash, "%v", err)
	}
}

// verifyDigest handles the salted single-pass digests (md_5, sha_1, sha_512).
func verifyDigest(hashType, errorType string, newHash func() hash.Hash, encoded, password string, salts *SaltConfig) (bool, error) {
	h := newHash()
	want, err := decodeDigest(strings.TrimSpace(encoded), h.Size())
	if err != nil {
		return false, newErr(hashType, errorType, ErrMalformedHash, "expected a %d-byte digest in hex or base64", h.Size())
	}
	if salts != nil {
		h.Write([]byte(salts.PrependSalt))
	}
	h.Write([]byte(password))
	if salts != nil {
		h.Write([]byte(salts.AppendSalt))
	}
	return subtle.ConstantTimeCompare(h.Sum(nil), want) == 1, nil
}

// decodeDigest accepts hex (2*size chars) or standard base64 of size bytes.
func decodeDigest(s string, size int) ([]byte, error) {
	if len(s) == 2*size {
		if b, err := hex.DecodeString(s); err == nil {
			return b, nil
		}
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == size {
		return b, nil
	}
	if b, err := base64.RawStdEncoding.DecodeString(s); err == nil && len(b) == size {
		return b, nil
	}
	return nil, ErrMalformedHash
}

// Sentinel errors. Every error returned by this package wraps exactly one of
// them, so callers can branch with errors.Is without parsing messages.
var (
	// ErrUnsupportedHashType reports a hash_type outside the set accepted by
	// POST /v1/passwords/migrate (or an argon2 variant we cannot compute).
	ErrUnsupportedHashType = errors.New("pwhash: unsupported hash type")
	// ErrMalformedHash reports a hash string that cannot be decoded for its
	// declared type (bad prefix, bad hex/base64, bad PHC fields).
	ErrMalformedHash = errors.New("pwhash: malformed hash")
	// ErrInvalidConfig reports a missing or out-of-range *_config object:
	// empty salt, N not a power of two, zero iterations, unknown algorithm.
	ErrInvalidConfig = errors.New("pwhash: invalid hash config")
	// ErrKeyLengthMismatch reports a config key_length that differs from the
	// length of the decoded hash.
	ErrKeyLengthMismatch = errors.New("pwhash: key length does not match hash length")
)

// Error is the concrete error returned by VerifyMigrated and Verify. It keeps
// the hash type, the Stytch error_type the emulator should answer with, and
// the sentinel it wraps.
type Error struct {
	// HashType is the hash_type being verified ("argon_2id" for Hash/Verify).
	HashType string
	// ErrorType is the Stytch error_type string for this failure, e.g.
	// "invalid_md_5_hash" or "scrypt_key_length_mismatch", so an HTTP layer
	// can map it to a 400 body without a second lookup table.
	ErrorType string
	// Detail is a short human-readable explanation.
	Detail string
	// Err is one of the package sentinels.
	Err error
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%s (%s): %s", e.Err, e.HashType, e.Detail)
}

// Unwrap exposes the sentinel for errors.Is.
func (e *Error) Unwrap() error { return e.Err }

// newErr builds an *Error; kept tiny so call sites stay one line.
func newErr(hashType, errorType string, sentinel error, format string, args ...any) error {
	return &Error{HashType: hashType, ErrorType: errorType, Detail: fmt.Sprintf(format, args...), Err: sentinel}
}
