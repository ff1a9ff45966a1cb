package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// TOTPsCreate implements POST /v1/totps.
func (a *API) TOTPsCreate(ctx context.Context, req gen.TOTPsCreateRequestObject) (gen.TOTPsCreateResponseObject, error) {
	out, err := a.svc.CreateTOTP(req.Body.UserID, req.Body.ExpirationMinutes)
	if err != nil {
		return nil, err
	}
	codes := make([]string, 0, len(out.TOTP.RecoveryCodes))
	for _, rc := range out.TOTP.RecoveryCodes {
		codes = append(codes, rc.Code)
	}
	return gen.TOTPsCreate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, TOTPID: out.TOTP.ID,
		Secret: out.TOTP.Secret, QrCode: out.QRCode, RecoveryCodes: codes, UserID: out.User.ID, User: userBody(&out.User)}, nil
}

// TOTPsAuthenticate implements POST /v1/totps/authenticate.
func (a *API) TOTPsAuthenticate(ctx context.Context, req gen.TOTPsAuthenticateRequestObject) (gen.TOTPsAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticateTOTP(b.UserID, b.TOTPCode,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.TOTPsAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		TOTPID: out.MethodID, User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess}, nil
}

// TOTPsRecover implements POST /v1/totps/recover.
func (a *API) TOTPsRecover(ctx context.Context, req gen.TOTPsRecoverRequestObject) (gen.TOTPsRecoverResponseObject, error) {
	b := req.Body
	out, err := a.svc.RecoverTOTP(b.UserID, b.RecoveryCode,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.TOTPsRecover200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		TOTPID: out.MethodID, User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess}, nil
}

// TOTPsRecoveryCodes implements POST /v1/totps/recovery_codes: each TOTP of
// the user with its unused recovery codes.
func (a *API) TOTPsRecoveryCodes(ctx context.Context, req gen.TOTPsRecoveryCodesRequestObject) (gen.TOTPsRecoveryCodesResponseObject, error) {
	u, list, err := a.svc.RecoveryCodes(req.Body.UserID)
	if err != nil {
		return nil, err
	}
	return gen.TOTPsRecoveryCodes200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: u.ID,
		TOTPs: totpCodesBody(list)}, nil
}

func totpCodesBody(list []store.TOTP) []gen.TOTPWithRecoveryCodes {
	out := make([]gen.TOTPWithRecoveryCodes, 0, len(list))
	for _, t := range list {
		codes := make([]string, 0, len(t.RecoveryCodes))
		for _, rc := range t.RecoveryCodes {
			codes = append(codes, rc.Code)
		}
		out = append(out, gen.TOTPWithRecoveryCodes{TOTPID: t.ID, Verified: t.Verified, RecoveryCodes: codes})
	}
	return out
}
