package stytch

import (
	"context"
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

// pages is paginate for a search whose params carry the cursor: it copies
// p (nil is the zero params, p is never modified), sets the cursor of each
// page and calls search.
func pages[P, R, T any](p *P, cursor func(*P) **string, search func(*P) (*R, error), items func(*R) ([]T, *string)) iter.Seq2[T, error] {
	var q P
	if p != nil {
		q = *p
	}
	return paginate(*cursor(&q), func(c *string) ([]T, *string, error) {
		page := q
		*cursor(&page) = c
		r, err := search(&page)
		if err != nil {
			return nil, nil, err
		}
		list, next := items(r)
		return list, next, nil
	})
}

// SearchAll iterates over every User matching p (nil matches all), calling
// Search page by page along results_metadata.next_cursor. p is not modified.
// Breaking out of the loop stops further requests; an error is yielded once
// and ends the iteration.
//
// POST /v1/users/search (repeated)
func (s *UsersService) SearchAll(ctx context.Context, p *UsersSearchParams) iter.Seq2[User, error] {
	return pages(p, func(q *UsersSearchParams) **string { return &q.Cursor },
		func(q *UsersSearchParams) (*UsersSearchResponse, error) { return s.Search(ctx, q) },
		func(r *UsersSearchResponse) ([]User, *string) { return r.Results, r.ResultsMetadata.NextCursor })
}

// SearchAll iterates over every M2M client matching p (nil matches all),
// calling Search page by page along results_metadata.next_cursor; see
// UsersService.SearchAll.
//
// POST /v1/m2m/clients/search (repeated)
func (s *M2MClientsService) SearchAll(ctx context.Context, p *M2MClientsSearchParams) iter.Seq2[M2MClient, error] {
	return pages(p, func(q *M2MClientsSearchParams) **string { return &q.Cursor },
		func(q *M2MClientsSearchParams) (*M2MClientsSearchResponse, error) { return s.Search(ctx, q) },
		func(r *M2MClientsSearchResponse) ([]M2MClient, *string) {
			return r.M2MClients, r.ResultsMetadata.NextCursor
		})
}

// SearchAll iterates over every Connected App, calling Search page by page
// along results_metadata.next_cursor; see UsersService.SearchAll.
//
// POST /v1/connected_apps/clients/search (repeated)
func (s *ConnectedAppClientsService) SearchAll(ctx context.Context, p *ConnectedAppClientsSearchParams) iter.Seq2[ConnectedApp, error] {
	return pages(p, func(q *ConnectedAppClientsSearchParams) **string { return &q.Cursor },
		func(q *ConnectedAppClientsSearchParams) (*ConnectedAppClientsSearchResponse, error) {
			return s.Search(ctx, q)
		},
		func(r *ConnectedAppClientsSearchResponse) ([]ConnectedApp, *string) {
			return r.ConnectedApps, r.ResultsMetadata.NextCursor
		})
}

// ListAll iterates over every fraud rule, calling List page by page along
// the top-level next_cursor; see UsersService.SearchAll.
//
// POST /v1/rules/list (repeated)
func (s *FraudRulesService) ListAll(ctx context.Context, p *FraudRulesListParams) iter.Seq2[Rule, error] {
	return pages(p, func(q *FraudRulesListParams) **string { return &q.Cursor },
		func(q *FraudRulesListParams) (*FraudRulesListResponse, error) { return s.List(ctx, q) },
		func(r *FraudRulesListResponse) ([]Rule, *string) { return r.Rules, r.NextCursor })
}
