// Package pwhash hashes and verifies passwords for the local Stytch emulator.
//
// Two jobs live here:
//
//   - Storage hashing (Hash, Verify): every password the emulator stores is
//     kept as an argon2id PHC string, "$argon2id$v=19$m=...,t=...,p=...$salt$hash",
//     and compared in constant time.
//   - Migration (VerifyMigrated): checking a password against a hash imported
//     through POST /v1/passwords/migrate, in any of the nine hash_type values
//     Stytch accepts (bcrypt, md_5, argon_2i, argon_2id, sha_1, sha_512,
//     scrypt, phpass, pbkdf_2) together with the matching *_config object.
//
// The package has no HTTP or storage dependencies. Bad input never panics: it
// returns an *Error wrapping one of the sentinels in errors.go. Work factors
// taken from imported hashes are bounded (see the Max* constants) so a single
// request cannot make the emulator allocate gigabytes or spin for minutes.
package pwhash

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Storage parameters follow the OWASP Password Storage Cheat Sheet minimum
// for argon2id (m=19 MiB, t=2, p=1). They keep one Hash call in the tens of
// milliseconds, so the emulator's test suite stays fast under -race while
// still exercising a realistic memory-hard configuration.
const (
	StorageMemoryKiB = 19456
	StorageTime      = 2
	StorageThreads   = 1
	StorageKeyLen    = 32
	StorageSaltLen   = 16
)

// Bounds applied to argon2 parameters read from an encoded hash or config.
// Real-world argon2 deployments sit well below them (64 MiB is a common
// ceiling); they exist only to keep hostile input from exhausting the host.
const (
	MaxArgon2MemoryKiB = 256 * 1024
	MaxArgon2Time      = 64
	MaxKeyLen          = 1024
	MinKeyLen          = 4
)

// phcVersion is the only argon2 version x/crypto implements (0x13).
const phcVersion = 19

// argon2Params is a decoded argon2 PHC string or argon_2_config.
type argon2Params struct {
	variant string // "argon2i" or "argon2id"
	memory  uint32
	time    uint32
	threads uint8
	salt    []byte
	key     []byte
}

// Hash returns an argon2id PHC string for password using the Storage*
// parameters and a fresh 16-byte random salt.
func Hash(password string) (string, error) {
	salt := make([]byte, StorageSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("pwhash: reading salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, StorageTime, StorageMemoryKiB, StorageThreads, StorageKeyLen)
	return encodePHC(argon2Params{
		variant: "argon2id", memory: StorageMemoryKiB, time: StorageTime,
		threads: StorageThreads, salt: salt, key: key,
	}), nil
}

// Verify reports whether password matches encoded, an argon2id (or argon2i)
// PHC string such as one produced by Hash. A mismatch is (false, nil); an
// undecodable string or out-of-range parameters is (false, *Error).
func Verify(encoded, password string) (bool, error) {
	p, err := parsePHC("argon_2id", encoded)
	if err != nil {
		return false, err
	}
	return p.matches(password), nil
}

// matches recomputes the argon2 key and compares it in constant time.
func (p argon2Params) matches(password string) bool {
	var got []byte
	keyLen := uint32(len(p.key)) // bounded by MaxKeyLen at parse time
	if p.variant == "argon2i" {
		got = argon2.Key([]byte(password), p.salt, p.time, p.memory, p.threads, keyLen)
	} else {
		got = argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, keyLen)
	}
	return subtle.ConstantTimeCompare(got, p.key) == 1
}

// encodePHC renders params in the reference argon2 encoding (unpadded
// standard base64 for salt and key).
func encodePHC(p argon2Params) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$%s$v=%d$m=%d,t=%d,p=%d$%s$%s",
		p.variant, phcVersion, p.memory, p.time, p.threads,
		b64.EncodeToString(p.salt), b64.EncodeToString(p.key))
}

// parsePHC decodes "$argon2{i,id}$[v=19$]m=..,t=..,p=..$salt$hash". The
// hashType is only used for error reporting.
func parsePHC(hashType, encoded string) (argon2Params, error) {
	var p argon2Params
	parts := strings.Split(encoded, "$")
	if len(parts) == 5 { // version segment omitted
		parts = append(parts[:2], append([]string{"v=" + strconv.Itoa(phcVersion)}, parts[2:]...)...)
	}
	if len(parts) != 6 || parts[0] != "" {
		return p, newErr(hashType, "invalid_hash", ErrMalformedHash, "argon2 PHC string must have 5 '$'-separated fields")
	}
	switch parts[1] {
	case "argon2i", "argon2id":
		p.variant = parts[1]
	case "argon2d":
		return p, newErr(hashType, "invalid_hash_type", ErrUnsupportedHashType, "argon2d is not supported")
	default:
		return p, newErr(hashType, "invalid_hash", ErrMalformedHash, "unknown PHC identifier %q", parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(phcVersion) {
		return p, newErr(hashType, "invalid_hash", ErrMalformedHash, "unsupported argon2 version %q", parts[2])
	}
	m, t, threads, err := parseArgon2Costs(parts[3])
	if err != nil {
		return p, newErr(hashType, "invalid_hash", ErrMalformedHash, "%v", err)
	}
	if p.salt, err = decodeB64(parts[4]); err != nil || len(p.salt) == 0 {
		return p, newErr(hashType, "invalid_argon_2_salt", ErrMalformedHash, "salt is not unpadded base64")
	}
	if p.key, err = decodeB64(parts[5]); err != nil {
		return p, newErr(hashType, "invalid_hash", ErrMalformedHash, "hash is not unpadded base64")
	}
	p.memory, p.time, p.threads = m, t, threads
	return p, p.validate(hashType)
}

// parseArgon2Costs reads "m=..,t=..,p=.." in any order, each exactly once.
func parseArgon2Costs(s string) (m, t uint32, p uint8, err error) {
	seen := map[string]uint64{}
	for field := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			return 0, 0, 0, fmt.Errorf("bad parameter %q", field)
		}
		if _, dup := seen[k]; dup || (k != "m" && k != "t" && k != "p") {
			return 0, 0, 0, fmt.Errorf("unexpected parameter %q", k)
		}
		n, perr := strconv.ParseUint(v, 10, 32)
		if perr != nil {
			return 0, 0, 0, fmt.Errorf("parameter %q: %w", k, perr)
		}
		seen[k] = n
	}
	if len(seen) != 3 {
		return 0, 0, 0, fmt.Errorf("need m, t and p, got %q", s)
	}
	if seen["p"] > 255 {
		return 0, 0, 0, fmt.Errorf("p=%d exceeds 255", seen["p"])
	}
	return uint32(seen["m"]), uint32(seen["t"]), uint8(seen["p"]), nil
}

// validate bounds the work factors and key length.
func (p argon2Params) validate(hashType string) error {
	switch {
	case p.threads == 0:
		return newErr(hashType, "invalid_hash", ErrInvalidConfig, "threads must be at least 1")
	case p.time == 0 || p.time > MaxArgon2Time:
		return newErr(hashType, "invalid_hash", ErrInvalidConfig, "iterations must be in [1, %d]", MaxArgon2Time)
	case p.memory < 8*uint32(p.threads) || p.memory > MaxArgon2MemoryKiB:
		return newErr(hashType, "invalid_hash", ErrInvalidConfig, "memory must be in [8*threads, %d] KiB", MaxArgon2MemoryKiB)
	case len(p.key) < MinKeyLen || len(p.key) > MaxKeyLen:
		return newErr(hashType, "invalid_hash", ErrMalformedHash, "hash length %d outside [%d, %d]", len(p.key), MinKeyLen, MaxKeyLen)
	}
	return nil
}

// decodeB64 accepts standard or URL-safe base64, padded or not.
func decodeB64(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	if strings.ContainsAny(s, "-_") {
		return base64.RawURLEncoding.DecodeString(s)
	}
	return base64.RawStdEncoding.DecodeString(s)
}
