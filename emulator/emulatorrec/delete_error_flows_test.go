package emulatorrec_test

import (
	"net/http"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/stytch"
)

// deletions are the ids of what the flows created and recordDeletes removes.
type deletions struct {
	userID, emailID, phoneID         string // Ada
	webauthnID, walletID, oauthRegID string // Ada's other factors
	connectedAppID                   string // an app Ada granted access to
	totpID, totpUserID               string
	passwordID                       string // of the migrated user
}

func recordDeletes(r *recorder) {
	ctx, c, d := r.ctx, r.c, r.del
	// biometric registrations are made by the mobile SDKs, which the
	// emulator has no endpoint for: one is put on Ada directly
	var bioID string
	require.NoError(r.t, r.env.Server.Store().Update(func(tx *store.Tx) error {
		u := tx.User(d.userID)
		require.NotNil(r.t, u)
		bioID = tx.NewID(store.KindBiometric)
		u.Biometrics = append(u.Biometrics, store.BiometricRegistration{ID: bioID, Verified: true})
		return nil
	}))
	_, err := c.Users.DeleteBiometricRegistration(ctx, &stytch.UsersDeleteBiometricRegistrationParams{BiometricRegistrationID: bioID})
	r.ok("delete-biometric-registration", err)
	_, err = c.Users.DeleteWebAuthnRegistration(ctx, &stytch.UsersDeleteWebAuthnRegistrationParams{WebAuthnRegistrationID: d.webauthnID})
	r.ok("delete-webauthn-registration", err)
	_, err = c.Users.DeleteCryptoWallet(ctx, &stytch.UsersDeleteCryptoWalletParams{CryptoWalletID: d.walletID})
	r.ok("delete-ethereum-wallet", err)
	_, err = c.Users.DeleteOAuthRegistration(ctx, &stytch.UsersDeleteOAuthRegistrationParams{OAuthUserRegistrationID: d.oauthRegID})
	r.ok("delete-github-registration", err)
	_, err = c.Users.DeleteTOTP(ctx, &stytch.UsersDeleteTOTPParams{TOTPID: d.totpID})
	r.ok("delete-totp", err)
	_, err = c.Users.DeletePassword(ctx, &stytch.UsersDeletePasswordParams{PasswordID: d.passwordID})
	r.ok("delete-migrated-password", err)
	_, err = c.Users.Revoke(ctx, &stytch.UsersRevokeParams{UserID: d.userID, ConnectedAppID: d.connectedAppID})
	r.ok("revoke-connected-app", err)
	_, err = c.Users.DeleteExternalID(ctx, &stytch.UsersDeleteExternalIDParams{UserID: d.userID})
	r.ok("delete-external-id", err)
	_, err = c.Users.DeletePhoneNumber(ctx, &stytch.UsersDeletePhoneNumberParams{PhoneID: d.phoneID})
	r.ok("delete-phone-number", err)
	_, err = c.Users.DeleteEmail(ctx, &stytch.UsersDeleteEmailParams{EmailID: d.emailID})
	r.ok("delete-email", err)
	_, err = c.Users.Delete(ctx, &stytch.UsersDeleteParams{UserID: d.userID})
	r.ok("delete-user", err)
}

// recordErrors records error answers: a schema violation, bad credentials,
// unknown objects, a lockout and an OAuth2 error of the token endpoint.
func recordErrors(r *recorder) {
	ctx, c, d := r.ctx, r.c, r.del
	_, err := c.Users.Search(ctx, &stytch.UsersSearchParams{Limit: new(int32(5000))})
	r.fails("400-limit-above-maximum", err, http.StatusBadRequest, "bad_request")

	const wrongSecret = "secret-test-not-the-project-secret-0000000000"
	r.secret("wrong project secret", wrongSecret)
	_, err = r.client(wrongSecret).Debug.Whoami(ctx)
	r.fails("401-wrong-project-secret", err, http.StatusUnauthorized, "unauthorized_credentials")

	_, err = c.Users.Get(ctx, &stytch.UsersGetParams{UserID: d.userID})
	r.fails("404-deleted-user", err, http.StatusNotFound, "user_not_found")
	_, err = c.Sessions.Authenticate(ctx, &stytch.SessionsAuthenticateParams{SessionToken: &r.otpSession})
	r.fails("404-revoked-session", err, http.StatusNotFound, "session_not_found")

	_, err = c.M2M.Token(ctx, "m2m-client-test-00000000-0000-4000-8000-000000000000", "wrong-secret-0000", nil)
	r.fails("401-oauth2-invalid-client", err, http.StatusUnauthorized, "invalid_client")

	// wrong TOTP codes: the first answer is kept, then the user is locked
	secret := r.newTOTP(d.totpUserID)
	code, err := totp.GenerateCodeCustom(secret, r.env.Server.Now(),
		totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	require.NoError(r.t, err)
	wrong := "111111"
	if code == wrong {
		wrong = "222222"
	}
	for i := 1; ; i++ {
		require.LessOrEqual(r.t, i, 20, "the user is never locked")
		_, err = c.TOTPs.Authenticate(ctx, &stytch.TOTPsAuthenticateParams{UserID: d.totpUserID, TOTPCode: wrong})
		switch {
		case i == 1:
			r.fails("401-wrong-code", err, http.StatusUnauthorized, "unable_to_authenticate_totp")
			continue
		case stytch.StatusCode(err) == http.StatusUnauthorized:
			r.discard()
			continue
		}
		r.fails("429-user-locked-after-wrong-codes", err, http.StatusTooManyRequests, "user_lock_limit_reached")
		return
	}
}

// newTOTP gives the user a fresh TOTP (the first was deleted) and returns
// its secret; the creation is recorded as a second TOTPsCreate example.
func (r *recorder) newTOTP(userID string) string {
	created, err := r.c.TOTPs.Create(r.ctx, &stytch.TOTPsCreateParams{UserID: userID})
	r.ok("create-again-after-delete", err)
	r.secret("TOTP secret", created.Secret)
	r.secret("TOTP QR code", created.QrCode)
	for _, rc := range created.RecoveryCodes {
		r.secret("recovery code", rc)
	}
	return created.Secret
}
