package flows

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// The project's list of redirect URLs, which Stytch's Dashboard keeps and
// every redirect URL a request names must be on. The emulator checks it
// only when one is configured (Service.SetRedirectURLs); without one it
// accepts any URL, as it always has.

// redirectArg is one redirect URL of a request and the error type Stytch
// answers when it is not on the list.
type redirectArg struct {
	raw string
	bad ErrorType
}

// Redirect URL types, as Stytch's Dashboard lists them.
const (
	RedirectLogin         = "login"
	RedirectSignup        = "signup"
	RedirectInvite        = "invite"
	RedirectResetPassword = "reset_password"
	RedirectDiscovery     = "discovery"
)

// redirectTypeNames are the redirect URL types, in the Dashboard's order.
var redirectTypeNames = []string{RedirectLogin, RedirectSignup, RedirectInvite, RedirectResetPassword, RedirectDiscovery}

// redirectTypes is the type of the redirect URL each error type refuses.
var redirectTypes = map[ErrorType]string{
	ErrInvalidLoginMagicLinkURL: RedirectLogin, ErrInvalidLoginOAuthURL: RedirectLogin,
	ErrInvalidLoginRedirectURL: RedirectLogin, ErrInvalidLoginSSOURL: RedirectLogin,
	ErrInvalidSignupMagicLinkURL: RedirectSignup, ErrInvalidSignupOAuthURL: RedirectSignup,
	ErrInvalidSignupRedirectURL: RedirectSignup, ErrInvalidSignupSSOURL: RedirectSignup,
	ErrInvalidInviteMagicLinkURL: RedirectInvite, ErrInvalidInviteRedirectURL: RedirectInvite,
	ErrInvalidPasswordResetRedirectURL: RedirectResetPassword,
	ErrInvalidDiscoveryRedirectURL:     RedirectDiscovery,
}

// SetRedirectURLs sets the project's list of redirect URLs (nil or empty:
// any URL is allowed). An entry is an absolute http(s) URL, allowed for
// every type of redirect, or TYPE=URL, allowed for one (login, signup,
// invite, reset_password, discovery), as Stytch keeps one list per type. A
// request's URL matches an entry with the same scheme, host (both
// case-insensitive), port and path, whatever its query string.
func (s *Service) SetRedirectURLs(entries []string) error {
	keys := map[string]map[string]bool{}
	for _, entry := range entries {
		typ, raw := "", entry
		if t, rest, ok := strings.Cut(entry, "="); ok && slices.Contains(redirectTypeNames, t) {
			typ, raw = t, rest
		}
		k, ok := redirectKey(raw)
		if !ok {
			return fmt.Errorf("redirect URL %q is not an absolute http(s) URL (or TYPE=URL, TYPE one of %s)", entry,
				strings.Join(redirectTypeNames, ", "))
		}
		if keys[typ] == nil {
			keys[typ] = map[string]bool{}
		}
		keys[typ][k] = true
	}
	if len(keys) == 0 {
		keys = nil
	}
	s.redirectMu.Lock()
	s.redirectURLs = keys
	s.redirectMu.Unlock()
	return nil
}

// checkRedirects refuses the first URL of args that is not on the
// project's list of redirect URLs for its type, with its error type; empty
// URLs (the default one will be used) and a project without a list pass.
func (s *Service) checkRedirects(args ...redirectArg) error {
	s.redirectMu.RLock()
	allowed := s.redirectURLs
	s.redirectMu.RUnlock()
	if allowed == nil {
		return nil
	}
	for _, a := range args {
		if a.raw == "" {
			continue
		}
		typ := redirectTypes[a.bad]
		if k, ok := redirectKey(a.raw); !ok || !(allowed[""][k] || allowed[typ][k]) {
			return E(a.bad, "%s is not on the project's list of %s redirect URLs (the emulator's -allowed-redirect-urls).", a.raw, typ)
		}
	}
	return nil
}

// redirectKey is what two redirect URLs must share to match: scheme, host
// and path.
func redirectKey(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", false
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + path, true
}
