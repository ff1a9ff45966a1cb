package stytch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"
)

// Version is the version of this client, sent in the User-Agent header.
const Version = "0.1.0"

// transport is the only place where HTTP happens. It wraps the caller's doer
// and adds Basic auth, User-Agent, a per-attempt timeout, retries and logging.
// The generated client calls it through gen.HttpRequestDoer.
type transport struct {
	next      HTTPDoer
	projectID string
	creds     *credentials
	userAgent string
	timeout   time.Duration
	maxBody   int64
	logger    *slog.Logger
	retry     *retrier
}

// String describes the transport without its credentials.
func (t *transport) String() string { return "stytch.transport{project: " + t.projectID + "}" }

// GoString is String, so that %#v never prints the credentials either.
func (t *transport) GoString() string { return t.String() }

// callState travels in the request context from the call helper to the
// transport: what kind of call it is, and how many attempts were made.
type callState struct {
	public   bool // /v1/public oauth2 endpoint: no Basic auth
	attempts int
}

type callStateKey struct{}

func withCallState(ctx context.Context, st *callState) context.Context {
	return context.WithValue(ctx, callStateKey{}, st)
}

func userAgent(suffix string) string {
	ua := "stytchkit/" + Version + " go/" + runtime.Version()
	if suffix != "" {
		ua += " " + suffix
	}
	return ua
}

// Do sends req, retrying as the policy allows. A response comes back with its
// body fully read (at most maxBody+1 bytes) so that the per-attempt timeout
// also covers slow bodies; a failure comes back as *TransportError.
func (t *transport) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	st, _ := ctx.Value(callStateKey{}).(*callState)
	if st == nil {
		st = &callState{}
	}
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	start := t.retry.now()
	for attempt := 1; ; attempt++ {
		st.attempts = attempt
		began := t.retry.now()
		resp, body, err := t.attempt(ctx, req, st, attempt)
		t.log(ctx, slog.LevelDebug, "stytch request", req, resp, body, err, attempt, t.retry.now().Sub(began))
		if cerr := ctx.Err(); cerr != nil { // the caller gave up: never retry
			if err == nil {
				return resp, nil
			}
			if !errors.Is(err, cerr) {
				err = fmt.Errorf("%w (%w)", cerr, err)
			}
			return nil, t.fail(req, err)
		}
		retry, wait, reason := t.retry.classify(attempt, req.Method, resp, err)
		if retry && (!replayable || t.retry.now().Sub(start)+wait > t.retry.policy.MaxElapsed) {
			retry, reason = false, reasonExhausted+reason+"; out of time budget or body not replayable"
		}
		if !retry {
			if strings.HasPrefix(reason, reasonExhausted) {
				t.log(ctx, slog.LevelWarn, "stytch giving up", req, resp, body, err, attempt, 0, slog.String("reason", reason))
			}
			if err != nil {
				return nil, t.fail(req, err)
			}
			return resp, nil
		}
		t.log(ctx, slog.LevelWarn, "stytch retry", req, resp, body, err, attempt, wait, slog.String("reason", reason))
		if serr := t.retry.sleep(ctx, wait); serr != nil {
			return nil, t.fail(req, serr)
		}
	}
}

// attempt makes one try with its own timeout and reads the whole body.
func (t *transport) attempt(ctx context.Context, req *http.Request, st *callState, n int) (*http.Response, []byte, error) {
	actx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	r := req.Clone(actx)
	if n > 1 && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, nil, err
		}
		r.Body = body
	}
	r.Header.Set("User-Agent", t.userAgent)
	if !st.public {
		r.SetBasicAuth(t.projectID, t.creds.secret)
	} else {
		r.Header.Del("Authorization")
	}
	if r.Body == nil || r.Body == http.NoBody {
		r.Header.Del("Content-Type")
	}
	resp, err := t.next.Do(r)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, t.maxBody+1))
	if err != nil {
		return nil, nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	resp.ContentLength = int64(len(data))
	return resp, data, nil
}

func (t *transport) fail(req *http.Request, err error) error {
	return &TransportError{Method: req.Method, Path: req.URL.EscapedPath(), Err: err}
}

// log writes one record; it never includes headers, query strings or bodies.
func (t *transport) log(ctx context.Context, level slog.Level, msg string, req *http.Request, resp *http.Response, body []byte, err error, attempt int, d time.Duration, extra ...slog.Attr) {
	if t.logger == nil || !t.logger.Enabled(ctx, level) {
		return
	}
	attrs := append([]slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.EscapedPath()),
		slog.Int("attempt", attempt),
		slog.Duration("duration", d),
	}, extra...)
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := requestID(resp, body); id != "" {
			attrs = append(attrs, slog.String("request_id", id))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", innerError(err).Error()))
	}
	t.logger.LogAttrs(ctx, level, msg, attrs...)
}

// requestID finds Stytch's request id in a header or the JSON body.
func requestID(resp *http.Response, body []byte) string {
	if id := resp.Header.Get("Request-Id"); id != "" {
		return id
	}
	var v struct {
		RequestID string `json:"request_id"`
	}
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	return v.RequestID
}

// innerError drops the *url.Error wrapper (whose text repeats the full URL)
// from messages; Unwrap chains are unaffected.
func innerError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// defaultDoer is used when WithHTTPClient is not given. It has no overall
// timeout of its own: the transport bounds every attempt.
func defaultDoer() HTTPDoer { return &http.Client{} }
