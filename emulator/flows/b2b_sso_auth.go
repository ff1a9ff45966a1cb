package flows

import (
	"slices"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// AuthenticateSSO exchanges an SSO token for a Member session
// (SSO.Authenticate). The Member is the one registered with the connection
// under the IdP's subject, else the one with the asserted email address;
// without one, the Organization provisions it just in time when its
// sso_jit_provisioning allows the connection (ALL_ALLOWED, or RESTRICTED
// with the connection in sso_jit_provisioning_allowed_connections), and
// refuses with invalid_connection_for_jit_provisioning otherwise. The
// registration records the IdP's subject and attributes (and an OIDC
// login's tokens); its connection and group Roles follow from them. The
// login ends in LoginMember: a session, or an intermediate session when the
// Organization still requires MFA or another primary factor.
func (s *Service) AuthenticateSSO(token, verifier string, req MemberSessionRequest) (*B2BAuth, error) {
	var out B2BAuth
	err := s.Store.Update(func(tx *store.Tx) error {
		t := tx.B2B.SSO.Tokens.Get(token)
		if t == nil || t.Used || !tx.Now.Before(t.ExpiresAt) {
			return E(ErrSSOTokenNotFound, "The SSO token could not be found, or it was already used or has expired.")
		}
		if err := checkPKCE(t.CodeChallenge, verifier); err != nil {
			return err
		}
		c := tx.B2B.SSO.Connections.Peek(t.ConnectionID)
		if c == nil {
			return E(ErrSSOConnectionNotFound, "The SSO connection %s no longer exists.", t.ConnectionID)
		}
		o, err := b2bOrg(tx, t.OrganizationID)
		if err != nil {
			return err
		}
		m := ssoMember(tx, o.ID, c.ID, t.Identity)
		if m == nil {
			if err := ssoJIT(o, c); err != nil {
				return err
			}
			if m, err = s.newMember(tx, o, t.Identity.Email, store.MemberPending); err != nil {
				return err
			}
			out.MemberCreated = true
		}
		if m.Name == "" {
			m.Name = t.Identity.Name
		}
		reg := register(tx, m, c.ID, t)
		factor := NewFactor(tx.Now, "sso", "sso_saml", "saml_sso_factor",
			map[string]any{"id": reg.ID, "provider_id": c.ID, "external_id": t.Identity.Subject})
		if t.Kind == store.SSOKindOIDC {
			factor.DeliveryMethod, factor.DetailKey = "sso_oidc", "oidc_sso_factor"
		}
		if err := s.LoginMember(tx, o, m, LoginStep{Factors: []store.Factor{factor}}, req, &out); err != nil {
			return err
		}
		t.Used = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.finishB2B(&out)
}

// ssoJIT answers whether o provisions Members just in time through c.
func ssoJIT(o *store.Organization, c *store.SSOConnection) error {
	switch o.SSOJITProvisioning {
	case NotAllowed:
		return E(ErrInvalidConnectionForJITProvisioning,
			"The Organization does not provision Members just in time by SSO (sso_jit_provisioning NOT_ALLOWED); invite or create the Member first.")
	case Restricted:
		if !slices.Contains(o.SSOJITProvisioningAllowedConnections, c.ID) {
			return E(ErrInvalidConnectionForJITProvisioning,
				"The Organization provisions Members just in time only through its sso_jit_provisioning_allowed_connections.")
		}
	}
	return nil
}

// register records m's registration with the connection id from the SSO
// token t (its IdP subject and attributes, an OIDC login's tokens), and
// returns it.
func register(tx *store.Tx, m *store.Member, id string, t *store.SSOToken) *store.MemberSSORegistration {
	i := slices.IndexFunc(m.SSORegistrations, func(r store.MemberSSORegistration) bool {
		return r.ConnectionID == id && r.ExternalID == t.Identity.Subject
	})
	if i < 0 {
		kind := KindSAMLRegistration
		if t.Kind == store.SSOKindOIDC {
			kind = KindOIDCRegistration
		}
		m.SSORegistrations = append(m.SSORegistrations, store.MemberSSORegistration{ID: tx.NewID(kind), ConnectionID: id,
			ExternalID: t.Identity.Subject, Scopes: []string{}})
		i = len(m.SSORegistrations) - 1
	}
	r := &m.SSORegistrations[i]
	r.Attributes = store.DeepCopy(&t.Identity).Attributes
	if r.Attributes == nil {
		r.Attributes = map[string]any{}
	}
	if t.Kind == store.SSOKindOIDC {
		r.OIDC, r.AccessToken, r.RefreshToken, r.IDToken = true, t.AccessToken, t.RefreshToken, t.IDToken
		r.AccessTokenExpiresAt, r.Scopes = t.AccessTokenExpiresAt, append([]string{}, t.Scopes...)
	}
	touchMember(tx, m)
	return r
}
