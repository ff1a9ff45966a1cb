package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// B2BMagicLinksEmailLoginOrSignup implements POST /v1/b2b/magic_links/email/login_or_signup.
func (a *API) B2BMagicLinksEmailLoginOrSignup(ctx context.Context, req gen.B2BMagicLinksEmailLoginOrSignupRequestObject) (gen.B2BMagicLinksEmailLoginOrSignupResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BLoginOrSignup(b.OrganizationID, b.EmailAddress, flows.B2BLinkOptions{LoginURL: deref(b.LoginRedirectURL),
		SignupURL: deref(b.SignupRedirectURL), LoginMinutes: b.LoginExpirationMinutes, SignupMinutes: b.SignupExpirationMinutes,
		CodeChallenge: deref(b.PKCECodeChallenge)})
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BMagicLinksEmailLoginOrSignup200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		MemberCreated: out.MemberCreated, Member: o.Member, Organization: o.Organization}, nil
}

// B2BMagicLinksEmailInvite implements POST /v1/b2b/magic_links/email/invite.
func (a *API) B2BMagicLinksEmailInvite(ctx context.Context, req gen.B2BMagicLinksEmailInviteRequestObject) (gen.B2BMagicLinksEmailInviteResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BInviteMember(b.OrganizationID, b.EmailAddress, flows.B2BInvite{Name: b.Name,
		TrustedMetadata: optMap(b.TrustedMetadata), UntrustedMetadata: optMap(b.UntrustedMetadata), Roles: optSlice(b.Roles),
		InvitedBy: b.InvitedByMemberID}, flows.B2BLinkOptions{InviteURL: deref(b.InviteRedirectURL), InviteMinutes: b.InviteExpirationMinutes},
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BMagicLinksEmailInvite200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization}, nil
}

// B2BMagicLinksAuthenticate implements POST /v1/b2b/magic_links/authenticate.
func (a *API) B2BMagicLinksAuthenticate(ctx context.Context, req gen.B2BMagicLinksAuthenticateRequestObject) (gen.B2BMagicLinksAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BAuthenticateMagicLink(b.MagicLinksToken, deref(b.PKCECodeVerifier),
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BMagicLinksAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		MethodID: out.MethodID, OrganizationID: out.Org.ID, Member: r.Member, Organization: r.Organization,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, MemberSession: r.MemberSession,
		MemberAuthenticated: r.MemberAuthenticated, IntermediateSessionToken: r.IntermediateSessionToken,
		IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt, MFARequired: r.MFARequired,
		PrimaryRequired: r.PrimaryRequired}, nil
}

// B2BMagicLinksEmailDiscoverySend implements POST /v1/b2b/magic_links/email/discovery/send.
func (a *API) B2BMagicLinksEmailDiscoverySend(ctx context.Context, req gen.B2BMagicLinksEmailDiscoverySendRequestObject) (gen.B2BMagicLinksEmailDiscoverySendResponseObject, error) {
	b := req.Body
	if err := a.svc.B2BSendDiscovery(b.EmailAddress, flows.B2BLinkOptions{DiscoveryURL: deref(b.DiscoveryRedirectURL),
		DiscoveryMinutes: b.DiscoveryExpirationMinutes, CodeChallenge: deref(b.PKCECodeChallenge)}); err != nil {
		return nil, err
	}
	return gen.B2BMagicLinksEmailDiscoverySend200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}

// B2BMagicLinksDiscoveryAuthenticate implements POST /v1/b2b/magic_links/discovery/authenticate.
func (a *API) B2BMagicLinksDiscoveryAuthenticate(ctx context.Context, req gen.B2BMagicLinksDiscoveryAuthenticateRequestObject) (gen.B2BMagicLinksDiscoveryAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BAuthenticateDiscovery(b.DiscoveryMagicLinksToken, deref(b.PKCECodeVerifier))
	if err != nil {
		return nil, err
	}
	return gen.B2BMagicLinksDiscoveryAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		IntermediateSessionToken: out.IntermediateToken, IntermediateSessionTokenExpiresAt: new(out.ExpiresAt),
		EmailAddress: out.EmailAddress, DiscoveredOrganizations: discoveredBody(out.Discovered)}, nil
}

// B2BDiscoveryOrganizationsList implements POST /v1/b2b/discovery/organizations.
func (a *API) B2BDiscoveryOrganizationsList(ctx context.Context, req gen.B2BDiscoveryOrganizationsListRequestObject) (gen.B2BDiscoveryOrganizationsListResponseObject, error) {
	b := req.Body
	out, err := a.svc.ListDiscoveredOrganizations(b.IntermediateSessionToken, b.SessionToken, b.SessionJWT)
	if err != nil {
		return nil, err
	}
	return gen.B2BDiscoveryOrganizationsList200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, EmailAddress: out.EmailAddress,
		DiscoveredOrganizations: discoveredBody(out.Discovered), OrganizationIDHint: optString(out.OrganizationIDHint)}, nil
}

// B2BDiscoveryIntermediateSessionsExchange implements POST /v1/b2b/discovery/intermediate_sessions/exchange.
func (a *API) B2BDiscoveryIntermediateSessionsExchange(ctx context.Context, req gen.B2BDiscoveryIntermediateSessionsExchangeRequestObject) (gen.B2BDiscoveryIntermediateSessionsExchangeResponseObject, error) {
	b := req.Body
	out, err := a.svc.ExchangeIntermediateSession(b.IntermediateSessionToken, b.OrganizationID,
		memberSessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims, nil))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BDiscoveryIntermediateSessionsExchange200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, Member: r.Member, Organization: r.Organization,
		MemberAuthenticated: r.MemberAuthenticated, IntermediateSessionToken: r.IntermediateSessionToken,
		MemberSession: r.MemberSession, MFARequired: r.MFARequired, PrimaryRequired: r.PrimaryRequired,
		IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt}, nil
}

// B2BDiscoveryOrganizationsCreate implements POST /v1/b2b/discovery/organizations/create.
func (a *API) B2BDiscoveryOrganizationsCreate(ctx context.Context, req gen.B2BDiscoveryOrganizationsCreateRequestObject) (gen.B2BDiscoveryOrganizationsCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.CreateOrganizationViaDiscovery(b.IntermediateSessionToken, flows.OrgSettings{Name: b.OrganizationName,
		Slug: b.OrganizationSlug, LogoURL: b.OrganizationLogoURL, ExternalID: b.OrganizationExternalID,
		TrustedMetadata: optMap(b.TrustedMetadata), SSOJITProvisioning: b.SSOJITProvisioning,
		EmailAllowedDomains: optSlice(b.EmailAllowedDomains), EmailJITProvisioning: b.EmailJITProvisioning,
		EmailInvites: b.EmailInvites, AuthMethods: b.AuthMethods, AllowedAuthMethods: optSlice(b.AllowedAuthMethods),
		MFAPolicy: b.MFAPolicy, MFAMethods: b.MFAMethods, AllowedMFAMethods: optSlice(b.AllowedMFAMethods),
		EmailImplicitRoles:         implicitRoles(b.RBACEmailImplicitRoleAssignments),
		OAuthTenantJITProvisioning: b.OAuthTenantJITProvisioning, AllowedOAuthTenants: optMap(b.AllowedOAuthTenants),
		FirstPartyAppsType: appsType(b.FirstPartyConnectedAppsAllowedType), FirstPartyApps: optSlice(b.AllowedFirstPartyConnectedApps),
		ThirdPartyAppsType: appsType(b.ThirdPartyConnectedAppsAllowedType), ThirdPartyApps: optSlice(b.AllowedThirdPartyConnectedApps)},
		memberSessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims, nil))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	org := r.Organization
	return gen.B2BDiscoveryOrganizationsCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, Member: r.Member, Organization: &org,
		MemberAuthenticated: r.MemberAuthenticated, IntermediateSessionToken: r.IntermediateSessionToken,
		MemberSession: r.MemberSession, MFARequired: r.MFARequired, PrimaryRequired: r.PrimaryRequired,
		IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt}, nil
}
