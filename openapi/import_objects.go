package openapi

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	oyaml "github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	"go.yaml.in/yaml/v3"
)

// component is one schema under components.schemas.
type component struct {
	index  int
	schema *base.Schema
	kind   componentKind
}

// typeEntry is a type of the schema being written, with its place in the
// output order: components in spec order, inline objects right after the
// type (or method) they were written on.
type typeEntry struct {
	name  string
	node  *yaml.Node
	rank  int
	sub   int
	proto string // the component it came from, "" for inline objects
}

// use returns the type name of component comp and makes sure the type is
// written.
func (im *importer) use(comp string) string {
	name := im.names[comp]
	if !im.queued[comp] && !im.probing {
		im.queued[comp] = true
		im.queue = append(im.queue, comp)
	}
	return name
}

// rootOf returns the component a pointer into components.schemas is in.
func rootOf(ptr string) string {
	rest, ok := strings.CutPrefix(ptr, componentPrefix)
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "/")
	return unescapeToken(name)
}

// drain writes every queued component type; writing one may queue more.
// The mapped subtypes of a hierarchy root are queued once a value of the
// root can appear (a property, item, body or response of its type), not
// when the root is only a base.
func (im *importer) drain() {
	for {
		im.drainQueue()
		more := false
		for _, root := range slices.Sorted(maps.Keys(im.valueUse)) {
			for _, sub := range im.subtypes[root] {
				if !im.queued[sub] && im.components[sub].kind == objectComponent {
					im.use(sub)
					more = true
				}
			}
		}
		if !more {
			return
		}
	}
}

func (im *importer) drainQueue() {
	for len(im.queue) > 0 {
		comp := im.queue[0]
		im.queue = im.queue[1:]
		c := im.components[comp]
		ptr := pointer("components", "schemas", comp)
		name := im.names[comp]
		var node *yaml.Node
		if c.kind == enumComponent {
			node = im.enumType(c.schema, ptr)
		} else {
			node = im.objectType(name, c.schema, ptr)
		}
		im.types = append(im.types, &typeEntry{name: name, node: node, rank: c.index, proto: comp})
	}
}

func (im *importer) enumType(s *base.Schema, ptr string) *yaml.Node {
	t := mapping()
	if s.Description != "" {
		set(t, "description", str(s.Description))
	}
	enumInto(t, s, stringEnum(s))
	if enumHasNull(s) {
		im.note(child(ptr, "enum"), t, "null among the values: a property of this type is nullable only where the spec says so")
	}
	return t
}

// inlineObject declares an object written in place (a property's inline
// schema, an inline body or response) as a type named after where it is.
func (im *importer) inlineObject(s *base.Schema, c exprCtx) string {
	base := exportedName(c.owner) + exportedName(c.prop)
	if im.probing {
		return base
	}
	name := base
	for i := 2; im.taken[name]; i++ {
		name = base + itoa(i)
	}
	im.taken[name] = true
	entry := &typeEntry{name: name, rank: im.ownerRank(c.owner), sub: len(im.types) + 1}
	im.types = append(im.types, entry)
	entry.node = im.objectType(name, s, c.ptr)
	return name
}

// ownerRank places an inline type after its owner.
func (im *importer) ownerRank(owner string) int {
	for _, e := range im.types {
		if e.name == owner {
			return e.rank
		}
	}
	return len(im.components) + 1
}

// objectType writes an object type: base (allOf), discriminator value,
// properties.
func (im *importer) objectType(name string, s *base.Schema, ptr string) *yaml.Node {
	t := mapping()
	if s == nil {
		im.note(ptr, t, "the schema does not build: an empty object is declared")
		return t
	}
	desc := s.Description
	if desc == "" && s.Title != "" && s.Title != name {
		desc = s.Title
	}
	var props []*base.Schema // schemas whose properties are this type's own
	var required []string
	baseName := ""
	for i, part := range s.AllOf {
		pp := child(ptr, "allOf", itoa(i))
		if part == nil {
			continue
		}
		if part.IsReference() {
			comp := im.component(part.GetReference(), pp, t)
			if comp == "" {
				continue
			}
			if baseName == "" && im.components[comp].kind == objectComponent {
				baseName = im.use(comp)
				continue
			}
			// A second base: its properties are copied, as the format
			// has one base per type.
			im.note(pp, t, "a second allOf reference (%s): its properties are copied into this type, not inherited", comp)
			props = append(props, im.components[comp].schema)
			required = append(required, im.components[comp].schema.Required...)
			continue
		}
		ps := part.Schema()
		if ps == nil {
			continue
		}
		if desc == "" {
			desc = ps.Description
		}
		props = append(props, ps)
		required = append(required, ps.Required...)
		im.discriminatorOf(name, ps, pp, t)
	}
	props = append(props, s)
	required = append(required, s.Required...)
	if desc != "" {
		set(t, "description", str(desc))
	}
	if s.Deprecated != nil && *s.Deprecated {
		set(t, "deprecated", str("The spec marks this type deprecated."))
	}
	if baseName != "" {
		set(t, "base", str(baseName))
	}
	im.discriminatorOf(name, s, ptr, t)
	if v := extensionString(s, "x-ms-discriminator-value"); v != "" {
		im.discValues[name] = v
	}
	if s.AdditionalProperties != nil {
		switch {
		case s.AdditionalProperties.IsB() && s.AdditionalProperties.B:
			set(t, "open", boolean(true))
		case s.AdditionalProperties.IsA() && s.AdditionalProperties.A != nil:
			// Typed extra members beside declared ones: kept, untyped.
			set(t, "open", boolean(true))
			im.note(child(ptr, "additionalProperties"), t, "additional properties of a given type beside declared ones: kept as open (undeclared members kept verbatim), their type not checked")
		}
	}
	properties := mapping()
	names := goNames{}
	for i, ps := range props {
		pptr := ptr
		if ps != s {
			pptr = child(ptr, "allOf", itoa(i))
		}
		if ps.Properties == nil {
			continue
		}
		for wire, pp := range ps.Properties.FromOldest() {
			if wire == "" {
				im.note(child(pptr, "properties", wire), t, "a property without a name: not imported")
				continue
			}
			if get(properties, wire) == nil {
				if prev, clash := names.add(wire); clash {
					im.note(child(pptr, "properties", wire), t, "property %q has the Go name of %q: not imported", wire, prev)
					continue
				}
			}
			prop := im.property(name, wire, pp, slices.Contains(required, wire), child(pptr, "properties", wire))
			set(properties, wire, prop)
		}
	}
	if len(properties.Content) > 0 {
		set(t, "properties", properties)
	}
	return t
}

// discriminatorOf takes the discriminator of type name's schema s: the
// first one met is the API's (api.discriminator); a root selecting by
// another property says so itself (discriminator: on the root). The
// mapping gives subtypes their values.
func (im *importer) discriminatorOf(name string, s *base.Schema, ptr string, at *yaml.Node) {
	d := s.Discriminator
	if d == nil || d.PropertyName == "" {
		return
	}
	switch {
	case im.discriminator == "":
		im.discriminator = d.PropertyName
	case im.discriminator != d.PropertyName:
		set(at, "discriminator", str(d.PropertyName))
		im.rootDiscriminator[name] = d.PropertyName
	}
	var missing []string
	for value, ref := range d.Mapping.FromOldest() {
		ref = strings.TrimSpace(ref)
		if !strings.HasPrefix(ref, "#") {
			ref = componentPrefix + ref // a bare schema name
		}
		if name := unescapeToken(strings.TrimPrefix(ref, componentPrefix)); strings.HasPrefix(ref, componentPrefix) && im.components[name] == nil {
			missing = append(missing, name)
			continue
		}
		comp := im.component(ref, child(ptr, "discriminator", "mapping", value), at)
		if comp == "" {
			continue
		}
		// The subtype's value is known now; the subtype itself is
		// imported only where a value of the root can appear (see
		// drain), so that Graph's entity does not pull in all of Graph.
		im.discValues[im.names[comp]] = value
		im.subtypes[rootOf(ptr)] = append(im.subtypes[rootOf(ptr)], comp)
	}
	if len(missing) > 0 {
		// One note for them all: Graph's entity maps over a thousand.
		shown := missing[:min(len(missing), 5)]
		more := ""
		if len(missing) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(missing)-len(shown))
		}
		im.note(child(ptr, "discriminator", "mapping"), at, "the mapping names %d schemas absent from this document (%s%s): those subtypes are not imported", len(missing), strings.Join(shown, ", "), more)
	}
}

func extensionString(s *base.Schema, key string) string {
	if s == nil || s.Extensions == nil {
		return ""
	}
	n, ok := s.Extensions.Get(key)
	if !ok || n == nil || n.Tag != "!!str" {
		return ""
	}
	return n.Value
}

// property writes one property of an object type.
func (im *importer) property(owner, wire string, p *base.SchemaProxy, required bool, ptr string) *yaml.Node {
	m := flowMapping()
	nullable := im.expr(m, p, exprCtx{owner: owner, prop: wire, ptr: ptr, property: true})
	if required {
		set(m, "required", boolean(true))
	}
	if nullable {
		set(m, "nullable", boolean(true))
	}
	var s *base.Schema
	if p != nil && !p.IsReference() {
		s = p.Schema()
		if _, ann, ok := annotatedRef(s); ok {
			s = ann // a $ref with siblings: they document the property
		}
	}
	im.presence(m, s, ptr, false)
	if s != nil && extensionBool(s, "x-ms-navigationProperty") {
		if required {
			del(m, "required")
			im.note(child(ptr, "x-ms-navigationProperty"), m, "a navigation property is present only when expanded: not required")
		}
		set(m, "relationship", boolean(true)) // OData: present only when expanded
	}
	if required && get(m, "default") != nil {
		del(m, "default")
		im.note(child(ptr, "default"), m, "a required property's default never applies: not kept")
	}
	return m
}

func extensionBool(s *base.Schema, key string) bool {
	if s == nil || s.Extensions == nil {
		return false
	}
	n, ok := s.Extensions.Get(key)
	return ok && n != nil && n.Tag == "!!bool" && n.Value == "true"
}

// presence writes the documentation and presence keys of a property or
// parameter from its schema s (nil for a bare reference).
func (im *importer) presence(m *yaml.Node, s *base.Schema, ptr string, param bool) {
	if s == nil {
		return
	}
	if s.ReadOnly != nil && *s.ReadOnly && !param {
		set(m, "readOnly", boolean(true))
	}
	if s.WriteOnly != nil && *s.WriteOnly {
		im.note(child(ptr, "writeOnly"), m, "writeOnly is not in the format: the property is also read")
	}
	if s.Deprecated != nil && *s.Deprecated {
		set(m, "deprecated", str("The spec marks it deprecated."))
	}
	im.defaultValue(m, s.Default, child(ptr, "default"))
	examples := s.Examples
	if s.Example != nil {
		examples = append(slices.Clone(examples), s.Example)
	}
	im.examples(m, examples, ptr)
	if piiMarked(s) {
		set(m, "pii", boolean(true))
	}
	if s.Description != "" {
		set(m, "description", str(strings.TrimSpace(s.Description)))
	}
}

// defaultValue writes the spec's default when it is a value of m's type
// (a null default says nothing the property's presence does not).
func (im *importer) defaultValue(m *yaml.Node, def *oyaml.Node, ptr string) {
	v, ok := jsonValue(def)
	if !ok || v.Tag == "!!null" {
		return
	}
	if !im.fits(m, v) {
		im.note(ptr, m, "default %s is not a value of the imported type: not kept", compact(v))
		return
	}
	set(m, "default", v)
}

// examples writes the spec's examples that are values of m's type; the
// others are noted.
func (im *importer) examples(m *yaml.Node, examples []*oyaml.Node, ptr string) {
	var kept []*yaml.Node
	for _, e := range examples {
		v, ok := jsonValue(e)
		if !ok {
			continue
		}
		if !im.fits(m, v) {
			im.note(child(ptr, "examples"), m, "example %s is not a value of the imported type: not kept", compact(v))
			continue
		}
		kept = append(kept, v)
	}
	if len(kept) > 0 {
		set(m, "examples", sequence(kept...))
	}
}

// piiMarked reports Twilio's x-twilio: {pii: {handling: sensitive}}.
func piiMarked(s *base.Schema) bool {
	if s.Extensions == nil {
		return false
	}
	n, ok := s.Extensions.Get("x-twilio")
	if !ok || n == nil {
		return false
	}
	var v struct {
		PII *struct {
			Handling string `yaml:"handling"`
		} `yaml:"pii"`
	}
	return n.Decode(&v) == nil && v.PII != nil && v.PII.Handling != ""
}
