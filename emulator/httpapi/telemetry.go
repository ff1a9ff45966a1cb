package httpapi

import (
	"net/http"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// telemetryRequest is the body of POST TelemetryPath: store.Telemetry with
// the API's name for its id.
type telemetryRequest struct {
	TelemetryID string `json:"telemetry_id"`
	store.Telemetry
}

// serveTelemetry registers a telemetry id with the device it stands for, so
// that fingerprint lookups and verdicts can be scripted in tests.
func (h *Handler) serveTelemetry(w http.ResponseWriter, r *http.Request) {
	var body telemetryRequest
	if !decodeExtra(w, r, h, &body, `{"telemetry_id": "...", "visitor_id"?, "reasons"? ["VIRTUAL_MACHINE"], "ip_address"?, ...}`) {
		return
	}
	body.Telemetry.ID = body.TelemetryID
	out, err := h.opts.Service.Store.RegisterTelemetry(body.Telemetry)
	if err != nil {
		WriteError(w, r, h.log, flows.BadRequest("bad_request", "%s", err.Error()))
		return
	}
	writeJSON(w, http.StatusCreated, out)
}
