package flows

import (
	"encoding/json"
	"errors"
	"net/url"
	"time"

	"github.com/stytchkit/stytchkit/emulator/internal/pwhash"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// DefaultResetMinutes is how long a password reset email link lives unless
// the request says otherwise (Stytch: 30 minutes).
const DefaultResetMinutes = 30

// MaxResetSessionAge is how recently a session must have authenticated a
// factor to reset the password with it (PasswordsSessionsReset).
const MaxResetSessionAge = 5 * time.Minute

// checkRecentFactor refuses a password reset by session (Consumer or B2B)
// whose factors were all authenticated more than MaxResetSessionAge ago.
func checkRecentFactor(now time.Time, factors []store.Factor) error {
	for _, f := range factors {
		if now.Sub(f.LastAuthenticatedAt) <= MaxResetSessionAge {
			return nil
		}
	}
	return E(ErrSessionTooOldToResetPassword,
		"The session must have authenticated a factor within the last 5 minutes to reset the password.")
}

// Migration is a PasswordsMigrate request.
type Migration struct {
	Email, Hash, HashType              string
	Config                             pwhash.Config
	Phone, ExternalID                  string
	SetEmailVerified, SetPhoneVerified bool
	Name                               *store.Name
	Roles                              []string
	TrustedMetadata, UntrustedMetadata map[string]any
}

// MigratePassword imports a password hash (PasswordsMigrate), creating the
// user for an unknown email. The hash is checked for well-formedness now and
// verified with its own algorithm at the first login.
func (s *Service) MigratePassword(in Migration) (*Sent, *store.User, error) {
	if _, err := pwhash.VerifyMigrated(in.HashType, in.Hash, "", in.Config); err != nil {
		var pe *pwhash.Error
		if errors.As(err, &pe) {
			return nil, nil, E(hashErrorType(pe), "The %s hash cannot be imported: %s.", in.HashType, pe.Detail)
		}
		return nil, nil, err
	}
	cfg, err := json.Marshal(in.Config)
	if err != nil {
		return nil, nil, err
	}
	var out Sent
	var user store.User
	err = s.Store.Update(func(tx *store.Tx) error {
		u, e := tx.UserByEmail(in.Email)
		if u != nil && u.Password != nil {
			return E(ErrPasswordAlreadyExists, "The user already has a password.")
		}
		if u == nil {
			var err error
			if u, err = s.newUser(tx, NewUserInput{Email: in.Email, Phone: in.Phone, ExternalID: in.ExternalID, Name: in.Name,
				Roles: in.Roles, TrustedMetadata: in.TrustedMetadata, UntrustedMetadata: in.UntrustedMetadata}); err != nil {
				return err
			}
			e, out.UserCreated = &u.Emails[0], true
			if in.SetPhoneVerified && len(u.Phones) > 0 {
				u.Phones[0].Verified = true
			}
		}
		if in.SetEmailVerified {
			e.Verified = true
		}
		u.Password = &store.Password{ID: tx.NewID(store.KindPassword), Hash: in.Hash, ImportedType: in.HashType, ImportedConfig: cfg}
		out.UserID, out.MethodID = u.ID, e.ID
		user = u.Clone()
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &out, &user, nil
}

// ResetStart is a PasswordsEmailResetStart request.
type ResetStart struct {
	Email, RedirectURL, CodeChallenge string
	Minutes                           *int32
}

// StartEmailReset emails a single-use reset link (PasswordsEmailResetStart).
func (s *Service) StartEmailReset(in ResetStart) (*Sent, error) {
	if err := s.checkRedirects(redirectArg{in.RedirectURL, ErrInvalidPasswordResetRedirectURL}); err != nil {
		return nil, err
	}
	var out Sent
	err := s.Store.Update(func(tx *store.Tx) error {
		u, e, err := s.emailRecipient(tx, in.Email, Target{})
		if err != nil {
			return err
		}
		pr := &store.PasswordReset{Token: store.NewToken(), UserID: u.ID, EmailID: e.ID,
			ExpiresAt: tx.Now.Add(minutesOr(in.Minutes, DefaultResetMinutes)), CodeChallenge: in.CodeChallenge}
		tx.PasswordResets.Put(pr.Token, pr)
		tx.Send(store.Message{Channel: store.ChannelEmail, To: e.Address, Kind: store.MessagePasswordReset, UserID: u.ID,
			MethodID: e.ID, Token: pr.Token, Link: resetURL(s.redirect(in.RedirectURL), pr.Token)})
		out = Sent{UserID: u.ID, MethodID: e.ID}
		return nil
	})
	return &out, err
}

func resetURL(base, token string) string {
	u, err := url.Parse(base)
	if err != nil {
		u, _ = url.Parse(DefaultRedirectURL)
	}
	q := u.Query()
	q.Set("stytch_token_type", "reset_password")
	q.Set("token", token)
	u.RawQuery = q.Encode()
	return u.String()
}

// ResetByEmail sets a new password with a reset token (PasswordsEmailReset);
// the email becomes verified.
func (s *Service) ResetByEmail(token, password, codeVerifier string, sr SessionRequest) (*Auth, error) {
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		pr := tx.PasswordResets.Get(token)
		if pr == nil || pr.Used || !tx.Now.Before(pr.ExpiresAt) {
			return E(ErrUnableToAuthPasswordResetToken,
				"The password reset token could not be authenticated because it was either already used or expired.")
		}
		if err := checkPKCE(pr.CodeChallenge, codeVerifier); err != nil {
			return err
		}
		u, e := tx.UserByEmailID(pr.EmailID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		if _, err := s.CheckSession(tx, u, sr); err != nil {
			return err
		}
		if err := s.requireStrong(password, e.Address); err != nil {
			return err
		}
		if err := setPassword(tx, u, password); err != nil {
			return err
		}
		pr.Used, e.Verified = true, true
		f := NewFactor(tx.Now, "magic_link", "email", "email_factor", map[string]any{"email_id": e.ID, "email_address": e.Address})
		return s.Attach(tx, u, f, sr, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// ResetExisting replaces a password given the current one
// (PasswordsExistingPasswordReset).
func (s *Service) ResetExisting(email, existing, newPassword string, sr SessionRequest) (*Auth, error) {
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
			return E(ErrNoUserPassword, "The user has no password.")
		}
		if _, err := s.CheckSession(tx, u, sr); err != nil {
			return err
		}
		if ok, err := verifyPassword(u, existing); err != nil || !ok {
			if err == nil {
				s.Fail(tx, u)
			}
			return ErrUnauthorizedCredentials.New()
		}
		if err := s.requireStrong(newPassword, email); err != nil {
			return err
		}
		if err := setPassword(tx, u, newPassword); err != nil {
			return err
		}
		return s.Attach(tx, u, passwordFactor(tx), sr, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// ResetWithSession sets a new password for the user of a session that
// authenticated a factor within MaxResetSessionAge (PasswordsSessionsReset).
func (s *Service) ResetWithSession(token, jwtStr *string, password string, sr SessionRequest) (*Auth, error) {
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		sess, err := s.lookupSession(tx, token, jwtStr)
		if err != nil {
			return err
		}
		u := tx.Users.Get(sess.UserID)
		if u == nil {
			return ErrSessionNotFound.New()
		}
		if _, err := s.CheckSession(tx, u, SessionRequest{DurationMinutes: sr.DurationMinutes, CustomClaims: sr.CustomClaims}); err != nil {
			return err
		}
		if err := checkRecentFactor(tx.Now, sess.Factors); err != nil {
			return err
		}
		email := ""
		if len(u.Emails) > 0 {
			email = u.Emails[0].Address
		}
		if err := s.requireStrong(password, email); err != nil {
			return err
		}
		if err := setPassword(tx, u, password); err != nil {
			return err
		}
		if sr.DurationMinutes != nil {
			sess.ExpiresAt = tx.Now.Add(time.Duration(*sr.DurationMinutes) * time.Minute)
		}
		if sr.CustomClaims != nil {
			mergeClaims(&sess.CustomClaims, *sr.CustomClaims)
		}
		sess.LastAccessedAt = tx.Now
		s.fill(tx, u, sess, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// hashErrorType is the error type a failed password hash check names; the
// table holds every one pwhash makes (see TestPasswordHashErrorTypesInTable).
func hashErrorType(pe *pwhash.Error) ErrorType {
	if t, ok := LookupErrorType(pe.ErrorType); ok {
		return t
	}
	return ErrInvalidHash
}
