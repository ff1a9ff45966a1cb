package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the sessions operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in sessions.go.

// SessionsAttest is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsAttest(_ context.Context, _ gen.SessionsAttestRequestObject) (gen.SessionsAttestResponseObject, error) {
	return nil, flows.NotImplemented("SessionsAttest")
}

// SessionsExchangeAccessToken is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsExchangeAccessToken(_ context.Context, _ gen.SessionsExchangeAccessTokenRequestObject) (gen.SessionsExchangeAccessTokenResponseObject, error) {
	return nil, flows.NotImplemented("SessionsExchangeAccessToken")
}

// SessionsMigrate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsMigrate(_ context.Context, _ gen.SessionsMigrateRequestObject) (gen.SessionsMigrateResponseObject, error) {
	return nil, flows.NotImplemented("SessionsMigrate")
}
