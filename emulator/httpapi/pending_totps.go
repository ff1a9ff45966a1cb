package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the totps operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in totps.go.

// TOTPsCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) TOTPsCreate(_ context.Context, _ gen.TOTPsCreateRequestObject) (gen.TOTPsCreateResponseObject, error) {
	return nil, flows.NotImplemented("TOTPsCreate")
}

// TOTPsAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) TOTPsAuthenticate(_ context.Context, _ gen.TOTPsAuthenticateRequestObject) (gen.TOTPsAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("TOTPsAuthenticate")
}

// TOTPsRecover is not implemented yet (501 not_implemented_in_emulator).
func (a *API) TOTPsRecover(_ context.Context, _ gen.TOTPsRecoverRequestObject) (gen.TOTPsRecoverResponseObject, error) {
	return nil, flows.NotImplemented("TOTPsRecover")
}

// TOTPsRecoveryCodes is not implemented yet (501 not_implemented_in_emulator).
func (a *API) TOTPsRecoveryCodes(_ context.Context, _ gen.TOTPsRecoveryCodesRequestObject) (gen.TOTPsRecoveryCodesResponseObject, error) {
	return nil, flows.NotImplemented("TOTPsRecoveryCodes")
}
