package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// ProjectName is what /v1/debug/whoami reports as the project's name.
const ProjectName = "Stytch Emulator"

// DebugWhoami implements GET /v1/debug/whoami: the project the credentials
// belong to.
func (a *API) DebugWhoami(ctx context.Context, _ gen.DebugWhoamiRequestObject) (gen.DebugWhoamiResponseObject, error) {
	return gen.DebugWhoami200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ProjectID: a.svc.ProjectID, Name: ProjectName}, nil
}

// ProjectMetrics implements GET /v1/projects/metrics with counts computed
// from the state (a consumer project has no organizations or members).
func (a *API) ProjectMetrics(ctx context.Context, _ gen.ProjectMetricsRequestObject) (gen.ProjectMetricsResponseObject, error) {
	m := a.svc.ProjectMetrics()
	return gen.ProjectMetrics200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ProjectID: a.svc.ProjectID,
		Metrics: []gen.ProjectMetric{
			{MetricType: gen.ProjectMetricTypeUSERCOUNT, Count: int32(m.Users)},
			{MetricType: gen.ProjectMetricTypeM2MCLIENTCOUNT, Count: int32(m.M2MClients)},
			{MetricType: gen.ProjectMetricTypeORGANIZATIONCOUNT, Count: 0},
			{MetricType: gen.ProjectMetricTypeMEMBERCOUNT, Count: 0},
		}}, nil
}

// RBACPolicy implements GET /v1/rbac/policy.
func (a *API) RBACPolicy(ctx context.Context, _ gen.RBACPolicyRequestObject) (gen.RBACPolicyResponseObject, error) {
	return gen.RBACPolicy200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Policy: new(policyBody(a.svc.ProjectPolicy(false)))}, nil
}

func policyBody(p store.Policy) gen.Policy {
	out := gen.Policy{Roles: make([]gen.PolicyRole, 0, len(p.Roles)), Resources: make([]gen.PolicyResource, 0, len(p.Resources))}
	for _, r := range p.Roles {
		role := gen.PolicyRole{RoleID: r.RoleID, Description: r.Description, Permissions: []gen.PolicyRolePermission{}}
		for _, perm := range r.Permissions {
			role.Permissions = append(role.Permissions, gen.PolicyRolePermission{ResourceID: perm.ResourceID, Actions: append([]string{}, perm.Actions...)})
		}
		out.Roles = append(out.Roles, role)
	}
	for _, r := range p.Resources {
		out.Resources = append(out.Resources, gen.PolicyResource{ResourceID: r.ResourceID, Description: r.Description,
			Actions: append([]string{}, r.Actions...)})
	}
	scopes := make([]gen.PolicyScope, 0, len(p.Scopes))
	for _, s := range p.Scopes {
		sc := gen.PolicyScope{Scope: s.Scope, Description: s.Description, Permissions: []gen.PolicyScopePermission{}}
		for _, perm := range s.Permissions {
			sc.Permissions = append(sc.Permissions, gen.PolicyScopePermission{ResourceID: perm.ResourceID, Actions: append([]string{}, perm.Actions...)})
		}
		scopes = append(scopes, sc)
	}
	out.Scopes = scopes
	return out
}
