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
		UserID:                u.ID,
		CreatedAt:             new(u.CreatedAt),
		Status:                gen.UserStatus(u.Status),
		Name:                  &gen.Name{FirstName: new(u.Name.First), MiddleName: new(u.Name.Middle), LastName: new(u.Name.Last)},
		Emails:                make([]gen.Email, 0, len(u.Emails)),
		PhoneNumbers:          make([]gen.PhoneNumber, 0, len(u.Phones)),
		Providers:             make([]gen.OAuthProvider, 0, len(u.Providers)),
		TOTPs:                 make([]gen.TOTP, 0, len(u.TOTPs)),
		CryptoWallets:         make([]gen.CryptoWallet, 0, len(u.Wallets)),
		WebAuthnRegistrations: make([]gen.WebAuthnRegistration, 0, len(u.WebAuthn)),
		TrustedMetadata:       orEmpty(u.TrustedMetadata),
		UntrustedMetadata:     orEmpty(u.UntrustedMetadata),
	}
	out.BiometricRegistrations = make([]gen.BiometricRegistration, 0, len(u.Biometrics))
	out.Roles = append([]string{}, u.Roles...)
	out.IsLocked = u.LockExpiresAt != nil && u.LockCreatedAt != nil
	out.LockCreatedAt, out.LockExpiresAt = u.LockCreatedAt, u.LockExpiresAt
	if u.ExternalID != "" {
		ext := u.ExternalID
		out.ExternalID = &ext
	}
	for _, e := range u.Emails {
		out.Emails = append(out.Emails, gen.Email{EmailID: e.ID, Email: e.Address, Verified: e.Verified})
	}
	for _, p := range u.Phones {
		out.PhoneNumbers = append(out.PhoneNumbers, gen.PhoneNumber{PhoneID: p.ID, PhoneNumber: p.Number, Verified: p.Verified})
	}
	if u.Password != nil {
		out.Password = &gen.Password{PasswordID: u.Password.ID, RequiresReset: u.Password.RequiresReset}
	}
	for _, t := range u.TOTPs {
		out.TOTPs = append(out.TOTPs, gen.TOTP{TOTPID: t.ID, Verified: t.Verified})
	}
	for _, w := range u.Wallets {
		out.CryptoWallets = append(out.CryptoWallets, gen.CryptoWallet{CryptoWalletID: w.ID,
			CryptoWalletAddress: w.Address, CryptoWalletType: gen.CryptoWalletType(w.Type), Verified: w.Verified})
	}
	for _, w := range u.WebAuthn {
		reg := gen.WebAuthnRegistration{WebAuthnRegistrationID: w.ID, Domain: w.Domain, UserAgent: w.UserAgent,
			Verified: w.Verified, AuthenticatorType: w.AuthenticatorType, Name: w.Name}
		out.WebAuthnRegistrations = append(out.WebAuthnRegistrations, reg)
	}
	for _, b := range u.Biometrics {
		out.BiometricRegistrations = append(out.BiometricRegistrations, gen.BiometricRegistration{BiometricRegistrationID: b.ID, Verified: b.Verified})
	}
	for _, p := range u.Providers {
		out.Providers = append(out.Providers, gen.OAuthProvider{OAuthUserRegistrationID: p.ID, ProviderType: p.Type,
			ProviderSubject: p.Subject, ProfilePictureURL: p.ProfilePictureURL, Locale: p.Locale})
	}
	return out
}

// sessionBody converts a stored session to the wire Session (nil for nil).
func sessionBody(s *store.Session, roles []string) *gen.Session {
	if s == nil {
		return nil
	}
	out := &gen.Session{
		SessionID:             s.ID,
		UserID:                s.UserID,
		StartedAt:             new(s.StartedAt),
		LastAccessedAt:        new(s.LastAccessedAt),
		ExpiresAt:             new(s.ExpiresAt),
		Attributes:            &gen.Attributes{IPAddress: new(s.IPAddress), UserAgent: new(s.UserAgent)},
		AuthenticationFactors: factorsBody(s.Factors),
		CustomClaims:          orEmpty(s.CustomClaims),
		Roles:                 append([]string{}, roles...),
	}
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
				DeliveryMethod: gen.AuthenticationFactorDeliveryMethod(f.DeliveryMethod), CreatedAt: new(f.CreatedAt),
				LastAuthenticatedAt: new(f.LastAuthenticatedAt), UpdatedAt: new(f.UpdatedAt)}
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
func sessionRequest(minutes *int32, token, jwt *string, claims map[string]any) flows.SessionRequest {
	var c *map[string]any
	if claims != nil {
		c = &claims
	}
	return flows.SessionRequest{DurationMinutes: minutes, Token: token, JWT: jwt, CustomClaims: c}
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

// optSlice is nil for a nil slice (absent) and a pointer otherwise (an
// empty list clears).
func optSlice[T any](s []T) *[]T {
	if s == nil {
		return nil
	}
	return &s
}

// optMap is nil for a nil map (absent) and a pointer otherwise.
func optMap(m map[string]any) *map[string]any {
	if m == nil {
		return nil
	}
	return &m
}
