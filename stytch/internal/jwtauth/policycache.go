package jwtauth

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/stytchkit/stytchkit/gen"
)

// Timings of a PolicyCache.
const (
	// PolicyRecheckAfter is the least age of a cached policy before a
	// refused check may refresh it and check again (a role granted a moment
	// ago in the dashboard then works within this time, not the TTL).
	PolicyRecheckAfter = 30 * time.Second
	// policyRetryAfter spaces the refreshes while the endpoint fails and an
	// older policy is still being served.
	policyRetryAfter = 10 * time.Second
	// maxCachedPolicies bounds a cache: past it, expired entries are dropped
	// when a new key is stored.
	maxCachedPolicies = 10_000
)

// PolicyFetchFunc returns a current RBAC policy; nil means none (a policy
// that grants nothing).
type PolicyFetchFunc func(ctx context.Context) (*gen.Policy, error)

// PolicyCache keeps RBAC policies by key (a project's under "", a B2B
// Organization's under its id), as Stytch's SDKs do: a policy is fetched
// when first needed and again once older than the TTL; concurrent misses of
// a key share one fetch; a failed refresh keeps serving the previous policy
// and is retried after a pause. Reads are lock-free. It is safe for
// concurrent use.
type PolicyCache struct {
	now    func() time.Time
	ttl    time.Duration
	logger *slog.Logger

	entries sync.Map // key → *policyEntry
	size    atomic.Int64
	flight  singleflight.Group
}

type policyEntry struct {
	policy    *gen.Policy
	fetchedAt time.Time
	retryAt   time.Time // after a failed refresh: serve policy until then
}

// NewPolicyCache returns an empty cache whose policies live ttl (> 0), on
// the clock now (nil means time.Now). logger, when not nil, hears of failed
// refreshes.
func NewPolicyCache(ttl time.Duration, now func() time.Time, logger *slog.Logger) *PolicyCache {
	if now == nil {
		now = time.Now
	}
	return &PolicyCache{now: now, ttl: ttl, logger: logger}
}

// TTL returns how long a policy is served before it is fetched again.
func (pc *PolicyCache) TTL() time.Duration { return pc.ttl }

func (pc *PolicyCache) load(key string) *policyEntry {
	if v, ok := pc.entries.Load(key); ok {
		return v.(*policyEntry)
	}
	return nil
}

// put stores e under key; a new key past maxCachedPolicies first drops the
// expired entries.
func (pc *PolicyCache) put(key string, e *policyEntry) {
	if _, existed := pc.entries.Swap(key, e); existed || pc.size.Add(1) <= maxCachedPolicies {
		return
	}
	now := pc.now()
	pc.entries.Range(func(k, v any) bool {
		if old := v.(*policyEntry); k != key && now.Sub(old.fetchedAt) >= pc.ttl && pc.entries.CompareAndDelete(k, old) {
			pc.size.Add(-1)
		}
		return true
	})
}

// Get returns key's policy, fetched with fetch if the cached one is older
// than maxAge (the TTL, or PolicyRecheckAfter to re-check a refusal). A
// fetch shared with other callers outlives a caller that gives up. When the
// fetch fails, the previous policy is returned if there is one (and served
// for a short pause before the next attempt); otherwise the fetch's error.
func (pc *PolicyCache) Get(ctx context.Context, key string, maxAge time.Duration, fetch PolicyFetchFunc) (*gen.Policy, error) {
	e := pc.load(key)
	if e != nil {
		now := pc.now()
		if now.Sub(e.fetchedAt) < maxAge || now.Before(e.retryAt) {
			return e.policy, nil
		}
	}
	fetchCtx := context.WithoutCancel(ctx)
	ch := pc.flight.DoChan(key, func() (any, error) {
		if cur := pc.load(key); cur != nil && cur != e && pc.now().Sub(cur.fetchedAt) < maxAge {
			return cur, nil // refreshed by a flight that just ended
		}
		p, err := fetch(fetchCtx)
		if err != nil {
			return nil, err
		}
		if p == nil {
			p = &gen.Policy{}
		}
		ne := &policyEntry{policy: p, fetchedAt: pc.now()}
		pc.put(key, ne)
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
		pc.entries.CompareAndSwap(key, e, &policyEntry{policy: e.policy, fetchedAt: e.fetchedAt, retryAt: pc.now().Add(policyRetryAfter)})
		if pc.logger != nil {
			attrs := []slog.Attr{slog.String("error", r.Err.Error())}
			if key != "" {
				attrs = append(attrs, slog.String("policy", key))
			}
			pc.logger.LogAttrs(ctx, slog.LevelWarn, "stytch: RBAC policy refresh failed; using the cached policy", attrs...)
		}
		return e.policy, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
