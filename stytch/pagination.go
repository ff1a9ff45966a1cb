package stytch

import (
	"errors"
	"iter"
)

// errCursorStuck stops a listing whose server keeps returning the same cursor.
var errCursorStuck = errors.New("stytch: pagination cursor did not advance")

// paginate walks pages: fetch gets the cursor of the page to load (nil for
// the first) and returns its items and the next cursor. It stops after a page
// whose next cursor is nil or empty, when the consumer breaks, or after
// yielding an error once.
func paginate[T any](first *string, fetch func(cursor *string) ([]T, *string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := first
		for {
			items, next, err := fetch(cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if next == nil || *next == "" {
				return
			}
			if cursor != nil && *cursor == *next {
				var zero T
				yield(zero, errCursorStuck)
				return
			}
			cursor = next
		}
	}
}
