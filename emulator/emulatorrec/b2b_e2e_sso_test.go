package emulatorrec_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/gen"
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// TestB2BEndToEndSSOAndSCIM continues the B2B story with the generated
// client: an admin configures a SAML connection against the emulator's
// identity provider, a Member signs in through it in a browser (redirects
// and the IdP's auto-posting form), and the IdP provisions then
// deprovisions a Member over SCIM.
func TestB2BEndToEndSSOAndSCIM(t *testing.T) {
	env := emutest.New(t)
	ctx := context.Background()
	c, err := b2b.NewClient(env.Server.ProjectID(), env.Server.Secret(), stytch.WithBaseURL(env.URL), stytch.WithoutRetries())
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })

	org, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Initech", OrganizationSlug: new("initech")})
	require.NoError(t, err)
	oid := org.Organization.OrganizationID

	// SAML: create, fill in from the IdP's metadata URL, map the attributes.
	created, err := c.SSO.SAML.CreateConnection(ctx, &b2b.SSOSAMLCreateConnectionParams{OrganizationID: oid,
		Body: b2b.SSOSAMLCreateConnectionBody{DisplayName: new("Okta")}})
	require.NoError(t, err)
	conn := created.Connection
	assert.Equal(t, "pending", conn.Status)
	status, idp := env.DoJSON(t, http.MethodGet, "/emulator/v1/sso/idp/"+conn.ConnectionID, nil)
	require.Equal(t, http.StatusOK, status, idp)
	_, err = c.SSO.SAML.UpdateByURL(ctx, &b2b.SSOSAMLUpdateByURLParams{OrganizationID: oid, ConnectionID: conn.ConnectionID,
		Body: b2b.SSOSAMLUpdateByURLBody{MetadataURL: idp["saml_metadata_url"].(string)}})
	require.NoError(t, err)
	updated, err := c.SSO.SAML.UpdateConnection(ctx, &b2b.SSOSAMLUpdateConnectionParams{OrganizationID: oid, ConnectionID: conn.ConnectionID,
		Body: b2b.SSOSAMLUpdateConnectionBody{AttributeMapping: map[string]any{"email": "email", "first_name": "first_name", "last_name": "last_name"}}})
	require.NoError(t, err)
	assert.Equal(t, "active", updated.Connection.Status)

	// Peter signs in at the IdP; the browser lands on the sign-up URL with a token.
	status, idp = env.DoJSON(t, http.MethodPut, "/emulator/v1/sso/idp/"+conn.ConnectionID+"/identity",
		map[string]any{"email": "peter@initech.com", "first_name": "Peter", "last_name": "Gibbons"})
	require.Equal(t, http.StatusOK, status, idp)
	start, err := c.SSO.StartURL(&b2b.SSOStartParams{ConnectionID: conn.ConnectionID, PublicToken: "public-token-test-00000000-0000-0000-0000-000000000000",
		LoginRedirectURL: "https://app.example.com/login", SignupRedirectURL: "https://app.example.com/signup"})
	require.NoError(t, err)
	landing := followSSO(t, env.URL, start)
	assert.Equal(t, "/signup", landing.Path)
	require.Equal(t, "sso", landing.Query().Get("stytch_token_type"))
	auth, err := c.SSO.Authenticate(ctx, &b2b.SSOAuthenticateParams{SSOToken: landing.Query().Get("token"), SessionDurationMinutes: new(int32(60))})
	require.NoError(t, err)
	require.True(t, auth.MemberAuthenticated)
	assert.Equal(t, "peter@initech.com", auth.Member.EmailAddress)
	assert.Equal(t, "Peter Gibbons", auth.Member.Name)
	require.Len(t, auth.Member.SSORegistrations, 1)
	assert.Equal(t, conn.ConnectionID, auth.Member.SSORegistrations[0].ConnectionID)
	require.NotNil(t, auth.MemberSession)
	assert.Equal(t, gen.AuthenticationFactorType("sso"), auth.MemberSession.AuthenticationFactors[0].Type)

	// The SSO session checks out locally against the project's keys.
	claims, err := c.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT)
	require.NoError(t, err)
	assert.Equal(t, auth.MemberID, claims.MemberID)
	assert.Equal(t, oid, claims.OrganizationID)

	// SCIM: the IdP pushes a user, which becomes an active Member...
	sc, err := c.SCIM.Connection.Create(ctx, &b2b.SCIMConnectionCreateParams{OrganizationID: oid,
		Body: b2b.SCIMConnectionCreateBody{DisplayName: new("Okta provisioning"), IdentityProvider: new(gen.SCIMIdentityProvider("okta"))}})
	require.NoError(t, err)
	scim := sc.Connection
	require.NotEmpty(t, scim.BearerToken)
	var user struct {
		ID string `json:"id"`
	}
	status = scimCall(t, http.MethodPost, scim.BaseURL+"/Users", scim.BearerToken, map[string]any{
		"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:User"}, "userName": "milton@initech.com", "active": true,
		"name":   map[string]any{"givenName": "Milton", "familyName": "Waddams"},
		"emails": []map[string]any{{"value": "milton@initech.com", "type": "work", "primary": true}}}, &user)
	require.Equal(t, http.StatusCreated, status)
	got, err := c.Organizations.Members.Get(ctx, &b2b.OrganizationsMembersGetParams{OrganizationID: oid, EmailAddress: "milton@initech.com"})
	require.NoError(t, err)
	assert.Equal(t, "active", got.Member.Status)
	assert.Equal(t, "Milton Waddams", got.Member.Name)
	require.NotNil(t, got.Member.SCIMRegistration)
	assert.Equal(t, scim.ConnectionID, got.Member.SCIMRegistration.ConnectionID)

	// ...and deactivating it there deletes the Member here.
	userURL, err := url.JoinPath(scim.BaseURL, "Users", user.ID)
	require.NoError(t, err)
	status = scimCall(t, http.MethodPatch, userURL, scim.BearerToken, map[string]any{
		"schemas":    []string{"urn:ietf:params:scim:api:messages:2.0:PatchOp"},
		"Operations": []map[string]any{{"op": "replace", "path": "active", "value": false}}}, nil)
	require.Equal(t, http.StatusOK, status)
	_, err = c.Organizations.Members.Get(ctx, &b2b.OrganizationsMembersGetParams{OrganizationID: oid, EmailAddress: "milton@initech.com"})
	requireAPIError(t, err, 404, "member_not_found")

	// A wrong bearer token is refused by the SCIM endpoint.
	status = scimCall(t, http.MethodGet, scim.BaseURL+"/Users", "not-the-token", nil, nil)
	assert.Equal(t, http.StatusUnauthorized, status)
}

var (
	ssoFormAction = regexp.MustCompile(`<form[^>]*action="([^"]*)"`)
	ssoFormInput  = regexp.MustCompile(`<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"`)
)

// followSSO follows an SSO login from its start URL as a browser does:
// redirects, and the auto-posting form of the SAML IdP. It returns the
// first redirect that leaves the emulator (the app's redirect URL).
func followSSO(t *testing.T, emulatorURL, start string) *url.URL {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	next, err := url.Parse(start)
	require.NoError(t, err)
	var form url.Values
	for range 10 {
		method, body := http.MethodGet, io.Reader(nil)
		if form != nil {
			method, body = http.MethodPost, strings.NewReader(form.Encode())
		}
		req, err := http.NewRequestWithContext(context.Background(), method, next.String(), body)
		require.NoError(t, err)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		res, err := hc.Do(req)
		require.NoError(t, err)
		raw, err := io.ReadAll(res.Body)
		_ = res.Body.Close()
		require.NoError(t, err)
		form = nil
		switch {
		case res.StatusCode == http.StatusFound || res.StatusCode == http.StatusSeeOther:
			loc, err := next.Parse(res.Header.Get("Location"))
			require.NoError(t, err)
			if !strings.HasPrefix(loc.String(), emulatorURL) {
				return loc
			}
			next = loc
		case res.StatusCode == http.StatusOK && bytes.Contains(raw, []byte("<form")):
			action := ssoFormAction.FindSubmatch(raw)
			require.NotNil(t, action, string(raw))
			next, err = next.Parse(html.UnescapeString(string(action[1])))
			require.NoError(t, err)
			form = url.Values{}
			for _, in := range ssoFormInput.FindAllSubmatch(raw, -1) {
				form.Set(html.UnescapeString(string(in[1])), html.UnescapeString(string(in[2])))
			}
		default:
			t.Fatalf("SSO login stopped at %s with %d: %s", next, res.StatusCode, raw)
		}
	}
	t.Fatal("too many redirects")
	return nil
}

// scimCall sends one SCIM 2.0 request as the identity provider does and
// decodes the answer into out (when not nil); it returns the status.
func scimCall(t *testing.T, method, target, token string, in, out any) int {
	t.Helper()
	var body io.Reader
	if in != nil {
		raw, err := json.Marshal(in)
		require.NoError(t, err)
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, target, body)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/scim+json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	if out != nil {
		require.NoError(t, json.NewDecoder(res.Body).Decode(out))
	}
	return res.StatusCode
}
