package specdiff

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	jsonUnmarshal = json.Unmarshal
	jsonMarshal   = json.Marshal
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// emulatorNote marks the recordings emulator/emulatorrec writes from the
// local emulator (testdata/recordings/<operationId>/emulator-<name>.json).
const emulatorNote = "recorded from the local emulator"

// TestRecordingsMatchSpec is the drift gate: every recording under
// testdata/recordings must validate against api/openapi.yml, strictly. Each
// recording says where it comes from: a source (the docs page it was
// transcribed from) or the emulator note. At least 25 operations keep a
// transcription of Stytch's own docs, so the emulator is not the only
// witness of the wire format.
func TestRecordingsMatchSpec(t *testing.T) {
	dir := filepath.Join(testdata, "recordings")
	files, err := inputs(dir)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 25)
	ops, docsOps := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		exs, err := readExchanges(f)
		require.NoError(t, err)
		rel, _ := filepath.Rel(dir, f)
		fromEmulator := strings.HasPrefix(filepath.Base(f), "emulator-")
		for _, l := range exs {
			if fromEmulator {
				assert.Equal(t, emulatorNote, l.ex.Note, "%s: emulator recordings carry the note", rel)
				assert.Empty(t, l.ex.Source, "%s: an emulator recording has no docs source", rel)
			} else {
				assert.NotEmpty(t, l.ex.Source, "%s: transcribed recordings name their source", rel)
			}
			res := loadChecker(t).Check(context.Background(), l.ex)
			ops[res.OperationID] = true
			if l.ex.Source != "" {
				docsOps[res.OperationID] = true
			}
			assert.Equal(t, filepath.Dir(rel), res.OperationID, "%s: directory names the operation", rel)
			for _, fd := range res.Findings {
				t.Errorf("%s: %s", rel, fd)
			}
		}
	}
	assert.GreaterOrEqual(t, len(ops), 25, "operations covered")
	assert.GreaterOrEqual(t, len(docsOps), 25, "operations covered by transcriptions of Stytch's docs")
}

func TestRunSummaryAndExitCodes(t *testing.T) {
	ok := filepath.Join(testdata, "specdiff/ok")
	code, out, errOut := run(ok)
	assert.Equal(t, ExitOK, code, errOut)
	assert.Equal(t, "specdiff: 1 recordings checked, 1 operations covered, 0 violations, 0 drift", lastLine(out))

	drift := filepath.Join(testdata, "specdiff/violations/drift.json")
	code, out, _ = run(drift)
	assert.Equal(t, ExitOK, code, "drift alone is a warning")
	assert.Contains(t, out, "warning: ")
	assert.Equal(t, "specdiff: 1 recordings checked, 1 operations covered, 0 violations, 1 drift", lastLine(out))

	code, out, _ = run("-strict", drift)
	assert.Equal(t, ExitViolations, code, "-strict fails on drift")
	assert.Contains(t, out, "error: ")

	code, out, _ = run(filepath.Join(testdata, "specdiff/violations"))
	assert.Equal(t, ExitViolations, code)
	assert.Equal(t, "specdiff: 9 recordings checked, 2 operations covered, 8 violations, 1 drift", lastLine(out))
	assert.Contains(t, out, "/project_id: property \"project_id\" is missing [missing-field]")
	assert.Equal(t, 10, strings.Count(out, "\n"), "one line per finding plus the summary")
}

func TestRunHAR(t *testing.T) {
	code, out, errOut := run(filepath.Join(testdata, "specdiff/capture.har"))
	assert.Equal(t, ExitViolations, code, errOut)
	assert.Contains(t, out, "capture.har#entries[2]: DebugWhoami GET 200 /project_id")
	assert.Contains(t, out, "capture.har#entries[2]: DebugWhoami GET 200 /extra")
	assert.NotContains(t, out, "entries[0]", "the valid entry has no finding")
	assert.Equal(t, "specdiff: 2 recordings checked, 1 operations covered, 1 violations, 1 drift", lastLine(out))
}

func TestRunInputErrors(t *testing.T) {
	code, out, errOut := run(filepath.Join(testdata, "specdiff/badinput"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "bad_json.json: not a valid recording: bad JSON")
	assert.Contains(t, errOut, "missing_status.json: not a valid recording: status 0")
	assert.Contains(t, errOut, `typo_key.json: not a valid recording: bad JSON: json: unknown field "stauts"`)
	assert.Equal(t, "specdiff: 0 recordings checked, 0 operations covered, 0 violations, 0 drift", lastLine(out))

	code, _, errOut = run(filepath.Join(testdata, "specdiff/does-not-exist"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "does-not-exist")

	code, out, errOut = run("-spec", filepath.Join(testdata, "specdiff/badinput/broken_spec.yml"), filepath.Join(testdata, "specdiff/ok"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "specdiff: spec ")
	assert.Empty(t, out)

	code, _, errOut = run()
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "usage: specdiff")

	code, _, _ = run("-nope")
	assert.Equal(t, ExitUsage, code)
}

func TestRunWithSpecFile(t *testing.T) {
	code, out, errOut := run("-spec", "../../../../api/openapi.yml", filepath.Join(testdata, "specdiff/ok"))
	assert.Equal(t, ExitOK, code, errOut)
	assert.Equal(t, "specdiff: 1 recordings checked, 1 operations covered, 0 violations, 0 drift", lastLine(out))
}
