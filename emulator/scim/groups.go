package scim

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/optional"
	"github.com/elimity-com/scim/schema"

	"github.com/stytchkit/stytchkit/emulator/flows"
)

// groupJSON is an RFC 7643 Group as JSON.
type groupJSON struct {
	DisplayName string       `json:"displayName"`
	ExternalID  string       `json:"externalId,omitempty"`
	Members     []memberJSON `json:"members,omitempty"`
}

type memberJSON struct {
	Value   string `json:"value"`
	Display string `json:"display,omitempty"`
}

// groupInput decodes a validated Group resource.
func groupInput(res map[string]any) (flows.SCIMGroupInput, error) {
	raw, err := json.Marshal(res)
	var g groupJSON
	if err == nil {
		err = json.Unmarshal(raw, &g)
	}
	if err != nil {
		return flows.SCIMGroupInput{}, scimerrors.ScimErrorInvalidValue
	}
	in := flows.SCIMGroupInput{DisplayName: g.DisplayName, ExternalID: g.ExternalID, MemberIDs: make([]string, 0, len(g.Members))}
	for _, m := range g.Members {
		in.MemberIDs = append(in.MemberIDs, m.Value)
	}
	return in, nil
}

// groupMap encodes a group as a resource map (with externalId, without id).
func groupMap(g *flows.SCIMGroupView) map[string]any {
	j := groupJSON{DisplayName: g.DisplayName, ExternalID: g.ExternalID, Members: []memberJSON{}}
	for _, m := range g.Members {
		j.Members = append(j.Members, memberJSON{Value: m.ID, Display: m.Display})
	}
	out := toMap(j)
	if _, ok := out["members"]; !ok {
		out["members"] = []any{}
	}
	return out
}

func groupResource(g *flows.SCIMGroupView) scim.Resource {
	attrs := groupMap(g)
	delete(attrs, "externalId")
	res := scim.Resource{ID: g.ID, Attributes: attrs, Meta: scim.Meta{Created: &g.Created, LastModified: &g.Modified}}
	if g.ExternalID != "" {
		res.ExternalID = optional.NewString(g.ExternalID)
	}
	return res
}

// groupHandler serves /Groups of one connection.
type groupHandler struct {
	svc  *flows.Service
	conn string
	log  *slog.Logger
}

func (h *groupHandler) fail(err error) error { return toSCIMError(h.log, err) }

// Create implements scim.ResourceHandler (POST /Groups).
func (h *groupHandler) Create(_ *http.Request, attrs scim.ResourceAttributes) (scim.Resource, error) {
	in, err := groupInput(attrs)
	if err != nil {
		return scim.Resource{}, err
	}
	g, err := h.svc.CreateSCIMGroup(h.conn, in)
	if err != nil {
		return scim.Resource{}, h.fail(err)
	}
	return groupResource(g), nil
}

// Get implements scim.ResourceHandler (GET /Groups/{id}).
func (h *groupHandler) Get(_ *http.Request, id string) (scim.Resource, error) {
	g, err := h.svc.SCIMGroupByID(h.conn, id)
	if err != nil {
		return scim.Resource{}, h.fail(err)
	}
	return groupResource(g), nil
}

// GetAll implements scim.ResourceHandler (GET /Groups).
func (h *groupHandler) GetAll(_ *http.Request, p scim.ListRequestParams) (scim.Page, error) {
	groups, err := h.svc.SCIMGroups(h.conn)
	if err != nil {
		return scim.Page{}, h.fail(err)
	}
	var matches []scim.Resource
	for i := range groups {
		g := &groups[i]
		m := groupMap(g)
		m["id"] = g.ID
		if passes(p, m) {
			matches = append(matches, groupResource(g))
		}
	}
	return pageOf(matches, p), nil
}

// Replace implements scim.ResourceHandler (PUT /Groups/{id}).
func (h *groupHandler) Replace(_ *http.Request, id string, attrs scim.ResourceAttributes) (scim.Resource, error) {
	in, err := groupInput(attrs)
	if err != nil {
		return scim.Resource{}, err
	}
	g, err := h.svc.ReplaceSCIMGroup(h.conn, id, func(flows.SCIMGroupView) (flows.SCIMGroupInput, error) { return in, nil })
	if err != nil {
		return scim.Resource{}, h.fail(err)
	}
	return groupResource(g), nil
}

// Delete implements scim.ResourceHandler (DELETE /Groups/{id}).
func (h *groupHandler) Delete(_ *http.Request, id string) error {
	if err := h.svc.DeleteSCIMGroup(h.conn, id); err != nil {
		return h.fail(err)
	}
	return nil
}

// Patch implements scim.ResourceHandler (PATCH /Groups/{id}): renames and
// member additions and removals, applied to the group as stored.
func (h *groupHandler) Patch(_ *http.Request, id string, ops []scim.PatchOperation) (scim.Resource, error) {
	core := withExternalID(schema.CoreGroupSchema())
	g, err := h.svc.ReplaceSCIMGroup(h.conn, id, func(cur flows.SCIMGroupView) (flows.SCIMGroupInput, error) {
		m := groupMap(&cur)
		if err := applyPatch(m, ops, core); err != nil {
			return flows.SCIMGroupInput{}, err
		}
		return groupInput(m)
	})
	if err != nil {
		return scim.Resource{}, h.fail(err)
	}
	return groupResource(g), nil
}
