package httpapi

import (
	"context"

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

// B2BDiscoveryIntermediateSessionsExchange is not emulated yet.
func (a *API) B2BDiscoveryIntermediateSessionsExchange(context.Context, gen.B2BDiscoveryIntermediateSessionsExchangeRequestObject) (gen.B2BDiscoveryIntermediateSessionsExchangeResponseObject, error) {
	return nil, b2bPending("B2BDiscoveryIntermediateSessionsExchange")
}

// B2BDiscoveryOrganizationsList is not emulated yet.
func (a *API) B2BDiscoveryOrganizationsList(context.Context, gen.B2BDiscoveryOrganizationsListRequestObject) (gen.B2BDiscoveryOrganizationsListResponseObject, error) {
	return nil, b2bPending("B2BDiscoveryOrganizationsList")
}

// B2BDiscoveryOrganizationsCreate is not emulated yet.
func (a *API) B2BDiscoveryOrganizationsCreate(context.Context, gen.B2BDiscoveryOrganizationsCreateRequestObject) (gen.B2BDiscoveryOrganizationsCreateResponseObject, error) {
	return nil, b2bPending("B2BDiscoveryOrganizationsCreate")
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

// B2BMagicLinksAuthenticate is not emulated yet.
func (a *API) B2BMagicLinksAuthenticate(context.Context, gen.B2BMagicLinksAuthenticateRequestObject) (gen.B2BMagicLinksAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BMagicLinksAuthenticate")
}

// B2BMagicLinksDiscoveryAuthenticate is not emulated yet.
func (a *API) B2BMagicLinksDiscoveryAuthenticate(context.Context, gen.B2BMagicLinksDiscoveryAuthenticateRequestObject) (gen.B2BMagicLinksDiscoveryAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BMagicLinksDiscoveryAuthenticate")
}

// B2BMagicLinksEmailDiscoverySend is not emulated yet.
func (a *API) B2BMagicLinksEmailDiscoverySend(context.Context, gen.B2BMagicLinksEmailDiscoverySendRequestObject) (gen.B2BMagicLinksEmailDiscoverySendResponseObject, error) {
	return nil, b2bPending("B2BMagicLinksEmailDiscoverySend")
}

// B2BMagicLinksEmailInvite is not emulated yet.
func (a *API) B2BMagicLinksEmailInvite(context.Context, gen.B2BMagicLinksEmailInviteRequestObject) (gen.B2BMagicLinksEmailInviteResponseObject, error) {
	return nil, b2bPending("B2BMagicLinksEmailInvite")
}

// B2BMagicLinksEmailLoginOrSignup is not emulated yet.
func (a *API) B2BMagicLinksEmailLoginOrSignup(context.Context, gen.B2BMagicLinksEmailLoginOrSignupRequestObject) (gen.B2BMagicLinksEmailLoginOrSignupResponseObject, error) {
	return nil, b2bPending("B2BMagicLinksEmailLoginOrSignup")
}

// B2BOAuthAuthenticate is not emulated yet.
func (a *API) B2BOAuthAuthenticate(context.Context, gen.B2BOAuthAuthenticateRequestObject) (gen.B2BOAuthAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BOAuthAuthenticate")
}

// B2BOAuthDiscoveryAuthenticate is not emulated yet.
func (a *API) B2BOAuthDiscoveryAuthenticate(context.Context, gen.B2BOAuthDiscoveryAuthenticateRequestObject) (gen.B2BOAuthDiscoveryAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BOAuthDiscoveryAuthenticate")
}

// B2BOrganizationsCreate is not emulated yet.
func (a *API) B2BOrganizationsCreate(context.Context, gen.B2BOrganizationsCreateRequestObject) (gen.B2BOrganizationsCreateResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsCreate")
}

// B2BOrganizationsMembersDangerouslyGet is not emulated yet.
func (a *API) B2BOrganizationsMembersDangerouslyGet(context.Context, gen.B2BOrganizationsMembersDangerouslyGetRequestObject) (gen.B2BOrganizationsMembersDangerouslyGetResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersDangerouslyGet")
}

// B2BOrganizationsMembersSearch is not emulated yet.
func (a *API) B2BOrganizationsMembersSearch(context.Context, gen.B2BOrganizationsMembersSearchRequestObject) (gen.B2BOrganizationsMembersSearchResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersSearch")
}

// B2BOrganizationsSearch is not emulated yet.
func (a *API) B2BOrganizationsSearch(context.Context, gen.B2BOrganizationsSearchRequestObject) (gen.B2BOrganizationsSearchResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsSearch")
}

// B2BOrganizationsDelete is not emulated yet.
func (a *API) B2BOrganizationsDelete(context.Context, gen.B2BOrganizationsDeleteRequestObject) (gen.B2BOrganizationsDeleteResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsDelete")
}

// B2BOrganizationsGet is not emulated yet.
func (a *API) B2BOrganizationsGet(context.Context, gen.B2BOrganizationsGetRequestObject) (gen.B2BOrganizationsGetResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsGet")
}

// B2BOrganizationsUpdate is not emulated yet.
func (a *API) B2BOrganizationsUpdate(context.Context, gen.B2BOrganizationsUpdateRequestObject) (gen.B2BOrganizationsUpdateResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsUpdate")
}

// B2BOrganizationsConnectedApps is not emulated yet.
func (a *API) B2BOrganizationsConnectedApps(context.Context, gen.B2BOrganizationsConnectedAppsRequestObject) (gen.B2BOrganizationsConnectedAppsResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsConnectedApps")
}

// B2BOrganizationsGetConnectedApp is not emulated yet.
func (a *API) B2BOrganizationsGetConnectedApp(context.Context, gen.B2BOrganizationsGetConnectedAppRequestObject) (gen.B2BOrganizationsGetConnectedAppResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsGetConnectedApp")
}

// B2BOrganizationsDeleteExternalID is not emulated yet.
func (a *API) B2BOrganizationsDeleteExternalID(context.Context, gen.B2BOrganizationsDeleteExternalIDRequestObject) (gen.B2BOrganizationsDeleteExternalIDResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsDeleteExternalID")
}

// B2BOrganizationsMembersGet is not emulated yet.
func (a *API) B2BOrganizationsMembersGet(context.Context, gen.B2BOrganizationsMembersGetRequestObject) (gen.B2BOrganizationsMembersGetResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersGet")
}

// B2BOrganizationsMembersCreate is not emulated yet.
func (a *API) B2BOrganizationsMembersCreate(context.Context, gen.B2BOrganizationsMembersCreateRequestObject) (gen.B2BOrganizationsMembersCreateResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersCreate")
}

// B2BOrganizationsMembersDeleteMFAPhoneNumber is not emulated yet.
func (a *API) B2BOrganizationsMembersDeleteMFAPhoneNumber(context.Context, gen.B2BOrganizationsMembersDeleteMFAPhoneNumberRequestObject) (gen.B2BOrganizationsMembersDeleteMFAPhoneNumberResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersDeleteMFAPhoneNumber")
}

// B2BOrganizationsMembersDeletePassword is not emulated yet.
func (a *API) B2BOrganizationsMembersDeletePassword(context.Context, gen.B2BOrganizationsMembersDeletePasswordRequestObject) (gen.B2BOrganizationsMembersDeletePasswordResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersDeletePassword")
}

// B2BOrganizationsMembersDelete is not emulated yet.
func (a *API) B2BOrganizationsMembersDelete(context.Context, gen.B2BOrganizationsMembersDeleteRequestObject) (gen.B2BOrganizationsMembersDeleteResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersDelete")
}

// B2BOrganizationsMembersUpdate is not emulated yet.
func (a *API) B2BOrganizationsMembersUpdate(context.Context, gen.B2BOrganizationsMembersUpdateRequestObject) (gen.B2BOrganizationsMembersUpdateResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersUpdate")
}

// B2BOrganizationsMembersGetConnectedApps is not emulated yet.
func (a *API) B2BOrganizationsMembersGetConnectedApps(context.Context, gen.B2BOrganizationsMembersGetConnectedAppsRequestObject) (gen.B2BOrganizationsMembersGetConnectedAppsResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersGetConnectedApps")
}

// B2BOrganizationsMembersConnectedAppsRevoke is not emulated yet.
func (a *API) B2BOrganizationsMembersConnectedAppsRevoke(context.Context, gen.B2BOrganizationsMembersConnectedAppsRevokeRequestObject) (gen.B2BOrganizationsMembersConnectedAppsRevokeResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersConnectedAppsRevoke")
}

// B2BOrganizationsMembersDeleteExternalID is not emulated yet.
func (a *API) B2BOrganizationsMembersDeleteExternalID(context.Context, gen.B2BOrganizationsMembersDeleteExternalIDRequestObject) (gen.B2BOrganizationsMembersDeleteExternalIDResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersDeleteExternalID")
}

// B2BOrganizationsMembersOAuthProvidersGithub is not emulated yet.
func (a *API) B2BOrganizationsMembersOAuthProvidersGithub(context.Context, gen.B2BOrganizationsMembersOAuthProvidersGithubRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersGithubResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersOAuthProvidersGithub")
}

// B2BOrganizationsMembersOAuthProvidersGoogle is not emulated yet.
func (a *API) B2BOrganizationsMembersOAuthProvidersGoogle(context.Context, gen.B2BOrganizationsMembersOAuthProvidersGoogleRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersGoogleResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersOAuthProvidersGoogle")
}

// B2BOrganizationsMembersOAuthProvidersHubspot is not emulated yet.
func (a *API) B2BOrganizationsMembersOAuthProvidersHubspot(context.Context, gen.B2BOrganizationsMembersOAuthProvidersHubspotRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersHubspotResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersOAuthProvidersHubspot")
}

// B2BOrganizationsMembersOAuthProvidersMicrosoft is not emulated yet.
func (a *API) B2BOrganizationsMembersOAuthProvidersMicrosoft(context.Context, gen.B2BOrganizationsMembersOAuthProvidersMicrosoftRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersMicrosoftResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersOAuthProvidersMicrosoft")
}

// B2BOrganizationsMembersOAuthProvidersSlack is not emulated yet.
func (a *API) B2BOrganizationsMembersOAuthProvidersSlack(context.Context, gen.B2BOrganizationsMembersOAuthProvidersSlackRequestObject) (gen.B2BOrganizationsMembersOAuthProvidersSlackResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersOAuthProvidersSlack")
}

// B2BOrganizationsMembersOIDCProviders is not emulated yet.
func (a *API) B2BOrganizationsMembersOIDCProviders(context.Context, gen.B2BOrganizationsMembersOIDCProvidersRequestObject) (gen.B2BOrganizationsMembersOIDCProvidersResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersOIDCProviders")
}

// B2BOrganizationsMembersReactivate is not emulated yet.
func (a *API) B2BOrganizationsMembersReactivate(context.Context, gen.B2BOrganizationsMembersReactivateRequestObject) (gen.B2BOrganizationsMembersReactivateResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersReactivate")
}

// B2BOrganizationsMembersStartEmailUpdate is not emulated yet.
func (a *API) B2BOrganizationsMembersStartEmailUpdate(context.Context, gen.B2BOrganizationsMembersStartEmailUpdateRequestObject) (gen.B2BOrganizationsMembersStartEmailUpdateResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersStartEmailUpdate")
}

// B2BOrganizationsMembersDeleteTOTP is not emulated yet.
func (a *API) B2BOrganizationsMembersDeleteTOTP(context.Context, gen.B2BOrganizationsMembersDeleteTOTPRequestObject) (gen.B2BOrganizationsMembersDeleteTOTPResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersDeleteTOTP")
}

// B2BOrganizationsMembersUnlinkRetiredEmail is not emulated yet.
func (a *API) B2BOrganizationsMembersUnlinkRetiredEmail(context.Context, gen.B2BOrganizationsMembersUnlinkRetiredEmailRequestObject) (gen.B2BOrganizationsMembersUnlinkRetiredEmailResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMembersUnlinkRetiredEmail")
}

// B2BOrganizationsMetrics is not emulated yet.
func (a *API) B2BOrganizationsMetrics(context.Context, gen.B2BOrganizationsMetricsRequestObject) (gen.B2BOrganizationsMetricsResponseObject, error) {
	return nil, b2bPending("B2BOrganizationsMetrics")
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

// B2BRBACOrganizationsGetOrgPolicy is not emulated yet.
func (a *API) B2BRBACOrganizationsGetOrgPolicy(context.Context, gen.B2BRBACOrganizationsGetOrgPolicyRequestObject) (gen.B2BRBACOrganizationsGetOrgPolicyResponseObject, error) {
	return nil, b2bPending("B2BRBACOrganizationsGetOrgPolicy")
}

// B2BRBACOrganizationsSetOrgPolicy is not emulated yet.
func (a *API) B2BRBACOrganizationsSetOrgPolicy(context.Context, gen.B2BRBACOrganizationsSetOrgPolicyRequestObject) (gen.B2BRBACOrganizationsSetOrgPolicyResponseObject, error) {
	return nil, b2bPending("B2BRBACOrganizationsSetOrgPolicy")
}

// B2BRBACPolicy is not emulated yet.
func (a *API) B2BRBACPolicy(context.Context, gen.B2BRBACPolicyRequestObject) (gen.B2BRBACPolicyResponseObject, error) {
	return nil, b2bPending("B2BRBACPolicy")
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

// B2BSCIMConnectionGet is not emulated yet.
func (a *API) B2BSCIMConnectionGet(context.Context, gen.B2BSCIMConnectionGetRequestObject) (gen.B2BSCIMConnectionGetResponseObject, error) {
	return nil, b2bPending("B2BSCIMConnectionGet")
}

// B2BSCIMConnectionCreate is not emulated yet.
func (a *API) B2BSCIMConnectionCreate(context.Context, gen.B2BSCIMConnectionCreateRequestObject) (gen.B2BSCIMConnectionCreateResponseObject, error) {
	return nil, b2bPending("B2BSCIMConnectionCreate")
}

// B2BSCIMConnectionDelete is not emulated yet.
func (a *API) B2BSCIMConnectionDelete(context.Context, gen.B2BSCIMConnectionDeleteRequestObject) (gen.B2BSCIMConnectionDeleteResponseObject, error) {
	return nil, b2bPending("B2BSCIMConnectionDelete")
}

// B2BSCIMConnectionGetGroups is not emulated yet.
func (a *API) B2BSCIMConnectionGetGroups(context.Context, gen.B2BSCIMConnectionGetGroupsRequestObject) (gen.B2BSCIMConnectionGetGroupsResponseObject, error) {
	return nil, b2bPending("B2BSCIMConnectionGetGroups")
}

// B2BSCIMConnectionUpdate is not emulated yet.
func (a *API) B2BSCIMConnectionUpdate(context.Context, gen.B2BSCIMConnectionUpdateRequestObject) (gen.B2BSCIMConnectionUpdateResponseObject, error) {
	return nil, b2bPending("B2BSCIMConnectionUpdate")
}

// B2BSCIMConnectionRotateCancel is not emulated yet.
func (a *API) B2BSCIMConnectionRotateCancel(context.Context, gen.B2BSCIMConnectionRotateCancelRequestObject) (gen.B2BSCIMConnectionRotateCancelResponseObject, error) {
	return nil, b2bPending("B2BSCIMConnectionRotateCancel")
}

// B2BSCIMConnectionRotateComplete is not emulated yet.
func (a *API) B2BSCIMConnectionRotateComplete(context.Context, gen.B2BSCIMConnectionRotateCompleteRequestObject) (gen.B2BSCIMConnectionRotateCompleteResponseObject, error) {
	return nil, b2bPending("B2BSCIMConnectionRotateComplete")
}

// B2BSCIMConnectionRotateStart is not emulated yet.
func (a *API) B2BSCIMConnectionRotateStart(context.Context, gen.B2BSCIMConnectionRotateStartRequestObject) (gen.B2BSCIMConnectionRotateStartResponseObject, error) {
	return nil, b2bPending("B2BSCIMConnectionRotateStart")
}

// B2BSessionsGet is not emulated yet.
func (a *API) B2BSessionsGet(context.Context, gen.B2BSessionsGetRequestObject) (gen.B2BSessionsGetResponseObject, error) {
	return nil, b2bPending("B2BSessionsGet")
}

// B2BSessionsAttest is not emulated yet.
func (a *API) B2BSessionsAttest(context.Context, gen.B2BSessionsAttestRequestObject) (gen.B2BSessionsAttestResponseObject, error) {
	return nil, b2bPending("B2BSessionsAttest")
}

// B2BSessionsAuthenticate is not emulated yet.
func (a *API) B2BSessionsAuthenticate(context.Context, gen.B2BSessionsAuthenticateRequestObject) (gen.B2BSessionsAuthenticateResponseObject, error) {
	return nil, b2bPending("B2BSessionsAuthenticate")
}

// B2BSessionsExchange is not emulated yet.
func (a *API) B2BSessionsExchange(context.Context, gen.B2BSessionsExchangeRequestObject) (gen.B2BSessionsExchangeResponseObject, error) {
	return nil, b2bPending("B2BSessionsExchange")
}

// B2BSessionsExchangeAccessToken is not emulated yet.
func (a *API) B2BSessionsExchangeAccessToken(context.Context, gen.B2BSessionsExchangeAccessTokenRequestObject) (gen.B2BSessionsExchangeAccessTokenResponseObject, error) {
	return nil, b2bPending("B2BSessionsExchangeAccessToken")
}

// B2BSessionsGetJWKS is not emulated yet.
func (a *API) B2BSessionsGetJWKS(context.Context, gen.B2BSessionsGetJWKSRequestObject) (gen.B2BSessionsGetJWKSResponseObject, error) {
	return nil, b2bPending("B2BSessionsGetJWKS")
}

// B2BSessionsMigrate is not emulated yet.
func (a *API) B2BSessionsMigrate(context.Context, gen.B2BSessionsMigrateRequestObject) (gen.B2BSessionsMigrateResponseObject, error) {
	return nil, b2bPending("B2BSessionsMigrate")
}

// B2BSessionsRevoke is not emulated yet.
func (a *API) B2BSessionsRevoke(context.Context, gen.B2BSessionsRevokeRequestObject) (gen.B2BSessionsRevokeResponseObject, error) {
	return nil, b2bPending("B2BSessionsRevoke")
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
