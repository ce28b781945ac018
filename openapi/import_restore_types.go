package openapi

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// Types, properties and type expressions of an exported document: the
// inverse of export_types.go and export_components.go.

// restoreCtx is where a type expression is read: what an inline enum on it
// is named after, and which keys the property may carry.
type restoreCtx struct {
	ownerGo string // Go name of the owner (type, resource or resource+method)
	prop    string // the property's wire name
	allowed []string
	depth   int
}

var (
	propertyKeys       = []string{"description", "required", "nullable", "readOnly", "createOnly", "requiredOnCreate", "pii", "relationship", "deprecated", "format", "default", "examples"}
	pathParamKeys      = []string{"description", "deprecated", "format", "examples", "pii"}
	queryKeys          = []string{"description", "required", "deprecated", "format", "default", "examples", "explode", "pii"}
	headerKeys         = []string{"description", "required", "deprecated", "format", "default", "examples", "pii"}
	responseHeaderKeys = []string{"description", "required", "deprecated", "format", "examples", "pii"}
)

// collectDiscriminatorValues reads every discriminator mapping: the value
// of each type of a hierarchy.
func (re *restorer) collectDiscriminatorValues() {
	for _, e := range re.schemas {
		for _, m := range e.val.key("discriminator").key("mapping").entries() {
			if !m.val.isStr() {
				re.note(m.val.ptr, nil, "want a reference to a schema, got %s: not kept", describeNode(m.val.n))
				continue
			}
			if key := re.refKey(m.val); key != "" {
				if _, seen := re.discValues[key]; !seen {
					re.discValues[key] = m.name
				}
			}
		}
	}
}

// typesNode declares the document's own types (not those of imported
// files, nor inline enums, which are written at their property).
func (re *restorer) typesNode() *yaml.Node {
	types := mapping()
	for _, e := range re.schemas {
		if e.val.key("x-sessiongen-import").ok() || e.val.key("x-sessiongen-inlineOf").ok() {
			continue
		}
		name := re.typeNames[e.name]
		if get(types, name) != nil {
			re.note(e.val.ptr, nil, "a second type named %q: not imported", name)
			continue
		}
		set(types, name, re.typeNode(e.name, e.val))
	}
	return types
}

// leftoverInlineEnums declares the inline enums no property wrote.
func (re *restorer) leftoverInlineEnums(types *yaml.Node) {
	for _, e := range re.schemas {
		if !e.val.key("x-sessiongen-inlineOf").ok() || re.inlineDone[e.name] || e.val.key("x-sessiongen-import").ok() {
			continue
		}
		t := re.typeNode(e.name, e.val)
		re.note(e.val.ptr, t, "an inline enum no property writes inline: declared as a type")
		set(types, re.typeNames[e.name], t)
	}
}

// enumParts returns the schema holding an enum's values and whether the
// enum is open (anyOf the values and any string); ok is false for a
// schema that is no enum.
func enumParts(s rnode) (known rnode, open, ok bool) {
	if s.key("enum").ok() {
		return s, false, true
	}
	alts := s.key("anyOf").items()
	if len(alts) == 2 && alts[0].key("enum").ok() && !alts[1].key("enum").ok() && alts[1].key("type").isStr() && alts[1].key("type").n.Value == "string" {
		return alts[0], true, true
	}
	return rnode{}, false, false
}

func (re *restorer) typeNode(key string, s rnode) *yaml.Node {
	t := mapping()
	if !s.isMap() {
		re.note(s.ptr, t, "want a schema, got %s: an empty object is declared", describeNode(s.n))
		return t
	}
	if d := re.str(s, "description"); d != "" && !s.key("x-sessiongen-inlineOf").ok() {
		set(t, "description", str(d))
	}
	re.deprecatedInto(t, s)
	switch known, open, isEnum := enumParts(s); {
	case isEnum:
		re.enumInto(t, s, known, open)
		if g := re.str(s, "x-sessiongen-goName"); g != "" {
			set(t, "goName", str(g))
		}
	case s.key("anyOf").ok() && !s.key("x-sessiongen-nonFinite").ok():
		del(t, "deprecated") // a union declares none
		m := flowMapping()
		re.exprInto(m, s, restoreCtx{})
		for i := 0; i+1 < len(m.Content); i += 2 {
			set(t, m.Content[i].Value, m.Content[i+1])
		}
		if g := re.str(s, "x-sessiongen-goName"); g != "" {
			set(t, "goName", str(g))
		}
	case s.key("x-sessiongen-goType").ok():
		set(t, "goType", re.goTypeNode(s.key("x-sessiongen-goType")))
	default:
		re.objectInto(t, key, s)
	}
	return t
}

// deprecatedInto writes a deprecation reason (x-sessiongen-deprecated; a
// bare deprecated: true has none of its own).
func (re *restorer) deprecatedInto(m *yaml.Node, s rnode) {
	if r := re.str(s, "x-sessiongen-deprecated"); r != "" {
		set(m, "deprecated", str(r))
	} else if re.flag(s, "deprecated") {
		set(m, "deprecated", str("Deprecated."))
	}
}

// enumInto writes an enum's values (with x-sessiongen-values' documentation
// and Go names), open and sentinel.
func (re *restorer) enumInto(m *yaml.Node, s, known rnode, open bool) {
	extras := map[string]rnode{}
	if xv := s.key("x-sessiongen-values"); xv.ok() && xv.n.Kind != yaml.SequenceNode {
		re.note(xv.ptr, m, "want a list of {value, description, deprecated, goName}, got %s: not kept", describeNode(xv.n))
	}
	for _, v := range s.key("x-sessiongen-values").items() {
		if val := v.key("value"); val.isStr() {
			extras[val.n.Value] = v
		} else {
			re.note(v.ptr, m, "an entry of x-sessiongen-values without a string value: not kept")
		}
	}
	values := sequence()
	for _, v := range known.key("enum").items() {
		if v.n.Tag == "!!null" {
			continue // a nullable property's null
		}
		if v.n.Kind != yaml.ScalarNode {
			re.note(v.ptr, m, "an enum value that is not a string: not kept")
			continue
		}
		x, ok := extras[v.n.Value]
		if !ok {
			values.Content = append(values.Content, str(v.n.Value))
			continue
		}
		e := flowMapping()
		set(e, "value", str(v.n.Value))
		for _, k := range []string{"description", "deprecated", "goName"} {
			if s := re.str(x, k); s != "" {
				set(e, k, str(s))
			}
		}
		values.Content = append(values.Content, e)
		values.Style = 0
	}
	set(m, "enum", values)
	if open {
		set(m, "open", boolean(true))
	}
	if sen := re.str(s, "x-sessiongen-sentinel"); sen != "" {
		set(m, "sentinel", str(sen))
	}
}

func (re *restorer) goTypeNode(g rnode) *yaml.Node {
	m := re.copyChecked(g, map[string]valueKind{"import": kStr, "name": kStr})
	if m == nil {
		m = mapping()
	}
	m.Style = yaml.FlowStyle
	return m
}

// objectInto writes an object type: its base (allOf), its own properties
// (without the discriminator member a root declares), and the extensions.
func (re *restorer) objectInto(t *yaml.Node, key string, s rnode) {
	own, base := s, ""
	if parts := s.key("allOf").items(); len(parts) > 0 {
		if ref := parts[0].key("$ref"); ref.isStr() {
			base = re.refName(ref)
		}
		if len(parts) > 1 {
			own = parts[1]
		}
		if len(parts) != 2 || base == "" {
			re.note(s.key("allOf").ptr, t, "want allOf [base, own properties] as sessiongen export writes it: read as far as it goes")
		}
	}
	if own.key("additionalProperties").isTrue() {
		set(t, "open", boolean(true))
	}
	if re.flag(s, "x-sessiongen-abstract") {
		set(t, "abstract", boolean(true))
	}
	if base != "" {
		set(t, "base", str(base))
	}
	if v := re.str(s, "x-sessiongen-discriminatorValue"); v != "" {
		set(t, "discriminatorValue", str(v))
	} else if v, ok := re.discValues[key]; ok {
		set(t, "discriminatorValue", str(v))
	}
	if d := re.str(s, "x-sessiongen-discriminator"); d != "" {
		set(t, "discriminator", str(d))
	}
	if st := re.str(s, "x-sessiongen-subtypes"); st != "" {
		set(t, "subtypes", str(st))
	}
	for _, k := range []string{"key", "idPrefix", "goName"} {
		if v := re.str(s, "x-sessiongen-"+k); v != "" {
			set(t, k, str(v))
		}
	}
	defaults := re.defaultsNode(s.key("x-sessiongen-defaults"), []string{"readOnly", "nullable", "required"})
	if defaults != nil {
		set(t, "defaults", defaults)
	}
	if r := re.rulesNode(s.key("x-sessiongen-rules")); r != nil {
		set(t, "rules", r)
	}
	drop := ""
	if base == "" && s.key("discriminator").ok() {
		drop = re.str(s.key("discriminator"), "propertyName")
	}
	ownerGo := re.str(s, "x-sessiongen-goName")
	if ownerGo == "" {
		ownerGo = re.namer.Exported(re.typeNames[key])
	}
	if props := re.properties(own, ownerGo, defaults, drop); len(props.Content) > 0 {
		set(t, "properties", props)
	}
}

// properties reads an object schema's properties; drop is a member not
// written (a root's discriminator).
func (re *restorer) properties(own rnode, ownerGo string, defaults *yaml.Node, drop string) *yaml.Node {
	required := re.strList(own, "required")
	props := mapping()
	for _, p := range own.key("properties").entries() {
		if p.name == drop && drop != "" {
			continue
		}
		m := re.property(p.val, restoreCtx{ownerGo: ownerGo, prop: p.name, allowed: propertyKeys})
		re.presences(m, slices.Contains(required, p.name), defaults)
		set(props, p.name, m)
	}
	return props
}

// presences writes required, nullable and readOnly against the defaults.
func (re *restorer) presences(m *yaml.Node, required bool, defaults *yaml.Node) {
	for _, k := range []string{"nullable", "readOnly"} {
		v := get(m, k) != nil
		del(m, k)
		re.presence(m, k, v, defaults)
	}
	re.presence(m, "required", required, defaults)
}

// presence writes a presence key: only where it differs from the
// defaults (which the loader applies), or is true without one.
func (re *restorer) presence(m *yaml.Node, k string, v bool, defaults *yaml.Node) {
	if d := get(defaults, k); d != nil {
		if (d.Value == "true") != v {
			set(m, k, boolean(v))
		}
		return
	}
	if v {
		set(m, k, boolean(true))
	}
}

// defaultsNode reads x-sessiongen-defaults.
func (re *restorer) defaultsNode(d rnode, keys []string) *yaml.Node {
	if !d.ok() {
		return nil
	}
	want := map[string]valueKind{}
	for _, k := range keys {
		want[k] = kBool
	}
	m := re.copyChecked(d, want)
	if m == nil || len(m.Content) == 0 {
		return nil
	}
	m.Style = yaml.FlowStyle
	return m
}

// rulesNode reads x-sessiongen-rules.
func (re *restorer) rulesNode(r rnode) *yaml.Node {
	if !r.ok() {
		return nil
	}
	out := sequence()
	out.Style = 0
	for _, it := range r.items() {
		m := re.copyChecked(it, map[string]valueKind{"atLeastOneOf": kStrs, "mutuallyExclusive": kStrs, "exactlyOneOf": kStrs})
		if m != nil && len(m.Content) == 2 {
			m.Style = yaml.FlowStyle
			out.Content = append(out.Content, m)
		}
	}
	if len(out.Content) == 0 {
		re.note(r.ptr, nil, "want a list of rules such as {atLeastOneOf: [a, b]}: not kept")
		return nil
	}
	return out
}

// property reads a property, field or header schema: its type expression
// and the keys annotate and property of export_types.go write on it.
// Presence (required) is the caller's.
func (re *restorer) property(s rnode, x restoreCtx) *yaml.Node {
	m := flowMapping()
	nullable, usedFormat := re.exprInto(m, s, x)
	if nullable {
		if slices.Contains(x.allowed, "nullable") {
			set(m, "nullable", boolean(true))
		} else {
			re.note(s.ptr, m, "a parameter that may be null: not in the format, not kept")
		}
	}
	re.annotations(m, s, usedFormat, x.allowed)
	return m
}

// annotations reads what annotate and property write on a schema.
func (re *restorer) annotations(m *yaml.Node, s rnode, usedFormat bool, allowed []string) {
	put := func(k string, v *yaml.Node) {
		if slices.Contains(allowed, k) {
			set(m, k, v)
		} else {
			re.note(child(s.ptr, k), m, "%s is not a key of this parameter in the format: not kept", k)
		}
	}
	if d := re.str(s, "description"); d != "" {
		put("description", str(d))
	}
	if r := re.str(s, "x-sessiongen-deprecated"); r != "" {
		put("deprecated", str(r))
	} else if s.key("deprecated").isTrue() {
		put("deprecated", str("Deprecated."))
	}
	if f := re.str(s, "x-sessiongen-format"); f != "" {
		put("format", str(f))
	} else if f := re.str(s, "format"); f != "" && !usedFormat {
		put("format", str(f))
	}
	if d := s.key("default"); d.ok() {
		put("default", re.copyNode(d.n))
	}
	if ex := s.key("examples"); ex.ok() {
		if ex.n.Kind == yaml.SequenceNode {
			put("examples", re.copyNode(ex.n))
		} else {
			re.note(ex.ptr, m, "want a list of examples: not kept")
		}
	}
	for _, f := range []struct{ ext, key string }{{"x-sessiongen-pii", "pii"}, {"readOnly", "readOnly"},
		{"x-sessiongen-createOnly", "createOnly"}, {"x-sessiongen-requiredOnCreate", "requiredOnCreate"}, {"x-sessiongen-relationship", "relationship"}} {
		if re.flag(s, f.ext) {
			put(f.key, boolean(true))
		}
	}
}
