package stytch

import (
	"context"
	"iter"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// ConnectedAppService groups the Connected Apps APIs.
type ConnectedAppService struct {
	// Clients manages Connected App clients.
	Clients *ConnectedAppClientsService
}

// ConnectedAppClientsService creates, finds, updates and deletes Connected Apps.
type ConnectedAppClientsService struct {
	c *Client
	// Secrets rotates client secrets.
	Secrets *ConnectedAppClientsSecretsService
}

// ConnectedAppClientsSecretsService rotates the secrets of Connected Apps.
type ConnectedAppClientsSecretsService service

// ConnectedAppClientsGetResponse is the answer of ConnectedApp.Clients.Get.
type ConnectedAppClientsGetResponse = gen.ConnectedAppClientsGetResponse

// ConnectedAppClientsGetParams holds the input of ConnectedApp.Clients.Get.
type ConnectedAppClientsGetParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// ConnectedAppClientsUpdateResponse is the answer of ConnectedApp.Clients.Update.
type ConnectedAppClientsUpdateResponse = gen.ConnectedAppClientsUpdateResponse

// ConnectedAppClientsUpdateBody is the JSON body of ConnectedApp.Clients.Update.
type ConnectedAppClientsUpdateBody = gen.ConnectedAppClientsUpdateRequest

// ConnectedAppClientsUpdateParams holds the input of ConnectedApp.Clients.Update.
type ConnectedAppClientsUpdateParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
	// Body is the JSON body (path ids are never part of it).
	Body ConnectedAppClientsUpdateBody
}

// ConnectedAppClientsDeleteResponse is the answer of ConnectedApp.Clients.Delete.
type ConnectedAppClientsDeleteResponse = gen.ConnectedAppClientsDeleteResponse

// ConnectedAppClientsDeleteParams holds the input of ConnectedApp.Clients.Delete.
type ConnectedAppClientsDeleteParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// ConnectedAppClientsSearchResponse is the answer of ConnectedApp.Clients.Search.
type ConnectedAppClientsSearchResponse = gen.ConnectedAppClientsSearchResponse

// ConnectedAppClientsSearchParams is the JSON body of ConnectedApp.Clients.Search.
type ConnectedAppClientsSearchParams = gen.ConnectedAppClientsSearchRequest

// ConnectedAppClientsCreateResponse is the answer of ConnectedApp.Clients.Create.
type ConnectedAppClientsCreateResponse = gen.ConnectedAppClientsCreateResponse

// ConnectedAppClientsCreateParams is the JSON body of ConnectedApp.Clients.Create.
type ConnectedAppClientsCreateParams = gen.ConnectedAppClientsCreateRequest

// ConnectedAppClientsSecretsRotateStartResponse is the answer of ConnectedApp.Clients.Secrets.RotateStart.
type ConnectedAppClientsSecretsRotateStartResponse = gen.ConnectedAppClientsSecretsRotateStartResponse

// ConnectedAppClientsSecretsRotateStartParams holds the input of ConnectedApp.Clients.Secrets.RotateStart.
type ConnectedAppClientsSecretsRotateStartParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// ConnectedAppClientsSecretsRotateCancelResponse is the answer of ConnectedApp.Clients.Secrets.RotateCancel.
type ConnectedAppClientsSecretsRotateCancelResponse = gen.ConnectedAppClientsSecretsRotateCancelResponse

// ConnectedAppClientsSecretsRotateCancelParams holds the input of ConnectedApp.Clients.Secrets.RotateCancel.
type ConnectedAppClientsSecretsRotateCancelParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// ConnectedAppClientsSecretsRotateResponse is the answer of ConnectedApp.Clients.Secrets.Rotate.
type ConnectedAppClientsSecretsRotateResponse = gen.ConnectedAppClientsSecretsRotateResponse

// ConnectedAppClientsSecretsRotateParams holds the input of ConnectedApp.Clients.Secrets.Rotate.
type ConnectedAppClientsSecretsRotateParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// Get returns a Connected App client.
//
// GET /v1/connected_apps/clients/{client_id}
func (s *ConnectedAppClientsService) Get(ctx context.Context, p *ConnectedAppClientsGetParams) (*ConnectedAppClientsGetResponse, error) {
	return call[ConnectedAppClientsGetResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ConnectedAppClientsGet(ctx, p.ClientID, ed...)
	})
}

// Update updates a Connected App client.
//
// PUT /v1/connected_apps/clients/{client_id}
func (s *ConnectedAppClientsService) Update(ctx context.Context, p *ConnectedAppClientsUpdateParams) (*ConnectedAppClientsUpdateResponse, error) {
	return call[ConnectedAppClientsUpdateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ConnectedAppClientsUpdate(ctx, p.ClientID, p.Body, ed...)
	})
}

// Delete deletes a Connected App client.
//
// DELETE /v1/connected_apps/clients/{client_id}
func (s *ConnectedAppClientsService) Delete(ctx context.Context, p *ConnectedAppClientsDeleteParams) (*ConnectedAppClientsDeleteResponse, error) {
	return call[ConnectedAppClientsDeleteResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ConnectedAppClientsDelete(ctx, p.ClientID, ed...)
	})
}

// Search lists Connected App clients; results are paginated with a cursor.
// A nil p is the same as an empty one.
//
// POST /v1/connected_apps/clients/search
func (s *ConnectedAppClientsService) Search(ctx context.Context, p *ConnectedAppClientsSearchParams) (*ConnectedAppClientsSearchResponse, error) {
	return call[ConnectedAppClientsSearchResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ConnectedAppClientsSearch(ctx, deref(p), ed...)
	})
}

// Create creates a Connected App client; its secret (confidential types) is returned only here.
// Answers 201.
//
// POST /v1/connected_apps/clients
func (s *ConnectedAppClientsService) Create(ctx context.Context, p *ConnectedAppClientsCreateParams) (*ConnectedAppClientsCreateResponse, error) {
	return call[ConnectedAppClientsCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ConnectedAppClientsCreate(ctx, *p, ed...)
	})
}

// RotateStart creates a second secret; both work until the rotation completes or is cancelled.
//
// POST /v1/connected_apps/clients/{client_id}/secrets/rotate/start
func (s *ConnectedAppClientsSecretsService) RotateStart(ctx context.Context, p *ConnectedAppClientsSecretsRotateStartParams) (*ConnectedAppClientsSecretsRotateStartResponse, error) {
	return call[ConnectedAppClientsSecretsRotateStartResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ConnectedAppClientsSecretsRotateStart(ctx, p.ClientID, ed...)
	})
}

// RotateCancel discards the pending next secret.
//
// POST /v1/connected_apps/clients/{client_id}/secrets/rotate/cancel
func (s *ConnectedAppClientsSecretsService) RotateCancel(ctx context.Context, p *ConnectedAppClientsSecretsRotateCancelParams) (*ConnectedAppClientsSecretsRotateCancelResponse, error) {
	return call[ConnectedAppClientsSecretsRotateCancelResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ConnectedAppClientsSecretsRotateCancel(ctx, p.ClientID, ed...)
	})
}

// Rotate makes the next secret the only secret.
//
// POST /v1/connected_apps/clients/{client_id}/secrets/rotate
func (s *ConnectedAppClientsSecretsService) Rotate(ctx context.Context, p *ConnectedAppClientsSecretsRotateParams) (*ConnectedAppClientsSecretsRotateResponse, error) {
	return call[ConnectedAppClientsSecretsRotateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ConnectedAppClientsSecretsRotate(ctx, p.ClientID, ed...)
	})
}

// SearchAll iterates over every Connected App, calling Search page by page
// along results_metadata.next_cursor (p may be nil and is not modified).
// Breaking out of the loop stops further requests; an error is yielded once
// and ends the iteration.
//
// POST /v1/connected_apps/clients/search (repeated)
func (s *ConnectedAppClientsService) SearchAll(ctx context.Context, p *ConnectedAppClientsSearchParams) iter.Seq2[ConnectedApp, error] {
	q := deref(p)
	return paginate(q.Cursor, func(cursor *string) ([]ConnectedApp, *string, error) {
		page := q
		page.Cursor = cursor
		r, err := s.Search(ctx, &page)
		if err != nil {
			return nil, nil, err
		}
		return r.ConnectedApps, r.ResultsMetadata.NextCursor, nil
	})
}
