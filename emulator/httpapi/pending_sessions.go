package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// Sessions.Migrate needs the project's external OIDC UserInfo endpoint and
// Sessions.Attest a trusted token profile (an external issuer's keys); the
// emulator has neither yet, so both answer a Stytch-shaped 501
// not_implemented_in_emulator.

// SessionsAttest is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsAttest(_ context.Context, _ gen.SessionsAttestRequestObject) (gen.SessionsAttestResponseObject, error) {
	return nil, flows.NotImplemented("SessionsAttest")
}

// SessionsMigrate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) SessionsMigrate(_ context.Context, _ gen.SessionsMigrateRequestObject) (gen.SessionsMigrateResponseObject, error) {
	return nil, flows.NotImplemented("SessionsMigrate")
}
