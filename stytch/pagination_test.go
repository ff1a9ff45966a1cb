package stytch

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pager serves three pages keyed by the request's cursor. render builds the
// body of a page from its item ids and next cursor ("" means JSON null).
func pager(t *testing.T, render func(ids []string, next string) string) (http.HandlerFunc, *atomic.Int32, *[]any) {
	var calls atomic.Int32
	var cursors []any
	pages := map[string]struct {
		ids  []string
		next string
	}{
		"":   {[]string{"a", "b"}, "c1"},
		"c1": {[]string{"c"}, "c2"},
		"c2": {[]string{"d"}, ""},
	}
	return func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var body map[string]any
		b, _ := io.ReadAll(r.Body)
		require.NoError(t, json.Unmarshal(b, &body))
		cursors = append(cursors, body["cursor"])
		cur, _ := body["cursor"].(string)
		if cur == "boom" {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"status_code":500,"error_type":"internal_server_error","error_message":"x","request_id":"r"}`)
			return
		}
		p := pages[cur]
		_, _ = io.WriteString(w, render(p.ids, p.next))
	}, &calls, &cursors
}

// objects renders ids as a JSON list body of {"<key>":"<id>"} objects.
func objects(key string, ids []string) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ","
		}
		out += `{"` + key + `":"` + id + `"}`
	}
	return out
}

func nextJSON(next string) string {
	if next == "" {
		return "null"
	}
	return fmt.Sprintf("%q", next)
}

func collect[T any](t *testing.T, seq func(func(T, error) bool), id func(T) string) ([]string, error) {
	t.Helper()
	var ids []string
	for v, err := range seq {
		if err != nil {
			return ids, err
		}
		ids = append(ids, id(v))
	}
	return ids, nil
}

func TestUsersSearchAll(t *testing.T) {
	h, calls, cursors := pager(t, func(ids []string, next string) string {
		return `{"request_id":"r","status_code":200,"results":[` + objects("user_id", ids) + `],"results_metadata":{"total":4,"next_cursor":` + nextJSON(next) + `}}`
	})
	c := newTestClient(t, h)
	limit := int32(2)
	params := &UsersSearchParams{Limit: &limit}
	ids, err := collect(t, c.Users.SearchAll(context.Background(), params), func(u User) string { return u.UserID })
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	assert.Equal(t, int32(3), calls.Load())
	assert.Equal(t, []any{nil, "c1", "c2"}, *cursors)
	assert.Nil(t, params.Cursor, "the caller's params are not modified")

	// Breaking early stops requesting pages.
	calls.Store(0)
	for u, err := range c.Users.SearchAll(context.Background(), nil) {
		require.NoError(t, err)
		if u.UserID == "b" {
			break
		}
	}
	assert.Equal(t, int32(1), calls.Load())

	// An error is yielded once, then the iteration ends.
	calls.Store(0)
	errs := 0
	for _, err := range c.Users.SearchAll(context.Background(), &UsersSearchParams{Cursor: new("boom")}) {
		require.Error(t, err)
		assert.Equal(t, 500, StatusCode(err))
		errs++
	}
	assert.Equal(t, 1, errs)
}

func TestM2MClientsSearchAll(t *testing.T) {
	h, calls, _ := pager(t, func(ids []string, next string) string {
		items := objects("client_id", ids)
		return `{"request_id":"r","status_code":200,"m2m_clients":[` + items + `],"results_metadata":{"total":4,"next_cursor":` + nextJSON(next) + `}}`
	})
	c := newTestClient(t, h)
	ids, err := collect(t, c.M2M.Clients.SearchAll(context.Background(), nil), func(m M2MClient) string { return m.ClientID })
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	assert.Equal(t, int32(3), calls.Load())
}

func TestConnectedAppClientsSearchAll(t *testing.T) {
	h, calls, _ := pager(t, func(ids []string, next string) string {
		items := objects("client_id", ids)
		// An empty string cursor also ends the listing.
		return `{"request_id":"r","status_code":200,"connected_apps":[` + items + `],"results_metadata":{"total":4,"next_cursor":"` + next + `"}}`
	})
	c := newTestClient(t, h)
	ids, err := collect(t, c.ConnectedApp.Clients.SearchAll(context.Background(), nil), func(a ConnectedApp) string { return a.ClientID })
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	assert.Equal(t, int32(3), calls.Load())
}

func TestFraudRulesListAll(t *testing.T) {
	h, calls, _ := pager(t, func(ids []string, next string) string {
		items := objects("visitor_id", ids)
		return `{"request_id":"r","status_code":200,"rules":[` + items + `],"next_cursor":` + nextJSON(next) + `}`
	})
	c := newTestClient(t, h)
	ids, err := collect(t, c.Fraud.Rules.ListAll(context.Background(), nil), func(r Rule) string { return deref(r.VisitorID) })
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	assert.Equal(t, int32(3), calls.Load())
}

func TestPaginationStopsOnStuckCursor(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"request_id":"r","status_code":200,"results":[{"user_id":"x"}],"results_metadata":{"total":1,"next_cursor":"same"}}`)
	})
	n := 0
	var last error
	for _, err := range c.Users.SearchAll(context.Background(), &UsersSearchParams{Cursor: new("same")}) {
		n++
		last = err
	}
	assert.Equal(t, 2, n)
	assert.ErrorIs(t, last, errCursorStuck)
}
