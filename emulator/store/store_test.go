package store_test

import (
	"crypto/rsa"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/store"
)

func newStore(t *testing.T, now time.Time) *store.Store {
	t.Helper()
	s, err := store.New(store.Options{Clock: func() time.Time { return now }, SigningKey: emutest.SharedKey()})
	require.NoError(t, err)
	return s
}

func sharedKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	return emutest.SharedKey()
}

func TestClockAdvanceAndReset(t *testing.T) {
	base := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	s := newStore(t, base)
	assert.Equal(t, base, s.Now())
	now, err := s.Advance(time.Hour)
	require.NoError(t, err)
	assert.Equal(t, base.Add(time.Hour), now)
	_, err = s.Advance(-time.Second)
	assert.Error(t, err)

	_, kid := s.SigningKey()
	require.NoError(t, s.Update(func(tx *store.Tx) error {
		tx.Users.Put("u", &store.User{ID: "u"})
		tx.Send(store.Message{To: "a@example.com", Kind: store.MessageOTP, Code: "123456"})
		return nil
	}))
	assert.Len(t, s.Messages("A@EXAMPLE.COM"), 1)
	require.NoError(t, s.Reset())
	_, kid2 := s.SigningKey()
	assert.Equal(t, kid, kid2, "reset keeps the signing key")
	assert.Equal(t, base, s.Now(), "reset drops the clock offset")
	assert.Empty(t, s.Messages(""))
	require.NoError(t, s.View(func(tx *store.Tx) error {
		assert.Zero(t, tx.Users.Len())
		assert.NotEmpty(t, tx.Policy.Roles, "default policy restored")
		return nil
	}))
}

func TestCloneIsDeep(t *testing.T) {
	u := &store.User{ID: "u", Emails: []store.Email{{ID: "e"}}, TOTPs: []store.TOTP{{ID: "t", RecoveryCodes: []store.RecoveryCode{{ID: "r"}}}},
		TrustedMetadata: map[string]any{"a": map[string]any{"b": []any{1.0}}}, Password: &store.Password{ID: "p"}}
	c := u.Clone()
	c.Emails[0].Verified = true
	c.TOTPs[0].RecoveryCodes[0].Used = true
	c.TrustedMetadata["a"].(map[string]any)["b"].([]any)[0] = 2.0
	c.Password.RequiresReset = true
	assert.False(t, u.Emails[0].Verified)
	assert.False(t, u.TOTPs[0].RecoveryCodes[0].Used)
	assert.Equal(t, 1.0, u.TrustedMetadata["a"].(map[string]any)["b"].([]any)[0])
	assert.False(t, u.Password.RequiresReset)
}

func TestIDsAndTokens(t *testing.T) {
	assert.Regexp(t, `^user-test-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, store.NewID(store.KindUser, "test"))
	assert.Regexp(t, `^[A-Za-z0-9_-]{44}$`, store.NewToken())
	assert.Regexp(t, `^[A-Za-z0-9_-]{43}=$`, store.NewMagicLinkToken())
	assert.Regexp(t, `^[0-9]{6}$`, store.NewCode())
	assert.Regexp(t, `^secret-live-[A-Za-z0-9_-]{36}$`, store.NewSecret("live"))
}

func TestRestoreRejectsBadState(t *testing.T) {
	s := newStore(t, time.Now())
	assert.Error(t, s.Restore([]byte(`{"users": 3}`)))
	assert.Error(t, s.Restore([]byte(`{"keys": []}`)))
	assert.Error(t, s.Restore([]byte(`{"keys": [{"kid": "k", "pem": "nope"}]}`)))
	ok, err := s.LoadFile(t.TempDir() + "/missing.json")
	assert.False(t, ok)
	assert.NoError(t, err)
}
