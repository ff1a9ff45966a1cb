package softauthn

import (
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const origin = "https://example.com"

func TestCBORIntegerHeads(t *testing.T) {
	// RFC 8949 Appendix A examples.
	cases := []struct {
		n    int64
		want string
	}{
		{0, "00"}, {1, "01"}, {10, "0a"}, {23, "17"}, {24, "1818"}, {25, "1819"},
		{100, "1864"}, {1000, "1903e8"}, {1000000, "1a000f4240"},
		{1000000000000, "1b000000e8d4a51000"},
		{-1, "20"}, {-10, "29"}, {-100, "3863"}, {-1000, "3903e7"},
	}
	for _, tc := range cases {
		var w cborWriter
		w.int(tc.n)
		assert.Equal(t, tc.want, hex.EncodeToString(w.buf), "%d", tc.n)
	}
	var w cborWriter
	w.text("IETF")
	w.bytes([]byte{1, 2, 3, 4})
	w.mapHeader(0)
	assert.Equal(t, "6449455446"+"4401020304"+"a0", hex.EncodeToString(w.buf))
}

func TestClientDataJSONShape(t *testing.T) {
	cdj, err := clientData("webauthn.get", "AAEC", origin)
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"webauthn.get","challenge":"AAEC","origin":"https://example.com","crossOrigin":false}`, string(cdj))
	// Standard base64 with padding is normalised to unpadded base64url, as a
	// browser would after decoding the challenge to bytes.
	cdj, err = clientData("webauthn.get", "+/8=", origin)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(cdj, &got))
	assert.Equal(t, "-_8", got["challenge"])
}

const creationJSON = `{"publicKey":{"rp":{"id":"example.com","name":"x"},"user":{"id":"dXNlcg","name":"u","displayName":"U"},
"challenge":"Y2hhbGxlbmdl","pubKeyCredParams":[{"type":"public-key","alg":-7}]}}`

func TestRegisterErrors(t *testing.T) {
	cases := []struct {
		name, options, origin string
		want                  error
	}{
		{"not json", `{`, origin, ErrMalformedOptions},
		{"wrong type", `{"publicKey":[]}`, origin, ErrMalformedOptions},
		{"no user id", `{"rp":{"id":"example.com"},"challenge":"YWJj"}`, origin, ErrMalformedOptions},
		{"no challenge", `{"rp":{"id":"example.com"},"user":{"id":"dQ"}}`, origin, ErrMalformedOptions},
		{"only RS256", `{"rp":{"id":"example.com"},"user":{"id":"dQ"},"challenge":"YWJj","pubKeyCredParams":[{"type":"public-key","alg":-257}]}`, origin, ErrUnsupportedAlgorithm},
		{"other site", creationJSON, "https://evil.example.org", ErrInvalidOrigin},
		{"suffix trick", creationJSON, "https://notexample.com", ErrInvalidOrigin},
		{"plain http", creationJSON, "http://example.com", ErrInvalidOrigin},
		{"not an origin", creationJSON, "https://example.com/login", ErrInvalidOrigin},
		{"garbage origin", creationJSON, "::", ErrInvalidOrigin},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := New().Register([]byte(tc.options), tc.origin)
			assert.Nil(t, resp)
			assert.ErrorIs(t, err, tc.want)
		})
	}
}

func TestRegisterAcceptsSubdomainAndLocalhost(t *testing.T) {
	_, err := New().Register([]byte(creationJSON), "https://login.example.com:8443")
	require.NoError(t, err)
	local := `{"user":{"id":"dQ"},"challenge":"YWJj"}` // no rp.id: defaults to the origin's host
	_, err = New().Register([]byte(local), "http://localhost:3000")
	require.NoError(t, err)
}

func TestExcludeCredentials(t *testing.T) {
	auth := New()
	respJSON, err := auth.Register([]byte(creationJSON), origin)
	require.NoError(t, err)
	var resp struct {
		ID string `json:"id"`
	}
	require.NoError(t, json.Unmarshal(respJSON, &resp))

	excluding := `{"rp":{"id":"example.com"},"user":{"id":"dXNlcg"},"challenge":"YWJj","excludeCredentials":[{"type":"public-key","id":"` + resp.ID + `"}]}`
	_, err = auth.Register([]byte(excluding), origin)
	assert.ErrorIs(t, err, ErrCredentialExcluded)
	assert.Len(t, auth.Credentials(), 1)
}

func TestAssertErrors(t *testing.T) {
	auth := New()
	_, err := auth.Assert([]byte(`{"challenge":"YWJj","rpId":"example.com"}`), origin)
	assert.ErrorIs(t, err, ErrNoCredential, "empty authenticator")

	_, err = auth.Register([]byte(creationJSON), origin)
	require.NoError(t, err)
	_, err = auth.Assert([]byte(`{"challenge":"YWJj","rpId":"example.com","allowCredentials":[{"type":"public-key","id":"AAAA"}]}`), origin)
	assert.ErrorIs(t, err, ErrNoCredential, "unknown allowed credential")
	_, err = auth.Assert([]byte(`{"challenge":"YWJj","rpId":"other.com"}`), "https://other.com")
	assert.ErrorIs(t, err, ErrNoCredential, "credential is scoped to its RP")
	_, err = auth.Assert([]byte(`{"challenge":"YWJj","rpId":"example.com"}`), "https://example.net")
	assert.ErrorIs(t, err, ErrInvalidOrigin)
	_, err = auth.Assert([]byte(`{"rpId":"example.com"}`), origin)
	assert.ErrorIs(t, err, ErrMalformedOptions)
	_, err = auth.Assert([]byte(`nope`), origin)
	assert.ErrorIs(t, err, ErrMalformedOptions)

	resp, err := auth.Assert([]byte(`{"publicKey":{"challenge":"YWJj","rpId":"example.com"}}`), origin)
	require.NoError(t, err)
	assert.Contains(t, string(resp), `"signature"`)
}

func TestUserVerificationUnavailable(t *testing.T) {
	auth := New(WithUserVerification(false), WithAttachment("cross-platform"))
	requireUV := `{"rp":{"id":"example.com"},"user":{"id":"dQ"},"challenge":"YWJj","authenticatorSelection":{"userVerification":"required"}}`
	_, err := auth.Register([]byte(requireUV), origin)
	assert.ErrorIs(t, err, ErrUserVerificationRequired)

	resp, err := auth.Register([]byte(creationJSON), origin)
	require.NoError(t, err)
	assert.Contains(t, string(resp), `"cross-platform"`)
	_, err = auth.Assert([]byte(`{"challenge":"YWJj","rpId":"example.com","userVerification":"required"}`), origin)
	assert.ErrorIs(t, err, ErrUserVerificationRequired)
}

func FuzzOptions(f *testing.F) {
	f.Add([]byte(creationJSON), origin)
	f.Add([]byte(`{"challenge":"YWJj","rpId":"example.com"}`), origin)
	f.Add([]byte(`{"publicKey":null}`), "http://localhost")
	f.Add([]byte(`[]`), "")
	f.Fuzz(func(t *testing.T, options []byte, origin string) {
		auth := New()
		if _, err := auth.Register(options, origin); err != nil {
			assert.Empty(t, auth.Credentials())
		}
		_, _ = auth.Assert(options, origin)
	})
}
