package store

import (
	"sort"
	"strings"
	"time"
)

// State is everything the emulator remembers. It is plain data (JSON-
// serialisable for -state snapshots) and is only touched inside Store.Update
// or Store.View. Each group of endpoints owned by another file keeps its own
// sub-struct (TOTP, WebAuthn, ...), declared in that group's file.
type State struct {
	Users          map[string]*User          `json:"users"`           // by user_id
	Sessions       map[string]*Session       `json:"sessions"`        // by session_id
	SessionTokens  map[string]string         `json:"session_tokens"`  // session token -> session_id
	MagicLinks     map[string]*MagicLink     `json:"magic_links"`     // by token
	OTPs           map[string]*OTP           `json:"otps"`            // by method_id
	PasswordResets map[string]*PasswordReset `json:"password_resets"` // by token
	Outbox         []Message                 `json:"outbox"`
	Policy         Policy                    `json:"policy"`
	Keys           []SigningKey              `json:"keys"`
	ClockOffset    time.Duration             `json:"clock_offset"`

	TOTP          TOTPState             `json:"totp"`
	WebAuthn      WebAuthnState         `json:"webauthn"`
	Wallets       CryptoWalletState     `json:"wallets"`
	OAuth         OAuthState            `json:"oauth"`
	M2M           M2MState              `json:"m2m"`
	ConnectedApps ConnectedAppsState    `json:"connected_apps"`
	IDP           IDPState              `json:"idp"`
	Fraud         FraudState            `json:"fraud"`
	Impersonation ImpersonationState    `json:"impersonation"`
	External      ExternalSessionsState `json:"external"`
}

// newState returns an empty state with the default RBAC policy.
func newState() *State {
	s := &State{Policy: DefaultPolicy()}
	s.ensure()
	return s
}

// ensure initialises every nil map (after JSON decoding, say).
func (s *State) ensure() {
	if s.Users == nil {
		s.Users = map[string]*User{}
	}
	if s.Sessions == nil {
		s.Sessions = map[string]*Session{}
	}
	if s.SessionTokens == nil {
		s.SessionTokens = map[string]string{}
	}
	if s.MagicLinks == nil {
		s.MagicLinks = map[string]*MagicLink{}
	}
	if s.OTPs == nil {
		s.OTPs = map[string]*OTP{}
	}
	if s.PasswordResets == nil {
		s.PasswordResets = map[string]*PasswordReset{}
	}
	s.TOTP.ensure()
	s.WebAuthn.ensure()
	s.Wallets.ensure()
	s.OAuth.ensure()
	s.M2M.ensure()
	s.ConnectedApps.ensure()
	s.IDP.ensure()
	s.Fraud.ensure()
	s.Impersonation.ensure()
	s.External.ensure()
}

// User returns the user with this user_id or external_id, or nil.
func (s *State) User(idOrExternal string) *User {
	if u, ok := s.Users[idOrExternal]; ok {
		return u
	}
	if idOrExternal == "" {
		return nil
	}
	for _, u := range s.Users {
		if u.ExternalID == idOrExternal {
			return u
		}
	}
	return nil
}

// UserByEmail returns the user holding this address (case-insensitive) and
// the matching email, or nil.
func (s *State) UserByEmail(address string) (*User, *Email) {
	for _, u := range s.Users {
		for i := range u.Emails {
			if strings.EqualFold(u.Emails[i].Address, address) {
				return u, &u.Emails[i]
			}
		}
	}
	return nil, nil
}

// UserByPhone returns the user holding this E.164 number and the matching
// phone, or nil.
func (s *State) UserByPhone(number string) (*User, *Phone) {
	for _, u := range s.Users {
		for i := range u.Phones {
			if u.Phones[i].Number == number {
				return u, &u.Phones[i]
			}
		}
	}
	return nil, nil
}

// UserByEmailID returns the user holding this email_id and the email, or nil.
func (s *State) UserByEmailID(id string) (*User, *Email) {
	for _, u := range s.Users {
		for i := range u.Emails {
			if u.Emails[i].ID == id {
				return u, &u.Emails[i]
			}
		}
	}
	return nil, nil
}

// UserByPhoneID returns the user holding this phone_id and the phone, or nil.
func (s *State) UserByPhoneID(id string) (*User, *Phone) {
	for _, u := range s.Users {
		for i := range u.Phones {
			if u.Phones[i].ID == id {
				return u, &u.Phones[i]
			}
		}
	}
	return nil, nil
}

// SessionByToken returns the session holding this opaque token, or nil.
func (s *State) SessionByToken(token string) *Session {
	id, ok := s.SessionTokens[token]
	if !ok {
		return nil
	}
	return s.Sessions[id]
}

// AddSession stores a new session and indexes its token.
func (s *State) AddSession(sess *Session) {
	s.Sessions[sess.ID] = sess
	s.SessionTokens[sess.Token] = sess.ID
}

// DeleteSession removes a session and its token.
func (s *State) DeleteSession(id string) {
	if sess, ok := s.Sessions[id]; ok {
		delete(s.SessionTokens, sess.Token)
		delete(s.Sessions, id)
	}
}

// UserSessions returns the sessions of a user alive at now, oldest first.
func (s *State) UserSessions(userID string, now time.Time) []*Session {
	var out []*Session
	for _, sess := range s.Sessions {
		if sess.UserID == userID && sess.Alive(now) {
			out = append(out, sess)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].StartedAt.Equal(out[j].StartedAt) {
			return out[i].StartedAt.Before(out[j].StartedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// DeleteUser removes a user and everything that points at it.
func (s *State) DeleteUser(id string) {
	delete(s.Users, id)
	for sid, sess := range s.Sessions {
		if sess.UserID == id {
			s.DeleteSession(sid)
		}
	}
	for tok, ml := range s.MagicLinks {
		if ml.UserID == id {
			delete(s.MagicLinks, tok)
		}
	}
	for mid, otp := range s.OTPs {
		if otp.UserID == id {
			delete(s.OTPs, mid)
		}
	}
	for tok, pr := range s.PasswordResets {
		if pr.UserID == id {
			delete(s.PasswordResets, tok)
		}
	}
}
