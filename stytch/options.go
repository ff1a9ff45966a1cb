package stytch

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// HTTPDoer sends one HTTP request. *http.Client satisfies it, and so does any
// instrumented or recording client used in tests.
type HTTPDoer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Option configures a Client. Options are applied in order by NewClient and
// may fail; the first failure is returned as a *ConfigError.
type Option func(*config) error

// config collects the settings NewClient assembles the Client from.
type config struct {
	baseURL   string
	doer      HTTPDoer
	timeout   time.Duration
	logger    *slog.Logger
	retry     RetryPolicy
	uaSuffix  string
	maxBody   int64
	baseIsSet bool
	recordDir string // WithRecorder: wrap the final doer in a recorder

	fraudBaseURL  string // WithFraudBaseURL
	projectDomain string // WithProjectDomain

	// local verification (jwks.go)
	clock       func() time.Time
	jwtLeeway   time.Duration // 0 = jwtauth default; negative = none
	jwksRefresh time.Duration // 0 = jwtauth default
	policyTTL   time.Duration // 0 = DefaultPolicyTTL
}

// DefaultTimeout bounds each attempt (connect, send, and reading the whole
// response body) unless WithTimeout says otherwise.
const DefaultTimeout = 30 * time.Second

// defaultMaxBody caps how much of a response body is read (10 MiB).
const defaultMaxBody = 10 << 20

// WithBaseURL sends requests to base instead of the environment's default
// host: a custom (CNAME) domain, a proxy or the local emulator. base must be
// an absolute http or https URL; a path prefix is kept. Unless
// WithFraudBaseURL or WithProjectDomain say otherwise, the fraud operations
// and the project-domain operations go to base too, so that one option
// points the whole client at the emulator.
func WithBaseURL(base string) Option {
	return func(c *config) error {
		u, err := baseURL("WithBaseURL", base)
		if err != nil {
			return err
		}
		c.baseURL, c.baseIsSet = u, true
		return nil
	}
}

// WithFraudBaseURL sends the Fraud and Risk operations (Fraud.Fingerprint,
// Fraud.Email, Fraud.Rules, Fraud.VerdictReasons) to base instead of
// FraudBaseURL (https://telemetry.stytch.com), where Stytch serves them.
func WithFraudBaseURL(base string) Option {
	return func(c *config) error {
		u, err := baseURL("WithFraudBaseURL", base)
		if err != nil {
			return err
		}
		c.fraudBaseURL = u
		return nil
	}
}

// WithProjectDomain names the project's own domain (its Stytch project
// domain, e.g. https://acme.customers.stytch.dev, or its custom domain),
// where Stytch serves the Connected Apps endpoints that live only there:
// IDP.UserInfo and IDP.GetAuthorizationServerMetadata. Without it those
// methods fail with a *ConfigError, unless WithBaseURL was given.
func WithProjectDomain(base string) Option {
	return func(c *config) error {
		u, err := baseURL("WithProjectDomain", base)
		if err != nil {
			return err
		}
		c.projectDomain = u
		return nil
	}
}

// baseURL checks a base URL option: an absolute http(s) URL without
// credentials, query or fragment; it returns it without a trailing slash.
func baseURL(setting, base string) (string, error) {
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return "", &ConfigError{Setting: setting, Reason: "not a URL"}
	case u.Scheme != "http" && u.Scheme != "https":
		return "", &ConfigError{Setting: setting, Reason: "scheme must be http or https"}
	case u.Host == "":
		return "", &ConfigError{Setting: setting, Reason: "URL must be absolute (scheme://host)"}
	case u.User != nil:
		return "", &ConfigError{Setting: setting, Reason: "URL must not carry credentials"}
	case u.RawQuery != "" || u.Fragment != "":
		return "", &ConfigError{Setting: setting, Reason: "URL must not have a query or fragment"}
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// WithHTTPClient sends requests through d (an *http.Client or any HTTPDoer).
// The client still adds authentication, User-Agent, timeouts and retries
// around it. Without this option a plain &http.Client{} is used.
func WithHTTPClient(d HTTPDoer) Option {
	return func(c *config) error {
		if d == nil {
			return &ConfigError{Setting: "WithHTTPClient", Reason: "doer is nil"}
		}
		c.doer = d
		return nil
	}
}

// WithTimeout bounds each attempt (not the whole call with its retries: use
// the context for that). d must be positive; the default is DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &ConfigError{Setting: "WithTimeout", Reason: "timeout must be positive"}
		}
		c.timeout = d
		return nil
	}
}

// WithLogger logs every attempt at Debug level and every retry at Warn level:
// method, path, status, attempt, duration and request_id. Credentials, tokens
// and bodies are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return &ConfigError{Setting: "WithLogger", Reason: "logger is nil"}
		}
		c.logger = l
		return nil
	}
}

// WithRetry replaces DefaultRetryPolicy. Zero durations take the
// default; MaxAttempts must be at least 1 (1 switches retries off, as does
// WithoutRetries).
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxAttempts < 1 {
			return &ConfigError{Setting: "WithRetry", Reason: "MaxAttempts must be at least 1"}
		}
		if p.BaseDelay < 0 || p.MaxDelay < 0 || p.MaxElapsed < 0 {
			return &ConfigError{Setting: "WithRetry", Reason: "durations must not be negative"}
		}
		c.retry = p.withDefaults()
		return nil
	}
}

// WithoutRetries makes every call a single attempt.
func WithoutRetries() Option {
	return WithRetry(RetryPolicy{MaxAttempts: 1})
}

// WithUserAgent appends suffix (e.g. "myapp/1.2") to the User-Agent header.
func WithUserAgent(suffix string) Option {
	return func(c *config) error {
		suffix = strings.TrimSpace(suffix)
		if suffix == "" || strings.ContainsAny(suffix, "\r\n") {
			return &ConfigError{Setting: "WithUserAgent", Reason: "suffix must be non-empty and on one line"}
		}
		c.uaSuffix = suffix
		return nil
	}
}

// WithClock replaces time.Now for everything the client decides locally:
// JWT expiry and age, the M2M token cache and the RBAC policy cache. It is
// meant for tests, e.g. WithClock(emulator.Now) to follow an emulator whose
// clock was advanced.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return &ConfigError{Setting: "WithClock", Reason: "clock is nil"}
		}
		c.clock = now
		return nil
	}
}

// WithJWTLeeway sets the clock skew tolerated on the exp, nbf and iat of
// JWTs checked locally (default 30 seconds; 0 tolerates none). A per-call
// WithLeeway overrides it.
func WithJWTLeeway(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return &ConfigError{Setting: "WithJWTLeeway", Reason: "leeway must not be negative"}
		}
		c.jwtLeeway = d
		if d == 0 {
			c.jwtLeeway = -1
		}
		return nil
	}
}

// WithJWKSRefreshInterval sets how often the cached JWKS is refreshed in the
// background once loaded (default one hour). Keys are also refreshed, at
// most every five minutes, when a token names an unknown kid.
func WithJWKSRefreshInterval(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &ConfigError{Setting: "WithJWKSRefreshInterval", Reason: "interval must be positive"}
		}
		c.jwksRefresh = d
		return nil
	}
}

// WithRBACPolicyTTL sets how long the RBAC policy used by local
// authorization checks is cached (default DefaultPolicyTTL).
func WithRBACPolicyTTL(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &ConfigError{Setting: "WithRBACPolicyTTL", Reason: "TTL must be positive"}
		}
		c.policyTTL = d
		return nil
	}
}

// defaultDoer is used when WithHTTPClient is not given. It has no overall
// timeout of its own: the engine bounds every attempt.
func defaultDoer() HTTPDoer { return &http.Client{} }
