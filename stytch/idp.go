package stytch

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
)

// IDPIntrospectTokenNetworkParams is the form body of IDP.IntrospectTokenNetwork.
type IDPIntrospectTokenNetworkParams struct {
	// Form is what is sent: token, client_id, client_secret, token_type_hint.
	Form IDPIntrospectTokenNetworkForm
	// AuthorizationCheck, when set, is checked locally against the RBAC
	// policy after the call; it is never sent.
	AuthorizationCheck *AuthorizationCheck
}

// IDPIntrospectTokenNetworkForm is the form body of IDP.IntrospectTokenNetwork.
type IDPIntrospectTokenNetworkForm = IDPIntrospectTokenNetworkBody

// IntrospectTokenNetwork asks Stytch whether an access or refresh token it
// issued is active (RFC 7662). The call is form-encoded, carries no project
// Basic auth, and fails with *OAuth2Error. AuthorizationCheck is never sent:
// when set, the token's scopes are checked against the project's RBAC policy
// (one extra RBAC.Policy call) and a token lacking the permission fails with
// a 403 *APIError of type ErrorTypeScopeAuthorizationError.
//
// POST /v1/public/{project_id}/oauth2/introspect
func (s *IDPService) IntrospectTokenNetwork(ctx context.Context, p *IDPIntrospectTokenNetworkParams) (*IDPIntrospectTokenNetworkResponse, error) {
	if p == nil {
		return nil, errNilParams
	}
	r, err := invoke[IDPIntrospectTokenNetworkResponse](ctx, s.c, &opIDPIntrospectTokenNetwork,
		apicall.Args{Path: [apicall.MaxPathParams]string{s.c.projectID}, Body: &p.Form})
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
// scopes grants check.Action on check.ResourceID in the RBAC policy.
func (s *IDPService) authorizeScopes(ctx context.Context, scopes string, check AuthorizationCheck) error {
	pol, err := s.c.RBAC.Policy(ctx)
	if err != nil {
		return err
	}
	granted := map[string]bool{}
	for _, sc := range strings.Fields(scopes) {
		granted[sc] = true
	}
	if pol.Policy == nil {
		return &APIError{StatusCode: http.StatusForbidden, ErrorType: ErrorTypeScopeAuthorizationError,
			ErrorMessage: "the project has no RBAC policy to grant " + check.Action + " on " + check.ResourceID}
	}
	for _, ps := range pol.Policy.Scopes {
		if !granted[ps.Scope] {
			continue
		}
		for _, perm := range ps.Permissions {
			if perm.ResourceID == check.ResourceID && (slices.Contains(perm.Actions, check.Action) || slices.Contains(perm.Actions, "*")) {
				return nil
			}
		}
	}
	return &APIError{StatusCode: http.StatusForbidden, ErrorType: ErrorTypeScopeAuthorizationError,
		ErrorMessage: "the token's scopes do not grant " + check.Action + " on " + check.ResourceID}
}
