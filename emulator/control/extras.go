package control

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// The emulator-only halves of flows whose other side lives outside the
// Stytch API: a member minting an impersonation token in the dashboard, the
// project's external OIDC provider that Sessions.Migrate trusts, the
// trusted token profiles of Sessions.Attest and the device fingerprints of
// Fraud.Fingerprint.Lookup.
//
//	POST /emulator/v1/impersonation (Basic auth)
//	     {"user_id", "impersonator_email", "impersonator_id"?} -> 201 {"impersonation_token", ...}
//	     {"organization_id", "member_id", "impersonator_email", "impersonator_id"?}
//	     -> 201 {"impersonation_token", "organization_id", "member_id", ...} (a B2B Member)
//	POST /emulator/v1/external_idp/tokens (Basic auth)
//	     {"email", "name"?, "email_verified"?, "expires_in"? (seconds, default 3600)}
//	     -> 201 {"access_token", "token_type": "Bearer", "expires_in", "expires_at"}
//	GET  /emulator/v1/external_idp/userinfo (Authorization: Bearer <access_token>)
//	     -> 200 {"sub", "email", "email_verified", "name"?}  (the provider's UserInfo)
//	POST /emulator/v1/trusted_token_profiles (Basic auth)
//	     {"issuer", "audience", "public_key_pem" | "jwks", "name"?, "email_claim"?,
//	      "token_id_claim"?, "allow_jit_provisioning"?}
//	     -> 201 {"profile_id", "issuer", "audience", "email_claim", "token_id_claim",
//	             "allow_jit_provisioning", "key_ids", "created_at"}
//	POST /emulator/v1/telemetry (Basic auth) {"telemetry_id", ...} -> 201 the stored record
//	GET|PUT /emulator/v1/rbac/policy, /emulator/v1/b2b/rbac/policy (Basic auth)
//	     {"roles", "resources", "scopes"} -> 200 {"policy": {...}} (the project's RBAC policy)
func (h *Handler) extraRoutes() []route {
	p := func(path string) string { return strings.TrimPrefix(path, Prefix) }
	return []route{
		{method: http.MethodPost, path: p(ImpersonationPath), serve: h.serveImpersonation},
		{method: http.MethodPost, path: p(ExternalIDPTokensPath), serve: h.serveExternalIDPToken},
		{method: http.MethodGet, path: p(ExternalIDPUserInfoPath), access: accessPublic, serve: h.serveExternalUserInfo},
		{method: http.MethodPost, path: p(TrustedTokenProfilesPath), serve: h.serveTrustedTokenProfile},
		{method: http.MethodPost, path: p(TelemetryPath), serve: h.serveTelemetry},
		{method: http.MethodGet, path: p(RBACPolicyPath), serve: h.servePolicy(false)},
		{method: http.MethodPut, path: p(RBACPolicyPath), serve: h.serveSetPolicy(false)},
		{method: http.MethodGet, path: p(B2BRBACPolicyPath), serve: h.servePolicy(true)},
		{method: http.MethodPut, path: p(B2BRBACPolicyPath), serve: h.serveSetPolicy(true)},
	}
}

// servePolicy answers the project's Consumer or B2B RBAC policy.
func (h *Handler) servePolicy(b2b bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"policy": h.svc.ProjectPolicy(b2b)})
	}
}

// serveSetPolicy replaces the project's Consumer or B2B RBAC policy.
func (h *Handler) serveSetPolicy(b2b bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body store.Policy
		if !h.decodeShape(w, r, &body, `{"roles": [{"role_id", "description"?, "permissions": [{"resource_id", "actions"}]}], `+
			`"resources": [{"resource_id", "description"?, "actions"}], "scopes"?: [{"scope", "description"?, "permissions"}]}`) {
			return
		}
		out, err := h.svc.SetPolicy(b2b, body)
		if err != nil {
			h.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"policy": out})
	}
}

// decodeShape decodes the JSON body into v; on failure it writes 400
// bad_request naming the expected shape and returns false.
func (h *Handler) decodeShape(w http.ResponseWriter, r *http.Request, v any, shape string) bool {
	return h.decodeOr400(w, r, v, func(error) string { return "The body must be " + shape + "." })
}

// impersonationRequest is the body of POST ImpersonationPath: a user_id,
// or an organization_id and a member_id.
type impersonationRequest struct {
	UserID            string `json:"user_id"`
	OrganizationID    string `json:"organization_id"`
	MemberID          string `json:"member_id"`
	ImpersonatorEmail string `json:"impersonator_email"`
	ImpersonatorID    string `json:"impersonator_id"`
}

func (h *Handler) serveImpersonation(w http.ResponseWriter, r *http.Request) {
	const shape = `{"user_id": "..." or "organization_id": "...", "member_id": "...", "impersonator_email": "...", "impersonator_id": optional}`
	var body impersonationRequest
	if !h.decodeShape(w, r, &body, shape) {
		return
	}
	member := body.OrganizationID != "" || body.MemberID != ""
	if body.ImpersonatorEmail == "" || (body.UserID == "") == !member || (member && (body.OrganizationID == "" || body.MemberID == "")) {
		h.badRequest(w, r, "The body must be %s.", shape)
		return
	}
	reply := map[string]any{"request_id": httpapi.RequestID(r.Context()), "status_code": http.StatusCreated}
	var out *flows.Impersonation
	if member {
		m, err := h.svc.MintMemberImpersonation(body.OrganizationID, body.MemberID, body.ImpersonatorEmail, body.ImpersonatorID)
		if err != nil {
			h.writeError(w, r, err)
			return
		}
		out = &m.Impersonation
		reply["organization_id"], reply["member_id"] = m.OrganizationID, m.UserID
	} else {
		var err error
		if out, err = h.svc.MintImpersonation(body.UserID, body.ImpersonatorEmail, body.ImpersonatorID); err != nil {
			h.writeError(w, r, err)
			return
		}
		reply["user_id"] = out.UserID
	}
	reply["impersonation_token"], reply["impersonator_id"], reply["impersonator_email"] = out.Token, out.ImpersonatorID, out.ImpersonatorEmail
	reply["expires_at"] = out.ExpiresAt.Format(time.RFC3339)
	writeJSON(w, http.StatusCreated, reply)
}

// externalIDPTokenRequest is the body of POST ExternalIDPTokensPath.
type externalIDPTokenRequest struct {
	Email         string `json:"email"`
	Name          string `json:"name"`
	EmailVerified bool   `json:"email_verified"`
	ExpiresIn     int64  `json:"expires_in"`
}

func (h *Handler) serveExternalIDPToken(w http.ResponseWriter, r *http.Request) {
	var body externalIDPTokenRequest
	if !h.decodeShape(w, r, &body, `{"email": "...", "name"?, "email_verified"?, "expires_in"? (seconds)}`) {
		return
	}
	out, err := h.svc.IssueExternalIDPToken(flows.ExternalIdentity{Email: body.Email, Name: body.Name,
		EmailVerified: body.EmailVerified, TTL: time.Duration(body.ExpiresIn) * time.Second})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"access_token": out.AccessToken, "token_type": "Bearer",
		"expires_in": int64(out.ExpiresAt.Sub(out.IssuedAt) / time.Second), "expires_at": out.ExpiresAt.Format(time.RFC3339),
		"request_id": httpapi.RequestID(r.Context()), "status_code": http.StatusCreated})
}

func (h *Handler) serveExternalUserInfo(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_request"`)
		h.writeError(w, r, flows.E(flows.ErrInvalidRequest, "Send the access token as Authorization: Bearer <token>.").WithStatus(http.StatusUnauthorized))
		return
	}
	info, err := h.svc.ExternalUserInfo(token)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, info)
}

// trustedTokenProfileRequest is the body of POST TrustedTokenProfilesPath.
type trustedTokenProfileRequest struct {
	Name                 string          `json:"name"`
	Issuer               string          `json:"issuer"`
	Audience             string          `json:"audience"`
	PublicKeyPEM         string          `json:"public_key_pem"`
	JWKS                 json.RawMessage `json:"jwks"`
	EmailClaim           string          `json:"email_claim"`
	TokenIDClaim         string          `json:"token_id_claim"`
	AllowJITProvisioning bool            `json:"allow_jit_provisioning"`
}

func (h *Handler) serveTrustedTokenProfile(w http.ResponseWriter, r *http.Request) {
	var body trustedTokenProfileRequest
	if !h.decodeShape(w, r, &body, `{"issuer", "audience", "public_key_pem" or "jwks", "name"?, "email_claim"?, `+
		`"token_id_claim"?, "allow_jit_provisioning"?}`) {
		return
	}
	if string(body.JWKS) == "null" {
		body.JWKS = nil
	}
	p, err := h.svc.CreateTrustedTokenProfile(flows.TrustedTokenProfileInput{Name: body.Name, Issuer: body.Issuer,
		Audience: body.Audience, PublicKeyPEM: body.PublicKeyPEM, JWKS: body.JWKS, EmailClaim: body.EmailClaim,
		TokenIDClaim: body.TokenIDClaim, AllowJITProvisioning: body.AllowJITProvisioning})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	kids := make([]string, 0, len(p.Keys))
	for _, k := range p.Keys {
		kids = append(kids, k.Kid)
	}
	writeJSON(w, http.StatusCreated, map[string]any{"profile_id": p.ID, "name": p.Name, "issuer": p.Issuer,
		"audience": p.Audience, "email_claim": p.EmailClaim, "token_id_claim": p.TokenIDClaim,
		"allow_jit_provisioning": p.AllowJITProvisioning, "key_ids": kids, "created_at": p.CreatedAt.Format(time.RFC3339),
		"request_id": httpapi.RequestID(r.Context()), "status_code": http.StatusCreated})
}

// telemetryRequest is the body of POST TelemetryPath: store.Telemetry with
// the API's name for its id.
type telemetryRequest struct {
	TelemetryID string `json:"telemetry_id"`
	store.Telemetry
}

// serveTelemetry registers a telemetry id with the device it stands for, so
// that fingerprint lookups and verdicts can be scripted in tests.
func (h *Handler) serveTelemetry(w http.ResponseWriter, r *http.Request) {
	var body telemetryRequest
	if !h.decodeShape(w, r, &body, `{"telemetry_id": "...", "visitor_id"?, "reasons"? ["VIRTUAL_MACHINE"], "ip_address"?, ...}`) {
		return
	}
	body.Telemetry.ID = body.TelemetryID
	out, err := h.svc.Store.RegisterTelemetry(body.Telemetry)
	if err != nil {
		h.badRequest(w, r, "%s", err)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}
