package emulatorrec_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// TestB2BProjectRBACPolicy sets the project's B2B RBAC policy as the
// Dashboard would (a documents Resource, an editor Role, stytch_member
// allowed to read) and checks that the API serves it, that sessions are
// authorized by it, that an Organization's custom Roles build on it, and
// that a change breaking them is refused while one dropping a Role drops
// its assignments.
func TestB2BProjectRBACPolicy(t *testing.T) {
	env := emutest.New(t)
	ctx := context.Background()
	c, err := b2b.NewClient(env.Server.ProjectID(), env.Server.Secret(), stytch.WithBaseURL(env.URL), stytch.WithoutRetries())
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })

	documents := emulator.RBACResource{ResourceID: "documents", Description: "Shared documents.", Actions: []string{"read", "write"}}
	set, err := env.Server.SetB2BRBACPolicy(emulator.RBACPolicy{
		Resources: []emulator.RBACResource{documents},
		Roles: []emulator.RBACRole{
			{RoleID: "editor", Description: "Writes documents.", Permissions: []emulator.RBACPermission{{ResourceID: "documents", Actions: []string{"*"}}}},
			{RoleID: "stytch_member", Permissions: []emulator.RBACPermission{{ResourceID: "stytch.self", Actions: []string{"*"}},
				{ResourceID: "documents", Actions: []string{"read"}}}},
		}})
	require.NoError(t, err)
	served, err := c.RBAC.Policy(ctx)
	require.NoError(t, err)
	require.NotNil(t, served.Policy)
	ids := func(p *gen.Policy) (roles, resources []string) {
		for _, r := range p.Roles {
			roles = append(roles, r.RoleID)
		}
		for _, r := range p.Resources {
			resources = append(resources, r.ResourceID)
		}
		return roles, resources
	}
	roles, resources := ids(served.Policy)
	assert.Equal(t, []string{"editor", "stytch_member", "stytch_admin"}, roles, "stytch_admin is always there")
	assert.Contains(t, resources, "documents")
	assert.Contains(t, resources, "stytch.organization", "Stytch's Resources are always there")
	assert.Len(t, set.Resources, len(served.Policy.Resources))

	org, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Acme", OrganizationSlug: new("acme")})
	require.NoError(t, err)
	oid := org.Organization.OrganizationID
	invite := func(address string, roles ...string) *b2b.MagicLinksAuthenticateResponse {
		t.Helper()
		_, err := c.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{Body: b2b.MagicLinksEmailInviteBody{
			OrganizationID: oid, EmailAddress: address, Roles: roles}})
		require.NoError(t, err)
		return acceptInvite(t, env, c, address)
	}
	ed, ann := invite("ed@acme.com", "editor"), invite("ann@acme.com")
	check := func(token, action string) ([]string, error) {
		res, err := c.Sessions.Authenticate(ctx, &b2b.SessionsAuthenticateParams{SessionToken: &token,
			AuthorizationCheck: &gen.B2BAuthorizationCheck{OrganizationID: oid, ResourceID: "documents", Action: action}})
		if err != nil {
			return nil, err
		}
		return res.Verdict.GrantingRoles, nil
	}
	granting, err := check(ed.SessionToken, "write")
	require.NoError(t, err)
	assert.Equal(t, []string{"editor"}, granting)
	granting, err = check(ann.SessionToken, "read")
	require.NoError(t, err)
	assert.Equal(t, []string{"stytch_member"}, granting)
	_, err = check(ann.SessionToken, "write")
	requireAPIError(t, err, 403, "session_authorization_error")

	// An Organization's own Role on the project's Resource.
	_, err = c.RBAC.Organizations.SetOrgPolicy(ctx, &b2b.RBACOrganizationsSetOrgPolicyParams{OrganizationID: oid,
		Body: b2b.RBACOrganizationsSetOrgPolicyBody{OrgPolicy: gen.OrgPolicy{Roles: []gen.PolicyRole{{RoleID: "reviewer",
			Permissions: []gen.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"read"}}}}}}}})
	require.NoError(t, err)

	// A project policy without documents would break the reviewer Role: refused, and nothing changes.
	_, err = env.Server.SetB2BRBACPolicy(emulator.RBACPolicy{})
	var fe *flows.Error
	require.True(t, errors.As(err, &fe), "%v", err)
	assert.Equal(t, "invalid_permission_resource", fe.Type)
	assert.Contains(t, fe.Message, oid)
	_, err = check(ed.SessionToken, "write")
	require.NoError(t, err, "the refused policy changed nothing")

	// Keeping documents but dropping editor drops Ed's assignment.
	_, err = env.Server.SetB2BRBACPolicy(emulator.RBACPolicy{Resources: []emulator.RBACResource{documents}})
	require.NoError(t, err)
	got, err := c.Organizations.Members.Get(ctx, &b2b.OrganizationsMembersGetParams{OrganizationID: oid, MemberID: ed.MemberID})
	require.NoError(t, err)
	assert.False(t, slices.ContainsFunc(got.Member.Roles, func(r gen.MemberRole) bool { return r.RoleID == "editor" }),
		"%v", got.Member.Roles)
	_, err = check(ed.SessionToken, "write")
	requireAPIError(t, err, 403, "session_authorization_error")

	// Reset restores Stytch's default policy.
	env.Server.Reset()
	served, err = c.RBAC.Policy(ctx)
	require.NoError(t, err)
	roles, resources = ids(served.Policy)
	assert.ElementsMatch(t, []string{"stytch_member", "stytch_admin"}, roles)
	assert.NotContains(t, resources, "documents")
}
