package b2b

import (
	"context"
	"errors"
	"iter"

	"github.com/stytchkit/stytchkit/stytch"
)

// errCursorStuck stops a listing whose server keeps returning the same cursor.
var errCursorStuck = errors.New("stytch: pagination cursor did not advance")

// walk iterates over the items of successive pages: page loads the page at
// cursor ("" for the first) and returns its items and the next cursor. It
// stops after a page without a next cursor, when the consumer breaks, or
// after yielding an error once (the context's error is yielded before a
// request is made with a context that is done).
func walk[T any](ctx context.Context, first string, page func(cursor string) ([]T, string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if ctx == nil {
			yield(zero, &stytch.ValidationError{Field: "ctx", Reason: "must not be nil"})
			return
		}
		for cursor := first; ; {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			items, next, err := page(cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			switch {
			case next == "":
				return
			case next == cursor:
				yield(zero, errCursorStuck)
				return
			}
			cursor = next
		}
	}
}

// cursorOf and cursorPtr convert between the API's optional cursor and walk's.
func cursorOf(p *string) string { return deref(p) }

func cursorPtr(c string) *string {
	if c == "" {
		return nil
	}
	return &c
}

// SearchAll iterates over every Organization matching p (nil matches all),
// calling Search page by page along results_metadata.next_cursor and
// starting at p.Cursor. p is not modified. Breaking out of the loop stops
// further requests; an error is yielded once and ends the iteration.
//
//	for org, err := range client.Organizations.SearchAll(ctx, nil) { … }
//
// POST /v1/b2b/organizations/search (repeated)
func (s *OrganizationsService) SearchAll(ctx context.Context, p *OrganizationsSearchParams) iter.Seq2[Organization, error] {
	var q OrganizationsSearchParams
	if p != nil {
		q = *p
	}
	return walk(ctx, cursorOf(q.Cursor), func(cursor string) ([]Organization, string, error) {
		page := q
		page.Cursor = cursorPtr(cursor)
		r, err := s.Search(ctx, &page)
		if err != nil {
			return nil, "", err
		}
		return r.Organizations, cursorOf(r.ResultsMetadata.NextCursor), nil
	})
}

// SearchAll iterates over every Member matching p, calling Search page by
// page along results_metadata.next_cursor, with p's member session headers
// on every request; see OrganizationsService.SearchAll. The Organizations of
// the Members (the response's organizations map) are not part of the
// iteration: call Organizations.Get, or Search, when they are needed.
//
// POST /v1/b2b/organizations/members/search (repeated)
func (s *OrganizationsMembersService) SearchAll(ctx context.Context, p *OrganizationsMembersSearchParams) iter.Seq2[Member, error] {
	if p == nil {
		return func(yield func(Member, error) bool) { yield(Member{}, errNilParams) }
	}
	q := *p
	return walk(ctx, cursorOf(q.Body.Cursor), func(cursor string) ([]Member, string, error) {
		page := q
		page.Body.Cursor = cursorPtr(cursor)
		r, err := s.Search(ctx, &page)
		if err != nil {
			return nil, "", err
		}
		return r.Members, cursorOf(r.ResultsMetadata.NextCursor), nil
	})
}

// GetGroupsAll iterates over every group of a SCIM connection, calling
// GetGroups page by page along next_cursor; see
// OrganizationsService.SearchAll.
//
// GET /v1/b2b/scim/{organization_id}/connection/{connection_id} (repeated)
func (s *SCIMConnectionService) GetGroupsAll(ctx context.Context, p *SCIMConnectionGetGroupsParams) iter.Seq2[SCIMGroup, error] {
	if p == nil {
		return func(yield func(SCIMGroup, error) bool) { yield(SCIMGroup{}, errNilParams) }
	}
	q := *p
	return walk(ctx, q.Cursor, func(cursor string) ([]SCIMGroup, string, error) {
		page := q
		page.Cursor = cursor
		r, err := s.GetGroups(ctx, &page)
		if err != nil {
			return nil, "", err
		}
		return r.SCIMGroups, cursorOf(r.NextCursor), nil
	})
}
