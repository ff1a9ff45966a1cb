package flows

import (
	"crypto/subtle"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// DefaultOTPMinutes is how long a one-time passcode lives unless the request
// says otherwise (Stytch: 2 minutes, 1 to 10 allowed).
const DefaultOTPMinutes = 2

// OTPSend is a send or login_or_create request for a passcode.
type OTPSend struct {
	// Channel is store.ChannelSMS, ChannelWhatsApp or ChannelEmail.
	Channel string
	// To is the phone number (E.164) or email address.
	To      string
	Minutes *int32
	Target  Target
	// LoginOrCreate creates the user when To is unknown (Pending: as pending).
	LoginOrCreate, Pending bool
}

// SendOTP issues a new 6-digit code for the method and "sends" it; the code
// replaces any earlier one for that method.
func (s *Service) SendOTP(in OTPSend) (*Sent, error) {
	if sent, ok := s.sandboxSend(in.To, in.Channel != store.ChannelEmail); ok {
		return sent, nil
	}
	var out Sent
	err := s.Store.Update(func(tx *store.Tx) error {
		var (
			u        *store.User
			methodID string
			created  bool
			err      error
		)
		if in.Channel == store.ChannelEmail {
			var e *store.Email
			if in.LoginOrCreate {
				u, e, created, err = s.loginOrCreateEmail(tx, in.To, in.Pending)
			} else {
				u, e, err = s.emailRecipient(tx, in.To, in.Target)
			}
			if err == nil {
				methodID = e.ID
			}
		} else {
			var p *store.Phone
			if in.LoginOrCreate {
				u, p, created, err = s.loginOrCreatePhone(tx, in.To, in.Pending)
			} else {
				u, p, err = s.phoneRecipient(tx, in.To, in.Target)
			}
			if err == nil {
				methodID = p.ID
			}
		}
		if err != nil {
			return err
		}
		minutes := time.Duration(DefaultOTPMinutes) * time.Minute
		if in.Minutes != nil {
			minutes = time.Duration(*in.Minutes) * time.Minute
		}
		code := store.NewCode()
		tx.OTPs.Put(methodID, &store.OTP{MethodID: methodID, UserID: u.ID, Channel: in.Channel, Code: code,
			ExpiresAt: tx.Now.Add(minutes)})
		tx.Send(store.Message{Channel: in.Channel, To: in.To, Kind: store.MessageOTP, UserID: u.ID, MethodID: methodID, Code: code})
		out = Sent{UserID: u.ID, MethodID: methodID, UserCreated: created}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AuthenticateOTP checks a code for a method (OTPsAuthenticate). A wrong code
// answers 404 otp_code_not_found and counts toward the user's lockout (see
// LockoutThreshold); an expired or used one 401 unable_to_auth_otp_code; a
// locked user 429 user_lock_limit_reached.
func (s *Service) AuthenticateOTP(methodID, code string, sr SessionRequest) (*Auth, error) {
	if a, ok, err := s.sandboxOTP(methodID, code, sr); ok {
		return a, err
	}
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		otp := tx.OTPs.Get(methodID)
		if otp == nil {
			return E(ErrOTPCodeNotFound, "No one-time passcode was sent to this method_id.")
		}
		u := tx.Users.Get(otp.UserID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		if err := checkLock(tx, u); err != nil {
			return err
		}
		if otp.Used || !tx.Now.Before(otp.ExpiresAt) {
			return E(ErrUnableToAuthOTPCode,
				"The one-time passcode could not be authenticated because it was either already used or expired.")
		}
		if _, err := s.CheckSession(tx, u, sr); err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(code), []byte(otp.Code)) != 1 {
			s.Fail(tx, u)
			return E(ErrOTPCodeNotFound, "The one-time passcode is incorrect.")
		}
		var f store.Factor
		if otp.Channel == store.ChannelEmail {
			_, e := tx.UserByEmailID(methodID)
			if e == nil {
				return E(ErrEmailNotFound, "The email address was removed from the user.")
			}
			e.Verified = true
			f = NewFactor(tx.Now, "otp", "email", "email_factor", map[string]any{"email_id": e.ID, "email_address": e.Address})
		} else {
			_, p := tx.UserByPhoneID(methodID)
			if p == nil {
				return E(ErrPhoneNumberNotFound, "The phone number was removed from the user.")
			}
			p.Verified = true
			f = NewFactor(tx.Now, "otp", otp.Channel, "phone_number_factor", map[string]any{"phone_id": p.ID, "phone_number": p.Number})
		}
		otp.Used = true
		out.MethodID = methodID
		return s.Attach(tx, u, f, sr, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}
