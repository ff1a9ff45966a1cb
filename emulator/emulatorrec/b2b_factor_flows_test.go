package emulatorrec_test

import (
	"net/http"
	"net/url"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// Flows of the B2B authentication factors: email and SMS passcodes,
// passwords, TOTP and recovery codes, OAuth (through the emulator's
// identity provider), impersonation and the B2B identity provider.

const (
	b2bPassword    = "correct-horse-battery-staple-42"
	b2bNewPassword = "plausible-zebra-lantern-1987"
	b2bPublicToken = "public-token-test-00000000-0000-0000-0000-000000000000"
)

// lastCode returns the passcode of the newest message to an address or
// number and registers it as a secret.
func (r *recorder) lastCode(to string) string {
	m, ok := r.env.Server.LastMessage(to)
	require.True(r.t, ok, "no message to %s", to)
	require.NotEmpty(r.t, m.Code, "the message to %s has no passcode", to)
	r.secret("passcode", m.Code)
	return m.Code
}

// browse follows a browser start URL through the recording client, records
// it as step and returns the token of the redirect.
func (r *recorder) browse(step, start string, extra url.Values) string {
	r.t.Helper()
	u, err := url.Parse(start)
	require.NoError(r.t, err)
	q := u.Query()
	for k, v := range extra {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, u.String(), nil)
	require.NoError(r.t, err)
	res, err := r.raw.Do(req)
	require.NoError(r.t, err)
	require.NoError(r.t, res.Body.Close())
	require.Equal(r.t, http.StatusFound, res.StatusCode)
	r.claim(step)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(r.t, err)
	tok := loc.Query().Get("token")
	require.NotEmpty(r.t, tok)
	r.secret("OAuth redirect token", tok)
	return tok
}

func recordB2BFactors(r *recorder) {
	c := r.b2bClient()
	org, err := c.Organizations.Create(r.ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Factor Co", OrganizationSlug: new("factorco"),
		EmailAllowedDomains: []string{"factor.dev"}, EmailJITProvisioning: new("RESTRICTED")})
	r.ok("create-for-factors", err)
	oid := org.Organization.OrganizationID
	recordB2BEmailOTPs(r, c, oid)
	recordB2BPasswords(r, c, oid)
	recordB2BMFA(r, c)
	recordB2BOAuth(r, c, oid)
	recordB2BImpersonationAndIDP(r, c, oid)
}

func recordB2BEmailOTPs(r *recorder, c *b2b.Client, oid string) {
	ctx := r.ctx
	_, err := c.OTPs.Email.LoginOrSignup(ctx, &b2b.OTPsEmailLoginOrSignupParams{OrganizationID: oid, EmailAddress: "ana@factor.dev"})
	r.ok("signup-code-to-new-member", err)
	auth, err := c.OTPs.Email.Authenticate(ctx, &b2b.OTPsEmailAuthenticateParams{OrganizationID: oid, EmailAddress: "ana@factor.dev",
		Code: r.lastCode("ana@factor.dev"), SessionDurationMinutes: new(int32(60))})
	r.ok("authenticate-signup-code", err)
	r.b2bSession(auth.SessionToken, auth.SessionJWT, auth.IntermediateSessionToken)
	_, err = c.OTPs.Email.Discovery.Send(ctx, &b2b.OTPsEmailDiscoverySendParams{EmailAddress: "ana@factor.dev"})
	r.ok("send-discovery-code", err)
	disc, err := c.OTPs.Email.Discovery.Authenticate(ctx, &b2b.OTPsEmailDiscoveryAuthenticateParams{EmailAddress: "ana@factor.dev",
		Code: r.lastCode("ana@factor.dev")})
	r.ok("authenticate-discovery-code", err)
	r.secret("intermediate session token", disc.IntermediateSessionToken)
}

func recordB2BPasswords(r *recorder, c *b2b.Client, oid string) {
	ctx := r.ctx
	r.secret("password", b2bPassword)
	r.secret("password", b2bNewPassword)
	_, err := c.Passwords.StrengthCheck(ctx, &b2b.PasswordsStrengthCheckParams{Password: b2bPassword, EmailAddress: new("ana@factor.dev")})
	r.ok("strong-password", err)
	_, err = c.Passwords.Email.ResetStart(ctx, &b2b.PasswordsEmailResetStartParams{OrganizationID: oid, EmailAddress: "ana@factor.dev",
		ResetPasswordRedirectURL: new(b2bRedirect)})
	r.ok("reset-link-to-member", err)
	reset, err := c.Passwords.Email.Reset(ctx, &b2b.PasswordsEmailResetParams{PasswordResetToken: r.lastToken("ana@factor.dev"),
		Password: b2bPassword, SessionDurationMinutes: new(int32(60))})
	r.ok("reset-and-log-in", err)
	r.b2bSession(reset.SessionToken, reset.SessionJWT, reset.IntermediateSessionToken)
	login, err := c.Passwords.Authenticate(ctx, &b2b.PasswordsAuthenticateParams{OrganizationID: oid, EmailAddress: "ana@factor.dev",
		Password: b2bPassword})
	r.ok("log-in", err)
	r.b2bSession(login.SessionToken, login.SessionJWT, login.IntermediateSessionToken)
	changed, err := c.Passwords.ExistingPassword.Reset(ctx, &b2b.PasswordsExistingPasswordResetParams{OrganizationID: oid,
		EmailAddress: "ana@factor.dev", ExistingPassword: b2bPassword, NewPassword: b2bNewPassword})
	r.ok("change-password", err)
	r.b2bSession(changed.SessionToken, changed.SessionJWT, changed.IntermediateSessionToken)
	back, err := c.Passwords.Sessions.Reset(ctx, &b2b.PasswordsSessionsResetParams{OrganizationID: oid, Password: b2bPassword,
		SessionToken: &changed.SessionToken})
	r.ok("reset-with-fresh-session", err)
	r.b2bSession(back.SessionToken, back.SessionJWT, back.IntermediateSessionToken)

	hash, err := bcrypt.GenerateFromPassword([]byte(b2bPassword), bcrypt.MinCost)
	require.NoError(r.t, err)
	r.secret("password hash", string(hash))
	_, err = c.Passwords.Migrate(ctx, &b2b.PasswordsMigrateParams{OrganizationID: oid, EmailAddress: "bo@factor.dev", Hash: string(hash),
		HashType: b2b.PasswordHashTypeBcrypt, Name: new("Bo")})
	r.ok("import-bcrypt-hash-for-new-member", err)
	_, err = c.Passwords.Email.RequireReset(ctx, &b2b.PasswordsEmailRequireResetParams{Body: b2b.PasswordsEmailRequireResetBody{
		EmailAddress: "bo@factor.dev", OrganizationID: &oid}})
	r.ok("require-reset", err)
	_, err = c.Passwords.Discovery.Email.ResetStart(ctx, &b2b.PasswordsDiscoveryEmailResetStartParams{EmailAddress: "bo@factor.dev",
		ResetPasswordRedirectURL: new(b2bRedirect)})
	r.ok("discovery-reset-link", err)
	dr, err := c.Passwords.Discovery.Email.Reset(ctx, &b2b.PasswordsDiscoveryEmailResetParams{PasswordResetToken: r.lastToken("bo@factor.dev"),
		Password: b2bNewPassword})
	r.ok("reset-across-organizations", err)
	r.secret("intermediate session token", dr.IntermediateSessionToken)
	da, err := c.Passwords.Discovery.Authenticate(ctx, &b2b.PasswordsDiscoveryAuthenticateParams{EmailAddress: "bo@factor.dev",
		Password: b2bNewPassword})
	r.ok("password-without-organization", err)
	r.secret("intermediate session token", da.IntermediateSessionToken)
}

func recordB2BMFA(r *recorder, c *b2b.Client) {
	ctx := r.ctx
	vault, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Vault", OrganizationSlug: new("vault"),
		MFAPolicy: new("REQUIRED_FOR_ALL")})
	r.ok("create-requiring-mfa", err)
	vid := vault.Organization.OrganizationID
	cy, err := c.Organizations.Members.Create(ctx, &b2b.OrganizationsMembersCreateParams{OrganizationID: vid,
		Body: b2b.OrganizationsMembersCreateBody{EmailAddress: "cy@vault.dev"}})
	r.ok("create-member-of-mfa-organization", err)
	login := func(step string) string {
		_, err := c.OTPs.Email.LoginOrSignup(ctx, &b2b.OTPsEmailLoginOrSignupParams{OrganizationID: vid, EmailAddress: "cy@vault.dev"})
		require.NoError(r.t, err)
		r.discard()
		auth, err := c.OTPs.Email.Authenticate(ctx, &b2b.OTPsEmailAuthenticateParams{OrganizationID: vid, EmailAddress: "cy@vault.dev",
			Code: r.lastCode("cy@vault.dev")})
		if step == "" {
			require.NoError(r.t, err)
			r.discard()
		} else {
			r.ok(step, err)
		}
		r.b2bSession(auth.SessionToken, auth.SessionJWT, auth.IntermediateSessionToken)
		return auth.IntermediateSessionToken
	}
	ist := login("stopped-for-mfa")
	_, err = c.OTPs.Sms.Send(ctx, &b2b.OTPsSMSSendParams{OrganizationID: vid, MemberID: cy.MemberID, MFAPhoneNumber: new("+12025550177"),
		IntermediateSessionToken: &ist})
	r.ok("enrol-phone-with-intermediate-session", err)
	sms, err := c.OTPs.Sms.Authenticate(ctx, &b2b.OTPsSMSAuthenticateParams{OrganizationID: vid, MemberID: cy.MemberID,
		Code: r.lastCode("+12025550177"), IntermediateSessionToken: &ist})
	r.ok("complete-mfa", err)
	r.b2bSession(sms.SessionToken, sms.SessionJWT, "")

	created, err := c.TOTPs.Create(ctx, &b2b.TOTPsCreateParams{OrganizationID: vid, MemberID: cy.MemberID, SessionToken: &sms.SessionToken})
	r.ok("create-with-mfa-session", err)
	r.secret("TOTP secret", created.Secret)
	r.secret("TOTP QR code", created.QrCode)
	for _, rc := range created.RecoveryCodes {
		r.secret("recovery code", rc)
	}
	code, err := flows.TOTPCode(created.Secret, r.env.Server.Now())
	require.NoError(r.t, err)
	r.secret("TOTP code", code)
	_, err = c.TOTPs.Authenticate(ctx, &b2b.TOTPsAuthenticateParams{OrganizationID: vid, MemberID: cy.MemberID, Code: code,
		SessionToken: &sms.SessionToken, SetDefaultMFA: new(true)})
	r.ok("step-up-session", err)
	_, err = c.RecoveryCodes.Get(ctx, &b2b.RecoveryCodesGetParams{OrganizationID: vid, MemberID: cy.MemberID})
	r.ok("unused-codes", err)
	ist = login("")
	rec, err := c.RecoveryCodes.Recover(ctx, &b2b.RecoveryCodesRecoverParams{OrganizationID: vid, MemberID: cy.MemberID,
		RecoveryCode: created.RecoveryCodes[0], IntermediateSessionToken: &ist})
	r.ok("complete-pending-login", err)
	r.b2bSession(rec.SessionToken, rec.SessionJWT, "")
	rotated, err := c.RecoveryCodes.Rotate(ctx, &b2b.RecoveryCodesRotateParams{OrganizationID: vid, MemberID: cy.MemberID})
	r.ok("rotate", err)
	for _, rc := range rotated.RecoveryCodes {
		r.secret("recovery code", rc)
	}
	dee, err := c.Organizations.Members.Create(ctx, &b2b.OrganizationsMembersCreateParams{OrganizationID: vid,
		Body: b2b.OrganizationsMembersCreateBody{EmailAddress: "dee@vault.dev"}})
	r.ok("create-member-to-migrate", err)
	r.secret("TOTP secret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
	r.secret("recovery code", "dee1-dee2-dee3")
	_, err = c.TOTPs.Migrate(ctx, &b2b.TOTPsMigrateParams{OrganizationID: vid, MemberID: dee.MemberID,
		Secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", RecoveryCodes: []string{"dee1-dee2-dee3"}})
	r.ok("import-secret-and-codes", err)
}

func recordB2BOAuth(r *recorder, c *b2b.Client, oid string) {
	ctx := r.ctx
	start, err := c.OAuth.StartURL("google", &b2b.OAuthStartParams{PublicToken: b2bPublicToken, OrganizationID: oid,
		LoginRedirectURL: "https://app.example.com/login", SignupRedirectURL: "https://app.example.com/signup"})
	require.NoError(r.t, err)
	tok := r.browse("google-new-member", start, url.Values{"test_identity": {"eve@factor.dev"}})
	auth, err := c.OAuth.Authenticate(ctx, &b2b.OAuthAuthenticateParams{OAuthToken: tok, SessionDurationMinutes: new(int32(60))})
	r.ok("google-jit-by-domain", err)
	r.b2bSession(auth.SessionToken, auth.SessionJWT, auth.IntermediateSessionToken)
	if pv := auth.ProviderValues; pv != nil {
		r.secret("provider token", deref(pv.AccessToken))
		r.secret("provider token", deref(pv.RefreshToken))
		r.secret("provider token", deref(pv.IDToken))
	}

	_, err = c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Slack Friends",
		OAuthTenantJITProvisioning: new("RESTRICTED"), AllowedOAuthTenants: map[string]any{"slack": []string{"T0FACTOR"}}})
	r.ok("create-with-slack-tenant", err)
	start, err = c.OAuth.Discovery.StartURL("slack", &b2b.OAuthDiscoveryStartParams{PublicToken: b2bPublicToken,
		DiscoveryRedirectURL: b2bRedirect})
	require.NoError(r.t, err)
	tok = r.browse("slack-discovery", start, url.Values{"test_identity": {"fay@elsewhere.dev"}, "test_tenant": {"T0FACTOR"}})
	disc, err := c.OAuth.Discovery.Authenticate(ctx, &b2b.OAuthDiscoveryAuthenticateParams{DiscoveryOAuthToken: tok})
	r.ok("slack-discovery-eligible-by-tenant", err)
	r.secret("intermediate session token", disc.IntermediateSessionToken)
}

func recordB2BImpersonationAndIDP(r *recorder, c *b2b.Client, oid string) {
	ctx := r.ctx
	svc := flows.New(r.env.Server.Store(), r.env.Server.ProjectID(), nil)
	member, err := c.Organizations.Members.Get(ctx, &b2b.OrganizationsMembersGetParams{OrganizationID: oid, EmailAddress: "ana@factor.dev"})
	r.ok("get-member-to-impersonate", err)
	imp, err := svc.MintMemberImpersonation(oid, member.MemberID, "support@example.com", "")
	require.NoError(r.t, err)
	r.secret("impersonation token", imp.Token)
	auth, err := c.Impersonation.Authenticate(ctx, &b2b.ImpersonationAuthenticateParams{ImpersonationToken: imp.Token})
	r.ok("impersonate-member", err)
	r.b2bSession(auth.SessionToken, auth.SessionJWT, auth.IntermediateSessionToken)

	app, err := r.c.ConnectedApp.Clients.Create(ctx, &stytch.ConnectedAppClientsCreateParams{ClientType: stytch.ConnectedAppClientTypeThirdParty,
		ClientName: new("Partner Reports"), RedirectURLs: []string{appRedirect}})
	r.ok("create-third-party-for-members", err)
	r.secret("Connected App client secret", deref(app.ConnectedApp.ClientSecret))
	scopes := []string{"openid", "email"}
	_, err = c.IDP.OAuth.AuthorizeStart(ctx, &b2b.IDPOAuthAuthorizeStartParams{ClientID: app.ConnectedApp.ClientID, RedirectURI: appRedirect,
		ResponseType: "code", Scopes: scopes, SessionToken: &auth.SessionToken})
	r.ok("third-party-needs-consent", err)
	granted, err := c.IDP.OAuth.Authorize(ctx, &b2b.IDPOAuthAuthorizeParams{ClientID: app.ConnectedApp.ClientID, RedirectURI: appRedirect,
		ResponseType: "code", Scopes: scopes, ConsentGranted: true, OrganizationID: &oid, MemberID: &member.MemberID, State: new("s-1")})
	r.ok("consent-granted", err)
	r.secret("authorization code", deref(granted.AuthorizationCode))
}
