package control

import (
	"net/http"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/httpapi"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// The control side of the emulated SSO identity providers (served under
// /emulator/idp/, see httpapi.NewSSOIdentityProvider): what a test needs to
// configure a connection against them, and who signs in there.
//
//	GET    /emulator/v1/sso/idp/{connection_id} (Basic auth)
//	       -> 200 {"connection_id", "saml_metadata_url", "saml_entity_id" (the metadata URL), "saml_sso_url",
//	               "oidc_issuer", "oidc_client_id", "oidc_client_secret", "identity"}
//	PUT    /emulator/v1/sso/idp/{connection_id}/identity (Basic auth)
//	       {"email", "first_name"?, "last_name"?, "name"?, "groups"?, "attributes"?, "subject"?}
//	       -> 200 {"connection_id", "identity"}: who signs in at that connection's IdP from now on
//	DELETE /emulator/v1/sso/idp/{connection_id}/identity -> 200: back to flows.DefaultSSOIdentity
//
// Use the SAML metadata URL with SSO.SAML.UpdateByURL (then set the
// attribute mapping: the IdP sends email, first_name, last_name, name and
// groups), or the OIDC issuer, client id and secret with
// SSO.OIDC.UpdateConnection (the endpoints come from discovery).

// SSOIdPPath is the prefix of the emulated IdP's control routes.
const SSOIdPPath = Prefix + "/sso/idp"

func (h *Handler) ssoRoutes() []route {
	p := strings.TrimPrefix(SSOIdPPath, Prefix)
	return []route{
		{method: http.MethodGet, path: p + "/{connection_id}", serve: h.serveSSOIdP},
		{method: http.MethodPut, path: p + "/{connection_id}/identity", serve: h.serveSSOIdentity},
		{method: http.MethodDelete, path: p + "/{connection_id}/identity", serve: h.serveSSOIdentity},
	}
}

// ssoIdentity is the JSON of an identity at the emulated IdP.
type ssoIdentity struct {
	Email      string         `json:"email"`
	Subject    string         `json:"subject,omitempty"`
	FirstName  string         `json:"first_name,omitempty"`
	LastName   string         `json:"last_name,omitempty"`
	Name       string         `json:"name,omitempty"`
	Groups     []string       `json:"groups,omitempty"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

func identityJSON(i *store.SSOIdentity) ssoIdentity {
	return ssoIdentity{Email: i.Email, Subject: i.Subject, FirstName: i.FirstName, LastName: i.LastName, Name: i.Name,
		Groups: i.Groups, Attributes: i.Attributes}
}

func (h *Handler) serveSSOIdP(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("connection_id")
	app, _, err := h.svc.SSOIdPApp(id)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	base := "http://" + r.Host
	if r.TLS != nil {
		base = "https://" + r.Host
	}
	ident, err := h.svc.SSOIdPIdentity(id)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"connection_id": id, "saml_metadata_url": flows.IdPMetadataURL(base, id),
		"saml_entity_id": flows.IdPMetadataURL(base, id), "saml_sso_url": flows.IdPSSOURL(base, id),
		"oidc_issuer": flows.IdPIssuer(base, id), "oidc_client_id": app.ClientID, "oidc_client_secret": app.ClientSecret,
		"identity": identityJSON(ident), "request_id": httpapi.RequestID(r.Context()), "status_code": http.StatusOK})
}

func (h *Handler) serveSSOIdentity(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("connection_id")
	var in *store.SSOIdentity
	if r.Method == http.MethodPut {
		var body ssoIdentity
		if !h.decodeShape(w, r, &body, `{"email": "...", "first_name"?, "last_name"?, "name"?, "groups"?: [...], "attributes"?: {...}, "subject"?}`) {
			return
		}
		in = &store.SSOIdentity{Email: body.Email, Subject: body.Subject, FirstName: body.FirstName, LastName: body.LastName,
			Name: body.Name, Groups: body.Groups, Attributes: body.Attributes}
	}
	out, err := h.svc.SetSSOIdPIdentity(id, in)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"connection_id": id, "identity": identityJSON(out),
		"request_id": httpapi.RequestID(r.Context()), "status_code": http.StatusOK})
}
