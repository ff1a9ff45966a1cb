package flows

import (
	"slices"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B SMS one-time passcodes, a Member's MFA factor: the send (to the
// Member's MFA phone, or to a new number, which becomes its MFA phone)
// and the authenticate that completes a pending login or steps up a
// session.

// B2BSMSSend texts an MFA passcode to a Member (OTPs.Sms.Send): to its
// MFA phone number, or, when it has none, to phone, which becomes its
// (unverified until a passcode is authenticated). A phone different from
// the Member's answers duplicate_member_phone_number_for_member. The
// intermediate session, session token or JWT (at most one) is optional but
// must be the Member's; it is required, carrying an MFA factor, to enrol a
// new phone for a Member that already has a verified TOTP.
func (s *Service) B2BSMSSend(orgRef, memberRef string, phone *string, req MemberSessionRequest) (*MemberResult, error) {
	var out *MemberResult
	err := s.Store.Update(func(tx *store.Tx) error {
		o, m, err := mfaMember(tx, orgRef, memberRef)
		if err != nil {
			return err
		}
		if err := mfaAllowed(o, m, MFASMS); err != nil {
			return err
		}
		factors, err := s.sendProof(tx, o, m, req)
		if err != nil {
			return err
		}
		switch {
		case m.MFAPhoneNumber != "":
			if phone != nil && *phone != m.MFAPhoneNumber {
				return E(ErrDuplicateMemberPhoneNumberForMember,
					"The Member already has another MFA phone number; delete it before enrolling a new one.")
			}
		case phone == nil:
			return E(ErrMemberPhoneNumberNotFound, "The Member has no MFA phone number; pass mfa_phone_number to enrol one.")
		default:
			if m.TOTP != nil && m.TOTP.Verified && !slices.ContainsFunc(factors, func(f store.Factor) bool { _, mfa := FactorMethod(f); return mfa }) {
				return E(ErrInsufficientFactors,
					"The Member already has an MFA factor: enrolling a phone needs an intermediate session or session that authenticated it.")
			}
			if err := setMFAPhone(tx, m, *phone); err != nil {
				return err
			}
			touchMember(tx, m)
		}
		sendSMSPasscode(tx, o, m)
		out = s.memberResult(tx, o, m)
		return nil
	})
	return out, err
}

// sendProof checks the optional intermediate session or member session of
// an SMS send (at most one, and m's) and returns its factors.
func (s *Service) sendProof(tx *store.Tx, o *store.Organization, m *store.Member, req MemberSessionRequest) ([]store.Factor, error) {
	n := 0
	for _, p := range []*string{req.IntermediateToken, req.Token, req.JWT} {
		if p != nil {
			n++
		}
	}
	switch {
	case n == 0:
		return nil, nil
	case n > 1:
		return nil, E(ErrTooManySessionArguments, "Pass at most one of intermediate_session_token, session_token and session_jwt.")
	}
	if req.IntermediateToken != nil {
		ist, err := intermediateSession(tx, *req.IntermediateToken)
		if err != nil {
			return nil, err
		}
		if err := istFits(ist, o, m); err != nil {
			return nil, err
		}
		return ist.Factors, nil
	}
	sess, err := s.lookupMemberSession(tx, req.Token, req.JWT)
	if err != nil {
		return nil, err
	}
	if sess.MemberID != m.ID {
		return nil, E(ErrSessionMemberMismatch, "The session belongs to another Member.")
	}
	return sess.Factors, nil
}

// B2BSMSAuthenticate checks an SMS passcode as a Member's MFA step
// (OTPs.Sms.Authenticate): it completes the login of the intermediate
// session, or adds the factor to the session (exactly one of them). The
// phone becomes the Member's verified MFA phone; REQUIRED_FOR_ALL
// enrols the Member in MFA, otherwise set_mfa_enrollment decides. A wrong
// code answers 404 otp_code_not_found and counts toward the lockout.
func (s *Service) B2BSMSAuthenticate(orgRef, memberRef, code string, st MFAStep) (*B2BAuth, error) {
	var out B2BAuth
	err := s.mfaStep(orgRef, memberRef, MFASMS, st, &out, func(tx *store.Tx, m *store.Member) (store.Factor, string, error) {
		p, err := s.checkPasscode(tx, store.SMSPasscodeKey(m.ID), code, m)
		if err != nil {
			return store.Factor{}, "", err
		}
		if m.MFAPhoneNumber == "" || p.To != m.MFAPhoneNumber {
			return store.Factor{}, "", E(ErrOTPCodeNotFound, "The passcode was sent to a phone number the Member no longer has.")
		}
		m.MFAPhoneVerified = true
		f := NewFactor(tx.Now, "otp", "sms", "phone_number_factor", map[string]any{"phone_id": m.MFAPhoneID, "phone_number": m.MFAPhoneNumber})
		return f, m.MFAPhoneID, nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
