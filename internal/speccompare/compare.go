package speccompare

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// DefaultMaxDepth is the nesting depth Compare descends to by default: the
// fields of a body are at depth 1, theirs at depth 2 and so on, each array
// items or additionalProperties step counting as one level too. Fields are
// compared down to depth DefaultMaxDepth+1.
const DefaultMaxDepth = 8

// Option configures Compare.
type Option func(*config) error

type config struct {
	scope    Scope
	maxDepth int
	skips    []Skip
}

// WithScope restricts the comparison to the operations of a scope
// (default ScopeAll).
func WithScope(s Scope) Option {
	return func(c *config) error {
		if _, err := ParseScope(string(s)); err != nil {
			return err
		}
		c.scope = s
		return nil
	}
}

// WithMaxDepth sets how deep nested schemas are descended (default
// DefaultMaxDepth); it must be at least 0.
func WithMaxDepth(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("speccompare: max depth %d is negative", n)
		}
		c.maxDepth = n
		return nil
	}
}

// WithSkips replaces KnownDefects as the operations whose schemas are not
// compared. A skip whose operation theirs lacks is ignored.
func WithSkips(skips ...Skip) Option {
	return func(c *config) error {
		for _, s := range skips {
			if s.Method == "" || s.Path == "" || s.Reason == "" {
				return fmt.Errorf("speccompare: skip %s %s needs a method, a path and a reason", s.Method, s.Path)
			}
		}
		c.skips = append([]Skip(nil), skips...)
		return nil
	}
}

// Report is the outcome of a comparison.
type Report struct {
	// Scope is the scope compared.
	Scope Scope
	// TheirOperations is the number of operations of theirs in scope.
	TheirOperations int
	// OurOperations is the number of operations of ours in scope.
	OurOperations int
	// Matched is the number of operations of theirs that ours has.
	Matched int
	// FieldsCompared counts the fields of theirs found in ours and compared
	// (once per operation, side and field path).
	FieldsCompared int
	// Skipped lists the matched operations whose schemas were not compared.
	Skipped []Skip
	// Differences lists the shortfalls of ours, sorted.
	Differences []Difference
	// Info lists what ours has beyond theirs, sorted.
	Info []Difference
}

// Count is the number of differences (or information items) of an aspect,
// one per operation, side and field path.
func (r *Report) Count(a Aspect) int {
	n := 0
	for _, d := range r.list(a) {
		if d.Aspect == a {
			n++
		}
	}
	return n
}

// Distinct is the number of distinct (side, field path) pairs among the
// differences of an aspect: a field shared by many operations counts once.
func (r *Report) Distinct(a Aspect) int {
	seen := map[[2]string]bool{}
	for _, d := range r.list(a) {
		if d.Aspect == a {
			seen[[2]string{string(d.Side), d.Field}] = true
		}
	}
	return len(seen)
}

// Operations is the number of operations with at least one difference of
// an aspect.
func (r *Report) Operations(a Aspect) int {
	seen := map[string]bool{}
	for _, d := range r.list(a) {
		if d.Aspect == a {
			seen[d.Operation()] = true
		}
	}
	return len(seen)
}

func (r *Report) list(a Aspect) []Difference {
	if a.Informational() {
		return r.Info
	}
	return r.Differences
}

// HasAbsence reports whether ours lacks an operation, field or enum value
// of theirs, or a JSON type differs: the differences that make ours wrong
// rather than merely stricter or looser.
func (r *Report) HasAbsence() bool {
	for _, d := range r.Differences {
		if d.Aspect.Absence() || d.Aspect == AspectType {
			return true
		}
	}
	return false
}

// Summary is one line of figures:
// "consumer: operations 87/87, 1234 fields compared, missing-operation 0, ...".
func (r *Report) Summary() string {
	parts := []string{
		fmt.Sprintf("%s: operations %d/%d, %d fields compared, %d skipped", r.Scope, r.Matched, r.TheirOperations, r.FieldsCompared, len(r.Skipped)),
	}
	for _, a := range Aspects {
		switch a {
		case AspectMissingOperation:
			parts = append(parts, fmt.Sprintf("%s %d", a, r.Count(a)))
		case AspectStatus:
			parts = append(parts, fmt.Sprintf("%s %d (%d ops)", a, r.Count(a), r.Operations(a)))
		default:
			parts = append(parts, fmt.Sprintf("%s %d (%d distinct, %d ops)", a, r.Count(a), r.Distinct(a), r.Operations(a)))
		}
	}
	return strings.Join(parts, ", ")
}

// Tally counts ds by aspect, in report order, leaving out the aspects
// with none: "required-ours 936 (139 distinct, 63 ops), status 3 (3 ops)".
// It is "none" when ds is empty.
func Tally(ds []Difference) string {
	r := &Report{Differences: ds}
	var parts []string
	for _, a := range Aspects {
		n := r.Count(a)
		switch {
		case n == 0:
		case a == AspectMissingOperation:
			parts = append(parts, fmt.Sprintf("%s %d", a, n))
		case a == AspectStatus:
			parts = append(parts, fmt.Sprintf("%s %d (%d ops)", a, n, r.Operations(a)))
		default:
			parts = append(parts, fmt.Sprintf("%s %d (%d distinct, %d ops)", a, n, r.Distinct(a), r.Operations(a)))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// InfoSummary is one line counting what ours has beyond theirs.
func (r *Report) InfoSummary() string {
	parts := make([]string, 0, len(InfoAspects))
	for _, a := range InfoAspects {
		parts = append(parts, fmt.Sprintf("%s %d", a, r.Count(a)))
	}
	return fmt.Sprintf("%s: ours beyond theirs: %s", r.Scope, strings.Join(parts, ", "))
}

// OperationCount is the number of operations of doc in scope.
func OperationCount(doc *openapi3.T, s Scope) int {
	if doc == nil {
		return 0
	}
	n := 0
	for _, o := range operations(doc) {
		if s.Contains(o.path) {
			n++
		}
	}
	return n
}

// operation is one operation of a document.
type operation struct {
	method, path string
	op           *openapi3.Operation
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// key is the matching key of an operation: its method and its path
// template with the parameter names erased.
func key(method, path string) string {
	return method + " " + pathParam.ReplaceAllString(path, "{}")
}

// operations lists the operations of doc by key.
func operations(doc *openapi3.T) map[string]operation {
	out := map[string]operation{}
	if doc.Paths == nil {
		return out
	}
	for path, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		for method, op := range item.Operations() {
			m := strings.ToUpper(method)
			out[key(m, path)] = operation{method: m, path: path, op: op}
		}
	}
	return out
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Compare compares ours with theirs and reports how ours falls short.
func Compare(ours, theirs *openapi3.T, opts ...Option) (*Report, error) {
	if ours == nil || theirs == nil {
		return nil, ErrNilDocument
	}
	cfg := config{scope: ScopeAll, maxDepth: DefaultMaxDepth, skips: KnownDefects}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	skips := map[string]Skip{}
	for _, s := range cfg.skips {
		skips[key(strings.ToUpper(s.Method), s.Path)] = s
	}
	r := &Report{Scope: cfg.scope}
	c := &comparer{report: r, maxDepth: cfg.maxDepth, views: map[*openapi3.Schema]*view{}}
	ourOps, theirOps := operations(ours), operations(theirs)
	for _, k := range sortedKeys(theirOps) {
		t := theirOps[k]
		if !cfg.scope.Contains(t.path) {
			continue
		}
		r.TheirOperations++
		o, ok := ourOps[k]
		if !ok {
			r.Differences = append(r.Differences, Difference{Method: t.method, Path: t.path, Aspect: AspectMissingOperation})
			continue
		}
		r.Matched++
		c.method, c.path = o.method, o.path
		c.statuses(o.op, t.op)
		if s, skip := skips[k]; skip {
			r.Skipped = append(r.Skipped, s)
			continue
		}
		c.bodies(o.op, t.op)
	}
	for _, k := range sortedKeys(ourOps) {
		o := ourOps[k]
		if !cfg.scope.Contains(o.path) {
			continue
		}
		r.OurOperations++
		if _, ok := theirOps[k]; !ok {
			r.Info = append(r.Info, Difference{Method: o.method, Path: o.path, Aspect: AspectExtraOperation})
		}
	}
	SortDifferences(r.Differences)
	SortDifferences(r.Info)
	return r, nil
}
