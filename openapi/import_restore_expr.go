package openapi

import (
	"go.yaml.in/yaml/v3"
)

// restoreKinds maps an exported scalar (type and format) back to its kind.
var restoreKinds = map[[2]string]string{
	{"integer", "int32"}: "int32", {"integer", "int64"}: "int64", {"integer", ""}: "int64",
	{"number", "double"}: "number", {"number", "float"}: "float32", {"number", ""}: "number",
	{"boolean", ""}:    "boolean",
	{"string", "date"}: "date", {"string", "date-time"}: "date-time", {"string", "duration"}: "duration",
	{"string", "uri"}: "uri", {"string", "uuid"}: "uuid",
}

// restoreDepth bounds the schemas nested in one type expression: items,
// values and the anyOf wrappers of null, each counted (the format's own
// nesting bound, maxDepth, counts items and values only).
const restoreDepth = 4 * maxDepth

// scalarKind returns the kind of a scalar schema's type t and format f, and
// whether the format was the kind's (else it is a property's format note).
func scalarKind(t, f string) (kind string, usedFormat bool) {
	if k, ok := restoreKinds[[2]string{t, f}]; ok {
		return k, f != ""
	}
	if k, ok := restoreKinds[[2]string{t, ""}]; ok {
		return k, false
	}
	if t == "string" {
		return "string", false
	}
	return "", false
}

// exprInto writes the type expression of schema s into m: the inverse of
// typeExpr and nullable of export_types.go. It reports whether s admits
// null and whether its format was taken as the kind.
func (re *restorer) exprInto(m *yaml.Node, s rnode, x restoreCtx) (nullable, usedFormat bool) {
	if !s.isMap() {
		re.note(s.ptr, m, "want a schema, got %s: written as json", describeNode(s.n))
		set(m, "type", str("json"))
		return false, false
	}
	if x.depth > restoreDepth {
		re.note(s.ptr, m, "nested deeper than %d schemas: written as json", restoreDepth)
		set(m, "type", str("json"))
		return false, false
	}
	if ref := s.key("$ref"); ref.isStr() {
		re.refInto(m, s, ref, x)
		return false, false
	}
	if g := s.key("x-sessiongen-goType"); g.ok() {
		set(m, "goType", re.goTypeNode(g))
		return false, false
	}
	if alts := s.key("anyOf"); alts.ok() {
		var rest []rnode
		for _, a := range alts.items() {
			if t := a.key("type"); t.isStr() && t.n.Value == "null" && len(a.n.Content) == 2 {
				nullable = true
				continue
			}
			rest = append(rest, a)
		}
		switch {
		case re.flag(s, "x-sessiongen-nonFinite") && len(rest) > 0:
			x.depth++
			_, used := re.exprInto(m, rest[0], x)
			set(m, "nonFinite", boolean(true))
			return nullable, used
		case len(rest) == 1:
			x.depth++
			inner, _ := re.exprInto(m, rest[0], x)
			return nullable || inner, false
		}
		of := sequence()
		for _, a := range rest {
			if ref := a.key("$ref"); ref.isStr() {
				if name := re.refName(ref); name != "" {
					of.Content = append(of.Content, str(name))
				}
				continue
			}
			k, _ := scalarKind(re.str(a, "type"), re.str(a, "format"))
			if k == "" {
				re.note(a.ptr, m, "a union member that is not a scalar or an enum: not kept")
				continue
			}
			of.Content = append(of.Content, str(k))
		}
		set(m, "type", str("union"))
		set(m, "of", of)
		return nullable, false
	}
	typ := s.key("type")
	t := ""
	switch {
	case typ.isStr():
		t = typ.n.Value
	case typ.ok() && typ.n.Kind == yaml.SequenceNode:
		for _, it := range typ.items() {
			switch {
			case it.isStr() && it.n.Value == "null":
				nullable = true
			case it.isStr() && t == "":
				t = it.n.Value
			default:
				re.note(it.ptr, m, "a second type: not kept (sessiongen export writes one type and null)")
			}
		}
	case typ.ok():
		re.note(typ.ptr, m, "want a type name, got %s: written as json", describeNode(typ.n))
	}
	switch t {
	case "":
		set(m, "type", str("json"))
		return re.flag(s, "x-sessiongen-nullable") || nullable, false
	case "array":
		set(m, "type", str("array"))
		if it := s.key("items"); it.ok() {
			set(m, "items", re.nested(it, x))
		}
		re.copyInts(m, s, "minItems", "maxItems")
		if s.key("uniqueItems").isTrue() {
			set(m, "uniqueItems", boolean(true))
		}
		return nullable, false
	case "object":
		if v := s.key("additionalProperties"); v.isMap() {
			set(m, "type", str("map"))
			set(m, "values", re.nested(v, x))
			return nullable, false
		}
		set(m, "type", str("json"))
		return nullable, false
	}
	kind, used := scalarKind(t, re.str(s, "format"))
	if kind == "" {
		re.note(typ.ptr, m, "type %q is not a type sessiongen export writes: written as json", t)
		set(m, "type", str("json"))
		return nullable, false
	}
	set(m, "type", str(kind))
	re.copyInts(m, s, "minLength", "maxLength")
	if p := re.str(s, "pattern"); p != "" {
		set(m, "pattern", str(p))
	}
	for _, k := range []string{"minimum", "maximum"} {
		if v := s.key(k); v.ok() {
			if v.n.Kind == yaml.ScalarNode && (v.n.Tag == "!!int" || v.n.Tag == "!!float") {
				set(m, k, &yaml.Node{Kind: yaml.ScalarNode, Tag: v.n.Tag, Value: v.n.Value})
			} else {
				re.note(v.ptr, m, "%s: want a number, got %s: not kept", k, describeNode(v.n))
			}
		}
	}
	return nullable, used
}

func (re *restorer) copyInts(m *yaml.Node, s rnode, keys ...string) {
	for _, k := range keys {
		if v := s.key(k); v.ok() {
			if v.isInt() {
				set(m, k, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v.n.Value})
			} else {
				re.note(v.ptr, m, "%s: want an integer, got %s: not kept", k, describeNode(v.n))
			}
		}
	}
}

// nested reads array items or map values, which may be null.
func (re *restorer) nested(s rnode, x restoreCtx) *yaml.Node {
	m := flowMapping()
	x.depth++
	nullable, used := re.exprInto(m, s, x)
	if f := re.str(s, "format"); f != "" && !used {
		re.note(child(s.ptr, "format"), m, "a format note on items or values: not in the format, not kept")
	}
	if nullable {
		set(m, "nullable", boolean(true))
	}
	return m
}

// refInto writes a reference: the type's name, or the inline enum it
// stands for where x-sessiongen-inline marks the place it was written.
func (re *restorer) refInto(m *yaml.Node, s, ref rnode, x restoreCtx) {
	key := re.refKey(ref)
	if key == "" {
		set(m, "type", str("json"))
		return
	}
	target := re.schemaByID[key]
	inline := re.flag(s, "x-sessiongen-inline")
	if !inline || !target.key("x-sessiongen-inlineOf").ok() {
		if inline {
			re.note(child(s.ptr, "x-sessiongen-inline"), m, "x-sessiongen-inline on a reference to a declared type: referred to by name")
		}
		set(m, "type", str(re.typeNames[key]))
		return
	}
	known, open, ok := enumParts(target)
	if !ok || re.inlineDone[key] || x.ownerGo == "" {
		re.note(s.ptr, m, "x-sessiongen-inline on a reference that is not to an inline enum written once: the type is referred to by name")
		set(m, "type", str(re.typeNames[key]))
		return
	}
	re.inlineDone[key] = true
	re.enumInto(m, target, known, open)
	// The key is the enum's Go name; written when the owner's and the
	// property's Go names do not derive it.
	if name := re.typeNames[key]; name != x.ownerGo+re.namer.Exported(x.prop) {
		set(m, "goName", str(name))
	}
}
