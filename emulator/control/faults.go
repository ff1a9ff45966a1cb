package control

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
)

// Fault makes the next Count requests matching Method and Path misbehave: wait
// Delay, then answer Status (a Stytch-shaped error body, or Body verbatim)
// with an optional Retry-After header, or drop the connection. A fault with
// only a Delay lets the request through afterwards.
type Fault struct {
	// Path is matched exactly, or as a prefix when it ends in "*"
	// ("/v1/users*"). Required.
	Path string `json:"path"`
	// Method restricts the fault to one HTTP method; empty matches any.
	Method string `json:"method,omitempty"`
	// Count is how many matching requests the fault applies to; default 1.
	Count int `json:"count,omitempty"`
	// Status is the HTTP status to answer (e.g. 429, 500, 503); 0 with a
	// Delay only slows the request down.
	Status int `json:"status,omitempty"`
	// ErrorType overrides the error_type of the body (default from Status:
	// too_many_requests, internal_server_error, ...).
	ErrorType string `json:"error_type,omitempty"`
	// RetryAfter, when set, is sent verbatim as the Retry-After header
	// (seconds or an HTTP date).
	RetryAfter string `json:"retry_after,omitempty"`
	// Delay is waited before answering (or before serving normally); the
	// wait ends early when the client goes away. JSON: a Go duration string.
	Delay Duration `json:"delay,omitempty"`
	// Body, when set, is written as is instead of a Stytch error body (e.g. an
	// HTML page from a failing proxy), with ContentType (default text/html).
	Body        string `json:"body,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	// CloseConnection drops the TCP connection without answering.
	CloseConnection bool `json:"close_connection,omitempty"`
}

// Duration is a time.Duration that reads and writes JSON as "1.5s".
type Duration time.Duration

// MarshalJSON implements json.Marshaler.
func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(time.Duration(d).String())), nil
}

// UnmarshalJSON implements json.Unmarshaler; it accepts "250ms" or a number
// of nanoseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	if s, err := strconv.Unquote(string(b)); err == nil {
		v, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("invalid duration %q", s)
		}
		*d = Duration(v)
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return errors.New("duration must be a string like \"250ms\" or nanoseconds")
	}
	*d = Duration(n)
	return nil
}

// validate checks and defaults a fault.
func (f *Fault) validate() error {
	switch {
	case f.Path == "" || f.Path[0] != '/':
		return errors.New("fault path must start with /")
	case f.Count < 0:
		return errors.New("fault count must not be negative")
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return fmt.Errorf("fault status %d is not an HTTP status", f.Status)
	case f.Delay < 0:
		return errors.New("fault delay must not be negative")
	case f.Status == 0 && f.Delay == 0 && !f.CloseConnection:
		return errors.New("a fault needs a status, a delay or close_connection")
	}
	if f.Count == 0 {
		f.Count = 1
	}
	f.Method = strings.ToUpper(f.Method)
	return nil
}

func (f *Fault) matches(r *http.Request) bool {
	if f.Method != "" && f.Method != r.Method {
		return false
	}
	if prefix, ok := strings.CutSuffix(f.Path, "*"); ok {
		return strings.HasPrefix(r.URL.Path, prefix)
	}
	return r.URL.Path == f.Path
}

// Faults is the queue of injected faults; the first fault that matches a
// request applies to it.
type Faults struct {
	mu   sync.Mutex
	list []*Fault
}

// Add queues a fault after checking it.
func (fs *Faults) Add(f Fault) error {
	if err := f.validate(); err != nil {
		return err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.list = append(fs.list, &f)
	return nil
}

// Clear drops every pending fault.
func (fs *Faults) Clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.list = nil
}

// Pending returns a copy of the faults still queued, with their remaining counts.
func (fs *Faults) Pending() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]Fault, 0, len(fs.list))
	for _, f := range fs.list {
		out = append(out, *f)
	}
	return out
}

// Take returns the first fault matching r and uses up one of its count.
func (fs *Faults) Take(r *http.Request) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.list {
		if !f.matches(r) {
			continue
		}
		f.Count--
		if f.Count <= 0 {
			fs.list = append(fs.list[:i], fs.list[i+1:]...)
		}
		return *f, true
	}
	return Fault{}, false
}

// Apply runs the first queued fault matching r, if any. It returns true when
// the fault answered the request (an error status, a raw body or a dropped
// connection) and false when the request should be served normally (no fault,
// or a delay-only fault that has been waited out).
func (fs *Faults) Apply(w http.ResponseWriter, r *http.Request) bool {
	f, ok := fs.Take(r)
	if !ok {
		return false
	}
	sleep(r.Context(), time.Duration(f.Delay))
	if f.Status != 0 {
		w.Header().Set(FaultHeader, "1")
	}
	if f.CloseConnection {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler) // the server drops the connection
	}
	if f.Status == 0 {
		return false
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Body != "" {
		ct := f.ContentType
		if ct == "" {
			ct = "text/html"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(f.Body))
		return true
	}
	typ := f.ErrorType
	if typ == "" {
		typ = DefaultErrorType(f.Status)
	}
	httpapi.WriteError(w, r, nil, flows.Injected(f.Status, typ, "Injected fault: the emulator was told to answer %s.", http.StatusText(f.Status)))
	return true
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// DefaultErrorType is the error_type a fault answers for a status when it
// names none.
func DefaultErrorType(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnauthorized:
		return "unauthorized_credentials"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusRequestTimeout:
		return "request_timeout"
	case http.StatusTooManyRequests:
		return "too_many_requests"
	case http.StatusBadGateway:
		return "bad_gateway"
	case http.StatusServiceUnavailable:
		return "service_unavailable"
	case http.StatusGatewayTimeout:
		return "gateway_timeout"
	}
	if status >= 500 {
		return "internal_server_error"
	}
	return strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
}
