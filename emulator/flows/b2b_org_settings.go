package flows

import (
	"slices"
	"strings"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Validation of Organization settings and the RBAC actions their updates need.

// applyAuthSettings validates and applies the authentication settings.
func applyAuthSettings(tx *store.Tx, o *store.Organization, in OrgSettings) error {
	enum := func(p *string, dst *string, allowed ...string) error {
		if p == nil {
			return nil
		}
		if !slices.Contains(allowed, *p) {
			return E(ErrInvalidOrganizationAuthFactorSetting, "%q is not one of %s.", *p, strings.Join(allowed, ", "))
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
			return E(ErrInvalidOrganizationMFAPolicy, "mfa_policy must be OPTIONAL or REQUIRED_FOR_ALL.")
		}
		o.MFAPolicy = *in.MFAPolicy
	}
	if in.AllowedAuthMethods != nil {
		for _, m := range *in.AllowedAuthMethods {
			if !slices.Contains(authMethodNames, m) {
				return E(ErrInvalidOrganizationAllowedAuthMethods, "%q is not an authentication method (%s).", m, strings.Join(authMethodNames, ", "))
			}
		}
		o.AllowedAuthMethods = dedupe(*in.AllowedAuthMethods)
	}
	if in.AllowedMFAMethods != nil {
		for _, m := range *in.AllowedMFAMethods {
			if !slices.Contains(mfaMethodNames, m) {
				return E(ErrInvalidOrganizationAllowedMFAMethods, "%q is not an MFA method (sms_otp, totp).", m)
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
	if in.SSODefaultConnectionID != nil || in.SSOJITProvisioning != nil || in.SSOJITProvisioningAllowedConnections != nil {
		if err := checkSSOSettings(tx, o); err != nil {
			return err
		}
	}
	switch {
	case o.AuthMethods == Restricted && len(o.AllowedAuthMethods) == 0:
		return E(ErrAllowedAuthMethodsRequiredForRestricted, "auth_methods RESTRICTED needs at least one allowed_auth_methods entry.")
	case o.MFAMethods == Restricted && len(o.AllowedMFAMethods) == 0:
		return E(ErrAllowedMFAMethodsRequiredForRestricted, "mfa_methods RESTRICTED needs at least one allowed_mfa_methods entry.")
	case (o.EmailJITProvisioning == Restricted || o.EmailInvites == Restricted) && len(o.EmailAllowedDomains) == 0:
		return E(ErrInvalidRestrictedEmailSetting, "email_jit_provisioning or email_invites RESTRICTED needs at least one email_allowed_domains entry.")
	case o.OAuthTenantJITProvisioning == Restricted && len(o.AllowedOAuthTenants) == 0:
		return E(ErrInvalidRestrictedOAuthTenantsSetting, "oauth_tenant_jit_provisioning RESTRICTED needs allowed_oauth_tenants.")
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
				return E(ErrInvalidOrganizationAuthFactorSetting, "%s_connected_apps_allowed_type must be ALL_ALLOWED, RESTRICTED or NOT_ALLOWED.", l.name)
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
		return E(ErrOrganizationSettingsInvalidDomain, "%q is not an email domain.", d)
	}
	if slices.Contains(commonEmailDomains, d) {
		return E(ErrOrganizationSettingsDomainTooCommon, "%q is a common public email domain and cannot be used.", d)
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
			return nil, E(ErrOrganizationSettingsDuplicateDomain, "%q is listed twice.", d)
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
			return nil, E(ErrInvalidOAuthAllowedTenantsFormat, "allowed_oauth_tenants keys are slack, hubspot or github, not %q.", k)
		}
		list, ok := v.([]any)
		if !ok {
			return nil, E(ErrInvalidOAuthAllowedTenantsFormat, "allowed_oauth_tenants.%s must be a list of tenant ids.", k)
		}
		for _, e := range list {
			id, ok := e.(string)
			if !ok || id == "" {
				return nil, E(ErrInvalidOAuthAllowedTenantsFormat, "allowed_oauth_tenants.%s must be a list of tenant ids.", k)
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
