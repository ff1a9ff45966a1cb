package pwhash

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/argon2"
)

func TestHashVerifyRoundTrip(t *testing.T) {
	encoded, err := Hash("correct horse battery staple")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(encoded, "$argon2id$v=19$m=19456,t=2,p=1$"), encoded)

	ok, err := Verify(encoded, "correct horse battery staple")
	require.NoError(t, err)
	assert.True(t, ok)

	ok, err = Verify(encoded, "correct horse battery stapler")
	require.NoError(t, err)
	assert.False(t, ok)

	again, err := Hash("correct horse battery staple")
	require.NoError(t, err)
	assert.NotEqual(t, encoded, again, "salts must differ between calls")
}

func TestHashEmptyAndUnicodePasswords(t *testing.T) {
	for _, pw := range []string{"", "pässwörd 🔑", strings.Repeat("x", 4096)} {
		encoded, err := Hash(pw)
		require.NoError(t, err)
		ok, err := Verify(encoded, pw)
		require.NoError(t, err)
		assert.True(t, ok, "password %q", pw)
	}
}

// The argon2 reference implementation's README documents this encoding for
// password "password", salt "somesalt", t=2, m=64 MiB, p=4, 24-byte output.
func TestVerifyPublishedArgon2iVector(t *testing.T) {
	const encoded = "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
	ok, err := Verify(encoded, "password")
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestVerifyAcceptsForeignArgon2Encodings(t *testing.T) {
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("pw"), salt, 1, 64, 2, 16)
	b64 := base64.RawStdEncoding
	cases := map[string]string{
		"reordered params": "$argon2id$v=19$t=1,p=2,m=64$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key),
		"no version":       "$argon2id$m=64,t=1,p=2$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key),
		"padded base64":    "$argon2id$v=19$m=64,t=1,p=2$" + base64.StdEncoding.EncodeToString(salt) + "$" + base64.StdEncoding.EncodeToString(key),
	}
	for name, encoded := range cases {
		t.Run(name, func(t *testing.T) {
			ok, err := Verify(encoded, "pw")
			require.NoError(t, err)
			assert.True(t, ok)
		})
	}
}

func TestVerifyRejectsMalformed(t *testing.T) {
	good := "c2FsdHNhbHQ$" + base64.RawStdEncoding.EncodeToString(make([]byte, 16))
	cases := []struct {
		name, encoded string
		want          error
	}{
		{"empty", "", ErrMalformedHash},
		{"not phc", "argon2id", ErrMalformedHash},
		{"bcrypt", "$2a$10$abcdefghijklmnopqrstuu", ErrMalformedHash},
		{"argon2d", "$argon2d$v=19$m=64,t=1,p=1$" + good, ErrUnsupportedHashType},
		{"old version", "$argon2id$v=16$m=64,t=1,p=1$" + good, ErrMalformedHash},
		{"missing p", "$argon2id$v=19$m=64,t=1$" + good, ErrMalformedHash},
		{"dup param", "$argon2id$v=19$m=64,m=64,t=1$" + good, ErrMalformedHash},
		{"unknown param", "$argon2id$v=19$m=64,t=1,p=1,x=2$" + good, ErrMalformedHash},
		{"non-numeric", "$argon2id$v=19$m=a,t=1,p=1$" + good, ErrMalformedHash},
		{"p too big", "$argon2id$v=19$m=64,t=1,p=256$" + good, ErrMalformedHash},
		{"p zero", "$argon2id$v=19$m=64,t=1,p=0$" + good, ErrInvalidConfig},
		{"t zero", "$argon2id$v=19$m=64,t=0,p=1$" + good, ErrInvalidConfig},
		{"memory huge", "$argon2id$v=19$m=4294967295,t=1,p=1$" + good, ErrInvalidConfig},
		{"memory below 8p", "$argon2id$v=19$m=8,t=1,p=2$" + good, ErrInvalidConfig},
		{"bad salt", "$argon2id$v=19$m=64,t=1,p=1$!!!$AAAAAAAAAAAAAAAAAAAAAA", ErrMalformedHash},
		{"empty salt", "$argon2id$v=19$m=64,t=1,p=1$$AAAAAAAAAAAAAAAAAAAAAA", ErrMalformedHash},
		{"short key", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$AAA", ErrMalformedHash},
		{"extra field", "$argon2id$v=19$m=64,t=1,p=1$" + good + "$x", ErrMalformedHash},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := Verify(tc.encoded, "pw")
			assert.False(t, ok)
			require.ErrorIs(t, err, tc.want)
			var perr *Error
			require.True(t, errors.As(err, &perr))
			assert.NotEmpty(t, perr.ErrorType)
			assert.NotEmpty(t, perr.Error())
		})
	}
}

func FuzzVerify(f *testing.F) {
	f.Add("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", "pw")
	f.Add("$argon2i$m=8,t=1,p=1$c2FsdA$AAAAAA", "")
	f.Add("$$$$$", "x")
	f.Fuzz(func(t *testing.T, encoded, password string) {
		ok, err := Verify(encoded, password)
		if err != nil {
			assert.False(t, ok)
			var perr *Error
			assert.True(t, errors.As(err, &perr))
		}
	})
}
