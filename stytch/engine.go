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
	"sync"
	"time"

	oapiruntime "github.com/oapi-codegen/runtime"

	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
)

// Version is the version of this client, sent in the User-Agent header.
const Version = "0.2.0"

// FraudBaseURL is the host of the Fraud and Risk API (device fingerprinting,
// email risk, rules and verdict reasons), where Stytch serves it.
const FraudBaseURL = "https://telemetry.stytch.com"

// engine is the one call path: every generated method, Do and the local
// checks' fetches go through Invoke. It builds the request from the
// operation's table entry, adds credentials and User-Agent, bounds each
// attempt, retries as the policy allows, logs, and turns the answer into the
// decoded body or a typed error. It is the only place where HTTP happens.
type engine struct {
	next      HTTPDoer
	projectID string
	creds     *credentials
	timeout   time.Duration
	maxBody   int64
	logger    *slog.Logger
	retry     *retrier

	bases [3]string // by apicall.Host; "" when not configured

	// userAgent is built once and shared by every request (never mutated);
	// so is creds.basicAuth.
	userAgent []string
}

var (
	jsonContentType = []string{"application/json"}
	formContentType = []string{"application/x-www-form-urlencoded"}
)

func init() {
	apicall.EngineOf = func(client any) apicall.Engine { return client.(*Client).eng }
}

func newEngine(projectID string, creds *credentials, cfg *config) *engine {
	e := &engine{
		next: cfg.doer, projectID: projectID, creds: creds, timeout: cfg.timeout, maxBody: cfg.maxBody,
		logger: cfg.logger, retry: newRetrier(cfg.retry), userAgent: []string{userAgent(cfg.uaSuffix)},
	}
	e.bases[apicall.HostAPI] = cfg.baseURL
	switch {
	case cfg.fraudBaseURL != "":
		e.bases[apicall.HostFraud] = cfg.fraudBaseURL
	case cfg.baseIsSet:
		e.bases[apicall.HostFraud] = cfg.baseURL // a custom host or the emulator serves everything
	default:
		e.bases[apicall.HostFraud] = FraudBaseURL
	}
	switch {
	case cfg.projectDomain != "":
		e.bases[apicall.HostProjectDomain] = cfg.projectDomain
	case cfg.baseIsSet:
		e.bases[apicall.HostProjectDomain] = cfg.baseURL
	}
	return e
}

func userAgent(suffix string) string {
	ua := "stytchkit/" + Version + " go/" + runtime.Version()
	if suffix != "" {
		ua += " " + suffix
	}
	return ua
}

// String describes the engine without its credentials.
func (e *engine) String() string { return "stytch.engine{project: " + e.projectID + "}" }

// GoString is String, so that %#v never prints the credentials either.
func (e *engine) GoString() string { return e.String() }

// bufPool recycles response buffers between calls.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Invoke implements apicall.Engine.
func (e *engine) Invoke(ctx context.Context, op *apicall.Operation, a *apicall.Args, out any) error {
	if ctx == nil {
		return &ValidationError{Field: "ctx", Reason: "must not be nil"}
	}
	target, err := e.url(op, a)
	if err != nil {
		return err
	}
	var payload []byte
	if a.Body != nil {
		if payload, err = encodeBody(op, a.Body); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, op.Method, target, nil)
	if err != nil {
		return &ValidationError{Field: "path", Reason: "cannot form a request URL"}
	}
	req.Header["User-Agent"] = e.userAgent
	switch op.Auth {
	case apicall.AuthProject:
		req.Header["Authorization"] = e.creds.basicAuth
	case apicall.AuthBearer:
		req.Header["Authorization"] = []string{"Bearer " + a.Bearer}
	}
	if payload != nil {
		req.Header["Content-Type"] = jsonContentType
		if op.Form {
			req.Header["Content-Type"] = formContentType
		}
		req.ContentLength = int64(len(payload))
	}
	for i := 0; i+1 < len(a.Header); i += 2 {
		if a.Header[i+1] != "" {
			req.Header.Set(a.Header[i], a.Header[i+1])
		}
	}

	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<20 { // keep big buffers out of the pool
			buf.Reset()
			bufPool.Put(buf)
		}
	}()
	status, header, attempts, err := e.send(ctx, req, payload, buf)
	if err != nil {
		return withAttempts(attempts, err)
	}
	body := buf.Bytes()
	if status < 200 || status > 299 {
		return withAttempts(attempts, responseError(status, header, body, op.OAuth2Errors, e.creds.redact))
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return withAttempts(attempts, &DecodeError{StatusCode: status, Err: err})
		}
	}
	if a.Claims != nil {
		if err := decodeClaims(body, a.ClaimsKey, a.Claims); err != nil {
			return withAttempts(attempts, &DecodeError{StatusCode: status, Err: err})
		}
	}
	return nil
}

// url builds the request URL: the operation's host, its path with each
// parameter escaped as one segment, and the query.
func (e *engine) url(op *apicall.Operation, a *apicall.Args) (string, error) {
	base := e.bases[op.Host]
	if base == "" {
		return "", &ConfigError{Setting: "WithProjectDomain",
			Reason: op.ID + " is served on the project's domain: set WithProjectDomain (or WithBaseURL)"}
	}
	n := len(base) + len(op.Segments[0])
	for i, s := range op.Segments[1:] {
		if a.Path[i] == "" {
			return "", &ValidationError{Field: "path", Reason: "parameter " + fmt.Sprint(i+1) + " of " + op.Path() + " is empty"}
		}
		n += len(s) + len(a.Path[i]) + 8
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(base)
	b.WriteString(op.Segments[0])
	for i, s := range op.Segments[1:] {
		b.WriteString(url.PathEscape(a.Path[i]))
		b.WriteString(s)
	}
	if len(a.Query) > 0 {
		b.WriteByte('?')
		b.WriteString(a.Query.Encode())
	}
	return b.String(), nil
}

// encodeBody marshals a request body as JSON or, for form operations, as
// application/x-www-form-urlencoded fields named by the JSON tags.
func encodeBody(op *apicall.Operation, body any) ([]byte, error) {
	if op.Form {
		vals, err := oapiruntime.MarshalForm(body, nil)
		if err != nil {
			return nil, &ValidationError{Field: "body", Reason: "cannot be form-encoded: " + err.Error()}
		}
		return []byte(vals.Encode()), nil
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, &ValidationError{Field: "body", Reason: "cannot be encoded as JSON: " + err.Error()}
	}
	return payload, nil
}

// send makes the attempts: each with its own timeout and a fresh body, the
// whole response body read into buf (at most maxBody bytes), retried as the
// policy allows. It returns the last answer's status and header, or a
// *TransportError.
func (e *engine) send(ctx context.Context, req *http.Request, payload []byte, buf *bytes.Buffer) (int, http.Header, int, error) {
	start := e.retry.now()
	for attempt := 1; ; attempt++ {
		buf.Reset()
		began := e.retry.now()
		resp, err := e.attempt(ctx, req, payload, buf)
		e.log(ctx, slog.LevelDebug, "stytch request", req, resp, buf.Bytes(), err, attempt, e.retry.now().Sub(began))
		if cerr := ctx.Err(); cerr != nil { // the caller gave up: never retry
			if err == nil {
				return resp.StatusCode, resp.Header, attempt, nil
			}
			if !errors.Is(err, cerr) {
				err = fmt.Errorf("%w (%w)", cerr, err)
			}
			return 0, nil, attempt, e.fail(req, err)
		}
		retry, wait, reason := e.retry.classify(attempt, req.Method, resp, err)
		if retry && e.retry.now().Sub(start)+wait > e.retry.policy.MaxElapsed {
			retry, reason = false, reasonExhausted+reason+"; out of time budget"
		}
		if !retry {
			if strings.HasPrefix(reason, reasonExhausted) {
				e.log(ctx, slog.LevelWarn, "stytch giving up", req, resp, buf.Bytes(), err, attempt, 0, slog.String("reason", reason))
			}
			if err != nil {
				return 0, nil, attempt, e.fail(req, err)
			}
			if int64(buf.Len()) > e.maxBody {
				return 0, nil, attempt, &DecodeError{StatusCode: resp.StatusCode,
					Err: fmt.Errorf("response body exceeds %d bytes", e.maxBody)}
			}
			return resp.StatusCode, resp.Header, attempt, nil
		}
		e.log(ctx, slog.LevelWarn, "stytch retry", req, resp, buf.Bytes(), err, attempt, wait, slog.String("reason", reason))
		if serr := e.retry.sleep(ctx, wait); serr != nil {
			return 0, nil, attempt, e.fail(req, serr)
		}
	}
}

// attempt makes one try with its own timeout and reads the whole body (at
// most maxBody+1 bytes) into buf before the timeout ends.
func (e *engine) attempt(ctx context.Context, req *http.Request, payload []byte, buf *bytes.Buffer) (*http.Response, error) {
	actx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	r := req.WithContext(actx)
	if payload != nil {
		r.Body = io.NopCloser(bytes.NewReader(payload))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(payload)), nil }
	}
	resp, err := e.next.Do(r)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := readLimited(buf, resp.Body, e.maxBody+1); err != nil {
		return nil, err
	}
	return resp, nil
}

// readLimited appends at most limit bytes of r to buf.
func readLimited(buf *bytes.Buffer, r io.Reader, limit int64) error {
	for int64(buf.Len()) < limit {
		if buf.Available() < 512 {
			buf.Grow(4096)
		}
		space := buf.AvailableBuffer()
		space = space[:min(int64(cap(space)), limit-int64(buf.Len()))]
		n, err := r.Read(space)
		buf.Write(space[:n])
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (e *engine) fail(req *http.Request, err error) error {
	return &TransportError{Method: req.Method, Path: req.URL.EscapedPath(), Err: err}
}

// log writes one record; it never includes headers, query strings or bodies.
func (e *engine) log(ctx context.Context, level slog.Level, msg string, req *http.Request, resp *http.Response, body []byte, err error, attempt int, d time.Duration, extra ...slog.Attr) {
	if e.logger == nil || !e.logger.Enabled(ctx, level) {
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
		if id := requestID(resp.Header, body); id != "" {
			attrs = append(attrs, slog.String("request_id", id))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", innerError(err).Error()))
	}
	e.logger.LogAttrs(ctx, level, msg, attrs...)
}

// requestID finds Stytch's request id in a header or the JSON body.
func requestID(h http.Header, body []byte) string {
	if id := h.Get("Request-Id"); id != "" {
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

// withAttempts wraps err in *RetryError when more than one attempt was made.
func withAttempts(attempts int, err error) error {
	if attempts > 1 {
		return &RetryError{Attempts: attempts, Err: err}
	}
	return err
}

// responseError maps a non-2xx answer to *OAuth2Error (operations answering
// RFC 6749 errors, when the body is one) or *APIError (everything else, JSON
// or not).
func responseError(status int, h http.Header, body []byte, oauth2 bool, redact []string) error {
	if oauth2 {
		var oe struct {
			Error            string `json:"error"`
			ErrorDescription string `json:"error_description"`
			ErrorURI         string `json:"error_uri"`
			RequestID        string `json:"request_id"`
		}
		if json.Unmarshal(body, &oe) == nil && oe.Error != "" {
			return &OAuth2Error{StatusCode: status, Code: oe.Error, Description: oe.ErrorDescription,
				URI: oe.ErrorURI, RequestID: oe.RequestID}
		}
	}
	var ge struct {
		RequestID    string         `json:"request_id"`
		ErrorType    string         `json:"error_type"`
		ErrorMessage string         `json:"error_message"`
		ErrorURL     string         `json:"error_url"`
		ErrorDetails map[string]any `json:"error_details"`
	}
	if json.Unmarshal(body, &ge) == nil && ge.ErrorType != "" {
		return &APIError{StatusCode: status, RequestID: ge.RequestID, ErrorType: ge.ErrorType,
			ErrorMessage: ge.ErrorMessage, ErrorURL: ge.ErrorURL, ErrorDetails: ge.ErrorDetails,
			body: excerpt(body, redact...)}
	}
	return &APIError{StatusCode: status, RequestID: h.Get("Request-Id"), body: excerpt(body, redact...)}
}

// invoke sends one generated operation and returns its decoded answer; an
// error always comes with a nil response.
func invoke[T any](ctx context.Context, c *Client, op *apicall.Operation, a apicall.Args) (*T, error) {
	v := new(T)
	if err := c.eng.Invoke(ctx, op, &a, v); err != nil {
		return nil, err
	}
	return v, nil
}

// invokeClaims is invoke, and also decodes the custom claims of the session
// under sessionKey in the answer into claims (a non-nil pointer to a struct
// or map, checked before any I/O). An answer without a session leaves claims
// untouched.
func invokeClaims[T any](ctx context.Context, c *Client, op *apicall.Operation, a apicall.Args, sessionKey string, claims any) (*T, error) {
	if err := claimsTarget(claims); err != nil {
		return nil, err
	}
	a.ClaimsKey, a.Claims = sessionKey, claims
	return invoke[T](ctx, c, op, a)
}

// errNilParams is returned by a method given a nil params pointer.
var errNilParams = &ValidationError{Field: "params", Reason: "must not be nil"}

// missing is the error of an empty required path or query parameter.
func missing(field string) error {
	return &ValidationError{Field: field, Reason: "must not be empty"}
}
