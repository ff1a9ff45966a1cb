package mcpserver

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/jsonschema-go/jsonschema"

	"github.com/stytchkit/stytchkit/api"
)

// Operation is one endpoint of the embedded OpenAPI document, with everything
// the server needs to describe it to an agent and to route a call to it.
type Operation struct {
	// ID is the spec's operationId, e.g. "UsersCreate".
	ID string
	// Method is the upper-case HTTP method.
	Method string
	// Path is the path template, e.g. "/v1/users/{user_id}".
	Path string
	// Summary and Description come from the spec.
	Summary, Description string
	// Input is the JSON Schema (draft 2020-12) of the tool arguments: the
	// request body's properties plus one property per path and query
	// parameter, with additionalProperties false at the top level.
	Input *jsonschema.Schema

	resolved *jsonschema.Resolved
	params   map[string]string // parameter name → "path" | "query"
	segments []string          // Path split on "/"
}

// Spec indexes the operations of the embedded OpenAPI document.
type Spec struct {
	byID  map[string]*Operation
	ops   []*Operation // sorted by path, then method
	first map[string][]*Operation
}

// LoadSpec parses and validates api.Spec once; later calls return the same
// index. It fails only if the embedded document is broken.
var LoadSpec = sync.OnceValues(func() (*Spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.Spec)
	if err != nil {
		return nil, fmt.Errorf("mcpserver: parsing embedded spec: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("mcpserver: validating embedded spec: %w", err)
	}
	return indexSpec(doc)
})

func indexSpec(doc *openapi3.T) (*Spec, error) {
	s := &Spec{byID: map[string]*Operation{}, first: map[string][]*Operation{}}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			o, err := newOperation(method, path, item, op)
			if err != nil {
				return nil, err
			}
			if _, dup := s.byID[o.ID]; dup {
				return nil, fmt.Errorf("mcpserver: duplicate operationId %s", o.ID)
			}
			s.byID[o.ID] = o
			s.ops = append(s.ops, o)
		}
	}
	sort.Slice(s.ops, func(i, j int) bool {
		if s.ops[i].Path != s.ops[j].Path {
			return s.ops[i].Path < s.ops[j].Path
		}
		return s.ops[i].Method < s.ops[j].Method
	})
	for _, o := range s.ops {
		key := prefixKey(o.segments)
		s.first[key] = append(s.first[key], o)
	}
	return s, nil
}

func newOperation(method, path string, item *openapi3.PathItem, op *openapi3.Operation) (*Operation, error) {
	if op.OperationID == "" {
		return nil, fmt.Errorf("mcpserver: %s %s has no operationId", method, path)
	}
	o := &Operation{
		ID: op.OperationID, Method: strings.ToUpper(method), Path: path,
		Summary: op.Summary, Description: op.Description,
		params: map[string]string{}, segments: strings.Split(path, "/"),
	}
	in, err := o.inputSchema(item, op)
	if err != nil {
		return nil, fmt.Errorf("mcpserver: input schema of %s: %w", o.ID, err)
	}
	o.Input = in
	if o.resolved, err = in.Resolve(nil); err != nil {
		return nil, fmt.Errorf("mcpserver: resolving input schema of %s: %w", o.ID, err)
	}
	return o, nil
}

// inputSchema merges the operation's parameters and JSON body into one flat
// object schema: agents pass {"user_id": …, "name": …} and the server splits
// the arguments back into path, query and body.
func (o *Operation) inputSchema(item *openapi3.PathItem, op *openapi3.Operation) (*jsonschema.Schema, error) {
	root := &jsonschema.Schema{
		Type:                 "object",
		Description:          "Arguments of " + op.Summary + ": the JSON body fields and the path and query parameters, side by side.",
		Properties:           map[string]*jsonschema.Schema{},
		AdditionalProperties: falseSchema(),
	}
	params := append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...)
	for _, pr := range params {
		p := pr.Value
		if p == nil {
			return nil, fmt.Errorf("unresolved parameter %s", pr.Ref)
		}
		if p.In != openapi3.ParameterInPath && p.In != openapi3.ParameterInQuery {
			continue // headers and cookies are the transport's business
		}
		ps := convertSchema(p.Schema)
		if p.Description != "" {
			ps.Description = p.Description
		}
		ps.Description = strings.TrimSpace(ps.Description + " (" + p.In + " parameter)")
		root.Properties[p.Name] = ps
		o.params[p.Name] = p.In
		if p.Required || p.In == openapi3.ParameterInPath {
			root.Required = append(root.Required, p.Name)
		}
	}
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return root, nil
	}
	// JSON bodies, and the form-encoded OAuth2 token endpoints (Stytch
	// accepts the same fields as JSON there).
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil {
		mt = op.RequestBody.Value.Content.Get("application/x-www-form-urlencoded")
	}
	if mt == nil || mt.Schema == nil {
		return nil, fmt.Errorf("request body is neither JSON nor a form")
	}
	body := convertSchema(mt.Schema)
	if body.Type != "object" {
		return nil, fmt.Errorf("request body schema has type %q, want object", body.Type)
	}
	for name, ps := range body.Properties {
		if _, clash := root.Properties[name]; clash {
			return nil, fmt.Errorf("body property %q clashes with a parameter", name)
		}
		root.Properties[name] = ps
	}
	root.Required = append(root.Required, body.Required...)
	root.AllOf, root.AnyOf, root.OneOf = body.AllOf, body.AnyOf, body.OneOf
	return root, nil
}

// Operation returns the operation with the given operationId, or nil.
func (s *Spec) Operation(id string) *Operation { return s.byID[id] }

// Operations returns every operation, sorted by path then method.
func (s *Spec) Operations() []*Operation { return append([]*Operation(nil), s.ops...) }

// Match finds the operation whose method and path template match a concrete
// request, e.g. ("GET", "/v1/users/user-test-1") → UsersGet with
// {"user_id": "user-test-1"}. A template variable matches exactly one
// non-empty segment. Literal segments win over variables, so
// "/v1/users/search" is UsersSearch, never UsersGet.
func (s *Spec) Match(method, path string) (*Operation, map[string]string, bool) {
	segs := strings.Split(path, "/")
	var best *Operation
	var bestVars map[string]string
	bestLiterals := -1
	for _, o := range s.ops {
		if o.Method != method || len(o.segments) != len(segs) {
			continue
		}
		vars, literals, ok := o.match(segs)
		if ok && literals > bestLiterals {
			best, bestVars, bestLiterals = o, vars, literals
		}
	}
	return best, bestVars, best != nil
}

func (o *Operation) match(segs []string) (map[string]string, int, bool) {
	vars := map[string]string{}
	literals := 0
	for i, t := range o.segments {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if segs[i] == "" {
				return nil, 0, false
			}
			vars[t[1:len(t)-1]] = segs[i]
			continue
		}
		if t != segs[i] {
			return nil, 0, false
		}
		literals++
	}
	return vars, literals, true
}

// Near lists the "METHOD /template" lines that share the first two segments
// of path (e.g. every /v1/users endpoint), for the refusal hint of
// stytch_request; with no such endpoint it lists the top-level groups.
func (s *Spec) Near(path string) []string {
	var out []string
	for _, o := range s.first[prefixKey(strings.Split(path, "/"))] {
		out = append(out, o.Method+" "+o.Path)
	}
	if len(out) > 0 {
		return out
	}
	seen := map[string]bool{}
	for _, o := range s.ops {
		if k := prefixKey(o.segments); !seen[k] {
			seen[k] = true
			out = append(out, k+"/…")
		}
	}
	return out
}

// prefixKey is "/v1/users" for "/v1/users/{user_id}/emails/{email_id}".
func prefixKey(segs []string) string {
	if len(segs) > 3 {
		segs = segs[:3]
	}
	return strings.Join(segs, "/")
}

// Methods lists the HTTP methods the spec uses, for the passthrough schema.
func (s *Spec) Methods() []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		for _, o := range s.ops {
			if o.Method == m && !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out
}
