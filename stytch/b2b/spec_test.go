package b2b

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// localHelpers are exported methods that add local behaviour on top of the
// operation method named here, which they call when needed.
var localHelpers = map[string]string{
	"Sessions.AuthenticateJWT":      "Sessions.Authenticate",
	"Sessions.AuthenticateJWTLocal": "Sessions.GetJWKS",
	"Sessions.PrefetchJWKS":         "Sessions.GetJWKS",
	// The introspection endpoint is a Consumer path shared by B2B projects:
	// sent by the wrapped stytch.Client, authorized locally here.
	"IDP.IntrospectTokenNetwork": "RBAC.Policy",
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

// specB2BOperationIDs lists the B2B operations of api/openapi.yml (paths
// under /v1/b2b/ and the B2B browser endpoints elsewhere, whose
// operationId starts with B2B; aliases excluded).
func specB2BOperationIDs(t *testing.T) []string {
	t.Helper()
	ids, err := loadB2BOperationIDs()
	require.NoError(t, err)
	return ids
}

// loadB2BOperationIDs reads the document once per test binary.
var loadB2BOperationIDs = sync.OnceValues(func() ([]string, error) {
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join("..", "..", "api", "openapi.yml"))
	if err != nil {
		return nil, err
	}
	var ids []string
	for path, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if _, alias := op.Extensions["x-sdk-alias-of"]; !alias && (strings.HasPrefix(path, "/v1/b2b/") || strings.HasPrefix(op.OperationID, "B2B")) {
				ids = append(ids, op.OperationID)
			}
		}
	}
	slices.Sort(ids)
	return ids, nil
})

// resolveMethod walks "Organizations.Members.Create" through the Client's
// service fields and returns the method, if any.
func resolveMethod(c *Client, chain string) (reflect.Value, bool) {
	parts := strings.Split(chain, ".")
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
// through the Client's exported service fields of this package (the shared
// services are package stytch's and checked there).
func serviceMethods(v reflect.Value, prefix string, out map[string]bool) {
	for i := range v.Type().NumMethod() {
		if prefix != "" {
			out[prefix+v.Type().Method(i).Name] = true
		}
	}
	e := v.Elem()
	pkg := reflect.TypeFor[Client]().PkgPath()
	for i := range e.NumField() {
		f := e.Type().Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Pointer && f.Type.Elem().PkgPath() == pkg &&
			strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			serviceMethods(e.Field(i), prefix+f.Name+".", out)
		}
	}
}

func TestSpecOperationsHaveMethods(t *testing.T) {
	c, err := NewClient(testProjectID, testSecret)
	require.NoError(t, err)
	defer c.Close()
	ids := specB2BOperationIDs(t)
	require.GreaterOrEqual(t, len(ids), 97)

	var tableIDs []string
	implemented := map[string]bool{}
	for _, e := range operationTable {
		tableIDs = append(tableIDs, e.op.ID)
		_, ok := resolveMethod(c, e.method)
		assert.True(t, ok, "%s: method %s does not exist", e.op.ID, e.method)
		assert.False(t, implemented[e.method], "%s: method %s implements two operations", e.op.ID, e.method)
		implemented[e.method] = true
	}
	slices.Sort(tableIDs)
	assert.Equal(t, ids, tableIDs, "the operation table must list exactly the spec's B2B operations")

	all := map[string]bool{}
	serviceMethods(reflect.ValueOf(c), "", all)
	for name := range all {
		assert.True(t, implemented[name] || isHelperMethod(name, implemented),
			"service method %s implements no spec operation", name)
	}
}

func TestEndpointCasesCoverEverySpecOperation(t *testing.T) {
	// browser redirects: TestSSOStartURL and TestOAuthStartURLs check the URLs the StartURL methods build
	covered := []string{"B2BOAuthDiscoveryStartURL", "B2BOAuthStartURL", "B2BSSOStartURL"}
	for _, tc := range endpointCases {
		covered = append(covered, tc.op)
	}
	slices.Sort(covered)
	assert.Equal(t, specB2BOperationIDs(t), covered, "each operation is exercised exactly once by TestEveryEndpoint")
}

// TestOfficialMethodChainsResolve checks that every method of the official
// Go SDK's B2B client, as the endpoint inventory beside the repository lists
// it ("A / AWithClaims (note)"), resolves on Client, and that the local JWT
// methods the inventory mentions exist too.
func TestOfficialMethodChainsResolve(t *testing.T) {
	inventory := filepath.Join("..", "..", "..", "shared", "reference", "b2b-endpoints-full.tsv")
	b, err := os.ReadFile(inventory)
	if err != nil {
		t.Skipf("the B2B endpoint inventory is not beside this checkout (%s): method chains not checked", inventory)
	}
	c, err := NewClient(testProjectID, testSecret)
	require.NoError(t, err)
	defer c.Close()
	var chains []string
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		cols := strings.Split(line, "\t")
		if i == 0 || len(cols) < 2 {
			continue
		}
		method, note, _ := strings.Cut(cols[1], " (")
		for _, alt := range strings.Split(method, " / ") {
			chain := strings.TrimSpace(alt)
			if !strings.Contains(chain, ".") { // "AuthenticateWithClaims": short for Service.AuthenticateWithClaims
				prev := chains[len(chains)-1]
				chain = prev[:strings.LastIndexByte(prev, '.')+1] + chain
			}
			chains = append(chains, chain)
		}
		if strings.Contains(note, "AuthenticateJWT") {
			chains = append(chains, "Sessions.AuthenticateJWT", "Sessions.AuthenticateJWTWithClaims", "Sessions.AuthenticateJWTLocal")
		}
	}
	require.GreaterOrEqual(t, len(chains), 98)
	for _, chain := range chains {
		_, ok := resolveMethod(c, chain)
		assert.True(t, ok, "%s does not resolve on b2b.Client", chain)
	}
}
