package flows

import (
	"crypto/subtle"
	"encoding/base32"
	"slices"
	"strings"
	"time"

	"github.com/pquerna/otp"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B TOTP and recovery codes, a Member's authenticator-app MFA factor
// (Member.TOTP, RFC 6238 as for Consumer users, see totps.go): create,
// authenticate, migrate, and the recovery codes that stand in for it.

// MemberTOTPCreated is the result of B2BTOTPCreate.
type MemberTOTPCreated struct {
	MemberResult
	TOTP store.TOTP
	// QRCode is a data:image/png;base64 URL of the otpauth:// URI.
	QRCode string
}

// B2BTOTPCreate registers a new, unverified TOTP for a Member
// (TOTPs.Create), replacing an unverified one; a verified one answers 400
// active_totp_exists. It must be authenticated within expirationMinutes
// (default 1440). When the Member already has a verified MFA phone, the
// call needs its intermediate session or session carrying an MFA factor.
func (s *Service) B2BTOTPCreate(orgRef, memberRef string, expirationMinutes *int32, req MemberSessionRequest) (*MemberTOTPCreated, error) {
	minutes := int32(TOTPDefaultExpiration)
	if expirationMinutes != nil {
		if *expirationMinutes < 1 {
			return nil, E(ErrInvalidExpiration, "expiration_minutes must be at least 1.")
		}
		minutes = *expirationMinutes
	}
	var out MemberTOTPCreated
	var key *otp.Key
	err := s.Store.Update(func(tx *store.Tx) error {
		o, m, err := mfaMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		if err := mfaAllowed(o, m, MFATOTP); err != nil {
			return err
		}
		factors, err := s.sendProof(tx, o, m, req)
		if err != nil {
			return err
		}
		if m.TOTP != nil && m.TOTP.Verified {
			return E(ErrActiveTOTPExists, "The Member already has an active TOTP registration; delete it before creating another.")
		}
		if m.MFAPhoneVerified && !slices.ContainsFunc(factors, func(f store.Factor) bool { _, mfa := FactorMethod(f); return mfa }) {
			return E(ErrInsufficientFactors,
				"The Member already has an MFA factor: creating a TOTP needs an intermediate session or session that authenticated it.")
		}
		if key, err = newTOTPKey(m.EmailAddress); err != nil {
			return err
		}
		m.TOTP = &store.TOTP{ID: tx.NewID(KindMemberTOTP), Secret: key.Secret(), CreatedAt: tx.Now,
			ExpiresAt: tx.Now.Add(time.Duration(minutes) * time.Minute), RecoveryCodes: newRecoveryCodes(tx)}
		touchMember(tx, m)
		out.MemberResult, out.TOTP = *s.memberResult(tx, o, m), *store.DeepCopy(m.TOTP)
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

// memberTOTP returns m's usable TOTP (a verified one, or an unverified
// one not yet expired): 404 totp_not_found otherwise.
func memberTOTP(tx *store.Tx, m *store.Member) (*store.TOTP, error) {
	if m.TOTP == nil || !m.TOTP.Usable(tx.Now) {
		return nil, E(ErrTOTPNotFound, "The Member has no TOTP registration, or it expired before it was verified.")
	}
	return m.TOTP, nil
}

// B2BTOTPAuthenticate checks a TOTP code as a Member's MFA step
// (TOTPs.Authenticate), completing the login of the intermediate session
// or adding the factor to the session; the first success verifies the
// TOTP. A wrong or replayed code answers 401 unable_to_authenticate_totp
// (a recovery code, 401 recovery_code_used_as_totp_code) and counts toward
// the lockout.
func (s *Service) B2BTOTPAuthenticate(orgRef, memberRef, code string, st MFAStep) (*B2BAuth, error) {
	var out B2BAuth
	err := s.mfaStep(orgRef, memberRef, MFATOTP, st, &out, func(tx *store.Tx, m *store.Member) (store.Factor, string, error) {
		t, err := memberTOTP(tx, m)
		if err != nil {
			return store.Factor{}, "", err
		}
		step, ok := matchTOTP(t.Secret, code, tx.Now)
		switch {
		case !ok && recoveryCodeIndex(t, code) >= 0:
			s.FailMember(tx, m)
			return store.Factor{}, "", E(ErrRecoveryCodeUsedAsTOTPCode, "This is a recovery code: use RecoveryCodes.Recover for it.")
		case !ok:
			s.FailMember(tx, m)
			return store.Factor{}, "", E(ErrUnableToAuthenticateTOTP, "The TOTP code is incorrect or has expired.")
		case step <= t.LastStep:
			s.FailMember(tx, m)
			return store.Factor{}, "", E(ErrUnableToAuthenticateTOTP, "This TOTP code has already been used; wait for the next one.")
		}
		t.LastStep, t.Verified = step, true
		return NewFactor(tx.Now, "totp", "authenticator_app", "authenticator_app_factor", map[string]any{"totp_id": t.ID}), t.ID, nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// recoveryCodeIndex returns the index of t's unused recovery code equal to
// code, or -1.
func recoveryCodeIndex(t *store.TOTP, code string) int {
	return slices.IndexFunc(t.RecoveryCodes, func(rc store.RecoveryCode) bool {
		return !rc.Used && subtle.ConstantTimeCompare([]byte(rc.Code), []byte(code)) == 1
	})
}

// totpSecretEncoding reads the base32 secrets authenticator apps use
// (RFC 4648, padding optional).
var totpSecretEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// B2BTOTPMigrate imports a Member's existing TOTP secret and recovery
// codes (TOTPs.Migrate): the registration is verified at once. A Member
// with a verified TOTP answers 400 active_totp_exists.
func (s *Service) B2BTOTPMigrate(orgRef, memberRef, secret string, codes []string) (*MemberTOTPCreated, error) {
	secret = strings.ToUpper(strings.TrimRight(strings.ReplaceAll(secret, " ", ""), "="))
	if raw, err := totpSecretEncoding.DecodeString(secret); err != nil || len(raw) < 10 {
		return nil, E(ErrBadRequest, "secret must be a base32 TOTP secret of at least 80 bits.")
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if strings.TrimSpace(c) == "" || seen[c] {
			return nil, E(ErrBadRequest, "recovery_codes must be distinct, non-empty codes.")
		}
		seen[c] = true
	}
	var out MemberTOTPCreated
	err := s.Store.Update(func(tx *store.Tx) error {
		o, m, err := orgAndMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		if m.TOTP != nil && m.TOTP.Verified {
			return E(ErrActiveTOTPExists, "The Member already has an active TOTP registration; delete it before migrating another.")
		}
		t := &store.TOTP{ID: tx.NewID(KindMemberTOTP), Secret: secret, Verified: true, CreatedAt: tx.Now, ExpiresAt: tx.Now,
			RecoveryCodes: make([]store.RecoveryCode, 0, len(codes))}
		for _, c := range codes {
			t.RecoveryCodes = append(t.RecoveryCodes, store.RecoveryCode{ID: tx.NewID(store.KindRecoveryCode), Code: c})
		}
		m.TOTP = t
		touchMember(tx, m)
		out.MemberResult, out.TOTP = *s.memberResult(tx, o, m), *store.DeepCopy(t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RecoveryCodesResult is a Member with the unused recovery codes of its
// TOTP.
type RecoveryCodesResult struct {
	MemberResult
	Codes []string
}

// verifiedTOTP returns m's verified TOTP: 404 recovery_codes_not_found
// otherwise (recovery codes exist only for a verified TOTP).
func verifiedTOTP(m *store.Member) (*store.TOTP, error) {
	if m.TOTP == nil || !m.TOTP.Verified {
		return nil, E(ErrRecoveryCodesNotFound, "The Member has no verified TOTP registration, so no recovery codes.")
	}
	return m.TOTP, nil
}

// unusedCodes lists t's unused recovery codes.
func unusedCodes(t *store.TOTP) []string {
	out := []string{}
	for _, rc := range t.RecoveryCodes {
		if !rc.Used {
			out = append(out, rc.Code)
		}
	}
	return out
}

// B2BRecoveryCodes returns a Member's unused recovery codes
// (RecoveryCodes.Get).
func (s *Service) B2BRecoveryCodes(orgRef, memberRef string) (*RecoveryCodesResult, error) {
	var out RecoveryCodesResult
	err := s.Store.View(func(tx *store.Tx) error {
		o, m, err := orgAndMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		t, err := verifiedTOTP(m)
		if err != nil {
			return err
		}
		out.MemberResult, out.Codes = *s.memberResult(tx, o, m), unusedCodes(t)
		return nil
	})
	return &out, err
}

// B2BRotateRecoveryCodes replaces a Member's recovery codes with a fresh
// set (RecoveryCodes.Rotate); the old ones stop working.
func (s *Service) B2BRotateRecoveryCodes(orgRef, memberRef string) (*RecoveryCodesResult, error) {
	var out RecoveryCodesResult
	err := s.Store.Update(func(tx *store.Tx) error {
		o, m, err := orgAndMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		t, err := verifiedTOTP(m)
		if err != nil {
			return err
		}
		t.RecoveryCodes = newRecoveryCodes(tx)
		touchMember(tx, m)
		out.MemberResult, out.Codes = *s.memberResult(tx, o, m), unusedCodes(t)
		return nil
	})
	return &out, err
}

// RecoveredMember is the result of B2BRecover: the login and how many
// recovery codes are left.
type RecoveredMember struct {
	B2BAuth
	Remaining int
}

// B2BRecover spends one of a Member's recovery codes in place of its MFA
// factor (RecoveryCodes.Recover), completing the login of the
// intermediate session or adding the factor to the session. An unknown or
// used code answers 401 invalid_recovery_code and counts toward the
// lockout.
func (s *Service) B2BRecover(orgRef, memberRef, code string, st MFAStep) (*RecoveredMember, error) {
	var out RecoveredMember
	err := s.mfaStep(orgRef, memberRef, MFATOTP, st, &out.B2BAuth, func(tx *store.Tx, m *store.Member) (store.Factor, string, error) {
		t, err := verifiedTOTP(m)
		if err != nil {
			return store.Factor{}, "", err
		}
		i := recoveryCodeIndex(t, code)
		if i < 0 {
			s.FailMember(tx, m)
			return store.Factor{}, "", E(ErrInvalidRecoveryCode, "The recovery code is incorrect or has already been used.")
		}
		t.RecoveryCodes[i].Used = true
		out.Remaining = len(unusedCodes(t))
		return NewFactor(tx.Now, "recovery_codes", "recovery_code", "recovery_code_factor",
			map[string]any{"totp_recovery_code_id": t.RecoveryCodes[i].ID}), t.ID, nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
