package httpapi

import (
	"context"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// scopeList splits custom_scopes (space- or comma-separated).
func scopeList(s *string) []string {
	return strings.FieldsFunc(deref(s), func(c rune) bool { return c == ',' || c == ' ' })
}

// B2BOAuthStartURL implements GET /v1/b2b/public/oauth/{provider}/start: the
// emulator plays the identity provider, so the browser goes straight back
// to the login or sign-up redirect URL with ?stytch_token_type=oauth&token=...
// Beyond Stytch's query parameters it takes test_identity (the email
// address that signs in; default flows.DefaultOAuthIdentity) and, for
// Slack, HubSpot and GitHub, test_tenant (repeatable: the provider tenants).
func (a *API) B2BOAuthStartURL(ctx context.Context, req gen.B2BOAuthStartURLRequestObject) (gen.B2BOAuthStartURLResponseObject, error) {
	p := req.Params
	orgRef := deref(p.OrganizationID)
	if orgRef == "" {
		orgRef = deref(p.Slug)
	}
	info := infoOf(ctx)
	target, err := a.svc.StartB2BOAuth(flows.B2BOAuthStartInput{Provider: string(req.Provider), OrgRef: orgRef,
		Identity: info.testIdentity, Tenants: info.testTenants, LoginRedirectURL: deref(p.LoginRedirectURL),
		SignupRedirectURL: deref(p.SignupRedirectURL), CodeChallenge: deref(p.PKCECodeChallenge), Scopes: scopeList(p.CustomScopes)})
	if err != nil {
		return nil, err
	}
	return gen.B2BOAuthStartURL302JSONResponse{Headers: gen.B2BOAuthStartURL302ResponseHeaders{Location: &target},
		Body: gen.OAuthStartRedirect{StatusCode: 302, RequestID: RequestID(ctx), RedirectURL: target}}, nil
}

// B2BOAuthDiscoveryStartURL implements GET
// /v1/b2b/public/oauth/{provider}/discovery/start: the browser goes
// straight back to the discovery redirect URL with
// ?stytch_token_type=discovery_oauth&token=... (test_identity and
// test_tenant as for B2BOAuthStartURL).
func (a *API) B2BOAuthDiscoveryStartURL(ctx context.Context, req gen.B2BOAuthDiscoveryStartURLRequestObject) (gen.B2BOAuthDiscoveryStartURLResponseObject, error) {
	p := req.Params
	info := infoOf(ctx)
	target, err := a.svc.StartB2BOAuth(flows.B2BOAuthStartInput{Provider: string(req.Provider), Discovery: true,
		Identity: info.testIdentity, Tenants: info.testTenants, DiscoveryRedirectURL: deref(p.DiscoveryRedirectURL),
		CodeChallenge: deref(p.PKCECodeChallenge), Scopes: scopeList(p.CustomScopes)})
	if err != nil {
		return nil, err
	}
	return gen.B2BOAuthDiscoveryStartURL302JSONResponse{Headers: gen.B2BOAuthDiscoveryStartURL302ResponseHeaders{Location: &target},
		Body: gen.OAuthStartRedirect{StatusCode: 302, RequestID: RequestID(ctx), RedirectURL: target}}, nil
}

// B2BOAuthAuthenticate implements POST /v1/b2b/oauth/authenticate. Tokens
// come from the emulated identity provider (B2BOAuthStartURL).
func (a *API) B2BOAuthAuthenticate(ctx context.Context, req gen.B2BOAuthAuthenticateRequestObject) (gen.B2BOAuthAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BOAuthAuthenticate(b.OAuthToken, deref(b.PKCECodeVerifier),
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(&out.B2BAuth)
	t := out.Token
	return gen.B2BOAuthAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		OrganizationID: out.Org.ID, Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken,
		SessionJWT: r.SessionJWT, MemberSession: r.MemberSession, MemberAuthenticated: r.MemberAuthenticated,
		IntermediateSessionToken: r.IntermediateSessionToken, IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt,
		MFARequired: r.MFARequired, PrimaryRequired: r.PrimaryRequired, ProviderSubject: t.Subject, ProviderType: out.ProviderType,
		ProviderValues: &gen.B2BProviderValues{AccessToken: optString(t.AccessToken), RefreshToken: optString(t.RefreshToken),
			IDToken: optString(t.IDToken), Scopes: append([]string{}, t.Scopes...), ExpiresAt: new(out.ExpiresAt)},
		ResetSessions: false}, nil
}

// B2BOAuthDiscoveryAuthenticate implements POST /v1/b2b/oauth/discovery/authenticate.
func (a *API) B2BOAuthDiscoveryAuthenticate(ctx context.Context, req gen.B2BOAuthDiscoveryAuthenticateRequestObject) (gen.B2BOAuthDiscoveryAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BOAuthDiscoveryAuthenticate(b.DiscoveryOAuthToken, deref(b.PKCECodeVerifier))
	if err != nil {
		return nil, err
	}
	tenant := ""
	if len(out.TenantIDs) > 0 {
		tenant = out.TenantIDs[0]
	}
	return gen.B2BOAuthDiscoveryAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		IntermediateSessionToken: out.IntermediateToken, IntermediateSessionTokenExpiresAt: new(out.ExpiresAt),
		EmailAddress: out.EmailAddress, DiscoveredOrganizations: discoveredBody(out.Discovered), ProviderType: out.ProviderType,
		ProviderTenantID: tenant, ProviderTenantIDs: out.TenantIDs, FullName: out.FullName}, nil
}
