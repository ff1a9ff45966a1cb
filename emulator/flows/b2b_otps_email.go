package flows

import (
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B email one-time passcodes: Organization login or sign-up, the
// verification of a Member's new address (Organizations.Members.
// StartEmailUpdate with EMAIL_OTP), and discovery.

// Email passcode expiry bounds, in minutes (Stytch: 10 by default, 2 to 15).
const (
	minEmailOTPMinutes = 2
	maxEmailOTPMinutes = 15
)

// emailOTPTTL validates an email passcode expiry (nil: the default).
func emailOTPTTL(p *int32) (time.Duration, error) {
	if p == nil {
		return DefaultB2BEmailOTPMinutes * time.Minute, nil
	}
	if *p < minEmailOTPMinutes || *p > maxEmailOTPMinutes {
		return 0, E(ErrInvalidExpiration, "Email one-time passcode expirations must be between %d and %d minutes.",
			minEmailOTPMinutes, maxEmailOTPMinutes)
	}
	return time.Duration(*p) * time.Minute, nil
}

// issueEmailPasscode stores a new email passcode under key (replacing the
// previous one) and sends it to address; m and o are nil for discovery.
func issueEmailPasscode(tx *store.Tx, key, kind string, o *store.Organization, m *store.Member, address string, ttl time.Duration) {
	code := store.NewCode()
	p := &store.Passcode{Kind: kind, To: strings.ToLower(address), Code: code, ExpiresAt: tx.Now.Add(ttl)}
	msg := store.Message{Channel: store.ChannelEmail, To: p.To, Kind: store.MessageOTP, Code: code}
	if o != nil && m != nil {
		p.OrganizationID, p.MemberID = o.ID, m.ID
		msg.OrganizationID, msg.UserID, msg.MethodID = o.ID, m.ID, m.EmailID
	}
	tx.B2BFactors.Passcodes.Put(key, p)
	tx.Send(msg)
}

// B2BEmailOTPLoginOrSignup emails a login passcode to an active Member, or
// a sign-up passcode to a pending or invited one, or to a new pending
// Member when the Organization provisions the address's domain just in
// time (OTPs.Email.LoginOrSignup). The Organization must allow email_otp.
func (s *Service) B2BEmailOTPLoginOrSignup(orgRef, address string, loginMinutes, signupMinutes *int32) (*B2BSent, error) {
	loginTTL, err := emailOTPTTL(loginMinutes)
	if err != nil {
		return nil, err
	}
	signupTTL, err := emailOTPTTL(signupMinutes)
	if err != nil {
		return nil, err
	}
	var out B2BSent
	err = s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if err := checkEmail(address); err != nil {
			return err
		}
		m := tx.B2B.MemberByEmail(o.ID, address)
		if err := methodAllowed(o, m, "email_otp"); err != nil {
			return err
		}
		if m == nil {
			if err := jitByEmail(o, address); err != nil {
				return err
			}
			if m, err = s.newMember(tx, o, address, store.MemberPending); err != nil {
				return err
			}
			out.MemberCreated = true
		}
		if m.Locked(tx.Now) {
			return ErrUserLocked()
		}
		kind, ttl := store.PasscodeLogin, loginTTL
		if m.Status != store.MemberActive {
			kind, ttl = store.PasscodeSignup, signupTTL
		}
		issueEmailPasscode(tx, store.EmailPasscodeKey(o.ID, m.EmailAddress), kind, o, m, m.EmailAddress, ttl)
		out.MemberResult = *s.memberResult(tx, o, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// B2BEmailOTPAuthenticate checks an email passcode of an address in an
// Organization (OTPs.Email.Authenticate) and logs its Member in through
// LoginMember: a session, or an intermediate session when the
// Organization still requires MFA or another primary factor; with an
// intermediate session token it continues that login, with a session it
// adds the factor. The address becomes verified; the passcode of an email
// update first makes the new address the Member's. A wrong code answers
// 404 otp_code_not_found and counts toward the Member's lockout.
func (s *Service) B2BEmailOTPAuthenticate(orgRef, address, code string, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkMemberSessionArgs(req); err != nil {
			return err
		}
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		key := store.EmailPasscodeKey(o.ID, address)
		p := tx.B2BFactors.Passcodes.Peek(key)
		if p == nil {
			return E(ErrOTPCodeNotFound, "No one-time passcode was sent to this address in this Organization.")
		}
		_, m, err := mfaMember(tx, o.ID, p.MemberID)
		if err != nil {
			return err
		}
		if _, err := s.checkPasscode(tx, key, code, m); err != nil {
			return err
		}
		if p.Kind == store.PasscodeEmailUpdate {
			if err := s.changeEmail(tx, o, m, p.To, false); err != nil {
				return err
			}
		}
		step := LoginStep{Factors: []store.Factor{emailFactor(tx.Now, "email_otp", "email", m)}, VerifiesEmail: true}
		if err := s.LoginMember(tx, o, m, step, req, &out); err != nil {
			return err
		}
		out.MethodID = m.EmailID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// B2BEmailOTPDiscoverySend emails a discovery passcode, which proves the
// address before any Organization is chosen (OTPs.Email.Discovery.Send).
func (s *Service) B2BEmailOTPDiscoverySend(address string, minutes *int32) error {
	if err := checkEmail(address); err != nil {
		return err
	}
	ttl, err := emailOTPTTL(minutes)
	if err != nil {
		return err
	}
	return s.Store.Update(func(tx *store.Tx) error {
		issueEmailPasscode(tx, store.DiscoveryPasscodeKey(address), store.PasscodeDiscovery, nil, nil, address, ttl)
		return nil
	})
}

// B2BEmailOTPDiscoveryAuthenticate checks a discovery passcode
// (OTPs.Email.Discovery.Authenticate): it returns an intermediate session
// holding the email OTP factor and the Organizations the address can
// enter.
func (s *Service) B2BEmailOTPDiscoveryAuthenticate(address, code string) (*DiscoveryAuth, error) {
	var out DiscoveryAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		p, err := s.checkPasscode(tx, store.DiscoveryPasscodeKey(address), code, nil)
		if err != nil {
			return err
		}
		f := NewFactor(tx.Now, "email_otp", "email", "email_factor", map[string]any{"email_id": "", "email_address": p.To})
		s.newDiscoverySession(tx, p.To, []store.Factor{f}, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
