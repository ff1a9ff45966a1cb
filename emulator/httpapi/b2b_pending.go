package httpapi

import (
	"context"
	"slices"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// The B2B operations the emulator does not serve yet: each answers 501
// not_implemented_in_emulator, so a client sees a clear error rather than a
// made-up answer. Each group moves to its own file as it is emulated.

func b2bPending(op string) error {
	return flows.E(flows.ErrNotImplementedInEmulator,
		"The emulator does not serve %s yet.", op)
}

// PendingB2BOperations returns the operationIds of the B2B operations
// the emulator does not serve yet (each answers 501), in the order of this
// file.
func PendingB2BOperations() []string { return slices.Clone(pendingB2B) }

var pendingB2B = []string{
	"B2BSSOAuthenticate",
	"B2BSSOExternalCreateConnection",
	"B2BSSOExternalUpdateConnection",
	"B2BSSOOIDCCreateConnection",
	"B2BSSOOIDCUpdateConnection",
	"B2BSSOSAMLCreateConnection",
	"B2BSSOSAMLUpdateConnection",
	"B2BSSOSAMLDeleteEncryptionPrivateKey",
	"B2BSSOSAMLUpdateByURL",
	"B2BSSOSAMLDeleteVerificationCertificate",
	"B2BSSOGetConnections",
	"B2BSSODeleteConnection",
}

// B2BSSOAuthenticate is not emulated yet.
func (a *API) B2BSSOAuthenticate(context.Context, gen.B2BSSOAuthenticateRequestObject) (gen.B2BSSOAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BSSOAuthenticate")
}

// B2BSSOExternalCreateConnection is not emulated yet.
func (a *API) B2BSSOExternalCreateConnection(context.Context, gen.B2BSSOExternalCreateConnectionRequestObject) (gen.B2BSSOExternalCreateConnectionResponseObject, error) {
	return nil, b2bPending("B2BSSOExternalCreateConnection")
}

// B2BSSOExternalUpdateConnection is not emulated yet.
func (a *API) B2BSSOExternalUpdateConnection(context.Context, gen.B2BSSOExternalUpdateConnectionRequestObject) (gen.B2BSSOExternalUpdateConnectionResponseObject, error) {
	return nil, b2bPending("B2BSSOExternalUpdateConnection")
}

// B2BSSOOIDCCreateConnection is not emulated yet.
func (a *API) B2BSSOOIDCCreateConnection(context.Context, gen.B2BSSOOIDCCreateConnectionRequestObject) (gen.B2BSSOOIDCCreateConnectionResponseObject, error) {
	return nil, b2bPending("B2BSSOOIDCCreateConnection")
}

// B2BSSOOIDCUpdateConnection is not emulated yet.
func (a *API) B2BSSOOIDCUpdateConnection(context.Context, gen.B2BSSOOIDCUpdateConnectionRequestObject) (gen.B2BSSOOIDCUpdateConnectionResponseObject, error) {
	return nil, b2bPending("B2BSSOOIDCUpdateConnection")
}

// B2BSSOSAMLCreateConnection is not emulated yet.
func (a *API) B2BSSOSAMLCreateConnection(context.Context, gen.B2BSSOSAMLCreateConnectionRequestObject) (gen.B2BSSOSAMLCreateConnectionResponseObject, error) {
	return nil, b2bPending("B2BSSOSAMLCreateConnection")
}

// B2BSSOSAMLUpdateConnection is not emulated yet.
func (a *API) B2BSSOSAMLUpdateConnection(context.Context, gen.B2BSSOSAMLUpdateConnectionRequestObject) (gen.B2BSSOSAMLUpdateConnectionResponseObject, error) {
	return nil, b2bPending("B2BSSOSAMLUpdateConnection")
}

// B2BSSOSAMLDeleteEncryptionPrivateKey is not emulated yet.
func (a *API) B2BSSOSAMLDeleteEncryptionPrivateKey(context.Context, gen.B2BSSOSAMLDeleteEncryptionPrivateKeyRequestObject) (gen.B2BSSOSAMLDeleteEncryptionPrivateKeyResponseObject, error) {
	return nil, b2bPending("B2BSSOSAMLDeleteEncryptionPrivateKey")
}

// B2BSSOSAMLUpdateByURL is not emulated yet.
func (a *API) B2BSSOSAMLUpdateByURL(context.Context, gen.B2BSSOSAMLUpdateByURLRequestObject) (gen.B2BSSOSAMLUpdateByURLResponseObject, error) {
	return nil, b2bPending("B2BSSOSAMLUpdateByURL")
}

// B2BSSOSAMLDeleteVerificationCertificate is not emulated yet.
func (a *API) B2BSSOSAMLDeleteVerificationCertificate(context.Context, gen.B2BSSOSAMLDeleteVerificationCertificateRequestObject) (gen.B2BSSOSAMLDeleteVerificationCertificateResponseObject, error) {
	return nil, b2bPending("B2BSSOSAMLDeleteVerificationCertificate")
}

// B2BSSOGetConnections is not emulated yet.
func (a *API) B2BSSOGetConnections(context.Context, gen.B2BSSOGetConnectionsRequestObject) (gen.B2BSSOGetConnectionsResponseObject, error) {
	return nil, b2bPending("B2BSSOGetConnections")
}

// B2BSSODeleteConnection is not emulated yet.
func (a *API) B2BSSODeleteConnection(context.Context, gen.B2BSSODeleteConnectionRequestObject) (gen.B2BSSODeleteConnectionResponseObject, error) {
	return nil, b2bPending("B2BSSODeleteConnection")
}
