package jwtauth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/gen"
)

// policySource is a fetch function that counts its calls and answers with
// a policy naming the call, or err.
type policySource struct {
	calls atomic.Int64
	err   atomic.Pointer[error]
	gate  chan struct{} // when set, each fetch waits for it
}

func (s *policySource) fetch(context.Context) (*gen.Policy, error) {
	n := s.calls.Add(1)
	if s.gate != nil {
		<-s.gate
	}
	if err := s.err.Load(); err != nil {
		return nil, *err
	}
	return &gen.Policy{Roles: []gen.PolicyRole{{RoleID: fmt.Sprint("role-", n)}}}, nil
}

func (s *policySource) fail(err error) { s.err.Store(&err) }

func roleOf(t *testing.T, p *gen.Policy) string {
	t.Helper()
	require.Len(t, p.Roles, 1)
	return p.Roles[0].RoleID
}

func TestPolicyCacheTTLAndKeys(t *testing.T) {
	clock := newFakeClock()
	pc := NewPolicyCache(5*time.Minute, clock.Now, nil)
	assert.Equal(t, 5*time.Minute, pc.TTL())
	ctx := context.Background()
	var project, org policySource

	p, err := pc.Get(ctx, "", pc.TTL(), project.fetch)
	require.NoError(t, err)
	assert.Equal(t, "role-1", roleOf(t, p))
	p, err = pc.Get(ctx, "organization-1", pc.TTL(), org.fetch)
	require.NoError(t, err)
	assert.Equal(t, "role-1", roleOf(t, p), "each key has its own policy")

	clock.Advance(time.Minute)
	p, _ = pc.Get(ctx, "", pc.TTL(), project.fetch)
	assert.Equal(t, "role-1", roleOf(t, p), "cached within the TTL")
	p, _ = pc.Get(ctx, "", PolicyRecheckAfter, project.fetch)
	assert.Equal(t, "role-2", roleOf(t, p), "a shorter max age refreshes")
	assert.EqualValues(t, 2, project.calls.Load())

	clock.Advance(5 * time.Minute)
	p, _ = pc.Get(ctx, "organization-1", pc.TTL(), org.fetch)
	assert.Equal(t, "role-2", roleOf(t, p), "fetched again past the TTL")

	p, err = pc.Get(ctx, "empty", pc.TTL(), func(context.Context) (*gen.Policy, error) { return nil, nil })
	require.NoError(t, err)
	assert.Equal(t, &gen.Policy{}, p, "no policy grants nothing")
}

func TestPolicyCacheSharedFetch(t *testing.T) {
	pc := NewPolicyCache(time.Minute, newFakeClock().Now, nil)
	src := policySource{gate: make(chan struct{})}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			p, err := pc.Get(context.Background(), "", pc.TTL(), src.fetch)
			assert.NoError(t, err)
			assert.Equal(t, "role-1", roleOf(t, p))
		})
	}
	require.Eventually(t, func() bool { return src.calls.Load() == 1 }, 5*time.Second, time.Millisecond)
	close(src.gate)
	wg.Wait()
	assert.EqualValues(t, 1, src.calls.Load(), "concurrent misses share one fetch")

	// A caller that gives up leaves the shared fetch running: its policy is
	// cached for the next caller.
	src2 := policySource{gate: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := pc.Get(ctx, "other", pc.TTL(), src2.fetch)
		done <- err
	}()
	require.Eventually(t, func() bool { return src2.calls.Load() == 1 }, 5*time.Second, time.Millisecond)
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)
	close(src2.gate)
	require.Eventually(t, func() bool { return pc.load("other") != nil }, 5*time.Second, time.Millisecond)
	p, err := pc.Get(context.Background(), "other", pc.TTL(), src2.fetch)
	require.NoError(t, err)
	assert.Equal(t, "role-1", roleOf(t, p))
	assert.EqualValues(t, 1, src2.calls.Load())
}

func TestPolicyCacheStaleOnFailure(t *testing.T) {
	clock := newFakeClock()
	var logs bytes.Buffer
	pc := NewPolicyCache(time.Minute, clock.Now, slog.New(slog.NewTextHandler(&logs, nil)))
	ctx := context.Background()
	var src policySource
	boom := errors.New("policy endpoint down")

	src.fail(boom)
	_, err := pc.Get(ctx, "org-1", pc.TTL(), src.fetch)
	require.ErrorIs(t, err, boom, "nothing cached: the fetch's error")
	src.err.Store(nil)
	_, err = pc.Get(ctx, "org-1", pc.TTL(), src.fetch)
	require.NoError(t, err, "a failure is not cached")

	clock.Advance(2 * time.Minute)
	src.fail(boom)
	for range 3 {
		p, err := pc.Get(ctx, "org-1", pc.TTL(), src.fetch)
		require.NoError(t, err)
		assert.Equal(t, "role-2", roleOf(t, p), "the previous policy is served")
	}
	assert.EqualValues(t, 3, src.calls.Load(), "one failed refresh, then a pause")
	assert.Contains(t, logs.String(), "RBAC policy refresh failed")
	assert.Contains(t, logs.String(), "policy=org-1")

	clock.Advance(policyRetryAfter)
	src.err.Store(nil)
	p, err := pc.Get(ctx, "org-1", pc.TTL(), src.fetch)
	require.NoError(t, err)
	assert.Equal(t, "role-4", roleOf(t, p), "refreshed after the pause")
}

func TestPolicyCacheIsBounded(t *testing.T) {
	clock := newFakeClock()
	pc := NewPolicyCache(time.Minute, clock.Now, nil)
	ctx := context.Background()
	var src policySource
	for i := range maxCachedPolicies {
		_, err := pc.Get(ctx, fmt.Sprint("org-", i), pc.TTL(), src.fetch)
		require.NoError(t, err)
	}
	assert.EqualValues(t, maxCachedPolicies, pc.size.Load())
	clock.Advance(time.Minute)
	_, err := pc.Get(ctx, "org-fresh-1", pc.TTL(), src.fetch)
	require.NoError(t, err)
	assert.EqualValues(t, 1, pc.size.Load(), "the expired entries are dropped past the bound")
	assert.Nil(t, pc.load("org-0"))
	assert.NotNil(t, pc.load("org-fresh-1"))

	_, err = pc.Get(ctx, "org-fresh-1", 0, src.fetch)
	require.NoError(t, err)
	assert.EqualValues(t, 1, pc.size.Load(), "a refreshed key is counted once")
}
