package httpapi

import (
	"context"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/gen"
)

// This file holds the misc operations until they are implemented: each answers a
// Stytch-shaped 501 not_implemented_in_emulator. Delete the file when the group
// lands in misc.go.

// DebugWhoami is not implemented yet (501 not_implemented_in_emulator).
func (a *API) DebugWhoami(_ context.Context, _ gen.DebugWhoamiRequestObject) (gen.DebugWhoamiResponseObject, error) {
	return nil, flows.NotImplemented("DebugWhoami")
}

// ProjectMetrics is not implemented yet (501 not_implemented_in_emulator).
func (a *API) ProjectMetrics(_ context.Context, _ gen.ProjectMetricsRequestObject) (gen.ProjectMetricsResponseObject, error) {
	return nil, flows.NotImplemented("ProjectMetrics")
}

// RBACPolicy is not implemented yet (501 not_implemented_in_emulator).
func (a *API) RBACPolicy(_ context.Context, _ gen.RBACPolicyRequestObject) (gen.RBACPolicyResponseObject, error) {
	return nil, flows.NotImplemented("RBACPolicy")
}
