package control_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stytchkit/stytchkit/emulator/emutest"
)

// BenchmarkUIPoll measures what the UI asks for every two seconds while the
// outbox is open: the status and the outbox (here 500 messages, each with
// its rendering and token state), through the whole handler and its guard.
func BenchmarkUIPoll(b *testing.B) {
	env := emutest.New(b)
	for i := range 500 {
		status, body := env.DoJSON(b, http.MethodPost, "/v1/magic_links/email/login_or_create",
			map[string]any{"email": fmt.Sprintf("user%d@example.com", i%50)})
		if status != http.StatusOK {
			b.Fatalf("seed: %d %v", status, body)
		}
	}
	loopback := context.WithValue(context.Background(), http.LocalAddrContextKey,
		&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 4455})
	b.ReportAllocs()
	for b.Loop() {
		for _, path := range []string{"/emulator/ui/api/status", "/emulator/ui/api/messages"} {
			req := httptest.NewRequestWithContext(loopback, http.MethodGet, "http://127.0.0.1:4455"+path, nil)
			rec := httptest.NewRecorder()
			env.Server.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
			}
		}
	}
}
