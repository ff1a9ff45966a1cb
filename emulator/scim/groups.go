package scim

import (
	"encoding/json"

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

// groups is the Group resource type.
var groups = &kind[flows.SCIMGroupView, flows.SCIMGroupInput]{
	input: groupInput, toMap: groupMap, resource: groupResource,
	id:      func(g *flows.SCIMGroupView) string { return g.ID },
	create:  (*flows.Service).CreateSCIMGroup,
	get:     (*flows.Service).SCIMGroupByID,
	list:    (*flows.Service).SCIMGroups,
	replace: (*flows.Service).ReplaceSCIMGroup,
	delete:  (*flows.Service).DeleteSCIMGroup,
	core:    schema.CoreGroupSchema,
}
