package controlclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Message is one email, SMS or WhatsApp message the emulator "sent".
type Message struct {
	// ID is the message's id.
	ID string `json:"id"`
	// Channel is email, sms or whatsapp.
	Channel string `json:"channel"`
	// To is the address or phone number (E.164).
	To string `json:"to"`
	// Kind is magic_link, invite, password_reset or otp.
	Kind string `json:"kind"`
	// UserID and MethodID are the user and the email or phone id it went to.
	UserID   string `json:"user_id"`
	MethodID string `json:"method_id"`
	// Token is the magic-link or reset token, Code the one-time passcode,
	// Link the URL the email points to (the redirect URL with the token).
	Token string `json:"token"`
	Code  string `json:"code"`
	Link  string `json:"link"`
	// CreatedAt is when it was sent (emulator time).
	CreatedAt time.Time `json:"created_at"`
	// Subject and Text are what the message would say.
	Subject string `json:"subject"`
	Text    string `json:"text"`
	// Status is active, used, expired, superseded (a newer code replaced
	// it) or gone; ExpiresAt is when its token or code stops working.
	Status    string     `json:"status"`
	ExpiresAt *time.Time `json:"expires_at"`
}

// String describes the message without its token, code or link.
func (m Message) String() string {
	return fmt.Sprintf("Message{%s %s to %s, %s}", m.Channel, m.Kind, m.To, m.Status)
}

// GoString is String, so that %#v never prints the token or code either.
func (m Message) GoString() string { return m.String() }

// Fault makes the next Count requests to the emulated API matching Method
// and Path misbehave: wait Delay, then answer Status (a Stytch-shaped error,
// or Body as is) or drop the connection.
type Fault struct {
	// Path is matched exactly, or as a prefix when it ends in "*"
	// ("/v1/users/*"). Required.
	Path string
	// Method restricts the fault to one HTTP method; "" matches any.
	Method string
	// Count is how many requests it applies to; 0 means 1.
	Count int
	// Status is the HTTP status to answer; 0 with a Delay only slows the
	// request down.
	Status int
	// ErrorType overrides the error_type of the body.
	ErrorType string
	// RetryAfter is sent as the Retry-After header (seconds or an HTTP date).
	RetryAfter string
	// Delay is waited before answering.
	Delay time.Duration
	// Body, when set, is the answer instead of a Stytch error, with
	// ContentType (default text/html).
	Body, ContentType string
	// CloseConnection drops the connection without answering.
	CloseConnection bool
}

// faultJSON is Fault on the wire (the delay as a Go duration string).
type faultJSON struct {
	Path            string `json:"path"`
	Method          string `json:"method,omitempty"`
	Count           int    `json:"count,omitempty"`
	Status          int    `json:"status,omitempty"`
	ErrorType       string `json:"error_type,omitempty"`
	RetryAfter      string `json:"retry_after,omitempty"`
	Delay           string `json:"delay,omitempty"`
	Body            string `json:"body,omitempty"`
	ContentType     string `json:"content_type,omitempty"`
	CloseConnection bool   `json:"close_connection,omitempty"`
}

func (f Fault) wire() faultJSON {
	w := faultJSON{Path: f.Path, Method: f.Method, Count: f.Count, Status: f.Status, ErrorType: f.ErrorType,
		RetryAfter: f.RetryAfter, Body: f.Body, ContentType: f.ContentType, CloseConnection: f.CloseConnection}
	if f.Delay != 0 {
		w.Delay = f.Delay.String()
	}
	return w
}

func (w faultJSON) fault() (Fault, error) {
	f := Fault{Path: w.Path, Method: w.Method, Count: w.Count, Status: w.Status, ErrorType: w.ErrorType,
		RetryAfter: w.RetryAfter, Body: w.Body, ContentType: w.ContentType, CloseConnection: w.CloseConnection}
	if w.Delay != "" {
		d, err := time.ParseDuration(w.Delay)
		if err != nil {
			return Fault{}, fmt.Errorf("controlclient: the emulator sent a fault delay %q: %w", w.Delay, err)
		}
		f.Delay = d
	}
	return f, nil
}

// InjectFault queues a fault; the emulator refuses a bad one with an *Error
// (400 bad_request saying why).
func (c *Client) InjectFault(ctx context.Context, f Fault) error {
	return c.do(ctx, http.MethodPost, "/faults", f.wire(), nil)
}

// Faults lists the faults still queued, with their remaining counts.
func (c *Client) Faults(ctx context.Context) ([]Fault, error) {
	var out struct {
		Faults []faultJSON `json:"faults"`
	}
	if err := c.do(ctx, http.MethodGet, "/faults", nil, &out); err != nil {
		return nil, err
	}
	faults := make([]Fault, 0, len(out.Faults))
	for _, w := range out.Faults {
		f, err := w.fault()
		if err != nil {
			return nil, err
		}
		faults = append(faults, f)
	}
	return faults, nil
}

// ClearFaults drops every queued fault.
func (c *Client) ClearFaults(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, "/faults", nil, nil)
}

// Error is an error answer of the control plane.
type Error struct {
	// Method and Path name the request.
	Method, Path string
	// StatusCode is the HTTP status.
	StatusCode int
	// ErrorType, ErrorMessage and RequestID come from the Stytch-shaped
	// body; they are "" when the body was not one (a proxy's page, say).
	ErrorType, ErrorMessage, RequestID string
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "controlclient: %s %s: %d", e.Method, e.Path, e.StatusCode)
	if e.ErrorType != "" {
		b.WriteString(" " + e.ErrorType)
	}
	if e.ErrorMessage != "" {
		b.WriteString(": " + e.ErrorMessage)
	}
	if e.RequestID != "" {
		b.WriteString(" (request_id " + e.RequestID + ")")
	}
	return b.String()
}

// newError builds the *Error of a non-2xx answer.
func newError(method, path string, status int, body []byte) *Error {
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i] // the query may hold an address: keep errors short and plain
	}
	e := &Error{Method: method, Path: "/emulator/v1" + path, StatusCode: status}
	var b struct {
		ErrorType    string `json:"error_type"`
		ErrorMessage string `json:"error_message"`
		RequestID    string `json:"request_id"`
	}
	if json.Unmarshal(body, &b) == nil {
		e.ErrorType, e.ErrorMessage, e.RequestID = b.ErrorType, b.ErrorMessage, b.RequestID
	}
	return e
}

// ConfigError reports a bad argument to New, an Option or a method.
type ConfigError struct {
	// Setting names the argument; Reason says what is wrong with it.
	Setting, Reason string
}

// Error implements error.
func (e *ConfigError) Error() string {
	return "controlclient: " + e.Setting + ": " + e.Reason
}
