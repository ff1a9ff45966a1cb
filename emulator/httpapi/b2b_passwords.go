package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// B2BPasswordsAuthenticate implements POST /v1/b2b/passwords/authenticate.
func (a *API) B2BPasswordsAuthenticate(ctx context.Context, req gen.B2BPasswordsAuthenticateRequestObject) (gen.B2BPasswordsAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BPasswordAuthenticate(b.OrganizationID, b.EmailAddress, b.Password,
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BPasswordsAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		OrganizationID: out.Org.ID, Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken,
		SessionJWT: r.SessionJWT, MemberSession: r.MemberSession, MemberAuthenticated: r.MemberAuthenticated,
		IntermediateSessionToken: r.IntermediateSessionToken, IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt,
		MFARequired: r.MFARequired, PrimaryRequired: r.PrimaryRequired}, nil
}

// B2BPasswordsStrengthCheck implements POST /v1/b2b/passwords/strength_check:
// the project's policy is zxcvbn, with the LUDS feedback computed too.
func (a *API) B2BPasswordsStrengthCheck(ctx context.Context, req gen.B2BPasswordsStrengthCheckRequestObject) (gen.B2BPasswordsStrengthCheckResponseObject, error) {
	r := a.svc.CheckStrength(req.Body.Password, deref(req.Body.EmailAddress))
	return gen.B2BPasswordsStrengthCheck200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ValidPassword: r.ValidPassword,
		Score: int32(r.Score), BreachedPassword: r.Breached, StrengthPolicy: "zxcvbn", BreachDetectionOnCreate: true,
		ZxcvbnFeedback: &gen.ZxcvbnFeedback{Warning: r.Warning, Suggestions: append([]string{}, r.Suggestions...)},
		LudsFeedback: &gen.LudsFeedback{HasLowerCase: r.LUDS.HasLowerCase, HasUpperCase: r.LUDS.HasUpperCase,
			HasDigit: r.LUDS.HasDigit, HasSymbol: r.LUDS.HasSymbol, MissingComplexity: int32(r.LUDS.MissingComplexity),
			MissingCharacters: int32(r.LUDS.MissingCharacters)}}, nil
}

// B2BPasswordsMigrate implements POST /v1/b2b/passwords/migrate.
func (a *API) B2BPasswordsMigrate(ctx context.Context, req gen.B2BPasswordsMigrateRequestObject) (gen.B2BPasswordsMigrateResponseObject, error) {
	b := req.Body
	cfg := migrateConfig(&gen.PasswordsMigrateRequest{Md5Config: b.Md5Config, Sha1Config: b.Sha1Config, Sha512Config: b.Sha512Config,
		Argon2Config: b.Argon2Config, ScryptConfig: b.ScryptConfig, Pbkdf2Config: b.Pbkdf2Config})
	out, err := a.svc.B2BMigratePassword(flows.MemberMigration{OrgRef: b.OrganizationID, Email: b.EmailAddress, Hash: b.Hash,
		HashType: string(b.HashType), Config: cfg, SetPhoneVerified: deref(b.SetPhoneNumberVerified),
		Member: flows.MemberInput{Name: b.Name, TrustedMetadata: optMap(b.TrustedMetadata), UntrustedMetadata: optMap(b.UntrustedMetadata),
			Roles: optSlice(b.Roles), MFAPhoneNumber: b.MFAPhoneNumber, ExternalID: b.ExternalID,
			PreserveExistingSessions: b.PreserveExistingSessions}})
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BPasswordsMigrate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		MemberCreated: out.MemberCreated, Member: o.Member, Organization: o.Organization}, nil
}

// B2BPasswordsEmailRequireReset implements POST /v1/b2b/passwords/email/require_reset.
func (a *API) B2BPasswordsEmailRequireReset(ctx context.Context, req gen.B2BPasswordsEmailRequireResetRequestObject) (gen.B2BPasswordsEmailRequireResetResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BRequirePasswordReset(b.EmailAddress, b.OrganizationID, b.MemberID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	o := memberOut(out)
	return gen.B2BPasswordsEmailRequireReset200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: &o.MemberID,
		Member: &o.Member, Organization: &o.Organization}, nil
}

// B2BPasswordsEmailResetStart implements POST /v1/b2b/passwords/email/reset/start.
// The emulator sends the reset link even to an unverified address (its
// authentication verifies it), so login_redirect_url, the link of Stytch's
// verification email, and the template ids have no use.
func (a *API) B2BPasswordsEmailResetStart(ctx context.Context, req gen.B2BPasswordsEmailResetStartRequestObject) (gen.B2BPasswordsEmailResetStartResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BStartEmailReset(flows.B2BResetStart{OrgRef: b.OrganizationID, Email: b.EmailAddress,
		RedirectURL: deref(b.ResetPasswordRedirectURL), CodeChallenge: deref(b.CodeChallenge), Minutes: b.ResetPasswordExpirationMinutes})
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BPasswordsEmailResetStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		MemberEmailID: out.EmailID, Member: o.Member}, nil
}

// B2BPasswordsEmailReset implements POST /v1/b2b/passwords/email/reset.
func (a *API) B2BPasswordsEmailReset(ctx context.Context, req gen.B2BPasswordsEmailResetRequestObject) (gen.B2BPasswordsEmailResetResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BResetByEmail(b.PasswordResetToken, b.Password, deref(b.CodeVerifier),
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BPasswordsEmailReset200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		MemberEmailID: out.MethodID, OrganizationID: out.Org.ID, Member: r.Member, Organization: r.Organization,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, MemberSession: r.MemberSession,
		MemberAuthenticated: r.MemberAuthenticated, IntermediateSessionToken: r.IntermediateSessionToken,
		IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt, MFARequired: r.MFARequired,
		PrimaryRequired: r.PrimaryRequired}, nil
}

// B2BPasswordsExistingPasswordReset implements POST /v1/b2b/passwords/existing_password/reset.
func (a *API) B2BPasswordsExistingPasswordReset(ctx context.Context, req gen.B2BPasswordsExistingPasswordResetRequestObject) (gen.B2BPasswordsExistingPasswordResetResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BResetExisting(b.OrganizationID, b.EmailAddress, b.ExistingPassword, b.NewPassword,
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, nil))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BPasswordsExistingPasswordReset200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken, SessionJWT: r.SessionJWT,
		MemberSession: r.MemberSession, MemberAuthenticated: r.MemberAuthenticated,
		IntermediateSessionToken: r.IntermediateSessionToken, IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt,
		MFARequired: r.MFARequired, PrimaryRequired: r.PrimaryRequired}, nil
}

// B2BPasswordsSessionsReset implements POST /v1/b2b/passwords/session/reset.
func (a *API) B2BPasswordsSessionsReset(ctx context.Context, req gen.B2BPasswordsSessionsResetRequestObject) (gen.B2BPasswordsSessionsResetResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BResetWithSession(b.OrganizationID, b.Password,
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, nil))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BPasswordsSessionsReset200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken, SessionJWT: r.SessionJWT,
		MemberSession: r.MemberSession, MemberAuthenticated: r.MemberAuthenticated,
		IntermediateSessionToken: r.IntermediateSessionToken, IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt,
		MFARequired: r.MFARequired}, nil
}

// B2BPasswordsDiscoveryAuthenticate implements POST /v1/b2b/passwords/discovery/authenticate.
func (a *API) B2BPasswordsDiscoveryAuthenticate(ctx context.Context, req gen.B2BPasswordsDiscoveryAuthenticateRequestObject) (gen.B2BPasswordsDiscoveryAuthenticateResponseObject, error) {
	out, err := a.svc.B2BDiscoveryPasswordAuthenticate(req.Body.EmailAddress, req.Body.Password)
	if err != nil {
		return nil, err
	}
	return gen.B2BPasswordsDiscoveryAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		IntermediateSessionToken: out.IntermediateToken, IntermediateSessionTokenExpiresAt: new(out.ExpiresAt),
		EmailAddress: out.EmailAddress, DiscoveredOrganizations: discoveredBody(out.Discovered)}, nil
}

// B2BPasswordsDiscoveryEmailResetStart implements POST /v1/b2b/passwords/discovery/email/reset/start.
// As for B2BPasswordsEmailResetStart, the reset link goes out whatever the
// address's verification, so discovery_redirect_url has no use.
func (a *API) B2BPasswordsDiscoveryEmailResetStart(ctx context.Context, req gen.B2BPasswordsDiscoveryEmailResetStartRequestObject) (gen.B2BPasswordsDiscoveryEmailResetStartResponseObject, error) {
	b := req.Body
	if err := a.svc.B2BDiscoveryResetStart(b.EmailAddress, deref(b.ResetPasswordRedirectURL), deref(b.PKCECodeChallenge),
		b.ResetPasswordExpirationMinutes); err != nil {
		return nil, err
	}
	return gen.B2BPasswordsDiscoveryEmailResetStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}

// B2BPasswordsDiscoveryEmailReset implements POST /v1/b2b/passwords/discovery/email/reset.
func (a *API) B2BPasswordsDiscoveryEmailReset(ctx context.Context, req gen.B2BPasswordsDiscoveryEmailResetRequestObject) (gen.B2BPasswordsDiscoveryEmailResetResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BDiscoveryReset(b.PasswordResetToken, b.Password, deref(b.PKCECodeVerifier))
	if err != nil {
		return nil, err
	}
	return gen.B2BPasswordsDiscoveryEmailReset200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		IntermediateSessionToken: out.IntermediateToken, IntermediateSessionTokenExpiresAt: new(out.ExpiresAt),
		EmailAddress: out.EmailAddress, DiscoveredOrganizations: discoveredBody(out.Discovered)}, nil
}
