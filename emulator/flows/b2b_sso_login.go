package flows

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"
	"time"

	"github.com/crewjam/saml"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// An SSO login: the start URL sends the browser to the connection's IdP
// (StartSSO), the IdP sends it back to the connection's callback (the SAML
// ACS, SAMLCallback, or the OIDC redirect URL, OIDCCallback in
// b2b_sso_oidc.go), which redirects to the login or sign-up URL with an SSO
// token, and SSO.Authenticate exchanges the token for a Member session
// (AuthenticateSSO).

// SSO lifetimes. Stytch does not publish them; these cover a browser round
// trip through an identity provider.
const (
	SSOFlowTTL  = 10 * time.Minute // from the start URL to the IdP's answer
	SSOTokenTTL = 10 * time.Minute // the token on the redirect URL
)

// tokenTypeSSO is the stytch_token_type of an SSO redirect.
const tokenTypeSSO = "sso"

// SSOStartInput is what the SSO start URL carries.
type SSOStartInput struct {
	ConnectionID, OrganizationID        string
	LoginRedirectURL, SignupRedirectURL string
	CodeChallenge                       string
}

// StartSSO starts a login (the browser endpoint GET /v1/public/sso/start):
// it resolves the connection (named, or the Organization's default or only
// active one), records the login and returns the identity provider's URL
// with a signed SAML AuthnRequest or an OIDC authorization request.
func (s *Service) StartSSO(in SSOStartInput) (string, error) {
	switch {
	case in.ConnectionID == "" && in.OrganizationID == "":
		return "", E(ErrMissingSSOConnectionLocator, "Pass connection_id or organization_id.")
	case in.ConnectionID != "" && in.OrganizationID != "":
		return "", E(ErrTooManySSOConnectionLocators, "Pass connection_id or organization_id, not both.")
	}
	for _, u := range []struct {
		raw string
		t   ErrorType
	}{{in.LoginRedirectURL, ErrInvalidLoginSSOURL}, {in.SignupRedirectURL, ErrInvalidSignupSSOURL}} {
		if u.raw != "" && !httpURL(u.raw) {
			return "", E(u.t, "Redirect URLs must be absolute http(s) URLs.")
		}
	}
	if err := s.checkRedirects(redirectArg{in.LoginRedirectURL, ErrInvalidLoginSSOURL}, redirectArg{in.SignupRedirectURL, ErrInvalidSignupSSOURL}); err != nil {
		return "", err
	}
	var target string
	err := s.Store.Update(func(tx *store.Tx) error {
		c, err := startConnection(tx, in)
		if err != nil {
			return err
		}
		pc := c
		if c.External != nil {
			if pc = tx.B2B.SSO.Connections.Peek(c.External.ConnectionID); pc == nil {
				return E(ErrSSOConnectionNotFound, "The source of external connection %s no longer exists.", c.ID)
			}
		}
		if pc.Status != store.SSOActive {
			return E(ErrRequiresActiveSSOConnection, "The SSO connection %s is not active: complete its IdP details first.", pc.ID)
		}
		f := &store.SSOFlow{ID: store.NewToken(), ConnectionID: c.ID, ProtocolConnectionID: pc.ID, OrganizationID: c.OrganizationID,
			LoginURL: s.redirect(in.LoginRedirectURL), SignupURL: s.redirect(in.SignupRedirectURL),
			CodeChallenge: in.CodeChallenge, ExpiresAt: tx.Now.Add(SSOFlowTTL)}
		if in.LoginRedirectURL == "" && in.SignupRedirectURL != "" {
			f.LoginURL = in.SignupRedirectURL
		}
		if in.SignupRedirectURL == "" && in.LoginRedirectURL != "" {
			f.SignupURL = in.LoginRedirectURL
		}
		if pc.Kind == store.SSOKindSAML {
			target, err = samlStart(pc, f, tx.Now)
		} else {
			target, err = oidcStart(pc, f)
		}
		if err != nil {
			return err
		}
		tx.B2B.SSO.Flows.Put(f.ID, f)
		return nil
	})
	return target, err
}

// startConnection resolves the connection a start URL names.
func startConnection(tx *store.Tx, in SSOStartInput) (*store.SSOConnection, error) {
	if in.ConnectionID != "" {
		c := tx.B2B.SSO.Connections.Peek(in.ConnectionID)
		if c == nil {
			return nil, E(ErrSSOConnectionNotFound, "No SSO connection %s.", in.ConnectionID)
		}
		return c, nil
	}
	o, err := b2bOrg(tx, in.OrganizationID)
	if err != nil {
		return nil, err
	}
	if o.SSODefaultConnectionID != "" {
		if c := tx.B2B.SSO.Connections.Peek(o.SSODefaultConnectionID); c != nil {
			return c, nil
		}
	}
	var active []*store.SSOConnection
	for _, c := range tx.B2B.SSO.OrganizationConnections(o.ID) {
		if c.Status == store.SSOActive {
			active = append(active, c)
		}
	}
	if len(active) != 1 {
		return nil, E(ErrIndeterminateSSOConnectionForOrganization,
			"The Organization has no default SSO connection and %d active ones; pass connection_id.", len(active))
	}
	return active[0], nil
}

// samlStart builds the IdP URL of a SAML login: an AuthnRequest signed
// with the connection's key (HTTP-Redirect binding), the flow id as
// RelayState. It records the request id in f.
func samlStart(c *store.SSOConnection, f *store.SSOFlow, now time.Time) (string, error) {
	sp, err := serviceProvider(c, now)
	if err != nil {
		return "", err
	}
	req, err := sp.MakeAuthenticationRequest(c.SAML.IdPSSOURL, saml.HTTPRedirectBinding, saml.HTTPPostBinding)
	if err != nil {
		return "", err
	}
	if c.SAML.AlternativeACSURL != "" {
		req.AssertionConsumerServiceURL = c.SAML.AlternativeACSURL
	}
	u, err := req.Redirect(f.ID, sp)
	if err != nil {
		return "", err
	}
	f.RequestID = req.ID
	return u.String(), nil
}

// SAMLCallback is the ACS of a SAML connection (POST
// /v1/b2b/sso/callback/{connection_id}): it validates the IdP's response
// with crewjam/saml (signature by a verification certificate, issuer,
// destination and recipient, audience, time window, InResponseTo the
// request of the login named by relayState, replay) and returns the login
// or sign-up URL with an SSO token. Without a login (an IdP-initiated
// response) it needs the connection to allow IdP-initiated logins.
func (s *Service) SAMLCallback(id, samlResponse, relayState string, currentURL url.URL) (string, error) {
	var target string
	err := s.Store.Update(func(tx *store.Tx) error {
		c := tx.B2B.SSO.Connections.Peek(id)
		if c == nil || c.Kind != store.SSOKindSAML {
			return E(ErrSSOConnectionNotFound, "No SAML connection %s.", id)
		}
		if c.Status != store.SSOActive {
			return E(ErrRequiresActiveSSOConnection, "The SAML connection %s is not active.", id)
		}
		if samlResponse == "" {
			return E(ErrMissingSAMLResponse, "The request carries no SAMLResponse form field.")
		}
		f := liveFlow(tx, relayState, c.ID)
		var ids []string
		switch {
		case f != nil:
			ids = []string{f.RequestID}
		case c.SAML.IdPInitiatedAuthDisabled:
			return E(ErrUnsolicitedSAMLResponse, "The RelayState names no login of this connection, and it refuses IdP-initiated logins.")
		}
		raw, err := base64.StdEncoding.DecodeString(samlResponse)
		if err != nil {
			return E(ErrInvalidXMLSAMLResponse, "The SAMLResponse is not base64.")
		}
		sp, err := serviceProvider(c, tx.Now)
		if err != nil {
			return err
		}
		sp.ReplayCache = replayCache{tx}
		a, err := sp.ParseXMLResponse(raw, ids, currentURL)
		if err != nil {
			return samlError(err)
		}
		ident, err := samlIdentity(c, a)
		if err != nil {
			return err
		}
		target = s.finishSSOCallback(tx, c, f, ident, &store.SSOToken{Kind: store.SSOKindSAML})
		return nil
	})
	return target, err
}

// liveFlow returns the unexpired login id of the connection protocolID,
// or nil.
func liveFlow(tx *store.Tx, id, protocolID string) *store.SSOFlow {
	if id == "" {
		return nil
	}
	f := tx.B2B.SSO.Flows.Peek(id)
	if f == nil || f.ProtocolConnectionID != protocolID || !tx.Now.Before(f.ExpiresAt) {
		return nil
	}
	return f
}

// replayCache records consumed assertion ids in the store, so that a SAML
// response is accepted once.
type replayCache struct{ tx *store.Tx }

// Consume implements saml.AssertionReplayCache.
func (r replayCache) Consume(id string, expiresAt time.Time) error {
	if u := r.tx.B2B.SSO.Assertions.Peek(id); u != nil && r.tx.Now.Before(u.ExpiresAt) {
		return saml.ErrAssertionReplayed
	}
	r.tx.B2B.SSO.Assertions.Put(id, &store.SSOAssertionUse{ID: id, ExpiresAt: expiresAt})
	return nil
}

// samlIdentity reads who signed in from an assertion, through the
// connection's attribute mapping (the email falls back to an email-format
// NameID).
func samlIdentity(c *store.SSOConnection, a *saml.Assertion) (store.SSOIdentity, error) {
	attrs := map[string]any{}
	for _, st := range a.AttributeStatements {
		for _, at := range st.Attributes {
			vals := make([]string, 0, len(at.Values))
			for _, v := range at.Values {
				vals = append(vals, v.Value)
			}
			var v any = vals
			if len(vals) == 1 {
				v = vals[0]
			}
			attrs[at.Name] = v
			if at.FriendlyName != "" {
				if _, taken := attrs[at.FriendlyName]; !taken {
					attrs[at.FriendlyName] = v
				}
			}
		}
	}
	ident := store.SSOIdentity{Attributes: attrs}
	if a.Subject != nil && a.Subject.NameID != nil {
		ident.Subject = a.Subject.NameID.Value
	}
	mapped(c.AttributeMapping, attrs, &ident)
	if ident.Email == "" && a.Subject != nil && a.Subject.NameID != nil &&
		a.Subject.NameID.Format == string(saml.EmailAddressNameIDFormat) {
		ident.Email = a.Subject.NameID.Value
	}
	if checkEmail(ident.Email) != nil {
		return ident, E(ErrInvalidSAMLResponseEmail, "The assertion has no valid email address in the attribute mapped to email.")
	}
	ident.Email = strings.ToLower(ident.Email)
	if ident.Subject == "" {
		ident.Subject = ident.Email
	}
	return ident, nil
}

// mapped fills ident's email, names and groups from attrs through an
// attribute mapping (Member field -> attribute or claim name; unmapped
// fields keep what ident has).
func mapped(mapping, attrs map[string]any, ident *store.SSOIdentity) {
	get := func(field string) []string {
		name, _ := mapping[field].(string)
		if name == "" {
			return nil
		}
		return attributeStrings(attrs[name])
	}
	first := func(vs []string, def string) string {
		if len(vs) > 0 && vs[0] != "" {
			return vs[0]
		}
		return def
	}
	ident.Email = first(get("email"), ident.Email)
	ident.FirstName = first(get("first_name"), ident.FirstName)
	ident.LastName = first(get("last_name"), ident.LastName)
	ident.Name = first(get("full_name"), ident.Name)
	if g := get("groups"); g != nil {
		ident.Groups = g
	}
	if ident.Name == "" {
		ident.Name = strings.TrimSpace(ident.FirstName + " " + ident.LastName)
	}
}

// finishSSOCallback consumes the login f (nil for an IdP-initiated one),
// issues the SSO token for ident and returns the redirect: the login URL
// when the Member exists, the sign-up URL otherwise. tok carries the kind
// and the IdP's tokens.
func (s *Service) finishSSOCallback(tx *store.Tx, pc *store.SSOConnection, f *store.SSOFlow, ident store.SSOIdentity, tok *store.SSOToken) string {
	connID, orgID := pc.ID, pc.OrganizationID
	login, signup := s.redirect(""), s.redirect("")
	if f != nil {
		connID, orgID, login, signup = f.ConnectionID, f.OrganizationID, f.LoginURL, f.SignupURL
		tok.CodeChallenge = f.CodeChallenge
		tx.B2B.SSO.Flows.Delete(f.ID)
	}
	tok.Token, tok.ConnectionID, tok.ProtocolConnectionID, tok.OrganizationID = store.NewToken(), connID, pc.ID, orgID
	tok.Identity, tok.ExpiresAt = ident, tx.Now.Add(SSOTokenTTL)
	tx.B2B.SSO.Tokens.Put(tok.Token, tok)
	base := signup
	if ssoMember(tx, orgID, connID, ident) != nil {
		base = login
	}
	return b2bLinkURL(base, tokenTypeSSO, tok.Token)
}

// ssoMember finds the live Member of orgID that ident is: by its
// registration with the connection, else by email address.
func ssoMember(tx *store.Tx, orgID, connID string, ident store.SSOIdentity) *store.Member {
	if m := tx.B2B.MemberByFactorID(store.SSORegistrationKey(connID, ident.Subject)); m != nil &&
		m.OrganizationID == orgID && m.Status != store.MemberDeleted {
		return m
	}
	return tx.B2B.MemberByEmail(orgID, ident.Email)
}

// pkceChallenge is the S256 challenge of a verifier.
func pkceChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
