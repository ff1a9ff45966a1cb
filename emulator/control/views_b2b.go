package control

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// orgView is a B2B Organization as the control plane lists it: its
// settings at a glance, its Members with their factors and live sessions,
// its SSO connections and SCIM connection. No secret (passwords, TOTP
// secrets, provider tokens, SCIM bearer tokens) is in it.
type orgView struct {
	ID                  string         `json:"organization_id"`
	Name                string         `json:"organization_name"`
	Slug                string         `json:"organization_slug"`
	ExternalID          string         `json:"external_id,omitempty"`
	AuthMethods         string         `json:"auth_methods"`
	AllowedAuthMethods  []string       `json:"allowed_auth_methods"`
	MFAPolicy           string         `json:"mfa_policy"`
	EmailAllowedDomains []string       `json:"email_allowed_domains"`
	CustomRoles         []string       `json:"custom_roles"`
	Members             []memberView   `json:"members"`
	SSOConnections      []ssoView      `json:"sso_connections"`
	SCIM                *scimView      `json:"scim_connection,omitempty"`
	TrustedMetadata     map[string]any `json:"trusted_metadata"`
	CreatedAt           time.Time      `json:"created_at"`
}

// memberView is a Member without its secrets.
type memberView struct {
	ID               string     `json:"member_id"`
	EmailAddress     string     `json:"email_address"`
	EmailVerified    bool       `json:"email_address_verified"`
	Name             string     `json:"name"`
	Status           string     `json:"status"`
	ExternalID       string     `json:"external_id,omitempty"`
	IsBreakglass     bool       `json:"is_breakglass"`
	Roles            []string   `json:"roles"`
	MFAEnrolled      bool       `json:"mfa_enrolled"`
	MFAPhoneNumber   string     `json:"mfa_phone_number,omitempty"`
	DefaultMFAMethod string     `json:"default_mfa_method,omitempty"`
	Password         bool       `json:"password"`
	TOTP             bool       `json:"totp"`
	OAuthProviders   []string   `json:"oauth_providers"`
	SSOConnections   []string   `json:"sso_connections"`
	SCIM             bool       `json:"scim_provisioned"`
	Sessions         int        `json:"sessions"`
	LockedUntil      *time.Time `json:"locked_until,omitempty"`
	CreatedAt        time.Time  `json:"created_at"`
}

// ssoView is an SSO connection without its keys and secrets.
type ssoView struct {
	ID               string `json:"connection_id"`
	Kind             string `json:"kind"`
	Status           string `json:"status"`
	DisplayName      string `json:"display_name"`
	IdentityProvider string `json:"identity_provider"`
}

// scimView is a SCIM connection without its bearer token.
type scimView struct {
	ID               string `json:"connection_id"`
	DisplayName      string `json:"display_name"`
	IdentityProvider string `json:"identity_provider"`
	Groups           int    `json:"groups"`
}

// orgViews lists every Organization, newest first.
func (h *Handler) orgViews() []orgView {
	out := []orgView{}
	_ = h.svc.Store.View(func(tx *store.Tx) error {
		for _, o := range tx.B2B.Organizations.All() {
			out = append(out, viewOrg(tx, o))
		}
		return nil
	})
	slices.SortFunc(out, func(a, b orgView) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return out
}

func viewOrg(tx *store.Tx, o *store.Organization) orgView {
	v := orgView{ID: o.ID, Name: o.Name, Slug: o.Slug, ExternalID: o.ExternalID, AuthMethods: o.AuthMethods,
		AllowedAuthMethods: slices.Clone(o.AllowedAuthMethods), MFAPolicy: o.MFAPolicy,
		EmailAllowedDomains: slices.Clone(o.EmailAllowedDomains), CustomRoles: []string{}, Members: []memberView{},
		SSOConnections: []ssoView{}, TrustedMetadata: store.CloneMap(o.TrustedMetadata), CreatedAt: o.CreatedAt}
	for _, r := range o.CustomRoles {
		v.CustomRoles = append(v.CustomRoles, r.RoleID)
	}
	for _, id := range tx.B2B.OrganizationMemberIDs(o.ID) {
		m := tx.B2B.Members.Peek(id)
		mv := memberView{ID: m.ID, EmailAddress: m.EmailAddress, EmailVerified: m.EmailVerified, Name: m.Name,
			Status: m.Status, ExternalID: m.ExternalID, IsBreakglass: m.IsBreakglass, Roles: flows.MemberRoleIDs(tx, o, m),
			MFAEnrolled: m.MFAEnrolled, MFAPhoneNumber: m.MFAPhoneNumber, DefaultMFAMethod: m.DefaultMFAMethod,
			Password: m.Password != nil, TOTP: m.TOTP != nil, OAuthProviders: []string{}, SSOConnections: []string{},
			SCIM: m.SCIM != nil, Sessions: len(tx.B2B.MemberSessions(m.ID, tx.Now)), CreatedAt: m.CreatedAt}
		for _, r := range m.OAuthRegistrations {
			mv.OAuthProviders = append(mv.OAuthProviders, r.ProviderType)
		}
		for _, r := range m.SSORegistrations {
			mv.SSOConnections = append(mv.SSOConnections, r.ConnectionID)
		}
		if m.Locked(tx.Now) {
			t := *m.LockExpiresAt
			mv.LockedUntil = &t
		}
		v.Members = append(v.Members, mv)
	}
	slices.SortFunc(v.Members, func(a, b memberView) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	for _, c := range tx.B2B.SSO.OrganizationConnections(o.ID) {
		v.SSOConnections = append(v.SSOConnections, ssoView{ID: c.ID, Kind: c.Kind, Status: c.Status,
			DisplayName: c.DisplayName, IdentityProvider: c.IdentityProvider})
	}
	if c := tx.B2B.SCIM.SCIMConnectionOf(o.ID); c != nil {
		v.SCIM = &scimView{ID: c.ID, DisplayName: c.DisplayName, IdentityProvider: c.IdentityProvider,
			Groups: len(tx.B2B.SCIM.ConnectionGroups(c.ID))}
	}
	return v
}
