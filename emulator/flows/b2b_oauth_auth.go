package flows

import (
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The authenticate half of B2B OAuth: the Organization flow ends in
// LoginMember, the discovery flow in an intermediate session.

// B2BOAuthResult is the answer of B2BOAuthAuthenticate: the login and the
// provider login it consumed.
type B2BOAuthResult struct {
	B2BAuth
	// Token is the consumed provider login (subject and the provider's
	// tokens); ProviderType spells the provider as Stytch does (Google).
	Token        store.MemberOAuthToken
	ProviderType string
	// ExpiresAt is when the provider's access token expires.
	ExpiresAt time.Time
}

// B2BOAuthAuthenticate consumes the token of a B2B OAuth redirect
// (OAuth.Authenticate): the address's Member in the Organization, or a
// new active Member when the Organization provisions the provider tenant
// or (for Google and Microsoft) the email domain just in time, gets the
// provider registration and tokens and is logged in through LoginMember.
// Unknown tokens answer 400 oauth_token_not_found, used or expired ones
// 401 unable_to_auth_oauth_token.
func (s *Service) B2BOAuthAuthenticate(token, verifier string, req MemberSessionRequest) (*B2BOAuthResult, error) {
	var out B2BOAuthResult
	err := s.Store.Update(func(tx *store.Tx) error {
		if err := checkMemberSessionArgs(req); err != nil {
			return err
		}
		t, err := liveOAuthToken(tx, token, verifier, false)
		if err != nil {
			return err
		}
		o, err := b2bOrg(tx, t.OrganizationID)
		if err != nil {
			return err
		}
		m := tx.B2B.MemberByEmail(o.ID, t.EmailAddress)
		if m == nil {
			if err := oauthJIT(o, t); err != nil {
				return err
			}
			if m, err = s.newMember(tx, o, t.EmailAddress, store.MemberActive); err != nil {
				return err
			}
			out.MemberCreated = true
		}
		if m.Locked(tx.Now) {
			return ErrUserLocked()
		}
		t.Used = true
		r := linkOAuth(tx, m, t)
		t.RegistrationID = r.ID
		prov := b2bProviders[t.Provider]
		step := LoginStep{Factors: []store.Factor{oauthFactor(tx, t, r.ID, m.EmailID)}, VerifiesEmail: prov.VerifiesEmail}
		if err := s.LoginMember(tx, o, m, step, req, &out.B2BAuth); err != nil {
			return err
		}
		out.MethodID = r.ID
		out.Token, out.ProviderType, out.ExpiresAt = *store.DeepCopy(t), prov.Type, r.AccessTokenExpiresAt
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out.B2BAuth)
}

// B2BOAuthDiscoveryResult is the answer of B2BOAuthDiscoveryAuthenticate.
type B2BOAuthDiscoveryResult struct {
	DiscoveryAuth
	ProviderType, FullName string
	TenantIDs              []string
}

// B2BOAuthDiscoveryAuthenticate consumes the token of a discovery OAuth
// redirect (OAuth.Discovery.Authenticate): an intermediate session holding
// the OAuth factor and the provider login (whose Member, once chosen or
// created, gets the registration and tokens), with the Organizations the
// address can enter, by membership, email domain or provider tenant.
func (s *Service) B2BOAuthDiscoveryAuthenticate(token, verifier string) (*B2BOAuthDiscoveryResult, error) {
	var out B2BOAuthDiscoveryResult
	err := s.Store.Update(func(tx *store.Tx) error {
		t, err := liveOAuthToken(tx, token, verifier, true)
		if err != nil {
			return err
		}
		t.Used = true
		login := store.DeepCopy(t)
		s.newOAuthDiscoverySession(tx, t.EmailAddress, []store.Factor{oauthFactor(tx, t, t.RegistrationID, "")}, login, &out.DiscoveryAuth)
		out.ProviderType, out.FullName, out.TenantIDs = b2bProviders[t.Provider].Type, t.Name, append([]string{}, t.TenantIDs...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
