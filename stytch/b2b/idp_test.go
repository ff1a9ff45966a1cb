package b2b_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

func TestIDPIntrospectTokenNetwork(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	var form map[string][]string
	var hadAuth bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		hits[r.URL.Path]++
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/public/" + fakeProjectID + "/oauth2/introspect":
			_, _, hadAuth = r.BasicAuth()
			_ = r.ParseForm()
			form = r.PostForm
			_ = json.NewEncoder(w).Encode(map[string]any{"active": r.PostForm.Get("token") == "live", "scope": "read:documents openid",
				"sub": "member-test-1", "client_id": "connected-app-test-1", "request_id": "request-id-test-1", "status_code": 200,
				"https://stytch.com/organization": map[string]any{"organization_id": testOrg, "slug": "acme"}})
		case "/v1/b2b/rbac/policy":
			_ = json.NewEncoder(w).Encode(map[string]any{"request_id": "request-id-test-2", "status_code": 200,
				"policy": b2b.Policy{Scopes: []b2b.PolicyScope{{Scope: "read:documents",
					Permissions: []b2b.PolicyScopePermission{{ResourceID: "documents", Actions: []string{"read"}}}}}}})
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c, err := b2b.NewClient(fakeProjectID, fakeSecret, stytch.WithBaseURL(srv.URL))
	require.NoError(t, err)
	defer c.Close()
	ctx := context.Background()
	introspect := func(token string, check *b2b.AuthorizationCheck) (*b2b.IDPIntrospectTokenNetworkResponse, error) {
		return c.IDP.IntrospectTokenNetwork(ctx, &b2b.IDPIntrospectTokenNetworkParams{
			Form: stytch.IDPIntrospectTokenNetworkForm{Token: token, ClientID: new("connected-app-test-1")}, AuthorizationCheck: check})
	}

	r, err := introspect("live", nil)
	require.NoError(t, err)
	assert.True(t, r.Active)
	assert.Equal(t, testOrg, b2b.TokenOrganizationID(r))
	assert.False(t, hadAuth, "client credentials only")
	assert.Equal(t, map[string][]string{"token": {"live"}, "client_id": {"connected-app-test-1"}}, form, "the check is never sent")

	r, err = introspect("live", &b2b.AuthorizationCheck{OrganizationID: testOrg, ResourceID: "documents", Action: "read"})
	require.NoError(t, err)
	assert.True(t, r.Active)

	_, err = introspect("live", &b2b.AuthorizationCheck{OrganizationID: testOrg, ResourceID: "documents", Action: "delete"})
	requireRefusal(t, err, stytch.ErrorTypeScopeAuthorizationError)
	_, err = introspect("live", &b2b.AuthorizationCheck{OrganizationID: "organization-test-other", ResourceID: "documents", Action: "read"})
	requireRefusal(t, err, b2b.ErrorTypeSessionAuthorizationTenancyError)

	r, err = introspect("revoked", &b2b.AuthorizationCheck{OrganizationID: testOrg, ResourceID: "documents", Action: "delete"})
	require.NoError(t, err, "an inactive token is reported, not authorized")
	assert.False(t, r.Active)

	mu.Lock()
	assert.Equal(t, 1, hits["/v1/b2b/rbac/policy"], "the B2B project policy, cached")
	mu.Unlock()

	var ve *stytch.ValidationError
	_, err = c.IDP.IntrospectTokenNetwork(ctx, nil)
	require.ErrorAs(t, err, &ve)
	_, err = introspect("live", &b2b.AuthorizationCheck{ResourceID: "documents", Action: "read"})
	require.ErrorAs(t, err, &ve, "the check names the Organization")
	assert.Empty(t, b2b.TokenOrganizationID(nil))
}
