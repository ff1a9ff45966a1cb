// Package speccompare compares two OpenAPI 3.0 documents of the same API,
// "ours" and "theirs" (the reference), and lists where ours falls short of
// theirs: operations and fields it lacks, enum values it does not list, JSON
// types that disagree, fields whose required-ness differs, and success
// statuses it does not declare.
//
// Operations are matched by method and path template, parameter names
// ignored. For each matched operation the request body (JSON, else form) and
// the success response schemas are walked side by side: $ref resolved, allOf
// merged, array items and additionalProperties followed, nested objects
// descended, with a depth limit and a guard against recursive schemas.
//
// What ours has beyond theirs (operations, fields, enum values) is not a
// shortfall; it is reported separately, as information.
package speccompare

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Scope selects the operations of theirs that are compared.
type Scope string

// The scopes. B2B operations are those under /v1/b2b/.
const (
	// ScopeConsumer: every operation outside /v1/b2b/.
	ScopeConsumer Scope = "consumer"
	// ScopeB2B: the operations under /v1/b2b/.
	ScopeB2B Scope = "b2b"
	// ScopeAll: every operation.
	ScopeAll Scope = "all"
)

// b2bPrefix is the path prefix of Stytch's B2B API.
const b2bPrefix = "/v1/b2b/"

// ParseScope returns the scope named s ("consumer", "b2b" or "all").
func ParseScope(s string) (Scope, error) {
	switch sc := Scope(s); sc {
	case ScopeConsumer, ScopeB2B, ScopeAll:
		return sc, nil
	}
	return "", fmt.Errorf("speccompare: unknown scope %q (want consumer, b2b or all)", s)
}

// Contains reports whether the operation at path belongs to the scope
// (never, for a scope ParseScope rejects).
func (s Scope) Contains(path string) bool {
	b2b := strings.HasPrefix(path, b2bPrefix)
	switch s {
	case ScopeAll:
		return true
	case ScopeB2B:
		return b2b
	case ScopeConsumer:
		return !b2b
	}
	return false
}

// Aspect names one kind of difference.
type Aspect string

// The aspects a shortfall of ours is reported under.
const (
	// AspectMissingOperation: theirs has an operation ours lacks.
	AspectMissingOperation Aspect = "missing-operation"
	// AspectMissing: theirs has a field (or a request body) ours lacks.
	AspectMissing Aspect = "missing"
	// AspectEnum: theirs lists an enum value ours lacks.
	AspectEnum Aspect = "enum"
	// AspectType: the JSON types differ (integer and number are one type).
	AspectType Aspect = "type"
	// AspectRequiredOurs: ours requires a field theirs does not.
	AspectRequiredOurs Aspect = "required-ours"
	// AspectRequiredTheirs: theirs requires a field ours does not.
	AspectRequiredTheirs Aspect = "required-theirs"
	// AspectStatus: theirs declares a 2xx status ours does not.
	AspectStatus Aspect = "status"
)

// The informational aspects: what ours has beyond theirs.
const (
	// AspectExtraOperation: ours has an operation theirs lacks.
	AspectExtraOperation Aspect = "extra-operation"
	// AspectExtra: ours has a field theirs lacks.
	AspectExtra Aspect = "extra"
	// AspectExtraEnum: ours lists an enum value theirs lacks.
	AspectExtraEnum Aspect = "extra-enum"
)

// Aspects lists the shortfall aspects in report order.
var Aspects = []Aspect{
	AspectMissingOperation, AspectMissing, AspectEnum, AspectType,
	AspectRequiredOurs, AspectRequiredTheirs, AspectStatus,
}

// InfoAspects lists the informational aspects in report order.
var InfoAspects = []Aspect{AspectExtraOperation, AspectExtra, AspectExtraEnum}

// rank orders aspects in reports; unknown aspects sort last.
func (a Aspect) rank() int {
	for i, x := range Aspects {
		if x == a {
			return i
		}
	}
	for i, x := range InfoAspects {
		if x == a {
			return len(Aspects) + i
		}
	}
	return len(Aspects) + len(InfoAspects)
}

// Informational reports whether the aspect describes something ours has
// beyond theirs rather than a shortfall.
func (a Aspect) Informational() bool {
	return a == AspectExtraOperation || a == AspectExtra || a == AspectExtraEnum
}

// Absence reports whether the aspect says ours lacks something theirs has
// (an operation, a field or an enum value).
func (a Aspect) Absence() bool {
	return a == AspectMissingOperation || a == AspectMissing || a == AspectEnum
}

// Side says which message of an operation a difference is in.
type Side string

// The sides. Operation-level differences (a missing operation) have none.
const (
	// SideRequest: the request body.
	SideRequest Side = "request"
	// SideResponse: the success response (its body or its status).
	SideResponse Side = "response"
)

// Difference is one difference between the two documents.
type Difference struct {
	// Method is the HTTP method, upper case.
	Method string
	// Path is the path template: ours for a matched operation or one of
	// ours, theirs for an operation only theirs has.
	Path string
	// Side is the message the difference is in; "" for a whole operation.
	Side Side
	// Field is the dotted field path inside the body: "user.emails[].email";
	// "[]" steps into array items, "{}" into additionalProperties values.
	// It is "" for the body itself, a status or a whole operation.
	Field string
	// Aspect classifies the difference.
	Aspect Aspect
	// Detail adds what the aspect alone does not say: both types, the
	// enum values lacking, the statuses.
	Detail string
}

// Operation is "METHOD /path/template".
func (d Difference) Operation() string { return d.Method + " " + d.Path }

// Location is where in the operation the difference is: "response",
// "request.attributes.ip_address", or "" for a whole operation.
func (d Difference) Location() string {
	if d.Field == "" || d.Side == "" {
		return string(d.Side)
	}
	return string(d.Side) + "." + d.Field
}

// String formats the difference on one line:
// "POST /v1/users required-ours response.user.name".
func (d Difference) String() string {
	var b strings.Builder
	b.WriteString(d.Operation())
	b.WriteString(" ")
	b.WriteString(string(d.Aspect))
	if l := d.Location(); l != "" {
		b.WriteString(" ")
		b.WriteString(l)
	}
	if d.Detail != "" {
		b.WriteString(": ")
		b.WriteString(d.Detail)
	}
	return b.String()
}

// less orders differences by path, method, aspect, side, field, detail.
func less(a, b Difference) bool {
	switch {
	case a.Path != b.Path:
		return a.Path < b.Path
	case a.Method != b.Method:
		return a.Method < b.Method
	case a.Aspect != b.Aspect:
		return a.Aspect.rank() < b.Aspect.rank()
	case a.Side != b.Side:
		return a.Side < b.Side
	case a.Field != b.Field:
		return a.Field < b.Field
	}
	return a.Detail < b.Detail
}

// SortDifferences sorts ds in report order: by operation, aspect, side, field.
func SortDifferences(ds []Difference) {
	sort.SliceStable(ds, func(i, j int) bool { return less(ds[i], ds[j]) })
}

// Skip names an operation of theirs whose schemas are not compared (its
// status still is), and why.
type Skip struct {
	// Method is the HTTP method, upper case.
	Method string
	// Path is the path template as theirs spells it.
	Path string
	// Reason says why the comparison would be meaningless.
	Reason string
}

// KnownDefects are the operations of Stytch's published OpenAPI document
// whose schemas are wrong upstream; Compare skips them unless WithSkips
// says otherwise.
var KnownDefects = []Skip{{
	Method: "POST",
	Path:   "/v1/magic_links/authenticate",
	Reason: "Stytch's document gives the Consumer and B2B magic-link authenticate schemas one component name " +
		"(api_magic_v1_AuthenticateRequest/Response) and its Consumer entry shows the B2B fields; " +
		"the Consumer reference page and the official SDKs are the authority there",
}}

// ErrNilDocument is returned by Compare when a document is nil.
var ErrNilDocument = errors.New("speccompare: nil document")
