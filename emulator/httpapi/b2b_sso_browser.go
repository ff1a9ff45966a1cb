package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
)

// The browser side of B2B SSO, outside the API operations:
//
//   - the connections' callback at Stytch, /v1/b2b/sso/callback/{connection_id}
//     (POST: the SAML ACS; GET: the OIDC redirect URL), which Handler serves
//     before the spec router;
//   - the emulated identity provider (SSOIdentityProvider), one per SAML or
//     OIDC connection, which the control plane mounts under /emulator/idp/:
//
//	GET      /emulator/idp/saml/{connection_id}/metadata   IdP metadata (entity id = .../saml/{connection_id})
//	GET|POST /emulator/idp/saml/{connection_id}/sso        SSO service: answers an AuthnRequest with an
//	                                                       auto-posting form carrying the signed Response
//	GET      /emulator/idp/saml/{connection_id}/login      an IdP-initiated login (?RelayState=... optional):
//	                                                       the same form with an unsolicited Response
//	GET      /emulator/idp/oidc/{connection_id}/.well-known/openid-configuration
//	GET      /emulator/idp/oidc/{connection_id}/jwks
//	GET      /emulator/idp/oidc/{connection_id}/authorize  redirects to the connection's redirect URL with a code
//	POST     /emulator/idp/oidc/{connection_id}/token      client_secret_basic or _post, PKCE
//	GET      /emulator/idp/oidc/{connection_id}/userinfo   Bearer access token
//
// The emulator fetches IdP documents (SAML metadata, OIDC discovery, JWKS)
// and calls token and UserInfo endpoints through idpClient: its own IdP is
// served in process, loopback hosts over HTTP, any other host is refused.

// idpFetchTimeout bounds one request to an identity provider.
const idpFetchTimeout = 10 * time.Second

// maxIdPBody bounds an IdP document or a form posted to the ACS.
const maxIdPBody = 1 << 20

// serveSSOCallback serves /v1/b2b/sso/callback/{connection_id}.
func (h *Handler) serveSSOCallback(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, flows.SSOCallbackPath)
	base := baseOf(r)
	var target string
	var err error
	switch r.Method {
	case http.MethodPost:
		r.Body = http.MaxBytesReader(w, r.Body, maxIdPBody)
		if perr := r.ParseForm(); perr != nil {
			err = flows.E(flows.ErrMissingSAMLResponse, "The body must be a form with SAMLResponse and RelayState.")
			break
		}
		current, _ := url.Parse(base + r.URL.Path)
		target, err = h.opts.Service.SAMLCallback(id, r.PostForm.Get("SAMLResponse"), r.PostForm.Get("RelayState"), *current)
	case http.MethodGet:
		api := &API{svc: h.opts.Service, log: h.log}
		target, err = h.opts.Service.OIDCCallback(r.Context(), api.idpClient(base), id, r.URL.Query())
	default:
		w.Header().Set("Allow", "GET, POST")
		err = flows.E(flows.ErrMethodNotAllowed, "%s is not allowed on %s.", r.Method, r.URL.Path)
	}
	if err != nil {
		WriteError(w, r, h.log, err)
		return
	}
	http.Redirect(w, r, target, http.StatusFound)
}

// baseOf is the scheme://host a request reached the emulator at.
func baseOf(r *http.Request) string {
	if b, ok := r.Context().Value(idpBaseKey).(string); ok {
		return b
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// idpBaseKey carries the emulator's base URL into an in-process IdP call.
const idpBaseKey ctxKey = 3

// idpClient returns the client the emulator reaches identity providers
// with, on behalf of a request that reached it at base.
func (a *API) idpClient(base string) *http.Client {
	return &http.Client{Timeout: idpFetchTimeout, Transport: &idpTransport{base: base, idp: NewSSOIdentityProvider(a.svc, a.log),
		net: &http.Transport{DialContext: loopbackDial, ResponseHeaderTimeout: idpFetchTimeout}}}
}

// fetchIdPDocument GETs an IdP document (SAML metadata) through idpClient.
func (a *API) fetchIdPDocument(ctx context.Context, base, raw string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil || (req.URL.Scheme != "http" && req.URL.Scheme != "https") {
		return nil, fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	res, err := a.idpClient(base).Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the metadata URL answered HTTP %d", res.StatusCode)
	}
	return io.ReadAll(io.LimitReader(res.Body, maxIdPBody))
}

// idpTransport sends the emulator's requests to identity providers: those
// for its own IdP (on its own host, under /emulator/idp/) to that handler in
// process; those for a loopback host over the network; no others.
type idpTransport struct {
	base string
	idp  http.Handler
	net  http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *idpTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	own, _ := url.Parse(t.base)
	if own != nil && strings.EqualFold(req.URL.Host, own.Host) && strings.HasPrefix(req.URL.Path, "/emulator/idp/") {
		return t.inProcess(req)
	}
	if !flows.LocalURL(req.URL, "") {
		return nil, fmt.Errorf("the emulator reaches only its own identity provider and loopback hosts, not %s", req.URL.Host)
	}
	return t.net.RoundTrip(req)
}

// inProcess serves req with the emulator's own IdP handler.
func (t *idpTransport) inProcess(req *http.Request) (*http.Response, error) {
	r := req.Clone(context.WithValue(req.Context(), idpBaseKey, t.base))
	r.Host, r.RequestURI = req.URL.Host, req.URL.RequestURI()
	if r.Body == nil {
		r.Body = http.NoBody
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	t.idp.ServeHTTP(rec, r)
	return &http.Response{StatusCode: rec.status, Status: http.StatusText(rec.status), Header: rec.header,
		Body: io.NopCloser(bytes.NewReader(rec.body.Bytes())), ContentLength: int64(rec.body.Len()), Request: req,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
}

// recorder is the http.ResponseWriter of an in-process call.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}

// loopbackDial dials only loopback addresses (whatever a host name
// resolves to), so that the emulator never reaches past its machine.
func loopbackDial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: idpFetchTimeout, Control: func(_, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("the emulator reaches identity providers on loopback addresses only, not %s", host)
		}
		return nil
	}}
	return d.DialContext(ctx, network, addr)
}

// NewSSOIdentityProvider returns the handler of the emulated identity
// providers (the routes listed at the top of this file), for the control
// plane to mount under /emulator/idp/.
func NewSSOIdentityProvider(svc *flows.Service, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	p := &ssoIdP{svc: svc, log: log}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+flows.SSOIdPSAMLPath+"{id}/metadata", p.samlMetadata)
	mux.HandleFunc("GET "+flows.SSOIdPSAMLPath+"{id}/sso", p.samlSSO)
	mux.HandleFunc("POST "+flows.SSOIdPSAMLPath+"{id}/sso", p.samlSSO)
	mux.HandleFunc("GET "+flows.SSOIdPSAMLPath+"{id}/login", p.samlSSO)
	mux.HandleFunc("GET "+flows.SSOIdPOIDCPath+"{id}/.well-known/openid-configuration", p.oidcDiscovery)
	mux.HandleFunc("GET "+flows.SSOIdPOIDCPath+"{id}/jwks", p.oidcJWKS)
	mux.HandleFunc("GET "+flows.SSOIdPOIDCPath+"{id}/authorize", p.oidcAuthorize)
	mux.HandleFunc("POST "+flows.SSOIdPOIDCPath+"{id}/token", p.oidcToken)
	mux.HandleFunc("GET "+flows.SSOIdPOIDCPath+"{id}/userinfo", p.oidcUserInfo)
	mux.HandleFunc(flows.SSOIdPSAMLPath, p.notFound)
	mux.HandleFunc(flows.SSOIdPOIDCPath, p.notFound)
	return mux
}

// ssoIdP serves the emulated identity providers.
type ssoIdP struct {
	svc *flows.Service
	log *slog.Logger
}

func (p *ssoIdP) notFound(w http.ResponseWriter, r *http.Request) {
	WriteError(w, r, p.log, flows.E(flows.ErrRouteNotFound, "The emulated identity provider has no route %s %s.", r.Method, r.URL.Path))
}

// fail writes err: an RFC 6749 body for an OAuth error, a Stytch-shaped
// one otherwise.
func (p *ssoIdP) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ie *flows.IdPError
	if errors.As(err, &ie) {
		if ie.Status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer error="`+ie.Code+`"`)
		}
		writeJSONBody(w, ie.Status, map[string]string{"error": ie.Code, "error_description": ie.Description})
		return
	}
	WriteError(w, r, p.log, err)
}

func writeJSONBody(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (p *ssoIdP) samlMetadata(w http.ResponseWriter, r *http.Request) {
	idp, err := p.svc.SAMLIdP(baseOf(r), r.PathValue("id"))
	if err != nil {
		p.fail(w, r, err)
		return
	}
	idp.ServeMetadata(w, r)
}

// samlSSO answers an AuthnRequest (HTTP-Redirect or HTTP-POST binding)
// with the connection's identity signed in: crewjam/saml checks the
// request (its signature with the connection's signing certificate, its
// destination and ACS URL) and writes the auto-posting form. On the login
// path it starts an IdP-initiated login instead.
func (p *ssoIdP) samlSSO(w http.ResponseWriter, r *http.Request) {
	idp, err := p.svc.SAMLIdP(baseOf(r), r.PathValue("id"))
	if err != nil {
		p.fail(w, r, err)
		return
	}
	idp.OnError = func(w http.ResponseWriter, r *http.Request, status int, err error) {
		e := flows.E(flows.ErrBadRequest, "The emulated identity provider refused the SAML request: %v.", err)
		if status >= 500 {
			e = flows.E(flows.ErrInternalServerError, "The emulated identity provider failed: %v.", err)
		}
		WriteError(w, r, p.log, e)
	}
	if strings.HasSuffix(r.URL.Path, "/login") {
		// IdP-initiated: the IdP knows one service provider per connection.
		idp.ServeIDPInitiated(w, r, "connection", r.URL.Query().Get("RelayState"))
		return
	}
	idp.ServeSSO(w, r)
}

func (p *ssoIdP) oidcDiscovery(w http.ResponseWriter, r *http.Request) {
	doc, err := p.svc.IdPDiscovery(baseOf(r), r.PathValue("id"))
	if err != nil {
		p.fail(w, r, err)
		return
	}
	writeJSONBody(w, http.StatusOK, doc)
}

func (p *ssoIdP) oidcJWKS(w http.ResponseWriter, r *http.Request) {
	if _, err := p.svc.IdPDiscovery(baseOf(r), r.PathValue("id")); err != nil {
		p.fail(w, r, err)
		return
	}
	set, err := p.svc.IdPJWKS()
	if err != nil {
		p.fail(w, r, err)
		return
	}
	writeJSONBody(w, http.StatusOK, set)
}

func (p *ssoIdP) oidcAuthorize(w http.ResponseWriter, r *http.Request) {
	target, err := p.svc.IdPAuthorize(r.PathValue("id"), r.URL.Query())
	if err != nil {
		p.fail(w, r, err)
		return
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func (p *ssoIdP) oidcToken(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxIdPBody)
	if err := r.ParseForm(); err != nil {
		p.fail(w, r, &flows.IdPError{Status: http.StatusBadRequest, Code: "invalid_request", Description: "The body must be a form."})
		return
	}
	user, pass, basic := r.BasicAuth()
	out, err := p.svc.IdPToken(baseOf(r), r.PathValue("id"), flows.IdPTokenRequest{Form: r.PostForm, BasicUser: user,
		BasicPass: pass, HasBasic: basic})
	if err != nil {
		p.fail(w, r, err)
		return
	}
	writeJSONBody(w, http.StatusOK, out)
}

func (p *ssoIdP) oidcUserInfo(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("Authorization")
	if len(auth) < 8 || !strings.EqualFold(auth[:7], "bearer ") {
		p.fail(w, r, &flows.IdPError{Status: http.StatusUnauthorized, Code: "invalid_request", Description: "Send Authorization: Bearer <access token>."})
		return
	}
	claims, err := p.svc.IdPUserInfo(baseOf(r), r.PathValue("id"), strings.TrimSpace(auth[7:]))
	if err != nil {
		p.fail(w, r, err)
		return
	}
	writeJSONBody(w, http.StatusOK, claims)
}
