package jwtauth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tokenSource is a fake token endpoint: it counts fetches and can block
// them on a gate or fail them.
type tokenSource struct {
	calls atomic.Int64
	fail  atomic.Bool
	gate  chan struct{} // when non-nil, fetches wait for it to close
	ttl   time.Duration
	last  atomic.Pointer[TokenRequest]
}

func (s *tokenSource) fetch(ctx context.Context, req TokenRequest) (Token, error) {
	n := s.calls.Add(1)
	s.last.Store(&req)
	if s.gate != nil {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return Token{}, ctx.Err()
		}
	}
	if s.fail.Load() {
		return Token{}, errors.New("token endpoint unavailable")
	}
	return Token{AccessToken: fmt.Sprintf("token-%d", n), ExpiresIn: s.ttl}, nil
}

func TestTokenCacheRefreshesBeforeExpiry(t *testing.T) {
	clock := newFakeClock()
	src := &tokenSource{ttl: time.Hour}
	c := NewTokenCache(src.fetch, WithTokenClock(clock.Now))
	ctx := context.Background()
	req := TokenRequest{ClientID: testClient, ClientSecret: "secret-test-x", Scopes: []string{"write:users", "read:users"}}

	tok, err := c.Token(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "token-1", tok)

	// Scope order does not matter; the same token is served from cache.
	clock.Advance(47 * time.Minute)
	tok, err = c.Token(ctx, TokenRequest{ClientID: testClient, ClientSecret: "secret-test-x", Scopes: []string{"read:users", "write:users"}})
	require.NoError(t, err)
	assert.Equal(t, "token-1", tok)
	assert.EqualValues(t, 1, src.calls.Load())

	// At 80% of its hour (48 min) the token is renewed, 12 min before expiry.
	clock.Advance(time.Minute)
	tok, err = c.Token(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "token-2", tok)
	assert.EqualValues(t, 2, src.calls.Load())

	// A different secret or scope set is a different token.
	_, err = c.Token(ctx, TokenRequest{ClientID: testClient, ClientSecret: "secret-test-y", Scopes: req.Scopes})
	require.NoError(t, err)
	_, err = c.Token(ctx, TokenRequest{ClientID: testClient, ClientSecret: "secret-test-x"})
	require.NoError(t, err)
	assert.EqualValues(t, 4, src.calls.Load())

	c.Forget(req)
	tok, err = c.Token(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "token-5", tok)
}

func TestRefreshMargin(t *testing.T) {
	assert.Equal(t, 12*time.Minute, refreshMargin(time.Hour))      // 80%
	assert.Equal(t, time.Minute, refreshMargin(3*time.Minute))     // one minute before
	assert.Equal(t, 15*time.Second, refreshMargin(30*time.Second)) // never before half
}

func TestTokenCacheSharesOneFetch(t *testing.T) {
	clock := newFakeClock()
	src := &tokenSource{ttl: time.Hour, gate: make(chan struct{})}
	c := NewTokenCache(src.fetch, WithTokenClock(clock.Now))
	req := TokenRequest{ClientID: testClient, ClientSecret: "secret-test-x", Scopes: []string{"read:users"}}

	var wg sync.WaitGroup
	results := make(chan string, 100)
	for range 100 {
		wg.Go(func() {
			tok, err := c.Token(context.Background(), req)
			assert.NoError(t, err)
			results <- tok
		})
	}
	require.Eventually(t, func() bool { return src.calls.Load() == 1 }, 5*time.Second, time.Millisecond)
	close(src.gate)
	wg.Wait()
	close(results)
	for tok := range results {
		assert.Equal(t, "token-1", tok)
	}
	assert.EqualValues(t, 1, src.calls.Load(), "100 concurrent callers, one fetch")
	assert.Equal(t, "secret-test-x", src.last.Load().ClientSecret)
}

func TestTokenCacheFailedRefresh(t *testing.T) {
	clock := newFakeClock()
	src := &tokenSource{ttl: time.Hour}
	c := NewTokenCache(src.fetch, WithTokenClock(clock.Now))
	ctx := context.Background()
	req := TokenRequest{ClientID: testClient, ClientSecret: "secret-test-x"}
	_, err := c.Token(ctx, req)
	require.NoError(t, err)

	// Due for refresh but unexpired: the endpoint fails, the old token serves.
	src.fail.Store(true)
	clock.Advance(50 * time.Minute)
	tok, err := c.Token(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "token-1", tok)

	// Expired: the failure surfaces.
	clock.Advance(10 * time.Minute)
	_, err = c.Token(ctx, req)
	assert.ErrorContains(t, err, "token endpoint unavailable")

	src.fail.Store(false)
	tok, err = c.Token(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "token-4", tok)
}

func TestTokenCacheRejectsBadResponse(t *testing.T) {
	c := NewTokenCache(func(context.Context, TokenRequest) (Token, error) { return Token{AccessToken: "x"}, nil })
	_, err := c.Token(context.Background(), TokenRequest{ClientID: testClient})
	assert.Error(t, err)
}

func TestTokenCacheHonoursContext(t *testing.T) {
	src := &tokenSource{ttl: time.Hour, gate: make(chan struct{})}
	defer close(src.gate)
	c := NewTokenCache(src.fetch)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := c.Token(ctx, TokenRequest{ClientID: testClient})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}
