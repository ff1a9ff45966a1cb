package flows

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// TelemetryLifetime is how long a telemetry id can be looked up after the
// emulator first saw it.
const TelemetryLifetime = time.Hour

// RegisterTelemetry records what device fingerprinting "saw" for a
// telemetry id, so that a test can control the fingerprints, network facts
// and warning flags (verdict reasons) a lookup returns. Empty identifiers
// are derived from the id as for an unregistered id. Meant for the control
// plane and tests.
func (s *Service) RegisterTelemetry(t store.Telemetry) (*store.Telemetry, error) {
	if strings.TrimSpace(t.ID) == "" {
		return nil, BadRequest("invalid_telemetry_id", "telemetry_id is required.")
	}
	for _, r := range t.Reasons {
		if _, ok := defaultReasonAction(r); !ok {
			return nil, BadRequest("invalid_verdict_reason", "Unknown verdict reason %q.", truncate(r, 64))
		}
	}
	if t.IPAddress != "" {
		if _, err := netip.ParseAddr(t.IPAddress); err != nil {
			return nil, BadRequest("invalid_ip_address", "ip_address must be an IPv4 or IPv6 address.")
		}
	}
	var out store.Telemetry
	err := s.Store.Update(func(tx *store.Tx) error {
		d := derivedTelemetry(t.ID)
		fill := func(dst *string, def string) {
			if *dst == "" {
				*dst = def
			}
		}
		fill(&t.VisitorID, d.VisitorID)
		fill(&t.BrowserID, d.BrowserID)
		fill(&t.VisitorFingerprint, d.VisitorFingerprint)
		fill(&t.BrowserFingerprint, d.BrowserFingerprint)
		fill(&t.HardwareFingerprint, d.HardwareFingerprint)
		fill(&t.NetworkFingerprint, d.NetworkFingerprint)
		fill(&t.IPAddress, d.IPAddress)
		fill(&t.ASN, d.ASN)
		fill(&t.CountryCode, d.CountryCode)
		t.CountryCode = strings.ToUpper(t.CountryCode)
		t.Reasons = slices.Clone(t.Reasons)
		if t.Reasons == nil {
			t.Reasons = []string{}
		}
		t.CreatedAt, t.ExpiresAt = tx.Now, tx.Now.Add(TelemetryLifetime)
		tx.Fraud.Telemetry[t.ID] = &t
		out = t.Clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// derivedTelemetry returns the device the emulator makes up for an id:
// every identifier is a hash of the id, so lookups are repeatable; the
// network is a documentation address (198.51.100.0/24, AS 64496-64511) in
// the US, with no warning flags.
func derivedTelemetry(id string) store.Telemetry {
	h := func(label string) []byte {
		sum := sha256.Sum256([]byte(label + ":" + id))
		return sum[:]
	}
	hexOf := func(label string) string { return hex.EncodeToString(h(label)[:16]) }
	uuidOf := func(label string) string {
		u, _ := uuid.FromBytes(h(label)[:16])
		return u.String()
	}
	n := binary.BigEndian.Uint16(h("network"))
	return store.Telemetry{ID: id,
		VisitorID: "visitor-" + uuidOf("visitor_id"), BrowserID: "browser-" + uuidOf("browser_id"),
		VisitorFingerprint: "vis-fp-" + hexOf("visitor"), BrowserFingerprint: "bro-fp-" + hexOf("browser"),
		HardwareFingerprint: "hw-fp-" + hexOf("hardware"), NetworkFingerprint: "net-fp-" + hexOf("network"),
		IPAddress: "198.51.100." + strconv.Itoa(int(n%254)+1), ASN: strconv.Itoa(64496 + int(n%16)),
		CountryCode: "US", Reasons: []string{}}
}

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
// in UUID form is derived from the id (see derivedTelemetry) and remembered
// from its first lookup; anything else, or an id older than
// TelemetryLifetime, is 404 telemetry_id_not_found.
//
// The verdict: each warning flag recommends its default action or the
// project's override, the strictest wins (BLOCK > CHALLENGE > ALLOW; ALLOW
// without flags). A rule on one of the device's identifiers, taken in
// RuleTypes order (for CIDR blocks the smallest block, then the strictest),
// replaces that action and adds the RULE_MATCH reason.
func (s *Service) LookupFingerprint(telemetryID string) (*FingerprintLookup, error) {
	var out FingerprintLookup
	err := s.Store.Update(func(tx *store.Tx) error {
		t := tx.Fraud.Telemetry[telemetryID]
		if t == nil {
			if _, err := uuid.Parse(telemetryID); err != nil || len(telemetryID) != 36 {
				return NotFound("telemetry_id_not_found", "The telemetry_id could not be found or has expired.")
			}
			d := derivedTelemetry(telemetryID)
			d.CreatedAt, d.ExpiresAt = tx.Now, tx.Now.Add(TelemetryLifetime)
			t = &d
			tx.Fraud.Telemetry[telemetryID] = t
		}
		if !tx.Now.Before(t.ExpiresAt) {
			return NotFound("telemetry_id_not_found", "The telemetry_id could not be found or has expired.")
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
		def, _ := defaultReasonAction(r)
		action := def
		if o := tx.Fraud.Overrides[r]; o != nil {
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
			if r := tx.Fraud.Rules[store.RuleKey(typ, exact[typ])]; r != nil && exact[typ] != "" && r.Alive(tx.Now) {
				return r
			}
			continue
		}
		if ipErr != nil {
			continue
		}
		var best *store.FraudRule
		bestBits := -1
		for _, r := range tx.Fraud.Rules {
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
