// Package control is the emulator's control plane under /emulator/v1: the
// outbox of sent messages, reset, the clock and fault injection. It is
// protected by the same Basic auth as the API (the emulator checks it before
// dispatching here).
package control

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/stytchkit/stytchkit/emulator/store"
)

// Prefix is the path prefix of the control plane.
const Prefix = "/emulator/v1"

// FaultHeader marks a response that an injected fault produced (its status
// and body need not match the spec).
const FaultHeader = "X-Emulator-Fault"

// Plane is what the control endpoints drive; *emulator.Server implements it.
type Plane interface {
	// Messages returns the outbox, filtered by recipient when to is not "".
	Messages(to string) []store.Message
	// Reset forgets all state (not the signing key) and pending faults.
	Reset()
	// Advance moves the emulator clock forward.
	Advance(d time.Duration) (time.Time, error)
	// Now is the emulator's current time.
	Now() time.Time
	// InjectFault queues a fault.
	InjectFault(f Fault) error
	// ClearFaults drops pending faults.
	ClearFaults()
	// PendingFaults lists queued faults.
	PendingFaults() []Fault
}

// ErrorWriter writes a Stytch-shaped error body (status, error_type, message).
type ErrorWriter func(w http.ResponseWriter, r *http.Request, status int, errorType, message string)

// NewHandler returns the handler of every /emulator/v1 endpoint:
//
//	GET    /emulator/v1/messages?to=ADDR  {"messages": [...]}
//	POST   /emulator/v1/reset             {"status": "reset"}
//	GET    /emulator/v1/clock             {"now": RFC3339}
//	POST   /emulator/v1/clock             {"advance": "1h"} -> {"now": ...}
//	GET    /emulator/v1/faults            {"faults": [...]}
//	POST   /emulator/v1/faults            a Fault -> 201 {"faults": [...]}
//	DELETE /emulator/v1/faults            {"faults": []}
func NewHandler(p Plane, writeErr ErrorWriter) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Prefix+"/messages", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"messages": p.Messages(r.URL.Query().Get("to"))})
	})
	mux.HandleFunc("POST "+Prefix+"/reset", func(w http.ResponseWriter, r *http.Request) {
		p.Reset()
		writeJSON(w, http.StatusOK, map[string]any{"status": "reset"})
	})
	mux.HandleFunc("GET "+Prefix+"/clock", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"now": p.Now()})
	})
	mux.HandleFunc("POST "+Prefix+"/clock", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Advance Duration `json:"advance"`
		}
		if err := decode(r, &body); err != nil {
			writeErr(w, r, http.StatusBadRequest, "bad_request", "body must be {\"advance\": \"<duration>\"}: "+err.Error())
			return
		}
		now, err := p.Advance(time.Duration(body.Advance))
		if err != nil {
			writeErr(w, r, http.StatusBadRequest, "bad_request", err.Error())
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"now": now})
	})
	mux.HandleFunc("GET "+Prefix+"/faults", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"faults": p.PendingFaults()})
	})
	mux.HandleFunc("POST "+Prefix+"/faults", func(w http.ResponseWriter, r *http.Request) {
		var f Fault
		if err := decode(r, &f); err != nil {
			writeErr(w, r, http.StatusBadRequest, "bad_request", "invalid fault: "+err.Error())
			return
		}
		if err := p.InjectFault(f); err != nil {
			writeErr(w, r, http.StatusBadRequest, "bad_request", err.Error())
			return
		}
		writeJSON(w, http.StatusCreated, map[string]any{"faults": p.PendingFaults()})
	})
	mux.HandleFunc("DELETE "+Prefix+"/faults", func(w http.ResponseWriter, r *http.Request) {
		p.ClearFaults()
		writeJSON(w, http.StatusOK, map[string]any{"faults": []Fault{}})
	})
	mux.HandleFunc(Prefix+"/", func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, r, http.StatusNotFound, "route_not_found", "No control endpoint "+r.Method+" "+r.URL.Path+".")
	})
	return mux
}

func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Apply runs the first queued fault matching r, if any. It returns true when
// the fault answered the request (an error status, a raw body or a dropped
// connection) and false when the request should be served normally (no fault,
// or a delay-only fault that has been waited out).
func (fs *Faults) Apply(w http.ResponseWriter, r *http.Request, writeErr ErrorWriter) bool {
	f, ok := fs.Take(r)
	if !ok {
		return false
	}
	sleep(r.Context(), time.Duration(f.Delay))
	if f.Status != 0 {
		w.Header().Set(FaultHeader, "1")
	}
	if f.CloseConnection {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler) // the server drops the connection
	}
	if f.Status == 0 {
		return false
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Body != "" {
		ct := f.ContentType
		if ct == "" {
			ct = "text/html"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(f.Body))
		return true
	}
	typ := f.ErrorType
	if typ == "" {
		typ = DefaultErrorType(f.Status)
	}
	writeErr(w, r, f.Status, typ, "Injected fault: the emulator was told to answer "+http.StatusText(f.Status)+".")
	return true
}
