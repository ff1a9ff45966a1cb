package mcpserver

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/jsonschema-go/jsonschema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/api"
)

func loadSpec(t *testing.T) *Spec {
	t.Helper()
	s, err := LoadSpec()
	require.NoError(t, err)
	return s
}

func TestSpecIndexesEveryOperation(t *testing.T) {
	s := loadSpec(t)
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	require.NoError(t, err)
	n := 0
	for _, item := range doc.Paths.Map() {
		n += len(item.Operations())
	}
	assert.Len(t, s.Operations(), n, "every operation of api/openapi.yml")
	for _, o := range s.Operations() {
		require.NotNil(t, o.Input, o.ID)
		assert.Equal(t, "object", o.Input.Type, o.ID)
		require.NotNil(t, o.resolved, o.ID)
	}
}

func TestInputSchemaCarriesBodyConstraints(t *testing.T) {
	in := loadSpec(t).Operation("UsersCreate").Input
	email := in.Properties["email"]
	require.NotNil(t, email)
	assert.Equal(t, "string", email.Type)
	assert.Equal(t, "email", email.Format)
	require.NotNil(t, email.MaxLength)
	assert.Equal(t, 254, *email.MaxLength)
	assert.NotEmpty(t, email.Description)
	assert.Equal(t, `^\+[1-9][0-9]{1,14}$`, in.Properties["phone_number"].Pattern)
	// $ref resolved inline: Name's own fields are present.
	require.NotNil(t, in.Properties["name"])
	assert.Contains(t, in.Properties["name"].Properties, "first_name")
	assert.Equal(t, falseSchema(), in.AdditionalProperties, "unknown top-level arguments are typos")
}

func TestInputSchemaCarriesEnumsBoundsAndNestedRequired(t *testing.T) {
	in := loadSpec(t).Operation("UsersSearch").Input
	limit := in.Properties["limit"]
	require.NotNil(t, limit.Minimum)
	require.NotNil(t, limit.Maximum)
	assert.Equal(t, 1.0, *limit.Minimum)
	assert.Equal(t, 1000.0, *limit.Maximum)
	q := in.Properties["query"]
	assert.ElementsMatch(t, []string{"operator", "operands"}, q.Required)
	assert.ElementsMatch(t, []any{"OR", "AND"}, q.Properties["operator"].Enum)
	assert.ElementsMatch(t, []string{"filter_name", "filter_value"}, q.Properties["operands"].Items.Required)
}

func TestInputSchemaAddsPathAndQueryParameters(t *testing.T) {
	s := loadSpec(t)
	upd := s.Operation("UsersUpdate").Input
	assert.Contains(t, upd.Required, "user_id")
	assert.Contains(t, upd.Properties["user_id"].Description, "path parameter")
	assert.Contains(t, upd.Properties, "untrusted_metadata", "body fields sit next to the path id")

	get := s.Operation("SessionsGet").Input
	assert.Equal(t, []string{"user_id"}, get.Required)
	assert.Contains(t, get.Properties["user_id"].Description, "query parameter")
}

func TestConvertSchemaDialectDifferences(t *testing.T) {
	one, five := 1.0, 5.0
	yes := true
	no := false
	src := &openapi3.Schema{
		Type: &openapi3.Types{"object"},
		Properties: openapi3.Schemas{
			"n":    {Value: &openapi3.Schema{Type: &openapi3.Types{"integer"}, Min: &one, ExclusiveMin: openapi3.ExclusiveBound{Bool: &yes}, Max: &five}},
			"kind": {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Enum: []any{"a", "b"}, Nullable: true}},
			"wrapped": {Value: &openapi3.Schema{Nullable: true, Description: "outer", AllOf: openapi3.SchemaRefs{
				{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}, Description: "inner", Required: []string{"x"}}},
			}}},
		},
		AdditionalProperties: openapi3.AdditionalProperties{Has: &no},
	}
	got := convertSchema(&openapi3.SchemaRef{Value: src})
	n := got.Properties["n"]
	assert.Nil(t, n.Minimum, "3.0 boolean exclusiveMinimum becomes the 2020-12 number")
	assert.Equal(t, 1.0, *n.ExclusiveMinimum)
	assert.Equal(t, 5.0, *n.Maximum)
	assert.Equal(t, []string{"string", "null"}, got.Properties["kind"].Types)
	assert.Equal(t, []any{"a", "b", nil}, got.Properties["kind"].Enum)
	w := got.Properties["wrapped"]
	assert.Equal(t, "outer", w.Description)
	assert.Equal(t, []string{"object", "null"}, w.Types)
	assert.Equal(t, []string{"x"}, w.Required)
	assert.Equal(t, falseSchema(), got.AdditionalProperties)

	res, err := got.Resolve(nil)
	require.NoError(t, err)
	assert.NoError(t, res.Validate(map[string]any{"n": 2.0, "kind": nil, "wrapped": nil}))
	assert.Error(t, res.Validate(map[string]any{"n": 1.0}), "exclusive bound")
	assert.Error(t, res.Validate(map[string]any{"extra": 1.0}))
}

func TestConvertSchemaStopsAtCycles(t *testing.T) {
	node := &openapi3.Schema{Type: &openapi3.Types{"object"}, Description: "tree"}
	node.Properties = openapi3.Schemas{"child": {Value: node}}
	got := convertSchema(&openapi3.SchemaRef{Value: node})
	child := got.Properties["child"]
	require.NotNil(t, child)
	assert.Contains(t, child.Description, "recursive")
	_, err := json.Marshal(got)
	assert.NoError(t, err)
}

func TestMatchRoutes(t *testing.T) {
	s := loadSpec(t)
	cases := []struct {
		method, path, op string
		vars             map[string]string
	}{
		{"GET", "/v1/users/user-test-1", "UsersGet", map[string]string{"user_id": "user-test-1"}},
		{"POST", "/v1/users/search", "UsersSearch", map[string]string{}},
		{"PUT", "/v1/users/user-test-1", "UsersUpdate", map[string]string{"user_id": "user-test-1"}},
		{"DELETE", "/v1/users/emails/email-test-2", "UsersDeleteEmail", map[string]string{"email_id": "email-test-2"}},
		{"DELETE", "/v1/users/user-test-1/external_id", "UsersDeleteExternalID", map[string]string{"user_id": "user-test-1"}},
		{"GET", "/v1/sessions", "SessionsGet", map[string]string{}},
	}
	for _, c := range cases {
		op, vars, ok := s.Match(c.method, c.path)
		require.True(t, ok, "%s %s", c.method, c.path)
		assert.Equal(t, c.op, op.ID)
		assert.Equal(t, c.vars, vars)
	}
	for _, bad := range [][2]string{
		{"GET", "/v1/users"},               // POST only
		{"GET", "/v1/users/"},              // empty id
		{"POST", "/v1/admin/secrets"},      // not in the spec
		{"GET", "/v1/users/a/b/c/d/e"},     // too deep
		{"PATCH", "/v1/users/user-test-1"}, // method not defined
	} {
		_, _, ok := s.Match(bad[0], bad[1])
		assert.False(t, ok, "%s %s", bad[0], bad[1])
	}
	assert.Contains(t, s.Near("/v1/users/x/y"), "GET /v1/users/{user_id}")
	assert.Contains(t, s.Near("/v2/x"), "/v1/users/…")
}

func TestPassthroughSchemaResolves(t *testing.T) {
	ps := passthroughSchema(loadSpec(t))
	res, err := ps.Resolve(nil)
	require.NoError(t, err)
	assert.NoError(t, res.Validate(map[string]any{"method": "GET", "path": "/v1/users/u"}))
	assert.Error(t, res.Validate(map[string]any{"method": "GET", "path": "https://evil.example/v1/users/u"}))
	assert.Error(t, res.Validate(map[string]any{"method": "TRACE", "path": "/v1/users/u"}))
	var _ *jsonschema.Schema = ps
}
