package flows

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Organizations: create, get, update, delete, metrics, external id.

// OrgSettings are the fields of an Organization create or update: nil
// leaves a field unchanged (update) or takes its default (create).
type OrgSettings struct {
	Name, Slug, LogoURL, ExternalID *string
	TrustedMetadata                 *map[string]any

	SSODefaultConnectionID               *string
	SSOJITProvisioning                   *string
	SSOJITProvisioningAllowedConnections *[]string

	EmailAllowedDomains  *[]string
	EmailJITProvisioning *string
	EmailInvites         *string
	ClaimedEmailDomains  *[]string

	AuthMethods        *string
	AllowedAuthMethods *[]string
	MFAPolicy          *string
	MFAMethods         *string
	AllowedMFAMethods  *[]string

	EmailImplicitRoles         *[]store.EmailImplicitRole
	OAuthTenantJITProvisioning *string
	AllowedOAuthTenants        *map[string]any

	FirstPartyAppsType, ThirdPartyAppsType *string
	FirstPartyApps, ThirdPartyApps         *[]string
}

// The values each setting accepts.
var (
	slugPattern        = regexp.MustCompile(`^[A-Za-z0-9._~-]{2,128}$`)
	authMethodNames    = []string{"sso", "magic_link", "email_otp", "password", "google_oauth", "microsoft_oauth", "slack_oauth", "github_oauth", "hubspot_oauth"}
	mfaMethodNames     = []string{MFASMS, MFATOTP}
	oauthTenantKinds   = []string{"slack", "hubspot", "github"}
	commonEmailDomains = []string{"gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
		"msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com", "mail.com",
		"yandex.com", "zoho.com"}
)

// newOrganization returns an Organization with Stytch's defaults.
func newOrganization(tx *store.Tx) *store.Organization {
	return &store.Organization{
		ID: tx.NewID(KindOrganization), TrustedMetadata: map[string]any{},
		SSOJITProvisioning: AllAllowed, SSOJITProvisioningAllowedConnections: []string{},
		EmailAllowedDomains: []string{}, EmailJITProvisioning: NotAllowed, EmailInvites: AllAllowed,
		ClaimedEmailDomains: []string{}, AuthMethods: AllAllowed, AllowedAuthMethods: []string{},
		MFAPolicy: MFAOptional, MFAMethods: AllAllowed, AllowedMFAMethods: []string{},
		OAuthTenantJITProvisioning: NotAllowed, AllowedOAuthTenants: map[string][]string{},
		FirstPartyConnectedApps: store.AppAllowList{AllowedType: AllAllowed, Allowed: []string{}},
		ThirdPartyConnectedApps: store.AppAllowList{AllowedType: AllAllowed, Allowed: []string{}},
		EmailImplicitRoles:      []store.EmailImplicitRole{}, CustomRoles: []store.Role{},
		CreatedAt: tx.Now, UpdatedAt: tx.Now,
	}
}

// CreateOrganization creates an Organization (Organizations.Create). The
// name is required (1 to 128 characters); a missing slug is derived from
// it; slugs and external ids are unique in the project.
func (s *Service) CreateOrganization(in OrgSettings) (*OrgView, error) {
	var out OrgView
	err := s.Store.Update(func(tx *store.Tx) error {
		if in.Name == nil {
			return BadRequest("organization_name_missing", "organization_name is required.")
		}
		o, err := s.createOrganization(tx, in)
		if err != nil {
			return err
		}
		out = s.orgView(tx, o)
		return nil
	})
	return &out, err
}

// createOrganization stores a new Organization built from in.
func (s *Service) createOrganization(tx *store.Tx, in OrgSettings) (*store.Organization, error) {
	o := newOrganization(tx)
	if in.Slug == nil && in.Name != nil {
		slug := uniqueSlug(tx, *in.Name)
		in.Slug = &slug
	}
	if err := applyOrgSettings(tx, o, in); err != nil {
		return nil, err
	}
	tx.B2B.Organizations.Put(o.ID, o)
	return o, nil
}

// uniqueSlug derives a free slug from an Organization name.
func uniqueSlug(tx *store.Tx, name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '~':
			b.WriteRune(r)
		default:
			if !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	base := strings.Trim(b.String(), "-")
	if len(base) > 100 {
		base = base[:100]
	}
	if len(base) < 2 {
		base = "organization"
	}
	slug := base
	for n := 2; tx.B2B.OrganizationBySlug(slug) != nil; n++ {
		slug = base + "-" + strconv.Itoa(n)
	}
	return slug
}

// applyOrgSettings validates in and applies it to o.
func applyOrgSettings(tx *store.Tx, o *store.Organization, in OrgSettings) error {
	if in.Name != nil {
		if n := len([]rune(strings.TrimSpace(*in.Name))); n < 1 || n > 128 {
			return BadRequest("invalid_organization_name", "organization_name must be 1 to 128 characters.")
		}
		o.Name = *in.Name
	}
	if in.Slug != nil {
		if !slugPattern.MatchString(*in.Slug) {
			return BadRequest("invalid_organization_slug",
				"organization_slug must be 2 to 128 characters: letters, digits, '-', '.', '_' or '~'.")
		}
		if other := tx.B2B.OrganizationBySlug(*in.Slug); other != nil && other.ID != o.ID {
			return BadRequest("organization_slug_already_used", "Another Organization already uses this slug.")
		}
		o.Slug = *in.Slug
	}
	if in.LogoURL != nil {
		if len(*in.LogoURL) > 2048 {
			return BadRequest("organization_logo_url_too_long", "organization_logo_url is at most 2048 characters.")
		}
		o.LogoURL = *in.LogoURL
	}
	if in.ExternalID != nil {
		if err := setOrgExternalID(tx, o, *in.ExternalID); err != nil {
			return err
		}
	}
	if in.TrustedMetadata != nil {
		o.TrustedMetadata = mergeMetadata(o.TrustedMetadata, *in.TrustedMetadata)
	}
	if err := applyAuthSettings(tx, o, in); err != nil {
		return err
	}
	if in.EmailImplicitRoles != nil {
		p := orgPolicy(tx, o)
		out := make([]store.EmailImplicitRole, 0, len(*in.EmailImplicitRoles))
		for _, a := range *in.EmailImplicitRoles {
			if !roleDefined(p, a.RoleID) {
				return BadRequest("invalid_rbac_role_id", "Role %q is not defined in the project's or the Organization's RBAC policy.", a.RoleID)
			}
			if err := checkDomain(a.Domain); err != nil {
				return err
			}
			out = append(out, store.EmailImplicitRole{Domain: strings.ToLower(a.Domain), RoleID: a.RoleID})
		}
		o.EmailImplicitRoles = out
	}
	if err := applyAppLists(o, in); err != nil {
		return err
	}
	o.UpdatedAt = tx.Now
	return nil
}

// setOrgExternalID sets (or, with "", clears) the external id, unique in
// the project.
func setOrgExternalID(tx *store.Tx, o *store.Organization, id string) error {
	if id != "" {
		if err := checkExternalID(id); err != nil {
			return err
		}
		if other := tx.B2B.OrganizationByExternalID(id); other != nil && other.ID != o.ID {
			return BadRequest("duplicate_organization_external_id", "Another Organization already uses this external id.")
		}
	}
	o.ExternalID = id
	return nil
}

// applyAuthSettings validates and applies the authentication settings.
func applyAuthSettings(tx *store.Tx, o *store.Organization, in OrgSettings) error {
	enum := func(p *string, dst *string, allowed ...string) error {
		if p == nil {
			return nil
		}
		if !slices.Contains(allowed, *p) {
			return BadRequest("invalid_organization_auth_factor_setting", "%q is not one of %s.", *p, strings.Join(allowed, ", "))
		}
		*dst = *p
		return nil
	}
	for _, e := range []struct {
		p, dst  *string
		allowed []string
	}{
		{in.SSOJITProvisioning, &o.SSOJITProvisioning, []string{AllAllowed, Restricted, NotAllowed}},
		{in.EmailJITProvisioning, &o.EmailJITProvisioning, []string{Restricted, NotAllowed}},
		{in.EmailInvites, &o.EmailInvites, []string{AllAllowed, Restricted, NotAllowed}},
		{in.AuthMethods, &o.AuthMethods, []string{AllAllowed, Restricted}},
		{in.MFAMethods, &o.MFAMethods, []string{AllAllowed, Restricted}},
		{in.OAuthTenantJITProvisioning, &o.OAuthTenantJITProvisioning, []string{Restricted, NotAllowed}},
	} {
		if err := enum(e.p, e.dst, e.allowed...); err != nil {
			return err
		}
	}
	if in.MFAPolicy != nil {
		if *in.MFAPolicy != MFAOptional && *in.MFAPolicy != MFARequiredAll {
			return BadRequest("invalid_organization_mfa_policy", "mfa_policy must be OPTIONAL or REQUIRED_FOR_ALL.")
		}
		o.MFAPolicy = *in.MFAPolicy
	}
	if in.AllowedAuthMethods != nil {
		for _, m := range *in.AllowedAuthMethods {
			if !slices.Contains(authMethodNames, m) {
				return BadRequest("invalid_organization_allowed_auth_methods", "%q is not an authentication method (%s).", m, strings.Join(authMethodNames, ", "))
			}
		}
		o.AllowedAuthMethods = dedupe(*in.AllowedAuthMethods)
	}
	if in.AllowedMFAMethods != nil {
		for _, m := range *in.AllowedMFAMethods {
			if !slices.Contains(mfaMethodNames, m) {
				return BadRequest("invalid_organization_allowed_mfa_methods", "%q is not an MFA method (sms_otp, totp).", m)
			}
		}
		o.AllowedMFAMethods = dedupe(*in.AllowedMFAMethods)
	}
	if in.EmailAllowedDomains != nil {
		ds, err := checkDomains(*in.EmailAllowedDomains)
		if err != nil {
			return err
		}
		o.EmailAllowedDomains = ds
	}
	if in.ClaimedEmailDomains != nil {
		ds, err := checkDomains(*in.ClaimedEmailDomains)
		if err != nil {
			return err
		}
		o.ClaimedEmailDomains = ds
	}
	if in.SSOJITProvisioningAllowedConnections != nil {
		o.SSOJITProvisioningAllowedConnections = dedupe(*in.SSOJITProvisioningAllowedConnections)
	}
	if in.SSODefaultConnectionID != nil {
		o.SSODefaultConnectionID = *in.SSODefaultConnectionID
	}
	if in.AllowedOAuthTenants != nil {
		tenants, err := checkOAuthTenants(*in.AllowedOAuthTenants)
		if err != nil {
			return err
		}
		o.AllowedOAuthTenants = tenants
	}
	switch {
	case o.AuthMethods == Restricted && len(o.AllowedAuthMethods) == 0:
		return BadRequest("allowed_auth_methods_required_for_restricted", "auth_methods RESTRICTED needs at least one allowed_auth_methods entry.")
	case o.MFAMethods == Restricted && len(o.AllowedMFAMethods) == 0:
		return BadRequest("allowed_mfa_methods_required_for_restricted", "mfa_methods RESTRICTED needs at least one allowed_mfa_methods entry.")
	case (o.EmailJITProvisioning == Restricted || o.EmailInvites == Restricted) && len(o.EmailAllowedDomains) == 0:
		return BadRequest("invalid_restricted_email_setting", "email_jit_provisioning or email_invites RESTRICTED needs at least one email_allowed_domains entry.")
	case o.OAuthTenantJITProvisioning == Restricted && len(o.AllowedOAuthTenants) == 0:
		return BadRequest("invalid_restricted_oauth_tenants_setting", "oauth_tenant_jit_provisioning RESTRICTED needs allowed_oauth_tenants.")
	}
	return nil
}

// applyAppLists applies the Connected Apps settings.
func applyAppLists(o *store.Organization, in OrgSettings) error {
	for _, l := range []struct {
		typ  *string
		ids  *[]string
		dst  *store.AppAllowList
		name string
	}{
		{in.FirstPartyAppsType, in.FirstPartyApps, &o.FirstPartyConnectedApps, "first_party"},
		{in.ThirdPartyAppsType, in.ThirdPartyApps, &o.ThirdPartyConnectedApps, "third_party"},
	} {
		if l.typ != nil {
			if !slices.Contains([]string{AllAllowed, Restricted, NotAllowed}, *l.typ) {
				return BadRequest("invalid_organization_auth_factor_setting", "%s_connected_apps_allowed_type must be ALL_ALLOWED, RESTRICTED or NOT_ALLOWED.", l.name)
			}
			l.dst.AllowedType = *l.typ
		}
		if l.ids != nil {
			l.dst.Allowed = dedupe(*l.ids)
		}
	}
	return nil
}

// checkDomain refuses a malformed email domain or a common public one.
func checkDomain(d string) error {
	d = strings.ToLower(strings.TrimSpace(d))
	if d == "" || strings.ContainsAny(d, "@ /") || !strings.Contains(d, ".") || strings.HasPrefix(d, ".") || strings.HasSuffix(d, ".") {
		return BadRequest("organization_settings_invalid_domain", "%q is not an email domain.", d)
	}
	if slices.Contains(commonEmailDomains, d) {
		return BadRequest("organization_settings_domain_too_common", "%q is a common public email domain and cannot be used.", d)
	}
	return nil
}

// checkDomains validates and lower-cases a domain list.
func checkDomains(ds []string) ([]string, error) {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		if err := checkDomain(d); err != nil {
			return nil, err
		}
		d = strings.ToLower(strings.TrimSpace(d))
		if slices.Contains(out, d) {
			return nil, BadRequest("organization_settings_duplicate_domain", "%q is listed twice.", d)
		}
		out = append(out, d)
	}
	return out, nil
}

// checkOAuthTenants reads allowed_oauth_tenants: provider -> list of
// tenant ids.
func checkOAuthTenants(in map[string]any) (map[string][]string, error) {
	out := map[string][]string{}
	for k, v := range in {
		if !slices.Contains(oauthTenantKinds, k) {
			return nil, BadRequest("invalid_oauth_allowed_tenants_format", "allowed_oauth_tenants keys are slack, hubspot or github, not %q.", k)
		}
		list, ok := v.([]any)
		if !ok {
			return nil, BadRequest("invalid_oauth_allowed_tenants_format", "allowed_oauth_tenants.%s must be a list of tenant ids.", k)
		}
		for _, e := range list {
			id, ok := e.(string)
			if !ok || id == "" {
				return nil, BadRequest("invalid_oauth_allowed_tenants_format", "allowed_oauth_tenants.%s must be a list of tenant ids.", k)
			}
			out[k] = append(out[k], id)
		}
	}
	return out, nil
}

func dedupe(in []string) []string {
	out := make([]string, 0, len(in))
	for _, v := range in {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// GetOrganization returns an Organization by id, slug or external id.
func (s *Service) GetOrganization(ref string) (*OrgView, error) {
	var out OrgView
	err := s.Store.View(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, ref)
		if err != nil {
			return err
		}
		out = s.orgView(tx, o)
		return nil
	})
	return &out, err
}

// orgUpdateNeeds lists the stytch.organization actions an update of the
// given fields needs (documented per field); settings Stytch documents no
// action for are granted only by a wildcard.
func orgUpdateNeeds(in OrgSettings) []RBACNeed {
	var needs []RBACNeed
	need := func(set bool, action string) {
		if set && !slices.ContainsFunc(needs, func(n RBACNeed) bool { return n.Action == action }) {
			needs = append(needs, RBACNeed{Resource: ResourceOrganization, Action: action})
		}
	}
	need(in.Name != nil, "update.info.name")
	need(in.Slug != nil, "update.info.slug")
	need(in.LogoURL != nil, "update.info.logo-url")
	need(in.ExternalID != nil, "update.info.external-id")
	need(in.SSODefaultConnectionID != nil, "update.settings.default-sso-connection")
	need(in.SSOJITProvisioning != nil || in.SSOJITProvisioningAllowedConnections != nil, "update.settings.sso-jit-provisioning")
	need(in.EmailAllowedDomains != nil, "update.settings.allowed-domains")
	need(in.EmailJITProvisioning != nil, "update.settings.email-jit-provisioning")
	need(in.EmailInvites != nil, "update.settings.email-invites")
	need(in.AuthMethods != nil || in.AllowedAuthMethods != nil, "update.settings.allowed-auth-methods")
	need(in.MFAPolicy != nil, "update.settings.mfa-policy")
	need(in.MFAMethods != nil || in.AllowedMFAMethods != nil, "update.settings.allowed-mfa-methods")
	need(in.EmailImplicitRoles != nil, "update.settings.implicit-roles")
	need(in.OAuthTenantJITProvisioning != nil, "update.settings.oauth-tenant-jit-provisioning")
	need(in.AllowedOAuthTenants != nil, "update.settings.allowed-oauth-tenants")
	need(in.ClaimedEmailDomains != nil, "update.settings.claimed-email-domains")
	need(in.FirstPartyAppsType != nil || in.FirstPartyApps != nil, "update.settings.first-party-connected-apps")
	need(in.ThirdPartyAppsType != nil || in.ThirdPartyApps != nil, "update.settings.third-party-connected-apps")
	return needs
}

// UpdateOrganization updates the given fields of an Organization
// (Organizations.Update). With a member session header each field needs
// its action on stytch.organization, and trusted_metadata is refused.
func (s *Service) UpdateOrganization(ref string, in OrgSettings, caller B2BCaller) (*OrgView, error) {
	var out OrgView
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, ref)
		if err != nil {
			return err
		}
		if caller.Set() && in.TrustedMetadata != nil {
			return Unauthorized("cannot_update_trusted_metadata", "trusted_metadata cannot be updated with a member session.")
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", orgUpdateNeeds(in)...); err != nil {
			return err
		}
		if err := applyOrgSettings(tx, o, in); err != nil {
			return err
		}
		out = s.orgView(tx, o)
		return nil
	})
	return &out, err
}

// DeleteOrganization deletes an Organization with all its Members and
// their sessions (Organizations.Delete); a member session needs delete on
// stytch.organization. It returns the organization_id.
func (s *Service) DeleteOrganization(ref string, caller B2BCaller) (string, error) {
	var id string
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, ref)
		if err != nil {
			return err
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceOrganization, Action: "delete"}); err != nil {
			return err
		}
		id = o.ID
		for _, mid := range tx.B2B.OrganizationMemberIDs(o.ID) {
			s.forgetMemberGrants(tx, mid)
		}
		tx.B2B.DeleteOrganization(o.ID)
		return nil
	})
	return id, err
}

// DeleteOrganizationExternalID clears an Organization's external id.
func (s *Service) DeleteOrganizationExternalID(ref string, caller B2BCaller) (*OrgView, error) {
	var out OrgView
	err := s.Store.Update(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, ref)
		if err != nil {
			return err
		}
		if _, err := s.AuthorizeMemberCall(tx, caller, o.ID, "", RBACNeed{Resource: ResourceOrganization, Action: "update.info.external-id"}); err != nil {
			return err
		}
		o.ExternalID, o.UpdatedAt = "", tx.Now
		out = s.orgView(tx, o)
		return nil
	})
	return &out, err
}

// OrganizationMemberCount returns the number of Members of an Organization
// that are not deleted (Organizations.Metrics).
func (s *Service) OrganizationMemberCount(ref string) (int, error) {
	n := 0
	err := s.Store.View(func(tx *store.Tx) error {
		o, err := b2bOrg(tx, ref)
		if err != nil {
			return err
		}
		for _, id := range tx.B2B.OrganizationMemberIDs(o.ID) {
			if tx.B2B.Members.Peek(id).Status != store.MemberDeleted {
				n++
			}
		}
		return nil
	})
	return n, err
}
