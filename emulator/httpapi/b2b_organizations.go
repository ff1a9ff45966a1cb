package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// implicitRoles converts rbac_email_implicit_role_assignments.
func implicitRoles(in []gen.EmailImplicitRoleAssignment) *[]store.EmailImplicitRole {
	if in == nil {
		return nil
	}
	out := make([]store.EmailImplicitRole, 0, len(in))
	for _, a := range in {
		out = append(out, store.EmailImplicitRole{Domain: a.Domain, RoleID: a.RoleID})
	}
	return &out
}

// appsType converts a Connected Apps allowed type.
func appsType(t *gen.ConnectedAppsAllowedType) *string {
	if t == nil {
		return nil
	}
	return new(string(*t))
}

// B2BOrganizationsCreate implements POST /v1/b2b/organizations.
func (a *API) B2BOrganizationsCreate(ctx context.Context, req gen.B2BOrganizationsCreateRequestObject) (gen.B2BOrganizationsCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.CreateOrganization(flows.OrgSettings{Name: &b.OrganizationName, Slug: b.OrganizationSlug,
		LogoURL: b.OrganizationLogoURL, ExternalID: b.OrganizationExternalID, TrustedMetadata: optMap(b.TrustedMetadata),
		SSOJITProvisioning: b.SSOJITProvisioning, EmailAllowedDomains: optSlice(b.EmailAllowedDomains),
		EmailJITProvisioning: b.EmailJITProvisioning, EmailInvites: b.EmailInvites, AuthMethods: b.AuthMethods,
		AllowedAuthMethods: optSlice(b.AllowedAuthMethods), MFAPolicy: b.MFAPolicy, MFAMethods: b.MFAMethods,
		AllowedMFAMethods: optSlice(b.AllowedMFAMethods), EmailImplicitRoles: implicitRoles(b.RBACEmailImplicitRoleAssignments),
		OAuthTenantJITProvisioning: b.OAuthTenantJITProvisioning, AllowedOAuthTenants: optMap(b.AllowedOAuthTenants),
		ClaimedEmailDomains: optSlice(b.ClaimedEmailDomains), FirstPartyAppsType: appsType(b.FirstPartyConnectedAppsAllowedType),
		FirstPartyApps: optSlice(b.AllowedFirstPartyConnectedApps), ThirdPartyAppsType: appsType(b.ThirdPartyConnectedAppsAllowedType),
		ThirdPartyApps: optSlice(b.AllowedThirdPartyConnectedApps)})
	if err != nil {
		return nil, err
	}
	return gen.B2BOrganizationsCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Organization: orgBody(out)}, nil
}

// B2BOrganizationsGet implements GET /v1/b2b/organizations/{organization_id}.
func (a *API) B2BOrganizationsGet(ctx context.Context, req gen.B2BOrganizationsGetRequestObject) (gen.B2BOrganizationsGetResponseObject, error) {
	out, err := a.svc.GetOrganization(req.OrganizationID)
	if err != nil {
		return nil, err
	}
	return gen.B2BOrganizationsGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Organization: orgBody(out)}, nil
}

// B2BOrganizationsUpdate implements PUT /v1/b2b/organizations/{organization_id}.
func (a *API) B2BOrganizationsUpdate(ctx context.Context, req gen.B2BOrganizationsUpdateRequestObject) (gen.B2BOrganizationsUpdateResponseObject, error) {
	b := req.Body
	out, err := a.svc.UpdateOrganization(req.OrganizationID, flows.OrgSettings{Name: b.OrganizationName, Slug: b.OrganizationSlug,
		LogoURL: b.OrganizationLogoURL, ExternalID: b.OrganizationExternalID, TrustedMetadata: optMap(b.TrustedMetadata),
		SSODefaultConnectionID: b.SSODefaultConnectionID, SSOJITProvisioning: b.SSOJITProvisioning,
		SSOJITProvisioningAllowedConnections: optSlice(b.SSOJITProvisioningAllowedConnections),
		EmailAllowedDomains:                  optSlice(b.EmailAllowedDomains), EmailJITProvisioning: b.EmailJITProvisioning,
		EmailInvites: b.EmailInvites, AuthMethods: b.AuthMethods, AllowedAuthMethods: optSlice(b.AllowedAuthMethods),
		MFAPolicy: b.MFAPolicy, MFAMethods: b.MFAMethods, AllowedMFAMethods: optSlice(b.AllowedMFAMethods),
		EmailImplicitRoles:         implicitRoles(b.RBACEmailImplicitRoleAssignments),
		OAuthTenantJITProvisioning: b.OAuthTenantJITProvisioning, AllowedOAuthTenants: optMap(b.AllowedOAuthTenants),
		ClaimedEmailDomains: optSlice(b.ClaimedEmailDomains), FirstPartyAppsType: appsType(b.FirstPartyConnectedAppsAllowedType),
		FirstPartyApps: optSlice(b.AllowedFirstPartyConnectedApps), ThirdPartyAppsType: appsType(b.ThirdPartyConnectedAppsAllowedType),
		ThirdPartyApps: optSlice(b.AllowedThirdPartyConnectedApps)},
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BOrganizationsUpdate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Organization: orgBody(out)}, nil
}

// B2BOrganizationsDelete implements DELETE /v1/b2b/organizations/{organization_id}.
func (a *API) B2BOrganizationsDelete(ctx context.Context, req gen.B2BOrganizationsDeleteRequestObject) (gen.B2BOrganizationsDeleteResponseObject, error) {
	id, err := a.svc.DeleteOrganization(req.OrganizationID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BOrganizationsDelete200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, OrganizationID: id}, nil
}

// searchQuery unpacks an optional search query (AND without one).
func searchQuery(q *gen.SearchQuery) (string, []map[string]any) {
	if q == nil {
		return "AND", nil
	}
	return string(q.Operator), q.Operands
}

// B2BOrganizationsSearch implements POST /v1/b2b/organizations/search.
func (a *API) B2BOrganizationsSearch(ctx context.Context, req gen.B2BOrganizationsSearchRequestObject) (gen.B2BOrganizationsSearchResponseObject, error) {
	b := req.Body
	op, operands := searchQuery(b.Query)
	out, err := a.svc.SearchOrganizations(op, operands, int(deref(b.Limit)), deref(b.Cursor))
	if err != nil {
		return nil, err
	}
	res := gen.B2BOrganizationsSearch200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		Organizations: make([]gen.Organization, 0, len(out.Orgs)), ResultsMetadata: resultsMetadata(out.Total, out.NextCursor)}
	for i := range out.Orgs {
		res.Organizations = append(res.Organizations, orgBody(&out.Orgs[i]))
	}
	return res, nil
}

// B2BOrganizationsMetrics implements GET /v1/b2b/organizations/{organization_id}/metrics.
func (a *API) B2BOrganizationsMetrics(ctx context.Context, req gen.B2BOrganizationsMetricsRequestObject) (gen.B2BOrganizationsMetricsResponseObject, error) {
	n, err := a.svc.OrganizationMemberCount(req.OrganizationID)
	if err != nil {
		return nil, err
	}
	return gen.B2BOrganizationsMetrics200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberCount: int32(n)}, nil
}

// B2BOrganizationsDeleteExternalID implements DELETE /v1/b2b/organizations/{organization_id}/external_id.
func (a *API) B2BOrganizationsDeleteExternalID(ctx context.Context, req gen.B2BOrganizationsDeleteExternalIDRequestObject) (gen.B2BOrganizationsDeleteExternalIDResponseObject, error) {
	out, err := a.svc.DeleteOrganizationExternalID(req.OrganizationID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BOrganizationsDeleteExternalID200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Organization: orgBody(out)}, nil
}

// B2BOrganizationsConnectedApps implements GET /v1/b2b/organizations/{organization_id}/connected_apps.
func (a *API) B2BOrganizationsConnectedApps(ctx context.Context, req gen.B2BOrganizationsConnectedAppsRequestObject) (gen.B2BOrganizationsConnectedAppsResponseObject, error) {
	apps, err := a.svc.OrganizationConnectedApps(req.OrganizationID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	out := gen.B2BOrganizationsConnectedApps200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		ConnectedApps: make([]gen.OrganizationConnectedApp, 0, len(apps))}
	for _, c := range apps {
		out.ConnectedApps = append(out.ConnectedApps, gen.OrganizationConnectedApp{ConnectedAppID: c.ID, Name: c.Name,
			Description: c.Description, ClientType: c.ClientType, LogoURL: optString(c.LogoURL)})
	}
	return out, nil
}

// B2BOrganizationsGetConnectedApp implements GET /v1/b2b/organizations/{organization_id}/connected_apps/{connected_app_id}.
func (a *API) B2BOrganizationsGetConnectedApp(ctx context.Context, req gen.B2BOrganizationsGetConnectedAppRequestObject) (gen.B2BOrganizationsGetConnectedAppResponseObject, error) {
	res, err := a.svc.OrganizationConnectedApp(req.OrganizationID, req.ConnectedAppID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	c := res.App
	out := gen.B2BOrganizationsGetConnectedApp200JSONResponse{StatusCode: 200, ConnectedAppID: c.ID, Name: c.Name,
		Description: c.Description, ClientType: c.ClientType, LogoURL: optString(c.LogoURL),
		ActiveMembers: make([]gen.OrganizationConnectedAppActiveMember, 0, len(res.Members))}
	for _, m := range res.Members {
		out.ActiveMembers = append(out.ActiveMembers, gen.OrganizationConnectedAppActiveMember{MemberID: m.MemberID, GrantedScopes: nonNil(m.Scopes)})
	}
	return out, nil
}
