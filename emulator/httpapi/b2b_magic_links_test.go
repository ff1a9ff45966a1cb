package httpapi_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

const linksPath = "/v1/b2b/magic_links/"

func TestB2BMagicLinkLoginIssuesAMemberSession(t *testing.T) {
	env := b2bEnv(t)
	org := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme"})
	oid := org["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com", "roles": []string{"stytch_admin"}})["member_id"].(string)

	sent := b2bOK(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": "acme",
		"email_address": "ADA@acme.com", "login_redirect_url": "https://app.example.com/auth?next=/home"}, "", "")
	assert.Equal(t, false, sent["member_created"])
	assert.Equal(t, mid, sent["member_id"])
	msg := env.LastMessage(t, "ada@acme.com")
	assert.Equal(t, store.MessageMagicLink, msg.Kind)
	assert.Equal(t, oid, msg.OrganizationID)
	assert.Equal(t, mid, msg.UserID)
	link, err := url.Parse(msg.Link)
	require.NoError(t, err)
	assert.Equal(t, "app.example.com", link.Host)
	assert.Equal(t, "/home", link.Query().Get("next"))
	assert.Equal(t, "multi_tenant_magic_links", link.Query().Get("stytch_token_type"))
	assert.Equal(t, msg.Token, link.Query().Get("token"))

	auth := b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": msg.Token,
		"session_custom_claims": map[string]any{"team": "core"}}, "", "")
	assert.Equal(t, true, auth["member_authenticated"])
	assert.Equal(t, "", auth["intermediate_session_token"])
	assert.Equal(t, oid, auth["organization_id"])
	member := auth["member"].(map[string]any)
	assert.Equal(t, member["member_id"], auth["member_id"])
	assert.Equal(t, true, member["email_address_verified"])
	sess := auth["member_session"].(map[string]any)
	assert.Regexp(t, `^member-session-test-[0-9a-f-]{36}$`, sess["member_session_id"])
	assert.Equal(t, "acme", sess["organization_slug"])
	assert.Equal(t, []any{"stytch_member", "stytch_admin"}, sess["roles"])
	assert.Equal(t, b2bEpoch.Add(time.Hour).Format(time.RFC3339), sess["expires_at"], "60 minutes by default")
	factor := sess["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "magic_link", factor["type"])
	assert.Equal(t, "email", factor["delivery_method"])
	assert.Equal(t, "ada@acme.com", factor["email_factor"].(map[string]any)["email_address"])
	assert.Equal(t, member["email_address"], factor["email_factor"].(map[string]any)["email_address"])

	claims := verifyWithJWKS(t, env, auth["session_jwt"].(string))
	assert.Equal(t, mid, claims["sub"])
	assert.Equal(t, "core", claims["team"], "custom claims at top level")
	assert.Equal(t, map[string]any{"organization_id": oid, "slug": "acme"}, claims[flows.OrganizationClaimKey])
	sc := claims[flows.SessionClaimKey].(map[string]any)
	assert.Equal(t, sess["member_session_id"], sc["id"])
	assert.Equal(t, []any{"stytch_member", "stytch_admin"}, sc["roles"])
	assert.Len(t, sc["authentication_factors"], 1)

	status, e := b2bCall(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": msg.Token}, "", "")
	fails(t, status, e, 401, "unable_to_auth_magic_link")
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": "nope"}, "", "")
	fails(t, status, e, 404, "magic_link_not_found")

	// A second link with an existing session adds to it; expired links fail.
	token, _ := sessionOf(auth)
	b2bOK(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"login_expiration_minutes": 5}, "", "")
	tok := env.LastMessage(t, "ada@acme.com").Token
	again := b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": tok, "session_token": token,
		"session_duration_minutes": 120}, "", "")
	assert.Equal(t, sess["member_session_id"], again["member_session"].(map[string]any)["member_session_id"])
	b2bOK(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"login_expiration_minutes": 5}, "", "")
	tok = env.LastMessage(t, "ada@acme.com").Token
	_, err = env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": tok}, "", "")
	fails(t, status, e, 401, "unable_to_auth_magic_link")
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "login_expiration_minutes": 1}, "", "")
	fails(t, status, e, 400, "invalid_expiration")
}

func TestB2BMagicLinkSignupFollowsJITSettings(t *testing.T) {
	env := b2bEnv(t)
	jit := newOrg(t, env, map[string]any{"organization_name": "Acme", "email_allowed_domains": []string{"acme.com"},
		"email_jit_provisioning": "RESTRICTED"})["organization_id"].(string)
	closed := newOrg(t, env, map[string]any{"organization_name": "Closed"})["organization_id"].(string)

	sent := b2bOK(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": jit,
		"email_address": "new@acme.com", "signup_redirect_url": "https://app.example.com/signup"}, "", "")
	assert.Equal(t, true, sent["member_created"])
	assert.Equal(t, "pending", sent["member"].(map[string]any)["status"])
	msg := env.LastMessage(t, "new@acme.com")
	assert.Contains(t, msg.Link, "https://app.example.com/signup?")
	auth := b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": msg.Token}, "", "")
	assert.Equal(t, "active", auth["member"].(map[string]any)["status"], "the first login activates a pending Member")

	status, e := b2bCall(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": jit,
		"email_address": "x@other.com"}, "", "")
	fails(t, status, e, 403, "invalid_email_for_jit_provisioning")
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": closed,
		"email_address": "x@acme.com"}, "", "")
	fails(t, status, e, 403, "email_jit_provisioning_not_allowed")
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": "nope",
		"email_address": "x@acme.com"}, "", "")
	fails(t, status, e, 404, "organization_not_found")

	// An Organization that allows SSO only refuses magic links, except to break-glass Members.
	sso := newOrg(t, env, map[string]any{"organization_name": "SSO only", "auth_methods": "RESTRICTED",
		"allowed_auth_methods": []string{"sso"}})["organization_id"].(string)
	newMember(t, env, sso, map[string]any{"email_address": "ann@acme.com"})
	newMember(t, env, sso, map[string]any{"email_address": "root@acme.com", "is_breakglass": true})
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": sso,
		"email_address": "ann@acme.com"}, "", "")
	fails(t, status, e, 403, "operation_restricted_by_organization_auth_methods")
	b2bOK(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": sso, "email_address": "root@acme.com"}, "", "")
}

func TestB2BMagicLinkInvite(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	inviter := newMember(t, env, oid, map[string]any{"email_address": "boss@acme.com"})["member_id"].(string)

	inv := b2bOK(t, env, http.MethodPost, linksPath+"email/invite", map[string]any{"organization_id": oid, "email_address": "new@else.com",
		"name": "New Hire", "roles": []string{"stytch_admin"}, "invited_by_member_id": inviter,
		"invite_redirect_url": "https://app.example.com/invite"}, "", "")
	m := inv["member"].(map[string]any)
	assert.Equal(t, "invited", m["status"])
	assert.Equal(t, "New Hire", m["name"])
	assert.Equal(t, true, m["is_admin"])
	msg := env.LastMessage(t, "new@else.com")
	assert.Equal(t, store.MessageInvite, msg.Kind)
	assert.Contains(t, msg.Link, "https://app.example.com/invite?")
	auth := b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": msg.Token}, "", "")
	assert.Equal(t, "active", auth["member"].(map[string]any)["status"], "accepting the invite")

	status, e := b2bCall(t, env, http.MethodPost, linksPath+"email/invite", map[string]any{"organization_id": oid, "email_address": "new@else.com"}, "", "")
	fails(t, status, e, 400, "duplicate_member_email")
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"email/invite", map[string]any{"organization_id": oid, "email_address": "x@else.com",
		"invited_by_member_id": "member-test-nope"}, "", "")
	fails(t, status, e, 404, "member_not_found")
	b2bOK(t, env, http.MethodPut, "/v1/b2b/organizations/"+oid, map[string]any{"email_invites": "RESTRICTED", "email_allowed_domains": []string{"acme.com"}}, "", "")
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"email/invite", map[string]any{"organization_id": oid, "email_address": "x@else.com"}, "", "")
	fails(t, status, e, 403, "invalid_email_for_invites")
	b2bOK(t, env, http.MethodPost, linksPath+"email/invite", map[string]any{"organization_id": oid, "email_address": "y@acme.com"}, "", "")
}

func TestB2BMagicLinkMFAAndPKCE(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme", "mfa_policy": "REQUIRED_FOR_ALL"})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)

	verifier := "a-long-enough-secret-for-pkce-0123456789"
	sum := sha256.Sum256([]byte(verifier))
	b2bOK(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"pkce_code_challenge": base64.RawURLEncoding.EncodeToString(sum[:])}, "", "")
	tok := env.LastMessage(t, "ada@acme.com").Token
	status, e := b2bCall(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": tok}, "", "")
	fails(t, status, e, 400, "pkce_expected_code_verifier")
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": tok, "pkce_code_verifier": "wrong"}, "", "")
	fails(t, status, e, 400, "pkce_mismatch")

	auth := b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": tok, "pkce_code_verifier": verifier}, "", "")
	assert.Equal(t, false, auth["member_authenticated"], "the Organization requires MFA")
	assert.Equal(t, "", auth["session_token"])
	assert.Equal(t, "", auth["session_jwt"])
	assert.NotContains(t, auth, "member_session")
	ist := auth["intermediate_session_token"].(string)
	assert.NotEmpty(t, ist)
	assert.Equal(t, b2bEpoch.Add(10*time.Minute).Format(time.RFC3339), auth["intermediate_session_token_expires_at"])
	assert.Equal(t, map[string]any{}, auth["mfa_required"], "no MFA method set up yet")

	// With a verified phone the options say so; the pending login is listed with its hint.
	seedMember(t, env, mid, func(m *store.Member) { m.MFAPhoneNumber, m.MFAPhoneVerified = "+12025550123", true })
	b2bOK(t, env, http.MethodPost, linksPath+"email/login_or_signup", map[string]any{"organization_id": oid, "email_address": "ada@acme.com"}, "", "")
	auth = b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": env.LastMessage(t, "ada@acme.com").Token,
		"intermediate_session_token": ist}, "", "")
	assert.Equal(t, ist, auth["intermediate_session_token"], "the same intermediate session continues")
	assert.Equal(t, map[string]any{"member_options": map[string]any{"mfa_phone_number": "+12025550123", "totp_registration_id": ""},
		"secondary_auth_initiated": "sms_otp"}, auth["mfa_required"], "SMS is the default MFA method: the passcode went out")
	sms := env.LastMessage(t, "+12025550123")
	assert.Equal(t, store.ChannelSMS, sms.Channel)
	assert.Regexp(t, `^\d{6}$`, sms.Code)
	list := b2bOK(t, env, http.MethodPost, "/v1/b2b/discovery/organizations", map[string]any{"intermediate_session_token": ist}, "", "")
	assert.Equal(t, oid, list["organization_id_hint"])

	// The MFA step (here a stored OTP factor, as the SMS OTP flow would add)
	// completes the login through LoginMember.
	var out flows.B2BAuth
	svc := flowsOf(env)
	require.NoError(t, env.Server.Store().Update(func(tx *store.Tx) error {
		o, m := tx.B2B.Organizations.Get(oid), tx.B2B.Members.Get(mid)
		f := flows.NewFactor(tx.Now, "otp", "sms", "phone_number_factor", map[string]any{"phone_id": "p", "phone_number": m.MFAPhoneNumber})
		return svc.LoginMember(tx, o, m, flows.LoginStep{Factors: []store.Factor{f}}, flows.MemberSessionRequest{IntermediateToken: &ist}, &out)
	}))
	assert.True(t, out.Authenticated)
	assert.Len(t, out.Session.Factors, 2, "the magic link and the OTP")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/discovery/organizations", map[string]any{"intermediate_session_token": ist}, "", "")
	fails(t, status, e, 404, "intermediate_session_not_found")
}

func TestB2BStartEmailUpdate(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)
	newMember(t, env, oid, map[string]any{"email_address": "taken@acme.com"})
	base := "/v1/b2b/organizations/" + oid + "/members/" + mid + "/start_email_update"

	status, e := b2bCall(t, env, http.MethodPost, base, map[string]any{"email_address": "taken@acme.com"}, "", "")
	fails(t, status, e, 400, "duplicate_member_email")
	u := b2bOK(t, env, http.MethodPost, base, map[string]any{"email_address": "ada@new.com", "login_redirect_url": "https://app.example.com/x"}, "", "")
	assert.Equal(t, "ada@acme.com", u["member"].(map[string]any)["email_address"], "unchanged until verified")
	msg := env.LastMessage(t, "ada@new.com")
	auth := b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": msg.Token}, "", "")
	m := auth["member"].(map[string]any)
	assert.Equal(t, "ada@new.com", m["email_address"])
	assert.Equal(t, true, m["email_address_verified"])
	assert.Equal(t, "ada@acme.com", m["retired_email_addresses"].([]any)[0].(map[string]any)["email_address"])

	b2bOK(t, env, http.MethodPost, base, map[string]any{"email_address": "ada@otp.com", "delivery_method": "EMAIL_OTP"}, "", "")
	otp := env.LastMessage(t, "ada@otp.com")
	assert.Equal(t, store.MessageOTP, otp.Kind)
	assert.Regexp(t, `^\d{6}$`, otp.Code)
}

func TestB2BMagicLinkSandbox(t *testing.T) {
	env := b2bEnv(t)
	for _, path := range []string{"email/login_or_signup", "email/invite"} {
		r := b2bOK(t, env, http.MethodPost, linksPath+path, map[string]any{"organization_id": flows.SandboxOrganizationID,
			"email_address": flows.SandboxEmail}, "", "")
		assert.Equal(t, flows.SandboxMemberID, r["member_id"], path)
	}
	assert.Empty(t, env.Server.Messages(flows.SandboxEmail), "nothing is sent")
	auth := b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": flows.SandboxMagicLinkOK}, "", "")
	assert.Equal(t, flows.SandboxOrganizationID, auth["organization_id"])
	assert.Equal(t, true, auth["member_authenticated"])
	verifyWithJWKS(t, env, auth["session_jwt"].(string), jwt.WithLeeway(time.Second))
	status, e := b2bCall(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": flows.SandboxMagicLinkUsed}, "", "")
	fails(t, status, e, 401, "unable_to_auth_magic_link")
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": flows.SandboxMagicLinkNotFound}, "", "")
	fails(t, status, e, 404, "magic_link_not_found")

	b2bOK(t, env, http.MethodPost, linksPath+"email/discovery/send", map[string]any{"email_address": flows.SandboxEmail}, "", "")
	d := b2bOK(t, env, http.MethodPost, linksPath+"discovery/authenticate", map[string]any{"discovery_magic_links_token": flows.SandboxMagicLinkOK}, "", "")
	assert.Equal(t, flows.SandboxEmail, d["email_address"])
	require.Len(t, d["discovered_organizations"], 1)
	status, e = b2bCall(t, env, http.MethodPost, linksPath+"discovery/authenticate", map[string]any{"discovery_magic_links_token": flows.SandboxMagicLinkNotFound}, "", "")
	fails(t, status, e, 404, "magic_link_not_found")
	assert.Empty(t, env.Server.Messages(flows.SandboxEmail), "nothing is sent")
}

// The control plane's outbox shows B2B links with their state.
func TestB2BMessagesInTheOutbox(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	b2bOK(t, env, http.MethodPost, linksPath+"email/invite", map[string]any{"organization_id": oid, "email_address": "ann@acme.com"}, "", "")
	b2bOK(t, env, http.MethodPost, linksPath+"email/discovery/send", map[string]any{"email_address": "ann@acme.com"}, "", "")
	view := func() []any {
		status, m := env.DoJSON(t, http.MethodGet, "/emulator/v1/messages?to=ann@acme.com", nil)
		require.Equal(t, http.StatusOK, status, m)
		return m["messages"].([]any)
	}
	msgs := view()
	require.Len(t, msgs, 2)
	invite, discovery := msgs[0].(map[string]any), msgs[1].(map[string]any)
	assert.Equal(t, "invite", invite["kind"])
	assert.Equal(t, oid, invite["organization_id"])
	assert.Equal(t, "active", invite["status"])
	assert.Equal(t, "discovery", discovery["kind"])
	assert.Equal(t, "active", discovery["status"])
	assert.NotEmpty(t, discovery["subject"])

	b2bOK(t, env, http.MethodPost, linksPath+"authenticate", map[string]any{"magic_links_token": invite["token"]}, "", "")
	assert.Equal(t, "used", view()[0].(map[string]any)["status"])
}
