package pwhash

import (
	"errors"
	"fmt"
)

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
