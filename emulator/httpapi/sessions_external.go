package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// Sessions.Migrate trusts the project's external OIDC provider and
// Sessions.Attest its trusted token profiles; the emulator plays the former
// and lets tests register the latter through emulator-only routes:
//
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

// SessionsMigrate implements POST /v1/sessions/migrate.
func (a *API) SessionsMigrate(ctx context.Context, req gen.SessionsMigrateRequestObject) (gen.SessionsMigrateResponseObject, error) {
	b := req.Body
	out, err := a.svc.MigrateSession(b.SessionToken, sessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.SessionsMigrate200JSONResponse](ctx, out), nil
}

// SessionsAttest implements POST /v1/sessions/attest.
func (a *API) SessionsAttest(ctx context.Context, req gen.SessionsAttestRequestObject) (gen.SessionsAttestResponseObject, error) {
	b := req.Body
	out, err := a.svc.AttestSession(b.ProfileID, b.Token,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.SessionsAttest200JSONResponse](ctx, out), nil
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
	if !decodeExtra(w, r, h, &body, `{"email": "...", "name"?, "email_verified"?, "expires_in"? (seconds)}`) {
		return
	}
	out, err := h.opts.Service.IssueExternalIDPToken(flows.ExternalIdentity{Email: body.Email, Name: body.Name,
		EmailVerified: body.EmailVerified, TTL: time.Duration(body.ExpiresIn) * time.Second})
	if err != nil {
		WriteError(w, r, h.log, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"access_token": out.AccessToken, "token_type": "Bearer",
		"expires_in": int64(out.ExpiresAt.Sub(out.IssuedAt) / time.Second), "expires_at": out.ExpiresAt.Format(time.RFC3339),
		"request_id": RequestID(r.Context()), "status_code": http.StatusCreated})
}

func (h *Handler) serveExternalUserInfo(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_request"`)
		WriteError(w, r, h.log, flows.Unauthorized("invalid_request", "Send the access token as Authorization: Bearer <token>."))
		return
	}
	info, err := h.opts.Service.ExternalUserInfo(token)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		WriteError(w, r, h.log, err)
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
	if !decodeExtra(w, r, h, &body, `{"issuer", "audience", "public_key_pem" or "jwks", "name"?, "email_claim"?, `+
		`"token_id_claim"?, "allow_jit_provisioning"?}`) {
		return
	}
	if string(body.JWKS) == "null" {
		body.JWKS = nil
	}
	p, err := h.opts.Service.CreateTrustedTokenProfile(flows.TrustedTokenProfileInput{Name: body.Name, Issuer: body.Issuer,
		Audience: body.Audience, PublicKeyPEM: body.PublicKeyPEM, JWKS: body.JWKS, EmailClaim: body.EmailClaim,
		TokenIDClaim: body.TokenIDClaim, AllowJITProvisioning: body.AllowJITProvisioning})
	if err != nil {
		WriteError(w, r, h.log, err)
		return
	}
	kids := make([]string, 0, len(p.Keys))
	for _, k := range p.Keys {
		kids = append(kids, k.Kid)
	}
	writeJSON(w, http.StatusCreated, map[string]any{"profile_id": p.ID, "name": p.Name, "issuer": p.Issuer,
		"audience": p.Audience, "email_claim": p.EmailClaim, "token_id_claim": p.TokenIDClaim,
		"allow_jit_provisioning": p.AllowJITProvisioning, "key_ids": kids, "created_at": p.CreatedAt.Format(time.RFC3339),
		"request_id": RequestID(r.Context()), "status_code": http.StatusCreated})
}

// decodeExtra decodes the JSON body of an emulator-only route, rejecting
// unknown fields; on failure it writes 400 bad_request naming shape.
func decodeExtra(w http.ResponseWriter, r *http.Request, h *Handler, v any, shape string) bool {
	body, fe := readExtraBody(w, r)
	if fe != nil {
		WriteError(w, r, h.log, fe)
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		WriteError(w, r, h.log, flows.BadRequest("bad_request", "The body must be %s.", shape))
		return false
	}
	return true
}
