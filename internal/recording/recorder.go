package recording

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// MaxBodyBytes bounds how much of one request or response body the Recorder
// keeps. The caller always gets the whole body; only the recording is skipped
// (with an error) when a body is larger.
const MaxBodyBytes = 8 << 20

// Recorder is an http.RoundTripper that passes every request to the next
// RoundTripper and writes each exchange as a recording file under
// <dir>/<operationId>/. The response body is teed: the caller reads it as
// usual and the recording is written when the body reaches EOF or is closed.
// A failure to record never fails the request; it is reported to the error
// handler and kept for Err.
//
// A client wires it in with one option, e.g.
//
//	hc := &http.Client{Transport: recording.NewRecorder(dir, http.DefaultTransport)}
type Recorder struct {
	dir     string
	next    http.RoundTripper
	resolve Resolver
	now     func() time.Time
	onError func(error)
	seq     atomic.Int64
	mu      sync.Mutex
	err     error
}

// Option configures a Recorder.
type Option func(*Recorder)

// WithResolver replaces the operation resolver (SpecResolver by default).
func WithResolver(r Resolver) Option { return func(rec *Recorder) { rec.resolve = r } }

// WithClock sets the clock used for file names (time.Now by default).
func WithClock(now func() time.Time) Option { return func(rec *Recorder) { rec.now = now } }

// WithErrorHandler receives every failure to record. By default failures are
// logged at warning level with slog.Default().
func WithErrorHandler(f func(error)) Option { return func(rec *Recorder) { rec.onError = f } }

// NewRecorder returns a Recorder writing under dir and sending requests with
// next (http.DefaultTransport when nil). Directories are created on demand.
func NewRecorder(dir string, next http.RoundTripper, opts ...Option) *Recorder {
	if next == nil {
		next = http.DefaultTransport
	}
	rec := &Recorder{dir: dir, next: next, now: time.Now}
	for _, o := range opts {
		o(rec)
	}
	if rec.resolve == nil {
		rec.resolve = SpecResolver()
	}
	if rec.onError == nil {
		rec.onError = func(err error) { slog.Default().Warn("recording failed", "err", err) }
	}
	return rec
}

// Err returns the first failure to record, or nil.
func (r *Recorder) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

func (r *Recorder) fail(err error) {
	r.mu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.mu.Unlock()
	r.onError(err)
}

// RoundTrip implements http.RoundTripper. The caller's request is not
// modified: when its body has to be read, a clone carries a fresh copy.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	reqBody, req, err := snapshotRequestBody(req)
	if err != nil {
		return nil, err
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil || resp == nil {
		return resp, err
	}
	ex := &Exchange{Method: req.Method, Status: resp.StatusCode, Query: RedactQuery(req.URL.RawQuery)}
	p, ok := APIPath(req.URL.Path)
	if !ok {
		p = req.URL.Path
	}
	ex.Path = p
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		ex.Headers = map[string]string{"Content-Type": ct}
	}
	if len(reqBody) > 0 {
		if ex.RequestBody, err = requestJSON(req.Header.Get("Content-Type"), reqBody); err != nil {
			r.fail(fmt.Errorf("record %s %s: request body: %w", req.Method, p, err))
		}
	}
	ex.OperationID = r.resolve(req.Method, p)
	if resp.Body == nil || resp.Body == http.NoBody {
		r.write(ex, nil)
		return resp, nil
	}
	resp.Body = &teeBody{rc: resp.Body, done: func(body []byte, err error) {
		if err != nil {
			r.fail(fmt.Errorf("record %s %s: response body: %w", ex.Method, ex.Path, err))
			return
		}
		r.write(ex, body)
	}}
	return resp, nil
}

// snapshotRequestBody returns a copy of the request body and the request to
// send: the original when GetBody can replay it, else a clone with a new body.
func snapshotRequestBody(req *http.Request) ([]byte, *http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, req, nil
	}
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err == nil {
			defer rc.Close()
			b, err := io.ReadAll(io.LimitReader(rc, MaxBodyBytes+1))
			if err == nil {
				return b, req, nil
			}
		}
	}
	b, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("recording: read request body: %w", err)
	}
	clone := req.Clone(req.Context())
	clone.Body = io.NopCloser(bytes.NewReader(b))
	clone.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	clone.ContentLength = int64(len(b))
	return b, clone, nil
}

// requestJSON converts a request body to redacted JSON: JSON as is, a form
// body as an object of its fields.
func requestJSON(contentType string, body []byte) (json.RawMessage, error) {
	if len(body) > MaxBodyBytes {
		return nil, errors.New("too large to record")
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "application/x-www-form-urlencoded" {
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, err
		}
		return RedactForm(values)
	}
	return RedactJSON(body)
}

// write stores one exchange; body is the raw response body.
func (r *Recorder) write(ex *Exchange, body []byte) {
	if len(bytes.TrimSpace(body)) > 0 {
		if red, err := RedactJSON(body); err == nil {
			ex.Body = red
		} else {
			// Not JSON: keep the text for specdiff to report, unless it could
			// hold a secret that redaction cannot see into.
			ex.BodyText = string(body)
			if LooksLikeJWT(string(bytes.TrimSpace(body))) {
				ex.BodyText = Placeholder
			}
		}
	}
	op := ex.OperationID
	if op == "" {
		op = UnknownOperation
	}
	data, err := Marshal(ex)
	if err != nil {
		r.fail(fmt.Errorf("record %s %s: %w", ex.Method, ex.Path, err))
		return
	}
	dir := filepath.Join(r.dir, op)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.fail(fmt.Errorf("record %s %s: %w", ex.Method, ex.Path, err))
		return
	}
	stamp := r.now().UTC().Format("20060102T150405.000Z")
	for {
		name := filepath.Join(dir, fmt.Sprintf("%s-%04d.json", stamp, r.seq.Add(1)))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue // another recorder used this name: take the next number
		}
		if err != nil {
			r.fail(fmt.Errorf("record %s %s: %w", ex.Method, ex.Path, err))
			return
		}
		_, werr := f.Write(data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			r.fail(fmt.Errorf("record %s %s: %w", ex.Method, ex.Path, werr))
		}
		return
	}
}

// teeBody passes reads through and keeps a copy; done is called exactly once,
// at EOF or on Close (after draining what the caller left unread).
type teeBody struct {
	rc       io.ReadCloser
	buf      bytes.Buffer
	tooLarge bool
	once     sync.Once
	done     func([]byte, error)
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	t.keep(p[:n])
	if errors.Is(err, io.EOF) {
		t.finish(nil)
	} else if err != nil {
		t.finish(err)
	}
	return n, err
}

func (t *teeBody) keep(b []byte) {
	if t.tooLarge {
		return
	}
	if t.buf.Len()+len(b) > MaxBodyBytes {
		t.tooLarge = true
		t.buf.Reset()
		return
	}
	t.buf.Write(b)
}

// Close drains the unread rest (bounded) so the recording is complete, then
// closes the underlying body.
func (t *teeBody) Close() error {
	var drainErr error
	t.once.Do(func() {
		_, drainErr = io.Copy(writerFunc(t.keep), io.LimitReader(t.rc, MaxBodyBytes+1))
		t.report(drainErr)
	})
	return t.rc.Close()
}

func (t *teeBody) finish(err error) { t.once.Do(func() { t.report(err) }) }

func (t *teeBody) report(err error) {
	if err == nil && t.tooLarge {
		err = fmt.Errorf("larger than %d bytes", MaxBodyBytes)
	}
	t.done(t.buf.Bytes(), err)
}

type writerFunc func([]byte)

func (f writerFunc) Write(p []byte) (int, error) { f(p); return len(p), nil }
