// Package httpapi is the HTTP face of the Stytch emulator: API implements the
// generated gen.StrictServerInterface (one file per endpoint group), Handler
// routes, authenticates and validates requests against api/openapi.yml, and
// WriteError is the single mapping from domain errors to Stytch error bodies.
package httpapi

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/internal/projectauth"
	"github.com/stytchkit/stytchkit/gen"
)

// Options configures NewHandler.
type Options struct {
	// ProjectID and Secret are the Basic-auth credentials every non-public
	// endpoint requires.
	ProjectID, Secret string
	// Service runs the flows.
	Service *flows.Service
	// Logger receives internal errors; default discard.
	Logger *slog.Logger
}

// Handler serves the Stytch API: it finds the operation in the spec (404
// route_not_found otherwise), checks Basic auth (401), validates the request
// against the spec (400) and hands it to the generated strict server over API.
type Handler struct {
	spec  *Spec
	opts  Options
	creds projectauth.Credentials
	log   *slog.Logger
	mux   *opMux
}

// NewHandler returns the API handler.
func NewHandler(opts Options) (*Handler, error) {
	spec, err := LoadSpec()
	if err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	api := &API{svc: opts.Service, log: log}
	strict := gen.NewStrictHandlerWithOptions(api, nil, gen.StrictHTTPServerOptions{
		RequestErrorHandlerFunc:  bindError(log),
		ResponseErrorHandlerFunc: responseError(log),
	})
	mux := &opMux{handlers: map[string]http.HandlerFunc{}}
	gen.HandlerWithOptions(strict, gen.StdHTTPServerOptions{BaseRouter: mux, ErrorHandlerFunc: bindError(log)})
	return &Handler{spec: spec, opts: opts, creds: projectauth.New(opts.ProjectID, opts.Secret), log: log, mux: mux}, nil
}

// ServeHTTP implements http.Handler. The request must already carry its
// request_id (WithRequestID); the emulator's Server gives every request one.
// The OAuth start URL, where the emulator plays the identity provider, is a
// spec operation like the others (OAuthStart).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, flows.SSOCallbackPath) { // not an API operation: b2b_sso_browser.go
		h.serveSSOCallback(w, r)
		return
	}
	route, params, err := h.spec.Router.FindRoute(r)
	if err != nil {
		if errors.Is(err, routers.ErrMethodNotAllowed) {
			WriteError(w, r, h.log, flows.E(flows.ErrMethodNotAllowed,
				"%s is not allowed on %s.", r.Method, r.URL.Path))
			return
		}
		WriteError(w, r, h.log, flows.E(flows.ErrRouteNotFound,
			"The requested route %s %s was not found.", r.Method, r.URL.Path))
		return
	}
	r = r.WithContext(withRequestInfo(r.Context(), r))
	if !isPublic(route) && !h.creds.Check(r) {
		WriteError(w, r, h.log, flows.ErrUnauthorizedCredentials.New())
		return
	}
	if takesPublicToken(route) {
		if err := h.opts.Service.CheckPublicToken(r.URL.Query().Get("public_token")); err != nil {
			WriteError(w, r, h.log, err)
			return
		}
	}
	body, fe := readBody(w, r)
	if fe != nil {
		WriteError(w, r, h.log, fe)
		return
	}
	// Encoding first: the decoders below would turn invalid UTF-8 into
	// U+FFFD and validate a value the caller never sent.
	input := checkInput(r, params, body)
	if input.fatal != nil {
		WriteError(w, r, h.log, input.fatal)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: validationOptions}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		fe := validationError(err)
		if IsOAuth2Path(r.URL.Path) {
			fe = oauth2RequestError(err, fe)
		}
		WriteError(w, r, h.log, fe)
		return
	}
	// After the spec's checks, so that a documented maxLength has its say.
	if input.tooLong != "" {
		WriteError(w, r, h.log, tooLongError(input.tooLong))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !h.mux.serveOp(w, r, route.Method, route.Path, params) {
		WriteError(w, r, h.log, flows.E(flows.ErrRouteNotFound,
			"The requested route %s %s was not found.", r.Method, r.URL.Path))
	}
}

// isPublic reports whether the operation can be called without the
// project's credentials: its security lists no requirement or an empty one
// (JWKS, discovery documents, browser redirects), or other credentials (an
// OAuth client's, a bearer access token), which its handler checks.
func isPublic(route *routers.Route) bool {
	sec := route.Operation.Security
	if sec == nil {
		return false
	}
	if len(*sec) == 0 {
		return true
	}
	for _, req := range *sec {
		if _, project := req["basicAuth"]; !project {
			return true
		}
	}
	return false
}

// takesPublicToken reports whether the route's operation is a browser
// endpoint authenticated by the project's public token (a public_token
// query parameter).
func takesPublicToken(route *routers.Route) bool {
	for _, p := range route.Operation.Parameters {
		if p.Value != nil && p.Value.In == openapi3.ParameterInQuery && p.Value.Name == "public_token" {
			return true
		}
	}
	return false
}

// API implements every operation of the Stytch Consumer API. A handler
// converts the request to a flows call and the result to the generated
// response type; on failure it returns (nil, err) with a *flows.Error, which
// WriteError renders.
type API struct {
	svc *flows.Service
	log *slog.Logger
}

// A missing operation fails to compile here.
var _ gen.StrictServerInterface = (*API)(nil)

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
