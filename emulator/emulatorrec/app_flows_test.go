package emulatorrec_test

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/control"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/stytch"
)

// Flows of M2M clients, Connected Apps and the IdP, fraud and the project
// endpoints (whoami, metrics, RBAC, impersonation).

const appRedirect = "https://app.example.com/callback"

func recordM2M(r *recorder) {
	ctx, c := r.ctx, r.c
	created, err := c.M2M.Clients.Create(ctx, &stytch.M2MClientsCreateParams{ClientName: new("billing-worker"),
		ClientDescription: new("Nightly invoices"), Scopes: []string{"read:users", "write:users"},
		TrustedMetadata: &map[string]any{"team": "billing"}})
	r.ok("create-with-scopes", err)
	id, secret := created.M2mClient.ClientId, created.M2mClient.ClientSecret
	r.secret("M2M client secret", secret)

	_, err = c.M2M.Clients.Get(ctx, &stytch.M2MClientsGetParams{ClientID: id})
	r.ok("get-client", err)
	_, err = c.M2M.Clients.Update(ctx, &stytch.M2MClientsUpdateParams{ClientID: id, Body: stytch.M2MClientsUpdateBody{
		ClientName: new("billing-worker-v2"), Scopes: &[]string{"read:users"}}})
	r.ok("update-name-and-scopes", err)
	_, err = c.M2M.Clients.Search(ctx, &stytch.M2MClientsSearchParams{Limit: new(int32(10))})
	r.ok("search-first-page", err)

	tok, err := c.M2M.Token(ctx, id, secret, []string{"read:users"})
	r.ok("client-credentials-with-scope", err)
	r.secret("M2M access token", tok.AccessToken)

	next, err := c.M2M.Clients.Secrets.RotateStart(ctx, &stytch.M2MClientsSecretsRotateStartParams{ClientID: id})
	r.ok("start-rotation", err)
	r.secret("next M2M client secret", next.M2mClient.NextClientSecret)
	_, err = c.M2M.Clients.Secrets.RotateCancel(ctx, &stytch.M2MClientsSecretsRotateCancelParams{ClientID: id})
	r.ok("cancel-rotation", err)
	next, err = c.M2M.Clients.Secrets.RotateStart(ctx, &stytch.M2MClientsSecretsRotateStartParams{ClientID: id})
	r.ok("start-rotation-again", err)
	r.secret("next M2M client secret", next.M2mClient.NextClientSecret)
	_, err = c.M2M.Clients.Secrets.Rotate(ctx, &stytch.M2MClientsSecretsRotateParams{ClientID: id})
	r.ok("complete-rotation", err)

	_, err = c.M2M.Clients.Delete(ctx, &stytch.M2MClientsDeleteParams{ClientID: id})
	r.ok("delete-client", err)
}

func recordConnectedAppsAndIDP(r *recorder) {
	ctx, c := r.ctx, r.c
	partner, err := c.ConnectedApp.Clients.Create(ctx, &stytch.ConnectedAppClientsCreateParams{ClientType: stytch.ConnectedAppClientTypeThirdParty,
		ClientName: new("Partner"), RedirectUrls: &[]string{appRedirect}, LogoUrl: new("https://app.example.com/logo.png")})
	r.ok("create-third-party", err)
	r.secret("Connected App client secret", partner.ConnectedApp.ClientSecret)
	pid := partner.ConnectedApp.ClientId
	_, err = c.ConnectedApp.Clients.Get(ctx, &stytch.ConnectedAppClientsGetParams{ClientID: pid})
	r.ok("get-client", err)
	_, err = c.ConnectedApp.Clients.Update(ctx, &stytch.ConnectedAppClientsUpdateParams{ClientID: pid, Body: stytch.ConnectedAppClientsUpdateBody{
		ClientDescription: new("Partner integration"), AccessTokenExpiryMinutes: new(int32(30))}})
	r.ok("update-description-and-expiry", err)
	_, err = c.ConnectedApp.Clients.Search(ctx, &stytch.ConnectedAppClientsSearchParams{Limit: new(int32(10))})
	r.ok("search-first-page", err)
	next, err := c.ConnectedApp.Clients.Secrets.RotateStart(ctx, &stytch.ConnectedAppClientsSecretsRotateStartParams{ClientID: pid})
	r.ok("start-rotation", err)
	r.secret("next Connected App client secret", next.ConnectedApp.NextClientSecret)
	_, err = c.ConnectedApp.Clients.Secrets.RotateCancel(ctx, &stytch.ConnectedAppClientsSecretsRotateCancelParams{ClientID: pid})
	r.ok("cancel-rotation", err)
	next, err = c.ConnectedApp.Clients.Secrets.RotateStart(ctx, &stytch.ConnectedAppClientsSecretsRotateStartParams{ClientID: pid})
	r.ok("start-rotation-again", err)
	r.secret("next Connected App client secret", next.ConnectedApp.NextClientSecret)
	_, err = c.ConnectedApp.Clients.Secrets.Rotate(ctx, &stytch.ConnectedAppClientsSecretsRotateParams{ClientID: pid})
	r.ok("complete-rotation", err)
	_, err = c.ConnectedApp.Clients.Delete(ctx, &stytch.ConnectedAppClientsDeleteParams{ClientID: pid})
	r.ok("delete-client", err)

	// the IdP: a first-party app with full access gets a token for Ada
	app, err := c.ConnectedApp.Clients.Create(ctx, &stytch.ConnectedAppClientsCreateParams{ClientType: stytch.ConnectedAppClientTypeFirstParty,
		ClientName: new("Docs"), RedirectUrls: &[]string{appRedirect}, FullAccessAllowed: new(true)})
	r.ok("create-first-party-with-full-access", err)
	id, secret := app.ConnectedApp.ClientId, app.ConnectedApp.ClientSecret
	r.secret("Connected App client secret", secret)
	scopes := []string{"openid", "full_access"}
	_, err = c.IDP.OAuth.AuthorizeStart(ctx, &stytch.IDPOAuthAuthorizeStartParams{ClientId: id, RedirectUri: appRedirect,
		ResponseType: stytch.IDPOAuthAuthorizeStartRequestResponseTypeCode, Scopes: scopes, SessionToken: &r.adaSession})
	r.ok("start-first-party-with-session", err)
	_, err = c.IDP.OAuth.Authorize(ctx, &stytch.IDPOAuthAuthorizeParams{ClientId: id, RedirectUri: appRedirect,
		ResponseType: stytch.IDPOAuthAuthorizeRequestResponseTypeCode, Scopes: scopes, UserId: &r.del.userID,
		ConsentGranted: false, State: new("xyz-state")})
	r.ok("deny-consent-for-user", err)
	grant, err := c.IDP.OAuth.Authorize(ctx, &stytch.IDPOAuthAuthorizeParams{ClientId: id, RedirectUri: appRedirect,
		ResponseType: stytch.IDPOAuthAuthorizeRequestResponseTypeCode, Scopes: scopes, UserId: &r.del.userID,
		ConsentGranted: true, State: new("xyz-state")})
	r.ok("grant-consent-for-user", err)
	require.NotNil(r.t, grant.AuthorizationCode)
	r.secret("authorization code", *grant.AuthorizationCode)

	// the token endpoint of the emulator has no authorization_code grant
	// yet, so the code is redeemed in-process (not an API recording)
	svc := flows.New(r.env.Server.Store(), r.env.Server.ProjectID(), nil)
	tok, err := svc.ExchangeAuthorizationCode(flows.CodeExchange{ProjectID: r.env.Server.ProjectID(), ClientID: id,
		ClientSecret: secret, Code: *grant.AuthorizationCode, RedirectURI: appRedirect})
	require.NoError(r.t, err)
	r.secret("Connected App access token", tok.AccessToken)

	_, err = c.IDP.IntrospectTokenNetwork(ctx, &stytch.IDPIntrospectTokenNetworkParams{Form: stytch.IDPIntrospectTokenNetworkForm{
		Token: tok.AccessToken, ClientId: id, ClientSecret: &secret,
		TokenTypeHint: new(stytch.IDPIntrospectTokenNetworkRequestTokenTypeHintAccessToken)}})
	r.ok("introspect-active-access-token", err)
	exch, err := c.Sessions.ExchangeAccessToken(ctx, &stytch.SessionsExchangeAccessTokenParams{AccessToken: tok.AccessToken,
		SessionDurationMinutes: new(int32(30))})
	r.ok("exchange-full-access-token", err)
	r.session(exch.SessionToken, exch.SessionJwt)
	_, err = c.Users.ConnectedApps(ctx, &stytch.UsersConnectedAppsParams{UserID: r.del.userID})
	r.ok("list-connected-apps", err)
	r.del.connectedAppID = id
}

func recordFraud(r *recorder) {
	ctx, c := r.ctx, r.c
	_, err := c.Fraud.Email.Risk(ctx, &stytch.FraudEmailRiskParams{EmailAddress: adaEmail})
	r.ok("risk-of-address", err)
	_, err = c.Fraud.Fingerprint.Lookup(ctx, &stytch.FraudFingerprintLookupParams{TelemetryId: "026ac93b-8cdf-4fcb-bfa6-36a31cfecac1",
		ExternalMetadata: &stytch.FingerprintMetadata{ExternalId: new("crm-ada-1815"), UserAction: new("LOGIN")}})
	r.ok("lookup-telemetry-id", err)
	_, err = c.Fraud.Rules.Set(ctx, &stytch.FraudRulesSetParams{Action: stytch.RuleActionBLOCK, CidrBlock: new("203.0.113.0/24"),
		Description: new("abuse from a test range"), ExpiresInMinutes: new(int32(60))})
	r.ok("block-cidr-block", err)
	_, err = c.Fraud.Rules.List(ctx, &stytch.FraudRulesListParams{Limit: new(int32(10))})
	r.ok("list-rules", err)
	_, err = c.Fraud.VerdictReasons.Override(ctx, &stytch.FraudVerdictReasonsOverrideParams{VerdictReason: "VIRTUAL_MACHINE",
		OverrideAction: stytch.VerdictReasonOverrideActionALLOW, OverrideDescription: new("our QA runs in VMs")})
	r.ok("allow-virtual-machines", err)
	_, err = c.Fraud.VerdictReasons.List(ctx, &stytch.FraudVerdictReasonsListParams{OverridesOnly: new(true)})
	r.ok("list-overrides-only", err)
}

func recordProject(r *recorder) {
	ctx, c := r.ctx, r.c
	_, err := c.Debug.Whoami(ctx)
	r.ok("whoami", err)
	_, err = c.Project.Metrics(ctx)
	r.ok("metrics", err)
	_, err = c.RBAC.Policy(ctx)
	r.ok("get-policy", err)

	// an impersonation token is minted by the dashboard; here the control plane
	body, err := json.Marshal(map[string]string{"user_id": r.del.userID, "impersonator_email": "support@example.com"})
	require.NoError(r.t, err)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.env.URL+control.ImpersonationPath, bytes.NewReader(body))
	require.NoError(r.t, err)
	req.SetBasicAuth(r.env.Server.ProjectID(), r.env.Server.Secret())
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(r.t, err)
	defer res.Body.Close()
	require.Equal(r.t, http.StatusCreated, res.StatusCode)
	var minted struct {
		Token string `json:"impersonation_token"`
	}
	require.NoError(r.t, json.NewDecoder(res.Body).Decode(&minted))
	r.secret("impersonation token", minted.Token)
	imp, err := c.Impersonation.Authenticate(ctx, &stytch.ImpersonationAuthenticateParams{ImpersonationToken: minted.Token})
	r.ok("authenticate-impersonation-token", err)
	r.session(imp.SessionToken, imp.SessionJwt)
}
