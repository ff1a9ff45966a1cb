package stytch

import (
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// opMethods maps every operationId the client calls to its method chain,
// from the generated operation table.
var opMethods = func() map[string]string {
	m := map[string]string{}
	for _, e := range operationTable {
		m[e.op.ID] = e.method
	}
	return m
}()

// localHelpers are exported methods that work locally (JWT checks, caches)
// on top of the operation method named here, which they call when needed.
var localHelpers = map[string]string{
	"Sessions.AuthenticateJWT":      "Sessions.Authenticate",
	"Sessions.AuthenticateJWTLocal": "Sessions.GetJWKS",
	"Sessions.PrefetchJWKS":         "Sessions.GetJWKS",
	"M2M.AuthenticateToken":         "Sessions.GetJWKS",
	"M2M.InvalidateToken":           "M2M.Token",
	"OAuth.StartURL":                "OAuth.Authenticate",
}

// isHelperMethod reports exported service methods that add behaviour on top
// of an operation's method rather than implementing a new one.
func isHelperMethod(name string, implemented map[string]bool) bool {
	if base, ok := localHelpers[name]; ok {
		return implemented[base]
	}
	if base, ok := strings.CutSuffix(name, "WithClaims"); ok {
		return implemented[base] || isHelperMethod(base, implemented)
	}
	if base, ok := strings.CutSuffix(name, "All"); ok {
		return implemented[base]
	}
	return false
}

// specOperationIDs lists the Consumer operations of api/openapi.yml that
// the client calls: all but the project-domain aliases (x-sdk-alias-of) of
// operations it calls by their main path, and the browser endpoint whose URL
// OAuth.StartURL builds.
func specOperationIDs(t *testing.T) []string {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile("../api/openapi.yml")
	require.NoError(t, err)
	var ids []string
	for path, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if _, alias := op.Extensions["x-sdk-alias-of"]; alias || strings.HasPrefix(path, "/v1/b2b/") || strings.HasPrefix(op.OperationID, "B2B") {
				continue
			}
			ids = append(ids, op.OperationID)
		}
	}
	slices.Sort(ids)
	return ids
}

// resolveMethod walks "Users.Create" / "M2M.Clients.Secrets.Rotate" through
// the Client's service fields and returns the method, if any.
func resolveMethod(c *Client, path string) (reflect.Value, bool) {
	parts := strings.Split(path, ".")
	v := reflect.ValueOf(c)
	for _, field := range parts[:len(parts)-1] {
		f := v.Elem().FieldByName(field)
		if !f.IsValid() || f.Kind() != reflect.Pointer || f.IsNil() {
			return reflect.Value{}, false
		}
		v = f
	}
	m := v.MethodByName(parts[len(parts)-1])
	return m, m.IsValid()
}

// serviceMethods lists "Svc.Sub.Method" for every exported method reachable
// through the Client's exported service fields.
func serviceMethods(v reflect.Value, prefix string, out map[string]bool) {
	for i := range v.Type().NumMethod() {
		if prefix != "" {
			out[prefix+v.Type().Method(i).Name] = true
		}
	}
	e := v.Elem()
	for i := range e.NumField() {
		f := e.Type().Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			serviceMethods(e.Field(i), prefix+f.Name+".", out)
		}
	}
}

func TestSpecOperationsHaveMethods(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret)
	require.NoError(t, err)
	ids := specOperationIDs(t)
	require.GreaterOrEqual(t, len(ids), 89)

	var tableIDs []string
	for id := range opMethods {
		tableIDs = append(tableIDs, id)
	}
	slices.Sort(tableIDs)
	assert.Equal(t, ids, tableIDs, "opMethods must list exactly the spec's operations")

	implemented := map[string]bool{}
	for id, name := range opMethods {
		_, ok := resolveMethod(c, name)
		assert.True(t, ok, "%s: method %s does not exist", id, name)
		assert.False(t, implemented[name], "%s: method %s implements two operations", id, name)
		implemented[name] = true
	}

	all := map[string]bool{}
	serviceMethods(reflect.ValueOf(c), "", all)
	for name := range all {
		assert.True(t, implemented[name] || isHelperMethod(name, implemented),
			"service method %s implements no spec operation", name)
	}
}

func TestEndpointCasesCoverEverySpecOperation(t *testing.T) {
	covered := []string{"OAuthStart"} // a browser redirect: TestOAuthStartURL checks the URL OAuth.StartURL builds
	for _, tc := range endpointCases {
		covered = append(covered, tc.op)
	}
	slices.Sort(covered)
	assert.Equal(t, specOperationIDs(t), covered, "each operation is exercised exactly once by TestEveryEndpoint")
}

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
	"github.com/go-json-experiment/json": "local JWT checks: claims decoding (the module mirror of encoding/json/v2)",
	"golang.org/x/sync/singleflight":     "one JWKS, policy or token fetch for concurrent callers",
	// WithRecorder: the recording format; it depends only on gen and the standard library.
	"github.com/stytchkit/stytchkit/internal/recording": "WithRecorder's recording format",
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
