package stytch

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrorTypeConstantsMatchTable checks that the ErrorType constants of
// this package are exactly the rows of the table of error types in
// api/openapi.yml (x-error-types) that Stytch documents or the client makes
// itself: no constant outside the table, none missing, none holding a type
// only the emulator or OAuth 2.0 uses.
func TestErrorTypeConstantsMatchTable(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile("../api/openapi.yml")
	require.NoError(t, err)
	raw, err := json.Marshal(doc.Components.Schemas["Error"].Value.Extensions["x-error-types"])
	require.NoError(t, err)
	var rows []struct {
		Type   string `json:"type"`
		Origin string `json:"origin"`
	}
	require.NoError(t, json.Unmarshal(raw, &rows))
	want := map[string]bool{}
	origin := map[string]string{}
	for _, r := range rows {
		origin[r.Type] = r.Origin
		if r.Origin == "" || r.Origin == "client" {
			want[r.Type] = true
		}
	}

	consts := errorTypeConstants(t)
	got := map[string]bool{}
	for name, value := range consts {
		o, inTable := origin[value]
		if !assert.True(t, inTable, "%s = %q is not in the table of error types", name, value) {
			continue
		}
		assert.True(t, want[value], "%s = %q is a type of origin %q, which the client does not name", name, value, o)
		assert.False(t, got[value], "%q has two constants", value)
		got[value] = true
	}
	for typ := range want {
		assert.True(t, got[typ], "no ErrorType constant for %s", typ)
	}
	assert.Equal(t, "user_not_found", ErrorTypeUserNotFound)
	assert.Equal(t, "session_authorization_error", ErrorTypeSessionAuthorizationError)
}

// errorTypeConstants returns the package's ErrorType* string constants by
// name, read from its non-test sources.
func errorTypeConstants(t *testing.T) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	fset := token.NewFileSet()
	out := map[string]string{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if !strings.HasPrefix(n.Name, "ErrorType") || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					require.True(t, ok, "%s is not a string literal", n.Name)
					v, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					out[n.Name] = v
				}
			}
		}
	}
	require.NotEmpty(t, out)
	return out
}
