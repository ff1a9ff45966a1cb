package jwtauth

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNoFetchAtConstruction(t *testing.T) {
	r := newRig(t, Config{})
	assert.EqualValues(t, 0, r.srv.hits.Load())
}

func TestUnknownKidThenRotation(t *testing.T) {
	k, other := keys(t)
	r := newRig(t, Config{})
	ctx := context.Background()
	_, err := r.v.VerifySession(ctx, sign(t, k, testKid, sessionClaims(r.clock.Now())), 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, r.srv.hits.Load())

	rotated := sign(t, other, rotatedKid, sessionClaims(r.clock.Now()))
	_, err = r.v.VerifySession(ctx, rotated, 0)
	requireKind(t, err, ErrUnknownKey, rotated)
	assert.EqualValues(t, 1, r.srv.hits.Load(), "refresh is rate limited right after the first fetch")

	// Stytch starts serving the new key next to the old one.
	r.srv.setKeys(t, jwkJSON(testKid, &k.PublicKey, "RS256"), jwkJSON(rotatedKid, &other.PublicKey, "RS256"))
	r.clock.Advance(DefaultMinRefreshInterval)
	rotated = sign(t, other, rotatedKid, sessionClaims(r.clock.Now()))
	got, err := r.v.VerifySession(ctx, rotated, 0)
	require.NoError(t, err)
	assert.Equal(t, testUser, got.UserID)
	assert.EqualValues(t, 2, r.srv.hits.Load(), "exactly one refresh made the new kid known")
}

func TestUnknownKidStormRespectsMinInterval(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{}, WithMinRefreshInterval(time.Minute))
	ctx := context.Background()
	_, err := r.v.VerifySession(ctx, sign(t, k, testKid, sessionClaims(r.clock.Now())), 0)
	require.NoError(t, err)

	storm := func() {
		var wg sync.WaitGroup
		for i := range 200 {
			wg.Go(func() {
				forged := sign(t, k, fmt.Sprintf("jwk-test-forged-%d", i), sessionClaims(r.clock.Now()))
				_, err := r.v.VerifySession(ctx, forged, 0)
				assert.ErrorIs(t, err, ErrUnknownKey)
			})
		}
		wg.Wait()
	}
	storm()
	assert.EqualValues(t, 1, r.srv.hits.Load(), "inside the interval no refresh at all")
	r.clock.Advance(59 * time.Second)
	storm()
	assert.EqualValues(t, 1, r.srv.hits.Load())
	r.clock.Advance(time.Second)
	storm()
	assert.EqualValues(t, 2, r.srv.hits.Load(), "one refresh per elapsed interval, however many misses")
	storm()
	assert.EqualValues(t, 2, r.srv.hits.Load())
}

func TestColdStartSharesOneFetch(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	r.srv.delay.Store(int64(50 * time.Millisecond)) // let the callers pile up
	tok := sign(t, k, testKid, sessionClaims(r.clock.Now()))
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for range 1000 {
		wg.Go(func() {
			<-start
			_, err := r.v.VerifySession(context.Background(), tok, 0)
			errs <- err
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, r.srv.hits.Load(), "1,000 cold callers, one JWKS fetch")
}

func TestEndpointDownKeepsLastGoodKeys(t *testing.T) {
	k, other := keys(t)
	r := newRig(t, Config{})
	ctx := context.Background()
	tok := sign(t, k, testKid, sessionClaims(r.clock.Now()))
	_, err := r.v.VerifySession(ctx, tok, 0)
	require.NoError(t, err)

	r.srv.down.Store(true)
	r.clock.Advance(time.Hour)
	require.Error(t, r.keys.Refresh(ctx))
	// An unknown kid now triggers a refresh that fails: the error says so,
	// and the keys already loaded keep working.
	unknown := sign(t, other, rotatedKid, sessionClaims(r.clock.Now()))
	_, err = r.v.VerifySession(ctx, unknown, 0)
	requireKind(t, err, ErrUnknownKey, unknown)
	assert.ErrorContains(t, err, "HTTP 503")
	tok = sign(t, k, testKid, sessionClaims(r.clock.Now()))
	_, err = r.v.VerifySession(ctx, tok, 0)
	require.NoError(t, err)

	// A body without usable keys is a failed refresh too.
	r.srv.down.Store(false)
	r.srv.setKeys(t)
	require.Error(t, r.keys.Refresh(ctx))
	_, err = r.v.VerifySession(ctx, tok, 0)
	require.NoError(t, err)
}

func TestEndpointDownWithoutKeys(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{})
	r.srv.down.Store(true)
	tok := sign(t, k, testKid, sessionClaims(r.clock.Now()))
	_, err := r.v.VerifySession(context.Background(), tok, 0)
	requireKind(t, err, ErrNoKeys, tok)
	assert.ErrorContains(t, err, "HTTP 503")
	assert.EqualValues(t, 1, r.srv.hits.Load())

	// Retries while keyless are spaced, not made by every request.
	_, err = r.v.VerifySession(context.Background(), tok, 0)
	requireKind(t, err, ErrNoKeys, tok)
	assert.EqualValues(t, 1, r.srv.hits.Load())

	r.srv.down.Store(false)
	r.clock.Advance(coldRetryInterval)
	_, err = r.v.VerifySession(context.Background(), tok, 0)
	require.NoError(t, err)
	assert.EqualValues(t, 2, r.srv.hits.Load())
}

func TestBackgroundRefreshStopsOnClose(t *testing.T) {
	k, _ := keys(t)
	r := newRig(t, Config{}, WithRefreshInterval(5*time.Millisecond))
	before := runtime.NumGoroutine() // the test server's accept loop included
	_, err := r.v.VerifySession(context.Background(), sign(t, k, testKid, sessionClaims(r.clock.Now())), 0)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return r.srv.hits.Load() >= 4 }, 5*time.Second, time.Millisecond,
		"background refresh runs every interval")

	require.NoError(t, r.keys.Close())
	require.NoError(t, r.keys.Close(), "Close is idempotent")
	stopped := r.srv.hits.Load()
	time.Sleep(50 * time.Millisecond) // ten intervals: a live loop would fetch again
	assert.Equal(t, stopped, r.srv.hits.Load(), "no fetch after Close")

	r.srv.srv.CloseClientConnections()
	r.srv.srv.Client().CloseIdleConnections()
	// Poll by hand: assert.Eventually runs its condition on a goroutine of its own.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("goroutines leaked: %d before, %d after\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

func TestKeyLookupHonoursContext(t *testing.T) {
	r := newRig(t, Config{})
	r.srv.delay.Store(int64(time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := r.keys.Key(ctx, testKid)
	assert.ErrorIs(t, err, ErrNoKeys)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestParseJWKS(t *testing.T) {
	k, _ := keys(t)
	_, err := parseJWKS([]byte(`not json`))
	assert.Error(t, err)
	_, err = parseJWKS([]byte(`{"keys":[]}`))
	assert.Error(t, err)

	good := jwkJSON(testKid, &k.PublicKey, "RS256")
	bad := func(mut func(m map[string]any)) map[string]any {
		m := jwkJSON("jwk-bad", &k.PublicKey, "RS256")
		mut(m)
		return m
	}
	srv := newJWKSServer(t, good,
		bad(func(m map[string]any) { m["kty"] = "EC" }),
		bad(func(m map[string]any) { m["use"] = "enc" }),
		bad(func(m map[string]any) { m["key_ops"] = []string{"encrypt"} }),
		bad(func(m map[string]any) { m["n"] = "!!" }),
		bad(func(m map[string]any) { m["e"] = "AAE" }),               // e = 1
		bad(func(m map[string]any) { m["n"] = "AQAB" }),              // far too small
		map[string]any{"kty": "RSA", "n": good["n"], "e": good["e"]}, // no kid
	)
	body, err := srv.fetch(context.Background())
	require.NoError(t, err)
	snap, err := parseJWKS(body)
	require.NoError(t, err)
	assert.Len(t, snap.keys, 1)
	assert.Contains(t, snap.unusable, "jwk-bad")
}
