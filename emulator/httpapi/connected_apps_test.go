package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

// createApp makes a Connected App and returns the connected_app object.
func createApp(t *testing.T, env *emutest.Env, body map[string]any) map[string]any {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/connected_apps/clients", body)
	require.Equal(t, http.StatusCreated, status, m)
	return m["connected_app"].(map[string]any)
}

// introspect calls the RFC 7662 endpoint as a client.
func introspect(t *testing.T, env *emutest.Env, clientID, secret, token string) (int, map[string]any) {
	t.Helper()
	form := url.Values{"token": {token}, "client_id": {clientID}}
	if secret != "" {
		form.Set("client_secret", secret)
	}
	return postForm(t, env, introspectPath(env), form)
}

func TestConnectedAppLifecycle(t *testing.T) {
	env := emutest.New(t)
	app := createApp(t, env, map[string]any{"client_type": "first_party", "client_name": "Docs",
		"client_description": "docs editor", "redirect_urls": []string{"https://docs.example/callback"},
		"full_access_allowed": true, "logo_url": "https://docs.example/logo.png"})
	id, secret := app["client_id"].(string), app["client_secret"].(string)
	assert.Regexp(t, `^connected-app-test-[0-9a-f-]{36}$`, id)
	assert.Regexp(t, `^secret-test-`, secret)
	assert.Equal(t, secret[len(secret)-4:], app["client_secret_last_four"])
	assert.EqualValues(t, 60, app["access_token_expiry_minutes"], "default lifetime")
	assert.Equal(t, "active", app["status"])

	pub := createApp(t, env, map[string]any{"client_type": "third_party_public", "client_name": "CLI"})
	assert.Equal(t, "", pub["client_secret"], "public clients have no secret")
	assert.Equal(t, "", pub["client_secret_last_four"])

	status, g := env.DoJSON(t, http.MethodGet, "/v1/connected_apps/clients/"+id, nil)
	require.Equal(t, http.StatusOK, status, g)
	assert.NotContains(t, g["connected_app"], "client_secret")
	assert.Equal(t, "first_party", g["connected_app"].(map[string]any)["client_type"])

	status, u := env.DoJSON(t, http.MethodPut, "/v1/connected_apps/clients/"+id, map[string]any{
		"client_name": "Docs 2", "access_token_expiry_minutes": 15, "redirect_urls": []string{"https://docs.example/cb2"}})
	require.Equal(t, http.StatusOK, status, u)
	uc := u["connected_app"].(map[string]any)
	assert.Equal(t, "Docs 2", uc["client_name"])
	assert.Equal(t, "docs editor", uc["client_description"])
	assert.EqualValues(t, 15, uc["access_token_expiry_minutes"])
	assert.Equal(t, []any{"https://docs.example/cb2"}, uc["redirect_urls"])

	for _, tc := range []struct {
		body map[string]any
		typ  string
	}{
		{map[string]any{"redirect_urls": []string{"not a url"}}, "invalid_redirect_url"},
		{map[string]any{"access_token_expiry_minutes": 0}, "invalid_access_token_expiry_minutes"},
	} {
		status, m := env.DoJSON(t, http.MethodPut, "/v1/connected_apps/clients/"+id, tc.body)
		assert.Equal(t, http.StatusBadRequest, status, tc.body)
		assert.Equal(t, tc.typ, m["error_type"], tc.body)
	}

	status, r := env.DoJSON(t, http.MethodPost, "/v1/connected_apps/clients/"+pub["client_id"].(string)+"/secrets/rotate/start", nil)
	assert.Equal(t, http.StatusBadRequest, status, "public clients have no secret to rotate")
	assert.Equal(t, "invalid_client_type", r["error_type"])

	status, d := env.DoJSON(t, http.MethodDelete, "/v1/connected_apps/clients/"+id, nil)
	require.Equal(t, http.StatusOK, status, d)
	assert.Equal(t, id, d["client_id"])
	status, g = env.DoJSON(t, http.MethodGet, "/v1/connected_apps/clients/"+id, nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "connected_app_not_found", g["error_type"])
}

func TestConnectedAppSearchPaging(t *testing.T) {
	env := emutest.New(t)
	var ids []string
	for i := range 3 {
		ids = append(ids, createApp(t, env, map[string]any{"client_type": "third_party",
			"client_name": fmt.Sprintf("app-%d", i)})["client_id"].(string))
		env.Server.Advance(time.Second)
	}
	status, m := env.DoJSON(t, http.MethodPost, "/v1/connected_apps/clients/search", map[string]any{"limit": 2})
	require.Equal(t, http.StatusOK, status, m)
	meta := m["results_metadata"].(map[string]any)
	assert.EqualValues(t, 3, meta["total"])
	require.NotNil(t, meta["next_cursor"])
	page1 := m["connected_apps"].([]any)
	status, m = env.DoJSON(t, http.MethodPost, "/v1/connected_apps/clients/search", map[string]any{"limit": 2, "cursor": meta["next_cursor"]})
	require.Equal(t, http.StatusOK, status, m)
	assert.Nil(t, m["results_metadata"].(map[string]any)["next_cursor"], "null on the last page")
	var seen []string
	for _, a := range append(page1, m["connected_apps"].([]any)...) {
		seen = append(seen, a.(map[string]any)["client_id"].(string))
	}
	assert.Equal(t, ids, seen)
}

func TestConnectedAppSecretRotation(t *testing.T) {
	env := emutest.New(t)
	app := createApp(t, env, map[string]any{"client_type": "third_party", "redirect_urls": []string{"https://x.example/cb"}})
	id, old := app["client_id"].(string), app["client_secret"].(string)
	rot := "/v1/connected_apps/clients/" + id + "/secrets/rotate"

	// introspection authenticates the client, so it shows which secrets work
	svc := flowsOf(env)
	works := func(secret string) bool {
		_, err := svc.IntrospectToken(flows.IntrospectRequest{ProjectID: env.Server.ProjectID(), ClientID: id,
			ClientSecret: secret, Token: "not-a-token"})
		return err == nil
	}
	require.True(t, works(old))
	assert.False(t, works("secret-test-wrong"))

	status, r := env.DoJSON(t, http.MethodPost, rot+"/start", nil)
	require.Equal(t, http.StatusOK, status, r)
	next := r["connected_app"].(map[string]any)["next_client_secret"].(string)
	assert.Equal(t, next[len(next)-4:], r["connected_app"].(map[string]any)["next_client_secret_last_four"])
	assert.True(t, works(old))
	assert.True(t, works(next))

	status, r = env.DoJSON(t, http.MethodPost, rot+"/cancel", nil)
	require.Equal(t, http.StatusOK, status, r)
	assert.False(t, works(next))

	_, r = env.DoJSON(t, http.MethodPost, rot+"/start", nil)
	next = r["connected_app"].(map[string]any)["next_client_secret"].(string)
	status, r = env.DoJSON(t, http.MethodPost, rot, nil)
	require.Equal(t, http.StatusOK, status, r)
	assert.Equal(t, next[len(next)-4:], r["connected_app"].(map[string]any)["client_secret_last_four"])
	assert.False(t, works(old), "the old secret stops working after complete")
	assert.True(t, works(next))
	status, r = env.DoJSON(t, http.MethodPost, rot, nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "no_secret_rotation_in_progress", r["error_type"])
}
