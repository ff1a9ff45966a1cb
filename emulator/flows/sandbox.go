package flows

import (
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Stytch TEST sandbox values: fixed inputs with documented outcomes that work
// in every test project without sending anything. The emulator honours them
// only for "test" projects. Sources: the Stytch sandbox-values page and the
// official SDKs' integration tests.
const (
	SandboxEmail  = "sandbox@stytch.com"
	SandboxPhone  = "+10000000000"
	SandboxUserID = "user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd"
	// SandboxOTPCode authenticates any OTP sent to the sandbox email or phone.
	SandboxOTPCode = "000000"

	SandboxMagicLinkOK       = "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94="
	SandboxMagicLinkUsed     = "3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU="
	SandboxMagicLinkNotFound = "CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM="

	SandboxSessionToken         = "WJtR5BCy38Szd5AfoDpf0iqFKEt4EE5JhjlWUY7l3FtY"
	SandboxSessionTokenNotFound = "59cnLELtq5cFVS6uYK9f-pAWzBkhqZl8AvLhbhOvKNWw"
)

// sandboxSessionStart is when the documented sandbox session started.
var sandboxSessionStart = time.Date(2021, 8, 28, 0, 41, 59, 0, time.UTC)

func (s *Service) sandboxOn() bool { return s.Store.Env() == "test" }

// IsSandboxEmail reports whether address is the sandbox email (test projects only).
func (s *Service) IsSandboxEmail(address string) bool {
	return s.sandboxOn() && strings.EqualFold(address, SandboxEmail)
}

// IsSandboxPhone reports whether number is the sandbox phone (test projects only).
func (s *Service) IsSandboxPhone(number string) bool { return s.sandboxOn() && number == SandboxPhone }

// sandboxUser returns the sandbox user (sandbox@stytch.com, +10000000000),
// creating it on first use so that it shows up like any other user.
func sandboxUser(tx *store.Tx) *store.User {
	if u := tx.Users.Get(SandboxUserID); u != nil {
		return u
	}
	u := &store.User{ID: SandboxUserID, Status: "active",
		Emails: []store.Email{{ID: "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953", Address: SandboxEmail, Verified: true}},
		Phones: []store.Phone{{ID: "phone-number-test-d5a3b680-e8a3-40c0-b815-ab79986666d0", Number: SandboxPhone, Verified: true}},
		TOTPs:  []store.TOTP{}, WebAuthn: []store.WebAuthnRegistration{}, Biometrics: []store.BiometricRegistration{},
		Wallets: []store.CryptoWallet{}, Providers: []store.Provider{}, Roles: []string{},
		TrustedMetadata: map[string]any{}, UntrustedMetadata: map[string]any{}, CreatedAt: sandboxSessionStart}
	tx.Users.Put(u.ID, u)
	return u
}

// sandboxSend answers a send or login_or_create to the sandbox email or
// phone: 200 with the sandbox user's ids, and nothing is sent. ok is false
// for other recipients.
func (s *Service) sandboxSend(address string, phone bool) (*Sent, bool) {
	if (!phone && !s.IsSandboxEmail(address)) || (phone && !s.IsSandboxPhone(address)) {
		return nil, false
	}
	var out Sent
	_ = s.Store.Update(func(tx *store.Tx) error {
		u := sandboxUser(tx)
		out = Sent{UserID: u.ID, MethodID: u.Emails[0].ID}
		if phone {
			out.MethodID = u.Phones[0].ID
		}
		return nil
	})
	return &out, true
}

// sandboxMagicLink answers the documented sandbox magic-link tokens; ok is
// false for any other token.
func (s *Service) sandboxMagicLink(token string, sr SessionRequest) (*Auth, bool, error) {
	if !s.sandboxOn() {
		return nil, false, nil
	}
	switch token {
	case SandboxMagicLinkUsed:
		return nil, true, E(ErrUnableToAuthMagicLink,
			"The magic link could not be authenticated because it was either already used or expired.")
	case SandboxMagicLinkNotFound:
		return nil, true, E(ErrMagicLinkNotFound, "The magic link could not be found.")
	case SandboxMagicLinkOK:
		a, err := s.sandboxAuth(sr, func(u *store.User) store.Factor {
			e := u.Emails[0]
			return NewFactor(time.Time{}, "magic_link", "email", "email_factor", map[string]any{"email_id": e.ID, "email_address": e.Address})
		})
		return a, true, err
	}
	return nil, false, nil
}

// sandboxOTP answers the sandbox code for the sandbox user's methods; ok is
// false otherwise.
func (s *Service) sandboxOTP(methodID, code string, sr SessionRequest) (*Auth, bool, error) {
	if !s.sandboxOn() || code != SandboxOTPCode {
		return nil, false, nil
	}
	var isSandbox bool
	_ = s.Store.View(func(tx *store.Tx) error {
		u := tx.Users.Get(SandboxUserID)
		isSandbox = u != nil && (len(u.Emails) > 0 && u.Emails[0].ID == methodID || len(u.Phones) > 0 && u.Phones[0].ID == methodID)
		return nil
	})
	if !isSandbox {
		return nil, false, nil
	}
	a, err := s.sandboxAuth(sr, func(u *store.User) store.Factor {
		if u.Phones[0].ID == methodID {
			p := u.Phones[0]
			return NewFactor(time.Time{}, "otp", "sms", "phone_number_factor", map[string]any{"phone_id": p.ID, "phone_number": p.Number})
		}
		e := u.Emails[0]
		return NewFactor(time.Time{}, "otp", "email", "email_factor", map[string]any{"email_id": e.ID, "email_address": e.Address})
	})
	if a != nil {
		a.MethodID = methodID
	}
	return a, true, err
}

// sandboxAuth authenticates the sandbox user with the factor mk builds.
func (s *Service) sandboxAuth(sr SessionRequest, mk func(*store.User) store.Factor) (*Auth, error) {
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		u := sandboxUser(tx)
		f := mk(u)
		f.CreatedAt, f.LastAuthenticatedAt, f.UpdatedAt = tx.Now, tx.Now, tx.Now
		return s.Attach(tx, u, f, sr, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// sandboxSession returns the documented sandbox session for its token
// (creating it, alive for a year from now, on first use), a not-found error
// for the documented missing token, and ok=false for other tokens. Call
// inside a transaction.
func (s *Service) sandboxSession(tx *store.Tx, token string) (*store.Session, bool, error) {
	if !s.sandboxOn() {
		return nil, false, nil
	}
	switch token {
	case SandboxSessionTokenNotFound:
		return nil, true, ErrSessionNotFound.New()
	case SandboxSessionToken:
		if sess := tx.SessionByToken(token); sess != nil && sess.Alive(tx.Now) {
			return sess, true, nil
		}
		u := sandboxUser(tx)
		e := u.Emails[0]
		sess := &store.Session{ID: "session-test-fe6c042b-6286-479f-8a4f-b046a6c46509", UserID: u.ID, Token: token,
			StartedAt: sandboxSessionStart, LastAccessedAt: tx.Now, ExpiresAt: tx.Now.AddDate(1, 0, 0),
			Factors: []store.Factor{NewFactor(sandboxSessionStart, "magic_link", "email", "email_factor",
				map[string]any{"email_id": e.ID, "email_address": e.Address})}, CustomClaims: map[string]any{}}
		tx.AddSession(sess)
		return sess, true, nil
	}
	return nil, false, nil
}
