package emulator_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// TestStateFileRoundTrip saves users, sessions and the signing key, then
// starts a new emulator from the file: the session still authenticates and
// the JWKS (kid and key) is unchanged, so JWTs minted before the restart
// still verify.
func TestStateFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	first := emutest.New(t, func(c *emulator.Config) { c.StateFile = path; c.SigningKey = nil })
	status, m := first.DoJSON(t, http.MethodPost, "/v1/users", map[string]any{"email": "keep@example.com", "external_id": "keep-1",
		"trusted_metadata": map[string]any{"plan": "pro"}})
	require.Equal(t, http.StatusCreated, status, m)
	first.DoJSON(t, http.MethodPost, "/v1/otps/email/send", map[string]any{"email": "keep@example.com"})
	msg := first.LastMessage(t, "keep@example.com")
	status, a := first.DoJSON(t, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code,
		"session_duration_minutes": 60})
	require.Equal(t, http.StatusOK, status, a)
	_, jwks1 := first.DoJSON(t, http.MethodGet, "/v1/sessions/jwks/"+first.Server.ProjectID(), nil)
	require.NoError(t, first.Server.Close())

	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the state holds secrets")
	leftovers, _ := filepath.Glob(path + ".*.tmp")
	assert.Empty(t, leftovers, "atomic write leaves no temp file")

	second := emutest.New(t, func(c *emulator.Config) { c.StateFile = path; c.SigningKey = nil })
	status, g := second.DoJSON(t, http.MethodGet, "/v1/users/keep-1", nil)
	require.Equal(t, http.StatusOK, status, g)
	assert.Equal(t, map[string]any{"plan": "pro"}, g["trusted_metadata"])
	assert.Equal(t, true, g["emails"].([]any)[0].(map[string]any)["verified"])
	status, r := second.DoJSON(t, http.MethodPost, "/v1/sessions/authenticate", map[string]any{"session_jwt": a["session_jwt"]})
	require.Equal(t, http.StatusOK, status, r)
	_, jwks2 := second.DoJSON(t, http.MethodGet, "/v1/sessions/jwks/"+second.Server.ProjectID(), nil)
	assert.Equal(t, jwks1["keys"], jwks2["keys"])
	assert.Len(t, second.Server.Messages("keep@example.com"), 1, "the outbox survives too")
}

func TestStateFileCorruptIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o600))
	_, err := emulator.Open(emulator.Config{StateFile: path, SigningKey: emutest.SharedKey()})
	assert.Error(t, err)
}
