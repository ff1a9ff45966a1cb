package store

// FraudState holds fraud rules and verdict-reason overrides. Owned by the
// fraud group.
type FraudState struct {
	// Rules maps a rule key (e.g. "visitor_id:<id>") to rule data.
	Rules map[string]map[string]any `json:"rules"`
}

func (s *FraudState) ensure() {
	if s.Rules == nil {
		s.Rules = map[string]map[string]any{}
	}
}
