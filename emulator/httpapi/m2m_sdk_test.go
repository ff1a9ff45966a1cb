package httpapi_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/stytch"
)

// TestM2MWithSDK runs the M2M flow with this repository's client: create a
// client, get a token, verify it locally against the emulator's JWKS with
// the emulator clock, and see a missing scope refused.
func TestM2MWithSDK(t *testing.T) {
	env := emutest.New(t)
	c, err := stytch.NewClient(env.Server.ProjectID(), env.Server.Secret(), stytch.WithBaseURL(env.URL),
		stytch.WithHTTPClient(env.HTTPClient), stytch.WithClock(env.Server.Now), stytch.WithoutRetries())
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	ctx := context.Background()

	created, err := c.M2M.Clients.Create(ctx, &stytch.M2MClientsCreateParams{Scopes: []string{"read:users", "write:users"}})
	require.NoError(t, err)
	mc := created.M2mClient

	tok, err := c.M2M.Token(ctx, mc.ClientId, mc.ClientSecret, []string{"read:users"})
	require.NoError(t, err)
	res, err := c.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"read:users"})
	require.NoError(t, err)
	assert.Equal(t, mc.ClientId, res.ClientID)
	assert.Equal(t, []string{"read:users"}, res.Scopes)
	assert.Equal(t, time.Hour, res.ExpiresAt.Sub(res.IssuedAt))

	_, err = c.M2M.AuthenticateToken(ctx, tok.AccessToken, []string{"write:users"})
	assert.True(t, errors.Is(err, stytch.ErrMissingScope), "%v", err)

	_, err = c.M2M.Token(ctx, mc.ClientId, "secret-test-wrong", nil)
	var oe *stytch.OAuth2Error
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "invalid_client", oe.Code)
}
