package flows

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// B2B OAuth. The start URLs are browser endpoints where the emulator plays
// the identity provider (as for Consumer OAuth, see oauth.go): the person
// who signs in is the emulator-only test_identity (an email address,
// default DefaultOAuthIdentity) and, for Slack, HubSpot and GitHub, the
// provider tenants test_tenant names. The redirect carries a single-use
// token that OAuth.Authenticate (oauth) or OAuth.Discovery.Authenticate
// (discovery_oauth) exchanges; the provider's tokens end on the Member's
// OAuth registration, where Organizations.Members.OAuthProviders.* find
// them.

// stytch_token_type values of B2B OAuth redirects.
const (
	tokenTypeB2BOAuth       = "oauth"
	tokenTypeDiscoveryOAuth = "discovery_oauth"
)

// b2bProvider is what the emulator knows of a B2B OAuth provider.
type b2bProvider struct {
	// Type is the provider_type (Google, Microsoft, GitHub, HubSpot, Slack).
	Type string
	// VerifiesEmail: the provider vouches for the address, so the login
	// verifies it and may use email domain provisioning (Stytch: Google
	// and Microsoft; not GitHub, HubSpot or Slack).
	VerifiesEmail bool
	// Tenants: the provider has tenants (workspace, portal, organization)
	// that allowed_oauth_tenants can name.
	Tenants bool
	// Refresh, IDToken: the provider issues a refresh token, an ID token.
	Refresh, IDToken bool
}

// b2bProviders are the B2B OAuth providers by start URL slug.
var b2bProviders = map[string]b2bProvider{
	"google":    {Type: ProviderGoogle, VerifiesEmail: true, Refresh: true, IDToken: true},
	"microsoft": {Type: ProviderMicrosoft, VerifiesEmail: true, Refresh: true, IDToken: true},
	"github":    {Type: ProviderGitHub, Tenants: true},
	"hubspot":   {Type: ProviderHubSpot, Tenants: true, Refresh: true},
	"slack":     {Type: ProviderSlack, Tenants: true},
}

// B2BOAuthStartInput is what a B2B OAuth start URL carries.
type B2BOAuthStartInput struct {
	Provider string
	// OrgRef names the Organization (organization_id or slug); empty for
	// the discovery start.
	OrgRef    string
	Discovery bool
	// Identity is the email address that signs in at the provider; Tenants
	// are its provider tenants (default: one derived from the address).
	Identity                                                  string
	Tenants                                                   []string
	LoginRedirectURL, SignupRedirectURL, DiscoveryRedirectURL string
	CodeChallenge                                             string
	Scopes                                                    []string
}

// StartB2BOAuth plays the identity provider for one B2B OAuth sign-in and
// returns where the browser goes: the discovery redirect URL, or the login
// redirect URL when the address already has a Member in the Organization
// and the sign-up one otherwise (each defaulting to the other, then to the
// emulator's redirect URL), with stytch_token_type and a single-use token.
func (s *Service) StartB2BOAuth(in B2BOAuthStartInput) (string, error) {
	prov, ok := b2bProviders[in.Provider]
	if !ok {
		return "", E(ErrOAuthProviderNotSupported, "%q is not a B2B OAuth provider (google, microsoft, github, hubspot, slack).", in.Provider)
	}
	if in.Identity == "" {
		in.Identity = DefaultOAuthIdentity
	}
	if err := checkEmail(in.Identity); err != nil {
		return "", E(ErrInvalidEmail, "test_identity must be the email address that signs in at the provider.")
	}
	urls := make([]*url.URL, 3)
	for i, raw := range []string{in.LoginRedirectURL, in.SignupRedirectURL, in.DiscoveryRedirectURL} {
		u, err := redirectURL(raw)
		if err != nil {
			return "", err
		}
		urls[i] = u
	}
	if err := s.checkRedirects(redirectArg{in.LoginRedirectURL, ErrInvalidLoginOAuthURL}, redirectArg{in.SignupRedirectURL, ErrInvalidSignupOAuthURL},
		redirectArg{in.DiscoveryRedirectURL, ErrInvalidDiscoveryRedirectURL}); err != nil {
		return "", err
	}
	if !in.Discovery && in.OrgRef == "" {
		return "", E(ErrBadRequest, "Pass organization_id or slug.")
	}
	email := strings.ToLower(in.Identity)
	t := &store.MemberOAuthToken{Provider: in.Provider, Subject: oauthSubject(in.Provider, email), EmailAddress: email,
		Name: nameOf(email), TenantIDs: tenantsOf(prov, in.Tenants, email), CodeChallenge: in.CodeChallenge,
		Scopes: oauthScopes(in.Provider, in.Scopes), AccessToken: store.NewToken()}
	if prov.Refresh {
		t.RefreshToken = store.NewToken()
	}
	if prov.IDToken {
		t.IDToken = store.NewToken()
	}
	var target *url.URL
	tokenType, tok := tokenTypeB2BOAuth, store.NewToken()
	err := s.Store.Update(func(tx *store.Tx) error {
		t.RegistrationID = tx.NewID(KindOAuthMember)
		t.ExpiresAt = tx.Now.Add(OAuthTokenTTL)
		if in.Discovery {
			target, tokenType = urls[2], tokenTypeDiscoveryOAuth
		} else {
			o, err := b2bOrg(tx, in.OrgRef)
			if err != nil {
				return err
			}
			t.OrganizationID = o.ID
			target = pick(tx.B2B.MemberByEmail(o.ID, email) == nil, urls[1], urls[0])
		}
		tx.B2BFactors.OAuthTokens.Put(tok, t)
		return nil
	})
	if err != nil {
		return "", err
	}
	base := s.redirect("")
	if target != nil {
		base = target.String()
	}
	return b2bLinkURL(base, tokenType, tok), nil
}

// nameOf derives the provider's display name from an address's local part
// ("ada.lovelace" gives "Ada Lovelace").
func nameOf(email string) string {
	local, _, _ := strings.Cut(email, "@")
	parts := strings.FieldsFunc(local, func(r rune) bool { return !unicode.IsLetter(r) })
	for i, p := range parts {
		parts[i] = strings.ToUpper(p[:1]) + p[1:]
	}
	return strings.Join(parts, " ")
}

// tenantsOf returns the provider tenants of a sign-in: those asked for, or
// one derived from the address's domain (T… for a Slack workspace, a
// numeric HubSpot portal or GitHub organization); none for a provider
// without tenants.
func tenantsOf(prov b2bProvider, asked []string, email string) []string {
	if !prov.Tenants {
		return []string{}
	}
	if len(asked) > 0 {
		return slices.Clone(asked)
	}
	sum := sha256.Sum256([]byte(prov.Type + ":" + emailDomain(email)))
	n := binary.BigEndian.Uint64(sum[:8])
	if prov.Type == ProviderSlack {
		return []string{fmt.Sprintf("T%08X", uint32(n))}
	}
	return []string{fmt.Sprintf("%d", n%100_000_000)}
}

// liveOAuthToken returns the OAuth redirect token of the kind asked after
// its PKCE check: 400 oauth_token_not_found when unknown or of the other
// kind, 401 unable_to_auth_oauth_token when used or expired.
func liveOAuthToken(tx *store.Tx, token, verifier string, discovery bool) (*store.MemberOAuthToken, error) {
	t := tx.B2BFactors.OAuthTokens.Get(token)
	if t == nil || (t.OrganizationID == "") != discovery {
		return nil, E(ErrOAuthTokenNotFound, "The OAuth token could not be found.")
	}
	if t.Used || !tx.Now.Before(t.ExpiresAt) {
		return nil, E(ErrUnableToAuthOAuthToken, "The OAuth token has been used or has expired.")
	}
	if err := checkPKCE(t.CodeChallenge, verifier); err != nil {
		return nil, err
	}
	return t, nil
}

// tenantAllowed reports whether o provisions Members just in time from
// one of the tenants of a provider login.
func tenantAllowed(o *store.Organization, t *store.MemberOAuthToken) bool {
	if o.OAuthTenantJITProvisioning != Restricted {
		return false
	}
	return slices.ContainsFunc(t.TenantIDs, func(id string) bool { return slices.Contains(o.AllowedOAuthTenants[t.Provider], id) })
}

// oauthJIT decides whether a provider login may create a Member of o: by
// its tenant (oauth_tenant_jit_provisioning RESTRICTED), else by its email
// domain when the provider verifies addresses.
func oauthJIT(o *store.Organization, t *store.MemberOAuthToken) error {
	switch {
	case tenantAllowed(o, t):
		return nil
	case b2bProviders[t.Provider].VerifiesEmail:
		return jitByEmail(o, t.EmailAddress)
	case o.OAuthTenantJITProvisioning == Restricted:
		return E(ErrOAuthTenantJITProvisioningNotAllowed,
			"The %s tenant is not one of the Organization's allowed_oauth_tenants.", t.Provider)
	}
	return E(ErrOAuthTenantJITProvisioningNotAllowed,
		"The Organization does not provision Members just in time by OAuth tenant, and %s does not verify email addresses; invite the address instead.",
		b2bProviders[t.Provider].Type)
}

// discoveryJIT decides whether the address of a discovery intermediate
// session may join o just in time: by the OAuth tenant of its provider
// login, else by email domain (not after the login of a provider that does
// not verify addresses).
func discoveryJIT(o *store.Organization, ist *store.IntermediateSession) error {
	if ist.OAuth != nil {
		return oauthJIT(o, ist.OAuth)
	}
	return jitByEmail(o, ist.EmailAddress)
}

// domainJITUsable reports whether email domain provisioning applies to a
// discovery login with the provider login oauth (nil: none).
func domainJITUsable(oauth *store.MemberOAuthToken) bool {
	return oauth == nil || b2bProviders[oauth.Provider].VerifiesEmail
}

// linkOAuth gives m the OAuth registration of a provider login (or
// updates its registration of the same provider account) with the
// provider's tokens, and returns it.
func linkOAuth(tx *store.Tx, m *store.Member, t *store.MemberOAuthToken) *store.MemberOAuthRegistration {
	prov := b2bProviders[t.Provider]
	i := slices.IndexFunc(m.OAuthRegistrations, func(r store.MemberOAuthRegistration) bool {
		return r.ProviderType == prov.Type && r.Subject == t.Subject
	})
	if i < 0 {
		m.OAuthRegistrations = append(m.OAuthRegistrations, store.MemberOAuthRegistration{ID: t.RegistrationID,
			ProviderType: prov.Type, Subject: t.Subject})
		i = len(m.OAuthRegistrations) - 1
	}
	r := &m.OAuthRegistrations[i]
	r.EmailID, r.TenantIDs = m.EmailID, slices.Clone(t.TenantIDs)
	r.AccessToken, r.RefreshToken, r.IDToken = t.AccessToken, t.RefreshToken, t.IDToken
	r.AccessTokenExpiresAt, r.Scopes = tx.Now.Add(OAuthProviderTTL), slices.Clone(t.Scopes)
	if prov.Type == ProviderSlack {
		r.BotAccessToken, r.BotScopes = "xoxb-"+store.NewToken(), []string{"chat:write"}
	}
	touchMember(tx, m)
	return r
}

// linkDiscoveryOAuth gives m the registration of the provider login of a
// discovery intermediate session, if it carries one, and points the
// session's OAuth factor at it.
func linkDiscoveryOAuth(tx *store.Tx, ist *store.IntermediateSession, m *store.Member) {
	if ist.OAuth == nil {
		return
	}
	r := linkOAuth(tx, m, ist.OAuth)
	for i := range ist.Factors {
		if f := &ist.Factors[i]; f.Type == "oauth" && f.Detail != nil && f.Detail["provider_subject"] == ist.OAuth.Subject {
			f.Detail["id"] = r.ID
		}
	}
}

// oauthFactor is the session factor of a provider login for registration
// id and email id.
func oauthFactor(tx *store.Tx, t *store.MemberOAuthToken, regID, emailID string) store.Factor {
	return NewFactor(tx.Now, "oauth", "oauth_"+t.Provider, oauthProviders[t.Provider].FactorKey,
		map[string]any{"id": regID, "provider_subject": t.Subject, "email_id": emailID})
}

// discoverByTenant lists the Organizations not in listed that a
// discovery OAuth login may join by its provider tenant (found by the
// index of allowed tenants).
func (s *Service) discoverByTenant(tx *store.Tx, fromOrg string, factors []store.Factor, oauth *store.MemberOAuthToken,
	listed map[string]bool) []DiscoveredOrg {
	if oauth == nil || len(oauth.TenantIDs) == 0 {
		return nil
	}
	var ids []string
	for _, tenant := range oauth.TenantIDs {
		for _, o := range tx.B2B.OrganizationsByOAuthTenant(oauth.Provider, tenant) {
			if !listed[o.ID] && !slices.Contains(ids, o.ID) && tenantAllowed(o, oauth) {
				ids = append(ids, o.ID)
			}
		}
	}
	slices.Sort(ids)
	out := make([]DiscoveredOrg, 0, len(ids))
	for _, id := range ids {
		o := tx.B2B.Organizations.Get(id)
		primary, _ := requirements(o, nil, carriedFactors(factors, fromOrg, o, nil))
		out = append(out, DiscoveredOrg{Org: s.orgView(tx, o), MembershipType: MembershipOAuthTenant,
			Details: map[string]any{"provider": oauth.Provider, "tenant_ids": slices.Clone(oauth.TenantIDs)}, PrimaryRequired: primary})
	}
	return out
}
