package stytch

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/gen"
)

// IDPService covers Stytch acting as an OAuth 2.0 / OIDC identity provider.
type IDPService struct {
	c *Client
	// OAuth runs the authorization step of the authorization-code flow.
	OAuth *IDPOAuthService
}

// IDPOAuthService starts and completes IdP authorization requests.
type IDPOAuthService service

// IDPOAuthAuthorizeStartResponse is the answer of IDP.OAuth.AuthorizeStart.
type IDPOAuthAuthorizeStartResponse = gen.IDPOAuthAuthorizeStartResponse

// IDPOAuthAuthorizeStartParams is the JSON body of IDP.OAuth.AuthorizeStart.
type IDPOAuthAuthorizeStartParams = gen.IDPOAuthAuthorizeStartRequest

// IDPOAuthAuthorizeResponse is the answer of IDP.OAuth.Authorize.
type IDPOAuthAuthorizeResponse = gen.IDPOAuthAuthorizeResponse

// IDPOAuthAuthorizeParams is the JSON body of IDP.OAuth.Authorize.
type IDPOAuthAuthorizeParams = gen.IDPOAuthAuthorizeRequest

// AuthorizeStart checks an OAuth authorization request of a Connected App for a User and says
// whether consent is needed.
//
// POST /v1/idp/oauth/authorize/start
func (s *IDPOAuthService) AuthorizeStart(ctx context.Context, p *IDPOAuthAuthorizeStartParams) (*IDPOAuthAuthorizeStartResponse, error) {
	return call[IDPOAuthAuthorizeStartResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.IDPOAuthAuthorizeStart(ctx, *p, ed...)
	})
}

// Authorize records the User's consent decision and returns the redirect URI with an authorization
// code.
//
// POST /v1/idp/oauth/authorize
func (s *IDPOAuthService) Authorize(ctx context.Context, p *IDPOAuthAuthorizeParams) (*IDPOAuthAuthorizeResponse, error) {
	return call[IDPOAuthAuthorizeResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.IDPOAuthAuthorize(ctx, *p, ed...)
	})
}

// IDPIntrospectTokenNetworkParams is the form body of IDP.IntrospectTokenNetwork.
type IDPIntrospectTokenNetworkParams struct {
	// Form is what is sent: token, client_id, client_secret, token_type_hint.
	Form IDPIntrospectTokenNetworkForm
	// AuthorizationCheck, when set, is checked locally against the RBAC
	// policy after the call; it is never sent.
	AuthorizationCheck *AuthorizationCheck
}

// IDPIntrospectTokenNetworkForm is the form body of IDP.IntrospectTokenNetwork.
type IDPIntrospectTokenNetworkForm = gen.IDPIntrospectTokenNetworkRequest

// IDPIntrospectTokenNetworkResponse is the answer of IDP.IntrospectTokenNetwork;
// custom claims of the token are in AdditionalProperties.
type IDPIntrospectTokenNetworkResponse = gen.IDPIntrospectTokenNetworkResponse

// IntrospectTokenNetwork asks Stytch whether an access or refresh token it
// issued is active (RFC 7662). The call is form-encoded, carries no project
// Basic auth, and fails with *OAuth2Error. AuthorizationCheck is never sent:
// when set, the token's scopes are checked against the project's RBAC policy
// (one extra RBAC.Policy call) and a token lacking the permission fails with
// a 403 *APIError of type ErrorTypeScopeAuthorizationError.
//
// POST /v1/public/{project_id}/oauth2/introspect
func (s *IDPService) IntrospectTokenNetwork(ctx context.Context, p *IDPIntrospectTokenNetworkParams) (*IDPIntrospectTokenNetworkResponse, error) {
	r, err := callPublic[IDPIntrospectTokenNetworkResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.IDPIntrospectTokenNetworkWithFormdataBody(ctx, s.c.projectID, p.Form, ed...)
	})
	return s.checkAuthorization(ctx, p, r, err)
}

// checkAuthorization applies p.AuthorizationCheck to an active token.
func (s *IDPService) checkAuthorization(ctx context.Context, p *IDPIntrospectTokenNetworkParams, r *IDPIntrospectTokenNetworkResponse, err error) (*IDPIntrospectTokenNetworkResponse, error) {
	if err != nil || p.AuthorizationCheck == nil || !r.Active {
		return r, err
	}
	if err := s.authorizeScopes(ctx, deref(r.Scope), *p.AuthorizationCheck); err != nil {
		return nil, err
	}
	return r, nil
}

// authorizeScopes reports a 403 *APIError unless one of the space-separated
// scopes grants check.Action on check.ResourceId in the RBAC policy.
func (s *IDPService) authorizeScopes(ctx context.Context, scopes string, check AuthorizationCheck) error {
	pol, err := s.c.RBAC.Policy(ctx)
	if err != nil {
		return err
	}
	granted := map[string]bool{}
	for _, sc := range strings.Fields(scopes) {
		granted[sc] = true
	}
	for _, ps := range deref(pol.Policy.Scopes) {
		if !granted[ps.Scope] {
			continue
		}
		for _, perm := range ps.Permissions {
			if perm.ResourceId == check.ResourceId && (slices.Contains(perm.Actions, check.Action) || slices.Contains(perm.Actions, "*")) {
				return nil
			}
		}
	}
	return &APIError{StatusCode: http.StatusForbidden, ErrorType: ErrorTypeScopeAuthorizationError,
		ErrorMessage: "the token's scopes do not grant " + check.Action + " on " + check.ResourceId}
}
