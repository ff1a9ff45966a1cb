package recording

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sampleJWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLXRlc3QtMSJ9.c2lnbmF0dXJlLWJ5dGVz"

func decode(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

// TestRedactEverySecretKey checks, for every secret key, that strings,
// numbers, string arrays and nested objects under it are replaced while
// keeping their JSON type, and that empty strings and null are kept.
func TestRedactEverySecretKey(t *testing.T) {
	for _, key := range SecretKeys() {
		t.Run(key, func(t *testing.T) {
			in := `{"` + key + `":"s3cr3t-value","nested":{"` + key + `":["a","b"]},"num":{"` + key + `":123456},` +
				`"obj":{"` + key + `":{"inner":"x","n":7,"ok":true}},"empty":{"` + key + `":""},"null":{"` + key + `":null}}`
			out, err := RedactJSON([]byte(in))
			require.NoError(t, err)
			m := decode(t, out)
			assert.Equal(t, Placeholder, m[key])
			assert.Equal(t, []any{Placeholder, Placeholder}, m["nested"].(map[string]any)[key])
			assert.Equal(t, float64(0), m["num"].(map[string]any)[key])
			assert.Equal(t, map[string]any{"inner": Placeholder, "n": float64(0), "ok": true}, m["obj"].(map[string]any)[key])
			assert.Equal(t, "", m["empty"].(map[string]any)[key], "an empty string holds no secret")
			assert.Nil(t, m["null"].(map[string]any)[key])
			assert.NotContains(t, string(out), "s3cr3t-value")
			assert.NotContains(t, string(out), "123456")
		})
	}
}

func TestRedactKeepsOrdinaryFields(t *testing.T) {
	in := `{"status_code":200,"password_id":"password-test-1","email":"a@b.c","session_id":"session-test-1",` +
		`"big":12345678901234567890,"SESSION_TOKEN":"upper","verified":true,"x":null}`
	out, err := RedactJSON([]byte(in))
	require.NoError(t, err)
	m := decode(t, out)
	assert.Equal(t, float64(200), m["status_code"])
	assert.Equal(t, "password-test-1", m["password_id"])
	assert.Equal(t, "a@b.c", m["email"])
	assert.Equal(t, "session-test-1", m["session_id"])
	assert.Contains(t, string(out), "12345678901234567890", "numbers keep their exact text")
	assert.Equal(t, Placeholder, m["SESSION_TOKEN"], "keys match case-insensitively")
	assert.Equal(t, true, m["verified"])
}

func TestRedactJWTAnywhere(t *testing.T) {
	out, err := RedactJSON([]byte(`{"note":"` + sampleJWT + `","list":["` + sampleJWT + `","plain"]}`))
	require.NoError(t, err)
	assert.NotContains(t, string(out), "eyJ")
	m := decode(t, out)
	assert.Equal(t, Placeholder, m["note"])
	assert.Equal(t, []any{Placeholder, "plain"}, m["list"])
	assert.False(t, LooksLikeJWT("eyJ.short"))
	assert.False(t, LooksLikeJWT("request-id-test-1.2.3"))
}

func TestRedactJSONRejectsBadInput(t *testing.T) {
	_, err := RedactJSON([]byte(`{"a":`))
	require.Error(t, err)
	_, err = RedactJSON([]byte(`{} {}`))
	require.Error(t, err)
}

func TestRedactFormAndQuery(t *testing.T) {
	out, err := RedactForm(url.Values{"client_id": {"m2m-client-test-1"}, "client_secret": {"shh"}, "scope": {"a", "b"}})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"client_id": "m2m-client-test-1", "client_secret": Placeholder, "scope": []any{"a", "b"}}, decode(t, out))

	q, err := url.ParseQuery(RedactQuery("user_id=user-test-1&token=abc&x=" + sampleJWT))
	require.NoError(t, err)
	assert.Equal(t, "user-test-1", q.Get("user_id"))
	assert.Equal(t, Placeholder, q.Get("token"))
	assert.Equal(t, Placeholder, q.Get("x"))
	assert.Equal(t, Placeholder, RedactQuery("%zz"), "an unparsable query is replaced whole")
	assert.Empty(t, RedactQuery(""))
}

// TestRedactSecretsInsideURLs covers URL-valued strings that carry a secret in
// their query or fragment: an IdP redirect with the authorization code, a
// magic link with its token, an implicit-grant fragment.
func TestRedactSecretsInsideURLs(t *testing.T) {
	for in, want := range map[string]string{
		"https://app.example/cb?code=abc123&state=s1":                      "https://app.example/cb?code=%5Bredacted%5D&state=s1",
		"https://app.example/auth?stytch_token_type=magic_links&token=tok": "https://app.example/auth?stytch_token_type=magic_links&token=%5Bredacted%5D",
		"https://app.example/cb#access_token=at&token_type=bearer":         "https://app.example/cb#access_token=%5Bredacted%5D&token_type=bearer",
		"https://app.example/cb?state=s1":                                  "https://app.example/cb?state=s1",
		"not a url ? a=b":                                                  "not a url ? a=b",
	} {
		got := Redact(map[string]any{"redirect_uri": in})
		assert.Equal(t, map[string]any{"redirect_uri": want}, got, in)
	}
}
