package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// SCIM.Connection.*: the SCIM connection of an Organization. The SCIM
// protocol itself, which the identity provider calls at the connection's
// base_url, is served by emulator/scim.

// scimBase returns the base_url of a connection on the host the request
// reached.
func scimBase(ctx context.Context, v *flows.SCIMConnectionView) string {
	return flows.SCIMBaseURL(infoOf(ctx).base, v.ConnectionID, v.IdentityProvider)
}

func scimAssignments(v *flows.SCIMConnectionView) []gen.SCIMGroupImplicitRoleAssignments {
	out := make([]gen.SCIMGroupImplicitRoleAssignments, 0, len(v.RoleAssignments))
	for _, a := range v.RoleAssignments {
		out = append(out, gen.SCIMGroupImplicitRoleAssignments{RoleID: a.RoleID, GroupID: a.GroupID, GroupName: a.GroupName})
	}
	return out
}

// scimConnectionBody converts a connection (tokens by their last four
// characters only).
func scimConnectionBody(ctx context.Context, v *flows.SCIMConnectionView) *gen.SCIMConnection {
	if v == nil {
		return nil
	}
	return &gen.SCIMConnection{OrganizationID: v.OrganizationID, ConnectionID: v.ConnectionID, Status: "active",
		DisplayName: v.DisplayName, IdentityProvider: v.IdentityProvider, BaseURL: scimBase(ctx, v),
		BearerTokenLastFour: v.BearerTokenLastFour, NextBearerTokenLastFour: v.NextBearerTokenLastFour,
		SCIMGroupImplicitRoleAssignments: scimAssignments(v)}
}

func scimProvider(p *gen.SCIMIdentityProvider) *string {
	if p == nil {
		return nil
	}
	return new(string(*p))
}

// B2BSCIMConnectionCreate implements POST /v1/b2b/scim/{organization_id}/connection.
func (a *API) B2BSCIMConnectionCreate(ctx context.Context, req gen.B2BSCIMConnectionCreateRequestObject) (gen.B2BSCIMConnectionCreateResponseObject, error) {
	b := deref(req.Body)
	v, err := a.svc.CreateSCIMConnection(req.OrganizationID, b.DisplayName, scimProvider(b.IdentityProvider),
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSCIMConnectionCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		Connection: &gen.SCIMConnectionWithToken{OrganizationID: v.OrganizationID, ConnectionID: v.ConnectionID,
			Status: "active", DisplayName: v.DisplayName, IdentityProvider: v.IdentityProvider, BaseURL: scimBase(ctx, v),
			BearerToken: v.BearerToken, SCIMGroupImplicitRoleAssignments: scimAssignments(v)}}, nil
}

// B2BSCIMConnectionGet implements GET /v1/b2b/scim/{organization_id}/connection;
// connection is absent when the Organization has none.
func (a *API) B2BSCIMConnectionGet(ctx context.Context, req gen.B2BSCIMConnectionGetRequestObject) (gen.B2BSCIMConnectionGetResponseObject, error) {
	v, err := a.svc.GetSCIMConnection(req.OrganizationID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSCIMConnectionGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: scimConnectionBody(ctx, v)}, nil
}

// B2BSCIMConnectionUpdate implements PUT /v1/b2b/scim/{organization_id}/connection/{connection_id}.
func (a *API) B2BSCIMConnectionUpdate(ctx context.Context, req gen.B2BSCIMConnectionUpdateRequestObject) (gen.B2BSCIMConnectionUpdateResponseObject, error) {
	b := deref(req.Body)
	in := flows.SCIMConnectionUpdate{DisplayName: b.DisplayName, IdentityProvider: scimProvider(b.IdentityProvider)}
	if b.SCIMGroupImplicitRoleAssignments != nil {
		list := make([]store.SCIMGroupRole, 0, len(b.SCIMGroupImplicitRoleAssignments))
		for _, r := range b.SCIMGroupImplicitRoleAssignments {
			list = append(list, store.SCIMGroupRole{GroupID: r.GroupID, RoleID: r.RoleID})
		}
		in.RoleAssignments = &list
	}
	v, err := a.svc.UpdateSCIMConnection(req.OrganizationID, req.ConnectionID, in,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSCIMConnectionUpdate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: scimConnectionBody(ctx, v)}, nil
}

// B2BSCIMConnectionDelete implements DELETE /v1/b2b/scim/{organization_id}/connection/{connection_id}.
func (a *API) B2BSCIMConnectionDelete(ctx context.Context, req gen.B2BSCIMConnectionDeleteRequestObject) (gen.B2BSCIMConnectionDeleteResponseObject, error) {
	id, err := a.svc.DeleteSCIMConnection(req.OrganizationID, req.ConnectionID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSCIMConnectionDelete200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ConnectionID: id}, nil
}

// B2BSCIMConnectionRotateStart implements POST /v1/b2b/scim/{organization_id}/connection/{connection_id}/rotate/start.
func (a *API) B2BSCIMConnectionRotateStart(ctx context.Context, req gen.B2BSCIMConnectionRotateStartRequestObject) (gen.B2BSCIMConnectionRotateStartResponseObject, error) {
	v, err := a.svc.StartSCIMRotation(req.OrganizationID, req.ConnectionID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSCIMConnectionRotateStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		Connection: &gen.SCIMConnectionWithNextToken{OrganizationID: v.OrganizationID, ConnectionID: v.ConnectionID,
			Status: "active", DisplayName: v.DisplayName, IdentityProvider: v.IdentityProvider, BaseURL: scimBase(ctx, v),
			BearerTokenLastFour: v.BearerTokenLastFour, NextBearerToken: v.NextBearerToken,
			SCIMGroupImplicitRoleAssignments: scimAssignments(v)}}, nil
}

// B2BSCIMConnectionRotateComplete implements POST /v1/b2b/scim/{organization_id}/connection/{connection_id}/rotate/complete.
func (a *API) B2BSCIMConnectionRotateComplete(ctx context.Context, req gen.B2BSCIMConnectionRotateCompleteRequestObject) (gen.B2BSCIMConnectionRotateCompleteResponseObject, error) {
	v, err := a.svc.CompleteSCIMRotation(req.OrganizationID, req.ConnectionID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSCIMConnectionRotateComplete200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: scimConnectionBody(ctx, v)}, nil
}

// B2BSCIMConnectionRotateCancel implements POST /v1/b2b/scim/{organization_id}/connection/{connection_id}/rotate/cancel.
func (a *API) B2BSCIMConnectionRotateCancel(ctx context.Context, req gen.B2BSCIMConnectionRotateCancelRequestObject) (gen.B2BSCIMConnectionRotateCancelResponseObject, error) {
	v, err := a.svc.CancelSCIMRotation(req.OrganizationID, req.ConnectionID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSCIMConnectionRotateCancel200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: scimConnectionBody(ctx, v)}, nil
}

// B2BSCIMConnectionGetGroups implements GET /v1/b2b/scim/{organization_id}/connection/{connection_id}.
func (a *API) B2BSCIMConnectionGetGroups(ctx context.Context, req gen.B2BSCIMConnectionGetGroupsRequestObject) (gen.B2BSCIMConnectionGetGroupsResponseObject, error) {
	p := req.Params
	out, err := a.svc.SCIMConnectionGroups(req.OrganizationID, req.ConnectionID, int(deref(p.Limit)), deref(p.Cursor),
		b2bCaller(p.MemberSessionToken, p.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	res := gen.B2BSCIMConnectionGetGroups200JSONResponse{StatusCode: 200, SCIMGroups: make([]gen.SCIMGroup, 0, len(out.Groups)),
		NextCursor: optString(out.NextCursor)}
	for _, g := range out.Groups {
		res.SCIMGroups = append(res.SCIMGroups, gen.SCIMGroup{GroupID: g.ID, GroupName: g.DisplayName,
			OrganizationID: g.OrganizationID, ConnectionID: g.ConnectionID})
	}
	return res, nil
}

// scimRegistrationBody converts a Member's SCIM registration (nil when no
// SCIM connection provisioned it).
func scimRegistrationBody(m *store.Member) *gen.SCIMRegistration {
	r := m.SCIM
	if r == nil {
		return nil
	}
	a := &r.Attributes
	attrs := &gen.SCIMAttributes{UserName: a.UserName, ID: m.ID, ExternalID: a.ExternalID,
		Active: a.Active && m.Status == store.MemberActive, DisplayName: a.DisplayName, NickName: a.NickName,
		ProfileURL: a.ProfileURL, UserType: a.UserType, Title: a.Title, PreferredLanguage: a.PreferredLanguage,
		Locale: a.Locale, Timezone: a.Timezone, Groups: make([]gen.Group, 0, len(r.Groups)),
		Emails: scimValues(a.Emails, func(v store.SCIMValue) gen.B2BEmail {
			return gen.B2BEmail{Value: v.Value, Type: v.Type, Primary: v.Primary}
		}),
		PhoneNumbers: scimValues(a.PhoneNumbers, func(v store.SCIMValue) gen.B2BPhoneNumber {
			return gen.B2BPhoneNumber{Value: v.Value, Type: v.Type, Primary: v.Primary}
		}),
		Ims:    scimValues(a.IMs, func(v store.SCIMValue) gen.IMs { return gen.IMs{Value: v.Value, Type: v.Type, Primary: v.Primary} }),
		Photos: scimValues(a.Photos, func(v store.SCIMValue) gen.Photo { return gen.Photo{Value: v.Value, Type: v.Type, Primary: v.Primary} }),
		Entitlements: scimValues(a.Entitlements, func(v store.SCIMValue) gen.Entitlement {
			return gen.Entitlement{Value: v.Value, Type: v.Type, Primary: v.Primary}
		}),
		Roles: scimValues(a.Roles, func(v store.SCIMValue) gen.Role { return gen.Role{Value: v.Value, Type: v.Type, Primary: v.Primary} }),
		X509Certificates: scimValues(a.X509Certificates, func(v store.SCIMValue) gen.SCIMX509Certificate {
			return gen.SCIMX509Certificate{Value: v.Value, Type: v.Type, Primary: v.Primary}
		}),
		Addresses: scimValues(a.Addresses, func(v store.SCIMAddress) gen.Address {
			return gen.Address{Formatted: v.Formatted, StreetAddress: v.StreetAddress, Locality: v.Locality,
				Region: v.Region, PostalCode: v.PostalCode, Country: v.Country, Type: v.Type, Primary: v.Primary}
		}),
	}
	for _, g := range r.Groups {
		attrs.Groups = append(attrs.Groups, gen.Group{Value: g.ID, Display: g.Name})
	}
	if n := a.Name; n != nil {
		attrs.Name = &gen.B2BName{Formatted: n.Formatted, FamilyName: n.FamilyName, GivenName: n.GivenName,
			MiddleName: n.MiddleName, HonorificPrefix: n.HonorificPrefix, HonorificSuffix: n.HonorificSuffix}
	}
	if e := a.Enterprise; e != nil {
		attrs.EnterpriseExtension = &gen.EnterpriseExtension{EmployeeNumber: e.EmployeeNumber, CostCenter: e.CostCenter,
			Organization: e.Organization, Division: e.Division, Department: e.Department}
		if mg := e.Manager; mg != nil {
			attrs.EnterpriseExtension.Manager = &gen.Manager{Value: mg.Value, Ref: mg.Ref, DisplayName: mg.DisplayName}
		}
	}
	return &gen.SCIMRegistration{ConnectionID: r.ConnectionID, RegistrationID: r.RegistrationID,
		ExternalID: optString(a.ExternalID), SCIMAttributes: attrs}
}

// scimValues converts a multi-valued SCIM attribute (never null).
func scimValues[S, T any](in []S, conv func(S) T) []T {
	out := make([]T, 0, len(in))
	for _, v := range in {
		out = append(out, conv(v))
	}
	return out
}
