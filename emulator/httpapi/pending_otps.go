package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the otps operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in otps.go.

// OTPsAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OTPsAuthenticate(_ context.Context, _ gen.OTPsAuthenticateRequestObject) (gen.OTPsAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("OTPsAuthenticate")
}

// OTPsEmailLoginOrCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OTPsEmailLoginOrCreate(_ context.Context, _ gen.OTPsEmailLoginOrCreateRequestObject) (gen.OTPsEmailLoginOrCreateResponseObject, error) {
	return nil, flows.NotImplemented("OTPsEmailLoginOrCreate")
}

// OTPsEmailSend is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OTPsEmailSend(_ context.Context, _ gen.OTPsEmailSendRequestObject) (gen.OTPsEmailSendResponseObject, error) {
	return nil, flows.NotImplemented("OTPsEmailSend")
}

// OTPsSmsLoginOrCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OTPsSmsLoginOrCreate(_ context.Context, _ gen.OTPsSmsLoginOrCreateRequestObject) (gen.OTPsSmsLoginOrCreateResponseObject, error) {
	return nil, flows.NotImplemented("OTPsSmsLoginOrCreate")
}

// OTPsSmsSend is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OTPsSmsSend(_ context.Context, _ gen.OTPsSmsSendRequestObject) (gen.OTPsSmsSendResponseObject, error) {
	return nil, flows.NotImplemented("OTPsSmsSend")
}

// OTPsWhatsAppLoginOrCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OTPsWhatsAppLoginOrCreate(_ context.Context, _ gen.OTPsWhatsAppLoginOrCreateRequestObject) (gen.OTPsWhatsAppLoginOrCreateResponseObject, error) {
	return nil, flows.NotImplemented("OTPsWhatsAppLoginOrCreate")
}

// OTPsWhatsAppSend is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OTPsWhatsAppSend(_ context.Context, _ gen.OTPsWhatsAppSendRequestObject) (gen.OTPsWhatsAppSendResponseObject, error) {
	return nil, flows.NotImplemented("OTPsWhatsAppSend")
}
