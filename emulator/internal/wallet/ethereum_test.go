package wallet

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// signPersonal produces an Ethereum-style r||s||v personal_sign signature.
func signPersonal(t *testing.T, key *secp256k1.PrivateKey, message string, zeroBasedV bool) string {
	t.Helper()
	compact := ecdsa.SignCompact(key, PersonalSignHash([]byte(message)), false)
	require.Len(t, compact, 65)
	v := compact[0]
	if zeroBasedV {
		v -= 27
	}
	sig := append(append([]byte{}, compact[1:]...), v)
	return "0x" + hex.EncodeToString(sig)
}

func TestVerifyEthereumRoundTrip(t *testing.T) {
	key, err := secp256k1.GeneratePrivateKey()
	require.NoError(t, err)
	address := EthereumAddress(key.PubKey())
	const msg = "example.com wants you to sign in with your Ethereum account"

	for _, zeroV := range []bool{false, true} {
		sig := signPersonal(t, key, msg, zeroV)
		for _, addr := range []string{address, strings.ToLower(address), "0x" + strings.ToUpper(address[2:])} {
			ok, err := Verify(TypeEthereum, addr, msg, sig)
			require.NoError(t, err)
			assert.True(t, ok, "v zero-based=%v addr=%s", zeroV, addr)
		}
		got, err := RecoverEthereumAddress(msg, sig)
		require.NoError(t, err)
		assert.Equal(t, address, got)

		ok, err := VerifyEthereum(address, msg+" ", sig)
		require.NoError(t, err)
		assert.False(t, ok, "tampered message must fail")
	}

	other, err := secp256k1.GeneratePrivateKey()
	require.NoError(t, err)
	ok, err := VerifyEthereum(EthereumAddress(other.PubKey()), msg, signPersonal(t, key, msg, false))
	require.NoError(t, err)
	assert.False(t, ok, "signature by another key must fail")
}

func TestVerifyEthereumTamperedSignature(t *testing.T) {
	key, err := secp256k1.GeneratePrivateKey()
	require.NoError(t, err)
	address := EthereumAddress(key.PubKey())
	sig, err := decodeHex0x(signPersonal(t, key, "hi", false))
	require.NoError(t, err)
	sig[10] ^= 0x01
	ok, err := VerifyEthereum(address, "hi", "0x"+hex.EncodeToString(sig))
	// Flipping a bit in r either recovers some other key or no key at all.
	if err != nil {
		assert.ErrorIs(t, err, ErrInvalidSignature)
	}
	assert.False(t, ok)
}

// web3.js documents accounts.sign("Some data", key) for this private key.
func TestVerifyEthereumPublishedVector(t *testing.T) {
	keyBytes, err := hex.DecodeString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	require.NoError(t, err)
	key := secp256k1.PrivKeyFromBytes(keyBytes)
	assert.Equal(t, "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", EthereumAddress(key.PubKey()))
	assert.Equal(t, "1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655", hex.EncodeToString(PersonalSignHash([]byte("Some data"))))

	const sig = "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c"
	ok, err := VerifyEthereum("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", "Some data", sig)
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestChecksumVectors(t *testing.T) {
	// EIP-55's own examples.
	for _, addr := range []string{
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
		"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
		"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
	} {
		assert.True(t, ValidAddress(TypeEthereum, addr), addr)
		norm, err := NormalizeAddress(TypeEthereum, strings.ToLower(addr))
		require.NoError(t, err)
		assert.Equal(t, addr, norm)
		broken := addr[:2] + swapCase(addr[2:3]) + addr[3:]
		if broken != addr && strings.ContainsAny(addr[2:3], "abcdefABCDEF") {
			assert.False(t, ValidAddress(TypeEthereum, broken), broken)
		}
	}
}

func swapCase(s string) string {
	if strings.ToUpper(s) == s {
		return strings.ToLower(s)
	}
	return strings.ToUpper(s)
}

func TestEthereumMalformedInput(t *testing.T) {
	key, err := secp256k1.GeneratePrivateKey()
	require.NoError(t, err)
	address := EthereumAddress(key.PubKey())
	good := signPersonal(t, key, "m", false)

	badSigs := map[string]string{
		"empty":      "",
		"not hex":    "0x" + strings.Repeat("zz", 65),
		"short":      good[:len(good)-2],
		"long":       good + "00",
		"v=29":       good[:len(good)-2] + "1d",
		"v=2":        good[:len(good)-2] + "02",
		"zero r s":   "0x" + strings.Repeat("00", 64) + "1b",
		"odd length": good + "0",
	}
	for name, sig := range badSigs {
		t.Run("sig "+name, func(t *testing.T) {
			ok, err := VerifyEthereum(address, "m", sig)
			assert.False(t, ok)
			assert.ErrorIs(t, err, ErrInvalidSignature)
		})
	}
	badAddrs := map[string]string{
		"empty":     "",
		"no prefix": address[2:],
		"short":     address[:41],
		"not hex":   "0x" + strings.Repeat("g", 40),
		"bad sum":   "0x" + swapCase(address[2:3]) + address[3:],
	}
	for name, addr := range badAddrs {
		if name == "bad sum" && !strings.ContainsAny(address[2:3], "abcdefABCDEF") {
			continue // first digit is numeric; swapping case changes nothing
		}
		t.Run("addr "+name, func(t *testing.T) {
			assert.False(t, ValidAddress(TypeEthereum, addr))
			ok, err := VerifyEthereum(addr, "m", good)
			if name == "bad sum" {
				// Verification compares case-insensitively; only ValidAddress
				// enforces the checksum.
				require.NoError(t, err)
				assert.True(t, ok)
				return
			}
			assert.False(t, ok)
			assert.ErrorIs(t, err, ErrInvalidAddress)
		})
	}
}
