package store

// ConnectedAppsState holds Connected App clients and the grants/tokens they
// were issued. Owned by the connected apps group.
type ConnectedAppsState struct {
	// Clients maps client_id to client data.
	Clients map[string]map[string]any `json:"clients"`
}

func (s *ConnectedAppsState) ensure() {
	if s.Clients == nil {
		s.Clients = map[string]map[string]any{}
	}
}
