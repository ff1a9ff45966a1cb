package httpapi

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/stytchkit/stytchkit/emulator/flows"
)

// Limits on what a request may carry. Stytch publishes no such numbers; the
// emulator needs some so that a test that sends megabytes by mistake gets a
// clear 400 instead of a stored value.
const (
	// MaxBodyBytes bounds request bodies (1 MiB); Stytch requests are small.
	// A larger body is a 400 bad_request (invalid_request on the OAuth2
	// endpoints) that says so.
	MaxBodyBytes = 1 << 20
	// MaxStringLength caps, in characters, every string of a request that
	// api/openapi.yml gives no maxLength: body fields at any depth
	// (free-form metadata included), object keys, form fields, query and
	// path parameters. A longer one is a 400 that names the field and says
	// the cap is the emulator's. No maxLength of the spec is larger (a test
	// checks), so a documented limit always wins.
	MaxStringLength = 16 << 10
)

// bodyTooLarge is the error for a body over MaxBodyBytes.
func bodyTooLarge() *flows.Error {
	return flows.E(flows.ErrBadRequest, "The request body is larger than the emulator accepts (%d bytes).", MaxBodyBytes)
}

// readBody reads the request body, at most MaxBodyBytes of it.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *flows.Error) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, bodyTooLarge()
		}
		return nil, flows.E(flows.ErrBadRequest, "The request body could not be read.")
	}
	return body, nil
}

// ReadExtraBody reads and checks the JSON body of an emulator-only route
// (which the spec does not describe): size, UTF-8 and string lengths. The
// control plane uses it too.
func ReadExtraBody(w http.ResponseWriter, r *http.Request) ([]byte, *flows.Error) {
	body, fe := readBody(w, r)
	if fe != nil {
		return nil, fe
	}
	c := inputCheck{}
	if len(body) > 0 {
		c.json(body)
	}
	if c.fatal != nil {
		return nil, c.fatal
	}
	if c.tooLong != "" {
		return nil, tooLongError(c.tooLong)
	}
	return body, nil
}

// inputCheck is the result of scanning a request's text: a fatal problem
// (invalid UTF-8, malformed JSON or form), or the first string longer than
// MaxStringLength, which is reported only once the spec's own validation
// has passed (so that a field with a documented maxLength gets the spec's
// message).
type inputCheck struct {
	fatal   *flows.Error
	tooLong string // field path of the first over-long string
}

// tooLongError is the error for a string over MaxStringLength.
func tooLongError(field string) *flows.Error {
	return flows.E(flows.ErrBadRequest,
		"Invalid value for %s: longer than %d characters, the emulator's limit for strings whose maximum length the API reference does not document.",
		field, MaxStringLength)
}

// checkInput scans everything of r that becomes a string: path parameters,
// the query, and a JSON or form body. Strings must be valid UTF-8 (JSON
// \u escapes included: an unpaired surrogate encodes no character), since
// the decoders would otherwise replace the bad bytes with U+FFFD and store
// a value the caller never sent.
func checkInput(r *http.Request, params map[string]string, body []byte) inputCheck {
	var c inputCheck
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if c.text(k, params[k]) {
			return c
		}
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		c.fatal = flows.E(flows.ErrBadRequest, "The query string is malformed.")
		return c
	}
	if c.values(query) {
		return c
	}
	if len(body) == 0 {
		return c
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case mt == "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			c.fatal = flows.E(flows.ErrBadRequest, "The form body is malformed (RFC 1866 application/x-www-form-urlencoded).")
			return c
		}
		c.values(form)
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		c.json(body)
	}
	return c
}

// text checks one string; it reports whether checking should stop.
func (c *inputCheck) text(field, s string) bool {
	if !utf8.ValidString(s) {
		c.fatal = invalidUTF8(field)
		return true
	}
	if c.tooLong == "" && utf8.RuneCountInString(s) > MaxStringLength {
		c.tooLong = field
	}
	return false
}

// values checks the names and values of a query or form, in a stable order.
func (c *inputCheck) values(v url.Values) bool {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if c.text("a parameter name", k) {
			return true
		}
		for _, s := range v[k] {
			if c.text(k, s) {
				return true
			}
		}
	}
	return false
}

// jsonScanner is a reusable decoder over a body; scanners pools them, so a
// request does not pay for the decoder's buffers and stacks.
type jsonScanner struct {
	rd  bytes.Reader
	dec jsontext.Decoder
}

var scanners = sync.Pool{New: func() any { return new(jsonScanner) }}

// json walks a JSON body token by token (RFC 8259 text, which must be
// UTF-8); the standard decoder would accept invalid UTF-8 silently.
func (c *inputCheck) json(body []byte) {
	sc := scanners.Get().(*jsonScanner)
	defer func() {
		sc.rd.Reset(nil) // keep no reference to the body
		sc.dec.Reset(&sc.rd)
		scanners.Put(sc)
	}()
	sc.rd.Reset(body)
	sc.dec.Reset(&sc.rd, jsontext.AllowDuplicateNames(true))
	dec := &sc.dec
	for {
		var err error
		if dec.PeekKind() == '"' {
			// Strings (values and keys) are read raw, without a copy; the
			// decoder still validates them. A string's raw form is at least
			// as long as its text, so only a long one needs unquoting.
			var raw jsontext.Value
			if raw, err = dec.ReadValue(); err == nil && c.tooLong == "" && len(raw)-2 > MaxStringLength {
				c.checkLength(dec, raw)
			}
		} else {
			_, err = dec.ReadToken()
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			c.fatal = jsonError(err, !utf8.Valid(body))
			return
		}
		if dec.StackDepth() == 0 { // the one top-level value is complete
			if _, err := dec.ReadToken(); err != io.EOF {
				c.fatal = flows.E(flows.ErrBadRequest, "The request body is not valid JSON: unexpected data after the top-level value.")
			}
			return
		}
	}
}

// checkLength records the field of the string just read when its text is
// longer than MaxStringLength.
func (c *inputCheck) checkLength(dec *jsontext.Decoder, raw jsontext.Value) {
	text, err := jsontext.AppendUnquote(nil, raw)
	if err != nil || utf8.RuneCount(text) <= MaxStringLength {
		return
	}
	ptr := dec.StackPointer()
	if kind, n := dec.StackIndex(dec.StackDepth()); kind == '{' && n%2 == 1 {
		// An object key: name its object, not the key itself.
		c.tooLong = "a key of " + orBody(pointerField(ptr.Parent()))
		return
	}
	c.tooLong = pointerField(ptr)
}

// jsonError describes a JSON syntax error by field and kind, never quoting
// the submitted text.
func jsonError(err error, badUTF8 bool) *flows.Error {
	field := ""
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		field = pointerField(se.JSONPointer)
	}
	switch {
	case badUTF8:
		return invalidUTF8(field)
	case strings.Contains(err.Error(), "surrogate"):
		if field == "" {
			return flows.E(flows.ErrBadRequest, "The request body has a \\u escape of an unpaired UTF-16 surrogate, which encodes no character.")
		}
		return flows.E(flows.ErrBadRequest, "Invalid value for %s: a \\u escape of an unpaired UTF-16 surrogate encodes no character.", field)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return flows.E(flows.ErrBadRequest, "The request body is not valid JSON: it ends too early.")
	}
	if se != nil {
		return flows.E(flows.ErrBadRequest, "The request body is not valid JSON (at byte %d).", se.ByteOffset)
	}
	return flows.E(flows.ErrBadRequest, "The request body is not valid JSON.")
}

// invalidUTF8 is the error for text that is not UTF-8.
func invalidUTF8(field string) *flows.Error {
	if field == "" {
		return flows.E(flows.ErrBadRequest, "The request body is not valid UTF-8.")
	}
	return flows.E(flows.ErrBadRequest, "Invalid value for %s: not valid UTF-8.", field)
}

// orBody names the top-level object when field is "".
func orBody(field string) string {
	if field == "" {
		return "the request body"
	}
	return field
}

// pointerField turns the JSON pointer /a/0/b into a.0.b, the way
// validation errors name fields.
func pointerField(p jsontext.Pointer) string {
	var parts []string
	for tok := range p.Tokens() {
		parts = append(parts, tok)
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ".")
}

// oauth2Codes are the error codes an OAuth 2.0 endpoint answers: RFC 6749
// section 5.2 (token endpoint; RFC 7662 introspection and RFC 7009
// revocation reuse them), section 4.1.2.1 for failures of the server itself,
// and RFC 6750 section 3.1 for bearer tokens (UserInfo).
var oauth2Codes = map[string]bool{
	flows.ErrInvalidRequest.Name(): true, flows.ErrInvalidClient.Name(): true, flows.ErrInvalidGrant.Name(): true,
	flows.ErrUnauthorizedClient.Name(): true, flows.ErrUnsupportedGrantType.Name(): true, flows.ErrInvalidScope.Name(): true,
	flows.ErrServerError.Name(): true, flows.ErrTemporarilyUnavailable.Name(): true, flows.ErrInvalidToken.Name(): true,
	flows.ErrInsufficientScope.Name(): true,
}

// IsOAuth2TokenPath reports whether path is under /v1/public/{project_id}/oauth2/
// (or the project-domain /v1/oauth2/), where every error carries an OAuth 2.0
// code.
func IsOAuth2TokenPath(path string) bool {
	if rest, ok := strings.CutPrefix(path, "/v1/oauth2"); ok {
		return rest == "" || strings.HasPrefix(rest, "/")
	}
	rest, ok := strings.CutPrefix(path, "/v1/public/")
	if !ok {
		return false
	}
	project, rest, ok := strings.Cut(rest, "/")
	return ok && project != "" && (rest == "oauth2" || strings.HasPrefix(rest, "oauth2/"))
}

// oauth2Coded returns fe with an OAuth 2.0 code for an error answered at
// path: codes that already are one stay; others are chosen by status (401
// invalid_client, or invalid_token at a UserInfo endpoint, which takes a
// bearer token; 403 unauthorized_client; 429 and 503
// temporarily_unavailable; other 5xx server_error; any other 4xx
// invalid_request). The message is kept.
func oauth2Coded(fe *flows.Error, path string) *flows.Error {
	if oauth2Codes[fe.Type] {
		return fe
	}
	code := flows.ErrInvalidRequest
	switch {
	case fe.Status == http.StatusUnauthorized && strings.HasSuffix(path, "/userinfo"):
		code = flows.ErrInvalidToken
	case fe.Status == http.StatusUnauthorized:
		code = flows.ErrInvalidClient
	case fe.Status == http.StatusForbidden:
		code = flows.ErrUnauthorizedClient
	case fe.Status == http.StatusTooManyRequests || fe.Status == http.StatusServiceUnavailable:
		code = flows.ErrTemporarilyUnavailable
	case fe.Status >= 500:
		code = flows.ErrServerError
	}
	out := *fe
	out.Type = code.Name()
	return &out
}
