package stytch

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// leanDeps are the only non-standard packages the client may build with
// (tests excluded): the generated code and its runtime, the JWT library and
// singleflight. The emulator's, the MCP server's and the test libraries'
// dependencies must never leak in.
var leanDeps = map[string]string{
	"github.com/stytchkit/stytchkit/gen": "generated types and client",
	"github.com/oapi-codegen/runtime":    "runtime of the generated client",
	"github.com/google/uuid":             "pulled by the oapi-codegen runtime",
	"github.com/apapsch/go-jsonmerge/v2": "pulled by the oapi-codegen runtime",
	"github.com/golang-jwt/jwt/v5":       "local JWT checks",
	"golang.org/x/sync/singleflight":     "one JWKS, policy or token fetch for concurrent callers",
}

// goList runs go list -deps with a template; it skips the test if the go
// command is not available.
func goList(t *testing.T, format string, pkgs ...string) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	out, err := exec.Command("go", append([]string{"list", "-deps", "-f", format}, pkgs...)...).Output()
	require.NoError(t, err)
	return strings.Fields(string(out))
}

func TestLeanImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	runtimeDeps := goList(t, "{{if not .Standard}}{{.ImportPath}}{{end}}", "github.com/oapi-codegen/runtime", "github.com/oapi-codegen/runtime/types")
	for _, dep := range goList(t, "{{if not .Standard}}{{.ImportPath}}{{end}}", "./...") {
		if dep == "github.com/stytchkit/stytchkit/stytch" || strings.HasPrefix(dep, "github.com/stytchkit/stytchkit/stytch/") {
			continue
		}
		root := dep
		for p := range leanDeps {
			if dep == p || strings.HasPrefix(dep, p+"/") {
				root = p
			}
		}
		why, ok := leanDeps[root]
		assert.True(t, ok, "stytch/... must not depend on %s", dep)
		if strings.HasPrefix(why, "pulled by") {
			assert.True(t, slices.Contains(runtimeDeps, dep), "%s is listed as a runtime dependency but is not one", dep)
		}
	}
}
