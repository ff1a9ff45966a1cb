package control

import (
	"net/http"
	"time"

	"github.com/stytchkit/stytchkit/emulator/flows"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// planeRoutes are the routes served both under Prefix (for tests and
// scripts) and under UIAPIPrefix (for the web UI).
func (h *Handler) planeRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/messages", serve: h.serveMessages},
		{method: http.MethodPost, path: "/reset", serve: h.serveReset},
		{method: http.MethodGet, path: "/clock", serve: h.serveClock},
		{method: http.MethodPost, path: "/clock", serve: h.serveAdvance},
		{method: http.MethodGet, path: "/faults", serve: h.serveFaults},
		{method: http.MethodPost, path: "/faults", serve: h.serveAddFault},
		{method: http.MethodDelete, path: "/faults", serve: h.serveClearFaults},
		{method: http.MethodGet, path: "/users", serve: h.serveUsers},
		{method: http.MethodGet, path: "/sessions", serve: h.serveSessions},
		{method: http.MethodPost, path: "/sessions/{id}/revoke", serve: h.serveRevokeSession},
		{method: http.MethodGet, path: "/status", serve: h.serveStatus},
		{method: http.MethodGet, path: "/organizations", serve: h.serveOrganizations},
		{method: http.MethodPost, path: "/members/{id}/revoke", serve: h.serveRevokeMemberSessions},
	}
}

// serveMessages lists the outbox, oldest first, to one recipient when ?to=
// is set (case-insensitive). Each message also says what it would read like
// and whether its token or code can still be used.
func (h *Handler) serveMessages(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"messages": h.messageViews(r.URL.Query().Get("to"))})
}

func (h *Handler) serveReset(w http.ResponseWriter, r *http.Request) {
	h.Reset()
	writeJSON(w, http.StatusOK, map[string]any{"status": "reset"})
}

func (h *Handler) serveClock(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"now": h.svc.Store.Now()})
}

func (h *Handler) serveAdvance(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Advance Duration `json:"advance"`
	}
	if !h.decodeOr400(w, r, &body, func(err error) string {
		return `The body must be {"advance": "<duration>"}: ` + err.Error() + "."
	}) {
		return
	}
	now, err := h.svc.Store.Advance(time.Duration(body.Advance))
	if err != nil {
		h.badRequest(w, r, "%s", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"now": now})
}

func (h *Handler) serveFaults(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"faults": h.faults.Pending()})
}

func (h *Handler) serveAddFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !h.decodeOr400(w, r, &f, func(err error) string { return "Invalid fault: " + err.Error() + "." }) {
		return
	}
	if err := h.faults.Add(f); err != nil {
		h.badRequest(w, r, "%s", err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"faults": h.faults.Pending()})
}

func (h *Handler) serveClearFaults(w http.ResponseWriter, r *http.Request) {
	h.faults.Clear()
	writeJSON(w, http.StatusOK, map[string]any{"faults": []Fault{}})
}

func (h *Handler) serveUsers(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"users": h.userViews()})
}

// serveSessions lists live sessions, of one user when ?user_id= is set.
func (h *Handler) serveSessions(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"sessions": h.sessionViews(r.URL.Query().Get("user_id"))})
}

func (h *Handler) serveRevokeSession(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := h.svc.RevokeSession(&id, nil, nil); err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "revoked", "session_id": id})
}

// status is the answer of GET status: what the UI's header shows.
type status struct {
	ProjectID   string    `json:"project_id"`
	PublicToken string    `json:"public_token"`
	Env         string    `json:"env"`
	Now         time.Time `json:"now"`
	ClockOffset Duration  `json:"clock_offset"`
	Users       int       `json:"users"`
	Sessions    int       `json:"sessions"`
	// Organizations and MemberSessions are the B2B counts.
	Organizations  int `json:"organizations"`
	MemberSessions int `json:"member_sessions"`
	Messages       int `json:"messages"`
	Faults         int `json:"faults"`
}

func (h *Handler) serveStatus(w http.ResponseWriter, r *http.Request) {
	out := status{ProjectID: h.svc.ProjectID, PublicToken: h.svc.PublicToken, Env: h.svc.Store.Env(), Faults: len(h.faults.Pending())}
	_ = h.svc.Store.View(func(tx *store.Tx) error {
		out.Now, out.ClockOffset = tx.Now, Duration(tx.ClockOffset)
		out.Users, out.Messages = tx.Users.Len(), tx.Outbox.Len()
		for _, s := range tx.Sessions.All() {
			if s.Alive(tx.Now) {
				out.Sessions++
			}
		}
		out.Organizations = tx.B2B.Organizations.Len()
		for _, s := range tx.B2B.Sessions.All() {
			if s.Alive(tx.Now) {
				out.MemberSessions++
			}
		}
		return nil
	})
	writeJSON(w, http.StatusOK, out)
}

// serveOrganizations lists the B2B Organizations, newest first, with their
// Members, SSO and SCIM connections.
func (h *Handler) serveOrganizations(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"organizations": h.orgViews()})
}

// serveRevokeMemberSessions ends every session of a B2B Member.
func (h *Handler) serveRevokeMemberSessions(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := h.svc.RevokeMemberSessions(nil, nil, nil, &id, flows.B2BCaller{}); err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "revoked", "member_id": id})
}
