package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// Routes the emulator serves beyond the spec, for flows whose other half
// lives outside the Stytch API (a browser at an identity provider, a member
// in the dashboard). ServeExtra answers them; the emulator calls it before
// the control plane and the spec routes.
const (
	// ImpersonationPath mints an impersonation token (Basic auth, POST
	// {"user_id", "impersonator_email", "impersonator_id"?}) -> 201
	// {"impersonation_token", "user_id", "impersonator_id",
	// "impersonator_email", "expires_at"}.
	ImpersonationPath = "/emulator/v1/impersonation"
	// ExternalIDPTokensPath, ExternalIDPUserInfoPath and
	// TrustedTokenProfilesPath configure Sessions.Migrate and
	// Sessions.Attest; see sessions_external.go.
	ExternalIDPTokensPath    = "/emulator/v1/external_idp/tokens"
	ExternalIDPUserInfoPath  = "/emulator/v1/external_idp/userinfo"
	TrustedTokenProfilesPath = "/emulator/v1/trusted_token_profiles"
	// TelemetryPath registers the device a telemetry id stands for, for
	// Fraud.Fingerprint.Lookup (Basic auth, POST {"telemetry_id", "visitor_id"?,
	// "browser_id"?, the four fingerprints?, "ip_address"?, "asn"?,
	// "country_code"?, "user_agent"?, "reasons"? e.g. ["VIRTUAL_MACHINE"]})
	// -> 201 with the stored record, created_at and expires_at.
	TelemetryPath = "/emulator/v1/telemetry"
)

// extraRoute is one emulator-only route: its method, whether it skips the
// project's Basic auth, and its handler.
type extraRoute struct {
	method string
	public bool
	serve  func(h *Handler, w http.ResponseWriter, r *http.Request)
}

// extraRoutes are the emulator-only routes.
var extraRoutes = map[string]extraRoute{
	ImpersonationPath:        {method: http.MethodPost, serve: (*Handler).serveImpersonation},
	ExternalIDPTokensPath:    {method: http.MethodPost, serve: (*Handler).serveExternalIDPToken},
	ExternalIDPUserInfoPath:  {method: http.MethodGet, public: true, serve: (*Handler).serveExternalUserInfo},
	TrustedTokenProfilesPath: {method: http.MethodPost, serve: (*Handler).serveTrustedTokenProfile},
	TelemetryPath:            {method: http.MethodPost, serve: (*Handler).serveTelemetry},
}

// ServeExtra serves the emulator-only routes above and reports whether it
// did; for any other request it writes nothing and returns false.
func (h *Handler) ServeExtra(w http.ResponseWriter, r *http.Request) bool {
	route, ok := extraRoutes[r.URL.Path]
	if !ok {
		return false
	}
	if RequestID(r.Context()) == "" {
		r = r.WithContext(WithRequestID(r.Context(), store.NewID(store.KindRequestID, h.opts.Service.Store.Env())))
	}
	switch {
	case r.Method != route.method:
		WriteError(w, r, h.log, flows.E(http.StatusMethodNotAllowed, "method_not_allowed",
			"%s is not allowed on %s.", r.Method, r.URL.Path))
	case !route.public && !h.authorized(r):
		WriteError(w, r, h.log, flows.ErrUnauthorizedCredentials())
	default:
		route.serve(h, w, r)
	}
	return true
}

// impersonationRequest is the body of POST /emulator/v1/impersonation.
type impersonationRequest struct {
	UserID            string `json:"user_id"`
	ImpersonatorEmail string `json:"impersonator_email"`
	ImpersonatorID    string `json:"impersonator_id"`
}

func (h *Handler) serveImpersonation(w http.ResponseWriter, r *http.Request) {
	var body impersonationRequest
	raw, fe := readExtraBody(w, r)
	if fe != nil {
		WriteError(w, r, h.log, fe)
		return
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil || body.UserID == "" || body.ImpersonatorEmail == "" {
		WriteError(w, r, h.log, flows.BadRequest("bad_request",
			`The body must be {"user_id": "...", "impersonator_email": "...", "impersonator_id": optional}.`))
		return
	}
	out, err := h.opts.Service.MintImpersonation(body.UserID, body.ImpersonatorEmail, body.ImpersonatorID)
	if err != nil {
		WriteError(w, r, h.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"impersonation_token": out.Token, "user_id": out.UserID,
		"impersonator_id": out.ImpersonatorID, "impersonator_email": out.ImpersonatorEmail,
		"expires_at": out.ExpiresAt.Format(time.RFC3339), "request_id": RequestID(r.Context()), "status_code": http.StatusCreated})
}
