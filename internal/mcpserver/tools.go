package mcpserver

import (
	"context"

	"github.com/stytchkit/stytchkit/stytch"
)

// kind says what a tool does to the project, for its MCP annotations.
type kind int

const (
	write       kind = iota // creates or changes state (sends, authenticates)
	readOnly                // only reads
	destructive             // deletes or revokes
)

// toolDef binds one MCP tool to one operation of the spec and one method of
// the client. Its input schema and most of its description come from the
// operation; guide adds what an agent should know.
type toolDef struct {
	name  string
	opID  string
	kind  kind
	guide string
	call  callFunc
}

// callFunc performs a validated call and returns the decoded response.
type callFunc func(ctx context.Context, a *args) (any, error)

// send adapts a client method (e.g. c.Users.Create) to a callFunc: the
// arguments are decoded into its params type, path and query fields
// included (see args.decode).
func send[P, R any](fn func(context.Context, *P) (*R, error)) callFunc {
	return func(ctx context.Context, a *args) (any, error) {
		p := new(P)
		if err := a.decode(p); err != nil {
			return nil, err
		}
		r, err := fn(ctx, p)
		if err != nil {
			return nil, err
		}
		return r, nil
	}
}

// toolDefs lists the typed tools, in the order they are listed to clients.
func toolDefs(c *stytch.Client) []toolDef {
	return []toolDef{
		{"stytch_user_create", "UsersCreate", write,
			"Give an email and/or an E.164 phone number. Returns user_id; use it with the other stytch_user_* tools.",
			send(c.Users.Create)},
		{"stytch_user_get", "UsersGet", readOnly,
			"Look up by user_id (or external_id). To find a user by email or phone, use stytch_user_search.",
			send(c.Users.Get)},
		{"stytch_user_search", "UsersSearch", readOnly,
			`Example query: {"operator":"AND","operands":[{"filter_name":"email_address","filter_value":["ada@example.com"]}]}. Pass results_metadata.next_cursor as cursor for the next page.`,
			send(c.Users.Search)},
		{"stytch_user_update", "UsersUpdate", write,
			"Changes name, metadata, external_id or roles; emails and phone numbers are added by the magic link / OTP send tools with user_id.",
			send(c.Users.Update)},
		{"stytch_user_delete", "UsersDelete", destructive,
			"Irreversible: deletes the user with every factor and session. Confirm with the human first.",
			send(c.Users.Delete)},
		{"stytch_magic_link_email_send", "MagicLinksEmailSend", write,
			"Only for existing users; for unknown addresses use stytch_magic_link_email_login_or_create. The token arrives in the email link; pass it to stytch_magic_link_authenticate.",
			send(c.MagicLinks.Email.Send)},
		{"stytch_magic_link_email_login_or_create", "MagicLinksEmailLoginOrCreate", write,
			"The usual way to start email login: works for new and existing users (user_created tells which). Then stytch_magic_link_authenticate with the token from the link.",
			send(c.MagicLinks.Email.LoginOrCreate)},
		{"stytch_magic_link_authenticate", "MagicLinksAuthenticate", write,
			"Tokens are single-use. Add session_duration_minutes (e.g. 60) to get a session_token/session_jwt back.",
			send(c.MagicLinks.Authenticate)},
		{"stytch_otp_sms_send", "OTPsSMSSend", write,
			"Sends a 6-digit code to an existing user's phone (E.164). Keep the returned phone_id: it is the method_id for stytch_otp_authenticate.",
			send(c.OTPs.Sms.Send)},
		{"stytch_otp_whatsapp_send", "OTPsWhatsAppSend", write,
			"Sends a 6-digit code over WhatsApp to an existing user's phone (E.164). Keep the returned phone_id for stytch_otp_authenticate.",
			send(c.OTPs.WhatsApp.Send)},
		{"stytch_otp_email_send", "OTPsEmailSend", write,
			"Sends a 6-digit code to an existing user's email. Keep the returned email_id: it is the method_id for stytch_otp_authenticate.",
			send(c.OTPs.Email.Send)},
		{"stytch_otp_authenticate", "OTPsAuthenticate", write,
			"method_id is the phone_id or email_id from the send call; codes expire after a few minutes and are single-use.",
			send(c.OTPs.Authenticate)},
		{"stytch_password_create", "PasswordsCreate", write,
			"Creates a new user with a password. Check weak candidates first with stytch_password_strength_check.",
			send(c.Passwords.Create)},
		{"stytch_password_authenticate", "PasswordsAuthenticate", write,
			"Logs in with email and password. A reset_password error means the user must reset via stytch_password_reset_start.",
			send(c.Passwords.Authenticate)},
		{"stytch_password_reset_start", "PasswordsEmailResetStart", write,
			"Emails a password reset link to the user; completing the reset needs the token from that email (stytch_request POST /v1/passwords/email/reset).",
			send(c.Passwords.Email.ResetStart)},
		{"stytch_password_strength_check", "PasswordsStrengthCheck", readOnly,
			"Safe to call freely: reports score, breach status and feedback without storing anything.",
			send(c.Passwords.StrengthCheck)},
		{"stytch_session_get", "SessionsGet", readOnly,
			"Lists the user's active sessions (ids, expiry, factors); it needs no token.",
			send(c.Sessions.Get)},
		{"stytch_session_authenticate", "SessionsAuthenticate", write,
			"Pass session_token or session_jwt (not both). Add session_duration_minutes to extend the session.",
			send(c.Sessions.Authenticate)},
		{"stytch_session_revoke", "SessionsRevoke", destructive,
			"Logs the session out immediately; pass exactly one of session_id, session_token, session_jwt.",
			send(c.Sessions.Revoke)},
		{"stytch_totp_create", "TOTPsCreate", write,
			"Returns the secret, a QR code and recovery codes once: show them to the user and never log them.",
			send(c.TOTPs.Create)},
		{"stytch_totp_authenticate", "TOTPsAuthenticate", write,
			"totp_code is the current 6-digit code from the user's authenticator app.",
			send(c.TOTPs.Authenticate)},
		{"stytch_oauth_authenticate", "OAuthAuthenticate", write,
			"token is the one Stytch appended to your OAuth redirect URL; single-use. The session comes back as user_session.",
			send(c.OAuth.Authenticate)},
	}
}
