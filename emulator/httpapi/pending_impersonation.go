package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the impersonation operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in impersonation.go.

// ImpersonationAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ImpersonationAuthenticate(_ context.Context, _ gen.ImpersonationAuthenticateRequestObject) (gen.ImpersonationAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("ImpersonationAuthenticate")
}
