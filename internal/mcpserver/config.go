package mcpserver

import (
	"fmt"
	"net/url"
	"strings"
)

// Environment variables read by ConfigFromEnv.
const (
	EnvProjectID = "STYTCH_PROJECT_ID"
	EnvSecret    = "STYTCH_SECRET"
	EnvEnv       = "STYTCH_ENV"
	EnvBaseURL   = "STYTCH_BASE_URL"
	// EnvEmulator set to true (1, true, yes) says that STYTCH_BASE_URL is a
	// stytchkit emulator, which turns on the emulator tools (the outbox).
	EnvEmulator = "STYTCH_EMULATOR"
	// EnvProjectType is consumer (the default) or b2b: which typed tools
	// the server offers.
	EnvProjectType = "STYTCH_PROJECT_TYPE"
)

// The two kinds of Stytch project.
const (
	ProjectConsumer = "consumer"
	ProjectB2B      = "b2b"
)

// The two Stytch environments.
const (
	EnvTest = "test"
	EnvLive = "live"
)

// Config is what the server needs to reach a Stytch project.
type Config struct {
	// ProjectID is the project id (`project-test-…` or `project-live-…`).
	ProjectID string
	// Secret is the project secret; it is never logged or echoed.
	Secret string
	// Env is "test" (the default) or "live"; it must agree with ProjectID
	// and Secret so that an agent cannot act on live users by accident.
	Env string
	// BaseURL, when set, replaces the environment's API host: a custom
	// domain (CNAME) or a local emulator.
	BaseURL string
	// Emulator says that BaseURL is a stytchkit emulator (never guessed
	// from the URL): the server then also offers stytch_emulator_outbox,
	// which reads the emulator's control plane. It needs BaseURL.
	Emulator bool
	// ProjectType is ProjectConsumer (the default) or ProjectB2B: the
	// typed tools are those of the project's kind (users and their logins,
	// or Organizations, Members and theirs). stytch_request reaches both.
	ProjectType string
}

// String describes the configuration without the secret.
func (c Config) String() string {
	base := c.BaseURL
	if base == "" {
		base = "(default for " + c.Env + ")"
	}
	s := fmt.Sprintf("project=%s env=%s base_url=%s secret=[redacted]", c.ProjectID, c.Env, base)
	if c.ProjectType == ProjectB2B {
		s += " project_type=b2b"
	}
	if c.Emulator {
		s += " emulator=true"
	}
	return s
}

// ConfigError is a missing or inconsistent setting, reported at startup.
// It names the environment variable and never contains the secret.
type ConfigError struct {
	// Var is the environment variable at fault, e.g. "STYTCH_ENV".
	Var string
	// Reason says what is wrong with it.
	Reason string
}

// Error implements error.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("stytch-mcp: %s: %s", e.Var, e.Reason)
}

// ConfigFromEnv reads STYTCH_PROJECT_ID, STYTCH_SECRET, STYTCH_ENV,
// STYTCH_BASE_URL, STYTCH_EMULATOR and STYTCH_PROJECT_TYPE through getenv
// (os.Getenv in main, a map in tests) and validates them.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		ProjectID: strings.TrimSpace(getenv(EnvProjectID)),
		Secret:    strings.TrimSpace(getenv(EnvSecret)),
		Env:       strings.ToLower(strings.TrimSpace(getenv(EnvEnv))),
		BaseURL:   strings.TrimSpace(getenv(EnvBaseURL)),

		ProjectType: strings.ToLower(strings.TrimSpace(getenv(EnvProjectType))),
	}
	if c.Env == "" {
		c.Env = EnvTest
	}
	if c.ProjectType == "" {
		c.ProjectType = ProjectConsumer
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv(EnvEmulator))); v {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		c.Emulator = true
	default:
		return c, &ConfigError{EnvEmulator, fmt.Sprintf("is %q; want true or false", v)}
	}
	return c, c.Validate()
}

// Validate checks that every setting is present and that the project id,
// the secret and Env name the same environment.
func (c Config) Validate() error {
	switch {
	case c.ProjectID == "":
		return &ConfigError{EnvProjectID, "is not set (find it in the Stytch dashboard under API keys)"}
	case c.Secret == "":
		return &ConfigError{EnvSecret, "is not set (find it in the Stytch dashboard under API keys)"}
	case c.Env != EnvTest && c.Env != EnvLive:
		return &ConfigError{EnvEnv, fmt.Sprintf("is %q; want %q or %q", c.Env, EnvTest, EnvLive)}
	case c.ProjectType != "" && c.ProjectType != ProjectConsumer && c.ProjectType != ProjectB2B:
		return &ConfigError{EnvProjectType, fmt.Sprintf("is %q; want %q or %q", c.ProjectType, ProjectConsumer, ProjectB2B)}
	}
	if env, ok := keyEnv(c.ProjectID, "project-"); !ok {
		return &ConfigError{EnvProjectID, fmt.Sprintf("%q does not look like project-test-… or project-live-…", c.ProjectID)}
	} else if env != c.Env {
		return &ConfigError{EnvEnv, fmt.Sprintf("is %q but %s is a %s project id; set %s=%s or use the %s keys", c.Env, EnvProjectID, env, EnvEnv, env, c.Env)}
	}
	if env, ok := keyEnv(c.Secret, "secret-"); !ok {
		return &ConfigError{EnvSecret, "does not look like secret-test-… or secret-live-… (value not shown)"}
	} else if env != c.Env {
		return &ConfigError{EnvEnv, fmt.Sprintf("is %q but %s is a %s secret; the project id and secret must come from the same environment", c.Env, EnvSecret, env)}
	}
	if c.Emulator && c.BaseURL == "" {
		return &ConfigError{EnvBaseURL, "is not set, and the emulator mode needs it: the emulator's address, e.g. http://127.0.0.1:4455"}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return &ConfigError{EnvBaseURL, fmt.Sprintf("%q is not an http(s) URL like https://login.example.com", c.BaseURL)}
		}
		if u.Scheme == "http" && !loopback(u.Hostname()) {
			return &ConfigError{EnvBaseURL, "plain http is allowed only for a local emulator (localhost / 127.0.0.1 / ::1); the secret would travel unencrypted"}
		}
	}
	return nil
}

// keyEnv returns "test" or "live" for "<prefix>test-…" / "<prefix>live-…".
func keyEnv(key, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(key, prefix)
	if !ok {
		return "", false
	}
	for _, env := range []string{EnvTest, EnvLive} {
		if strings.HasPrefix(rest, env+"-") && len(rest) > len(env)+1 {
			return env, true
		}
	}
	return "", false
}

// loopback reports whether host names the local machine.
func loopback(host string) bool {
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return strings.HasSuffix(host, ".localhost")
}
