package flows

import (
	"crypto/rsa"
	"crypto/x509"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/crewjam/saml"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The emulated identity provider: for every SAML or OIDC connection, an
// IdP of its own under /emulator/idp/saml/{connection_id} and
// /emulator/idp/oidc/{connection_id} (served by httpapi.NewSSOIdentityProvider
// and mounted by the control plane), signing with one key of the emulator
// (kept in the state). It registers each connection as its service
// provider or OIDC client the way an administrator would: the SAML
// audience, ACS URL and signing certificate are the connection's; the OIDC
// client id and secret are issued by the IdP (see SSOIdPApp). Who signs in
// is the identity set for the connection through the control plane, else
// DefaultSSOIdentity.

// IdP paths, below the emulator's base URL.
const (
	SSOIdPSAMLPath = "/emulator/idp/saml/"
	SSOIdPOIDCPath = "/emulator/idp/oidc/"
)

// The identity that signs in at the emulated IdP when none is set.
const (
	DefaultSSOIdentity  = "sso.user@example.com"
	defaultSSOFirstName = "SSO"
	defaultSSOLastName  = "User"
)

// SSOIdPCodeTTL is the lifetime of an authorization code of the emulated
// OIDC provider; SSOIdPTokenTTL that of its access and ID tokens.
const (
	SSOIdPCodeTTL  = time.Minute
	SSOIdPTokenTTL = time.Hour
)

// IdPMetadataURL returns the metadata URL of the emulated SAML IdP of
// connection id at base, which is also its entity id (the Issuer of its
// responses).
func IdPMetadataURL(base, id string) string {
	return strings.TrimRight(base, "/") + SSOIdPSAMLPath + id + "/metadata"
}

// IdPSSOURL returns the single sign-on URL of the emulated SAML IdP.
func IdPSSOURL(base, id string) string {
	return strings.TrimRight(base, "/") + SSOIdPSAMLPath + id + "/sso"
}

// IdPIssuer returns the issuer of the emulated OIDC provider of connection
// id at base; its discovery document is at issuer/.well-known/openid-configuration.
func IdPIssuer(base, id string) string { return strings.TrimRight(base, "/") + SSOIdPOIDCPath + id }

// SSOIdPSigner returns the emulated IdP's signing key and certificate,
// generating them on first use (kept in the state, so a restart keeps
// them).
func (s *Service) SSOIdPSigner() (*rsa.PrivateKey, *x509.Certificate, error) {
	var k *store.SSOIdPKey
	_ = s.Store.View(func(tx *store.Tx) error {
		if v := tx.B2B.SSO.IdPKeys.Peek(store.SSOIdPKeyID); v != nil {
			k = store.DeepCopy(v)
		}
		return nil
	})
	if k == nil {
		_, gen, err := newSSOKey(s.Store.Now(), "Stytch Emulator IdP")
		if err != nil {
			return nil, nil, err
		}
		err = s.Store.Update(func(tx *store.Tx) error {
			if v := tx.B2B.SSO.IdPKeys.Peek(store.SSOIdPKeyID); v != nil {
				k = store.DeepCopy(v)
			} else {
				k = &store.SSOIdPKey{ID: store.SSOIdPKeyID, PrivateKey: gen.PrivateKey, Certificate: gen.Certificate, CreatedAt: gen.CreatedAt}
				tx.B2B.SSO.IdPKeys.Put(k.ID, store.DeepCopy(k))
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	key, err := parseRSAKey(k.PrivateKey)
	if err != nil {
		return nil, nil, err
	}
	cert, err := parseCertificate(k.Certificate)
	if err != nil {
		return nil, nil, err
	}
	return key, cert, nil
}

// SSOIdPApp returns the emulated IdP's registration of connection id (a
// SAML or OIDC connection), creating it with fresh OIDC client
// credentials on first use.
func (s *Service) SSOIdPApp(id string) (*store.SSOIdPApp, *store.SSOConnection, error) {
	var app *store.SSOIdPApp
	var conn *store.SSOConnection
	err := s.Store.Update(func(tx *store.Tx) error {
		c := tx.B2B.SSO.Connections.Peek(id)
		if c == nil || c.Kind == store.SSOKindExternal {
			return E(ErrSSOConnectionNotFound, "The emulated identity provider knows no SAML or OIDC connection %s.", id)
		}
		a := tx.B2B.SSO.IdPApps.Get(id)
		if a == nil {
			a = &store.SSOIdPApp{ConnectionID: id, ClientID: "emulator-idp-client-" + store.NewToken()[:16],
				ClientSecret: store.NewToken()}
			tx.B2B.SSO.IdPApps.Put(id, a)
		}
		app, conn = store.DeepCopy(a), store.DeepCopy(c)
		return nil
	})
	return app, conn, err
}

// SetSSOIdPIdentity sets who signs in at the emulated IdP of connection id
// (nil: DefaultSSOIdentity again). The email is required; the subject
// defaults to it.
func (s *Service) SetSSOIdPIdentity(id string, ident *store.SSOIdentity) (*store.SSOIdentity, error) {
	if ident != nil {
		if err := checkEmail(ident.Email); err != nil {
			return nil, err
		}
		ident = store.DeepCopy(ident)
		if ident.Subject == "" {
			ident.Subject = strings.ToLower(ident.Email)
		}
	}
	if _, _, err := s.SSOIdPApp(id); err != nil {
		return nil, err
	}
	err := s.Store.Update(func(tx *store.Tx) error {
		a := tx.B2B.SSO.IdPApps.Get(id)
		if a == nil {
			return E(ErrSSOConnectionNotFound, "No SSO connection %s.", id)
		}
		a.Identity = ident
		return nil
	})
	return s.idpIdentity(id), err
}

// SSOIdPIdentity returns who signs in at the emulated IdP of connection id.
func (s *Service) SSOIdPIdentity(id string) (*store.SSOIdentity, error) {
	if _, _, err := s.SSOIdPApp(id); err != nil {
		return nil, err
	}
	return s.idpIdentity(id), nil
}

// idpIdentity returns who signs in at the IdP of connection id.
func (s *Service) idpIdentity(id string) *store.SSOIdentity {
	var ident *store.SSOIdentity
	_ = s.Store.View(func(tx *store.Tx) error {
		if a := tx.B2B.SSO.IdPApps.Peek(id); a != nil && a.Identity != nil {
			ident = store.DeepCopy(a.Identity)
		}
		return nil
	})
	if ident == nil {
		ident = &store.SSOIdentity{Subject: DefaultSSOIdentity, Email: DefaultSSOIdentity, FirstName: defaultSSOFirstName,
			LastName: defaultSSOLastName}
	}
	if ident.Name == "" {
		ident.Name = strings.TrimSpace(ident.FirstName + " " + ident.LastName)
	}
	return ident
}

// SAMLIdP returns the crewjam/saml IdentityProvider that plays the IdP of
// SAML connection id at base: it signs with the emulator's IdP key at the
// emulator's clock, knows the connection as its service provider (its
// audience, ACS URL, signing and encryption certificates) and signs in the
// connection's identity.
func (s *Service) SAMLIdP(base, id string) (*saml.IdentityProvider, error) {
	_, c, err := s.SSOIdPApp(id)
	if err != nil {
		return nil, err
	}
	if c.Kind != store.SSOKindSAML {
		return nil, E(ErrSSOConnectionNotFound, "%s is not a SAML connection.", id)
	}
	key, cert, err := s.SSOIdPSigner()
	if err != nil {
		return nil, err
	}
	meta, err := url.Parse(IdPMetadataURL(base, id))
	if err != nil {
		return nil, err
	}
	sso, err := url.Parse(IdPSSOURL(base, id))
	if err != nil {
		return nil, err
	}
	now := s.Store.Now()
	sp, err := serviceProvider(c, now)
	if err != nil {
		return nil, err
	}
	md := sp.Metadata()
	if len(c.SAML.EncryptionKeys) == 0 { // assertions are encrypted only for a connection that can decrypt them
		for i := range md.SPSSODescriptors {
			kds := md.SPSSODescriptors[i].KeyDescriptors[:0]
			for _, kd := range md.SPSSODescriptors[i].KeyDescriptors {
				if kd.Use != "encryption" {
					kds = append(kds, kd)
				}
			}
			md.SPSSODescriptors[i].KeyDescriptors = kds
		}
	}
	idp := &saml.IdentityProvider{Signer: key, Key: key, Certificate: cert, MetadataURL: *meta, SSOURL: *sso,
		Clock: dsig.NewFakeClockAt(now), SignatureMethod: dsig.RSASHA256SignatureMethod,
		ServiceProviderProvider: spProvider{md: md},
		SessionProvider:         idpSessions{ident: s.idpIdentity(id), nameIDFormat: c.SAML.NameIDFormat, now: now}}
	return idp, nil
}

// spProvider gives the IdP the connection's service-provider metadata,
// whatever entity id the request names (the IdP endpoint is the
// connection's own).
type spProvider struct{ md *saml.EntityDescriptor }

// GetServiceProvider implements saml.ServiceProviderProvider.
func (p spProvider) GetServiceProvider(*http.Request, string) (*saml.EntityDescriptor, error) {
	return p.md, nil
}

// idpSessions signs in one identity without a login page.
type idpSessions struct {
	ident        *store.SSOIdentity
	nameIDFormat string
	now          time.Time
}

// GetSession implements saml.SessionProvider: the identity's attributes
// under plain names (email, first_name, last_name, name, groups, and its
// extra attributes), NameID the subject.
func (p idpSessions) GetSession(http.ResponseWriter, *http.Request, *saml.IdpAuthnRequest) *saml.Session {
	id := p.ident
	attr := func(name string, vals ...string) saml.Attribute {
		a := saml.Attribute{Name: name, NameFormat: "urn:oasis:names:tc:SAML:2.0:attrname-format:basic"}
		for _, v := range vals {
			a.Values = append(a.Values, saml.AttributeValue{Type: "xs:string", Value: v})
		}
		return a
	}
	custom := []saml.Attribute{attr("email", id.Email)}
	for _, kv := range [][2]string{{"first_name", id.FirstName}, {"last_name", id.LastName}, {"name", id.Name}} {
		if kv[1] != "" {
			custom = append(custom, attr(kv[0], kv[1]))
		}
	}
	if len(id.Groups) > 0 {
		custom = append(custom, attr("groups", id.Groups...))
	}
	for k, v := range id.Attributes {
		if vals := attributeStrings(v); len(vals) > 0 {
			custom = append(custom, attr(k, vals...))
		}
	}
	format := p.nameIDFormat
	if format == "" {
		format = defaultNameIDFormat
	}
	return &saml.Session{ID: store.NewToken(), CreateTime: p.now, ExpireTime: p.now.Add(time.Hour), Index: store.NewToken(),
		NameID: id.Subject, NameIDFormat: format, UserEmail: id.Email, UserGivenName: id.FirstName, UserSurname: id.LastName,
		UserCommonName: id.Name, CustomAttributes: custom}
}
