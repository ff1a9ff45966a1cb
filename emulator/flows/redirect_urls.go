package flows

import (
	"fmt"
	"net/url"
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

// SetRedirectURLs sets the project's list of redirect URLs (nil or empty:
// any URL is allowed). Each must be an absolute http(s) URL; a request's
// URL matches one with the same scheme, host (both case-insensitive), port
// and path, whatever its query string.
func (s *Service) SetRedirectURLs(urls []string) error {
	keys := make(map[string]bool, len(urls))
	for _, raw := range urls {
		k, ok := redirectKey(raw)
		if !ok {
			return fmt.Errorf("redirect URL %q is not an absolute http(s) URL", raw)
		}
		keys[k] = true
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
// project's list of redirect URLs, with its error type; empty URLs (the
// default one will be used) and a project without a list pass.
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
		if k, ok := redirectKey(a.raw); !ok || !allowed[k] {
			return E(a.bad, "%s is not on the project's list of redirect URLs (the emulator's -allowed-redirect-urls).", a.raw)
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
