package httpapi

import (
	"maps"
	"slices"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
	"github.com/stytchkit/stytchkit/gen"
)

// Wire forms of the B2B objects, with every array and object present
// (never null) where the spec requires them.

// orgBody converts an Organization view to the wire Organization.
func orgBody(v *flows.OrgView) gen.Organization {
	o := &v.Organization
	out := gen.Organization{
		OrganizationID: o.ID, OrganizationName: o.Name, OrganizationSlug: o.Slug, OrganizationLogoURL: o.LogoURL,
		OrganizationExternalID: optString(o.ExternalID), SSODefaultConnectionID: optString(o.SSODefaultConnectionID),
		TrustedMetadata: orEmpty(o.TrustedMetadata), CreatedAt: new(o.CreatedAt), UpdatedAt: new(o.UpdatedAt),

		SSOJITProvisioning:                   o.SSOJITProvisioning,
		SSOJITProvisioningAllowedConnections: slices.Clone(nonNil(o.SSOJITProvisioningAllowedConnections)),
		SSOActiveConnections:                 make([]gen.ActiveSSOConnection, 0, len(v.SSOActive)),
		EmailAllowedDomains:                  slices.Clone(nonNil(o.EmailAllowedDomains)),
		EmailJITProvisioning:                 o.EmailJITProvisioning,
		EmailInvites:                         o.EmailInvites,
		ClaimedEmailDomains:                  slices.Clone(nonNil(o.ClaimedEmailDomains)),
		AuthMethods:                          o.AuthMethods,
		AllowedAuthMethods:                   slices.Clone(nonNil(o.AllowedAuthMethods)),
		MFAPolicy:                            o.MFAPolicy,
		MFAMethods:                           o.MFAMethods,
		AllowedMFAMethods:                    slices.Clone(nonNil(o.AllowedMFAMethods)),
		OAuthTenantJITProvisioning:           o.OAuthTenantJITProvisioning,
		AllowedOAuthTenants:                  map[string]any{},
		RBACEmailImplicitRoleAssignments:     make([]gen.EmailImplicitRoleAssignment, 0, len(o.EmailImplicitRoles)),
		FirstPartyConnectedAppsAllowedType:   o.FirstPartyConnectedApps.AllowedType,
		AllowedFirstPartyConnectedApps:       slices.Clone(nonNil(o.FirstPartyConnectedApps.Allowed)),
		ThirdPartyConnectedAppsAllowedType:   o.ThirdPartyConnectedApps.AllowedType,
		AllowedThirdPartyConnectedApps:       slices.Clone(nonNil(o.ThirdPartyConnectedApps.Allowed)),
		CustomRoles:                          make([]gen.CustomRole, 0, len(o.CustomRoles)),
	}
	for k, ids := range o.AllowedOAuthTenants {
		list := make([]any, 0, len(ids))
		for _, id := range ids {
			list = append(list, id)
		}
		out.AllowedOAuthTenants[k] = list
	}
	for _, c := range v.SSOActive {
		out.SSOActiveConnections = append(out.SSOActiveConnections, gen.ActiveSSOConnection{ConnectionID: c.ConnectionID,
			DisplayName: c.DisplayName, IdentityProvider: c.IdentityProvider})
	}
	if c := v.SCIMActive; c != nil {
		out.SCIMActiveConnection = &gen.ActiveSCIMConnection{ConnectionID: c.ConnectionID, DisplayName: c.DisplayName,
			BearerTokenLastFour: c.BearerTokenLastFour, BearerTokenExpiresAt: c.BearerTokenExpiresAt}
	}
	for _, a := range o.EmailImplicitRoles {
		out.RBACEmailImplicitRoleAssignments = append(out.RBACEmailImplicitRoleAssignments, gen.EmailImplicitRoleAssignment{Domain: a.Domain, RoleID: a.RoleID})
	}
	for _, r := range o.CustomRoles {
		out.CustomRoles = append(out.CustomRoles, customRoleBody(r))
	}
	return out
}

func customRoleBody(r store.Role) gen.CustomRole {
	role := gen.CustomRole{RoleID: r.RoleID, Description: r.Description, Permissions: make([]gen.CustomRolePermission, 0, len(r.Permissions))}
	for _, p := range r.Permissions {
		role.Permissions = append(role.Permissions, gen.CustomRolePermission{ResourceID: p.ResourceID, Actions: slices.Clone(nonNil(p.Actions))})
	}
	return role
}

// memberBody converts a Member view to the wire Member.
func memberBody(v *flows.MemberView) gen.Member {
	m := &v.Member
	out := gen.Member{
		OrganizationID: m.OrganizationID, MemberID: m.ID, EmailAddress: m.EmailAddress, EmailAddressVerified: m.EmailVerified,
		Status: m.Status, Name: m.Name, IsBreakglass: m.IsBreakglass, IsAdmin: v.IsAdmin(), MFAEnrolled: m.MFAEnrolled,
		MFAPhoneNumber: optString(m.MFAPhoneNumber), MFAPhoneNumberVerified: m.MFAPhoneVerified, DefaultMFAMethod: m.DefaultMFAMethod,
		ExternalID: optString(m.ExternalID), TrustedMetadata: orEmpty(m.TrustedMetadata), UntrustedMetadata: orEmpty(m.UntrustedMetadata),
		CreatedAt: new(m.CreatedAt), UpdatedAt: new(m.UpdatedAt),
		IsLocked: m.LockExpiresAt != nil, LockCreatedAt: m.LockCreatedAt, LockExpiresAt: m.LockExpiresAt,
		SSORegistrations:      make([]gen.SSORegistration, 0, len(m.SSORegistrations)),
		OAuthRegistrations:    make([]gen.OAuthRegistration, 0, len(m.OAuthRegistrations)),
		RetiredEmailAddresses: make([]gen.RetiredEmail, 0, len(m.RetiredEmails)),
		Roles:                 make([]gen.MemberRole, 0, len(v.Roles)),
	}
	if m.Password != nil {
		out.MemberPasswordID = m.Password.ID
	}
	out.SCIMRegistration = scimRegistrationBody(m)
	if m.TOTP != nil && m.TOTP.Verified {
		out.TOTPRegistrationID = m.TOTP.ID
	}
	for _, r := range m.SSORegistrations {
		out.SSORegistrations = append(out.SSORegistrations, gen.SSORegistration{ConnectionID: r.ConnectionID, ExternalID: r.ExternalID,
			RegistrationID: r.ID, SSOAttributes: orEmpty(r.Attributes)})
	}
	for _, r := range m.OAuthRegistrations {
		out.OAuthRegistrations = append(out.OAuthRegistrations, gen.OAuthRegistration{ProviderType: r.ProviderType,
			ProviderSubject: r.Subject, MemberOAuthRegistrationID: r.ID, ProfilePictureURL: optString(r.ProfilePictureURL),
			Locale: optString(r.Locale)})
	}
	for _, r := range m.RetiredEmails {
		out.RetiredEmailAddresses = append(out.RetiredEmailAddresses, gen.RetiredEmail{EmailID: r.ID, EmailAddress: r.Address})
	}
	for _, r := range v.Roles {
		role := gen.MemberRole{RoleID: r.RoleID, Sources: make([]gen.MemberRoleSource, 0, len(r.Sources))}
		for _, s := range r.Sources {
			role.Sources = append(role.Sources, gen.MemberRoleSource{Type: s.Type, Details: orEmpty(maps.Clone(s.Details))})
		}
		out.Roles = append(out.Roles, role)
	}
	return out
}

// memberSessionBody converts a member session to the wire MemberSession
// (nil for nil).
func memberSessionBody(s *store.MemberSession, roles []string, slug string) *gen.MemberSession {
	if s == nil {
		return nil
	}
	return &gen.MemberSession{MemberSessionID: s.ID, MemberID: s.MemberID, OrganizationID: s.OrganizationID, OrganizationSlug: slug,
		StartedAt: s.StartedAt, LastAccessedAt: s.LastAccessedAt, ExpiresAt: s.ExpiresAt,
		AuthenticationFactors: factorsBody(s.Factors), CustomClaims: orEmpty(s.CustomClaims), Roles: slices.Clone(nonNil(roles))}
}

func mfaRequiredBody(m *flows.MFARequired) *gen.MFARequired {
	if m == nil {
		return nil
	}
	out := &gen.MFARequired{SecondaryAuthInitiated: optString(m.SecondaryAuthInitiated)}
	if m.HasOptions {
		out.MemberOptions = &gen.MemberOptions{MFAPhoneNumber: m.PhoneNumber, TOTPRegistrationID: m.TOTPRegistrationID}
	}
	return out
}

func primaryRequiredBody(p *flows.PrimaryRequired) *gen.PrimaryRequired {
	if p == nil {
		return nil
	}
	return &gen.PrimaryRequired{AllowedAuthMethods: slices.Clone(nonNil(p.AllowedAuthMethods))}
}

// b2bReply is the shape shared by the B2B authenticate responses that may
// stop at an intermediate session.
type b2bReply struct {
	MemberID, SessionToken, SessionJWT, IntermediateSessionToken string
	Member                                                       gen.Member
	Organization                                                 gen.Organization
	MemberAuthenticated                                          bool
	MemberSession                                                *gen.MemberSession
	MFARequired                                                  *gen.MFARequired
	PrimaryRequired                                              *gen.PrimaryRequired
	IntermediateSessionTokenExpiresAt                            *time.Time
}

// b2bAuthReply converts a B2B authentication.
func b2bAuthReply(out *flows.B2BAuth) b2bReply {
	return b2bReply{MemberID: out.Member.ID, SessionToken: out.SessionToken, SessionJWT: out.SessionJWT,
		IntermediateSessionToken: out.IntermediateToken, Member: memberBody(&out.Member), Organization: orgBody(&out.Org),
		MemberAuthenticated: out.Authenticated, MemberSession: memberSessionBody(out.Session, out.Roles, out.Org.Slug),
		MFARequired: mfaRequiredBody(out.MFARequired), PrimaryRequired: primaryRequiredBody(out.PrimaryRequired),
		IntermediateSessionTokenExpiresAt: out.IntermediateExpiresAt}
}

// discoveredBody converts the discovered Organizations.
func discoveredBody(list []flows.DiscoveredOrg) []gen.DiscoveredOrganization {
	out := make([]gen.DiscoveredOrganization, 0, len(list))
	for i := range list {
		d := &list[i]
		org := orgBody(&d.Org)
		ms := &gen.Membership{Type: d.MembershipType, Details: d.Details}
		if d.Member != nil {
			mb := memberBody(d.Member)
			ms.Member = &mb
		}
		out = append(out, gen.DiscoveredOrganization{MemberAuthenticated: d.MemberAuthenticated, Organization: &org,
			Membership: ms, PrimaryRequired: primaryRequiredBody(d.PrimaryRequired), MFARequired: mfaRequiredBody(d.MFARequired)})
	}
	return out
}

// b2bCaller reads the member session headers of a request.
func b2bCaller(token *gen.MemberSessionToken, jwt *gen.MemberSessionJWT) flows.B2BCaller {
	return flows.B2BCaller{SessionToken: token, SessionJWT: jwt}
}

// memberSessionRequest gathers the session fields of a B2B authenticate
// request.
func memberSessionRequest(minutes *int32, token, jwt *string, claims map[string]any, ist *string) flows.MemberSessionRequest {
	return flows.MemberSessionRequest{DurationMinutes: minutes, Token: token, JWT: jwt, CustomClaims: optMap(claims), IntermediateToken: ist}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
