package flows

import (
	"time"

	"github.com/stytchkit/stytchkit/emulator/internal/pwhash"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B password resets: by email (a reset link in the outbox), with the
// current password, and with a recent session. Each sets a new password
// that passes the strength policy and ends the Member's other sessions.

// tokenTypeB2BPasswords is the stytch_token_type of a B2B reset link.
const tokenTypeB2BPasswords = "multi_tenant_passwords"

// hashNew checks a new password against the strength policy for address
// and hashes it (outside any transaction: argon2id is slow on purpose).
func (s *Service) hashNew(password, address string) (string, error) {
	if err := s.requireStrong(password, address); err != nil {
		return "", err
	}
	return pwhash.Hash(password)
}

// setMemberPassword stores a new password hash on m (keeping its
// member_password_id) and clears any reset requirement.
func setMemberPassword(tx *store.Tx, m *store.Member, hash string) {
	id := tx.NewID(KindMemberPassword)
	if m.Password != nil {
		id = m.Password.ID
	}
	m.Password = &store.Password{ID: id, Hash: hash}
	touchMember(tx, m)
}

// revokeOtherSessions ends every session of m except keep's.
func revokeOtherSessions(tx *store.Tx, m *store.Member, keep string) {
	for _, sess := range tx.B2B.MemberSessions(m.ID, tx.Now) {
		if sess.ID != keep {
			tx.B2B.Sessions.Delete(sess.ID)
		}
	}
}

// keptSession returns the id of the session a request names, if any.
func (s *Service) keptSession(tx *store.Tx, req MemberSessionRequest) string {
	if req.Token == nil && req.JWT == nil {
		return ""
	}
	if sess, err := s.lookupMemberSession(tx, req.Token, req.JWT); err == nil {
		return sess.ID
	}
	return ""
}

// B2BResetStart is a Passwords.Email.ResetStart request.
type B2BResetStart struct {
	OrgRef, Email, RedirectURL, CodeChallenge string
	Minutes                                   *int32
}

// MemberResetSent is the answer of a reset start: the Member and the email
// id the link went to.
type MemberResetSent struct {
	MemberResult
	EmailID string
}

// B2BStartEmailReset emails a single-use password reset link to a Member
// (Passwords.Email.ResetStart); its authentication proves the address, so
// the emulator sends it whether or not the address is verified yet. The
// Organization must allow passwords.
func (s *Service) B2BStartEmailReset(in B2BResetStart) (*MemberResetSent, error) {
	ttl, err := linkTTL(in.Minutes, DefaultResetMinutes)
	if err != nil {
		return nil, err
	}
	if err := s.checkRedirects(redirectArg{in.RedirectURL, ErrInvalidPasswordResetRedirectURL}); err != nil {
		return nil, err
	}
	var out MemberResetSent
	err = s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, in.OrgRef)
		if err != nil {
			return err
		}
		if err := checkEmail(in.Email); err != nil {
			return err
		}
		m := tx.B2B.MemberByEmail(o.ID, in.Email)
		if m == nil {
			return E(ErrMemberNotFound, "No Member of this Organization has this email address.")
		}
		if err := methodAllowed(o, m, "password"); err != nil {
			return err
		}
		issueReset(tx, o, m, m.EmailAddress, ttl, s.redirect(in.RedirectURL), in.CodeChallenge)
		out = MemberResetSent{MemberResult: *s.memberResult(tx, o, m), EmailID: m.EmailID}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// issueReset stores a reset token for m of o (both nil in discovery) and
// emails its link to address.
func issueReset(tx *store.Tx, o *store.Organization, m *store.Member, address string, ttl time.Duration, base, challenge string) {
	r := &store.MemberPasswordReset{Token: store.NewToken(), EmailAddress: address, CodeChallenge: challenge, ExpiresAt: tx.Now.Add(ttl)}
	msg := store.Message{Channel: store.ChannelEmail, To: address, Kind: store.MessagePasswordReset, Token: r.Token,
		Link: b2bLinkURL(base, tokenTypeB2BPasswords, r.Token)}
	if o != nil && m != nil {
		r.OrganizationID, r.MemberID = o.ID, m.ID
		msg.OrganizationID, msg.UserID, msg.MethodID = o.ID, m.ID, m.EmailID
	}
	tx.B2BFactors.PasswordResets.Put(r.Token, r)
	tx.Send(msg)
}

// liveReset returns the unused, unexpired reset token of the kind asked
// (discovery or not) after its PKCE check: 401
// unable_to_auth_password_reset_token otherwise.
func liveReset(tx *store.Tx, token, verifier string, discovery bool) (*store.MemberPasswordReset, error) {
	r := tx.B2BFactors.PasswordResets.Get(token)
	if r == nil || (r.OrganizationID == "") != discovery || r.Used || !tx.Now.Before(r.ExpiresAt) {
		return nil, E(ErrUnableToAuthPasswordResetToken,
			"The password reset token could not be authenticated because it was either already used or expired.")
	}
	if err := checkPKCE(r.CodeChallenge, verifier); err != nil {
		return nil, err
	}
	return r, nil
}

// resetTokenAddress reads the address of a reset token, for the strength
// check that must run before the transaction.
func (s *Service) resetTokenAddress(token string) string {
	address := ""
	_ = s.Store.View(func(tx *store.Tx) error {
		if r := tx.B2BFactors.PasswordResets.Peek(token); r != nil {
			address = r.EmailAddress
		}
		return nil
	})
	return address
}

// B2BResetByEmail sets a new password with a reset token
// (Passwords.Email.Reset) and logs the Member in through LoginMember with
// the email and password factors; the address becomes verified and the
// Member's other sessions end.
func (s *Service) B2BResetByEmail(token, password, verifier string, req MemberSessionRequest) (*B2BAuth, error) {
	if err := checkMemberSessionArgs(req); err != nil {
		return nil, err
	}
	hash, err := s.hashNew(password, s.resetTokenAddress(token))
	if err != nil {
		return nil, err
	}
	var out B2BAuth
	err = s.Store.Update(func(tx *store.Tx) error {
		r, err := liveReset(tx, token, verifier, false)
		if err != nil {
			return err
		}
		o, m, err := mfaMember(tx, r.OrganizationID, r.MemberID)
		if err != nil {
			return err
		}
		r.Used = true
		setMemberPassword(tx, m, hash)
		revokeOtherSessions(tx, m, s.keptSession(tx, req))
		step := LoginStep{Factors: []store.Factor{emailFactor(tx.Now, "magic_link", "email", m), passwordFactor(tx)}, VerifiesEmail: true}
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

// B2BResetExisting replaces a Member's password given the current one
// (Passwords.ExistingPassword.Reset) and logs it in through LoginMember;
// the Member's other sessions end. A password that requires a reset can
// only be reset by email.
func (s *Service) B2BResetExisting(orgRef, address, existing, newPassword string, req MemberSessionRequest) (*B2BAuth, error) {
	if err := checkMemberSessionArgs(req); err != nil {
		return nil, err
	}
	hash, err := s.hashNew(newPassword, address)
	if err != nil {
		return nil, err
	}
	var out B2BAuth
	err = s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		m, err := passwordMember(tx, o, address)
		if err != nil {
			return err
		}
		if err := s.checkMemberPassword(tx, m, existing); err != nil {
			return err
		}
		setMemberPassword(tx, m, hash)
		revokeOtherSessions(tx, m, s.keptSession(tx, req))
		return s.LoginMember(tx, o, m, LoginStep{Factors: []store.Factor{passwordFactor(tx)}}, req, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// B2BResetWithSession sets a new password for the Member of a session that
// authenticated a factor within MaxResetSessionAge
// (Passwords.Sessions.Reset); the session is extended as asked and the
// Member's other sessions end. The Organization must be the session's.
func (s *Service) B2BResetWithSession(orgRef, password string, req MemberSessionRequest) (*B2BAuth, error) {
	if err := checkMemberSessionArgs(req); err != nil {
		return nil, err
	}
	var address string
	_ = s.Store.View(func(tx *store.Tx) error {
		if sess, err := s.lookupMemberSession(tx, req.Token, req.JWT); err == nil {
			if m := tx.B2B.Members.Peek(sess.MemberID); m != nil {
				address = m.EmailAddress
			}
		}
		return nil
	})
	hash, err := s.hashNew(password, address)
	if err != nil {
		return nil, err
	}
	var out B2BAuth
	err = s.Store.Update(func(tx *store.Tx) error {
		sess, err := s.lookupMemberSession(tx, req.Token, req.JWT)
		if err != nil {
			return err
		}
		o, err := b2bOrg(tx, orgRef)
		if err != nil {
			return err
		}
		if o.ID != sess.OrganizationID {
			return ErrSessionTenancy()
		}
		m, err := b2bMember(tx, o.ID, sess.MemberID, false)
		if err != nil {
			return err
		}
		if err := checkRecentFactor(tx.Now, sess.Factors); err != nil {
			return err
		}
		setMemberPassword(tx, m, hash)
		revokeOtherSessions(tx, m, sess.ID)
		s.putMemberSession(tx, o, m, sess, nil, MemberSessionRequest{DurationMinutes: req.DurationMinutes, CustomClaims: req.CustomClaims}, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}
