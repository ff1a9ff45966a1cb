package speccompare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// comparer walks the matched operations and collects differences into report.
type comparer struct {
	report   *Report
	maxDepth int
	// views caches the merged view of each schema (both documents).
	views map[*openapi3.Schema]*view
	// method and path name the operation being compared (ours).
	method, path string
	side         Side
	// onPath holds the schema pairs being descended, against recursion.
	onPath map[[2]*openapi3.Schema]bool
}

func (c *comparer) emit(side Side, field string, a Aspect, detail string) {
	d := Difference{Method: c.method, Path: c.path, Side: side, Field: field, Aspect: a, Detail: detail}
	if a.Informational() {
		c.report.Info = append(c.report.Info, d)
		return
	}
	c.report.Differences = append(c.report.Differences, d)
}

// successCodes lists the 2xx status keys of an operation ("200", "2XX"), sorted.
func successCodes(op *openapi3.Operation) []string {
	if op.Responses == nil {
		return nil
	}
	var codes []string
	for code := range op.Responses.Map() {
		if strings.HasPrefix(code, "2") {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	return codes
}

// statuses reports each 2xx status of theirs that ours does not declare
// (ours declaring "2XX" accepts them all).
func (c *comparer) statuses(ours, theirs *openapi3.Operation) {
	oc := successCodes(ours)
	accepted := map[string]bool{}
	for _, code := range oc {
		accepted[strings.ToUpper(code)] = true
	}
	for _, code := range successCodes(theirs) {
		if accepted[strings.ToUpper(code)] || accepted["2XX"] {
			continue
		}
		detail := fmt.Sprintf("theirs %s, ours %s", code, strings.Join(oc, " "))
		if len(oc) == 0 {
			detail = fmt.Sprintf("theirs %s, ours none", code)
		}
		c.emit(SideResponse, "", AspectStatus, detail)
	}
}

// bodies compares the request bodies and the success response bodies.
func (c *comparer) bodies(ours, theirs *openapi3.Operation) {
	ob, tb := requestSchema(ours), requestSchema(theirs)
	switch {
	case tb != nil && ob != nil:
		c.walk(SideRequest, ob, tb)
	case tb != nil && len(c.view(tb).props) > 0:
		c.emit(SideRequest, "", AspectMissing, "ours has no request body")
	}
	// Theirs' first success status is compared with the same status of
	// ours, or else with ours' first.
	tc := successCodes(theirs)
	if len(tc) == 0 {
		return
	}
	oc := successCodes(ours)
	ocode := ""
	for _, code := range oc {
		if code == tc[0] {
			ocode = code
		}
	}
	if ocode == "" && len(oc) > 0 {
		ocode = oc[0]
	}
	if ocode == "" {
		return
	}
	or, tr := responseSchema(ours, ocode), responseSchema(theirs, tc[0])
	if or != nil && tr != nil {
		c.walk(SideResponse, or, tr)
	}
}

// walk compares the two body schemas of one side.
func (c *comparer) walk(side Side, ours, theirs *openapi3.Schema) {
	c.side = side
	c.onPath = map[[2]*openapi3.Schema]bool{}
	c.node(ours, theirs, "", 0)
}

// requestSchema is the request body schema: JSON, else form, else the
// first media type in name order.
func requestSchema(op *openapi3.Operation) *openapi3.Schema {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	return mediaSchema(op.RequestBody.Value.Content, "application/json", "application/x-www-form-urlencoded")
}

// responseSchema is the JSON (else first) body schema of one response.
func responseSchema(op *openapi3.Operation, code string) *openapi3.Schema {
	r := op.Responses.Value(code)
	if r == nil || r.Value == nil {
		return nil
	}
	return mediaSchema(r.Value.Content, "application/json")
}

func mediaSchema(content openapi3.Content, preferred ...string) *openapi3.Schema {
	if len(content) == 0 {
		return nil
	}
	var mt *openapi3.MediaType
	for _, p := range preferred {
		if mt = content[p]; mt != nil {
			break
		}
	}
	if mt == nil {
		mt = content[sortedKeys(content)[0]]
	}
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// join appends a property name to a field path.
func join(field, name string) string {
	if field == "" {
		return name
	}
	return field + "." + name
}

// node compares one schema of ours with its counterpart of theirs at field,
// depth levels below the body: type and enum here, then (within the depth
// limit and off any cycle) array items, properties and additionalProperties.
func (c *comparer) node(o, t *openapi3.Schema, field string, depth int) {
	ov, tv := c.view(o), c.view(t)
	if ov.typ != "" && tv.typ != "" && jsonType(ov.typ) != jsonType(tv.typ) {
		// Different shapes have nothing more to compare.
		c.emit(c.side, field, AspectType, fmt.Sprintf("ours %s, theirs %s", ov.typ, tv.typ))
		return
	}
	if ov.enum != nil && tv.enum != nil {
		if lack := minus(tv.enum, ov.enum); len(lack) > 0 {
			c.emit(c.side, field, AspectEnum, "ours lacks "+strings.Join(lack, " "))
		}
		if extra := minus(ov.enum, tv.enum); len(extra) > 0 {
			c.emit(c.side, field, AspectExtraEnum, "theirs lacks "+strings.Join(extra, " "))
		}
	}
	pair := [2]*openapi3.Schema{o, t}
	if depth > c.maxDepth || c.onPath[pair] {
		return
	}
	c.onPath[pair] = true
	defer delete(c.onPath, pair)
	if ov.items != nil && tv.items != nil {
		c.node(ov.items, tv.items, field+"[]", depth+1)
	}
	for _, name := range sortedKeys(tv.props) {
		child := join(field, name)
		op, ok := ov.props[name]
		if !ok {
			c.emit(c.side, child, AspectMissing, "")
			continue
		}
		c.report.FieldsCompared++
		switch {
		case ov.required[name] && !tv.required[name]:
			c.emit(c.side, child, AspectRequiredOurs, "")
		case tv.required[name] && !ov.required[name]:
			c.emit(c.side, child, AspectRequiredTheirs, "")
		}
		c.node(op, tv.props[name], child, depth+1)
	}
	for _, name := range sortedKeys(ov.props) {
		if _, ok := tv.props[name]; !ok {
			c.emit(c.side, join(field, name), AspectExtra, "")
		}
	}
	if ov.additional != nil && tv.additional != nil {
		c.node(ov.additional, tv.additional, field+"{}", depth+1)
	}
}

// jsonType maps an OpenAPI type to the JSON type it stands for: integer
// and number are both JSON numbers.
func jsonType(t string) string {
	if t == "integer" {
		return "number"
	}
	return t
}

// minus lists the values of a not in b, sorted.
func minus(a, b map[string]bool) []string {
	var out []string
	for v := range a {
		if !b[v] {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// view is the merged view of one schema: its own keywords together with
// those of its allOf members, references resolved.
type view struct {
	// typ is the declared type ("" when none is known); without one, a
	// schema with properties or additionalProperties is an object.
	typ string
	// props are the properties, allOf members first, own ones overriding.
	props map[string]*openapi3.Schema
	// required is the union of the required lists.
	required map[string]bool
	// enum is the set of allowed values (their text), nil when unrestricted.
	enum map[string]bool
	// items is the array items schema, nil when none.
	items *openapi3.Schema
	// additional is the additionalProperties schema, nil when none (or a
	// plain true/false).
	additional *openapi3.Schema
}

// view returns the merged view of s, computing it once.
func (c *comparer) view(s *openapi3.Schema) *view {
	if v, ok := c.views[s]; ok {
		return v
	}
	v := merge(s, map[*openapi3.Schema]bool{})
	c.views[s] = v
	return v
}

// merge builds the view of s; active guards against allOf cycles.
func merge(s *openapi3.Schema, active map[*openapi3.Schema]bool) *view {
	v := &view{props: map[string]*openapi3.Schema{}, required: map[string]bool{}}
	if s == nil || active[s] {
		return v
	}
	active[s] = true
	defer delete(active, s)
	for _, ref := range s.AllOf {
		if ref == nil || ref.Value == nil {
			continue
		}
		m := merge(ref.Value, active)
		if v.typ == "" {
			v.typ = m.typ
		}
		for k, p := range m.props {
			v.props[k] = p
		}
		for k := range m.required {
			v.required[k] = true
		}
		v.enum = intersect(v.enum, m.enum)
		if v.items == nil {
			v.items = m.items
		}
		if v.additional == nil {
			v.additional = m.additional
		}
	}
	if s.Type != nil && len(s.Type.Slice()) > 0 {
		v.typ = strings.Join(s.Type.Slice(), "|")
	}
	for k, p := range s.Properties {
		if p != nil && p.Value != nil {
			v.props[k] = p.Value
		}
	}
	for _, k := range s.Required {
		v.required[k] = true
	}
	if len(s.Enum) > 0 {
		own := map[string]bool{}
		for _, e := range s.Enum {
			own[fmt.Sprint(e)] = true
		}
		v.enum = intersect(v.enum, own)
	}
	if s.Items != nil && s.Items.Value != nil {
		v.items = s.Items.Value
	}
	if a := s.AdditionalProperties.Schema; a != nil && a.Value != nil {
		v.additional = a.Value
	}
	if v.typ == "" && (len(v.props) > 0 || v.additional != nil) {
		v.typ = "object"
	}
	return v
}

// intersect combines two enum restrictions: nil is no restriction.
func intersect(a, b map[string]bool) map[string]bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	out := map[string]bool{}
	for k := range a {
		if b[k] {
			out[k] = true
		}
	}
	return out
}
