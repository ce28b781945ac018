package ir

import (
	"fmt"

	"github.com/sessiongen/sessiongen/schema"
)

// Request shapes derived from the resource (body shape update): the IR
// derives the partial-update type here, so that emitters only print it.

// updateBody replaces the body of a method declared with shape update by the
// update type derived from its resource type, and makes every field of an
// inline update body optional: an update sends exactly the fields the caller
// set.
func (b *builder) updateBody(m *schema.Method, body *Body) {
	if m.Body != nil && m.Body.Shape == schema.BodyCreate && body.Struct != nil && !body.Inline {
		body.Shape = ShapeCreate
		if body.Struct.CreateRequired == nil {
			for _, fl := range body.Struct.Fields {
				if fl.RequiredOnCreate && fl.Optional {
					body.Struct.CreateRequired = append(body.Struct.CreateRequired, fl)
				}
			}
		}
		return
	}
	if m.Body == nil || m.Body.Shape != schema.BodyUpdate || body.Struct == nil {
		return
	}
	body.Shape = ShapeUpdate
	if body.Inline {
		for _, fl := range body.Struct.Fields {
			partial(fl)
		}
		return
	}
	if body.Struct.Interface != nil {
		return // reported by the caller
	}
	body.Model = body.Struct
	body.Struct = b.updateStruct(body.Struct, m.Body.ShapePos, fmt.Sprintf("method %q (its update body)", m.Name))
}

// partial makes fl a field of a partial update: optional, with no default
// (an unset field is not sent, so no default applies).
func partial(fl *Field) {
	fl.Required = false
	fl.Optional = true
	fl.Default = ""
}

// updateStruct returns the partial-update type of model s: every field that
// may be sent (not read-only, not create-only) as an optional field, nested
// objects as their own update types (a nested object in a merge patch is
// itself a patch), and no additional properties (kept undeclared members
// are never sent back). Each model has one update type, named
// <Model>Update and claimed like every package-level name.
func (b *builder) updateStruct(s *Struct, pos schema.Pos, what string) *Struct {
	if u := b.updates[s]; u != nil {
		return u
	}
	u := &Struct{
		Role: RoleUpdate,
		Name: s.Name + "Update",
		Wire: s.Wire + " update",
		Doc: fmt.Sprintf("%sUpdate is a partial update of %s: only the fields that are set are sent, a null "+
			"field (where the property is nullable) removes it, and a nested object is itself a partial update "+
			"(JSON merge-patch, RFC 7396). Read-only and create-only fields cannot be updated and are absent.",
			s.Name, s.Name),
		Deprecated: s.Deprecated,
		// The model's discriminator: the decoder checks and skips it.
		Discriminator: s.Discriminator,
	}
	if u.Discriminator == "" {
		u.Discriminator = b.f.API.Discriminator
	}
	b.updates[s] = u
	b.claim(u.Name, pos, what)
	for _, fl := range s.Fields {
		if fl.ReadOnly || fl.CreateOnly {
			continue
		}
		c := *fl
		partial(&c)
		// An imported type has no partial-update type here: it is sent whole.
		if t := fl.Type; t.Kind == StructRef && t.Import == nil && t.Struct.Interface == nil && t.Struct.Role == RoleModel {
			nt := *t
			nt.Struct = b.updateStruct(t.Struct, pos, what)
			c.Type = &nt
		}
		u.Fields = append(u.Fields, &c)
	}
	b.extra = append(b.extra, u)
	return u
}
