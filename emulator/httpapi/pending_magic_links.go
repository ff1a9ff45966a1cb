package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the magic_links operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in magic_links.go.

// MagicLinksCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) MagicLinksCreate(_ context.Context, _ gen.MagicLinksCreateRequestObject) (gen.MagicLinksCreateResponseObject, error) {
	return nil, flows.NotImplemented("MagicLinksCreate")
}

// MagicLinksAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) MagicLinksAuthenticate(_ context.Context, _ gen.MagicLinksAuthenticateRequestObject) (gen.MagicLinksAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("MagicLinksAuthenticate")
}

// MagicLinksEmailInvite is not implemented yet (501 not_implemented_in_emulator).
func (a *API) MagicLinksEmailInvite(_ context.Context, _ gen.MagicLinksEmailInviteRequestObject) (gen.MagicLinksEmailInviteResponseObject, error) {
	return nil, flows.NotImplemented("MagicLinksEmailInvite")
}

// MagicLinksEmailLoginOrCreate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) MagicLinksEmailLoginOrCreate(_ context.Context, _ gen.MagicLinksEmailLoginOrCreateRequestObject) (gen.MagicLinksEmailLoginOrCreateResponseObject, error) {
	return nil, flows.NotImplemented("MagicLinksEmailLoginOrCreate")
}

// MagicLinksEmailRevokeInvite is not implemented yet (501 not_implemented_in_emulator).
func (a *API) MagicLinksEmailRevokeInvite(_ context.Context, _ gen.MagicLinksEmailRevokeInviteRequestObject) (gen.MagicLinksEmailRevokeInviteResponseObject, error) {
	return nil, flows.NotImplemented("MagicLinksEmailRevokeInvite")
}

// MagicLinksEmailSend is not implemented yet (501 not_implemented_in_emulator).
func (a *API) MagicLinksEmailSend(_ context.Context, _ gen.MagicLinksEmailSendRequestObject) (gen.MagicLinksEmailSendResponseObject, error) {
	return nil, flows.NotImplemented("MagicLinksEmailSend")
}
