package httpapi

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/api"
	"github.com/stytchkit/stytchkit/emulator/flows"
)

// TestPendingB2BOperationsAreExactlyThe501s checks PendingB2BOperations
// against b2b_pending.go: it names every method defined there and nothing
// else, each answers 501 not_implemented_in_emulator, and every name is a
// B2B operation of the spec.
func TestPendingB2BOperationsAreExactlyThe501s(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "b2b_pending.go", nil, 0)
	require.NoError(t, err)
	var defined []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil {
			defined = append(defined, fn.Name.Name)
		}
	}
	pending := PendingB2BOperations()
	assert.Equal(t, defined, pending)

	var specOps []string
	for _, m := range regexp.MustCompile(`(?m)^\s+operationId:\s*(B2B\S+)\s*$`).FindAllSubmatch(api.Spec, -1) {
		specOps = append(specOps, string(m[1]))
	}
	impl := reflect.ValueOf(&API{})
	for _, name := range pending {
		assert.Contains(t, specOps, name)
		m := impl.MethodByName(name)
		require.True(t, m.IsValid(), name)
		req := reflect.New(m.Type().In(1)).Elem()
		out := m.Call([]reflect.Value{reflect.ValueOf(context.Background()), req})
		var fe *flows.Error
		require.True(t, errors.As(out[1].Interface().(error), &fe), name)
		assert.Equal(t, "not_implemented_in_emulator", fe.Type, name)
		assert.Equal(t, 501, fe.Status, name)
	}
	assert.Len(t, specOps, 99, "B2B operations in the spec (97 of the official SDK and the two OAuth start redirects)")
	assert.Equal(t, len(pending), len(slices.Compact(slices.Sorted(slices.Values(pending)))), "no name twice")
}
