package flows

import (
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Fraud rule list limits (POST /v1/rules/list).
const (
	DefaultRuleListLimit = 10
	MaxRuleListLimit     = 100
)

// RuleTypes lists what a fraud rule can match on, in precedence order: when
// rules on several identifiers of one device match, the first type wins.
var RuleTypes = []string{"VISITOR_ID", "BROWSER_ID", "VISITOR_FINGERPRINT", "BROWSER_FINGERPRINT",
	"HARDWARE_FINGERPRINT", "NETWORK_FINGERPRINT", "CIDR_BLOCK", "ASN", "COUNTRY_CODE"}

// actionRank orders verdict actions from the mildest to the strictest.
var actionRank = map[string]int{"ALLOW": 1, "CHALLENGE": 2, "BLOCK": 3}

var (
	countryCode = regexp.MustCompile(`^[A-Za-z]{2}$`)
	asnNumber   = regexp.MustCompile(`^(?i:AS)?([0-9]{1,10})$`)
)

// RuleInput is the body of FraudRulesSet: an action and exactly one
// identifier (keyed by its RuleType).
type RuleInput struct {
	Action           string
	Identifiers      map[string]string
	ExpiresInMinutes *int32
	Description      string
}

// SetFraudRule creates or replaces the rule on one identifier; action NONE
// deletes it (the returned rule then has Action NONE). CIDR blocks are
// stored in canonical form, country codes upper-case, ASNs as digits.
func (s *Service) SetFraudRule(in RuleInput) (*store.FraudRule, error) {
	typ, value, err := ruleIdentifier(in.Identifiers)
	if err != nil {
		return nil, err
	}
	if _, ok := actionRank[in.Action]; !ok && in.Action != "NONE" {
		return nil, E(ErrInvalidRuleAction, "action must be ALLOW, CHALLENGE, BLOCK or NONE.")
	}
	if typ == "COUNTRY_CODE" && in.Action == "ALLOW" {
		return nil, E(ErrInvalidRuleAction, "An ALLOW rule cannot be set for a country_code.")
	}
	if in.ExpiresInMinutes != nil && *in.ExpiresInMinutes < 1 {
		return nil, E(ErrInvalidExpiresInMinutes, "expires_in_minutes must be at least 1.")
	}
	var out store.FraudRule
	err = s.Store.Update(func(tx *store.Tx) error {
		key := store.RuleKey(typ, value)
		if in.Action == "NONE" {
			tx.Fraud.Rules.Delete(key)
			out = store.FraudRule{Type: typ, Value: value, Action: "NONE", UpdatedAt: tx.Now}
			return nil
		}
		r := tx.Fraud.Rules.Get(key)
		if r == nil || !r.Alive(tx.Now) {
			r = &store.FraudRule{Type: typ, Value: value, CreatedAt: tx.Now}
			tx.Fraud.Rules.Put(key, r)
		}
		r.Action, r.Description, r.UpdatedAt, r.ExpiresAt = in.Action, in.Description, tx.Now, nil
		if in.ExpiresInMinutes != nil {
			t := tx.Now.Add(time.Duration(*in.ExpiresInMinutes) * time.Minute)
			r.ExpiresAt = &t
		}
		out = r.Clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ruleIdentifier picks and normalises the one identifier of a rule.
func ruleIdentifier(ids map[string]string) (string, string, error) {
	typ, value, n := "", "", 0
	for t, v := range ids {
		if v != "" {
			typ, value, n = t, v, n+1
		}
	}
	if n != 1 || !slices.Contains(RuleTypes, typ) {
		return "", "", E(ErrInvalidRuleIdentifier, "Set exactly one identifier: a visitor or browser id, a fingerprint, cidr_block, asn or country_code.")
	}
	switch typ {
	case "CIDR_BLOCK":
		p, err := netip.ParsePrefix(value)
		if err != nil {
			return "", "", E(ErrInvalidCIDRBlock, "cidr_block must be an IP block in CIDR notation, like 203.0.113.0/24.")
		}
		value = p.Masked().String()
	case "COUNTRY_CODE":
		if !countryCode.MatchString(value) {
			return "", "", E(ErrInvalidCountryCode, "country_code must be an ISO 3166-1 alpha-2 code, like US.")
		}
		value = strings.ToUpper(value)
	case "ASN":
		m := asnNumber.FindStringSubmatch(value)
		if m == nil {
			return "", "", E(ErrInvalidASN, "asn must be an autonomous system number, like 64500.")
		}
		value = m[1]
	}
	return typ, value, nil
}

// RulePage is one page of fraud rules.
type RulePage struct {
	Rules      []store.FraudRule
	NextCursor string // "" on the last page
}

// ListFraudRules lists the rules still in force, oldest first (limit
// default 10, at most 100). Expired rules are forgotten.
func (s *Service) ListFraudRules(limit int, cursor string) (*RulePage, error) {
	if limit == 0 {
		limit = DefaultRuleListLimit
	}
	if limit < 1 || limit > MaxRuleListLimit {
		return nil, E(ErrInvalidLimit, "limit must be between 1 and %d.", MaxRuleListLimit)
	}
	var all []store.FraudRule
	_ = s.Store.Update(func(tx *store.Tx) error {
		for _, k := range tx.Fraud.Rules.Keys() {
			r := tx.Fraud.Rules.Get(k)
			if !r.Alive(tx.Now) {
				tx.Fraud.Rules.Delete(k)
				continue
			}
			all = append(all, r.Clone())
		}
		return nil
	})
	slices.SortFunc(all, func(a, b store.FraudRule) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(store.RuleKey(a.Type, a.Value), store.RuleKey(b.Type, b.Value))
	})
	items, _, next, err := cutPage(all, limit, cursor)
	if err != nil {
		return nil, err
	}
	return &RulePage{Rules: items, NextCursor: next}, nil
}

// ReasonAction is a verdict reason with its default action and the
// project's override, if any.
type ReasonAction struct {
	Reason, Default string
	Override        *store.ReasonOverride
}

// ListVerdictReasons lists every verdict reason (or only the overridden
// ones).
func (s *Service) ListVerdictReasons(overridesOnly bool) []ReasonAction {
	out := []ReasonAction{}
	_ = s.Store.View(func(tx *store.Tx) error {
		for _, r := range store.ReasonDefaults {
			ra := ReasonAction{Reason: r.Reason, Default: r.Action}
			if o := tx.Fraud.Overrides.Get(r.Reason); o != nil {
				c := *o
				ra.Override = &c
			} else if overridesOnly {
				continue
			}
			out = append(out, ra)
		}
		return nil
	})
	return out
}

// OverrideVerdictReason sets the action a verdict reason recommends; NONE
// removes the override.
func (s *Service) OverrideVerdictReason(reason, action, description string) (*ReasonAction, error) {
	def, ok := store.DefaultReasonAction(reason)
	if !ok {
		return nil, E(ErrInvalidVerdictReason, "Unknown verdict reason %q.", truncate(reason, 64))
	}
	if _, ok := actionRank[action]; !ok && action != "NONE" {
		return nil, E(ErrInvalidOverrideAction, "override_action must be ALLOW, CHALLENGE, BLOCK or NONE.")
	}
	out := &ReasonAction{Reason: reason, Default: def}
	err := s.Store.Update(func(tx *store.Tx) error {
		if action == "NONE" {
			tx.Fraud.Overrides.Delete(reason)
			return nil
		}
		o := &store.ReasonOverride{Reason: reason, Action: action, Description: description, CreatedAt: tx.Now}
		tx.Fraud.Overrides.Put(reason, o)
		c := *o
		out.Override = &c
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
