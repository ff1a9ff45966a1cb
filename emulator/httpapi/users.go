package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// userEnvelope is the shape shared by every response that returns one user
// after changing it (factor deletes, external id delete, primary factor
// exchange).
type userEnvelope = struct {
	RequestID  string   `json:"request_id"`
	StatusCode int32    `json:"status_code"`
	User       gen.User `json:"user"`
	UserID     string   `json:"user_id"`
}

// userReply builds any response of the userEnvelope shape.
func userReply[T ~userEnvelope](ctx context.Context, u *store.User) T {
	return T(userEnvelope{RequestID: RequestID(ctx), StatusCode: 200, User: userBody(u), UserID: u.ID})
}

func nameIn(n *gen.NameInput) *store.Name {
	if n == nil {
		return nil
	}
	return &store.Name{First: deref(n.FirstName), Middle: deref(n.MiddleName), Last: deref(n.LastName)}
}

// UsersCreate implements POST /v1/users.
func (a *API) UsersCreate(ctx context.Context, req gen.UsersCreateRequestObject) (gen.UsersCreateResponseObject, error) {
	b := req.Body
	out, err := a.svc.CreateUser(flows.NewUserInput{Email: string(deref(b.Email)), Phone: deref(b.PhoneNumber),
		ExternalID: deref(b.ExternalID), Name: nameIn(b.Name), TrustedMetadata: b.TrustedMetadata,
		UntrustedMetadata: b.UntrustedMetadata, Roles: b.Roles, Pending: deref(b.CreateUserAsPending)})
	if err != nil {
		return nil, err
	}
	return gen.UsersCreate201JSONResponse{RequestID: RequestID(ctx), StatusCode: 201, UserID: out.User.ID,
		EmailID: out.EmailID, PhoneID: out.PhoneID, Status: out.User.Status, User: userBody(&out.User)}, nil
}

// UsersGet implements GET /v1/users/{user_id}.
func (a *API) UsersGet(ctx context.Context, req gen.UsersGetRequestObject) (gen.UsersGetResponseObject, error) {
	u, err := a.svc.GetUser(req.UserID)
	if err != nil {
		return nil, err
	}
	w := userBody(u)
	return gen.UsersGet200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: w.UserID, Emails: w.Emails,
		Status: w.Status, PhoneNumbers: w.PhoneNumbers, WebAuthnRegistrations: w.WebAuthnRegistrations,
		Providers: w.Providers, TOTPs: w.TOTPs, CryptoWallets: w.CryptoWallets, BiometricRegistrations: w.BiometricRegistrations,
		IsLocked: w.IsLocked, Roles: w.Roles, Name: w.Name, CreatedAt: w.CreatedAt, Password: w.Password,
		TrustedMetadata: w.TrustedMetadata, UntrustedMetadata: w.UntrustedMetadata, ExternalID: w.ExternalID,
		LockCreatedAt: w.LockCreatedAt, LockExpiresAt: w.LockExpiresAt}, nil
}

// UsersUpdate implements PUT /v1/users/{user_id}.
func (a *API) UsersUpdate(ctx context.Context, req gen.UsersUpdateRequestObject) (gen.UsersUpdateResponseObject, error) {
	b := req.Body
	var name *flows.NamePatch
	if b.Name != nil {
		name = &flows.NamePatch{First: b.Name.FirstName, Middle: b.Name.MiddleName, Last: b.Name.LastName}
	}
	u, err := a.svc.UpdateUser(req.UserID, flows.UserUpdate{Name: name, ExternalID: b.ExternalID, Roles: optSlice(b.Roles),
		TrustedMetadata: b.TrustedMetadata, UntrustedMetadata: b.UntrustedMetadata})
	if err != nil {
		return nil, err
	}
	w := userBody(u)
	return gen.UsersUpdate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: u.ID, User: w,
		Emails: w.Emails, PhoneNumbers: w.PhoneNumbers, CryptoWallets: w.CryptoWallets}, nil
}

// UsersDelete implements DELETE /v1/users/{user_id}.
func (a *API) UsersDelete(ctx context.Context, req gen.UsersDeleteRequestObject) (gen.UsersDeleteResponseObject, error) {
	id, err := a.svc.DeleteUser(req.UserID)
	if err != nil {
		return nil, err
	}
	return gen.UsersDelete200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, UserID: id}, nil
}

// UsersSearch implements POST /v1/users/search.
func (a *API) UsersSearch(ctx context.Context, req gen.UsersSearchRequestObject) (gen.UsersSearchResponseObject, error) {
	b := req.Body
	operator := "AND"
	var operands []flows.Operand
	if b.Query != nil {
		operator = string(b.Query.Operator)
		for _, op := range b.Query.Operands {
			operands = append(operands, flows.Operand{Name: op.FilterName, Value: op.FilterValue})
		}
	}
	res, err := a.svc.SearchUsers(operator, operands, int(deref(b.Limit)), deref(b.Cursor))
	if err != nil {
		return nil, err
	}
	out := gen.UsersSearch200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Results: make([]gen.User, 0, len(res.Users)),
		ResultsMetadata: gen.ResultsMetadata{Total: int32(res.Total)}}
	for i := range res.Users {
		out.Results = append(out.Results, userBody(&res.Users[i]))
	}
	if res.NextCursor != "" {
		out.ResultsMetadata.NextCursor = &res.NextCursor
	}
	return out, nil
}

// UsersExchangePrimaryFactor implements PUT /v1/users/{user_id}/exchange_primary_factor.
func (a *API) UsersExchangePrimaryFactor(ctx context.Context, req gen.UsersExchangePrimaryFactorRequestObject) (gen.UsersExchangePrimaryFactorResponseObject, error) {
	u, err := a.svc.ExchangePrimaryFactor(req.UserID, deref(req.Body.EmailAddress), deref(req.Body.PhoneNumber))
	if err != nil {
		return nil, err
	}
	return userReply[gen.UsersExchangePrimaryFactor200JSONResponse](ctx, u), nil
}

// UsersDeleteExternalID implements DELETE /v1/users/{user_id}/external_id.
func (a *API) UsersDeleteExternalID(ctx context.Context, req gen.UsersDeleteExternalIDRequestObject) (gen.UsersDeleteExternalIDResponseObject, error) {
	u, err := a.svc.DeleteExternalID(req.UserID)
	if err != nil {
		return nil, err
	}
	return userReply[gen.UsersDeleteExternalID200JSONResponse](ctx, u), nil
}

// deleteFactor runs a factor delete and builds its response (the zero T goes
// with an error; the strict server ignores it).
func deleteFactor[T ~userEnvelope](ctx context.Context, a *API, kind flows.FactorKind, id string) (T, error) {
	u, err := a.svc.DeleteFactor(kind, id)
	if err != nil {
		var zero T
		return zero, err
	}
	return userReply[T](ctx, u), nil
}

// UsersDeleteEmail implements DELETE /v1/users/emails/{email_id}.
func (a *API) UsersDeleteEmail(ctx context.Context, req gen.UsersDeleteEmailRequestObject) (gen.UsersDeleteEmailResponseObject, error) {
	return deleteFactor[gen.UsersDeleteEmail200JSONResponse](ctx, a, flows.FactorEmail, req.EmailID)
}

// UsersDeletePhoneNumber implements DELETE /v1/users/phone_numbers/{phone_id}.
func (a *API) UsersDeletePhoneNumber(ctx context.Context, req gen.UsersDeletePhoneNumberRequestObject) (gen.UsersDeletePhoneNumberResponseObject, error) {
	return deleteFactor[gen.UsersDeletePhoneNumber200JSONResponse](ctx, a, flows.FactorPhone, req.PhoneID)
}

// UsersDeleteWebAuthnRegistration implements DELETE /v1/users/webauthn_registrations/{id}.
func (a *API) UsersDeleteWebAuthnRegistration(ctx context.Context, req gen.UsersDeleteWebAuthnRegistrationRequestObject) (gen.UsersDeleteWebAuthnRegistrationResponseObject, error) {
	return deleteFactor[gen.UsersDeleteWebAuthnRegistration200JSONResponse](ctx, a, flows.FactorWebAuthn, req.WebAuthnRegistrationID)
}

// UsersDeleteBiometricRegistration implements DELETE /v1/users/biometric_registrations/{id}.
func (a *API) UsersDeleteBiometricRegistration(ctx context.Context, req gen.UsersDeleteBiometricRegistrationRequestObject) (gen.UsersDeleteBiometricRegistrationResponseObject, error) {
	return deleteFactor[gen.UsersDeleteBiometricRegistration200JSONResponse](ctx, a, flows.FactorBiometric, req.BiometricRegistrationID)
}

// UsersDeleteTOTP implements DELETE /v1/users/totps/{totp_id}.
func (a *API) UsersDeleteTOTP(ctx context.Context, req gen.UsersDeleteTOTPRequestObject) (gen.UsersDeleteTOTPResponseObject, error) {
	return deleteFactor[gen.UsersDeleteTOTP200JSONResponse](ctx, a, flows.FactorTOTP, req.TOTPID)
}

// UsersDeleteCryptoWallet implements DELETE /v1/users/crypto_wallets/{crypto_wallet_id}.
func (a *API) UsersDeleteCryptoWallet(ctx context.Context, req gen.UsersDeleteCryptoWalletRequestObject) (gen.UsersDeleteCryptoWalletResponseObject, error) {
	return deleteFactor[gen.UsersDeleteCryptoWallet200JSONResponse](ctx, a, flows.FactorWallet, req.CryptoWalletID)
}

// UsersDeletePassword implements DELETE /v1/users/passwords/{password_id}.
func (a *API) UsersDeletePassword(ctx context.Context, req gen.UsersDeletePasswordRequestObject) (gen.UsersDeletePasswordResponseObject, error) {
	return deleteFactor[gen.UsersDeletePassword200JSONResponse](ctx, a, flows.FactorPassword, req.PasswordID)
}

// UsersDeleteOAuthRegistration implements DELETE /v1/users/oauth/{oauth_user_registration_id}.
func (a *API) UsersDeleteOAuthRegistration(ctx context.Context, req gen.UsersDeleteOAuthRegistrationRequestObject) (gen.UsersDeleteOAuthRegistrationResponseObject, error) {
	return deleteFactor[gen.UsersDeleteOAuthRegistration200JSONResponse](ctx, a, flows.FactorOAuth, req.OAuthUserRegistrationID)
}
