package control

import (
	"errors"
	"net"
	"net/http"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/internal/projectauth"
)

// access is who may call a route.
type access int

const (
	// accessProject: the project's Basic credentials.
	accessProject access = iota
	// accessUI: the Basic credentials, or none when the request came over a
	// loopback connection and names a loopback (or the listener's own) host.
	accessUI
	// accessPublic: anyone; the route checks its own token.
	accessPublic
)

var errTrailingData = errors.New("unexpected data after the JSON body")

// guard is the control plane's one middleware: it lets r through to next
// only when access allows it, and refuses state-changing requests that a
// browser sent from another origin (cross-site request forgery: a browser
// attaches remembered Basic credentials to them too).
//
// The UI rule defends against DNS rebinding: a page of another site whose
// name resolves to 127.0.0.1 reaches the emulator over loopback, but its
// requests carry that site's name as Host, which is refused.
func (h *Handler) guard(a access, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a == accessUI {
			uiHeaders(w.Header())
		}
		switch a {
		case accessProject:
			if !h.creds.Check(r) {
				h.challenge(w, r)
				return
			}
		case accessUI:
			if h.creds.Check(r) {
				break
			}
			local := localIP(r)
			if local == nil || !local.IsLoopback() {
				h.challenge(w, r)
				return
			}
			if !allowedHost(r.Host, local) {
				h.writeError(w, r, flows.E(flows.ErrHostNotAllowed,
					"The emulator UI answers only to localhost, a loopback address or the address it listens on."))
				return
			}
		}
		if a != accessPublic {
			if err := h.xorigin.Check(r); err != nil {
				h.writeError(w, r, flows.E(flows.ErrCrossOriginRequest,
					"A state-changing control-plane request must come from the emulator's own origin."))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// challenge answers 401 with a Basic challenge, so that a browser asks for
// the project id and secret instead of showing the JSON error.
func (h *Handler) challenge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("WWW-Authenticate", projectauth.Challenge)
	h.writeError(w, r, flows.ErrUnauthorizedCredentials.New())
}

// uiHeaders keeps the UI's pages and JSON from being framed (click-jacking
// the reset button), sniffed, cached or leaking their URL, and lets its page
// load nothing but its own files.
func uiHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}

// localIP is the address the request's connection was accepted on (nil when
// the server did not record one, as with a handler called directly).
func localIP(r *http.Request) net.IP {
	addr, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	switch a := addr.(type) {
	case *net.TCPAddr:
		return a.IP
	case nil:
		return nil
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return nil
	}
	return net.ParseIP(host)
}

// allowedHost reports whether the Host header names this machine: localhost
// or a name under .localhost (RFC 6761), a loopback address, or the address
// the connection was accepted on. The port is not checked.
func allowedHost(hostport string, local net.IP) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.Equal(local))
}
