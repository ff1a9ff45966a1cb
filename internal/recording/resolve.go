package recording

import (
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/stytchkit/stytchkit/gen"
)

// Resolver maps a request method and API path (starting at /v1/) to the
// operationId of the spec operation it calls, or "" when none matches.
type Resolver func(method, path string) string

// routeTable is the spec's routing, built once from the generated server's
// route registrations: gen registers one Go 1.22 ServeMux pattern per
// operation ("GET /v1/users/{user_id}") with a handler method named after the
// operationId. Deriving the table from gen keeps it in step with the spec
// without a YAML parser or a second copy of the 89 routes, and keeps this
// package free of dependencies beyond gen (it may be linked into the client).
//
// Matching is done here rather than by an http.ServeMux because the spec has
// patterns a ServeMux refuses as conflicting: DELETE
// /v1/users/{user_id}/external_id and DELETE /v1/users/emails/{email_id} both
// match /v1/users/emails/external_id.
type routeTable struct {
	routes []route
}

type route struct {
	method   string
	segments []string // "" marks a {wildcard}
	op       string
}

// HandleFunc records one route; it implements gen.ServeMux.
func (t *routeTable) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	name := runtime.FuncForPC(reflect.ValueOf(h).Pointer()).Name()
	// A method value is named "<pkg>.(*ServerInterfaceWrapper).<Method>-fm".
	name = strings.TrimSuffix(name, "-fm")
	name = name[strings.LastIndex(name, ".")+1:]
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		return
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = ""
		}
	}
	t.routes = append(t.routes, route{method: method, segments: segs, op: name})
}

// ServeHTTP completes gen.ServeMux; the table never serves requests.
func (t *routeTable) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	http.Error(w, "route table only", http.StatusNotImplemented)
}

var (
	specRoutesOnce sync.Once
	specRoutes     *routeTable
)

// SpecResolver resolves operations with the routes of api/openapi.yml as
// compiled into gen. It is the Recorder's default.
func SpecResolver() Resolver {
	specRoutesOnce.Do(func() {
		specRoutes = &routeTable{}
		// The server interface is never called: only the registrations matter.
		gen.HandlerFromMux(nil, specRoutes)
	})
	return specRoutes.resolve
}

// resolve picks, among the routes matching method and path, the most
// specific one: at the first segment where two candidates differ, a literal
// beats a wildcard (the ServeMux precedence rule).
func (t *routeTable) resolve(method, path string) string {
	p, ok := APIPath(path)
	if !ok {
		return ""
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	method = strings.ToUpper(method)
	var best *route
	for i := range t.routes {
		r := &t.routes[i]
		if r.method != method || !r.matches(segs) {
			continue
		}
		if best == nil || r.moreSpecific(best) {
			best = r
		}
	}
	if best == nil {
		return ""
	}
	return best.op
}

func (r *route) matches(segs []string) bool {
	if len(segs) != len(r.segments) {
		return false
	}
	for i, s := range r.segments {
		if segs[i] == "" || (s != "" && s != segs[i]) {
			return false
		}
	}
	return true
}

func (r *route) moreSpecific(other *route) bool {
	for i := range r.segments {
		a, b := r.segments[i] != "", other.segments[i] != ""
		if a != b {
			return a
		}
	}
	return false
}

// Operations returns how many operations the default resolver knows (one per
// operation of the spec).
func Operations() int {
	SpecResolver()
	return len(specRoutes.routes)
}
