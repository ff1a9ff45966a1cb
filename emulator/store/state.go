package store

import (
	"encoding/base64"
	"sort"
	"strings"
	"time"
)

// State is everything the emulator remembers. Entities live in Tables
// (see Table for how changes are tracked); the rest is plain data. It is
// only touched inside Store.Update or Store.View and is JSON-serialisable
// for -state snapshots. Each group of endpoints owned by another file keeps
// its own sub-struct (TOTP, WebAuthn, ...), declared in that group's file.
type State struct {
	Users          *Table[User]          `json:"users"`           // by user_id
	Sessions       *Table[Session]       `json:"sessions"`        // by session_id
	MagicLinks     *Table[MagicLink]     `json:"magic_links"`     // by token
	OTPs           *Table[OTP]           `json:"otps"`            // by method_id
	PasswordResets *Table[PasswordReset] `json:"password_resets"` // by token
	Outbox         *Outbox               `json:"outbox"`
	Policy         Policy                `json:"policy"`
	Keys           []SigningKey          `json:"keys"`
	ClockOffset    time.Duration         `json:"clock_offset"`

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
	B2B           B2BState              `json:"b2b"`
	B2BFactors    B2BFactorState        `json:"b2b_factors"`

	tr    *tracker
	users userIndexes
	// sessionsByToken and sessionsByUser index Sessions; the other *ByUser
	// index pending tokens so that deleting a user finds them directly.
	sessionsByToken *hashIndex[Session]
	sessionsByUser  *hashIndex[Session]
	linksByUser     *hashIndex[MagicLink]
	otpsByUser      *hashIndex[OTP]
	resetsByUser    *hashIndex[PasswordReset]
}

// newState returns an empty state with the default RBAC policy and an
// outbox of outboxSize messages (0: DefaultOutboxSize).
func newState(outboxSize int) *State {
	s := &State{Policy: DefaultPolicy(), tr: &tracker{tables: map[string]anyTable{}}}
	s.users = newUserIndexes()
	s.Users = newTable(s.tr, "users", s.users.list()...)
	s.sessionsByToken = newHashIndex(func(v *Session) []string { return []string{v.Token} })
	s.sessionsByUser = newHashIndex(func(v *Session) []string { return []string{v.UserID} })
	s.Sessions = newTable(s.tr, "sessions", index[Session](s.sessionsByToken), s.sessionsByUser)
	s.linksByUser = newHashIndex(func(v *MagicLink) []string { return []string{v.UserID} })
	s.MagicLinks = newTable(s.tr, "magic_links", index[MagicLink](s.linksByUser))
	s.otpsByUser = newHashIndex(func(v *OTP) []string { return []string{v.UserID} })
	s.OTPs = newTable(s.tr, "otps", index[OTP](s.otpsByUser))
	s.resetsByUser = newHashIndex(func(v *PasswordReset) []string { return []string{v.UserID} })
	s.PasswordResets = newTable(s.tr, "password_resets", index[PasswordReset](s.resetsByUser))
	s.Outbox = newOutbox(outboxSize)
	s.WebAuthn.init(s.tr)
	s.Wallets.init(s.tr)
	s.OAuth.init(s.tr)
	s.M2M.init(s.tr)
	s.ConnectedApps.init(s.tr)
	s.IDP.init(s.tr)
	s.Fraud.init(s.tr)
	s.Impersonation.init(s.tr)
	s.External.init(s.tr)
	s.B2B.init(s.tr)
	s.B2BFactors.init(s.tr)
	return s
}

// rebuildIndexes recomputes every index (after decoding a snapshot).
func (s *State) rebuildIndexes() {
	for _, t := range s.tr.tables {
		t.rebuild()
	}
	s.Outbox.rebuild()
}

// flushUsers brings the user indexes up to date with the running
// transaction's changes before a lookup.
func (s *State) flushUsers() { s.Users.flush() }

// User returns the user with this user_id or external_id, or nil.
func (s *State) User(idOrExternal string) *User {
	if u := s.Users.Get(idOrExternal); u != nil {
		return u
	}
	if idOrExternal == "" {
		return nil
	}
	s.flushUsers()
	if id, ok := s.users.externalID.first(idOrExternal); ok {
		return s.Users.Get(id)
	}
	return nil
}

// userVia returns the user the index names under key, or nil.
func (s *State) userVia(ix *hashIndex[User], key string) *User {
	s.flushUsers()
	if id, ok := ix.first(key); ok {
		return s.Users.Get(id)
	}
	return nil
}

// UserByEmail returns the user holding this address (case-insensitive) and
// the matching email, or nil.
func (s *State) UserByEmail(address string) (*User, *Email) {
	u := s.userVia(s.users.email, strings.ToLower(address))
	if u == nil {
		return nil, nil
	}
	for i := range u.Emails {
		if strings.EqualFold(u.Emails[i].Address, address) {
			return u, &u.Emails[i]
		}
	}
	return nil, nil
}

// UserByPhone returns the user holding this E.164 number and the matching
// phone, or nil.
func (s *State) UserByPhone(number string) (*User, *Phone) {
	u := s.userVia(s.users.phone, number)
	if u == nil {
		return nil, nil
	}
	for i := range u.Phones {
		if u.Phones[i].Number == number {
			return u, &u.Phones[i]
		}
	}
	return nil, nil
}

// UserByEmailID returns the user holding this email_id and the email, or nil.
func (s *State) UserByEmailID(id string) (*User, *Email) {
	u := s.userVia(s.users.factorID, id)
	if u == nil {
		return nil, nil
	}
	for i := range u.Emails {
		if u.Emails[i].ID == id {
			return u, &u.Emails[i]
		}
	}
	return nil, nil
}

// UserByPhoneID returns the user holding this phone_id and the phone, or nil.
func (s *State) UserByPhoneID(id string) (*User, *Phone) {
	u := s.userVia(s.users.factorID, id)
	if u == nil {
		return nil, nil
	}
	for i := range u.Phones {
		if u.Phones[i].ID == id {
			return u, &u.Phones[i]
		}
	}
	return nil, nil
}

// UserByFactorID returns the user holding a factor with this id (an
// email_id, phone_id, TOTP, WebAuthn, biometric, wallet, OAuth registration
// or password id), or nil.
func (s *State) UserByFactorID(id string) *User { return s.userVia(s.users.factorID, id) }

// UserByProvider returns the user with an OAuth registration of this
// provider type and subject, or nil.
func (s *State) UserByProvider(providerType, subject string) *User {
	return s.userVia(s.users.provider, providerKey(providerType, subject))
}

// UserByWallet returns the user holding a crypto wallet at this address
// (compared case-insensitively; the caller checks the exact spelling), or nil.
func (s *State) UserByWallet(address string) *User {
	return s.userVia(s.users.walletAddress, strings.ToLower(address))
}

// UserByCredential returns the user holding the WebAuthn credential with
// this raw id, or nil.
func (s *State) UserByCredential(credentialID []byte) *User {
	return s.userVia(s.users.credential, base64.RawURLEncoding.EncodeToString(credentialID))
}

// SessionByToken returns the session holding this opaque token, or nil.
func (s *State) SessionByToken(token string) *Session {
	s.Sessions.flush()
	if id, ok := s.sessionsByToken.first(token); ok {
		return s.Sessions.Get(id)
	}
	return nil
}

// AddSession stores a new session (its token is indexed).
func (s *State) AddSession(sess *Session) { s.Sessions.Put(sess.ID, sess) }

// DeleteSession removes a session and its token.
func (s *State) DeleteSession(id string) { s.Sessions.Delete(id) }

// UserSessions returns the sessions of a user alive at now, oldest first.
func (s *State) UserSessions(userID string, now time.Time) []*Session {
	s.Sessions.flush()
	var out []*Session
	for _, id := range s.sessionsByUser.lookup(userID) {
		if sess := s.Sessions.Get(id); sess != nil && sess.Alive(now) {
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

// UserMagicLinks returns the keys of the pending magic links of a user.
func (s *State) UserMagicLinks(userID string) []string {
	s.MagicLinks.flush()
	return s.linksByUser.lookup(userID)
}

// DeleteUser removes a user and everything that points at it.
func (s *State) DeleteUser(id string) {
	s.Users.Delete(id)
	s.Sessions.flush()
	for _, sid := range s.sessionsByUser.lookup(id) {
		s.Sessions.Delete(sid)
	}
	s.MagicLinks.flush()
	for _, tok := range s.linksByUser.lookup(id) {
		s.MagicLinks.Delete(tok)
	}
	s.OTPs.flush()
	for _, mid := range s.otpsByUser.lookup(id) {
		s.OTPs.Delete(mid)
	}
	s.PasswordResets.flush()
	for _, tok := range s.resetsByUser.lookup(id) {
		s.PasswordResets.Delete(tok)
	}
}
