package mcpserver

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/stytch"
)

const (
	testProject = "project-test-11111111-2222-4333-8444-555555555555"
	testSecret  = "secret-test-c2VjcmV0LXZhbHVlLW5ldmVyLWxvZ2dlZA"
	liveProject = "project-live-11111111-2222-4333-8444-555555555555"
	liveSecret  = "secret-live-c2VjcmV0LXZhbHVlLW5ldmVyLWxvZ2dlZA"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestConfigFromEnvDefaultsToTest(t *testing.T) {
	c, err := ConfigFromEnv(env(EnvProjectID, testProject, EnvSecret, testSecret))
	require.NoError(t, err)
	assert.Equal(t, EnvTest, c.Env)
	assert.NotContains(t, c.String(), testSecret)
	assert.NotContains(t, fmt.Sprintf("%v %+v", c, c), testSecret)

	c, err = ConfigFromEnv(env(EnvProjectID, liveProject, EnvSecret, liveSecret, EnvEnv, "LIVE",
		EnvBaseURL, "https://login.example.com"))
	require.NoError(t, err)
	assert.Equal(t, EnvLive, c.Env)
}

func TestConfigFromEnvRejectsBadSettings(t *testing.T) {
	cases := []struct {
		name    string
		getenv  func(string) string
		wantVar string
		want    string
	}{
		{"no project", env(EnvSecret, testSecret), EnvProjectID, "not set"},
		{"no secret", env(EnvProjectID, testProject), EnvSecret, "not set"},
		{"bad env", env(EnvProjectID, testProject, EnvSecret, testSecret, EnvEnv, "prod"), EnvEnv, `"prod"`},
		{"live env, test keys", env(EnvProjectID, testProject, EnvSecret, testSecret, EnvEnv, "live"), EnvEnv, "test project id"},
		{"test env (default), live keys", env(EnvProjectID, liveProject, EnvSecret, liveSecret), EnvEnv, "live project id"},
		{"secret of the other env", env(EnvProjectID, testProject, EnvSecret, liveSecret), EnvEnv, "live secret"},
		{"malformed project", env(EnvProjectID, "my-project", EnvSecret, testSecret), EnvProjectID, "project-test-"},
		{"malformed secret", env(EnvProjectID, testProject, EnvSecret, "hunter2-hunter2"), EnvSecret, "value not shown"},
		{"base url not a URL", env(EnvProjectID, testProject, EnvSecret, testSecret, EnvBaseURL, "test.stytch.com"), EnvBaseURL, "http(s) URL"},
		{"plain http remote", env(EnvProjectID, testProject, EnvSecret, testSecret, EnvBaseURL, "http://login.example.com"), EnvBaseURL, "unencrypted"},
		{"emulator mode without a base url", env(EnvProjectID, testProject, EnvSecret, testSecret, EnvEmulator, "true"), EnvBaseURL, "emulator"},
		{"emulator mode not a boolean", env(EnvProjectID, testProject, EnvSecret, testSecret, EnvEmulator, "maybe"), EnvEmulator, `"maybe"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ConfigFromEnv(c.getenv)
			var ce *ConfigError
			require.True(t, errors.As(err, &ce), "want *ConfigError, got %v", err)
			assert.Equal(t, c.wantVar, ce.Var)
			assert.Contains(t, err.Error(), c.want)
			assert.NotContains(t, err.Error(), testSecret)
			assert.NotContains(t, err.Error(), liveSecret)
			assert.NotContains(t, err.Error(), "hunter2")
		})
	}
}

func TestConfigEmulatorModeIsExplicit(t *testing.T) {
	local := "http://127.0.0.1:4455"
	c, err := ConfigFromEnv(env(EnvProjectID, testProject, EnvSecret, testSecret, EnvBaseURL, local))
	require.NoError(t, err)
	assert.False(t, c.Emulator, "a local base URL alone does not turn emulator mode on")
	for _, v := range []string{"1", "true", "TRUE", "yes"} {
		c, err = ConfigFromEnv(env(EnvProjectID, testProject, EnvSecret, testSecret, EnvBaseURL, local, EnvEmulator, v))
		require.NoError(t, err, v)
		assert.True(t, c.Emulator, v)
		assert.Contains(t, c.String(), "emulator=true")
	}
	for _, v := range []string{"0", "false", "no", ""} {
		c, err = ConfigFromEnv(env(EnvProjectID, testProject, EnvSecret, testSecret, EnvBaseURL, local, EnvEmulator, v))
		require.NoError(t, err, v)
		assert.False(t, c.Emulator, v)
	}
}

func TestConfigAllowsLocalEmulatorOverHTTP(t *testing.T) {
	for _, u := range []string{"http://127.0.0.1:9999", "http://localhost:8080/", "http://[::1]:1"} {
		_, err := ConfigFromEnv(env(EnvProjectID, testProject, EnvSecret, testSecret, EnvBaseURL, u))
		assert.NoError(t, err, u)
	}
}

func TestNewClientReportsMismatchBeforeBuilding(t *testing.T) {
	_, err := NewClient(Config{ProjectID: testProject, Secret: testSecret, Env: EnvLive}, nil)
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, EnvEnv, ce.Var)

	c, err := NewClient(Config{ProjectID: testProject, Secret: testSecret, Env: EnvTest, BaseURL: "http://127.0.0.1:1"}, nil)
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:1", c.BaseURL())
	require.NoError(t, c.Close())
	assert.Equal(t, stytch.TestBaseURL, mustClient(t, Config{ProjectID: testProject, Secret: testSecret, Env: EnvTest}).BaseURL())
}

func mustClient(t *testing.T, cfg Config) *stytch.Client {
	t.Helper()
	c, err := NewClient(cfg, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestCheckListenAddr(t *testing.T) {
	assert.NoError(t, checkListenAddr("127.0.0.1:8931", false))
	assert.NoError(t, checkListenAddr("localhost:0", false))
	assert.ErrorContains(t, checkListenAddr("0.0.0.0:8931", false), "-allow-remote")
	assert.ErrorContains(t, checkListenAddr(":8931", false), "-allow-remote")
	assert.NoError(t, checkListenAddr(":8931", true))
	assert.ErrorContains(t, checkListenAddr("8931", false), "host:port")
}
