package api_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/api"
	"github.com/stytchkit/stytchkit/internal/speccompare"
)

// referenceSpec is Stytch's published OpenAPI document, kept next to the
// repository rather than in it (the repository never copies its text):
// ../shared/reference/stytch-openapi.yml from the repository root.
var referenceSpec = filepath.Join("..", "..", "shared", "reference", "stytch-openapi.yml")

// firstDifferences is how many unexplained differences a failure lists.
const firstDifferences = 40

// conformanceEvidence lists the required-ness differences from Stytch's
// published document that our document keeps on purpose, each with the
// reason and the Stytch source showing ours right (a docs page with a real
// example, an official SDK type). Stytch's document is the authority on
// required-ness otherwise, so the list stays short, and an entry that no
// longer matches a difference fails the test until it is removed.
//
// An entry names the operation ("POST /v1/users", our path template), the
// side, the field path and the direction as the failure output prints them
// (speccompare.Evidence). The list is empty: no difference has yet been
// shown to be a mistake of Stytch's document rather than ours.
var conformanceEvidence = []speccompare.Evidence{}

// TestConformsToStytchOpenAPI compares api/openapi.yml with Stytch's
// published OpenAPI document, operation by operation and field by field
// (internal/speccompare). It fails on any operation, field or enum value of
// theirs that ours lacks, any JSON type disagreement, any required-ness
// difference not on conformanceEvidence (and any stale entry there), and any
// success status of theirs that ours does not declare. B2B operations are
// checked once our document has at least one /v1/b2b/ path.
//
// go run ./cmd/specdiff -compare ../shared/reference/stytch-openapi.yml
// lists every difference.
func TestConformsToStytchOpenAPI(t *testing.T) {
	if _, err := os.Stat(referenceSpec); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("Stytch's published OpenAPI document is not at %s (it lives beside the repository, not in it): conformance not checked", referenceSpec)
	}
	ctx := context.Background()
	theirs, err := speccompare.Load(ctx, referenceSpec)
	require.NoError(t, err)
	ours, err := speccompare.LoadData(ctx, "api/openapi.yml", api.Spec)
	require.NoError(t, err)

	t.Run("consumer", func(t *testing.T) {
		checkConformance(t, ours, theirs, speccompare.ScopeConsumer)
	})
	t.Run("b2b", func(t *testing.T) {
		if speccompare.OperationCount(ours, speccompare.ScopeB2B) == 0 {
			t.Skipf("B2B is not yet in our document (no /v1/b2b/ path); Stytch's has %d B2B operations",
				speccompare.OperationCount(theirs, speccompare.ScopeB2B))
		}
		checkConformance(t, ours, theirs, speccompare.ScopeB2B)
	})
}

func checkConformance(t *testing.T, ours, theirs *openapi3.T, scope speccompare.Scope) {
	rep, err := speccompare.Compare(ours, theirs, speccompare.WithScope(scope))
	require.NoError(t, err)
	t.Log(rep.Summary())
	t.Log(rep.InfoSummary())
	for _, s := range rep.Skipped {
		t.Logf("%s %s: schemas not compared: %s", s.Method, s.Path, s.Reason)
	}

	var evidence []speccompare.Evidence
	for _, e := range conformanceEvidence {
		if _, path, _ := strings.Cut(e.Operation, " "); scope.Contains(path) {
			evidence = append(evidence, e)
		}
	}
	unexplained, stale, err := speccompare.Waive(rep.Differences, evidence)
	require.NoError(t, err, "conformanceEvidence has a faulty entry")
	t.Logf("%s: %d differences explained by conformanceEvidence", scope, len(rep.Differences)-len(unexplained))
	for _, e := range stale {
		t.Errorf("stale conformanceEvidence entry (it matches no difference any more; remove it): %s", e)
	}
	if len(unexplained) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d differences from Stytch's OpenAPI document: %s\n", scope, len(unexplained), speccompare.Tally(unexplained))
	fmt.Fprintf(&b, "first %d, by operation:\n", min(firstDifferences, len(unexplained)))
	omitted, err := speccompare.WriteGrouped(&b, unexplained, firstDifferences)
	require.NoError(t, err)
	if omitted > 0 {
		fmt.Fprintf(&b, "... and %d more: go run ./cmd/specdiff -compare ../shared/reference/stytch-openapi.yml -scope %s lists them all\n", omitted, scope)
	}
	b.WriteString("Fix api/openapi.yml to match (accepting both statuses where they differ), or, for a required-ness " +
		"difference another Stytch source shows ours right about, add it to conformanceEvidence with that source.")
	t.Error(b.String())
}
