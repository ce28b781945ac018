package openapi

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
	"go.yaml.in/yaml/v3"
)

// componentKey is the form OpenAPI requires of the keys of components.
var componentKey = regexp.MustCompile(`^[a-zA-Z0-9._-]+$`)

// keyer gives each component a key of that form, unique in its section;
// a name that is not one keeps its spelling in x-sessiongen-name.
type keyer struct {
	used map[string]bool
}

func (k *keyer) key(name string) string {
	if k.used == nil {
		k.used = map[string]bool{}
	}
	base := name
	if !componentKey.MatchString(base) {
		b := []byte(base)
		for i, c := range b {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
				b[i] = '_'
			}
		}
		base = string(b)
		if base == "" {
			base = "_"
		}
	}
	key := base
	for i := 2; k.used[key]; i++ {
		key = base + "_" + strconv.Itoa(i)
	}
	k.used[key] = true
	return key
}

// typeKey is the key of t under components/schemas.
func (e *exporter) typeKey(t *schema.Type) string {
	if key, ok := e.typeKeys[t]; ok {
		return key
	}
	e.failf(t.Pos, "type %q belongs to no file the export holds", t.Name)
	return t.Name
}

// componentTypes lists the types of f and, prefixed with the import's
// name (twcommon.RestError, as references write them), those of every
// file it imports, and gives each its key.
func (e *exporter) componentTypes(f *schema.File, prefix string, seen map[*schema.File]bool) {
	if seen[f] {
		return
	}
	seen[f] = true
	for _, t := range f.Types {
		name := prefix + t.Name
		e.types = append(e.types, componentType{t: t, name: name, file: f, prefix: prefix})
	}
	for _, im := range f.Imports {
		if im.File != nil {
			e.componentTypes(im.File, prefix+im.As+".", seen)
		}
	}
}

// assignTypeKeys keys the types: names of the key form first, so that
// they keep their spelling, then the others.
func (e *exporter) assignTypeKeys() {
	for _, valid := range []bool{true, false} {
		for _, c := range e.types {
			if componentKey.MatchString(c.name) == valid {
				e.typeKeys[c.t] = e.schemaKeys.key(c.name)
			}
		}
	}
}

// componentType is one type of components/schemas.
type componentType struct {
	t      *schema.Type
	name   string       // as references in the exported file write it
	file   *schema.File // the file declaring it
	prefix string       // "" for the exported file's own types
}

// typeSchema is the component schema of a declared type.
func (e *exporter) typeSchema(c componentType) *yaml.Node {
	t := c.t
	s := mapping()
	switch {
	case t.IsEnum:
		s = enumSchema(t)
	case t.Union != nil:
		s = e.union(t.Union.Of)
	case t.GoType != nil:
		s = goTypeSchema(t.GoType)
	default:
		s = e.objectSchema(c)
	}
	if t.Description != "" {
		setFirst(s, "description", str(t.Description))
	}
	deprecated(s, t.Deprecated)
	if c.prefix != "" {
		// A type of an imported schema (imports[].as, without its dot).
		set(s, "x-sessiongen-import", str(strings.TrimSuffix(c.prefix, ".")))
	}
	if e.typeKeys[t] != c.name {
		set(s, "x-sessiongen-name", str(c.name))
	}
	setStr(s, "x-sessiongen-goName", goNameOf(t))
	return s
}

// goNameOf is the explicit Go name of t, "" when derived. An inline enum's
// Go name is its name (validation derives both), never written.
func goNameOf(t *schema.Type) string {
	if t.InlineOf != "" {
		return ""
	}
	return t.GoName
}

// enumSchema is a string with the values; an open enum is anyOf that and
// any string, so the document still names the known values.
func enumSchema(t *schema.Type) *yaml.Node {
	values := sequence()
	var extras []*schema.EnumValue
	for _, v := range t.Enum {
		values.Content = append(values.Content, str(v.Value))
		if v.Description != "" || v.Deprecated != "" || v.GoName != "" {
			extras = append(extras, v)
		}
	}
	known := mapping()
	set(known, "type", str("string"))
	set(known, "enum", values)
	s := known
	if t.Open {
		anyString := mapping()
		set(anyString, "type", str("string"))
		s = mapping()
		set(s, "anyOf", sequence(known, anyString))
	}
	setStr(s, "x-sessiongen-sentinel", t.Sentinel)
	if len(extras) > 0 {
		docs := sequence()
		for _, v := range extras {
			d := mapping()
			set(d, "value", str(v.Value))
			setStr(d, "description", v.Description)
			setStr(d, "deprecated", v.Deprecated)
			setStr(d, "goName", v.GoName)
			docs.Content = append(docs.Content, d)
		}
		set(s, "x-sessiongen-values", docs)
	}
	setStr(s, "x-sessiongen-inlineOf", t.InlineOf)
	return s
}

// objectSchema is an object type: its own properties, after allOf its
// base when it extends one; a type with subtypes carries the
// discriminator and the mapping of every type below it.
func (e *exporter) objectSchema(c componentType) *yaml.Node {
	t := c.t
	own := mapping()
	set(own, "type", str("object"))
	props := mapping()
	var required []string
	root := hierarchyRoot(t)
	if t.Base == nil && len(t.Subtypes) > 0 {
		d := mapping()
		set(d, "type", str("string"))
		set(d, "description", str("Selects the type of the object among "+c.name+" and the types extending it."))
		set(props, e.discriminatorOf(root), d)
	}
	for _, p := range t.Properties {
		set(props, p.Name, e.property(p))
		if p.Required {
			required = append(required, p.Name)
		}
	}
	if len(props.Content) > 0 {
		set(own, "properties", props)
	}
	if len(required) > 0 {
		set(own, "required", strs(required))
	}
	if t.Open {
		set(own, "additionalProperties", boolean(true))
	}
	s := own
	if t.Base != nil && t.Base.Target != nil {
		s = mapping()
		set(s, "allOf", sequence(e.ref(t.Base.Target), own))
	}
	if len(t.Subtypes) > 0 {
		d := mapping()
		set(d, "propertyName", str(e.discriminatorOf(root)))
		values := mapping()
		e.discriminatorMapping(values, t, map[*schema.Type]bool{})
		if len(values.Content) > 0 {
			set(d, "mapping", values)
		}
		set(s, "discriminator", d)
	} else if t.Base == nil && t.DiscriminatorValue != "" {
		// Outside any hierarchy the value has no mapping to live in.
		set(s, "x-sessiongen-discriminatorValue", str(t.DiscriminatorValue))
	}
	setTrue(s, "x-sessiongen-abstract", t.Abstract)
	e.hierarchyKeys(s, t)
	setStr(s, "x-sessiongen-key", t.Key)
	setStr(s, "x-sessiongen-idPrefix", t.IDPrefix)
	if d := defaults(t.Defaults); d != nil {
		set(s, "x-sessiongen-defaults", d)
	}
	if r := rules(t.Rules); r != nil {
		set(s, "x-sessiongen-rules", r)
	}
	return s
}

// discriminatorMapping maps the discriminator value of t (unless
// abstract) and of every type below it to its schema. seen stops at a
// cycle of bases, which only a schema with errors has.
func (e *exporter) discriminatorMapping(m *yaml.Node, t *schema.Type, seen map[*schema.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	if !t.Abstract && t.DiscriminatorValue != "" {
		set(m, t.DiscriminatorValue, str("#/components/schemas/"+e.typeKey(t)))
	}
	for _, sub := range t.Subtypes {
		e.discriminatorMapping(m, sub, seen)
	}
}

func hierarchyRoot(t *schema.Type) *schema.Type {
	for i := 0; t.Base != nil && t.Base.Target != nil && i < 64; i++ {
		t = t.Base.Target
	}
	return t
}

// defaults is x-sessiongen-defaults: the values the loader applied to the
// properties that did not write them (kept so an importer can write them
// once again).
func defaults(d *schema.Defaults) *yaml.Node {
	if d == nil {
		return nil
	}
	m := mapping()
	for _, f := range []struct {
		key  string
		flag *schema.DefaultFlag
	}{{"readOnly", d.ReadOnly}, {"nullable", d.Nullable}, {"required", d.Required}} {
		if f.flag != nil {
			set(m, f.key, boolean(f.flag.Value))
		}
	}
	return m
}

// rules is x-sessiongen-rules: cross-field rules, as the format writes
// them. JSON Schema could say "at least one is present" only for members
// that are present, while the format counts null as absent.
func rules(rs []*schema.FieldRule) *yaml.Node {
	if len(rs) == 0 {
		return nil
	}
	out := sequence()
	for _, r := range rs {
		m := mapping()
		set(m, string(r.Kind), strs(r.Names))
		out.Content = append(out.Content, m)
	}
	return out
}

// discriminatorOf is the member that selects a subtype in the hierarchy
// rooted at root.
func (e *exporter) discriminatorOf(root *schema.Type) string {
	return e.f.API.Discriminator
}

// hierarchyKeys adds what a hierarchy root says of its hierarchy beyond
// the discriminator.
func (e *exporter) hierarchyKeys(s *yaml.Node, t *schema.Type) {}
