package mcpserver

import (
	"encoding/json"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/jsonschema-go/jsonschema"
)

// convertSchema turns an OpenAPI 3.0 schema (with its $refs already resolved
// by the loader) into a self-contained JSON Schema 2020-12 document, the
// dialect MCP tool input schemas use. What changes between the two:
//
//   - $refs are inlined (tool schemas must stand alone); a schema that
//     refers back to itself becomes an unconstrained schema at the second
//     visit instead of looping;
//   - nullable: true becomes a "null" member of type (and of enum);
//   - boolean exclusiveMinimum/exclusiveMaximum become numeric bounds;
//   - example becomes examples;
//   - a single-element allOf used to attach a description or nullable to a
//     $ref is flattened into the referenced schema.
//
// Everything that validates (required, enum, bounds, lengths, pattern,
// additionalProperties) and every description is kept.
func convertSchema(ref *openapi3.SchemaRef) *jsonschema.Schema {
	c := converter{visiting: map[*openapi3.Schema]bool{}}
	return c.convert(ref)
}

type converter struct {
	visiting map[*openapi3.Schema]bool
}

func (c *converter) convert(ref *openapi3.SchemaRef) *jsonschema.Schema {
	if ref == nil || ref.Value == nil {
		return &jsonschema.Schema{}
	}
	s := ref.Value
	if c.visiting[s] {
		return &jsonschema.Schema{Description: s.Description + " (recursive; same shape as its parent)"}
	}
	c.visiting[s] = true
	defer delete(c.visiting, s)

	var out *jsonschema.Schema
	if wrapper(s) {
		out = c.convert(s.AllOf[0])
		if s.Description != "" {
			out.Description = s.Description
		}
	} else {
		out = c.plain(s)
	}
	if s.Nullable {
		addNull(out)
	}
	return out
}

// wrapper reports whether s is `allOf: [$ref]` plus only annotations.
func wrapper(s *openapi3.Schema) bool {
	return len(s.AllOf) == 1 && (s.Type == nil || s.Type.IsEmpty()) && len(s.Properties) == 0 &&
		s.Items == nil && len(s.Enum) == 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0
}

func (c *converter) plain(s *openapi3.Schema) *jsonschema.Schema {
	out := &jsonschema.Schema{
		Title:         s.Title,
		Description:   s.Description,
		Format:        s.Format,
		Pattern:       s.Pattern,
		Enum:          slices.Clone(s.Enum),
		Minimum:       s.Min,
		Maximum:       s.Max,
		MultipleOf:    s.MultipleOf,
		Deprecated:    s.Deprecated,
		ReadOnly:      s.ReadOnly,
		WriteOnly:     s.WriteOnly,
		UniqueItems:   s.UniqueItems,
		MinLength:     intPtr(s.MinLength),
		MaxLength:     uintPtr(s.MaxLength),
		MinItems:      intPtr(s.MinItems),
		MaxItems:      uintPtr(s.MaxItems),
		MaxProperties: uintPtr(s.MaxProps),
		MinProperties: intPtr(s.MinProps),
		Required:      slices.Clone(s.Required),
	}
	if s.Type != nil && !s.Type.IsEmpty() {
		if ts := []string(*s.Type); len(ts) == 1 {
			out.Type = ts[0]
		} else {
			out.Types = slices.Clone(ts)
		}
	}
	exclusive(s.ExclusiveMin, &out.Minimum, &out.ExclusiveMinimum)
	exclusive(s.ExclusiveMax, &out.Maximum, &out.ExclusiveMaximum)
	if s.Default != nil {
		if b, err := json.Marshal(s.Default); err == nil {
			out.Default = b
		}
	}
	if s.Example != nil {
		out.Examples = []any{s.Example}
	}
	if s.Items != nil {
		out.Items = c.convert(s.Items)
	}
	if len(s.Properties) > 0 {
		out.Properties = make(map[string]*jsonschema.Schema, len(s.Properties))
		for name, p := range s.Properties {
			out.Properties[name] = c.convert(p)
		}
	}
	switch ap := s.AdditionalProperties; {
	case ap.Has != nil && !*ap.Has:
		out.AdditionalProperties = falseSchema()
	case ap.Schema != nil:
		out.AdditionalProperties = c.convert(ap.Schema)
	}
	out.AllOf = c.all(s.AllOf)
	out.AnyOf = c.all(s.AnyOf)
	out.OneOf = c.all(s.OneOf)
	if s.Not != nil {
		out.Not = c.convert(s.Not)
	}
	return out
}

func (c *converter) all(refs openapi3.SchemaRefs) []*jsonschema.Schema {
	var out []*jsonschema.Schema
	for _, r := range refs {
		out = append(out, c.convert(r))
	}
	return out
}

// exclusive maps OpenAPI 3.0's boolean modifier (or 3.1's number) onto the
// 2020-12 numeric keyword.
func exclusive(b openapi3.ExclusiveBound, bound **float64, excl **float64) {
	switch {
	case b.Value != nil:
		*excl = b.Value
	case b.IsTrue() && *bound != nil:
		*excl, *bound = *bound, nil
	}
}

// addNull makes a converted schema also accept JSON null.
func addNull(s *jsonschema.Schema) {
	switch {
	case s.Type != "":
		s.Types, s.Type = []string{s.Type, "null"}, ""
	case len(s.Types) > 0 && !slices.Contains(s.Types, "null"):
		s.Types = append(s.Types, "null")
	}
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, nil) {
		s.Enum = append(s.Enum, nil)
	}
}

// falseSchema is the JSON Schema `false`: nothing validates.
func falseSchema() *jsonschema.Schema { return &jsonschema.Schema{Not: &jsonschema.Schema{}} }

func intPtr(n uint64) *int {
	if n == 0 {
		return nil
	}
	v := int(n)
	return &v
}

func uintPtr(n *uint64) *int {
	if n == nil {
		return nil
	}
	v := int(*n)
	return &v
}
