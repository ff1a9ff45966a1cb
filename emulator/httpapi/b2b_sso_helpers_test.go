package httpapi_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// ssoIdP is what the control plane tells about a connection's emulated IdP.
type ssoIdP struct {
	MetadataURL, Issuer, ClientID, ClientSecret string
}

// idpOf reads the emulated IdP's registration of a connection.
func idpOf(t *testing.T, env *emutest.Env, connID string) ssoIdP {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodGet, "/emulator/v1/sso/idp/"+connID, nil)
	ok(t, status, m)
	return ssoIdP{MetadataURL: m["saml_metadata_url"].(string), Issuer: m["oidc_issuer"].(string),
		ClientID: m["oidc_client_id"].(string), ClientSecret: m["oidc_client_secret"].(string)}
}

// setIdentity sets who signs in at a connection's emulated IdP.
func setIdentity(t *testing.T, env *emutest.Env, connID string, ident map[string]any) {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPut, "/emulator/v1/sso/idp/"+connID+"/identity", ident)
	ok(t, status, m)
}

// samlMapping is the attribute mapping of the emulated IdP's attributes.
var samlMapping = map[string]any{"email": "email", "first_name": "first_name", "last_name": "last_name", "groups": "groups"}

// activeSAML creates a SAML connection of orgID configured against the
// emulated IdP (metadata URL, then the attribute mapping) and returns it.
func activeSAML(t *testing.T, env *emutest.Env, orgID string, extra map[string]any) map[string]any {
	t.Helper()
	c := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/saml/"+orgID, map[string]any{"display_name": "Okta"}, "", "")["connection"].(map[string]any)
	id := c["connection_id"].(string)
	b2bOK(t, env, http.MethodPut, "/v1/b2b/sso/saml/"+orgID+"/connections/"+id+"/url",
		map[string]any{"metadata_url": idpOf(t, env, id).MetadataURL}, "", "")
	body := map[string]any{"attribute_mapping": samlMapping}
	for k, v := range extra {
		body[k] = v
	}
	c = b2bOK(t, env, http.MethodPut, "/v1/b2b/sso/saml/"+orgID+"/connections/"+id, body, "", "")["connection"].(map[string]any)
	require.Equal(t, "active", c["status"])
	return c
}

// activeOIDC creates an OIDC connection of orgID configured against the
// emulated IdP (issuer and client credentials; endpoints by discovery).
func activeOIDC(t *testing.T, env *emutest.Env, orgID string) map[string]any {
	t.Helper()
	c := b2bOK(t, env, http.MethodPost, "/v1/b2b/sso/oidc/"+orgID, map[string]any{"display_name": "Entra"}, "", "")["connection"].(map[string]any)
	id := c["connection_id"].(string)
	idp := idpOf(t, env, id)
	m := b2bOK(t, env, http.MethodPut, "/v1/b2b/sso/oidc/"+orgID+"/connections/"+id, map[string]any{"issuer": idp.Issuer,
		"client_id": idp.ClientID, "client_secret": idp.ClientSecret}, "", "")
	require.Nil(t, m["warning"], "discovery: %v", m["warning"])
	c = m["connection"].(map[string]any)
	require.Equal(t, "active", c["status"])
	return c
}

// startQuery is the query of an SSO start URL for a connection.
func startQuery(connID string) url.Values {
	return url.Values{"connection_id": {connID}, "public_token": {testPublicToken},
		"login_redirect_url": {"https://app.example.com/login"}, "signup_redirect_url": {"https://app.example.com/signup"}}
}

// browser follows an SSO login as a browser does: redirects within the
// emulator, and the auto-posting form of a SAML IdP. It stops at the first
// redirect away from the emulator (the app's redirect URL) or at an error.
type browser struct {
	t      *testing.T
	env    *emutest.Env
	client *http.Client
	// form, when set, may change the SAML form before it is posted.
	form func(url.Values)
	// beforePost runs just before the form is posted (e.g. to advance the
	// emulator's clock).
	beforePost func()
}

func newBrowser(t *testing.T, env *emutest.Env) *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &browser{t: t, env: env, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var (
	formAction = regexp.MustCompile(`<form[^>]*action="([^"]*)"`)
	formInput  = regexp.MustCompile(`<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"`)
)

// login starts at the start URL with q and returns the final redirect
// (status 302 away from the emulator) or the error answer (status, body).
func (b *browser) login(q url.Values) (int, string, *url.URL) {
	b.t.Helper()
	return b.from(b.env.URL + "/v1/public/sso/start?" + q.Encode())
}

// from is login starting at any URL of the emulator.
func (b *browser) from(start string) (int, string, *url.URL) {
	b.t.Helper()
	next, _ := url.Parse(start)
	method := http.MethodGet
	var body url.Values
	for range 10 {
		var req *http.Request
		var err error
		if method == http.MethodPost {
			req, err = http.NewRequestWithContext(context.Background(), method, next.String(), strings.NewReader(body.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			req, err = http.NewRequestWithContext(context.Background(), method, next.String(), nil)
		}
		require.NoError(b.t, err)
		res, err := b.client.Do(req)
		require.NoError(b.t, err)
		raw := readAll(b.t, res)
		switch {
		case res.StatusCode == http.StatusFound || res.StatusCode == http.StatusSeeOther:
			loc, err := next.Parse(res.Header.Get("Location"))
			require.NoError(b.t, err)
			if !strings.HasPrefix(loc.String(), b.env.URL) {
				return res.StatusCode, "", loc
			}
			next, method = loc, http.MethodGet
		case res.StatusCode == http.StatusOK && strings.Contains(raw, "<form"):
			action := formAction.FindStringSubmatch(raw)
			require.NotNil(b.t, action, raw)
			loc, err := next.Parse(html.UnescapeString(action[1]))
			require.NoError(b.t, err)
			body = url.Values{}
			for _, in := range formInput.FindAllStringSubmatch(raw, -1) {
				body.Set(html.UnescapeString(in[1]), html.UnescapeString(in[2]))
			}
			if b.form != nil {
				b.form(body)
			}
			if b.beforePost != nil {
				b.beforePost()
			}
			next, method = loc, http.MethodPost
		default:
			return res.StatusCode, raw, nil
		}
	}
	b.t.Fatal("too many redirects")
	return 0, "", nil
}

// token returns the SSO token of a final redirect.
func ssoToken(t *testing.T, loc *url.URL) string {
	t.Helper()
	require.NotNil(t, loc)
	require.Equal(t, "sso", loc.Query().Get("stytch_token_type"), loc.String())
	tok := loc.Query().Get("token")
	require.NotEmpty(t, tok)
	return tok
}

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return string(raw)
}

// adminSession creates an admin Member of orgID and returns its session
// token.
func adminSession(t *testing.T, env *emutest.Env, orgID, email string) string {
	t.Helper()
	newMember(t, env, orgID, map[string]any{"email_address": email, "roles": []string{"stytch_admin"}})
	tok, _ := sessionOf(memberLogin(t, env, orgID, email))
	return tok
}
