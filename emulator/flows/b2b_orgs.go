package flows

import (
	"regexp"
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
			return E(ErrOrganizationNameMissing, "organization_name is required.")
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
			return E(ErrInvalidOrganizationName, "organization_name must be 1 to 128 characters.")
		}
		o.Name = *in.Name
	}
	if in.Slug != nil {
		if !slugPattern.MatchString(*in.Slug) {
			return E(ErrInvalidOrganizationSlug,
				"organization_slug must be 2 to 128 characters: letters, digits, '-', '.', '_' or '~'.")
		}
		if other := tx.B2B.OrganizationBySlug(*in.Slug); other != nil && other.ID != o.ID {
			return E(ErrOrganizationSlugAlreadyUsed, "Another Organization already uses this slug.")
		}
		o.Slug = *in.Slug
	}
	if in.LogoURL != nil {
		if len(*in.LogoURL) > 2048 {
			return E(ErrOrganizationLogoURLTooLong, "organization_logo_url is at most 2048 characters.")
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
				return E(ErrInvalidRBACRoleID, "Role %q is not defined in the project's or the Organization's RBAC policy.", a.RoleID)
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
			return E(ErrDuplicateOrganizationExternalID, "Another Organization already uses this external id.")
		}
	}
	o.ExternalID = id
	return nil
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
			return E(ErrCannotUpdateTrustedMetadata, "trusted_metadata cannot be updated with a member session.")
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
