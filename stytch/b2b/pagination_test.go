package b2b_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

const searchRoute = "POST /v1/b2b/organizations/search"

func TestOrganizationsSearchAll(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	var want []string
	for i := range 7 {
		want = append(want, createOrg(t, c, fmt.Sprintf("org-%d", i)))
	}

	p := &b2b.OrganizationsSearchParams{Limit: new(int32(3))}
	var got []string
	for org, err := range c.Organizations.SearchAll(ctx, p) {
		require.NoError(t, err)
		got = append(got, org.OrganizationID)
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 3, f.Hits(searchRoute), "pages of 3, 3 and 1")
	assert.Nil(t, p.Cursor, "the caller's params are not modified")

	got = got[:0]
	for org, err := range c.Organizations.SearchAll(ctx, nil) {
		require.NoError(t, err)
		got = append(got, org.OrganizationID)
	}
	assert.Equal(t, want, got, "nil params search everything")
	assert.Equal(t, 4, f.Hits(searchRoute))

	n := 0
	for _, err := range c.Organizations.SearchAll(ctx, p) {
		require.NoError(t, err)
		if n++; n == 4 {
			break
		}
	}
	assert.Equal(t, 6, f.Hits(searchRoute), "breaking out stops the requests")

	got = got[:0]
	for org, err := range c.Organizations.SearchAll(ctx, &b2b.OrganizationsSearchParams{Cursor: new("5")}) {
		require.NoError(t, err)
		got = append(got, org.OrganizationID)
	}
	assert.Equal(t, want[5:], got, "starts at the given cursor")
}

func TestSearchAllErrors(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f, stytch.WithoutRetries())
	f.Fail("/v1/b2b/organizations/search", 500)
	errs := 0
	for org, err := range c.Organizations.SearchAll(context.Background(), nil) {
		assert.Zero(t, org)
		assert.Equal(t, 500, stytch.StatusCode(err))
		errs++
	}
	assert.Equal(t, 1, errs, "an error is yielded once and ends the iteration")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range c.Organizations.SearchAll(ctx, nil) {
		require.ErrorIs(t, err, context.Canceled)
	}
	//lint:ignore SA1012 a nil context is refused, not dereferenced
	for _, err := range c.Organizations.SearchAll(nil, nil) {
		var ve *stytch.ValidationError
		require.ErrorAs(t, err, &ve)
	}
	assert.Equal(t, 1, f.Hits(searchRoute), "no request with a done or nil context")

	for _, err := range c.Organizations.Members.SearchAll(context.Background(), nil) {
		var ve *stytch.ValidationError
		require.ErrorAs(t, err, &ve)
	}
	for _, err := range c.SCIM.Connection.GetGroupsAll(context.Background(), nil) {
		var ve *stytch.ValidationError
		require.ErrorAs(t, err, &ve)
	}
}

// pager answers a paginated route from items, reading the cursor from the
// request with cursorOf and writing pages with page.
type pager struct {
	mu       sync.Mutex
	requests []*http.Request
	bodies   []string
	stuck    bool // answer every page with the same next cursor
}

func (p *pager) serve(t *testing.T, items int, cursorOf func(*http.Request, []byte) string,
	page func(start, end int, next *string) map[string]any) *b2b.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		p.mu.Lock()
		p.requests = append(p.requests, r)
		p.bodies = append(p.bodies, string(b))
		stuck := p.stuck
		p.mu.Unlock()
		start, _ := strconv.Atoi(cursorOf(r, b))
		end := min(start+2, items)
		var next *string
		if end < items || stuck {
			next = new(strconv.Itoa(end))
			if stuck {
				next = new("1")
			}
		}
		out := page(start, end, next)
		out["request_id"], out["status_code"] = "request-id-test-page", 200
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	c, err := b2b.NewClient(fakeProjectID, fakeSecret, stytch.WithBaseURL(srv.URL), stytch.WithTimeout(5*time.Second))
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestMembersSearchAll(t *testing.T) {
	var p pager
	c := p.serve(t, 5, func(_ *http.Request, body []byte) string {
		var b struct{ Cursor string }
		_ = json.Unmarshal(body, &b)
		return b.Cursor
	}, func(start, end int, next *string) map[string]any {
		var members []b2b.Member
		for i := start; i < end; i++ {
			members = append(members, b2b.Member{MemberID: fmt.Sprintf("member-%d", i), OrganizationID: "org-1"})
		}
		return map[string]any{"members": members, "results_metadata": map[string]any{"total": 5, "next_cursor": next},
			"organizations": map[string]any{"org-1": map[string]any{"organization_id": "org-1"}}}
	})
	params := &b2b.OrganizationsMembersSearchParams{MemberSessionJWT: "member-jwt",
		Body: b2b.OrganizationsMembersSearchBody{OrganizationIDs: []string{"org-1"}, Limit: new(int32(2))}}
	var got []string
	for m, err := range c.Organizations.Members.SearchAll(context.Background(), params) {
		require.NoError(t, err)
		got = append(got, m.MemberID)
	}
	assert.Equal(t, []string{"member-0", "member-1", "member-2", "member-3", "member-4"}, got)
	require.Len(t, p.requests, 3)
	assert.JSONEq(t, `{"organization_ids":["org-1"],"limit":2}`, p.bodies[0])
	assert.JSONEq(t, `{"organization_ids":["org-1"],"limit":2,"cursor":"2"}`, p.bodies[1])
	assert.JSONEq(t, `{"organization_ids":["org-1"],"limit":2,"cursor":"4"}`, p.bodies[2])
	for _, r := range p.requests {
		assert.Equal(t, "member-jwt", r.Header.Get("X-Stytch-Member-SessionJWT"), "the member session goes with every page")
		assert.Empty(t, r.Header.Values("X-Stytch-Member-Session"))
	}
	assert.Nil(t, params.Body.Cursor)
}

func TestSCIMGetGroupsAll(t *testing.T) {
	var p pager
	c := p.serve(t, 3, func(r *http.Request, _ []byte) string { return r.URL.Query().Get("cursor") },
		func(start, end int, next *string) map[string]any {
			var groups []b2b.SCIMGroup
			for i := start; i < end; i++ {
				groups = append(groups, b2b.SCIMGroup{GroupID: fmt.Sprintf("group-%d", i)})
			}
			return map[string]any{"scim_groups": groups, "next_cursor": next}
		})
	var got []string
	for g, err := range c.SCIM.Connection.GetGroupsAll(context.Background(),
		&b2b.SCIMConnectionGetGroupsParams{OrganizationID: "org/1", ConnectionID: "scim-connection-1", Limit: new(2)}) {
		require.NoError(t, err)
		got = append(got, g.GroupID)
	}
	assert.Equal(t, []string{"group-0", "group-1", "group-2"}, got)
	require.Len(t, p.requests, 2)
	assert.Equal(t, "/v1/b2b/scim/org%2F1/connection/scim-connection-1", p.requests[0].URL.EscapedPath())
	assert.Equal(t, "limit=2", p.requests[0].URL.RawQuery)
	assert.Equal(t, "cursor=2&limit=2", p.requests[1].URL.RawQuery)

	p.mu.Lock()
	p.stuck = true
	p.mu.Unlock()
	var last error
	n := 0
	for _, err := range c.SCIM.Connection.GetGroupsAll(context.Background(),
		&b2b.SCIMConnectionGetGroupsParams{OrganizationID: "org-1", ConnectionID: "c-1", Cursor: "1"}) {
		last = err
		n++
	}
	require.Error(t, last)
	assert.Contains(t, last.Error(), "cursor did not advance")
	assert.Equal(t, 3, n, "the page's two groups, then the error")
}
