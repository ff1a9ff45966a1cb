package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// mfaOrg creates an Organization that requires MFA of every Member and one
// Member of it; it returns their ids.
func mfaOrg(t *testing.T, env *emutest.Env, extra map[string]any) (orgID, memberID string) {
	t.Helper()
	body := map[string]any{"organization_name": "Secure", "mfa_policy": "REQUIRED_FOR_ALL"}
	for k, v := range extra {
		body[k] = v
	}
	orgID = newOrg(t, env, body)["organization_id"].(string)
	memberID = newMember(t, env, orgID, map[string]any{"email_address": "ada@secure.com"})["member_id"].(string)
	return orgID, memberID
}

// pendingLogin logs the Member in by email OTP and returns the
// intermediate session token of the login stopped for MFA.
func pendingLogin(t *testing.T, env *emutest.Env, orgID string) map[string]any {
	t.Helper()
	code := emailOTP(t, env, orgID, "ada@secure.com")
	auth := b2bOK(t, env, http.MethodPost, otpsPath+"email/authenticate", map[string]any{"organization_id": orgID,
		"email_address": "ada@secure.com", "code": code}, "", "")
	require.Equal(t, false, auth["member_authenticated"])
	return auth
}

func TestB2BSMSOTPEnrolsAndCompletesMFA(t *testing.T) {
	env := b2bEnv(t)
	oid, mid := mfaOrg(t, env, nil)
	auth := pendingLogin(t, env, oid)
	assert.Equal(t, map[string]any{}, auth["mfa_required"], "no MFA method set up yet, nothing sent")
	ist := auth["intermediate_session_token"].(string)

	status, e := b2bCall(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": oid, "member_id": mid}, "", "")
	fails(t, status, e, 404, "member_phone_number_not_found")
	sent := b2bOK(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": oid, "member_id": mid,
		"mfa_phone_number": "+12025550123", "intermediate_session_token": ist}, "", "")
	m := sent["member"].(map[string]any)
	assert.Equal(t, "+12025550123", m["mfa_phone_number"], "the number is the Member's now")
	assert.Equal(t, false, m["mfa_phone_number_verified"])
	msg := env.LastMessage(t, "+12025550123")
	assert.Equal(t, store.ChannelSMS, msg.Channel)
	assert.Equal(t, store.MessageOTP, msg.Kind)
	assert.Equal(t, mid, msg.UserID)
	status, e = b2bCall(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": oid, "member_id": mid,
		"mfa_phone_number": "+12025550999"}, "", "")
	fails(t, status, e, 400, "duplicate_member_phone_number_for_member")

	smsAuth := func(body map[string]any) (int, map[string]any) {
		body["organization_id"], body["member_id"] = oid, mid
		return b2bCall(t, env, http.MethodPost, otpsPath+"sms/authenticate", body, "", "")
	}
	status, e = smsAuth(map[string]any{"code": msg.Code})
	fails(t, status, e, 400, "no_session_arguments")
	status, e = smsAuth(map[string]any{"code": msg.Code, "intermediate_session_token": ist, "session_token": "x"})
	fails(t, status, e, 400, "too_many_session_arguments")
	status, e = smsAuth(map[string]any{"code": wrongCode(msg.Code), "intermediate_session_token": ist})
	fails(t, status, e, 404, "otp_code_not_found")
	status, e = smsAuth(map[string]any{"code": msg.Code, "intermediate_session_token": "nope"})
	fails(t, status, e, 404, "intermediate_session_not_found")

	status, done := smsAuth(map[string]any{"code": msg.Code, "intermediate_session_token": ist, "session_duration_minutes": 90})
	ok(t, status, done)
	m = done["member"].(map[string]any)
	assert.Equal(t, true, m["mfa_phone_number_verified"])
	assert.Equal(t, true, m["mfa_enrolled"], "REQUIRED_FOR_ALL enrols the Member")
	sess := done["member_session"].(map[string]any)
	factors := sess["authentication_factors"].([]any)
	require.Len(t, factors, 2)
	assert.Equal(t, "email_otp", factors[0].(map[string]any)["type"])
	sms := factors[1].(map[string]any)
	assert.Equal(t, "otp", sms["type"])
	assert.Equal(t, "sms", sms["delivery_method"])
	assert.Equal(t, "+12025550123", sms["phone_number_factor"].(map[string]any)["phone_number"])
	status, e = smsAuth(map[string]any{"code": msg.Code, "intermediate_session_token": ist})
	fails(t, status, e, 404, "intermediate_session_not_found")

	// The next login sends the passcode by itself (SMS is the default
	// method); a session of the Member steps up with a new one.
	auth = pendingLogin(t, env, oid)
	assert.Equal(t, "sms_otp", auth["mfa_required"].(map[string]any)["secondary_auth_initiated"])
	auto := env.LastMessage(t, "+12025550123")
	assert.NotEqual(t, msg.ID, auto.ID)
	status, done = smsAuth(map[string]any{"code": auto.Code, "intermediate_session_token": auth["intermediate_session_token"]})
	ok(t, status, done)
	token, _ := sessionOf(done)
	b2bOK(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": oid, "member_id": mid, "session_token": token}, "", "")
	status, up := smsAuth(map[string]any{"code": env.LastMessage(t, "+12025550123").Code, "session_token": token})
	ok(t, status, up)
	assert.Equal(t, done["member_session"].(map[string]any)["member_session_id"], up["member_session"].(map[string]any)["member_session_id"])
}

func TestB2BSMSOTPPolicies(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Open"})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@open.com", "mfa_phone_number": "+12025550100"})["member_id"].(string)
	auth := memberLogin(t, env, oid, "ada@open.com")
	token, jwt := sessionOf(auth)

	// OPTIONAL policy: set_mfa_enrollment and set_default_mfa decide.
	b2bOK(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": oid, "member_id": mid}, "", "")
	done := b2bOK(t, env, http.MethodPost, otpsPath+"sms/authenticate", map[string]any{"organization_id": oid, "member_id": mid,
		"code": env.LastMessage(t, "+12025550100").Code, "session_jwt": jwt, "set_mfa_enrollment": "enroll", "set_default_mfa": true}, "", "")
	m := done["member"].(map[string]any)
	assert.Equal(t, true, m["mfa_enrolled"])
	assert.Equal(t, "sms_otp", m["default_mfa_method"])
	b2bOK(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": oid, "member_id": mid}, "", "")
	done = b2bOK(t, env, http.MethodPost, otpsPath+"sms/authenticate", map[string]any{"organization_id": oid, "member_id": mid,
		"code": env.LastMessage(t, "+12025550100").Code, "session_token": token, "set_mfa_enrollment": "unenroll"}, "", "")
	assert.Equal(t, false, done["member"].(map[string]any)["mfa_enrolled"])
	status, e := b2bCall(t, env, http.MethodPost, otpsPath+"sms/authenticate", map[string]any{"organization_id": oid, "member_id": mid,
		"code": "123456", "session_token": token, "set_mfa_enrollment": "sometimes"}, "", "")
	fails(t, status, e, 400, "bad_request")

	// Another Member's session is refused before any code is checked.
	other := newMember(t, env, oid, map[string]any{"email_address": "bob@open.com"})["member_id"].(string)
	status, e = b2bCall(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": oid, "member_id": other,
		"mfa_phone_number": "+12025550101", "session_token": token}, "", "")
	fails(t, status, e, 400, "session_member_mismatch")

	// An Organization that allows only TOTP refuses SMS.
	totpOnly := newOrg(t, env, map[string]any{"organization_name": "TOTP", "mfa_methods": "RESTRICTED",
		"allowed_mfa_methods": []string{"totp"}})["organization_id"].(string)
	tm := newMember(t, env, totpOnly, map[string]any{"email_address": "ada@open.com"})["member_id"].(string)
	status, e = b2bCall(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": totpOnly, "member_id": tm,
		"mfa_phone_number": "+12025550102"}, "", "")
	fails(t, status, e, 400, "operation_restricted_by_organization_mfa_methods")

	// A login that has no allowed primary factor yet cannot be completed
	// by SMS: a discovery email OTP does not satisfy a password-only
	// Organization.
	mfa, mm := mfaOrg(t, env, map[string]any{"auth_methods": "RESTRICTED", "allowed_auth_methods": []string{"password"}})
	seedMember(t, env, mm, func(m *store.Member) {
		m.MFAPhoneNumber, m.MFAPhoneID, m.MFAPhoneVerified = "+12025550103", "phone-x", true
	})
	b2bOK(t, env, http.MethodPost, otpsPath+"email/discovery/send", map[string]any{"email_address": "ada@secure.com"}, "", "")
	d := b2bOK(t, env, http.MethodPost, otpsPath+"email/discovery/authenticate", map[string]any{"email_address": "ada@secure.com",
		"code": env.LastMessage(t, "ada@secure.com").Code}, "", "")
	x := b2bOK(t, env, http.MethodPost, "/v1/b2b/discovery/intermediate_sessions/exchange", map[string]any{
		"intermediate_session_token": d["intermediate_session_token"], "organization_id": mfa}, "", "")
	assert.Equal(t, map[string]any{"allowed_auth_methods": []any{"password"}}, x["primary_required"])
	ist := x["intermediate_session_token"].(string)
	b2bOK(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": mfa, "member_id": mm, "intermediate_session_token": ist}, "", "")
	status, e = b2bCall(t, env, http.MethodPost, otpsPath+"sms/authenticate", map[string]any{"organization_id": mfa, "member_id": mm,
		"code": env.LastMessage(t, "+12025550103").Code, "intermediate_session_token": ist}, "", "")
	fails(t, status, e, 400, "action_available_only_once_primary_authentication_is_met")
}
