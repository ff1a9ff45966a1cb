package stytch

// Common values of APIError.ErrorType (Stytch sends several hundred; these
// are the ones consumer integrations branch on). Compare with HasErrorType.
const (
	// 400

	ErrorTypeBadRequest                   = "bad_request"
	ErrorTypeInvalidEmail                 = "invalid_email"
	ErrorTypeInvalidPhoneNumber           = "invalid_phone_number"
	ErrorTypeInvalidUserID                = "invalid_user_id"
	ErrorTypeInvalidMethodID              = "invalid_method_id"
	ErrorTypeInvalidCode                  = "invalid_code"
	ErrorTypeInvalidSessionToken          = "invalid_session_token"
	ErrorTypeInvalidSessionDuration       = "invalid_session_duration_minutes"
	ErrorTypeInvalidMagicLinkURL          = "invalid_magic_link_url"
	ErrorTypeNoMatchForMagicLinkURL       = "no_match_for_provided_magic_link_url"
	ErrorTypeDuplicateEmail               = "duplicate_email"
	ErrorTypeDuplicatePhoneNumber         = "duplicate_phone_number"
	ErrorTypeWeakPassword                 = "weak_password"
	ErrorTypeBreachedPassword             = "breached_password"
	ErrorTypeResetPassword                = "reset_password"
	ErrorTypeActiveTOTPExists             = "active_totp_exists"
	ErrorTypeInvalidTOTPCode              = "invalid_totp_code"
	ErrorTypeInvalidRecoveryCode          = "invalid_recovery_code"
	ErrorTypePKCEMismatch                 = "pkce_mismatch"
	ErrorTypeTooManySessionArguments      = "too_many_session_arguments"
	ErrorTypeNoSessionArguments           = "no_session_arguments"
	ErrorTypeUnableToParseSessionJWT      = "unable_to_parse_session_jwt"
	ErrorTypeOAuthTokenNotFound           = "oauth_token_not_found"
	ErrorTypeSessionTooOldToResetPassword = "session_too_old_to_reset_password"

	// 401

	ErrorTypeUnauthorizedCredentials         = "unauthorized_credentials"
	ErrorTypeUnableToAuthMagicLink           = "unable_to_auth_magic_link"
	ErrorTypeUnableToAuthOTPCode             = "unable_to_auth_otp_code"
	ErrorTypeUnableToAuthenticateTOTP        = "unable_to_authenticate_totp"
	ErrorTypeUnableToAuthPasswordResetToken  = "unable_to_auth_password_reset_token"
	ErrorTypeEndpointNotAuthorizedForSDK     = "endpoint_not_authorized_for_sdk"
	ErrorTypeCannotUpdateTrustedMetadata     = "cannot_update_trusted_metadata"
	ErrorTypeConnectedAppConsentRevoked      = "connected_app_consent_revoked"
	ErrorTypeInvalidClientSecret             = "invalid_client_secret"
	ErrorTypeUserUnauthenticated             = "user_unauthenticated"
	ErrorTypeRecoveryCodeUsedAsTOTPCode      = "recovery_code_used_as_totp_code"
	ErrorTypePKCEExpectedCodeVerifier        = "pkce_expected_code_verifier"
	ErrorTypeAttributeMismatch               = "attribute_mismatch"
	ErrorTypeCNAMERequiredForHTTPOnlyCookies = "cname_required_for_http_only_cookies"

	// 403

	ErrorTypeUseHTTPS = "use_https"
	// ErrorTypeScopeAuthorizationError is produced by this client (never by
	// the API) when IDP.IntrospectTokenNetwork's AuthorizationCheck fails.
	ErrorTypeScopeAuthorizationError = "scope_authorization_error"
	// ErrorTypeConsumerSessionAuthorizationError is the API's answer to a
	// Sessions.Authenticate whose authorization_check the session fails.
	ErrorTypeConsumerSessionAuthorizationError = "consumer_session_authorization_error"
	// ErrorTypeSessionAuthorizationError is produced by this client (as by
	// Stytch's SDKs) when a local authorization check of a session JWT fails.
	ErrorTypeSessionAuthorizationError = "session_authorization_error"
	// ErrorTypeM2MAuthorizationError is produced by this client (as by
	// Stytch's SDKs) when an M2M token lacks a required scope.
	ErrorTypeM2MAuthorizationError = "m2m_authorization_error"

	// 404

	ErrorTypeUserNotFound                  = "user_not_found"
	ErrorTypeSessionNotFound               = "session_not_found"
	ErrorTypeMagicLinkNotFound             = "magic_link_not_found"
	ErrorTypeEmailNotFound                 = "email_not_found"
	ErrorTypePhoneNumberNotFound           = "phone_number_not_found"
	ErrorTypeOTPCodeNotFound               = "otp_code_not_found"
	ErrorTypeTOTPNotFound                  = "totp_not_found"
	ErrorTypePasswordNotFound              = "password_not_found"
	ErrorTypeNoUserPassword                = "no_user_password"
	ErrorTypeCryptoWalletNotFound          = "crypto_wallet_not_found"
	ErrorTypeBiometricRegistrationNotFound = "biometric_registration_not_found"
	ErrorTypeConnectedAppNotFound          = "connected_app_not_found"
	ErrorTypeM2MClientNotFound             = "m2m_client_not_found"
	ErrorTypeEmailTemplateNotFound         = "email_template_not_found"

	// 429

	ErrorTypeTooManyRequests           = "too_many_requests"
	ErrorTypeUserLockLimitReached      = "user_lock_limit_reached"
	ErrorTypeCaptchaFailed             = "captcha_failed"
	ErrorTypeTooFewTokensAuthenticated = "too_few_tokens_authenticated"

	// 500

	ErrorTypeInternalServerError = "internal_server_error"
)
