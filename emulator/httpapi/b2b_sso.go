package httpapi

import (
	"context"
	"maps"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// The B2B SSO operations: connections (SAML, OIDC, external) and
// SSO.Authenticate. The browser side (the start URL, the callbacks and the
// emulated identity provider) is in b2b_sso_browser.go.

// B2BSSOGetConnections implements GET /v1/b2b/sso/{organization_id}.
func (a *API) B2BSSOGetConnections(ctx context.Context, req gen.B2BSSOGetConnectionsRequestObject) (gen.B2BSSOGetConnectionsResponseObject, error) {
	out, err := a.svc.GetSSOConnections(req.OrganizationID, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	r := gen.B2BSSOGetConnectionsResponse{RequestID: RequestID(ctx), StatusCode: 200, SAMLConnections: make([]gen.SAMLConnection, 0, len(out.SAML)),
		OIDCConnections: make([]gen.OIDCConnection, 0, len(out.OIDC)), ExternalConnections: make([]gen.Connection, 0, len(out.External))}
	for i := range out.SAML {
		r.SAMLConnections = append(r.SAMLConnections, *samlBody(&out.SAML[i]))
	}
	for i := range out.OIDC {
		r.OIDCConnections = append(r.OIDCConnections, *oidcBody(&out.OIDC[i]))
	}
	for i := range out.External {
		r.ExternalConnections = append(r.ExternalConnections, *externalBody(&out.External[i]))
	}
	return gen.B2BSSOGetConnections200JSONResponse(r), nil
}

// B2BSSODeleteConnection implements DELETE /v1/b2b/sso/{organization_id}/connections/{connection_id}.
func (a *API) B2BSSODeleteConnection(ctx context.Context, req gen.B2BSSODeleteConnectionRequestObject) (gen.B2BSSODeleteConnectionResponseObject, error) {
	if err := a.svc.DeleteSSOConnection(req.OrganizationID, req.ConnectionID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT)); err != nil {
		return nil, err
	}
	return gen.B2BSSODeleteConnection200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, ConnectionID: req.ConnectionID}, nil
}

// B2BSSOSAMLCreateConnection implements POST /v1/b2b/sso/saml/{organization_id}.
func (a *API) B2BSSOSAMLCreateConnection(ctx context.Context, req gen.B2BSSOSAMLCreateConnectionRequestObject) (gen.B2BSSOSAMLCreateConnectionResponseObject, error) {
	b := req.Body
	c, err := a.svc.CreateSAMLConnection(req.OrganizationID, infoOf(ctx).base,
		flows.SSOConnectionInput{DisplayName: b.DisplayName, IdentityProvider: idpName(b.IdentityProvider)},
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSSOSAMLCreateConnection200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: samlBody(c)}, nil
}

// B2BSSOSAMLUpdateConnection implements PUT /v1/b2b/sso/saml/{organization_id}/connections/{connection_id}.
func (a *API) B2BSSOSAMLUpdateConnection(ctx context.Context, req gen.B2BSSOSAMLUpdateConnectionRequestObject) (gen.B2BSSOSAMLUpdateConnectionResponseObject, error) {
	b := req.Body
	in := flows.SAMLUpdate{IdPEntityID: b.IDPEntityID, DisplayName: b.DisplayName, X509Certificate: b.X509Certificate,
		IdPSSOURL: b.IDPSSOURL, AlternativeAudienceURI: b.AlternativeAudienceURI, IdentityProvider: idpName(b.IdentityProvider),
		SigningPrivateKey: b.SigningPrivateKey, NameIDFormat: b.NameidFormat, AlternativeACSURL: b.AlternativeAcsURL,
		EncryptionPrivateKey: b.SAMLEncryptionPrivateKey, IdPInitiatedAuthDisabled: b.IDPInitiatedAuthDisabled,
		AllowGatewayCallback: b.AllowGatewayCallback, AttributeMapping: b.AttributeMapping,
		Roles: samlRoles(b.SAMLConnectionImplicitRoleAssignments, b.SAMLGroupImplicitRoleAssignments)}
	c, err := a.svc.UpdateSAMLConnection(req.OrganizationID, req.ConnectionID, infoOf(ctx).base, in,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSSOSAMLUpdateConnection200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: samlBody(c)}, nil
}

// B2BSSOSAMLUpdateByURL implements PUT /v1/b2b/sso/saml/{organization_id}/connections/{connection_id}/url:
// the metadata is fetched from the emulator's own identity provider in
// process, or over HTTP from a loopback host; any other host is refused.
func (a *API) B2BSSOSAMLUpdateByURL(ctx context.Context, req gen.B2BSSOSAMLUpdateByURLRequestObject) (gen.B2BSSOSAMLUpdateByURLResponseObject, error) {
	caller := b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT)
	if err := a.svc.CheckSAMLConnection(req.OrganizationID, req.ConnectionID, caller); err != nil {
		return nil, err
	}
	base := infoOf(ctx).base
	data, err := a.fetchIdPDocument(ctx, base, req.Body.MetadataURL)
	if err != nil {
		return nil, flows.E(flows.ErrInvalidSAMLMetadataURL, "%v", err)
	}
	md, err := flows.ParseIdPMetadata(data)
	if err != nil {
		return nil, err
	}
	c, err := a.svc.UpdateSAMLConnectionFromMetadata(req.OrganizationID, req.ConnectionID, base, md, caller)
	if err != nil {
		return nil, err
	}
	return gen.B2BSSOSAMLUpdateByURL200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: samlBody(c)}, nil
}

// B2BSSOSAMLDeleteVerificationCertificate implements DELETE /v1/b2b/sso/saml/{organization_id}/connections/{connection_id}/verification_certificates/{certificate_id}.
func (a *API) B2BSSOSAMLDeleteVerificationCertificate(ctx context.Context, req gen.B2BSSOSAMLDeleteVerificationCertificateRequestObject) (gen.B2BSSOSAMLDeleteVerificationCertificateResponseObject, error) {
	if err := a.svc.DeleteSAMLVerificationCertificate(req.OrganizationID, req.ConnectionID, req.CertificateID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT)); err != nil {
		return nil, err
	}
	return gen.B2BSSOSAMLDeleteVerificationCertificate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		CertificateID: req.CertificateID}, nil
}

// B2BSSOSAMLDeleteEncryptionPrivateKey implements DELETE /v1/b2b/sso/saml/{organization_id}/connections/{connection_id}/encryption_private_keys/{private_key_id}.
func (a *API) B2BSSOSAMLDeleteEncryptionPrivateKey(ctx context.Context, req gen.B2BSSOSAMLDeleteEncryptionPrivateKeyRequestObject) (gen.B2BSSOSAMLDeleteEncryptionPrivateKeyResponseObject, error) {
	if err := a.svc.DeleteSAMLEncryptionKey(req.OrganizationID, req.ConnectionID, req.PrivateKeyID,
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT)); err != nil {
		return nil, err
	}
	return gen.B2BSSOSAMLDeleteEncryptionPrivateKey200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200,
		PrivateKeyID: req.PrivateKeyID}, nil
}

// B2BSSOOIDCCreateConnection implements POST /v1/b2b/sso/oidc/{organization_id}.
func (a *API) B2BSSOOIDCCreateConnection(ctx context.Context, req gen.B2BSSOOIDCCreateConnectionRequestObject) (gen.B2BSSOOIDCCreateConnectionResponseObject, error) {
	b := req.Body
	c, err := a.svc.CreateOIDCConnection(req.OrganizationID, infoOf(ctx).base,
		flows.SSOConnectionInput{DisplayName: b.DisplayName, IdentityProvider: idpName(b.IdentityProvider)},
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSSOOIDCCreateConnection200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: oidcBody(c)}, nil
}

// B2BSSOOIDCUpdateConnection implements PUT /v1/b2b/sso/oidc/{organization_id}/connections/{connection_id}.
// A new issuer's discovery document fills the endpoints the request does
// not set; when it cannot be fetched the update still succeeds, with a
// warning.
func (a *API) B2BSSOOIDCUpdateConnection(ctx context.Context, req gen.B2BSSOOIDCUpdateConnectionRequestObject) (gen.B2BSSOOIDCUpdateConnectionResponseObject, error) {
	b := req.Body
	caller := b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT)
	if err := a.svc.CheckOIDCConnection(req.OrganizationID, req.ConnectionID, caller); err != nil {
		return nil, err
	}
	var disc *flows.OIDCDiscovery
	var warning *string
	if b.Issuer != nil && *b.Issuer != "" {
		d, err := flows.DiscoverOIDC(ctx, a.idpClient(infoOf(ctx).base), *b.Issuer)
		if err != nil {
			warning = new("The issuer's discovery document could not be read (" + err.Error() + "); set the endpoints explicitly.")
		} else {
			disc = d
		}
	}
	c, err := a.svc.UpdateOIDCConnection(req.OrganizationID, req.ConnectionID, flows.OIDCUpdate{DisplayName: b.DisplayName,
		ClientID: b.ClientID, ClientSecret: b.ClientSecret, Issuer: b.Issuer, AuthorizationURL: b.AuthorizationURL,
		TokenURL: b.TokenURL, UserinfoURL: b.UserinfoURL, JWKSURL: b.JWKSURL, IdentityProvider: idpName(b.IdentityProvider),
		CustomScopes: b.CustomScopes, AttributeMapping: b.AttributeMapping}, disc, caller)
	if err != nil {
		return nil, err
	}
	return gen.B2BSSOOIDCUpdateConnection200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: oidcBody(c),
		Warning: warning}, nil
}

// B2BSSOExternalCreateConnection implements POST /v1/b2b/sso/external/{organization_id}.
func (a *API) B2BSSOExternalCreateConnection(ctx context.Context, req gen.B2BSSOExternalCreateConnectionRequestObject) (gen.B2BSSOExternalCreateConnectionResponseObject, error) {
	b := req.Body
	c, err := a.svc.CreateExternalConnection(req.OrganizationID, flows.ExternalInput{SourceOrganizationID: b.ExternalOrganizationID,
		SourceConnectionID: b.ExternalConnectionID, DisplayName: b.DisplayName,
		Roles: samlRoles(b.ConnectionImplicitRoleAssignments, b.GroupImplicitRoleAssignments)},
		b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSSOExternalCreateConnection200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: externalBody(c)}, nil
}

// B2BSSOExternalUpdateConnection implements PUT /v1/b2b/sso/external/{organization_id}/connections/{connection_id}.
func (a *API) B2BSSOExternalUpdateConnection(ctx context.Context, req gen.B2BSSOExternalUpdateConnectionRequestObject) (gen.B2BSSOExternalUpdateConnectionResponseObject, error) {
	b := req.Body
	roles := flows.SSORoles{}
	if b.ExternalConnectionImplicitRoleAssignments != nil {
		ids := make([]string, 0, len(b.ExternalConnectionImplicitRoleAssignments))
		for _, r := range b.ExternalConnectionImplicitRoleAssignments {
			ids = append(ids, r.RoleID)
		}
		roles.Connection = &ids
	}
	if b.ExternalGroupImplicitRoleAssignments != nil {
		gs := make([]store.SSOGroupRole, 0, len(b.ExternalGroupImplicitRoleAssignments))
		for _, g := range b.ExternalGroupImplicitRoleAssignments {
			gs = append(gs, store.SSOGroupRole{Group: g.Group, RoleID: g.RoleID})
		}
		roles.Groups = &gs
	}
	c, err := a.svc.UpdateExternalConnection(req.OrganizationID, req.ConnectionID, flows.ExternalInput{DisplayName: b.DisplayName,
		Roles: roles}, b2bCaller(req.Params.MemberSessionToken, req.Params.MemberSessionJWT))
	if err != nil {
		return nil, err
	}
	return gen.B2BSSOExternalUpdateConnection200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, Connection: externalBody(c)}, nil
}

// B2BSSOAuthenticate implements POST /v1/b2b/sso/authenticate.
func (a *API) B2BSSOAuthenticate(ctx context.Context, req gen.B2BSSOAuthenticateRequestObject) (gen.B2BSSOAuthenticateResponseObject, error) {
	b := req.Body
	out, err := a.svc.AuthenticateSSO(b.SSOToken, deref(b.PKCECodeVerifier),
		memberSessionRequest(b.SessionDurationMinutes, b.SessionToken, b.SessionJWT, b.SessionCustomClaims, b.IntermediateSessionToken))
	if err != nil {
		return nil, err
	}
	r := b2bAuthReply(out)
	return gen.B2BSSOAuthenticate200JSONResponse{RequestID: RequestID(ctx), StatusCode: 200, MemberID: r.MemberID,
		OrganizationID: out.Org.ID, Member: r.Member, Organization: r.Organization, SessionToken: r.SessionToken,
		SessionJWT: r.SessionJWT, MemberSession: r.MemberSession, MemberAuthenticated: r.MemberAuthenticated,
		IntermediateSessionToken: r.IntermediateSessionToken, IntermediateSessionTokenExpiresAt: r.IntermediateSessionTokenExpiresAt,
		MFARequired: r.MFARequired, PrimaryRequired: r.PrimaryRequired}, nil
}

// idpName converts an optional identity provider.
func idpName(p *gen.SSOIdentityProvider) *string {
	if p == nil {
		return nil
	}
	return new(string(*p))
}

// samlRoles converts the Role assignments of a SAML or external request
// (nil slices: not given).
func samlRoles(conn []gen.SAMLConnectionImplicitRoleAssignment, groups []gen.SAMLGroupImplicitRoleAssignment) flows.SSORoles {
	var out flows.SSORoles
	if conn != nil {
		ids := make([]string, 0, len(conn))
		for _, r := range conn {
			ids = append(ids, r.RoleID)
		}
		out.Connection = &ids
	}
	if groups != nil {
		gs := make([]store.SSOGroupRole, 0, len(groups))
		for _, g := range groups {
			gs = append(gs, store.SSOGroupRole{Group: g.Group, RoleID: g.RoleID})
		}
		out.Groups = &gs
	}
	return out
}

// samlBody converts a SAML connection.
func samlBody(c *store.SSOConnection) *gen.SAMLConnection {
	s := c.SAML
	out := &gen.SAMLConnection{OrganizationID: c.OrganizationID, ConnectionID: c.ID, Status: c.Status, DisplayName: c.DisplayName,
		IdentityProvider: c.IdentityProvider, IDPEntityID: s.IdPEntityID, IDPSSOURL: s.IdPSSOURL, AcsURL: flows.CallbackURL(c),
		AudienceURI: flows.CallbackURL(c), AlternativeAudienceURI: s.AlternativeAudienceURI, AlternativeAcsURL: s.AlternativeACSURL,
		NameidFormat: s.NameIDFormat, IDPInitiatedAuthDisabled: s.IdPInitiatedAuthDisabled, AllowGatewayCallback: s.AllowGatewayCallback,
		AttributeMapping: orEmpty(maps.Clone(c.AttributeMapping)), SigningCertificates: []gen.X509Certificate{},
		VerificationCertificates: []gen.X509Certificate{}, EncryptionPrivateKeys: []gen.EncryptionPrivateKey{},
		SAMLConnectionImplicitRoleAssignments: []gen.SAMLConnectionImplicitRoleAssignment{},
		SAMLGroupImplicitRoleAssignments:      []gen.SAMLGroupImplicitRoleAssignment{}}
	for _, k := range s.SigningKeys {
		out.SigningCertificates = append(out.SigningCertificates, gen.X509Certificate{CertificateID: k.ID, Certificate: k.Certificate,
			Issuer: "Stytch", CreatedAt: new(k.CreatedAt), ExpiresAt: new(k.ExpiresAt), UpdatedAt: new(k.CreatedAt)})
	}
	for _, v := range s.VerificationCertificates {
		out.VerificationCertificates = append(out.VerificationCertificates, gen.X509Certificate{CertificateID: v.ID,
			Certificate: v.Certificate, Issuer: v.Issuer, CreatedAt: new(v.CreatedAt), ExpiresAt: new(v.ExpiresAt), UpdatedAt: new(v.CreatedAt)})
	}
	for _, k := range s.EncryptionKeys {
		out.EncryptionPrivateKeys = append(out.EncryptionPrivateKeys, gen.EncryptionPrivateKey{PrivateKeyID: k.ID,
			PrivateKey: k.PrivateKey, CreatedAt: new(k.CreatedAt)})
	}
	for _, r := range c.ConnectionRoles {
		out.SAMLConnectionImplicitRoleAssignments = append(out.SAMLConnectionImplicitRoleAssignments, gen.SAMLConnectionImplicitRoleAssignment{RoleID: r})
	}
	for _, g := range c.GroupRoles {
		out.SAMLGroupImplicitRoleAssignments = append(out.SAMLGroupImplicitRoleAssignments, gen.SAMLGroupImplicitRoleAssignment{RoleID: g.RoleID, Group: g.Group})
	}
	return out
}

// oidcBody converts an OIDC connection.
func oidcBody(c *store.SSOConnection) *gen.OIDCConnection {
	o := c.OIDC
	return &gen.OIDCConnection{OrganizationID: c.OrganizationID, ConnectionID: c.ID, Status: c.Status, DisplayName: c.DisplayName,
		RedirectURL: flows.CallbackURL(c), ClientID: o.ClientID, ClientSecret: o.ClientSecret, Issuer: o.Issuer,
		AuthorizationURL: o.AuthorizationURL, TokenURL: o.TokenURL, UserinfoURL: o.UserinfoURL, JWKSURL: o.JWKSURL,
		IdentityProvider: c.IdentityProvider, CustomScopes: o.CustomScopes, AttributeMapping: orEmpty(maps.Clone(c.AttributeMapping))}
}

// externalBody converts an external connection.
func externalBody(c *store.SSOConnection) *gen.Connection {
	out := &gen.Connection{OrganizationID: c.OrganizationID, ConnectionID: c.ID, ExternalOrganizationID: c.External.OrganizationID,
		ExternalConnectionID: c.External.ConnectionID, DisplayName: c.DisplayName, Status: c.Status,
		ExternalConnectionImplicitRoleAssignments: []gen.ConnectionImplicitRoleAssignment{},
		ExternalGroupImplicitRoleAssignments:      []gen.GroupImplicitRoleAssignment{}}
	for _, r := range c.ConnectionRoles {
		out.ExternalConnectionImplicitRoleAssignments = append(out.ExternalConnectionImplicitRoleAssignments, gen.ConnectionImplicitRoleAssignment{RoleID: r})
	}
	for _, g := range c.GroupRoles {
		out.ExternalGroupImplicitRoleAssignments = append(out.ExternalGroupImplicitRoleAssignments, gen.GroupImplicitRoleAssignment{RoleID: g.RoleID, Group: g.Group})
	}
	return out
}

// startURLInput converts the start URL's query.
func startURLInput(p gen.B2BSSOStartURLParams) flows.SSOStartInput {
	return flows.SSOStartInput{ConnectionID: deref(p.ConnectionID), OrganizationID: deref(p.OrganizationID),
		LoginRedirectURL: deref(p.LoginRedirectURL), SignupRedirectURL: deref(p.SignupRedirectURL), CodeChallenge: deref(p.PKCECodeChallenge)}
}

// B2BSSOStartURL implements GET /v1/public/sso/start: the redirect to the
// connection's identity provider.
func (a *API) B2BSSOStartURL(ctx context.Context, req gen.B2BSSOStartURLRequestObject) (gen.B2BSSOStartURLResponseObject, error) {
	target, err := a.svc.StartSSO(startURLInput(req.Params))
	if err != nil {
		return nil, err
	}
	return gen.B2BSSOStartURL302JSONResponse{Headers: gen.B2BSSOStartURL302ResponseHeaders{Location: &target},
		Body: gen.B2BSSOStartURLRedirect{StatusCode: 302, RequestID: RequestID(ctx), RedirectURL: target}}, nil
}
