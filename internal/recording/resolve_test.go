package recording

import (
	"regexp"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/api"
)

// TestSpecResolverCoversEveryOperation checks the resolver derived from gen
// against the spec itself: every operation, with concrete ids in its path
// (and behind a base-URL prefix), resolves to its own operationId.
func TestSpecResolverCoversEveryOperation(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	require.NoError(t, err)
	resolve := SpecResolver()
	param := regexp.MustCompile(`\{([a-z_]+)\}`)
	n := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			n++
			concrete := param.ReplaceAllString(path, "$1-test-0d7c4d6b")
			assert.Equal(t, op.OperationID, resolve(method, concrete), "%s %s", method, concrete)
			assert.Equal(t, op.OperationID, resolve(method, "/proxy/stytch"+concrete), "%s with a prefix", method)
		}
	}
	assert.Equal(t, n, Operations(), "one route per operation")
	assert.Empty(t, resolve("PATCH", "/v1/users/user-test-1"), "method not allowed")
	assert.Empty(t, resolve("GET", "/v1/nope"))
	assert.Empty(t, resolve("GET", "/health"))
	assert.Equal(t, "UsersSearch", resolve("POST", "/v1/users/search"), "a literal segment beats {user_id}")
}
