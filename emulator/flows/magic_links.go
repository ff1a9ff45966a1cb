package flows

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/url"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Magic-link expiry defaults, in minutes (Stytch's documented values).
const (
	DefaultLoginLinkMinutes    = 60
	DefaultSignupLinkMinutes   = 10080
	DefaultInviteLinkMinutes   = 60
	DefaultEmbeddedLinkMinutes = 60
)

// DefaultRedirectURL is the default of Service.RedirectURL, used when a
// request names no magic-link, invite or reset URL (Stytch would use the
// project's default redirect URL).
const DefaultRedirectURL = "http://localhost:3000/authenticate"

// redirect returns base, or the service's redirect URL when base is "".
func (s *Service) redirect(base string) string {
	if base != "" {
		return base
	}
	if s.RedirectURL != "" {
		return s.RedirectURL
	}
	return DefaultRedirectURL
}

// checkLinkURLs checks the redirect URLs of a magic-link request against
// the project's list.
func (s *Service) checkLinkURLs(o LinkOptions) error {
	return s.checkRedirects(redirectArg{o.LoginURL, ErrInvalidLoginMagicLinkURL},
		redirectArg{o.SignupURL, ErrInvalidSignupMagicLinkURL}, redirectArg{o.InviteURL, ErrInvalidInviteMagicLinkURL})
}

// LinkOptions are the per-request settings of a magic-link email.
type LinkOptions struct {
	LoginURL, SignupURL, InviteURL     string
	LoginMinutes, SignupMinutes        *int32
	InviteMinutes                      *int32
	CodeChallenge                      string
	Pending                            bool
	Name                               *store.Name
	TrustedMetadata, UntrustedMetadata map[string]any
}

func minutesOr(p *int32, def int) time.Duration {
	if p != nil {
		return time.Duration(*p) * time.Minute
	}
	return time.Duration(def) * time.Minute
}

// linkURL appends the token to a redirect URL the way Stytch does.
func linkURL(base, token string) string {
	u, err := url.Parse(base)
	if err != nil {
		return DefaultRedirectURL + "?stytch_token_type=magic_links&token=" + url.QueryEscape(token)
	}
	q := u.Query()
	q.Set("stytch_token_type", "magic_links")
	q.Set("token", token)
	u.RawQuery = q.Encode()
	return u.String()
}

// issueLink stores a magic link for u/email and sends it.
func issueLink(tx *store.Tx, u *store.User, e *store.Email, kind string, ttl time.Duration, base, challenge string) {
	ml := &store.MagicLink{Token: store.NewMagicLinkToken(), Kind: kind, UserID: u.ID, EmailID: e.ID,
		ExpiresAt: tx.Now.Add(ttl), CodeChallenge: challenge}
	tx.MagicLinks.Put(ml.Token, ml)
	msgKind := store.MessageMagicLink
	if kind == store.LinkInvite {
		msgKind = store.MessageInvite
	}
	tx.Send(store.Message{Channel: store.ChannelEmail, To: e.Address, Kind: msgKind, UserID: u.ID, MethodID: e.ID,
		Token: ml.Token, Link: linkURL(base, ml.Token)})
}

// SendMagicLink emails a login link to an existing user's address
// (MagicLinksEmailSend); with a user_id or session the address is added to
// that user first.
func (s *Service) SendMagicLink(address string, t Target, o LinkOptions) (*Sent, error) {
	if err := s.checkLinkURLs(o); err != nil {
		return nil, err
	}
	if sent, ok := s.sandboxSend(address, false); ok {
		return sent, nil
	}
	var out Sent
	err := s.Store.Update(func(tx *store.Tx) error {
		u, e, err := s.emailRecipient(tx, address, t)
		if err != nil {
			return err
		}
		if u.Status == "pending" {
			issueLink(tx, u, e, store.LinkSignup, minutesOr(o.SignupMinutes, DefaultSignupLinkMinutes), s.redirect(o.SignupURL), o.CodeChallenge)
		} else {
			issueLink(tx, u, e, store.LinkLogin, minutesOr(o.LoginMinutes, DefaultLoginLinkMinutes), s.redirect(o.LoginURL), o.CodeChallenge)
		}
		out = Sent{UserID: u.ID, MethodID: e.ID}
		return nil
	})
	return &out, err
}

// LoginOrCreateMagicLink emails a login link, or a signup link to a user it
// creates for an unknown address (MagicLinksEmailLoginOrCreate).
func (s *Service) LoginOrCreateMagicLink(address string, o LinkOptions) (*Sent, error) {
	if err := s.checkLinkURLs(o); err != nil {
		return nil, err
	}
	if sent, ok := s.sandboxSend(address, false); ok {
		return sent, nil
	}
	var out Sent
	err := s.Store.Update(func(tx *store.Tx) error {
		u, e, created, err := s.loginOrCreateEmail(tx, address, o.Pending)
		if err != nil {
			return err
		}
		if created || !e.Verified && u.Status == "pending" {
			issueLink(tx, u, e, store.LinkSignup, minutesOr(o.SignupMinutes, DefaultSignupLinkMinutes), s.redirect(o.SignupURL), o.CodeChallenge)
		} else {
			issueLink(tx, u, e, store.LinkLogin, minutesOr(o.LoginMinutes, DefaultLoginLinkMinutes), s.redirect(o.LoginURL), o.CodeChallenge)
		}
		out = Sent{UserID: u.ID, MethodID: e.ID, UserCreated: created}
		return nil
	})
	return &out, err
}

// InviteMagicLink creates a pending user for an unknown address (or reuses a
// pending one) and emails it an invite link (MagicLinksEmailInvite). An
// address that belongs to an active user answers duplicate_email.
func (s *Service) InviteMagicLink(address string, o LinkOptions) (*Sent, error) {
	if err := s.checkLinkURLs(o); err != nil {
		return nil, err
	}
	if sent, ok := s.sandboxSend(address, false); ok {
		return sent, nil
	}
	var out Sent
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkEmail(address); err != nil {
			return err
		}
		u, e := tx.UserByEmail(address)
		if u != nil && u.Status != "pending" {
			return E(ErrDuplicateEmail, "The email address belongs to an active user; send a login link instead.")
		}
		if u == nil {
			var err error
			if u, err = s.newUser(tx, NewUserInput{Email: address, Pending: true, Name: o.Name,
				TrustedMetadata: o.TrustedMetadata, UntrustedMetadata: o.UntrustedMetadata}); err != nil {
				return err
			}
			e = &u.Emails[0]
		}
		issueLink(tx, u, e, store.LinkInvite, minutesOr(o.InviteMinutes, DefaultInviteLinkMinutes), s.redirect(o.InviteURL), "")
		out = Sent{UserID: u.ID, MethodID: e.ID}
		return nil
	})
	return &out, err
}

// RevokeInvite makes every unused invite link to address unusable
// (MagicLinksEmailRevokeInvite); email_not_found when there is none.
func (s *Service) RevokeInvite(address string) error {
	if s.IsSandboxEmail(address) {
		return nil
	}
	return s.Store.Update(func(tx *store.Tx) error {
		u, e := tx.UserByEmail(address)
		revoked := false
		if u != nil {
			for _, tok := range tx.UserMagicLinks(u.ID) {
				if ml := tx.MagicLinks.Get(tok); ml.Kind == store.LinkInvite && ml.EmailID == e.ID && !ml.Used {
					tx.MagicLinks.Delete(tok)
					revoked = true
				}
			}
		}
		if !revoked {
			return E(ErrEmailNotFound, "There is no pending invite for this email address.")
		}
		return nil
	})
}

// CreateEmbeddedLink returns a magic-link token for a user without sending
// anything (MagicLinksCreate), for delivery by the caller.
func (s *Service) CreateEmbeddedLink(userID string, minutes *int32) (token, uid string, err error) {
	err = s.Store.Update(func(tx *store.Tx) error {
		u := tx.User(userID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		ml := &store.MagicLink{Token: store.NewMagicLinkToken(), Kind: store.LinkEmbedded, UserID: u.ID,
			ExpiresAt: tx.Now.Add(minutesOr(minutes, DefaultEmbeddedLinkMinutes))}
		tx.MagicLinks.Put(ml.Token, ml)
		token, uid = ml.Token, u.ID
		return nil
	})
	return token, uid, err
}

// checkPKCE verifies a code_verifier against the code_challenge (S256) a
// link or reset token was issued with.
func checkPKCE(challenge, verifier string) error {
	switch {
	case challenge == "" && verifier == "":
		return nil
	case challenge == "":
		return E(ErrPKCEMismatch, "A code_verifier was passed but the token was issued without a code_challenge.")
	case verifier == "":
		return E(ErrPKCEExpectedCodeVerifier, "The token was issued with a code_challenge; pass its code_verifier.")
	}
	sum := sha256.Sum256([]byte(verifier))
	if subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(challenge)) != 1 {
		return E(ErrPKCEMismatch, "The code_verifier does not match the code_challenge.")
	}
	return nil
}

// AuthenticateMagicLink consumes a magic-link token (MagicLinksAuthenticate):
// unknown tokens answer 404 magic_link_not_found, used or expired ones 401
// unable_to_auth_magic_link. The email becomes verified and the user active.
func (s *Service) AuthenticateMagicLink(token, codeVerifier string, sr SessionRequest) (*Auth, error) {
	if a, ok, err := s.sandboxMagicLink(token, sr); ok {
		return a, err
	}
	var out Auth
	err := s.Store.Update(func(tx *store.Tx) error {
		ml := tx.MagicLinks.Get(token)
		if ml == nil {
			return E(ErrMagicLinkNotFound, "The magic link could not be found.")
		}
		if ml.Used || !tx.Now.Before(ml.ExpiresAt) {
			return E(ErrUnableToAuthMagicLink,
				"The magic link could not be authenticated because it was either already used or expired.")
		}
		if err := checkPKCE(ml.CodeChallenge, codeVerifier); err != nil {
			return err
		}
		u := tx.Users.Get(ml.UserID)
		if u == nil {
			return ErrUserNotFound.New()
		}
		if err := checkLock(tx, u); err != nil {
			return err
		}
		if _, err := s.CheckSession(tx, u, sr); err != nil {
			return err
		}
		var f store.Factor
		if ml.Kind == store.LinkEmbedded {
			f = NewFactor(tx.Now, "magic_link", "embedded", "embeddable_magic_link_factor", map[string]any{"embedded_id": u.ID})
			out.MethodID = u.ID
		} else {
			_, e := tx.UserByEmailID(ml.EmailID)
			if e == nil {
				return E(ErrEmailNotFound, "The email address of this magic link was removed from the user.")
			}
			e.Verified = true
			f = NewFactor(tx.Now, "magic_link", "email", "email_factor", map[string]any{"email_id": e.ID, "email_address": e.Address})
			out.MethodID = e.ID
		}
		if err := s.Attach(tx, u, f, sr, &out); err != nil {
			return err
		}
		ml.Used = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out)
}
