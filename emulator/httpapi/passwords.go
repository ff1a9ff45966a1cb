package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/internal/pwhash"
	"github.com/stytchkit/stytchkit/gen"
)

// authReply is the shape of the password endpoints' authenticate responses.
type authReply = struct {
	RequestID    string          `json:"request_id"`
	Session      *gen.Session    `json:"session"`
	SessionJWT   string          `json:"session_jwt"`
	SessionToken string          `json:"session_token"`
	StatusCode   int32           `json:"status_code"`
	User         gen.User        `json:"user"`
	UserDevice   *gen.DeviceInfo `json:"user_device,omitempty"`
	UserID       string          `json:"user_id"`
}

// authResponse builds any response of the authReply shape.
func authResponse[T ~authReply](ctx context.Context, out *flows.Auth) T {
	tok, jwt, sess := sessionParts(out)
	return T(authReply{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID, User: userBody(&out.User),
		SessionToken: tok, SessionJWT: jwt, Session: sess})
}

// PasswordsCreate implements POST /v1/passwords.
func (a *API) PasswordsCreate(ctx context.Context, req gen.PasswordsCreateRequestObject) (gen.PasswordsCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.CreatePassword(flows.PasswordSignup{Email: string(b.Email), Password: b.Password, Name: nameIn(b.Name),
		TrustedMetadata: b.TrustedMetadata, UntrustedMetadata: b.UntrustedMetadata},
		sessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	emailID := out.MethodID
	if emailID == "" && len(out.User.Emails) > 0 {
		emailID = out.User.Emails[0].ID
	}
	return gen.PasswordsCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID, EmailID: emailID,
		User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess}, nil
}

// PasswordsAuthenticate implements POST /v1/passwords/authenticate.
func (a *API) PasswordsAuthenticate(ctx context.Context, req gen.PasswordsAuthenticateRequestObject) (gen.PasswordsAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticatePassword(string(b.Email), b.Password,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.PasswordsAuthenticate200JSONResponse](ctx, out), nil
}

// PasswordsStrengthCheck implements POST /v1/passwords/strength_check.
func (a *API) PasswordsStrengthCheck(ctx context.Context, req gen.PasswordsStrengthCheckRequestObject) (gen.PasswordsStrengthCheckResponseObject, error) {
	r := a.svc.CheckStrength(req.Body.Password, string(deref(req.Body.Email)))
	fb := gen.Feedback{LudsRequirements: &gen.LUDSRequirements{HasLowerCase: r.LUDS.HasLowerCase, HasUpperCase: r.LUDS.HasUpperCase,
		HasDigit: r.LUDS.HasDigit, HasSymbol: r.LUDS.HasSymbol, MissingComplexity: int32(r.LUDS.MissingComplexity),
		MissingCharacters: int32(r.LUDS.MissingCharacters)}}
	if r.Warning != "" {
		fb.Warning = &r.Warning
	}
	if len(r.Suggestions) > 0 {
		sug := append([]string{}, r.Suggestions...)
		fb.Suggestions = sug
	}
	return gen.PasswordsStrengthCheck200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ValidPassword: r.ValidPassword,
		Score: int32(r.Score), BreachedPassword: r.Breached, StrengthPolicy: "zxcvbn", BreachDetectionOnCreate: true, Feedback: new(fb)}, nil
}

// PasswordsMigrate implements POST /v1/passwords/migrate.
func (a *API) PasswordsMigrate(ctx context.Context, req gen.PasswordsMigrateRequestObject) (gen.PasswordsMigrateResponseObject, error) {
	b := req.Body
	out, u, err := a.svc.MigratePassword(flows.Migration{Email: string(b.Email), Hash: b.Hash, HashType: string(b.HashType),
		Config: migrateConfig(b), Phone: deref(b.PhoneNumber), ExternalID: deref(b.ExternalID),
		SetEmailVerified: deref(b.SetEmailVerified), SetPhoneVerified: deref(b.SetPhoneNumberVerified), Name: nameIn(b.Name),
		Roles: b.Roles, TrustedMetadata: b.TrustedMetadata, UntrustedMetadata: b.UntrustedMetadata})
	if err != nil {
		return nil, err
	}
	return gen.PasswordsMigrate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID, EmailID: out.MethodID,
		UserCreated: out.UserCreated, User: userBody(u)}, nil
}

// migrateConfig copies the per-algorithm configs of a migrate request.
func migrateConfig(b *gen.PasswordsMigrateRequest) pwhash.Config {
	var c pwhash.Config
	salt := func(prepend, appendSalt string) *pwhash.SaltConfig {
		return &pwhash.SaltConfig{PrependSalt: prepend, AppendSalt: appendSalt}
	}
	if m := b.Md5Config; m != nil {
		c.MD5 = salt(m.PrependSalt, m.AppendSalt)
	}
	if m := b.Sha1Config; m != nil {
		c.SHA1 = salt(m.PrependSalt, m.AppendSalt)
	}
	if m := b.Sha512Config; m != nil {
		c.SHA512 = salt(m.PrependSalt, m.AppendSalt)
	}
	if m := b.Argon2Config; m != nil {
		c.Argon2 = &pwhash.Argon2Config{Salt: m.Salt, IterationAmount: int(m.IterationAmount), Memory: int(m.Memory),
			Threads: int(m.Threads), KeyLength: int(m.KeyLength)}
	}
	if m := b.ScryptConfig; m != nil {
		c.Scrypt = &pwhash.ScryptConfig{Salt: m.Salt, NParameter: int(m.NParameter), RParameter: int(m.RParameter),
			PParameter: int(m.PParameter), KeyLength: int(m.KeyLength)}
	}
	if m := b.Pbkdf2Config; m != nil {
		c.PBKDF2 = &pwhash.PBKDF2Config{Salt: m.Salt, IterationAmount: int(m.IterationAmount), KeyLength: int(m.KeyLength),
			Algorithm: m.Algorithm}
	}
	return c
}

// PasswordsEmailResetStart implements POST /v1/passwords/email/reset/start.
func (a *API) PasswordsEmailResetStart(ctx context.Context, req gen.PasswordsEmailResetStartRequestObject) (gen.PasswordsEmailResetStartResponseObject, error) {
	b := req.Body
	out, err := a.svc.StartEmailReset(flows.ResetStart{Email: string(b.Email), RedirectURL: deref(b.ResetPasswordRedirectURL),
		CodeChallenge: deref(b.CodeChallenge), Minutes: b.ResetPasswordExpirationMinutes})
	if err != nil {
		return nil, err
	}
	return gen.PasswordsEmailResetStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.UserID, EmailID: out.MethodID}, nil
}

// PasswordsEmailReset implements POST /v1/passwords/email/reset.
func (a *API) PasswordsEmailReset(ctx context.Context, req gen.PasswordsEmailResetRequestObject) (gen.PasswordsEmailResetResponseObject, error) {
	b := req.Body
	out, err := a.svc.ResetByEmail(b.Token, b.Password, deref(b.CodeVerifier),
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.PasswordsEmailReset200JSONResponse](ctx, out), nil
}

// PasswordsExistingPasswordReset implements POST /v1/passwords/existing_password/reset.
func (a *API) PasswordsExistingPasswordReset(ctx context.Context, req gen.PasswordsExistingPasswordResetRequestObject) (gen.PasswordsExistingPasswordResetResponseObject, error) {
	b := req.Body
	out, err := a.svc.ResetExisting(string(b.Email), b.ExistingPassword, b.NewPassword,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.PasswordsExistingPasswordReset200JSONResponse](ctx, out), nil
}

// PasswordsSessionsReset implements POST /v1/passwords/session/reset.
func (a *API) PasswordsSessionsReset(ctx context.Context, req gen.PasswordsSessionsResetRequestObject) (gen.PasswordsSessionsResetResponseObject, error) {
	b := req.Body
	out, err := a.svc.ResetWithSession(b.SessionToken, b.SessionJWT, b.Password,
		sessionRequest(b.SessionDurationMinutes, nil, nil, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	return authResponse[gen.PasswordsSessionsReset200JSONResponse](ctx, out), nil
}
