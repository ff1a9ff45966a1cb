package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSSOOIDCLogin(t *testing.T) {
	env := b2bEnv(t)
	orgID := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})["organization_id"].(string)
	c := activeOIDC(t, env, orgID)
	id := c["connection_id"].(string)
	assert.True(t, strings.HasPrefix(id, "oidc-connection-test-"), id)
	assert.Equal(t, env.URL+"/v1/b2b/sso/callback/"+id, c["redirect_url"])
	assert.Equal(t, c["issuer"].(string)+"/token", c["token_url"], "endpoints from discovery")
	setIdentity(t, env, id, map[string]any{"email": "grace@acme.example", "first_name": "Grace", "last_name": "Hopper",
		"subject": "00u-grace", "groups": []string{"admins"}})

	status, body, loc := newBrowser(t, env).login(startQuery(id))
	require.Equal(t, http.StatusFound, status, body)
	auth := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": ssoToken(t, loc)}, "", "")
	member := auth["member"].(map[string]any)
	assert.Equal(t, "grace@acme.example", member["email_address"])
	assert.Equal(t, "Grace Hopper", member["name"])
	reg := member["sso_registrations"].([]any)[0].(map[string]any)
	assert.Equal(t, "00u-grace", reg["external_id"])
	assert.True(t, strings.HasPrefix(reg["registration_id"].(string), "oidc-member-registration-test-"))
	assert.Equal(t, []any{"admins"}, reg["sso_attributes"].(map[string]any)["groups"])
	f := auth["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "sso_oidc", f["delivery_method"])
	assert.Equal(t, id, f["oidc_sso_factor"].(map[string]any)["provider_id"])

	// the IdP's tokens are the Member's OIDC provider tokens
	prov := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+orgID+"/members/"+member["member_id"].(string)+"/oidc_providers", nil, "", "")
	tokens := prov["registrations"].([]any)[0].(map[string]any)
	assert.Equal(t, id, tokens["connection_id"])
	assert.NotEmpty(t, tokens["id_token"])

	// a wrong client secret: the IdP refuses the code
	b2bOK(t, env, http.MethodPut, "/v1/b2b/sso/oidc/"+orgID+"/connections/"+id, map[string]any{"client_secret": "wrong"}, "", "")
	status, body, _ = newBrowser(t, env).login(startQuery(id))
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "oidc_auth_code_error")

	// an unknown state
	res, err := http.Get(env.URL + "/v1/b2b/sso/callback/" + id + "?code=x&state=nope")
	require.NoError(t, err)
	body = readAll(t, res)
	assert.Equal(t, 400, res.StatusCode)
	assert.Contains(t, body, "unsolicited_oidc_response")
}

func TestSSOExternalConnection(t *testing.T) {
	env := b2bEnv(t)
	owner := newOrg(t, env, map[string]any{"organization_name": "Parent", "organization_slug": "parent"})["organization_id"].(string)
	user := newOrg(t, env, map[string]any{"organization_name": "Child", "organization_slug": "child"})["organization_id"].(string)
	src := activeSAML(t, env, owner, nil)["connection_id"].(string)
	setIdentity(t, env, src, map[string]any{"email": "kim@parent.example", "first_name": "Kim", "last_name": "Lee"})

	ext := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/external/"+user, map[string]any{"external_organization_id": owner,
		"external_connection_id": src, "display_name": "Parent SSO",
		"connection_implicit_role_assignments": []any{map[string]any{"role_id": "stytch_admin"}}}, "", "")["connection"].(map[string]any)
	eid := ext["connection_id"].(string)
	assert.Equal(t, "active", ext["status"])
	assert.Equal(t, owner, ext["external_organization_id"])
	s, m := b2bCall(t, env, http.MethodPost, "/v1/b2b/sso/external/"+user, map[string]any{"external_organization_id": owner,
		"external_connection_id": src}, "", "")
	fails(t, s, m, 400, "duplicate_external_sso_connection")
	s, m = b2bCall(t, env, http.MethodPost, "/v1/b2b/sso/external/"+owner, map[string]any{"external_organization_id": owner,
		"external_connection_id": src}, "", "")
	fails(t, s, m, 400, "external_organization_id_same_as_organization_id")
	s, m = b2bCall(t, env, http.MethodPost, "/v1/b2b/sso/external/"+user, map[string]any{"external_organization_id": owner,
		"external_connection_id": "saml-connection-test-nope"}, "", "")
	fails(t, s, m, 404, "external_connection_id_not_found")
	ext = b2bOK(t, env, http.MethodPut, "/v1/b2b/sso/external/"+user+"/connections/"+eid, map[string]any{"display_name": "Parent",
		"external_group_implicit_role_assignments": []any{map[string]any{"role_id": "stytch_admin", "group": "admins"}}}, "", "")["connection"].(map[string]any)
	assert.Equal(t, "Parent", ext["display_name"])
	assert.Len(t, ext["external_group_implicit_role_assignments"], 1)

	status, body, loc := newBrowser(t, env).login(startQuery(eid))
	require.Equal(t, http.StatusFound, status, body)
	auth := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": ssoToken(t, loc)}, "", "")
	assert.Equal(t, user, auth["organization_id"], "the login is into the Organization that uses the connection")
	assert.Equal(t, true, auth["member"].(map[string]any)["is_admin"], "through the external connection's Role")
	assert.Equal(t, eid, auth["member"].(map[string]any)["sso_registrations"].([]any)[0].(map[string]any)["connection_id"])

	list := b2bOK(t, env, http.MethodGet, "/v1/b2b/sso/"+user, nil, "", "")
	assert.Len(t, list["external_connections"], 1)
	// deleting the source removes the external connection too
	b2bOK(t, env, http.MethodDelete, "/v1/b2b/sso/"+owner+"/connections/"+src, nil, "", "")
	list = b2bOK(t, env, http.MethodGet, "/v1/b2b/sso/"+user, nil, "", "")
	assert.Empty(t, list["external_connections"])
}

// TestSSOMFAIntermediateSession checks that an SSO login into an
// Organization that requires MFA stops at an intermediate session.
func TestSSOMFAIntermediateSession(t *testing.T) {
	env := b2bEnv(t)
	orgID := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme",
		"mfa_policy": "REQUIRED_FOR_ALL"})["organization_id"].(string)
	id := activeSAML(t, env, orgID, nil)["connection_id"].(string)
	status, body, loc := newBrowser(t, env).login(startQuery(id))
	require.Equal(t, http.StatusFound, status, body)
	auth := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": ssoToken(t, loc)}, "", "")
	assert.Equal(t, false, auth["member_authenticated"])
	assert.NotEmpty(t, auth["intermediate_session_token"])
	assert.Nil(t, auth["member_session"])
	assert.NotNil(t, auth["mfa_required"])
	assert.Equal(t, "sso.user@example.com", auth["member"].(map[string]any)["email_address"], "the default identity")
}
