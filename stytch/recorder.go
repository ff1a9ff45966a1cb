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
// WithRecorder wraps the client's HTTP doer, whichever option set it and in
// whatever order, so it records what your own doer (WithHTTPClient) returns.
// An empty dir, or WithRecorder given twice, is a *ConfigError.
func WithRecorder(dir string) Option {
	return func(c *config) error {
		if strings.TrimSpace(dir) == "" {
			return &ConfigError{Setting: "WithRecorder", Reason: "directory is empty"}
		}
		if c.recordDir != "" {
			return &ConfigError{Setting: "WithRecorder", Reason: "given twice"}
		}
		c.recordDir = dir
		return nil
	}
}

// recorded returns next wrapped in a recorder writing to dir.
func recorded(dir string, next HTTPDoer) HTTPDoer {
	return &recordingDoer{rec: recording.NewRecorder(dir, roundTripperFunc(next.Do))}
}

// recordingDoer sends requests through a recording.Recorder, which passes
// them on to the client's doer.
type recordingDoer struct{ rec *recording.Recorder }

// Do implements HTTPDoer.
func (d *recordingDoer) Do(req *http.Request) (*http.Response, error) { return d.rec.RoundTrip(req) }

// roundTripperFunc adapts an HTTPDoer's Do method to http.RoundTripper, the
// interface the recorder wraps.
type roundTripperFunc func(*http.Request) (*http.Response, error)

// RoundTrip implements http.RoundTripper.
func (f roundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }
