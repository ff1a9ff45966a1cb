package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// B2BTOTPsCreate implements POST /v1/b2b/totp.
func (a *API) B2BTOTPsCreate(ctx context.Context, req gen.B2BTOTPsCreateRequestObject) (gen.B2BTOTPsCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BTOTPCreate(b.OrganizationID, b.MemberID, b.ExpirationMinutes,
		memberSessionRequest(nil, b.SessionToken, b.SessionJWT, nil, b.IntermediateSessionToken))
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BTOTPsCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization, TOTPRegistrationID: out.TOTP.ID, Secret: out.TOTP.Secret,
		QrCode: out.QRCode, RecoveryCodes: codesOf(out.TOTP)}, nil
}

// codesOf lists the recovery codes of t.
func codesOf(t store.TOTP) []string {
	out := make([]string, 0, len(t.RecoveryCodes))
	for _, rc := range t.RecoveryCodes {
		out = append(out, rc.Code)
	}
	return out
}

// B2BTOTPsAuthenticate implements POST /v1/b2b/totp/authenticate.
func (a *API) B2BTOTPsAuthenticate(ctx context.Context, req gen.B2BTOTPsAuthenticateRequestObject) (gen.B2BTOTPsAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BTOTPAuthenticate(b.OrganizationID, b.MemberID, b.Code, flows.MFAStep{
		Req:           memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken),
		SetEnrollment: b.SetMFAEnrollment, SetDefault: deref(b.SetDefaultMFA)})
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BTOTPsAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken, SessionJWT: r.SessionJWT,
		MemberSession: r.MemberSession}, nil
}

// B2BTOTPsMigrate implements POST /v1/b2b/totp/migrate.
func (a *API) B2BTOTPsMigrate(ctx context.Context, req gen.B2BTOTPsMigrateRequestObject) (gen.B2BTOTPsMigrateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BTOTPMigrate(b.OrganizationID, b.MemberID, b.Secret, b.RecoveryCodes)
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BTOTPsMigrate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization, TOTPRegistrationID: out.TOTP.ID, RecoveryCodes: codesOf(out.TOTP)}, nil
}

// B2BRecoveryCodesGet implements GET /v1/b2b/recovery_codes/{organization_id}/{member_id}.
func (a *API) B2BRecoveryCodesGet(ctx context.Context, req gen.B2BRecoveryCodesGetRequestObject) (gen.B2BRecoveryCodesGetResponseObject, error) {
	out, err := a.svc.B2BRecoveryCodes(req.OrganizationID, req.MemberID)
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BRecoveryCodesGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization, RecoveryCodes: out.Codes}, nil
}

// B2BRecoveryCodesRotate implements POST /v1/b2b/recovery_codes/rotate.
func (a *API) B2BRecoveryCodesRotate(ctx context.Context, req gen.B2BRecoveryCodesRotateRequestObject) (gen.B2BRecoveryCodesRotateResponseObject, error) {
	out, err := a.svc.B2BRotateRecoveryCodes(req.Body.OrganizationID, req.Body.MemberID)
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BRecoveryCodesRotate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization, RecoveryCodes: out.Codes}, nil
}

// B2BRecoveryCodesRecover implements POST /v1/b2b/recovery_codes/recover.
func (a *API) B2BRecoveryCodesRecover(ctx context.Context, req gen.B2BRecoveryCodesRecoverRequestObject) (gen.B2BRecoveryCodesRecoverResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BRecover(b.OrganizationID, b.MemberID, b.RecoveryCode, flows.MFAStep{
		Req: memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken)})
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(&out.B2BAuth)
	return gen.B2BRecoveryCodesRecover200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken, SessionJWT: r.SessionJWT,
		MemberSession: r.MemberSession, RecoveryCodesRemaining: int32(out.Remaining)}, nil
}
