package emulatorrec_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/stytch"
)

// Flows of users, magic links, OTPs, passwords, sessions and TOTP. Factor
// ids that recordDeletes removes at the end are kept in r.del.

const (
	adaEmail = "ada@example.com"
	adaPhone = "+12025550101"
	password = "correct-horse-battery-staple-42"
)

func email(s string) *string { return new(s) }

func recordUsersAndMagicLinks(r *recorder) {
	ctx, c := r.ctx, r.c
	ada, err := c.Users.Create(ctx, &stytch.UsersCreateParams{Email: email(adaEmail), PhoneNumber: new(adaPhone),
		ExternalID: new("crm-ada-1815"), Name: &stytch.NameInput{FirstName: new("Ada"), LastName: new("Lovelace")},
		UntrustedMetadata: map[string]any{"plan": "free"}})
	r.ok("create-user-with-email-phone-and-external-id", err)
	r.del.userID, r.del.emailID, r.del.phoneID = ada.UserID, ada.EmailID, ada.PhoneID

	_, err = c.Users.Get(ctx, &stytch.UsersGetParams{UserID: ada.UserID})
	r.ok("get-user", err)
	_, err = c.Users.Update(ctx, &stytch.UsersUpdateParams{UserID: ada.UserID, Body: stytch.UsersUpdateBody{
		Name: &stytch.NameInput{MiddleName: new("King")}, TrustedMetadata: map[string]any{"tier": 2}}})
	r.ok("update-name-and-trusted-metadata", err)
	found, err := c.Users.Search(ctx, &stytch.UsersSearchParams{Limit: new(int32(10)), Query: &stytch.SearchUsersQuery{
		Operator: stytch.SearchOperatorAND, Operands: []stytch.SearchOperand{{FilterName: "email_address", FilterValue: []string{adaEmail}}}}})
	r.ok("search-by-email-address", err)
	require.Len(r.t, found.Results, 1)

	_, err = c.MagicLinks.Email.Send(ctx, &stytch.MagicLinksEmailSendParams{Email: adaEmail})
	r.ok("send-login-link", err)
	link := r.env.LastMessage(r.t, adaEmail)
	r.secret("magic link token", link.Token)
	auth, err := c.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{Token: link.Token, SessionDurationMinutes: new(int32(60))})
	r.ok("authenticate-with-new-session", err)
	r.session(auth.SessionToken, auth.SessionJWT)
	r.adaSession = auth.SessionToken

	const grace = "grace@example.com"
	_, err = c.MagicLinks.Email.LoginOrCreate(ctx, &stytch.MagicLinksEmailLoginOrCreateParams{Email: grace})
	r.ok("login-or-create-new-user", err)
	link = r.env.LastMessage(r.t, grace)
	r.secret("magic link token", link.Token)
	signup, err := c.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{Token: link.Token})
	r.ok("authenticate-signup-link-without-session", err)
	_, err = c.Users.ExchangePrimaryFactor(ctx, &stytch.UsersExchangePrimaryFactorParams{UserID: signup.UserID,
		Body: stytch.UsersExchangePrimaryFactorBody{EmailAddress: new("grace.hopper@example.com")}})
	r.ok("exchange-email-address", err)

	embed, err := c.MagicLinks.Create(ctx, &stytch.MagicLinksCreateParams{UserID: ada.UserID, ExpirationMinutes: new(int32(15))})
	r.ok("create-embeddable-link", err)
	r.secret("embeddable magic link token", embed.Token)
	_, err = c.MagicLinks.Authenticate(ctx, &stytch.MagicLinksAuthenticateParams{Token: embed.Token, SessionToken: &r.adaSession})
	r.ok("authenticate-embeddable-link-into-existing-session", err)

	const invitee = "invitee@example.com"
	_, err = c.MagicLinks.Email.Invite(ctx, &stytch.MagicLinksEmailInviteParams{Email: invitee,
		Name: &stytch.NameInput{FirstName: new("Katherine")}, InviteExpirationMinutes: new(int32(60))})
	r.ok("invite-new-user", err)
	r.secret("invite token", r.env.LastMessage(r.t, invitee).Token)
	_, err = c.MagicLinks.Email.RevokeInvite(ctx, &stytch.MagicLinksEmailRevokeInviteParams{Email: invitee})
	r.ok("revoke-pending-invite", err)
}

func recordOTPs(r *recorder) {
	ctx, c := r.ctx, r.c
	_, err := c.OTPs.Sms.Send(ctx, &stytch.OTPsSMSSendParams{PhoneNumber: adaPhone})
	r.ok("send-to-existing-user", err)
	msg := r.env.LastMessage(r.t, adaPhone)
	r.secret("OTP code", msg.Code)
	auth, err := c.OTPs.Authenticate(ctx, &stytch.OTPsAuthenticateParams{MethodID: msg.MethodID, Code: msg.Code,
		SessionToken: &r.adaSession})
	r.ok("authenticate-sms-code-into-existing-session", err)
	assert.Len(r.t, auth.Session.AuthenticationFactors, 3, "email magic link, embeddable magic link, SMS OTP")

	_, err = c.OTPs.Sms.LoginOrCreate(ctx, &stytch.OTPsSMSLoginOrCreateParams{PhoneNumber: "+12025550102"})
	r.ok("login-or-create-new-user", err)
	r.secret("OTP code", r.env.LastMessage(r.t, "+12025550102").Code)
	_, err = c.OTPs.WhatsApp.Send(ctx, &stytch.OTPsWhatsAppSendParams{PhoneNumber: adaPhone})
	r.ok("send-to-existing-user", err)
	r.secret("OTP code", r.env.LastMessage(r.t, adaPhone).Code)
	_, err = c.OTPs.WhatsApp.LoginOrCreate(ctx, &stytch.OTPsWhatsAppLoginOrCreateParams{PhoneNumber: "+12025550103"})
	r.ok("login-or-create-new-user", err)
	r.secret("OTP code", r.env.LastMessage(r.t, "+12025550103").Code)
	_, err = c.OTPs.Email.Send(ctx, &stytch.OTPsEmailSendParams{Email: adaEmail, ExpirationMinutes: new(int32(5))})
	r.ok("send-to-existing-user", err)
	r.secret("OTP code", r.env.LastMessage(r.t, adaEmail).Code)

	const otpUser = "otp@example.com"
	_, err = c.OTPs.Email.LoginOrCreate(ctx, &stytch.OTPsEmailLoginOrCreateParams{Email: otpUser})
	r.ok("login-or-create-new-user", err)
	msg = r.env.LastMessage(r.t, otpUser)
	r.secret("OTP code", msg.Code)
	auth, err = c.OTPs.Authenticate(ctx, &stytch.OTPsAuthenticateParams{MethodID: msg.MethodID, Code: msg.Code,
		SessionDurationMinutes: new(int32(30)), SessionCustomClaims: map[string]any{"team": "blue"}})
	r.ok("authenticate-email-code-with-new-session", err)
	r.session(auth.SessionToken, auth.SessionJWT)
	r.otpSession = auth.SessionToken
}

func recordPasswords(r *recorder) {
	ctx, c := r.ctx, r.c
	r.secret("password", password)
	_, err := c.Passwords.StrengthCheck(ctx, &stytch.PasswordsStrengthCheckParams{Password: "password1"})
	r.ok("check-weak-password", err)
	_, err = c.Passwords.StrengthCheck(ctx, &stytch.PasswordsStrengthCheckParams{Password: password, Email: email("pw@example.com")})
	r.ok("check-strong-password", err)

	const pwUser = "pw@example.com"
	created, err := c.Passwords.Create(ctx, &stytch.PasswordsCreateParams{Email: pwUser, Password: password, SessionDurationMinutes: new(int32(60))})
	r.ok("create-with-session", err)
	r.session(created.SessionToken, created.SessionJWT)
	auth, err := c.Passwords.Authenticate(ctx, &stytch.PasswordsAuthenticateParams{Email: pwUser, Password: password,
		SessionDurationMinutes: new(int32(60))})
	r.ok("authenticate-with-new-session", err)
	r.session(auth.SessionToken, auth.SessionJWT)

	_, err = c.Passwords.Email.ResetStart(ctx, &stytch.PasswordsEmailResetStartParams{Email: pwUser,
		ResetPasswordRedirectURL: new("https://app.example.com/reset"), ResetPasswordExpirationMinutes: new(int32(30))})
	r.ok("start-reset-by-email", err)
	reset := r.env.LastMessage(r.t, pwUser)
	r.secret("password reset token", reset.Token)
	second := password + "-v2"
	r.secret("password", second)
	_, err = c.Passwords.Email.Reset(ctx, &stytch.PasswordsEmailResetParams{Token: reset.Token, Password: second,
		SessionToken: &auth.SessionToken})
	r.ok("reset-with-email-token", err)
	third := password + "-v3"
	r.secret("password", third)
	existing, err := c.Passwords.ExistingPassword.Reset(ctx, &stytch.PasswordsExistingPasswordResetParams{Email: pwUser,
		ExistingPassword: second, NewPassword: third, SessionDurationMinutes: new(int32(60))})
	r.ok("reset-with-existing-password", err)
	r.session(existing.SessionToken, existing.SessionJWT)
	fourth := password + "-v4"
	r.secret("password", fourth)
	_, err = c.Passwords.Sessions.Reset(ctx, &stytch.PasswordsSessionsResetParams{Password: fourth, SessionToken: &existing.SessionToken})
	r.ok("reset-in-session", err)

	const legacy = "legacy-pass-1815"
	r.secret("password", legacy)
	hash, err := bcrypt.GenerateFromPassword([]byte(legacy), bcrypt.MinCost)
	require.NoError(r.t, err)
	r.secret("bcrypt hash", string(hash))
	mig, err := c.Passwords.Migrate(ctx, &stytch.PasswordsMigrateParams{Email: "migrated@example.com", Hash: string(hash),
		HashType: stytch.PasswordHashTypeBcrypt, SetEmailVerified: new(true), Name: &stytch.NameInput{FirstName: new("Mig")}})
	r.ok("migrate-bcrypt-hash", err)
	require.NotNil(r.t, mig.User.Password)
	r.del.passwordID = mig.User.Password.PasswordID
}

func recordSessions(r *recorder) {
	ctx, c := r.ctx, r.c
	_, err := c.Sessions.Get(ctx, &stytch.SessionsGetParams{UserID: r.del.userID})
	r.ok("list-active-sessions-of-user", err)
	auth, err := c.Sessions.Authenticate(ctx, &stytch.SessionsAuthenticateParams{SessionToken: &r.adaSession,
		SessionDurationMinutes: new(int32(120))})
	r.ok("authenticate-token-and-extend", err)
	r.session(auth.SessionToken, auth.SessionJWT)
	_, err = c.Sessions.Authenticate(ctx, &stytch.SessionsAuthenticateParams{SessionJWT: &auth.SessionJWT})
	r.ok("authenticate-jwt", err)
	_, err = c.Sessions.GetJWKS(ctx, &stytch.SessionsGetJWKSParams{ProjectID: r.env.Server.ProjectID()})
	r.ok("get-jwks", err)
	_, err = c.Sessions.Revoke(ctx, &stytch.SessionsRevokeParams{SessionToken: &r.otpSession})
	r.ok("revoke-by-token", err)

	// Migrate: an access token of the emulated external OIDC provider for
	// a user Stytch already knows
	external, _, err := r.env.Server.IssueExternalIDPToken(emulator.ExternalIdentity{Email: "pw@example.com", Name: "Pat Word", EmailVerified: true})
	require.NoError(r.t, err)
	r.secret("external access token", external)
	mig, err := c.Sessions.Migrate(ctx, &stytch.SessionsMigrateParams{SessionToken: external, SessionDurationMinutes: new(int32(60))})
	r.ok("migrate-external-session", err)
	r.session(mig.SessionToken, mig.SessionJWT)

	// Attest: a JWT of a trusted issuer (an ES256 key registered as a
	// trusted token profile) signs a new user in
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(r.t, err)
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	require.NoError(r.t, err)
	profile, err := r.env.Server.CreateTrustedTokenProfile(emulator.TrustedTokenProfile{Name: "partner-sso",
		Issuer: "https://issuer.example.com", Audience: "my-app", AllowJITProvisioning: true,
		PublicKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))})
	require.NoError(r.t, err)
	now := r.env.Server.Now()
	token, err := jwt.NewWithClaims(jwt.SigningMethodES256, jwt.MapClaims{"iss": "https://issuer.example.com", "aud": "my-app",
		"sub": "partner-user-7", "email": "attested@example.com", "jti": "partner-token-1",
		"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}).SignedString(key)
	require.NoError(r.t, err)
	r.secret("trusted token", token)
	att, err := c.Sessions.Attest(ctx, &stytch.SessionsAttestParams{ProfileID: profile, Token: token, SessionDurationMinutes: new(int32(60))})
	r.ok("attest-trusted-token-with-new-session", err)
	r.session(att.SessionToken, att.SessionJWT)
}

func recordTOTPs(r *recorder) {
	ctx, c := r.ctx, r.c
	u, err := c.Users.Create(ctx, &stytch.UsersCreateParams{Email: email("totp@example.com")})
	r.ok("create-user-for-totp", err)
	created, err := c.TOTPs.Create(ctx, &stytch.TOTPsCreateParams{UserID: u.UserID, ExpirationMinutes: new(int32(60))})
	r.ok("create-for-user", err)
	r.secret("TOTP secret", created.Secret)
	r.secret("TOTP QR code", created.QrCode)
	for _, rc := range created.RecoveryCodes {
		r.secret("recovery code", rc)
	}
	code, err := totp.GenerateCodeCustom(created.Secret, r.env.Server.Now(),
		totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	require.NoError(r.t, err)
	r.secret("TOTP code", code)
	_, err = c.TOTPs.Authenticate(ctx, &stytch.TOTPsAuthenticateParams{UserID: u.UserID, TOTPCode: code, SessionDurationMinutes: new(int32(60))})
	r.ok("authenticate-code-with-new-session", err)
	_, err = c.TOTPs.RecoveryCodes(ctx, &stytch.TOTPsRecoveryCodesParams{UserID: u.UserID})
	r.ok("list-recovery-codes", err)
	_, err = c.TOTPs.Recover(ctx, &stytch.TOTPsRecoverParams{UserID: u.UserID, RecoveryCode: created.RecoveryCodes[0]})
	r.ok("recover-with-recovery-code", err)
	r.del.totpID, r.del.totpUserID = created.TOTPID, u.UserID
}
