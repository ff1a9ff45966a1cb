package emulatorrec_test

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/gen"
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// TestB2BEndToEnd drives the emulator through the generated B2B client
// only: an Organization, an invite read from the outbox, the magic-link
// login that accepts it, and calls made with the resulting member
// sessions, allowed or refused by RBAC.
func TestB2BEndToEnd(t *testing.T) {
	env := emutest.New(t)
	ctx := context.Background()
	c, err := b2b.NewClient(env.Server.ProjectID(), env.Server.Secret(), stytch.WithBaseURL(env.URL), stytch.WithoutRetries())
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })

	org, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Acme", OrganizationSlug: new("acme")})
	require.NoError(t, err)
	oid := org.Organization.OrganizationID

	// The first admin comes in by invite with the stytch_admin Role.
	_, err = c.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{Body: b2b.MagicLinksEmailInviteBody{
		OrganizationID: oid, EmailAddress: "admin@acme.com", Roles: []string{"stytch_admin"},
		InviteRedirectURL: new("https://app.example.com/invite")}})
	require.NoError(t, err)
	admin := acceptInvite(t, env, c, "admin@acme.com")
	require.True(t, admin.MemberAuthenticated)
	assert.Equal(t, "active", admin.Member.Status)
	assert.True(t, admin.Member.IsAdmin)

	// The admin invites a Member with a session header: allowed.
	inv, err := c.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{MemberSessionToken: admin.SessionToken,
		Body: b2b.MagicLinksEmailInviteBody{OrganizationID: oid, EmailAddress: "ann@acme.com"}})
	require.NoError(t, err)
	assert.Equal(t, "invited", inv.Member.Status)
	ann := acceptInvite(t, env, c, "ann@acme.com")
	assert.Equal(t, []string{"stytch_member"}, ann.MemberSession.Roles)

	// The session checks out with its JWT, and the JWT names the Organization.
	auth, err := c.Sessions.Authenticate(ctx, &b2b.SessionsAuthenticateParams{SessionJWT: &ann.SessionJWT})
	require.NoError(t, err)
	assert.Equal(t, "acme", auth.MemberSession.OrganizationSlug)

	// Ann (stytch_member) may rename herself but not invite or rename the Organization.
	_, err = c.Organizations.Members.Update(ctx, &b2b.OrganizationsMembersUpdateParams{OrganizationID: oid, MemberID: ann.MemberID,
		MemberSessionJWT: ann.SessionJWT, Body: b2b.OrganizationsMembersUpdateBody{Name: new("Ann")}})
	require.NoError(t, err)
	_, err = c.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{MemberSessionToken: ann.SessionToken,
		Body: b2b.MagicLinksEmailInviteBody{OrganizationID: oid, EmailAddress: "eve@acme.com"}})
	requireAPIError(t, err, 403, "session_authorization_error")
	_, err = c.Organizations.Update(ctx, &b2b.OrganizationsUpdateParams{OrganizationID: oid, MemberSessionToken: ann.SessionToken,
		Body: b2b.OrganizationsUpdateBody{OrganizationName: new("Ann's")}})
	requireAPIError(t, err, 403, "session_authorization_error")

	// The admin may, and the check answers with the granting Role.
	up, err := c.Organizations.Update(ctx, &b2b.OrganizationsUpdateParams{OrganizationID: oid, MemberSessionToken: admin.SessionToken,
		Body: b2b.OrganizationsUpdateBody{OrganizationName: new("Acme Inc")}})
	require.NoError(t, err)
	assert.Equal(t, "Acme Inc", up.Organization.OrganizationName)
	verdict, err := c.Sessions.Authenticate(ctx, &b2b.SessionsAuthenticateParams{SessionToken: &admin.SessionToken,
		AuthorizationCheck: &gen.B2BAuthorizationCheck{OrganizationID: oid, ResourceID: "stytch.organization", Action: "update.info.name"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"stytch_admin"}, verdict.Verdict.GrantingRoles)
}

// acceptInvite authenticates the newest link emailed to address.
func acceptInvite(t *testing.T, env *emutest.Env, c *b2b.Client, address string) *b2b.MagicLinksAuthenticateResponse {
	t.Helper()
	msg := env.LastMessage(t, address)
	link, err := url.Parse(msg.Link)
	require.NoError(t, err)
	res, err := c.MagicLinks.Authenticate(context.Background(), &b2b.MagicLinksAuthenticateParams{MagicLinksToken: link.Query().Get("token")})
	require.NoError(t, err)
	return res
}

// requireAPIError requires a Stytch API error of this status and type.
func requireAPIError(t *testing.T, err error, status int, typ string) {
	t.Helper()
	var ae *stytch.APIError
	require.True(t, errors.As(err, &ae), "want an *stytch.APIError, got %v", err)
	assert.Equal(t, status, ae.StatusCode)
	assert.Equal(t, typ, ae.ErrorType)
}
