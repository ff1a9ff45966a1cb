package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the sessions operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in sessions.go.

// SessionsGet is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsGet(_ context.Context, _ gen.SessionsGetRequestObject) (gen.SessionsGetResponseObject, error) {
	return nil, flows.NotImplemented("SessionsGet")
}

// SessionsAttest is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsAttest(_ context.Context, _ gen.SessionsAttestRequestObject) (gen.SessionsAttestResponseObject, error) {
	return nil, flows.NotImplemented("SessionsAttest")
}

// SessionsAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsAuthenticate(_ context.Context, _ gen.SessionsAuthenticateRequestObject) (gen.SessionsAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("SessionsAuthenticate")
}

// SessionsExchangeAccessToken is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsExchangeAccessToken(_ context.Context, _ gen.SessionsExchangeAccessTokenRequestObject) (gen.SessionsExchangeAccessTokenResponseObject, error) {
	return nil, flows.NotImplemented("SessionsExchangeAccessToken")
}

// SessionsGetJWKS is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsGetJWKS(_ context.Context, _ gen.SessionsGetJWKSRequestObject) (gen.SessionsGetJWKSResponseObject, error) {
	return nil, flows.NotImplemented("SessionsGetJWKS")
}

// SessionsMigrate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsMigrate(_ context.Context, _ gen.SessionsMigrateRequestObject) (gen.SessionsMigrateResponseObject, error) {
	return nil, flows.NotImplemented("SessionsMigrate")
}

// SessionsRevoke is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsRevoke(_ context.Context, _ gen.SessionsRevokeRequestObject) (gen.SessionsRevokeResponseObject, error) {
	return nil, flows.NotImplemented("SessionsRevoke")
}
