package emulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// BenchmarkSessionsAuthenticateHTTP measures POST /v1/sessions/authenticate
// with a session token through a real HTTP server (routing, Basic auth,
// request validation, the store, JWT minting and JSON encoding), without
// response validation.
func BenchmarkSessionsAuthenticateHTTP(b *testing.B) {
	env := emutest.New(b)
	status, m := env.DoJSON(b, http.MethodPost, "/v1/otps/email/login_or_create", map[string]any{"email": "bench@example.com"})
	if status != http.StatusOK {
		b.Fatalf("login_or_create: %d %v", status, m)
	}
	msg := env.LastMessage(b, "bench@example.com")
	status, a := env.DoJSON(b, http.MethodPost, "/v1/otps/authenticate", map[string]any{"method_id": msg.MethodID, "code": msg.Code,
		"session_duration_minutes": 60})
	if status != http.StatusOK {
		b.Fatalf("authenticate: %d %v", status, a)
	}
	body, _ := json.Marshal(map[string]any{"session_token": a["session_token"]})
	client := env.HTTP.Client()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, env.URL+"/v1/sessions/authenticate", bytes.NewReader(body))
		req.SetBasicAuth(emulator.DefaultProjectID, emulator.DefaultSecret)
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}
