package flows

import (
	"time"

	"github.com/google/uuid"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// ExternalIDPTokenTTL is the default lifetime of an access token of the
// emulated external identity provider.
const ExternalIDPTokenTTL = time.Hour

// Factor of a migrated session. Stytch documents "imported" as the factor
// type whose only delivery method is "imported_auth0"; the emulator uses it
// for every session started by Sessions.Migrate, with no detail object.
const (
	MigratedFactorType     = "imported"
	MigratedDeliveryMethod = "imported_auth0"
)

// ExternalIdentity is a user as the emulated external OIDC identity provider
// knows it: what its UserInfo endpoint answers for an access token.
type ExternalIdentity struct {
	// Email is required; Sessions.Migrate matches it to a Stytch user.
	Email string
	// Name and EmailVerified are returned by UserInfo as name and
	// email_verified.
	Name          string
	EmailVerified bool
	// TTL is the access token lifetime; 0 means ExternalIDPTokenTTL.
	TTL time.Duration
}

// ExternalAccessToken is an access token issued by the emulated external
// identity provider.
type ExternalAccessToken struct {
	AccessToken         string
	IssuedAt, ExpiresAt time.Time
}

// IssueExternalIDPToken mints an access token of the emulated external
// identity provider for a user of that provider (who need not exist in
// Stytch). Sessions.Migrate and the emulated UserInfo endpoint accept it
// until it expires; it is not single use.
func (s *Service) IssueExternalIDPToken(in ExternalIdentity) (*ExternalAccessToken, error) {
	if err := checkEmail(in.Email); err != nil {
		return nil, err
	}
	if in.TTL < 0 {
		return nil, E(ErrBadRequest, "The token lifetime must not be negative.")
	}
	if in.TTL == 0 {
		in.TTL = ExternalIDPTokenTTL
	}
	var out ExternalAccessToken
	err := s.Store.Update(func(tx *store.Tx) error {
		out = ExternalAccessToken{AccessToken: store.NewToken(), IssuedAt: tx.Now, ExpiresAt: tx.Now.Add(in.TTL)}
		tx.External.IDPTokens.Put(out.AccessToken, &store.ExternalIDPToken{Email: in.Email, Name: in.Name,
			EmailVerified: in.EmailVerified, IssuedAt: tx.Now, ExpiresAt: out.ExpiresAt})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ExternalUserInfo is the emulated external provider's OIDC UserInfo
// response for an access token: sub (stable per email), email,
// email_verified and, when known, name. An unknown or expired token answers
// 401 invalid_token.
func (s *Service) ExternalUserInfo(accessToken string) (map[string]any, error) {
	var out map[string]any
	err := s.Store.View(func(tx *store.Tx) error {
		it, err := externalToken(tx, accessToken)
		if err != nil {
			return err
		}
		out = map[string]any{"sub": externalSubject(it.Email), "email": it.Email, "email_verified": it.EmailVerified}
		if it.Name != "" {
			out["name"] = it.Name
		}
		return nil
	})
	return out, err
}

// MigrateSession implements Sessions.Migrate: the access token is looked up
// at the external provider's UserInfo endpoint (here, the emulated one) and
// the email it returns must belong to an existing user; Stytch documents
// that the user has to be created before this call (404 user_not_found
// otherwise). The session, started only when req.DurationMinutes is set,
// gets an imported / imported_auth0 factor. An unknown or expired access
// token answers 401 unable_to_auth_external_session.
func (s *Service) MigrateSession(accessToken string, req SessionRequest) (*Auth, error) {
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		it, err := externalToken(tx, accessToken)
		if err != nil {
			return E(ErrUnableToAuthExternalSession,
				"The external identity provider's UserInfo endpoint rejected the session_token (unknown or expired).")
		}
		u, _ := tx.UserByEmail(it.Email)
		if u == nil {
			return E(ErrUserNotFound,
				"No user has the email address the external identity provider returned; create the user before migrating the session.")
		}
		if u.Locked(tx.Now) {
			return ErrUserLocked()
		}
		f := NewFactor(tx.Now, MigratedFactorType, MigratedDeliveryMethod, "", nil)
		return s.Attach(tx, u, f, req, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}

// externalToken returns the live external access token, or 401 invalid_token.
func externalToken(tx *store.Tx, accessToken string) (store.ExternalIDPToken, error) {
	it := tx.External.IDPTokens.Get(accessToken)
	if it == nil || !tx.Now.Before(it.ExpiresAt) {
		return store.ExternalIDPToken{}, E(ErrInvalidToken, "The access token is unknown or has expired.")
	}
	return *it, nil
}

// externalSubject is the provider's stable subject for an email address.
func externalSubject(email string) string {
	return "external|" + uuid.NewSHA1(uuid.NameSpaceURL, []byte("mailto:"+email)).String()
}
