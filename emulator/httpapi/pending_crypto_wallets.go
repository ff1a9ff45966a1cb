package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the crypto_wallets operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in crypto_wallets.go.

// CryptoWalletsAuthenticate is not implemented yet (501 not_implemented_in_emulator).
func (a *API) CryptoWalletsAuthenticate(_ context.Context, _ gen.CryptoWalletsAuthenticateRequestObject) (gen.CryptoWalletsAuthenticateResponseObject, error) {
	return nil, flows.NotImplemented("CryptoWalletsAuthenticate")
}

// CryptoWalletsAuthenticateStart is not implemented yet (501 not_implemented_in_emulator).
func (a *API) CryptoWalletsAuthenticateStart(_ context.Context, _ gen.CryptoWalletsAuthenticateStartRequestObject) (gen.CryptoWalletsAuthenticateStartResponseObject, error) {
	return nil, flows.NotImplemented("CryptoWalletsAuthenticateStart")
}
