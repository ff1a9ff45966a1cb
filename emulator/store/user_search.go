package store

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"
)

// UserFilter is one compiled operand of a user search.
type UserFilter struct {
	// Match reports whether a user passes the filter; it is always applied.
	Match func(*User) bool
	// Index and Keys, when Index is set, say that only users holding one of
	// Keys in that index (an Index* constant, or IndexUserID for user ids)
	// can pass: the search starts from them instead of every user.
	Index string
	Keys  []string
	// Count, when set, is a UserCountKey whose count is exactly the number
	// of users passing the filter.
	Count string
}

// UserPage is one page of a user search, ordered by created_at then
// user_id.
type UserPage struct {
	Users []*User
	Total int
	// Next is the cursor of the next page, "" on the last one.
	Next string
}

// ErrBadCursor is returned for a cursor that SearchUsers did not make.
var ErrBadCursor = errors.New("store: invalid search cursor")

// SearchUsers returns the users passing every filter (or any, when or is
// set), limit at most, after the cursor of a previous page ("" for the
// first). How much work it does depends on the filters, not on the number
// of users, except when no filter can use an index: with one indexed
// filter (AND) or only indexed filters (OR), it reads only the users the
// indexes name; with no filter, or one status or verified-flag filter
// alone, it walks the users in order from the cursor and stops at the page
// end; any other combination reads every user.
func (s *State) SearchUsers(or bool, filters []UserFilter, limit int, cursor string) (UserPage, error) {
	after, err := decodeUserCursor(cursor)
	if err != nil {
		return UserPage{}, err
	}
	s.flushUsers()
	match := func(u *User) bool {
		for _, f := range filters {
			if f.Match(u) == or {
				return or
			}
		}
		return !or || len(filters) == 0
	}
	if ids, ok := s.candidates(or, filters); ok {
		return s.pageOf(ids, match, limit, after), nil
	}
	total := -1
	switch {
	case len(filters) == 0:
		total = s.Users.Len()
	case len(filters) == 1 && filters[0].Count != "":
		total = s.users.counts.n[filters[0].Count]
	}
	var page UserPage
	n := 0
	last := func() string { u := page.Users[limit-1]; return encodeUserCursor(UserOrderKey(u), u.ID) }
	if total >= 0 {
		// The total is known: read from the cursor to the page end only.
		s.users.order.ascend(after, func(it orderItem) bool {
			u := s.Users.m[it.id]
			if !match(u) {
				return true
			}
			if len(page.Users) == limit {
				page.Next = last()
				return false
			}
			page.Users = append(page.Users, u)
			return true
		})
		page.Total = total
		return page, nil
	}
	s.users.order.ascend(orderItem{}, func(it orderItem) bool {
		u := s.Users.m[it.id]
		if !match(u) {
			return true
		}
		n++
		switch {
		case after != (orderItem{}) && !orderLess(after, it):
		case len(page.Users) < limit:
			page.Users = append(page.Users, u)
		case page.Next == "":
			page.Next = last()
		}
		return true
	})
	page.Total = n
	return page, nil
}

// candidates returns the ids that can pass, when the indexes narrow the
// search: the smallest indexed filter of an AND, the union of an OR whose
// filters are all indexed.
func (s *State) candidates(or bool, filters []UserFilter) ([]string, bool) {
	lookup := func(f UserFilter) []string {
		if f.Index == IndexUserID {
			var out []string
			for _, id := range f.Keys {
				if s.Users.Has(id) {
					out = append(out, id)
				}
			}
			return out
		}
		ix := s.users.byName(f.Index)
		var out []string
		for _, k := range f.Keys {
			out = append(out, ix.lookup(normalize(f.Index, k))...)
		}
		return out
	}
	size := func(f UserFilter) int {
		if f.Index == IndexUserID {
			return len(f.Keys)
		}
		ix := s.users.byName(f.Index)
		n := 0
		for _, k := range f.Keys {
			n += ix.count(normalize(f.Index, k))
		}
		return n
	}
	if len(filters) == 0 {
		return nil, false
	}
	if or {
		var ids []string
		for _, f := range filters {
			if f.Index == "" {
				return nil, false
			}
			ids = append(ids, lookup(f)...)
		}
		slices.Sort(ids)
		return slices.Compact(ids), true
	}
	best := -1
	for i, f := range filters {
		if f.Index != "" && (best < 0 || size(f) < size(filters[best])) {
			best = i
		}
	}
	if best < 0 {
		return nil, false
	}
	ids := lookup(filters[best])
	slices.Sort(ids)
	return slices.Compact(ids), true
}

// pageOf filters ids, sorts them in search order and cuts one page.
func (s *State) pageOf(ids []string, match func(*User) bool, limit int, after orderItem) UserPage {
	items := make([]orderItem, 0, len(ids))
	for _, id := range ids {
		u := s.Users.m[id]
		if u != nil && match(u) {
			items = append(items, orderItem{UserOrderKey(u), id})
		}
	}
	page := UserPage{Total: len(items)}
	slices.SortFunc(items, func(a, b orderItem) int {
		if orderLess(a, b) {
			return -1
		}
		if orderLess(b, a) {
			return 1
		}
		return 0
	})
	start := 0
	if after != (orderItem{}) {
		start, _ = slices.BinarySearchFunc(items, after, func(a, b orderItem) int {
			if orderLess(a, b) {
				return -1
			}
			if orderLess(b, a) {
				return 1
			}
			return 0
		})
		if start < len(items) && items[start] == after {
			start++
		}
	}
	end := min(start+limit, len(items))
	for _, it := range items[start:end] {
		page.Users = append(page.Users, s.Users.m[it.id])
	}
	if end < len(items) {
		page.Next = encodeUserCursor(items[end-1].key, items[end-1].id)
	}
	return page
}

// normalize spells an index key as the index stores it.
func normalize(index, key string) string {
	switch index {
	case IndexEmail, IndexWalletAddress, IndexProviderType:
		return strings.ToLower(key)
	}
	return key
}

func encodeUserCursor(key, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("u1\x00" + key + "\x00" + id))
}

func decodeUserCursor(c string) (orderItem, error) {
	if c == "" {
		return orderItem{}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return orderItem{}, ErrBadCursor
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 3 || parts[0] != "u1" || parts[1] == "" || parts[2] == "" {
		return orderItem{}, ErrBadCursor
	}
	return orderItem{parts[1], parts[2]}, nil
}
