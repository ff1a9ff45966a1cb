package jwtauth

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// LazyConfig is what a LazyVerifier builds its KeySet and Verifier from.
type LazyConfig struct {
	// Fetch loads the JWKS (see FetchFunc).
	Fetch FetchFunc
	// Verifier configures the Verifier; its Now is the key set's clock too.
	Verifier Config
	// Logger, when not nil, hears of failed refreshes.
	Logger *slog.Logger
	// Refresh is the background refresh period; 0 keeps the default.
	Refresh time.Duration
	// OnClose registers the key set's Close with its owner and reports
	// false when the owner is already closed: no background refresh is
	// ever started then.
	OnClose func(close func() error) bool
}

// LazyVerifier creates a KeySet and its Verifier on first use, so that a
// client does no I/O and starts nothing until its first local check. Its
// zero value is ready; it is safe for concurrent use.
type LazyVerifier struct {
	ready atomic.Pointer[Verifier] // fast path once created
	once  sync.Once
	keys  *KeySet
	v     *Verifier
	err   error
}

// Get returns the Verifier, building it with cfg on the first call (cfg is
// not called again afterwards). Keys are fetched by the first
// verification, not here.
func (l *LazyVerifier) Get(cfg func() LazyConfig) (*Verifier, error) {
	if v := l.ready.Load(); v != nil {
		return v, nil
	}
	l.once.Do(func() {
		c := cfg()
		opts := []KeySetOption{WithKeySetClock(c.Verifier.Now), WithRefreshInterval(c.Refresh)}
		if c.Logger != nil {
			opts = append(opts, WithKeySetLogger(c.Logger))
		}
		l.keys = NewKeySet(c.Fetch, opts...)
		l.v, l.err = NewVerifier(l.keys, c.Verifier)
		if !c.OnClose(l.keys.Close) {
			_ = l.keys.Close() // owner already closed: never start a background refresh
		}
		if l.err == nil {
			l.ready.Store(l.v)
		}
	})
	return l.v, l.err
}

// Keys returns the KeySet built by Get, or nil before the first Get.
func (l *LazyVerifier) Keys() *KeySet {
	if l.ready.Load() == nil {
		return nil
	}
	return l.keys
}
