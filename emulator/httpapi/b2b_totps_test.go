package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

func TestB2BTOTPEnrolmentAndMFA(t *testing.T) {
	env := b2bEnv(t)
	oid, mid := mfaOrg(t, env, nil)
	ist := pendingLogin(t, env, oid)["intermediate_session_token"].(string)

	created := b2bOK(t, env, http.MethodPost, "/v1/b2b/totp", map[string]any{"organization_id": oid, "member_id": mid,
		"intermediate_session_token": ist}, "", "")
	secret := created["secret"].(string)
	assert.Len(t, secret, 32)
	assert.True(t, strings.HasPrefix(created["qr_code"].(string), "data:image/png;base64,"))
	codes := created["recovery_codes"].([]any)
	assert.Len(t, codes, flows.TOTPRecoveryCodeCount)
	assert.Regexp(t, `^member-totp-test-`, created["totp_registration_id"])
	assert.Equal(t, "", created["member"].(map[string]any)["totp_registration_id"], "not verified yet")

	totpAuth := func(body map[string]any) (int, map[string]any) {
		body["organization_id"], body["member_id"] = oid, mid
		return b2bCall(t, env, http.MethodPost, "/v1/b2b/totp/authenticate", body, "", "")
	}
	code := totpCode(t, env, secret)
	status, e := totpAuth(map[string]any{"code": wrongCode(code), "intermediate_session_token": ist})
	fails(t, status, e, 401, "unable_to_authenticate_totp")
	status, e = totpAuth(map[string]any{"code": codes[0], "intermediate_session_token": ist})
	fails(t, status, e, 401, "recovery_code_used_as_totp_code")
	status, done := totpAuth(map[string]any{"code": code, "intermediate_session_token": ist, "set_default_mfa": true})
	ok(t, status, done)
	m := done["member"].(map[string]any)
	assert.Equal(t, created["totp_registration_id"], m["totp_registration_id"])
	assert.Equal(t, true, m["mfa_enrolled"])
	assert.Equal(t, "totp", m["default_mfa_method"])
	factors := done["member_session"].(map[string]any)["authentication_factors"].([]any)
	require.Len(t, factors, 2)
	assert.Equal(t, created["totp_registration_id"], factors[1].(map[string]any)["authenticator_app_factor"].(map[string]any)["totp_id"])
	token, _ := sessionOf(done)

	// The same code cannot be replayed; an unused recovery code is not a
	// TOTP code; a second TOTP cannot be created.
	status, e = totpAuth(map[string]any{"code": code, "session_token": token})
	fails(t, status, e, 401, "unable_to_authenticate_totp")
	status, e = totpAuth(map[string]any{"code": codes[1], "session_token": token})
	fails(t, status, e, 401, "recovery_code_used_as_totp_code")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/totp", map[string]any{"organization_id": oid, "member_id": mid,
		"session_token": token}, "", "")
	fails(t, status, e, 400, "active_totp_exists")

	// The next login lists the TOTP and sends no SMS (TOTP is the default).
	auth := pendingLogin(t, env, oid)
	assert.Equal(t, map[string]any{"member_options": map[string]any{"mfa_phone_number": "", "totp_registration_id": created["totp_registration_id"]}},
		auth["mfa_required"])
	tick(t, env)
	_, err := env.Server.Advance(time.Minute)
	require.NoError(t, err)
	status, done = totpAuth(map[string]any{"code": totpCode(t, env, secret), "intermediate_session_token": auth["intermediate_session_token"]})
	ok(t, status, done)
}

func TestB2BRecoveryCodes(t *testing.T) {
	env := b2bEnv(t)
	oid, mid := mfaOrg(t, env, nil)
	path := "/v1/b2b/recovery_codes/" + oid + "/" + mid
	status, e := b2bCall(t, env, http.MethodGet, path, nil, "", "")
	fails(t, status, e, 404, "recovery_codes_not_found")

	secret := "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	migrated := b2bOK(t, env, http.MethodPost, "/v1/b2b/totp/migrate", map[string]any{"organization_id": oid, "member_id": mid,
		"secret": strings.ToLower(secret), "recovery_codes": []string{"aaaa-bbbb-cccc", "dddd-eeee-ffff"}}, "", "")
	assert.Equal(t, []any{"aaaa-bbbb-cccc", "dddd-eeee-ffff"}, migrated["recovery_codes"])
	assert.Equal(t, migrated["totp_registration_id"], migrated["member"].(map[string]any)["totp_registration_id"], "verified at once")
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/totp/migrate", map[string]any{"organization_id": oid, "member_id": mid,
		"secret": "not base32!", "recovery_codes": []string{}}, "", "")
	fails(t, status, e, 400, "bad_request")

	got := b2bOK(t, env, http.MethodGet, path, nil, "", "")
	assert.Equal(t, []any{"aaaa-bbbb-cccc", "dddd-eeee-ffff"}, got["recovery_codes"])

	ist := pendingLogin(t, env, oid)["intermediate_session_token"].(string)
	recover := func(code string) (int, map[string]any) {
		return b2bCall(t, env, http.MethodPost, "/v1/b2b/recovery_codes/recover", map[string]any{"organization_id": oid,
			"member_id": mid, "recovery_code": code, "intermediate_session_token": ist}, "", "")
	}
	status, e = recover("zzzz-zzzz-zzzz")
	fails(t, status, e, 401, "invalid_recovery_code")
	status, done := recover("aaaa-bbbb-cccc")
	ok(t, status, done)
	assert.EqualValues(t, 1, done["recovery_codes_remaining"])
	f := done["member_session"].(map[string]any)["authentication_factors"].([]any)[1].(map[string]any)
	assert.Equal(t, "recovery_codes", f["type"])
	assert.Equal(t, "recovery_code", f["delivery_method"])
	assert.Regexp(t, `^totp-recovery-code-test-`, f["recovery_code_factor"].(map[string]any)["totp_recovery_code_id"])
	assert.Equal(t, []any{"dddd-eeee-ffff"}, b2bOK(t, env, http.MethodGet, path, nil, "", "")["recovery_codes"])

	// A used code fails; the migrated secret works as a TOTP; rotation
	// replaces the codes.
	ist = pendingLogin(t, env, oid)["intermediate_session_token"].(string)
	status, e = recover("aaaa-bbbb-cccc")
	fails(t, status, e, 401, "invalid_recovery_code")
	totp := b2bOK(t, env, http.MethodPost, "/v1/b2b/totp/authenticate", map[string]any{"organization_id": oid, "member_id": mid,
		"code": totpCode(t, env, secret), "intermediate_session_token": ist}, "", "")
	assert.NotEmpty(t, totp["session_token"])
	rotated := b2bOK(t, env, http.MethodPost, "/v1/b2b/recovery_codes/rotate", map[string]any{"organization_id": oid, "member_id": mid}, "", "")
	fresh := rotated["recovery_codes"].([]any)
	require.Len(t, fresh, flows.TOTPRecoveryCodeCount)
	assert.NotContains(t, fresh, "dddd-eeee-ffff")
	ist = pendingLogin(t, env, oid)["intermediate_session_token"].(string)
	status, e = recover("dddd-eeee-ffff")
	fails(t, status, e, 401, "invalid_recovery_code")
	status, done = recover(fresh[0].(string))
	ok(t, status, done)
}

func TestB2BTOTPRules(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "SMS only", "mfa_methods": "RESTRICTED",
		"allowed_mfa_methods": []string{"sms_otp"}})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)
	status, e := b2bCall(t, env, http.MethodPost, "/v1/b2b/totp", map[string]any{"organization_id": oid, "member_id": mid}, "", "")
	fails(t, status, e, 400, "operation_restricted_by_organization_mfa_methods")

	open := newOrg(t, env, map[string]any{"organization_name": "Open"})["organization_id"].(string)
	om := newMember(t, env, open, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)
	seedMember(t, env, om, func(m *store.Member) {
		m.MFAPhoneNumber, m.MFAPhoneID, m.MFAPhoneVerified = "+12025550111", "phone-y", true
	})
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/totp", map[string]any{"organization_id": open, "member_id": om}, "", "")
	fails(t, status, e, 400, "insufficient_factors")
	token, _ := sessionOf(memberLogin(t, env, open, "ada@acme.com"))
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/totp", map[string]any{"organization_id": open, "member_id": om,
		"session_token": token}, "", "")
	fails(t, status, e, 400, "insufficient_factors")
	b2bOK(t, env, http.MethodPost, otpsPath+"sms/send", map[string]any{"organization_id": open, "member_id": om}, "", "")
	b2bOK(t, env, http.MethodPost, otpsPath+"sms/authenticate", map[string]any{"organization_id": open, "member_id": om,
		"code": env.LastMessage(t, "+12025550111").Code, "session_token": token}, "", "")
	created := b2bOK(t, env, http.MethodPost, "/v1/b2b/totp", map[string]any{"organization_id": open, "member_id": om,
		"session_token": token, "expiration_minutes": 5}, "", "")
	_, err := env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/totp/authenticate", map[string]any{"organization_id": open, "member_id": om,
		"code": totpCode(t, env, created["secret"].(string)), "session_token": token}, "", "")
	fails(t, status, e, 404, "totp_not_found")
}
