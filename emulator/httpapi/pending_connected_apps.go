package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the connected_apps operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in connected_apps.go.

// ConnectedAppClientsCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ConnectedAppClientsCreate(_ context.Context, _ gen.ConnectedAppClientsCreateRequestObject) (gen.ConnectedAppClientsCreateResponseObject, error) {
	return nil, flows.NotImplemented("ConnectedAppClientsCreate")
}

// ConnectedAppClientsSearch is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ConnectedAppClientsSearch(_ context.Context, _ gen.ConnectedAppClientsSearchRequestObject) (gen.ConnectedAppClientsSearchResponseObject, error) {
	return nil, flows.NotImplemented("ConnectedAppClientsSearch")
}

// ConnectedAppClientsDelete is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ConnectedAppClientsDelete(_ context.Context, _ gen.ConnectedAppClientsDeleteRequestObject) (gen.ConnectedAppClientsDeleteResponseObject, error) {
	return nil, flows.NotImplemented("ConnectedAppClientsDelete")
}

// ConnectedAppClientsGet is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ConnectedAppClientsGet(_ context.Context, _ gen.ConnectedAppClientsGetRequestObject) (gen.ConnectedAppClientsGetResponseObject, error) {
	return nil, flows.NotImplemented("ConnectedAppClientsGet")
}

// ConnectedAppClientsUpdate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ConnectedAppClientsUpdate(_ context.Context, _ gen.ConnectedAppClientsUpdateRequestObject) (gen.ConnectedAppClientsUpdateResponseObject, error) {
	return nil, flows.NotImplemented("ConnectedAppClientsUpdate")
}

// ConnectedAppClientsSecretsRotate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ConnectedAppClientsSecretsRotate(_ context.Context, _ gen.ConnectedAppClientsSecretsRotateRequestObject) (gen.ConnectedAppClientsSecretsRotateResponseObject, error) {
	return nil, flows.NotImplemented("ConnectedAppClientsSecretsRotate")
}

// ConnectedAppClientsSecretsRotateCancel is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ConnectedAppClientsSecretsRotateCancel(_ context.Context, _ gen.ConnectedAppClientsSecretsRotateCancelRequestObject) (gen.ConnectedAppClientsSecretsRotateCancelResponseObject, error) {
	return nil, flows.NotImplemented("ConnectedAppClientsSecretsRotateCancel")
}

// ConnectedAppClientsSecretsRotateStart is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ConnectedAppClientsSecretsRotateStart(_ context.Context, _ gen.ConnectedAppClientsSecretsRotateStartRequestObject) (gen.ConnectedAppClientsSecretsRotateStartResponseObject, error) {
	return nil, flows.NotImplemented("ConnectedAppClientsSecretsRotateStart")
}

// UsersConnectedApps is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersConnectedApps(_ context.Context, _ gen.UsersConnectedAppsRequestObject) (gen.UsersConnectedAppsResponseObject, error) {
	return nil, flows.NotImplemented("UsersConnectedApps")
}

// UsersRevoke is not implemented yet (501 not_implemented_in_emulator).
func (a *API) UsersRevoke(_ context.Context, _ gen.UsersRevokeRequestObject) (gen.UsersRevokeResponseObject, error) {
	return nil, flows.NotImplemented("UsersRevoke")
}
