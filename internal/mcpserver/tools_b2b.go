package mcpserver

import (
	"github.com/stytchkit/stytchkit/stytch/b2b"
)

// b2bInstructions replace instructions for a B2B project.
const b2bInstructions = `Tools to manage the Organizations and Members of one Stytch B2B project and to drive their login flows.
Start with stytch_b2b_organization_create (or find one with stytch_b2b_organization_search); every Member belongs to one Organization.
Email login: stytch_b2b_magic_link_invite (a new Member) or stytch_b2b_magic_link_login_or_signup, then stytch_b2b_magic_link_authenticate with the token from the emailed link; or stytch_b2b_otp_email_login_or_signup, then stytch_b2b_otp_email_authenticate with the code.
Add session_duration_minutes to an authenticate call to get a member session; check it with stytch_b2b_session_authenticate (with authorization_check for an RBAC check), end it with stytch_b2b_session_revoke.
An authenticate call may answer member_authenticated false with an intermediate_session_token: the Organization requires MFA or another primary factor first.
Tokens, codes, passwords and session JWTs in results are credentials: pass them on, never show or store them needlessly.
Errors come back with error_type, message and hint: follow the hint.`

// b2bToolDefs lists the typed tools of a B2B project, in the order they
// are listed to clients.
func b2bToolDefs(c *b2b.Client) []toolDef {
	return []toolDef{
		{"stytch_b2b_organization_create", "B2BOrganizationsCreate", write,
			"Give organization_name and a unique organization_slug; email_allowed_domains with email_jit_provisioning RESTRICTED lets people of those domains join by themselves. Returns organization.organization_id.",
			send(c.Organizations.Create)},
		{"stytch_b2b_organization_get", "B2BOrganizationsGet", readOnly,
			"Look up by organization_id. To find one by slug or name, use stytch_b2b_organization_search.",
			send(c.Organizations.Get)},
		{"stytch_b2b_organization_search", "B2BOrganizationsSearch", readOnly,
			`Example query: {"operator":"AND","operands":[{"filter_name":"organization_slugs","filter_value":["acme"]}]}. Pass results_metadata.next_cursor as cursor for the next page.`,
			send(c.Organizations.Search)},
		{"stytch_b2b_organization_update", "B2BOrganizationsUpdate", write,
			"Changes the name, slug, metadata and the authentication settings (allowed auth methods, MFA policy, JIT provisioning) of the Organization.",
			send(c.Organizations.Update)},
		{"stytch_b2b_organization_delete", "B2BOrganizationsDelete", destructive,
			"Irreversible: deletes the Organization with every Member, session and connection. Confirm with the human first.",
			send(c.Organizations.Delete)},
		{"stytch_b2b_member_create", "B2BOrganizationsMembersCreate", write,
			"Adds a Member (email_address) to an Organization without emailing anyone; to let the person log in, send stytch_b2b_magic_link_invite instead or afterwards. roles assigns RBAC Roles.",
			send(c.Organizations.Members.Create)},
		{"stytch_b2b_member_get", "B2BOrganizationsMembersGet", readOnly,
			"Look up a Member of organization_id by member_id or email_address.",
			send(c.Organizations.Members.Get)},
		{"stytch_b2b_member_search", "B2BOrganizationsMembersSearch", readOnly,
			`organization_ids is required. Example query: {"operator":"AND","operands":[{"filter_name":"member_emails","filter_value":["ada@acme.com"]}]}.`,
			send(c.Organizations.Members.Search)},
		{"stytch_b2b_member_update", "B2BOrganizationsMembersUpdate", write,
			"Changes the name, roles, metadata, MFA settings or break-glass flag of a Member.",
			send(c.Organizations.Members.Update)},
		{"stytch_b2b_member_delete", "B2BOrganizationsMembersDelete", destructive,
			"Deletes the Member (it can be reactivated) and ends its sessions. Confirm with the human first.",
			send(c.Organizations.Members.Delete)},
		{"stytch_b2b_magic_link_invite", "B2BMagicLinksEmailInvite", write,
			"Creates the Member as invited (with roles, if given) and emails an invite link; the token in it goes to stytch_b2b_magic_link_authenticate.",
			send(c.MagicLinks.Email.Invite)},
		{"stytch_b2b_magic_link_login_or_signup", "B2BMagicLinksEmailLoginOrSignup", write,
			"Emails a login link to a Member of the Organization, or a sign-up link when the Organization lets the address join. The token goes to stytch_b2b_magic_link_authenticate.",
			send(c.MagicLinks.Email.LoginOrSignup)},
		{"stytch_b2b_magic_link_authenticate", "B2BMagicLinksAuthenticate", write,
			"magic_links_token is the token from the emailed link; single-use. Add session_duration_minutes (e.g. 60) to get session_token/session_jwt.",
			send(c.MagicLinks.Authenticate)},
		{"stytch_b2b_otp_email_login_or_signup", "B2BOTPsEmailLoginOrSignup", write,
			"Emails a one-time passcode to the address for the Organization; then stytch_b2b_otp_email_authenticate with the same organization_id, email_address and the code.",
			send(c.OTPs.Email.LoginOrSignup)},
		{"stytch_b2b_otp_email_authenticate", "B2BOTPsEmailAuthenticate", write,
			"code is the 6-digit passcode from the email; it expires after a few minutes and is single-use.",
			send(c.OTPs.Email.Authenticate)},
		{"stytch_b2b_password_authenticate", "B2BPasswordsAuthenticate", write,
			"Logs a Member in with organization_id, email_address and password.",
			send(c.Passwords.Authenticate)},
		{"stytch_b2b_session_authenticate", "B2BSessionsAuthenticate", write,
			"Pass session_token or session_jwt (not both). authorization_check {organization_id, resource_id, action} also checks an RBAC permission.",
			send(c.Sessions.Authenticate)},
		{"stytch_b2b_session_get", "B2BSessionsGet", readOnly,
			"Lists a Member's live sessions (organization_id and member_id); it needs no token.",
			send(c.Sessions.Get)},
		{"stytch_b2b_session_revoke", "B2BSessionsRevoke", destructive,
			"Logs out one session (member_session_id, session_token or session_jwt) or every session of a Member (member_id): exactly one.",
			send(c.Sessions.Revoke)},
	}
}
