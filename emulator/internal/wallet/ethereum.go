package wallet

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"golang.org/x/crypto/sha3"
)

// ethSignatureLen is r (32) || s (32) || v (1).
const ethSignatureLen = 65

// compactMagic is the offset decred's compact format adds to the recovery id
// for an uncompressed key, which is exactly Ethereum's legacy v (27/28).
const compactMagic = 27

// PersonalSignHash returns the EIP-191 version 0x45 digest that personal_sign
// signs: keccak256("\x19Ethereum Signed Message:\n" + len(message) + message),
// where len is the decimal byte length.
func PersonalSignHash(message []byte) []byte {
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte("\x19Ethereum Signed Message:\n" + strconv.Itoa(len(message))))
	h.Write(message)
	return h.Sum(nil)
}

// EthereumAddress returns the EIP-55 checksummed address of pub: the last 20
// bytes of keccak256 over the 64-byte uncompressed point (no 0x04 prefix).
func EthereumAddress(pub *secp256k1.PublicKey) string {
	return checksumAddress(addressBytes(pub))
}

// addressBytes returns the raw 20-byte address of pub.
func addressBytes(pub *secp256k1.PublicKey) []byte {
	h := sha3.NewLegacyKeccak256()
	h.Write(pub.SerializeUncompressed()[1:])
	return h.Sum(nil)[12:]
}

// RecoverEthereumAddress returns the checksummed address that produced
// signature (0x-hex r||s||v) over message via personal_sign.
func RecoverEthereumAddress(message, signature string) (string, error) {
	pub, err := recoverEthereum([]byte(message), signature)
	if err != nil {
		return "", err
	}
	return EthereumAddress(pub), nil
}

// VerifyEthereum reports whether signature is a personal_sign signature of
// message by address. The address is compared case-insensitively, so a
// mixed-case address with a wrong EIP-55 checksum still matches its key; use
// ValidAddress to enforce the checksum when an address is first registered.
func VerifyEthereum(address, message, signature string) (bool, error) {
	want, err := decodeEthereumAddress(address)
	if err != nil {
		return false, err
	}
	pub, err := recoverEthereum([]byte(message), signature)
	if err != nil {
		return false, err
	}
	return bytes.Equal(addressBytes(pub), want), nil
}

// recoverEthereum decodes an Ethereum r||s||v signature and recovers the key.
func recoverEthereum(message []byte, signature string) (*secp256k1.PublicKey, error) {
	sig, err := decodeHex0x(signature)
	if err != nil || len(sig) != ethSignatureLen {
		return nil, fmt.Errorf("%w: want 0x-prefixed hex of %d bytes", ErrInvalidSignature, ethSignatureLen)
	}
	v := sig[64]
	switch v {
	case 0, 1:
		v += compactMagic
	case compactMagic, compactMagic + 1:
	default:
		return nil, fmt.Errorf("%w: recovery byte v=%d, want 27, 28, 0 or 1", ErrInvalidSignature, sig[64])
	}
	compact := make([]byte, 0, ethSignatureLen)
	compact = append(append(compact, v), sig[:64]...)
	pub, _, err := ecdsa.RecoverCompact(compact, PersonalSignHash(message))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	return pub, nil
}

// decodeEthereumAddress decodes "0x" + 40 hex digits in any case.
func decodeEthereumAddress(address string) ([]byte, error) {
	if len(address) != 42 || !strings.HasPrefix(strings.ToLower(address), "0x") {
		return nil, fmt.Errorf("%w: want 0x followed by 40 hex digits", ErrInvalidAddress)
	}
	raw, err := hex.DecodeString(address[2:])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidAddress, err)
	}
	return raw, nil
}

// parseEthereumAddress is decodeEthereumAddress plus the EIP-55 checksum
// check for addresses whose digits mix upper and lower case.
func parseEthereumAddress(address string) ([]byte, error) {
	raw, err := decodeEthereumAddress(address)
	if err != nil {
		return nil, err
	}
	digits := address[2:]
	lower, upper := strings.ToLower(digits), strings.ToUpper(digits)
	if digits != lower && digits != upper && checksumAddress(raw)[2:] != digits {
		return nil, fmt.Errorf("%w: EIP-55 checksum mismatch", ErrInvalidAddress)
	}
	return raw, nil
}

// checksumAddress renders a 20-byte address in EIP-55 mixed case: a hex
// letter is uppercased when the matching nibble of keccak256(lowercase hex)
// is 8 or more.
func checksumAddress(raw []byte) string {
	lower := hex.EncodeToString(raw)
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(lower))
	digest := h.Sum(nil)
	out := []byte(lower)
	for i, c := range out {
		nibble := digest[i/2] >> 4
		if i%2 == 1 {
			nibble = digest[i/2] & 0x0f
		}
		if c >= 'a' && nibble >= 8 {
			out[i] = c - 'a' + 'A'
		}
	}
	return "0x" + string(out)
}

// decodeHex0x decodes hex with an optional 0x/0X prefix.
func decodeHex0x(s string) ([]byte, error) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	}
	return hex.DecodeString(s)
}
