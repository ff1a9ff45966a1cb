package wallet

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBase58Vectors(t *testing.T) {
	// Examples from the base58 encoding draft (draft-msporny-base58).
	cases := []struct {
		raw     []byte
		encoded string
	}{
		{[]byte("Hello World!"), "2NEpo7TZRRrLZSi2U"},
		{[]byte("The quick brown fox jumps over the lazy dog."), "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"},
		{[]byte{0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd}, "11233QC4"},
		{[]byte{}, ""},
		{[]byte{0}, "1"},
		{[]byte{0, 0, 0}, "111"},
		{[]byte{57}, "z"},
		{[]byte{58}, "21"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.encoded, Base58Encode(tc.raw))
		got, err := Base58Decode(tc.encoded)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(tc.raw, got), "decode %q", tc.encoded)
	}
	// The system program's address is 32 zero bytes.
	assert.Equal(t, strings.Repeat("1", 32), Base58Encode(make([]byte, 32)))
}

func TestBase58DecodeRejects(t *testing.T) {
	for _, s := range []string{"0", "O", "I", "l", "abc+", "é", strings.Repeat("2", MaxBase58Len+1)} {
		_, err := Base58Decode(s)
		assert.ErrorIs(t, err, ErrInvalidBase58, "%q", s)
	}
}

func TestVerifySolanaRoundTrip(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	address := SolanaAddress(pub)
	assert.True(t, ValidAddress(TypeSolana, address))
	norm, err := NormalizeAddress(TypeSolana, address)
	require.NoError(t, err)
	assert.Equal(t, address, norm)

	const msg = "Sign this message to authenticate: 1234"
	sig := Base58Encode(ed25519.Sign(priv, []byte(msg)))

	ok, err := Verify("SOLANA", address, msg, sig)
	require.NoError(t, err)
	assert.True(t, ok)

	ok, err = VerifySolana(address, msg+"!", sig)
	require.NoError(t, err)
	assert.False(t, ok, "tampered message must fail")

	raw, err := Base58Decode(sig)
	require.NoError(t, err)
	raw[0] ^= 0x80
	ok, err = VerifySolana(address, msg, Base58Encode(raw))
	require.NoError(t, err)
	assert.False(t, ok, "tampered signature must fail")

	otherPub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	ok, err = VerifySolana(SolanaAddress(otherPub), msg, sig)
	require.NoError(t, err)
	assert.False(t, ok, "signature by another key must fail")
}

func TestSolanaMalformedInput(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	address := SolanaAddress(pub)
	sig := Base58Encode(ed25519.Sign(priv, []byte("m")))

	for _, addr := range []string{"", "0OIl", Base58Encode(make([]byte, 31)), Base58Encode(make([]byte, 33)), "0x" + strings.Repeat("a", 40)} {
		assert.False(t, ValidAddress(TypeSolana, addr), addr)
		ok, err := VerifySolana(addr, "m", sig)
		assert.False(t, ok)
		assert.ErrorIs(t, err, ErrInvalidAddress)
	}
	for _, s := range []string{"", "!!", Base58Encode(make([]byte, 63)), sig + "2"} {
		ok, err := VerifySolana(address, "m", s)
		assert.False(t, ok)
		assert.ErrorIs(t, err, ErrInvalidSignature, "%q", s)
	}
}

func TestUnsupportedWalletType(t *testing.T) {
	ok, err := Verify("bitcoin", "a", "m", "s")
	assert.False(t, ok)
	assert.ErrorIs(t, err, ErrUnsupportedWalletType)
	assert.False(t, ValidAddress("bitcoin", "anything"))
	_, err = NormalizeAddress("", "x")
	assert.ErrorIs(t, err, ErrUnsupportedWalletType)
	_, err = NormalizeAddress(TypeEthereum, "0x12")
	assert.ErrorIs(t, err, ErrInvalidAddress)
	_, err = NormalizeAddress(TypeSolana, "0")
	assert.ErrorIs(t, err, ErrInvalidAddress)
}

func FuzzBase58RoundTrip(f *testing.F) {
	for _, seed := range [][]byte{nil, {0}, {0, 0, 1}, []byte("Hello World!"), bytes.Repeat([]byte{0xff}, 64)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		enc := Base58Encode(raw)
		if len(enc) > MaxBase58Len {
			return
		}
		dec, err := Base58Decode(enc)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(raw, dec))
	})
}

func FuzzBase58Decode(f *testing.F) {
	for _, seed := range []string{"", "1", "2NEpo7TZRRrLZSi2U", "0OIl", "11233QC4", "\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dec, err := Base58Decode(s)
		if err == nil {
			assert.Equal(t, s, Base58Encode(dec), "valid base58 must round-trip")
		}
	})
}

func FuzzVerify(f *testing.F) {
	f.Add(TypeEthereum, "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", "Some data",
		"0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c")
	f.Add(TypeEthereum, "0x0000000000000000000000000000000000000000", "", "0x"+string(bytes.Repeat([]byte("00"), 65)))
	f.Add(TypeSolana, "11111111111111111111111111111111", "m", "1111111111111111111111111111111111111111111111111111111111111111")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, walletType, address, message, signature string) {
		ok, err := Verify(walletType, address, message, signature)
		if err != nil {
			assert.False(t, ok)
		}
		_ = ValidAddress(walletType, address)
	})
}
