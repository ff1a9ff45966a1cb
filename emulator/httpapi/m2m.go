package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// m2mBody converts a stored M2M client to the wire M2MClient (no secret).
func m2mBody(c *store.M2MClient) gen.M2MClient {
	return gen.M2MClient{ClientId: c.ID, ClientName: c.Name, ClientDescription: c.Description,
		Status: gen.M2MClientStatus(c.Status), Scopes: append([]string{}, c.Scopes...),
		ClientSecretLastFour: c.Secrets.LastFour, NextClientSecretLastFour: optString(c.Secrets.NextLastFour),
		TrustedMetadata: orEmpty(c.TrustedMetadata)}
}

// M2MClientsCreate implements POST /v1/m2m/clients.
func (a *API) M2MClientsCreate(ctx context.Context, req gen.M2MClientsCreateRequestObject) (gen.M2MClientsCreateResponseObject, error) {
	b := req.Body
	c, secret, err := a.svc.CreateM2MClient(flows.M2MClientInput{ClientID: deref(b.ClientId), ClientSecret: deref(b.ClientSecret),
		Name: deref(b.ClientName), Description: deref(b.ClientDescription), Scopes: b.Scopes,
		TrustedMetadata: deref(b.TrustedMetadata)})
	if err != nil {
		return nil, err
	}
	w := m2mBody(c)
	return gen.M2MClientsCreate201JSONResponse{RequestId: RequestID(ctx), StatusCode: 201,
		M2mClient: gen.M2MClientWithClientSecret{ClientId: w.ClientId, ClientSecret: secret, ClientName: w.ClientName,
			ClientDescription: w.ClientDescription, Status: w.Status, Scopes: w.Scopes,
			ClientSecretLastFour: w.ClientSecretLastFour, TrustedMetadata: w.TrustedMetadata}}, nil
}

// M2MClientsGet implements GET /v1/m2m/clients/{client_id}.
func (a *API) M2MClientsGet(ctx context.Context, req gen.M2MClientsGetRequestObject) (gen.M2MClientsGetResponseObject, error) {
	c, err := a.svc.GetM2MClient(req.ClientId)
	if err != nil {
		return nil, err
	}
	return gen.M2MClientsGet200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, M2mClient: m2mBody(c)}, nil
}

// M2MClientsUpdate implements PUT /v1/m2m/clients/{client_id}.
func (a *API) M2MClientsUpdate(ctx context.Context, req gen.M2MClientsUpdateRequestObject) (gen.M2MClientsUpdateResponseObject, error) {
	b := req.Body
	up := flows.M2MClientUpdate{Name: b.ClientName, Description: b.ClientDescription, Scopes: b.Scopes,
		TrustedMetadata: deref(b.TrustedMetadata)}
	if b.Status != nil {
		st := string(*b.Status)
		up.Status = &st
	}
	c, err := a.svc.UpdateM2MClient(req.ClientId, up)
	if err != nil {
		return nil, err
	}
	return gen.M2MClientsUpdate200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, M2mClient: m2mBody(c)}, nil
}

// M2MClientsDelete implements DELETE /v1/m2m/clients/{client_id}.
func (a *API) M2MClientsDelete(ctx context.Context, req gen.M2MClientsDeleteRequestObject) (gen.M2MClientsDeleteResponseObject, error) {
	if err := a.svc.DeleteM2MClient(req.ClientId); err != nil {
		return nil, err
	}
	return gen.M2MClientsDelete200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, ClientId: req.ClientId}, nil
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
	out := gen.M2MClientsSearch200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200,
		M2mClients: make([]gen.M2MClient, 0, len(res.Clients)), ResultsMetadata: resultsMetadata(res.Total, res.NextCursor)}
	for i := range res.Clients {
		out.M2mClients = append(out.M2mClients, m2mBody(&res.Clients[i]))
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
	c, next, err := a.svc.RotateM2MSecret(req.ClientId, flows.RotationStart)
	if err != nil {
		return nil, err
	}
	w := m2mBody(c)
	return gen.M2MClientsSecretsRotateStart200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200,
		M2mClient: gen.M2MClientWithNextClientSecret{ClientId: w.ClientId, NextClientSecret: next, ClientName: w.ClientName,
			ClientDescription: w.ClientDescription, Status: w.Status, Scopes: w.Scopes,
			ClientSecretLastFour: w.ClientSecretLastFour, NextClientSecretLastFour: c.Secrets.NextLastFour,
			TrustedMetadata: w.TrustedMetadata}}, nil
}

// M2MClientsSecretsRotateCancel implements POST /v1/m2m/clients/{client_id}/secrets/rotate/cancel.
func (a *API) M2MClientsSecretsRotateCancel(ctx context.Context, req gen.M2MClientsSecretsRotateCancelRequestObject) (gen.M2MClientsSecretsRotateCancelResponseObject, error) {
	c, _, err := a.svc.RotateM2MSecret(req.ClientId, flows.RotationCancel)
	if err != nil {
		return nil, err
	}
	return gen.M2MClientsSecretsRotateCancel200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, M2mClient: m2mBody(c)}, nil
}

// M2MClientsSecretsRotate implements POST /v1/m2m/clients/{client_id}/secrets/rotate.
func (a *API) M2MClientsSecretsRotate(ctx context.Context, req gen.M2MClientsSecretsRotateRequestObject) (gen.M2MClientsSecretsRotateResponseObject, error) {
	c, _, err := a.svc.RotateM2MSecret(req.ClientId, flows.RotationComplete)
	if err != nil {
		return nil, err
	}
	return gen.M2MClientsSecretsRotate200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, M2mClient: m2mBody(c)}, nil
}

// M2MToken implements POST /v1/public/{project_id}/oauth2/token (form
// fields, no Basic auth; errors are RFC 6749 bodies).
func (a *API) M2MToken(ctx context.Context, req gen.M2MTokenRequestObject) (gen.M2MTokenResponseObject, error) {
	if req.Body == nil {
		return nil, flows.E(400, "invalid_request", "The request needs form fields grant_type, client_id and client_secret.")
	}
	b := req.Body
	var tok *flows.AccessToken
	var err error
	switch b.GrantType {
	case gen.M2MTokenRequestGrantTypeAuthorizationCode: // Connected Apps (IdP) share this endpoint
		tok, err = a.svc.ExchangeAuthorizationCode(flows.CodeExchange{ProjectID: req.ProjectId, ClientID: b.ClientId,
			ClientSecret: b.ClientSecret, Code: deref(b.Code), RedirectURI: deref(b.RedirectUri), CodeVerifier: deref(b.CodeVerifier)})
	default:
		tok, err = a.svc.M2MToken(flows.TokenRequest{ProjectID: req.ProjectId, GrantType: string(b.GrantType),
			ClientID: b.ClientId, ClientSecret: b.ClientSecret, Scope: deref(b.Scope)})
	}
	if err != nil {
		return nil, err
	}
	reqID, status, expires := RequestID(ctx), int32(200), int32(tok.ExpiresIn)
	return gen.M2MToken200JSONResponse{AccessToken: tok.AccessToken, TokenType: tok.TokenType, ExpiresIn: expires,
		Scope: optString(tok.Scope), RequestId: &reqID, StatusCode: &status}, nil
}
