package jwtauth

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLazyVerifier(t *testing.T) {
	k, _ := keys(t)
	srv := newJWKSServer(t, jwkJSON(testKid, &k.PublicKey, "RS256"))
	clock := newFakeClock()
	var l LazyVerifier
	assert.Nil(t, l.Keys(), "nothing built before the first Get")

	var built atomic.Int64
	var closers []func() error
	cfg := func() LazyConfig {
		built.Add(1)
		return LazyConfig{Fetch: srv.fetch, Verifier: Config{ProjectID: testProject, Now: clock.Now},
			OnClose: func(f func() error) bool { closers = append(closers, f); return true }}
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			v, err := l.Get(cfg)
			assert.NoError(t, err)
			assert.NotNil(t, v)
		})
	}
	wg.Wait()
	assert.EqualValues(t, 1, built.Load(), "built once")
	assert.Zero(t, srv.hits.Load(), "no fetch until a verification")
	require.Len(t, closers, 1)
	require.NotNil(t, l.Keys())

	v, _ := l.Get(cfg)
	_, err := v.VerifySession(context.Background(), sign(t, k, testKid, sessionClaims(clock.Now())), 0)
	require.NoError(t, err)
	assert.EqualValues(t, 1, srv.hits.Load())
	require.NoError(t, closers[0]())

	// An owner closed already: the key set is closed at once, so no
	// background refresh ever starts; checks still work.
	var late LazyVerifier
	v, err = late.Get(func() LazyConfig {
		return LazyConfig{Fetch: srv.fetch, Verifier: Config{ProjectID: testProject, Now: clock.Now},
			OnClose: func(func() error) bool { return false }}
	})
	require.NoError(t, err)
	_, err = v.VerifySession(context.Background(), sign(t, k, testKid, sessionClaims(clock.Now())), 0)
	require.NoError(t, err)
	late.Keys().mu.Lock()
	started := late.Keys().started
	late.Keys().mu.Unlock()
	assert.False(t, started, "no background refresh after the owner's Close")

	var bad LazyVerifier
	for range 2 {
		_, err = bad.Get(func() LazyConfig {
			return LazyConfig{Fetch: srv.fetch, OnClose: func(func() error) bool { return true }}
		})
		require.Error(t, err, "a project id is required")
	}
	assert.Nil(t, bad.Keys())
}
