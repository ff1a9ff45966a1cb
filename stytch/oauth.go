package stytch

import (
	"net/url"
	"regexp"
	"strings"
)

// OAuthStartParams are the query parameters of an OAuth start redirect.
type OAuthStartParams struct {
	// PublicToken is the project's public token (public-token-<env>-<uuid>);
	// it authenticates the browser's request. Required. Against the
	// emulator it is emulator.Server.PublicToken().
	PublicToken string
	// LoginRedirectURL and SignupRedirectURL are where an existing or a new
	// user lands with the Stytch OAuth token; when empty, the project's
	// default redirect URLs apply.
	LoginRedirectURL, SignupRedirectURL string
	// CustomScopes are extra scopes to request from the provider.
	CustomScopes []string
	// CodeChallenge is the PKCE challenge (base64url SHA-256 of the verifier
	// later given to OAuth.Authenticate as CodeVerifier).
	CodeChallenge string
	// OAuthAttachToken is a token from OAuth.Attach, to add the provider to
	// an existing user.
	OAuthAttachToken string
	// ProviderParams are forwarded to the provider as provider_<name>, e.g.
	// {"login_hint": "ada@example.com"} becomes provider_login_hint.
	ProviderParams map[string]string
}

var providerRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// StartURL returns the URL that starts an OAuth login with provider (google,
// github, microsoft, apple, ...): send the user's browser there. It is not a
// backend call: the user signs in at the provider, comes back through
// Stytch, and lands on the login or sign-up redirect URL with
// ?stytch_token_type=oauth&token=..., which OAuth.Authenticate exchanges for
// a session. Against the emulator, its fake identity provider plays the
// provider. Nothing is sent; the error is a *ValidationError.
//
// GET /v1/public/oauth/{provider}/start
func (s *OAuthService) StartURL(provider string, p *OAuthStartParams) (string, error) {
	switch {
	case !providerRe.MatchString(provider):
		return "", &ValidationError{Field: "provider", Reason: "must be a provider name such as google"}
	case p == nil:
		return "", errNilParams
	case p.PublicToken == "":
		return "", missing("PublicToken")
	}
	q := url.Values{"public_token": {p.PublicToken}}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("login_redirect_url", p.LoginRedirectURL)
	set("signup_redirect_url", p.SignupRedirectURL)
	set("custom_scopes", strings.Join(p.CustomScopes, " "))
	set("code_challenge", p.CodeChallenge)
	set("oauth_attach_token", p.OAuthAttachToken)
	for k, v := range p.ProviderParams {
		set("provider_"+k, v)
	}
	a := &opOAuthStart
	return s.c.eng.bases[a.Host] + a.Segments[0] + url.PathEscape(provider) + a.Segments[1] + "?" + q.Encode(), nil
}
