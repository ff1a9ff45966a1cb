package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the oauth operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in oauth.go.

// OAuthAttach is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OAuthAttach(_ context.Context, _ gen.OAuthAttachRequestObject) (gen.OAuthAttachResponseObject, error) {
	return nil, flows.NotImplemented("OAuthAttach")
}

// OAuthAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) OAuthAuthenticate(_ context.Context, _ gen.OAuthAuthenticateRequestObject) (gen.OAuthAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("OAuthAuthenticate")
}
