package specdiff

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/internal/recording"
)

const testdata = "../../../../testdata"

var (
	checkerOnce sync.Once
	checker     *Checker
	checkerErr  error
)

func loadChecker(t testing.TB) *Checker {
	t.Helper()
	checkerOnce.Do(func() { checker, checkerErr = LoadChecker(context.Background(), "") })
	require.NoError(t, checkerErr)
	return checker
}

func checkFileT(t *testing.T, name string) Result {
	t.Helper()
	ex, err := recording.ReadFile(filepath.Join(testdata, "specdiff", name))
	require.NoError(t, err)
	return loadChecker(t).Check(context.Background(), ex)
}

// TestCheckerCatchesEachKind runs one crafted recording per kind of problem.
func TestCheckerCatchesEachKind(t *testing.T) {
	for _, tc := range []struct {
		file, op string
		kind     Kind
		pointer  string
	}{
		{"violations/missing_field.json", "DebugWhoami", KindMissingField, "/project_id"},
		{"violations/wrong_type.json", "DebugWhoami", KindWrongType, "/status_code"},
		{"violations/bad_enum.json", "M2MClientsCreate", KindEnum, "/m2m_client/status"},
		{"violations/wrong_status.json", "DebugWhoami", KindStatus, ""},
		{"violations/not_json.json", "DebugWhoami", KindStatus, ""},
		{"violations/not_json_200.json", "DebugWhoami", KindNotJSON, ""},
		{"violations/unknown_operation.json", "", KindUnknownOperation, ""},
		{"violations/operation_mismatch.json", "DebugWhoami", KindOperationMismatch, ""},
		{"violations/drift.json", "DebugWhoami", KindDrift, "/brand_new_field"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res := checkFileT(t, tc.file)
			assert.Equal(t, tc.op, res.OperationID)
			require.Len(t, res.Findings, 1, "%v", res.Findings)
			f := res.Findings[0]
			assert.Equal(t, tc.kind, f.Kind, f.String())
			assert.Equal(t, tc.pointer, f.Pointer)
			assert.NotEmpty(t, f.Message)
			assert.Equal(t, tc.kind == KindDrift, f.IsDrift())
		})
	}
	assert.Empty(t, checkFileT(t, "ok/whoami.json").Findings)
}

func TestCheckerEmptyBody(t *testing.T) {
	res := loadChecker(t).Check(context.Background(), &recording.Exchange{Method: "GET", Path: "/v1/debug/whoami", Status: 200})
	require.Len(t, res.Findings, 1)
	assert.Equal(t, KindNotJSON, res.Findings[0].Kind)
}

// TestCheckerNestedPointers checks that errors inside nullable allOf members
// and arrays carry the full pointer, and that drift is found there too.
func TestCheckerNestedPointers(t *testing.T) {
	ex, err := recording.ReadFile(filepath.Join(testdata, "recordings/MagicLinksAuthenticate/docs-authenticate-with-session.json"))
	require.NoError(t, err)
	ex.Body = []byte(`{"method_id":"m","request_id":"r","reset_sessions":false,"session_token":"","session_jwt":"","status_code":200,
	  "user_id":"u","user":` + string(mustField(t, ex.Body, "user")) + `,
	  "session":{"attributes":{"ip_address":"","user_agent":""},"authentication_factors":[{"type":"bogus","delivery_method":"email",
	  "last_authenticated_at":"2025-01-09T07:41:52Z","created_at":"2025-01-09T07:41:52Z","updated_at":"2025-01-09T07:41:52Z","surprise":1}],
	  "expires_at":"not-a-time","last_accessed_at":"2025-04-22T07:41:52Z","started_at":"2025-04-22T07:00:00Z","session_id":"s","user_id":"u"}}`)
	res := loadChecker(t).Check(context.Background(), ex)
	byPointer := map[string]Kind{}
	for _, f := range res.Findings {
		byPointer[f.Pointer] = f.Kind
	}
	assert.Equal(t, KindEnum, byPointer["/session/authentication_factors/0/type"], "%v", res.Findings)
	assert.Equal(t, KindSchema, byPointer["/session/expires_at"], "%v", res.Findings)
	assert.Equal(t, KindDrift, byPointer["/session/authentication_factors/0/surprise"], "%v", res.Findings)
}

func TestDriftRules(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData([]byte(`
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Inner: {type: object, properties: {a: {type: string}}}
    Outer:
      type: object
      properties:
        inner: {nullable: true, allOf: [{$ref: '#/components/schemas/Inner'}]}
        list: {type: array, items: {$ref: '#/components/schemas/Inner'}}
        meta: {type: object, additionalProperties: true}
        free: {type: object}
        typed: {type: object, additionalProperties: {$ref: '#/components/schemas/Inner'}}
`))
	require.NoError(t, err)
	body := map[string]any{
		"inner": map[string]any{"a": "x", "b": 1},
		"list":  []any{map[string]any{"a": "x"}, map[string]any{"c": 1}},
		"meta":  map[string]any{"anything": map[string]any{"goes": true}},
		"free":  map[string]any{"x": 1},
		"typed": map[string]any{"k": map[string]any{"a": "x", "d": 1}},
		"top":   nil,
	}
	var ptrs []string
	for _, f := range Drift(doc.Components.Schemas["Outer"], body) {
		assert.Equal(t, KindDrift, f.Kind)
		ptrs = append(ptrs, f.Pointer)
	}
	assert.ElementsMatch(t, []string{"/inner/b", "/list/1/c", "/typed/k/d", "/top"}, ptrs)
	assert.Equal(t, "/a~1b/c~0d", Pointer([]string{"a/b", "c~d"}))
}

func TestLoadCheckerErrors(t *testing.T) {
	_, err := LoadChecker(context.Background(), filepath.Join(testdata, "specdiff/badinput/broken_spec.yml"))
	var se *SpecError
	require.ErrorAs(t, err, &se)
	_, err = LoadChecker(context.Background(), filepath.Join(testdata, "specdiff/nope.yml"))
	require.ErrorAs(t, err, &se)
}

func mustField(t *testing.T, body []byte, key string) []byte {
	t.Helper()
	var m map[string]any
	require.NoError(t, jsonUnmarshal(body, &m))
	out, err := jsonMarshal(m[key])
	require.NoError(t, err)
	return out
}
