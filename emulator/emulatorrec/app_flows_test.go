package emulatorrec_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/control"
	"github.com/stytchkit/stytchkit/stytch"
)

// Flows of M2M clients, Connected Apps and the IdP, fraud and the project
// endpoints (whoami, metrics, RBAC, impersonation).

const appRedirect = "https://app.example.com/callback"

func recordM2M(r *recorder) {
	ctx, c := r.ctx, r.c
	created, err := c.M2M.Clients.Create(ctx, &stytch.M2MClientsCreateParams{ClientName: new("billing-worker"),
		ClientDescription: new("Nightly invoices"), Scopes: []string{"read:users", "write:users"},
		TrustedMetadata: map[string]any{"team": "billing"}})
	r.ok("create-with-scopes", err)
	id, secret := created.M2MClient.ClientID, created.M2MClient.ClientSecret
	r.secret("M2M client secret", secret)

	_, err = c.M2M.Clients.Get(ctx, &stytch.M2MClientsGetParams{ClientID: id})
	r.ok("get-client", err)
	_, err = c.M2M.Clients.Update(ctx, &stytch.M2MClientsUpdateParams{ClientID: id, Body: stytch.M2MClientsUpdateBody{
		ClientName: new("billing-worker-v2"), Scopes: []string{"read:users"}}})
	r.ok("update-name-and-scopes", err)
	_, err = c.M2M.Clients.Search(ctx, &stytch.M2MClientsSearchParams{Limit: new(int32(10))})
	r.ok("search-first-page", err)

	tok, err := c.M2M.Token(ctx, id, secret, []string{"read:users"})
	r.ok("client-credentials-with-scope", err)
	r.secret("M2M access token", tok.AccessToken)

	next, err := c.M2M.Clients.Secrets.RotateStart(ctx, &stytch.M2MClientsSecretsRotateStartParams{ClientID: id})
	r.ok("start-rotation", err)
	r.secret("next M2M client secret", next.M2MClient.NextClientSecret)
	_, err = c.M2M.Clients.Secrets.RotateCancel(ctx, &stytch.M2MClientsSecretsRotateCancelParams{ClientID: id})
	r.ok("cancel-rotation", err)
	next, err = c.M2M.Clients.Secrets.RotateStart(ctx, &stytch.M2MClientsSecretsRotateStartParams{ClientID: id})
	r.ok("start-rotation-again", err)
	r.secret("next M2M client secret", next.M2MClient.NextClientSecret)
	_, err = c.M2M.Clients.Secrets.Rotate(ctx, &stytch.M2MClientsSecretsRotateParams{ClientID: id})
	r.ok("complete-rotation", err)

	_, err = c.M2M.Clients.Delete(ctx, &stytch.M2MClientsDeleteParams{ClientID: id})
	r.ok("delete-client", err)
}

func recordConnectedAppsAndIDP(r *recorder) {
	ctx, c := r.ctx, r.c
	partner, err := c.ConnectedApp.Clients.Create(ctx, &stytch.ConnectedAppClientsCreateParams{ClientType: stytch.ConnectedAppClientTypeThirdParty,
		ClientName: new("Partner"), RedirectURLs: []string{appRedirect}, LogoURL: new("https://app.example.com/logo.png")})
	r.ok("create-third-party", err)
	r.secret("Connected App client secret", *partner.ConnectedApp.ClientSecret)
	pid := partner.ConnectedApp.ClientID
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
		ClientName: new("Docs"), RedirectURLs: []string{appRedirect}, FullAccessAllowed: new(true)})
	r.ok("create-first-party-with-full-access", err)
	id, secret := app.ConnectedApp.ClientID, app.ConnectedApp.ClientSecret
	r.secret("Connected App client secret", *secret)
	scopes := []string{"openid", "full_access"}
	_, err = c.IDP.OAuth.AuthorizeStart(ctx, &stytch.IDPOAuthAuthorizeStartParams{ClientID: id, RedirectURI: appRedirect,
		ResponseType: stytch.IDPOAuthAuthorizeStartRequestResponseTypeCode, Scopes: scopes, SessionToken: &r.adaSession})
	r.ok("start-first-party-with-session", err)
	_, err = c.IDP.OAuth.Authorize(ctx, &stytch.IDPOAuthAuthorizeParams{ClientID: id, RedirectURI: appRedirect,
		ResponseType: stytch.IDPOAuthAuthorizeRequestResponseTypeCode, Scopes: scopes, UserID: &r.del.userID,
		ConsentGranted: false, State: new("xyz-state")})
	r.ok("deny-consent-for-user", err)
	grant, err := c.IDP.OAuth.Authorize(ctx, &stytch.IDPOAuthAuthorizeParams{ClientID: id, RedirectURI: appRedirect,
		ResponseType: stytch.IDPOAuthAuthorizeRequestResponseTypeCode, Scopes: scopes, UserID: &r.del.userID,
		ConsentGranted: true, State: new("xyz-state")})
	r.ok("grant-consent-for-user", err)
	require.NotNil(r.t, grant.AuthorizationCode)
	r.secret("authorization code", *grant.AuthorizationCode)

	// the Connected App redeems the code at the token endpoint of the
	// project domain, authenticating by HTTP Basic (client_secret_basic)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	r.rawForm("exchange-authorization-code", "/v1/oauth2/token", id, *secret, url.Values{"grant_type": {"authorization_code"},
		"code": {*grant.AuthorizationCode}, "redirect_uri": {appRedirect}}, &tok)
	r.secret("Connected App access token", tok.AccessToken)
	info, err := c.IDP.UserInfo(ctx, &stytch.IDPUserInfoParams{AccessToken: tok.AccessToken})
	r.ok("userinfo-of-access-token", err)
	require.Equal(r.t, r.del.userID, info.Sub)
	r.rawForm("introspect-with-basic-client-auth", "/v1/oauth2/introspect", id, *secret,
		url.Values{"token": {tok.AccessToken}}, nil)
	_, err = c.IDP.GetOpenIDConfiguration(ctx)
	r.ok("openid-configuration", err)
	r.rawGet("openid-configuration-project-domain", "/.well-known/openid-configuration")
	_, err = c.IDP.GetAuthorizationServerMetadata(ctx)
	r.ok("authorization-server-metadata", err)
	r.rawGet("jwks-project-domain", "/.well-known/jwks.json")

	_, err = c.IDP.IntrospectTokenNetwork(ctx, &stytch.IDPIntrospectTokenNetworkParams{Form: stytch.IDPIntrospectTokenNetworkForm{
		Token: tok.AccessToken, ClientID: new(id), ClientSecret: secret,
		TokenTypeHint: new(stytch.IDPIntrospectTokenNetworkRequestTokenTypeHintAccessToken)}})
	r.ok("introspect-active-access-token", err)
	exch, err := c.Sessions.ExchangeAccessToken(ctx, &stytch.SessionsExchangeAccessTokenParams{AccessToken: tok.AccessToken,
		SessionDurationMinutes: new(int32(30))})
	r.ok("exchange-full-access-token", err)
	r.session(exch.SessionToken, exch.SessionJWT)
	_, err = c.Users.ConnectedApps(ctx, &stytch.UsersConnectedAppsParams{UserID: r.del.userID})
	r.ok("list-connected-apps", err)
	r.del.connectedAppID = id

	// revoking, by the API host and by the project domain
	_, err = c.IDP.RevokeToken(ctx, &stytch.IDPRevokeTokenParams{Token: tok.AccessToken, ClientID: new(id), ClientSecret: secret})
	r.ok("revoke-access-token", err)
	intro, err := c.IDP.IntrospectTokenNetwork(ctx, &stytch.IDPIntrospectTokenNetworkParams{Form: stytch.IDPIntrospectTokenNetworkForm{
		Token: tok.AccessToken, ClientID: new(id), ClientSecret: secret}})
	r.ok("introspect-revoked-access-token", err)
	require.False(r.t, intro.Active, "a revoked token is inactive")
	r.rawForm("revoke-already-revoked-token", "/v1/oauth2/revoke", id, *secret, url.Values{"token": {tok.AccessToken}}, nil)
}

// rawForm posts a form as an OAuth client (credentials by HTTP Basic),
// records it as step, requires a 200 and decodes the body into out (when
// not nil).
func (r *recorder) rawForm(step, path, clientID, clientSecret string, form url.Values, out any) {
	r.t.Helper()
	req, err := http.NewRequestWithContext(r.ctx, http.MethodPost, r.env.URL+path, strings.NewReader(form.Encode()))
	require.NoError(r.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(clientID, clientSecret)
	r.rawDo(step, req, out)
}

// rawGet gets a public document, records it as step and requires a 200.
func (r *recorder) rawGet(step, path string) {
	r.t.Helper()
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, r.env.URL+path, nil)
	require.NoError(r.t, err)
	r.rawDo(step, req, nil)
}

func (r *recorder) rawDo(step string, req *http.Request, out any) {
	r.t.Helper()
	res, err := r.raw.Do(req)
	require.NoError(r.t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(r.t, err)
	require.NoError(r.t, res.Body.Close()) // the recording is written once the body is read and closed
	require.Equal(r.t, http.StatusOK, res.StatusCode, "%s: %s", step, body)
	if out != nil {
		require.NoError(r.t, json.Unmarshal(body, out))
	}
	r.claim(step)
}

func recordFraud(r *recorder) {
	ctx, c := r.ctx, r.c
	_, err := c.Fraud.Email.Risk(ctx, &stytch.FraudEmailRiskParams{EmailAddress: adaEmail})
	r.ok("risk-of-address", err)
	_, err = c.Fraud.Fingerprint.Lookup(ctx, &stytch.FraudFingerprintLookupParams{TelemetryID: "026ac93b-8cdf-4fcb-bfa6-36a31cfecac1",
		ExternalMetadata: &stytch.FingerprintMetadata{ExternalID: new("crm-ada-1815"), UserAction: new("LOGIN")}})
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
	r.session(imp.SessionToken, imp.SessionJWT)
}
