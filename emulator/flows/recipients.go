package flows

import (
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Target names who a send is for: by default the user owning the address;
// with UserID or a session, that user (and the address is added to it, as
// an unverified factor, when it does not have it yet).
type Target struct {
	UserID       *string
	SessionToken *string
	SessionJWT   *string
}

// targetUser resolves the explicit user of a send, or nil when none is named.
func (s *Service) targetUser(tx *store.Tx, t Target) (*store.User, error) {
	if t.UserID != nil && *t.UserID != "" {
		u := tx.User(*t.UserID)
		if u == nil {
			return nil, ErrUserNotFound.New()
		}
		return u, nil
	}
	if t.SessionToken != nil || t.SessionJWT != nil {
		sess, err := s.lookupSession(tx, t.SessionToken, t.SessionJWT)
		if err != nil {
			return nil, err
		}
		if u := tx.Users.Get(sess.UserID); u != nil {
			return u, nil
		}
		return nil, ErrSessionNotFound.New()
	}
	return nil, nil
}

// emailRecipient finds (or, for an explicit target, attaches) the email a
// message goes to.
func (s *Service) emailRecipient(tx *store.Tx, address string, t Target) (*store.User, *store.Email, error) {
	if err := checkEmail(address); err != nil {
		return nil, nil, err
	}
	owner, email := tx.UserByEmail(address)
	target, err := s.targetUser(tx, t)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case target == nil && owner == nil:
		return nil, nil, E(ErrEmailNotFound,
			"There is not a user in this project associated with the supplied email or email_id.")
	case target == nil:
		return owner, email, nil
	case owner != nil && owner.ID != target.ID:
		return nil, nil, E(ErrDuplicateEmail, "A user with this email address already exists.")
	case owner != nil:
		return owner, email, nil
	}
	target.Emails = append(target.Emails, store.Email{ID: tx.NewID(store.KindEmail), Address: strings.ToLower(address)})
	return target, &target.Emails[len(target.Emails)-1], nil
}

// phoneRecipient is emailRecipient for phone numbers.
func (s *Service) phoneRecipient(tx *store.Tx, number string, t Target) (*store.User, *store.Phone, error) {
	if err := checkPhone(number); err != nil {
		return nil, nil, err
	}
	owner, phone := tx.UserByPhone(number)
	target, err := s.targetUser(tx, t)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case target == nil && owner == nil:
		return nil, nil, E(ErrPhoneNumberNotFound,
			"There is not a user in this project associated with the supplied phone number.")
	case target == nil:
		return owner, phone, nil
	case owner != nil && owner.ID != target.ID:
		return nil, nil, E(ErrDuplicatePhoneNumber, "A user with this phone number already exists.")
	case owner != nil:
		return owner, phone, nil
	}
	target.Phones = append(target.Phones, store.Phone{ID: tx.NewID(store.KindPhone), Number: number})
	return target, &target.Phones[len(target.Phones)-1], nil
}

// loginOrCreateEmail returns the user holding address, creating it (and
// reporting created) when there is none.
func (s *Service) loginOrCreateEmail(tx *store.Tx, address string, pending bool) (*store.User, *store.Email, bool, error) {
	if err := checkEmail(address); err != nil {
		return nil, nil, false, err
	}
	if u, e := tx.UserByEmail(address); u != nil {
		return u, e, false, nil
	}
	u, err := s.newUser(tx, NewUserInput{Email: address, Pending: pending})
	if err != nil {
		return nil, nil, false, err
	}
	return u, &u.Emails[0], true, nil
}

// loginOrCreatePhone is loginOrCreateEmail for phone numbers.
func (s *Service) loginOrCreatePhone(tx *store.Tx, number string, pending bool) (*store.User, *store.Phone, bool, error) {
	if err := checkPhone(number); err != nil {
		return nil, nil, false, err
	}
	if u, p := tx.UserByPhone(number); u != nil {
		return u, p, false, nil
	}
	u, err := s.newUser(tx, NewUserInput{Phone: number, Pending: pending})
	if err != nil {
		return nil, nil, false, err
	}
	return u, &u.Phones[0], true, nil
}

// Sent is the result of a send / login_or_create / invite call.
type Sent struct {
	UserID      string
	MethodID    string // email_id or phone_id
	UserCreated bool
}
