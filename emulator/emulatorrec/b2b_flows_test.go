package emulatorrec_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// Flows of the B2B operations the emulator serves: Organizations,
// Members, magic links, discovery, member sessions and RBAC, through the
// generated B2B client.

const b2bRedirect = "https://app.example.com/authenticate"

// b2bClient returns a B2B client of the emulator that records into r.dir.
func (r *recorder) b2bClient() *b2b.Client {
	c, err := b2b.NewClient(r.env.Server.ProjectID(), r.env.Server.Secret(), stytch.WithBaseURL(r.env.URL),
		stytch.WithoutRetries(), stytch.WithClock(r.env.Server.Now), stytch.WithRecorder(r.dir))
	require.NoError(r.t, err)
	r.t.Cleanup(func() { _ = c.Close() })
	return c
}

// lastToken returns the token of the newest message to an address and
// registers it as a secret.
func (r *recorder) lastToken(to string) string {
	m, ok := r.env.Server.LastMessage(to)
	require.True(r.t, ok, "no message to %s", to)
	r.secret("emailed token", m.Token)
	return m.Token
}

// b2bSession registers the secrets of a B2B authentication.
func (r *recorder) b2bSession(token, jwtStr, ist string) {
	r.session(token, jwtStr)
	r.secret("intermediate session token", ist)
}

func recordB2B(r *recorder) {
	ctx, c := r.ctx, r.b2bClient()

	// Organizations and Members.
	org, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Acme Corp",
		OrganizationSlug: new("acme"), OrganizationExternalID: new("acme-ext"), EmailAllowedDomains: []string{"acme.com"},
		EmailJITProvisioning: new("RESTRICTED"), TrustedMetadata: map[string]any{"plan": "enterprise"}})
	r.ok("create-with-jit-by-domain", err)
	oid := org.Organization.OrganizationID
	_, err = c.Organizations.Get(ctx, &b2b.OrganizationsGetParams{OrganizationID: "acme"})
	r.ok("get-by-slug", err)
	admin, err := c.Organizations.Members.Create(ctx, &b2b.OrganizationsMembersCreateParams{OrganizationID: oid,
		Body: b2b.OrganizationsMembersCreateBody{EmailAddress: "admin@acme.com", Name: new("Ada Admin"),
			Roles: []string{"stytch_admin"}, ExternalID: new("ada-ext")}})
	r.ok("create-admin", err)
	adminID := admin.MemberID
	_, err = c.Organizations.Members.Get(ctx, &b2b.OrganizationsMembersGetParams{OrganizationID: oid, EmailAddress: "admin@acme.com"})
	r.ok("get-by-email", err)
	_, err = c.Organizations.Members.DangerouslyGet(ctx, &b2b.OrganizationsMembersDangerouslyGetParams{MemberID: adminID})
	r.ok("get-without-organization", err)

	// RBAC: the project policy and a custom Role of the Organization.
	_, err = c.RBAC.Policy(ctx)
	r.ok("get-project-policy", err)
	_, err = c.RBAC.Organizations.SetOrgPolicy(ctx, &b2b.RBACOrganizationsSetOrgPolicyParams{OrganizationID: oid,
		Body: b2b.RBACOrganizationsSetOrgPolicyBody{OrgPolicy: gen.OrgPolicy{Roles: []gen.PolicyRole{{RoleID: "member-viewer",
			Description: "Searches Members", Permissions: []gen.PolicyRolePermission{{ResourceID: "stytch.member", Actions: []string{"search"}}}}}}}})
	r.ok("set-custom-role", err)
	_, err = c.RBAC.Organizations.GetOrgPolicy(ctx, &b2b.RBACOrganizationsGetOrgPolicyParams{OrganizationID: oid})
	r.ok("get-org-policy", err)

	// Magic links: an invite, then a login of the admin.
	inv, err := c.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{Body: b2b.MagicLinksEmailInviteBody{
		OrganizationID: oid, EmailAddress: "viewer@partner.io", Name: new("Vic Viewer"), Roles: []string{"member-viewer"},
		InviteRedirectURL: new(b2bRedirect)}})
	r.ok("invite-with-custom-role", err)
	viewerID := inv.MemberID
	viewer, err := c.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{MagicLinksToken: r.lastToken("viewer@partner.io"),
		SessionDurationMinutes: new(int32(60))})
	r.ok("authenticate-invite", err)
	r.b2bSession(viewer.SessionToken, viewer.SessionJWT, viewer.IntermediateSessionToken)
	_, err = c.MagicLinks.Email.LoginOrSignup(ctx, &b2b.MagicLinksEmailLoginOrSignupParams{OrganizationID: oid,
		EmailAddress: "admin@acme.com", LoginRedirectURL: new(b2bRedirect)})
	r.ok("login-link-to-member", err)
	login, err := c.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{MagicLinksToken: r.lastToken("admin@acme.com"),
		SessionDurationMinutes: new(int32(120)), SessionCustomClaims: map[string]any{"team": "platform"}})
	r.ok("authenticate-login-link", err)
	r.b2bSession(login.SessionToken, login.SessionJWT, login.IntermediateSessionToken)
	adminToken := login.SessionToken

	// Member session headers: allowed and refused by RBAC.
	_, err = c.Organizations.Update(ctx, &b2b.OrganizationsUpdateParams{OrganizationID: oid, MemberSessionToken: adminToken,
		Body: b2b.OrganizationsUpdateBody{OrganizationName: new("Acme Inc"), OrganizationLogoURL: new("https://acme.com/logo.png")}})
	r.ok("update-as-admin-session", err)
	_, err = c.Organizations.Update(ctx, &b2b.OrganizationsUpdateParams{OrganizationID: oid, MemberSessionToken: viewer.SessionToken,
		Body: b2b.OrganizationsUpdateBody{OrganizationName: new("Hijacked")}})
	r.fails("update-refused-by-rbac", err, 403, "session_authorization_error")
	_, err = c.Organizations.Members.Search(ctx, &b2b.OrganizationsMembersSearchParams{MemberSessionJWT: viewer.SessionJWT,
		Body: b2b.OrganizationsMembersSearchBody{OrganizationIDs: []string{oid}, Query: &gen.SearchQuery{Operator: gen.SearchOperatorAND,
			Operands: []map[string]any{{"filter_name": "member_roles", "filter_value": []string{"stytch_admin"}}}}}})
	r.ok("search-by-role-as-custom-role", err)

	// Members: settings, factors, retired addresses.
	_, err = c.Organizations.Members.Update(ctx, &b2b.OrganizationsMembersUpdateParams{OrganizationID: oid, MemberID: viewerID,
		Body: b2b.OrganizationsMembersUpdateBody{Name: new("Victor Viewer"), MFAPhoneNumber: new("+12025550123"),
			UntrustedMetadata: map[string]any{"theme": "dark"}}})
	r.ok("update-name-and-mfa-phone", err)
	_, err = c.Organizations.Members.DeleteMFAPhoneNumber(ctx, &b2b.OrganizationsMembersDeleteMFAPhoneNumberParams{OrganizationID: oid, MemberID: viewerID})
	r.ok("delete-mfa-phone", err)
	r.seedMember(viewerID, func(m *store.Member) {
		m.TOTP = &store.TOTP{ID: "member-totp-test-6f3c2d1e-0a4b-4c5d-8e9f-a1b2c3d4e5f6", Verified: true, CreatedAt: start}
		m.Password = &store.Password{ID: "member-password-test-0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"}
	})
	_, err = c.Organizations.Members.DeleteTOTP(ctx, &b2b.OrganizationsMembersDeleteTOTPParams{OrganizationID: oid, MemberID: viewerID})
	r.ok("delete-totp", err)
	_, err = c.Organizations.Members.DeletePassword(ctx, &b2b.OrganizationsMembersDeletePasswordParams{OrganizationID: oid,
		MemberPasswordID: "member-password-test-0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"})
	r.ok("delete-password", err)
	_, err = c.Organizations.Members.StartEmailUpdate(ctx, &b2b.OrganizationsMembersStartEmailUpdateParams{OrganizationID: oid,
		MemberID: viewerID, Body: b2b.OrganizationsMembersStartEmailUpdateBody{EmailAddress: "vic@partner.io", LoginRedirectURL: new(b2bRedirect)}})
	r.ok("start-email-update", err)
	upd, err := c.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{MagicLinksToken: r.lastToken("vic@partner.io")})
	r.ok("authenticate-email-update", err)
	r.b2bSession(upd.SessionToken, upd.SessionJWT, upd.IntermediateSessionToken)
	_, err = c.Organizations.Members.UnlinkRetiredEmail(ctx, &b2b.OrganizationsMembersUnlinkRetiredEmailParams{OrganizationID: oid,
		MemberID: viewerID, Body: b2b.OrganizationsMembersUnlinkRetiredEmailBody{EmailAddress: new("viewer@partner.io")}})
	r.ok("unlink-retired-address", err)
	_, err = c.Organizations.Members.DeleteExternalID(ctx, &b2b.OrganizationsMembersDeleteExternalIDParams{OrganizationID: oid, MemberID: adminID})
	r.ok("delete-external-id", err)

	// Provider tokens kept by OAuth and OIDC SSO logins.
	oauthRegs, ssoRegs := providerRegistrations()
	for _, reg := range oauthRegs {
		r.secret("provider token", reg.AccessToken)
		r.secret("provider token", reg.RefreshToken)
		r.secret("provider token", reg.IDToken)
		r.secret("provider token", reg.BotAccessToken)
	}
	for _, reg := range ssoRegs {
		r.secret("provider token", reg.AccessToken)
		r.secret("provider token", reg.RefreshToken)
		r.secret("provider token", reg.IDToken)
	}
	r.seedMember(adminID, func(m *store.Member) { m.OAuthRegistrations, m.SSORegistrations = oauthRegs, ssoRegs })
	_, err = c.Organizations.Members.OAuthProviders.Google(ctx, &b2b.OrganizationsMembersOAuthProvidersGoogleParams{OrganizationID: oid,
		MemberID: adminID, IncludeRefreshToken: new(true)})
	r.ok("google-tokens-with-refresh-token", err)
	_, err = c.Organizations.Members.OAuthProviders.Microsoft(ctx, &b2b.OrganizationsMembersOAuthProvidersMicrosoftParams{OrganizationID: oid, MemberID: adminID})
	r.ok("microsoft-tokens", err)
	_, err = c.Organizations.Members.OAuthProviders.Github(ctx, &b2b.OrganizationsMembersOAuthProvidersGithubParams{OrganizationID: oid, MemberID: adminID})
	r.ok("github-tokens", err)
	_, err = c.Organizations.Members.OAuthProviders.Hubspot(ctx, &b2b.OrganizationsMembersOAuthProvidersHubspotParams{OrganizationID: oid, MemberID: adminID})
	r.ok("hubspot-tokens", err)
	_, err = c.Organizations.Members.OAuthProviders.Slack(ctx, &b2b.OrganizationsMembersOAuthProvidersSlackParams{OrganizationID: oid, MemberID: adminID})
	r.ok("slack-tokens", err)
	_, err = c.Organizations.Members.OIDCProviders(ctx, &b2b.OrganizationsMembersOIDCProvidersParams{OrganizationID: oid, MemberID: adminID})
	r.ok("oidc-tokens", err)

	// Connected Apps the Members authorized, and the access-token exchange.
	app, err := r.c.ConnectedApp.Clients.Create(ctx, &stytch.ConnectedAppClientsCreateParams{ClientType: stytch.ConnectedAppClientTypeFirstParty,
		ClientName: new("Acme Dashboard"), FullAccessAllowed: new(true), RedirectURLs: []string{appRedirect}})
	r.ok("create-first-party-for-members", err)
	r.secret("Connected App client secret", deref(app.ConnectedApp.ClientSecret))
	appID := app.ConnectedApp.ClientID
	access, err := flows.New(r.env.Server.Store(), r.env.Server.ProjectID(), nil).IssueMemberAccessToken(adminID, appID, []string{"openid", "full_access"})
	require.NoError(r.t, err)
	r.secret("member access token", access.AccessToken)
	_, err = c.Organizations.ConnectedApps(ctx, &b2b.OrganizationsConnectedAppsParams{OrganizationID: oid})
	r.ok("list-authorized-apps", err)
	_, err = c.Organizations.GetConnectedApp(ctx, &b2b.OrganizationsGetConnectedAppParams{OrganizationID: oid, ConnectedAppID: appID})
	r.ok("get-app-with-members", err)
	_, err = c.Organizations.Members.GetConnectedApps(ctx, &b2b.OrganizationsMembersGetConnectedAppsParams{OrganizationID: oid, MemberID: adminID})
	r.ok("list-member-apps", err)
	xat, err := c.Sessions.ExchangeAccessToken(ctx, &b2b.SessionsExchangeAccessTokenParams{AccessToken: access.AccessToken})
	r.ok("exchange-full-access-token", err)
	r.b2bSession(xat.SessionToken, xat.SessionJWT, "")
	_, err = c.Organizations.Members.ConnectedApps.Revoke(ctx, &b2b.OrganizationsMembersConnectedAppsRevokeParams{OrganizationID: oid,
		MemberID: adminID, ConnectedAppID: appID})
	r.ok("revoke-app", err)

	// Member sessions.
	_, err = c.Sessions.Authenticate(ctx, &b2b.SessionsAuthenticateParams{SessionToken: &adminToken,
		AuthorizationCheck: &gen.B2BAuthorizationCheck{OrganizationID: oid, ResourceID: "stytch.member", Action: "delete"}})
	r.ok("authenticate-with-authorization-check", err)
	_, err = c.Sessions.Authenticate(ctx, &b2b.SessionsAuthenticateParams{SessionJWT: &viewer.SessionJWT,
		AuthorizationCheck: &gen.B2BAuthorizationCheck{OrganizationID: oid, ResourceID: "stytch.organization", Action: "delete"}})
	r.fails("authorization-check-refused", err, 403, "session_authorization_error")
	_, err = c.Sessions.Get(ctx, &b2b.SessionsGetParams{OrganizationID: oid, MemberID: adminID})
	r.ok("list-member-sessions", err)
	_, err = c.Sessions.GetJWKS(ctx, &b2b.SessionsGetJWKSParams{ProjectID: r.env.Server.ProjectID()})
	r.ok("get-jwks", err)
	external, _, err := r.env.Server.IssueExternalIDPToken(emulator.ExternalIdentity{Email: "admin@acme.com", EmailVerified: true})
	require.NoError(r.t, err)
	r.secret("external access token", external)
	mig, err := c.Sessions.Migrate(ctx, &b2b.SessionsMigrateParams{SessionToken: external, OrganizationID: oid, SessionDurationMinutes: new(int32(30))})
	r.ok("migrate-external-session", err)
	r.b2bSession(mig.SessionToken, mig.SessionJWT, "")
	att := r.attestB2B(c, oid)
	_, err = c.Sessions.Revoke(ctx, &b2b.SessionsRevokeParams{Body: b2b.SessionsRevokeBody{MemberSessionID: &att}})
	r.ok("revoke-by-id", err)

	// Discovery: the same person finds a second Organization and switches.
	second, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Acme Labs", EmailAllowedDomains: []string{"acme.com"},
		EmailJITProvisioning: new("RESTRICTED"), MFAPolicy: new("OPTIONAL")})
	r.ok("create-second-by-domain", err)
	_, err = c.MagicLinks.Email.Discovery.Send(ctx, &b2b.MagicLinksEmailDiscoverySendParams{EmailAddress: "admin@acme.com",
		DiscoveryRedirectURL: new(b2bRedirect)})
	r.ok("send-discovery-link", err)
	disc, err := c.MagicLinks.Discovery.Authenticate(ctx, &b2b.MagicLinksDiscoveryAuthenticateParams{DiscoveryMagicLinksToken: r.lastToken("admin@acme.com")})
	r.ok("authenticate-discovery-link", err)
	r.secret("intermediate session token", disc.IntermediateSessionToken)
	_, err = c.Discovery.Organizations.List(ctx, &b2b.DiscoveryOrganizationsListParams{IntermediateSessionToken: &disc.IntermediateSessionToken})
	r.ok("list-with-intermediate-session", err)
	joined, err := c.Discovery.IntermediateSessions.Exchange(ctx, &b2b.DiscoveryIntermediateSessionsExchangeParams{
		IntermediateSessionToken: disc.IntermediateSessionToken, OrganizationID: second.Organization.OrganizationID})
	r.ok("join-by-email-domain", err)
	r.b2bSession(joined.SessionToken, joined.SessionJWT, joined.IntermediateSessionToken)
	_, err = c.Sessions.Exchange(ctx, &b2b.SessionsExchangeParams{OrganizationID: oid, SessionToken: &joined.SessionToken})
	r.ok("exchange-back-to-first-organization", err)
	_, err = c.MagicLinks.Email.Discovery.Send(ctx, &b2b.MagicLinksEmailDiscoverySendParams{EmailAddress: "founder@newco.dev"})
	r.ok("send-discovery-link-to-newcomer", err)
	fresh, err := c.MagicLinks.Discovery.Authenticate(ctx, &b2b.MagicLinksDiscoveryAuthenticateParams{DiscoveryMagicLinksToken: r.lastToken("founder@newco.dev")})
	r.ok("authenticate-newcomer-discovery-link", err)
	r.secret("intermediate session token", fresh.IntermediateSessionToken)
	created, err := c.Discovery.Organizations.Create(ctx, &b2b.DiscoveryOrganizationsCreateParams{IntermediateSessionToken: fresh.IntermediateSessionToken,
		OrganizationName: new("NewCo"), SessionDurationMinutes: new(int32(60))})
	r.ok("create-organization", err)
	r.b2bSession(created.SessionToken, created.SessionJWT, created.IntermediateSessionToken)

	// Searches, metrics and clean-up.
	_, err = c.Organizations.Search(ctx, &b2b.OrganizationsSearchParams{Limit: new(int32(10)), Query: &gen.SearchQuery{Operator: gen.SearchOperatorOR,
		Operands: []map[string]any{{"filter_name": "organization_name_fuzzy", "filter_value": "acme"}}}})
	r.ok("search-by-fuzzy-name", err)
	_, err = c.Organizations.Metrics(ctx, &b2b.OrganizationsMetricsParams{OrganizationID: oid})
	r.ok("member-count", err)
	_, err = c.Organizations.DeleteExternalID(ctx, &b2b.OrganizationsDeleteExternalIDParams{OrganizationID: oid})
	r.ok("delete-external-id", err)
	_, err = c.Organizations.Members.Delete(ctx, &b2b.OrganizationsMembersDeleteParams{OrganizationID: oid, MemberID: viewerID,
		MemberSessionToken: adminToken})
	r.ok("delete-as-admin-session", err)
	_, err = c.Organizations.Members.Reactivate(ctx, &b2b.OrganizationsMembersReactivateParams{OrganizationID: oid, MemberID: viewerID})
	r.ok("reactivate-member", err)
	_, err = c.Organizations.Delete(ctx, &b2b.OrganizationsDeleteParams{OrganizationID: second.Organization.OrganizationID})
	r.ok("delete-organization", err)
}

// attestB2B records a member session from a trusted token and returns its
// member_session_id.
func (r *recorder) attestB2B(c *b2b.Client, oid string) string {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(r.t, err)
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	require.NoError(r.t, err)
	profile, err := r.env.Server.CreateTrustedTokenProfile(emulator.TrustedTokenProfile{Name: "partner-b2b",
		Issuer: "https://idp.partner.io", Audience: "acme", AllowJITProvisioning: true,
		PublicKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))})
	require.NoError(r.t, err)
	now := r.env.Server.Now()
	token, err := jwt.NewWithClaims(jwt.SigningMethodES256, jwt.MapClaims{"iss": "https://idp.partner.io", "aud": "acme",
		"sub": "partner-9", "email": "partner@acme.com", "jti": "partner-b2b-token-1",
		"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}).SignedString(key)
	require.NoError(r.t, err)
	r.secret("trusted token", token)
	att, err := c.Sessions.Attest(r.ctx, &b2b.SessionsAttestParams{ProfileID: profile, Token: token, OrganizationID: &oid,
		SessionDurationMinutes: new(int32(30))})
	r.ok("attest-trusted-token-with-jit-member", err)
	r.b2bSession(att.SessionToken, att.SessionJWT, "")
	return att.MemberSession.MemberSessionID
}

// seedMember changes a stored Member as the groups owning its factors
// (TOTP, passwords, OAuth, SSO) would.
func (r *recorder) seedMember(id string, fn func(m *store.Member)) {
	require.NoError(r.t, r.env.Server.Store().Update(func(tx *store.Tx) error {
		fn(tx.B2B.Members.Get(id))
		return nil
	}))
}

// providerRegistrations are OAuth and OIDC registrations with the tokens
// their providers issued.
func providerRegistrations() ([]store.MemberOAuthRegistration, []store.MemberSSORegistration) {
	exp := start.Add(time.Hour)
	reg := func(typ, sub string, tenants ...string) store.MemberOAuthRegistration {
		return store.MemberOAuthRegistration{ID: "oauth-user-test-" + sub, ProviderType: typ, Subject: sub, TenantIDs: tenants,
			AccessToken: "provider-access-" + sub, RefreshToken: "provider-refresh-" + sub, IDToken: "provider-id-" + sub,
			Scopes: []string{"openid", "email"}, AccessTokenExpiresAt: exp}
	}
	slack := reg(flows.ProviderSlack, "U0123", "T0456")
	slack.BotAccessToken, slack.BotScopes = "provider-bot-U0123", []string{"chat:write"}
	return []store.MemberOAuthRegistration{reg(flows.ProviderGoogle, "g-1093"), reg(flows.ProviderMicrosoft, "m-2219"),
			reg(flows.ProviderGitHub, "gh-77", "acme-org"), reg(flows.ProviderHubSpot, "hs-5", "portal-42"), slack},
		[]store.MemberSSORegistration{{ID: "oidc-member-registration-test-1", ConnectionID: "oidc-connection-test-1",
			ExternalID: "okta-00u1", OIDC: true, AccessToken: "provider-access-okta", RefreshToken: "provider-refresh-okta",
			IDToken: "provider-id-okta", Scopes: []string{"openid"}, AccessTokenExpiresAt: exp}}
}

func deref[T any](p *T) T {
	var zero T
	if p != nil {
		zero = *p
	}
	return zero
}
