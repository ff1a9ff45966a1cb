package flows

import (
	"slices"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// FactorKind names a kind of factor registered to a user, for DeleteFactor.
type FactorKind string

// The factor kinds of DELETE /v1/users/<kind>/{id}.
const (
	FactorEmail     FactorKind = "email"
	FactorPhone     FactorKind = "phone_number"
	FactorWebAuthn  FactorKind = "webauthn_registration"
	FactorBiometric FactorKind = "biometric_registration"
	FactorTOTP      FactorKind = "totp"
	FactorWallet    FactorKind = "crypto_wallet"
	FactorPassword  FactorKind = "password"
	FactorOAuth     FactorKind = "oauth_user_registration"
)

// removeByID deletes the element whose id matches and reports whether it did.
func removeByID[T any](list *[]T, id string, idOf func(*T) string) bool {
	i := slices.IndexFunc(*list, func(e T) bool { return idOf(&e) == id })
	if i < 0 {
		return false
	}
	*list = slices.Delete(*list, i, i+1)
	return true
}

// removeFactor removes the factor of the given kind and id from u.
func removeFactor(u *store.User, kind FactorKind, id string) bool {
	switch kind {
	case FactorEmail:
		return removeByID(&u.Emails, id, func(e *store.Email) string { return e.ID })
	case FactorPhone:
		return removeByID(&u.Phones, id, func(p *store.Phone) string { return p.ID })
	case FactorWebAuthn:
		return removeByID(&u.WebAuthn, id, func(w *store.WebAuthnRegistration) string { return w.ID })
	case FactorBiometric:
		return removeByID(&u.Biometrics, id, func(b *store.BiometricRegistration) string { return b.ID })
	case FactorTOTP:
		return removeByID(&u.TOTPs, id, func(t *store.TOTP) string { return t.ID })
	case FactorWallet:
		return removeByID(&u.Wallets, id, func(w *store.CryptoWallet) string { return w.ID })
	case FactorOAuth:
		return removeByID(&u.Providers, id, func(p *store.Provider) string { return p.ID })
	case FactorPassword:
		if u.Password != nil && u.Password.ID == id {
			u.Password = nil
			return true
		}
	}
	return false
}

// DeleteFactor removes one registered factor from whichever user holds it
// and returns a copy of that user; an unknown id answers 404
// <kind>_not_found (email_not_found, phone_number_not_found, ...).
func (s *Service) DeleteFactor(kind FactorKind, id string) (*store.User, error) {
	var out store.User
	err := s.Store.Update(func(tx *store.Tx) error {
		for _, u := range tx.Users {
			if removeFactor(u, kind, id) {
				delete(tx.OTPs, id) // a pending code for a deleted email/phone dies with it
				out = u.Clone()
				return nil
			}
		}
		return NotFound(string(kind)+"_not_found", "The %s could not be found.", kind)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
