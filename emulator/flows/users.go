package flows

import (
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// NewUserInput is what UsersCreate (and login_or_create flows) set on a new user.
type NewUserInput struct {
	Email, Phone, ExternalID string
	Name                     *store.Name
	TrustedMetadata          map[string]any
	UntrustedMetadata        map[string]any
	Roles                    []string
	Pending                  bool
}

// Created is the result of CreateUser.
type Created struct {
	User             store.User
	EmailID, PhoneID string
}

// CreateUser adds a user (UsersCreate). An email or phone already held by a
// user answers duplicate_email / duplicate_phone_number.
func (s *Service) CreateUser(in NewUserInput) (*Created, error) {
	var out Created
	err := s.Store.Update(func(tx *store.Tx) error {
		u, err := s.newUser(tx, in)
		if err != nil {
			return err
		}
		out.User = u.Clone()
		if len(u.Emails) > 0 {
			out.EmailID = u.Emails[0].ID
		}
		if len(u.Phones) > 0 {
			out.PhoneID = u.Phones[0].ID
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// newUser validates in and stores a new user inside tx.
func (s *Service) newUser(tx *store.Tx, in NewUserInput) (*store.User, error) {
	if in.Email != "" {
		if err := checkEmail(in.Email); err != nil {
			return nil, err
		}
		if u, _ := tx.UserByEmail(in.Email); u != nil {
			return nil, E(ErrDuplicateEmail, "A user with this email address already exists.")
		}
	}
	if in.Phone != "" {
		if err := checkPhone(in.Phone); err != nil {
			return nil, err
		}
		if u, _ := tx.UserByPhone(in.Phone); u != nil {
			return nil, E(ErrDuplicatePhoneNumber, "A user with this phone number already exists.")
		}
	}
	if in.ExternalID != "" {
		if err := s.checkExternalIDFree(tx, in.ExternalID, ""); err != nil {
			return nil, err
		}
	}
	u := &store.User{ID: tx.NewID(store.KindUser), ExternalID: in.ExternalID, Status: "active",
		Emails: []store.Email{}, Phones: []store.Phone{}, TOTPs: []store.TOTP{}, WebAuthn: []store.WebAuthnRegistration{},
		Biometrics: []store.BiometricRegistration{}, Wallets: []store.CryptoWallet{}, Providers: []store.Provider{},
		TrustedMetadata: mergeMetadata(nil, in.TrustedMetadata), UntrustedMetadata: mergeMetadata(nil, in.UntrustedMetadata),
		Roles: append([]string{}, in.Roles...), CreatedAt: tx.Now}
	if in.Pending {
		u.Status = "pending"
	}
	if in.Name != nil {
		u.Name = *in.Name
	}
	if in.Email != "" {
		u.Emails = append(u.Emails, store.Email{ID: tx.NewID(store.KindEmail), Address: strings.ToLower(in.Email)})
	}
	if in.Phone != "" {
		u.Phones = append(u.Phones, store.Phone{ID: tx.NewID(store.KindPhone), Number: in.Phone})
	}
	tx.Users.Put(u.ID, u)
	return u, nil
}

// checkExternalIDFree validates an external_id and answers
// duplicate_external_id when another user (not self) holds it or it is the
// user_id of another user.
func (s *Service) checkExternalIDFree(tx *store.Tx, id, self string) error {
	if err := checkExternalID(id); err != nil {
		return err
	}
	if other := tx.User(id); other != nil && other.ID != self {
		return E(ErrDuplicateExternalID, "Another user already has this external_id.")
	}
	return nil
}

// GetUser returns a copy of the user with this user_id or external_id.
func (s *Service) GetUser(id string) (*store.User, error) {
	var out store.User
	err := s.Store.View(func(tx *store.Tx) error {
		u := tx.User(id)
		if u == nil {
			return ErrUserNotFound.New()
		}
		out = u.Clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// NamePatch sets the parts of a name that are not nil.
type NamePatch struct {
	First, Middle, Last *string
}

func (p *NamePatch) apply(n *store.Name) {
	for _, f := range []struct {
		src *string
		dst *string
	}{{p.First, &n.First}, {p.Middle, &n.Middle}, {p.Last, &n.Last}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
}

// UserUpdate is a partial update of a user: nil fields are left alone.
type UserUpdate struct {
	Name              *NamePatch
	ExternalID        *string
	Roles             *[]string
	TrustedMetadata   map[string]any
	UntrustedMetadata map[string]any
}

// UpdateUser applies a partial update (UsersUpdate). Metadata merges by
// top-level key; a key set to null is deleted. An empty external_id
// clears it.
func (s *Service) UpdateUser(id string, up UserUpdate) (*store.User, error) {
	return s.mutateUser(id, func(tx *store.Tx, u *store.User) error {
		if up.ExternalID != nil && *up.ExternalID != "" {
			if err := s.checkExternalIDFree(tx, *up.ExternalID, u.ID); err != nil {
				return err
			}
		}
		if up.Name != nil {
			up.Name.apply(&u.Name)
		}
		if up.ExternalID != nil {
			u.ExternalID = *up.ExternalID
		}
		if up.Roles != nil {
			u.Roles = append([]string{}, *up.Roles...)
		}
		if up.TrustedMetadata != nil {
			u.TrustedMetadata = mergeMetadata(u.TrustedMetadata, up.TrustedMetadata)
		}
		if up.UntrustedMetadata != nil {
			u.UntrustedMetadata = mergeMetadata(u.UntrustedMetadata, up.UntrustedMetadata)
		}
		return nil
	})
}

// mutateUser runs fn on the user named by id inside one transaction and
// returns a copy of the result.
func (s *Service) mutateUser(id string, fn func(tx *store.Tx, u *store.User) error) (*store.User, error) {
	var out store.User
	err := s.Store.Update(func(tx *store.Tx) error {
		u := tx.User(id)
		if u == nil {
			return ErrUserNotFound.New()
		}
		if err := fn(tx, u); err != nil {
			return err
		}
		out = u.Clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteUser removes a user with its sessions and pending tokens; it
// returns the user_id.
func (s *Service) DeleteUser(id string) (string, error) {
	var userID string
	err := s.Store.Update(func(tx *store.Tx) error {
		u := tx.User(id)
		if u == nil {
			return ErrUserNotFound.New()
		}
		userID = u.ID
		tx.DeleteUser(u.ID)
		return nil
	})
	return userID, err
}

// DeleteExternalID clears a user's external_id.
func (s *Service) DeleteExternalID(id string) (*store.User, error) {
	return s.mutateUser(id, func(_ *store.Tx, u *store.User) error {
		u.ExternalID = ""
		return nil
	})
}

// ExchangePrimaryFactor swaps the single email or phone of a user that has
// exactly one factor for a new email or phone (UsersExchangePrimaryFactor).
func (s *Service) ExchangePrimaryFactor(id, email, phone string) (*store.User, error) {
	return s.mutateUser(id, func(tx *store.Tx, u *store.User) error {
		if (email == "") == (phone == "") {
			return E(ErrBadRequest, "Pass exactly one of email_address and phone_number.")
		}
		n := len(u.Emails) + len(u.Phones) + len(u.TOTPs) + len(u.WebAuthn) + len(u.Biometrics) +
			len(u.Wallets) + len(u.Providers)
		if u.Password != nil {
			n++
		}
		if n != 1 || len(u.Emails)+len(u.Phones) != 1 {
			return E(ErrCannotExchangePrimaryFactor,
				"Only a user whose single factor is one email address or phone number can exchange it.")
		}
		if email != "" {
			if err := checkEmail(email); err != nil {
				return err
			}
			if other, _ := tx.UserByEmail(email); other != nil {
				return E(ErrDuplicateEmail, "A user with this email address already exists.")
			}
			u.Emails, u.Phones = []store.Email{{ID: tx.NewID(store.KindEmail), Address: strings.ToLower(email)}}, []store.Phone{}
			return nil
		}
		if err := checkPhone(phone); err != nil {
			return err
		}
		if other, _ := tx.UserByPhone(phone); other != nil {
			return E(ErrDuplicatePhoneNumber, "A user with this phone number already exists.")
		}
		u.Emails, u.Phones = []store.Email{}, []store.Phone{{ID: tx.NewID(store.KindPhone), Number: phone}}
		return nil
	})
}

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

// notFound is the error type of an unknown factor of kind k: <kind>_not_found.
func (k FactorKind) notFound() ErrorType {
	switch k {
	case FactorEmail:
		return ErrEmailNotFound
	case FactorPhone:
		return ErrPhoneNumberNotFound
	case FactorWebAuthn:
		return ErrWebAuthnRegistrationNotFound
	case FactorBiometric:
		return ErrBiometricRegistrationNotFound
	case FactorTOTP:
		return ErrTOTPNotFound
	case FactorWallet:
		return ErrCryptoWalletNotFound
	case FactorPassword:
		return ErrPasswordNotFound
	case FactorOAuth:
		return ErrOAuthUserRegistrationNotFound
	}
	return ErrBadRequest // not a kind DeleteFactor is called with
}

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
		if u := tx.UserByFactorID(id); u != nil && removeFactor(u, kind, id) {
			tx.OTPs.Delete(id) // a pending code for a deleted email/phone dies with it
			out = u.Clone()
			return nil
		}
		return E(kind.notFound(), "The %s could not be found.", kind)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
