package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the webauthn operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in webauthn.go.

// WebAuthnAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) WebAuthnAuthenticate(_ context.Context, _ gen.WebAuthnAuthenticateRequestObject) (gen.WebAuthnAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("WebAuthnAuthenticate")
}

// WebAuthnAuthenticateStart is not implemented yet (501 not_implemented_in_emulator).
func (a *API) WebAuthnAuthenticateStart(_ context.Context, _ gen.WebAuthnAuthenticateStartRequestObject) (gen.WebAuthnAuthenticateStartResponseObject, error) {
	return nil, flows.NotImplemented("WebAuthnAuthenticateStart")
}

// WebAuthnListCredentials is not implemented yet (501 not_implemented_in_emulator).
func (a *API) WebAuthnListCredentials(_ context.Context, _ gen.WebAuthnListCredentialsRequestObject) (gen.WebAuthnListCredentialsResponseObject, error) {
	return nil, flows.NotImplemented("WebAuthnListCredentials")
}

// WebAuthnRegister is not implemented yet (501 not_implemented_in_emulator).
func (a *API) WebAuthnRegister(_ context.Context, _ gen.WebAuthnRegisterRequestObject) (gen.WebAuthnRegisterResponseObject, error) {
	return nil, flows.NotImplemented("WebAuthnRegister")
}

// WebAuthnRegisterStart is not implemented yet (501 not_implemented_in_emulator).
func (a *API) WebAuthnRegisterStart(_ context.Context, _ gen.WebAuthnRegisterStartRequestObject) (gen.WebAuthnRegisterStartResponseObject, error) {
	return nil, flows.NotImplemented("WebAuthnRegisterStart")
}

// WebAuthnUpdate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) WebAuthnUpdate(_ context.Context, _ gen.WebAuthnUpdateRequestObject) (gen.WebAuthnUpdateResponseObject, error) {
	return nil, flows.NotImplemented("WebAuthnUpdate")
}
