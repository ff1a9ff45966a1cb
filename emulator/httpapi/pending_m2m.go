package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the m2m operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in m2m.go.

// M2MClientsCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MClientsCreate(_ context.Context, _ gen.M2MClientsCreateRequestObject) (gen.M2MClientsCreateResponseObject, error) {
	return nil, flows.NotImplemented("M2MClientsCreate")
}

// M2MClientsSearch is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MClientsSearch(_ context.Context, _ gen.M2MClientsSearchRequestObject) (gen.M2MClientsSearchResponseObject, error) {
	return nil, flows.NotImplemented("M2MClientsSearch")
}

// M2MClientsDelete is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MClientsDelete(_ context.Context, _ gen.M2MClientsDeleteRequestObject) (gen.M2MClientsDeleteResponseObject, error) {
	return nil, flows.NotImplemented("M2MClientsDelete")
}

// M2MClientsGet is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MClientsGet(_ context.Context, _ gen.M2MClientsGetRequestObject) (gen.M2MClientsGetResponseObject, error) {
	return nil, flows.NotImplemented("M2MClientsGet")
}

// M2MClientsUpdate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MClientsUpdate(_ context.Context, _ gen.M2MClientsUpdateRequestObject) (gen.M2MClientsUpdateResponseObject, error) {
	return nil, flows.NotImplemented("M2MClientsUpdate")
}

// M2MClientsSecretsRotate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MClientsSecretsRotate(_ context.Context, _ gen.M2MClientsSecretsRotateRequestObject) (gen.M2MClientsSecretsRotateResponseObject, error) {
	return nil, flows.NotImplemented("M2MClientsSecretsRotate")
}

// M2MClientsSecretsRotateCancel is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MClientsSecretsRotateCancel(_ context.Context, _ gen.M2MClientsSecretsRotateCancelRequestObject) (gen.M2MClientsSecretsRotateCancelResponseObject, error) {
	return nil, flows.NotImplemented("M2MClientsSecretsRotateCancel")
}

// M2MClientsSecretsRotateStart is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MClientsSecretsRotateStart(_ context.Context, _ gen.M2MClientsSecretsRotateStartRequestObject) (gen.M2MClientsSecretsRotateStartResponseObject, error) {
	return nil, flows.NotImplemented("M2MClientsSecretsRotateStart")
}

// M2MToken is not implemented yet (501 not_implemented_in_emulator).
func (a *API) M2MToken(_ context.Context, _ gen.M2MTokenRequestObject) (gen.M2MTokenResponseObject, error) {
	return nil, flows.NotImplemented("M2MToken")
}
