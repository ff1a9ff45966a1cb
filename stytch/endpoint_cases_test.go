package stytch

import (
	"context"
	"net/url"
)

// endpointCases calls every service method once. Bodies carry explicit false
// and 0 for every optional boolean and integer field, so a dropped zero
// value shows up as a body mismatch.
var endpointCases = []endpointCase{
	{op: "ConnectedAppClientsGet", method: "GET", path: "/v1/connected_apps/clients/client-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ConnectedApp.Clients.Get(ctx, &ConnectedAppClientsGetParams{ClientID: "client-id-1"})
		}},
	{op: "ConnectedAppClientsUpdate", method: "PUT", path: "/v1/connected_apps/clients/client-id-1", query: "", body: `{"full_access_allowed":false,"access_token_expiry_minutes":0,"bypass_consent_for_offline_access":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ConnectedApp.Clients.Update(ctx, &ConnectedAppClientsUpdateParams{ClientID: "client-id-1", Body: fromJSON[ConnectedAppClientsUpdateBody](`{"full_access_allowed":false,"access_token_expiry_minutes":0,"bypass_consent_for_offline_access":false}`)})
		}},
	{op: "ConnectedAppClientsDelete", method: "DELETE", path: "/v1/connected_apps/clients/client-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ConnectedApp.Clients.Delete(ctx, &ConnectedAppClientsDeleteParams{ClientID: "client-id-1"})
		}},
	{op: "ConnectedAppClientsSearch", method: "POST", path: "/v1/connected_apps/clients/search", query: "", body: `{"limit":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ConnectedApp.Clients.Search(ctx, new(fromJSON[ConnectedAppClientsSearchParams](`{"limit":0}`)))
		}},
	{op: "ConnectedAppClientsCreate", method: "POST", path: "/v1/connected_apps/clients", query: "", body: `{"client_type":"first_party","full_access_allowed":false,"access_token_expiry_minutes":0,"bypass_consent_for_offline_access":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ConnectedApp.Clients.Create(ctx, new(fromJSON[ConnectedAppClientsCreateParams](`{"client_type":"first_party","full_access_allowed":false,"access_token_expiry_minutes":0,"bypass_consent_for_offline_access":false}`)))
		}},
	{op: "ConnectedAppClientsSecretsRotateStart", method: "POST", path: "/v1/connected_apps/clients/client-id-1/secrets/rotate/start", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ConnectedApp.Clients.Secrets.RotateStart(ctx, &ConnectedAppClientsSecretsRotateStartParams{ClientID: "client-id-1"})
		}},
	{op: "ConnectedAppClientsSecretsRotateCancel", method: "POST", path: "/v1/connected_apps/clients/client-id-1/secrets/rotate/cancel", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ConnectedApp.Clients.Secrets.RotateCancel(ctx, &ConnectedAppClientsSecretsRotateCancelParams{ClientID: "client-id-1"})
		}},
	{op: "ConnectedAppClientsSecretsRotate", method: "POST", path: "/v1/connected_apps/clients/client-id-1/secrets/rotate", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.ConnectedApp.Clients.Secrets.Rotate(ctx, &ConnectedAppClientsSecretsRotateParams{ClientID: "client-id-1"})
		}},
	{op: "CryptoWalletsAuthenticateStart", method: "POST", path: "/v1/crypto_wallets/authenticate/start", query: "", body: `{"crypto_wallet_type":"ethereum","crypto_wallet_address":"v-crypto_wallet_address"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.CryptoWallets.AuthenticateStart(ctx, new(fromJSON[CryptoWalletsAuthenticateStartParams](`{"crypto_wallet_type":"ethereum","crypto_wallet_address":"v-crypto_wallet_address"}`)))
		}},
	{op: "CryptoWalletsAuthenticate", method: "POST", path: "/v1/crypto_wallets/authenticate", query: "", body: `{"crypto_wallet_type":"ethereum","crypto_wallet_address":"v-crypto_wallet_address","signature":"v-signature","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.CryptoWallets.Authenticate(ctx, new(fromJSON[CryptoWalletsAuthenticateParams](`{"crypto_wallet_type":"ethereum","crypto_wallet_address":"v-crypto_wallet_address","signature":"v-signature","session_duration_minutes":0}`)))
		}},
	{op: "DebugWhoami", method: "GET", path: "/v1/debug/whoami", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) { return c.Debug.Whoami(ctx) }},
	{op: "FraudEmailRisk", method: "POST", path: "/v1/email/risk", query: "", body: `{"email_address":"v-email_address"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Fraud.Email.Risk(ctx, new(fromJSON[FraudEmailRiskParams](`{"email_address":"v-email_address"}`)))
		}},
	{op: "FraudFingerprintLookup", method: "POST", path: "/v1/fingerprint/lookup", query: "", body: `{"telemetry_id":"v-telemetry_id"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Fraud.Fingerprint.Lookup(ctx, new(fromJSON[FraudFingerprintLookupParams](`{"telemetry_id":"v-telemetry_id"}`)))
		}},
	{op: "FraudRulesSet", method: "POST", path: "/v1/rules/set", query: "", body: `{"action":"ALLOW","expires_in_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Fraud.Rules.Set(ctx, new(fromJSON[FraudRulesSetParams](`{"action":"ALLOW","expires_in_minutes":0}`)))
		}},
	{op: "FraudRulesList", method: "POST", path: "/v1/rules/list", query: "", body: `{"limit":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Fraud.Rules.List(ctx, new(fromJSON[FraudRulesListParams](`{"limit":0}`)))
		}},
	{op: "FraudVerdictReasonsOverride", method: "POST", path: "/v1/verdict_reasons/override", query: "", body: `{"verdict_reason":"v-verdict_reason","override_action":"ALLOW"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Fraud.VerdictReasons.Override(ctx, new(fromJSON[FraudVerdictReasonsOverrideParams](`{"verdict_reason":"v-verdict_reason","override_action":"ALLOW"}`)))
		}},
	{op: "FraudVerdictReasonsList", method: "POST", path: "/v1/verdict_reasons/list", query: "", body: `{"overrides_only":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Fraud.VerdictReasons.List(ctx, new(fromJSON[FraudVerdictReasonsListParams](`{"overrides_only":false}`)))
		}},
	{op: "IDPOAuthAuthorizeStart", method: "POST", path: "/v1/idp/oauth/authorize/start", query: "", body: `{"client_id":"v-client_id","redirect_uri":"v-redirect_uri","response_type":"code","scopes":["v-scopes"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.OAuth.AuthorizeStart(ctx, new(fromJSON[IDPOAuthAuthorizeStartParams](`{"client_id":"v-client_id","redirect_uri":"v-redirect_uri","response_type":"code","scopes":["v-scopes"]}`)))
		}},
	{op: "IDPOAuthAuthorize", method: "POST", path: "/v1/idp/oauth/authorize", query: "", body: `{"consent_granted":false,"scopes":["v-scopes"],"client_id":"v-client_id","redirect_uri":"v-redirect_uri","response_type":"code"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.OAuth.Authorize(ctx, new(fromJSON[IDPOAuthAuthorizeParams](`{"consent_granted":false,"scopes":["v-scopes"],"client_id":"v-client_id","redirect_uri":"v-redirect_uri","response_type":"code"}`)))
		}},
	{op: "ImpersonationAuthenticate", method: "POST", path: "/v1/impersonation/authenticate", query: "", body: `{"impersonation_token":"v-impersonation_token"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Impersonation.Authenticate(ctx, new(fromJSON[ImpersonationAuthenticateParams](`{"impersonation_token":"v-impersonation_token"}`)))
		}},
	{op: "M2MClientsGet", method: "GET", path: "/v1/m2m/clients/client-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Clients.Get(ctx, &M2MClientsGetParams{ClientID: "client-id-1"})
		}},
	{op: "M2MClientsUpdate", method: "PUT", path: "/v1/m2m/clients/client-id-1", query: "", body: `{}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Clients.Update(ctx, &M2MClientsUpdateParams{ClientID: "client-id-1", Body: fromJSON[M2MClientsUpdateBody](`{}`)})
		}},
	{op: "M2MClientsDelete", method: "DELETE", path: "/v1/m2m/clients/client-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Clients.Delete(ctx, &M2MClientsDeleteParams{ClientID: "client-id-1"})
		}},
	{op: "M2MClientsSearch", method: "POST", path: "/v1/m2m/clients/search", query: "", body: `{"limit":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Clients.Search(ctx, new(fromJSON[M2MClientsSearchParams](`{"limit":0}`)))
		}},
	{op: "M2MClientsCreate", method: "POST", path: "/v1/m2m/clients", query: "", body: `{"scopes":["v-scopes"]}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Clients.Create(ctx, new(fromJSON[M2MClientsCreateParams](`{"scopes":["v-scopes"]}`)))
		}},
	{op: "M2MClientsSecretsRotateStart", method: "POST", path: "/v1/m2m/clients/client-id-1/secrets/rotate/start", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Clients.Secrets.RotateStart(ctx, &M2MClientsSecretsRotateStartParams{ClientID: "client-id-1"})
		}},
	{op: "M2MClientsSecretsRotateCancel", method: "POST", path: "/v1/m2m/clients/client-id-1/secrets/rotate/cancel", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Clients.Secrets.RotateCancel(ctx, &M2MClientsSecretsRotateCancelParams{ClientID: "client-id-1"})
		}},
	{op: "M2MClientsSecretsRotate", method: "POST", path: "/v1/m2m/clients/client-id-1/secrets/rotate", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Clients.Secrets.Rotate(ctx, &M2MClientsSecretsRotateParams{ClientID: "client-id-1"})
		}},
	{op: "MagicLinksAuthenticate", method: "POST", path: "/v1/magic_links/authenticate", query: "", body: `{"token":"v-token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Authenticate(ctx, new(fromJSON[MagicLinksAuthenticateParams](`{"token":"v-token","session_duration_minutes":0}`)))
		}},
	{op: "MagicLinksCreate", method: "POST", path: "/v1/magic_links", query: "", body: `{"user_id":"v-user_id","expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Create(ctx, new(fromJSON[MagicLinksCreateParams](`{"user_id":"v-user_id","expiration_minutes":0}`)))
		}},
	{op: "MagicLinksEmailSend", method: "POST", path: "/v1/magic_links/email/send", query: "", body: `{"email":"ada@example.com","login_expiration_minutes":0,"signup_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Email.Send(ctx, new(fromJSON[MagicLinksEmailSendParams](`{"email":"ada@example.com","login_expiration_minutes":0,"signup_expiration_minutes":0}`)))
		}},
	{op: "MagicLinksEmailLoginOrCreate", method: "POST", path: "/v1/magic_links/email/login_or_create", query: "", body: `{"email":"ada@example.com","login_expiration_minutes":0,"signup_expiration_minutes":0,"create_user_as_pending":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Email.LoginOrCreate(ctx, new(fromJSON[MagicLinksEmailLoginOrCreateParams](`{"email":"ada@example.com","login_expiration_minutes":0,"signup_expiration_minutes":0,"create_user_as_pending":false}`)))
		}},
	{op: "MagicLinksEmailInvite", method: "POST", path: "/v1/magic_links/email/invite", query: "", body: `{"email":"ada@example.com","invite_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Email.Invite(ctx, new(fromJSON[MagicLinksEmailInviteParams](`{"email":"ada@example.com","invite_expiration_minutes":0}`)))
		}},
	{op: "MagicLinksEmailRevokeInvite", method: "POST", path: "/v1/magic_links/email/revoke_invite", query: "", body: `{"email":"ada@example.com"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.MagicLinks.Email.RevokeInvite(ctx, new(fromJSON[MagicLinksEmailRevokeInviteParams](`{"email":"ada@example.com"}`)))
		}},
	{op: "OAuthAttach", method: "POST", path: "/v1/oauth/attach", query: "", body: `{"provider":"v-provider"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OAuth.Attach(ctx, new(fromJSON[OAuthAttachParams](`{"provider":"v-provider"}`)))
		}},
	{op: "OAuthAuthenticate", method: "POST", path: "/v1/oauth/authenticate", query: "", body: `{"token":"v-token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OAuth.Authenticate(ctx, new(fromJSON[OAuthAuthenticateParams](`{"token":"v-token","session_duration_minutes":0}`)))
		}},
	{op: "OTPsAuthenticate", method: "POST", path: "/v1/otps/authenticate", query: "", body: `{"method_id":"v-method_id","code":"v-code","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Authenticate(ctx, new(fromJSON[OTPsAuthenticateParams](`{"method_id":"v-method_id","code":"v-code","session_duration_minutes":0}`)))
		}},
	{op: "OTPsEmailSend", method: "POST", path: "/v1/otps/email/send", query: "", body: `{"email":"ada@example.com","expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Email.Send(ctx, new(fromJSON[OTPsEmailSendParams](`{"email":"ada@example.com","expiration_minutes":0}`)))
		}},
	{op: "OTPsEmailLoginOrCreate", method: "POST", path: "/v1/otps/email/login_or_create", query: "", body: `{"email":"ada@example.com","expiration_minutes":0,"create_user_as_pending":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Email.LoginOrCreate(ctx, new(fromJSON[OTPsEmailLoginOrCreateParams](`{"email":"ada@example.com","expiration_minutes":0,"create_user_as_pending":false}`)))
		}},
	{op: "OTPsSMSSend", method: "POST", path: "/v1/otps/sms/send", query: "", body: `{"phone_number":"v-phone_number","expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Sms.Send(ctx, new(fromJSON[OTPsSMSSendParams](`{"phone_number":"v-phone_number","expiration_minutes":0}`)))
		}},
	{op: "OTPsSMSLoginOrCreate", method: "POST", path: "/v1/otps/sms/login_or_create", query: "", body: `{"phone_number":"v-phone_number","expiration_minutes":0,"create_user_as_pending":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.Sms.LoginOrCreate(ctx, new(fromJSON[OTPsSMSLoginOrCreateParams](`{"phone_number":"v-phone_number","expiration_minutes":0,"create_user_as_pending":false}`)))
		}},
	{op: "OTPsWhatsAppSend", method: "POST", path: "/v1/otps/whatsapp/send", query: "", body: `{"phone_number":"v-phone_number","expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.WhatsApp.Send(ctx, new(fromJSON[OTPsWhatsAppSendParams](`{"phone_number":"v-phone_number","expiration_minutes":0}`)))
		}},
	{op: "OTPsWhatsAppLoginOrCreate", method: "POST", path: "/v1/otps/whatsapp/login_or_create", query: "", body: `{"phone_number":"v-phone_number","expiration_minutes":0,"create_user_as_pending":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.OTPs.WhatsApp.LoginOrCreate(ctx, new(fromJSON[OTPsWhatsAppLoginOrCreateParams](`{"phone_number":"v-phone_number","expiration_minutes":0,"create_user_as_pending":false}`)))
		}},
	{op: "PasswordsCreate", method: "POST", path: "/v1/passwords", query: "", body: `{"email":"ada@example.com","password":"v-password","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Create(ctx, new(fromJSON[PasswordsCreateParams](`{"email":"ada@example.com","password":"v-password","session_duration_minutes":0}`)))
		}},
	{op: "PasswordsAuthenticate", method: "POST", path: "/v1/passwords/authenticate", query: "", body: `{"email":"ada@example.com","password":"v-password","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Authenticate(ctx, new(fromJSON[PasswordsAuthenticateParams](`{"email":"ada@example.com","password":"v-password","session_duration_minutes":0}`)))
		}},
	{op: "PasswordsStrengthCheck", method: "POST", path: "/v1/passwords/strength_check", query: "", body: `{"password":"v-password"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.StrengthCheck(ctx, new(fromJSON[PasswordsStrengthCheckParams](`{"password":"v-password"}`)))
		}},
	{op: "PasswordsMigrate", method: "POST", path: "/v1/passwords/migrate", query: "", body: `{"email":"ada@example.com","hash":"v-hash","hash_type":"bcrypt","set_email_verified":false,"set_phone_number_verified":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Migrate(ctx, new(fromJSON[PasswordsMigrateParams](`{"email":"ada@example.com","hash":"v-hash","hash_type":"bcrypt","set_email_verified":false,"set_phone_number_verified":false}`)))
		}},
	{op: "PasswordsEmailResetStart", method: "POST", path: "/v1/passwords/email/reset/start", query: "", body: `{"email":"ada@example.com","reset_password_expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Email.ResetStart(ctx, new(fromJSON[PasswordsEmailResetStartParams](`{"email":"ada@example.com","reset_password_expiration_minutes":0}`)))
		}},
	{op: "PasswordsEmailReset", method: "POST", path: "/v1/passwords/email/reset", query: "", body: `{"token":"v-token","password":"v-password","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Email.Reset(ctx, new(fromJSON[PasswordsEmailResetParams](`{"token":"v-token","password":"v-password","session_duration_minutes":0}`)))
		}},
	{op: "PasswordsExistingPasswordReset", method: "POST", path: "/v1/passwords/existing_password/reset", query: "", body: `{"email":"ada@example.com","existing_password":"v-existing_password","new_password":"v-new_password","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.ExistingPassword.Reset(ctx, new(fromJSON[PasswordsExistingPasswordResetParams](`{"email":"ada@example.com","existing_password":"v-existing_password","new_password":"v-new_password","session_duration_minutes":0}`)))
		}},
	{op: "PasswordsSessionsReset", method: "POST", path: "/v1/passwords/session/reset", query: "", body: `{"password":"v-password","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Passwords.Sessions.Reset(ctx, new(fromJSON[PasswordsSessionsResetParams](`{"password":"v-password","session_duration_minutes":0}`)))
		}},
	{op: "ProjectMetrics", method: "GET", path: "/v1/projects/metrics", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) { return c.Project.Metrics(ctx) }},
	{op: "RBACPolicy", method: "GET", path: "/v1/rbac/policy", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) { return c.RBAC.Policy(ctx) }},
	{op: "SessionsGet", method: "GET", path: "/v1/sessions", query: "user_id=user-test-q", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Get(ctx, &SessionsGetParams{UserID: "user-test-q"})
		}},
	{op: "SessionsAuthenticate", method: "POST", path: "/v1/sessions/authenticate", query: "", body: `{"session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Authenticate(ctx, new(fromJSON[SessionsAuthenticateParams](`{"session_duration_minutes":0}`)))
		}},
	{op: "SessionsRevoke", method: "POST", path: "/v1/sessions/revoke", query: "", body: `{}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Revoke(ctx, new(fromJSON[SessionsRevokeParams](`{}`)))
		}},
	{op: "SessionsMigrate", method: "POST", path: "/v1/sessions/migrate", query: "", body: `{"session_token":"v-session_token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Migrate(ctx, new(fromJSON[SessionsMigrateParams](`{"session_token":"v-session_token","session_duration_minutes":0}`)))
		}},
	{op: "SessionsExchangeAccessToken", method: "POST", path: "/v1/sessions/exchange_access_token", query: "", body: `{"access_token":"v-access_token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.ExchangeAccessToken(ctx, new(fromJSON[SessionsExchangeAccessTokenParams](`{"access_token":"v-access_token","session_duration_minutes":0}`)))
		}},
	{op: "SessionsGetJWKS", method: "GET", path: "/v1/sessions/jwks/project-id-1", query: "", body: ``, public: true,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.GetJWKS(ctx, &SessionsGetJWKSParams{ProjectID: "project-id-1"})
		}},
	{op: "SessionsAttest", method: "POST", path: "/v1/sessions/attest", query: "", body: `{"profile_id":"v-profile_id","token":"v-token","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Sessions.Attest(ctx, new(fromJSON[SessionsAttestParams](`{"profile_id":"v-profile_id","token":"v-token","session_duration_minutes":0}`)))
		}},
	{op: "TOTPsCreate", method: "POST", path: "/v1/totps", query: "", body: `{"user_id":"v-user_id","expiration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.TOTPs.Create(ctx, new(fromJSON[TOTPsCreateParams](`{"user_id":"v-user_id","expiration_minutes":0}`)))
		}},
	{op: "TOTPsAuthenticate", method: "POST", path: "/v1/totps/authenticate", query: "", body: `{"user_id":"v-user_id","totp_code":"v-totp_code","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.TOTPs.Authenticate(ctx, new(fromJSON[TOTPsAuthenticateParams](`{"user_id":"v-user_id","totp_code":"v-totp_code","session_duration_minutes":0}`)))
		}},
	{op: "TOTPsRecoveryCodes", method: "POST", path: "/v1/totps/recovery_codes", query: "", body: `{"user_id":"v-user_id"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.TOTPs.RecoveryCodes(ctx, new(fromJSON[TOTPsRecoveryCodesParams](`{"user_id":"v-user_id"}`)))
		}},
	{op: "TOTPsRecover", method: "POST", path: "/v1/totps/recover", query: "", body: `{"user_id":"v-user_id","recovery_code":"v-recovery_code","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.TOTPs.Recover(ctx, new(fromJSON[TOTPsRecoverParams](`{"user_id":"v-user_id","recovery_code":"v-recovery_code","session_duration_minutes":0}`)))
		}},
	{op: "UsersCreate", method: "POST", path: "/v1/users", query: "", body: `{"create_user_as_pending":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.Create(ctx, new(fromJSON[UsersCreateParams](`{"create_user_as_pending":false}`)))
		}},
	{op: "UsersGet", method: "GET", path: "/v1/users/user-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.Get(ctx, &UsersGetParams{UserID: "user-id-1"})
		}},
	{op: "UsersUpdate", method: "PUT", path: "/v1/users/user-id-1", query: "", body: `{}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.Update(ctx, &UsersUpdateParams{UserID: "user-id-1", Body: fromJSON[UsersUpdateBody](`{}`)})
		}},
	{op: "UsersDelete", method: "DELETE", path: "/v1/users/user-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.Delete(ctx, &UsersDeleteParams{UserID: "user-id-1"})
		}},
	{op: "UsersSearch", method: "POST", path: "/v1/users/search", query: "", body: `{"limit":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.Search(ctx, new(fromJSON[UsersSearchParams](`{"limit":0}`)))
		}},
	{op: "UsersExchangePrimaryFactor", method: "PUT", path: "/v1/users/user-id-1/exchange_primary_factor", query: "", body: `{}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.ExchangePrimaryFactor(ctx, &UsersExchangePrimaryFactorParams{UserID: "user-id-1", Body: fromJSON[UsersExchangePrimaryFactorBody](`{}`)})
		}},
	{op: "UsersDeleteEmail", method: "DELETE", path: "/v1/users/emails/email-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeleteEmail(ctx, &UsersDeleteEmailParams{EmailID: "email-id-1"})
		}},
	{op: "UsersDeletePhoneNumber", method: "DELETE", path: "/v1/users/phone_numbers/phone-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeletePhoneNumber(ctx, &UsersDeletePhoneNumberParams{PhoneID: "phone-id-1"})
		}},
	{op: "UsersDeleteWebAuthnRegistration", method: "DELETE", path: "/v1/users/webauthn_registrations/webauthn-registration-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeleteWebAuthnRegistration(ctx, &UsersDeleteWebAuthnRegistrationParams{WebAuthnRegistrationID: "webauthn-registration-id-1"})
		}},
	{op: "UsersDeleteBiometricRegistration", method: "DELETE", path: "/v1/users/biometric_registrations/biometric-registration-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeleteBiometricRegistration(ctx, &UsersDeleteBiometricRegistrationParams{BiometricRegistrationID: "biometric-registration-id-1"})
		}},
	{op: "UsersDeleteTOTP", method: "DELETE", path: "/v1/users/totps/totp-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeleteTOTP(ctx, &UsersDeleteTOTPParams{TOTPID: "totp-id-1"})
		}},
	{op: "UsersDeleteCryptoWallet", method: "DELETE", path: "/v1/users/crypto_wallets/crypto-wallet-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeleteCryptoWallet(ctx, &UsersDeleteCryptoWalletParams{CryptoWalletID: "crypto-wallet-id-1"})
		}},
	{op: "UsersDeletePassword", method: "DELETE", path: "/v1/users/passwords/password-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeletePassword(ctx, &UsersDeletePasswordParams{PasswordID: "password-id-1"})
		}},
	{op: "UsersDeleteOAuthRegistration", method: "DELETE", path: "/v1/users/oauth/oauth-user-registration-id-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeleteOAuthRegistration(ctx, &UsersDeleteOAuthRegistrationParams{OAuthUserRegistrationID: "oauth-user-registration-id-1"})
		}},
	{op: "UsersDeleteExternalID", method: "DELETE", path: "/v1/users/user-id-1/external_id", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.DeleteExternalID(ctx, &UsersDeleteExternalIDParams{UserID: "user-id-1"})
		}},
	{op: "UsersConnectedApps", method: "GET", path: "/v1/users/user-id-1/connected_apps", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.ConnectedApps(ctx, &UsersConnectedAppsParams{UserID: "user-id-1"})
		}},
	{op: "UsersRevoke", method: "POST", path: "/v1/users/user-id-1/connected_apps/connected-app-id-1/revoke", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Users.Revoke(ctx, &UsersRevokeParams{UserID: "user-id-1", ConnectedAppID: "connected-app-id-1"})
		}},
	{op: "WebAuthnRegisterStart", method: "POST", path: "/v1/webauthn/register/start", query: "", body: `{"user_id":"v-user_id","domain":"v-domain","return_passkey_credential_options":false,"use_base64_url_encoding":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.WebAuthn.RegisterStart(ctx, new(fromJSON[WebAuthnRegisterStartParams](`{"user_id":"v-user_id","domain":"v-domain","return_passkey_credential_options":false,"use_base64_url_encoding":false}`)))
		}},
	{op: "WebAuthnRegister", method: "POST", path: "/v1/webauthn/register", query: "", body: `{"user_id":"v-user_id","public_key_credential":"v-public_key_credential","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.WebAuthn.Register(ctx, new(fromJSON[WebAuthnRegisterParams](`{"user_id":"v-user_id","public_key_credential":"v-public_key_credential","session_duration_minutes":0}`)))
		}},
	{op: "WebAuthnAuthenticateStart", method: "POST", path: "/v1/webauthn/authenticate/start", query: "", body: `{"domain":"v-domain","return_passkey_credential_options":false,"use_base64_url_encoding":false}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.WebAuthn.AuthenticateStart(ctx, new(fromJSON[WebAuthnAuthenticateStartParams](`{"domain":"v-domain","return_passkey_credential_options":false,"use_base64_url_encoding":false}`)))
		}},
	{op: "WebAuthnAuthenticate", method: "POST", path: "/v1/webauthn/authenticate", query: "", body: `{"public_key_credential":"v-public_key_credential","session_duration_minutes":0}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.WebAuthn.Authenticate(ctx, new(fromJSON[WebAuthnAuthenticateParams](`{"public_key_credential":"v-public_key_credential","session_duration_minutes":0}`)))
		}},
	{op: "WebAuthnUpdate", method: "PUT", path: "/v1/webauthn/webauthn-registration-id-1", query: "", body: `{"name":"v-name"}`,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.WebAuthn.Update(ctx, &WebAuthnUpdateParams{WebAuthnRegistrationID: "webauthn-registration-id-1", Body: fromJSON[WebAuthnUpdateBody](`{"name":"v-name"}`)})
		}},
	{op: "WebAuthnListCredentials", method: "GET", path: "/v1/webauthn/credentials/user-id-1/domain-1", query: "", body: ``,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.WebAuthn.ListCredentials(ctx, &WebAuthnListCredentialsParams{UserID: "user-id-1", Domain: "domain-1"})
		}},
	{op: "M2MToken", method: "POST", path: "/v1/public/project-test-11111111/oauth2/token", public: true,
		form: url.Values{"client_id": {"m2m-client-1"}, "client_secret": {"cs-1"}, "grant_type": {"client_credentials"}, "scope": {"read:users write:users"}},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.M2M.Token(ctx, "m2m-client-1", "cs-1", []string{"read:users", "write:users"})
		}},
	{op: "IDPIntrospectTokenNetwork", method: "POST", path: "/v1/public/project-test-11111111/oauth2/introspect", public: true,
		form: url.Values{"token": {"tok-1"}, "client_id": {"ca-1"}, "token_type_hint": {"access_token"}},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.IntrospectTokenNetwork(ctx, &IDPIntrospectTokenNetworkParams{Form: IDPIntrospectTokenNetworkForm{Token: "tok-1", ClientID: new("ca-1"),
				TokenTypeHint: new(IDPIntrospectTokenNetworkRequestTokenTypeHintAccessToken)}})
		}},
	{op: "IDPRevokeToken", method: "POST", path: "/v1/public/project-test-11111111/oauth2/revoke", public: true,
		form: url.Values{"token": {"tok-1"}, "client_id": {"ca-1"}, "client_secret": {"cs-1"}, "token_type_hint": {"refresh_token"}},
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.RevokeToken(ctx, &IDPRevokeTokenParams{Token: "tok-1", ClientID: new("ca-1"), ClientSecret: new("cs-1"),
				TokenTypeHint: new(IDPRevokeTokenRequestTokenTypeHintRefreshToken)})
		}},
	{op: "IDPUserInfo", method: "GET", path: "/v1/oauth2/userinfo", public: true,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.UserInfo(ctx, &IDPUserInfoParams{AccessToken: "at-1"})
		}},
	{op: "IDPGetOpenIDConfiguration", method: "GET", path: "/v1/public/project-test-11111111/.well-known/openid-configuration", public: true,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.GetOpenIDConfiguration(ctx)
		}},
	{op: "IDPGetAuthorizationServerMetadata", method: "GET", path: "/.well-known/oauth-authorization-server", public: true,
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.IDP.GetAuthorizationServerMetadata(ctx)
		}},
}
