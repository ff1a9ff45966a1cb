// Command specdiff checks recorded Stytch API exchanges (recording files
// under testdata/recordings and HAR exports) against api/openapi.yml, so that
// the spec, the client and the real API cannot drift apart unnoticed.
//
//	go run ./cmd/specdiff [-spec api/openapi.yml] [-strict] PATH...
//
// It prints one line per violation or drift with the JSON pointer of the
// offending value, then one summary line, and exits 1 on any violation (and
// on drift with -strict) and 2 on unreadable input or a broken spec.
//
//	go run ./cmd/specdiff -compare OTHER.yml [-spec api/openapi.yml] [-scope consumer|b2b|all] [-strict]
//
// compares api/openapi.yml with another OpenAPI document, such as the one
// Stytch publishes, and lists what ours lacks or disagrees on, grouped by
// operation; it exits 1 when ours lacks an operation, field or enum value or
// a JSON type differs (with -strict, on any difference).
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/stytchkit/stytchkit/cmd/specdiff/internal/specdiff"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := specdiff.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
