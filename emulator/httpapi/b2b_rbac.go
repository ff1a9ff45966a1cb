package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// B2BRBACPolicy implements GET /v1/b2b/rbac/policy.
func (a *API) B2BRBACPolicy(ctx context.Context, _ gen.B2BRBACPolicyRequestObject) (gen.B2BRBACPolicyResponseObject, error) {
	return gen.B2BRBACPolicy200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Policy: new(policyBody(a.svc.ProjectPolicy(true)))}, nil
}

// orgPolicyBody converts an Organization's custom Roles.
func orgPolicyBody(roles []store.Role) gen.OrgPolicy {
	return gen.OrgPolicy{Roles: policyBody(store.Policy{Roles: roles}).Roles}
}

// B2BRBACOrganizationsGetOrgPolicy implements GET /v1/b2b/rbac/organizations/{organization_id}.
func (a *API) B2BRBACOrganizationsGetOrgPolicy(ctx context.Context, req gen.B2BRBACOrganizationsGetOrgPolicyRequestObject) (gen.B2BRBACOrganizationsGetOrgPolicyResponseObject, error) {
	roles, err := a.svc.OrgPolicy(req.OrganizationID)
	if err != nil {
		return nil, err
	}
	return gen.B2BRBACOrganizationsGetOrgPolicy200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, OrgPolicy: orgPolicyBody(roles)}, nil
}

// B2BRBACOrganizationsSetOrgPolicy implements PUT /v1/b2b/rbac/organizations/{organization_id}.
func (a *API) B2BRBACOrganizationsSetOrgPolicy(ctx context.Context, req gen.B2BRBACOrganizationsSetOrgPolicyRequestObject) (gen.B2BRBACOrganizationsSetOrgPolicyResponseObject, error) {
	in := make([]store.Role, 0, len(req.Body.OrgPolicy.Roles))
	for _, r := range req.Body.OrgPolicy.Roles {
		role := store.Role{RoleID: r.RoleID, Description: r.Description, Permissions: make([]store.Permission, 0, len(r.Permissions))}
		for _, p := range r.Permissions {
			role.Permissions = append(role.Permissions, store.Permission{ResourceID: p.ResourceID, Actions: nonNil(p.Actions)})
		}
		in = append(in, role)
	}
	roles, err := a.svc.SetOrgPolicy(req.OrganizationID, in)
	if err != nil {
		return nil, err
	}
	return gen.B2BRBACOrganizationsSetOrgPolicy200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, OrgPolicy: orgPolicyBody(roles)}, nil
}
