package flows

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// OAuth lifetimes. Stytch does not publish them; these are generous enough
// for a browser round trip.
const (
	OAuthTokenTTL       = 10 * time.Minute // the token on the redirect URL
	OAuthAttachTokenTTL = 10 * time.Minute
	OAuthProviderTTL    = time.Hour // expires_at of the provider's access token
	// DefaultOAuthIdentity signs in when a start URL names no test_identity
	// (a browser following the real SDK's start URL sends none).
	DefaultOAuthIdentity = "oauth.user@example.com"
)

// oauthProvider is an OAuth provider the session factor schema knows: its
// provider_type as Stytch spells it and the name of its typed factor
// sub-object (a few are not "<provider>_oauth_factor").
type oauthProvider struct{ Name, FactorKey string }

// oauthProviders is keyed by the slug used in start URLs, attach requests
// and delivery methods (oauth_<slug>).
var oauthProviders = map[string]oauthProvider{
	"amazon":     {"Amazon", "amazon_oauth_factor"},
	"apple":      {"Apple", "apple_oauth_factor"},
	"bitbucket":  {"Bitbucket", "bitbucket_oauth_factor"},
	"coinbase":   {"Coinbase", "coinbase_oauth_factor"},
	"discord":    {"Discord", "discord_oauth_factor"},
	"facebook":   {"Facebook", "facebook_oauth_factor"},
	"figma":      {"Figma", "figma_oauth_factor"},
	"github":     {"GitHub", "github_oauth_factor"},
	"gitlab":     {"GitLab", "git_lab_oauth_factor"},
	"google":     {"Google", "google_oauth_factor"},
	"hubspot":    {"HubSpot", "hubspot_oauth_factor"},
	"instagram":  {"Instagram", "instagram_oauth_factor"},
	"linkedin":   {"LinkedIn", "linked_in_oauth_factor"},
	"microsoft":  {"Microsoft", "microsoft_oauth_factor"},
	"salesforce": {"Salesforce", "salesforce_oauth_factor"},
	"shopify":    {"Shopify", "shopify_oauth_factor"},
	"slack":      {"Slack", "slack_oauth_factor"},
	"snapchat":   {"Snapchat", "snapchat_oauth_factor"},
	"spotify":    {"Spotify", "spotify_oauth_factor"},
	"steam":      {"Steam", "steam_oauth_factor"},
	"tiktok":     {"TikTok", "tik_tok_oauth_factor"},
	"twitch":     {"Twitch", "twitch_oauth_factor"},
	"twitter":    {"Twitter", "twitter_oauth_factor"},
	"yahoo":      {"Yahoo", "yahoo_oauth_factor"},
}

// OAuthStartInput is what the emulated identity provider's start URL carries.
type OAuthStartInput struct {
	Provider string
	// Identity is the account that "signs in" at the provider: an email
	// address, or any other string taken as the provider subject.
	Identity                            string
	LoginRedirectURL, SignupRedirectURL string
	CodeChallenge, AttachToken          string
	Scopes                              []string
}

// StartOAuth plays the identity provider for one sign-in: it finds the user
// (by attach token, provider registration or email) or creates one, links
// the provider registration, and returns the redirect URL (login or signup)
// with stytch_token_type=oauth and a single-use token.
func (s *Service) StartOAuth(in OAuthStartInput) (string, error) {
	prov, ok := oauthProviders[in.Provider]
	if !ok {
		return "", E(ErrOAuthProviderNotSupported, "The emulator does not know the OAuth provider %q.", in.Provider)
	}
	if in.Identity == "" {
		in.Identity = DefaultOAuthIdentity
	}
	email, subject := "", in.Identity
	if strings.Contains(in.Identity, "@") {
		if err := checkEmail(in.Identity); err != nil {
			return "", err
		}
		email, subject = strings.ToLower(in.Identity), oauthSubject(in.Provider, in.Identity)
	}
	if err := s.checkRedirects(redirectArg{in.LoginRedirectURL, ErrInvalidLoginOAuthURL},
		redirectArg{in.SignupRedirectURL, ErrInvalidSignupOAuthURL}); err != nil {
		return "", err
	}
	login, err := redirectURL(in.LoginRedirectURL)
	if err != nil {
		return "", err
	}
	signup, err := redirectURL(in.SignupRedirectURL)
	if err != nil {
		return "", err
	}
	if login == nil && signup == nil {
		return "", E(ErrInvalidRedirectURL, "Pass login_redirect_url or signup_redirect_url; the emulator has no default redirect URLs.")
	}
	var target *url.URL
	err = s.Store.Update(func(tx *store.Tx) error {
		u, created, err := s.oauthUser(tx, in, prov.Name, email, subject)
		if err != nil {
			return err
		}
		reg := providerOf(u, prov.Name, subject)
		if reg == nil {
			u.Providers = append(u.Providers, store.Provider{ID: tx.NewID(store.KindOAuth), Type: prov.Name, Subject: subject})
			reg = &u.Providers[len(u.Providers)-1]
		}
		t := store.OAuthToken{UserID: u.ID, RegistrationID: reg.ID, Provider: in.Provider, Subject: subject,
			CodeChallenge: in.CodeChallenge, ExpiresAt: tx.Now.Add(OAuthTokenTTL), AccessToken: store.NewToken(),
			RefreshToken: store.NewToken(), IDToken: store.NewToken(), Scopes: oauthScopes(in.Provider, in.Scopes)}
		if email != "" {
			if holder, e := tx.UserByEmail(email); holder == nil {
				u.Emails = append(u.Emails, store.Email{ID: tx.NewID(store.KindEmail), Address: email})
				t.EmailID = u.Emails[len(u.Emails)-1].ID
			} else if holder.ID == u.ID {
				t.EmailID = e.ID
			}
		}
		tok := store.NewToken()
		tx.OAuth.Tokens.Put(tok, &t)
		target = pick(created, signup, login)
		q := target.Query()
		q.Set("stytch_token_type", "oauth")
		q.Set("token", tok)
		target.RawQuery = q.Encode()
		return nil
	})
	if err != nil {
		return "", err
	}
	return target.String(), nil
}

// oauthUser resolves who signs in: the attach token's user, the holder of
// the provider registration, the holder of the email, or a new user.
func (s *Service) oauthUser(tx *store.Tx, in OAuthStartInput, providerType, email, subject string) (*store.User, bool, error) {
	holder := registrationHolder(tx, providerType, subject)
	if in.AttachToken != "" {
		at := tx.OAuth.AttachTokens.Get(in.AttachToken)
		// Single use, whatever happens next.
		tx.KeepOnError(func(tx *store.Tx) { tx.OAuth.AttachTokens.Delete(in.AttachToken) })
		if at == nil || !tx.Now.Before(at.ExpiresAt) || at.Provider != in.Provider {
			return nil, false, E(ErrInvalidOAuthAttachToken, "The oauth_attach_token is unknown, used, expired or for another provider.")
		}
		u := tx.Users.Get(at.UserID)
		if u == nil {
			return nil, false, ErrUserNotFound.New()
		}
		if holder != nil && holder.ID != u.ID {
			return nil, false, E(ErrDuplicateOAuthRegistration, "This %s account is already linked to another user.", in.Provider)
		}
		return u, false, nil
	}
	if holder != nil {
		return holder, false, nil
	}
	if email != "" {
		if u, _ := tx.UserByEmail(email); u != nil {
			return u, false, nil
		}
	}
	u, err := s.newUser(tx, NewUserInput{})
	return u, err == nil, err
}

// AttachOAuth issues an oauth_attach_token for the user named by user_id or
// a session (OAuthAttach); passing it to the next start links the provider
// to that user.
func (s *Service) AttachOAuth(provider string, userID, token, jwt *string) (string, error) {
	if _, ok := oauthProviders[provider]; !ok {
		return "", E(ErrOAuthProviderNotSupported, "The emulator does not know the OAuth provider %q.", provider)
	}
	var tok string
	err := s.Store.Update(func(tx *store.Tx) error {
		u, err := s.namedUser(tx, userID, token, jwt)
		if err != nil {
			return err
		}
		if u == nil {
			return E(ErrBadRequest, "Pass user_id, session_token or session_jwt.")
		}
		tok = store.NewToken()
		tx.OAuth.AttachTokens.Put(tok, &store.OAuthAttachToken{UserID: u.ID, Provider: provider, ExpiresAt: tx.Now.Add(OAuthAttachTokenTTL)})
		return nil
	})
	return tok, err
}

// OAuthResult is the result of AuthenticateOAuth.
type OAuthResult struct {
	Auth
	// Token is the consumed token: provider, subject, registration and the
	// provider's tokens.
	Token store.OAuthToken
	// ProviderType is the provider as Stytch spells it (e.g. "Google").
	ProviderType string
}

// AuthenticateOAuth consumes the token of a redirect (OAuthAuthenticate).
// Unknown answers 400 oauth_token_not_found, used or expired 401
// unable_to_auth_oauth_token; a token started with a code_challenge needs
// the matching code_verifier (pkce_expected_code_verifier, pkce_mismatch).
func (s *Service) AuthenticateOAuth(token string, verifier *string, req SessionRequest) (*OAuthResult, error) {
	var out OAuthResult
	err := s.Store.Update(func(tx *store.Tx) error {
		t := tx.OAuth.Tokens.Get(token)
		if t == nil {
			return E(ErrOAuthTokenNotFound, "The OAuth token could not be found.")
		}
		u, prov := tx.Users.Get(t.UserID), oauthProviders[t.Provider]
		if u == nil || providerOf(u, prov.Name, t.Subject) == nil {
			return E(ErrOAuthTokenNotFound, "The OAuth token could not be found.")
		}
		if t.Used || !tx.Now.Before(t.ExpiresAt) {
			return E(ErrUnableToAuthOAuthToken, "The OAuth token has been used or has expired.")
		}
		if err := checkPKCE(t.CodeChallenge, deref(verifier)); err != nil {
			return err
		}
		if err := checkLock(tx, u); err != nil {
			return err
		}
		f := NewFactor(tx.Now, "oauth", "oauth_"+t.Provider, prov.FactorKey,
			map[string]any{"id": t.RegistrationID, "provider_subject": t.Subject, "email_id": t.EmailID})
		out.MethodID = t.RegistrationID
		return s.attachThen(tx, u, f, req, &out.Auth, func() {
			t.Used = true
			for i := range u.Emails {
				if u.Emails[i].ID == t.EmailID {
					u.Emails[i].Verified = true
				}
			}
			out.Token, out.ProviderType = *t, prov.Name
		})
	})
	if err != nil {
		return nil, err
	}
	return &out, s.Finish(&out.Auth)
}

func registrationHolder(tx *store.Tx, providerType, subject string) *store.User {
	return tx.UserByProvider(providerType, subject)
}

func providerOf(u *store.User, providerType, subject string) *store.Provider {
	i := slices.IndexFunc(u.Providers, func(p store.Provider) bool { return p.Type == providerType && p.Subject == subject })
	if i < 0 {
		return nil
	}
	return &u.Providers[i]
}

// oauthSubject derives a stable, Google-like 21-digit subject for an email.
func oauthSubject(provider, email string) string {
	sum := sha256.Sum256([]byte(provider + ":" + strings.ToLower(email)))
	return fmt.Sprintf("1%020d", binary.BigEndian.Uint64(sum[:8]))
}

// oauthScopes returns the provider's default scopes plus the custom ones.
func oauthScopes(provider string, custom []string) []string {
	scopes := []string{"email", "profile"}
	if provider == "google" || provider == "microsoft" || provider == "apple" {
		scopes = append([]string{"openid"}, scopes...)
	}
	for _, c := range custom {
		if c != "" && !slices.Contains(scopes, c) {
			scopes = append(scopes, c)
		}
	}
	return scopes
}

// redirectURL parses an optional absolute http(s) redirect URL.
func redirectURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, E(ErrInvalidRedirectURL, "Redirect URLs must be absolute http(s) URLs.")
	}
	return u, nil
}

// pick returns the signup URL for a new user and the login URL otherwise,
// each falling back to the other.
func pick(created bool, signup, login *url.URL) *url.URL {
	if (created && signup != nil) || login == nil {
		return signup
	}
	return login
}
