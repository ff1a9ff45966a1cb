package emulator_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// TestConcurrentMixedOperations runs 8 workers x 64 mixed operations
// (create, read, update, search, OTP login, session authenticate, revoke,
// delete, and a duplicate create racing another worker's) against one
// emulator, all released at once, then checks the state is consistent:
// every session belongs to a live user, no address is held twice, and the
// users left are exactly those created and not deleted. Run it with -race.
func TestConcurrentMixedOperations(t *testing.T) {
	const workers, ops = 8, 64
	env := emutest.New(t)
	var mu sync.Mutex
	alive := map[string]bool{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			var mine []string
			var token string
			for i := range ops {
				email := fmt.Sprintf("w%d-%d@example.com", w, i)
				switch i % 8 {
				case 0:
					status, m := env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": email})
					if assert.Equal(t, http.StatusCreated, status, m) {
						mine = append(mine, m["user_id"].(string))
					}
				case 4:
					// Every worker races for the same address: exactly one wins.
					shared := fmt.Sprintf("shared-%d@example.com", i)
					status, m := env.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": shared})
					if status == http.StatusCreated {
						mine = append(mine, m["user_id"].(string))
					} else {
						assert.Equal(t, "duplicate_email", m["error_type"], m)
					}
				case 1:
					if len(mine) > 0 {
						status, _ := env.DoJSON(t, http.MethodGet, "/v1/users/"+mine[len(mine)-1], nil)
						assert.Equal(t, http.StatusOK, status)
					}
				case 2:
					if len(mine) > 0 {
						status, _ := env.DoJSON(t, http.MethodPut, "/v1/users/"+mine[0], map[string]any{
							"trusted_metadata": map[string]any{"n": i}})
						assert.Equal(t, http.StatusOK, status)
					}
				case 3:
					status, m := env.DoJSON(t, http.MethodPost, "/v1/otps/email/login_or_create", map[string]any{"email": email})
					if assert.Equal(t, http.StatusOK, status, m) {
						mine = append(mine, m["user_id"].(string))
						msg := env.LastMessage(t, email)
						status, a := env.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{
							"method_id": msg.MethodID, "code": msg.Code, "session_duration_minutes": 60})
						if assert.Equal(t, http.StatusOK, status, a) {
							token = a["session_token"].(string)
						}
					}
				case 5:
					if token != "" {
						status, _ := env.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_token": token})
						assert.Equal(t, http.StatusOK, status)
					}
				case 6:
					status, _ := env.DoJSON(t, http.MethodPost, "/v1/users/search", map[string]any{"limit": 5,
						"query": map[string]any{"operator": "AND", "operands": []any{
							map[string]any{"filter_name": "email_address_fuzzy", "filter_value": fmt.Sprintf("w%d-", w)}}}})
					assert.Equal(t, http.StatusOK, status)
				case 7:
					if len(mine) > 2 {
						victim := mine[1]
						mine = append(mine[:1], mine[2:]...)
						status, _ := env.DoJSON(t, http.MethodDelete, "/v1/users/"+victim, nil)
						assert.Equal(t, http.StatusOK, status)
						if token != "" && i%16 == 15 {
							env.DoJSON(t, http.MethodPost, "/v1/sessions/revoke", map[string]any{"session_token": token})
							token = ""
						}
					}
				}
			}
			mu.Lock()
			for _, id := range mine {
				alive[id] = true
			}
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()

	require.NoError(t, env.Server.Store().View(func(tx *store.Tx) error {
		assert.Equal(t, len(alive), tx.Users.Len(), "users left = created - deleted")
		seen := map[string]bool{}
		for id, u := range tx.Users.All() {
			assert.True(t, alive[id], "unexpected user %s", id)
			for _, e := range u.Emails {
				assert.False(t, seen[e.Address], "address held twice: %s", e.Address)
				seen[e.Address] = true
			}
		}
		for id, sess := range tx.Sessions.All() {
			assert.True(t, tx.Users.Has(sess.UserID), "session %s outlived its user", id)
			assert.Equal(t, id, tx.SessionByToken(sess.Token).ID)
		}
		return nil
	}))
}
