package pwhash

import (
	"crypto/md5" // phpass is MD5-based by definition
	"crypto/subtle"
	"strings"
)

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
