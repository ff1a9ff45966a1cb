package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the idp operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in idp.go.

// IDPOAuthAuthorize is not implemented yet (501 not_implemented_in_emulator).
func (a *API) IDPOAuthAuthorize(_ context.Context, _ gen.IDPOAuthAuthorizeRequestObject) (gen.IDPOAuthAuthorizeResponseObject, error) {
	return nil, flows.NotImplemented("IDPOAuthAuthorize")
}

// IDPOAuthAuthorizeStart is not implemented yet (501 not_implemented_in_emulator).
func (a *API) IDPOAuthAuthorizeStart(_ context.Context, _ gen.IDPOAuthAuthorizeStartRequestObject) (gen.IDPOAuthAuthorizeStartResponseObject, error) {
	return nil, flows.NotImplemented("IDPOAuthAuthorizeStart")
}

// IDPIntrospectTokenNetwork is not implemented yet (501 not_implemented_in_emulator).
func (a *API) IDPIntrospectTokenNetwork(_ context.Context, _ gen.IDPIntrospectTokenNetworkRequestObject) (gen.IDPIntrospectTokenNetworkResponseObject, error) {
	return nil, flows.NotImplemented("IDPIntrospectTokenNetwork")
}
