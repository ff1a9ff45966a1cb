package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// m2mBody converts a stored M2M client to the wire M2MClient (no secret).
func m2mBody(c *store.M2MClient) gen.M2MClient {
	return gen.M2MClient{ClientID: c.ID, ClientName: c.Name, ClientDescription: c.Description,
		Status: gen.M2MClientStatus(c.Status), Scopes: append([]string{}, c.Scopes...),
		ClientSecretLastFour: c.Secrets.LastFour, NextClientSecretLastFour: optString(c.Secrets.NextLastFour),
		TrustedMetadata: orEmpty(c.TrustedMetadata)}
}

// M2MClientsCreate implements POST /v1/m2m/clients.
func (a *API) M2MClientsCreate(ctx context.Context, req gen.M2MClientsCreateRequestObject) (gen.M2MClientsCreateResponseObject, error) {
	b := req.Body
	c, secret, err := a.svc.CreateM2MClient(flows.M2MClientInput{ClientID: deref(b.ClientID), ClientSecret: deref(b.ClientSecret),
		Name: deref(b.ClientName), Description: deref(b.ClientDescription), Scopes: b.Scopes,
		TrustedMetadata: b.TrustedMetadata})
	if err != nil {
		return nil, err
	}
	w := m2mBody(c)
	return gen.M2MClientsCreate201JSONResponse{RequestID: RequestID(ctx), StatusCode: 201,
		M2MClient: gen.M2MClientWithClientSecret{ClientID: w.ClientID, ClientSecret: secret, ClientName: w.ClientName,
			ClientDescription: w.ClientDescription, Status: w.Status, Scopes: w.Scopes,
			ClientSecretLastFour: w.ClientSecretLastFour, TrustedMetadata: w.TrustedMetadata}}, nil
}

// M2MClientsGet implements GET /v1/m2m/clients/{client_id}.
func (a *API) M2MClientsGet(ctx context.Context, req gen.M2MClientsGetRequestObject) (gen.M2MClientsGetResponseObject, error) {
	c, err := a.svc.GetM2MClient(req.ClientID)
	if err != nil {
		return nil, err
	}
	return gen.M2MClientsGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, M2MClient: m2mBody(c)}, nil
}

// M2MClientsUpdate implements PUT /v1/m2m/clients/{client_id}.
func (a *API) M2MClientsUpdate(ctx context.Context, req gen.M2MClientsUpdateRequestObject) (gen.M2MClientsUpdateResponseObject, error) {
	b := req.Body
	up := flows.M2MClientUpdate{Name: b.ClientName, Description: b.ClientDescription, Scopes: optSlice(b.Scopes),
		TrustedMetadata: b.TrustedMetadata}
	if b.Status != nil {
		st := string(*b.Status)
		up.Status = &st
	}
	c, err := a.svc.UpdateM2MClient(req.ClientID, up)
	if err != nil {
		return nil, err
	}
	return gen.M2MClientsUpdate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, M2MClient: m2mBody(c)}, nil
}

// M2MClientsDelete implements DELETE /v1/m2m/clients/{client_id}.
func (a *API) M2MClientsDelete(ctx context.Context, req gen.M2MClientsDeleteRequestObject) (gen.M2MClientsDeleteResponseObject, error) {
	if err := a.svc.DeleteM2MClient(req.ClientID); err != nil {
		return nil, err
	}
	return gen.M2MClientsDelete200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ClientID: req.ClientID}, nil
}

// M2MClientsSearch implements POST /v1/m2m/clients/search.
func (a *API) M2MClientsSearch(ctx context.Context, req gen.M2MClientsSearchRequestObject) (gen.M2MClientsSearchResponseObject, error) {
	b := req.Body
	operator := "AND"
	var operands []flows.Operand
	if b.Query != nil {
		operator = string(b.Query.Operator)
		for _, op := range b.Query.Operands {
			operands = append(operands, flows.Operand{Name: op.FilterName, Value: op.FilterValue})
		}
	}
	res, err := a.svc.SearchM2MClients(operator, operands, int(deref(b.Limit)), deref(b.Cursor))
	if err != nil {
		return nil, err
	}
	out := gen.M2MClientsSearch200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		M2MClients: make([]gen.M2MClient, 0, len(res.Clients)), ResultsMetadata: resultsMetadata(res.Total, res.NextCursor)}
	for i := range res.Clients {
		out.M2MClients = append(out.M2MClients, m2mBody(&res.Clients[i]))
	}
	return out, nil
}

// resultsMetadata builds the pagination block of a search (next_cursor null
// on the last page).
func resultsMetadata(total int, next string) gen.ResultsMetadata {
	return gen.ResultsMetadata{Total: int32(total), NextCursor: optString(next)}
}

// M2MClientsSecretsRotateStart implements POST /v1/m2m/clients/{client_id}/secrets/rotate/start.
func (a *API) M2MClientsSecretsRotateStart(ctx context.Context, req gen.M2MClientsSecretsRotateStartRequestObject) (gen.M2MClientsSecretsRotateStartResponseObject, error) {
	c, next, err := a.svc.RotateM2MSecret(req.ClientID, flows.RotationStart)
	if err != nil {
		return nil, err
	}
	w := m2mBody(c)
	return gen.M2MClientsSecretsRotateStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		M2MClient: gen.M2MClientWithNextClientSecret{ClientID: w.ClientID, NextClientSecret: next, ClientName: w.ClientName,
			ClientDescription: w.ClientDescription, Status: w.Status, Scopes: w.Scopes,
			ClientSecretLastFour: w.ClientSecretLastFour, NextClientSecretLastFour: new(c.Secrets.NextLastFour),
			TrustedMetadata: w.TrustedMetadata}}, nil
}

// M2MClientsSecretsRotateCancel implements POST /v1/m2m/clients/{client_id}/secrets/rotate/cancel.
func (a *API) M2MClientsSecretsRotateCancel(ctx context.Context, req gen.M2MClientsSecretsRotateCancelRequestObject) (gen.M2MClientsSecretsRotateCancelResponseObject, error) {
	c, _, err := a.svc.RotateM2MSecret(req.ClientID, flows.RotationCancel)
	if err != nil {
		return nil, err
	}
	return gen.M2MClientsSecretsRotateCancel200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, M2MClient: m2mBody(c)}, nil
}

// M2MClientsSecretsRotate implements POST /v1/m2m/clients/{client_id}/secrets/rotate.
func (a *API) M2MClientsSecretsRotate(ctx context.Context, req gen.M2MClientsSecretsRotateRequestObject) (gen.M2MClientsSecretsRotateResponseObject, error) {
	c, _, err := a.svc.RotateM2MSecret(req.ClientID, flows.RotationComplete)
	if err != nil {
		return nil, err
	}
	return gen.M2MClientsSecretsRotate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, M2MClient: m2mBody(c)}, nil
}
