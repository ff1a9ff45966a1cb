package stytch

import (
	"net/http"
	"strings"

	"github.com/stytchkit/stytchkit/internal/recording"
)

// WithRecorder writes every HTTP exchange the client makes to dir, one JSON
// file per attempt under dir/<operationId>/, in the recording format that
// cmd/specdiff checks against the API description. Secrets are redacted
// before anything is written: the project secret never reaches the recorder
// (credentials travel in headers, which are not recorded), and tokens, JWTs,
// passwords, codes and client secrets in request and response bodies are
// replaced by a placeholder. The caller still gets the full response.
//
// It is meant for capturing real traffic (against Stytch's test environment
// or the local emulator) to keep the API description honest; a failure to
// write a recording is logged with slog and never fails the call.
//
// WithRecorder wraps the HTTP doer configured so far, so give WithHTTPClient
// first to record what your own doer returns:
//
//	stytch.NewClient(id, secret, stytch.WithHTTPClient(hc), stytch.WithRecorder("testdata/recordings"))
//
// Options apply in order: a WithHTTPClient given after WithRecorder replaces
// the recording doer, and nothing is recorded. An empty dir, or WithRecorder
// given twice, is a *ConfigError.
func WithRecorder(dir string) Option {
	return func(c *config) error {
		if strings.TrimSpace(dir) == "" {
			return &ConfigError{Setting: "WithRecorder", Reason: "directory is empty"}
		}
		next := c.doer
		if next == nil {
			next = defaultDoer()
		}
		if _, twice := next.(*recordingDoer); twice {
			return &ConfigError{Setting: "WithRecorder", Reason: "given twice"}
		}
		rec := recording.NewRecorder(dir, roundTripperFunc(next.Do))
		c.doer = &recordingDoer{rec: rec}
		return nil
	}
}

// recordingDoer sends requests through a recording.Recorder, which passes
// them on to the doer that was configured before WithRecorder.
type recordingDoer struct{ rec *recording.Recorder }

// Do implements HTTPDoer.
func (d *recordingDoer) Do(req *http.Request) (*http.Response, error) { return d.rec.RoundTrip(req) }

// roundTripperFunc adapts an HTTPDoer's Do method to http.RoundTripper, the
// interface the recorder wraps.
type roundTripperFunc func(*http.Request) (*http.Response, error)

// RoundTrip implements http.RoundTripper.
func (f roundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }
