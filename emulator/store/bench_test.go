package store_test

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// BenchmarkDurableCreateUser measures committed user creations per second
// with durability on (every transaction journaled and fsynced before
// Update returns), from 1 and from 32 concurrent writers: concurrent
// writers share fsyncs (group commit). Memory shows the same work without
// a state file.
func BenchmarkDurableCreateUser(b *testing.B) {
	for _, c := range []struct {
		name    string
		durable bool
		writers int
	}{{"Durable/writers=1", true, 1}, {"Durable/writers=32", true, 32}, {"Memory/writers=32", false, 32}} {
		b.Run(c.name, func(b *testing.B) {
			s, err := store.New(store.Options{SigningKey: emutest.SharedKey()})
			if err != nil {
				b.Fatal(err)
			}
			if c.durable {
				if err := s.Open(filepath.Join(b.TempDir(), "state.json")); err != nil {
					b.Fatal(err)
				}
				defer s.Close()
			}
			var n atomic.Int64
			b.SetParallelism(max(1, c.writers/2)) // RunParallel starts parallelism x GOMAXPROCS goroutines
			b.ReportAllocs()
			start := time.Now()
			create := func() {
				i := n.Add(1)
				id := fmt.Sprintf("user-test-%d", i)
				err := s.Update(func(tx *store.Tx) error {
					if u, _ := tx.UserByEmail(id + "@example.com"); u != nil {
						return fmt.Errorf("duplicate")
					}
					tx.Users.Put(id, &store.User{ID: id, Status: "active", CreatedAt: tx.Now,
						Emails: []store.Email{{ID: "email-" + id, Address: id + "@example.com"}}})
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			if c.writers == 1 {
				for b.Loop() {
					create()
				}
			} else {
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						create()
					}
				})
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "writes/s")
		})
	}
}
