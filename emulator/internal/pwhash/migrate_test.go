package pwhash

import (
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/scrypt"
)

// vector is one migrate request: the stored hash, its config, and the
// password that must verify.
type vector struct {
	name, hashType, hash, password string
	cfg                            Config
}

// computedVectors derives hashes with the reference Go implementations so
// every hash type is exercised with parameters the test controls.
func computedVectors(t *testing.T) []vector {
	t.Helper()
	const pw = "Tr0ub4dor&3"
	b64 := base64.StdEncoding.EncodeToString

	bc, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
	require.NoError(t, err)
	md := md5.Sum([]byte("pre" + pw + "post"))
	s1 := sha1.Sum([]byte(pw + "tail"))
	s512 := sha512.Sum512([]byte("head" + pw))
	salt := []byte("saltsaltsaltsalt")
	a2i := argon2.Key([]byte(pw), salt, 2, 64, 1, 32)
	a2id := argon2.IDKey([]byte(pw), salt, 1, 128, 2, 24)
	sc, err := scrypt.Key([]byte(pw), salt, 1024, 8, 1, 32)
	require.NoError(t, err)
	pb256, err := pbkdf2.Key(sha256.New, pw, salt, 1000, 32)
	require.NoError(t, err)
	pb512, err := pbkdf2.Key(sha512.New, pw, salt, 1000, 64)
	require.NoError(t, err)
	phc := "$argon2id$v=19$m=128,t=1,p=2$" + base64.RawStdEncoding.EncodeToString(salt) + "$" + base64.RawStdEncoding.EncodeToString(a2id)
	scPHC := "$scrypt$ln=10,r=8,p=1$" + base64.RawStdEncoding.EncodeToString(salt) + "$" + base64.RawStdEncoding.EncodeToString(sc)

	return []vector{
		{"bcrypt", HashTypeBcrypt, string(bc), pw, Config{}},
		{"md5 salted hex", HashTypeMD5, hex.EncodeToString(md[:]), pw, Config{MD5: &MD5Config{PrependSalt: "pre", AppendSalt: "post"}}},
		{"md5 upper hex", HashTypeMD5, strings.ToUpper(hex.EncodeToString(md[:])), pw, Config{MD5: &MD5Config{PrependSalt: "pre", AppendSalt: "post"}}},
		{"sha1 base64", HashTypeSHA1, b64(s1[:]), pw, Config{SHA1: &SHA1Config{AppendSalt: "tail"}}},
		{"sha512 hex", HashTypeSHA512, hex.EncodeToString(s512[:]), pw, Config{SHA512: &SHA512Config{PrependSalt: "head"}}},
		{"argon2i hex+config", HashTypeArgon2i, hex.EncodeToString(a2i), pw, Config{Argon2: &Argon2Config{Salt: string(salt), IterationAmount: 2, Memory: 64, Threads: 1, KeyLength: 32}}},
		{"argon2id phc", HashTypeArgon2id, phc, pw, Config{}},
		{"scrypt base64+config", HashTypeScrypt, b64(sc), pw, Config{Scrypt: &ScryptConfig{Salt: b64(salt), NParameter: 1024, RParameter: 8, PParameter: 1, KeyLength: 32}}},
		{"scrypt phc", HashTypeScrypt, scPHC, pw, Config{}},
		{"pbkdf2 sha256 default", HashTypePBKDF2, b64(pb256), pw, Config{PBKDF2: &PBKDF2Config{Salt: b64(salt), IterationAmount: 1000, KeyLength: 32}}},
		{"pbkdf2 sha512", HashTypePBKDF2, b64(pb512), pw, Config{PBKDF2: &PBKDF2Config{Salt: b64(salt), IterationAmount: 1000, KeyLength: 64, Algorithm: "sha512"}}},
		{"phpass computed", HashTypePHPass, mustPHPass(t, pw, "$P$BabcdefGH"), pw, Config{}},
	}
}

func mustPHPass(t *testing.T, pw, setting string) string {
	t.Helper()
	h, err := phpassCrypt(pw, setting)
	require.NoError(t, err)
	return h
}

// publishedVectors come from standards and widely published examples, so
// they pin the encodings independently of our own hashing code.
var publishedVectors = []vector{
	// hashcat example hashes (mode 0, 10, 100, 3200, 400): password "hashcat".
	{"md5 hashcat", HashTypeMD5, "8743b52063cd84097a65d1633f5c74f5", "hashcat", Config{}},
	{"md5($pass.$salt) hashcat", HashTypeMD5, "3d83c8e717ff0e7ecfe187f088d69954", "hashcat", Config{MD5: &MD5Config{AppendSalt: "343141"}}},
	{"sha1 hashcat", HashTypeSHA1, "b89eaac7e61417341b710b727768294d0e6a277b", "hashcat", Config{}},
	{"bcrypt hashcat", HashTypeBcrypt, "$2a$05$LhayLxezLhK1LhWvKxCyLOj0j1u.Kj0jZ0pEmm134uzrQlFvQJLF6", "hashcat", Config{}},
	{"phpass hashcat", HashTypePHPass, "$P$984478476IagS59wHZvyQMArzfx58u.", "hashcat", Config{}},
	// phpass hash recovered as "pas" in a published hashcat walkthrough.
	{"phpass pas", HashTypePHPass, "$P$5ZDzPE45CLLhEx/72qt3NehVzwN2Ry/", "pas", Config{}},
	// RFC 7914 §12, scrypt(P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64).
	{"scrypt rfc7914", HashTypeScrypt, b64hex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
		"password", Config{Scrypt: &ScryptConfig{Salt: base64.StdEncoding.EncodeToString([]byte("NaCl")), NParameter: 1024, RParameter: 8, PParameter: 16, KeyLength: 64}}},
	// RFC 7914 §11, PBKDF2-HMAC-SHA256(P="passwd", S="salt", c=1, dkLen=64).
	{"pbkdf2 rfc7914", HashTypePBKDF2, b64hex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
		"passwd", Config{PBKDF2: &PBKDF2Config{Salt: base64.StdEncoding.EncodeToString([]byte("salt")), IterationAmount: 1, KeyLength: 64, Algorithm: "sha256"}}},
	// argon2 reference README: "password", salt "somesalt", t=2, m=64 MiB, p=4.
	{"argon2i reference", HashTypeArgon2i, "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "password", Config{}},
}

func b64hex(h string) string {
	b, err := hex.DecodeString(h)
	if err != nil {
		panic(err) // test fixture literal; cannot happen at run time
	}
	return base64.StdEncoding.EncodeToString(b)
}

func TestVerifyMigratedVectors(t *testing.T) {
	all := append(computedVectors(t), publishedVectors...)
	for _, v := range all {
		t.Run(v.name, func(t *testing.T) {
			ok, err := VerifyMigrated(v.hashType, v.hash, v.password, v.cfg)
			require.NoError(t, err)
			assert.True(t, ok, "right password must verify")

			ok, err = VerifyMigrated(v.hashType, v.hash, v.password+"x", v.cfg)
			require.NoError(t, err)
			assert.False(t, ok, "wrong password must not verify")
		})
	}
}

func TestVerifyMigratedCoversEveryHashType(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range append(computedVectors(t), publishedVectors...) {
		seen[v.hashType] = true
	}
	for _, ht := range HashTypes {
		assert.True(t, seen[ht], "no vector for %s", ht)
	}
}

func TestVerifyMigratedBcryptLongPasswordTruncates(t *testing.T) {
	long := strings.Repeat("a", 72)
	h, err := bcrypt.GenerateFromPassword([]byte(long), bcrypt.MinCost)
	require.NoError(t, err)
	ok, err := VerifyMigrated(HashTypeBcrypt, string(h), long+"ignored", Config{})
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestVerifyMigratedErrors(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString
	key32 := b64(make([]byte, 32))
	salt := b64([]byte("saltsalt"))
	cases := []struct {
		name, hashType, hash string
		cfg                  Config
		want                 error
		errorType            string
	}{
		{"unknown type", "sha_256", "abc", Config{}, ErrUnsupportedHashType, "invalid_hash_type"},
		{"empty type", "", "abc", Config{}, ErrUnsupportedHashType, "invalid_hash_type"},
		{"bcrypt garbage", HashTypeBcrypt, "not-a-hash", Config{}, ErrMalformedHash, "invalid_bcrypt_hash"},
		{"bcrypt cost", HashTypeBcrypt, "$2a$99$LhayLxezLhK1LhWvKxCyLOj0j1u.Kj0jZ0pEmm134uzrQlFvQJLF6", Config{}, ErrInvalidConfig, "invalid_bcrypt_cost"},
		{"md5 short", HashTypeMD5, "8743b520", Config{}, ErrMalformedHash, "invalid_md_5_hash"},
		{"sha1 not hex", HashTypeSHA1, strings.Repeat("z", 40), Config{}, ErrMalformedHash, "invalid_sha_1_hash"},
		{"sha512 wrong size", HashTypeSHA512, strings.Repeat("ab", 32), Config{}, ErrMalformedHash, "invalid_hash"},
		{"argon2 hex no config", HashTypeArgon2id, strings.Repeat("ab", 16), Config{}, ErrInvalidConfig, "invalid_hash"},
		{"argon2 not hex", HashTypeArgon2id, "xyz", Config{}, ErrMalformedHash, "invalid_hash"},
		{"argon2 empty salt", HashTypeArgon2i, strings.Repeat("ab", 16), Config{Argon2: &Argon2Config{IterationAmount: 1, Memory: 64, Threads: 1, KeyLength: 16}}, ErrInvalidConfig, "invalid_argon_2_salt"},
		{"argon2 key length", HashTypeArgon2i, strings.Repeat("ab", 16), Config{Argon2: &Argon2Config{Salt: "s", IterationAmount: 1, Memory: 64, Threads: 1, KeyLength: 32}}, ErrKeyLengthMismatch, "argon_2_key_length_mismatch"},
		{"argon2 zero threads", HashTypeArgon2i, strings.Repeat("ab", 16), Config{Argon2: &Argon2Config{Salt: "s", IterationAmount: 1, Memory: 64, KeyLength: 16}}, ErrInvalidConfig, "invalid_hash"},
		{"argon2 huge memory", HashTypeArgon2i, strings.Repeat("ab", 16), Config{Argon2: &Argon2Config{Salt: "s", IterationAmount: 1, Memory: 1 << 30, Threads: 1, KeyLength: 16}}, ErrInvalidConfig, "invalid_hash"},
		{"argon2 huge time", HashTypeArgon2i, strings.Repeat("ab", 16), Config{Argon2: &Argon2Config{Salt: "s", IterationAmount: 1 << 30, Memory: 64, Threads: 1, KeyLength: 16}}, ErrInvalidConfig, "invalid_hash"},
		{"argon2 variant mismatch", HashTypeArgon2i, "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", Config{}, ErrMalformedHash, "invalid_hash"},
		{"scrypt not base64", HashTypeScrypt, "%%%", Config{}, ErrMalformedHash, "invalid_base64_scrypt_hash"},
		{"scrypt no config", HashTypeScrypt, key32, Config{}, ErrInvalidConfig, "invalid_hash"},
		{"scrypt bad salt", HashTypeScrypt, key32, Config{Scrypt: &ScryptConfig{Salt: "%%", NParameter: 1024, RParameter: 8, PParameter: 1, KeyLength: 32}}, ErrInvalidConfig, "invalid_scrypt_salt_length"},
		{"scrypt key length", HashTypeScrypt, key32, Config{Scrypt: &ScryptConfig{Salt: salt, NParameter: 1024, RParameter: 8, PParameter: 1, KeyLength: 16}}, ErrKeyLengthMismatch, "scrypt_key_length_mismatch"},
		{"scrypt N not pow2", HashTypeScrypt, key32, Config{Scrypt: &ScryptConfig{Salt: salt, NParameter: 1000, RParameter: 8, PParameter: 1, KeyLength: 32}}, ErrInvalidConfig, "invalid_hash"},
		{"scrypt N too big", HashTypeScrypt, key32, Config{Scrypt: &ScryptConfig{Salt: salt, NParameter: 1 << 19, RParameter: 8, PParameter: 1, KeyLength: 32}}, ErrInvalidConfig, "invalid_hash"},
		{"scrypt r huge", HashTypeScrypt, key32, Config{Scrypt: &ScryptConfig{Salt: salt, NParameter: 1024, RParameter: 1 << 20, PParameter: 1, KeyLength: 32}}, ErrInvalidConfig, "invalid_hash"},
		{"scrypt p zero", HashTypeScrypt, key32, Config{Scrypt: &ScryptConfig{Salt: salt, NParameter: 1024, RParameter: 8, KeyLength: 32}}, ErrInvalidConfig, "invalid_hash"},
		{"scrypt phc bad params", HashTypeScrypt, "$scrypt$ln=99,r=8,p=1$c2FsdA$" + strings.TrimRight(key32, "="), Config{}, ErrMalformedHash, "invalid_hash"},
		{"scrypt phc fields", HashTypeScrypt, "$scrypt$ln=10,r=8,p=1$c2FsdA", Config{}, ErrMalformedHash, "invalid_hash"},
		{"pbkdf2 not base64", HashTypePBKDF2, "%%%", Config{}, ErrMalformedHash, "invalid_pbkdf_2_hash"},
		{"pbkdf2 no config", HashTypePBKDF2, key32, Config{}, ErrInvalidConfig, "invalid_hash"},
		{"pbkdf2 bad salt", HashTypePBKDF2, key32, Config{PBKDF2: &PBKDF2Config{Salt: "", IterationAmount: 1, KeyLength: 32}}, ErrInvalidConfig, "invalid_pbkdf_2_salt"},
		{"pbkdf2 zero iterations", HashTypePBKDF2, key32, Config{PBKDF2: &PBKDF2Config{Salt: salt, KeyLength: 32}}, ErrInvalidConfig, "invalid_pbkdf_2_iteration_amount"},
		{"pbkdf2 key length", HashTypePBKDF2, key32, Config{PBKDF2: &PBKDF2Config{Salt: salt, IterationAmount: 1, KeyLength: 64}}, ErrKeyLengthMismatch, "pbkdf_2_key_length_mismatch"},
		{"pbkdf2 algorithm", HashTypePBKDF2, key32, Config{PBKDF2: &PBKDF2Config{Salt: salt, IterationAmount: 1, KeyLength: 32, Algorithm: "md5"}}, ErrInvalidConfig, "invalid_hash"},
		{"phpass prefix", HashTypePHPass, "$Q$984478476IagS59wHZvyQMArzfx58u.", Config{}, ErrMalformedHash, "invalid_phpass_hash_prefix"},
		{"phpass length", HashTypePHPass, "$P$984478476IagS59w", Config{}, ErrMalformedHash, "invalid_hash"},
		{"phpass cost", HashTypePHPass, "$P$z84478476IagS59wHZvyQMArzfx58u.", Config{}, ErrInvalidConfig, "invalid_hash"},
		{"phpass salt", HashTypePHPass, "$P$98447847!IagS59wHZvyQMArzfx58u.", Config{}, ErrMalformedHash, "invalid_hash"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := VerifyMigrated(tc.hashType, tc.hash, "pw", tc.cfg)
			assert.False(t, ok)
			require.ErrorIs(t, err, tc.want)
			var perr *Error
			require.True(t, errors.As(err, &perr))
			assert.Equal(t, tc.errorType, perr.ErrorType)
			assert.Equal(t, tc.hashType, perr.HashType)
		})
	}
}

func FuzzVerifyMigrated(f *testing.F) {
	for _, v := range publishedVectors {
		if v.hashType != HashTypeArgon2i && v.hashType != HashTypeScrypt { // keep seeds cheap
			f.Add(v.hashType, v.hash, v.password)
		}
	}
	f.Add(HashTypeArgon2id, "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$AAAAAAAA", "x")
	f.Add(HashTypeScrypt, "$scrypt$ln=1,r=1,p=1$c2FsdA$AAAAAAAA", "x")
	f.Fuzz(func(t *testing.T, hashType, hash, password string) {
		ok, err := VerifyMigrated(hashType, hash, password, Config{})
		if err != nil {
			assert.False(t, ok)
			var perr *Error
			assert.True(t, errors.As(err, &perr))
		}
	})
}
