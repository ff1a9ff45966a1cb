package flows

import (
	"slices"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// RevokeRequest is an RFC 7009 revocation at /oauth2/revoke.
type RevokeRequest struct {
	ProjectID, Token, ClientID, ClientSecret, TokenTypeHint string
}

// RevokeToken revokes a Connected App access token the calling client was
// issued (RFC 7009): introspection then reports it inactive, and UserInfo
// and Sessions.ExchangeAccessToken refuse it. The client authenticates as
// at the token endpoint (invalid_client otherwise); a token that is
// unknown, expired, already revoked or issued to another client is answered
// with success and left alone, as the RFC asks.
func (s *Service) RevokeToken(in RevokeRequest) error {
	if in.ProjectID != "" {
		if err := s.checkProject(in.ProjectID); err != nil {
			return err
		}
	}
	if in.TokenTypeHint != "" && in.TokenTypeHint != "access_token" && in.TokenTypeHint != "refresh_token" {
		return errInvalidRequest("token_type_hint must be access_token or refresh_token.")
	}
	key, _ := s.Store.SigningKey() // before the transaction: the store lock is not reentrant
	return s.Store.Update(func(tx *store.Tx) error {
		c, err := authenticateApp(tx, in.ClientID, in.ClientSecret)
		if err != nil {
			return err
		}
		if _, rec := s.liveAccessToken(tx, &key.PublicKey, in.Token); rec != nil && rec.ClientID == c.ID {
			tx.IDP.Tokens.Delete(rec.JTI)
		}
		return nil
	})
}

// UserInfo returns the OpenID Connect claims of the user behind a live
// Connected App access token, limited to its scopes: sub always; name,
// given_name, family_name (profile); email, email_verified (email);
// phone_number, phone_number_verified (phone). A missing, expired, revoked
// or foreign token is a 401 invalid_token (RFC 6750).
func (s *Service) UserInfo(token string) (map[string]any, error) {
	key, _ := s.Store.SigningKey()
	var out map[string]any
	err := s.Store.View(func(tx *store.Tx) error {
		_, rec := s.liveAccessToken(tx, &key.PublicKey, token)
		if rec == nil {
			return E(ErrInvalidToken, "The access token is invalid, expired or revoked.")
		}
		if m, _ := liveMember(tx, rec.UserID); m != nil {
			out = memberUserInfo(m, rec.Scopes)
			return nil
		}
		u := tx.Users.Peek(rec.UserID)
		out = map[string]any{"sub": u.ID}
		if slices.Contains(rec.Scopes, "profile") {
			setClaim(out, "given_name", u.Name.First)
			setClaim(out, "family_name", u.Name.Last)
			setClaim(out, "name", joinNonEmpty(u.Name.First, u.Name.Last))
		}
		if slices.Contains(rec.Scopes, "email") && len(u.Emails) > 0 {
			out["email"], out["email_verified"] = u.Emails[0].Address, u.Emails[0].Verified
		}
		if slices.Contains(rec.Scopes, "phone") && len(u.Phones) > 0 {
			out["phone_number"], out["phone_number_verified"] = u.Phones[0].Number, u.Phones[0].Verified
		}
		return nil
	})
	return out, err
}

func setClaim(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// Discovery is what the project's OAuth/OIDC discovery documents say,
// relative to the URL the emulator is reached at.
type Discovery struct {
	Issuer, Authorization, Token, UserInfo, JWKS, Revocation, Introspection string
	Scopes                                                                  []string
}

// Discovery returns the discovery metadata for an emulator reached at base
// (scheme://host). The issuer is the one the emulator signs tokens with.
func (s *Service) Discovery(base string) Discovery {
	scopes := []string{"openid", "profile", "email", "phone", "offline_access", FullAccessScope}
	_ = s.Store.View(func(tx *store.Tx) error {
		for _, sc := range tx.Policy.Scopes {
			if !slices.Contains(scopes, sc.Scope) {
				scopes = append(scopes, sc.Scope)
			}
		}
		return nil
	})
	return Discovery{Issuer: s.Issuer(), Authorization: base + "/oauth2/authorize", Token: base + "/v1/oauth2/token",
		UserInfo: base + "/v1/oauth2/userinfo", JWKS: base + "/.well-known/jwks.json", Revocation: base + "/v1/oauth2/revoke",
		Introspection: base + "/v1/oauth2/introspect", Scopes: scopes}
}
