package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the users operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in users.go.

// UsersCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersCreate(_ context.Context, _ gen.UsersCreateRequestObject) (gen.UsersCreateResponseObject, error) {
	return nil, flows.NotImplemented("UsersCreate")
}

// UsersDeleteBiometricRegistration is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeleteBiometricRegistration(_ context.Context, _ gen.UsersDeleteBiometricRegistrationRequestObject) (gen.UsersDeleteBiometricRegistrationResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeleteBiometricRegistration")
}

// UsersDeleteCryptoWallet is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeleteCryptoWallet(_ context.Context, _ gen.UsersDeleteCryptoWalletRequestObject) (gen.UsersDeleteCryptoWalletResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeleteCryptoWallet")
}

// UsersDeleteEmail is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeleteEmail(_ context.Context, _ gen.UsersDeleteEmailRequestObject) (gen.UsersDeleteEmailResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeleteEmail")
}

// UsersDeleteOAuthRegistration is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeleteOAuthRegistration(_ context.Context, _ gen.UsersDeleteOAuthRegistrationRequestObject) (gen.UsersDeleteOAuthRegistrationResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeleteOAuthRegistration")
}

// UsersDeletePassword is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeletePassword(_ context.Context, _ gen.UsersDeletePasswordRequestObject) (gen.UsersDeletePasswordResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeletePassword")
}

// UsersDeletePhoneNumber is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeletePhoneNumber(_ context.Context, _ gen.UsersDeletePhoneNumberRequestObject) (gen.UsersDeletePhoneNumberResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeletePhoneNumber")
}

// UsersSearch is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersSearch(_ context.Context, _ gen.UsersSearchRequestObject) (gen.UsersSearchResponseObject, error) {
	return nil, flows.NotImplemented("UsersSearch")
}

// UsersDeleteTOTP is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeleteTOTP(_ context.Context, _ gen.UsersDeleteTOTPRequestObject) (gen.UsersDeleteTOTPResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeleteTOTP")
}

// UsersDeleteWebAuthnRegistration is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeleteWebAuthnRegistration(_ context.Context, _ gen.UsersDeleteWebAuthnRegistrationRequestObject) (gen.UsersDeleteWebAuthnRegistrationResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeleteWebAuthnRegistration")
}

// UsersDelete is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDelete(_ context.Context, _ gen.UsersDeleteRequestObject) (gen.UsersDeleteResponseObject, error) {
	return nil, flows.NotImplemented("UsersDelete")
}

// UsersGet is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersGet(_ context.Context, _ gen.UsersGetRequestObject) (gen.UsersGetResponseObject, error) {
	return nil, flows.NotImplemented("UsersGet")
}

// UsersUpdate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersUpdate(_ context.Context, _ gen.UsersUpdateRequestObject) (gen.UsersUpdateResponseObject, error) {
	return nil, flows.NotImplemented("UsersUpdate")
}

// UsersExchangePrimaryFactor is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersExchangePrimaryFactor(_ context.Context, _ gen.UsersExchangePrimaryFactorRequestObject) (gen.UsersExchangePrimaryFactorResponseObject, error) {
	return nil, flows.NotImplemented("UsersExchangePrimaryFactor")
}

// UsersDeleteExternalID is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersDeleteExternalID(_ context.Context, _ gen.UsersDeleteExternalIDRequestObject) (gen.UsersDeleteExternalIDResponseObject, error) {
	return nil, flows.NotImplemented("UsersDeleteExternalID")
}
