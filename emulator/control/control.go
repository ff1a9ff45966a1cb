// Package control is the emulator's control plane: every route under
// /emulator. It has two faces over the same handlers:
//
//   - /emulator/v1, a JSON API for tests and scripts (Basic auth with the
//     project's credentials, like the Stytch API): the outbox, reset, the
//     clock, fault injection, users and sessions, and the emulator-only
//     halves of flows whose other side lives outside the Stytch API
//     (impersonation tokens, an external OIDC provider, trusted token
//     profiles, device telemetry);
//   - /emulator/ui/, a web UI (embedded HTML, CSS and JavaScript) and the
//     JSON it reads under /emulator/ui/api, which needs no login when it is
//     reached over a loopback connection with a loopback Host.
//
// One middleware (guard, in access.go) authorizes every route; the request
// id is stamped once, by the emulator, before the request gets here.
package control

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
	"github.com/stytchkit/stytchkit/emulator/internal/projectauth"
)

// Paths of the control plane.
const (
	// Root is the path every control-plane route lives under.
	Root = "/emulator"
	// Prefix is the path prefix of the JSON control plane.
	Prefix = Root + "/v1"
	// UIPath is the web UI.
	UIPath = Root + "/ui/"
	// UIAPIPrefix is the prefix of the JSON the web UI reads: the same
	// routes as Prefix for the outbox, reset, clock, faults, users, sessions
	// and status, under the UI's access rule.
	UIAPIPrefix = Root + "/ui/api"

	// ImpersonationPath mints an impersonation token (Basic auth, POST
	// {"user_id", "impersonator_email", "impersonator_id"?}) -> 201
	// {"impersonation_token", "user_id", "impersonator_id",
	// "impersonator_email", "expires_at"}; with {"organization_id",
	// "member_id"} instead of user_id, a B2B Member's token (answering
	// organization_id and member_id instead of user_id).
	ImpersonationPath = Prefix + "/impersonation"
	// ExternalIDPTokensPath, ExternalIDPUserInfoPath and
	// TrustedTokenProfilesPath configure Sessions.Migrate and
	// Sessions.Attest; see extras.go.
	ExternalIDPTokensPath    = Prefix + "/external_idp/tokens"
	ExternalIDPUserInfoPath  = Prefix + "/external_idp/userinfo"
	TrustedTokenProfilesPath = Prefix + "/trusted_token_profiles"
	// TelemetryPath registers the device a telemetry id stands for, for
	// Fraud.Fingerprint.Lookup (Basic auth, POST {"telemetry_id",
	// "visitor_id"?, "browser_id"?, the four fingerprints?, "ip_address"?,
	// "asn"?, "country_code"?, "user_agent"?, "reasons"? e.g.
	// ["VIRTUAL_MACHINE"]}) -> 201 with the stored record, created_at and
	// expires_at.
	TelemetryPath = Prefix + "/telemetry"
	// RBACPolicyPath and B2BRBACPolicyPath read (GET) and replace (PUT)
	// the project's Consumer and B2B RBAC policies, as Stytch's Dashboard
	// does (Basic auth; the body and the answer are {"roles", "resources",
	// "scopes"} as RBAC.Policy returns them; see flows.Service.SetPolicy).
	RBACPolicyPath    = Prefix + "/rbac/policy"
	B2BRBACPolicyPath = Prefix + "/b2b/rbac/policy"
)

// FaultHeader marks a response that an injected fault produced (its status
// and body need not match the spec).
const FaultHeader = "X-Emulator-Fault"

// Options configures New.
type Options struct {
	// ProjectID and Secret are the Basic credentials /emulator/v1 requires
	// (and the UI, away from loopback).
	ProjectID, Secret string
	// Service holds the state and runs the flows the routes drive.
	Service *flows.Service
	// Faults is the queue the API side applies; the control plane fills
	// and clears it. Required.
	Faults *Faults
	// Logger receives internal errors; default discard.
	Logger *slog.Logger
}

// Handler serves every route under Root. Build it with New.
type Handler struct {
	svc     *flows.Service
	faults  *Faults
	creds   projectauth.Credentials
	log     *slog.Logger
	mux     *http.ServeMux
	paths   *http.ServeMux // every route's path, any method: the 405 answers
	xorigin *http.CrossOriginProtection
}

// Owns reports whether path belongs to the control plane (Root or below).
func Owns(path string) bool { return path == Root || strings.HasPrefix(path, Root+"/") }

// New returns the control-plane handler:
//
//	GET    /emulator/v1/messages?to=ADDR       {"messages": [...]} oldest first
//	POST   /emulator/v1/reset                  {"status": "reset"}
//	GET    /emulator/v1/clock                  {"now": RFC3339}
//	POST   /emulator/v1/clock                  {"advance": "1h"} -> {"now": ...}
//	GET    /emulator/v1/faults                 {"faults": [...]}
//	POST   /emulator/v1/faults                 a Fault -> 201 {"faults": [...]}
//	DELETE /emulator/v1/faults                 {"faults": []}
//	GET    /emulator/v1/users                  {"users": [...]} with their factors, newest first
//	GET    /emulator/v1/sessions?user_id=ID    {"sessions": [...]} live sessions, newest first
//	POST   /emulator/v1/sessions/{id}/revoke   {"status": "revoked", "session_id": ...}
//	GET    /emulator/v1/organizations          {"organizations": [...]} B2B, with Members and connections, newest first
//	POST   /emulator/v1/members/{id}/revoke    {"status": "revoked", "member_id": ...} every session of a Member
//	GET    /emulator/v1/status                 project (id, public token), clock and counts
//	POST   /emulator/v1/impersonation, /external_idp/tokens, /trusted_token_profiles, /telemetry
//	GET    /emulator/v1/external_idp/userinfo  (Bearer token of the external provider)
//	GET|PUT /emulator/v1/rbac/policy, /emulator/v1/b2b/rbac/policy  the project's RBAC policies
//	GET    /emulator/v1/sso/idp/{connection_id}, PUT|DELETE .../identity  the emulated SSO IdP (sso.go)
//	       /emulator/idp/saml/..., /emulator/idp/oidc/...  the emulated SSO identity providers (public)
//	GET    /emulator/ui/                       the web UI
//	       /emulator/ui/api/...                the first thirteen routes again, for the UI
func New(opts Options) *Handler {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{svc: opts.Service, faults: opts.Faults, creds: projectauth.New(opts.ProjectID, opts.Secret),
		log: log, mux: http.NewServeMux(), paths: http.NewServeMux(), xorigin: http.NewCrossOriginProtection()}

	plane := h.planeRoutes()
	h.register(Prefix, accessProject, plane)
	h.register(UIAPIPrefix, accessUI, plane)
	h.register(Prefix, accessProject, h.extraRoutes())
	h.register(Prefix, accessProject, h.ssoRoutes())
	idp := httpapi.NewSSOIdentityProvider(opts.Service, log) // public: browsers and relying parties call it
	h.mux.Handle(flows.SSOIdPSAMLPath, idp)
	h.mux.Handle(flows.SSOIdPOIDCPath, idp)
	assets := uiAssets()
	getOnly := methodNotAllowed(h, []string{http.MethodGet, http.MethodHead})
	h.mux.Handle(UIPath, h.guard(accessUI, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			getOnly(w, r)
			return
		}
		assets.ServeHTTP(w, r)
	})))
	toUI := http.RedirectHandler(UIPath, http.StatusFound)
	h.mux.Handle("GET "+Root+"/{$}", toUI)
	h.mux.Handle("GET "+Root, toUI)
	h.mux.Handle(Root+"/", h.fallback(accessProject))
	h.mux.Handle(UIAPIPrefix+"/", h.fallback(accessUI))
	return h
}

// ServeHTTP implements http.Handler for the paths Owns accepts.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// Reset forgets all state (not the signing key) and every pending fault.
func (h *Handler) Reset() {
	if err := h.svc.Store.Reset(); err != nil {
		h.svc.Log.Error("emulator reset not journaled", "error", err)
	}
	h.faults.Clear()
}

// route is one control-plane endpoint: its method, its path below a prefix,
// who may call it, and its handler.
type route struct {
	method, path string
	access       access
	serve        http.HandlerFunc
}

// register mounts routes under prefix. A route's access is kept when it is
// accessPublic; otherwise every route gets the prefix's access. The path of
// each route also goes into h.paths, which answers 405 (with Allow) to the
// methods the path has no route for, after the same access check.
func (h *Handler) register(prefix string, a access, routes []route) {
	allowed := map[string][]string{}
	access := map[string]access{}
	var order []string
	for _, rt := range routes {
		ra := a
		if rt.access == accessPublic {
			ra = accessPublic
		}
		p := prefix + rt.path
		h.mux.Handle(rt.method+" "+p, h.guard(ra, rt.serve))
		if _, seen := allowed[p]; !seen {
			order = append(order, p)
			access[p] = ra
		}
		allowed[p] = append(allowed[p], rt.method)
	}
	for _, p := range order {
		h.paths.Handle(p, h.guard(access[p], methodNotAllowed(h, allowed[p])))
	}
}

// fallback answers what no route took: 405 on a known path (see register),
// else 404, after the credentials a (so that a caller without them learns
// nothing about which routes exist).
func (h *Handler) fallback(a access) http.Handler {
	notFound := h.guard(a, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.writeError(w, r, flows.E(flows.ErrRouteNotFound, "No control endpoint %s %s.", r.Method, r.URL.Path))
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := h.paths.Handler(r); pattern != "" {
			h.paths.ServeHTTP(w, r)
			return
		}
		notFound.ServeHTTP(w, r)
	})
}

// methodNotAllowed answers 405 method_not_allowed naming the allowed methods.
func methodNotAllowed(h *Handler, methods []string) http.HandlerFunc {
	allow := strings.Join(slices.Sorted(slices.Values(methods)), ", ")
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		h.writeError(w, r, flows.E(flows.ErrMethodNotAllowed,
			"%s is not allowed on %s.", r.Method, r.URL.Path))
	}
}

// writeError writes a Stytch-shaped error body carrying the request id.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	httpapi.WriteError(w, r, h.log, err)
}

// decodeOr400 decodes the body into v, or writes the error: a failed input
// check as it is, anything else as a 400 bad_request whose message is
// describe(err).
func (h *Handler) decodeOr400(w http.ResponseWriter, r *http.Request, v any, describe func(error) string) bool {
	err := decode(w, r, v)
	if err == nil {
		return true
	}
	var fe *flows.Error
	if errors.As(err, &fe) {
		h.writeError(w, r, fe)
	} else {
		h.badRequest(w, r, "%s", describe(err))
	}
	return false
}

// badRequest writes 400 bad_request with message.
func (h *Handler) badRequest(w http.ResponseWriter, r *http.Request, format string, args ...any) {
	h.writeError(w, r, flows.E(flows.ErrBadRequest, format, args...))
}

// decode reads a JSON body into v, refusing unknown fields and trailing
// data. The body is checked first as the API's are (size, UTF-8, string
// lengths); such a failure is a *flows.Error to write as is.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	body, fe := httpapi.ReadExtraBody(w, r)
	if fe != nil {
		return fe
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errTrailingData
	}
	return nil
}

// writeJSON writes v with status; control-plane answers are never cached.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
