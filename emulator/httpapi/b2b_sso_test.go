package httpapi_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testCertificate returns a fresh self-signed certificate (PEM).
func testCertificate(t *testing.T, cn string) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		Issuer: pkix.Name{CommonName: cn}, NotBefore: b2bEpoch.Add(-time.Hour), NotAfter: b2bEpoch.Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestSSOSAMLConnectionLifecycle(t *testing.T) {
	env := b2bEnv(t)
	org := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})
	orgID := org["organization_id"].(string)
	base := "/v1/b2b/sso/saml/" + orgID

	c := b2bOK(t, env, http.MethodPost, base, map[string]any{"display_name": "Okta", "identity_provider": "okta"}, "", "")["connection"].(map[string]any)
	id := c["connection_id"].(string)
	assert.True(t, strings.HasPrefix(id, "saml-connection-test-"), id)
	assert.Equal(t, "pending", c["status"])
	assert.Equal(t, env.URL+"/v1/b2b/sso/callback/"+id, c["acs_url"])
	assert.Equal(t, c["acs_url"], c["audience_uri"])
	assert.Equal(t, "okta", c["identity_provider"])
	signing := c["signing_certificates"].([]any)
	require.Len(t, signing, 1)
	assert.Contains(t, signing[0].(map[string]any)["certificate"], "BEGIN CERTIFICATE")
	assert.Empty(t, c["verification_certificates"])

	// metadata from the emulated IdP: entity id, SSO URL, certificate; still pending without a mapping
	idp := idpOf(t, env, id)
	c = b2bOK(t, env, http.MethodPut, base+"/connections/"+id+"/url", map[string]any{"metadata_url": idp.MetadataURL}, "", "")["connection"].(map[string]any)
	assert.Equal(t, idp.MetadataURL, c["idp_entity_id"], "the IdP's entity id is its metadata URL")
	assert.Equal(t, env.URL+"/emulator/idp/saml/"+id+"/sso", c["idp_sso_url"])
	require.Len(t, c["verification_certificates"], 1)
	assert.Equal(t, "pending", c["status"])

	status, m := b2bCall(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"attribute_mapping": map[string]any{"first_name": "first_name"}}, "", "")
	fails(t, status, m, 400, "saml_connection_email_mapping_required")
	status, m = b2bCall(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"attribute_mapping": map[string]any{"email": "email"}}, "", "")
	fails(t, status, m, 400, "saml_connection_name_mapping_required")
	c = b2bOK(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"attribute_mapping": samlMapping}, "", "")["connection"].(map[string]any)
	assert.Equal(t, "active", c["status"])
	org = b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+orgID, nil, "", "")["organization"].(map[string]any)
	assert.Equal(t, []any{map[string]any{"connection_id": id, "display_name": "Okta", "identity_provider": "okta"}}, org["sso_active_connections"])

	// verification certificates: at most 5, the last of an active connection stays
	for i := range 4 {
		b2bOK(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"x509_certificate": testCertificate(t, "IdP "+string(rune('A'+i)))}, "", "")
	}
	status, m = b2bCall(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"x509_certificate": testCertificate(t, "IdP F")}, "", "")
	fails(t, status, m, 400, "too_many_sso_verification_certificates")
	status, m = b2bCall(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"x509_certificate": "not a certificate"}, "", "")
	fails(t, status, m, 400, "invalid_x509_certificate")
	c = b2bOK(t, env, http.MethodGet, "/v1/b2b/sso/"+orgID, nil, "", "")["saml_connections"].([]any)[0].(map[string]any)
	certs := c["verification_certificates"].([]any)
	require.Len(t, certs, 5)
	for _, v := range certs[1:] {
		cid := v.(map[string]any)["certificate_id"].(string)
		assert.True(t, strings.HasPrefix(cid, "saml-verification-key-test-"), cid)
		m := b2bOK(t, env, http.MethodDelete, base+"/connections/"+id+"/verification_certificates/"+cid, nil, "", "")
		assert.Equal(t, cid, m["certificate_id"])
	}
	last := certs[0].(map[string]any)["certificate_id"].(string)
	status, m = b2bCall(t, env, http.MethodDelete, base+"/connections/"+id+"/verification_certificates/"+last, nil, "", "")
	fails(t, status, m, 400, "cannot_delete_last_sso_verification_key")
	status, m = b2bCall(t, env, http.MethodDelete, base+"/connections/"+id+"/verification_certificates/saml-verification-key-test-nope", nil, "", "")
	fails(t, status, m, 404, "sso_verification_key_not_found")

	// encryption keys: added from a PKCS#1 key, removed by id
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	keyPEM := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	c = b2bOK(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"saml_encryption_private_key": keyPEM,
		"signing_private_key": keyPEM}, "", "")["connection"].(map[string]any)
	keys := c["encryption_private_keys"].([]any)
	require.Len(t, keys, 1)
	kid := keys[0].(map[string]any)["private_key_id"].(string)
	assert.NotEqual(t, signing[0].(map[string]any)["certificate"], c["signing_certificates"].([]any)[0].(map[string]any)["certificate"],
		"a signing key replaces the connection's signing certificate")
	status, m = b2bCall(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"saml_encryption_private_key": "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"}, "", "")
	fails(t, status, m, 400, "invalid_sso_private_key")
	m = b2bOK(t, env, http.MethodDelete, base+"/connections/"+id+"/encryption_private_keys/"+kid, nil, "", "")
	assert.Equal(t, kid, m["private_key_id"])

	// the default connection cannot be deleted; others can
	b2bOK(t, env, http.MethodPut, "/v1/b2b/organizations/"+orgID, map[string]any{"sso_default_connection_id": id}, "", "")
	status, m = b2bCall(t, env, http.MethodDelete, "/v1/b2b/sso/"+orgID+"/connections/"+id, nil, "", "")
	fails(t, status, m, 400, "cannot_delete_default_sso_connection")
	status, m = b2bCall(t, env, http.MethodPut, "/v1/b2b/organizations/"+orgID, map[string]any{"sso_default_connection_id": "saml-connection-test-nope"}, "", "")
	fails(t, status, m, 400, "invalid_sso_default_connection_id")
	b2bOK(t, env, http.MethodPut, "/v1/b2b/organizations/"+orgID, map[string]any{"sso_default_connection_id": ""}, "", "")
	m = b2bOK(t, env, http.MethodDelete, "/v1/b2b/sso/"+orgID+"/connections/"+id, nil, "", "")
	assert.Equal(t, id, m["connection_id"])
	status, m = b2bCall(t, env, http.MethodDelete, "/v1/b2b/sso/"+orgID+"/connections/"+id, nil, "", "")
	fails(t, status, m, 404, "sso_connection_not_found")
	status, m = b2bCall(t, env, http.MethodPut, base+"/connections/"+id, map[string]any{"display_name": "x"}, "", "")
	fails(t, status, m, 404, "saml_connection_not_found")
	list := b2bOK(t, env, http.MethodGet, "/v1/b2b/sso/"+orgID, nil, "", "")
	assert.Empty(t, list["saml_connections"])
}

func TestSSOSAMLUpdateByURLFetchesOnlyItselfAndLoopback(t *testing.T) {
	env := b2bEnv(t)
	orgID := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})["organization_id"].(string)
	c := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/saml/"+orgID, map[string]any{}, "", "")["connection"].(map[string]any)
	id := c["connection_id"].(string)
	path := "/v1/b2b/sso/saml/" + orgID + "/connections/" + id + "/url"

	// a metadata document served by the test on a loopback address
	other := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/saml/"+orgID, map[string]any{}, "", "")["connection"].(map[string]any)
	_, doc := env.Do(t, http.MethodGet, strings.TrimPrefix(idpOf(t, env, other["connection_id"].(string)).MetadataURL, env.URL), nil)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/samlmetadata+xml")
		_, _ = w.Write(doc)
	}))
	defer srv.Close()
	c = b2bOK(t, env, http.MethodPut, path, map[string]any{"metadata_url": srv.URL + "/metadata"}, "", "")["connection"].(map[string]any)
	assert.Equal(t, env.URL+"/emulator/idp/saml/"+other["connection_id"].(string)+"/metadata", c["idp_entity_id"])

	for _, bad := range []string{"https://idp.example.com/metadata", "ftp://127.0.0.1/x", env.URL + "/emulator/idp/saml/saml-connection-test-nope/metadata"} {
		status, m := b2bCall(t, env, http.MethodPut, path, map[string]any{"metadata_url": bad}, "", "")
		assert.Equal(t, 400, status, bad)
		assert.Contains(t, []any{"invalid_saml_metadata_url", "invalid_xml_from_saml_metadata_url"}, m["error_type"], bad)
	}
	status, m := b2bCall(t, env, http.MethodPut, path, map[string]any{"metadata_url": "https://idp.example.com/metadata"}, "", "")
	fails(t, status, m, 400, "invalid_saml_metadata_url")
	assert.Contains(t, m["error_message"], "loopback")
}

func TestSSOSAMLLogin(t *testing.T) {
	env := b2bEnv(t)
	orgID := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})["organization_id"].(string)
	b2bOK(t, env, http.MethodPut, "/v1/b2b/rbac/organizations/"+orgID, map[string]any{"org_policy": map[string]any{"roles": []any{
		map[string]any{"role_id": "engineer", "description": "Engineers", "permissions": []any{}},
		map[string]any{"role_id": "sso_user", "description": "Anyone through SSO", "permissions": []any{}}}}}, "", "")
	c := activeSAML(t, env, orgID, map[string]any{
		"saml_connection_implicit_role_assignments": []any{map[string]any{"role_id": "sso_user"}},
		"saml_group_implicit_role_assignments":      []any{map[string]any{"role_id": "engineer", "group": "eng"}}})
	id := c["connection_id"].(string)
	setIdentity(t, env, id, map[string]any{"email": "Ada@Acme.example", "first_name": "Ada", "last_name": "Lovelace",
		"groups": []string{"eng", "ops"}, "attributes": map[string]any{"department": "R&D"}})

	verifier := "a-verifier-of-at-least-forty-three-characters-long-xyz"
	sum := sha256.Sum256([]byte(verifier))
	q := startQuery(id)
	q.Set("pkce_code_challenge", base64.RawURLEncoding.EncodeToString(sum[:]))
	status, body, loc := newBrowser(t, env).login(q)
	require.Equal(t, http.StatusFound, status, body)
	assert.Equal(t, "/signup", loc.Path, "a new Member lands on the sign-up URL")
	tok := ssoToken(t, loc)

	bad := b2bCall
	s, m := bad(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": tok}, "", "")
	fails(t, s, m, 400, "pkce_expected_code_verifier")
	auth := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": tok,
		"pkce_code_verifier": verifier, "session_duration_minutes": 30}, "", "")
	assert.Equal(t, true, auth["member_authenticated"])
	member := auth["member"].(map[string]any)
	assert.Equal(t, "ada@acme.example", member["email_address"])
	assert.Equal(t, "Ada Lovelace", member["name"])
	assert.Equal(t, "active", member["status"])
	regs := member["sso_registrations"].([]any)
	require.Len(t, regs, 1)
	reg := regs[0].(map[string]any)
	assert.Equal(t, id, reg["connection_id"])
	assert.Equal(t, "ada@acme.example", reg["external_id"], "the NameID (the subject defaults to the email)")
	assert.True(t, strings.HasPrefix(reg["registration_id"].(string), "saml-member-registration-test-"))
	assert.Equal(t, "R&D", reg["sso_attributes"].(map[string]any)["department"])
	roles := map[string][]any{}
	for _, r := range member["roles"].([]any) {
		r := r.(map[string]any)
		roles[r["role_id"].(string)] = r["sources"].([]any)
	}
	assert.Equal(t, []any{map[string]any{"type": "sso_connection", "details": map[string]any{"connection_id": id}}}, roles["sso_user"])
	assert.Equal(t, []any{map[string]any{"type": "sso_connection_group", "details": map[string]any{"connection_id": id, "group": "eng"}}}, roles["engineer"])
	sess := auth["member_session"].(map[string]any)
	assert.ElementsMatch(t, []any{"stytch_member", "sso_user", "engineer"}, sess["roles"])
	f := sess["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "sso", f["type"])
	assert.Equal(t, "sso_saml", f["delivery_method"])
	assert.Equal(t, map[string]any{"id": reg["registration_id"], "provider_id": id, "external_id": "ada@acme.example"}, f["saml_sso_factor"])

	// the token is single use
	s, m = bad(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": tok, "pkce_code_verifier": verifier}, "", "")
	fails(t, s, m, 404, "sso_token_not_found")

	// a magic-link session of the same Member does not carry the SSO Roles
	ml := memberLogin(t, env, orgID, "ada@acme.example")
	assert.Equal(t, []any{"stytch_member"}, ml["member_session"].(map[string]any)["roles"])

	// the second login finds the Member by its registration and lands on the login URL
	status, body, loc = newBrowser(t, env).login(startQuery(id))
	require.Equal(t, http.StatusFound, status, body)
	assert.Equal(t, "/login", loc.Path)
	auth = b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": ssoToken(t, loc)}, "", "")
	assert.Equal(t, member["member_id"], auth["member_id"])
	require.Len(t, auth["member"].(map[string]any)["sso_registrations"], 1)

	// by organization: the only active connection is used
	q = startQuery("")
	q.Del("connection_id")
	q.Set("organization_id", "acme")
	status, body, loc = newBrowser(t, env).login(q)
	require.Equal(t, http.StatusFound, status, body)
	ssoToken(t, loc)
}

func TestSSOSAMLRefusals(t *testing.T) {
	env := b2bEnv(t)
	orgID := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})["organization_id"].(string)
	id := activeSAML(t, env, orgID, nil)["connection_id"].(string)
	setIdentity(t, env, id, map[string]any{"email": "eve@acme.example", "first_name": "Eve", "last_name": "Doe"})

	// a tampered assertion (another email, same signature)
	br := newBrowser(t, env)
	br.form = func(v url.Values) {
		raw, err := base64.StdEncoding.DecodeString(v.Get("SAMLResponse"))
		require.NoError(t, err)
		changed := strings.ReplaceAll(string(raw), "eve@acme.example", "root@acme.example")
		require.NotEqual(t, string(raw), changed)
		v.Set("SAMLResponse", base64.StdEncoding.EncodeToString([]byte(changed)))
	}
	status, body, _ := br.login(startQuery(id))
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "invalid_signature_saml_response")

	// an expired assertion: the browser posts it five minutes later
	br = newBrowser(t, env)
	br.beforePost = func() {
		_, err := env.Server.Advance(5 * time.Minute)
		require.NoError(t, err)
	}
	status, body, _ = br.login(startQuery(id))
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "expired_saml_response")

	// a response replayed (posted twice): its login is over
	var posted url.Values
	br = newBrowser(t, env)
	br.form = func(v url.Values) { posted = v }
	status, body, loc := br.login(startQuery(id))
	require.Equal(t, http.StatusFound, status, body)
	ssoToken(t, loc)
	res, err := http.PostForm(env.URL+"/v1/b2b/sso/callback/"+id, posted)
	require.NoError(t, err)
	body = readAll(t, res)
	assert.Equal(t, 400, res.StatusCode)
	assert.Contains(t, body, "unsolicited_saml_response")

	// IdP-initiated responses are refused once the connection says so
	b2bOK(t, env, http.MethodPut, "/v1/b2b/sso/saml/"+orgID+"/connections/"+id, map[string]any{"idp_initiated_auth_disabled": true}, "", "")
	posted.Set("RelayState", "")
	res, err = http.PostForm(env.URL+"/v1/b2b/sso/callback/"+id, posted)
	require.NoError(t, err)
	body = readAll(t, res)
	assert.Equal(t, 400, res.StatusCode)
	assert.Contains(t, body, "unsolicited_saml_response")

	// a connection that does not trust the IdP's certificate
	other := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/saml/"+orgID, map[string]any{}, "", "")["connection"].(map[string]any)
	oid := other["connection_id"].(string)
	idp := idpOf(t, env, oid)
	b2bOK(t, env, http.MethodPut, "/v1/b2b/sso/saml/"+orgID+"/connections/"+oid, map[string]any{
		"idp_entity_id": idp.MetadataURL, "idp_sso_url": strings.TrimSuffix(idp.MetadataURL, "/metadata") + "/sso",
		"x509_certificate": testCertificate(t, "Someone else"), "attribute_mapping": samlMapping}, "", "")
	status, body, _ = newBrowser(t, env).login(startQuery(oid))
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "saml_certificate_mismatch")

	// unknown connections
	status, body, _ = newBrowser(t, env).login(startQuery("saml-connection-test-nope"))
	assert.Equal(t, 404, status)
	assert.Contains(t, body, "sso_connection_not_found")
	res, err = http.PostForm(env.URL+"/v1/b2b/sso/callback/saml-connection-test-nope", url.Values{"SAMLResponse": {"x"}})
	require.NoError(t, err)
	body = readAll(t, res)
	assert.Equal(t, 404, res.StatusCode)
	assert.Contains(t, body, "sso_connection_not_found")

	// JIT refused: NOT_ALLOWED, then RESTRICTED to another connection
	b2bOK(t, env, http.MethodPut, "/v1/b2b/organizations/"+orgID, map[string]any{"sso_jit_provisioning": "NOT_ALLOWED"}, "", "")
	setIdentity(t, env, id, map[string]any{"email": "newbie@acme.example", "first_name": "New", "last_name": "Bie"})
	for _, setting := range []map[string]any{{"sso_jit_provisioning": "NOT_ALLOWED"},
		{"sso_jit_provisioning": "RESTRICTED", "sso_jit_provisioning_allowed_connections": []string{oid}}} {
		b2bOK(t, env, http.MethodPut, "/v1/b2b/organizations/"+orgID, setting, "", "")
		status, body, loc = newBrowser(t, env).login(startQuery(id))
		require.Equal(t, http.StatusFound, status, body)
		s, m := b2bCall(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": ssoToken(t, loc)}, "", "")
		fails(t, s, m, 403, "invalid_connection_for_jit_provisioning")
	}
	b2bOK(t, env, http.MethodPut, "/v1/b2b/organizations/"+orgID, map[string]any{"sso_jit_provisioning_allowed_connections": []string{oid, id}}, "", "")
	status, body, loc = newBrowser(t, env).login(startQuery(id))
	require.Equal(t, http.StatusFound, status, body)
	m := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": ssoToken(t, loc)}, "", "")
	assert.Equal(t, true, m["member_authenticated"])
}

func TestSSOSAMLIdPInitiated(t *testing.T) {
	env := b2bEnv(t)
	orgID := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})["organization_id"].(string)
	id := activeSAML(t, env, orgID, nil)["connection_id"].(string)
	var posted url.Values
	br := newBrowser(t, env)
	br.form = func(v url.Values) { posted = v }
	status, body, loc := br.from(env.URL + "/emulator/idp/saml/" + id + "/login")
	require.Equal(t, http.StatusFound, status, body)
	assert.Equal(t, "localhost:3000", loc.Host, "an unsolicited login lands on the default redirect URL")
	auth := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/authenticate", map[string]any{"sso_token": ssoToken(t, loc)}, "", "")
	assert.Equal(t, "sso.user@example.com", auth["member"].(map[string]any)["email_address"], "the default identity")

	// the same response again is a replay
	res, err := http.PostForm(env.URL+"/v1/b2b/sso/callback/"+id, posted)
	require.NoError(t, err)
	body = readAll(t, res)
	assert.Equal(t, 400, res.StatusCode)
	assert.Contains(t, body, "duplicate_saml_response")
}

func TestSSOStartErrors(t *testing.T) {
	env := b2bEnv(t)
	orgID := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})["organization_id"].(string)
	pending := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/saml/"+orgID, map[string]any{}, "", "")["connection"].(map[string]any)
	start := func(q url.Values) (int, map[string]any) {
		return b2bCall(t, env, http.MethodGet, "/v1/public/sso/start?"+q.Encode(), nil, "", "")
	}
	q := startQuery("")
	q.Del("connection_id")
	s, m := start(q)
	fails(t, s, m, 400, "missing_sso_connection_locator")
	q = startQuery(pending["connection_id"].(string))
	s, m = start(q)
	fails(t, s, m, 400, "requires_active_sso_connection")
	q.Set("organization_id", orgID)
	s, m = start(q)
	fails(t, s, m, 400, "too_many_sso_connection_locators")
	q.Del("connection_id")
	s, m = start(q)
	fails(t, s, m, 400, "indeterminate_sso_connection_for_organization")
	q = startQuery(pending["connection_id"].(string))
	q.Set("login_redirect_url", "not a url")
	s, m = start(q)
	fails(t, s, m, 400, "invalid_login_sso_url")
}

func TestSSORBAC(t *testing.T) {
	env := b2bEnv(t)
	orgID := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})["organization_id"].(string)
	otherOrg := newOrg(t, env, map[string]any{"organization_name": "Other", "organization_slug": "other"})["organization_id"].(string)
	admin := adminSession(t, env, orgID, "admin@acme.example")
	newMember(t, env, orgID, map[string]any{"email_address": "bob@acme.example"})
	plain, _ := sessionOf(memberLogin(t, env, orgID, "bob@acme.example"))
	outsider := adminSession(t, env, otherOrg, "admin@other.example")

	c := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/saml/"+orgID, map[string]any{}, admin, "")["connection"].(map[string]any)
	id := c["connection_id"].(string)
	calls := []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/v1/b2b/sso/" + orgID, nil},
		{http.MethodPost, "/v1/b2b/sso/saml/" + orgID, map[string]any{}},
		{http.MethodPost, "/v1/b2b/sso/oidc/" + orgID, map[string]any{}},
		{http.MethodPut, "/v1/b2b/sso/saml/" + orgID + "/connections/" + id, map[string]any{"display_name": "x"}},
		{http.MethodDelete, "/v1/b2b/sso/saml/" + orgID + "/connections/" + id + "/verification_certificates/x", nil},
		{http.MethodDelete, "/v1/b2b/sso/saml/" + orgID + "/connections/" + id + "/encryption_private_keys/x", nil},
		{http.MethodPut, "/v1/b2b/sso/saml/" + orgID + "/connections/" + id + "/url", map[string]any{"metadata_url": "http://127.0.0.1:1/x"}},
		{http.MethodDelete, "/v1/b2b/sso/" + orgID + "/connections/" + id, nil},
	}
	for _, call := range calls {
		s, m := b2bCall(t, env, call.method, call.path, call.body, plain, "")
		fails(t, s, m, 403, "session_authorization_error")
		s, m = b2bCall(t, env, call.method, call.path, call.body, outsider, "")
		fails(t, s, m, 403, "session_authorization_tenancy_error")
	}
	b2bOK(t, env, http.MethodGet, "/v1/b2b/sso/"+orgID, nil, admin, "")
	b2bOK(t, env, http.MethodPut, "/v1/b2b/sso/saml/"+orgID+"/connections/"+id, map[string]any{"display_name": "x"}, admin, "")
	b2bOK(t, env, http.MethodDelete, "/v1/b2b/sso/"+orgID+"/connections/"+id, nil, admin, "")
}
