package scim

import (
	"log/slog"
	"net/http"

	"github.com/elimity-com/scim"
	"github.com/elimity-com/scim/schema"

	"github.com/stytchkit/stytchkit/emulator/flows"
)

// kind is what tells one SCIM resource type from another: its conversions
// between SCIM attributes and the emulator's view V and input In, the
// flows that store it, and the schemas a PATCH is checked against.
type kind[V, In any] struct {
	// input decodes validated attributes (a request body, or a patched
	// resource map).
	input func(map[string]any) (In, error)
	// toMap encodes a view as a resource map (with externalId, without id).
	toMap func(*V) map[string]any
	// resource encodes a view as the resource the SCIM server answers.
	resource func(*V) scim.Resource
	// id is the SCIM id of a view.
	id func(*V) string

	create  func(s *flows.Service, conn string, in In) (*V, error)
	get     func(s *flows.Service, conn, id string) (*V, error)
	list    func(s *flows.Service, conn string) ([]V, error)
	replace func(s *flows.Service, conn, id string, mutate func(V) (In, error)) (*V, error)
	delete  func(s *flows.Service, conn, id string) error

	// core and extensions are the resource type's schemas.
	core       func() schema.Schema
	extensions []func() schema.Schema
}

// handler serves one resource type of one connection: it implements
// scim.ResourceHandler once for users and groups.
type handler[V, In any] struct {
	k    *kind[V, In]
	svc  *flows.Service
	conn string
	log  *slog.Logger
}

func (h *handler[V, In]) fail(err error) error { return toSCIMError(h.log, err) }

// answer converts a flow's result into the SCIM server's.
func (h *handler[V, In]) answer(v *V, err error) (scim.Resource, error) {
	if err != nil {
		return scim.Resource{}, h.fail(err)
	}
	return h.k.resource(v), nil
}

// Create implements scim.ResourceHandler (POST).
func (h *handler[V, In]) Create(_ *http.Request, attrs scim.ResourceAttributes) (scim.Resource, error) {
	in, err := h.k.input(attrs)
	if err != nil {
		return scim.Resource{}, err
	}
	return h.answer(h.k.create(h.svc, h.conn, in))
}

// Get implements scim.ResourceHandler (GET {id}).
func (h *handler[V, In]) Get(_ *http.Request, id string) (scim.Resource, error) {
	return h.answer(h.k.get(h.svc, h.conn, id))
}

// GetAll implements scim.ResourceHandler (GET): filter, then page.
func (h *handler[V, In]) GetAll(_ *http.Request, p scim.ListRequestParams) (scim.Page, error) {
	all, err := h.k.list(h.svc, h.conn)
	if err != nil {
		return scim.Page{}, h.fail(err)
	}
	core, exts := h.schemas()
	f := listFilter(p, core, exts...)
	var matches []scim.Resource
	for i := range all {
		v := &all[i]
		m := h.k.toMap(v)
		m["id"] = h.k.id(v)
		if passes(f, m) {
			matches = append(matches, h.k.resource(v))
		}
	}
	return pageOf(matches, p), nil
}

// Replace implements scim.ResourceHandler (PUT {id}).
func (h *handler[V, In]) Replace(_ *http.Request, id string, attrs scim.ResourceAttributes) (scim.Resource, error) {
	in, err := h.k.input(attrs)
	if err != nil {
		return scim.Resource{}, err
	}
	return h.answer(h.k.replace(h.svc, h.conn, id, func(V) (In, error) { return in, nil }))
}

// Delete implements scim.ResourceHandler (DELETE {id}).
func (h *handler[V, In]) Delete(_ *http.Request, id string) error {
	if err := h.k.delete(h.svc, h.conn, id); err != nil {
		return h.fail(err)
	}
	return nil
}

// schemas returns the resource type's core schema (with externalId) and
// its extensions.
func (h *handler[V, In]) schemas() (schema.Schema, []schema.Schema) {
	exts := make([]schema.Schema, 0, len(h.k.extensions))
	for _, e := range h.k.extensions {
		exts = append(exts, e())
	}
	return withExternalID(h.k.core()), exts
}

// Patch implements scim.ResourceHandler (PATCH {id}): the operations apply
// to the resource as stored, in one transaction.
func (h *handler[V, In]) Patch(_ *http.Request, id string, ops []scim.PatchOperation) (scim.Resource, error) {
	core, exts := h.schemas()
	return h.answer(h.k.replace(h.svc, h.conn, id, func(cur V) (In, error) {
		m := h.k.toMap(&cur)
		if err := applyPatch(m, ops, core, exts...); err != nil {
			var zero In
			return zero, err
		}
		return h.k.input(m)
	}))
}
