package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// TelemetryLifetime is how long a telemetry id can be looked up after the
// emulator first saw it.
const TelemetryLifetime = time.Hour

// FraudState holds device-fingerprinting rules, registered telemetry ids and
// verdict-reason overrides. Owned by the fraud group.
type FraudState struct {
	// Rules maps RuleKey(rule_type, value) to the rule.
	Rules *Table[FraudRule] `json:"rules"`
	// Telemetry maps a telemetry_id to the device it describes.
	Telemetry *Table[Telemetry] `json:"telemetry"`
	// Overrides maps a verdict reason to the project's override.
	Overrides *Table[ReasonOverride] `json:"overrides"`
}

func (s *FraudState) init(tr *tracker) {
	s.Rules = newTable[FraudRule](tr, "fraud.rules")
	s.Telemetry = newTable[Telemetry](tr, "fraud.telemetry")
	s.Overrides = newTable[ReasonOverride](tr, "fraud.overrides")
}

// FraudRule forces a verdict action for one identifier (a visitor id, a
// fingerprint, a CIDR block, an ASN or a country code).
type FraudRule struct {
	Type        string     `json:"type"`  // a RuleType, e.g. VISITOR_ID
	Value       string     `json:"value"` // the identifier it matches
	Action      string     `json:"action"`
	Description string     `json:"description,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	ExpiresAt   *time.Time `json:"expires_at,omitempty"`
}

// RuleKey is the key of a rule in Rules.
func RuleKey(ruleType, value string) string { return ruleType + ":" + value }

// Alive reports whether the rule applies at now.
func (r *FraudRule) Alive(now time.Time) bool { return r.ExpiresAt == nil || now.Before(*r.ExpiresAt) }

// Clone returns a copy of r.
func (r *FraudRule) Clone() FraudRule {
	out := *r
	if r.ExpiresAt != nil {
		t := *r.ExpiresAt
		out.ExpiresAt = &t
	}
	return out
}

// Telemetry is what device fingerprinting learned from one telemetry id:
// its identifiers and fingerprints, network facts and the warning flags
// (verdict reasons) raised.
type Telemetry struct {
	ID                  string    `json:"id"`
	VisitorID           string    `json:"visitor_id"`
	BrowserID           string    `json:"browser_id"`
	VisitorFingerprint  string    `json:"visitor_fingerprint"`
	BrowserFingerprint  string    `json:"browser_fingerprint"`
	HardwareFingerprint string    `json:"hardware_fingerprint"`
	NetworkFingerprint  string    `json:"network_fingerprint"`
	IPAddress           string    `json:"ip_address"`
	ASN                 string    `json:"asn"`
	CountryCode         string    `json:"country_code"`
	UserAgent           string    `json:"user_agent"`
	Reasons             []string  `json:"reasons"`
	CreatedAt           time.Time `json:"created_at"`
	ExpiresAt           time.Time `json:"expires_at"`
}

// Clone returns a deep copy of t.
func (t *Telemetry) Clone() Telemetry {
	out := *t
	out.Reasons = slices.Clone(t.Reasons)
	return out
}

// ReasonOverride replaces the default action of a verdict reason.
type ReasonOverride struct {
	Reason      string    `json:"reason"`
	Action      string    `json:"action"`
	Description string    `json:"description,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// ReasonDefaults are the warning flags (verdict reasons) the emulator can
// raise and the action each recommends by default. The documented examples:
// headless automation and user-agent deception block, a virtual machine or
// a rate-limit warning challenge. RULE_MATCH is not listed: a rule sets its
// own action.
var ReasonDefaults = []struct{ Reason, Action string }{
	{"HEADLESS_BROWSER_AUTOMATION", "BLOCK"},
	{"USER_AGENT_DECEPTION", "BLOCK"},
	{"VIRTUAL_MACHINE", "CHALLENGE"},
	{"SMART_RATE_LIMIT_WARNING", "CHALLENGE"},
}

// DefaultReasonAction returns the default action of a verdict reason and
// whether the reason is known.
func DefaultReasonAction(reason string) (string, bool) {
	for _, r := range ReasonDefaults {
		if r.Reason == reason {
			return r.Action, true
		}
	}
	return "", false
}

// DerivedTelemetry returns the device the emulator makes up for a telemetry
// id nobody registered: every identifier is a hash of the id, so lookups are
// repeatable; the network is a documentation address (198.51.100.0/24, AS
// 64496-64511) in the US; no warning flags. Times are left zero.
func DerivedTelemetry(id string) Telemetry {
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
	return Telemetry{ID: id,
		VisitorID: "visitor-" + uuidOf("visitor_id"), BrowserID: "browser-" + uuidOf("browser_id"),
		VisitorFingerprint: "vis-fp-" + hexOf("visitor"), BrowserFingerprint: "bro-fp-" + hexOf("browser"),
		HardwareFingerprint: "hw-fp-" + hexOf("hardware"), NetworkFingerprint: "net-fp-" + hexOf("network"),
		IPAddress: "198.51.100." + strconv.Itoa(int(n%254)+1), ASN: strconv.Itoa(64496 + int(n%16)),
		CountryCode: "US", Reasons: []string{}}
}

// RegisterTelemetry records what device fingerprinting "saw" for a
// telemetry id, so that a test controls the fingerprints, network facts and
// warning flags a fingerprint lookup returns; identifiers left empty are
// derived as for an unregistered id. The id can be looked up for
// TelemetryLifetime from now. Used by the control plane and tests.
func (s *Store) RegisterTelemetry(t Telemetry) (Telemetry, error) {
	if strings.TrimSpace(t.ID) == "" {
		return Telemetry{}, fmt.Errorf("store: telemetry_id is required")
	}
	for _, r := range t.Reasons {
		if _, ok := DefaultReasonAction(r); !ok {
			return Telemetry{}, fmt.Errorf("store: unknown verdict reason %q", r)
		}
	}
	if t.IPAddress != "" {
		if _, err := netip.ParseAddr(t.IPAddress); err != nil {
			return Telemetry{}, fmt.Errorf("store: ip_address is not an IP address")
		}
	}
	d := DerivedTelemetry(t.ID)
	for _, f := range []struct {
		dst *string
		def string
	}{{&t.VisitorID, d.VisitorID}, {&t.BrowserID, d.BrowserID},
		{&t.VisitorFingerprint, d.VisitorFingerprint}, {&t.BrowserFingerprint, d.BrowserFingerprint},
		{&t.HardwareFingerprint, d.HardwareFingerprint}, {&t.NetworkFingerprint, d.NetworkFingerprint},
		{&t.IPAddress, d.IPAddress}, {&t.ASN, d.ASN}, {&t.CountryCode, d.CountryCode}} {
		if *f.dst == "" {
			*f.dst = f.def
		}
	}
	t.CountryCode = strings.ToUpper(t.CountryCode)
	t.Reasons = append([]string{}, t.Reasons...)
	var out Telemetry
	_ = s.Update(func(tx *Tx) error {
		t.CreatedAt, t.ExpiresAt = tx.Now, tx.Now.Add(TelemetryLifetime)
		tx.Fraud.Telemetry.Put(t.ID, &t)
		out = t.Clone()
		return nil
	})
	return out, nil
}
