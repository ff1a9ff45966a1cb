package stytch

import (
	"context"
	"iter"
	"net/http"

	"github.com/stytchkit/stytchkit/gen"
)

// UsersService manages users and the factors attached to them: emails,
// phone numbers, passkeys, TOTPs, wallets, passwords, OAuth registrations.
type UsersService service

// UsersCreateResponse is the answer of Users.Create.
type UsersCreateResponse = gen.UsersCreateResponse

// UsersCreateParams is the JSON body of Users.Create.
type UsersCreateParams = gen.UsersCreateRequest

// UsersGetResponse is the answer of Users.Get.
type UsersGetResponse = gen.UsersGetResponse

// UsersGetParams holds the input of Users.Get.
type UsersGetParams struct {
	// UserID is the {user_id} path segment; it must not be empty.
	UserID string `path:"user_id"`
}

// UsersUpdateResponse is the answer of Users.Update.
type UsersUpdateResponse = gen.UsersUpdateResponse

// UsersUpdateBody is the JSON body of Users.Update.
type UsersUpdateBody = gen.UsersUpdateRequest

// UsersUpdateParams holds the input of Users.Update.
type UsersUpdateParams struct {
	// UserID is the {user_id} path segment; it must not be empty.
	UserID string `path:"user_id"`
	// Body is the JSON body (path ids are never part of it).
	Body UsersUpdateBody
}

// UsersDeleteResponse is the answer of Users.Delete.
type UsersDeleteResponse = gen.UsersDeleteResponse

// UsersDeleteParams holds the input of Users.Delete.
type UsersDeleteParams struct {
	// UserID is the {user_id} path segment; it must not be empty.
	UserID string `path:"user_id"`
}

// UsersSearchResponse is the answer of Users.Search.
type UsersSearchResponse = gen.UsersSearchResponse

// UsersSearchParams is the JSON body of Users.Search.
type UsersSearchParams = gen.UsersSearchRequest

// UsersExchangePrimaryFactorResponse is the answer of Users.ExchangePrimaryFactor.
type UsersExchangePrimaryFactorResponse = gen.UsersExchangePrimaryFactorResponse

// UsersExchangePrimaryFactorBody is the JSON body of Users.ExchangePrimaryFactor.
type UsersExchangePrimaryFactorBody = gen.UsersExchangePrimaryFactorRequest

// UsersExchangePrimaryFactorParams holds the input of Users.ExchangePrimaryFactor.
type UsersExchangePrimaryFactorParams struct {
	// UserID is the {user_id} path segment; it must not be empty.
	UserID string `path:"user_id"`
	// Body is the JSON body (path ids are never part of it).
	Body UsersExchangePrimaryFactorBody
}

// UsersDeleteEmailResponse is the answer of Users.DeleteEmail.
type UsersDeleteEmailResponse = gen.UsersDeleteEmailResponse

// UsersDeleteEmailParams holds the input of Users.DeleteEmail.
type UsersDeleteEmailParams struct {
	// EmailID is the {email_id} path segment; it must not be empty.
	EmailID string `path:"email_id"`
}

// UsersDeletePhoneNumberResponse is the answer of Users.DeletePhoneNumber.
type UsersDeletePhoneNumberResponse = gen.UsersDeletePhoneNumberResponse

// UsersDeletePhoneNumberParams holds the input of Users.DeletePhoneNumber.
type UsersDeletePhoneNumberParams struct {
	// PhoneID is the {phone_id} path segment; it must not be empty.
	PhoneID string `path:"phone_id"`
}

// UsersDeleteWebAuthnRegistrationResponse is the answer of Users.DeleteWebAuthnRegistration.
type UsersDeleteWebAuthnRegistrationResponse = gen.UsersDeleteWebAuthnRegistrationResponse

// UsersDeleteWebAuthnRegistrationParams holds the input of Users.DeleteWebAuthnRegistration.
type UsersDeleteWebAuthnRegistrationParams struct {
	// WebAuthnRegistrationID is the {webauthn_registration_id} path segment; it must not be empty.
	WebAuthnRegistrationID string `path:"webauthn_registration_id"`
}

// UsersDeleteBiometricRegistrationResponse is the answer of Users.DeleteBiometricRegistration.
type UsersDeleteBiometricRegistrationResponse = gen.UsersDeleteBiometricRegistrationResponse

// UsersDeleteBiometricRegistrationParams holds the input of Users.DeleteBiometricRegistration.
type UsersDeleteBiometricRegistrationParams struct {
	// BiometricRegistrationID is the {biometric_registration_id} path segment; it must not be empty.
	BiometricRegistrationID string `path:"biometric_registration_id"`
}

// UsersDeleteTOTPResponse is the answer of Users.DeleteTOTP.
type UsersDeleteTOTPResponse = gen.UsersDeleteTOTPResponse

// UsersDeleteTOTPParams holds the input of Users.DeleteTOTP.
type UsersDeleteTOTPParams struct {
	// TOTPID is the {totp_id} path segment; it must not be empty.
	TOTPID string `path:"totp_id"`
}

// UsersDeleteCryptoWalletResponse is the answer of Users.DeleteCryptoWallet.
type UsersDeleteCryptoWalletResponse = gen.UsersDeleteCryptoWalletResponse

// UsersDeleteCryptoWalletParams holds the input of Users.DeleteCryptoWallet.
type UsersDeleteCryptoWalletParams struct {
	// CryptoWalletID is the {crypto_wallet_id} path segment; it must not be empty.
	CryptoWalletID string `path:"crypto_wallet_id"`
}

// UsersDeletePasswordResponse is the answer of Users.DeletePassword.
type UsersDeletePasswordResponse = gen.UsersDeletePasswordResponse

// UsersDeletePasswordParams holds the input of Users.DeletePassword.
type UsersDeletePasswordParams struct {
	// PasswordID is the {password_id} path segment; it must not be empty.
	PasswordID string `path:"password_id"`
}

// UsersDeleteOAuthRegistrationResponse is the answer of Users.DeleteOAuthRegistration.
type UsersDeleteOAuthRegistrationResponse = gen.UsersDeleteOAuthRegistrationResponse

// UsersDeleteOAuthRegistrationParams holds the input of Users.DeleteOAuthRegistration.
type UsersDeleteOAuthRegistrationParams struct {
	// OAuthUserRegistrationID is the {oauth_user_registration_id} path segment; it must not be empty.
	OAuthUserRegistrationID string `path:"oauth_user_registration_id"`
}

// UsersDeleteExternalIDResponse is the answer of Users.DeleteExternalID.
type UsersDeleteExternalIDResponse = gen.UsersDeleteExternalIDResponse

// UsersDeleteExternalIDParams holds the input of Users.DeleteExternalID.
type UsersDeleteExternalIDParams struct {
	// UserID is the {user_id} path segment; it must not be empty.
	UserID string `path:"user_id"`
}

// UsersConnectedAppsResponse is the answer of Users.ConnectedApps.
type UsersConnectedAppsResponse = gen.UsersConnectedAppsResponse

// UsersConnectedAppsParams holds the input of Users.ConnectedApps.
type UsersConnectedAppsParams struct {
	// UserID is the {user_id} path segment; it must not be empty.
	UserID string `path:"user_id"`
}

// UsersRevokeResponse is the answer of Users.Revoke.
type UsersRevokeResponse = gen.UsersRevokeResponse

// UsersRevokeParams holds the input of Users.Revoke.
type UsersRevokeParams struct {
	// UserID is the {user_id} path segment; it must not be empty.
	UserID string `path:"user_id"`
	// ConnectedAppID is the {connected_app_id} path segment; it must not be empty.
	ConnectedAppID string `path:"connected_app_id"`
}

// Create adds a User with an email address and/or a phone number. Answers 201.
//
// POST /v1/users
func (s *UsersService) Create(ctx context.Context, p *UsersCreateParams) (*UsersCreateResponse, error) {
	return call[UsersCreateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersCreate(ctx, *p, ed...)
	})
}

// Get returns the User, with every field of the User object at the top level of the response.
//
// GET /v1/users/{user_id}
func (s *UsersService) Get(ctx context.Context, p *UsersGetParams) (*UsersGetResponse, error) {
	return call[UsersGetResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersGet(ctx, p.UserID, ed...)
	})
}

// Update updates the name, metadata, external_id or roles of a User. Emails and phone numbers are
// added through their own flows.
//
// PUT /v1/users/{user_id}
func (s *UsersService) Update(ctx context.Context, p *UsersUpdateParams) (*UsersUpdateResponse, error) {
	return call[UsersUpdateResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersUpdate(ctx, p.UserID, p.Body, ed...)
	})
}

// Delete deletes a User and every registration and session it has.
//
// DELETE /v1/users/{user_id}
func (s *UsersService) Delete(ctx context.Context, p *UsersDeleteParams) (*UsersDeleteResponse, error) {
	return call[UsersDeleteResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDelete(ctx, p.UserID, ed...)
	})
}

// Search searches Users with a query of filters combined by AND or OR; results are paginated with
// a cursor.
// A nil p is the same as an empty one.
//
// POST /v1/users/search
func (s *UsersService) Search(ctx context.Context, p *UsersSearchParams) (*UsersSearchResponse, error) {
	return call[UsersSearchResponse](ctx, s.c, nil, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersSearch(ctx, deref(p), ed...)
	})
}

// ExchangePrimaryFactor replaces the User's only email address or phone number with a new one.
//
// PUT /v1/users/{user_id}/exchange_primary_factor
func (s *UsersService) ExchangePrimaryFactor(ctx context.Context, p *UsersExchangePrimaryFactorParams) (*UsersExchangePrimaryFactorResponse, error) {
	return call[UsersExchangePrimaryFactorResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersExchangePrimaryFactor(ctx, p.UserID, p.Body, ed...)
	})
}

// DeleteEmail removes a email address from its User and returns the updated User.
//
// DELETE /v1/users/emails/{email_id}
func (s *UsersService) DeleteEmail(ctx context.Context, p *UsersDeleteEmailParams) (*UsersDeleteEmailResponse, error) {
	return call[UsersDeleteEmailResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeleteEmail(ctx, p.EmailID, ed...)
	})
}

// DeletePhoneNumber removes a phone number from its User and returns the updated User.
//
// DELETE /v1/users/phone_numbers/{phone_id}
func (s *UsersService) DeletePhoneNumber(ctx context.Context, p *UsersDeletePhoneNumberParams) (*UsersDeletePhoneNumberResponse, error) {
	return call[UsersDeletePhoneNumberResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeletePhoneNumber(ctx, p.PhoneID, ed...)
	})
}

// DeleteWebAuthnRegistration removes a WebAuthn registration from its User and returns the updated
// User.
//
// DELETE /v1/users/webauthn_registrations/{webauthn_registration_id}
func (s *UsersService) DeleteWebAuthnRegistration(ctx context.Context, p *UsersDeleteWebAuthnRegistrationParams) (*UsersDeleteWebAuthnRegistrationResponse, error) {
	return call[UsersDeleteWebAuthnRegistrationResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeleteWebAuthnRegistration(ctx, p.WebAuthnRegistrationID, ed...)
	})
}

// DeleteBiometricRegistration removes a biometric registration from its User and returns the
// updated User.
//
// DELETE /v1/users/biometric_registrations/{biometric_registration_id}
func (s *UsersService) DeleteBiometricRegistration(ctx context.Context, p *UsersDeleteBiometricRegistrationParams) (*UsersDeleteBiometricRegistrationResponse, error) {
	return call[UsersDeleteBiometricRegistrationResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeleteBiometricRegistration(ctx, p.BiometricRegistrationID, ed...)
	})
}

// DeleteTOTP removes a TOTP registration from its User and returns the updated User.
//
// DELETE /v1/users/totps/{totp_id}
func (s *UsersService) DeleteTOTP(ctx context.Context, p *UsersDeleteTOTPParams) (*UsersDeleteTOTPResponse, error) {
	return call[UsersDeleteTOTPResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeleteTOTP(ctx, p.TOTPID, ed...)
	})
}

// DeleteCryptoWallet removes a crypto wallet from its User and returns the updated User.
//
// DELETE /v1/users/crypto_wallets/{crypto_wallet_id}
func (s *UsersService) DeleteCryptoWallet(ctx context.Context, p *UsersDeleteCryptoWalletParams) (*UsersDeleteCryptoWalletResponse, error) {
	return call[UsersDeleteCryptoWalletResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeleteCryptoWallet(ctx, p.CryptoWalletID, ed...)
	})
}

// DeletePassword removes a password from its User and returns the updated User.
//
// DELETE /v1/users/passwords/{password_id}
func (s *UsersService) DeletePassword(ctx context.Context, p *UsersDeletePasswordParams) (*UsersDeletePasswordResponse, error) {
	return call[UsersDeletePasswordResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeletePassword(ctx, p.PasswordID, ed...)
	})
}

// DeleteOAuthRegistration removes a OAuth registration from its User and returns the updated User.
//
// DELETE /v1/users/oauth/{oauth_user_registration_id}
func (s *UsersService) DeleteOAuthRegistration(ctx context.Context, p *UsersDeleteOAuthRegistrationParams) (*UsersDeleteOAuthRegistrationResponse, error) {
	return call[UsersDeleteOAuthRegistrationResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeleteOAuthRegistration(ctx, p.OAuthUserRegistrationID, ed...)
	})
}

// DeleteExternalID clears the external_id of a User.
//
// DELETE /v1/users/{user_id}/external_id
func (s *UsersService) DeleteExternalID(ctx context.Context, p *UsersDeleteExternalIDParams) (*UsersDeleteExternalIDResponse, error) {
	return call[UsersDeleteExternalIDResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersDeleteExternalID(ctx, p.UserID, ed...)
	})
}

// ConnectedApps lists the Connected Apps the User has granted access to.
//
// GET /v1/users/{user_id}/connected_apps
func (s *UsersService) ConnectedApps(ctx context.Context, p *UsersConnectedAppsParams) (*UsersConnectedAppsResponse, error) {
	return call[UsersConnectedAppsResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersConnectedApps(ctx, p.UserID, ed...)
	})
}

// Revoke revokes a Connected App's access to the User and invalidates its tokens.
//
// POST /v1/users/{user_id}/connected_apps/{connected_app_id}/revoke
func (s *UsersService) Revoke(ctx context.Context, p *UsersRevokeParams) (*UsersRevokeResponse, error) {
	return call[UsersRevokeResponse](ctx, s.c, p, func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error) {
		return s.c.raw.UsersRevoke(ctx, p.UserID, p.ConnectedAppID, ed...)
	})
}

// SearchAll iterates over every User matching p (nil matches all), calling
// Search page by page along results_metadata.next_cursor. p is not modified.
// Breaking out of the loop stops further requests; an error is yielded once
// and ends the iteration.
//
// POST /v1/users/search (repeated)
func (s *UsersService) SearchAll(ctx context.Context, p *UsersSearchParams) iter.Seq2[User, error] {
	q := deref(p)
	return paginate(q.Cursor, func(cursor *string) ([]User, *string, error) {
		page := q
		page.Cursor = cursor
		r, err := s.Search(ctx, &page)
		if err != nil {
			return nil, nil, err
		}
		return r.Results, r.ResultsMetadata.NextCursor, nil
	})
}
