package softauthn

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/binary"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests check the authenticator's output with the standard library
// alone, following the relying-party steps of WebAuthn §7.1 and §7.2. The
// same flows are verified by go-webauthn in interop_test.go.

// decodeField base64url-decodes a response field, failing the test on error.
func decodeField(t *testing.T, s string) []byte {
	t.Helper()
	b, err := decodeB64Loose(s)
	require.NoError(t, err)
	return b
}

func TestRegistrationResponseIsWellFormed(t *testing.T) {
	auth := New()
	respJSON, err := auth.Register([]byte(creationJSON), origin)
	require.NoError(t, err)
	var resp registrationResponse
	require.NoError(t, json.Unmarshal(respJSON, &resp))

	assert.Equal(t, "public-key", resp.Type)
	assert.Equal(t, resp.ID, resp.RawID)
	credID := decodeField(t, resp.RawID)
	require.Len(t, credID, credentialIDLen)

	var cd map[string]any
	require.NoError(t, json.Unmarshal(decodeField(t, resp.Response.ClientDataJSON), &cd))
	assert.Equal(t, map[string]any{"type": "webauthn.create", "challenge": "Y2hhbGxlbmdl", "origin": origin, "crossOrigin": false}, cd)

	ad := decodeField(t, resp.Response.AuthenticatorData)
	rpHash := sha256.Sum256([]byte("example.com"))
	assert.Equal(t, rpHash[:], ad[:32], "rpIdHash")
	assert.Equal(t, byte(flagUP|flagUV|flagAT), ad[32], "flags")
	assert.Equal(t, uint32(0), binary.BigEndian.Uint32(ad[33:37]), "signCount")
	assert.Equal(t, make([]byte, 16), ad[37:53], "aaguid")
	assert.Equal(t, uint16(credentialIDLen), binary.BigEndian.Uint16(ad[53:55]))
	assert.Equal(t, credID, ad[55:55+credentialIDLen])

	pub := parseSPKI(t, resp.Response.PublicKey)
	point, err := pub.Bytes()
	require.NoError(t, err)
	assert.Equal(t, coseES256Key(point), ad[55+credentialIDLen:], "COSE key is the SPKI key")
	assert.Equal(t, noneAttestationObject(ad), decodeField(t, resp.Response.AttestationObject))
	assert.Equal(t, coseAlgES256, resp.Response.PublicKeyAlgorithm)
}

func TestAssertionSignatureVerifies(t *testing.T) {
	auth := New()
	regJSON, err := auth.Register([]byte(creationJSON), origin)
	require.NoError(t, err)
	var reg registrationResponse
	require.NoError(t, json.Unmarshal(regJSON, &reg))
	pub := parseSPKI(t, reg.Response.PublicKey)

	request := `{"challenge":"b3RoZXI","rpId":"example.com","allowCredentials":[{"type":"public-key","id":"` + reg.ID + `"}]}`
	for want := uint32(1); want <= 2; want++ {
		respJSON, err := auth.Assert([]byte(request), origin)
		require.NoError(t, err)
		var resp assertionResponse
		require.NoError(t, json.Unmarshal(respJSON, &resp))

		assert.Equal(t, reg.ID, resp.ID)
		assert.Equal(t, []byte("user"), decodeField(t, resp.Response.UserHandle))
		cdj := decodeField(t, resp.Response.ClientDataJSON)
		assert.JSONEq(t, `{"type":"webauthn.get","challenge":"b3RoZXI","origin":"https://example.com","crossOrigin":false}`, string(cdj))

		ad := decodeField(t, resp.Response.AuthenticatorData)
		require.Len(t, ad, 37)
		assert.Equal(t, byte(flagUP|flagUV), ad[32])
		assert.Equal(t, want, binary.BigEndian.Uint32(ad[33:37]))

		cdHash := sha256.Sum256(cdj)
		digest := sha256.Sum256(append(ad, cdHash[:]...))
		assert.True(t, ecdsa.VerifyASN1(pub, digest[:], decodeField(t, resp.Response.Signature)), "signature over authData||hash(clientData)")
		assert.False(t, ecdsa.VerifyASN1(pub, digest[1:], decodeField(t, resp.Response.Signature)))
	}
}

// parseSPKI decodes the response's publicKey (base64url SPKI DER).
func parseSPKI(t *testing.T, s string) *ecdsa.PublicKey {
	t.Helper()
	key, err := x509.ParsePKIXPublicKey(decodeField(t, s))
	require.NoError(t, err)
	pub, ok := key.(*ecdsa.PublicKey)
	require.True(t, ok, "got %T", key)
	return pub
}
