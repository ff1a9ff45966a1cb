package flows

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Search limits (POST /v1/users/search).
const (
	DefaultSearchLimit = 100
	MaxSearchLimit     = 1000
)

// Operand is one filter of a user search.
type Operand struct {
	Name  string
	Value any
}

// SearchResult is one page of users.
type SearchResult struct {
	Users      []store.User
	Total      int
	NextCursor string // "" on the last page
}

// SearchUsers filters users with AND/OR over operands, ordered by
// created_at then user_id, paginated by an opaque cursor. Filters on ids,
// addresses, numbers and providers use the store's indexes, so their cost
// does not grow with the number of users (see store.State.SearchUsers).
func (s *Service) SearchUsers(operator string, operands []Operand, limit int, cursor string) (*SearchResult, error) {
	if limit == 0 {
		limit = DefaultSearchLimit
	}
	if limit < 1 || limit > MaxSearchLimit {
		return nil, E(ErrInvalidLimit, "limit must be between 1 and %d.", MaxSearchLimit)
	}
	filters := make([]store.UserFilter, 0, len(operands))
	for _, op := range operands {
		f, err := userFilter(op)
		if err != nil {
			return nil, err
		}
		filters = append(filters, f)
	}
	var out SearchResult
	err := s.Store.View(func(tx *store.Tx) error {
		page, err := tx.SearchUsers(operator == "OR", filters, limit, cursor)
		if err != nil {
			return E(ErrInvalidCursor, "The cursor is invalid.")
		}
		out.Total, out.NextCursor = page.Total, page.Next
		out.Users = make([]store.User, 0, len(page.Users))
		for _, u := range page.Users {
			out.Users = append(out.Users, u.Clone())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "offset:%d", offset))
}

func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	var n int
	if err == nil {
		_, err = fmt.Sscanf(string(raw), "offset:%d", &n)
	}
	if err != nil || n < 0 {
		return 0, E(ErrInvalidCursor, "The cursor is invalid.")
	}
	return n, nil
}

func badFilter(name, want string) error {
	return E(ErrInvalidSearchFilterValue, "filter_value of %s must be %s.", name, want)
}

// strings of a filter value: a list of strings (a lone string is accepted).
func stringList(name string, v any) ([]string, error) {
	switch t := v.(type) {
	case string:
		return []string{t}, nil
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, badFilter(name, "a list of strings")
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, badFilter(name, "a list of strings")
}

func timeValue(name string, v any) (time.Time, error) {
	s, ok := v.(string)
	if ok {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, badFilter(name, "an RFC 3339 time")
}

// anyOf matches when get(u) yields one of the wanted values (fold: case-insensitive).
func anyOf(want []string, fold bool, get func(*store.User) []string) func(*store.User) bool {
	return func(u *store.User) bool {
		for _, have := range get(u) {
			for _, w := range want {
				if have == w || (fold && strings.EqualFold(have, w)) {
					return true
				}
			}
		}
		return false
	}
}

func each[T any](list []T, f func(*T) string) []string {
	out := make([]string, 0, len(list))
	for i := range list {
		out = append(out, f(&list[i]))
	}
	return out
}

func anyVerified[T any](list []T, verified func(*T) bool) bool {
	for i := range list {
		if verified(&list[i]) {
			return true
		}
	}
	return false
}
