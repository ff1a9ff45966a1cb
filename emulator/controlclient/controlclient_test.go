package controlclient_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/controlclient"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/gen"
)

func newClient(t *testing.T, opts ...controlclient.Option) (*controlclient.Client, *emutest.Env) {
	t.Helper()
	env := emutest.New(t)
	cc, err := controlclient.New(env.URL, env.Server.ProjectID(), env.Server.Secret(), opts...)
	require.NoError(t, err)
	return cc, env
}

func TestNewRefusesBadSettings(t *testing.T) {
	for _, tc := range []struct{ base, id, secret, setting string }{
		{"127.0.0.1:4455", "p", "s", "baseURL"},
		{"ftp://127.0.0.1", "p", "s", "baseURL"},
		{"http://user:pw@127.0.0.1", "p", "s", "baseURL"},
		{"http://127.0.0.1?x=1", "p", "s", "baseURL"},
		{"http://127.0.0.1", "", "s", "projectID"},
		{"http://127.0.0.1", "p", "", "secret"},
	} {
		_, err := controlclient.New(tc.base, tc.id, tc.secret)
		var ce *controlclient.ConfigError
		if assert.True(t, errors.As(err, &ce), "%+v: %v", tc, err) {
			assert.Equal(t, tc.setting, ce.Setting)
		}
		assert.NotContains(t, fmt.Sprint(err), "pw")
	}
	_, err := controlclient.New("http://127.0.0.1", "p", "s", controlclient.WithHTTPClient(nil))
	assert.Error(t, err)
	_, err = controlclient.New("http://127.0.0.1", "p", "s", controlclient.WithPollInterval(0))
	assert.Error(t, err)
	_, err = controlclient.New("http://127.0.0.1", "p", "s", nil)
	assert.Error(t, err)

	cc, err := controlclient.New("http://127.0.0.1:4455/", "project-test-x", "secret-test-hush")
	require.NoError(t, err)
	for _, s := range []string{fmt.Sprint(cc), fmt.Sprintf("%#v", cc), fmt.Sprintf("%+v", cc)} {
		assert.NotContains(t, s, "hush")
	}
}

func TestErrorsAreTypedAndKeepTheSecretOut(t *testing.T) {
	env := emutest.New(t)
	cc, err := controlclient.New(env.URL, env.Server.ProjectID(), "secret-test-not-the-right-one")
	require.NoError(t, err)
	_, err = cc.Messages(context.Background(), "ada@example.com")
	var e *controlclient.Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
	assert.Equal(t, "unauthorized_credentials", e.ErrorType)
	assert.Equal(t, "/emulator/v1/messages", e.Path)
	assert.Regexp(t, `^request-id-test-`, e.RequestID)
	assert.NotContains(t, err.Error(), "not-the-right-one")
	assert.NotContains(t, err.Error(), "ada@example.com")

	cc, _ = newClient(t)
	_, err = cc.Advance(context.Background(), -time.Minute)
	var ce *controlclient.ConfigError
	assert.True(t, errors.As(err, &ce))
	err = cc.InjectFault(context.Background(), controlclient.Fault{Path: "no-slash", Status: 500})
	require.True(t, errors.As(err, &e))
	assert.Equal(t, http.StatusBadRequest, e.StatusCode)
	assert.Contains(t, e.ErrorMessage, "must start with /")

	// A proxy's HTML page still gives the status.
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
	}))
	defer proxy.Close()
	cc, err = controlclient.New(proxy.URL, "p", "s")
	require.NoError(t, err)
	err = cc.Reset(context.Background())
	require.True(t, errors.As(err, &e))
	assert.Equal(t, http.StatusBadGateway, e.StatusCode)
	assert.Empty(t, e.ErrorType)
	assert.Equal(t, "controlclient: POST /emulator/v1/reset: 502", err.Error())
}

func TestMessagesFaultsAndClock(t *testing.T) {
	start := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	env := emutest.New(t, func(c *emulator.Config) { c.Clock = func() time.Time { return start } })
	cc, err := controlclient.New(env.URL, env.Server.ProjectID(), env.Server.Secret(), controlclient.WithHTTPClient(&http.Client{}))
	require.NoError(t, err)
	ctx := context.Background()
	for _, to := range []string{"ada@example.com", "grace@example.com", "ada@example.com"} {
		status, body := env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": to})
		require.Equal(t, http.StatusOK, status, body)
	}
	all, err := cc.Messages(ctx, "")
	require.NoError(t, err)
	assert.Len(t, all, 3)
	ada, err := cc.Messages(ctx, "ADA@example.com")
	require.NoError(t, err)
	require.Len(t, ada, 2)
	last, err := cc.LastMessage(ctx, "ada@example.com")
	require.NoError(t, err)
	assert.Equal(t, ada[1].ID, last.ID)
	assert.Equal(t, env.LastMessage(t, "ada@example.com").Token, last.Token)
	assert.Equal(t, start, last.CreatedAt)
	require.NotNil(t, last.ExpiresAt)
	assert.NotContains(t, fmt.Sprintf("%v %#v", last, last), last.Token)

	_, err = cc.LastMessage(ctx, "nobody@example.com")
	assert.ErrorIs(t, err, controlclient.ErrNoMessage)

	now, err := cc.Now(ctx)
	require.NoError(t, err)
	assert.Equal(t, start, now)
	now, err = cc.Advance(ctx, 61*time.Minute)
	require.NoError(t, err)
	assert.Equal(t, start.Add(61*time.Minute), now)
	last, err = cc.LastMessage(ctx, "ada@example.com")
	require.NoError(t, err)
	assert.Equal(t, "expired", last.Status)

	f := controlclient.Fault{Path: "/v1/users/*", Method: "GET", Count: 2, Status: 429, ErrorType: "too_many_requests",
		RetryAfter: "3", Delay: 1500 * time.Millisecond}
	require.NoError(t, cc.InjectFault(ctx, f))
	require.NoError(t, cc.InjectFault(ctx, controlclient.Fault{Path: "/v1/x", CloseConnection: true}))
	faults, err := cc.Faults(ctx)
	require.NoError(t, err)
	require.Len(t, faults, 2)
	assert.Equal(t, f, faults[0])
	assert.Equal(t, 1, faults[1].Count, "the emulator fills in the default count")
	require.NoError(t, cc.ClearFaults(ctx))
	faults, err = cc.Faults(ctx)
	require.NoError(t, err)
	assert.Empty(t, faults)

	require.NoError(t, cc.Reset(ctx))
	all, err = cc.Messages(ctx, "")
	require.NoError(t, err)
	assert.Empty(t, all)
	now, err = cc.Now(ctx)
	require.NoError(t, err)
	assert.Equal(t, start, now, "reset drops the clock offset")
}

func TestWaitForMessage(t *testing.T) {
	cc, env := newClient(t, controlclient.WithPollInterval(5*time.Millisecond))
	ctx := context.Background()
	status, body := env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "ada@example.com"})
	require.Equal(t, http.StatusOK, status, body)
	first, err := cc.WaitForMessage(ctx, "ada@example.com", nil)
	require.NoError(t, err, "a message already there is found at once")

	// A message sent while waiting: wait for one other than the first.
	done := make(chan struct{})
	var got controlclient.Message
	var waitErr error
	go func() {
		defer close(done)
		got, waitErr = cc.WaitForMessage(ctx, "ada@example.com", func(m controlclient.Message) bool { return m.ID != first.ID })
	}()
	status, body = env.DoJSON(t, http.MethodPost, "/v1/magic_links/email/login_or_create", map[string]any{"email": "ada@example.com"})
	require.Equal(t, http.StatusOK, status, body)
	<-done
	require.NoError(t, waitErr)
	assert.NotEqual(t, first.ID, got.ID)
	assert.Equal(t, env.LastMessage(t, "ada@example.com").Token, got.Token)

	// None comes: the context ends the wait.
	short, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	defer cancel()
	_, err = cc.WaitForMessage(short, "nobody@example.com", nil)
	assert.ErrorIs(t, err, controlclient.ErrNoMessage)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	// A refused request ends it too, with the typed error.
	bad, err := controlclient.New(env.URL, env.Server.ProjectID(), "secret-test-wrong")
	require.NoError(t, err)
	_, err = bad.WaitForMessage(ctx, "ada@example.com", nil)
	var e *controlclient.Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
	assert.False(t, strings.Contains(err.Error(), "secret-test-wrong"))
}

func TestRBACPolicies(t *testing.T) {
	cc, _ := newClient(t)
	ctx := context.Background()
	def, err := cc.B2BRBACPolicy(ctx)
	require.NoError(t, err)
	require.Len(t, def.Roles, 2, "stytch_member and stytch_admin")

	p := gen.Policy{Resources: []gen.PolicyResource{{ResourceID: "documents", Actions: []string{"read", "write"}}},
		Roles: []gen.PolicyRole{{RoleID: "editor", Permissions: []gen.PolicyRolePermission{{ResourceID: "documents", Actions: []string{"write"}}}}}}
	set, err := cc.SetB2BRBACPolicy(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, "editor", set.Roles[0].RoleID)
	assert.Len(t, set.Roles, 3)
	got, err := cc.B2BRBACPolicy(ctx)
	require.NoError(t, err)
	assert.Equal(t, set, got)

	consumer, err := cc.SetRBACPolicy(ctx, p)
	require.NoError(t, err)
	assert.Len(t, consumer.Resources, 1, "a Consumer policy has no Resources of Stytch's")
	got, err = cc.RBACPolicy(ctx)
	require.NoError(t, err)
	assert.Equal(t, consumer, got)

	p.Roles[0].Permissions[0].Actions = []string{"delete"}
	_, err = cc.SetRBACPolicy(ctx, p)
	var e *controlclient.Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, http.StatusBadRequest, e.StatusCode)
	assert.Equal(t, "invalid_permission_action", e.ErrorType)
}
