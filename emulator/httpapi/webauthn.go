package httpapi

import (
	"context"
	"encoding/base64"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// WebAuthnRegisterStart implements POST /v1/webauthn/register/start.
func (a *API) WebAuthnRegisterStart(ctx context.Context, req gen.WebAuthnRegisterStartRequestObject) (gen.WebAuthnRegisterStartResponseObject, error) {
	b := req.Body
	in := flows.WebAuthnStartInput{UserID: b.UserID, Domain: b.Domain, UserAgent: deref(b.UserAgent),
		AuthenticatorType: string(deref(b.AuthenticatorType)), Passkey: deref(b.ReturnPasskeyCredentialOptions),
		Base64URL: deref(b.UseBase64URLEncoding), OverrideID: deref(b.OverrideID), OverrideName: deref(b.OverrideName),
		OverrideDisplayName: deref(b.OverrideDisplayName)}
	opts, uid, err := a.svc.StartWebAuthnRegistration(in)
	if err != nil {
		return nil, err
	}
	return gen.WebAuthnRegisterStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: uid,
		PublicKeyCredentialCreationOptions: opts}, nil
}

// WebAuthnRegister implements POST /v1/webauthn/register.
func (a *API) WebAuthnRegister(ctx context.Context, req gen.WebAuthnRegisterRequestObject) (gen.WebAuthnRegisterResponseObject, error) {
	b := req.Body
	out, err := a.svc.RegisterWebAuthn(b.UserID, b.PublicKeyCredential,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.WebAuthnRegister200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		WebAuthnRegistrationID: out.MethodID, User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess}, nil
}

// WebAuthnAuthenticateStart implements POST /v1/webauthn/authenticate/start.
func (a *API) WebAuthnAuthenticateStart(ctx context.Context, req gen.WebAuthnAuthenticateStartRequestObject) (gen.WebAuthnAuthenticateStartResponseObject, error) {
	b := req.Body
	opts, uid, err := a.svc.StartWebAuthnAuthentication(flows.WebAuthnStartInput{UserID: deref(b.UserID), Domain: b.Domain,
		Passkey: deref(b.ReturnPasskeyCredentialOptions), Base64URL: deref(b.UseBase64URLEncoding)})
	if err != nil {
		return nil, err
	}
	return gen.WebAuthnAuthenticateStart200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: uid,
		PublicKeyCredentialRequestOptions: opts}, nil
}

// WebAuthnAuthenticate implements POST /v1/webauthn/authenticate.
func (a *API) WebAuthnAuthenticate(ctx context.Context, req gen.WebAuthnAuthenticateRequestObject) (gen.WebAuthnAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticateWebAuthn(b.PublicKeyCredential,
		sessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims))
	if err != nil {
		return nil, err
	}
	tok, jwt, sess := sessionParts(out)
	return gen.WebAuthnAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: out.User.ID,
		WebAuthnRegistrationID: out.MethodID, User: userBody(&out.User), SessionToken: tok, SessionJWT: jwt, Session: sess}, nil
}

// WebAuthnUpdate implements PUT /v1/webauthn/{webauthn_registration_id}.
func (a *API) WebAuthnUpdate(ctx context.Context, req gen.WebAuthnUpdateRequestObject) (gen.WebAuthnUpdateResponseObject, error) {
	w, err := a.svc.RenameWebAuthn(req.WebAuthnRegistrationID, req.Body.Name)
	if err != nil {
		return nil, err
	}
	return gen.WebAuthnUpdate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, WebAuthnRegistration: &gen.WebAuthnRegistration{
		WebAuthnRegistrationID: w.ID, Domain: w.Domain, UserAgent: w.UserAgent, Verified: w.Verified,
		AuthenticatorType: w.AuthenticatorType, Name: w.Name}}, nil
}

// WebAuthnListCredentials implements GET /v1/webauthn/credentials/{user_id}/{domain}.
// credential_id and public_key (COSE) are base64url, as in the WebAuthn JSON forms.
func (a *API) WebAuthnListCredentials(ctx context.Context, req gen.WebAuthnListCredentialsRequestObject) (gen.WebAuthnListCredentialsResponseObject, error) {
	regs, err := a.svc.WebAuthnCredentials(req.UserID, req.Domain)
	if err != nil {
		return nil, err
	}
	return gen.WebAuthnListCredentials200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Credentials: credentialsBody(regs)}, nil
}

func credentialsBody(regs []store.WebAuthnRegistration) []gen.WebAuthnCredential {
	out := make([]gen.WebAuthnCredential, 0, len(regs))
	for _, w := range regs {
		out = append(out, gen.WebAuthnCredential{CredentialID: base64.RawURLEncoding.EncodeToString(w.CredentialID),
			WebAuthnRegistrationID: w.ID, Type: "public-key", PublicKey: base64.RawURLEncoding.EncodeToString(w.PublicKey)})
	}
	return out
}
