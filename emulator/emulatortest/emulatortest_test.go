package emulatortest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emulatortest"
	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

func TestNewGivesAWorkingClientAndServer(t *testing.T) {
	client, srv := emulatortest.New(t)
	ctx := context.Background()
	sent, err := client.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{Email: "ada@example.com"})
	require.NoError(t, err)
	msg, ok := srv.LastMessage("ada@example.com")
	require.True(t, ok)
	auth, err := client.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{Token: msg.Token,
		SessionDurationMinutes: new(int32(30))})
	require.NoError(t, err)
	assert.Equal(t, sent.UserID, auth.UserID)
	assert.Equal(t, emulator.DefaultProjectID, client.ProjectID())

	// The UI answers on the same loopback address without a login.
	res, err := http.Get(client.BaseURL() + "/emulator/ui/")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

func TestOptions(t *testing.T) {
	start := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	const id, secret = "project-live-11111111-2222-3333-4444-555555555555", "secret-live-emulatortest"
	client, srv := emulatortest.New(t, emulatortest.WithClock(func() time.Time { return start }),
		emulatortest.WithCredentials(id, secret), emulatortest.WithClientOptions(stytch.WithoutRetries()))
	assert.Equal(t, start, srv.Now())
	assert.Equal(t, id, client.ProjectID())
	assert.Equal(t, secret, srv.Secret())

	require.NoError(t, srv.InjectFault(emulator.Fault{Path: "/v1/users/*", Status: http.StatusServiceUnavailable}))
	_, err := client.Users.Get(context.Background(), &stytch.UsersGetParams{UserID: "user-live-x"})
	var apiErr *stytch.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode, "no retry: the fault answers the only attempt")
	assert.Empty(t, srv.PendingFaults())
}

func TestEverythingStopsWithTheTest(t *testing.T) {
	var base string
	t.Run("inner", func(t *testing.T) {
		client, _ := emulatortest.New(t)
		base = client.BaseURL()
		_, err := client.Users.Create(context.Background(), &stytch.UsersCreateParams{})
		require.NoError(t, err)
	})
	_, err := http.Get(base + "/emulator/ui/")
	assert.Error(t, err, "the emulator stopped with the subtest")
}

func TestNewB2BGivesAWorkingB2BClient(t *testing.T) {
	client, srv := emulatortest.NewB2B(t, emulatortest.WithClientOptions(stytch.WithoutRetries()))
	ctx := context.Background()
	org, err := client.Organizations.Create(ctx, &b2b.OrganizationsCreateParams{OrganizationName: "Acme", OrganizationSlug: new("acme")})
	require.NoError(t, err)
	_, err = client.MagicLinks.Email.Invite(ctx, &b2b.MagicLinksEmailInviteParams{Body: b2b.MagicLinksEmailInviteBody{
		OrganizationID: org.Organization.OrganizationID, EmailAddress: "ada@acme.com"}})
	require.NoError(t, err)
	msg, ok := srv.LastMessage("ada@acme.com")
	require.True(t, ok)
	auth, err := client.MagicLinks.Authenticate(ctx, &b2b.MagicLinksAuthenticateParams{MagicLinksToken: msg.Token})
	require.NoError(t, err)
	assert.True(t, auth.MemberAuthenticated)
	local, err := client.Sessions.AuthenticateJWTLocal(ctx, auth.SessionJWT)
	require.NoError(t, err, "the B2B JWKS is served by the same emulator")
	assert.Equal(t, auth.MemberID, local.MemberID)
}
