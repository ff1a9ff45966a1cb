package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

const otpsPath = "/v1/b2b/otps/"

// emailOTP sends a login or sign-up passcode and returns it from the
// outbox.
func emailOTP(t *testing.T, env *emutest.Env, orgID, email string) string {
	t.Helper()
	b2bOK(t, env, http.MethodPost, otpsPath+"email/login_or_signup", map[string]any{"organization_id": orgID, "email_address": email}, "", "")
	msg := env.LastMessage(t, email)
	require.Equal(t, store.MessageOTP, msg.Kind)
	return msg.Code
}

// wrongCode returns a six-digit code other than code.
func wrongCode(code string) string {
	if code == "000000" {
		return "000001"
	}
	return "000000"
}

func TestB2BEmailOTPLoginOrSignup(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme", "organization_slug": "acme",
		"email_allowed_domains": []string{"acme.com"}, "email_jit_provisioning": "RESTRICTED"})["organization_id"].(string)

	sent := b2bOK(t, env, http.MethodPost, otpsPath+"email/login_or_signup", map[string]any{"organization_id": "acme",
		"email_address": "New@acme.com", "signup_expiration_minutes": 5}, "", "")
	assert.Equal(t, true, sent["member_created"])
	member := sent["member"].(map[string]any)
	assert.Equal(t, "pending", member["status"])
	msg := env.LastMessage(t, "new@acme.com")
	assert.Equal(t, store.ChannelEmail, msg.Channel)
	assert.Equal(t, store.MessageOTP, msg.Kind)
	assert.Equal(t, oid, msg.OrganizationID)
	assert.Equal(t, member["member_id"], msg.UserID)
	assert.Regexp(t, `^\d{6}$`, msg.Code)

	status, e := b2bCall(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": oid,
		"email_address": "new@acme.com", "code": wrongCode(msg.Code)}, "", "")
	fails(t, status, e, 404, "otp_code_not_found")
	auth := b2bOK(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": oid,
		"email_address": "NEW@acme.com", "code": msg.Code, "session_duration_minutes": 30}, "", "")
	assert.Equal(t, true, auth["member_authenticated"])
	assert.Equal(t, member["member_id"], auth["member_id"])
	assert.Equal(t, oid, auth["organization_id"])
	m := auth["member"].(map[string]any)
	assert.Equal(t, "active", m["status"], "the first login activates a pending Member")
	assert.Equal(t, true, m["email_address_verified"])
	assert.Equal(t, auth["method_id"], msg.MethodID)
	sess := auth["member_session"].(map[string]any)
	assert.Equal(t, b2bEpoch.Add(30*time.Minute).Format(time.RFC3339), sess["expires_at"])
	f := sess["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "email_otp", f["type"])
	assert.Equal(t, "email", f["delivery_method"])
	assert.Equal(t, "new@acme.com", f["email_factor"].(map[string]any)["email_address"])
	claims := verifyWithJWKS(t, env, auth["session_jwt"].(string))
	assert.Equal(t, member["member_id"], claims["sub"])

	status, e = b2bCall(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": oid,
		"email_address": "new@acme.com", "code": msg.Code}, "", "")
	fails(t, status, e, 401, "unable_to_auth_otp_code")

	// An active Member gets a login code; a later code replaces the earlier
	// one, and codes expire.
	again := b2bOK(t, env, http.MethodPost, otpsPath+"email/login_or_signup", map[string]any{"organization_id": oid,
		"email_address": "new@acme.com"}, "", "")
	assert.Equal(t, false, again["member_created"])
	first := env.LastMessage(t, "new@acme.com").Code
	second := emailOTP(t, env, oid, "new@acme.com")
	if first != second {
		status, e = b2bCall(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": oid,
			"email_address": "new@acme.com", "code": first}, "", "")
		fails(t, status, e, 404, "otp_code_not_found")
	}
	_, err := env.Server.Advance(11 * time.Minute)
	require.NoError(t, err)
	status, e = b2bCall(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": oid,
		"email_address": "new@acme.com", "code": second}, "", "")
	fails(t, status, e, 401, "unable_to_auth_otp_code")

	for _, tc := range []struct {
		body           map[string]any
		status         int
		typ            string
		path, describe string
	}{
		{map[string]any{"organization_id": oid, "email_address": "x@other.com"}, 403, "invalid_email_for_jit_provisioning", "email/login_or_signup", "outside the domains"},
		{map[string]any{"organization_id": "nope", "email_address": "x@acme.com"}, 404, "organization_not_found", "email/login_or_signup", "unknown org"},
		{map[string]any{"organization_id": oid, "email_address": "x@acme.com", "login_expiration_minutes": 16}, 400, "invalid_expiration", "email/login_or_signup", "too long"},
		{map[string]any{"organization_id": oid, "email_address": "nobody@acme.com", "code": "123456"}, 404, "otp_code_not_found", "email/authenticate", "nothing sent"},
		{map[string]any{"email_address": "x@acme.com", "discovery_expiration_minutes": 1}, 400, "invalid_expiration", "email/discovery/send", "too short"},
	} {
		status, e := b2bCall(t, env, http.MethodPost, otpsPath+tc.path, tc.body, "", "")
		require.Equal(t, tc.status, status, "%s: %v", tc.describe, e)
		assert.Equal(t, tc.typ, e["error_type"], tc.describe)
	}

	// An Organization that does not allow email OTP refuses to send one.
	closed := newOrg(t, env, map[string]any{"organization_name": "Links", "auth_methods": "RESTRICTED",
		"allowed_auth_methods": []string{"magic_link"}})["organization_id"].(string)
	newMember(t, env, closed, map[string]any{"email_address": "ada@acme.com"})
	status, e = b2bCall(t, env, http.MethodPost, otpsPath+"email/login_or_signup", map[string]any{"organization_id": closed,
		"email_address": "ada@acme.com"}, "", "")
	fails(t, status, e, 403, "operation_restricted_by_organization_auth_methods")
}

func TestB2BEmailOTPLockout(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)
	code := emailOTP(t, env, oid, "ada@acme.com")
	for range flows.LockoutThreshold {
		status, e := b2bCall(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": oid,
			"email_address": "ada@acme.com", "code": wrongCode(code)}, "", "")
		fails(t, status, e, 404, "otp_code_not_found")
	}
	status, e := b2bCall(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "code": code}, "", "")
	fails(t, status, e, 429, "user_lock_limit_reached")
	m := b2bOK(t, env, http.MethodGet, "/v1/b2b/organizations/"+oid+"/member?member_id="+mid, nil, "", "")["member"].(map[string]any)
	assert.Equal(t, true, m["is_locked"])
}

func TestB2BEmailOTPDiscovery(t *testing.T) {
	env := b2bEnv(t)
	member := newOrg(t, env, map[string]any{"organization_name": "Member Org"})["organization_id"].(string)
	newMember(t, env, member, map[string]any{"email_address": "ada@acme.com"})
	domain := newOrg(t, env, map[string]any{"organization_name": "Domain Org", "email_allowed_domains": []string{"acme.com"},
		"email_jit_provisioning": "RESTRICTED"})["organization_id"].(string)
	newOrg(t, env, map[string]any{"organization_name": "Unrelated"})

	b2bOK(t, env, http.MethodPost, otpsPath+"email/discovery/send", map[string]any{"email_address": "Ada@acme.com"}, "", "")
	msg := env.LastMessage(t, "ada@acme.com")
	assert.Equal(t, store.MessageOTP, msg.Kind)
	assert.Empty(t, msg.OrganizationID)
	status, e := b2bCall(t, env, http.MethodPost, otpsPath+"email/discovery/authenticate", map[string]any{"email_address": "ada@acme.com",
		"code": wrongCode(msg.Code)}, "", "")
	fails(t, status, e, 404, "otp_code_not_found")
	d := b2bOK(t, env, http.MethodPost, otpsPath+"email/discovery/authenticate", map[string]any{"email_address": "ada@acme.com",
		"code": msg.Code}, "", "")
	assert.Equal(t, "ada@acme.com", d["email_address"])
	ist := d["intermediate_session_token"].(string)
	orgs := d["discovered_organizations"].([]any)
	require.Len(t, orgs, 2)
	first := orgs[0].(map[string]any)
	assert.Equal(t, member, first["organization"].(map[string]any)["organization_id"])
	assert.Equal(t, "active_member", first["membership"].(map[string]any)["type"])
	assert.Equal(t, true, first["member_authenticated"], "the email OTP proves the address in the Member's Organization")
	second := orgs[1].(map[string]any)
	assert.Equal(t, domain, second["organization"].(map[string]any)["organization_id"])
	assert.Equal(t, "eligible_to_join_by_email_domain", second["membership"].(map[string]any)["type"])

	// Exchanging into the domain Organization creates the Member, whose
	// session carries the email OTP factor.
	x := b2bOK(t, env, http.MethodPost, "/v1/b2b/discovery/intermediate_sessions/exchange", map[string]any{
		"intermediate_session_token": ist, "organization_id": domain}, "", "")
	assert.Equal(t, true, x["member_authenticated"])
	assert.Equal(t, true, x["member"].(map[string]any)["email_address_verified"])
	f := x["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "email_otp", f["type"])
	assert.Equal(t, x["member"].(map[string]any)["email_address"], f["email_factor"].(map[string]any)["email_address"])
}

func TestB2BEmailUpdateVerifiedByOTP(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)
	b2bOK(t, env, http.MethodPost, "/v1/b2b/organizations/"+oid+"/members/"+mid+"/start_email_update",
		map[string]any{"email_address": "ada@new.com", "delivery_method": "EMAIL_OTP"}, "", "")
	code := env.LastMessage(t, "ada@new.com").Code
	auth := b2bOK(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": oid,
		"email_address": "ada@new.com", "code": code}, "", "")
	m := auth["member"].(map[string]any)
	assert.Equal(t, mid, m["member_id"])
	assert.Equal(t, "ada@new.com", m["email_address"])
	assert.Equal(t, true, m["email_address_verified"])
	assert.Equal(t, "ada@acme.com", m["retired_email_addresses"].([]any)[0].(map[string]any)["email_address"])
}
