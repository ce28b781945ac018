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
	s := mappingNode()
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
		putFirst(s, "description", strNode(t.Description))
	}
	deprecated(s, t.Deprecated)
	if c.prefix != "" {
		// A type of an imported schema (imports[].as, without its dot).
		put(s, "x-sessiongen-import", strNode(strings.TrimSuffix(c.prefix, ".")))
	}
	if e.typeKeys[t] != c.name {
		put(s, "x-sessiongen-name", strNode(c.name))
	}
	putStr(s, "x-sessiongen-goName", goNameOf(t))
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
	values := sequenceNode()
	var extras []*schema.EnumValue
	for _, v := range t.Enum {
		values.Content = append(values.Content, strNode(v.Value))
		if v.Description != "" || v.Deprecated != "" || v.GoName != "" {
			extras = append(extras, v)
		}
	}
	known := mappingNode()
	put(known, "type", strNode("string"))
	put(known, "enum", values)
	s := known
	if t.Open {
		anyString := mappingNode()
		put(anyString, "type", strNode("string"))
		s = mappingNode()
		put(s, "anyOf", sequenceNode(known, anyString))
	}
	putStr(s, "x-sessiongen-sentinel", t.Sentinel)
	if len(extras) > 0 {
		docs := sequenceNode()
		for _, v := range extras {
			d := mappingNode()
			put(d, "value", strNode(v.Value))
			putStr(d, "description", v.Description)
			putStr(d, "deprecated", v.Deprecated)
			putStr(d, "goName", v.GoName)
			docs.Content = append(docs.Content, d)
		}
		put(s, "x-sessiongen-values", docs)
	}
	putStr(s, "x-sessiongen-inlineOf", t.InlineOf)
	return s
}

// objectSchema is an object type: its own properties, after allOf its
// base when it extends one; a type with subtypes carries the
// discriminator and the mapping of every type below it.
func (e *exporter) objectSchema(c componentType) *yaml.Node {
	t := c.t
	own := mappingNode()
	put(own, "type", strNode("object"))
	props := mappingNode()
	var required []string
	root := hierarchyRoot(t)
	if t.Base == nil && len(t.Subtypes) > 0 {
		d, req := e.discriminatorProperty(c)
		put(props, e.discriminatorOf(root), d)
		if req {
			required = append(required, e.discriminatorOf(root))
		}
	}
	for _, p := range t.Properties {
		put(props, p.Name, e.property(p))
		if p.Required {
			required = append(required, p.Name)
		}
	}
	if len(props.Content) > 0 {
		put(own, "properties", props)
	}
	if len(required) > 0 {
		put(own, "required", strsNode(required))
	}
	if t.Open {
		put(own, "additionalProperties", boolNode(true))
	}
	s := own
	if t.Base != nil && t.Base.Target != nil {
		s = mappingNode()
		put(s, "allOf", sequenceNode(e.ref(t.Base.Target), own))
	}
	if len(t.Subtypes) > 0 {
		d := mappingNode()
		put(d, "propertyName", strNode(e.discriminatorOf(root)))
		values := mappingNode()
		e.discriminatorMapping(values, t, map[*schema.Type]bool{})
		if len(values.Content) > 0 {
			put(d, "mapping", values)
		}
		put(s, "discriminator", d)
	} else if t.Base == nil && t.DiscriminatorValue != "" {
		// Outside any hierarchy the value has no mapping to live in.
		put(s, "x-sessiongen-discriminatorValue", strNode(t.DiscriminatorValue))
	}
	putTrue(s, "x-sessiongen-abstract", t.Abstract)
	e.hierarchyKeys(s, t)
	putStr(s, "x-sessiongen-key", t.Key)
	putStr(s, "x-sessiongen-idPrefix", t.IDPrefix)
	if d := defaults(t.Defaults); d != nil {
		put(s, "x-sessiongen-defaults", d)
	}
	if r := rules(t.Rules); r != nil {
		put(s, "x-sessiongen-rules", r)
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
		put(m, t.DiscriminatorValue, strNode("#/components/schemas/"+e.typeKey(t)))
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
	m := mappingNode()
	for _, f := range []struct {
		key  string
		flag *schema.DefaultFlag
	}{{"readOnly", d.ReadOnly}, {"nullable", d.Nullable}, {"required", d.Required}} {
		if f.flag != nil {
			put(m, f.key, boolNode(f.flag.Value))
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
	out := sequenceNode()
	for _, r := range rs {
		m := mappingNode()
		put(m, string(r.Kind), strsNode(r.Names))
		out.Content = append(out.Content, m)
	}
	return out
}

// discriminatorOf is the member that selects a subtype in the hierarchy
// rooted at root: the root's own, else the API's.
func (e *exporter) discriminatorOf(root *schema.Type) string {
	if root.Discriminator != "" {
		return root.Discriminator
	}
	return e.f.API.Discriminator
}

// hierarchyKeys adds what a hierarchy root says of its whole hierarchy:
// a discriminator written on the root (the document's propertyName does
// not say whether it was written or the API's), and subtypes open or
// closed, which OpenAPI has no word for.
func (e *exporter) hierarchyKeys(s *yaml.Node, t *schema.Type) {
	if t.Base != nil {
		return
	}
	putStr(s, "x-sessiongen-discriminator", t.Discriminator)
	switch {
	case t.ClosedSubtypes:
		put(s, "x-sessiongen-subtypes", strNode("closed"))
	case t.SubtypesPos.Line != 0:
		put(s, "x-sessiongen-subtypes", strNode("open"))
	}
}

// discriminatorProperty is the root's declaration of the member that
// selects a subtype. In a closed hierarchy its values are exactly the
// mapping's, and an abstract root requires it.
func (e *exporter) discriminatorProperty(c componentType) (d *yaml.Node, required bool) {
	t := c.t
	d = mappingNode()
	put(d, "type", strNode("string"))
	if t.ClosedSubtypes {
		values := mappingNode()
		e.discriminatorMapping(values, t, map[*schema.Type]bool{})
		enum := sequenceNode()
		for i := 0; i < len(values.Content); i += 2 {
			enum.Content = append(enum.Content, strNode(values.Content[i].Value))
		}
		put(d, "enum", enum)
	}
	put(d, "description", strNode("Selects the type of the object among "+c.name+" and the types extending it."))
	return d, t.ClosedSubtypes && t.Abstract
}
