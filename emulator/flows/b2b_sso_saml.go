package flows

import (
	"crypto/rsa"
	"net"
	"net/url"
	"slices"
	"strings"

	"github.com/crewjam/saml"
	"github.com/crewjam/saml/samlsp"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The service-provider side of SAML connections: their updates (by hand or
// from IdP metadata), the certificate and key removals, and the
// crewjam/saml ServiceProvider each login is validated with.

// SAMLUpdate is the input of SSO.SAML.UpdateConnection; nil fields are
// left as they are.
type SAMLUpdate struct {
	IdPEntityID, DisplayName, X509Certificate, IdPSSOURL, AlternativeAudienceURI *string
	IdentityProvider, SigningPrivateKey, NameIDFormat, AlternativeACSURL         *string
	EncryptionPrivateKey                                                         *string
	IdPInitiatedAuthDisabled, AllowGatewayCallback                               *bool
	// AttributeMapping replaces the mapping when not nil.
	AttributeMapping map[string]any
	Roles            SSORoles
}

var nameIDFormats = []string{string(saml.EmailAddressNameIDFormat), string(saml.UnspecifiedNameIDFormat),
	string(saml.PersistentNameIDFormat), string(saml.TransientNameIDFormat)}

// UpdateSAMLConnection updates a SAML connection (SSO.SAML.UpdateConnection);
// it becomes active once its entity id, SSO URL, a verification certificate
// and an attribute mapping are set. base is the URL the emulator was
// reached at (an http IdP URL is accepted there and on loopback hosts).
func (s *Service) UpdateSAMLConnection(orgRef, id, base string, in SAMLUpdate, caller B2BCaller) (*store.SSOConnection, error) {
	var signing *rsa.PrivateKey
	var signingKey store.SSOKey
	if in.SigningPrivateKey != nil {
		var err error
		if signing, err = parseRSAKey(*in.SigningPrivateKey); err != nil {
			return nil, err
		}
		cert, err := selfSigned(signing, s.Store.Now(), ssoCertificateCommonName)
		if err != nil {
			return nil, err
		}
		signingKey = store.SSOKey{PrivateKey: encodeRSAKey(signing), Certificate: cert, CreatedAt: s.Store.Now(),
			ExpiresAt: s.Store.Now().Add(SSOCertificateLifetime)}
	}
	var encKey store.SSOKey
	if in.EncryptionPrivateKey != nil {
		key, err := parseRSAKey(*in.EncryptionPrivateKey)
		if err != nil {
			return nil, err
		}
		cert, err := selfSigned(key, s.Store.Now(), ssoCertificateCommonName)
		if err != nil {
			return nil, err
		}
		encKey = store.SSOKey{PrivateKey: encodeRSAKey(key), Certificate: cert, CreatedAt: s.Store.Now(),
			ExpiresAt: s.Store.Now().Add(SSOCertificateLifetime)}
	}
	var out *store.SSOConnection
	err := s.Store.Update(func(tx *store.Tx) error {
		o, c, err := s.orgConnection(tx, orgRef, id, store.SSOKindSAML, caller, "update")
		if err != nil {
			return err
		}
		sc := c.SAML
		setStr(&c.DisplayName, in.DisplayName)
		setStr(&c.IdentityProvider, in.IdentityProvider)
		setStr(&sc.IdPEntityID, in.IdPEntityID)
		setStr(&sc.AlternativeAudienceURI, in.AlternativeAudienceURI)
		if in.IdPSSOURL != nil {
			if err := checkIdPURL(*in.IdPSSOURL, base); err != nil {
				return err
			}
			sc.IdPSSOURL = *in.IdPSSOURL
		}
		if in.AlternativeACSURL != nil {
			if *in.AlternativeACSURL != "" && !httpURL(*in.AlternativeACSURL) {
				return E(ErrBadRequest, "alternative_acs_url must be an absolute URL.")
			}
			sc.AlternativeACSURL = *in.AlternativeACSURL
		}
		if in.NameIDFormat != nil {
			if !slices.Contains(nameIDFormats, *in.NameIDFormat) {
				return E(ErrBadRequest, "nameid_format must be one of %s.", strings.Join(nameIDFormats, ", "))
			}
			sc.NameIDFormat = *in.NameIDFormat
		}
		if in.IdPInitiatedAuthDisabled != nil {
			sc.IdPInitiatedAuthDisabled = *in.IdPInitiatedAuthDisabled
		}
		if in.AllowGatewayCallback != nil {
			sc.AllowGatewayCallback = *in.AllowGatewayCallback
		}
		if in.X509Certificate != nil {
			if err := addVerificationCert(tx, sc, *in.X509Certificate); err != nil {
				return err
			}
		}
		if signing != nil {
			signingKey.ID = tx.NewID(KindSAMLSigningKey)
			sc.SigningKeys = []store.SSOKey{signingKey}
		}
		if in.EncryptionPrivateKey != nil {
			encKey.ID = tx.NewID(KindSAMLEncryptionKey)
			sc.EncryptionKeys = append(sc.EncryptionKeys, encKey)
		}
		if err := applyRoles(tx, o, c, in.Roles); err != nil {
			return err
		}
		if in.AttributeMapping != nil {
			c.AttributeMapping = in.AttributeMapping
		}
		if in.AttributeMapping != nil || len(c.GroupRoles) > 0 {
			if err := checkMapping(c.AttributeMapping, len(c.GroupRoles) > 0); err != nil {
				return err
			}
		}
		c.Status = connectionStatus(c)
		c.UpdatedAt = tx.Now
		out = store.DeepCopy(c)
		return nil
	})
	return out, err
}

// setStr sets *dst when p is not nil.
func setStr(dst *string, p *string) {
	if p != nil {
		*dst = *p
	}
}

// httpURL reports whether raw is an absolute http(s) URL.
func httpURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// checkIdPURL validates an IdP SSO URL: absolute, and https unless it is on
// a loopback host or on the emulator's own host (base).
func checkIdPURL(raw, base string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return E(ErrSAMLConnectionIDPSSOURLInvalidFormat, "idp_sso_url must be an absolute https URL.")
	}
	if u.Scheme == "http" && !LocalURL(u, base) {
		return E(ErrSAMLConnectionIDPSSOURLNotHTTPS, "idp_sso_url must use https (http is accepted on loopback hosts only).")
	}
	return nil
}

// LocalURL reports whether u is on a loopback host (localhost, 127.0.0.0/8,
// ::1) or on the host of base (the emulator itself), where the emulator
// accepts plain http and fetches IdP documents.
func LocalURL(u *url.URL, base string) bool {
	host := u.Hostname()
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	if b, err := url.Parse(base); err == nil && b.Host != "" && strings.EqualFold(b.Host, u.Host) {
		return true
	}
	return false
}

// addVerificationCert adds an IdP certificate to a SAML connection (a
// certificate already there is not added twice).
func addVerificationCert(tx *store.Tx, sc *store.SAMLSettings, raw string) error {
	cert, err := parseCertificate(raw)
	if err != nil {
		return err
	}
	p := certificatePEM(cert)
	for _, v := range sc.VerificationCertificates {
		if v.Certificate == p {
			return nil
		}
	}
	if len(sc.VerificationCertificates) >= maxVerificationCerts {
		return E(ErrTooManySSOVerificationCertificates,
			"A SAML connection holds at most %d verification certificates; delete one first.", maxVerificationCerts)
	}
	sc.VerificationCertificates = append(sc.VerificationCertificates, store.SSOCertificate{ID: tx.NewID(KindSAMLVerificationKey),
		Certificate: p, Issuer: certificateIssuer(cert), CreatedAt: tx.Now, ExpiresAt: cert.NotAfter})
	return nil
}

// IdPMetadata is what a SAML connection takes from IdP metadata.
type IdPMetadata struct {
	EntityID, SSOURL string
	Certificates     []string
}

// ParseIdPMetadata reads SAML IdP metadata (an EntityDescriptor, or the
// first IdP of an EntitiesDescriptor) with crewjam/saml: its entity id,
// its SSO URL (HTTP-Redirect binding preferred) and signing certificates.
func ParseIdPMetadata(data []byte) (*IdPMetadata, error) {
	ed, err := samlsp.ParseMetadata(data)
	if err != nil {
		return nil, E(ErrInvalidXMLFromSAMLMetadataURL, "The metadata could not be parsed: %v.", err)
	}
	if len(ed.IDPSSODescriptors) == 0 {
		return nil, E(ErrInvalidXMLFromSAMLMetadataURL, "The metadata describes no identity provider (no IDPSSODescriptor).")
	}
	out := &IdPMetadata{EntityID: ed.EntityID}
	d := ed.IDPSSODescriptors[0]
	for _, b := range []string{saml.HTTPRedirectBinding, saml.HTTPPostBinding} {
		for _, sso := range d.SingleSignOnServices {
			if sso.Binding == b && out.SSOURL == "" {
				out.SSOURL = sso.Location
			}
		}
	}
	for _, kd := range d.KeyDescriptors {
		if kd.Use != "" && kd.Use != "signing" {
			continue
		}
		for _, c := range kd.KeyInfo.X509Data.X509Certificates {
			out.Certificates = append(out.Certificates, c.Data)
		}
	}
	if out.EntityID == "" || out.SSOURL == "" || len(out.Certificates) == 0 {
		return nil, E(ErrInvalidXMLFromSAMLMetadataURL, "The metadata lacks the entity id, a single sign-on service or a signing certificate.")
	}
	return out, nil
}

// UpdateSAMLConnectionFromMetadata fills a SAML connection from IdP
// metadata already fetched (SSO.SAML.UpdateByURL): entity id, SSO URL and
// certificates.
func (s *Service) UpdateSAMLConnectionFromMetadata(orgRef, id, base string, md *IdPMetadata, caller B2BCaller) (*store.SSOConnection, error) {
	var out *store.SSOConnection
	err := s.Store.Update(func(tx *store.Tx) error {
		_, c, err := s.orgConnection(tx, orgRef, id, store.SSOKindSAML, caller, "update")
		if err != nil {
			return err
		}
		if err := checkIdPURL(md.SSOURL, base); err != nil {
			return err
		}
		c.SAML.IdPEntityID, c.SAML.IdPSSOURL = md.EntityID, md.SSOURL
		for _, cert := range md.Certificates {
			if err := addVerificationCert(tx, c.SAML, cert); err != nil {
				return err
			}
		}
		c.Status = connectionStatus(c)
		c.UpdatedAt = tx.Now
		out = store.DeepCopy(c)
		return nil
	})
	return out, err
}

// CheckSAMLConnection answers the not-found and RBAC errors of an update by
// URL before anything is fetched.
func (s *Service) CheckSAMLConnection(orgRef, id string, caller B2BCaller) error {
	return s.Store.Update(func(tx *store.Tx) error {
		_, _, err := s.orgConnection(tx, orgRef, id, store.SSOKindSAML, caller, "update")
		return err
	})
}

// DeleteSAMLVerificationCertificate removes an IdP certificate
// (SSO.SAML.DeleteVerificationCertificate); an active connection keeps at
// least one.
func (s *Service) DeleteSAMLVerificationCertificate(orgRef, id, certID string, caller B2BCaller) error {
	return s.Store.Update(func(tx *store.Tx) error {
		_, c, err := s.orgConnection(tx, orgRef, id, store.SSOKindSAML, caller, "update")
		if err != nil {
			return err
		}
		i := slices.IndexFunc(c.SAML.VerificationCertificates, func(v store.SSOCertificate) bool { return v.ID == certID })
		switch {
		case i < 0:
			return E(ErrSSOVerificationKeyNotFound, "The SAML connection has no verification certificate %s.", certID)
		case c.Status == store.SSOActive && len(c.SAML.VerificationCertificates) == 1:
			return E(ErrCannotDeleteLastSSOVerificationKey, "An active SAML connection keeps at least one verification certificate; add another first.")
		}
		c.SAML.VerificationCertificates = slices.Delete(c.SAML.VerificationCertificates, i, i+1)
		c.UpdatedAt = tx.Now
		return nil
	})
}

// DeleteSAMLEncryptionKey removes a private key that decrypts assertions
// (SSO.SAML.DeleteEncryptionPrivateKey).
func (s *Service) DeleteSAMLEncryptionKey(orgRef, id, keyID string, caller B2BCaller) error {
	return s.Store.Update(func(tx *store.Tx) error {
		_, c, err := s.orgConnection(tx, orgRef, id, store.SSOKindSAML, caller, "update")
		if err != nil {
			return err
		}
		i := slices.IndexFunc(c.SAML.EncryptionKeys, func(v store.SSOKey) bool { return v.ID == keyID })
		if i < 0 {
			return E(ErrSSOVerificationKeyNotFound, "The SAML connection has no encryption private key %s.", keyID)
		}
		c.SAML.EncryptionKeys = slices.Delete(c.SAML.EncryptionKeys, i, i+1)
		c.UpdatedAt = tx.Now
		return nil
	})
}
