package emulatorrec_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"html"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/gen"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// Flows of B2B SSO: SAML, OIDC and external connections and logins through
// the emulator's identity providers, through the generated B2B client. The
// browser's hops past the start URL (the IdP, the ACS, the OIDC callback)
// are not API operations and are not recorded.

func recordB2BSSO(r *recorder) {
	ctx, c := r.ctx, r.b2bClient()
	org, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Initech", OrganizationSlug: new("initech")})
	r.ok("create-for-sso", err)
	oid := org.Organization.OrganizationID

	// SAML: created, configured from the emulated IdP's metadata, mapped.
	saml, err := c.SSO.SAML.CreateConnection(ctx, &b2b.SSOSAMLCreateConnectionParams{OrganizationID: oid,
		Body: b2b.SSOSAMLCreateConnectionBody{DisplayName: new("Okta"), IdentityProvider: new(gen.SSOIdentityProvider("okta"))}})
	r.ok("create-saml", err)
	sid := saml.Connection.ConnectionID
	idp := r.ssoIdP(sid)
	_, err = c.SSO.SAML.UpdateByURL(ctx, &b2b.SSOSAMLUpdateByURLParams{OrganizationID: oid, ConnectionID: sid,
		Body: b2b.SSOSAMLUpdateByURLBody{MetadataURL: idp["saml_metadata_url"].(string)}})
	r.ok("from-emulated-idp-metadata", err)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(r.t, err)
	keyPEM := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	_, err = c.RBAC.Organizations.SetOrgPolicy(ctx, &b2b.RBACOrganizationsSetOrgPolicyParams{OrganizationID: oid,
		Body: b2b.RBACOrganizationsSetOrgPolicyBody{OrgPolicy: gen.OrgPolicy{Roles: []gen.PolicyRole{{RoleID: "engineer",
			Description: "Engineers", Permissions: []gen.PolicyRolePermission{}}}}}})
	r.discard()
	require.NoError(r.t, err)
	upd, err := c.SSO.SAML.UpdateConnection(ctx, &b2b.SSOSAMLUpdateConnectionParams{OrganizationID: oid, ConnectionID: sid,
		Body: b2b.SSOSAMLUpdateConnectionBody{AttributeMapping: map[string]any{"email": "email", "first_name": "first_name",
			"last_name": "last_name", "groups": "groups"}, SAMLEncryptionPrivateKey: &keyPEM,
			SAMLConnectionImplicitRoleAssignments: []gen.SAMLConnectionImplicitRoleAssignment{{RoleID: "stytch_admin"}},
			SAMLGroupImplicitRoleAssignments:      []gen.SAMLGroupImplicitRoleAssignment{{RoleID: "engineer", Group: "eng"}}}})
	r.ok("attribute-mapping-roles-and-encryption-key", err)
	require.Equal(r.t, "active", upd.Connection.Status)

	// A SAML login: start URL, IdP, ACS, then SSO.Authenticate.
	r.ssoIdentity(sid, map[string]any{"email": "milton@initech.example", "first_name": "Milton", "last_name": "Waddams", "groups": []string{"eng"}})
	tok := r.ssoLogin("start-saml", sid)
	auth, err := c.SSO.Authenticate(ctx, &b2b.SSOAuthenticateParams{SSOToken: tok, SessionDurationMinutes: new(int32(60))})
	r.ok("saml-login-jit", err)
	r.b2bSession(auth.SessionToken, auth.SessionJWT, auth.IntermediateSessionToken)
	admin := auth.SessionToken

	// Certificates and keys.
	_, err = c.SSO.SAML.UpdateConnection(ctx, &b2b.SSOSAMLUpdateConnectionParams{OrganizationID: oid, ConnectionID: sid,
		MemberSessionToken: admin, Body: b2b.SSOSAMLUpdateConnectionBody{X509Certificate: new(selfSignedPEM(r, key))}})
	r.ok("add-verification-certificate-as-admin", err)
	list, err := c.SSO.GetConnections(ctx, &b2b.SSOGetConnectionsParams{OrganizationID: oid, MemberSessionToken: admin})
	r.ok("list-as-admin", err)
	sc := list.SAMLConnections[0]
	_, err = c.SSO.SAML.DeleteVerificationCertificate(ctx, &b2b.SSOSAMLDeleteVerificationCertificateParams{OrganizationID: oid,
		ConnectionID: sid, CertificateID: sc.VerificationCertificates[len(sc.VerificationCertificates)-1].CertificateID})
	r.ok("delete-added-certificate", err)
	_, err = c.SSO.SAML.DeleteEncryptionPrivateKey(ctx, &b2b.SSOSAMLDeleteEncryptionPrivateKeyParams{OrganizationID: oid,
		ConnectionID: sid, PrivateKeyID: sc.EncryptionPrivateKeys[0].PrivateKeyID})
	r.ok("delete-encryption-key", err)

	// OIDC: the issuer's discovery document fills the endpoints.
	oidc, err := c.SSO.OIDC.CreateConnection(ctx, &b2b.SSOOIDCCreateConnectionParams{OrganizationID: oid,
		Body: b2b.SSOOIDCCreateConnectionBody{DisplayName: new("Entra")}})
	r.ok("create-oidc", err)
	ocid := oidc.Connection.ConnectionID
	idp = r.ssoIdP(ocid)
	r.secret("emulated IdP client secret", idp["oidc_client_secret"].(string))
	_, err = c.SSO.OIDC.UpdateConnection(ctx, &b2b.SSOOIDCUpdateConnectionParams{OrganizationID: oid, ConnectionID: ocid,
		Body: b2b.SSOOIDCUpdateConnectionBody{Issuer: new(idp["oidc_issuer"].(string)), ClientID: new(idp["oidc_client_id"].(string)),
			ClientSecret: new(idp["oidc_client_secret"].(string))}})
	r.ok("issuer-discovery-and-client", err)
	r.ssoIdentity(ocid, map[string]any{"email": "peter@initech.example", "first_name": "Peter", "last_name": "Gibbons"})
	tok = r.ssoLogin("start-oidc", ocid)
	auth, err = c.SSO.Authenticate(ctx, &b2b.SSOAuthenticateParams{SSOToken: tok})
	r.ok("oidc-login-jit", err)
	r.b2bSession(auth.SessionToken, auth.SessionJWT, auth.IntermediateSessionToken)

	// External: another Organization uses the SAML connection.
	other, err := c.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Initech Labs", OrganizationSlug: new("initech-labs")})
	r.discard()
	require.NoError(r.t, err)
	ext, err := c.SSO.External.CreateConnection(ctx, &b2b.SSOExternalCreateConnectionParams{OrganizationID: other.Organization.OrganizationID,
		Body: b2b.SSOExternalCreateConnectionBody{ExternalOrganizationID: oid, ExternalConnectionID: sid, DisplayName: new("Initech SSO")}})
	r.ok("use-another-organizations-saml", err)
	_, err = c.SSO.External.UpdateConnection(ctx, &b2b.SSOExternalUpdateConnectionParams{OrganizationID: other.Organization.OrganizationID,
		ConnectionID: ext.Connection.ConnectionID, Body: b2b.SSOExternalUpdateConnectionBody{
			ExternalConnectionImplicitRoleAssignments: []gen.ConnectionImplicitRoleAssignment{{RoleID: "stytch_admin"}}}})
	r.ok("grant-admin-role", err)

	// RBAC: a Member without stytch_admin may not manage SSO.
	_, err = c.Organizations.Members.Create(ctx, &b2b.OrganizationsMembersCreateParams{OrganizationID: oid,
		Body: b2b.OrganizationsMembersCreateBody{EmailAddress: "bob@initech.example"}})
	r.discard()
	require.NoError(r.t, err)
	r.ssoIdentity(sid, map[string]any{"email": "bob@initech.example", "first_name": "Bob", "last_name": "Slydell"})
	_, err = c.SSO.SAML.UpdateConnection(ctx, &b2b.SSOSAMLUpdateConnectionParams{OrganizationID: oid, ConnectionID: sid,
		Body: b2b.SSOSAMLUpdateConnectionBody{SAMLConnectionImplicitRoleAssignments: []gen.SAMLConnectionImplicitRoleAssignment{}}})
	r.discard()
	require.NoError(r.t, err)
	tok = r.ssoLogin("", sid)
	auth, err = c.SSO.Authenticate(ctx, &b2b.SSOAuthenticateParams{SSOToken: tok})
	r.ok("saml-login-existing-member", err)
	r.b2bSession(auth.SessionToken, auth.SessionJWT, auth.IntermediateSessionToken)
	_, err = c.SSO.GetConnections(ctx, &b2b.SSOGetConnectionsParams{OrganizationID: oid, MemberSessionToken: auth.SessionToken})
	r.fails("list-refused-without-permission", err, http.StatusForbidden, "session_authorization_error")

	_, err = c.SSO.DeleteConnection(ctx, &b2b.SSODeleteConnectionParams{OrganizationID: oid, ConnectionID: ocid})
	r.ok("delete-oidc", err)
}

// ssoIdP reads the emulated IdP's registration of a connection from the
// control plane (not recorded).
func (r *recorder) ssoIdP(id string) map[string]any {
	status, m := r.env.DoJSON(r.t, http.MethodGet, "/emulator/v1/sso/idp/"+id, nil)
	require.Equal(r.t, http.StatusOK, status, m)
	return m
}

// ssoIdentity sets who signs in at a connection's emulated IdP.
func (r *recorder) ssoIdentity(id string, ident map[string]any) {
	status, m := r.env.DoJSON(r.t, http.MethodPut, "/emulator/v1/sso/idp/"+id+"/identity", ident)
	require.Equal(r.t, http.StatusOK, status, m)
}

var (
	recFormAction = regexp.MustCompile(`<form[^>]*action="([^"]*)"`)
	recFormInput  = regexp.MustCompile(`<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"`)
)

// ssoLogin follows an SSO login as a browser does and returns the SSO
// token of the final redirect. The start URL is recorded as step ("":
// discarded); the IdP and callback hops are not API operations.
func (r *recorder) ssoLogin(step, connID string) string {
	r.t.Helper()
	q := url.Values{"connection_id": {connID}, "public_token": {"public-token-test-00000000-0000-0000-0000-000000000000"},
		"login_redirect_url": {"https://app.example.com/login"}, "signup_redirect_url": {"https://app.example.com/signup"}}
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, r.env.URL+"/v1/public/sso/start?"+q.Encode(), nil)
	require.NoError(r.t, err)
	res, err := r.raw.Do(req)
	require.NoError(r.t, err)
	require.NoError(r.t, res.Body.Close())
	require.Equal(r.t, http.StatusFound, res.StatusCode)
	if step == "" {
		r.discard()
	} else {
		r.claim(step)
	}
	plain := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	next, err := url.Parse(res.Header.Get("Location"))
	require.NoError(r.t, err)
	method, form := http.MethodGet, url.Values(nil)
	for range 10 {
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, err := http.NewRequestWithContext(r.ctx, method, next.String(), body)
		require.NoError(r.t, err)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		res, err := plain.Do(req)
		require.NoError(r.t, err)
		raw, err := io.ReadAll(res.Body)
		require.NoError(r.t, err)
		require.NoError(r.t, res.Body.Close())
		switch {
		case res.StatusCode == http.StatusFound:
			loc, err := next.Parse(res.Header.Get("Location"))
			require.NoError(r.t, err)
			if !strings.HasPrefix(loc.String(), r.env.URL) {
				tok := loc.Query().Get("token")
				require.NotEmpty(r.t, tok, loc.String())
				r.secret("SSO token", tok)
				return tok
			}
			next, method, form = loc, http.MethodGet, nil
		case res.StatusCode == http.StatusOK && recFormAction.Match(raw):
			action, err := next.Parse(html.UnescapeString(string(recFormAction.FindSubmatch(raw)[1])))
			require.NoError(r.t, err)
			form = url.Values{}
			for _, in := range recFormInput.FindAllSubmatch(raw, -1) {
				form.Set(html.UnescapeString(string(in[1])), html.UnescapeString(string(in[2])))
			}
			next, method = action, http.MethodPost
		default:
			r.t.Fatalf("SSO login: %d %s", res.StatusCode, raw)
		}
	}
	r.t.Fatal("SSO login: too many redirects")
	return ""
}

// selfSignedPEM returns a self-signed certificate of key, as an IdP's.
func selfSignedPEM(r *recorder, key *rsa.PrivateKey) string {
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Initech IdP"},
		NotBefore: start.Add(-time.Hour), NotAfter: start.Add(365 * 24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(r.t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
