package b2b

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// ErrorTypeSessionAuthorizationTenancyError is the APIError.ErrorType of a
// local authorization check refused because the check names another
// Organization than the member session's (as Stytch's SDKs report it). A
// check refused by the roles has type stytch.ErrorTypeSessionAuthorizationError.
// Both are 403 and match stytch.ErrPermissionDenied.
const ErrorTypeSessionAuthorizationTenancyError = "session_authorization_tenancy_error"

// policyRecheckAfter is the least age of a cached policy before a refused
// check refreshes it once and checks again (a role granted a moment ago in
// the dashboard then works within this time, not the policy TTL).
const policyRecheckAfter = 30 * time.Second

// policyRetryAfter spaces the refreshes while a policy endpoint fails and an
// older policy is still being served.
const policyRetryAfter = 10 * time.Second

// maxCachedPolicies bounds the cache: past it, expired entries are dropped
// before a new Organization's policy is stored.
const maxCachedPolicies = 10_000

// projectKey is the cache key of the project policy; an Organization's is
// its id, which is never empty.
const projectKey = ""

// policyCache keeps the project's RBAC policy and the policies of the
// Organizations it was asked about, as Stytch's SDKs do: each is fetched
// when first needed and again once older than the TTL; concurrent misses
// share one request; a failed refresh keeps serving the previous policy
// (retrying after policyRetryAfter). An Organization's policy is held as a
// Policy with its Roles only.
type policyCache struct {
	now    func() time.Time
	ttl    time.Duration
	logger *slog.Logger

	mu      sync.RWMutex
	entries map[string]*policyEntry
	flight  singleflight.Group
}

type policyEntry struct {
	policy    *Policy
	fetchedAt time.Time
	retryAt   time.Time // after a failed refresh: serve policy until then
}

func (pc *policyCache) init(now func() time.Time, ttl time.Duration, logger *slog.Logger) {
	pc.now, pc.ttl, pc.logger = now, ttl, logger
	pc.entries = map[string]*policyEntry{}
}

func (pc *policyCache) load(key string) *policyEntry {
	pc.mu.RLock()
	defer pc.mu.RUnlock()
	return pc.entries[key]
}

// store sets key's entry when it is still old (nil for a new key).
func (pc *policyCache) store(key string, old, e *policyEntry) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.entries[key] != old {
		return
	}
	if old == nil && len(pc.entries) >= maxCachedPolicies {
		now := pc.now()
		for k, v := range pc.entries {
			if k != projectKey && now.Sub(v.fetchedAt) >= pc.ttl {
				delete(pc.entries, k)
			}
		}
	}
	pc.entries[key] = e
}

// get returns key's policy fetched less than maxAge ago, calling fetch if
// needed. The shared fetch outlives a caller that gives up.
func (pc *policyCache) get(ctx context.Context, key string, maxAge time.Duration, fetch func(context.Context) (*Policy, error)) (*Policy, error) {
	e := pc.load(key)
	if e != nil {
		now := pc.now()
		if now.Sub(e.fetchedAt) < maxAge || now.Before(e.retryAt) {
			return e.policy, nil
		}
	}
	fetchCtx := context.WithoutCancel(ctx)
	ch := pc.flight.DoChan(key, func() (any, error) {
		if cur := pc.load(key); cur != nil && cur != e && pc.now().Sub(cur.fetchedAt) < maxAge {
			return cur, nil // refreshed by a flight that just ended
		}
		p, err := fetch(fetchCtx)
		if err != nil {
			return nil, err
		}
		ne := &policyEntry{policy: p, fetchedAt: pc.now()}
		pc.store(key, pc.load(key), ne)
		return ne, nil
	})
	select {
	case r := <-ch:
		if r.Err == nil {
			return r.Val.(*policyEntry).policy, nil
		}
		if e == nil {
			return nil, r.Err
		}
		pc.store(key, e, &policyEntry{policy: e.policy, fetchedAt: e.fetchedAt, retryAt: pc.now().Add(policyRetryAfter)})
		if pc.logger != nil {
			pc.logger.LogAttrs(ctx, slog.LevelWarn, "stytch: B2B RBAC policy refresh failed; using the cached policy",
				slog.String("organization_id", key), slog.String("error", r.Err.Error()))
		}
		return e.policy, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// projectPolicy returns the project's cached RBAC policy (GET
// /v1/b2b/rbac/policy); a project without one grants nothing.
func (c *Client) projectPolicy(ctx context.Context, maxAge time.Duration) (*Policy, error) {
	return c.auth.policies.get(ctx, projectKey, maxAge, func(ctx context.Context) (*Policy, error) {
		r, err := c.RBAC.Policy(ctx)
		if err != nil {
			return nil, err
		}
		if r.Policy == nil {
			return &Policy{}, nil
		}
		return r.Policy, nil
	})
}

// orgPolicy returns the cached Roles defined for one Organization (GET
// /v1/b2b/rbac/organizations/{organization_id}) as a Policy.
func (c *Client) orgPolicy(ctx context.Context, orgID string, maxAge time.Duration) (*Policy, error) {
	return c.auth.policies.get(ctx, orgID, maxAge, func(ctx context.Context) (*Policy, error) {
		r, err := c.RBAC.Organizations.GetOrgPolicy(ctx, &RBACOrganizationsGetOrgPolicyParams{OrganizationID: orgID})
		if err != nil {
			return nil, err
		}
		return &Policy{Roles: r.OrgPolicy.Roles}, nil
	})
}

// grantingRoles lists the roles among roles that grant action on resourceID
// in orgID, under the project policy and then the Organization's own Roles,
// as Stytch's SDKs merge them; both policies are read from the cache
// (fetched when older than maxAge).
func (c *Client) grantingRoles(ctx context.Context, roles []string, orgID, resourceID, action string, maxAge time.Duration) ([]string, error) {
	proj, err := c.projectPolicy(ctx, maxAge)
	if err != nil {
		return nil, err
	}
	org, err := c.orgPolicy(ctx, orgID, maxAge)
	if err != nil {
		return nil, err
	}
	return append(jwtauth.GrantingRoles(proj, roles, resourceID, action),
		jwtauth.GrantingRoles(org, roles, resourceID, action)...), nil
}

// authorize applies an authorization check to a member session of orgID
// holding roles, and returns the roles that grant it. A check naming another
// Organization is refused with ErrorTypeSessionAuthorizationTenancyError; a
// check no role grants, with stytch.ErrorTypeSessionAuthorizationError, once
// more against fresh policies when the cached ones are older than
// policyRecheckAfter. Both refusals are 403 *stytch.APIError matching
// stytch.ErrPermissionDenied. Failing to load a policy is an error of its
// own (policyError), never a refusal.
func (c *Client) authorize(ctx context.Context, orgID string, roles []string, check AuthorizationCheck) ([]string, error) {
	if check.OrganizationID != "" && check.OrganizationID != orgID {
		detail := "the member session's Organization " + orgID + " is not the check's " + check.OrganizationID
		return nil, c.auth.cfg.Refusal(ErrorTypeSessionAuthorizationTenancyError, detail,
			&jwtauth.Error{Kind: jwtauth.ErrPermissionDenied, Detail: "organization mismatch"})
	}
	granting, err := c.grantingRoles(ctx, roles, orgID, check.ResourceID, check.Action, c.auth.policies.ttl)
	if err == nil && len(granting) == 0 {
		granting, err = c.grantingRoles(ctx, roles, orgID, check.ResourceID, check.Action, policyRecheckAfter)
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
