// These tests drive go-webauthn v0.18.2 as the relying party, proving that
// the software authenticator's output verifies with a real WebAuthn library.

package softauthn

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"sync"
	"testing"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncbor"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testUser is the minimal webauthn.User the relying party needs.
type testUser struct {
	id    []byte
	creds []webauthn.Credential
}

func (u *testUser) WebAuthnID() []byte                         { return u.id }
func (u *testUser) WebAuthnName() string                       { return "alice@example.com" }
func (u *testUser) WebAuthnDisplayName() string                { return "Alice" }
func (u *testUser) WebAuthnCredentials() []webauthn.Credential { return u.creds }

func newRP(t *testing.T) *webauthn.WebAuthn {
	t.Helper()
	rp, err := webauthn.New(&webauthn.Config{RPID: "example.com", RPDisplayName: "x", RPOrigins: []string{origin}})
	require.NoError(t, err)
	return rp
}

// register runs BeginRegistration -> Register -> CreateCredential.
func register(t *testing.T, rp *webauthn.WebAuthn, auth *Authenticator, user *testUser, opts ...webauthn.RegistrationOption) *webauthn.Credential {
	t.Helper()
	creation, session, err := rp.BeginRegistration(user, opts...)
	require.NoError(t, err)
	optionsJSON, err := json.Marshal(creation)
	require.NoError(t, err)

	respJSON, err := auth.Register(optionsJSON, origin)
	require.NoError(t, err)

	parsed, err := protocol.ParseCredentialCreationResponseBody(bytes.NewReader(respJSON))
	require.NoError(t, err)
	cred, err := rp.CreateCredential(user, *session, parsed)
	require.NoError(t, err)
	user.creds = append(user.creds, *cred)
	return cred
}

// login runs BeginLogin -> Assert -> ValidateLogin and returns the updated
// credential. It reports failures as errors so goroutines may call it.
func login(rp *webauthn.WebAuthn, auth *Authenticator, user *testUser, opts ...webauthn.LoginOption) (*webauthn.Credential, error) {
	assertion, session, err := rp.BeginLogin(user, opts...)
	if err != nil {
		return nil, err
	}
	optionsJSON, err := json.Marshal(assertion.Response) // unwrapped form this time
	if err != nil {
		return nil, err
	}
	respJSON, err := auth.Assert(optionsJSON, origin)
	if err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBody(bytes.NewReader(respJSON))
	if err != nil {
		return nil, err
	}
	return rp.ValidateLogin(user, *session, parsed)
}

func TestRegisterAndLoginWithGoWebAuthn(t *testing.T) {
	rp := newRP(t)
	auth := New()
	user := &testUser{id: []byte("user-test-0001")}

	cred := register(t, rp, auth, user)
	assert.Equal(t, "none", cred.AttestationType)
	assert.True(t, cred.Flags.UserPresent)
	assert.True(t, cred.Flags.UserVerified)
	assert.False(t, cred.Flags.BackupEligible)
	assert.Equal(t, uint32(0), cred.Authenticator.SignCount)
	assert.Equal(t, make([]byte, 16), cred.Authenticator.AAGUID)

	for want := uint32(1); want <= 3; want++ {
		got, err := login(rp, auth, user)
		require.NoError(t, err)
		assert.Equal(t, cred.ID, got.ID)
		assert.Equal(t, want, got.Authenticator.SignCount)
		assert.False(t, got.Authenticator.CloneWarning)
		user.creds[0] = *got
	}

	held := auth.Credentials()
	require.Len(t, held, 1)
	assert.Equal(t, "example.com", held[0].RPID)
	assert.Equal(t, user.id, held[0].UserHandle)
	assert.Equal(t, uint32(3), held[0].SignCount)
}

func TestUserVerificationRequiredAndBackupEligible(t *testing.T) {
	rp := newRP(t)
	auth := New(WithBackupEligible(true), WithAAGUID([16]byte{1, 2, 3}))
	user := &testUser{id: []byte{0xde, 0xad, 0xbe, 0xef}}
	cred := register(t, rp, auth, user, webauthn.WithAuthenticatorSelection(protocol.AuthenticatorSelection{
		UserVerification: protocol.VerificationRequired,
	}))
	assert.True(t, cred.Flags.BackupEligible)
	assert.True(t, cred.Flags.BackupState)
	assert.Equal(t, byte(1), cred.Authenticator.AAGUID[0])

	_, err := login(rp, auth, user, webauthn.WithUserVerification(protocol.VerificationRequired))
	require.NoError(t, err)
}

func TestCounterRegressionIsFlaggedAsClone(t *testing.T) {
	rp := newRP(t)
	auth := New()
	user := &testUser{id: []byte("u")}
	register(t, rp, auth, user)
	got, err := login(rp, auth, user)
	require.NoError(t, err)
	got, err = login(rp, auth, withCreds(user, *got))
	require.NoError(t, err)
	require.Equal(t, uint32(2), got.Authenticator.SignCount)

	require.NoError(t, auth.SetSignCount(auth.Credentials()[0].ID, 1))
	got, err = login(rp, auth, withCreds(user, *got))
	require.NoError(t, err)
	assert.True(t, got.Authenticator.CloneWarning)
	assert.ErrorIs(t, auth.SetSignCount("nope", 1), ErrNoCredential)
}

func withCreds(u *testUser, c webauthn.Credential) *testUser {
	u.creds = []webauthn.Credential{c}
	return u
}

func TestTwoCredentialsAllowListPicksListed(t *testing.T) {
	rp := newRP(t)
	auth := New()
	alice := &testUser{id: []byte("alice")}
	bob := &testUser{id: []byte("bob")}
	aliceCred := register(t, rp, auth, alice)
	register(t, rp, auth, bob)

	got, err := login(rp, auth, alice)
	require.NoError(t, err)
	assert.Equal(t, aliceCred.ID, got.ID)
}

func TestDiscoverableLogin(t *testing.T) {
	rp := newRP(t)
	auth := New()
	user := &testUser{id: []byte("discoverable-user")}
	cred := register(t, rp, auth, user)

	assertion, session, err := rp.BeginDiscoverableLogin()
	require.NoError(t, err)
	optionsJSON, err := json.Marshal(assertion)
	require.NoError(t, err)
	respJSON, err := auth.Assert(optionsJSON, origin)
	require.NoError(t, err)
	parsed, err := protocol.ParseCredentialRequestResponseBody(bytes.NewReader(respJSON))
	require.NoError(t, err)

	handler := func(rawID, userHandle []byte) (webauthn.User, error) {
		assert.Equal(t, cred.ID, rawID)
		assert.Equal(t, user.id, userHandle)
		return user, nil
	}
	got, err := rp.ValidateDiscoverableLogin(handler, *session, parsed)
	require.NoError(t, err)
	assert.Equal(t, uint32(1), got.Authenticator.SignCount)
}

func TestConcurrentLogins(t *testing.T) {
	rp := newRP(t)
	auth := New()
	user := &testUser{id: []byte("c")}
	register(t, rp, auth, user)
	creds := user.creds

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			u := &testUser{id: user.id, creds: creds}
			_, err := login(rp, auth, u)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, uint32(8), auth.Credentials()[0].SignCount)
}

func TestCOSEKeyDecodesWithGoWebAuthn(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	pub, err := key.PublicKey.Bytes()
	require.NoError(t, err)

	parsed, err := webauthncose.ParsePublicKey(coseES256Key(pub))
	require.NoError(t, err)
	ec, ok := parsed.(webauthncose.EC2PublicKeyData)
	require.True(t, ok, "got %T", parsed)
	assert.Equal(t, int64(webauthncose.AlgES256), ec.Algorithm)
	assert.Equal(t, pub[1:33], ec.XCoord)
	assert.Equal(t, pub[33:], ec.YCoord)
}

func TestNoneAttestationObjectDecodes(t *testing.T) {
	var obj struct {
		Fmt      string         `cbor:"fmt"`
		AttStmt  map[string]any `cbor:"attStmt"`
		AuthData []byte         `cbor:"authData"`
	}
	require.NoError(t, webauthncbor.Unmarshal(noneAttestationObject([]byte{9, 8, 7}), &obj))
	assert.Equal(t, "none", obj.Fmt)
	assert.Empty(t, obj.AttStmt)
	assert.Equal(t, []byte{9, 8, 7}, obj.AuthData)
}
