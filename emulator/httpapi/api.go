// Package httpapi is the HTTP face of the Stytch emulator: API implements the
// generated gen.StrictServerInterface (one file per endpoint group), Handler
// routes, authenticates and validates requests against api/openapi.yml, and
// WriteError is the single mapping from domain errors to Stytch error bodies.
package httpapi

import (
	"log/slog"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// API implements every operation of the Stytch Consumer API. A handler
// converts the request to a flows call and the result to the generated
// response type; on failure it returns (nil, err) with a *flows.Error, which
// WriteError renders.
type API struct {
	svc *flows.Service
	log *slog.Logger
}

// A missing operation fails to compile here.
var _ gen.StrictServerInterface = (*API)(nil)
