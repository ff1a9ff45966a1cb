package specdiff

import (
	"context"
	"fmt"
	"io"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/stytchkit/stytchkit/api"
	"github.com/stytchkit/stytchkit/internal/speccompare"
)

// compareOptions are the flags of the -compare mode.
type compareOptions struct {
	ours   string // path of our document; "" for the embedded one
	theirs string // path of the reference document
	scope  string
	strict bool
}

// runCompare is the -compare mode: it compares our document with another
// (Stytch's published one), prints the differences grouped by operation and
// a summary line, and returns the exit code: ExitViolations when ours lacks
// an operation, field or enum value of theirs or a type differs (with
// strict, on any difference), ExitUsage when a document cannot be loaded.
func runCompare(ctx context.Context, o compareOptions, stdout, stderr io.Writer) int {
	scope, err := speccompare.ParseScope(o.scope)
	if err != nil {
		fmt.Fprintf(stderr, "specdiff: %v\n", err)
		return ExitUsage
	}
	ours, err := loadOurs(ctx, o.ours)
	if err != nil {
		fmt.Fprintf(stderr, "specdiff: %v\n", err)
		return ExitUsage
	}
	theirs, err := speccompare.Load(ctx, o.theirs)
	if err != nil {
		fmt.Fprintf(stderr, "specdiff: %v\n", err)
		return ExitUsage
	}
	rep, err := speccompare.Compare(ours, theirs, speccompare.WithScope(scope))
	if err != nil {
		fmt.Fprintf(stderr, "specdiff: %v\n", err)
		return ExitUsage
	}
	if _, err := speccompare.WriteGrouped(stdout, rep.Differences, 0); err != nil {
		fmt.Fprintf(stderr, "specdiff: %v\n", err)
		return ExitUsage
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(stdout, "note: %s %s: schemas not compared: %s\n", s.Method, s.Path, s.Reason)
	}
	fmt.Fprintf(stdout, "specdiff: %s\n", rep.InfoSummary())
	fmt.Fprintf(stdout, "specdiff: %s\n", rep.Summary())
	switch {
	case rep.HasAbsence(), o.strict && len(rep.Differences) > 0:
		return ExitViolations
	}
	return ExitOK
}

// loadOurs loads our document from path, or the embedded api/openapi.yml.
func loadOurs(ctx context.Context, path string) (*openapi3.T, error) {
	if path == "" {
		return speccompare.LoadData(ctx, EmbeddedSpec, api.Spec)
	}
	return speccompare.Load(ctx, path)
}
