package speccompare

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/api"
)

// fixtures are the synthetic documents cmd/specdiff's tests share.
const fixtures = "../../testdata/specdiff/compare"

func loadFixture(t testing.TB, name string) *openapi3.T {
	t.Helper()
	doc, err := Load(context.Background(), filepath.Join(fixtures, name))
	require.NoError(t, err)
	return doc
}

// parse loads a document written inline.
func parse(t testing.TB, text string) *openapi3.T {
	t.Helper()
	doc, err := LoadData(context.Background(), t.Name(), []byte(text))
	require.NoError(t, err)
	return doc
}

func lines(ds []Difference) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

// TestCompareFixtures pins every aspect on the synthetic pair: a missing
// operation, field and request body; enum values lacking (also in array
// items); a type difference (also under additionalProperties) while
// integer vs number is none; both required-ness directions through $ref,
// allOf and arrays; a create's status; a recursive schema reported once;
// the known defect skipped; and ours' extras kept apart as information.
func TestCompareFixtures(t *testing.T) {
	ours, theirs := loadFixture(t, "ours.yml"), loadFixture(t, "theirs.yml")
	r, err := Compare(ours, theirs)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"POST /v1/b2b/organizations missing-operation",
		"POST /v1/forms missing request.scope",
		"POST /v1/pings missing request: ours has no request body",
		"POST /v1/things missing response.thing.children[].created_at",
		"POST /v1/things missing response.thing.created_at",
		"POST /v1/things enum request.kind: ours lacks large",
		"POST /v1/things enum request.tags[]: ours lacks blue",
		"POST /v1/things type request.labels{}.level: ours integer, theirs string",
		"POST /v1/things type response.thing.children[].owner: ours string, theirs object",
		"POST /v1/things type response.thing.owner: ours string, theirs object",
		"POST /v1/things required-ours response.request_id",
		"POST /v1/things required-theirs request.name",
		"POST /v1/things required-theirs response.thing.children[].name",
		"POST /v1/things required-theirs response.thing.name",
		"POST /v1/things status response: theirs 200, ours 201",
		"GET /v1/things/{id} missing response.children[].created_at",
		"GET /v1/things/{id} missing response.created_at",
		"GET /v1/things/{id} type response.children[].owner: ours string, theirs object",
		"GET /v1/things/{id} type response.owner: ours string, theirs object",
		"GET /v1/things/{id} required-theirs response.children[].name",
		"GET /v1/things/{id} required-theirs response.name",
		"DELETE /v1/things/{thing_id} missing-operation",
	}, lines(r.Differences))
	assert.Equal(t, []string{
		"GET /v1/extras extra-operation",
		"POST /v1/forms extra-enum request.grant_type: theirs lacks refresh_token",
		"POST /v1/things extra request.note",
	}, lines(r.Info))
	assert.Equal(t, 7, r.TheirOperations)
	assert.Equal(t, 6, r.OurOperations)
	assert.Equal(t, 5, r.Matched)
	assert.Equal(t, 25, r.FieldsCompared)
	require.Len(t, r.Skipped, 1)
	assert.Equal(t, "/v1/magic_links/authenticate", r.Skipped[0].Path)
	assert.True(t, r.HasAbsence())

	assert.Equal(t, 1, r.Count(AspectExtraOperation))
	assert.Equal(t, "all: operations 5/7, 25 fields compared, 1 skipped, missing-operation 2, missing 6 (6 distinct, 4 ops), "+
		"enum 2 (2 distinct, 1 ops), type 5 (5 distinct, 2 ops), required-ours 1 (1 distinct, 1 ops), "+
		"required-theirs 5 (5 distinct, 2 ops), status 1 (1 ops)", r.Summary())
	assert.Equal(t, "all: ours beyond theirs: extra-operation 1, extra 1, extra-enum 1", r.InfoSummary())
	assert.Equal(t, "missing-operation 2, missing 6 (6 distinct, 4 ops), enum 2 (2 distinct, 1 ops), type 5 (5 distinct, 2 ops), "+
		"required-ours 1 (1 distinct, 1 ops), required-theirs 5 (5 distinct, 2 ops), status 1 (1 ops)", Tally(r.Differences))
	assert.Equal(t, "status 1 (1 ops)", Tally(r.Differences[14:15]))
	assert.Equal(t, "none", Tally(nil))
}

func TestCompareScopes(t *testing.T) {
	ours, theirs := loadFixture(t, "ours.yml"), loadFixture(t, "theirs.yml")
	consumer, err := Compare(ours, theirs, WithScope(ScopeConsumer))
	require.NoError(t, err)
	b2b, err := Compare(ours, theirs, WithScope(ScopeB2B))
	require.NoError(t, err)
	all, err := Compare(ours, theirs)
	require.NoError(t, err)
	assert.Equal(t, 6, consumer.TheirOperations)
	assert.Equal(t, 1, b2b.TheirOperations)
	assert.Equal(t, 0, b2b.Matched)
	assert.Equal(t, []string{"POST /v1/b2b/organizations missing-operation"}, lines(b2b.Differences))
	assert.Len(t, consumer.Differences, len(all.Differences)-1)
	assert.Equal(t, 0, b2b.OurOperations)
	assert.Equal(t, 0, OperationCount(ours, ScopeB2B))
	assert.Equal(t, 6, OperationCount(ours, ScopeConsumer))
	assert.Equal(t, 0, OperationCount(nil, ScopeAll))

	assert.True(t, ScopeB2B.Contains("/v1/b2b/organizations"))
	assert.False(t, ScopeB2B.Contains("/v1/users"))
	assert.False(t, ScopeConsumer.Contains("/v1/b2b/organizations"))
	assert.True(t, ScopeConsumer.Contains("/v1/users/b2b/x"), "only the /v1/b2b/ prefix makes an operation B2B")
	assert.True(t, ScopeAll.Contains("/v1/b2b/organizations"))
	assert.False(t, Scope("").Contains("/v1/users"))
	for _, s := range []string{"consumer", "b2b", "all"} {
		got, err := ParseScope(s)
		require.NoError(t, err)
		assert.Equal(t, Scope(s), got)
	}
	_, err = ParseScope("B2B")
	assert.ErrorContains(t, err, `unknown scope "B2B"`)
}

// TestCompareSelfIsClean: our document compared with itself has no
// difference at all, and every field is compared.
func TestCompareSelfIsClean(t *testing.T) {
	doc, err := LoadData(context.Background(), "api/openapi.yml", api.Spec)
	require.NoError(t, err)
	r, err := Compare(doc, doc, WithSkips(Skip{Method: "GET", Path: "/none", Reason: "nothing is skipped"}))
	require.NoError(t, err)
	assert.Empty(t, r.Differences)
	assert.Empty(t, r.Info)
	assert.Empty(t, r.Skipped)
	assert.Equal(t, r.OurOperations, r.Matched)
	assert.Greater(t, r.Matched, 80)
	assert.Greater(t, r.FieldsCompared, 1000)
	assert.False(t, r.HasAbsence())
}

const sharedDoc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v1/a:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/%s'}
      responses:
        '200': {description: ok}
  /v1/b/{id}:
    put:
      parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/%s'}
      responses:
        '200': {description: ok}
components:
  schemas:
    Strict:
      type: object
      required: [email]
      properties:
        email: {type: string}
    Loose:
      type: object
      properties:
        email: {type: string}
`

// TestCountsPerOperationAndDistinct: a field shared by two operations is
// two differences, one distinct.
func TestCountsPerOperationAndDistinct(t *testing.T) {
	ours := parse(t, strings.ReplaceAll(sharedDoc, "%s", "Strict"))
	theirs := parse(t, strings.ReplaceAll(sharedDoc, "%s", "Loose"))
	r, err := Compare(ours, theirs)
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /v1/a required-ours request.email", "PUT /v1/b/{id} required-ours request.email"}, lines(r.Differences))
	assert.Equal(t, 2, r.Count(AspectRequiredOurs))
	assert.Equal(t, 1, r.Distinct(AspectRequiredOurs))
	assert.Equal(t, 2, r.Operations(AspectRequiredOurs))
	assert.Equal(t, 0, r.Count(AspectRequiredTheirs))
	assert.False(t, r.HasAbsence(), "required-ness alone is no absence")

	r, err = Compare(theirs, ours)
	require.NoError(t, err)
	assert.Equal(t, 2, r.Count(AspectRequiredTheirs))
	assert.Equal(t, 0, r.Count(AspectRequiredOurs))
}

// bodyDocs builds two one-operation documents whose request bodies are
// the given schemas (YAML flow style, indented as a components entry).
func bodyDocs(t *testing.T, ours, theirs string) (*openapi3.T, *openapi3.T) {
	t.Helper()
	const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v1/x:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Body'}
      responses:
        '200': {description: ok}
components:
  schemas:
    Body:
`
	return parse(t, doc+ours), parse(t, doc+theirs)
}

// TestAllOfMerged: allOf members are merged: properties, the union of
// required lists, the type of a member, the intersection of enums.
func TestAllOfMerged(t *testing.T) {
	ours, theirs := bodyDocs(t, `
      allOf:
      - type: object
        required: [a]
        properties:
          a: {type: string}
          level: {allOf: [{$ref: '#/components/schemas/Level'}], nullable: true}
      - properties:
          b: {type: integer}
          both: {allOf: [{enum: [x, y, z]}, {enum: [y, z, w]}]}
    Level:
      type: string
      enum: [low, high]
`, `
      type: object
      required: [b]
      properties:
        a: {type: string}
        b: {type: number}
        level: {type: string, enum: [low, high, max]}
        both: {type: string, enum: [x, y]}
`)
	r, err := Compare(ours, theirs)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"POST /v1/x enum request.both: ours lacks x",
		"POST /v1/x enum request.level: ours lacks max",
		"POST /v1/x required-ours request.a",
		"POST /v1/x required-theirs request.b",
	}, lines(r.Differences), "no type difference: level is a string through allOf, integer vs number is none")
	assert.Equal(t, []string{"POST /v1/x extra-enum request.both: theirs lacks z"}, lines(r.Info))
}

// TestDepthLimit: fields are compared down to depth maxDepth+1.
func TestDepthLimit(t *testing.T) {
	nest := func(leaf string) string {
		s := leaf
		for range 11 {
			s = "{type: object, properties: {n: " + s + "}}"
		}
		return "\n      " + s + "\n"
	}
	ours, theirs := bodyDocs(t, nest("{type: string}"), nest("{type: boolean}"))
	r, err := Compare(ours, theirs)
	require.NoError(t, err)
	assert.Empty(t, r.Differences, "the leaf at depth 11 lies below the default limit")
	r, err = Compare(ours, theirs, WithMaxDepth(9))
	require.NoError(t, err)
	assert.Empty(t, r.Differences, "depth 11 is still below limit 9")
	assert.Equal(t, 10, r.FieldsCompared)
	r, err = Compare(ours, theirs, WithMaxDepth(10))
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /v1/x type request.n.n.n.n.n.n.n.n.n.n.n: ours string, theirs boolean"}, lines(r.Differences))
	r, err = Compare(ours, theirs, WithMaxDepth(0))
	require.NoError(t, err)
	assert.Equal(t, 1, r.FieldsCompared, "depth 0: only the body's own fields")
}

func TestStatuses(t *testing.T) {
	const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v1/a:
    post:
      responses:
%s
  /v1/b:
    get:
      responses:
%s
`
	ours := parse(t, fmtDoc(doc, "        '2XX': {description: any}", "        '400': {description: bad}"))
	theirs := parse(t, fmtDoc(doc, "        '200': {description: ok}\n        '201': {description: ok}", "        '204': {description: none}"))
	r, err := Compare(ours, theirs)
	require.NoError(t, err)
	assert.Equal(t, []string{"GET /v1/b status response: theirs 204, ours none"}, lines(r.Differences), "2XX accepts every success status")
}

func fmtDoc(doc string, parts ...string) string {
	for _, p := range parts {
		doc = strings.Replace(doc, "%s", p, 1)
	}
	return doc
}

// TestSkips: the known defect is skipped by default (its status still
// compared); WithSkips replaces the list.
func TestSkips(t *testing.T) {
	ours, theirs := loadFixture(t, "ours.yml"), loadFixture(t, "theirs.yml")
	r, err := Compare(ours, theirs, WithSkips())
	require.NoError(t, err)
	assert.Empty(t, r.Skipped)
	assert.Contains(t, lines(r.Differences), "POST /v1/magic_links/authenticate missing request.magic_links_token")

	r, err = Compare(ours, theirs, WithSkips(Skip{Method: "post", Path: "/v1/things", Reason: "synthetic"}))
	require.NoError(t, err)
	assert.Equal(t, []Skip{{Method: "post", Path: "/v1/things", Reason: "synthetic"}}, r.Skipped)
	assert.Contains(t, lines(r.Differences), "POST /v1/things status response: theirs 200, ours 201", "a skipped operation's status is compared")
	for _, d := range r.Differences {
		assert.False(t, d.Path == "/v1/things" && d.Method == "POST" && d.Aspect != AspectStatus, "%s", d)
	}
}

func TestOptionAndInputErrors(t *testing.T) {
	doc := loadFixture(t, "ours.yml")
	_, err := Compare(nil, doc)
	assert.ErrorIs(t, err, ErrNilDocument)
	_, err = Compare(doc, nil)
	assert.ErrorIs(t, err, ErrNilDocument)
	_, err = Compare(doc, doc, WithMaxDepth(-1))
	assert.ErrorContains(t, err, "negative")
	_, err = Compare(doc, doc, WithScope("partners"))
	assert.ErrorContains(t, err, "unknown scope")
	_, err = Compare(doc, doc, WithSkips(Skip{Method: "GET", Path: "/v1/x"}))
	assert.ErrorContains(t, err, "reason")

	_, err = Load(context.Background(), filepath.Join(fixtures, "absent.yml"))
	var le *LoadError
	require.ErrorAs(t, err, &le)
	assert.Contains(t, le.Location, "absent.yml")
	_, err = LoadData(context.Background(), "inline", []byte("openapi: [3"))
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "inline", le.Location)
	assert.NotNil(t, errors.Unwrap(err))
}

func TestWriteGrouped(t *testing.T) {
	ds := []Difference{
		{Method: "POST", Path: "/v1/a", Aspect: AspectMissingOperation},
		{Method: "POST", Path: "/v1/b", Side: SideRequest, Field: "x.y", Aspect: AspectRequiredOurs},
		{Method: "POST", Path: "/v1/b", Side: SideResponse, Aspect: AspectStatus, Detail: "theirs 200, ours 201"},
	}
	var b strings.Builder
	omitted, err := WriteGrouped(&b, ds, 0)
	require.NoError(t, err)
	assert.Zero(t, omitted)
	assert.Equal(t, "POST /v1/a\n  missing-operation\nPOST /v1/b\n  required-ours      request.x.y\n  status             response: theirs 200, ours 201\n", b.String())

	b.Reset()
	omitted, err = WriteGrouped(&b, ds, 2)
	require.NoError(t, err)
	assert.Equal(t, 1, omitted)
	assert.Equal(t, "POST /v1/a\n  missing-operation\nPOST /v1/b\n  required-ours      request.x.y\n", b.String())
}

func BenchmarkCompareSelf(b *testing.B) {
	doc, err := LoadData(context.Background(), "api/openapi.yml", api.Spec)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(doc, doc); err != nil {
			b.Fatal(err)
		}
	}
}
