package stytch

import (
	"context"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// DebugService checks which project the credentials belong to.
type DebugService service

// ProjectService reads project-wide metrics.
type ProjectService service

// RBACService reads the project's role-based access control policy.
type RBACService service

// ImpersonationService authenticates dashboard impersonation tokens.
type ImpersonationService service

// DebugWhoamiResponse is the answer of Debug.Whoami.
type DebugWhoamiResponse = gen.DebugWhoamiResponse

// ImpersonationAuthenticateResponse is the answer of Impersonation.Authenticate.
type ImpersonationAuthenticateResponse = gen.ImpersonationAuthenticateResponse

// ImpersonationAuthenticateParams is the JSON body of Impersonation.Authenticate.
type ImpersonationAuthenticateParams = gen.ImpersonationAuthenticateRequest

// ProjectMetricsResponse is the answer of Project.Metrics.
type ProjectMetricsResponse = gen.ProjectMetricsResponse

// RBACPolicyResponse is the answer of RBAC.Policy.
type RBACPolicyResponse = gen.RBACPolicyResponse

// Whoami returns the project the credentials belong to.
//
// GET /v1/debug/whoami
func (s *DebugService) Whoami(ctx context.Context) (*DebugWhoamiResponse, error) {
	return call[DebugWhoamiResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.DebugWhoami(ctx, ed...)
	})
}

// Authenticate exchanges a dashboard impersonation token for a session of the impersonated User.
//
// POST /v1/impersonation/authenticate
func (s *ImpersonationService) Authenticate(ctx context.Context, p *ImpersonationAuthenticateParams) (*ImpersonationAuthenticateResponse, error) {
	return call[ImpersonationAuthenticateResponse](ctx, s.c, p, s.authenticate(p))
}

// AuthenticateWithClaims is Authenticate, and also decodes the custom claims of the
// created session (session.custom_claims) into claims, a non-nil pointer to a struct or map.
//
// POST /v1/impersonation/authenticate
func (s *ImpersonationService) AuthenticateWithClaims(ctx context.Context, p *ImpersonationAuthenticateParams, claims any) (*ImpersonationAuthenticateResponse, error) {
	return callClaims[ImpersonationAuthenticateResponse](ctx, s.c, p, sessionClaims, claims, s.authenticate(p))
}

func (s *ImpersonationService) authenticate(p *ImpersonationAuthenticateParams) sendFunc {
	return func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ImpersonationAuthenticate(ctx, *p, ed...)
	}
}

// Metrics returns counts of the project's users and M2M clients.
//
// GET /v1/projects/metrics
func (s *ProjectService) Metrics(ctx context.Context) (*ProjectMetricsResponse, error) {
	return call[ProjectMetricsResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.ProjectMetrics(ctx, ed...)
	})
}

// Policy returns the project's RBAC policy: roles, resources and scopes.
//
// GET /v1/rbac/policy
func (s *RBACService) Policy(ctx context.Context) (*RBACPolicyResponse, error) {
	return call[RBACPolicyResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.RBACPolicy(ctx, ed...)
	})
}
