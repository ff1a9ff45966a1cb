package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

const (
	testProject = "project-test-11111111-2222-4333-8444-555555555555"
	testSecret  = "secret-test-c2VjcmV0LXZhbHVlLW5ldmVyLWxvZ2dlZA"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestHelpDocumentsEmulatorMode(t *testing.T) {
	var out bytes.Buffer
	assert.Equal(t, 0, run(context.Background(), []string{"-h"}, env(), &out))
	for _, want := range []string{"-emulator", "STYTCH_EMULATOR", "stytch_emulator_outbox", "-allow-origin", "STYTCH_BASE_URL"} {
		assert.Contains(t, out.String(), want)
	}
}

func TestEmulatorFlagNeedsABaseURL(t *testing.T) {
	var out bytes.Buffer
	code := run(context.Background(), []string{"-emulator"}, env("STYTCH_PROJECT_ID", testProject, "STYTCH_SECRET", testSecret), &out)
	assert.Equal(t, 2, code)
	assert.Contains(t, out.String(), "STYTCH_BASE_URL")
	assert.Contains(t, out.String(), "emulator")
	assert.NotContains(t, out.String(), testSecret)
}

func TestBadFlagsAndOriginsExit(t *testing.T) {
	var out bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"-no-such-flag"}, env(), &out))
	out.Reset()
	code := run(context.Background(), []string{"-http", "127.0.0.1:0", "-allow-origin", "agent.example.com"},
		env("STYTCH_PROJECT_ID", testProject, "STYTCH_SECRET", testSecret), &out)
	assert.Equal(t, 1, code)
	assert.Contains(t, out.String(), "scheme://host")
}
