package scim

import (
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
	scimfilter "github.com/elimity-com/scim/filter"
	"github.com/elimity-com/scim/schema"
	"github.com/scim2/filter-parser/v2"
)

// The library validates each PATCH operation (RFC 7644 section 3.5.2)
// against the schemas and parses its path; applyPatch carries the
// operations out on a resource map, and the value filters of paths
// (emails[type eq "work"], members[value eq "..."]) are evaluated by the
// library's filter validator.

// withExternalID returns s with the common externalId attribute, which
// PATCH paths may name.
func withExternalID(s schema.Schema) schema.Schema {
	attrs := slices.Clone(s.Attributes)
	for _, a := range schema.CommonAttributes() {
		if a.Name() == "externalId" {
			attrs = append(attrs, a)
		}
	}
	s.Attributes = attrs
	return s
}

func patchError(typ scimerrors.ScimType, detail string) error {
	return scimerrors.ScimError{ScimType: typ, Detail: detail, Status: http.StatusBadRequest}
}

// applyPatch applies validated operations, in order, to res.
func applyPatch(res map[string]any, ops []scim.PatchOperation, core schema.Schema, exts ...schema.Schema) error {
	for _, op := range ops {
		if op.Path != nil {
			if err := applyOne(res, op.Op, op.Path, op.Value, core, exts); err != nil {
				return err
			}
			continue
		}
		// No path: the value holds attributes (or attribute paths, or an
		// extension's container) to add or replace.
		vals, ok := op.Value.(map[string]any)
		if !ok {
			return patchError(scimerrors.ScimTypeInvalidValue, "An operation without a path needs an object value.")
		}
		for _, k := range slices.Sorted(maps.Keys(vals)) {
			if idx := slices.IndexFunc(exts, func(e schema.Schema) bool { return strings.EqualFold(e.ID, k) }); idx >= 0 {
				sub, _ := vals[k].(map[string]any)
				for _, sk := range slices.Sorted(maps.Keys(sub)) {
					p, err := filter.ParsePath([]byte(exts[idx].ID + ":" + sk))
					if err != nil {
						return scimerrors.ScimErrorInvalidPath
					}
					if err := applyOne(res, op.Op, &p, sub[sk], core, exts); err != nil {
						return err
					}
				}
				continue
			}
			p, err := filter.ParsePath([]byte(k))
			if err != nil {
				return scimerrors.ScimErrorInvalidPath
			}
			if err := applyOne(res, op.Op, &p, vals[k], core, exts); err != nil {
				return err
			}
		}
	}
	return nil
}

// applyOne applies one operation at path.
func applyOne(res map[string]any, op string, path *filter.Path, value any, core schema.Schema, exts []schema.Schema) error {
	ap := path.AttributePath
	sch, container := core, res
	if uri := ap.URI(); uri != "" && !strings.EqualFold(uri, core.ID) {
		idx := slices.IndexFunc(exts, func(e schema.Schema) bool { return strings.EqualFold(e.ID, uri) })
		if idx < 0 {
			return scimerrors.ScimErrorInvalidPath
		}
		sch = exts[idx]
		c, _ := res[sch.ID].(map[string]any)
		if c == nil {
			c = map[string]any{}
		}
		res[sch.ID] = c
		container = c
	}
	attr, ok := sch.Attributes.ContainsAttribute(ap.AttributeName)
	if !ok {
		return scimerrors.ScimErrorInvalidPath
	}
	if attr.Mutability() == "readOnly" {
		return scimerrors.ScimErrorMutability
	}
	// name.givenName keeps its sub-attribute in the attribute path,
	// emails[type eq "work"].value after the filter.
	name, sub := attr.Name(), ap.SubAttributeName()
	if s := path.SubAttributeName(); s != "" {
		sub = s
	}
	if sub != "" {
		sa, ok := attr.SubAttributes().ContainsAttribute(sub)
		if !ok {
			return scimerrors.ScimErrorInvalidPath
		}
		sub = sa.Name()
	}
	switch {
	case path.ValueExpression != nil:
		if !attr.MultiValued() {
			return scimerrors.ScimErrorInvalidPath
		}
		return applyFiltered(container, name, sub, op, path.ValueExpression, attr, value)
	case sub != "" && attr.MultiValued():
		list, _ := container[name].([]any)
		for _, e := range list {
			if m, ok := e.(map[string]any); ok {
				setOrRemove(m, sub, op, value)
			}
		}
		return nil
	case sub != "":
		m, _ := container[name].(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		setOrRemove(m, sub, op, value)
		container[name] = m
		return nil
	}
	return applyWhole(container, name, attr, op, value)
}

func setOrRemove(m map[string]any, key, op string, value any) {
	if op == scim.PatchOperationRemove {
		delete(m, key)
		return
	}
	m[key] = value
}

// applyWhole applies an operation on a whole attribute.
func applyWhole(container map[string]any, name string, attr schema.CoreAttribute, op string, value any) error {
	switch op {
	case scim.PatchOperationRemove:
		if value == nil || !attr.MultiValued() {
			delete(container, name)
			return nil
		}
		// A value names the elements to remove (as Microsoft Entra sends
		// members to remove from a group).
		list, _ := container[name].([]any)
		drop, _ := value.([]any)
		container[name] = slices.DeleteFunc(list, func(e any) bool {
			return slices.ContainsFunc(drop, func(d any) bool { return sameElement(e, d) })
		})
	case scim.PatchOperationReplace:
		container[name] = value
	default: // add
		switch {
		case attr.MultiValued():
			list, _ := container[name].([]any)
			add, _ := value.([]any)
			for _, v := range add {
				if !slices.ContainsFunc(list, func(e any) bool { return sameElement(e, v) }) {
					list = append(list, v)
				}
			}
			container[name] = list
		case attr.AttributeType() == "complex":
			cur, _ := container[name].(map[string]any)
			if cur == nil {
				cur = map[string]any{}
			}
			add, _ := value.(map[string]any)
			maps.Copy(cur, add)
			container[name] = cur
		default:
			container[name] = value
		}
	}
	return nil
}

// sameElement reports whether two elements of a multi-valued attribute are
// the same: complex elements with a value compare by it.
func sameElement(a, b any) bool {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok && am["value"] != nil && bm["value"] != nil {
		return reflect.DeepEqual(am["value"], bm["value"])
	}
	return reflect.DeepEqual(a, b)
}

// applyFiltered applies an operation to the elements of a multi-valued
// attribute that match a value filter. An add or replace of a sub-attribute
// that matches no element creates one from a filter attr eq "value", as
// identity providers expect (emails[type eq "work"].value on a user without
// a work email).
func applyFiltered(container map[string]any, name, sub, op string, expr filter.Expression, attr schema.CoreAttribute, value any) error {
	v := scimfilter.NewFilterValidator(expr, schema.Schema{Attributes: scimfilter.MultiValuedFilterAttributes(attr)})
	list, _ := container[name].([]any)
	matched := false
	var kept []any
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok || !matchesFilter(v, m) {
			kept = append(kept, e)
			continue
		}
		matched = true
		switch {
		case op == scim.PatchOperationRemove && sub == "":
			continue
		case sub != "":
			setOrRemove(m, sub, op, value)
		default:
			if nm, ok := value.(map[string]any); ok {
				e = nm
			}
		}
		kept = append(kept, e)
	}
	if !matched && op != scim.PatchOperationRemove {
		elem, ok := elementFromFilter(expr)
		switch {
		case sub != "" && ok:
			elem[sub] = value
			kept = append(kept, elem)
		case sub == "" && op == scim.PatchOperationAdd:
			kept = append(kept, value)
		default:
			return patchError(scimerrors.ScimTypeNoTarget, "The path's filter matches no value.")
		}
	}
	if kept == nil {
		kept = []any{}
	}
	container[name] = kept
	return nil
}

// elementFromFilter returns the element a filter attr eq "value" describes.
func elementFromFilter(expr filter.Expression) (map[string]any, bool) {
	e, ok := expr.(*filter.AttributeExpression)
	if !ok || e.Operator != filter.EQ {
		return nil, false
	}
	return map[string]any{e.AttributePath.AttributeName: e.CompareValue}, true
}

// matchesFilter evaluates a value filter on one element. The library's
// evaluator panics on shapes it does not expect; such an element does not
// match rather than failing the request.
func matchesFilter(v scimfilter.Validator, m map[string]any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return v.PassesFilter(m) == nil
}

// passes reports whether a resource map passes a list request's filter
// (see listFilter; nil: no filter).
func passes(v *scimfilter.Validator, m map[string]any) bool {
	if v == nil {
		return true
	}
	return matchesFilter(*v, m)
}

// listFilter returns the validator of a list request's filter, nil without
// one. Its attribute expressions on a sub-attribute of a multi-valued
// attribute (emails.value eq "x") become the value paths RFC 7644 section
// 3.4.2.2 makes them mean (emails[value eq "x"]: any element matches), the
// only form the library evaluates.
func listFilter(p scim.ListRequestParams, core schema.Schema, exts ...schema.Schema) *scimfilter.Validator {
	if p.FilterValidator == nil {
		return nil
	}
	multi := func(ap filter.AttributePath) bool {
		for _, s := range append([]schema.Schema{core}, exts...) {
			if ap.URIPrefix != nil && !strings.EqualFold(*ap.URIPrefix, s.ID) {
				continue
			}
			if a, ok := s.Attributes.ContainsAttribute(ap.AttributeName); ok {
				return a.MultiValued() && a.HasSubAttributes()
			}
		}
		return false
	}
	v := scimfilter.NewFilterValidator(asValuePaths(p.FilterValidator.GetFilter(), multi), core, exts...)
	return &v
}

// asValuePaths rewrites the attribute expressions of e whose attribute
// multi reports multi-valued and that name a sub-attribute as value paths.
func asValuePaths(e filter.Expression, multi func(filter.AttributePath) bool) filter.Expression {
	switch x := e.(type) {
	case *filter.AttributeExpression:
		if x.AttributePath.SubAttribute != nil && multi(x.AttributePath) {
			return &filter.ValuePath{
				AttributePath: filter.AttributePath{URIPrefix: x.AttributePath.URIPrefix, AttributeName: x.AttributePath.AttributeName},
				ValueFilter: &filter.AttributeExpression{AttributePath: filter.AttributePath{AttributeName: *x.AttributePath.SubAttribute},
					Operator: x.Operator, CompareValue: x.CompareValue},
			}
		}
	case *filter.LogicalExpression:
		return &filter.LogicalExpression{Left: asValuePaths(x.Left, multi), Right: asValuePaths(x.Right, multi), Operator: x.Operator}
	case *filter.NotExpression:
		return &filter.NotExpression{Expression: asValuePaths(x.Expression, multi)}
	}
	return e
}

// pageOf returns the page of matches a list request asks for (startIndex
// is 1-based).
func pageOf(matches []scim.Resource, p scim.ListRequestParams) scim.Page {
	start := min(max(p.StartIndex-1, 0), len(matches))
	end := min(start+max(p.Count, 0), len(matches))
	out := make([]scim.Resource, 0, end-start)
	out = append(out, matches[start:end]...)
	return scim.Page{TotalResults: len(matches), Resources: out}
}
