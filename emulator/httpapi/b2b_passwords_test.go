package httpapi_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

const (
	pwPath   = "/v1/b2b/passwords/"
	strongPW = "correct-horse-battery-staple-42"
	otherPW  = "plausible-zebra-lantern-1987"
)

// resetLink starts an email reset and returns the token of the link.
func resetLink(t *testing.T, env *emutest.Env, orgID, email string, extra map[string]any) string {
	t.Helper()
	body := map[string]any{"organization_id": orgID, "email_address": email}
	for k, v := range extra {
		body[k] = v
	}
	b2bOK(t, env, http.MethodPost, pwPath+"email/reset/start", body, "", "")
	msg := env.LastMessage(t, email)
	require.Equal(t, store.MessagePasswordReset, msg.Kind)
	return msg.Token
}

func TestB2BPasswordResetByEmailAndLogin(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	mid := newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})["member_id"].(string)
	status, e := b2bCall(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "password": strongPW}, "", "")
	fails(t, status, e, 404, "member_password_not_found")
	old, _ := sessionOf(memberLogin(t, env, oid, "ada@acme.com"))

	verifier := "a-verifier-of-the-reset-that-is-long-enough-1234"
	sum := sha256.Sum256([]byte(verifier))
	tok := resetLink(t, env, oid, "ada@acme.com", map[string]any{"reset_password_redirect_url": "https://app.example.com/reset",
		"code_challenge": base64.RawURLEncoding.EncodeToString(sum[:])})
	link, err := url.Parse(env.LastMessage(t, "ada@acme.com").Link)
	require.NoError(t, err)
	assert.Equal(t, "app.example.com", link.Host)
	assert.Equal(t, "multi_tenant_passwords", link.Query().Get("stytch_token_type"))
	assert.Equal(t, tok, link.Query().Get("token"))

	reset := func(body map[string]any) (int, map[string]any) {
		body["password_reset_token"] = tok
		return b2bCall(t, env, http.MethodPost, pwPath+"email/reset", body, "", "")
	}
	status, e = reset(map[string]any{"password": "zzzzzzzzzzzz", "code_verifier": verifier})
	fails(t, status, e, 400, "weak_password")
	status, e = reset(map[string]any{"password": strongPW})
	fails(t, status, e, 400, "pkce_expected_code_verifier")
	status, auth := reset(map[string]any{"password": strongPW, "code_verifier": verifier})
	ok(t, status, auth)
	assert.Equal(t, mid, auth["member_id"])
	assert.Equal(t, auth["member"].(map[string]any)["email_address_verified"], true)
	assert.Regexp(t, `^member-password-test-`, auth["member"].(map[string]any)["member_password_id"])
	factors := auth["member_session"].(map[string]any)["authentication_factors"].([]any)
	require.Len(t, factors, 2)
	assert.Equal(t, "magic_link", factors[0].(map[string]any)["type"])
	assert.Equal(t, "password", factors[1].(map[string]any)["type"])
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/sessions/authenticate", map[string]any{"session_token": old}, "", "")
	fails(t, status, e, 404, "session_not_found")
	status, e = reset(map[string]any{"password": strongPW, "code_verifier": verifier})
	fails(t, status, e, 401, "unable_to_auth_password_reset_token")

	login := b2bOK(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
		"email_address": "ADA@acme.com", "password": strongPW, "session_custom_claims": map[string]any{"k": "v"}}, "", "")
	assert.Equal(t, true, login["member_authenticated"])
	f := login["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)
	assert.Equal(t, "password", f["type"])
	assert.Equal(t, "knowledge", f["delivery_method"])
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
		"email_address": "nobody@acme.com", "password": strongPW}, "", "")
	fails(t, status, e, 404, "member_not_found")

	// Wrong passwords count toward the lockout.
	for range flows.LockoutThreshold {
		status, e = b2bCall(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
			"email_address": "ada@acme.com", "password": otherPW}, "", "")
		fails(t, status, e, 401, "unauthorized_credentials")
	}
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "password": strongPW}, "", "")
	fails(t, status, e, 429, "user_lock_limit_reached")

	// Expired links fail.
	newMember(t, env, oid, map[string]any{"email_address": "bob@acme.com"})
	tok = resetLink(t, env, oid, "bob@acme.com", map[string]any{"reset_password_expiration_minutes": 5})
	_, err = env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"email/reset", map[string]any{"password_reset_token": tok, "password": strongPW}, "", "")
	fails(t, status, e, 401, "unable_to_auth_password_reset_token")
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"email/reset/start", map[string]any{"organization_id": oid,
		"email_address": "nobody@acme.com"}, "", "")
	fails(t, status, e, 404, "member_not_found")
}

func TestB2BPasswordMigrateStrengthAndRequireReset(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	hash, err := bcrypt.GenerateFromPassword([]byte(strongPW), bcrypt.MinCost)
	require.NoError(t, err)
	mig := b2bOK(t, env, http.MethodPost, pwPath+"migrate", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"hash": string(hash), "hash_type": "bcrypt", "name": "Ada", "mfa_phone_number": "+12025550123",
		"set_phone_number_verified": true, "roles": []string{"stytch_admin"}, "trusted_metadata": map[string]any{"plan": "pro"}}, "", "")
	assert.Equal(t, true, mig["member_created"])
	m := mig["member"].(map[string]any)
	assert.Equal(t, "active", m["status"])
	assert.Equal(t, "Ada", m["name"])
	assert.Equal(t, true, m["mfa_phone_number_verified"])
	assert.Equal(t, true, m["is_admin"])
	assert.NotEmpty(t, m["member_password_id"])
	status, e := b2bCall(t, env, http.MethodPost, pwPath+"migrate", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"hash": string(hash), "hash_type": "bcrypt"}, "", "")
	fails(t, status, e, 400, "password_already_exists")
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"migrate", map[string]any{"organization_id": oid, "email_address": "bob@acme.com",
		"hash": "not-a-bcrypt-hash", "hash_type": "bcrypt"}, "", "")
	fails(t, status, e, 400, "invalid_bcrypt_hash")

	// The imported hash logs in, then is re-hashed.
	login := b2bOK(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "password": strongPW}, "", "")
	assert.Equal(t, true, login["member_authenticated"])
	require.NoError(t, env.Server.Store().View(func(tx *store.Tx) error {
		mm := tx.B2B.MemberByEmail(oid, "ada@acme.com")
		assert.Empty(t, mm.Password.ImportedType)
		assert.Contains(t, mm.Password.Hash, "$argon2id$")
		return nil
	}))

	weak := b2bOK(t, env, http.MethodPost, pwPath+"strength_check", map[string]any{"password": "ada12345", "email_address": "ada@acme.com"}, "", "")
	assert.Equal(t, false, weak["valid_password"])
	assert.Equal(t, "zxcvbn", weak["strength_policy"])
	assert.NotEmpty(t, weak["zxcvbn_feedback"].(map[string]any)["warning"])
	assert.Equal(t, false, weak["luds_feedback"].(map[string]any)["has_upper_case"])
	strong := b2bOK(t, env, http.MethodPost, pwPath+"strength_check", map[string]any{"password": strongPW}, "", "")
	assert.Equal(t, true, strong["valid_password"])
	assert.EqualValues(t, 4, strong["score"])
	assert.Equal(t, map[string]any{"warning": "", "suggestions": []any{}}, strong["zxcvbn_feedback"])

	// A member session needs the reset action (stytch_admin's wildcard).
	newMember(t, env, oid, map[string]any{"email_address": "bob@acme.com"})
	bobToken, _ := sessionOf(memberLogin(t, env, oid, "bob@acme.com"))
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"email/require_reset", map[string]any{"email_address": "ada@acme.com",
		"organization_id": oid}, bobToken, "")
	fails(t, status, e, 403, "session_authorization_error")
	adaToken, _ := sessionOf(login)
	req := b2bOK(t, env, http.MethodPost, pwPath+"email/require_reset", map[string]any{"email_address": "ada@acme.com",
		"organization_id": oid}, adaToken, "")
	assert.Equal(t, m["member_id"], req["member_id"])
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "password": strongPW}, "", "")
	fails(t, status, e, 400, "member_reset_password")
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"existing_password/reset", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "existing_password": strongPW, "new_password": otherPW}, "", "")
	fails(t, status, e, 400, "member_reset_password")
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"email/require_reset", map[string]any{"email_address": "bob@acme.com"}, "", "")
	fails(t, status, e, 404, "member_password_not_found")

	// Resetting by email clears the requirement.
	tok := resetLink(t, env, oid, "ada@acme.com", nil)
	b2bOK(t, env, http.MethodPost, pwPath+"email/reset", map[string]any{"password_reset_token": tok, "password": otherPW}, "", "")
	b2bOK(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"password": otherPW}, "", "")
}

func TestB2BPasswordExistingAndSessionResets(t *testing.T) {
	env := b2bEnv(t)
	oid := newOrg(t, env, map[string]any{"organization_name": "Acme"})["organization_id"].(string)
	newMember(t, env, oid, map[string]any{"email_address": "ada@acme.com"})
	tok := resetLink(t, env, oid, "ada@acme.com", nil)
	first := b2bOK(t, env, http.MethodPost, pwPath+"email/reset", map[string]any{"password_reset_token": tok, "password": strongPW}, "", "")
	firstToken, _ := sessionOf(first)

	status, e := b2bCall(t, env, http.MethodPost, pwPath+"existing_password/reset", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "existing_password": otherPW, "new_password": otherPW}, "", "")
	fails(t, status, e, 401, "unauthorized_credentials")
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"existing_password/reset", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "existing_password": strongPW, "new_password": "zzzzzzzzzzzz"}, "", "")
	fails(t, status, e, 400, "weak_password")
	x := b2bOK(t, env, http.MethodPost, pwPath+"existing_password/reset", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "existing_password": strongPW, "new_password": otherPW}, "", "")
	assert.Equal(t, true, x["member_authenticated"])
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/sessions/authenticate", map[string]any{"session_token": firstToken}, "", "")
	fails(t, status, e, 404, "session_not_found")

	token, _ := sessionOf(x)
	second, _ := sessionOf(b2bOK(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
		"email_address": "ada@acme.com", "password": otherPW}, "", ""))
	s := b2bOK(t, env, http.MethodPost, pwPath+"session/reset", map[string]any{"organization_id": oid, "password": strongPW,
		"session_token": token, "session_duration_minutes": 240}, "", "")
	assert.Equal(t, x["member_session"].(map[string]any)["member_session_id"], s["member_session"].(map[string]any)["member_session_id"])
	assert.Equal(t, b2bEpoch.Add(4*time.Hour).Format(time.RFC3339), s["member_session"].(map[string]any)["expires_at"])
	status, e = b2bCall(t, env, http.MethodPost, "/v1/b2b/sessions/authenticate", map[string]any{"session_token": second}, "", "")
	fails(t, status, e, 404, "session_not_found")
	b2bOK(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid, "email_address": "ada@acme.com",
		"password": strongPW}, "", "")

	other := newOrg(t, env, map[string]any{"organization_name": "Other"})["organization_id"].(string)
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"session/reset", map[string]any{"organization_id": other, "password": otherPW,
		"session_token": token}, "", "")
	fails(t, status, e, 403, "session_authorization_tenancy_error")
	_, err := env.Server.Advance(6 * time.Minute)
	require.NoError(t, err)
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"session/reset", map[string]any{"organization_id": oid, "password": otherPW,
		"session_token": token}, "", "")
	fails(t, status, e, 400, "session_too_old_to_reset_password")
}

func TestB2BPasswordLoginStopsForMFA(t *testing.T) {
	env := b2bEnv(t)
	oid, mid := mfaOrg(t, env, nil)
	seedMember(t, env, mid, func(m *store.Member) {
		m.MFAPhoneNumber, m.MFAPhoneID, m.MFAPhoneVerified = "+12025550123", "phone-z", true
	})
	tok := resetLink(t, env, oid, "ada@secure.com", nil)
	reset := b2bOK(t, env, http.MethodPost, pwPath+"email/reset", map[string]any{"password_reset_token": tok, "password": strongPW}, "", "")
	assert.Equal(t, false, reset["member_authenticated"])
	login := b2bOK(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": oid,
		"email_address": "ada@secure.com", "password": strongPW}, "", "")
	assert.Equal(t, false, login["member_authenticated"])
	assert.Equal(t, "sms_otp", login["mfa_required"].(map[string]any)["secondary_auth_initiated"])
	done := b2bOK(t, env, http.MethodPost, otpsPath+"sms/authenticate", map[string]any{"organization_id": oid, "member_id": mid,
		"code": env.LastMessage(t, "+12025550123").Code, "intermediate_session_token": login["intermediate_session_token"]}, "", "")
	factors := done["member_session"].(map[string]any)["authentication_factors"].([]any)
	assert.Equal(t, "password", factors[0].(map[string]any)["type"])
	assert.Equal(t, "otp", factors[1].(map[string]any)["type"])
}

func TestB2BDiscoveryPasswords(t *testing.T) {
	env := b2bEnv(t)
	a := newOrg(t, env, map[string]any{"organization_name": "A"})["organization_id"].(string)
	b := newOrg(t, env, map[string]any{"organization_name": "B"})["organization_id"].(string)
	newMember(t, env, a, map[string]any{"email_address": "ada@acme.com"})
	newMember(t, env, b, map[string]any{"email_address": "ada@acme.com"})

	status, e := b2bCall(t, env, http.MethodPost, pwPath+"discovery/authenticate", map[string]any{"email_address": "ada@acme.com",
		"password": strongPW}, "", "")
	fails(t, status, e, 404, "member_password_not_found")
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"discovery/email/reset/start", map[string]any{"email_address": "nobody@acme.com"}, "", "")
	fails(t, status, e, 404, "member_not_found")

	verifier := "discovery-reset-verifier-that-is-long-enough-000"
	sum := sha256.Sum256([]byte(verifier))
	b2bOK(t, env, http.MethodPost, pwPath+"discovery/email/reset/start", map[string]any{"email_address": "ada@acme.com",
		"reset_password_redirect_url": "https://app.example.com/reset", "pkce_code_challenge": base64.RawURLEncoding.EncodeToString(sum[:])}, "", "")
	msg := env.LastMessage(t, "ada@acme.com")
	assert.Equal(t, store.MessagePasswordReset, msg.Kind)
	assert.Empty(t, msg.OrganizationID)
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"email/reset", map[string]any{"password_reset_token": msg.Token, "password": strongPW}, "", "")
	fails(t, status, e, 401, "unable_to_auth_password_reset_token")
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"discovery/email/reset", map[string]any{"password_reset_token": msg.Token,
		"password": strongPW, "pkce_code_verifier": "wrong"}, "", "")
	fails(t, status, e, 400, "pkce_mismatch")
	d := b2bOK(t, env, http.MethodPost, pwPath+"discovery/email/reset", map[string]any{"password_reset_token": msg.Token,
		"password": strongPW, "pkce_code_verifier": verifier}, "", "")
	orgs := d["discovered_organizations"].([]any)
	require.Len(t, orgs, 2)
	for _, o := range orgs {
		assert.Equal(t, true, o.(map[string]any)["member_authenticated"])
	}

	// The password is now every Member's: both Organizations accept it,
	// and discovery authenticate proves it.
	b2bOK(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": a, "email_address": "ada@acme.com", "password": strongPW}, "", "")
	b2bOK(t, env, http.MethodPost, pwPath+"authenticate", map[string]any{"organization_id": b, "email_address": "ada@acme.com", "password": strongPW}, "", "")
	status, e = b2bCall(t, env, http.MethodPost, pwPath+"discovery/authenticate", map[string]any{"email_address": "ada@acme.com",
		"password": otherPW}, "", "")
	fails(t, status, e, 401, "unauthorized_credentials")
	disc := b2bOK(t, env, http.MethodPost, pwPath+"discovery/authenticate", map[string]any{"email_address": "ada@acme.com",
		"password": strongPW}, "", "")
	x := b2bOK(t, env, http.MethodPost, "/v1/b2b/discovery/intermediate_sessions/exchange", map[string]any{
		"intermediate_session_token": disc["intermediate_session_token"], "organization_id": b}, "", "")
	assert.Equal(t, true, x["member_authenticated"])
	assert.Equal(t, "password", x["member_session"].(map[string]any)["authentication_factors"].([]any)[0].(map[string]any)["type"])
}
