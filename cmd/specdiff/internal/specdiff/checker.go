// Package specdiff checks recorded Stytch API exchanges against the OpenAPI
// document: each recording is resolved to its operation, its status must be
// documented for that operation, and its body must validate against the
// documented schema. Fields the spec does not know are reported as drift.
// cmd/specdiff is a thin command around Run.
package specdiff

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/stytchkit/stytchkit/api"
	"github.com/stytchkit/stytchkit/internal/recording"
)

// Kind classifies a finding.
type Kind string

// The kinds of findings. Every kind but KindDrift is a violation.
const (
	// KindUnknownOperation: no operation of the spec matches method + path.
	KindUnknownOperation Kind = "unknown-operation"
	// KindOperationMismatch: the recording names another operation than the
	// one its method and path resolve to.
	KindOperationMismatch Kind = "operation-mismatch"
	// KindStatus: the status code is not documented for the operation.
	KindStatus Kind = "undocumented-status"
	// KindNotJSON: the body is missing, not JSON, or not served as JSON.
	KindNotJSON Kind = "not-json"
	// KindMissingField: a required field is absent.
	KindMissingField Kind = "missing-field"
	// KindWrongType: a value has the wrong JSON type (or is a forbidden null).
	KindWrongType Kind = "wrong-type"
	// KindEnum: a value is not one of the documented enum values.
	KindEnum Kind = "bad-enum"
	// KindSchema: any other schema rule (format, pattern, bounds...).
	KindSchema Kind = "schema"
	// KindDrift: the body has a field the spec does not describe.
	KindDrift Kind = "drift"
)

// Finding is one problem found in one exchange.
type Finding struct {
	// Kind classifies the problem.
	Kind Kind
	// Pointer is the JSON pointer (RFC 6901) of the offending value in the
	// response body; "" for problems of the exchange as a whole.
	Pointer string
	// Message says what is wrong.
	Message string
}

// IsDrift reports whether the finding is drift rather than a violation.
func (f Finding) IsDrift() bool { return f.Kind == KindDrift }

// String formats the finding as "<pointer>: <message> [<kind>]".
func (f Finding) String() string {
	p := f.Pointer
	if p == "" {
		p = "/"
	}
	return fmt.Sprintf("%s: %s [%s]", p, f.Message, f.Kind)
}

// Result is the outcome of checking one exchange.
type Result struct {
	// OperationID is the operation the exchange resolved to ("" if none).
	OperationID string
	// Findings lists every problem, violations and drift alike.
	Findings []Finding
}

// SpecError reports a spec that cannot be loaded or is invalid.
type SpecError struct {
	// Location names the spec (a file path, or "embedded api/openapi.yml").
	Location string
	// Err is the cause.
	Err error
}

// Error implements error.
func (e *SpecError) Error() string { return fmt.Sprintf("spec %s: %v", e.Location, e.Err) }

// Unwrap returns the cause.
func (e *SpecError) Unwrap() error { return e.Err }

// Checker validates exchanges against one loaded spec. It is safe for
// concurrent use.
type Checker struct {
	doc    *openapi3.T
	router routers.Router
}

// EmbeddedSpec is the location name of the spec compiled into the binary.
const EmbeddedSpec = "embedded api/openapi.yml"

// LoadChecker loads the spec at path, or the embedded api/openapi.yml when
// path is "" (loaded once per process: a Checker is safe to share).
func LoadChecker(ctx context.Context, path string) (*Checker, error) {
	if path == "" {
		return embeddedChecker()
	}
	return loadCheckerFrom(ctx, path)
}

// embeddedChecker is the Checker of the embedded spec. It loads in memory
// with no I/O to cancel, so it ignores the first caller's context.
var embeddedChecker = sync.OnceValues(func() (*Checker, error) {
	return loadCheckerFrom(context.Background(), "")
})

func loadCheckerFrom(ctx context.Context, path string) (*Checker, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	var (
		doc *openapi3.T
		err error
	)
	location := path
	if path == "" {
		location = EmbeddedSpec
		doc, err = loader.LoadFromData(api.Spec)
	} else {
		doc, err = loader.LoadFromFile(path)
	}
	if err != nil {
		return nil, &SpecError{Location: location, Err: err}
	}
	if err := doc.Validate(ctx, openapi3.EnableMultiError()); err != nil {
		return nil, &SpecError{Location: location, Err: err}
	}
	// Recordings carry API paths, not hosts: route on the path alone. The
	// legacy router matches like gorillamux here and needs no module beyond
	// kin-openapi (gorilla/mux is not in go.sum).
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, &SpecError{Location: location, Err: err}
	}
	return &Checker{doc: doc, router: router}, nil
}

// Check validates one exchange. The exchange is expected to be valid
// (recording.Exchange.Validate); problems with it are findings, not errors.
func (c *Checker) Check(ctx context.Context, ex *recording.Exchange) Result {
	var res Result
	add := func(k Kind, ptr, format string, args ...any) {
		res.Findings = append(res.Findings, Finding{Kind: k, Pointer: ptr, Message: fmt.Sprintf(format, args...)})
	}
	u := &url.URL{Scheme: "https", Host: "api.stytch.invalid", Path: ex.Path, RawQuery: ex.Query}
	req, err := http.NewRequestWithContext(ctx, ex.Method, u.String(), nil)
	if err != nil {
		add(KindUnknownOperation, "", "cannot build a request for %s %s: %v", ex.Method, ex.Path, err)
		return res
	}
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		add(KindUnknownOperation, "", "no operation of the spec matches %s %s (%v)", ex.Method, ex.Path, err)
		return res
	}
	op := route.Operation
	res.OperationID = op.OperationID
	if ex.OperationID != "" && ex.OperationID != op.OperationID {
		add(KindOperationMismatch, "", "recorded as %s but %s %s is %s", ex.OperationID, ex.Method, ex.Path, op.OperationID)
	}
	respRef := op.Responses.Status(ex.Status)
	if respRef == nil {
		respRef = op.Responses.Default()
	}
	if respRef == nil || respRef.Value == nil {
		add(KindStatus, "", "status %d is not documented for %s (documented: %s)", ex.Status, op.OperationID, documented(op))
		return res
	}
	ct := ex.ContentType()
	switch {
	case ex.BodyText != "":
		add(KindNotJSON, "", "body is not JSON (Content-Type %q): %s", ct, excerpt(ex.BodyText))
		return res
	case !recording.IsJSONContentType(ct):
		add(KindNotJSON, "", "Content-Type is %q, not JSON", ct)
		return res
	case len(bytes.TrimSpace(ex.Body)) == 0 && len(respRef.Value.Content) > 0:
		add(KindNotJSON, "", "body is empty; the spec documents a JSON body for status %d", ex.Status)
		return res
	}

	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 ex.Status,
		Header:                 http.Header{"Content-Type": {ct}},
		Options: &openapi3filter.Options{
			IncludeResponseStatus: true,
			MultiError:            true,
			AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
		},
	}
	input.SetBodyBytes(ex.Body)
	if err := openapi3filter.ValidateResponse(ctx, input); err != nil {
		res.Findings = append(res.Findings, schemaFindings(err)...)
	}

	if mt := respRef.Value.Content.Get(ct); mt != nil && mt.Schema != nil {
		dec := json.NewDecoder(bytes.NewReader(ex.Body))
		dec.UseNumber()
		var body any
		if err := dec.Decode(&body); err == nil {
			res.Findings = append(res.Findings, Drift(mt.Schema, body)...)
		}
	}
	// kin-openapi reports in map order: sort for stable output.
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.IsDrift() != b.IsDrift() {
			return !a.IsDrift()
		}
		return a.Pointer < b.Pointer
	})
	return res
}

// documented lists the status codes an operation documents.
func documented(op *openapi3.Operation) string {
	codes := make([]string, 0, op.Responses.Len())
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return strings.Join(codes, ", ")
}

func excerpt(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strconv.Quote(s)
}

// schemaFindings turns a kin-openapi validation error into one finding per
// schema error, with its JSON pointer.
func schemaFindings(err error) []Finding {
	var out []Finding
	for _, e := range flatten(err) {
		var se *openapi3.SchemaError
		if errors.As(e, &se) {
			out = append(out, Finding{Kind: classify(se), Pointer: Pointer(se.JSONPointer()), Message: se.Reason})
			continue
		}
		var re *openapi3filter.ResponseError
		if errors.As(e, &re) && re.Err == nil {
			out = append(out, Finding{Kind: KindSchema, Message: re.Reason})
			continue
		}
		out = append(out, Finding{Kind: KindSchema, Message: e.Error()})
	}
	return out
}

// flatten returns the leaf errors of a kin-openapi error tree: the elements
// of a MultiError, and the errors a SchemaError of an allOf/oneOf element
// carries as its origin (those point at the exact field).
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	var re *openapi3filter.ResponseError
	if errors.As(err, &re) && re.Err != nil {
		return flatten(re.Err)
	}
	if me, ok := err.(openapi3.MultiError); ok {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	if se, ok := err.(*openapi3.SchemaError); ok {
		if se.Origin != nil {
			if inner := flatten(se.Origin); len(inner) > 0 && allSchemaErrors(inner) {
				return inner
			}
		}
		return []error{se}
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		var out []error
		for _, e := range u.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	case interface{ Unwrap() error }:
		if inner := u.Unwrap(); inner != nil {
			return flatten(inner)
		}
	}
	return []error{err}
}

func allSchemaErrors(errs []error) bool {
	for _, e := range errs {
		if _, ok := e.(*openapi3.SchemaError); !ok {
			return false
		}
	}
	return true
}

func classify(se *openapi3.SchemaError) Kind {
	switch se.SchemaField {
	case "required":
		return KindMissingField
	case "type", "nullable":
		return KindWrongType
	case "enum":
		return KindEnum
	}
	return KindSchema
}

// Pointer formats path segments as an RFC 6901 JSON pointer ("" for the
// root).
func Pointer(segments []string) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(s))
	}
	return b.String()
}
