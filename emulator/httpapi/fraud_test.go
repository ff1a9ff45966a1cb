package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/emulator"
	"github.com/stytchkit/stytchkit/emulator/control"
	"github.com/stytchkit/stytchkit/emulator/emutest"
	"github.com/stytchkit/stytchkit/emulator/store"
)

func TestFraudEmailRisk(t *testing.T) {
	env := emutest.New(t)
	for _, tc := range []struct {
		email      string
		action     string
		score      float64
		normalized string
		check      func(addr, dom map[string]any)
	}{
		{"ada.lovelace@example.com", "ALLOW", 0, "ada.lovelace@example.com", func(a, d map[string]any) {
			assert.Equal(t, true, a["has_valid_syntax"])
			assert.Equal(t, false, d["is_disposable_domain"])
			assert.Equal(t, true, d["has_mx_or_a_record"])
		}},
		{"A.Da+promo@Gmail.com", "CHALLENGE", 30, "ada@gmail.com", func(a, _ map[string]any) {
			assert.EqualValues(t, 7, a["tumbling_character_count"], "+promo and one dot")
		}},
		{"support@acme.io", "ALLOW", 20, "support@acme.io", func(a, _ map[string]any) {
			assert.Equal(t, true, a["is_suspected_role_address"])
		}},
		{"bot@mailinator.com", "CHALLENGE", 60, "bot@mailinator.com", func(_, d map[string]any) {
			assert.Equal(t, true, d["is_disposable_domain"])
		}},
		{"admin@sub.yopmail.com", "BLOCK", 80, "admin@sub.yopmail.com", nil},
		{"user@host.invalid", "CHALLENGE", 40, "user@host.invalid", func(_, d map[string]any) {
			assert.Equal(t, false, d["has_mx_or_a_record"])
		}},
		{"not an email", "BLOCK", 100, "not an email", func(a, _ map[string]any) {
			assert.Equal(t, false, a["has_valid_syntax"])
		}},
	} {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/email/risk", map[string]any{"email_address": tc.email})
		require.Equal(t, http.StatusOK, status, m)
		assert.Equal(t, tc.action, m["action"], tc.email)
		assert.EqualValues(t, tc.score, m["risk_score"], tc.email)
		addr, dom := m["address_information"].(map[string]any), m["domain_information"].(map[string]any)
		assert.Equal(t, tc.normalized, addr["normalized_email"], tc.email)
		assert.Equal(t, false, addr["has_known_bounces"])
		if tc.check != nil {
			tc.check(addr, dom)
		}
	}
}

// lookup calls the fingerprint lookup and returns the body.
func lookup(t *testing.T, env *emutest.Env, telemetryID string) (int, map[string]any) {
	t.Helper()
	return env.DoJSON(t, http.MethodPost, "/v1/fingerprint/lookup", map[string]any{"telemetry_id": telemetryID,
		"external_metadata": map[string]any{"external_id": "ext-1", "user_action": "LOGIN"}})
}

func verdictOf(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	v, ok := m["verdict"].(map[string]any)
	require.True(t, ok, m)
	return v
}

func TestFraudFingerprintLookup(t *testing.T) {
	env := emutest.New(t)
	const id = "026ac93b-8cdf-4fcb-bfa6-36a31cfecac1"
	status, m := lookup(t, env, id)
	require.Equal(t, http.StatusOK, status, m)
	fp := m["fingerprints"].(map[string]any)
	assert.Regexp(t, `^visitor-[0-9a-f-]{36}$`, fp["visitor_id"])
	assert.Regexp(t, `^hw-fp-[0-9a-f]{32}$`, fp["hardware_fingerprint"])
	assert.Equal(t, map[string]any{"external_id": "ext-1", "user_action": "LOGIN"}, m["external_metadata"])
	v := verdictOf(t, m)
	assert.Equal(t, "ALLOW", v["action"])
	assert.Equal(t, []any{}, v["reasons"])
	assert.Equal(t, true, v["is_authentic_device"])
	_, again := lookup(t, env, id)
	assert.Equal(t, fp, again["fingerprints"], "derived fingerprints are stable")

	status, m = lookup(t, env, "not-a-telemetry-id")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "telemetry_id_not_found", m["error_type"])

	// a registered device with warning flags; strictest reason wins
	// through the control plane (HTTP) and its Go accessor
	res := rawCall(t, env, http.MethodPost, env.URL+control.TelemetryPath, map[string]any{"telemetry_id": "tel-vm",
		"reasons": []string{"VIRTUAL_MACHINE"}, "ip_address": "203.0.113.7",
		"user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"}, true)
	reg := decodeBody(t, res)
	require.Equal(t, http.StatusCreated, res.StatusCode, reg)
	assert.Equal(t, "tel-vm", reg["id"])
	assert.NotEmpty(t, reg["visitor_fingerprint"], "missing identifiers are derived from the id")
	res = rawCall(t, env, http.MethodPost, env.URL+control.TelemetryPath, map[string]any{"telemetry_id": "tel-y"}, false)
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode, "the control plane needs the project's Basic auth")
	res = rawCall(t, env, http.MethodPost, env.URL+control.TelemetryPath, map[string]any{"telemetry_id": "tel-x",
		"reasons": []string{"MADE_UP"}}, true)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode, "unknown warning flags are refused")
	_, err := env.Server.RegisterTelemetry(emulator.Telemetry{ID: "tel-bot",
		Reasons: []string{"VIRTUAL_MACHINE", "HEADLESS_BROWSER_AUTOMATION"}})
	require.NoError(t, err)

	_, m = lookup(t, env, "tel-vm")
	v = verdictOf(t, m)
	assert.Equal(t, "CHALLENGE", v["action"])
	assert.Equal(t, []any{"VIRTUAL_MACHINE"}, v["reasons"])
	assert.Equal(t, "WINDOWS", v["detected_device_type"])
	assert.Equal(t, "203.0.113.7", m["properties"].(map[string]any)["network_properties"].(map[string]any)["ip_address"])
	_, m = lookup(t, env, "tel-bot")
	v = verdictOf(t, m)
	assert.Equal(t, "BLOCK", v["action"])
	assert.Equal(t, false, v["is_authentic_device"])

	// overrides change a reason's action, NONE removes the override
	status, o := env.DoJSON(t, http.MethodPost, "/v1/verdict_reasons/override", map[string]any{
		"verdict_reason": "VIRTUAL_MACHINE", "override_action": "ALLOW", "override_description": "VDI users"})
	require.Equal(t, http.StatusOK, status, o)
	ra := o["verdict_reason_action"].(map[string]any)
	assert.Equal(t, "CHALLENGE", ra["default_action"])
	assert.Equal(t, "ALLOW", ra["override_action"])
	_, m = lookup(t, env, "tel-vm")
	v = verdictOf(t, m)
	assert.Equal(t, "ALLOW", v["action"])
	assert.Equal(t, []any{map[string]any{"verdict_reason": "VIRTUAL_MACHINE", "override_action": "ALLOW"}}, v["verdict_reason_overrides"])

	status, l := env.DoJSON(t, http.MethodPost, "/v1/verdict_reasons/list", map[string]any{})
	require.Equal(t, http.StatusOK, status, l)
	assert.Len(t, l["verdict_reason_actions"], len(store.ReasonDefaults))
	status, l = env.DoJSON(t, http.MethodPost, "/v1/verdict_reasons/list", map[string]any{"overrides_only": true})
	require.Equal(t, http.StatusOK, status, l)
	require.Len(t, l["verdict_reason_actions"], 1)
	assert.Equal(t, "VDI users", l["verdict_reason_actions"].([]any)[0].(map[string]any)["override_description"])

	status, o = env.DoJSON(t, http.MethodPost, "/v1/verdict_reasons/override", map[string]any{
		"verdict_reason": "VIRTUAL_MACHINE", "override_action": "NONE"})
	require.Equal(t, http.StatusOK, status, o)
	assert.NotContains(t, o["verdict_reason_action"], "override_action")
	_, m = lookup(t, env, "tel-vm")
	assert.Equal(t, "CHALLENGE", verdictOf(t, m)["action"])
	status, o = env.DoJSON(t, http.MethodPost, "/v1/verdict_reasons/override", map[string]any{
		"verdict_reason": "NOT_A_REASON", "override_action": "BLOCK"})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "invalid_verdict_reason", o["error_type"])

	// telemetry ids expire
	env.Server.Advance(store.TelemetryLifetime + time.Second)
	status, m = lookup(t, env, "tel-vm")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "telemetry_id_not_found", m["error_type"])
}

func TestFraudRulesPrecedenceAndExpiry(t *testing.T) {
	env := emutest.New(t)
	dev, err := env.Server.Store().RegisterTelemetry(store.Telemetry{ID: "tel-1", IPAddress: "203.0.113.7",
		ASN: "64500", CountryCode: "de", Reasons: []string{"HEADLESS_BROWSER_AUTOMATION"}})
	require.NoError(t, err)
	set := func(body map[string]any) map[string]any {
		t.Helper()
		status, m := env.DoJSON(t, http.MethodPost, "/v1/rules/set", body)
		require.Equal(t, http.StatusOK, status, m)
		return m
	}
	decide := func() (string, string, string) {
		t.Helper()
		_, m := lookup(t, env, "tel-1")
		v := verdictOf(t, m)
		mt, _ := v["rule_match_type"].(string)
		mi, _ := v["rule_match_identifier"].(string)
		return v["action"].(string), mt, mi
	}
	a, mt, _ := decide()
	assert.Equal(t, "BLOCK", a)
	assert.Empty(t, mt)

	set(map[string]any{"action": "CHALLENGE", "country_code": "DE"})
	a, mt, mi := decide()
	assert.Equal(t, []string{"CHALLENGE", "COUNTRY_CODE", "DE"}, []string{a, mt, mi}, "country codes are upper-cased")

	set(map[string]any{"action": "BLOCK", "cidr_block": "203.0.113.0/24"})
	set(map[string]any{"action": "ALLOW", "cidr_block": "203.0.113.7/32"})
	a, mt, mi = decide()
	assert.Equal(t, []string{"ALLOW", "CIDR_BLOCK", "203.0.113.7/32"}, []string{a, mt, mi}, "the smallest block wins, before country")

	set(map[string]any{"action": "BLOCK", "hardware_fingerprint": dev.HardwareFingerprint})
	r := set(map[string]any{"action": "ALLOW", "visitor_id": dev.VisitorID, "expires_in_minutes": 30, "description": "support ticket 42"})
	assert.Equal(t, dev.VisitorID, r["visitor_id"])
	require.NotNil(t, r["expires_at"])
	a, mt, _ = decide()
	assert.Equal(t, []string{"ALLOW", "VISITOR_ID"}, []string{a, mt}, "visitor_id takes precedence over hardware_fingerprint")
	_, m := lookup(t, env, "tel-1")
	assert.Equal(t, []any{"RULE_MATCH", "HEADLESS_BROWSER_AUTOMATION"}, verdictOf(t, m)["reasons"])

	env.Server.Advance(31 * time.Minute)
	a, mt, _ = decide()
	assert.Equal(t, []string{"BLOCK", "HARDWARE_FINGERPRINT"}, []string{a, mt}, "the visitor rule expired")

	r = set(map[string]any{"action": "NONE", "hardware_fingerprint": dev.HardwareFingerprint})
	assert.Equal(t, "NONE", r["action"])
	a, mt, _ = decide()
	assert.Equal(t, []string{"ALLOW", "CIDR_BLOCK"}, []string{a, mt}, "NONE deleted the hardware rule")

	for _, tc := range []struct {
		body map[string]any
		typ  string
	}{
		{map[string]any{"action": "ALLOW", "country_code": "US"}, "invalid_rule_action"},
		{map[string]any{"action": "BLOCK"}, "invalid_rule_identifier"},
		{map[string]any{"action": "BLOCK", "visitor_id": "v", "browser_id": "b"}, "invalid_rule_identifier"},
		{map[string]any{"action": "BLOCK", "cidr_block": "300.1.1.1/8"}, "invalid_cidr_block"},
		{map[string]any{"action": "BLOCK", "asn": "ASX"}, "invalid_asn"},
	} {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/rules/set", tc.body)
		assert.Equal(t, http.StatusBadRequest, status, tc.body)
		assert.Equal(t, tc.typ, m["error_type"], tc.body)
	}
}

func TestFraudRulesList(t *testing.T) {
	env := emutest.New(t)
	for i := range 12 {
		status, m := env.DoJSON(t, http.MethodPost, "/v1/rules/set", map[string]any{"action": "BLOCK",
			"visitor_id": fmt.Sprintf("visitor-%02d", i), "expires_in_minutes": 10 + i})
		require.Equal(t, http.StatusOK, status, m)
		env.Server.Advance(time.Second)
	}
	status, m := env.DoJSON(t, http.MethodPost, "/v1/rules/list", map[string]any{})
	require.Equal(t, http.StatusOK, status, m)
	assert.Len(t, m["rules"], 10, "limit defaults to 10")
	first := m["rules"].([]any)[0].(map[string]any)
	assert.Equal(t, "VISITOR_ID", first["rule_type"])
	assert.Equal(t, "visitor-00", first["visitor_id"])
	require.NotNil(t, m["next_cursor"])
	status, m = env.DoJSON(t, http.MethodPost, "/v1/rules/list", map[string]any{"cursor": m["next_cursor"]})
	require.Equal(t, http.StatusOK, status, m)
	assert.Len(t, m["rules"], 2)
	assert.Nil(t, m["next_cursor"])

	status, m = env.DoJSON(t, http.MethodPost, "/v1/rules/list", map[string]any{"limit": 101})
	assert.Equal(t, http.StatusBadRequest, status, "limit is at most 100")
	assert.NotEmpty(t, m["error_type"])

	env.Server.Advance(15 * time.Minute) // rules with 10..14 minutes (minus the seconds spent) are gone
	status, m = env.DoJSON(t, http.MethodPost, "/v1/rules/list", map[string]any{"limit": 100})
	require.Equal(t, http.StatusOK, status, m)
	assert.Len(t, m["rules"], 6, "expired rules are not listed")
}
