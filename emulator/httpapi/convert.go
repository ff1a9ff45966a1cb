package httpapi

import (
	"encoding/json"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// userBody converts a stored user to the wire User, with every array and
// object present (never null).
func userBody(u *store.User) gen.User {
	out := gen.User{
		UserId:                u.ID,
		CreatedAt:             u.CreatedAt,
		Status:                gen.UserStatus(u.Status),
		Name:                  &gen.Name{FirstName: u.Name.First, MiddleName: u.Name.Middle, LastName: u.Name.Last},
		Emails:                make([]gen.Email, 0, len(u.Emails)),
		PhoneNumbers:          make([]gen.PhoneNumber, 0, len(u.Phones)),
		Providers:             make([]gen.OAuthProvider, 0, len(u.Providers)),
		Totps:                 make([]gen.TOTP, 0, len(u.TOTPs)),
		CryptoWallets:         make([]gen.CryptoWallet, 0, len(u.Wallets)),
		WebauthnRegistrations: make([]gen.WebAuthnRegistration, 0, len(u.WebAuthn)),
		TrustedMetadata:       orEmpty(u.TrustedMetadata),
		UntrustedMetadata:     orEmpty(u.UntrustedMetadata),
	}
	bio := make([]gen.BiometricRegistration, 0, len(u.Biometrics))
	out.BiometricRegistrations = &bio
	roles := append([]string{}, u.Roles...)
	out.Roles = &roles
	locked := u.LockExpiresAt != nil && u.LockCreatedAt != nil
	out.IsLocked = &locked
	out.LockCreatedAt, out.LockExpiresAt = u.LockCreatedAt, u.LockExpiresAt
	if u.ExternalID != "" {
		ext := u.ExternalID
		out.ExternalId = &ext
	}
	for _, e := range u.Emails {
		out.Emails = append(out.Emails, gen.Email{EmailId: e.ID, Email: e.Address, Verified: e.Verified})
	}
	for _, p := range u.Phones {
		out.PhoneNumbers = append(out.PhoneNumbers, gen.PhoneNumber{PhoneId: p.ID, PhoneNumber: p.Number, Verified: p.Verified})
	}
	if u.Password != nil {
		out.Password = &gen.Password{PasswordId: u.Password.ID, RequiresReset: u.Password.RequiresReset}
	}
	for _, t := range u.TOTPs {
		out.Totps = append(out.Totps, gen.TOTP{TotpId: t.ID, Verified: t.Verified})
	}
	for _, w := range u.Wallets {
		out.CryptoWallets = append(out.CryptoWallets, gen.CryptoWallet{CryptoWalletId: w.ID,
			CryptoWalletAddress: w.Address, CryptoWalletType: gen.CryptoWalletType(w.Type), Verified: w.Verified})
	}
	for _, w := range u.WebAuthn {
		reg := gen.WebAuthnRegistration{WebauthnRegistrationId: w.ID, Domain: w.Domain, UserAgent: w.UserAgent,
			Verified: w.Verified, AuthenticatorType: optString(w.AuthenticatorType), Name: optString(w.Name)}
		out.WebauthnRegistrations = append(out.WebauthnRegistrations, reg)
	}
	for _, b := range u.Biometrics {
		bio = append(bio, gen.BiometricRegistration{BiometricRegistrationId: b.ID, Verified: b.Verified})
	}
	out.BiometricRegistrations = &bio
	for _, p := range u.Providers {
		out.Providers = append(out.Providers, gen.OAuthProvider{OauthUserRegistrationId: p.ID, ProviderType: p.Type,
			ProviderSubject: p.Subject, ProfilePictureUrl: optString(p.ProfilePictureURL), Locale: optString(p.Locale)})
	}
	return out
}

// sessionBody converts a stored session to the wire Session (nil for nil).
func sessionBody(s *store.Session, roles []string) *gen.Session {
	if s == nil {
		return nil
	}
	out := &gen.Session{
		SessionId:             s.ID,
		UserId:                s.UserID,
		StartedAt:             s.StartedAt,
		LastAccessedAt:        s.LastAccessedAt,
		ExpiresAt:             s.ExpiresAt,
		Attributes:            gen.Attributes{IpAddress: s.IPAddress, UserAgent: s.UserAgent},
		AuthenticationFactors: factorsBody(s.Factors),
	}
	claims := orEmpty(s.CustomClaims)
	out.CustomClaims = &claims
	r := append([]string{}, roles...)
	out.Roles = &r
	return out
}

// factorsBody converts factors to their wire form through the same JSON the
// session JWT carries, so the typed sub-objects (email_factor, ...) line up.
func factorsBody(fs []store.Factor) []gen.AuthenticationFactor {
	out := make([]gen.AuthenticationFactor, 0, len(fs))
	for _, f := range fs {
		var af gen.AuthenticationFactor
		raw, err := json.Marshal(flows.FactorJSON(f))
		if err == nil {
			err = json.Unmarshal(raw, &af)
		}
		if err != nil { // a detail that is not JSON: keep the factor without it
			af = gen.AuthenticationFactor{Type: gen.AuthenticationFactorType(f.Type),
				DeliveryMethod: gen.AuthenticationFactorDeliveryMethod(f.DeliveryMethod), CreatedAt: f.CreatedAt,
				LastAuthenticatedAt: f.LastAuthenticatedAt, UpdatedAt: f.UpdatedAt}
		}
		out = append(out, af)
	}
	return out
}

// sessionParts returns the session_token, session_jwt and session of an
// authentication ("" , "" and nil when no session was asked for).
func sessionParts(a *flows.Auth) (token, jwt string, sess *gen.Session) {
	return a.SessionToken, a.SessionJWT, sessionBody(a.Session, a.Roles)
}

// sessionRequest gathers the session fields of an authenticate request.
func sessionRequest(minutes *int32, token, jwt *string, claims *map[string]any) flows.SessionRequest {
	return flows.SessionRequest{DurationMinutes: minutes, Token: token, JWT: jwt, CustomClaims: claims}
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
