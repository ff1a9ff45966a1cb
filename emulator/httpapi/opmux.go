package httpapi

import "net/http"

// opMux receives the generated server's handler registrations and dispatches
// by the operation the spec router already found, instead of by
// http.ServeMux patterns: the spec has paths ServeMux refuses to register
// together (DELETE /v1/users/{user_id}/external_id and DELETE
// /v1/users/emails/{email_id} both match /v1/users/emails/external_id).
type opMux struct {
	handlers map[string]http.HandlerFunc // "METHOD /path/{template}"
}

// HandleFunc implements gen.ServeMux.
func (m *opMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.handlers[pattern] = h
}

// ServeHTTP implements gen.ServeMux; Handler.ServeHTTP calls serveOp instead.
func (m *opMux) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	http.NotFound(w, r)
}

// serveOp runs the generated handler of the operation "METHOD template" with
// the path parameters the spec router extracted. ok is false when the
// generated server has no such operation.
func (m *opMux) serveOp(w http.ResponseWriter, r *http.Request, method, template string, params map[string]string) (ok bool) {
	h, ok := m.handlers[method+" "+template]
	if !ok {
		return false
	}
	for k, v := range params {
		r.SetPathValue(k, v)
	}
	h(w, r)
	return true
}
