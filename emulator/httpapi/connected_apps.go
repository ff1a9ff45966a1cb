package httpapi

import (
	"context"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// connectedAppBody converts a stored Connected App to the wire ConnectedApp
// (no secret).
func connectedAppBody(c *store.ConnectedApp) gen.ConnectedApp {
	post := append([]string{}, c.PostLogoutRedirectURLs...)
	bypass := c.BypassConsentForOfflineAccess
	return gen.ConnectedApp{ClientId: c.ID, ClientName: c.Name, ClientDescription: c.Description, Status: c.Status,
		FullAccessAllowed: c.FullAccessAllowed, ClientType: gen.ConnectedAppClientType(c.ClientType),
		RedirectUrls: append([]string{}, c.RedirectURLs...), AccessTokenExpiryMinutes: c.AccessTokenExpiryMinutes,
		AccessTokenTemplateContent: optString(c.AccessTokenTemplateContent), PostLogoutRedirectUrls: &post,
		BypassConsentForOfflineAccess: &bypass, CreationMethod: optString(c.CreationMethod),
		IdTokenTemplateContent: optString(c.IDTokenTemplateContent), ClientSecretLastFour: c.Secrets.LastFour,
		NextClientSecretLastFour:  optString(c.Secrets.NextLastFour),
		AccessTokenCustomAudience: optString(c.AccessTokenCustomAudience), LogoUrl: optString(c.LogoURL)}
}

// ConnectedAppClientsCreate implements POST /v1/connected_apps/clients.
func (a *API) ConnectedAppClientsCreate(ctx context.Context, req gen.ConnectedAppClientsCreateRequestObject) (gen.ConnectedAppClientsCreateResponseObject, error) {
	b := req.Body
	c, secret, err := a.svc.CreateConnectedApp(flows.ConnectedAppInput{ClientType: string(b.ClientType),
		Name: b.ClientName, Description: b.ClientDescription, LogoURL: b.LogoUrl, RedirectURLs: b.RedirectUrls,
		PostLogoutRedirectURLs: b.PostLogoutRedirectUrls, FullAccessAllowed: b.FullAccessAllowed,
		BypassConsentForOfflineAccess: b.BypassConsentForOfflineAccess, AccessTokenExpiryMinutes: b.AccessTokenExpiryMinutes,
		AccessTokenCustomAudience: b.AccessTokenCustomAudience, AccessTokenTemplateContent: b.AccessTokenTemplateContent,
		IDTokenTemplateContent: b.IdTokenTemplateContent})
	if err != nil {
		return nil, err
	}
	w := connectedAppBody(c)
	return gen.ConnectedAppClientsCreate201JSONResponse{RequestId: RequestID(ctx), StatusCode: 201,
		ConnectedApp: gen.ConnectedAppWithClientSecret{ClientId: w.ClientId, ClientName: w.ClientName,
			ClientDescription: w.ClientDescription, Status: w.Status, FullAccessAllowed: w.FullAccessAllowed,
			ClientType: w.ClientType, RedirectUrls: w.RedirectUrls, AccessTokenExpiryMinutes: w.AccessTokenExpiryMinutes,
			AccessTokenTemplateContent: w.AccessTokenTemplateContent, PostLogoutRedirectUrls: w.PostLogoutRedirectUrls,
			BypassConsentForOfflineAccess: w.BypassConsentForOfflineAccess, IdTokenTemplateContent: w.IdTokenTemplateContent,
			ClientSecretLastFour: w.ClientSecretLastFour, ClientSecret: secret,
			AccessTokenCustomAudience: w.AccessTokenCustomAudience, LogoUrl: w.LogoUrl}}, nil
}

// ConnectedAppClientsGet implements GET /v1/connected_apps/clients/{client_id}.
func (a *API) ConnectedAppClientsGet(ctx context.Context, req gen.ConnectedAppClientsGetRequestObject) (gen.ConnectedAppClientsGetResponseObject, error) {
	c, err := a.svc.GetConnectedApp(req.ClientId)
	if err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsGet200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, ConnectedApp: connectedAppBody(c)}, nil
}

// ConnectedAppClientsUpdate implements PUT /v1/connected_apps/clients/{client_id}.
func (a *API) ConnectedAppClientsUpdate(ctx context.Context, req gen.ConnectedAppClientsUpdateRequestObject) (gen.ConnectedAppClientsUpdateResponseObject, error) {
	b := req.Body
	c, err := a.svc.UpdateConnectedApp(req.ClientId, flows.ConnectedAppInput{Name: b.ClientName,
		Description: b.ClientDescription, LogoURL: b.LogoUrl, RedirectURLs: b.RedirectUrls,
		PostLogoutRedirectURLs: b.PostLogoutRedirectUrls, FullAccessAllowed: b.FullAccessAllowed,
		BypassConsentForOfflineAccess: b.BypassConsentForOfflineAccess, AccessTokenExpiryMinutes: b.AccessTokenExpiryMinutes,
		AccessTokenCustomAudience: b.AccessTokenCustomAudience, AccessTokenTemplateContent: b.AccessTokenTemplateContent,
		IDTokenTemplateContent: b.IdTokenTemplateContent})
	if err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsUpdate200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, ConnectedApp: connectedAppBody(c)}, nil
}

// ConnectedAppClientsDelete implements DELETE /v1/connected_apps/clients/{client_id}.
func (a *API) ConnectedAppClientsDelete(ctx context.Context, req gen.ConnectedAppClientsDeleteRequestObject) (gen.ConnectedAppClientsDeleteResponseObject, error) {
	if err := a.svc.DeleteConnectedApp(req.ClientId); err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsDelete200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, ClientId: req.ClientId}, nil
}

// ConnectedAppClientsSearch implements POST /v1/connected_apps/clients/search.
func (a *API) ConnectedAppClientsSearch(ctx context.Context, req gen.ConnectedAppClientsSearchRequestObject) (gen.ConnectedAppClientsSearchResponseObject, error) {
	res, err := a.svc.SearchConnectedApps(int(deref(req.Body.Limit)), deref(req.Body.Cursor))
	if err != nil {
		return nil, err
	}
	out := gen.ConnectedAppClientsSearch200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200,
		ConnectedApps: make([]gen.ConnectedApp, 0, len(res.Apps)), ResultsMetadata: resultsMetadata(res.Total, res.NextCursor)}
	for i := range res.Apps {
		out.ConnectedApps = append(out.ConnectedApps, connectedAppBody(&res.Apps[i]))
	}
	return out, nil
}

// ConnectedAppClientsSecretsRotateStart implements POST /v1/connected_apps/clients/{client_id}/secrets/rotate/start.
func (a *API) ConnectedAppClientsSecretsRotateStart(ctx context.Context, req gen.ConnectedAppClientsSecretsRotateStartRequestObject) (gen.ConnectedAppClientsSecretsRotateStartResponseObject, error) {
	c, next, err := a.svc.RotateConnectedAppSecret(req.ClientId, flows.RotationStart)
	if err != nil {
		return nil, err
	}
	w := connectedAppBody(c)
	return gen.ConnectedAppClientsSecretsRotateStart200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200,
		ConnectedApp: gen.ConnectedAppWithNextClientSecret{ClientId: w.ClientId, ClientName: w.ClientName,
			ClientDescription: w.ClientDescription, Status: w.Status, FullAccessAllowed: w.FullAccessAllowed,
			ClientType: w.ClientType, RedirectUrls: w.RedirectUrls, AccessTokenExpiryMinutes: w.AccessTokenExpiryMinutes,
			AccessTokenTemplateContent: w.AccessTokenTemplateContent, PostLogoutRedirectUrls: w.PostLogoutRedirectUrls,
			BypassConsentForOfflineAccess: w.BypassConsentForOfflineAccess, IdTokenTemplateContent: w.IdTokenTemplateContent,
			ClientSecretLastFour: w.ClientSecretLastFour, NextClientSecret: next,
			NextClientSecretLastFour: c.Secrets.NextLastFour, AccessTokenCustomAudience: w.AccessTokenCustomAudience,
			LogoUrl: w.LogoUrl}}, nil
}

// ConnectedAppClientsSecretsRotateCancel implements POST /v1/connected_apps/clients/{client_id}/secrets/rotate/cancel.
func (a *API) ConnectedAppClientsSecretsRotateCancel(ctx context.Context, req gen.ConnectedAppClientsSecretsRotateCancelRequestObject) (gen.ConnectedAppClientsSecretsRotateCancelResponseObject, error) {
	c, _, err := a.svc.RotateConnectedAppSecret(req.ClientId, flows.RotationCancel)
	if err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsSecretsRotateCancel200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, ConnectedApp: connectedAppBody(c)}, nil
}

// ConnectedAppClientsSecretsRotate implements POST /v1/connected_apps/clients/{client_id}/secrets/rotate.
func (a *API) ConnectedAppClientsSecretsRotate(ctx context.Context, req gen.ConnectedAppClientsSecretsRotateRequestObject) (gen.ConnectedAppClientsSecretsRotateResponseObject, error) {
	c, _, err := a.svc.RotateConnectedAppSecret(req.ClientId, flows.RotationComplete)
	if err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsSecretsRotate200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200, ConnectedApp: connectedAppBody(c)}, nil
}

// UsersConnectedApps implements GET /v1/users/{user_id}/connected_apps.
func (a *API) UsersConnectedApps(ctx context.Context, req gen.UsersConnectedAppsRequestObject) (gen.UsersConnectedAppsResponseObject, error) {
	grants, err := a.svc.UserConnectedApps(req.UserId)
	if err != nil {
		return nil, err
	}
	out := gen.UsersConnectedApps200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200,
		ConnectedApps: make([]gen.UserConnectedApp, 0, len(grants))}
	for _, g := range grants {
		out.ConnectedApps = append(out.ConnectedApps, gen.UserConnectedApp{ConnectedAppId: g.App.ID, Name: g.App.Name,
			Description: g.App.Description, ClientType: g.App.ClientType, ScopesGranted: strings.Join(g.Scopes, " "),
			LogoUrl: optString(g.App.LogoURL)})
	}
	return out, nil
}

// UsersRevoke implements POST /v1/users/{user_id}/connected_apps/{connected_app_id}/revoke.
func (a *API) UsersRevoke(ctx context.Context, req gen.UsersRevokeRequestObject) (gen.UsersRevokeResponseObject, error) {
	if err := a.svc.RevokeConnectedApp(req.UserId, req.ConnectedAppId); err != nil {
		return nil, err
	}
	return gen.UsersRevoke200JSONResponse{RequestId: RequestID(ctx), StatusCode: 200}, nil
}
