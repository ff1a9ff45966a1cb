package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/store"
)

func addUser(t *testing.T, s *store.Store, id, email string) {
	t.Helper()
	require.NoError(t, s.Update(func(tx *store.Tx) error {
		tx.Users.Put(id, &store.User{ID: id, Status: "active", CreatedAt: tx.Now,
			Emails: []store.Email{{ID: "email-" + id, Address: email}}})
		return nil
	}))
}

// TestUpdateErrorRollsBackEverything checks that an error from the
// callback undoes changes made through Get, Put and Delete, the indexes
// included, and sends nothing.
func TestUpdateErrorRollsBackEverything(t *testing.T) {
	s := newStore(t, time.Now())
	addUser(t, s, "u1", "ada@example.com")
	addUser(t, s, "u2", "bob@example.com")
	boom := errors.New("boom")
	err := s.Update(func(tx *store.Tx) error {
		u := tx.Users.Get("u1")
		u.Emails[0].Address = "changed@example.com"
		u.Name.First = "Changed"
		tx.Users.Delete("u2")
		tx.Users.Put("u3", &store.User{ID: "u3", Emails: []store.Email{{ID: "e3", Address: "new@example.com"}}})
		tx.AddSession(&store.Session{ID: "s1", UserID: "u1", Token: "tok"})
		tx.Send(store.Message{To: "ada@example.com", Kind: store.MessageOTP})
		// Inside the transaction, lookups see its own changes.
		got, _ := tx.UserByEmail("changed@example.com")
		require.NotNil(t, got)
		assert.Nil(t, tx.User("u2"))
		assert.NotNil(t, tx.SessionByToken("tok"))
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.NoError(t, s.View(func(tx *store.Tx) error {
		u, _ := tx.UserByEmail("ada@example.com")
		require.NotNil(t, u, "the old address is indexed again")
		assert.Equal(t, "", u.Name.First)
		c, _ := tx.UserByEmail("changed@example.com")
		assert.Nil(t, c)
		assert.NotNil(t, tx.User("u2"))
		assert.Nil(t, tx.User("u3"))
		n, _ := tx.UserByEmail("new@example.com")
		assert.Nil(t, n)
		assert.Nil(t, tx.SessionByToken("tok"))
		assert.Equal(t, 2, tx.Users.Len())
		return nil
	}))
	assert.Empty(t, s.Messages(""), "a rolled-back flow sends nothing")
}

func TestPanicRollsBack(t *testing.T) {
	s := newStore(t, time.Now())
	addUser(t, s, "u1", "ada@example.com")
	assert.Panics(t, func() {
		_ = s.Update(func(tx *store.Tx) error {
			tx.Users.Get("u1").Name.First = "X"
			panic("bug")
		})
	})
	require.NoError(t, s.View(func(tx *store.Tx) error {
		assert.Equal(t, "", tx.User("u1").Name.First)
		return nil
	}))
	addUser(t, s, "u2", "bob@example.com") // the lock was released
}

// TestKeepOnErrorSurvivesRollback: a failed attempt is counted while the
// rest of the transaction is undone.
func TestKeepOnErrorSurvivesRollback(t *testing.T) {
	s := newStore(t, time.Now())
	addUser(t, s, "u1", "ada@example.com")
	for range 3 {
		err := s.Update(func(tx *store.Tx) error {
			u := tx.Users.Get("u1")
			u.Name.First = "undone"
			tx.KeepOnError(func(tx *store.Tx) { tx.Users.Get("u1").FailedAttempts++ })
			return errors.New("wrong code")
		})
		require.Error(t, err)
	}
	require.NoError(t, s.View(func(tx *store.Tx) error {
		u := tx.User("u1")
		assert.Equal(t, 3, u.FailedAttempts)
		assert.Equal(t, "", u.Name.First)
		return nil
	}))
	// On success the kept change is applied once, with the rest.
	require.NoError(t, s.Update(func(tx *store.Tx) error {
		tx.KeepOnError(func(tx *store.Tx) { tx.Users.Get("u1").FailedAttempts++ })
		return nil
	}))
	require.NoError(t, s.View(func(tx *store.Tx) error {
		assert.Equal(t, 4, tx.User("u1").FailedAttempts)
		return nil
	}))
}

// TestWriteCheckerCatchesUntrackedChanges: in tests, changing an entity
// reached without Get (here through All) is a bug that is reported.
func TestWriteCheckerCatchesUntrackedChanges(t *testing.T) {
	s := newStore(t, time.Now())
	addUser(t, s, "u1", "ada@example.com")
	assert.PanicsWithValue(t, `store: users "u1" was changed without Get or Put: the change would escape rollback and the journal`, func() {
		_ = s.Update(func(tx *store.Tx) error {
			for _, u := range tx.Users.All() {
				u.Name.First = "sneaky"
			}
			return nil
		})
	})
}

func TestOutboxIsBoundedAndIndexed(t *testing.T) {
	s, err := store.New(store.Options{SigningKey: sharedKey(t), OutboxSize: 3})
	require.NoError(t, err)
	for i, to := range []string{"a@example.com", "b@example.com", "a@example.com", "+12025550123", "A@example.com"} {
		require.NoError(t, s.Update(func(tx *store.Tx) error {
			tx.Send(store.Message{To: to, Kind: store.MessageOTP, Code: string(rune('0' + i))})
			return nil
		}))
	}
	all := s.Messages("")
	require.Len(t, all, 3, "the two oldest were dropped")
	assert.Equal(t, "2", all[0].Code)
	a := s.Messages("a@example.com")
	require.Len(t, a, 2)
	assert.Equal(t, []string{"2", "4"}, []string{a[0].Code, a[1].Code})
	assert.Empty(t, s.Messages("b@example.com"))
	assert.Len(t, s.Messages(" 12025550123"), 1, "a space is read as + (an unencoded + in a query string)")
}

// TestSearchPaginatesInOrder walks every page of several searches and
// compares with the expected order (created_at, then user_id).
func TestSearchPaginatesInOrder(t *testing.T) {
	base := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	s := newStore(t, base)
	var want []string
	require.NoError(t, s.Update(func(tx *store.Tx) error {
		for i := range 25 {
			id := string(rune('a'+i%5)) + string(rune('a'+i))
			u := &store.User{ID: id, Status: "active", CreatedAt: base.Add(time.Duration(i/5) * time.Second),
				Emails: []store.Email{{ID: "e" + id, Address: id + "@example.com", Verified: i%2 == 0}}}
			if i%3 == 0 {
				u.Status = "pending"
			}
			tx.Users.Put(id, u)
		}
		return nil
	}))
	require.NoError(t, s.View(func(tx *store.Tx) error {
		page, err := tx.SearchUsers(false, nil, 1000, "")
		require.NoError(t, err)
		for _, u := range page.Users {
			want = append(want, u.ID)
		}
		return nil
	}))
	require.Len(t, want, 25)
	pending := func(u *store.User) bool { return u.Status == "pending" }
	verified := func(u *store.User) bool { return u.Emails[0].Verified }
	cases := map[string]struct {
		or      bool
		filters []store.UserFilter
	}{
		"all":              {},
		"status (counted)": {filters: []store.UserFilter{{Match: pending, Count: store.UserCountKey("status", "pending")}}},
		"status and flag (scan)": {filters: []store.UserFilter{{Match: pending, Count: store.UserCountKey("status", "pending")},
			{Match: verified, Count: store.UserCountKey("email_verified", "true")}}},
		"emails (index)": {filters: []store.UserFilter{{Match: func(u *store.User) bool {
			return u.ID == "aa" || u.ID == "bg" || u.ID == "cm"
		}, Index: store.IndexEmail, Keys: []string{"AA@example.com", "bg@example.com", "cm@example.com", "zz@example.com"}}}},
		"or of indexes": {or: true, filters: []store.UserFilter{
			{Match: func(u *store.User) bool { return u.ID == "aa" }, Index: store.IndexUserID, Keys: []string{"aa"}},
			{Match: func(u *store.User) bool { return u.ID == "ek" }, Index: store.IndexFactorID, Keys: []string{"eek"}}}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var expect []string
			require.NoError(t, s.View(func(tx *store.Tx) error {
				for _, id := range want {
					u := tx.User(id)
					ok := !c.or || len(c.filters) == 0
					for _, f := range c.filters {
						if f.Match(u) == c.or {
							ok = c.or
							break
						}
					}
					if ok {
						expect = append(expect, id)
					}
				}
				var got []string
				cursor := ""
				for {
					page, err := tx.SearchUsers(c.or, c.filters, 4, cursor)
					require.NoError(t, err)
					assert.Equal(t, len(expect), page.Total)
					for _, u := range page.Users {
						got = append(got, u.ID)
					}
					if page.Next == "" {
						break
					}
					cursor = page.Next
				}
				assert.Equal(t, expect, got)
				return nil
			}))
		})
	}
	require.NoError(t, s.View(func(tx *store.Tx) error {
		_, err := tx.SearchUsers(false, nil, 4, "garbage!")
		assert.ErrorIs(t, err, store.ErrBadCursor)
		return nil
	}))
}
