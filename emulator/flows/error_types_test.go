package flows

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specErrorType is a row of x-error-types in api/openapi.yml.
type specErrorType struct {
	Type        string `json:"type"`
	Status      int    `json:"status"`
	Description string `json:"description"`
	Origin      string `json:"origin"`
}

func specErrorTypes(t *testing.T) []specErrorType {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile("../../api/openapi.yml")
	require.NoError(t, err)
	raw, err := json.Marshal(doc.Components.Schemas["Error"].Value.Extensions["x-error-types"])
	require.NoError(t, err)
	var rows []specErrorType
	require.NoError(t, json.Unmarshal(raw, &rows))
	require.NotEmpty(t, rows)
	return rows
}

// TestErrorTypesMatchSpec checks that the emulator's table is the spec's:
// the same types with the same statuses and descriptions.
func TestErrorTypesMatchSpec(t *testing.T) {
	rows := specErrorTypes(t)
	require.Len(t, errorTypes, len(rows)+1, "regenerate with go generate ./...")
	for _, r := range rows {
		et, ok := LookupErrorType(r.Type)
		if !assert.True(t, ok, "%s is in the spec but not in the emulator's table", r.Type) {
			continue
		}
		assert.Equal(t, r.Type, et.Name())
		assert.Equal(t, r.Status, et.Status(), r.Type)
		assert.Equal(t, r.Description, et.New().Message, r.Type)
	}
}

func TestErrorTypeValues(t *testing.T) {
	e := E(ErrUserNotFound, "No user %s.", "user-test-1")
	assert.Equal(t, &Error{Status: 404, Type: "user_not_found", Message: "No user user-test-1."}, e)
	assert.Equal(t, "user_not_found", ErrUserNotFound.String())
	assert.Equal(t, "internal_server_error", ErrorType{}.Name(), "the zero ErrorType")
	assert.Equal(t, 500, ErrorType{}.Status())
	assert.Equal(t, 401, E(ErrInvalidRequest, "m").WithStatus(401).Status)
	_, ok := LookupErrorType("no_such_error_type")
	assert.False(t, ok)
	assert.ErrorIs(t, ErrSessionNotFound.New(), E(ErrSessionNotFound, "other message"))
	assert.NotErrorIs(t, ErrSessionNotFound.New(), ErrUserNotFound.New())
	in := Injected(418, "teapot", "Injected %s.", "fault")
	assert.Equal(t, &Error{Status: 418, Type: "teapot", Message: "Injected fault."}, in)
}

// TestFactorKindsHaveNotFoundTypes covers every kind DeleteFactor takes.
func TestFactorKindsHaveNotFoundTypes(t *testing.T) {
	for _, k := range []FactorKind{FactorEmail, FactorPhone, FactorWebAuthn, FactorBiometric, FactorTOTP,
		FactorWallet, FactorPassword, FactorOAuth} {
		assert.Equal(t, string(k)+"_not_found", k.notFound().Name())
	}
}

// emulatorSources parses every non-test Go file under emulator/.
func emulatorSources(t *testing.T) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(path)] = f
		return nil
	})
	require.NoError(t, err)
	require.Contains(t, files, "../flows/errors.go")
	return fset, files
}

// TestEmulatorErrorTypesAreInTable checks what the type system cannot: the
// error types the password hash checks name as strings are all in the
// table, and no code builds a flows.Error without its constructors (E makes
// only types of the table; Injected only what a fault asked for).
func TestEmulatorErrorTypesAreInTable(t *testing.T) {
	fset, files := emulatorSources(t)
	hashTypes := 0
	for path, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				// pwhash: newErr(hashType, errorType, ...) and verifyDigest(hashType, errorType, ...).
				id, ok := n.Fun.(*ast.Ident)
				if !ok || !strings.HasPrefix(path, "../internal/pwhash/") || (id.Name != "newErr" && id.Name != "verifyDigest") {
					return true
				}
				lit, ok := n.Args[1].(*ast.BasicLit)
				if !ok {
					return true // the errorType parameter passed on
				}
				name, err := strconv.Unquote(lit.Value)
				require.NoError(t, err)
				_, found := LookupErrorType(name)
				assert.True(t, found, "%s: %s is not in the table of error types", fset.Position(lit.Pos()), name)
				hashTypes++
			case *ast.CompositeLit:
				if isFlowsError(path, n.Type) && path != "../flows/errors.go" {
					t.Errorf("%s: a flows.Error literal; use flows.E", fset.Position(n.Pos()))
				}
			}
			return true
		})
	}
	assert.Greater(t, hashTypes, 10, "the password hash checks were not found")
}

// isFlowsError reports whether a composite literal's type is flows.Error.
func isFlowsError(path string, typ ast.Expr) bool {
	switch x := typ.(type) {
	case *ast.Ident:
		return x.Name == "Error" && strings.HasPrefix(path, "../flows/")
	case *ast.SelectorExpr:
		pkg, ok := x.X.(*ast.Ident)
		return ok && pkg.Name == "flows" && x.Sel.Name == "Error"
	}
	return false
}
