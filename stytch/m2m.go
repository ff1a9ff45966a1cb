package stytch

import (
	"context"
	"iter"
	"net/http"
	"strings"

	"github.com/stytchkit/stytchkit/gen"
)

// M2MService issues machine-to-machine access tokens and manages M2M clients.
type M2MService struct {
	c *Client
	// Clients manages M2M clients.
	Clients *M2MClientsService
}

// M2MClientsService creates, finds, updates and deletes M2M clients.
type M2MClientsService struct {
	c *Client
	// Secrets rotates client secrets.
	Secrets *M2MClientsSecretsService
}

// M2MClientsSecretsService rotates the secrets of M2M clients.
type M2MClientsSecretsService service

// M2MClientsGetResponse is the answer of M2M.Clients.Get.
type M2MClientsGetResponse = gen.M2MClientsGetResponse

// M2MClientsGetParams holds the input of M2M.Clients.Get.
type M2MClientsGetParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// M2MClientsUpdateResponse is the answer of M2M.Clients.Update.
type M2MClientsUpdateResponse = gen.M2MClientsUpdateResponse

// M2MClientsUpdateBody is the JSON body of M2M.Clients.Update.
type M2MClientsUpdateBody = gen.M2MClientsUpdateRequest

// M2MClientsUpdateParams holds the input of M2M.Clients.Update.
type M2MClientsUpdateParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
	// Body is the JSON body (path ids are never part of it).
	Body M2MClientsUpdateBody
}

// M2MClientsDeleteResponse is the answer of M2M.Clients.Delete.
type M2MClientsDeleteResponse = gen.M2MClientsDeleteResponse

// M2MClientsDeleteParams holds the input of M2M.Clients.Delete.
type M2MClientsDeleteParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// M2MClientsSearchResponse is the answer of M2M.Clients.Search.
type M2MClientsSearchResponse = gen.M2MClientsSearchResponse

// M2MClientsSearchParams is the JSON body of M2M.Clients.Search.
type M2MClientsSearchParams = gen.M2MClientsSearchRequest

// M2MClientsCreateResponse is the answer of M2M.Clients.Create.
type M2MClientsCreateResponse = gen.M2MClientsCreateResponse

// M2MClientsCreateParams is the JSON body of M2M.Clients.Create.
type M2MClientsCreateParams = gen.M2MClientsCreateRequest

// M2MClientsSecretsRotateStartResponse is the answer of M2M.Clients.Secrets.RotateStart.
type M2MClientsSecretsRotateStartResponse = gen.M2MClientsSecretsRotateStartResponse

// M2MClientsSecretsRotateStartParams holds the input of M2M.Clients.Secrets.RotateStart.
type M2MClientsSecretsRotateStartParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// M2MClientsSecretsRotateCancelResponse is the answer of M2M.Clients.Secrets.RotateCancel.
type M2MClientsSecretsRotateCancelResponse = gen.M2MClientsSecretsRotateCancelResponse

// M2MClientsSecretsRotateCancelParams holds the input of M2M.Clients.Secrets.RotateCancel.
type M2MClientsSecretsRotateCancelParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// M2MClientsSecretsRotateResponse is the answer of M2M.Clients.Secrets.Rotate.
type M2MClientsSecretsRotateResponse = gen.M2MClientsSecretsRotateResponse

// M2MClientsSecretsRotateParams holds the input of M2M.Clients.Secrets.Rotate.
type M2MClientsSecretsRotateParams struct {
	// ClientID is the {client_id} path segment; it must not be empty.
	ClientID string `path:"client_id"`
}

// Get returns an M2M client.
//
// GET /v1/m2m/clients/{client_id}
func (s *M2MClientsService) Get(ctx context.Context, p *M2MClientsGetParams) (*M2MClientsGetResponse, error) {
	return call[M2MClientsGetResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MClientsGet(ctx, p.ClientID, ed...)
	})
}

// Update updates an M2M client's name, description, status, scopes or metadata.
//
// PUT /v1/m2m/clients/{client_id}
func (s *M2MClientsService) Update(ctx context.Context, p *M2MClientsUpdateParams) (*M2MClientsUpdateResponse, error) {
	return call[M2MClientsUpdateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MClientsUpdate(ctx, p.ClientID, p.Body, ed...)
	})
}

// Delete deletes an M2M client.
//
// DELETE /v1/m2m/clients/{client_id}
func (s *M2MClientsService) Delete(ctx context.Context, p *M2MClientsDeleteParams) (*M2MClientsDeleteResponse, error) {
	return call[M2MClientsDeleteResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MClientsDelete(ctx, p.ClientID, ed...)
	})
}

// Search searches M2M clients; results are paginated with a cursor.
// A nil p is the same as an empty one.
//
// POST /v1/m2m/clients/search
func (s *M2MClientsService) Search(ctx context.Context, p *M2MClientsSearchParams) (*M2MClientsSearchResponse, error) {
	return call[M2MClientsSearchResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MClientsSearch(ctx, deref(p), ed...)
	})
}

// Create creates a machine-to-machine client; its secret is returned only here. Answers 201.
//
// POST /v1/m2m/clients
func (s *M2MClientsService) Create(ctx context.Context, p *M2MClientsCreateParams) (*M2MClientsCreateResponse, error) {
	return call[M2MClientsCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MClientsCreate(ctx, *p, ed...)
	})
}

// RotateStart creates a second secret; both work until the rotation completes or is cancelled.
//
// POST /v1/m2m/clients/{client_id}/secrets/rotate/start
func (s *M2MClientsSecretsService) RotateStart(ctx context.Context, p *M2MClientsSecretsRotateStartParams) (*M2MClientsSecretsRotateStartResponse, error) {
	return call[M2MClientsSecretsRotateStartResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MClientsSecretsRotateStart(ctx, p.ClientID, ed...)
	})
}

// RotateCancel discards the pending next secret.
//
// POST /v1/m2m/clients/{client_id}/secrets/rotate/cancel
func (s *M2MClientsSecretsService) RotateCancel(ctx context.Context, p *M2MClientsSecretsRotateCancelParams) (*M2MClientsSecretsRotateCancelResponse, error) {
	return call[M2MClientsSecretsRotateCancelResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MClientsSecretsRotateCancel(ctx, p.ClientID, ed...)
	})
}

// Rotate makes the next secret the only secret.
//
// POST /v1/m2m/clients/{client_id}/secrets/rotate
func (s *M2MClientsSecretsService) Rotate(ctx context.Context, p *M2MClientsSecretsRotateParams) (*M2MClientsSecretsRotateResponse, error) {
	return call[M2MClientsSecretsRotateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MClientsSecretsRotate(ctx, p.ClientID, ed...)
	})
}

// M2MTokenResponse is the answer of M2M.Token.
type M2MTokenResponse = gen.M2MTokenResponse

// requestToken always asks the server; Token (m2mauth.go) caches it.
func (s *M2MService) requestToken(ctx context.Context, clientID, clientSecret string, scopes []string) (*M2MTokenResponse, error) {
	if err := validateTokenArgs(ctx, clientID, clientSecret); err != nil {
		return nil, err
	}
	body := gen.M2MTokenRequest{ClientId: clientID, ClientSecret: clientSecret, GrantType: gen.M2MTokenRequestGrantTypeClientCredentials}
	if len(scopes) > 0 {
		body.Scope = new(strings.Join(scopes, " "))
	}
	return callPublic[M2MTokenResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.M2MTokenWithFormdataBody(ctx, s.c.projectID, body, ed...)
	})
}

// SearchAll iterates over every M2M client matching p (nil matches all),
// calling Search page by page along results_metadata.next_cursor. p is not
// modified. Breaking out of the loop stops further requests; an error is
// yielded once and ends the iteration.
//
// POST /v1/m2m/clients/search (repeated)
func (s *M2MClientsService) SearchAll(ctx context.Context, p *M2MClientsSearchParams) iter.Seq2[M2MClient, error] {
	q := deref(p)
	return paginate(q.Cursor, func(cursor *string) ([]M2MClient, *string, error) {
		page := q
		page.Cursor = cursor
		r, err := s.Search(ctx, &page)
		if err != nil {
			return nil, nil, err
		}
		return r.M2mClients, r.ResultsMetadata.NextCursor, nil
	})
}
