package store_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// openDurable opens a durable store in path without closing it at the end
// (as a killed process would leave it).
func openDurable(t *testing.T, path string, log *bytes.Buffer) *store.Store {
	t.Helper()
	opts := store.Options{SigningKey: sharedKey(t)}
	if log != nil {
		opts.Logger = slog.New(slog.NewTextHandler(log, nil))
	}
	s, err := store.New(opts)
	require.NoError(t, err)
	require.NoError(t, s.Open(path))
	return s
}

// TestJournalReplaysAfterCrash commits through a durable store that is
// never closed, then opens the same files again: everything acknowledged
// is there, failed transactions are not, and the load is logged.
func TestJournalReplaysAfterCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := openDurable(t, path, nil)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 25 {
				id := fmt.Sprintf("u-%d-%d", w, i)
				assert.NoError(t, s.Update(func(tx *store.Tx) error {
					tx.Users.Put(id, &store.User{ID: id, Emails: []store.Email{{ID: "e" + id, Address: id + "@example.com"}}})
					tx.Send(store.Message{To: id + "@example.com", Kind: store.MessageOTP})
					return nil
				}))
			}
		})
	}
	wg.Wait()
	require.NoError(t, s.Update(func(tx *store.Tx) error {
		tx.Users.Delete("u-0-0")
		tx.Users.Get("u-1-1").Name.First = "Ada"
		return nil
	}))
	_ = s.Update(func(tx *store.Tx) error {
		tx.Users.Delete("u-2-2")
		return fmt.Errorf("rolled back")
	})
	_, err := s.Advance(time.Hour)
	require.NoError(t, err)
	before := s.Now()

	var log bytes.Buffer
	again := openDurable(t, path, &log)
	require.NoError(t, again.View(func(tx *store.Tx) error {
		assert.Equal(t, 99, tx.Users.Len())
		assert.Nil(t, tx.User("u-0-0"))
		assert.Equal(t, "Ada", tx.User("u-1-1").Name.First)
		assert.NotNil(t, tx.User("u-2-2"), "a failed transaction never reached the journal")
		u, _ := tx.UserByEmail("u-3-24@example.com")
		assert.NotNil(t, u, "indexes are rebuilt")
		return nil
	}))
	assert.Len(t, again.Messages(""), 100)
	assert.WithinDuration(t, before, again.Now(), time.Minute, "the clock offset survives")
	assert.Contains(t, log.String(), "emulator state loaded")
	assert.Contains(t, log.String(), "records_replayed=")
	assert.NotContains(t, log.String(), "PRIVATE KEY")
	require.NoError(t, again.Close())

	// After a clean close everything is in the snapshot and the journal is empty.
	data, err := os.ReadFile(path + ".journal")
	require.NoError(t, err)
	assert.Equal(t, "stytch-emulator journal 1\n", string(data))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	third := openDurable(t, path, nil)
	assert.Len(t, third.Messages(""), 100)
}

// TestJournalTornTailIsDropped appends half a record (a crash in the
// middle of a write): the load keeps every whole record, drops the torn
// one and says so.
func TestJournalTornTailIsDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := openDurable(t, path, nil)
	addUser(t, s, "u1", "ada@example.com")
	addUser(t, s, "u2", "bob@example.com")
	f, err := os.OpenFile(path+".journal", os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.Write([]byte{0, 0, 1, 0, 9, 9, 9, 9, '{', '"'})
	require.NoError(t, err)
	require.NoError(t, f.Close())

	var log bytes.Buffer
	again := openDurable(t, path, &log)
	require.NoError(t, again.View(func(tx *store.Tx) error {
		assert.Equal(t, 2, tx.Users.Len())
		return nil
	}))
	assert.Contains(t, log.String(), "torn last record")
	addUser(t, again, "u3", "cy@example.com")
	third := openDurable(t, path, nil)
	require.NoError(t, third.View(func(tx *store.Tx) error {
		assert.Equal(t, 3, tx.Users.Len(), "writes after the cut are readable")
		return nil
	}))
}

func TestStateFormatVersions(t *testing.T) {
	dir := t.TempDir()
	s := newStore(t, time.Now())
	addUser(t, s, "u1", "ada@example.com")
	snap, err := s.Snapshot()
	require.NoError(t, err)
	assert.Contains(t, string(snap), `"format_version":2`)

	newer := filepath.Join(dir, "newer.json")
	require.NoError(t, os.WriteFile(newer, []byte(strings.Replace(string(snap), `"format_version":2`, `"format_version":3`, 1)), 0o600))
	other, err := store.New(store.Options{SigningKey: sharedKey(t)})
	require.NoError(t, err)
	err = other.Open(newer)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "format version 3")

	// A file of the earlier unversioned format (maps, session_tokens) loads.
	old := filepath.Join(dir, "old.json")
	legacy := strings.Replace(string(snap), `"format_version":2,"journal_seq":0,`, "", 1)
	legacy = strings.Replace(legacy, `"sessions":{}`, `"sessions":{"s1":{"id":"s1","user_id":"u1","token":"tok","expires_at":"2999-01-01T00:00:00Z"}},"session_tokens":{"tok":"s1"}`, 1)
	legacy = strings.Replace(legacy, `"otps":{}`, `"otps":null`, 1)
	require.NotContains(t, legacy, "format_version")
	require.NoError(t, os.WriteFile(old, []byte(legacy), 0o600))
	third, err := store.New(store.Options{SigningKey: sharedKey(t)})
	require.NoError(t, err)
	require.NoError(t, third.Open(old))
	require.NoError(t, third.View(func(tx *store.Tx) error {
		assert.NotNil(t, tx.User("u1"))
		assert.NotNil(t, tx.SessionByToken("tok"), "the token index is rebuilt from sessions")
		assert.Zero(t, tx.OTPs.Len())
		return nil
	}))
	addUser(t, third, "u2", "bob@example.com")
}

// TestJournalKeepsPolicyChanges: a policy set by a transaction is journaled
// with the transaction's writes and replayed after a crash; one set by a
// transaction that fails is never applied.
func TestJournalKeepsPolicyChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := openDurable(t, path, nil)
	custom := store.Policy{Roles: []store.Role{{RoleID: "editor", Permissions: []store.Permission{}}},
		Resources: []store.Resource{{ResourceID: "documents", Actions: []string{"read"}}}, Scopes: []store.Scope{}}
	require.NoError(t, s.Update(func(tx *store.Tx) error {
		tx.SetPolicy(true, custom)
		assert.NotEqual(t, custom, tx.B2B.Policy, "the change applies at commit")
		return nil
	}))
	_ = s.Update(func(tx *store.Tx) error {
		tx.SetPolicy(false, custom)
		return fmt.Errorf("rolled back")
	})
	require.NoError(t, s.View(func(tx *store.Tx) error {
		assert.Equal(t, custom, tx.B2B.Policy)
		assert.Equal(t, store.DefaultPolicy(), tx.Policy, "a failed transaction's policy is dropped")
		return nil
	}))

	again := openDurable(t, path, nil)
	require.NoError(t, again.View(func(tx *store.Tx) error {
		assert.Equal(t, custom, tx.B2B.Policy, "replayed from the journal")
		assert.Equal(t, store.DefaultPolicy(), tx.Policy)
		return nil
	}))
	require.NoError(t, again.Reset())
	require.NoError(t, again.View(func(tx *store.Tx) error {
		assert.Equal(t, store.DefaultB2BPolicy(), tx.B2B.Policy, "Reset restores the default")
		return nil
	}))
}
