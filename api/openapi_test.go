package api_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/api"
)

func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	require.NoError(t, err, "api/openapi.yml must load")
	return doc
}

// TestSpecValidates checks the document against the OpenAPI 3.0 rules
// (types, refs, examples, path parameters, unique operation ids).
func TestSpecValidates(t *testing.T) {
	doc := loadSpec(t)
	require.Equal(t, "3.0.3", doc.OpenAPI)
	require.NoError(t, doc.Validate(context.Background(), openapi3.EnableMultiError()))
}

// securityExceptions lists the operations that do not use the global
// basicAuth, with what they take instead: the JWKS (no credentials needed,
// Basic accepted), the OAuth2 endpoints of Connected Apps and M2M (client
// credentials in the body or by HTTP Basic), UserInfo (a bearer access token)
// and the discovery documents and browser redirects (nothing).
func securityOf(op *openapi3.Operation) string {
	if op.Security == nil {
		return "basicAuth"
	}
	var alts []string
	for _, req := range *op.Security {
		if len(req) == 0 {
			alts = append(alts, "none")
		}
		for name := range req {
			alts = append(alts, name)
		}
	}
	return strings.Join(alts, "|")
}

// wantSecurity is the house rule for an operation's credentials.
func wantSecurity(path string) string {
	switch {
	case strings.HasSuffix(path, "/jwks/{project_id}"):
		return "none|basicAuth"
	case strings.HasSuffix(path, "/oauth2/userinfo"):
		return "bearerAuth"
	case strings.Contains(path, "/oauth2/"):
		return "none|oauthClientBasic"
	case strings.Contains(path, "/.well-known/"), strings.HasPrefix(path, "/v1/public/oauth/"), strings.HasPrefix(path, "/v1/b2b/public/oauth/"),
		path == "/v1/public/sso/start":
		return "none"
	}
	return "basicAuth"
}

// TestSpecLint asserts the house rules on every operation.
func TestSpecLint(t *testing.T) {
	doc := loadSpec(t)
	ids := map[string]string{}
	sdk := map[string]string{}
	tags := map[string]bool{}
	for _, tag := range doc.Tags {
		tags[tag.Name] = true
	}
	consumer, b2b := 0, 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			isB2B := b2bOperation(path, op)
			if isB2B {
				b2b++
				lintB2B(t, method+" "+path, op)
			} else {
				consumer++
			}
			where := method + " " + path
			assert.True(t, strings.HasPrefix(path, "/v1/") || strings.HasPrefix(path, "/.well-known/"),
				"%s: path outside /v1 and /.well-known", where)
			require.NotEmpty(t, op.OperationID, "%s: operationId", where)
			if prev, dup := ids[op.OperationID]; dup {
				t.Errorf("%s: operationId %s also used by %s", where, op.OperationID, prev)
			}
			ids[op.OperationID] = where
			assert.Regexp(t, `^[A-Z][A-Za-z0-9]+$`, op.OperationID, "%s: operationId is a Go-friendly name", where)
			if assert.Len(t, op.Tags, 1, "%s: exactly one tag", where) {
				assert.True(t, tags[op.Tags[0]], "%s: tag %q is declared", where, op.Tags[0])
			}
			assert.NotEmpty(t, op.Summary, "%s: summary", where)
			assert.NotEmpty(t, op.Description, "%s: description", where)

			method, hasMethod := op.Extensions["x-sdk-method"].(string)
			_, alias := op.Extensions["x-sdk-alias-of"].(string)
			assert.True(t, hasMethod != alias, "%s: exactly one of x-sdk-method and x-sdk-alias-of", where)
			if hasMethod {
				tree := "stytch"
				if isB2B {
					tree = "b2b"
				}
				key := tree + " " + method
				if prev, dup := sdk[key]; dup {
					t.Errorf("%s: x-sdk-method %s also used by %s", where, method, prev)
				}
				sdk[key] = where
				assert.Regexp(t, `^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)+$`, method, "%s: x-sdk-method is a service chain", where)
				assert.Contains(t, op.Description, "SDK method: `"+method, "%s: description names the SDK method", where)
			}

			var successRef string
			success := 0
			for code, ref := range op.Responses.Map() {
				if !strings.HasPrefix(code, "2") {
					continue
				}
				success++
				mt := ref.Value.Content.Get("application/json")
				if assert.NotNil(t, mt, "%s %s: JSON body", where, code) && assert.NotNil(t, mt.Schema, "%s %s: schema", where, code) {
					assert.NotEmpty(t, mt.Schema.Ref, "%s %s: named component schema", where, code)
					if successRef != "" {
						assert.Equal(t, successRef, mt.Schema.Ref, "%s: every success status has one schema", where)
					}
					successRef = mt.Schema.Ref
				}
			}
			if op.Responses.Value("302") != nil {
				success++ // a browser redirect
			}
			assert.Positive(t, success, "%s: a success response", where)
			assert.Nil(t, op.Responses.Default(), "%s: no default response (it would hide undocumented statuses)", where)

			wantErr := "#/components/schemas/Error"
			if strings.Contains(path, "/oauth2/") {
				wantErr = "#/components/schemas/OAuth2Error"
			}
			for _, code := range []string{"400", "401", "403", "404", "429", "500"} {
				ref := op.Responses.Value(code)
				if !assert.NotNil(t, ref, "%s: %s response", where, code) {
					continue
				}
				mt := ref.Value.Content.Get("application/json")
				if assert.NotNil(t, mt, "%s %s: JSON", where, code) {
					assert.Equal(t, wantErr, mt.Schema.Ref, "%s %s: error schema", where, code)
				}
			}
			assert.Equal(t, wantSecurity(path), securityOf(op), "%s: credentials", where)
			if op.RequestBody != nil {
				for ct, mt := range op.RequestBody.Value.Content {
					assert.NotEmpty(t, mt.Schema.Ref, "%s %s: named request schema", where, ct)
				}
			}
		}
	}
	assert.Equal(t, 99, consumer, "Consumer operations")
	assert.Equal(t, 100, b2b, "B2B operations (97 of the official SDK, the SSO start URL and the two OAuth start redirects)")
	require.Len(t, doc.Security, 1)
	_, ok := doc.Security[0]["basicAuth"]
	assert.True(t, ok, "global basicAuth")
}

// TestSpecNoResponseAllOf keeps response schemas flat, so that a strict
// unknown-field check (specdiff -strict) stays possible.
func TestSpecNoResponseAllOf(t *testing.T) {
	doc := loadSpec(t)
	for name, s := range doc.Components.Schemas {
		if !strings.HasSuffix(name, "Response") {
			continue
		}
		assert.Empty(t, s.Value.AllOf, "%s: flat", name)
	}
}

// field is one entry of the inventory: name:type with an optional (path|query|form...) note.
type field struct{ name, typ, loc string }

var locRe = regexp.MustCompile(`\((path|query|form|header)\b[^)]*\)`)

func parseFields(s string) []field {
	var out []field
	depth, start := 0, 0
	var parts []string
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, s[start:])
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "(") {
			continue // "(remaining claims ...)" and embedded structs are notes, not fields
		}
		name, typ, _ := strings.Cut(p, ":")
		f := field{name: name, typ: typ}
		if m := locRe.FindStringSubmatch(typ); m != nil {
			f.loc = m[1]
			f.typ = strings.TrimSpace(locRe.ReplaceAllString(typ, ""))
		}
		if strings.Contains(typ, "SDK-side only") {
			f.loc = "sdk"
		}
		out = append(out, f)
	}
	return out
}

func referenceDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "reference")
	if _, err := os.Stat(filepath.Join(dir, "consumer-endpoints.tsv")); err != nil {
		t.Skipf("the endpoint inventory is not beside this checkout (%s): coverage not measured", dir)
	}
	return dir
}

func readTSV(t *testing.T, path string) [][]string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var rows [][]string
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if i > 0 {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	return rows
}

var paramRe = regexp.MustCompile(`\{[^}]+\}`)

// matchException explains inventory fields the document leaves out on purpose.
func matchException(missing string) (string, bool) {
	if strings.HasPrefix(missing, "POST /v1/public/{}/oauth2/") && (strings.HasSuffix(missing, "client_id not required") ||
		strings.HasSuffix(missing, "client_secret not required")) {
		return "the SDK always sends client credentials in the body, but the endpoint also takes them by HTTP Basic " +
			"(client_secret_basic), so the body fields are optional", true
	}
	if strings.HasSuffix(missing, ".x5t_s256 (JWK)") {
		return "x5t_s256 is an SDK's Go field name; on the wire the thumbprint is x5tS256, which the document has", true
	}
	return "", false
}

func requestSchema(op *openapi3.Operation) *openapi3.Schema {
	if op.RequestBody == nil {
		return nil
	}
	for _, mt := range op.RequestBody.Value.Content {
		return mt.Schema.Value
	}
	return nil
}

func successSchema(op *openapi3.Operation) *openapi3.Schema {
	for _, code := range []string{"200", "201"} {
		if r := op.Responses.Value(code); r != nil {
			return r.Value.Content.Get("application/json").Schema.Value
		}
	}
	return nil
}

// prop finds a property directly or through allOf (used for nullable refs).
func prop(s *openapi3.Schema, name string) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if p, ok := s.Properties[name]; ok {
		return p.Value
	}
	for _, sub := range s.AllOf {
		if p := prop(sub.Value, name); p != nil {
			return p
		}
	}
	return nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// b2bOperation reports whether an operation is a B2B one: under /v1/b2b/,
// or a B2B browser endpoint elsewhere (the SSO start URL), whose
// operationId starts with B2B.
func b2bOperation(path string, op *openapi3.Operation) bool {
	return strings.HasPrefix(path, "/v1/b2b/") || strings.HasPrefix(op.OperationID, "B2B")
}

// lintB2B asserts the naming rules of the B2B operations: the official SDK's
// method chain in x-sdk-method, an operationId derived from it, a b2b.* tag,
// and the description's closing SDK line.
func lintB2B(t *testing.T, where string, op *openapi3.Operation) {
	t.Helper()
	chain, _ := op.Extensions["x-sdk-method"].(string)
	if !assert.NotEmpty(t, chain, "%s: x-sdk-method", where) {
		return
	}
	assert.True(t, strings.EqualFold("B2B"+strings.ReplaceAll(chain, ".", ""), op.OperationID),
		"%s: operationId %s from the SDK chain %s (Go initialisms aside)", where, op.OperationID, chain)
	assert.True(t, strings.HasSuffix(op.Description, "SDK method: `"+chain+"`."), "%s: description ends with the SDK line", where)
	if assert.Len(t, op.Tags, 1, "%s: one tag", where) {
		assert.True(t, strings.HasPrefix(op.Tags[0], "b2b."), "%s: b2b.* tag", where)
	}
	for _, name := range []string{"request", "response"} {
		var ref string
		if name == "request" && op.RequestBody != nil {
			ref = op.RequestBody.Value.Content.Get("application/json").Schema.Ref
		}
		if r := op.Responses.Value("200"); name == "response" && r != nil { // browser redirects answer 302 only
			ref = r.Value.Content.Get("application/json").Schema.Ref
		}
		if ref != "" {
			want := "#/components/schemas/" + op.OperationID + strings.ToUpper(name[:1]) + name[1:]
			assert.Equal(t, want, ref, "%s: %s schema name", where, name)
		}
	}
}

// TestSpecB2BDescriptions asserts that the schemas only the B2B operations
// use (those shared with Consumer operations are that half's) describe
// themselves and every property that is not a bare reference, without the
// filler "The foo object.".
func TestSpecB2BDescriptions(t *testing.T) {
	doc := loadSpec(t)
	reach := func(b2b bool) map[string]bool {
		seen := map[string]bool{}
		var walk func(r *openapi3.SchemaRef)
		walk = func(r *openapi3.SchemaRef) {
			if r == nil {
				return
			}
			if r.Ref != "" {
				name := strings.TrimPrefix(r.Ref, "#/components/schemas/")
				if seen[name] {
					return
				}
				seen[name] = true
			}
			s := r.Value
			for _, p := range s.Properties {
				walk(p)
			}
			for _, sub := range s.AllOf {
				walk(sub)
			}
			walk(s.Items)
			walk(s.AdditionalProperties.Schema)
		}
		for path, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				if b2bOperation(path, op) != b2b {
					continue
				}
				for _, p := range op.Parameters {
					walk(p.Value.Schema)
				}
				if op.RequestBody != nil {
					for _, mt := range op.RequestBody.Value.Content {
						walk(mt.Schema)
					}
				}
				for _, r := range op.Responses.Map() {
					if r.Value != nil {
						for _, mt := range r.Value.Content {
							walk(mt.Schema)
						}
					}
				}
			}
		}
		return seen
	}
	consumer, b2b := reach(false), reach(true)
	filler := regexp.MustCompile(`^The [a-z0-9 ]+ object\.$`)
	n := 0
	for name := range b2b {
		if consumer[name] {
			continue
		}
		n++
		s := doc.Components.Schemas[name].Value
		assert.NotEmpty(t, s.Description, "%s: description", name)
		assert.NotRegexp(t, filler, s.Description, "%s: description says something", name)
		for field, p := range s.Properties {
			if p.Ref == "" {
				assert.NotEmpty(t, p.Value.Description, "%s.%s: description", name, field)
			}
		}
	}
	assert.Greater(t, n, 200, "B2B-only schemas checked")
}

// TestSpecCoversInventory compares the document with the inventory of the
// official Go SDK's Consumer client: every endpoint under its method chain,
// every request field (required ones marked required), every response field,
// and every field of the nested objects the responses reach.
func TestSpecCoversInventory(t *testing.T) {
	checkInventory(t, "consumer-endpoints.tsv", []string{"consumer-types.tsv"}, func(string) bool { return true }, 89)
}

// TestSpecCoversB2BInventory is TestSpecCoversInventory for the B2B client,
// whose rows also name the member-session headers the SDK sends: the
// document takes them on exactly those operations.
func TestSpecCoversB2BInventory(t *testing.T) {
	// the shared /v1/public introspection endpoint is in the Consumer half
	isB2B := func(path string) bool { return strings.HasPrefix(path, "/v1/b2b/") }
	checkInventory(t, "b2b-endpoints-full.tsv", []string{"b2b-types.tsv", "consumer-types.tsv"}, isB2B, 97)
}

var (
	objRe       = regexp.MustCompile(`^object\((\w+)\)(\[\])?$`)
	chainNoteRe = regexp.MustCompile(`\s*\(.*$`)
)

// checkInventory compares the document with an SDK inventory: the rows of
// endpoints whose path keep accepts (there must be wantRows), with object
// types from the types files (the first file's type wins a name clash; a
// name defined twice in one file, e.g. X509Certificate of two packages, is
// matched against its closest variant).
func checkInventory(t *testing.T, endpoints string, types []string, keep func(path string) bool, wantRows int) {
	dir := referenceDir(t)
	doc := loadSpec(t)
	structs := map[string][][]field{}
	for i, file := range types {
		for _, row := range readTSV(t, filepath.Join(dir, file)) {
			if len(row) < 4 || row[2] != "struct" {
				continue
			}
			if i > 0 && structs[row[1]] != nil {
				continue
			}
			structs[row[1]] = append(structs[row[1]], parseFields(row[3]))
		}
	}
	ops := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for m, op := range item.Operations() {
			ops[m+" "+paramRe.ReplaceAllString(path, "{}")] = op
		}
	}
	var nestedGaps func(s *openapi3.Schema, typ, where string, depth int) []string
	nestedGaps = func(s *openapi3.Schema, typ, where string, depth int) []string {
		m := objRe.FindStringSubmatch(typ)
		if m == nil || depth > 4 || structs[m[1]] == nil {
			return nil
		}
		if m[2] != "" {
			if s.Items == nil {
				return []string{where + ": array without items"}
			}
			s = s.Items.Value
		}
		var best []string
		for i, variant := range structs[m[1]] {
			var gaps []string
			for _, f := range variant {
				p := prop(s, f.name)
				if p == nil {
					gaps = append(gaps, where+"."+f.name+" ("+m[1]+")")
					continue
				}
				gaps = append(gaps, nestedGaps(p, f.typ, where+"."+f.name, depth+1)...)
			}
			if i == 0 || len(gaps) < len(best) {
				best = gaps
			}
		}
		return best
	}
	var missing []string
	n := 0
	for _, row := range readTSV(t, filepath.Join(dir, endpoints)) {
		if !keep(row[3]) {
			continue
		}
		n++
		key := row[2] + " " + paramRe.ReplaceAllString(row[3], "{}")
		op := ops[key]
		if op == nil {
			missing = append(missing, "endpoint "+key)
			continue
		}
		chain := strings.TrimSpace(strings.SplitN(chainNoteRe.ReplaceAllString(row[1], ""), " / ", 2)[0])
		if got, _ := op.Extensions["x-sdk-method"].(string); got != chain {
			missing = append(missing, key+": x-sdk-method "+chain+" (has "+got+")")
		}
		body := requestSchema(op)
		headers := false
		for i, fs := range []string{row[4], row[5]} {
			for _, f := range parseFields(fs) {
				switch f.loc {
				case "path":
					if !strings.Contains(key, "{}") {
						missing = append(missing, key+": path parameter "+f.name)
					}
				case "sdk": // computed by the SDK, never sent
				case "header":
					headers = true
					if op.Parameters.GetByInAndName("header", f.name) == nil {
						missing = append(missing, key+": header "+f.name)
					}
				case "query":
					p := op.Parameters.GetByInAndName("query", f.name)
					if p == nil || (i == 0 && !p.Required) {
						missing = append(missing, key+": query "+f.name)
					}
				default:
					p := prop(body, f.name)
					if p == nil {
						missing = append(missing, key+": request field "+f.name)
						continue
					}
					if i == 0 && !contains(body.Required, f.name) {
						missing = append(missing, key+": request field "+f.name+" not required")
					}
					missing = append(missing, nestedGaps(p, f.typ, key+" request."+f.name, 1)...)
				}
			}
		}
		if !headers && op.Parameters.GetByInAndName("header", "X-Stytch-Member-Session") != nil {
			missing = append(missing, key+": member-session header the SDK never sends")
		}
		resp := successSchema(op)
		for _, f := range parseFields(row[6]) {
			p := prop(resp, f.name)
			if p == nil {
				missing = append(missing, key+": response field "+f.name)
				continue
			}
			missing = append(missing, nestedGaps(p, f.typ, key+" response."+f.name, 1)...)
		}
	}
	require.Equal(t, wantRows, n, "rows of %s", endpoints)
	sort.Strings(missing)
	var unexplained []string
	for _, m := range missing {
		if why, ok := matchException(m); ok {
			t.Logf("not in the document, on purpose: %s (%s)", m, why)
			continue
		}
		unexplained = append(unexplained, m)
	}
	assert.Empty(t, unexplained, "the document misses parts of the %s inventory", endpoints)
}
