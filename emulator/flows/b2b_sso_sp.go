package flows

import (
	"encoding/base64"
	"errors"
	"net/url"
	"slices"
	"time"

	"github.com/crewjam/saml"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// The crewjam/saml ServiceProvider of a SAML connection, which starts its
// logins and validates the IdP's responses, and the mapping of its
// validation failures to Stytch's error types.

// serviceProvider returns the crewjam/saml ServiceProvider of a SAML
// connection at now: its entity id and ACS URL (the audience), its signing
// key, its decryption keys and the IdP as the connection describes it.
func serviceProvider(c *store.SSOConnection, now time.Time) (*saml.ServiceProvider, error) {
	acs, err := url.Parse(CallbackURL(c))
	if err != nil {
		return nil, err
	}
	sc := c.SAML
	sp := &saml.ServiceProvider{EntityID: acs.String(), AcsURL: *acs, Clock: dsig.NewFakeClockAt(now),
		AllowIDPInitiated: !sc.IdPInitiatedAuthDisabled, AuthnNameIDFormat: saml.NameIDFormat(sc.NameIDFormat),
		SignatureMethod: dsig.RSASHA256SignatureMethod, IDPMetadata: idpDescriptor(c)}
	if len(sc.SigningKeys) > 0 {
		key, err := parseRSAKey(sc.SigningKeys[0].PrivateKey)
		if err != nil {
			return nil, err
		}
		cert, err := parseCertificate(sc.SigningKeys[0].Certificate)
		if err != nil {
			return nil, err
		}
		sp.Key, sp.Certificate = key, cert
	}
	for i, k := range sc.EncryptionKeys {
		key, err := parseRSAKey(k.PrivateKey)
		if err != nil {
			return nil, err
		}
		sp.DecryptionKeys = append(sp.DecryptionKeys, key)
		if i == len(sc.EncryptionKeys)-1 { // the newest key is advertised for encryption
			cert, err := parseCertificate(k.Certificate)
			if err != nil {
				return nil, err
			}
			sp.EncryptionKey, sp.EncryptionCertificate = key, cert
		}
	}
	if alt := sc.AlternativeAudienceURI; alt != "" {
		sp.ValidateAudienceRestriction = func(a *saml.Assertion) error { return audienceOneOf(a, sp.EntityID, alt) }
	}
	return sp, nil
}

// audienceOneOf accepts an assertion whose every AudienceRestriction names
// one of the audiences.
func audienceOneOf(a *saml.Assertion, audiences ...string) error {
	if a.Conditions == nil || len(a.Conditions.AudienceRestrictions) == 0 {
		return errors.New("the assertion has no AudienceRestriction")
	}
	for i := range a.Conditions.AudienceRestrictions {
		ok := false
		for _, v := range a.Conditions.AudienceRestrictions[i].AllAudiences() {
			ok = ok || slices.Contains(audiences, v.Value)
		}
		if !ok {
			return errors.New("the AudienceRestriction names none of the connection's audiences")
		}
	}
	return nil
}

// idpDescriptor is the IdP metadata a SAML connection stands for.
func idpDescriptor(c *store.SSOConnection) *saml.EntityDescriptor {
	sc := c.SAML
	var certs []saml.X509Certificate
	for _, v := range sc.VerificationCertificates {
		if cert, err := parseCertificate(v.Certificate); err == nil {
			certs = append(certs, saml.X509Certificate{Data: base64.StdEncoding.EncodeToString(cert.Raw)})
		}
	}
	d := saml.IDPSSODescriptor{SingleSignOnServices: []saml.Endpoint{
		{Binding: saml.HTTPRedirectBinding, Location: sc.IdPSSOURL}, {Binding: saml.HTTPPostBinding, Location: sc.IdPSSOURL}}}
	d.ProtocolSupportEnumeration = "urn:oasis:names:tc:SAML:2.0:protocol"
	d.KeyDescriptors = []saml.KeyDescriptor{{Use: "signing", KeyInfo: saml.KeyInfo{X509Data: saml.X509Data{X509Certificates: certs}}}}
	return &saml.EntityDescriptor{EntityID: sc.IdPEntityID, IDPSSODescriptors: []saml.IDPSSODescriptor{d}}
}

// samlError maps a crewjam/saml validation failure to Stytch's error
// types; the message says why (crewjam's reason, which holds no secret).
func samlError(err error) *Error {
	reason := err.Error()
	var ire *saml.InvalidResponseError
	if errors.As(err, &ire) && ire.PrivateErr != nil {
		reason = ire.PrivateErr.Error()
	}
	var bad saml.ErrBadStatus
	switch {
	case errors.Is(err, saml.ErrUntrustedCertificate):
		return E(ErrSAMLCertificateMismatch, "The SAML response is signed with a certificate the connection does not trust: %s.", reason)
	case errors.Is(err, saml.ErrInvalidSignature):
		return E(ErrInvalidSignatureSAMLResponse, "The SAML response signature is invalid: %s.", reason)
	case errors.Is(err, saml.ErrAudienceMismatch):
		return E(ErrInvalidAudienceSAMLResponse, "The SAML assertion is for another audience: %s.", reason)
	case errors.Is(err, saml.ErrExpired):
		return E(ErrExpiredSAMLResponse, "The SAML response has expired: %s.", reason)
	case errors.Is(err, saml.ErrNotYetValid):
		return E(ErrNotYetValidSAMLResponse, "The SAML assertion is not valid yet: %s.", reason)
	case errors.Is(err, saml.ErrAssertionReplayed):
		return E(ErrDuplicateSAMLResponse, "The SAML assertion was already used.")
	case errors.Is(err, saml.ErrRequestIDMismatch):
		return E(ErrUnsolicitedSAMLResponse, "The SAML response answers no login this connection started: %s.", reason)
	case errors.Is(err, saml.ErrMalformedMessage):
		return E(ErrInvalidXMLSAMLResponse, "The SAML response is malformed: %s.", reason)
	case errors.As(err, &bad):
		return E(ErrFailedSAMLResponse, "The identity provider answered with status %s.", bad.Status)
	}
	return E(ErrInvalidSAMLResponse, "The SAML response is invalid: %s.", reason)
}
