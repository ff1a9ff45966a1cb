package store

import "time"

// ImpersonationToken is a single-use token with which a dashboard member
// (the impersonator) signs in as a user. Owned by the impersonation group
// (flows/impersonation.go); the emulator mints them from its control plane.
type ImpersonationToken struct {
	UserID            string    `json:"user_id"`
	ImpersonatorID    string    `json:"impersonator_id"`
	ImpersonatorEmail string    `json:"impersonator_email"`
	ExpiresAt         time.Time `json:"expires_at"`
	Used              bool      `json:"used"`
}

// ImpersonationState holds the impersonation tokens issued so far.
type ImpersonationState struct {
	// Tokens maps an impersonation token to its data.
	Tokens *Table[ImpersonationToken] `json:"tokens"`
}

func (s *ImpersonationState) init(tr *tracker) {
	s.Tokens = newTable[ImpersonationToken](tr, "impersonation.tokens")
}
