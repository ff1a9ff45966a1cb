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
	return gen.ConnectedApp{ClientID: c.ID, ClientName: c.Name, ClientDescription: c.Description, Status: c.Status,
		FullAccessAllowed: c.FullAccessAllowed, ClientType: gen.ConnectedAppClientType(c.ClientType),
		RedirectURLs: append([]string{}, c.RedirectURLs...), AccessTokenExpiryMinutes: c.AccessTokenExpiryMinutes,
		AccessTokenTemplateContent: c.AccessTokenTemplateContent, PostLogoutRedirectURLs: append([]string{}, c.PostLogoutRedirectURLs...),
		BypassConsentForOfflineAccess: c.BypassConsentForOfflineAccess, CreationMethod: c.CreationMethod,
		IDTokenTemplateContent: optString(c.IDTokenTemplateContent), ClientSecretLastFour: new(c.Secrets.LastFour),
		NextClientSecretLastFour:  optString(c.Secrets.NextLastFour),
		AccessTokenCustomAudience: optString(c.AccessTokenCustomAudience), LogoURL: optString(c.LogoURL)}
}

// ConnectedAppClientsCreate implements POST /v1/connected_apps/clients.
func (a *API) ConnectedAppClientsCreate(ctx context.Context, req gen.ConnectedAppClientsCreateRequestObject) (gen.ConnectedAppClientsCreateResponseObject, error) {
	b := req.Body
	c, secret, err := a.svc.CreateConnectedApp(flows.ConnectedAppInput{ClientType: string(b.ClientType),
		Name: b.ClientName, Description: b.ClientDescription, LogoURL: b.LogoURL, RedirectURLs: optSlice(b.RedirectURLs),
		PostLogoutRedirectURLs: optSlice(b.PostLogoutRedirectURLs), FullAccessAllowed: b.FullAccessAllowed,
		BypassConsentForOfflineAccess: b.BypassConsentForOfflineAccess, AccessTokenExpiryMinutes: b.AccessTokenExpiryMinutes,
		AccessTokenCustomAudience: b.AccessTokenCustomAudience, AccessTokenTemplateContent: b.AccessTokenTemplateContent,
		IDTokenTemplateContent: b.IDTokenTemplateContent})
	if err != nil {
		return nil, err
	}
	w := connectedAppBody(c)
	return gen.ConnectedAppClientsCreate201JSONResponse{RequestID: RequestID(ctx), StatusCode: 201,
		ConnectedApp: gen.ConnectedAppWithClientSecret{ClientID: w.ClientID, ClientName: w.ClientName,
			ClientDescription: w.ClientDescription, Status: w.Status, FullAccessAllowed: w.FullAccessAllowed,
			ClientType: w.ClientType, RedirectURLs: w.RedirectURLs, AccessTokenExpiryMinutes: w.AccessTokenExpiryMinutes,
			AccessTokenTemplateContent: w.AccessTokenTemplateContent, PostLogoutRedirectURLs: w.PostLogoutRedirectURLs,
			BypassConsentForOfflineAccess: w.BypassConsentForOfflineAccess, IDTokenTemplateContent: w.IDTokenTemplateContent,
			ClientSecretLastFour: w.ClientSecretLastFour, ClientSecret: new(secret),
			AccessTokenCustomAudience: w.AccessTokenCustomAudience, LogoURL: w.LogoURL}}, nil
}

// ConnectedAppClientsGet implements GET /v1/connected_apps/clients/{client_id}.
func (a *API) ConnectedAppClientsGet(ctx context.Context, req gen.ConnectedAppClientsGetRequestObject) (gen.ConnectedAppClientsGetResponseObject, error) {
	c, err := a.svc.GetConnectedApp(req.ClientID)
	if err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ConnectedApp: connectedAppBody(c)}, nil
}

// ConnectedAppClientsUpdate implements PUT /v1/connected_apps/clients/{client_id}.
func (a *API) ConnectedAppClientsUpdate(ctx context.Context, req gen.ConnectedAppClientsUpdateRequestObject) (gen.ConnectedAppClientsUpdateResponseObject, error) {
	b := req.Body
	c, err := a.svc.UpdateConnectedApp(req.ClientID, flows.ConnectedAppInput{Name: b.ClientName,
		Description: b.ClientDescription, LogoURL: b.LogoURL, RedirectURLs: optSlice(b.RedirectURLs),
		PostLogoutRedirectURLs: optSlice(b.PostLogoutRedirectURLs), FullAccessAllowed: b.FullAccessAllowed,
		BypassConsentForOfflineAccess: b.BypassConsentForOfflineAccess, AccessTokenExpiryMinutes: b.AccessTokenExpiryMinutes,
		AccessTokenCustomAudience: b.AccessTokenCustomAudience, AccessTokenTemplateContent: b.AccessTokenTemplateContent,
		IDTokenTemplateContent: b.IDTokenTemplateContent})
	if err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsUpdate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ConnectedApp: connectedAppBody(c)}, nil
}

// ConnectedAppClientsDelete implements DELETE /v1/connected_apps/clients/{client_id}.
func (a *API) ConnectedAppClientsDelete(ctx context.Context, req gen.ConnectedAppClientsDeleteRequestObject) (gen.ConnectedAppClientsDeleteResponseObject, error) {
	if err := a.svc.DeleteConnectedApp(req.ClientID); err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsDelete200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ClientID: req.ClientID}, nil
}

// ConnectedAppClientsSearch implements POST /v1/connected_apps/clients/search.
func (a *API) ConnectedAppClientsSearch(ctx context.Context, req gen.ConnectedAppClientsSearchRequestObject) (gen.ConnectedAppClientsSearchResponseObject, error) {
	res, err := a.svc.SearchConnectedApps(int(deref(req.Body.Limit)), deref(req.Body.Cursor))
	if err != nil {
		return nil, err
	}
	out := gen.ConnectedAppClientsSearch200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ConnectedApps: make([]gen.ConnectedApp, 0, len(res.Apps)), ResultsMetadata: resultsMetadata(res.Total, res.NextCursor)}
	for i := range res.Apps {
		out.ConnectedApps = append(out.ConnectedApps, connectedAppBody(&res.Apps[i]))
	}
	return out, nil
}

// ConnectedAppClientsSecretsRotateStart implements POST /v1/connected_apps/clients/{client_id}/secrets/rotate/start.
func (a *API) ConnectedAppClientsSecretsRotateStart(ctx context.Context, req gen.ConnectedAppClientsSecretsRotateStartRequestObject) (gen.ConnectedAppClientsSecretsRotateStartResponseObject, error) {
	c, next, err := a.svc.RotateConnectedAppSecret(req.ClientID, flows.RotationStart)
	if err != nil {
		return nil, err
	}
	w := connectedAppBody(c)
	return gen.ConnectedAppClientsSecretsRotateStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ConnectedApp: gen.ConnectedAppWithNextClientSecret{ClientID: w.ClientID, ClientName: w.ClientName,
			ClientDescription: w.ClientDescription, Status: w.Status, FullAccessAllowed: w.FullAccessAllowed,
			ClientType: w.ClientType, RedirectURLs: w.RedirectURLs, AccessTokenExpiryMinutes: w.AccessTokenExpiryMinutes,
			AccessTokenTemplateContent: w.AccessTokenTemplateContent, PostLogoutRedirectURLs: w.PostLogoutRedirectURLs,
			BypassConsentForOfflineAccess: w.BypassConsentForOfflineAccess, IDTokenTemplateContent: w.IDTokenTemplateContent,
			ClientSecretLastFour: deref(w.ClientSecretLastFour), NextClientSecret: next,
			NextClientSecretLastFour: new(c.Secrets.NextLastFour), AccessTokenCustomAudience: w.AccessTokenCustomAudience,
			LogoURL: w.LogoURL}}, nil
}

// ConnectedAppClientsSecretsRotateCancel implements POST /v1/connected_apps/clients/{client_id}/secrets/rotate/cancel.
func (a *API) ConnectedAppClientsSecretsRotateCancel(ctx context.Context, req gen.ConnectedAppClientsSecretsRotateCancelRequestObject) (gen.ConnectedAppClientsSecretsRotateCancelResponseObject, error) {
	c, _, err := a.svc.RotateConnectedAppSecret(req.ClientID, flows.RotationCancel)
	if err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsSecretsRotateCancel200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ConnectedApp: connectedAppBody(c)}, nil
}

// ConnectedAppClientsSecretsRotate implements POST /v1/connected_apps/clients/{client_id}/secrets/rotate.
func (a *API) ConnectedAppClientsSecretsRotate(ctx context.Context, req gen.ConnectedAppClientsSecretsRotateRequestObject) (gen.ConnectedAppClientsSecretsRotateResponseObject, error) {
	c, _, err := a.svc.RotateConnectedAppSecret(req.ClientID, flows.RotationComplete)
	if err != nil {
		return nil, err
	}
	return gen.ConnectedAppClientsSecretsRotate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ConnectedApp: connectedAppBody(c)}, nil
}

// UsersConnectedApps implements GET /v1/users/{user_id}/connected_apps.
func (a *API) UsersConnectedApps(ctx context.Context, req gen.UsersConnectedAppsRequestObject) (gen.UsersConnectedAppsResponseObject, error) {
	grants, err := a.svc.UserConnectedApps(req.UserID)
	if err != nil {
		return nil, err
	}
	out := gen.UsersConnectedApps200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ConnectedApps: make([]gen.UserConnectedApp, 0, len(grants))}
	for _, g := range grants {
		out.ConnectedApps = append(out.ConnectedApps, gen.UserConnectedApp{ConnectedAppID: g.App.ID, Name: g.App.Name,
			Description: g.App.Description, ClientType: g.App.ClientType, ScopesGranted: strings.Join(g.Scopes, " "),
			LogoURL: optString(g.App.LogoURL)})
	}
	return out, nil
}

// UsersRevoke implements POST /v1/users/{user_id}/connected_apps/{connected_app_id}/revoke.
func (a *API) UsersRevoke(ctx context.Context, req gen.UsersRevokeRequestObject) (gen.UsersRevokeResponseObject, error) {
	if err := a.svc.RevokeConnectedApp(req.UserID, req.ConnectedAppID); err != nil {
		return nil, err
	}
	return gen.UsersRevoke200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}
