package stytch

import (
	"context"
	"strings"

	"github.com/stytchkit/stytchkit/stytch/internal/apicall"
)

// requestToken always asks the server; Token (m2mauth.go) caches it.
func (s *M2MService) requestToken(ctx context.Context, clientID, clientSecret string, scopes []string) (*M2MTokenResponse, error) {
	if err := validateTokenArgs(ctx, clientID, clientSecret); err != nil {
		return nil, err
	}
	body := M2MTokenBody{ClientID: &clientID, ClientSecret: &clientSecret, GrantType: M2MTokenRequestGrantTypeClientCredentials}
	if len(scopes) > 0 {
		body.Scope = new(strings.Join(scopes, " "))
	}
	return invoke[M2MTokenResponse](ctx, s.c, &opM2MToken, apicall.Args{Path: [apicall.MaxPathParams]string{s.c.projectID}, Body: &body})
}
