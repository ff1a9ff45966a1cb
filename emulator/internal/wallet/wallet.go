// Package wallet verifies crypto-wallet signatures for the local Stytch
// emulator's /v1/crypto_wallets/authenticate flow.
//
// Two wallet types are supported, matching Stytch's crypto_wallet_type:
//
//   - "ethereum": the wallet signs the challenge with personal_sign (EIP-191,
//     keccak256 over "\x19Ethereum Signed Message:\n" + len + message). The
//     65-byte r||s||v signature is hex with a 0x prefix; v may be 27/28 or
//     0/1. The signer's public key is recovered and its address compared with
//     the claimed one case-insensitively.
//   - "solana": the wallet signs the raw challenge bytes with ed25519. Both
//     the 32-byte address and the 64-byte signature are base58 strings.
//
// Every entry point tolerates arbitrary input: malformed addresses or
// signatures return an error wrapping one of the sentinels below, never a
// panic. A well-formed signature by a different key is (false, nil).
package wallet

import (
	"errors"
	"fmt"
	"strings"
)

// Wallet types, as sent in crypto_wallet_type.
const (
	TypeEthereum = "ethereum"
	TypeSolana   = "solana"
)

// Sentinel errors; all errors from this package wrap one of them.
var (
	// ErrUnsupportedWalletType reports a crypto_wallet_type other than
	// "ethereum" or "solana".
	ErrUnsupportedWalletType = errors.New("wallet: unsupported wallet type")
	// ErrInvalidAddress reports an address that is not well-formed for its
	// wallet type (bad length, bad encoding, failed EIP-55 checksum).
	ErrInvalidAddress = errors.New("wallet: invalid address")
	// ErrInvalidSignature reports a signature that cannot be decoded or from
	// which no public key can be recovered.
	ErrInvalidSignature = errors.New("wallet: invalid signature")
)

// Verify reports whether signature is a valid signature of message by the
// wallet at address. walletType is matched case-insensitively.
func Verify(walletType, address, message, signature string) (bool, error) {
	switch strings.ToLower(walletType) {
	case TypeEthereum:
		return VerifyEthereum(address, message, signature)
	case TypeSolana:
		return VerifySolana(address, message, signature)
	default:
		return false, fmt.Errorf("%w: %q", ErrUnsupportedWalletType, walletType)
	}
}

// ValidAddress reports whether address is well-formed for walletType:
// for ethereum, 0x followed by 40 hex digits that are all-lowercase,
// all-uppercase or a correct EIP-55 checksum; for solana, base58 that
// decodes to exactly 32 bytes. Unknown wallet types are never valid.
func ValidAddress(walletType, address string) bool {
	switch strings.ToLower(walletType) {
	case TypeEthereum:
		_, err := parseEthereumAddress(address)
		return err == nil
	case TypeSolana:
		_, err := parseSolanaAddress(address)
		return err == nil
	default:
		return false
	}
}

// NormalizeAddress returns the canonical spelling of a valid address, which
// the emulator uses as the stored crypto_wallet_address: the EIP-55 checksum
// form for ethereum, the address unchanged for solana.
func NormalizeAddress(walletType, address string) (string, error) {
	switch strings.ToLower(walletType) {
	case TypeEthereum:
		raw, err := parseEthereumAddress(address)
		if err != nil {
			return "", err
		}
		return checksumAddress(raw), nil
	case TypeSolana:
		if _, err := parseSolanaAddress(address); err != nil {
			return "", err
		}
		return address, nil
	default:
		return "", fmt.Errorf("%w: %q", ErrUnsupportedWalletType, walletType)
	}
}
