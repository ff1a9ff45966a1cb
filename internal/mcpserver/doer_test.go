package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/stytchkit/stytchkit/stytch"
)

// testDoer returns nil when the stytch client has its own Do method (the
// server then uses it, which is what production does). Until the client
// grows one, it returns a minimal stand-in so the passthrough's matching,
// validation and decoding are still exercised against the emulator; the
// stand-in is NOT the client's transport (no retries, no logging).
func testDoer(t *testing.T, c *stytch.Client, cfg Config) Doer {
	if _, ok := any(c).(Doer); ok {
		return nil
	}
	t.Log("stytch.Client has no Do method yet: stytch_request runs through the test stand-in")
	return &plainDoer{cfg: cfg}
}

type plainDoer struct{ cfg Config }

func (d *plainDoer) Do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.cfg.BaseURL+path, rd)
	if err != nil {
		return err
	}
	req.SetBasicAuth(d.cfg.ProjectID, d.cfg.Secret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return &stytch.TransportError{Method: method, Path: path, Err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			ErrorType    string `json:"error_type"`
			ErrorMessage string `json:"error_message"`
			RequestID    string `json:"request_id"`
		}
		_ = json.Unmarshal(b, &e)
		return &stytch.APIError{StatusCode: resp.StatusCode, ErrorType: e.ErrorType, ErrorMessage: e.ErrorMessage, RequestID: e.RequestID}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("decoding: %w", err)
	}
	return nil
}
