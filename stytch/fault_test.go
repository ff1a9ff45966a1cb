package stytch

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const rateLimitedBody = `{"status_code":429,"request_id":"request-id-test-429","error_type":"too_many_requests","error_message":"Too many requests.","error_url":"https://stytch.com/docs/api/errors/429"}`

// fakeSleep replaces the retry sleep, recording waits instead of sleeping.
func fakeSleep(c *Client) *[]time.Duration {
	var mu sync.Mutex
	waits := &[]time.Duration{}
	c.eng.retry.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		*waits = append(*waits, d)
		return ctx.Err()
	}
	return waits
}

func sendMagicLink(c *Client) (*MagicLinksEmailSendResponse, error) {
	return c.MagicLinks.Email.Send(context.Background(), &MagicLinksEmailSendParams{Email: "ada@example.com"})
}

func getUser(c *Client) (*UsersGetResponse, error) {
	return c.Users.Get(context.Background(), &UsersGetParams{UserID: "user-test-1"})
}

func TestFault429WithoutRetryAfter(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, rateLimitedBody)
	})
	waits := fakeSleep(c)
	resp, err := sendMagicLink(c)
	assert.Nil(t, resp)
	assert.Equal(t, int32(3), hits.Load(), "429 is retried even for POST, up to MaxAttempts")
	var re *RetryError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 3, re.Attempts)
	assert.Contains(t, err.Error(), "3 attempts")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 429, ae.StatusCode)
	assert.Equal(t, "request-id-test-429", ae.RequestID)
	assert.True(t, IsRateLimited(err))
	assert.True(t, HasErrorType(err, ErrorTypeTooManyRequests))
	require.Len(t, *waits, 2)
	for i, w := range *waits {
		assert.LessOrEqual(t, w, time.Millisecond<<i, "full jitter below the exponential ceiling")
	}
}

func TestFault429WithRetryAfter(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, rateLimitedBody)
			return
		}
		_, _ = io.WriteString(w, `{"request_id":"ok","status_code":200,"email_id":"email-1"}`)
	})
	resp, err := sendMagicLink(c)
	require.NoError(t, err)
	assert.Equal(t, "ok", resp.RequestID)
	assert.Equal(t, int32(2), hits.Load())

	// A longer Retry-After is honoured exactly (recorded, not slept).
	hits.Store(0)
	c2 := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = io.WriteString(w, `{"request_id":"ok","status_code":200}`)
	}, WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Second}))
	waits := fakeSleep(c2)
	_, err = sendMagicLink(c2)
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{time.Second}, *waits)
}

func TestFault503Then200(t *testing.T) {
	var hits atomic.Int32
	var bodies []string
	var mu sync.Mutex
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, `{"request_id":"ok","status_code":200}`)
	})
	_, err := sendMagicLink(c)
	require.NoError(t, err)
	assert.Equal(t, int32(2), hits.Load())
	require.Len(t, bodies, 2)
	assert.Equal(t, bodies[0], bodies[1], "the body is replayed on retry")
	assert.JSONEq(t, `{"email":"ada@example.com"}`, bodies[1])
}

func TestFault500OnGETIsRetried(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"status_code":500,"error_type":"internal_server_error","error_message":"oops","request_id":"r"}`)
			return
		}
		_, _ = io.WriteString(w, `{"request_id":"ok","status_code":200,"user_id":"user-test-1"}`)
	})
	resp, err := getUser(c)
	require.NoError(t, err)
	assert.Equal(t, "user-test-1", resp.UserID)
	assert.Equal(t, int32(3), hits.Load())
}

func TestFault500OnPOSTIsNotRetried(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, `{"status_code":500,"error_type":"internal_server_error","error_message":"oops","request_id":"r"}`)
	})
	resp, err := sendMagicLink(c)
	assert.Nil(t, resp)
	assert.Equal(t, int32(1), hits.Load(), "a magic link must never be sent twice")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 500, ae.StatusCode)
	var re *RetryError
	assert.False(t, errors.As(err, &re))
}

// countingTransport counts the attempts that leave the client.
type countingTransport struct {
	n    atomic.Int32
	next HTTPDoer
}

func (d *countingTransport) Do(r *http.Request) (*http.Response, error) {
	d.n.Add(1)
	return d.next.Do(r)
}

func TestFaultConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	d := &countingTransport{next: &http.Client{}}
	c, err := NewClient(testProjectID, testSecret, WithBaseURL("http://"+addr), WithHTTPClient(d),
		WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}))
	require.NoError(t, err)
	resp, err := sendMagicLink(c)
	assert.Nil(t, resp)
	assert.Equal(t, int32(3), d.n.Load(), "a refused POST never reached the server: safe to retry")
	var re *RetryError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 3, re.Attempts)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, http.MethodPost, te.Method)
	assert.True(t, errors.Is(err, syscall.ECONNREFUSED))
}

// settleGoroutines waits until the goroutine count drops back to base.
func settleGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), base, "goroutines leaked")
}

func TestFaultHangingServer(t *testing.T) {
	base := runtime.NumGoroutine()
	var hits, inFlight atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		inFlight.Add(1)
		defer inFlight.Add(-1)
		_, _ = io.Copy(io.Discard, r.Body) // lets the server notice the client hanging up
		<-r.Context().Done()               // hangs until the client gives up
	})
	srv := httptest.NewServer(mux)
	doer := &http.Client{}
	c, err := NewClient(testProjectID, testSecret, WithBaseURL(srv.URL), WithHTTPClient(doer), WithTimeout(50*time.Millisecond),
		WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}))
	require.NoError(t, err)

	_, err = sendMagicLink(c)
	assert.Equal(t, int32(1), hits.Load(), "a POST that may have arrived is not retried")
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	hits.Store(0)
	_, err = getUser(c)
	assert.Equal(t, int32(3), hits.Load(), "a timed-out GET is retried")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var re *RetryError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 3, re.Attempts)

	require.Eventually(t, func() bool { return inFlight.Load() == 0 }, 3*time.Second, 5*time.Millisecond,
		"the client hung up, so every handler returned")
	doer.CloseIdleConnections()
	srv.Close()
	settleGoroutines(t, base)
}

func TestFaultCallerDeadlineStopsRetries(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
	}, WithRetry(RetryPolicy{MaxAttempts: 5, MaxDelay: 10 * time.Second}))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.Users.Get(ctx, &UsersGetParams{UserID: "user-test-1"})
		done <- err
	}()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, int32(1), hits.Load())
	case <-time.After(3 * time.Second):
		t.Fatal("backoff ignored the context")
	}
}

func TestFaultTruncatedJSON(t *testing.T) {
	var hits atomic.Int32
	status := http.StatusOK
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"request_id":"r","status_code":200,"user_id":"us`)
	})
	resp, err := getUser(c)
	assert.Nil(t, resp)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 200, de.StatusCode)
	assert.Equal(t, 200, StatusCode(err))
	assert.Equal(t, int32(1), hits.Load())

	status = http.StatusBadRequest
	_, err = getUser(c)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Equal(t, `{"request_id":"r","status_code":200,"user_id":"us`, ae.Body())
}

const proxyPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\n\t<body>\x00\x1b[31m<center><h1>502 Bad Gateway</h1></center></body></html>"

func TestFaultHTML502(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, proxyPage)
	})
	_, err := sendMagicLink(c)
	assert.Equal(t, int32(1), hits.Load(), "502 on POST is not retried")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 502, ae.StatusCode)
	assert.Empty(t, ae.ErrorType)
	assert.Equal(t, "<html> <head><title>502 Bad Gateway</title></head> <body> [31m<center><h1>502 Bad Gateway</h1></center></body></html>", ae.Body())
	assert.Equal(t, "stytch: HTTP 502 Bad Gateway: response is not a Stytch error object", ae.Error())

	hits.Store(0)
	_, err = getUser(c)
	assert.Equal(t, int32(3), hits.Load(), "502 on GET is retried")
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 502, ae.StatusCode)
}

func TestFaultSlowBody(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"request_id":`)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}, WithTimeout(50*time.Millisecond))
	_, err := sendMagicLink(c)
	assert.Equal(t, int32(1), hits.Load())
	assert.ErrorIs(t, err, context.DeadlineExceeded, "the per-attempt timeout covers the body")

	hits.Store(0)
	_, err = getUser(c)
	assert.Equal(t, int32(3), hits.Load())
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestRetriesCanBeSwitchedOff(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}, WithoutRetries())
	_, err := getUser(c)
	assert.Equal(t, int32(1), hits.Load())
	assert.Equal(t, 503, StatusCode(err))
	var re *RetryError
	assert.False(t, errors.As(err, &re))
}

func TestOversizedBodyIsDecodeError(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"request_id":"`+string(make([]byte, 64))+`"}`)
	})
	c.eng.maxBody = 32
	_, err := getUser(c)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, de.Error(), "exceeds 32 bytes")
}
