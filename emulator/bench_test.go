package emulator_test

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// BenchmarkSessionsAuthenticateHTTP measures POST /v1/sessions/authenticate
// with a session token through a real HTTP server (routing, Basic auth,
// request validation, the store, JWT minting and JSON encoding), without
// response validation:
//
//   - Serial: one client, one session.
//   - SameSession: parallel clients authenticating one session; its JWT is
//     signed once per second, then served from the signature cache.
//   - DistinctSessions: parallel clients, each call a session not used for
//     seconds, so every call signs.
//   - RSA2048SignFloor: parallel RS256 signatures alone, the rate the
//     other figures are compared with (same run, same machine).
func BenchmarkSessionsAuthenticateHTTP(b *testing.B) {
	env := emutest.New(b)
	status, m := env.DoJSON(b, http.MethodPost, "/v1/otps/email/login_or_create", map[string]any{"email": "bench@example.com"})
	if status != http.StatusOK {
		b.Fatalf("login_or_create: %d %v", status, m)
	}
	msg := env.LastMessage(b, "bench@example.com")
	status, a := env.DoJSON(b, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code,
		"session_duration_minutes": 60})
	if status != http.StatusOK {
		b.Fatalf("authenticate: %d %v", status, a)
	}
	token := a["session_token"].(string)
	client := env.HTTP.Client()
	call := func(b *testing.B, token string) {
		body, _ := json.Marshal(map[string]any{"session_token": token})
		req, _ := http.NewRequest(http.MethodPost, env.URL+"/v1/sessions/authenticate", bytes.NewReader(body))
		req.SetBasicAuth(emulator.DefaultProjectID, emulator.DefaultSecret)
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
	rate := func(b *testing.B, start time.Time) {
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	}
	b.Run("Serial", func(b *testing.B) {
		b.ReportAllocs()
		start := time.Now()
		for b.Loop() {
			call(b, token)
		}
		rate(b, start)
	})
	b.Run("SameSession", func(b *testing.B) {
		b.ReportAllocs()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				call(b, token)
			}
		})
		rate(b, start)
	})
	b.Run("DistinctSessions", func(b *testing.B) {
		// More sessions than calls in a run: no session is minted twice in
		// one second, so every call pays for a signature.
		tokens := seedSessions(b, env.Server.Store(), b.N+1)
		var next atomic.Int64
		b.ReportAllocs()
		b.ResetTimer()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				call(b, tokens[int(next.Add(1))%len(tokens)])
			}
		})
		rate(b, start)
	})
	b.Run("RSA2048SignFloor", func(b *testing.B) {
		key := emutest.SharedKey()
		var n atomic.Int64
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				sum := sha256.Sum256(fmt.Appendf(nil, "input-%d", n.Add(1)))
				if _, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:]); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "sig/s")
	})
}

// seedSessions adds n live sessions of one user straight to the store and
// returns their tokens.
func seedSessions(b *testing.B, st *store.Store, n int) []string {
	b.Helper()
	tokens := make([]string, n)
	err := st.Update(func(tx *store.Tx) error {
		u := &store.User{ID: tx.NewID(store.KindUser), Status: "active", CreatedAt: tx.Now}
		tx.Users.Put(u.ID, u)
		for i := range tokens {
			s := &store.Session{ID: tx.NewID(store.KindSession), UserID: u.ID, Token: store.NewToken(), StartedAt: tx.Now,
				LastAccessedAt: tx.Now, ExpiresAt: tx.Now.Add(time.Hour), Factors: []store.Factor{}, CustomClaims: map[string]any{}}
			tx.AddSession(s)
			tokens[i] = s.Token
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return tokens
}

// BenchmarkLookupsAtScale measures the lookups that used to scan every
// user, at 1,000 and 1,000,000 users (populated through the store, not
// HTTP; the 1M population takes a while and a few GB): user by email,
// phone and external id, searches by email, by status and with no filter,
// a user's sessions and the outbox by recipient. Their cost must not grow
// with the number of users.
func BenchmarkLookupsAtScale(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			st, err := store.New(store.Options{SigningKey: emutest.SharedKey(), OutboxSize: n})
			if err != nil {
				b.Fatal(err)
			}
			svc := flows.New(st, emulator.DefaultProjectID, nil)
			populate(b, st, n)
			probe := n / 2
			email := fmt.Sprintf("user%d@example.com", probe)
			phone := fmt.Sprintf("+1202%07d", probe)
			ext := fmt.Sprintf("ext-%d", probe)
			u, err := svc.GetUser(ext)
			if err != nil {
				b.Fatal(err)
			}
			run := func(name string, fn func() error) {
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if err := fn(); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			run("UserByEmail", func() error {
				return st.View(func(tx *store.Tx) error {
					if u, _ := tx.UserByEmail(email); u == nil {
						return fmt.Errorf("no user %s", email)
					}
					return nil
				})
			})
			run("UserByPhone", func() error {
				return st.View(func(tx *store.Tx) error {
					if u, _ := tx.UserByPhone(phone); u == nil {
						return fmt.Errorf("no user %s", phone)
					}
					return nil
				})
			})
			run("GetUserByExternalID", func() error { _, err := svc.GetUser(ext); return err })
			search := func(op, value any, limit int) func() error {
				return func() error {
					var ops []flows.Operand
					if op != "" {
						ops = []flows.Operand{{Name: op.(string), Value: value}}
					}
					res, err := svc.SearchUsers("AND", ops, limit, "")
					if err == nil && len(res.Users) == 0 {
						err = fmt.Errorf("search %v found nothing", op)
					}
					return err
				}
			}
			run("SearchEmail", search("email_address", []any{email}, 10))
			run("SearchPhone", search("phone_number", []any{phone}, 10))
			run("SearchStatusPage", search("status", "active", 100))
			run("SearchAllPage", search("", nil, 100))
			run("UserSessions", func() error { _, _, err := svc.UserSessions(u.ID); return err })
			run("MessagesTo", func() error {
				if len(st.Messages(email)) != 1 {
					return fmt.Errorf("no message to %s", email)
				}
				return nil
			})
		})
	}
}

// populate adds n users (email, phone, external id), a session for every
// tenth and one message per user, in batches.
func populate(b *testing.B, st *store.Store, n int) {
	b.Helper()
	const batch = 10_000
	base := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for lo := 0; lo < n; lo += batch {
		err := st.Update(func(tx *store.Tx) error {
			for i := lo; i < min(lo+batch, n); i++ {
				id := fmt.Sprintf("user-test-%08d", i)
				email := fmt.Sprintf("user%d@example.com", i)
				tx.Users.Put(id, &store.User{ID: id, ExternalID: fmt.Sprintf("ext-%d", i), Status: "active",
					CreatedAt: base.Add(time.Duration(i) * time.Millisecond),
					Emails:    []store.Email{{ID: fmt.Sprintf("email-test-%08d", i), Address: email, Verified: true}},
					Phones:    []store.Phone{{ID: fmt.Sprintf("phone-test-%08d", i), Number: fmt.Sprintf("+1202%07d", i)}}})
				if i%10 == 0 {
					tx.AddSession(&store.Session{ID: fmt.Sprintf("session-test-%08d", i), UserID: id, Token: fmt.Sprintf("tok-%d", i),
						StartedAt: tx.Now, ExpiresAt: tx.Now.Add(time.Hour)})
				}
				tx.Send(store.Message{Channel: store.ChannelEmail, To: email, Kind: store.MessageOTP})
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
