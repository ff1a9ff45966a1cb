package emulator_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
)

// TestMain does the once-per-process set-up every emulator of this package
// shares (parsing api/openapi.yml for request and response validation, the
// signing key) before the tests, so that each test's time is its own work.
func TestMain(m *testing.M) {
	if _, err := httpapi.LoadSpec(); err != nil {
		fmt.Fprintln(os.Stderr, "load spec:", err)
		os.Exit(1)
	}
	emutest.SharedKey()
	os.Exit(m.Run())
}
