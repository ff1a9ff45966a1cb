package b2b_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

func orgPolicyRoute(org string) string { return "GET /v1/b2b/rbac/organizations/" + org }

func check(org, resource, action string) b2b.JWTOption {
	return b2b.WithAuthorizationCheck(b2b.AuthorizationCheck{OrganizationID: org, ResourceID: resource, Action: action})
}

// requireRefusal asserts a local refusal: 403 *stytch.APIError of errorType
// that matches stytch.ErrPermissionDenied.
func requireRefusal(t *testing.T, err error, errorType string) {
	t.Helper()
	var ae *stytch.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 403, ae.StatusCode)
	assert.Equal(t, errorType, ae.ErrorType)
	assert.ErrorIs(t, err, stytch.ErrPermissionDenied)
	assert.True(t, stytch.IsPermissionDenied(err))
}

func TestAuthorizationCheckWithProjectAndOrgPolicies(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	f.SetOrgPolicy(testOrg, b2b.PolicyRole{RoleID: "acme_auditor",
		Permissions: []b2b.PolicyRolePermission{{ResourceID: "reports", Actions: []string{"read", "export"}}}})
	member := f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member"))
	auditor := f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member", "acme_auditor"))

	s, err := c.Sessions.AuthenticateJWTLocal(ctx, member, check(testOrg, "documents", "read"))
	require.NoError(t, err, "granted by the project policy")
	assert.Equal(t, testMember, s.MemberID)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, member, check("", "documents", "read"))
	require.NoError(t, err, "a check without an Organization applies to the session's")
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, auditor, check(testOrg, "reports", "export"))
	require.NoError(t, err, "granted by a role of the Organization's own policy")

	_, err = c.Sessions.AuthenticateJWTLocal(ctx, member, check(testOrg, "documents", "write"))
	requireRefusal(t, err, stytch.ErrorTypeSessionAuthorizationError)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, member, check(testOrg, "reports", "read"))
	requireRefusal(t, err, stytch.ErrorTypeSessionAuthorizationError)
	assert.Equal(t, 1, f.Hits(policyRoute), "project policy cached")
	assert.Equal(t, 1, f.Hits(orgPolicyRoute(testOrg)), "Organization policy cached")

	// Another Organization's policy is its own, fetched for its own sessions.
	other := "organization-test-00000000-0000-0000-0000-0000000000cc"
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, f.Sign(f.MemberClaims(testMember, other, "globex", "acme_auditor")),
		check(other, "reports", "export"))
	requireRefusal(t, err, stytch.ErrorTypeSessionAuthorizationError)
	assert.Equal(t, 1, f.Hits(orgPolicyRoute(other)))

	// The Verdict of a local AuthenticateJWT lists every granting role.
	f.SetOrgPolicy(testOrg, b2b.PolicyRole{RoleID: "acme_auditor",
		Permissions: []b2b.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"read"}}}})
	f.Advance(stytch.DefaultPolicyTTL)
	r, err := c.Sessions.AuthenticateJWT(ctx, 0, &b2b.SessionsAuthenticateParams{SessionJWT: &auditor,
		AuthorizationCheck: &b2b.AuthorizationCheck{OrganizationID: testOrg, ResourceID: "documents", Action: "read"}})
	require.NoError(t, err)
	assert.Empty(t, r.RequestID, "answered locally")
	assert.Equal(t, &b2b.AuthorizationVerdict{Authorized: true, GrantingRoles: []string{"stytch_member", "acme_auditor"}}, r.Verdict)
	assert.Zero(t, f.Hits(authRoute))
}

func TestAuthorizationCheckTenancy(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	tok := f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_admin"))

	s, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, check("organization-test-someone-else", "documents", "read"))
	assert.Nil(t, s)
	requireRefusal(t, err, b2b.ErrorTypeSessionAuthorizationTenancyError)
	assert.Contains(t, err.Error(), testOrg)

	_, err = c.Sessions.AuthenticateJWT(ctx, 0, &b2b.SessionsAuthenticateParams{SessionJWT: &tok,
		AuthorizationCheck: &b2b.AuthorizationCheck{OrganizationID: "organization-test-someone-else", ResourceID: "documents", Action: "read"}})
	requireRefusal(t, err, b2b.ErrorTypeSessionAuthorizationTenancyError)
	assert.Zero(t, f.Hits(policyRoute), "refused before any policy is needed")
	assert.Zero(t, f.Hits(authRoute), "a refusal is not sent to the API")
}

// The policies are cached for the TTL; a refusal by a policy older than
// 30 s is checked once more against fresh policies, so a newly granted
// permission works soon, while a revoked one lasts until the TTL.
func TestPolicyRefresh(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	tok := func() string { return f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member")) }

	_, err := c.Sessions.AuthenticateJWTLocal(ctx, tok(), check(testOrg, "documents", "write"))
	requireRefusal(t, err, stytch.ErrorTypeSessionAuthorizationError)
	f.SetPolicy(b2b.Policy{Roles: []b2b.PolicyRole{{RoleID: "stytch_member",
		Permissions: []b2b.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"write"}}}}}})

	f.Advance(10 * time.Second)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok(), check(testOrg, "documents", "write"))
	requireRefusal(t, err, stytch.ErrorTypeSessionAuthorizationError)
	assert.Equal(t, 1, f.Hits(policyRoute), "a policy younger than 30 s is not fetched again")

	f.Advance(25 * time.Second)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok(), check(testOrg, "documents", "write"))
	require.NoError(t, err, "granted by the fresh policy")
	assert.Equal(t, 2, f.Hits(policyRoute))
	assert.Equal(t, 2, f.Hits(orgPolicyRoute(testOrg)))

	// The policy stays cached within the TTL, even once write is revoked.
	f.Advance(time.Minute)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok(), check(testOrg, "documents", "write"))
	require.NoError(t, err)
	assert.Equal(t, 2, f.Hits(policyRoute), "cached within the TTL")
	f.SetPolicy(b2b.Policy{})
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok(), check(testOrg, "documents", "write"))
	require.NoError(t, err, "a revoked permission lasts until the TTL")
	f.Advance(stytch.DefaultPolicyTTL)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, tok(), check(testOrg, "documents", "write"))
	requireRefusal(t, err, stytch.ErrorTypeSessionAuthorizationError)
	assert.Equal(t, 3, f.Hits(policyRoute))
}

func TestPolicyTTLOption(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f, stytch.WithRBACPolicyTTL(time.Minute))
	ctx := context.Background()
	tok := f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member"))
	_, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, check(testOrg, "documents", "read"))
	require.NoError(t, err)
	f.Advance(time.Minute)
	_, err = c.Sessions.AuthenticateJWTLocal(ctx, f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member")),
		check(testOrg, "documents", "read"))
	require.NoError(t, err)
	assert.Equal(t, 2, f.Hits(policyRoute), "WithRBACPolicyTTL of the wrapped client applies")
}

func TestPolicyFetchesSharedAndStaleOnFailure(t *testing.T) {
	f := newFake(t)
	var logs bytes.Buffer
	c := newClient(t, f, stytch.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	ctx := context.Background()
	require.NoError(t, c.Sessions.PrefetchJWKS(ctx))
	tok := f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member"))

	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			_, err := c.Sessions.AuthenticateJWTLocal(ctx, tok, check(testOrg, "documents", "read"))
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, 1, f.Hits(policyRoute), "concurrent checks share one project policy fetch")
	assert.Equal(t, 1, f.Hits(orgPolicyRoute(testOrg)), "and one Organization policy fetch")

	// Past the TTL the endpoints fail: the cached policies keep answering,
	// and the next attempt waits a little.
	f.Fail("/v1/b2b/rbac/policy", 500)
	f.Fail("/v1/b2b/rbac/organizations/"+testOrg, 500)
	f.Advance(stytch.DefaultPolicyTTL + time.Second)
	before := f.Hits(policyRoute)
	for range 3 {
		_, err := c.Sessions.AuthenticateJWTLocal(ctx, f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member")),
			check(testOrg, "documents", "read"))
		require.NoError(t, err, "stale policy served while the endpoint fails")
	}
	assert.Equal(t, before+2, f.Hits(policyRoute), "one failed refresh (two attempts with the retry), then a pause")
	assert.Contains(t, logs.String(), "RBAC policy refresh failed")
	assert.NotContains(t, logs.String(), fakeSecret)

	f.Fail("/v1/b2b/rbac/policy", 0)
	f.Fail("/v1/b2b/rbac/organizations/"+testOrg, 0)
	f.Advance(10 * time.Second)
	_, err := c.Sessions.AuthenticateJWTLocal(ctx, f.Sign(f.MemberClaims(testMember, testOrg, "acme", "stytch_member")),
		check(testOrg, "documents", "read"))
	require.NoError(t, err)
	assert.Equal(t, before+3, f.Hits(policyRoute), "refreshed once the pause is over")
}

// Without any cached policy, a failing policy endpoint is the API's error
// for AuthenticateJWTLocal, never a refusal; AuthenticateJWT lets the API
// run the check instead.
func TestPolicyUnavailableFallsBackToTheAPI(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	ctx := context.Background()
	org := createOrg(t, c, "acme")
	login := magicLinkLogin(t, c, f, org, "rbac@example.com")
	f.Fail("/v1/b2b/rbac/policy", 400)

	_, err := c.Sessions.AuthenticateJWTLocal(ctx, login.SessionJWT, check(org, "documents", "read"))
	var ae *stytch.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	assert.False(t, stytch.IsPermissionDenied(err))

	r, err := c.Sessions.AuthenticateJWT(ctx, 0, &b2b.SessionsAuthenticateParams{SessionJWT: &login.SessionJWT,
		AuthorizationCheck: &b2b.AuthorizationCheck{OrganizationID: org, ResourceID: "documents", Action: "read"}})
	require.NoError(t, err)
	assert.NotEmpty(t, r.RequestID, "answered by the API")
	assert.Equal(t, &b2b.AuthorizationVerdict{Authorized: true, GrantingRoles: []string{"stytch_member"}}, r.Verdict)
	assert.Equal(t, 1, f.Hits(authRoute))
}
