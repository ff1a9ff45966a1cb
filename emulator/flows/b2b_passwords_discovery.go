package flows

import (
	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B discovery passwords (cross-organization passwords): an email address
// and password checked, or reset, across every Member holding the address,
// ending in an intermediate session and the Organizations it can enter.

// passwordHolders returns the live Members holding address: 404
// member_not_found when there is none.
func passwordHolders(tx *store.Tx, address string) ([]*store.Member, error) {
	if err := checkEmail(address); err != nil {
		return nil, err
	}
	list := tx.B2B.MembersByEmail(address)
	if len(list) == 0 {
		return nil, E(ErrMemberNotFound, "No Member has this email address.")
	}
	out := make([]*store.Member, 0, len(list))
	for _, m := range list {
		out = append(out, tx.B2B.Members.Get(m.ID))
	}
	return out, nil
}

// B2BDiscoveryPasswordAuthenticate checks an address and password without
// an Organization (Passwords.Discovery.Authenticate): a Member holding the
// address whose password matches proves it. None with a password answers
// 404 member_password_not_found; a wrong password 401
// unauthorized_credentials, counted toward each such Member's lockout.
func (s *Service) B2BDiscoveryPasswordAuthenticate(address, password string) (*DiscoveryAuth, error) {
	var out DiscoveryAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		holders, err := passwordHolders(tx, address)
		if err != nil {
			return err
		}
		var withPassword []*store.Member
		for _, m := range holders {
			if m.Password != nil {
				withPassword = append(withPassword, m)
			}
		}
		if len(withPassword) == 0 {
			return E(ErrMemberPasswordNotFound, "No Member with this email address has a password.")
		}
		for _, m := range withPassword {
			if m.Locked(tx.Now) {
				continue
			}
			ok, err := checkPassword(m.Password, password)
			if err != nil {
				return hashCheckError(err)
			}
			if !ok {
				continue
			}
			if m.Password.RequiresReset {
				return E(ErrMemberResetPassword, "The password must be reset before it can be used.")
			}
			f := passwordFactor(tx)
			s.newDiscoverySession(tx, m.EmailAddress, []store.Factor{f}, &out)
			return nil
		}
		for _, m := range withPassword {
			if m.Locked(tx.Now) {
				return ErrUserLocked()
			}
		}
		for _, m := range withPassword {
			s.FailMember(tx, m)
		}
		return ErrUnauthorizedCredentials.New()
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// B2BDiscoveryResetStart emails a discovery password reset link for an
// address held by at least one Member (Passwords.Discovery.Email.ResetStart).
func (s *Service) B2BDiscoveryResetStart(address, redirectURL, challenge string, minutes *int32) error {
	ttl, err := linkTTL(minutes, DefaultResetMinutes)
	if err != nil {
		return err
	}
	if err := s.checkRedirects(redirectArg{redirectURL, ErrInvalidPasswordResetRedirectURL}); err != nil {
		return err
	}
	return s.Store.Update(func(tx *store.Tx) error {
		holders, err := passwordHolders(tx, address)
		if err != nil {
			return err
		}
		issueReset(tx, nil, nil, holders[0].EmailAddress, ttl, s.redirect(redirectURL), challenge)
		return nil
	})
}

// B2BDiscoveryReset sets a new password with a discovery reset token
// (Passwords.Discovery.Email.Reset) on every Member holding the address,
// verifies their address and ends their sessions; it returns an
// intermediate session holding the email and password factors and the
// Organizations the address can enter.
func (s *Service) B2BDiscoveryReset(token, password, verifier string) (*DiscoveryAuth, error) {
	hash, err := s.hashNew(password, s.resetTokenAddress(token))
	if err != nil {
		return nil, err
	}
	var out DiscoveryAuth
	err = s.Store.Update(func(tx *store.Tx) error {
		r, err := liveReset(tx, token, verifier, true)
		if err != nil {
			return err
		}
		holders, err := passwordHolders(tx, r.EmailAddress)
		if err != nil {
			return err
		}
		r.Used = true
		for _, m := range holders {
			setMemberPassword(tx, m, hash)
			m.EmailVerified = true
			tx.B2B.RevokeMemberSessions(m.ID)
		}
		email := NewFactor(tx.Now, "magic_link", "email", "email_factor", map[string]any{"email_id": "", "email_address": r.EmailAddress})
		s.newDiscoverySession(tx, r.EmailAddress, []store.Factor{email, passwordFactor(tx)}, &out)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
