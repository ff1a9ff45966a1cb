package b2b

import (
	"net/url"
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
)

// OAuthStartParams are the query parameters of a B2B OAuth start redirect.
type OAuthStartParams struct {
	// PublicToken is the project's public token (public-token-<env>-<uuid>);
	// it authenticates the browser's request. Required. Against the
	// emulator it is emulator.Server.PublicToken().
	PublicToken string
	// OrganizationID or OrganizationSlug names the Organization the Member
	// logs in to; exactly one is required.
	OrganizationID, OrganizationSlug string
	// LoginRedirectURL and SignupRedirectURL are where an existing or a new
	// Member lands with the Stytch OAuth token; when empty, the project's
	// default redirect URLs apply.
	LoginRedirectURL, SignupRedirectURL string
	// CustomScopes are extra scopes to request from the provider.
	CustomScopes []string
	// PKCECodeChallenge is the PKCE challenge (base64url SHA-256 of the
	// verifier later given to OAuth.Authenticate as PKCECodeVerifier).
	PKCECodeChallenge string
	// ProviderParams are forwarded to the provider as provider_<name>, e.g.
	// {"login_hint": "ada@example.com"} becomes provider_login_hint.
	ProviderParams map[string]string
}

// OAuthDiscoveryStartParams are the query parameters of a B2B discovery
// OAuth start redirect.
type OAuthDiscoveryStartParams struct {
	// PublicToken is the project's public token; required.
	PublicToken string
	// DiscoveryRedirectURL is where the user lands with the discovery OAuth
	// token; when empty, the project's default discovery URL applies.
	DiscoveryRedirectURL string
	// CustomScopes are extra scopes to request from the provider.
	CustomScopes []string
	// PKCECodeChallenge is the PKCE challenge (base64url SHA-256 of the
	// verifier later given to OAuth.Discovery.Authenticate).
	PKCECodeChallenge string
	// ProviderParams are forwarded to the provider as provider_<name>.
	ProviderParams map[string]string
}

// b2bProviders are the B2B OAuth providers.
var b2bProviders = []string{"google", "microsoft", "github", "hubspot", "slack"}

// StartURL returns the URL that starts a B2B OAuth login with provider
// (google, microsoft, github, hubspot or slack) into an Organization: send
// the user's browser there. It is not a backend call: the user signs in at
// the provider, comes back through Stytch, and lands on the login or
// sign-up redirect URL with ?stytch_token_type=oauth&token=..., which
// OAuth.Authenticate exchanges for a member session. Against the emulator,
// its fake identity provider plays the provider. Nothing is sent; the
// error is a *stytch.ValidationError.
//
// GET /v1/b2b/public/oauth/{provider}/start
func (s *OAuthService) StartURL(provider string, p *OAuthStartParams) (string, error) {
	if err := checkStart(provider, p == nil, p != nil && p.PublicToken == ""); err != nil {
		return "", err
	}
	if (p.OrganizationID == "") == (p.OrganizationSlug == "") {
		return "", &stytch.ValidationError{Field: "OrganizationID", Reason: "exactly one of OrganizationID and OrganizationSlug must be set"}
	}
	q := startQuery(p.PublicToken, p.CustomScopes, p.PKCECodeChallenge, p.ProviderParams)
	set(q, "organization_id", p.OrganizationID)
	set(q, "slug", p.OrganizationSlug)
	set(q, "login_redirect_url", p.LoginRedirectURL)
	set(q, "signup_redirect_url", p.SignupRedirectURL)
	return s.c.startURL(&opOAuthStartURL, provider, q), nil
}

// StartURL returns the URL that starts a B2B discovery OAuth login with
// provider (google, microsoft, github, hubspot or slack), before any
// Organization is chosen: the user lands on the discovery redirect URL
// with ?stytch_token_type=discovery_oauth&token=..., which
// OAuth.Discovery.Authenticate exchanges for an intermediate session and
// the Organizations the user can enter. Nothing is sent; the error is a
// *stytch.ValidationError.
//
// GET /v1/b2b/public/oauth/{provider}/discovery/start
func (s *OAuthDiscoveryService) StartURL(provider string, p *OAuthDiscoveryStartParams) (string, error) {
	if err := checkStart(provider, p == nil, p != nil && p.PublicToken == ""); err != nil {
		return "", err
	}
	q := startQuery(p.PublicToken, p.CustomScopes, p.PKCECodeChallenge, p.ProviderParams)
	set(q, "discovery_redirect_url", p.DiscoveryRedirectURL)
	return s.c.startURL(&opOAuthDiscoveryStartURL, provider, q), nil
}

// checkStart validates what both start URLs need.
func checkStart(provider string, nilParams, noToken bool) error {
	switch {
	case !slices.Contains(b2bProviders, provider):
		return &stytch.ValidationError{Field: "provider", Reason: "must be one of " + strings.Join(b2bProviders, ", ")}
	case nilParams:
		return errNilParams
	case noToken:
		return missing("PublicToken")
	}
	return nil
}

// startQuery returns the query parameters both start URLs share.
func startQuery(publicToken string, scopes []string, challenge string, provider map[string]string) url.Values {
	q := url.Values{"public_token": {publicToken}}
	set(q, "custom_scopes", strings.Join(scopes, " "))
	set(q, "pkce_code_challenge", challenge)
	for k, v := range provider {
		set(q, "provider_"+k, v)
	}
	return q
}

// set adds k=v to q unless v is empty.
func set(q url.Values, k, v string) {
	if v != "" {
		q.Set(k, v)
	}
}

// startURL builds the URL of a browser start operation for provider.
func (c *Client) startURL(op *apicall.Operation, provider string, q url.Values) string {
	return c.consumer.BaseURL() + op.Segments[0] + url.PathEscape(provider) + op.Segments[1] + "?" + q.Encode()
}
