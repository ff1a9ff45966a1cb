package stytch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// RetryPolicy says how often and how patiently a failed call is retried.
//
// Stytch has no idempotency keys, so only failures that provably did not act
// are retried for POST: a 429 or 503 answer, or a connection that never
// reached the server (dial error, connection refused, DNS failure). GET, PUT
// and DELETE also retry 500, 502, 504, timeouts and dropped connections. A
// POST that may have been processed is never retried: a magic link or OTP
// must not be sent twice, a token not consumed twice.
type RetryPolicy struct {
	// MaxAttempts counts every attempt, the first included; 1 disables retries.
	MaxAttempts int
	// BaseDelay is the backoff ceiling before the second attempt; it doubles
	// per attempt (exponential backoff with full jitter).
	BaseDelay time.Duration
	// MaxDelay caps a single wait. A Retry-After asking for longer ends the
	// retries instead of being shortened.
	MaxDelay time.Duration
	// MaxElapsed caps the time spent on one call, attempts and waits
	// included; a retry that would end later is not made.
	MaxElapsed time.Duration
}

// DefaultRetryPolicy is used unless WithRetry or WithoutRetries is given.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, BaseDelay: 250 * time.Millisecond, MaxDelay: 5 * time.Second, MaxElapsed: 90 * time.Second}
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.BaseDelay == 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxElapsed == 0 {
		p.MaxElapsed = d.MaxElapsed
	}
	return p
}

// retrier applies a RetryPolicy with an injectable clock, random source and
// sleep so that classify and the loop are testable without waiting.
type retrier struct {
	policy RetryPolicy
	now    func() time.Time
	jitter func(n int64) int64                              // uniform in [0, n)
	sleep  func(ctx context.Context, d time.Duration) error // returns ctx.Err() when cut short
}

func newRetrier(p RetryPolicy) *retrier {
	return &retrier{policy: p, now: time.Now, jitter: rand.Int64N, sleep: sleepCtx}
}

// sleepCtx waits d or until ctx is done, whichever comes first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// reasonExhausted prefixes the reason of a retryable failure that is not
// retried because the policy's attempts or time budget are used up.
const reasonExhausted = "retries exhausted: "

// classify decides whether attempt number attempt (1-based) of a request with
// the given method is retried, given what that attempt produced: a response
// (body already read) or a transport error. It returns the wait before the
// next attempt and a short reason for logs.
func (r *retrier) classify(attempt int, method string, resp *http.Response, err error) (retry bool, wait time.Duration, reason string) {
	idempotent := method == http.MethodGet || method == http.MethodHead || method == http.MethodPut ||
		method == http.MethodDelete || method == http.MethodOptions
	switch {
	case err != nil && neverSent(err):
		reason = "connection failed before the request was sent"
	case err != nil && !idempotent:
		return false, 0, "request may have reached the server; " + method + " is not retried"
	case err != nil && isTimeout(err):
		reason = "attempt timed out"
	case err != nil:
		reason = "transport error"
	case resp == nil:
		return false, 0, "no response"
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		reason = fmt.Sprintf("HTTP %d", resp.StatusCode)
	case idempotent && (resp.StatusCode == http.StatusInternalServerError ||
		resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout):
		reason = fmt.Sprintf("HTTP %d", resp.StatusCode)
	default:
		return false, 0, "not retryable"
	}
	if attempt >= r.policy.MaxAttempts {
		return false, 0, reasonExhausted + reason
	}
	if resp != nil {
		if ra, ok := retryAfter(resp.Header.Get("Retry-After"), r.now()); ok {
			if ra > r.policy.MaxDelay {
				return false, 0, reasonExhausted + reason + "; Retry-After exceeds MaxDelay"
			}
			return true, ra, reason + "; honouring Retry-After"
		}
	}
	return true, r.backoff(attempt), reason
}

// backoff is full-jitter exponential backoff: uniform in
// [0, min(MaxDelay, BaseDelay*2^(attempt-1))].
func (r *retrier) backoff(attempt int) time.Duration {
	ceil := r.policy.BaseDelay
	for i := 1; i < attempt && ceil < r.policy.MaxDelay; i++ {
		ceil *= 2
	}
	ceil = min(ceil, r.policy.MaxDelay)
	if ceil <= 0 {
		return 0
	}
	return time.Duration(r.jitter(int64(ceil) + 1))
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 1<<20)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// neverSent reports whether err proves the request never reached the server:
// dialing failed (refused, unreachable, DNS, dial timeout).
func neverSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.Is(err, syscall.ECONNREFUSED)
}

// isTimeout reports whether err is a deadline or network timeout.
func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
