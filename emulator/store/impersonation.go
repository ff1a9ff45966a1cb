package store

// ImpersonationState holds impersonation tokens issued from the dashboard.
// Owned by the impersonation group.
type ImpersonationState struct {
	// Tokens maps an impersonation token to its data.
	Tokens map[string]map[string]any `json:"tokens"`
}

func (s *ImpersonationState) ensure() {
	if s.Tokens == nil {
		s.Tokens = map[string]map[string]any{}
	}
}
