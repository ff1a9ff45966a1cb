package flows

import (
	"crypto/subtle"
	"slices"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// What the B2B MFA factors (SMS OTP, TOTP, recovery codes) share: the
// step that names a pending login or a session, the Organization's
// mfa_methods restriction, enrolment, and the SMS passcode LoginMember
// sends by itself when a login stops for MFA.

// set_mfa_enrollment values.
const (
	MFAEnroll   = "enroll"
	MFAUnenroll = "unenroll"
)

// DefaultSMSMinutes is how long an SMS passcode lives (Stytch: two
// minutes).
const DefaultSMSMinutes = 2

// MFAStep is how an MFA factor continues a login: exactly one of an
// intermediate session of a pending login (consumed once the session
// exists) and a member session the factor is added to (Req), with the
// enrolment changes to make on success.
type MFAStep struct {
	Req MemberSessionRequest
	// SetEnrollment is "enroll" or "unenroll" (nil: unchanged), honoured
	// when the Organization's MFA policy is OPTIONAL; REQUIRED_FOR_ALL
	// always enrols.
	SetEnrollment *string
	// SetDefault makes the factor's method the Member's default.
	SetDefault bool
}

// check validates the step without touching state.
func (st MFAStep) check() error {
	n := 0
	for _, p := range []*string{st.Req.IntermediateToken, st.Req.Token, st.Req.JWT} {
		if p != nil {
			n++
		}
	}
	switch {
	case n == 0:
		return E(ErrNoSessionArguments, "Pass one of intermediate_session_token, session_token and session_jwt.")
	case n > 1:
		return E(ErrTooManySessionArguments, "Pass only one of intermediate_session_token, session_token and session_jwt.")
	}
	if e := st.SetEnrollment; e != nil && *e != MFAEnroll && *e != MFAUnenroll {
		return E(ErrBadRequest, "set_mfa_enrollment must be enroll or unenroll.")
	}
	return checkMemberSessionArgs(st.Req)
}

// mfaAllowed refuses an MFA method the Organization restricts away
// (break-glass Members are exempt).
func mfaAllowed(o *store.Organization, m *store.Member, method string) error {
	if o.MFAMethods == Restricted && !slices.Contains(o.AllowedMFAMethods, method) && !m.IsBreakglass {
		return E(ErrOperationRestrictedByOrganizationMFAMethods,
			"The Organization does not allow %s as an MFA method (see its allowed_mfa_methods).", method)
	}
	return nil
}

// mfaMember resolves the Organization and live Member of an MFA call and
// refuses a locked Member.
func mfaMember(tx *store.Tx, orgRef, memberRef string) (*store.Organization, *store.Member, error) {
	o, m, err := orgAndMember(tx, orgRef, memberRef)
	if err != nil {
		return nil, nil, err
	}
	if m.Locked(tx.Now) {
		return nil, nil, ErrUserLocked()
	}
	return o, m, nil
}

// checkStepTarget checks, before a code is checked, that the step's
// intermediate session or member session is m's, so that a wrong session
// never costs the Member a failed attempt.
func (s *Service) checkStepTarget(tx *store.Tx, o *store.Organization, m *store.Member, st MFAStep) error {
	if st.Req.IntermediateToken != nil {
		ist, err := intermediateSession(tx, *st.Req.IntermediateToken)
		if err != nil {
			return err
		}
		return istFits(ist, o, m)
	}
	sess, err := s.lookupMemberSession(tx, st.Req.Token, st.Req.JWT)
	if err != nil {
		return err
	}
	if sess.MemberID != m.ID {
		return E(ErrSessionMemberMismatch, "The session belongs to another Member.")
	}
	return nil
}

// mfaStep runs one MFA step, a code checked in place of a second factor,
// in one transaction. The step's arguments, the Member (live, not
// locked), the Organization's allowed methods and the step's target
// session are checked before prove sees the code, so that a wrong session
// never costs the Member an attempt; prove checks the code and returns the
// factor and the method id, with which the login completes into out.
func (s *Service) mfaStep(orgRef, memberRef, method string, st MFAStep, out *B2BAuth,
	prove func(tx *store.Tx, m *store.Member) (store.Factor, string, error)) error {
	if err := st.check(); err != nil {
		return err
	}
	err := s.Store.Update(func(tx *store.Tx) error {
		o, m, err := mfaMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		if err := mfaAllowed(o, m, method); err != nil {
			return err
		}
		if err := s.checkStepTarget(tx, o, m, st); err != nil {
			return err
		}
		f, methodID, err := prove(tx, m)
		if err != nil {
			return err
		}
		out.MethodID = methodID
		return s.completeMFA(tx, o, m, f, method, st, out)
	})
	if err != nil {
		return err
	}
	return s.finishB2B(out)
}

// completeMFA adds an MFA factor of method to the step's login through
// LoginMember and applies the enrolment changes. The login must end in a
// session: an intermediate session still missing a primary factor answers
// action_available_only_once_primary_authentication_is_met.
func (s *Service) completeMFA(tx *store.Tx, o *store.Organization, m *store.Member, f store.Factor, method string,
	st MFAStep, out *B2BAuth) error {
	if err := s.LoginMember(tx, o, m, LoginStep{Factors: []store.Factor{f}}, st.Req, out); err != nil {
		return err
	}
	if !out.Authenticated {
		return E(ErrActionAvailableOnlyOncePrimaryAuthenticationIsMet,
			"The login has not met the Organization's primary authentication requirements yet; complete a primary factor first.")
	}
	switch {
	case o.MFAPolicy == MFARequiredAll:
		m.MFAEnrolled = true
	case st.SetEnrollment != nil:
		m.MFAEnrolled = *st.SetEnrollment == MFAEnroll
	}
	if st.SetDefault {
		m.DefaultMFAMethod = method
	}
	touchMember(tx, m)
	out.Member = s.memberView(tx, o, m)
	return nil
}

// sendSMSPasscode texts a new MFA passcode to m's phone number, replacing
// any earlier one.
func sendSMSPasscode(tx *store.Tx, o *store.Organization, m *store.Member) {
	code := store.NewCode()
	tx.B2BFactors.Passcodes.Put(store.SMSPasscodeKey(m.ID), &store.Passcode{Kind: store.PasscodeSMS, OrganizationID: o.ID,
		MemberID: m.ID, To: m.MFAPhoneNumber, Code: code, ExpiresAt: tx.Now.Add(DefaultSMSMinutes * time.Minute)})
	tx.Send(store.Message{Channel: store.ChannelSMS, To: m.MFAPhoneNumber, Kind: store.MessageOTP, UserID: m.ID,
		OrganizationID: o.ID, MethodID: m.MFAPhoneID, Code: code})
}

// initiateSecondaryAuth sends the SMS passcode of a login that stopped for
// MFA when SMS is the Member's default method, its phone is verified and
// the Organization allows SMS, as Stytch does after a primary
// authentication; it reports whether it did.
func initiateSecondaryAuth(tx *store.Tx, o *store.Organization, m *store.Member) bool {
	if m.DefaultMFAMethod != MFASMS || m.MFAPhoneNumber == "" || !m.MFAPhoneVerified || mfaAllowed(o, m, MFASMS) != nil {
		return false
	}
	sendSMSPasscode(tx, o, m)
	return true
}

// checkPasscode verifies code against the passcode stored under key:
// unknown 404 otp_code_not_found; used or expired 401
// unable_to_auth_otp_code; wrong 404 otp_code_not_found, which counts
// toward m's lockout (m nil: nothing to lock). A match is spent.
func (s *Service) checkPasscode(tx *store.Tx, key, code string, m *store.Member) (*store.Passcode, error) {
	p := tx.B2BFactors.Passcodes.Get(key)
	if p == nil {
		return nil, E(ErrOTPCodeNotFound, "No one-time passcode was sent for this address or Member.")
	}
	if p.Used || !tx.Now.Before(p.ExpiresAt) {
		return nil, E(ErrUnableToAuthOTPCode,
			"The one-time passcode could not be authenticated because it was either already used or expired.")
	}
	if subtle.ConstantTimeCompare([]byte(code), []byte(p.Code)) != 1 {
		if m != nil {
			s.FailMember(tx, m)
		}
		return nil, E(ErrOTPCodeNotFound, "The one-time passcode is incorrect.")
	}
	p.Used = true
	return p, nil
}
