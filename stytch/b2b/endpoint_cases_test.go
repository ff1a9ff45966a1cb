package b2b

import "context"

// endpointCases calls every B2B operation's method once. Path ids hold a
// space and a slash (sent escaped), bodies carry explicit false and 0 for
// every optional boolean and integer field (a dropped zero value shows up as
// a body mismatch), and the operations that accept a member session send
// one of the two headers, alternately.
var endpointCases = []endpointCase{
	{op: "B2BDiscoveryIntermediateSessionsExchange", method: "POST", path: "/v1/b2b/discovery/intermediate_sessions/exchange", query: "", body: `{"intermediate_session_token":"v-intermediate_session_token","organization_id":"v-organization_id","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Discovery.IntermediateSessions.Exchange(ctx, new(fromJSON[DiscoveryIntermediateSessionsExchangeParams](`{"intermediate_session_token":"v-intermediate_session_token","organization_id":"v-organization_id","session_duration_minutes":0}`)))
		}},
	{op: "B2BDiscoveryOrganizationsCreate", method: "POST", path: "/v1/b2b/discovery/organizations/create", query: "", body: `{"intermediate_session_token":"v-intermediate_session_token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Discovery.Organizations.Create(ctx, new(fromJSON[DiscoveryOrganizationsCreateParams](`{"intermediate_session_token":"v-intermediate_session_token","session_duration_minutes":0}`)))
		}},
	{op: "B2BDiscoveryOrganizationsList", method: "POST", path: "/v1/b2b/discovery/organizations", query: "", body: `{}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Discovery.Organizations.List(ctx, new(fromJSON[DiscoveryOrganizationsListParams](`{}`)))
		}},
	{op: "B2BIDPOAuthAuthorize", method: "POST", path: "/v1/b2b/idp/oauth/authorize", query: "", body: `{"consent_granted":false,"scopes":["v-scopes"],"client_id":"v-client_id","redirect_uri":"v-redirect_uri","response_type":"v-response_type"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.OAuth.Authorize(ctx, new(fromJSON[IDPOAuthAuthorizeParams](`{"consent_granted":false,"scopes":["v-scopes"],"client_id":"v-client_id","redirect_uri":"v-redirect_uri","response_type":"v-response_type"}`)))
		}},
	{op: "B2BIDPOAuthAuthorizeStart", method: "POST", path: "/v1/b2b/idp/oauth/authorize/start", query: "", body: `{"client_id":"v-client_id","redirect_uri":"v-redirect_uri","response_type":"v-response_type","scopes":["v-scopes"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.OAuth.AuthorizeStart(ctx, new(fromJSON[IDPOAuthAuthorizeStartParams](`{"client_id":"v-client_id","redirect_uri":"v-redirect_uri","response_type":"v-response_type","scopes":["v-scopes"]}`)))
		}},
	{op: "B2BImpersonationAuthenticate", method: "POST", path: "/v1/b2b/impersonation/authenticate", query: "", body: `{"impersonation_token":"v-impersonation_token"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Impersonation.Authenticate(ctx, new(fromJSON[ImpersonationAuthenticateParams](`{"impersonation_token":"v-impersonation_token"}`)))
		}},
	{op: "B2BMagicLinksAuthenticate", method: "POST", path: "/v1/b2b/magic_links/authenticate", query: "", body: `{"magic_links_token":"v-magic_links_token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Authenticate(ctx, new(fromJSON[MagicLinksAuthenticateParams](`{"magic_links_token":"v-magic_links_token","session_duration_minutes":0}`)))
		}},
	{op: "B2BMagicLinksDiscoveryAuthenticate", method: "POST", path: "/v1/b2b/magic_links/discovery/authenticate", query: "", body: `{"discovery_magic_links_token":"v-discovery_magic_links_token"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Discovery.Authenticate(ctx, new(fromJSON[MagicLinksDiscoveryAuthenticateParams](`{"discovery_magic_links_token":"v-discovery_magic_links_token"}`)))
		}},
	{op: "B2BMagicLinksEmailDiscoverySend", method: "POST", path: "/v1/b2b/magic_links/email/discovery/send", query: "", body: `{"email_address":"ada@example.com","discovery_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Email.Discovery.Send(ctx, new(fromJSON[MagicLinksEmailDiscoverySendParams](`{"email_address":"ada@example.com","discovery_expiration_minutes":0}`)))
		}},
	{op: "B2BMagicLinksEmailInvite", method: "POST", path: "/v1/b2b/magic_links/email/invite", query: "", body: `{"organization_id":"v-organization_id","email_address":"ada@example.com","invite_expiration_minutes":0}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BMagicLinksEmailInvite"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Email.Invite(ctx, &MagicLinksEmailInviteParams{Body: fromJSON[MagicLinksEmailInviteBody](`{"organization_id":"v-organization_id","email_address":"ada@example.com","invite_expiration_minutes":0}`), MemberSessionToken: "member-session-B2BMagicLinksEmailInvite"})
		}},
	{op: "B2BMagicLinksEmailLoginOrSignup", method: "POST", path: "/v1/b2b/magic_links/email/login_or_signup", query: "", body: `{"organization_id":"v-organization_id","email_address":"ada@example.com","login_expiration_minutes":0,"signup_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Email.LoginOrSignup(ctx, new(fromJSON[MagicLinksEmailLoginOrSignupParams](`{"organization_id":"v-organization_id","email_address":"ada@example.com","login_expiration_minutes":0,"signup_expiration_minutes":0}`)))
		}},
	{op: "B2BOAuthAuthenticate", method: "POST", path: "/v1/b2b/oauth/authenticate", query: "", body: `{"oauth_token":"v-oauth_token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OAuth.Authenticate(ctx, new(fromJSON[OAuthAuthenticateParams](`{"oauth_token":"v-oauth_token","session_duration_minutes":0}`)))
		}},
	{op: "B2BOAuthDiscoveryAuthenticate", method: "POST", path: "/v1/b2b/oauth/discovery/authenticate", query: "", body: `{"discovery_oauth_token":"v-discovery_oauth_token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OAuth.Discovery.Authenticate(ctx, new(fromJSON[OAuthDiscoveryAuthenticateParams](`{"discovery_oauth_token":"v-discovery_oauth_token","session_duration_minutes":0}`)))
		}},
	{op: "B2BOTPsEmailAuthenticate", method: "POST", path: "/v1/b2b/otps/email/authenticate", query: "", body: `{"organization_id":"v-organization_id","email_address":"ada@example.com","code":"v-code","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Email.Authenticate(ctx, new(fromJSON[OTPsEmailAuthenticateParams](`{"organization_id":"v-organization_id","email_address":"ada@example.com","code":"v-code","session_duration_minutes":0}`)))
		}},
	{op: "B2BOTPsEmailDiscoveryAuthenticate", method: "POST", path: "/v1/b2b/otps/email/discovery/authenticate", query: "", body: `{"email_address":"ada@example.com","code":"v-code"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Email.Discovery.Authenticate(ctx, new(fromJSON[OTPsEmailDiscoveryAuthenticateParams](`{"email_address":"ada@example.com","code":"v-code"}`)))
		}},
	{op: "B2BOTPsEmailDiscoverySend", method: "POST", path: "/v1/b2b/otps/email/discovery/send", query: "", body: `{"email_address":"ada@example.com","discovery_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Email.Discovery.Send(ctx, new(fromJSON[OTPsEmailDiscoverySendParams](`{"email_address":"ada@example.com","discovery_expiration_minutes":0}`)))
		}},
	{op: "B2BOTPsEmailLoginOrSignup", method: "POST", path: "/v1/b2b/otps/email/login_or_signup", query: "", body: `{"organization_id":"v-organization_id","email_address":"ada@example.com","login_expiration_minutes":0,"signup_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Email.LoginOrSignup(ctx, new(fromJSON[OTPsEmailLoginOrSignupParams](`{"organization_id":"v-organization_id","email_address":"ada@example.com","login_expiration_minutes":0,"signup_expiration_minutes":0}`)))
		}},
	{op: "B2BOTPsSMSAuthenticate", method: "POST", path: "/v1/b2b/otps/sms/authenticate", query: "", body: `{"organization_id":"v-organization_id","member_id":"v-member_id","code":"v-code","session_duration_minutes":0,"set_default_mfa":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Sms.Authenticate(ctx, new(fromJSON[OTPsSMSAuthenticateParams](`{"organization_id":"v-organization_id","member_id":"v-member_id","code":"v-code","session_duration_minutes":0,"set_default_mfa":false}`)))
		}},
	{op: "B2BOTPsSMSSend", method: "POST", path: "/v1/b2b/otps/sms/send", query: "", body: `{"organization_id":"v-organization_id","member_id":"v-member_id"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Sms.Send(ctx, new(fromJSON[OTPsSMSSendParams](`{"organization_id":"v-organization_id","member_id":"v-member_id"}`)))
		}},
	{op: "B2BOrganizationsConnectedApps", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/connected_apps", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsConnectedApps"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.ConnectedApps(ctx, &OrganizationsConnectedAppsParams{OrganizationID: "organization-id 1/a", MemberSessionJWT: "member-session-B2BOrganizationsConnectedApps"})
		}},
	{op: "B2BOrganizationsCreate", method: "POST", path: "/v1/b2b/organizations", query: "", body: `{"organization_name":"v-organization_name"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Create(ctx, new(fromJSON[OrganizationsCreateParams](`{"organization_name":"v-organization_name"}`)))
		}},
	{op: "B2BOrganizationsDelete", method: "DELETE", path: "/v1/b2b/organizations/organization-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsDelete"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Delete(ctx, &OrganizationsDeleteParams{OrganizationID: "organization-id 1/a", MemberSessionToken: "member-session-B2BOrganizationsDelete"})
		}},
	{op: "B2BOrganizationsDeleteExternalID", method: "DELETE", path: "/v1/b2b/organizations/organization-id%201%2Fa/external_id", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsDeleteExternalID"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.DeleteExternalID(ctx, &OrganizationsDeleteExternalIDParams{OrganizationID: "organization-id 1/a", MemberSessionJWT: "member-session-B2BOrganizationsDeleteExternalID"})
		}},
	{op: "B2BOrganizationsGet", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Get(ctx, &OrganizationsGetParams{OrganizationID: "organization-id 1/a"})
		}},
	{op: "B2BOrganizationsGetConnectedApp", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/connected_apps/connected-app-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsGetConnectedApp"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.GetConnectedApp(ctx, &OrganizationsGetConnectedAppParams{OrganizationID: "organization-id 1/a", ConnectedAppID: "connected-app-id 1/a", MemberSessionToken: "member-session-B2BOrganizationsGetConnectedApp"})
		}},
	{op: "B2BOrganizationsMembersConnectedAppsRevoke", method: "POST", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/connected_apps/connected-app-id%201%2Fa/revoke", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsMembersConnectedAppsRevoke"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.ConnectedApps.Revoke(ctx, &OrganizationsMembersConnectedAppsRevokeParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", ConnectedAppID: "connected-app-id 1/a", MemberSessionJWT: "member-session-B2BOrganizationsMembersConnectedAppsRevoke"})
		}},
	{op: "B2BOrganizationsMembersCreate", method: "POST", path: "/v1/b2b/organizations/organization-id%201%2Fa/members", query: "", body: `{"email_address":"ada@example.com","create_member_as_pending":false,"is_breakglass":false,"mfa_enrolled":false}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsMembersCreate"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.Create(ctx, &OrganizationsMembersCreateParams{OrganizationID: "organization-id 1/a", Body: fromJSON[OrganizationsMembersCreateBody](`{"email_address":"ada@example.com","create_member_as_pending":false,"is_breakglass":false,"mfa_enrolled":false}`), MemberSessionToken: "member-session-B2BOrganizationsMembersCreate"})
		}},
	{op: "B2BOrganizationsMembersDangerouslyGet", method: "GET", path: "/v1/b2b/organizations/members/dangerously_get/member-id%201%2Fa", query: "include_deleted=false", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.DangerouslyGet(ctx, &OrganizationsMembersDangerouslyGetParams{MemberID: "member-id 1/a", IncludeDeleted: new(false)})
		}},
	{op: "B2BOrganizationsMembersDelete", method: "DELETE", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsMembersDelete"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.Delete(ctx, &OrganizationsMembersDeleteParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", MemberSessionJWT: "member-session-B2BOrganizationsMembersDelete"})
		}},
	{op: "B2BOrganizationsMembersDeleteExternalID", method: "DELETE", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/external_id", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsMembersDeleteExternalID"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.DeleteExternalID(ctx, &OrganizationsMembersDeleteExternalIDParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", MemberSessionToken: "member-session-B2BOrganizationsMembersDeleteExternalID"})
		}},
	{op: "B2BOrganizationsMembersDeleteMFAPhoneNumber", method: "DELETE", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/mfa_phone_numbers/member-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsMembersDeleteMFAPhoneNumber"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.DeleteMFAPhoneNumber(ctx, &OrganizationsMembersDeleteMFAPhoneNumberParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", MemberSessionJWT: "member-session-B2BOrganizationsMembersDeleteMFAPhoneNumber"})
		}},
	{op: "B2BOrganizationsMembersDeletePassword", method: "DELETE", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/passwords/member-password-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsMembersDeletePassword"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.DeletePassword(ctx, &OrganizationsMembersDeletePasswordParams{OrganizationID: "organization-id 1/a", MemberPasswordID: "member-password-id 1/a", MemberSessionToken: "member-session-B2BOrganizationsMembersDeletePassword"})
		}},
	{op: "B2BOrganizationsMembersDeleteTOTP", method: "DELETE", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/totp", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsMembersDeleteTOTP"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.DeleteTOTP(ctx, &OrganizationsMembersDeleteTOTPParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", MemberSessionJWT: "member-session-B2BOrganizationsMembersDeleteTOTP"})
		}},
	{op: "B2BOrganizationsMembersGet", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/member", query: "email_address=v-email_address&member_id=v-member_id", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.Get(ctx, &OrganizationsMembersGetParams{OrganizationID: "organization-id 1/a", MemberID: "v-member_id", EmailAddress: "v-email_address"})
		}},
	{op: "B2BOrganizationsMembersGetConnectedApps", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/connected_apps", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsMembersGetConnectedApps"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.GetConnectedApps(ctx, &OrganizationsMembersGetConnectedAppsParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", MemberSessionToken: "member-session-B2BOrganizationsMembersGetConnectedApps"})
		}},
	{op: "B2BOrganizationsMembersOAuthProvidersGithub", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/oauth_providers/github", query: "include_refresh_token=false", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.OAuthProviders.Github(ctx, &OrganizationsMembersOAuthProvidersGithubParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", IncludeRefreshToken: new(false)})
		}},
	{op: "B2BOrganizationsMembersOAuthProvidersGoogle", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/oauth_providers/google", query: "include_refresh_token=false", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.OAuthProviders.Google(ctx, &OrganizationsMembersOAuthProvidersGoogleParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", IncludeRefreshToken: new(false)})
		}},
	{op: "B2BOrganizationsMembersOAuthProvidersHubspot", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/oauth_providers/hubspot", query: "include_refresh_token=false", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.OAuthProviders.Hubspot(ctx, &OrganizationsMembersOAuthProvidersHubspotParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", IncludeRefreshToken: new(false)})
		}},
	{op: "B2BOrganizationsMembersOAuthProvidersMicrosoft", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/oauth_providers/microsoft", query: "include_refresh_token=false", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.OAuthProviders.Microsoft(ctx, &OrganizationsMembersOAuthProvidersMicrosoftParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", IncludeRefreshToken: new(false)})
		}},
	{op: "B2BOrganizationsMembersOAuthProvidersSlack", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/oauth_providers/slack", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.OAuthProviders.Slack(ctx, &OrganizationsMembersOAuthProvidersSlackParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a"})
		}},
	{op: "B2BOrganizationsMembersOIDCProviders", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/oidc_providers", query: "include_refresh_token=false", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.OIDCProviders(ctx, &OrganizationsMembersOIDCProvidersParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", IncludeRefreshToken: new(false)})
		}},
	{op: "B2BOrganizationsMembersReactivate", method: "PUT", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/reactivate", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsMembersReactivate"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.Reactivate(ctx, &OrganizationsMembersReactivateParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", MemberSessionJWT: "member-session-B2BOrganizationsMembersReactivate"})
		}},
	{op: "B2BOrganizationsMembersSearch", method: "POST", path: "/v1/b2b/organizations/members/search", query: "", body: `{"organization_ids":["v-organization_ids"],"limit":0}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsMembersSearch"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.Search(ctx, &OrganizationsMembersSearchParams{Body: fromJSON[OrganizationsMembersSearchBody](`{"organization_ids":["v-organization_ids"],"limit":0}`), MemberSessionToken: "member-session-B2BOrganizationsMembersSearch"})
		}},
	{op: "B2BOrganizationsMembersStartEmailUpdate", method: "POST", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/start_email_update", query: "", body: `{"email_address":"ada@example.com"}`, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsMembersStartEmailUpdate"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.StartEmailUpdate(ctx, &OrganizationsMembersStartEmailUpdateParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", Body: fromJSON[OrganizationsMembersStartEmailUpdateBody](`{"email_address":"ada@example.com"}`), MemberSessionJWT: "member-session-B2BOrganizationsMembersStartEmailUpdate"})
		}},
	{op: "B2BOrganizationsMembersUnlinkRetiredEmail", method: "POST", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa/unlink_retired_email", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsMembersUnlinkRetiredEmail"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.UnlinkRetiredEmail(ctx, &OrganizationsMembersUnlinkRetiredEmailParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", Body: fromJSON[OrganizationsMembersUnlinkRetiredEmailBody](`{}`), MemberSessionToken: "member-session-B2BOrganizationsMembersUnlinkRetiredEmail"})
		}},
	{op: "B2BOrganizationsMembersUpdate", method: "PUT", path: "/v1/b2b/organizations/organization-id%201%2Fa/members/member-id%201%2Fa", query: "", body: `{"is_breakglass":false,"mfa_enrolled":false,"preserve_existing_sessions":false,"unlink_email":false}`, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BOrganizationsMembersUpdate"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Members.Update(ctx, &OrganizationsMembersUpdateParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a", Body: fromJSON[OrganizationsMembersUpdateBody](`{"is_breakglass":false,"mfa_enrolled":false,"preserve_existing_sessions":false,"unlink_email":false}`), MemberSessionJWT: "member-session-B2BOrganizationsMembersUpdate"})
		}},
	{op: "B2BOrganizationsMetrics", method: "GET", path: "/v1/b2b/organizations/organization-id%201%2Fa/metrics", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Metrics(ctx, &OrganizationsMetricsParams{OrganizationID: "organization-id 1/a"})
		}},
	{op: "B2BOrganizationsSearch", method: "POST", path: "/v1/b2b/organizations/search", query: "", body: `{"limit":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Search(ctx, new(fromJSON[OrganizationsSearchParams](`{"limit":0}`)))
		}},
	{op: "B2BOrganizationsUpdate", method: "PUT", path: "/v1/b2b/organizations/organization-id%201%2Fa", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BOrganizationsUpdate"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Organizations.Update(ctx, &OrganizationsUpdateParams{OrganizationID: "organization-id 1/a", Body: fromJSON[OrganizationsUpdateBody](`{}`), MemberSessionToken: "member-session-B2BOrganizationsUpdate"})
		}},
	{op: "B2BPasswordsAuthenticate", method: "POST", path: "/v1/b2b/passwords/authenticate", query: "", body: `{"organization_id":"v-organization_id","email_address":"ada@example.com","password":"v-password","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Authenticate(ctx, new(fromJSON[PasswordsAuthenticateParams](`{"organization_id":"v-organization_id","email_address":"ada@example.com","password":"v-password","session_duration_minutes":0}`)))
		}},
	{op: "B2BPasswordsDiscoveryAuthenticate", method: "POST", path: "/v1/b2b/passwords/discovery/authenticate", query: "", body: `{"email_address":"ada@example.com","password":"v-password"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Discovery.Authenticate(ctx, new(fromJSON[PasswordsDiscoveryAuthenticateParams](`{"email_address":"ada@example.com","password":"v-password"}`)))
		}},
	{op: "B2BPasswordsDiscoveryEmailReset", method: "POST", path: "/v1/b2b/passwords/discovery/email/reset", query: "", body: `{"password_reset_token":"v-password_reset_token","password":"v-password"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Discovery.Email.Reset(ctx, new(fromJSON[PasswordsDiscoveryEmailResetParams](`{"password_reset_token":"v-password_reset_token","password":"v-password"}`)))
		}},
	{op: "B2BPasswordsDiscoveryEmailResetStart", method: "POST", path: "/v1/b2b/passwords/discovery/email/reset/start", query: "", body: `{"email_address":"ada@example.com","reset_password_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Discovery.Email.ResetStart(ctx, new(fromJSON[PasswordsDiscoveryEmailResetStartParams](`{"email_address":"ada@example.com","reset_password_expiration_minutes":0}`)))
		}},
	{op: "B2BPasswordsEmailRequireReset", method: "POST", path: "/v1/b2b/passwords/email/require_reset", query: "", body: `{"email_address":"ada@example.com"}`, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BPasswordsEmailRequireReset"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Email.RequireReset(ctx, &PasswordsEmailRequireResetParams{Body: fromJSON[PasswordsEmailRequireResetBody](`{"email_address":"ada@example.com"}`), MemberSessionJWT: "member-session-B2BPasswordsEmailRequireReset"})
		}},
	{op: "B2BPasswordsEmailReset", method: "POST", path: "/v1/b2b/passwords/email/reset", query: "", body: `{"password_reset_token":"v-password_reset_token","password":"v-password","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Email.Reset(ctx, new(fromJSON[PasswordsEmailResetParams](`{"password_reset_token":"v-password_reset_token","password":"v-password","session_duration_minutes":0}`)))
		}},
	{op: "B2BPasswordsEmailResetStart", method: "POST", path: "/v1/b2b/passwords/email/reset/start", query: "", body: `{"organization_id":"v-organization_id","email_address":"ada@example.com","reset_password_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Email.ResetStart(ctx, new(fromJSON[PasswordsEmailResetStartParams](`{"organization_id":"v-organization_id","email_address":"ada@example.com","reset_password_expiration_minutes":0}`)))
		}},
	{op: "B2BPasswordsExistingPasswordReset", method: "POST", path: "/v1/b2b/passwords/existing_password/reset", query: "", body: `{"email_address":"ada@example.com","existing_password":"v-existing_password","new_password":"v-new_password","organization_id":"v-organization_id","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.ExistingPassword.Reset(ctx, new(fromJSON[PasswordsExistingPasswordResetParams](`{"email_address":"ada@example.com","existing_password":"v-existing_password","new_password":"v-new_password","organization_id":"v-organization_id","session_duration_minutes":0}`)))
		}},
	{op: "B2BPasswordsMigrate", method: "POST", path: "/v1/b2b/passwords/migrate", query: "", body: `{"email_address":"ada@example.com","hash":"v-hash","hash_type":"bcrypt","organization_id":"v-organization_id","preserve_existing_sessions":false,"set_phone_number_verified":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Migrate(ctx, new(fromJSON[PasswordsMigrateParams](`{"email_address":"ada@example.com","hash":"v-hash","hash_type":"bcrypt","organization_id":"v-organization_id","preserve_existing_sessions":false,"set_phone_number_verified":false}`)))
		}},
	{op: "B2BPasswordsSessionsReset", method: "POST", path: "/v1/b2b/passwords/session/reset", query: "", body: `{"organization_id":"v-organization_id","password":"v-password","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Sessions.Reset(ctx, new(fromJSON[PasswordsSessionsResetParams](`{"organization_id":"v-organization_id","password":"v-password","session_duration_minutes":0}`)))
		}},
	{op: "B2BPasswordsStrengthCheck", method: "POST", path: "/v1/b2b/passwords/strength_check", query: "", body: `{"password":"v-password"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.StrengthCheck(ctx, new(fromJSON[PasswordsStrengthCheckParams](`{"password":"v-password"}`)))
		}},
	{op: "B2BRBACOrganizationsGetOrgPolicy", method: "GET", path: "/v1/b2b/rbac/organizations/organization-id%201%2Fa", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.RBAC.Organizations.GetOrgPolicy(ctx, &RBACOrganizationsGetOrgPolicyParams{OrganizationID: "organization-id 1/a"})
		}},
	{op: "B2BRBACOrganizationsSetOrgPolicy", method: "PUT", path: "/v1/b2b/rbac/organizations/organization-id%201%2Fa", query: "", body: `{"org_policy":{"roles":[{"role_id":"v-role_id","description":"v-description","permissions":[{"resource_id":"v-resource_id","actions":["v-actions"]}]}]}}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.RBAC.Organizations.SetOrgPolicy(ctx, &RBACOrganizationsSetOrgPolicyParams{OrganizationID: "organization-id 1/a", Body: fromJSON[RBACOrganizationsSetOrgPolicyBody](`{"org_policy":{"roles":[{"role_id":"v-role_id","description":"v-description","permissions":[{"resource_id":"v-resource_id","actions":["v-actions"]}]}]}}`)})
		}},
	{op: "B2BRBACPolicy", method: "GET", path: "/v1/b2b/rbac/policy", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.RBAC.Policy(ctx)
		}},
	{op: "B2BRecoveryCodesGet", method: "GET", path: "/v1/b2b/recovery_codes/organization-id%201%2Fa/member-id%201%2Fa", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.RecoveryCodes.Get(ctx, &RecoveryCodesGetParams{OrganizationID: "organization-id 1/a", MemberID: "member-id 1/a"})
		}},
	{op: "B2BRecoveryCodesRecover", method: "POST", path: "/v1/b2b/recovery_codes/recover", query: "", body: `{"organization_id":"v-organization_id","member_id":"v-member_id","recovery_code":"v-recovery_code","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.RecoveryCodes.Recover(ctx, new(fromJSON[RecoveryCodesRecoverParams](`{"organization_id":"v-organization_id","member_id":"v-member_id","recovery_code":"v-recovery_code","session_duration_minutes":0}`)))
		}},
	{op: "B2BRecoveryCodesRotate", method: "POST", path: "/v1/b2b/recovery_codes/rotate", query: "", body: `{"organization_id":"v-organization_id","member_id":"v-member_id"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.RecoveryCodes.Rotate(ctx, new(fromJSON[RecoveryCodesRotateParams](`{"organization_id":"v-organization_id","member_id":"v-member_id"}`)))
		}},
	{op: "B2BSCIMConnectionCreate", method: "POST", path: "/v1/b2b/scim/organization-id%201%2Fa/connection", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSCIMConnectionCreate"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SCIM.Connection.Create(ctx, &SCIMConnectionCreateParams{OrganizationID: "organization-id 1/a", Body: fromJSON[SCIMConnectionCreateBody](`{}`), MemberSessionToken: "member-session-B2BSCIMConnectionCreate"})
		}},
	{op: "B2BSCIMConnectionDelete", method: "DELETE", path: "/v1/b2b/scim/organization-id%201%2Fa/connection/connection-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSCIMConnectionDelete"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SCIM.Connection.Delete(ctx, &SCIMConnectionDeleteParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", MemberSessionJWT: "member-session-B2BSCIMConnectionDelete"})
		}},
	{op: "B2BSCIMConnectionGet", method: "GET", path: "/v1/b2b/scim/organization-id%201%2Fa/connection", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSCIMConnectionGet"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SCIM.Connection.Get(ctx, &SCIMConnectionGetParams{OrganizationID: "organization-id 1/a", MemberSessionToken: "member-session-B2BSCIMConnectionGet"})
		}},
	{op: "B2BSCIMConnectionGetGroups", method: "GET", path: "/v1/b2b/scim/organization-id%201%2Fa/connection/connection-id%201%2Fa", query: "cursor=v-cursor&limit=0", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSCIMConnectionGetGroups"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SCIM.Connection.GetGroups(ctx, &SCIMConnectionGetGroupsParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", Cursor: "v-cursor", Limit: new(0), MemberSessionJWT: "member-session-B2BSCIMConnectionGetGroups"})
		}},
	{op: "B2BSCIMConnectionRotateCancel", method: "POST", path: "/v1/b2b/scim/organization-id%201%2Fa/connection/connection-id%201%2Fa/rotate/cancel", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSCIMConnectionRotateCancel"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SCIM.Connection.RotateCancel(ctx, &SCIMConnectionRotateCancelParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", MemberSessionToken: "member-session-B2BSCIMConnectionRotateCancel"})
		}},
	{op: "B2BSCIMConnectionRotateComplete", method: "POST", path: "/v1/b2b/scim/organization-id%201%2Fa/connection/connection-id%201%2Fa/rotate/complete", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSCIMConnectionRotateComplete"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SCIM.Connection.RotateComplete(ctx, &SCIMConnectionRotateCompleteParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", MemberSessionJWT: "member-session-B2BSCIMConnectionRotateComplete"})
		}},
	{op: "B2BSCIMConnectionRotateStart", method: "POST", path: "/v1/b2b/scim/organization-id%201%2Fa/connection/connection-id%201%2Fa/rotate/start", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSCIMConnectionRotateStart"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SCIM.Connection.RotateStart(ctx, &SCIMConnectionRotateStartParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", MemberSessionToken: "member-session-B2BSCIMConnectionRotateStart"})
		}},
	{op: "B2BSCIMConnectionUpdate", method: "PUT", path: "/v1/b2b/scim/organization-id%201%2Fa/connection/connection-id%201%2Fa", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSCIMConnectionUpdate"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SCIM.Connection.Update(ctx, &SCIMConnectionUpdateParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", Body: fromJSON[SCIMConnectionUpdateBody](`{}`), MemberSessionJWT: "member-session-B2BSCIMConnectionUpdate"})
		}},
	{op: "B2BSSOAuthenticate", method: "POST", path: "/v1/b2b/sso/authenticate", query: "", body: `{"sso_token":"v-sso_token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.Authenticate(ctx, new(fromJSON[SSOAuthenticateParams](`{"sso_token":"v-sso_token","session_duration_minutes":0}`)))
		}},
	{op: "B2BSSODeleteConnection", method: "DELETE", path: "/v1/b2b/sso/organization-id%201%2Fa/connections/connection-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSSODeleteConnection"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.DeleteConnection(ctx, &SSODeleteConnectionParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", MemberSessionToken: "member-session-B2BSSODeleteConnection"})
		}},
	{op: "B2BSSOExternalCreateConnection", method: "POST", path: "/v1/b2b/sso/external/organization-id%201%2Fa", query: "", body: `{"external_organization_id":"v-external_organization_id","external_connection_id":"v-external_connection_id"}`, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSSOExternalCreateConnection"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.External.CreateConnection(ctx, &SSOExternalCreateConnectionParams{OrganizationID: "organization-id 1/a", Body: fromJSON[SSOExternalCreateConnectionBody](`{"external_organization_id":"v-external_organization_id","external_connection_id":"v-external_connection_id"}`), MemberSessionJWT: "member-session-B2BSSOExternalCreateConnection"})
		}},
	{op: "B2BSSOExternalUpdateConnection", method: "PUT", path: "/v1/b2b/sso/external/organization-id%201%2Fa/connections/connection-id%201%2Fa", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSSOExternalUpdateConnection"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.External.UpdateConnection(ctx, &SSOExternalUpdateConnectionParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", Body: fromJSON[SSOExternalUpdateConnectionBody](`{}`), MemberSessionToken: "member-session-B2BSSOExternalUpdateConnection"})
		}},
	{op: "B2BSSOGetConnections", method: "GET", path: "/v1/b2b/sso/organization-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSSOGetConnections"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.GetConnections(ctx, &SSOGetConnectionsParams{OrganizationID: "organization-id 1/a", MemberSessionJWT: "member-session-B2BSSOGetConnections"})
		}},
	{op: "B2BSSOOIDCCreateConnection", method: "POST", path: "/v1/b2b/sso/oidc/organization-id%201%2Fa", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSSOOIDCCreateConnection"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.OIDC.CreateConnection(ctx, &SSOOIDCCreateConnectionParams{OrganizationID: "organization-id 1/a", Body: fromJSON[SSOOIDCCreateConnectionBody](`{}`), MemberSessionToken: "member-session-B2BSSOOIDCCreateConnection"})
		}},
	{op: "B2BSSOOIDCUpdateConnection", method: "PUT", path: "/v1/b2b/sso/oidc/organization-id%201%2Fa/connections/connection-id%201%2Fa", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSSOOIDCUpdateConnection"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.OIDC.UpdateConnection(ctx, &SSOOIDCUpdateConnectionParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", Body: fromJSON[SSOOIDCUpdateConnectionBody](`{}`), MemberSessionJWT: "member-session-B2BSSOOIDCUpdateConnection"})
		}},
	{op: "B2BSSOSAMLCreateConnection", method: "POST", path: "/v1/b2b/sso/saml/organization-id%201%2Fa", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSSOSAMLCreateConnection"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.SAML.CreateConnection(ctx, &SSOSAMLCreateConnectionParams{OrganizationID: "organization-id 1/a", Body: fromJSON[SSOSAMLCreateConnectionBody](`{}`), MemberSessionToken: "member-session-B2BSSOSAMLCreateConnection"})
		}},
	{op: "B2BSSOSAMLDeleteEncryptionPrivateKey", method: "DELETE", path: "/v1/b2b/sso/saml/organization-id%201%2Fa/connections/connection-id%201%2Fa/encryption_private_keys/private-key-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSSOSAMLDeleteEncryptionPrivateKey"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.SAML.DeleteEncryptionPrivateKey(ctx, &SSOSAMLDeleteEncryptionPrivateKeyParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", PrivateKeyID: "private-key-id 1/a", MemberSessionJWT: "member-session-B2BSSOSAMLDeleteEncryptionPrivateKey"})
		}},
	{op: "B2BSSOSAMLDeleteVerificationCertificate", method: "DELETE", path: "/v1/b2b/sso/saml/organization-id%201%2Fa/connections/connection-id%201%2Fa/verification_certificates/certificate-id%201%2Fa", query: "", body: ``, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSSOSAMLDeleteVerificationCertificate"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.SAML.DeleteVerificationCertificate(ctx, &SSOSAMLDeleteVerificationCertificateParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", CertificateID: "certificate-id 1/a", MemberSessionToken: "member-session-B2BSSOSAMLDeleteVerificationCertificate"})
		}},
	{op: "B2BSSOSAMLUpdateByURL", method: "PUT", path: "/v1/b2b/sso/saml/organization-id%201%2Fa/connections/connection-id%201%2Fa/url", query: "", body: `{"metadata_url":"v-metadata_url"}`, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSSOSAMLUpdateByURL"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.SAML.UpdateByURL(ctx, &SSOSAMLUpdateByURLParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", Body: fromJSON[SSOSAMLUpdateByURLBody](`{"metadata_url":"v-metadata_url"}`), MemberSessionJWT: "member-session-B2BSSOSAMLUpdateByURL"})
		}},
	{op: "B2BSSOSAMLUpdateConnection", method: "PUT", path: "/v1/b2b/sso/saml/organization-id%201%2Fa/connections/connection-id%201%2Fa", query: "", body: `{"idp_initiated_auth_disabled":false,"allow_gateway_callback":false}`, headers: map[string]string{"X-Stytch-Member-Session": "member-session-B2BSSOSAMLUpdateConnection"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.SSO.SAML.UpdateConnection(ctx, &SSOSAMLUpdateConnectionParams{OrganizationID: "organization-id 1/a", ConnectionID: "connection-id 1/a", Body: fromJSON[SSOSAMLUpdateConnectionBody](`{"idp_initiated_auth_disabled":false,"allow_gateway_callback":false}`), MemberSessionToken: "member-session-B2BSSOSAMLUpdateConnection"})
		}},
	{op: "B2BSessionsAttest", method: "POST", path: "/v1/b2b/sessions/attest", query: "", body: `{"profile_id":"v-profile_id","token":"v-token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Attest(ctx, new(fromJSON[SessionsAttestParams](`{"profile_id":"v-profile_id","token":"v-token","session_duration_minutes":0}`)))
		}},
	{op: "B2BSessionsAuthenticate", method: "POST", path: "/v1/b2b/sessions/authenticate", query: "", body: `{"session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Authenticate(ctx, new(fromJSON[SessionsAuthenticateParams](`{"session_duration_minutes":0}`)))
		}},
	{op: "B2BSessionsExchange", method: "POST", path: "/v1/b2b/sessions/exchange", query: "", body: `{"organization_id":"v-organization_id","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Exchange(ctx, new(fromJSON[SessionsExchangeParams](`{"organization_id":"v-organization_id","session_duration_minutes":0}`)))
		}},
	{op: "B2BSessionsExchangeAccessToken", method: "POST", path: "/v1/b2b/sessions/exchange_access_token", query: "", body: `{"access_token":"v-access_token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.ExchangeAccessToken(ctx, new(fromJSON[SessionsExchangeAccessTokenParams](`{"access_token":"v-access_token","session_duration_minutes":0}`)))
		}},
	{op: "B2BSessionsGet", method: "GET", path: "/v1/b2b/sessions", query: "member_id=v-member_id&organization_id=v-organization_id", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Get(ctx, &SessionsGetParams{OrganizationID: "v-organization_id", MemberID: "v-member_id"})
		}},
	{op: "B2BSessionsGetJWKS", method: "GET", path: "/v1/b2b/sessions/jwks/project-id%201%2Fa", query: "", body: ``, public: true,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.GetJWKS(ctx, &SessionsGetJWKSParams{ProjectID: "project-id 1/a"})
		}},
	{op: "B2BSessionsMigrate", method: "POST", path: "/v1/b2b/sessions/migrate", query: "", body: `{"session_token":"v-session_token","organization_id":"v-organization_id","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Migrate(ctx, new(fromJSON[SessionsMigrateParams](`{"session_token":"v-session_token","organization_id":"v-organization_id","session_duration_minutes":0}`)))
		}},
	{op: "B2BSessionsRevoke", method: "POST", path: "/v1/b2b/sessions/revoke", query: "", body: `{}`, headers: map[string]string{"X-Stytch-Member-SessionJWT": "member-session-B2BSessionsRevoke"},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Revoke(ctx, &SessionsRevokeParams{Body: fromJSON[SessionsRevokeBody](`{}`), MemberSessionJWT: "member-session-B2BSessionsRevoke"})
		}},
	{op: "B2BTOTPsAuthenticate", method: "POST", path: "/v1/b2b/totp/authenticate", query: "", body: `{"organization_id":"v-organization_id","member_id":"v-member_id","code":"v-code","session_duration_minutes":0,"set_default_mfa":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.TOTPs.Authenticate(ctx, new(fromJSON[TOTPsAuthenticateParams](`{"organization_id":"v-organization_id","member_id":"v-member_id","code":"v-code","session_duration_minutes":0,"set_default_mfa":false}`)))
		}},
	{op: "B2BTOTPsCreate", method: "POST", path: "/v1/b2b/totp", query: "", body: `{"organization_id":"v-organization_id","member_id":"v-member_id","expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.TOTPs.Create(ctx, new(fromJSON[TOTPsCreateParams](`{"organization_id":"v-organization_id","member_id":"v-member_id","expiration_minutes":0}`)))
		}},
	{op: "B2BTOTPsMigrate", method: "POST", path: "/v1/b2b/totp/migrate", query: "", body: `{"organization_id":"v-organization_id","member_id":"v-member_id","secret":"v-secret","recovery_codes":["v-recovery_codes"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.TOTPs.Migrate(ctx, new(fromJSON[TOTPsMigrateParams](`{"organization_id":"v-organization_id","member_id":"v-member_id","secret":"v-secret","recovery_codes":["v-recovery_codes"]}`)))
		}},
}
