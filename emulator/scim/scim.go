// Package scim serves the SCIM 2.0 protocol (RFC 7643, RFC 7644) that an
// identity provider calls at a B2B SCIM connection's base URL,
// /v1/b2b/scim/{connection_id}, with the connection's bearer token: /Users,
// /Groups, /ServiceProviderConfig, /ResourceTypes and /Schemas. These routes
// are not operations of the Stytch API: they are the emulator's stand-in for
// the SCIM service Stytch runs for each connection.
//
// github.com/elimity-com/scim does the protocol (routing, validation of
// resources and PATCH operations against the RFC 7643 schemas, filter
// parsing and evaluation with github.com/scim2/filter-parser, list
// responses, discovery and the RFC 7644 error format); this package
// authenticates the bearer token, checks the request's encoding and size,
// and maps resources to the provisioned Members of emulator/flows.
package scim

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/optional"
	"github.com/elimity-com/scim/schema"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// Handler serves the SCIM protocol of every connection.
type Handler struct {
	svc *flows.Service
	log *slog.Logger
}

// New returns the SCIM protocol handler over svc; log receives internal
// errors (never tokens).
func New(svc *flows.Service, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Handler{svc: svc, log: log}
}

// Owns reports whether path belongs to the SCIM protocol: a connection's
// base URL /v1/b2b/scim/{connection_id} and below, except the Stytch API's
// own /v1/b2b/scim/{organization_id}/connection operations.
func Owns(path string) bool {
	rest, ok := strings.CutPrefix(path, flows.SCIMPathPrefix)
	if !ok {
		return false
	}
	id, tail, _ := strings.Cut(rest, "/")
	first, _, _ := strings.Cut(tail, "/")
	return id != "" && first != "connection"
}

// ServeHTTP implements http.Handler for the paths Owns accepts.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, flows.SCIMPathPrefix)
	connID, tail, _ := strings.Cut(rest, "/")
	auth, err := h.svc.AuthenticateSCIM(connID, bearer(r))
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="SCIM"`)
		h.writeError(w, err)
		return
	}
	body, fe := httpapi.ReadExtraBody(w, r)
	if fe != nil {
		h.writeError(w, scimerrors.ScimError{ScimType: scimerrors.ScimTypeInvalidSyntax, Detail: fe.Message, Status: http.StatusBadRequest})
		return
	}
	if err := checkQuery(r.URL.RawQuery); err != nil {
		h.writeError(w, err)
		return
	}
	scheme := "http://"
	if r.TLS != nil {
		scheme = "https://"
	}
	srv, err := h.server(auth, scheme+r.Host+flows.SCIMPathPrefix+connID)
	if err != nil {
		h.writeError(w, err)
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath = "/"+tail, ""
	r2.Body = io.NopCloser(bytes.NewReader(body))
	srv.ServeHTTP(w, r2)
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	if len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		return strings.TrimSpace(auth[7:])
	}
	return ""
}

// checkQuery rejects a query string that is malformed, not UTF-8 or has a
// value over the emulator's string limit, as the other emulator routes do.
func checkQuery(raw string) error {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return scimerrors.ScimErrorBadRequest("The query string is malformed.")
	}
	for k, vs := range q {
		for _, v := range append([]string{k}, vs...) {
			if !utf8.ValidString(v) {
				return scimerrors.ScimErrorBadRequest("The query string is not valid UTF-8.")
			}
			if utf8.RuneCountInString(v) > httpapi.MaxStringLength {
				return scimerrors.ScimErrorBadRequest("A query parameter is longer than the emulator accepts.")
			}
		}
	}
	return nil
}

// maxResults is the most resources a list answers at once.
const maxResults = 100

// server returns the SCIM server of one connection, whose resource
// locations start at base.
func (h *Handler) server(auth *flows.SCIMAuth, base string) (scim.Server, error) {
	userHandler := &handler[flows.SCIMUser, store.SCIMAttributes]{k: users, svc: h.svc, conn: auth.ConnectionID, log: h.log}
	groupHandler := &handler[flows.SCIMGroupView, flows.SCIMGroupInput]{k: groups, svc: h.svc, conn: auth.ConnectionID, log: h.log}
	return scim.NewServer(&scim.ServerArgs{
		ServiceProviderConfig: &scim.ServiceProviderConfig{
			DocumentationURI: optional.NewString("https://stytch.com/docs/b2b/guides/scim/overview"),
			AuthenticationSchemes: []scim.AuthenticationScheme{{Type: scim.AuthenticationTypeOauthBearerToken,
				Name: "Bearer token", Description: "The SCIM connection's bearer token.", Primary: true}},
			MaxResults: maxResults, SupportFiltering: true, SupportPatch: true,
		},
		ResourceTypes: []scim.ResourceType{
			{ID: optional.NewString("User"), Name: "User", Endpoint: "/Users", Description: optional.NewString("A Member of the Organization."),
				Schema: schema.CoreUserSchema(), SchemaExtensions: []scim.SchemaExtension{{Schema: schema.ExtensionEnterpriseUser()}},
				Handler: userHandler},
			{ID: optional.NewString("Group"), Name: "Group", Endpoint: "/Groups", Description: optional.NewString("A group of Members."),
				Schema: schema.CoreGroupSchema(), Handler: groupHandler},
		},
	}, scim.WithBaseURL(base), scim.WithLogger(logger{h.log}))
}

// writeError writes err in the SCIM error format.
func (h *Handler) writeError(w http.ResponseWriter, err error) {
	se := toSCIMError(h.log, err)
	w.Header().Set("Content-Type", "application/scim+json")
	w.WriteHeader(se.Status)
	raw, _ := se.MarshalJSON()
	_, _ = w.Write(raw)
}

// toSCIMError converts an error of the flows or of this package to the
// library's error; anything else is logged and becomes a 500 without text.
func toSCIMError(log *slog.Logger, err error) scimerrors.ScimError {
	var se scimerrors.ScimError
	if errors.As(err, &se) {
		return se
	}
	var fe *flows.SCIMError
	if errors.As(err, &fe) {
		return scimerrors.ScimError{ScimType: scimerrors.ScimType(fe.ScimType), Detail: fe.Detail, Status: fe.Status}
	}
	log.Error("emulator SCIM internal error", "err", err)
	return scimerrors.ScimErrorInternal
}

// logger adapts slog to the library's Logger.
type logger struct{ log *slog.Logger }

// Error logs the library's error report.
func (l logger) Error(args ...any) { l.log.Error("emulator SCIM", "detail", args) }
