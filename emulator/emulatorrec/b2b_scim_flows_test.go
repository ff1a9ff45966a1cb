package emulatorrec_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"

	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/gen"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// Flows of the B2B SCIM connection operations. The identity provider's
// SCIM calls (the emulator-only protocol at the connection's base URL) are
// made unrecorded: they are no operations of the spec.

// scimPost sends one SCIM protocol request as an identity provider and
// returns the created resource's id.
func (r *recorder) scimPost(base, token, path string, body any) string {
	raw, err := json.Marshal(body)
	require.NoError(r.t, err)
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, base+path, bytes.NewReader(raw))
	require.NoError(r.t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/scim+json")
	res, err := r.env.HTTPClient.Do(req)
	require.NoError(r.t, err)
	defer res.Body.Close()
	require.Equal(r.t, http.StatusCreated, res.StatusCode)
	var out struct {
		ID string `json:"id"`
	}
	require.NoError(r.t, json.NewDecoder(res.Body).Decode(&out))
	return out.ID
}

func recordB2BSCIM(r *recorder) {
	ctx, c := r.ctx, r.b2bClient()
	org, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Initrode", OrganizationSlug: new("initrode")})
	require.NoError(r.t, err)
	r.discard()
	oid := org.Organization.OrganizationID

	created, err := c.SCIM.Connection.Create(ctx, &b2b.SCIMConnectionCreateParams{OrganizationID: oid,
		Body: b2b.SCIMConnectionCreateBody{DisplayName: new("Okta provisioning"), IdentityProvider: new(gen.SCIMIdentityProvider("okta"))}})
	r.ok("create", err)
	conn := created.Connection
	r.secret("SCIM bearer token", conn.BearerToken)
	_, err = c.SCIM.Connection.Get(ctx, &b2b.SCIMConnectionGetParams{OrganizationID: oid})
	r.ok("get", err)

	// The identity provider pushes a user and a group.
	user := r.scimPost(conn.BaseURL, conn.BearerToken, "/Users", map[string]any{
		"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:User"}, "userName": "peter@initech.com",
		"name": map[string]any{"givenName": "Peter", "familyName": "Gibbons"}, "externalId": "okta-00u1",
		"emails": []map[string]any{{"value": "peter@initech.com", "type": "work", "primary": true}}})
	group := r.scimPost(conn.BaseURL, conn.BearerToken, "/Groups", map[string]any{
		"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"}, "displayName": "Engineering",
		"members": []map[string]any{{"value": user}}})

	_, err = c.SCIM.Connection.GetGroups(ctx, &b2b.SCIMConnectionGetGroupsParams{OrganizationID: oid, ConnectionID: conn.ConnectionID})
	r.ok("get-groups", err)
	_, err = c.SCIM.Connection.Update(ctx, &b2b.SCIMConnectionUpdateParams{OrganizationID: oid, ConnectionID: conn.ConnectionID,
		Body: b2b.SCIMConnectionUpdateBody{DisplayName: new("Okta (production)"),
			SCIMGroupImplicitRoleAssignments: []gen.SCIMGroupImplicitRoleAssignments{{GroupID: group, GroupName: "Engineering", RoleID: "stytch_admin"}}}})
	r.ok("assign-group-role", err)
	_, err = c.Organizations.Members.Get(ctx, &b2b.OrganizationsMembersGetParams{OrganizationID: oid, MemberID: user})
	r.ok("get-scim-provisioned", err)

	started, err := c.SCIM.Connection.RotateStart(ctx, &b2b.SCIMConnectionRotateStartParams{OrganizationID: oid, ConnectionID: conn.ConnectionID})
	r.ok("rotate-start", err)
	r.secret("next SCIM bearer token", started.Connection.NextBearerToken)
	_, err = c.SCIM.Connection.RotateCancel(ctx, &b2b.SCIMConnectionRotateCancelParams{OrganizationID: oid, ConnectionID: conn.ConnectionID})
	r.ok("rotate-cancel", err)
	started, err = c.SCIM.Connection.RotateStart(ctx, &b2b.SCIMConnectionRotateStartParams{OrganizationID: oid, ConnectionID: conn.ConnectionID})
	require.NoError(r.t, err)
	r.secret("next SCIM bearer token", started.Connection.NextBearerToken)
	r.discard()
	_, err = c.SCIM.Connection.RotateComplete(ctx, &b2b.SCIMConnectionRotateCompleteParams{OrganizationID: oid, ConnectionID: conn.ConnectionID})
	r.ok("rotate-complete", err)

	_, err = c.SCIM.Connection.Create(ctx, &b2b.SCIMConnectionCreateParams{OrganizationID: oid})
	r.fails("create-second", err, 400, "active_scim_connection_exists")
	_, err = c.SCIM.Connection.Delete(ctx, &b2b.SCIMConnectionDeleteParams{OrganizationID: oid, ConnectionID: conn.ConnectionID})
	r.ok("delete", err)
}
