package b2b

import (
	"context"
	"slices"
	"time"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// ErrorTypeSessionAuthorizationTenancyError is the APIError.ErrorType of a
// local authorization check refused because the check names another
// Organization than the member session's (as Stytch's SDKs report it). A
// check refused by the roles has type stytch.ErrorTypeSessionAuthorizationError.
// Both are 403 and match stytch.ErrPermissionDenied.
const ErrorTypeSessionAuthorizationTenancyError = "session_authorization_tenancy_error"

// projectKey is the policy cache's key of the project policy; an
// Organization's is its id, which is never empty.
const projectKey = ""

// projectPolicy returns the project's cached RBAC policy (GET
// /v1/b2b/rbac/policy); a project without one grants nothing.
func (c *Client) projectPolicy(ctx context.Context, maxAge time.Duration) (*Policy, error) {
	return c.auth.policies.Get(ctx, projectKey, maxAge, func(ctx context.Context) (*Policy, error) {
		r, err := c.RBAC.Policy(ctx)
		if err != nil {
			return nil, err
		}
		return r.Policy, nil
	})
}

// orgPolicy returns the cached Roles defined for one Organization (GET
// /v1/b2b/rbac/organizations/{organization_id}) as a Policy.
func (c *Client) orgPolicy(ctx context.Context, orgID string, maxAge time.Duration) (*Policy, error) {
	return c.auth.policies.Get(ctx, orgID, maxAge, func(ctx context.Context) (*Policy, error) {
		r, err := c.RBAC.Organizations.GetOrgPolicy(ctx, &RBACOrganizationsGetOrgPolicyParams{OrganizationID: orgID})
		if err != nil {
			return nil, err
		}
		return &Policy{Roles: r.OrgPolicy.Roles}, nil
	})
}

// grantingRoles lists the roles among roles that grant action on resourceID
// in orgID, under the project policy and then the Organization's own Roles,
// as Stytch's SDKs merge them (a role is listed once); both policies are
// read from the cache (fetched when older than maxAge).
func (c *Client) grantingRoles(ctx context.Context, roles []string, orgID, resourceID, action string, maxAge time.Duration) ([]string, error) {
	proj, err := c.projectPolicy(ctx, maxAge)
	if err != nil {
		return nil, err
	}
	org, err := c.orgPolicy(ctx, orgID, maxAge)
	if err != nil {
		return nil, err
	}
	granting := jwtauth.GrantingRoles(proj, roles, resourceID, action)
	for _, r := range jwtauth.GrantingRoles(org, roles, resourceID, action) {
		if !slices.Contains(granting, r) {
			granting = append(granting, r)
		}
	}
	return granting, nil
}

// authorize applies an authorization check to a member session of orgID
// holding roles, and returns the roles that grant it. A check naming another
// Organization is refused with ErrorTypeSessionAuthorizationTenancyError; a
// check no role grants, with stytch.ErrorTypeSessionAuthorizationError, once
// more against fresh policies when the cached ones are older than
// jwtauth.PolicyRecheckAfter. Both refusals are 403 *stytch.APIError matching
// stytch.ErrPermissionDenied. Failing to load a policy is an error of its
// own (policyError), never a refusal.
func (c *Client) authorize(ctx context.Context, orgID string, roles []string, check AuthorizationCheck) ([]string, error) {
	if check.OrganizationID != "" && check.OrganizationID != orgID {
		detail := "the member session's Organization " + orgID + " is not the check's " + check.OrganizationID
		return nil, c.auth.cfg.Refusal(ErrorTypeSessionAuthorizationTenancyError, detail,
			&jwtauth.Error{Kind: jwtauth.ErrPermissionDenied, Detail: "organization mismatch"})
	}
	granting, err := c.grantingRoles(ctx, roles, orgID, check.ResourceID, check.Action, c.auth.policies.TTL())
	if err == nil && len(granting) == 0 {
		granting, err = c.grantingRoles(ctx, roles, orgID, check.ResourceID, check.Action, jwtauth.PolicyRecheckAfter)
	}
	switch {
	case err != nil:
		return nil, &policyError{err: err}
	case len(granting) == 0:
		return nil, c.auth.cfg.Refusal(stytch.ErrorTypeSessionAuthorizationError,
			"the Member's roles do not grant "+check.Action+" on "+check.ResourceID,
			jwtauth.CheckRBAC(nil, roles, check.ResourceID, check.Action))
	}
	return granting, nil
}

// policyError is the failure to load an RBAC policy for a local check (the
// API's error, wrapped): AuthenticateJWT then lets the API run the check.
type policyError struct{ err error }

func (e *policyError) Error() string { return "stytch: RBAC policy unavailable: " + e.err.Error() }
func (e *policyError) Unwrap() error { return e.err }
