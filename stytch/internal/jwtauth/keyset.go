package jwtauth

import (
	"context"
	"crypto/rsa"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// FetchFunc returns the raw body of GET /v1/sessions/jwks/{project_id}. It is
// called with a context that carries a timeout; the shared fetch of
// concurrent callers is not cancelled when one of them gives up.
type FetchFunc func(ctx context.Context) ([]byte, error)

// Defaults of a KeySet; each can be changed with an option.
const (
	// DefaultRefreshInterval is the background refresh period.
	DefaultRefreshInterval = time.Hour
	// DefaultMinRefreshInterval is the least time between kid-miss refreshes.
	DefaultMinRefreshInterval = 5 * time.Minute
	// DefaultFetchTimeout bounds one JWKS fetch.
	DefaultFetchTimeout = 10 * time.Second
	// coldRetryInterval spaces the retries while no key was ever loaded, so a
	// down endpoint at start-up is retried soon but not by every request.
	coldRetryInterval = time.Second
)

// KeySetOption configures a KeySet.
type KeySetOption func(*KeySet)

// WithRefreshInterval sets how often the keys are refreshed in the
// background once the first fetch succeeded (default one hour).
func WithRefreshInterval(d time.Duration) KeySetOption {
	return func(s *KeySet) {
		if d > 0 {
			s.refreshEvery = d
		}
	}
}

// WithMinRefreshInterval sets the least time between two refreshes caused by
// an unknown kid (default five minutes), so forged kids cannot flood the API.
func WithMinRefreshInterval(d time.Duration) KeySetOption {
	return func(s *KeySet) {
		if d >= 0 {
			s.minRefresh = d
		}
	}
}

// WithFetchTimeout bounds every JWKS fetch (default ten seconds).
func WithFetchTimeout(d time.Duration) KeySetOption {
	return func(s *KeySet) {
		if d > 0 {
			s.fetchTimeout = d
		}
	}
}

// WithKeySetClock injects the clock used for refresh rate limiting.
func WithKeySetClock(now func() time.Time) KeySetOption {
	return func(s *KeySet) {
		if now != nil {
			s.now = now
		}
	}
}

// WithKeySetLogger logs failed refreshes (the keys in use are kept).
func WithKeySetLogger(l *slog.Logger) KeySetOption {
	return func(s *KeySet) {
		if l != nil {
			s.log = l
		}
	}
}

// KeySet is a lazily loaded, self-refreshing cache of a project's JWKS. It
// performs no I/O until the first key lookup; it is safe for concurrent use.
type KeySet struct {
	fetch        FetchFunc
	refreshEvery time.Duration
	minRefresh   time.Duration
	fetchTimeout time.Duration
	now          func() time.Time
	log          *slog.Logger

	snap   atomic.Pointer[keySnapshot] // nil until the first successful fetch
	flight singleflight.Group

	mu          sync.Mutex // guards the fields below
	lastAttempt time.Time
	lastErr     error
	started     bool
	closed      bool
	stop        context.CancelFunc
	stopCtx     context.Context
	done        chan struct{}
	closeOnce   sync.Once
}

// NewKeySet returns a KeySet reading keys through fetch. It never calls fetch itself.
func NewKeySet(fetch FetchFunc, opts ...KeySetOption) *KeySet {
	s := &KeySet{
		fetch:        fetch,
		refreshEvery: DefaultRefreshInterval,
		minRefresh:   DefaultMinRefreshInterval,
		fetchTimeout: DefaultFetchTimeout,
		now:          time.Now,
		log:          slog.New(slog.DiscardHandler),
		done:         make(chan struct{}),
	}
	for _, o := range opts {
		o(s)
	}
	s.stopCtx, s.stop = context.WithCancel(context.Background())
	return s
}

// Key returns the RSA public key with the given kid. A kid absent from the
// cached set triggers at most one refresh per minimum refresh interval, and
// concurrent callers share a single fetch. It fails with ErrNoKeys when no
// key was ever loaded, ErrUnknownKey when the kid is still absent, and
// ErrBadAlgorithm when the kid names a key that cannot verify RS256.
func (s *KeySet) Key(ctx context.Context, kid string) (*rsa.PublicKey, error) {
	if k, ok, err := s.cached(kid); ok {
		return k, err
	}
	refreshErr := s.refresh(ctx, false, true)
	if k, ok, err := s.cached(kid); ok {
		return k, err
	}
	var rl *rateLimitedError
	if errors.As(refreshErr, &rl) {
		// Expected under a storm of unknown kids: report only the last
		// refresh failure, if any, as the cause.
		refreshErr = rl.last
	}
	if s.snap.Load() == nil {
		return nil, wrapErr(ErrNoKeys, "JWKS not loaded", refreshErr)
	}
	return nil, wrapErr(ErrUnknownKey, "kid "+quoteShort(kid), refreshErr)
}

// cached answers from the current snapshot; ok is false when the kid is unknown.
func (s *KeySet) cached(kid string) (key *rsa.PublicKey, ok bool, err error) {
	snap := s.snap.Load()
	if snap == nil {
		return nil, false, nil
	}
	if k := snap.keys[kid]; k != nil {
		return k, true, nil
	}
	if reason, bad := snap.unusable[kid]; bad {
		return nil, true, newErr(ErrBadAlgorithm, "JWKS key "+quoteShort(kid)+": "+reason)
	}
	return nil, false, nil
}

// Refresh fetches the JWKS now, bypassing the rate limit (still shared with
// concurrent fetches). On failure the keys already loaded stay in use.
func (s *KeySet) Refresh(ctx context.Context) error { return s.refresh(ctx, true, true) }

// Close stops the background refresh and waits for it to exit. It is
// idempotent. Lookups keep working afterwards with on-demand fetches.
func (s *KeySet) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		started := s.started
		s.mu.Unlock()
		s.stop()
		if started {
			<-s.done
		}
	})
	return nil
}

// rateLimitedError reports a refresh skipped by the rate limit, with the
// outcome of the last refresh that did run.
type rateLimitedError struct{ last error }

func (e *rateLimitedError) Error() string {
	msg := "JWKS refresh skipped: minimum refresh interval not elapsed"
	if e.last != nil {
		msg += "; last refresh: " + e.last.Error()
	}
	return msg
}

// refresh runs one shared fetch; the caller stops waiting when ctx ends.
// With detach, the fetch itself outlives the caller's cancellation (other
// callers may be waiting on it); the background loop passes false so that
// Close also aborts its fetch.
func (s *KeySet) refresh(ctx context.Context, force, detach bool) error {
	fetchCtx := ctx
	if detach {
		fetchCtx = context.WithoutCancel(ctx)
	}
	ch := s.flight.DoChan("jwks", func() (any, error) {
		return nil, s.doRefresh(fetchCtx, force)
	})
	select {
	case r := <-ch:
		return r.Err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// doRefresh runs inside the single flight: it applies the rate limit,
// fetches, and swaps in the new snapshot only when it holds usable keys.
func (s *KeySet) doRefresh(ctx context.Context, force bool) error {
	now := s.now()
	s.mu.Lock()
	interval := s.minRefresh
	if s.snap.Load() == nil {
		interval = min(coldRetryInterval, s.minRefresh)
	}
	if !force && !s.lastAttempt.IsZero() && now.Sub(s.lastAttempt) < interval {
		last := s.lastErr
		s.mu.Unlock()
		return &rateLimitedError{last: last}
	}
	s.lastAttempt = now
	s.mu.Unlock()

	ctx, cancel := context.WithTimeout(ctx, s.fetchTimeout)
	defer cancel()
	snap, err := s.load(ctx)

	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastErr = err
	if err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "stytch: JWKS refresh failed; keeping the keys in use",
			slog.String("error", err.Error()), slog.Bool("have_keys", s.snap.Load() != nil))
		return err
	}
	s.snap.Store(snap)
	if !s.started && !s.closed {
		s.started = true
		go s.loop()
	}
	return nil
}

func (s *KeySet) load(ctx context.Context) (*keySnapshot, error) {
	body, err := s.fetch(ctx)
	if err != nil {
		return nil, err
	}
	return parseJWKS(body)
}

// loop refreshes the keys every refreshEvery until Close.
func (s *KeySet) loop() {
	defer close(s.done)
	t := time.NewTicker(s.refreshEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stopCtx.Done():
			return
		case <-t.C:
			_ = s.refresh(s.stopCtx, true, false) // failures are logged and keep the old keys
		}
	}
}

// quoteShort quotes an untrusted header value for an error message, cut to
// a length that cannot smuggle a token into logs.
func quoteShort(s string) string {
	const maxLen = 64
	if len(s) > maxLen {
		s = s[:maxLen] + "…"
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\\' || r == 0x7f {
			r = '?'
		}
		b = append(b, string(r)...)
	}
	return string(append(b, '"'))
}
