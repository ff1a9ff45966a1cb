package b2b

import (
	"context"
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/stytch"
	"github.com/stytchkit/stytchkit/stytch/internal/jwtauth"
)

// IDPIntrospectTokenNetworkParams is the input of IDP.IntrospectTokenNetwork.
type IDPIntrospectTokenNetworkParams struct {
	// Form is what is sent: token, client_id, client_secret, token_type_hint.
	Form stytch.IDPIntrospectTokenNetworkForm
	// AuthorizationCheck, when set, is checked locally after the call
	// against the project's cached RBAC policy; it is never sent.
	AuthorizationCheck *AuthorizationCheck
}

// IDPIntrospectTokenNetworkResponse is the answer of IDP.IntrospectTokenNetwork;
// a B2B token's https://stytch.com/organization claim is in
// AdditionalProperties (see TokenOrganizationID).
type IDPIntrospectTokenNetworkResponse = stytch.IDPIntrospectTokenNetworkResponse

// IntrospectTokenNetwork asks Stytch whether an access or refresh token it
// issued to a Connected App is active (RFC 7662), through the wrapped
// stytch.Client's IDP service: form-encoded, without project Basic auth,
// failing with *stytch.OAuth2Error. AuthorizationCheck is never sent: when
// set and the token is active, the token's Organization must be the check's
// (ErrorTypeSessionAuthorizationTenancyError otherwise) and one of its
// scopes must grant the action on the resource under the project's RBAC
// policy (stytch.ErrorTypeScopeAuthorizationError otherwise); both refusals
// are 403 *stytch.APIError matching stytch.ErrPermissionDenied.
//
// POST /v1/public/{project_id}/oauth2/introspect
func (s *IDPService) IntrospectTokenNetwork(ctx context.Context, p *IDPIntrospectTokenNetworkParams) (*IDPIntrospectTokenNetworkResponse, error) {
	if p == nil {
		return nil, errNilParams
	}
	if ac := p.AuthorizationCheck; ac != nil {
		if err := validCheck(ac, true); err != nil {
			return nil, err
		}
	}
	r, err := s.c.consumer.IDP.IntrospectTokenNetwork(ctx, &stytch.IDPIntrospectTokenNetworkParams{Form: p.Form})
	if err != nil || p.AuthorizationCheck == nil || !r.Active {
		return r, err
	}
	if err := s.c.authorizeScopes(ctx, TokenOrganizationID(r), deref(r.Scope), *p.AuthorizationCheck); err != nil {
		return nil, err
	}
	return r, nil
}

// TokenOrganizationID returns the organization_id of an introspected
// token's https://stytch.com/organization claim, or "" when it has none.
func TokenOrganizationID(r *IDPIntrospectTokenNetworkResponse) string {
	if r == nil {
		return ""
	}
	org, _ := r.AdditionalProperties[jwtauth.OrganizationClaimName].(map[string]any)
	id, _ := org["organization_id"].(string)
	return id
}

// authorizeScopes applies check to a token of orgID granted the
// space-separated scopes, with the cached project policy.
func (c *Client) authorizeScopes(ctx context.Context, orgID, scopes string, check AuthorizationCheck) error {
	if orgID != check.OrganizationID {
		return c.auth.cfg.Refusal(ErrorTypeSessionAuthorizationTenancyError,
			"the token's Organization "+orgID+" is not the check's "+check.OrganizationID,
			&jwtauth.Error{Kind: jwtauth.ErrPermissionDenied, Detail: "organization mismatch"})
	}
	pol, err := c.projectPolicy(ctx, c.auth.policies.TTL())
	if err != nil {
		return err
	}
	granted := strings.Fields(scopes)
	for _, ps := range pol.Scopes {
		if !slices.Contains(granted, ps.Scope) {
			continue
		}
		for _, perm := range ps.Permissions {
			if perm.ResourceID == check.ResourceID && (slices.Contains(perm.Actions, check.Action) || slices.Contains(perm.Actions, "*")) {
				return nil
			}
		}
	}
	return c.auth.cfg.Refusal(stytch.ErrorTypeScopeAuthorizationError,
		"the token's scopes do not grant "+check.Action+" on "+check.ResourceID,
		&jwtauth.Error{Kind: jwtauth.ErrPermissionDenied, Detail: "no scope grants the action"})
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
