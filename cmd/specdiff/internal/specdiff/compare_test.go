package specdiff

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files of the -compare tests")

var (
	compareDir = filepath.Join(testdata, "specdiff/compare")
	oursYML    = filepath.Join(compareDir, "ours.yml")
	theirsYML  = filepath.Join(compareDir, "theirs.yml")
)

// TestCompareGolden pins the whole -compare output on the synthetic pair,
// which exercises every aspect (see speccompare's TestCompareFixtures).
func TestCompareGolden(t *testing.T) {
	code, out, errOut := run("-compare", theirsYML, "-spec", oursYML)
	assert.Equal(t, ExitViolations, code, "missing operations, fields, enum values and types fail")
	assert.Empty(t, errOut)
	golden := filepath.Join(compareDir, "all.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), out)
	for _, aspect := range []string{"missing-operation", "missing ", "enum ", "type ", "required-ours ", "required-theirs ", "status "} {
		assert.Contains(t, out, "\n  "+aspect, "every aspect appears")
	}
	assert.True(t, strings.HasPrefix(lastLine(out), "specdiff: all: operations 5/7, "), lastLine(out))
}

func TestCompareExitCodes(t *testing.T) {
	// Required-ness and status alone pass unless -strict.
	onlyReq := writeDocs(t)
	code, out, errOut := run("-compare", onlyReq.theirs, "-spec", onlyReq.ours)
	assert.Equal(t, ExitOK, code, errOut)
	assert.Contains(t, out, "POST /v1/x\n  required-ours      request.name\n  status             response: theirs 200, ours 201\n")
	assert.Contains(t, lastLine(out), "required-ours 1 (1 distinct, 1 ops)")
	code, _, _ = run("-strict", "-compare", onlyReq.theirs, "-spec", onlyReq.ours)
	assert.Equal(t, ExitViolations, code, "-strict fails on any difference")

	// Identical documents: nothing listed, exit 0 even with -strict.
	code, out, _ = run("-strict", "-compare", theirsYML, "-spec", theirsYML)
	assert.Equal(t, ExitOK, code)
	assert.True(t, strings.HasPrefix(out, "note: POST /v1/magic_links/authenticate: schemas not compared: "), out)

	// Scope: the B2B part of the pair is only a missing operation.
	code, out, _ = run("-compare", theirsYML, "-spec", oursYML, "-scope", "b2b")
	assert.Equal(t, ExitViolations, code)
	assert.True(t, strings.HasPrefix(out, "POST /v1/b2b/organizations\n  missing-operation\nspecdiff: b2b: ours beyond theirs: "), out)
	code, out, _ = run("-compare", theirsYML, "-spec", oursYML, "-scope", "consumer")
	assert.Equal(t, ExitViolations, code)
	assert.NotContains(t, out, "/v1/b2b/")
	assert.True(t, strings.HasPrefix(lastLine(out), "specdiff: consumer: operations 5/6, "), lastLine(out))
}

func TestCompareDefaultSpecIsEmbedded(t *testing.T) {
	code, out, errOut := run("-compare", "../../../../api/openapi.yml", "-strict")
	assert.Equal(t, ExitOK, code, errOut)
	assert.Contains(t, lastLine(out), "missing-operation 0, missing 0 (0 distinct, 0 ops), enum 0")
}

func TestCompareUsageErrors(t *testing.T) {
	code, _, errOut := run("-compare", theirsYML, "-scope", "partners")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, `unknown scope "partners"`)

	code, out, errOut := run("-compare", filepath.Join(compareDir, "absent.yml"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "absent.yml")
	assert.Empty(t, out)

	code, _, errOut = run("-compare", theirsYML, "-spec", filepath.Join(compareDir, "absent.yml"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "absent.yml")

	code, _, errOut = run("-compare", theirsYML, filepath.Join(testdata, "specdiff/ok"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "-compare takes no recording PATH")

	code, _, errOut = run("-scope", "b2b", filepath.Join(testdata, "specdiff/ok"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "-scope needs -compare")
	assert.Contains(t, errOut, "specdiff -compare OTHER.yml")
}

type docPair struct{ ours, theirs string }

// writeDocs writes a pair of one-operation documents into a temporary
// directory whose request bodies differ only in required-ness: ours
// requires "name" and answers 201, theirs requires nothing and answers 200.
func writeDocs(t *testing.T) docPair {
	t.Helper()
	const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v1/x:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, %sproperties: {name: {type: string}}}
      responses:
        '%s': {description: ok}
`
	dir := t.TempDir()
	p := docPair{ours: filepath.Join(dir, "ours.yml"), theirs: filepath.Join(dir, "theirs.yml")}
	require.NoError(t, os.WriteFile(p.ours, fmt.Appendf(nil, doc, "required: [name], ", "201"), 0o644))
	require.NoError(t, os.WriteFile(p.theirs, fmt.Appendf(nil, doc, "", "200"), 0o644))
	return p
}
