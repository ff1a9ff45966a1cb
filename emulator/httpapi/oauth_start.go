package httpapi

import (
	"net/http"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/flows"
)

// OAuthStartPrefix + "{provider}/start" is the emulated identity provider, a
// route beyond the spec for the half of an OAuth login that a browser does:
// the same path as Stytch's own OAuth start URL, public (a browser follows
// it), answering 302 to the login or signup redirect URL with
// ?stytch_token_type=oauth&token=... Query: public_token (required),
// login_redirect_url, signup_redirect_url, test_identity (email or provider
// subject; default flows.DefaultOAuthIdentity), code_challenge (PKCE S256),
// oauth_attach_token, custom_scopes (comma or space separated).
const OAuthStartPrefix = "/v1/public/oauth/"

// oauthStartProvider extracts {provider} from /v1/public/oauth/{provider}/start.
func oauthStartProvider(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, OAuthStartPrefix)
	if !ok {
		return "", false
	}
	provider, ok := strings.CutSuffix(rest, "/start")
	return provider, ok && provider != "" && !strings.Contains(provider, "/")
}

// serveOAuthStart answers the OAuth start URL of provider.
func (h *Handler) serveOAuthStart(w http.ResponseWriter, r *http.Request, provider string) {
	if r.Method != http.MethodGet {
		WriteError(w, r, h.log, flows.E(http.StatusMethodNotAllowed, "method_not_allowed",
			"%s is not allowed on %s.", r.Method, r.URL.Path))
		return
	}
	q := r.URL.Query()
	if q.Get("public_token") == "" {
		WriteError(w, r, h.log, flows.BadRequest("invalid_public_token", "The start URL needs the project's public_token."))
		return
	}
	scopes := strings.FieldsFunc(q.Get("custom_scopes"), func(c rune) bool { return c == ',' || c == ' ' })
	target, err := h.opts.Service.StartOAuth(flows.OAuthStartInput{Provider: provider, Identity: q.Get("test_identity"),
		LoginRedirectURL: q.Get("login_redirect_url"), SignupRedirectURL: q.Get("signup_redirect_url"),
		CodeChallenge: q.Get("code_challenge"), AttachToken: q.Get("oauth_attach_token"), Scopes: scopes})
	if err != nil {
		WriteError(w, r, h.log, err)
		return
	}
	http.Redirect(w, r, target, http.StatusFound)
}
