package wallet

import (
	"crypto/ed25519"
	"errors"
	"fmt"
)

// base58Alphabet is the Bitcoin alphabet Solana uses (no 0, O, I, l).
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// MaxBase58Len bounds Base58Decode input. Decoding is quadratic, and the
// longest string Solana needs is an 88-character signature.
const MaxBase58Len = 256

// ErrInvalidBase58 reports a string with a character outside the alphabet,
// or one longer than MaxBase58Len.
var ErrInvalidBase58 = errors.New("wallet: invalid base58")

// base58Index maps an ASCII byte to its digit value, or -1.
var base58Index = func() (idx [256]int8) {
	for i := range idx {
		idx[i] = -1
	}
	for i := range len(base58Alphabet) {
		idx[base58Alphabet[i]] = int8(i) // i < 58 fits in int8
	}
	return idx
}()

// Base58Encode encodes b with the Bitcoin alphabet; each leading zero byte
// becomes a leading '1'.
func Base58Encode(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// log(256)/log(58) < 1.37, so len*138/100+1 digits always suffice.
	digits := make([]byte, 0, len(b)*138/100+1)
	for _, c := range b[zeros:] {
		carry := int(c)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	out := make([]byte, zeros+len(digits))
	for i := range zeros {
		out[i] = '1'
	}
	for i, d := range digits {
		out[len(out)-1-i] = base58Alphabet[d]
	}
	return string(out)
}

// Base58Decode decodes a Bitcoin-alphabet base58 string; each leading '1'
// becomes a leading zero byte. The empty string decodes to an empty slice.
func Base58Decode(s string) ([]byte, error) {
	if len(s) > MaxBase58Len {
		return nil, fmt.Errorf("%w: longer than %d characters", ErrInvalidBase58, MaxBase58Len)
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	bytesLE := make([]byte, 0, len(s))
	for i := zeros; i < len(s); i++ {
		d := base58Index[s[i]]
		if d < 0 {
			return nil, fmt.Errorf("%w: character %q at %d", ErrInvalidBase58, s[i], i)
		}
		carry := int(d)
		for j := range bytesLE {
			carry += int(bytesLE[j]) * 58
			bytesLE[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			bytesLE = append(bytesLE, byte(carry))
			carry >>= 8
		}
	}
	out := make([]byte, zeros+len(bytesLE))
	for i, c := range bytesLE {
		out[len(out)-1-i] = c
	}
	return out, nil
}

// SolanaAddress returns the base58 address of an ed25519 public key.
func SolanaAddress(pub ed25519.PublicKey) string { return Base58Encode(pub) }

// VerifySolana reports whether signature (base58, 64 bytes) is an ed25519
// signature of the raw message bytes by address (base58, 32 bytes).
func VerifySolana(address, message, signature string) (bool, error) {
	pub, err := parseSolanaAddress(address)
	if err != nil {
		return false, err
	}
	sig, err := Base58Decode(signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false, fmt.Errorf("%w: want base58 of %d bytes", ErrInvalidSignature, ed25519.SignatureSize)
	}
	return ed25519.Verify(pub, []byte(message), sig), nil
}

// parseSolanaAddress decodes a base58 address of exactly 32 bytes. Program
// derived addresses are valid addresses even though they are off the curve,
// so the point itself is not checked here; ed25519.Verify rejects them.
func parseSolanaAddress(address string) (ed25519.PublicKey, error) {
	raw, err := Base58Decode(address)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: want base58 of %d bytes", ErrInvalidAddress, ed25519.PublicKeySize)
	}
	return raw, nil
}
