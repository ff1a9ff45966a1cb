package store

import (
	"slices"
	"time"
)

// FraudState holds device-fingerprinting rules, registered telemetry ids and
// verdict-reason overrides. Owned by the fraud group.
type FraudState struct {
	// Rules maps RuleKey(rule_type, value) to the rule.
	Rules map[string]*FraudRule `json:"rules"`
	// Telemetry maps a telemetry_id to the device it describes.
	Telemetry map[string]*Telemetry `json:"telemetry"`
	// Overrides maps a verdict reason to the project's override.
	Overrides map[string]*ReasonOverride `json:"overrides"`
}

func (s *FraudState) ensure() {
	if s.Rules == nil {
		s.Rules = map[string]*FraudRule{}
	}
	if s.Telemetry == nil {
		s.Telemetry = map[string]*Telemetry{}
	}
	if s.Overrides == nil {
		s.Overrides = map[string]*ReasonOverride{}
	}
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
