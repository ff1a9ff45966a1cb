// Package flows holds the authentication rules of the Stytch emulator: who
// may log in with what, when tokens expire, what a session carries. Each
// operation runs inside one store transaction and reports failures as *Error
// (Stytch error_type + HTTP status + message); it knows nothing about HTTP
// bodies, which package httpapi builds.
package flows

import (
	"log/slog"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Service runs the flows against a store.
type Service struct {
	// Store is the emulator state.
	Store *store.Store
	// ProjectID is the project the emulator impersonates; it is the JWT
	// audience and part of the issuer.
	ProjectID string
	// Log receives diagnostic lines (never secrets).
	Log *slog.Logger
}

// New returns a Service over st for projectID.
func New(st *store.Store, projectID string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{Store: st, ProjectID: projectID, Log: log}
}
