package store

// M2MState holds M2M clients. Owned by the M2M group.
type M2MState struct {
	// Clients maps client_id to client data.
	Clients map[string]map[string]any `json:"clients"`
}

func (s *M2MState) ensure() {
	if s.Clients == nil {
		s.Clients = map[string]map[string]any{}
	}
}
