package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// B2BOTPsEmailLoginOrSignup implements POST /v1/b2b/otps/email/login_or_signup.
func (a *API) B2BOTPsEmailLoginOrSignup(ctx context.Context, req gen.B2BOTPsEmailLoginOrSignupRequestObject) (gen.B2BOTPsEmailLoginOrSignupResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BEmailOTPLoginOrSignup(b.OrganizationID, b.EmailAddress, b.LoginExpirationMinutes, b.SignupExpirationMinutes)
	if err != nil {
		return nil, err
	}
	o := memberOut(&out.MemberResult)
	return gen.B2BOTPsEmailLoginOrSignup200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		MemberCreated: out.MemberCreated, Member: o.Member, Organization: o.Organization}, nil
}

// B2BOTPsEmailAuthenticate implements POST /v1/b2b/otps/email/authenticate.
func (a *API) B2BOTPsEmailAuthenticate(ctx context.Context, req gen.B2BOTPsEmailAuthenticateRequestObject) (gen.B2BOTPsEmailAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BEmailOTPAuthenticate(b.OrganizationID, b.EmailAddress, b.Code,
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BOTPsEmailAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		MethodID: out.MethodID, OrganizationID: out.Org.ID, Member: r.Member, Organization: r.Organization,
		SessionToken: r.SessionToken, SessionJWT: r.SessionJWT, MemberSession: r.MemberSession,
		MemberAuthenticated: r.MemberAuthenticated, IntermediateSessionToken: r.IntermediateSessionToken,
		IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt, MFARequired: r.MFARequired,
		PrimaryRequired: r.PrimaryRequired}, nil
}

// B2BOTPsEmailDiscoverySend implements POST /v1/b2b/otps/email/discovery/send.
func (a *API) B2BOTPsEmailDiscoverySend(ctx context.Context, req gen.B2BOTPsEmailDiscoverySendRequestObject) (gen.B2BOTPsEmailDiscoverySendResponseObject, error) {
	if err := a.svc.B2BEmailOTPDiscoverySend(req.Body.EmailAddress, req.Body.DiscoveryExpirationMinutes); err != nil {
		return nil, err
	}
	return gen.B2BOTPsEmailDiscoverySend200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200}, nil
}

// B2BOTPsEmailDiscoveryAuthenticate implements POST /v1/b2b/otps/email/discovery/authenticate.
func (a *API) B2BOTPsEmailDiscoveryAuthenticate(ctx context.Context, req gen.B2BOTPsEmailDiscoveryAuthenticateRequestObject) (gen.B2BOTPsEmailDiscoveryAuthenticateResponseObject, error) {
	out, err := a.svc.B2BEmailOTPDiscoveryAuthenticate(req.Body.EmailAddress, req.Body.Code)
	if err != nil {
		return nil, err
	}
	return gen.B2BOTPsEmailDiscoveryAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		IntermediateSessionToken: out.IntermediateToken, IntermediateSessionTokenExpiresAt: new(out.ExpiresAt),
		EmailAddress: out.EmailAddress, DiscoveredOrganizations: discoveredBody(out.Discovered)}, nil
}

// B2BOTPsSMSSend implements POST /v1/b2b/otps/sms/send.
func (a *API) B2BOTPsSMSSend(ctx context.Context, req gen.B2BOTPsSMSSendRequestObject) (gen.B2BOTPsSMSSendResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BSMSSend(b.OrganizationID, b.MemberID, b.MFAPhoneNumber,
		memberSessionRequest(nil, b.SessionToken, b.SessionJWT, nil, b.IntermediateSessionToken))
	if err != nil {
		return nil, err
	}
	o := memberOut(out)
	return gen.B2BOTPsSMSSend200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: o.MemberID,
		Member: o.Member, Organization: o.Organization}, nil
}

// B2BOTPsSMSAuthenticate implements POST /v1/b2b/otps/sms/authenticate.
func (a *API) B2BOTPsSMSAuthenticate(ctx context.Context, req gen.B2BOTPsSMSAuthenticateRequestObject) (gen.B2BOTPsSMSAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.B2BSMSAuthenticate(b.OrganizationID, b.MemberID, b.Code, flows.MFAStep{
		Req:           memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken),
		SetEnrollment: b.SetMFAEnrollment, SetDefault: deref(b.SetDefaultMFA)})
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BOTPsSMSAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken, SessionJWT: r.SessionJWT,
		MemberSession: r.MemberSession}, nil
}
