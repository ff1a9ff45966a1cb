package stytch

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// DefaultPolicyTTL is how long the RBAC policy used by local authorization
// checks is cached, as in Stytch's own SDKs (change it with WithRBACPolicyTTL).
const DefaultPolicyTTL = 5 * time.Minute

// localAuth is the per-Client state of local verification: the JWKS and the
// verifier (created on the first check, never in NewClient), the M2M token
// cache and the RBAC policy cache. It is safe for concurrent use.
type localAuth struct {
	now        func() time.Time
	leeway     time.Duration // jwtauth convention: 0 default, negative none
	refresh    time.Duration
	logger     *slog.Logger
	customBase string // accepted as iss besides stytch.com/<project_id>

	lazy jwtauth.LazyVerifier // the JWKS and its verifier, created on first use

	tokensOnce sync.Once
	tokens     *jwtauth.TokenCache

	policy *jwtauth.PolicyCache // the project's RBAC policy, under key ""
}

// init copies the settings; it performs no I/O and starts nothing.
func (a *localAuth) init(cfg config) {
	a.now = cfg.clock
	if a.now == nil {
		a.now = time.Now
	}
	a.leeway, a.refresh, a.logger = cfg.jwtLeeway, cfg.jwksRefresh, cfg.logger
	if base := cfg.baseURL; base != TestBaseURL && base != LiveBaseURL {
		a.customBase = base
	}
	ttl := cfg.policyTTL
	if ttl <= 0 {
		ttl = DefaultPolicyTTL
	}
	a.policy = jwtauth.NewPolicyCache(ttl, a.now, cfg.logger)
}

// verifier returns the Client's JWT verifier, creating it and its key set on
// first use. Keys are fetched lazily by the first verification; the hourly
// background refresh it then starts is stopped by Close.
func (c *Client) verifier() (*jwtauth.Verifier, error) {
	return c.auth.lazy.Get(func() jwtauth.LazyConfig {
		a := &c.auth
		return jwtauth.LazyConfig{Fetch: c.fetchJWKS, Logger: a.logger, Refresh: a.refresh, OnClose: c.onClose,
			Verifier: jwtauth.Config{ProjectID: c.projectID, CustomBaseURL: a.customBase, Leeway: a.leeway, Now: a.now}}
	})
}

// fetchJWKS is the key set's source: the request Sessions.GetJWKS makes,
// through the same call path (no credentials needed, retries, logging), returning the
// raw body so that no key field is lost in a decode/encode round trip.
func (c *Client) fetchJWKS(ctx context.Context) ([]byte, error) {
	raw, err := invoke[json.RawMessage](ctx, c, &opSessionsGetJWKS, apicall.Args{Path: [apicall.MaxPathParams]string{c.projectID}})
	if err != nil {
		return nil, err
	}
	return *raw, nil
}

// PrefetchJWKS loads the project's JWKS now, so that the first local JWT
// check does not wait for it (e.g. at start-up). Local checks fetch the keys
// on their own otherwise; a failure here leaves any loaded keys in use.
//
// GET /v1/sessions/jwks/{project_id}
func (s *SessionsService) PrefetchJWKS(ctx context.Context) error {
	if ctx == nil {
		return &ValidationError{Field: "ctx", Reason: "must not be nil"}
	}
	if _, err := s.c.verifier(); err != nil {
		return err
	}
	return s.c.auth.lazy.Keys().Refresh(ctx)
}

// policy returns the project's RBAC policy fetched less than maxAge ago
// (GET /v1/rbac/policy), from the cache when it can.
func (c *Client) policy(ctx context.Context, maxAge time.Duration) (*Policy, error) {
	return c.auth.policy.Get(ctx, "", maxAge, func(ctx context.Context) (*Policy, error) {
		r, err := c.RBAC.Policy(ctx)
		if err != nil {
			return nil, err
		}
		return r.Policy, nil
	})
}

// checkPermission applies an authorization check to a session's roles with
// the cached RBAC policy, and returns that policy. A refusal by a policy
// older than jwtauth.PolicyRecheckAfter is checked again against a fresh one. The
// refusal is a 403 *APIError of type ErrorTypeSessionAuthorizationError that
// also matches ErrPermissionDenied.
func (c *Client) checkPermission(ctx context.Context, roles []string, resourceID, action string) (*Policy, error) {
	p, err := c.policy(ctx, c.auth.policy.TTL())
	if err != nil {
		return nil, err
	}
	denied := jwtauth.CheckRBAC(p, roles, resourceID, action)
	if denied != nil {
		if p, err = c.policy(ctx, jwtauth.PolicyRecheckAfter); err != nil {
			return nil, err
		}
		denied = jwtauth.CheckRBAC(p, roles, resourceID, action)
	}
	if denied != nil {
		return nil, &APIError{StatusCode: http.StatusForbidden, ErrorType: ErrorTypeSessionAuthorizationError,
			ErrorMessage: "the session's roles do not grant " + action + " on " + resourceID, cause: denied}
	}
	return p, nil
}
