package stytch

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// DefaultPolicyTTL is how long the RBAC policy used by local authorization
// checks is cached, as in Stytch's own SDKs (change it with WithRBACPolicyTTL).
const DefaultPolicyTTL = 5 * time.Minute

// policyRecheckAfter is the least age of a cached policy before a refused
// check refreshes it once and checks again (a role granted a moment ago in
// the dashboard then works within this time, not DefaultPolicyTTL).
const policyRecheckAfter = 30 * time.Second

// policyRetryAfter spaces the refreshes while the policy endpoint fails and
// an older policy is still being served.
const policyRetryAfter = 10 * time.Second

// localAuth is the per-Client state of local verification: the JWKS and the
// verifier (created on the first check, never in NewClient), the M2M token
// cache and the RBAC policy cache. It is safe for concurrent use.
type localAuth struct {
	now        func() time.Time
	leeway     time.Duration // jwtauth convention: 0 default, negative none
	refresh    time.Duration
	logger     *slog.Logger
	customBase string // accepted as iss besides stytch.com/<project_id>

	ready    atomic.Pointer[jwtauth.Verifier] // fast path once created
	once     sync.Once
	keys     *jwtauth.KeySet
	verifier *jwtauth.Verifier
	err      error

	tokensOnce sync.Once
	tokens     *jwtauth.TokenCache

	policy policyCache
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
	a.policy.now, a.policy.ttl, a.policy.logger = a.now, cfg.policyTTL, cfg.logger
	if a.policy.ttl <= 0 {
		a.policy.ttl = DefaultPolicyTTL
	}
}

// verifier returns the Client's JWT verifier, creating it and its key set on
// first use. Keys are fetched lazily by the first verification; the hourly
// background refresh it then starts is stopped by Close.
func (c *Client) verifier() (*jwtauth.Verifier, error) {
	if v := c.auth.ready.Load(); v != nil {
		return v, nil
	}
	a := &c.auth
	a.once.Do(func() {
		opts := []jwtauth.KeySetOption{jwtauth.WithKeySetClock(a.now)}
		if a.logger != nil {
			opts = append(opts, jwtauth.WithKeySetLogger(a.logger))
		}
		if a.refresh > 0 {
			opts = append(opts, jwtauth.WithRefreshInterval(a.refresh))
		}
		a.keys = jwtauth.NewKeySet(c.fetchJWKS, opts...)
		a.verifier, a.err = jwtauth.NewVerifier(a.keys, jwtauth.Config{
			ProjectID: c.projectID, CustomBaseURL: a.customBase, Leeway: a.leeway, Now: a.now,
		})
		if !c.onClose(a.keys.Close) {
			_ = a.keys.Close() // already closed: never start a background refresh
		}
		if a.err == nil {
			a.ready.Store(a.verifier)
		}
	})
	return a.verifier, a.err
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
	return s.c.auth.keys.Refresh(ctx)
}

// policyCache keeps the RBAC policy for local authorization checks: reads
// are lock-free, concurrent refreshes share one request, and a failed
// refresh keeps serving the previous policy.
type policyCache struct {
	now    func() time.Time
	ttl    time.Duration
	logger *slog.Logger
	cur    atomic.Pointer[policyEntry]
	flight singleflight.Group
}

type policyEntry struct {
	policy    *Policy
	fetchedAt time.Time
	retryAt   time.Time // after a failed refresh: serve policy until then
}

// get returns a policy fetched less than maxAge ago, fetching one if needed.
func (pc *policyCache) get(ctx context.Context, c *Client, maxAge time.Duration) (*Policy, error) {
	e := pc.cur.Load()
	if e != nil {
		now := pc.now()
		if now.Sub(e.fetchedAt) < maxAge || now.Before(e.retryAt) {
			return e.policy, nil
		}
	}
	fetchCtx := context.WithoutCancel(ctx)
	ch := pc.flight.DoChan("policy", func() (any, error) {
		if cur := pc.cur.Load(); cur != nil && cur != e && pc.now().Sub(cur.fetchedAt) < maxAge {
			return cur, nil // refreshed by a flight that just ended
		}
		r, err := c.RBAC.Policy(fetchCtx)
		if err != nil {
			return nil, err
		}
		pol := r.Policy
		if pol == nil {
			pol = &Policy{} // a project without RBAC: nothing is granted
		}
		ne := &policyEntry{policy: pol, fetchedAt: pc.now()}
		pc.cur.Store(ne)
		return ne, nil
	})
	select {
	case r := <-ch:
		if r.Err == nil {
			return r.Val.(*policyEntry).policy, nil
		}
		if e == nil {
			return nil, r.Err
		}
		pc.cur.CompareAndSwap(e, &policyEntry{policy: e.policy, fetchedAt: e.fetchedAt, retryAt: pc.now().Add(policyRetryAfter)})
		if pc.logger != nil {
			pc.logger.LogAttrs(ctx, slog.LevelWarn, "stytch: RBAC policy refresh failed; using the cached policy",
				slog.String("error", r.Err.Error()))
		}
		return e.policy, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// checkPermission applies an authorization check to a session's roles with
// the cached RBAC policy, and returns that policy. A refusal by a policy
// older than policyRecheckAfter is checked again against a fresh one. The
// refusal is a 403 *APIError of type ErrorTypeSessionAuthorizationError that
// also matches ErrPermissionDenied.
func (c *Client) checkPermission(ctx context.Context, roles []string, resourceID, action string) (*Policy, error) {
	p, err := c.auth.policy.get(ctx, c, c.auth.policy.ttl)
	if err != nil {
		return nil, err
	}
	denied := jwtauth.CheckRBAC(p, roles, resourceID, action)
	if denied != nil {
		if p, err = c.auth.policy.get(ctx, c, policyRecheckAfter); err != nil {
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
