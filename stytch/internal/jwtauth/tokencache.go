package jwtauth

import (
	"context"
	"crypto/sha256"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// TokenRequest names an M2M access token: the client, its secret and the
// scopes asked for (nil means the client's default scopes).
type TokenRequest struct {
	// ClientID is the M2M client (`m2m-client-<env>-<uuid>`).
	ClientID string
	// ClientSecret authenticates the client; only its hash enters the cache key.
	ClientSecret string
	// Scopes are requested scopes; order and duplicates do not matter.
	Scopes []string
}

// Token is one access token as returned by POST /v1/public/{project_id}/oauth2/token.
type Token struct {
	// AccessToken is the JWT to send as a bearer token.
	AccessToken string
	// ExpiresIn is the lifetime from the response's expires_in.
	ExpiresIn time.Duration
	// Scope is the granted scope string of the response, if it has one.
	Scope string
	// RequestID is the request_id of the response that issued the token.
	RequestID string
}

// CachedToken is a token served by a TokenCache, with its absolute expiry.
type CachedToken struct {
	Token
	// ExpiresAt is when the token expires (fetch time + ExpiresIn).
	ExpiresAt time.Time
}

// TokenFetchFunc obtains a fresh token (the client-credentials request).
type TokenFetchFunc func(ctx context.Context, req TokenRequest) (Token, error)

// TokenCacheOption configures a TokenCache.
type TokenCacheOption func(*TokenCache)

// WithTokenClock injects the cache's clock.
func WithTokenClock(now func() time.Time) TokenCacheOption {
	return func(c *TokenCache) {
		if now != nil {
			c.now = now
		}
	}
}

// WithTokenLogger logs refresh failures that were bridged by a still-valid token.
func WithTokenLogger(l *slog.Logger) TokenCacheOption {
	return func(c *TokenCache) {
		if l != nil {
			c.log = l
		}
	}
}

// WithTokenFetchTimeout bounds each shared fetch (default 30 s).
func WithTokenFetchTimeout(d time.Duration) TokenCacheOption {
	return func(c *TokenCache) {
		if d > 0 {
			c.fetchTimeout = d
		}
	}
}

// TokenCache keeps M2M access tokens per (client id, secret, sorted scopes)
// and fetches a new one before the cached one runs out: at 80% of its
// lifetime or one minute before expiry, whichever comes first (but never
// before half of it). Concurrent callers for the same key share one fetch.
// If a refresh fails while the cached token is still unexpired, that token
// is returned. It is safe for concurrent use.
type TokenCache struct {
	fetch        TokenFetchFunc
	now          func() time.Time
	log          *slog.Logger
	fetchTimeout time.Duration
	flight       singleflight.Group

	mu      sync.Mutex
	entries map[string]tokenEntry
}

type tokenEntry struct {
	tok       Token
	refreshAt time.Time
	expiresAt time.Time
}

func (e tokenEntry) cached() CachedToken { return CachedToken{Token: e.tok, ExpiresAt: e.expiresAt} }

// NewTokenCache returns an empty cache that obtains tokens through fetch.
func NewTokenCache(fetch TokenFetchFunc, opts ...TokenCacheOption) *TokenCache {
	c := &TokenCache{
		fetch:        fetch,
		now:          time.Now,
		log:          slog.New(slog.DiscardHandler),
		fetchTimeout: 30 * time.Second,
		entries:      map[string]tokenEntry{},
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Token returns a cached access token for req, fetching one when there is
// none or the cached one is due for refresh.
func (c *TokenCache) Token(ctx context.Context, req TokenRequest) (string, error) {
	t, err := c.Get(ctx, req)
	return t.AccessToken, err
}

// Get is Token returning the whole cached token with its expiry.
func (c *TokenCache) Get(ctx context.Context, req TokenRequest) (CachedToken, error) {
	key := tokenKey(req)
	old, have := c.lookup(key)
	if have && c.now().Before(old.refreshAt) {
		return old.cached(), nil
	}
	fetchCtx := context.WithoutCancel(ctx)
	ch := c.flight.DoChan(key, func() (any, error) { return c.refresh(fetchCtx, key, req) })
	select {
	case r := <-ch:
		if r.Err == nil {
			return r.Val.(tokenEntry).cached(), nil
		}
		if have && c.now().Before(old.expiresAt) {
			c.log.LogAttrs(ctx, slog.LevelWarn, "stytch: M2M token refresh failed; using the cached token until it expires",
				slog.String("client_id", req.ClientID), slog.String("error", r.Err.Error()))
			return old.cached(), nil
		}
		return CachedToken{}, r.Err
	case <-ctx.Done():
		return CachedToken{}, ctx.Err()
	}
}

// Forget drops the cached token for req, e.g. after it was rejected.
func (c *TokenCache) Forget(req TokenRequest) {
	c.mu.Lock()
	delete(c.entries, tokenKey(req))
	c.mu.Unlock()
}

func (c *TokenCache) lookup(key string) (tokenEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e, ok
}

// refresh runs inside the single flight for key.
func (c *TokenCache) refresh(ctx context.Context, key string, req TokenRequest) (any, error) {
	if e, ok := c.lookup(key); ok && c.now().Before(e.refreshAt) {
		return e, nil // a flight that just finished already refreshed it
	}
	ctx, cancel := context.WithTimeout(ctx, c.fetchTimeout)
	defer cancel()
	start := c.now()
	tok, err := c.fetch(ctx, req)
	if err != nil {
		return nil, err
	}
	if tok.AccessToken == "" || tok.ExpiresIn <= 0 {
		return nil, errors.New("jwtauth: token response has no access_token or a non-positive expires_in")
	}
	e := tokenEntry{tok: tok, expiresAt: start.Add(tok.ExpiresIn)}
	e.refreshAt = e.expiresAt.Add(-refreshMargin(tok.ExpiresIn))
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, old := range c.entries { // drop expired tokens so the map stays small
		if !start.Before(old.expiresAt) {
			delete(c.entries, k)
		}
	}
	c.entries[key] = e
	return e, nil
}

// refreshMargin is how long before expiry a token is renewed:
// max(20% of ttl, min(1 minute, ttl/2)).
func refreshMargin(ttl time.Duration) time.Duration {
	return max(ttl/5, min(time.Minute, ttl/2))
}

// tokenKey identifies a token by client, secret fingerprint and the sorted,
// de-duplicated scopes. The secret's hash is part of the key so a caller
// with a different (e.g. rotated or wrong) secret never gets a token that
// was obtained with another one.
func tokenKey(req TokenRequest) string {
	scopes := slices.Clone(req.Scopes)
	slices.Sort(scopes)
	scopes = slices.Compact(scopes)
	sum := sha256.Sum256([]byte(req.ClientSecret))
	var b strings.Builder
	b.Grow(len(req.ClientID) + len(sum) + 2 + 16*len(scopes))
	b.WriteString(req.ClientID)
	b.WriteByte(0)
	b.Write(sum[:])
	b.WriteByte(0)
	b.WriteString(strings.Join(scopes, " "))
	return b.String()
}
