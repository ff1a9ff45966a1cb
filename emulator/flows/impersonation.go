package flows

import (
	"time"

	"github.com/google/uuid"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Impersonation lifetimes. Stytch's dashboard tokens are short-lived and
// impersonated sessions are capped; the emulator uses five minutes for the
// token and sixty for the session.
const (
	ImpersonationTokenTTL       = 5 * time.Minute
	ImpersonationSessionMinutes = 60
)

// Impersonation is a minted impersonation token.
type Impersonation struct {
	Token, UserID, ImpersonatorID, ImpersonatorEmail string
	ExpiresAt                                        time.Time
}

// MintImpersonation issues a single-use impersonation token for a user, as
// the Stytch dashboard does when a member clicks "impersonate". The
// impersonator is identified by email; impersonatorID defaults to a member
// id derived from it, so the same email always gets the same id.
func (s *Service) MintImpersonation(userID, impersonatorEmail, impersonatorID string) (*Impersonation, error) {
	if err := checkEmail(impersonatorEmail); err != nil {
		return nil, err
	}
	var out Impersonation
	err := s.Store.Update(func(tx *store.Tx) error {
		u := tx.User(userID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		if impersonatorID == "" {
			impersonatorID = "member-" + s.Store.Env() + "-" + uuid.NewSHA1(uuid.NameSpaceURL, []byte("mailto:"+impersonatorEmail)).String()
		}
		out = Impersonation{Token: store.NewToken(), UserID: u.ID, ImpersonatorID: impersonatorID,
			ImpersonatorEmail: impersonatorEmail, ExpiresAt: tx.Now.Add(ImpersonationTokenTTL)}
		tx.Impersonation.Tokens.Put(out.Token, &store.ImpersonationToken{UserID: u.ID, ImpersonatorID: impersonatorID,
			ImpersonatorEmail: impersonatorEmail, ExpiresAt: out.ExpiresAt})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AuthenticateImpersonation exchanges an impersonation token for a session
// of the impersonated user (ImpersonationAuthenticate). The token is single
// use: unknown answers 404 impersonation_token_not_found, used or expired
// 401 unable_to_auth_impersonation_token. The session's factor is
// "impersonated" and names the impersonator.
func (s *Service) AuthenticateImpersonation(token string) (*Auth, error) {
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		it := tx.Impersonation.Tokens.Get(token)
		if it == nil || !tx.Users.Has(it.UserID) {
			return E(ErrImpersonationTokenNotFound, "The impersonation token could not be found.")
		}
		if it.Used || !tx.Now.Before(it.ExpiresAt) {
			return E(ErrUnableToAuthImpersonationToken, "The impersonation token has been used or has expired.")
		}
		u := tx.Users.Get(it.UserID)
		f := NewFactor(tx.Now, "impersonated", "impersonation", "impersonated_factor", map[string]any{
			"impersonator_id": it.ImpersonatorID, "impersonator_email_address": it.ImpersonatorEmail})
		minutes := int32(ImpersonationSessionMinutes)
		return s.attachThen(tx, u, f, SessionRequest{DurationMinutes: &minutes}, &out, func() {
			it.Used = true
		})
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}
