package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the passwords operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in passwords.go.

// PasswordsCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) PasswordsCreate(_ context.Context, _ gen.PasswordsCreateRequestObject) (gen.PasswordsCreateResponseObject, error) {
	return nil, flows.NotImplemented("PasswordsCreate")
}

// PasswordsAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) PasswordsAuthenticate(_ context.Context, _ gen.PasswordsAuthenticateRequestObject) (gen.PasswordsAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("PasswordsAuthenticate")
}

// PasswordsEmailReset is not implemented yet (501 not_implemented_in_emulator).
func (a *API) PasswordsEmailReset(_ context.Context, _ gen.PasswordsEmailResetRequestObject) (gen.PasswordsEmailResetResponseObject, error) {
	return nil, flows.NotImplemented("PasswordsEmailReset")
}

// PasswordsEmailResetStart is not implemented yet (501 not_implemented_in_emulator).
func (a *API) PasswordsEmailResetStart(_ context.Context, _ gen.PasswordsEmailResetStartRequestObject) (gen.PasswordsEmailResetStartResponseObject, error) {
	return nil, flows.NotImplemented("PasswordsEmailResetStart")
}

// PasswordsExistingPasswordReset is not implemented yet (501 not_implemented_in_emulator).
func (a *API) PasswordsExistingPasswordReset(_ context.Context, _ gen.PasswordsExistingPasswordResetRequestObject) (gen.PasswordsExistingPasswordResetResponseObject, error) {
	return nil, flows.NotImplemented("PasswordsExistingPasswordReset")
}

// PasswordsMigrate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) PasswordsMigrate(_ context.Context, _ gen.PasswordsMigrateRequestObject) (gen.PasswordsMigrateResponseObject, error) {
	return nil, flows.NotImplemented("PasswordsMigrate")
}

// PasswordsSessionsReset is not implemented yet (501 not_implemented_in_emulator).
func (a *API) PasswordsSessionsReset(_ context.Context, _ gen.PasswordsSessionsResetRequestObject) (gen.PasswordsSessionsResetResponseObject, error) {
	return nil, flows.NotImplemented("PasswordsSessionsReset")
}

// PasswordsStrengthCheck is not implemented yet (501 not_implemented_in_emulator).
func (a *API) PasswordsStrengthCheck(_ context.Context, _ gen.PasswordsStrengthCheckRequestObject) (gen.PasswordsStrengthCheckResponseObject, error) {
	return nil, flows.NotImplemented("PasswordsStrengthCheck")
}
