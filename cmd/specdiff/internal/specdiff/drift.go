package specdiff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Drift walks a decoded JSON body (as produced by encoding/json) against a
// response schema and reports every object field the schema does not
// describe. It follows $ref, merges the properties of allOf/oneOf/anyOf
// members (so `nullable: true` + `allOf: [$ref]` works), descends into array
// items, and treats `additionalProperties: true` and property-less objects as
// "anything goes". The schemas are only read, never changed.
func Drift(schema *openapi3.SchemaRef, body any) []Finding {
	var out []Finding
	walkDrift(schema, body, "", &out)
	return out
}

// shape is the merged view of a schema and its combinator members.
type shape struct {
	props    map[string]*openapi3.SchemaRef
	extra    *openapi3.SchemaRef // additionalProperties schema, if any
	open     bool                // any field is allowed
	items    []*openapi3.SchemaRef
	names    []string // component names, for messages
	hasProps bool
}

func walkDrift(ref *openapi3.SchemaRef, v any, ptr string, out *[]Finding) {
	if ref == nil || ref.Value == nil {
		return
	}
	sh := &shape{props: map[string]*openapi3.SchemaRef{}}
	collect(ref, sh, 0)
	switch val := v.(type) {
	case map[string]any:
		if !sh.hasProps && sh.extra == nil {
			sh.open = true // a free-form object: no properties are documented
		}
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			child := ptr + Pointer([]string{k})
			switch {
			case sh.props[k] != nil:
				walkDrift(sh.props[k], val[k], child, out)
			case sh.extra != nil:
				walkDrift(sh.extra, val[k], child, out)
			case !sh.open:
				*out = append(*out, Finding{Kind: KindDrift, Pointer: child,
					Message: fmt.Sprintf("field %q is not in the spec%s", k, sh.where())})
			}
		}
	case []any:
		for i, item := range val {
			for _, it := range sh.items {
				walkDrift(it, item, ptr+Pointer([]string{fmt.Sprint(i)}), out)
			}
		}
	}
}

// collect merges ref and its allOf/oneOf/anyOf members into sh. depth stops
// a pathological self-referencing combinator.
func collect(ref *openapi3.SchemaRef, sh *shape, depth int) {
	if ref == nil || ref.Value == nil || depth > 32 {
		return
	}
	s := ref.Value
	if name := componentName(ref.Ref); name != "" {
		sh.names = append(sh.names, name)
	}
	for name, p := range s.Properties {
		sh.hasProps = true
		if sh.props[name] == nil {
			sh.props[name] = p
		}
	}
	if ap := s.AdditionalProperties; ap.Has != nil && *ap.Has {
		sh.open = true
	}
	if ap := s.AdditionalProperties; ap.Schema != nil {
		sh.extra = ap.Schema
	}
	if s.Items != nil {
		sh.items = append(sh.items, s.Items)
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, m := range group {
			collect(m, sh, depth+1)
		}
	}
}

func componentName(ref string) string {
	const prefix = "#/components/schemas/"
	if i := strings.Index(ref, prefix); i >= 0 {
		return ref[i+len(prefix):]
	}
	return ""
}

func (sh *shape) where() string {
	if len(sh.names) == 0 {
		return ""
	}
	return " (schema " + strings.Join(sh.names, ", ") + ")"
}
