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
	"B2BIDPOAuthAuthorize",
	"B2BIDPOAuthAuthorizeStart",
	"B2BImpersonationAuthenticate",
	"B2BOAuthAuthenticate",
	"B2BOAuthDiscoveryAuthenticate",
	"B2BOTPsEmailAuthenticate",
	"B2BOTPsEmailDiscoveryAuthenticate",
	"B2BOTPsEmailDiscoverySend",
	"B2BOTPsEmailLoginOrSignup",
	"B2BOTPsSMSAuthenticate",
	"B2BOTPsSMSSend",
	"B2BPasswordsAuthenticate",
	"B2BPasswordsDiscoveryAuthenticate",
	"B2BPasswordsDiscoveryEmailReset",
	"B2BPasswordsDiscoveryEmailResetStart",
	"B2BPasswordsEmailRequireReset",
	"B2BPasswordsEmailReset",
	"B2BPasswordsEmailResetStart",
	"B2BPasswordsExistingPasswordReset",
	"B2BPasswordsMigrate",
	"B2BPasswordsSessionsReset",
	"B2BPasswordsStrengthCheck",
	"B2BRecoveryCodesRecover",
	"B2BRecoveryCodesRotate",
	"B2BRecoveryCodesGet",
	"B2BTOTPsCreate",
	"B2BTOTPsAuthenticate",
	"B2BTOTPsMigrate",
}

// B2BIDPOAuthAuthorize is not emulated yet.
func (a *API) B2BIDPOAuthAuthorize(context.Context, gen.B2BIDPOAuthAuthorizeRequestObject) (gen.B2BIDPOAuthAuthorizeResponseObject, error) {
	return nil, b2bPending("B2BIDPOAuthAuthorize")
}

// B2BIDPOAuthAuthorizeStart is not emulated yet.
func (a *API) B2BIDPOAuthAuthorizeStart(context.Context, gen.B2BIDPOAuthAuthorizeStartRequestObject) (gen.B2BIDPOAuthAuthorizeStartResponseObject, error) {
	return nil, b2bPending("B2BIDPOAuthAuthorizeStart")
}

// B2BImpersonationAuthenticate is not emulated yet.
func (a *API) B2BImpersonationAuthenticate(context.Context, gen.B2BImpersonationAuthenticateRequestObject) (gen.B2BImpersonationAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BImpersonationAuthenticate")
}

// B2BOAuthAuthenticate is not emulated yet.
func (a *API) B2BOAuthAuthenticate(context.Context, gen.B2BOAuthAuthenticateRequestObject) (gen.B2BOAuthAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BOAuthAuthenticate")
}

// B2BOAuthDiscoveryAuthenticate is not emulated yet.
func (a *API) B2BOAuthDiscoveryAuthenticate(context.Context, gen.B2BOAuthDiscoveryAuthenticateRequestObject) (gen.B2BOAuthDiscoveryAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BOAuthDiscoveryAuthenticate")
}

// B2BOTPsEmailAuthenticate is not emulated yet.
func (a *API) B2BOTPsEmailAuthenticate(context.Context, gen.B2BOTPsEmailAuthenticateRequestObject) (gen.B2BOTPsEmailAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BOTPsEmailAuthenticate")
}

// B2BOTPsEmailDiscoveryAuthenticate is not emulated yet.
func (a *API) B2BOTPsEmailDiscoveryAuthenticate(context.Context, gen.B2BOTPsEmailDiscoveryAuthenticateRequestObject) (gen.B2BOTPsEmailDiscoveryAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BOTPsEmailDiscoveryAuthenticate")
}

// B2BOTPsEmailDiscoverySend is not emulated yet.
func (a *API) B2BOTPsEmailDiscoverySend(context.Context, gen.B2BOTPsEmailDiscoverySendRequestObject) (gen.B2BOTPsEmailDiscoverySendResponseObject, error) {
	return nil, b2bPending("B2BOTPsEmailDiscoverySend")
}

// B2BOTPsEmailLoginOrSignup is not emulated yet.
func (a *API) B2BOTPsEmailLoginOrSignup(context.Context, gen.B2BOTPsEmailLoginOrSignupRequestObject) (gen.B2BOTPsEmailLoginOrSignupResponseObject, error) {
	return nil, b2bPending("B2BOTPsEmailLoginOrSignup")
}

// B2BOTPsSMSAuthenticate is not emulated yet.
func (a *API) B2BOTPsSMSAuthenticate(context.Context, gen.B2BOTPsSMSAuthenticateRequestObject) (gen.B2BOTPsSMSAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BOTPsSMSAuthenticate")
}

// B2BOTPsSMSSend is not emulated yet.
func (a *API) B2BOTPsSMSSend(context.Context, gen.B2BOTPsSMSSendRequestObject) (gen.B2BOTPsSMSSendResponseObject, error) {
	return nil, b2bPending("B2BOTPsSMSSend")
}

// B2BPasswordsAuthenticate is not emulated yet.
func (a *API) B2BPasswordsAuthenticate(context.Context, gen.B2BPasswordsAuthenticateRequestObject) (gen.B2BPasswordsAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BPasswordsAuthenticate")
}

// B2BPasswordsDiscoveryAuthenticate is not emulated yet.
func (a *API) B2BPasswordsDiscoveryAuthenticate(context.Context, gen.B2BPasswordsDiscoveryAuthenticateRequestObject) (gen.B2BPasswordsDiscoveryAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BPasswordsDiscoveryAuthenticate")
}

// B2BPasswordsDiscoveryEmailReset is not emulated yet.
func (a *API) B2BPasswordsDiscoveryEmailReset(context.Context, gen.B2BPasswordsDiscoveryEmailResetRequestObject) (gen.B2BPasswordsDiscoveryEmailResetResponseObject, error) {
	return nil, b2bPending("B2BPasswordsDiscoveryEmailReset")
}

// B2BPasswordsDiscoveryEmailResetStart is not emulated yet.
func (a *API) B2BPasswordsDiscoveryEmailResetStart(context.Context, gen.B2BPasswordsDiscoveryEmailResetStartRequestObject) (gen.B2BPasswordsDiscoveryEmailResetStartResponseObject, error) {
	return nil, b2bPending("B2BPasswordsDiscoveryEmailResetStart")
}

// B2BPasswordsEmailRequireReset is not emulated yet.
func (a *API) B2BPasswordsEmailRequireReset(context.Context, gen.B2BPasswordsEmailRequireResetRequestObject) (gen.B2BPasswordsEmailRequireResetResponseObject, error) {
	return nil, b2bPending("B2BPasswordsEmailRequireReset")
}

// B2BPasswordsEmailReset is not emulated yet.
func (a *API) B2BPasswordsEmailReset(context.Context, gen.B2BPasswordsEmailResetRequestObject) (gen.B2BPasswordsEmailResetResponseObject, error) {
	return nil, b2bPending("B2BPasswordsEmailReset")
}

// B2BPasswordsEmailResetStart is not emulated yet.
func (a *API) B2BPasswordsEmailResetStart(context.Context, gen.B2BPasswordsEmailResetStartRequestObject) (gen.B2BPasswordsEmailResetStartResponseObject, error) {
	return nil, b2bPending("B2BPasswordsEmailResetStart")
}

// B2BPasswordsExistingPasswordReset is not emulated yet.
func (a *API) B2BPasswordsExistingPasswordReset(context.Context, gen.B2BPasswordsExistingPasswordResetRequestObject) (gen.B2BPasswordsExistingPasswordResetResponseObject, error) {
	return nil, b2bPending("B2BPasswordsExistingPasswordReset")
}

// B2BPasswordsMigrate is not emulated yet.
func (a *API) B2BPasswordsMigrate(context.Context, gen.B2BPasswordsMigrateRequestObject) (gen.B2BPasswordsMigrateResponseObject, error) {
	return nil, b2bPending("B2BPasswordsMigrate")
}

// B2BPasswordsSessionsReset is not emulated yet.
func (a *API) B2BPasswordsSessionsReset(context.Context, gen.B2BPasswordsSessionsResetRequestObject) (gen.B2BPasswordsSessionsResetResponseObject, error) {
	return nil, b2bPending("B2BPasswordsSessionsReset")
}

// B2BPasswordsStrengthCheck is not emulated yet.
func (a *API) B2BPasswordsStrengthCheck(context.Context, gen.B2BPasswordsStrengthCheckRequestObject) (gen.B2BPasswordsStrengthCheckResponseObject, error) {
	return nil, b2bPending("B2BPasswordsStrengthCheck")
}

// B2BRecoveryCodesRecover is not emulated yet.
func (a *API) B2BRecoveryCodesRecover(context.Context, gen.B2BRecoveryCodesRecoverRequestObject) (gen.B2BRecoveryCodesRecoverResponseObject, error) {
	return nil, b2bPending("B2BRecoveryCodesRecover")
}

// B2BRecoveryCodesRotate is not emulated yet.
func (a *API) B2BRecoveryCodesRotate(context.Context, gen.B2BRecoveryCodesRotateRequestObject) (gen.B2BRecoveryCodesRotateResponseObject, error) {
	return nil, b2bPending("B2BRecoveryCodesRotate")
}

// B2BRecoveryCodesGet is not emulated yet.
func (a *API) B2BRecoveryCodesGet(context.Context, gen.B2BRecoveryCodesGetRequestObject) (gen.B2BRecoveryCodesGetResponseObject, error) {
	return nil, b2bPending("B2BRecoveryCodesGet")
}

// B2BTOTPsCreate is not emulated yet.
func (a *API) B2BTOTPsCreate(context.Context, gen.B2BTOTPsCreateRequestObject) (gen.B2BTOTPsCreateResponseObject, error) {
	return nil, b2bPending("B2BTOTPsCreate")
}

// B2BTOTPsAuthenticate is not emulated yet.
func (a *API) B2BTOTPsAuthenticate(context.Context, gen.B2BTOTPsAuthenticateRequestObject) (gen.B2BTOTPsAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BTOTPsAuthenticate")
}

// B2BTOTPsMigrate is not emulated yet.
func (a *API) B2BTOTPsMigrate(context.Context, gen.B2BTOTPsMigrateRequestObject) (gen.B2BTOTPsMigrateResponseObject, error) {
	return nil, b2bPending("B2BTOTPsMigrate")
}
