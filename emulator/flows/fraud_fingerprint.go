package flows

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// FraudVerdict is the verdict of a fingerprint lookup.
type FraudVerdict struct {
	Action             string
	Reasons            []string
	Overrides          []store.ReasonOverride // overrides that changed a reason's action
	RuleMatchType      string                 // "" when no rule matched
	RuleMatchValue     string
	IsAuthenticDevice  bool
	DetectedDeviceType string
}

// FingerprintLookup is the result of LookupFingerprint.
type FingerprintLookup struct {
	Telemetry store.Telemetry
	Verdict   FraudVerdict
}

// LookupFingerprint returns the device behind a telemetry id and its
// verdict. A registered id answers what was registered; an unregistered id
// in UUID form is derived from the id (see store.DerivedTelemetry) and remembered
// from its first lookup; anything else, or an id older than
// store.TelemetryLifetime, is 404 telemetry_id_not_found.
//
// The verdict: each warning flag recommends its default action or the
// project's override, the strictest wins (BLOCK > CHALLENGE > ALLOW; ALLOW
// without flags). A rule on one of the device's identifiers, taken in
// RuleTypes order (for CIDR blocks the smallest block, then the strictest),
// replaces that action and adds the RULE_MATCH reason.
func (s *Service) LookupFingerprint(telemetryID string) (*FingerprintLookup, error) {
	var out FingerprintLookup
	err := s.Store.Update(func(tx *store.Tx) error {
		t := tx.Fraud.Telemetry.Get(telemetryID)
		if t == nil {
			if _, err := uuid.Parse(telemetryID); err != nil || len(telemetryID) != 36 {
				return E(ErrTelemetryIDNotFound, "The telemetry_id could not be found or has expired.")
			}
			d := store.DerivedTelemetry(telemetryID)
			d.CreatedAt, d.ExpiresAt = tx.Now, tx.Now.Add(store.TelemetryLifetime)
			t = &d
			tx.Fraud.Telemetry.Put(telemetryID, t)
		}
		if !tx.Now.Before(t.ExpiresAt) {
			return E(ErrTelemetryIDNotFound, "The telemetry_id could not be found or has expired.")
		}
		out = FingerprintLookup{Telemetry: t.Clone(), Verdict: verdictFor(tx, t)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func verdictFor(tx *store.Tx, t *store.Telemetry) FraudVerdict {
	v := FraudVerdict{Action: "ALLOW", Reasons: slices.Clone(t.Reasons), Overrides: []store.ReasonOverride{},
		IsAuthenticDevice: true, DetectedDeviceType: deviceType(t.UserAgent)}
	for _, r := range t.Reasons {
		def, _ := store.DefaultReasonAction(r)
		action := def
		if o := tx.Fraud.Overrides.Get(r); o != nil {
			action = o.Action
			v.Overrides = append(v.Overrides, *o)
		}
		if def == "BLOCK" {
			v.IsAuthenticDevice = false
		}
		if actionRank[action] > actionRank[v.Action] {
			v.Action = action
		}
	}
	if r := matchingRule(tx, t); r != nil {
		v.Action, v.RuleMatchType, v.RuleMatchValue = r.Action, r.Type, r.Value
		v.Reasons = append([]string{"RULE_MATCH"}, v.Reasons...)
	}
	return v
}

// matchingRule returns the rule that decides for t, or nil.
func matchingRule(tx *store.Tx, t *store.Telemetry) *store.FraudRule {
	exact := map[string]string{"VISITOR_ID": t.VisitorID, "BROWSER_ID": t.BrowserID,
		"VISITOR_FINGERPRINT": t.VisitorFingerprint, "BROWSER_FINGERPRINT": t.BrowserFingerprint,
		"HARDWARE_FINGERPRINT": t.HardwareFingerprint, "NETWORK_FINGERPRINT": t.NetworkFingerprint,
		"ASN": t.ASN, "COUNTRY_CODE": t.CountryCode}
	ip, ipErr := netip.ParseAddr(t.IPAddress)
	for _, typ := range RuleTypes {
		if typ != "CIDR_BLOCK" {
			if r := tx.Fraud.Rules.Get(store.RuleKey(typ, exact[typ])); r != nil && exact[typ] != "" && r.Alive(tx.Now) {
				return r
			}
			continue
		}
		if ipErr != nil {
			continue
		}
		var best *store.FraudRule
		bestBits := -1
		for _, r := range tx.Fraud.Rules.All() {
			p, err := netip.ParsePrefix(r.Value)
			if r.Type != typ || err != nil || !r.Alive(tx.Now) || !p.Contains(ip) {
				continue
			}
			if p.Bits() > bestBits || (p.Bits() == bestBits && actionRank[r.Action] > actionRank[best.Action]) {
				best, bestBits = r, p.Bits()
			}
		}
		if best != nil {
			return best
		}
	}
	return nil
}

// deviceType names the operating system of a user agent, UNKNOWN when there
// is none.
func deviceType(ua string) string {
	for _, k := range []struct{ needle, name string }{{"iPhone", "IOS"}, {"iPad", "IOS"}, {"Android", "ANDROID"},
		{"Windows", "WINDOWS"}, {"Mac OS X", "MACOS"}, {"Linux", "LINUX"}} {
		if strings.Contains(ua, k.needle) {
			return k.name
		}
	}
	return "UNKNOWN"
}
