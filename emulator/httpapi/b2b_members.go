package httpapi

import (
	"context"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// memberReply is the shape of the Member operations' answers.
type memberReply struct {
	MemberID     string
	Member       gen.Member
	Organization gen.Organization
}

func memberOut(r *flows.MemberResult) memberReply {
	return memberReply{MemberID: r.Member.ID, Member: memberBody(&r.Member), Organization: orgBody(&r.Org)}
}

// B2BOrganizationsMembersCreate implements POST /v1/b2b/organizations/{organization_id}/members.
func (a *API) B2BOrganizationsMembersCreate(ctx context.Context, req gen.B2BOrganizationsMembersCreateRequestObject) (gen.B2BOrganizationsMembersCreateResponseObject, error) {
	b := req.Body
	r, err := a.svc.CreateMember(req.OrganizationID, flows.MemberInput{Email: &b.EmailAddress, Name: b.Name,
		TrustedMetadata: optMap(b.TrustedMetadata), UntrustedMetadata: optMap(b.UntrustedMetadata), Pending: b.CreateMemberAsPending,
		IsBreakglass: b.IsBreakglass, MFAPhoneNumber: b.MFAPhoneNumber, MFAEnrolled: b.MFAEnrolled, Roles: optSlice(b.Roles),
		ExternalID: b.ExternalID}, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersGet implements GET /v1/b2b/organizations/{organization_id}/member.
func (a *API) B2BOrganizationsMembersGet(ctx context.Context, req gen.B2BOrganizationsMembersGetRequestObject) (gen.B2BOrganizationsMembersGetResponseObject, error) {
	r, err := a.svc.GetMember(req.OrganizationID, req.Params.MemberID, req.Params.EmailAddress)
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersDangerouslyGet implements GET /v1/b2b/organizations/members/dangerously_get/{member_id}.
func (a *API) B2BOrganizationsMembersDangerouslyGet(ctx context.Context, req gen.B2BOrganizationsMembersDangerouslyGetRequestObject) (gen.B2BOrganizationsMembersDangerouslyGetResponseObject, error) {
	r, err := a.svc.DangerouslyGetMember(req.MemberID, deref(req.Params.IncludeDeleted))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersDangerouslyGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersUpdate implements PUT /v1/b2b/organizations/{organization_id}/members/{member_id}.
func (a *API) B2BOrganizationsMembersUpdate(ctx context.Context, req gen.B2BOrganizationsMembersUpdateRequestObject) (gen.B2BOrganizationsMembersUpdateResponseObject, error) {
	b := req.Body
	r, err := a.svc.UpdateMember(req.OrganizationID, req.MemberID, flows.MemberInput{Email: b.EmailAddress, Name: b.Name,
		TrustedMetadata: optMap(b.TrustedMetadata), UntrustedMetadata: optMap(b.UntrustedMetadata), IsBreakglass: b.IsBreakglass,
		MFAPhoneNumber: b.MFAPhoneNumber, MFAEnrolled: b.MFAEnrolled, Roles: optSlice(b.Roles), ExternalID: b.ExternalID,
		DefaultMFAMethod: b.DefaultMFAMethod, PreserveExistingSessions: b.PreserveExistingSessions, UnlinkEmail: b.UnlinkEmail},
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersUpdate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersDelete implements DELETE /v1/b2b/organizations/{organization_id}/members/{member_id}.
func (a *API) B2BOrganizationsMembersDelete(ctx context.Context, req gen.B2BOrganizationsMembersDeleteRequestObject) (gen.B2BOrganizationsMembersDeleteResponseObject, error) {
	id, err := a.svc.DeleteMember(req.OrganizationID, req.MemberID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BOrganizationsMembersDelete200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: id}, nil
}

// B2BOrganizationsMembersReactivate implements PUT /v1/b2b/organizations/{organization_id}/members/{member_id}/reactivate.
func (a *API) B2BOrganizationsMembersReactivate(ctx context.Context, req gen.B2BOrganizationsMembersReactivateRequestObject) (gen.B2BOrganizationsMembersReactivateResponseObject, error) {
	r, err := a.svc.ReactivateMember(req.OrganizationID, req.MemberID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersReactivate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersSearch implements POST /v1/b2b/organizations/members/search.
func (a *API) B2BOrganizationsMembersSearch(ctx context.Context, req gen.B2BOrganizationsMembersSearchRequestObject) (gen.B2BOrganizationsMembersSearchResponseObject, error) {
	b := req.Body
	op, operands := searchQuery(b.Query)
	out, err := a.svc.SearchMembers(b.OrganizationIDs, op, operands, int(deref(b.Limit)), deref(b.Cursor),
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	res := gen.B2BOrganizationsMembersSearch200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		Members: make([]gen.Member, 0, len(out.Members)), Organizations: make(map[string]gen.Organization, len(out.Orgs)),
		ResultsMetadata: resultsMetadata(out.Total, out.NextCursor)}
	for i := range out.Members {
		res.Members = append(res.Members, memberBody(&out.Members[i]))
	}
	for id, o := range out.Orgs {
		res.Organizations[id] = orgBody(&o)
	}
	return res, nil
}

// B2BOrganizationsMembersDeleteMFAPhoneNumber implements DELETE /v1/b2b/organizations/{organization_id}/members/mfa_phone_numbers/{member_id}.
func (a *API) B2BOrganizationsMembersDeleteMFAPhoneNumber(ctx context.Context, req gen.B2BOrganizationsMembersDeleteMFAPhoneNumberRequestObject) (gen.B2BOrganizationsMembersDeleteMFAPhoneNumberResponseObject, error) {
	r, err := a.svc.DeleteMemberMFAPhone(req.OrganizationID, req.MemberID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersDeleteMFAPhoneNumber200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		MemberID: o.MemberID, Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersDeleteTOTP implements DELETE /v1/b2b/organizations/{organization_id}/members/{member_id}/totp.
func (a *API) B2BOrganizationsMembersDeleteTOTP(ctx context.Context, req gen.B2BOrganizationsMembersDeleteTOTPRequestObject) (gen.B2BOrganizationsMembersDeleteTOTPResponseObject, error) {
	r, err := a.svc.DeleteMemberTOTP(req.OrganizationID, req.MemberID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersDeleteTOTP200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		MemberID: o.MemberID, Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersDeletePassword implements DELETE /v1/b2b/organizations/{organization_id}/members/passwords/{member_password_id}.
func (a *API) B2BOrganizationsMembersDeletePassword(ctx context.Context, req gen.B2BOrganizationsMembersDeletePasswordRequestObject) (gen.B2BOrganizationsMembersDeletePasswordResponseObject, error) {
	r, err := a.svc.DeleteMemberPassword(req.OrganizationID, req.MemberPasswordID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersDeletePassword200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		MemberID: o.MemberID, Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersUnlinkRetiredEmail implements POST /v1/b2b/organizations/{organization_id}/members/{member_id}/unlink_retired_email.
func (a *API) B2BOrganizationsMembersUnlinkRetiredEmail(ctx context.Context, req gen.B2BOrganizationsMembersUnlinkRetiredEmailRequestObject) (gen.B2BOrganizationsMembersUnlinkRetiredEmailResponseObject, error) {
	r, err := a.svc.UnlinkRetiredEmail(req.OrganizationID, req.MemberID, req.Body.EmailID, req.Body.EmailAddress,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersUnlinkRetiredEmail200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		MemberID: o.MemberID, OrganizationID: r.Org.ID, Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersStartEmailUpdate implements POST /v1/b2b/organizations/{organization_id}/members/{member_id}/start_email_update.
func (a *API) B2BOrganizationsMembersStartEmailUpdate(ctx context.Context, req gen.B2BOrganizationsMembersStartEmailUpdateRequestObject) (gen.B2BOrganizationsMembersStartEmailUpdateResponseObject, error) {
	b := req.Body
	delivery := ""
	if b.DeliveryMethod != nil {
		delivery = string(*b.DeliveryMethod)
	}
	r, err := a.svc.StartEmailUpdate(req.OrganizationID, req.MemberID, b.EmailAddress, deref(b.LoginRedirectURL), delivery,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersStartEmailUpdate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		MemberID: o.MemberID, Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersDeleteExternalID implements DELETE /v1/b2b/organizations/{organization_id}/members/{member_id}/external_id.
func (a *API) B2BOrganizationsMembersDeleteExternalID(ctx context.Context, req gen.B2BOrganizationsMembersDeleteExternalIDRequestObject) (gen.B2BOrganizationsMembersDeleteExternalIDResponseObject, error) {
	r, err := a.svc.DeleteMemberExternalID(req.OrganizationID, req.MemberID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(r)
	return gen.B2BOrganizationsMembersDeleteExternalID200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		MemberID: o.MemberID, Member: o.Member, Organization: o.Organization}, nil
}

// B2BOrganizationsMembersGetConnectedApps implements GET /v1/b2b/organizations/{organization_id}/members/{member_id}/connected_apps.
func (a *API) B2BOrganizationsMembersGetConnectedApps(ctx context.Context, req gen.B2BOrganizationsMembersGetConnectedAppsRequestObject) (gen.B2BOrganizationsMembersGetConnectedAppsResponseObject, error) {
	grants, err := a.svc.MemberConnectedApps(req.OrganizationID, req.MemberID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	out := gen.B2BOrganizationsMembersGetConnectedApps200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ConnectedApps: make([]gen.MemberConnectedApp, 0, len(grants))}
	for _, g := range grants {
		out.ConnectedApps = append(out.ConnectedApps, gen.MemberConnectedApp{ConnectedAppID: g.App.ID, Name: g.App.Name,
			Description: g.App.Description, ClientType: g.App.ClientType, LogoURL: optString(g.App.LogoURL),
			ScopesGranted: strings.Join(g.Scopes, " ")})
	}
	return out, nil
}

// B2BOrganizationsMembersConnectedAppsRevoke implements POST /v1/b2b/organizations/{organization_id}/members/{member_id}/connected_apps/{connected_app_id}/revoke.
func (a *API) B2BOrganizationsMembersConnectedAppsRevoke(ctx context.Context, req gen.B2BOrganizationsMembersConnectedAppsRevokeRequestObject) (gen.B2BOrganizationsMembersConnectedAppsRevokeResponseObject, error) {
	if err := a.svc.RevokeMemberConnectedApp(req.OrganizationID, req.MemberID, req.ConnectedAppID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT)); err != nil {
		return nil, err
	}
	return gen.B2BOrganizationsMembersConnectedAppsRevoke200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}

// expiresIn is the seconds from now until t (0 once past).
func expiresIn(t, now time.Time) int32 {
	return int32(max(t.Sub(now)/time.Second, 0))
}

// refreshOut is the refresh token when it was asked for and exists.
func refreshOut(tok string) *string { return optString(tok) }

// B2BOrganizationsMembersOAuthProvidersGoogle implements GET .../members/{member_id}/oauth_providers/google.
func (a *API) B2BOrganizationsMembersOAuthProvidersGoogle(ctx context.Context, req gen.B2BOrganizationsMembersOAuthProvidersGoogleRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersGoogleResponseObject, error) {
	out, err := a.svc.MemberOAuthTokens(req.OrganizationID, req.MemberID, flows.ProviderGoogle, true, deref(req.Params.IncludeRefreshToken))
	if err != nil {
		return nil, err
	}
	r := out.OAuth[0]
	return gen.B2BOrganizationsMembersOAuthProvidersGoogle200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ProviderType: r.ProviderType, ProviderSubject: r.Subject, IDToken: r.IDToken, Scopes: nonNil(r.Scopes),
		AccessToken: new(r.AccessToken), AccessTokenExpiresIn: new(expiresIn(r.AccessTokenExpiresAt, out.Now)),
		RefreshToken: refreshOut(r.RefreshToken)}, nil
}

// B2BOrganizationsMembersOAuthProvidersMicrosoft implements GET .../members/{member_id}/oauth_providers/microsoft.
func (a *API) B2BOrganizationsMembersOAuthProvidersMicrosoft(ctx context.Context, req gen.B2BOrganizationsMembersOAuthProvidersMicrosoftRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersMicrosoftResponseObject, error) {
	out, err := a.svc.MemberOAuthTokens(req.OrganizationID, req.MemberID, flows.ProviderMicrosoft, true, deref(req.Params.IncludeRefreshToken))
	if err != nil {
		return nil, err
	}
	r := out.OAuth[0]
	return gen.B2BOrganizationsMembersOAuthProvidersMicrosoft200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ProviderType: r.ProviderType, ProviderSubject: r.Subject, IDToken: r.IDToken, Scopes: nonNil(r.Scopes),
		AccessToken: r.AccessToken, AccessTokenExpiresIn: expiresIn(r.AccessTokenExpiresAt, out.Now),
		RefreshToken: refreshOut(r.RefreshToken)}, nil
}

// firstTenant is a registration's first tenant id ("" without one).
func firstTenant(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// B2BOrganizationsMembersOAuthProvidersGithub implements GET .../members/{member_id}/oauth_providers/github.
func (a *API) B2BOrganizationsMembersOAuthProvidersGithub(ctx context.Context, req gen.B2BOrganizationsMembersOAuthProvidersGithubRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersGithubResponseObject, error) {
	out, err := a.svc.MemberOAuthTokens(req.OrganizationID, req.MemberID, flows.ProviderGitHub, false, deref(req.Params.IncludeRefreshToken))
	if err != nil {
		return nil, err
	}
	res := gen.B2BOrganizationsMembersOAuthProvidersGithub200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ProviderType: flows.ProviderGitHub, Registrations: make([]gen.GithubProviderInfo, 0, len(out.OAuth))}
	for _, r := range out.OAuth {
		res.Registrations = append(res.Registrations, gen.GithubProviderInfo{ProviderSubject: r.Subject,
			ProviderTenantIDs: nonNil(r.TenantIDs), AccessToken: r.AccessToken, Scopes: nonNil(r.Scopes)})
	}
	return res, nil
}

// B2BOrganizationsMembersOAuthProvidersHubspot implements GET .../members/{member_id}/oauth_providers/hubspot.
func (a *API) B2BOrganizationsMembersOAuthProvidersHubspot(ctx context.Context, req gen.B2BOrganizationsMembersOAuthProvidersHubspotRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersHubspotResponseObject, error) {
	out, err := a.svc.MemberOAuthTokens(req.OrganizationID, req.MemberID, flows.ProviderHubSpot, false, deref(req.Params.IncludeRefreshToken))
	if err != nil {
		return nil, err
	}
	res := gen.B2BOrganizationsMembersOAuthProvidersHubspot200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ProviderType: flows.ProviderHubSpot, Registrations: make([]gen.HubspotProviderInfo, 0, len(out.OAuth))}
	for _, r := range out.OAuth {
		res.Registrations = append(res.Registrations, gen.HubspotProviderInfo{ProviderSubject: r.Subject,
			ProviderTenantID: firstTenant(r.TenantIDs), AccessToken: r.AccessToken,
			AccessTokenExpiresIn: expiresIn(r.AccessTokenExpiresAt, out.Now), Scopes: nonNil(r.Scopes), RefreshToken: refreshOut(r.RefreshToken)})
	}
	return res, nil
}

// B2BOrganizationsMembersOAuthProvidersSlack implements GET .../members/{member_id}/oauth_providers/slack.
func (a *API) B2BOrganizationsMembersOAuthProvidersSlack(ctx context.Context, req gen.B2BOrganizationsMembersOAuthProvidersSlackRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersSlackResponseObject, error) {
	out, err := a.svc.MemberOAuthTokens(req.OrganizationID, req.MemberID, flows.ProviderSlack, false, false)
	if err != nil {
		return nil, err
	}
	res := gen.B2BOrganizationsMembersOAuthProvidersSlack200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ProviderType: flows.ProviderSlack, Registrations: make([]gen.SlackProviderInfo, 0, len(out.OAuth))}
	for _, r := range out.OAuth {
		res.Registrations = append(res.Registrations, gen.SlackProviderInfo{ProviderSubject: r.Subject,
			ProviderTenantID: firstTenant(r.TenantIDs), AccessToken: r.AccessToken, Scopes: nonNil(r.Scopes),
			BotAccessToken: r.BotAccessToken, BotScopes: nonNil(r.BotScopes)})
	}
	return res, nil
}

// B2BOrganizationsMembersOIDCProviders implements GET .../members/{member_id}/oidc_providers.
func (a *API) B2BOrganizationsMembersOIDCProviders(ctx context.Context, req gen.B2BOrganizationsMembersOIDCProvidersRequestObject) (gen.B2BOrganizationsMembersOIDCProvidersResponseObject, error) {
	out, err := a.svc.MemberOIDCTokens(req.OrganizationID, req.MemberID, deref(req.Params.IncludeRefreshToken))
	if err != nil {
		return nil, err
	}
	res := gen.B2BOrganizationsMembersOIDCProviders200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		Registrations: make([]gen.OIDCProviderInfo, 0, len(out.OIDC))}
	for _, r := range out.OIDC {
		res.Registrations = append(res.Registrations, gen.OIDCProviderInfo{ProviderSubject: r.ExternalID, ConnectionID: r.ConnectionID,
			IDToken: r.IDToken, AccessToken: r.AccessToken, AccessTokenExpiresIn: expiresIn(r.AccessTokenExpiresAt, out.Now),
			Scopes: nonNil(r.Scopes), RefreshToken: refreshOut(r.RefreshToken)})
	}
	return res, nil
}
