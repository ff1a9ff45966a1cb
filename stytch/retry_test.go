package stytch

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fixedNow = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func testRetrier() *retrier {
	r := newRetrier(RetryPolicy{MaxAttempts: 3, BaseDelay: 100 * time.Millisecond, MaxDelay: 2 * time.Second, MaxElapsed: time.Minute})
	r.now = func() time.Time { return fixedNow }
	r.jitter = func(n int64) int64 { return n - 1 } // always the ceiling
	return r
}

// realErrors produces the errors the loop really sees from an *http.Client.
func realErrors(t *testing.T) (refused, timeout, dropped error) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := "http://" + l.Addr().String()
	require.NoError(t, l.Close())
	_, refused = http.Get(closed) //nolint:noctx // error only

	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer hang.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, hang.URL, nil)
	_, timeout = http.DefaultClient.Do(req)

	drop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, herr := w.(http.Hijacker).Hijack()
		if herr == nil {
			_ = conn.Close()
		}
	}))
	defer drop.Close()
	req, _ = http.NewRequest(http.MethodPost, drop.URL, nil)
	_, dropped = (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	require.Error(t, refused)
	require.Error(t, timeout)
	require.Error(t, dropped)
	return refused, timeout, dropped
}

func response(status int, header ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	return &http.Response{StatusCode: status, Header: h}
}

func TestClassify(t *testing.T) {
	refused, timeout, dropped := realErrors(t)
	r := testRetrier()
	for _, tc := range []struct {
		name    string
		attempt int
		method  string
		resp    *http.Response
		err     error
		retry   bool
		wait    time.Duration
	}{
		{"200", 1, "GET", response(200), nil, false, 0},
		{"400", 1, "GET", response(400), nil, false, 0},
		{"401", 1, "POST", response(401), nil, false, 0},
		{"404 GET", 1, "GET", response(404), nil, false, 0},
		{"409 PUT", 1, "PUT", response(409), nil, false, 0},
		{"429 POST attempt 1", 1, "POST", response(429), nil, true, 100 * time.Millisecond},
		{"429 POST attempt 2", 2, "POST", response(429), nil, true, 200 * time.Millisecond},
		{"429 POST last attempt", 3, "POST", response(429), nil, false, 0},
		{"429 Retry-After seconds", 1, "POST", response(429, "Retry-After", "2"), nil, true, 2 * time.Second},
		{"429 Retry-After date", 1, "POST", response(429, "Retry-After", fixedNow.Add(time.Second).Format(http.TimeFormat)), nil, true, time.Second},
		{"429 Retry-After past date", 1, "POST", response(429, "Retry-After", fixedNow.Add(-time.Hour).Format(http.TimeFormat)), nil, true, 0},
		{"429 Retry-After beyond MaxDelay", 1, "POST", response(429, "Retry-After", "30"), nil, false, 0},
		{"429 Retry-After garbage falls back to backoff", 1, "POST", response(429, "Retry-After", "soon"), nil, true, 100 * time.Millisecond},
		{"503 POST", 1, "POST", response(503), nil, true, 100 * time.Millisecond},
		{"500 GET", 1, "GET", response(500), nil, true, 100 * time.Millisecond},
		{"502 DELETE", 2, "DELETE", response(502), nil, true, 200 * time.Millisecond},
		{"504 PUT", 1, "PUT", response(504), nil, true, 100 * time.Millisecond},
		{"500 POST", 1, "POST", response(500), nil, false, 0},
		{"502 POST", 1, "POST", response(502), nil, false, 0},
		{"504 POST", 1, "POST", response(504), nil, false, 0},
		{"refused POST", 1, "POST", nil, refused, true, 100 * time.Millisecond},
		{"refused GET last attempt", 3, "GET", nil, refused, false, 0},
		{"timeout POST", 1, "POST", nil, timeout, false, 0},
		{"timeout GET", 1, "GET", nil, timeout, true, 100 * time.Millisecond},
		{"dropped POST", 1, "POST", nil, dropped, false, 0},
		{"dropped PUT", 1, "PUT", nil, dropped, true, 100 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			retry, wait, reason := r.classify(tc.attempt, tc.method, tc.resp, tc.err)
			assert.Equal(t, tc.retry, retry, reason)
			assert.Equal(t, tc.wait, wait, reason)
			assert.NotEmpty(t, reason)
		})
	}
}

func TestBackoffIsCappedAndJittered(t *testing.T) {
	r := testRetrier()
	r.policy.MaxAttempts = 20
	assert.Equal(t, 2*time.Second, r.backoff(10), "ceiling capped at MaxDelay")
	r.jitter = func(int64) int64 { return 0 }
	assert.Zero(t, r.backoff(3), "full jitter reaches zero")
}

func TestSleepCtxStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	assert.ErrorIs(t, sleepCtx(ctx, time.Hour), context.Canceled)
	assert.Less(t, time.Since(start), time.Second)
	assert.NoError(t, sleepCtx(context.Background(), time.Millisecond))
}

func TestTotalTimeBudgetEndsRetries(t *testing.T) {
	var hits int
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.WriteHeader(http.StatusServiceUnavailable)
	}, WithRetry(RetryPolicy{MaxAttempts: 10, BaseDelay: time.Second, MaxDelay: time.Second, MaxElapsed: 10 * time.Millisecond}))
	now := fixedNow
	c.eng.retry.now = func() time.Time { now = now.Add(6 * time.Millisecond); return now }
	c.eng.retry.jitter = func(n int64) int64 { return 0 }
	fakeSleep(c)
	_, err := getUser(c)
	assert.Equal(t, 503, StatusCode(err))
	assert.Less(t, hits, 10, "the time budget stopped retries before MaxAttempts")
}
