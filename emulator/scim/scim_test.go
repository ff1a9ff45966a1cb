package scim_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/scim"
)

// idp plays an identity provider: it calls a connection's base URL with a
// bearer token.
type idp struct {
	t     *testing.T
	env   *emutest.Env
	base  string
	token string
}

// do sends a SCIM request and decodes the answer (nil for 204).
func (p *idp) do(method, path string, body any) (int, map[string]any) {
	p.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(p.t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, p.base+path, rd)
	require.NoError(p.t, err)
	req.Header.Set("Content-Type", "application/scim+json")
	req.Header.Set("Authorization", "Bearer "+p.token)
	res, err := p.env.HTTPClient.Do(req)
	require.NoError(p.t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(p.t, err)
	if len(raw) == 0 {
		return res.StatusCode, nil
	}
	var m map[string]any
	require.NoError(p.t, json.Unmarshal(raw, &m), "%s", raw)
	return res.StatusCode, m
}

func (p *idp) ok(method, path string, body any) map[string]any {
	p.t.Helper()
	status, m := p.do(method, path, body)
	require.True(p.t, status >= 200 && status < 300, "status %d: %v", status, m)
	return m
}

// scimFails requires a SCIM error (RFC 7644 section 3.12) of this status
// and scimType.
func scimFails(t *testing.T, status int, m map[string]any, want int, scimType string) {
	t.Helper()
	require.Equal(t, want, status, m)
	assert.Equal(t, []any{"urn:ietf:params:scim:api:messages:2.0:Error"}, m["schemas"])
	assert.Equal(t, fmt.Sprint(want), m["status"])
	if scimType != "" {
		assert.Equal(t, scimType, m["scimType"], m)
	}
}

// api calls the Stytch API with the project's credentials.
func api(t *testing.T, env *emutest.Env, method, path string, body any) map[string]any {
	t.Helper()
	status, m := env.DoJSON(t, method, path, body)
	require.True(t, status >= 200 && status < 300, "status %d: %v", status, m)
	return m
}

// setup creates an Organization with a SCIM connection and returns the
// identity provider, the organization id and the connection id.
func setup(t *testing.T) (*idp, string, string) {
	env := emutest.New(t)
	org := api(t, env, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "Acme"})
	orgID := org["organization"].(map[string]any)["organization_id"].(string)
	conn := api(t, env, http.MethodPost, "/v1/b2b/scim/"+orgID+"/connection",
		map[string]any{"display_name": "Okta", "identity_provider": "okta"})["connection"].(map[string]any)
	return &idp{t: t, env: env, base: conn["base_url"].(string), token: conn["bearer_token"].(string)}, orgID,
		conn["connection_id"].(string)
}

func user(userName, given, family string) map[string]any {
	return map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:User"}, "userName": userName,
		"name": map[string]any{"givenName": given, "familyName": family}, "externalId": "ext-" + userName,
		"emails": []map[string]any{{"value": userName, "type": "work", "primary": true}}, "active": true}
}

func patchOp(ops ...map[string]any) map[string]any {
	return map[string]any{"schemas": []string{"urn:ietf:params:scim:api:messages:2.0:PatchOp"}, "Operations": ops}
}

// TestProvisioningEndToEnd provisions a user as an identity provider does:
// the Member exists and logs in by magic link; PATCH active false deletes
// it and revokes its sessions; active true brings it back.
func TestProvisioningEndToEnd(t *testing.T) {
	p, orgID, connID := setup(t)
	created := p.ok(http.MethodPost, "/Users", user("ada@acme.test", "Ada", "Lovelace"))
	id := created["id"].(string)
	assert.True(t, strings.HasPrefix(id, "member-test-"), id)
	assert.Equal(t, "ext-ada@acme.test", created["externalId"])
	assert.Equal(t, true, created["active"])
	meta := created["meta"].(map[string]any)
	assert.Equal(t, "User", meta["resourceType"])
	assert.Equal(t, p.base+userPath+id, meta["location"])

	member := api(t, p.env, http.MethodGet, "/v1/b2b/organizations/"+orgID+"/member?member_id="+id, nil)["member"].(map[string]any)
	assert.Equal(t, "ada@acme.test", member["email_address"])
	assert.Equal(t, "Ada Lovelace", member["name"])
	assert.Equal(t, "active", member["status"])
	reg := member["scim_registration"].(map[string]any)
	assert.Equal(t, connID, reg["connection_id"])
	assert.Equal(t, "ext-ada@acme.test", reg["external_id"])
	attrs := reg["scim_attributes"].(map[string]any)
	assert.Equal(t, "ada@acme.test", attrs["user_name"])
	assert.Equal(t, "Ada", attrs["name"].(map[string]any)["given_name"])

	// The provisioned Member logs in by magic link.
	api(t, p.env, http.MethodPost, "/v1/b2b/magic_links/email/login_or_signup",
		map[string]any{"organization_id": orgID, "email_address": "ada@acme.test"})
	auth := api(t, p.env, http.MethodPost, "/v1/b2b/magic_links/authenticate",
		map[string]any{"magic_links_token": p.env.LastMessage(t, "ada@acme.test").Token})
	sessionToken := auth["session_token"].(string)
	api(t, p.env, http.MethodPost, "/v1/b2b/sessions/authenticate", map[string]any{"session_token": sessionToken})

	// Okta deactivates with a path-less replace.
	off := p.ok(http.MethodPatch, userPath+id, patchOp(map[string]any{"op": "replace", "value": map[string]any{"active": false}}))
	assert.Equal(t, false, off["active"])
	member = api(t, p.env, http.MethodGet, "/v1/b2b/organizations/members/dangerously_get/"+id+"?include_deleted=true", nil)["member"].(map[string]any)
	assert.Equal(t, "deleted", member["status"])
	status, m := p.env.DoJSON(t, http.MethodPost, "/v1/b2b/sessions/authenticate", map[string]any{"session_token": sessionToken})
	assert.Equal(t, 404, status, m)

	// Reactivation, as Entra sends it (path and a capitalised op).
	on := p.ok(http.MethodPatch, userPath+id, patchOp(map[string]any{"op": "Replace", "path": "active", "value": true}))
	assert.Equal(t, true, on["active"])
	member = api(t, p.env, http.MethodGet, "/v1/b2b/organizations/"+orgID+"/member?member_id="+id, nil)["member"].(map[string]any)
	assert.Equal(t, "active", member["status"])

	// Attribute changes: a filtered path, a sub-attribute and the extension.
	p.ok(http.MethodPatch, userPath+id, patchOp(
		map[string]any{"op": "replace", "path": `emails[type eq "work"].value`, "value": "ada@new.acme.test"},
		map[string]any{"op": "replace", "path": "name.givenName", "value": "Augusta"},
		map[string]any{"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "R&D"}))
	got := p.ok(http.MethodGet, userPath+id, nil)
	assert.Equal(t, "Augusta", got["name"].(map[string]any)["givenName"])
	assert.Equal(t, "R&D", got["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].(map[string]any)["department"])
	member = api(t, p.env, http.MethodGet, "/v1/b2b/organizations/"+orgID+"/member?member_id="+id, nil)["member"].(map[string]any)
	assert.Equal(t, "ada@new.acme.test", member["email_address"])
	assert.Equal(t, "Augusta Lovelace", member["name"])

	// PUT replaces; DELETE deactivates and the user is gone from SCIM.
	repl := user("ada@new.acme.test", "Ada", "King")
	assert.Equal(t, "Ada King", p.ok(http.MethodPut, userPath+id, repl)["name"].(map[string]any)["givenName"].(string)+" King")
	status, _ = p.do(http.MethodDelete, userPath+id, nil)
	assert.Equal(t, http.StatusNoContent, status)
	status, m = p.do(http.MethodGet, userPath+id, nil)
	scimFails(t, status, m, 404, "")
	member = api(t, p.env, http.MethodGet, "/v1/b2b/organizations/members/dangerously_get/"+id+"?include_deleted=true", nil)["member"].(map[string]any)
	assert.Equal(t, "deleted", member["status"])
	assert.NotNil(t, member["scim_registration"])

	// Provisioning the same userName again brings the same Member back.
	again := p.ok(http.MethodPost, "/Users", user("ada@new.acme.test", "Ada", "King"))
	assert.Equal(t, id, again["id"])
}

// TestGroupsAssignRoles pushes a group and its members: the connection's
// SCIM group Role assignment gives the members the Role, with source
// scim_connection_group, and removing them takes it away.
func TestGroupsAssignRoles(t *testing.T) {
	p, orgID, connID := setup(t)
	ada := p.ok(http.MethodPost, "/Users", user("ada@acme.test", "Ada", "Lovelace"))["id"].(string)
	bob := p.ok(http.MethodPost, "/Users", user("bob@acme.test", "Bob", "Babbage"))["id"].(string)
	g := p.ok(http.MethodPost, "/Groups", map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
		"displayName": "Admins", "members": []map[string]any{{"value": ada}}})
	gid := g["id"].(string)
	assert.True(t, strings.HasPrefix(gid, "scim-group-test-"), gid)

	base := "/v1/b2b/scim/" + orgID + "/connection/" + connID
	conn := api(t, p.env, http.MethodPut, base, map[string]any{"scim_group_implicit_role_assignments": []map[string]any{
		{"group_id": gid, "role_id": "stytch_admin", "group_name": "Admins"}}})["connection"].(map[string]any)
	assert.Equal(t, []any{map[string]any{"group_id": gid, "role_id": "stytch_admin", "group_name": "Admins"}},
		conn["scim_group_implicit_role_assignments"])

	roles := func(id string) map[string]any {
		m := api(t, p.env, http.MethodGet, "/v1/b2b/organizations/"+orgID+"/member?member_id="+id, nil)["member"].(map[string]any)
		out := map[string]any{}
		for _, r := range m["roles"].([]any) {
			r := r.(map[string]any)
			out[r["role_id"].(string)] = r["sources"]
		}
		return out
	}
	assert.Equal(t, []any{map[string]any{"type": "scim_connection_group", "details": map[string]any{"connection_id": connID, "group_id": gid}}},
		roles(ada)["stytch_admin"])
	assert.NotContains(t, roles(bob), "stytch_admin")

	// Members added and removed as Okta and Entra send them.
	p.ok(http.MethodPatch, "/Groups/"+gid, patchOp(map[string]any{"op": "add", "path": "members", "value": []map[string]any{{"value": bob}}}))
	assert.Contains(t, roles(bob), "stytch_admin")
	p.ok(http.MethodPatch, "/Groups/"+gid, patchOp(map[string]any{"op": "remove", "path": fmt.Sprintf(`members[value eq "%s"]`, ada)}))
	assert.NotContains(t, roles(ada), "stytch_admin")
	p.ok(http.MethodPatch, "/Groups/"+gid, patchOp(map[string]any{"op": "Remove", "path": "members", "value": []map[string]any{{"value": bob}}}))
	assert.NotContains(t, roles(bob), "stytch_admin")
	got := p.ok(http.MethodGet, "/Groups/"+gid, nil)
	assert.Equal(t, []any{}, got["members"])

	// The user shows its groups; GetGroups lists the group.
	p.ok(http.MethodPatch, "/Groups/"+gid, patchOp(map[string]any{"op": "replace", "value": map[string]any{"displayName": "Owners"}},
		map[string]any{"op": "add", "path": "members", "value": []map[string]any{{"value": ada}}}))
	assert.Equal(t, []any{map[string]any{"value": gid, "display": "Owners"}}, p.ok(http.MethodGet, userPath+ada, nil)["groups"])
	groups := api(t, p.env, http.MethodGet, base, nil)["scim_groups"].([]any)
	require.Len(t, groups, 1)
	assert.Equal(t, "Owners", groups[0].(map[string]any)["group_name"])

	// Deleting the group takes the Role and the assignment away.
	status, _ := p.do(http.MethodDelete, "/Groups/"+gid, nil)
	assert.Equal(t, http.StatusNoContent, status)
	assert.NotContains(t, roles(ada), "stytch_admin")
	conn = api(t, p.env, http.MethodGet, "/v1/b2b/scim/"+orgID+"/connection", nil)["connection"].(map[string]any)
	assert.Empty(t, conn["scim_group_implicit_role_assignments"])

	status, m := p.do(http.MethodPost, "/Groups", map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
		"displayName": "Ghosts", "members": []map[string]any{{"value": "member-test-00000000-0000-0000-0000-000000000000"}}})
	scimFails(t, status, m, 400, "invalidValue")
}

// TestFiltersAndPaging lists users by userName and externalId filters and
// by pages.
func TestFiltersAndPaging(t *testing.T) {
	p, orgID, connID := setup(t)
	for i := range 5 {
		p.ok(http.MethodPost, "/Users", user(fmt.Sprintf("u%d@acme.test", i), "U", fmt.Sprint(i)))
	}
	list := func(q string) map[string]any { return p.ok(http.MethodGet, "/Users?"+q, nil) }

	byName := list("filter=" + url.QueryEscape(`userName eq "U3@ACME.test"`))
	assert.Equal(t, float64(1), byName["totalResults"], "userName compares case-insensitively")
	assert.Equal(t, []any{"urn:ietf:params:scim:api:messages:2.0:ListResponse"}, byName["schemas"])
	assert.Equal(t, "u3@acme.test", byName["Resources"].([]any)[0].(map[string]any)["userName"])

	byExt := list("filter=" + url.QueryEscape(`externalId eq "ext-u1@acme.test"`))
	assert.Equal(t, float64(1), byExt["totalResults"])
	none := list("filter=" + url.QueryEscape(`userName eq "nobody@acme.test"`))
	assert.Equal(t, float64(0), none["totalResults"])
	assert.Equal(t, []any{}, none["Resources"])
	or := list("filter=" + url.QueryEscape(`userName eq "u0@acme.test" or userName sw "u4"`))
	assert.Equal(t, float64(2), or["totalResults"])
	// A sub-attribute of a multi-valued attribute matches when any element
	// does (RFC 7644 section 3.4.2.2), in both forms.
	for _, f := range []string{`emails.value eq "U1@acme.test"`, `emails[value eq "u1@acme.test"]`,
		`emails.type eq "work" and emails.value ew "1@acme.test"`, `not (emails.value eq "u1@acme.test") and userName eq "u2@acme.test"`} {
		assert.Equal(t, float64(1), list("filter=" + url.QueryEscape(f))["totalResults"], f)
	}
	assert.Equal(t, float64(0), list("filter=" + url.QueryEscape(`emails.value eq "nobody@acme.test"`))["totalResults"])

	names := func(m map[string]any) []string {
		var out []string
		for _, r := range m["Resources"].([]any) {
			out = append(out, r.(map[string]any)["userName"].(string))
		}
		return out
	}
	all := names(list(""))
	require.Len(t, all, 5)
	pg := list("startIndex=2&count=2")
	assert.Equal(t, float64(5), pg["totalResults"])
	assert.Equal(t, float64(2), pg["startIndex"])
	assert.Equal(t, float64(2), pg["itemsPerPage"])
	assert.Equal(t, all[1:3], names(pg))
	assert.Equal(t, all[4:], names(list("startIndex=5&count=10")))
	assert.Empty(t, names(list("startIndex=9")))

	status, m := p.do(http.MethodGet, "/Users?filter="+url.QueryEscape(`userName eq`), nil)
	scimFails(t, status, m, 400, "invalidFilter")
	status, m = p.do(http.MethodPost, "/Users", user("u2@acme.test", "Dup", "Licate"))
	scimFails(t, status, m, 409, "uniqueness")
	status, m = p.do(http.MethodPost, "/Users", map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:User"}, "userName": "no-email"})
	scimFails(t, status, m, 400, "invalidValue")
	status, m = p.do(http.MethodPatch, userPath+byExt["Resources"].([]any)[0].(map[string]any)["id"].(string),
		patchOp(map[string]any{"op": "remove"}))
	scimFails(t, status, m, 400, "noTarget")

	// Groups paginate through SCIM.Connection.GetGroups with a cursor.
	for i := range 3 {
		p.ok(http.MethodPost, "/Groups", map[string]any{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:Group"},
			"displayName": fmt.Sprintf("G%d", i)})
	}
	base := "/v1/b2b/scim/" + orgID + "/connection/" + connID
	first := api(t, p.env, http.MethodGet, base+"?limit=2", nil)
	assert.Len(t, first["scim_groups"], 2)
	second := api(t, p.env, http.MethodGet, base+"?limit=2&cursor="+first["next_cursor"].(string), nil)
	assert.Len(t, second["scim_groups"], 1)
	assert.Nil(t, second["next_cursor"])
	assert.Equal(t, float64(1), p.ok(http.MethodGet, "/Groups?filter="+url.QueryEscape(`displayName eq "G1"`), nil)["totalResults"])
}

// TestBearerTokens refuses a missing, wrong or rotated-out token and
// accepts both tokens during a rotation.
func TestBearerTokens(t *testing.T) {
	p, orgID, connID := setup(t)
	old := p.token
	check := func(token string, want int) {
		t.Helper()
		q := *p
		q.token = token
		status, m := q.do(http.MethodGet, "/Users", nil)
		require.Equal(t, want, status, m)
		if want == 401 {
			scimFails(t, status, m, 401, "")
		}
	}
	check(old, 200)
	check("", 401)
	check(old+"x", 401)

	base := "/v1/b2b/scim/" + orgID + "/connection/" + connID
	next := api(t, p.env, http.MethodPost, base+"/rotate/start", nil)["connection"].(map[string]any)["next_bearer_token"].(string)
	check(old, 200)
	check(next, 200)
	api(t, p.env, http.MethodPost, base+"/rotate/complete", nil)
	check(old, 401)
	check(next, 200)

	// Another connection's token does not open this one.
	org2 := api(t, p.env, http.MethodPost, "/v1/b2b/organizations", map[string]any{"organization_name": "Other"})
	org2ID := org2["organization"].(map[string]any)["organization_id"].(string)
	tok2 := api(t, p.env, http.MethodPost, "/v1/b2b/scim/"+org2ID+"/connection", map[string]any{})["connection"].(map[string]any)["bearer_token"].(string)
	check(tok2, 401)

	api(t, p.env, http.MethodDelete, base, nil)
	check(next, 401)
}

// TestDiscoveryAndInput serves the discovery endpoints and checks the
// request's encoding like the other emulator-only routes.
func TestDiscoveryAndInput(t *testing.T) {
	p, _, _ := setup(t)
	spc := p.ok(http.MethodGet, "/ServiceProviderConfig", nil)
	assert.Equal(t, true, spc["patch"].(map[string]any)["supported"])
	assert.Equal(t, true, spc["filter"].(map[string]any)["supported"])
	rt := p.ok(http.MethodGet, "/ResourceTypes", nil)
	assert.Equal(t, float64(2), rt["totalResults"])
	sch := p.ok(http.MethodGet, "/Schemas", nil)
	assert.GreaterOrEqual(t, sch["totalResults"], float64(3))

	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, p.base+"/Users", strings.NewReader("{\"userName\":\"\xff\"}"))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+p.token)
	res, err := p.env.HTTPClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var m map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&m))
	scimFails(t, res.StatusCode, m, 400, "invalidSyntax")
	assert.Contains(t, m["detail"], "UTF-8")
}

// TestOwns separates the SCIM protocol from the Stytch API's own SCIM
// connection operations.
func TestOwns(t *testing.T) {
	for path, want := range map[string]bool{
		"/v1/b2b/scim/scim-connection-test-1/Users":          true,
		"/v1/b2b/scim/scim-connection-test-1/Users/member-1": true,
		"/v1/b2b/scim/scim-connection-test-1":                true,
		"/v1/b2b/scim/organization-test-1/connection":        false,
		"/v1/b2b/scim/organization-test-1/connection/x":      false,
		"/v1/b2b/scim/":         false,
		"/v1/b2b/organizations": false,
	} {
		assert.Equal(t, want, scim.Owns(path), path)
	}
}

// userPath starts the path of one user.
const userPath = "/Users" + "/"
