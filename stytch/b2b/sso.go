package b2b

import (
	"net/url"

	"github.com/stytchkit/stytchkit/stytch"
)

// SSOStartParams are the query parameters of an SSO start redirect.
type SSOStartParams struct {
	// ConnectionID is the SAML, OIDC or external connection to log in
	// with. Give it or OrganizationID, not both.
	ConnectionID string
	// OrganizationID names an Organization (id, slug or external id) whose
	// default SSO connection is used. Give it or ConnectionID, not both.
	OrganizationID string
	// PublicToken is the project's public token (public-token-<env>-<uuid>);
	// it authenticates the browser's request. Required. Against the
	// emulator it is emulator.Server.PublicToken().
	PublicToken string
	// LoginRedirectURL and SignupRedirectURL are where an existing Member or
	// one who does not exist yet lands with the SSO token; when empty, the
	// project's default redirect URLs apply.
	LoginRedirectURL, SignupRedirectURL string
	// PKCECodeChallenge is the PKCE challenge (base64url SHA-256 of the
	// verifier later given to SSO.Authenticate as PKCECodeVerifier).
	PKCECodeChallenge string
}

// StartURL returns the URL that starts an SSO login: send the Member's
// browser there. It is not a backend call: Stytch redirects the browser to
// the connection's identity provider (a SAML AuthnRequest or an OIDC
// authorization request); the Member signs in there and comes back through
// Stytch to the login or sign-up redirect URL with
// ?stytch_token_type=sso&token=..., which SSO.Authenticate exchanges for a
// Member session. Against the emulator, its emulated identity provider
// plays the IdP. Nothing is sent; the error is a *stytch.ValidationError.
//
// GET /v1/public/sso/start
func (s *SSOService) StartURL(p *SSOStartParams) (string, error) {
	switch {
	case p == nil:
		return "", errNilParams
	case p.PublicToken == "":
		return "", missing("PublicToken")
	case p.ConnectionID == "" && p.OrganizationID == "":
		return "", &stytch.ValidationError{Field: "ConnectionID", Reason: "give ConnectionID or OrganizationID"}
	case p.ConnectionID != "" && p.OrganizationID != "":
		return "", &stytch.ValidationError{Field: "OrganizationID", Reason: "must be empty when ConnectionID is set"}
	}
	q := url.Values{"public_token": {p.PublicToken}}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("connection_id", p.ConnectionID)
	set("organization_id", p.OrganizationID)
	set("login_redirect_url", p.LoginRedirectURL)
	set("signup_redirect_url", p.SignupRedirectURL)
	set("pkce_code_challenge", p.PKCECodeChallenge)
	return s.c.consumer.BaseURL() + opSSOStartURL.Segments[0] + "?" + q.Encode(), nil
}
