package flows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/stytchkit/stytchkit/emulator/store"
)

func TestFactorMethod(t *testing.T) {
	for _, tc := range []struct {
		typ, delivery, method string
		mfa                   bool
	}{
		{"magic_link", "email", "magic_link", false},
		{"otp", "email", "email_otp", false},
		{"otp", "sms", MFASMS, true},
		{"totp", "authenticator_app", MFATOTP, true},
		{"recovery_codes", "recovery_code", MFATOTP, true},
		{"password", "knowledge", "password", false},
		{"sso", "sso_saml", "sso", false},
		{"oauth", "oauth_google", "google_oauth", false},
		{"oauth", "oauth_hubspot", "hubspot_oauth", false},
		{"oauth", "oauth_access_token_exchange", "", false},
		{"trusted_auth_token", "trusted_token_exchange", "", false},
	} {
		method, mfa := FactorMethod(store.Factor{Type: tc.typ, DeliveryMethod: tc.delivery})
		assert.Equal(t, tc.method, method, "%s/%s", tc.typ, tc.delivery)
		assert.Equal(t, tc.mfa, mfa, "%s/%s", tc.typ, tc.delivery)
	}
}

func TestRequirements(t *testing.T) {
	now := time.Now()
	ml := NewFactor(now, "magic_link", "email", "email_factor", map[string]any{"email_id": "", "email_address": "a@x.com"})
	pw := NewFactor(now, "password", "knowledge", "", nil)
	sms := NewFactor(now, "otp", "sms", "phone_number_factor", map[string]any{"phone_id": "p", "phone_number": "+1"})
	totp := NewFactor(now, "totp", "authenticator_app", "authenticator_app_factor", map[string]any{"totp_id": "t"})
	open := &store.Organization{AuthMethods: AllAllowed, MFAPolicy: MFAOptional, MFAMethods: AllAllowed}
	ssoOnly := &store.Organization{AuthMethods: Restricted, AllowedAuthMethods: []string{"sso"}, MFAPolicy: MFAOptional}
	mfaAll := &store.Organization{AuthMethods: AllAllowed, MFAPolicy: MFARequiredAll, MFAMethods: Restricted, AllowedMFAMethods: []string{MFATOTP}}
	plain := &store.Member{}
	enrolled := &store.Member{MFAEnrolled: true, MFAPhoneNumber: "+1", MFAPhoneVerified: true}
	breakglass := &store.Member{IsBreakglass: true}

	p, m := requirements(open, plain, []store.Factor{ml})
	assert.Nil(t, p)
	assert.Nil(t, m)
	p, _ = requirements(open, plain, nil)
	assert.Equal(t, &PrimaryRequired{AllowedAuthMethods: []string{}}, p, "no primary factor at all")
	p, _ = requirements(ssoOnly, plain, []store.Factor{ml})
	assert.Equal(t, &PrimaryRequired{AllowedAuthMethods: []string{"sso"}}, p)
	p, _ = requirements(ssoOnly, breakglass, []store.Factor{pw})
	assert.Nil(t, p, "break-glass Members are exempt")
	_, m = requirements(open, enrolled, []store.Factor{ml})
	assert.Equal(t, &MFARequired{HasOptions: true, PhoneNumber: "+1"}, m, "an enrolled Member needs MFA")
	_, m = requirements(open, enrolled, []store.Factor{ml, sms})
	assert.Nil(t, m)
	_, m = requirements(mfaAll, enrolled, []store.Factor{ml, sms})
	assert.NotNil(t, m, "sms_otp is not an allowed MFA method there")
	_, m = requirements(mfaAll, plain, []store.Factor{ml, totp})
	assert.Nil(t, m)
	_, m = requirements(mfaAll, nil, []store.Factor{ml})
	assert.Nil(t, m, "without a Member (only eligible) no MFA is reported")
}

func TestAdaptFactorsKeepsTransferableOnes(t *testing.T) {
	now := time.Now()
	m := &store.Member{EmailID: "email-1", EmailAddress: "ada@x.com"}
	in := []store.Factor{
		NewFactor(now, "magic_link", "email", "email_factor", map[string]any{"email_id": "", "email_address": "ADA@x.com"}),
		NewFactor(now, "oauth", "oauth_google", "google_oauth_factor", map[string]any{"id": "r", "provider_subject": "s", "email_id": "old"}),
		NewFactor(now, "password", "knowledge", "", nil),
		NewFactor(now, "otp", "sms", "phone_number_factor", map[string]any{"phone_id": "p"}),
	}
	out := adaptFactors(in, m)
	assert.Len(t, out, 2)
	assert.Equal(t, "email-1", out[0].Detail["email_id"])
	assert.Equal(t, "email-1", out[1].Detail["email_id"])
	assert.Equal(t, "", in[0].Detail["email_id"], "the input is not changed")
}

func TestFailMemberLocksOutAndSurvivesRollback(t *testing.T) {
	st, err := store.New(store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := New(st, "project-test-1", nil)
	if err := st.Update(func(tx *store.Tx) error {
		tx.B2B.Members.Put("m", &store.Member{ID: "m", OrganizationID: "o", Status: store.MemberActive})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for range LockoutThreshold {
		_ = st.Update(func(tx *store.Tx) error {
			s.FailMember(tx, tx.B2B.Members.Get("m"))
			return E(ErrWrongCode, "wrong")
		})
	}
	_ = st.View(func(tx *store.Tx) error {
		m := tx.B2B.Members.Get("m")
		assert.True(t, m.Locked(tx.Now))
		assert.Zero(t, m.FailedAttempts)
		return nil
	})
}

func TestCarriedFactors(t *testing.T) {
	now := time.Now()
	o := &store.Organization{ID: "org-b"}
	m := &store.Member{EmailID: "email-b", EmailAddress: "ada@x.com"}
	otp := NewFactor(now, "email_otp", "email", "email_factor", map[string]any{"email_id": "", "email_address": "ada@x.com"})
	pw := NewFactor(now, "password", "knowledge", "", nil)
	sms := NewFactor(now, "otp", "sms", "phone_number_factor", map[string]any{"phone_id": "p", "phone_number": "+1"})
	in := []store.Factor{otp, pw, sms}

	same := carriedFactors(in, "org-b", o, m)
	assert.Len(t, same, 3, "a login of the same Organization keeps everything")
	assert.Equal(t, "", same[0].Detail["email_id"], "as it was")

	disc := carriedFactors(in, "", o, m)
	assert.Len(t, disc, 2, "a discovery login carries its primary factors, not MFA")
	assert.Equal(t, "email-b", disc[0].Detail["email_id"], "pointed at the Member's address")
	assert.Equal(t, "", in[0].Detail["email_id"], "the input is not changed")

	assert.Empty(t, carriedFactors(in, "org-a", o, m), "email OTP and passwords do not transfer between Organizations")

	assert.True(t, verifiesEmail([]store.Factor{otp}, "", o), "a discovery email OTP proves the address")
	assert.False(t, verifiesEmail([]store.Factor{pw}, "", o), "a password does not")
	assert.False(t, verifiesEmail([]store.Factor{otp}, "org-a", o), "nor does another Organization's email OTP")
}
