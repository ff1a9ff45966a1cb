package flows

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/stytchkit/stytchkit/emulator/internal/pwhash"
	"github.com/stytchkit/stytchkit/emulator/internal/strength"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// Strength is the result of a password strength check.
type Strength struct {
	strength.Result
	// BreachChecked is false when no email was given (Stytch then skips the
	// breach check).
	BreachChecked bool
}

// CheckStrength scores a password (PasswordsStrengthCheck): zxcvbn score,
// LUDS feedback, and a breach check when an email is given.
func (s *Service) CheckStrength(password, email string) Strength {
	r := strength.Check(password, email)
	if email == "" {
		r.Breached = false
	}
	if r.Breached {
		r.ValidPassword = false
	}
	return Strength{Result: r, BreachChecked: email != ""}
}

// requireStrong answers weak_password or breached_password for a password
// Stytch would refuse to store (breach detection runs on every create/reset).
func (s *Service) requireStrong(password, email string) error {
	r := strength.Check(password, email)
	switch {
	case r.Breached:
		return E(ErrBreachedPassword, "The password has appeared in a data breach; choose another.")
	case !r.ValidPassword:
		return E(ErrWeakPassword, "The password is too weak (zxcvbn score %d of 4; at least 3 is needed).", r.Score)
	}
	return nil
}

// setPassword hashes and stores a new password on u.
func setPassword(tx *store.Tx, u *store.User, password string) error {
	h, err := pwhash.Hash(password)
	if err != nil {
		return err
	}
	id := tx.NewID(store.KindPassword)
	if u.Password != nil {
		id = u.Password.ID
	}
	u.Password = &store.Password{ID: id, Hash: h}
	return nil
}

// verifyPassword checks password against u's stored or imported hash; a
// match on an imported hash re-hashes it to argon2id.
func verifyPassword(u *store.User, password string) (bool, error) {
	return checkPassword(u.Password, password)
}

// checkPassword checks password against a stored or imported hash (a
// user's or a Member's); a match on an imported hash re-hashes it to
// argon2id.
func checkPassword(p *store.Password, password string) (bool, error) {
	if p.ImportedType == "" {
		return pwhash.Verify(p.Hash, password)
	}
	var cfg pwhash.Config
	if len(p.ImportedConfig) > 0 {
		if err := json.Unmarshal(p.ImportedConfig, &cfg); err != nil {
			return false, err
		}
	}
	ok, err := pwhash.VerifyMigrated(p.ImportedType, p.Hash, password, cfg)
	if !ok || err != nil {
		return ok, err
	}
	h, err := pwhash.Hash(password)
	if err != nil {
		return false, err
	}
	p.Hash, p.ImportedType, p.ImportedConfig = h, "", nil
	return true, nil
}

func passwordFactor(tx *store.Tx) store.Factor {
	return NewFactor(tx.Now, "password", "knowledge", "", nil)
}

// PasswordSignup is a PasswordsCreate request.
type PasswordSignup struct {
	Email, Password                    string
	Name                               *store.Name
	TrustedMetadata, UntrustedMetadata map[string]any
}

// CreatePassword creates a user with an email and a password
// (PasswordsCreate); the address must be new and the password strong.
func (s *Service) CreatePassword(in PasswordSignup, sr SessionRequest) (*Auth, error) {
	if s.IsSandboxEmail(in.Email) {
		return s.sandboxAuth(sr, func(*store.User) store.Factor { return NewFactor(time.Time{}, "password", "knowledge", "", nil) })
	}
	if err := checkEmail(in.Email); err != nil {
		return nil, err
	}
	if err := s.requireStrong(in.Password, in.Email); err != nil {
		return nil, err
	}
	hash, err := pwhash.Hash(in.Password) // hashed outside the lock: argon2id is slow on purpose
	if err != nil {
		return nil, err
	}
	var out Auth
	err = s.Store.Update(func(tx *store.Tx) error {
		if u, _ := tx.UserByEmail(in.Email); u != nil {
			return E(ErrDuplicateEmail, "A user with this email address already exists.")
		}
		u, err := s.newUser(tx, NewUserInput{Email: in.Email, Name: in.Name,
			TrustedMetadata: in.TrustedMetadata, UntrustedMetadata: in.UntrustedMetadata})
		if err != nil {
			return err
		}
		if _, err := s.CheckSession(tx, u, sr); err != nil {
			tx.DeleteUser(u.ID)
			return err
		}
		u.Password = &store.Password{ID: tx.NewID(store.KindPassword), Hash: hash}
		out.MethodID = u.Emails[0].ID
		return s.Attach(tx, u, passwordFactor(tx), sr, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// AuthenticatePassword logs in with email and password
// (PasswordsAuthenticate). A wrong password answers 401
// unauthorized_credentials and counts toward the lockout.
func (s *Service) AuthenticatePassword(email, password string, sr SessionRequest) (*Auth, error) {
	if s.IsSandboxEmail(email) {
		return s.sandboxAuth(sr, func(*store.User) store.Factor { return NewFactor(time.Time{}, "password", "knowledge", "", nil) })
	}
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		u, _ := tx.UserByEmail(email)
		if u == nil {
			return E(ErrEmailNotFound, "There is not a user in this project associated with the supplied email.")
		}
		if err := checkLock(tx, u); err != nil {
			return err
		}
		if u.Password == nil {
			return E(ErrNoUserPassword, "The user has no password; set one with a password reset flow.")
		}
		if _, err := s.CheckSession(tx, u, sr); err != nil {
			return err
		}
		ok, err := verifyPassword(u, password)
		var pe *pwhash.Error
		if errors.As(err, &pe) {
			return E(hashErrorType(pe), "The stored password hash cannot be checked: %s.", pe.Detail)
		}
		if err != nil {
			return err
		}
		if !ok {
			s.Fail(tx, u)
			return ErrUnauthorizedCredentials.New()
		}
		if u.Password.RequiresReset {
			return E(ErrResetPassword, "The password must be reset before it can be used.")
		}
		return s.Attach(tx, u, passwordFactor(tx), sr, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}
