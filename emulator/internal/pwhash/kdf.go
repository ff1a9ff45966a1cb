package pwhash

import (
	"crypto/md5" // phpass is MD5-based by definition
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"hash"
	"math/bits"
	"strconv"
	"strings"

	"golang.org/x/crypto/scrypt"
)

// Bounds for scrypt and PBKDF2 parameters taken from migrate requests.
const (
	// MaxScryptN is Stytch's documented ceiling: N must be a power of two
	// greater than 1 and less than 262,145.
	MaxScryptN = 1 << 18
	// MaxScryptMemory caps 128*N*r, the bytes scrypt allocates (256 MiB).
	MaxScryptMemory = 256 << 20
	// MaxScryptP caps the parallelism factor, which scales CPU time linearly.
	MaxScryptP = 16
	// MaxPBKDF2Iterations caps iteration_amount (~17x OWASP's 600k for SHA-256).
	MaxPBKDF2Iterations = 10_000_000
)

// verifyArgon2 accepts either a PHC string or a hex key plus argon_2_config.
func verifyArgon2(hashType, encoded, password string, cfg *Argon2Config) (bool, error) {
	wantVariant := map[string]string{HashTypeArgon2i: "argon2i", HashTypeArgon2id: "argon2id"}[hashType]
	if strings.HasPrefix(encoded, "$") {
		p, err := parsePHC(hashType, encoded)
		if err != nil {
			return false, err
		}
		if p.variant != wantVariant {
			return false, newErr(hashType, "invalid_hash", ErrMalformedHash, "PHC string is %s, hash_type says %s", p.variant, wantVariant)
		}
		return p.matches(password), nil
	}
	key, err := hex.DecodeString(strings.TrimSpace(encoded))
	if err != nil {
		return false, newErr(hashType, "invalid_hash", ErrMalformedHash, "argon2 hash is neither a PHC string nor hex")
	}
	if cfg == nil {
		return false, newErr(hashType, "invalid_hash", ErrInvalidConfig, "argon_2_config is required for a hex argon2 hash")
	}
	if cfg.Salt == "" {
		return false, newErr(hashType, "invalid_argon_2_salt", ErrInvalidConfig, "argon_2_config.salt is empty")
	}
	if cfg.KeyLength != len(key) {
		return false, newErr(hashType, "argon_2_key_length_mismatch", ErrKeyLengthMismatch, "key_length %d, hash has %d bytes", cfg.KeyLength, len(key))
	}
	if cfg.Threads < 1 || cfg.Threads > 255 || cfg.IterationAmount < 0 || cfg.Memory < 0 || cfg.Memory > MaxArgon2MemoryKiB {
		return false, newErr(hashType, "invalid_hash", ErrInvalidConfig, "argon_2_config out of range")
	}
	p := argon2Params{
		variant: wantVariant, memory: uint32(cfg.Memory), time: uint32(min(cfg.IterationAmount, MaxArgon2Time+1)), // range-checked above
		threads: uint8(cfg.Threads), salt: []byte(cfg.Salt), key: key,
	}
	if err := p.validate(hashType); err != nil {
		return false, err
	}
	return p.matches(password), nil
}

// scryptParams is a decoded scrypt PHC string or scrypt_config.
type scryptParams struct {
	n, r, p int
	salt    []byte
	key     []byte
}

// verifyScrypt accepts "$scrypt$ln=..,r=..,p=..$salt$hash" or a base64 key
// plus scrypt_config.
func verifyScrypt(encoded, password string, cfg *ScryptConfig) (bool, error) {
	var sp scryptParams
	var err error
	if strings.HasPrefix(encoded, "$scrypt$") {
		if sp, err = parseScryptPHC(encoded); err != nil {
			return false, err
		}
	} else {
		if sp.key, err = decodeStdOrURL(encoded); err != nil || len(sp.key) == 0 {
			return false, newErr(HashTypeScrypt, "invalid_base64_scrypt_hash", ErrMalformedHash, "scrypt hash must be base64")
		}
		if cfg == nil {
			return false, newErr(HashTypeScrypt, "invalid_hash", ErrInvalidConfig, "scrypt_config is required unless the hash is a PHC string")
		}
		if sp.salt, err = decodeStdOrURL(cfg.Salt); err != nil || len(sp.salt) == 0 {
			return false, newErr(HashTypeScrypt, "invalid_scrypt_salt_length", ErrInvalidConfig, "scrypt_config.salt must be non-empty base64")
		}
		if cfg.KeyLength != len(sp.key) {
			return false, newErr(HashTypeScrypt, "scrypt_key_length_mismatch", ErrKeyLengthMismatch, "key_length %d, hash has %d bytes", cfg.KeyLength, len(sp.key))
		}
		sp.n, sp.r, sp.p = cfg.NParameter, cfg.RParameter, cfg.PParameter
	}
	switch {
	case sp.n < 2 || sp.n > MaxScryptN || bits.OnesCount(uint(sp.n)) != 1:
		return false, newErr(HashTypeScrypt, "invalid_hash", ErrInvalidConfig, "N=%d must be a power of two in [2, %d]", sp.n, MaxScryptN)
	case sp.r < 1 || sp.p < 1 || sp.p > MaxScryptP || 128*sp.n > MaxScryptMemory/sp.r:
		return false, newErr(HashTypeScrypt, "invalid_hash", ErrInvalidConfig, "r=%d p=%d out of range", sp.r, sp.p)
	case len(sp.key) < MinKeyLen || len(sp.key) > MaxKeyLen:
		return false, newErr(HashTypeScrypt, "invalid_hash", ErrMalformedHash, "hash length %d outside [%d, %d]", len(sp.key), MinKeyLen, MaxKeyLen)
	}
	got, err := scrypt.Key([]byte(password), sp.salt, sp.n, sp.r, sp.p, len(sp.key))
	if err != nil {
		return false, newErr(HashTypeScrypt, "invalid_hash", ErrInvalidConfig, "%v", err)
	}
	return subtle.ConstantTimeCompare(got, sp.key) == 1, nil
}

// parseScryptPHC decodes the PHC/passlib scrypt form. Passlib writes salt and
// hash in "adapted base64" ('.' for '+'), which decodeB64 is given after the swap.
func parseScryptPHC(encoded string) (scryptParams, error) {
	var sp scryptParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 5 {
		return sp, newErr(HashTypeScrypt, "invalid_hash", ErrMalformedHash, "scrypt PHC string must have 4 '$'-separated fields")
	}
	seen := map[string]int{}
	for field := range strings.SplitSeq(parts[2], ",") {
		k, v, ok := strings.Cut(field, "=")
		n, err := strconv.Atoi(v)
		if _, dup := seen[k]; !ok || err != nil || dup || (k != "ln" && k != "r" && k != "p") {
			return sp, newErr(HashTypeScrypt, "invalid_hash", ErrMalformedHash, "bad scrypt parameter %q", field)
		}
		seen[k] = n
	}
	if len(seen) != 3 || seen["ln"] < 1 || seen["ln"] > 30 {
		return sp, newErr(HashTypeScrypt, "invalid_hash", ErrMalformedHash, "need ln in [1, 30], r and p")
	}
	var err error
	if sp.salt, err = decodeB64(strings.ReplaceAll(parts[3], ".", "+")); err != nil || len(sp.salt) == 0 {
		return sp, newErr(HashTypeScrypt, "invalid_scrypt_salt_length", ErrMalformedHash, "salt is not base64")
	}
	if sp.key, err = decodeB64(strings.ReplaceAll(parts[4], ".", "+")); err != nil {
		return sp, newErr(HashTypeScrypt, "invalid_base64_scrypt_hash", ErrMalformedHash, "hash is not base64")
	}
	sp.n, sp.r, sp.p = 1<<seen["ln"], seen["r"], seen["p"]
	return sp, nil
}

// verifyPBKDF2 checks a base64 PBKDF2-HMAC key described by pbkdf_2_config.
func verifyPBKDF2(encoded, password string, cfg *PBKDF2Config) (bool, error) {
	key, err := decodeStdOrURL(encoded)
	if err != nil || len(key) < MinKeyLen || len(key) > MaxKeyLen {
		return false, newErr(HashTypePBKDF2, "invalid_pbkdf_2_hash", ErrMalformedHash, "pbkdf2 hash must be base64 of %d to %d bytes", MinKeyLen, MaxKeyLen)
	}
	if cfg == nil {
		return false, newErr(HashTypePBKDF2, "invalid_hash", ErrInvalidConfig, "pbkdf_2_config is required")
	}
	salt, err := decodeStdOrURL(cfg.Salt)
	if err != nil || len(salt) == 0 {
		return false, newErr(HashTypePBKDF2, "invalid_pbkdf_2_salt", ErrInvalidConfig, "pbkdf_2_config.salt must be non-empty base64")
	}
	if cfg.IterationAmount < 1 || cfg.IterationAmount > MaxPBKDF2Iterations {
		return false, newErr(HashTypePBKDF2, "invalid_pbkdf_2_iteration_amount", ErrInvalidConfig, "iteration_amount must be in [1, %d]", MaxPBKDF2Iterations)
	}
	if cfg.KeyLength != len(key) {
		return false, newErr(HashTypePBKDF2, "pbkdf_2_key_length_mismatch", ErrKeyLengthMismatch, "key_length %d, hash has %d bytes", cfg.KeyLength, len(key))
	}
	var newHash func() hash.Hash
	switch strings.ToLower(cfg.Algorithm) {
	case "", "sha256":
		newHash = sha256.New
	case "sha512":
		newHash = sha512.New
	default:
		return false, newErr(HashTypePBKDF2, "invalid_hash", ErrInvalidConfig, "algorithm %q is not sha256 or sha512", cfg.Algorithm)
	}
	got, err := pbkdf2.Key(newHash, password, salt, cfg.IterationAmount, len(key))
	if err != nil {
		return false, newErr(HashTypePBKDF2, "invalid_hash", ErrInvalidConfig, "%v", err)
	}
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// decodeStdOrURL decodes base64 in either alphabet, padded or not, after
// trimming surrounding whitespace.
func decodeStdOrURL(s string) ([]byte, error) {
	b, err := decodeB64(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformedHash, err)
	}
	return b, nil
}

// phpassAlphabet is the crypt(3)-style base64 alphabet used by phpass.
const phpassAlphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// phpass portable hashes are exactly this long: 3-char prefix, 1-char cost,
// 8-char salt and the 22-char encoding of a 16-byte MD5 digest.
const phpassLen = 34

// Bounds on the cost character (log2 of the round count). phpass itself
// allows up to 30; we stop at 20 (about a million MD5 rounds) so one request
// cannot pin a core for minutes. WordPress uses 13 and phpBB 11.
const (
	phpassMinLog2 = 7
	phpassMaxLog2 = 20
)

// verifyPHPass checks a portable phpass hash ("$P$" WordPress, "$H$" phpBB3).
func verifyPHPass(encoded, password string) (bool, error) {
	if !strings.HasPrefix(encoded, "$P$") && !strings.HasPrefix(encoded, "$H$") {
		return false, newErr(HashTypePHPass, "invalid_phpass_hash_prefix", ErrMalformedHash, "phpass hash must start with $P$ or $H$")
	}
	if len(encoded) != phpassLen {
		return false, newErr(HashTypePHPass, "invalid_hash", ErrMalformedHash, "phpass hash must be %d characters", phpassLen)
	}
	got, err := phpassCrypt(password, encoded[:12])
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(encoded)) == 1, nil
}

// phpassCrypt computes the full portable hash for password under setting,
// the first 12 characters of an existing hash ("$P$" + cost + 8-char salt).
// The digest starts as md5(salt+password) and is then re-hashed as
// md5(digest+password) 2^cost times.
func phpassCrypt(password, setting string) (string, error) {
	log2 := strings.IndexByte(phpassAlphabet, setting[3])
	if log2 < phpassMinLog2 || log2 > phpassMaxLog2 {
		return "", newErr(HashTypePHPass, "invalid_hash", ErrInvalidConfig, "cost character %q out of range", setting[3])
	}
	salt := setting[4:12]
	for i := range len(salt) {
		if strings.IndexByte(phpassAlphabet, salt[i]) < 0 {
			return "", newErr(HashTypePHPass, "invalid_hash", ErrMalformedHash, "salt contains %q", salt[i])
		}
	}
	digest := md5.Sum([]byte(salt + password))
	buf := make([]byte, 0, md5.Size+len(password))
	for range 1 << log2 {
		buf = append(append(buf[:0], digest[:]...), password...)
		digest = md5.Sum(buf)
	}
	return setting + phpassEncode(digest[:]), nil
}

// phpassEncode is phpass's encode64: 3 input bytes become 4 characters, low
// bits first (the reverse of RFC 4648 bit order), without padding.
func phpassEncode(in []byte) string {
	var sb strings.Builder
	for i := 0; i < len(in); i += 3 {
		v := uint(in[i])
		n := 2
		if i+1 < len(in) {
			v |= uint(in[i+1]) << 8
			n++
		}
		if i+2 < len(in) {
			v |= uint(in[i+2]) << 16
			n++
		}
		for j := range n {
			sb.WriteByte(phpassAlphabet[(v>>(6*j))&0x3f])
		}
	}
	return sb.String()
}
