package flows

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"image/png"
	"slices"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// TOTP parameters: RFC 6238 as authenticator apps use it (HMAC-SHA1, six
// digits, 30-second steps) with one step of clock skew either side.
const (
	TOTPPeriod             = 30 // seconds
	TOTPSkew               = 1  // steps accepted before and after the current one
	TOTPIssuer             = "Stytch Emulator"
	TOTPDefaultExpiration  = 1440 // minutes an unverified TOTP stays usable
	TOTPRecoveryCodeCount  = 10
	totpQRCodeSize         = 200 // pixels
	recoveryCodeAlphabet   = "abcdefghijklmnopqrstuvwxyz0123456789"
	recoveryCodeGroupCount = 3
)

// totpOpts are the options every code is generated and checked with.
var totpOpts = totp.ValidateOpts{Period: TOTPPeriod, Skew: TOTPSkew, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TOTPCode returns the code of secret at t (what an authenticator app shows).
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totpOpts)
}

// TOTPCreated is the result of CreateTOTP.
type TOTPCreated struct {
	User store.User
	TOTP store.TOTP
	// QRCode is a data:image/png;base64 URL of the otpauth:// URI.
	QRCode string
}

// CreateTOTP registers a new, unverified TOTP for a user (TOTPsCreate). It
// replaces a pending unverified TOTP; a verified one answers 400
// active_totp_exists. expirationMinutes (default 1440) bounds how long the
// TOTP may wait for its first successful authenticate.
func (s *Service) CreateTOTP(userID string, expirationMinutes *int32) (*TOTPCreated, error) {
	minutes := int32(TOTPDefaultExpiration)
	if expirationMinutes != nil {
		minutes = *expirationMinutes
	}
	var out TOTPCreated
	var key *otp.Key
	err := s.Store.Update(func(tx *store.Tx) error {
		u := tx.User(userID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		dropExpiredTOTPs(u, tx.Now)
		if slices.ContainsFunc(u.TOTPs, func(t store.TOTP) bool { return t.Verified }) {
			return E(ErrActiveTOTPExists, "Cannot create a new TOTP for the specified user since the user "+
				"already has an active TOTP. Users may only have one active TOTP at a time.")
		}
		var err error
		if key, err = newTOTPKey(accountName(u)); err != nil {
			return err
		}
		t := store.TOTP{ID: tx.NewID(store.KindTOTP), Secret: key.Secret(), CreatedAt: tx.Now,
			ExpiresAt: tx.Now.Add(time.Duration(minutes) * time.Minute), RecoveryCodes: newRecoveryCodes(tx)}
		u.TOTPs = append(u.TOTPs[:0], t) // only verified TOTPs could have stayed, and there are none
		out.User = u.Clone()
		out.TOTP = out.User.TOTPs[0]
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out.QRCode, err = qrCodeURL(key); err != nil {
		return nil, err
	}
	return &out, nil
}

// newTOTPKey generates a TOTP secret for the account an authenticator app
// shows, with the emulator's issuer and parameters.
func newTOTPKey(account string) (*otp.Key, error) {
	return totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: account,
		Period: TOTPPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
}

// newRecoveryCodes returns a fresh set of TOTPRecoveryCodeCount codes.
func newRecoveryCodes(tx *store.Tx) []store.RecoveryCode {
	out := make([]store.RecoveryCode, 0, TOTPRecoveryCodeCount)
	for range TOTPRecoveryCodeCount {
		out = append(out, store.RecoveryCode{ID: tx.NewID(store.KindRecoveryCode), Code: newRecoveryCode()})
	}
	return out
}

// qrCodeURL renders the otpauth:// URI of key as a data:image/png;base64
// URL.
func qrCodeURL(key *otp.Key) (string, error) {
	img, err := key.Image(totpQRCodeSize, totpQRCodeSize)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// AuthenticateTOTP checks a code of the user's TOTP at the emulator time
// (TOTPsAuthenticate). The first success verifies a pending TOTP. A wrong
// code, or a code of a time step already used, answers 401
// unable_to_authenticate_totp and counts toward the lockout. out.MethodID is
// the totp_id.
func (s *Service) AuthenticateTOTP(userID, code string, req SessionRequest) (*Auth, error) {
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		u, t, err := s.totpFor(tx, userID)
		if err != nil {
			return err
		}
		step, ok := matchTOTP(t.Secret, code, tx.Now)
		if !ok {
			s.Fail(tx, u)
			return E(ErrUnableToAuthenticateTOTP, "The TOTP code is incorrect or has expired.")
		}
		if step <= t.LastStep {
			s.Fail(tx, u)
			return E(ErrUnableToAuthenticateTOTP, "This TOTP code has already been used; wait for the next one.")
		}
		f := NewFactor(tx.Now, "totp", "authenticator_app", "authenticator_app_factor", map[string]any{"totp_id": t.ID})
		out.MethodID = t.ID
		return s.attachThen(tx, u, f, req, &out, func() { t.LastStep, t.Verified = step, true })
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// RecoverTOTP authenticates with one of the user's unused recovery codes
// (TOTPsRecover); the code is then spent. An unknown or used code answers 401
// invalid_recovery_code and counts toward the lockout. out.MethodID is the
// totp_id.
func (s *Service) RecoverTOTP(userID, code string, req SessionRequest) (*Auth, error) {
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		u, t, err := s.totpFor(tx, userID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(t.RecoveryCodes, func(rc store.RecoveryCode) bool {
			return subtle.ConstantTimeCompare([]byte(rc.Code), []byte(code)) == 1
		})
		if i < 0 || t.RecoveryCodes[i].Used {
			s.Fail(tx, u)
			return E(ErrInvalidRecoveryCode, "The recovery code is incorrect or has already been used.")
		}
		rc := &t.RecoveryCodes[i]
		f := NewFactor(tx.Now, "recovery_codes", "recovery_code", "recovery_code_factor",
			map[string]any{"totp_recovery_code_id": rc.ID})
		out.MethodID = t.ID
		return s.attachThen(tx, u, f, req, &out, func() { rc.Used = true })
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// RecoveryCodes returns the user and its usable TOTPs with only their unused
// recovery codes (TOTPsRecoveryCodes).
func (s *Service) RecoveryCodes(userID string) (*store.User, []store.TOTP, error) {
	var u store.User
	var list []store.TOTP
	err := s.Store.View(func(tx *store.Tx) error {
		su := tx.User(userID)
		if su == nil {
			return ErrUserNotFound.New()
		}
		u = su.Clone()
		list = []store.TOTP{}
		for _, t := range u.TOTPs {
			if t.Usable(tx.Now) {
				t.RecoveryCodes = slices.DeleteFunc(t.RecoveryCodes, func(rc store.RecoveryCode) bool { return rc.Used })
				list = append(list, t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &u, list, nil
}

// totpFor finds the user (404, 429 when locked) and its usable TOTP, the
// verified one first (404 totp_not_found when there is none).
func (s *Service) totpFor(tx *store.Tx, userID string) (*store.User, *store.TOTP, error) {
	u := tx.User(userID)
	if u == nil {
		return nil, nil, ErrUserNotFound.New()
	}
	if err := checkLock(tx, u); err != nil {
		return nil, nil, err
	}
	dropExpiredTOTPs(u, tx.Now)
	if len(u.TOTPs) == 0 {
		return nil, nil, E(ErrTOTPNotFound, "The user has no TOTP, or its TOTP expired before it was verified.")
	}
	i := slices.IndexFunc(u.TOTPs, func(t store.TOTP) bool { return t.Verified })
	if i < 0 {
		i = len(u.TOTPs) - 1
	}
	return u, &u.TOTPs[i], nil
}

// attachThen runs Attach and, only when it succeeds, apply (the flow's own
// state change: verify, spend a code...), then refreshes out.User so that it
// shows the change. Shared by the factor groups so that a failed session
// lookup never leaves a half-applied authentication behind.
func (s *Service) attachThen(tx *store.Tx, u *store.User, f store.Factor, req SessionRequest, out *Auth, apply func()) error {
	if err := s.Attach(tx, u, f, req, out); err != nil {
		return err
	}
	apply()
	out.User = u.Clone()
	return nil
}

// matchTOTP returns the time step whose code equals code, within the skew
// around now.
func matchTOTP(secret, code string, now time.Time) (uint64, bool) {
	cur := uint64(now.Unix()) / TOTPPeriod
	for _, step := range []uint64{cur - TOTPSkew, cur, cur + TOTPSkew} {
		want, err := TOTPCode(secret, time.Unix(int64(step*TOTPPeriod), 0))
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// dropExpiredTOTPs removes unverified TOTPs whose expiration has passed.
func dropExpiredTOTPs(u *store.User, now time.Time) {
	u.TOTPs = slices.DeleteFunc(u.TOTPs, func(t store.TOTP) bool { return !t.Usable(now) })
}

// accountName is the label an authenticator app shows for the user.
func accountName(u *store.User) string {
	if len(u.Emails) > 0 {
		return u.Emails[0].Address
	}
	if len(u.Phones) > 0 {
		return u.Phones[0].Number
	}
	return u.ID
}

// newRecoveryCode returns a random code shaped xxxx-xxxx-xxxx.
func newRecoveryCode() string {
	b := make([]byte, 0, 4*recoveryCodeGroupCount+recoveryCodeGroupCount-1)
	for g := range recoveryCodeGroupCount {
		if g > 0 {
			b = append(b, '-')
		}
		for range 4 {
			b = append(b, recoveryCodeAlphabet[randIndex(len(recoveryCodeAlphabet))])
		}
	}
	return string(b)
}

// randIndex returns a uniform random index below n (n <= 256), by rejection.
func randIndex(n int) int {
	limit := 256 - 256%n
	var b [1]byte
	for {
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}
