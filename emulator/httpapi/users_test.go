package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// createUser makes a user over HTTP and returns the response body.
func createUser(t *testing.T, env *emutest.Env, body map[string]any) map[string]any {
	t.Helper()
	status, m := env.DoJSON(t, http.MethodPost, "/v1/users", body)
	require.Equal(t, http.StatusCreated, status, m)
	return m
}

func TestUsersCreateGetUpdateDelete(t *testing.T) {
	env := emutest.New(t)
	m := createUser(t, env, map[string]any{"email": "Ada@Example.com", "phone_number": "+12025550123",
		"name": map[string]any{"first_name": "Ada"}, "external_id": "ext-1",
		"trusted_metadata": map[string]any{"plan": "pro", "seats": 3}, "create_user_as_pending": true})
	id := m["user_id"].(string)
	assert.Regexp(t, `^user-test-[0-9a-f-]{36}$`, id)
	assert.Regexp(t, `^email-test-`, m["email_id"])
	assert.Regexp(t, `^phone-number-test-`, m["phone_id"])
	assert.Equal(t, "pending", m["status"])
	assert.EqualValues(t, 201, m["status_code"])

	// get by user_id and by external_id
	for _, key := range []string{id, "ext-1"} {
		status, g := env.DoJSON(t, http.MethodGet, "/v1/users/"+key, nil)
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, id, g["user_id"])
		assert.Equal(t, "ada@example.com", g["emails"].([]any)[0].(map[string]any)["email"])
		assert.Nil(t, g["password"])
	}

	// metadata merge: top-level keys replace, null deletes
	status, u := env.DoJSON(t, http.MethodPut, "/v1/users/"+id, map[string]any{
		"trusted_metadata": map[string]any{"plan": nil, "region": "eu"}, "name": map[string]any{"last_name": "Lovelace"}})
	require.Equal(t, http.StatusOK, status, u)
	user := u["user"].(map[string]any)
	assert.Equal(t, map[string]any{"seats": float64(3), "region": "eu"}, user["trusted_metadata"])
	assert.Equal(t, map[string]any{"first_name": "Ada", "middle_name": "", "last_name": "Lovelace"}, user["name"], "name parts merge")

	status, d := env.DoJSON(t, http.MethodDelete, "/v1/users/"+id, nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, id, d["user_id"])
	status, g := env.DoJSON(t, http.MethodGet, "/v1/users/"+id, nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "user_not_found", g["error_type"])
}

func TestUsersUniqueness(t *testing.T) {
	env := emutest.New(t)
	createUser(t, env, map[string]any{"email": "a@example.com", "phone_number": "+12025550100", "external_id": "x"})
	for _, tc := range []struct {
		body map[string]any
		typ  string
	}{
		{map[string]any{"email": "A@example.com"}, "duplicate_email"},
		{map[string]any{"phone_number": "+12025550100"}, "duplicate_phone_number"},
		{map[string]any{"email": "b@example.com", "external_id": "x"}, "duplicate_external_id"},
		{map[string]any{"email": "b@example.com", "external_id": "bad id!"}, "invalid_external_id"},
		{map[string]any{"email": "not-an-email"}, "invalid_email"},
	} {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/users", tc.body)
		assert.Equal(t, http.StatusBadRequest, status, tc.body)
		assert.Equal(t, tc.typ, m["error_type"], tc.body)
	}
	// external_id can be moved to another user only after it is freed
	other := createUser(t, env, map[string]any{"email": "c@example.com"})["user_id"].(string)
	status, m := env.DoJSON(t, http.MethodPut, "/v1/users/"+other, map[string]any{"external_id": "x"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "duplicate_external_id", m["error_type"])
	status, m = env.DoJSON(t, http.MethodDelete, "/v1/users/x/external_id", nil)
	require.Equal(t, http.StatusOK, status, m)
	assert.Nil(t, m["user"].(map[string]any)["external_id"])
	status, _ = env.DoJSON(t, http.MethodPut, "/v1/users/"+other, map[string]any{"external_id": "x"})
	assert.Equal(t, http.StatusOK, status)
}

func TestUsersDeleteFactorsAndExchange(t *testing.T) {
	env := emutest.New(t)
	m := createUser(t, env, map[string]any{"email": "f@example.com", "phone_number": "+12025550111"})
	id := m["user_id"].(string)
	status, r := env.DoJSON(t, http.MethodPut, "/v1/users/"+id+"/exchange_primary_factor", map[string]any{"email_address": "g@example.com"})
	assert.Equal(t, http.StatusBadRequest, status, "two factors: cannot exchange")
	assert.Equal(t, "cannot_exchange_primary_factor", r["error_type"])

	status, r = env.DoJSON(t, http.MethodDelete, "/v1/users/phone_numbers/"+m["phone_id"].(string), nil)
	require.Equal(t, http.StatusOK, status, r)
	assert.Empty(t, r["user"].(map[string]any)["phone_numbers"])
	status, r = env.DoJSON(t, http.MethodDelete, "/v1/users/phone_numbers/"+m["phone_id"].(string), nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "phone_number_not_found", r["error_type"])

	status, r = env.DoJSON(t, http.MethodPut, "/v1/users/"+id+"/exchange_primary_factor", map[string]any{"phone_number": "+12025550112"})
	require.Equal(t, http.StatusOK, status, r)
	u := r["user"].(map[string]any)
	assert.Empty(t, u["emails"])
	assert.Equal(t, "+12025550112", u["phone_numbers"].([]any)[0].(map[string]any)["phone_number"])

	for _, path := range []string{"emails/email-test-x", "webauthn_registrations/webauthn-registration-test-x",
		"biometric_registrations/biometric-registration-test-x", "totps/totp-test-x", "crypto_wallets/crypto-wallet-test-x",
		"passwords/password-test-x", "oauth/oauth-user-registration-test-x"} {
		status, r := env.DoJSON(t, http.MethodDelete, "/v1/users/"+path, nil)
		assert.Equal(t, http.StatusNotFound, status, path)
		assert.Contains(t, r["error_type"], "_not_found", path)
	}
}

func TestUsersSearch(t *testing.T) {
	env := emutest.New(t)
	for i := range 5 {
		body := map[string]any{"email": fmt.Sprintf("s%d@example.com", i), "name": map[string]any{"first_name": fmt.Sprintf("Name%d", i)}}
		if i%2 == 0 {
			body["create_user_as_pending"] = true
		}
		createUser(t, env, body)
	}
	search := func(q map[string]any) map[string]any {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/users/search", q)
		require.Equal(t, http.StatusOK, status, m)
		return m
	}
	m := search(map[string]any{"query": map[string]any{"operator": "AND", "operands": []any{
		map[string]any{"filter_name": "status", "filter_value": "pending"},
		map[string]any{"filter_name": "email_address", "filter_value": []any{"s0@example.com", "s1@example.com"}}}}})
	assert.Len(t, m["results"], 1)
	m = search(map[string]any{"query": map[string]any{"operator": "OR", "operands": []any{
		map[string]any{"filter_name": "full_name_fuzzy", "filter_value": "name1"},
		map[string]any{"filter_name": "email_address_fuzzy", "filter_value": "s3@"}}}})
	assert.Len(t, m["results"], 2)

	// pagination: 2 per page over 5 users
	var seen []string
	cursor := ""
	for range 5 {
		q := map[string]any{"limit": 2}
		if cursor != "" {
			q["cursor"] = cursor
		}
		m := search(q)
		meta := m["results_metadata"].(map[string]any)
		assert.EqualValues(t, 5, meta["total"])
		for _, u := range m["results"].([]any) {
			seen = append(seen, u.(map[string]any)["user_id"].(string))
		}
		if meta["next_cursor"] == nil {
			break
		}
		cursor = meta["next_cursor"].(string)
	}
	assert.Len(t, seen, 5)

	status, bad := env.DoJSON(t, http.MethodPost, "/v1/users/search", map[string]any{"query": map[string]any{"operator": "AND",
		"operands": []any{map[string]any{"filter_name": "shoe_size", "filter_value": "9"}}}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_search_filter", bad["error_type"])
}
