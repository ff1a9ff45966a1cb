package store

// IDPState holds authorization codes and tokens this project issued as an
// OAuth identity provider. Owned by the IdP group.
type IDPState struct {
	// Codes maps an authorization code to its data.
	Codes map[string]map[string]any `json:"codes"`
}

func (s *IDPState) ensure() {
	if s.Codes == nil {
		s.Codes = map[string]map[string]any{}
	}
}
