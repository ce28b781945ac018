package openapi

import (
	"github.com/sessiongen/sessiongen/schema"
	"go.yaml.in/yaml/v3"
)

// kindFormats are the OpenAPI formats a kind of the format is written as.
// A property's free-form format note goes to `format` only where the kind
// has none and the note is none of these (else an importer would read a
// kind); otherwise it goes to x-sessiongen-format.
var kindFormats = map[schema.Kind]string{
	schema.KindInt32:    "int32",
	schema.KindInt64:    "int64",
	schema.KindNumber:   "double",
	schema.KindFloat32:  "float",
	schema.KindDate:     "date",
	schema.KindDateTime: "date-time",
	schema.KindDuration: "duration",
	schema.KindURI:      "uri",
	schema.KindUUID:     "uuid",
	schema.KindBinary:   "binary",
}

// nonFiniteStrings are the strings a nonFinite number may be sent as.
var nonFiniteStrings = []string{"NaN", "INF", "-INF"}

// scalar returns the schema of a scalar kind with the constraints of t
// (nil for a member of a union, which takes none).
func scalar(k schema.Kind, t *schema.TypeExpr) *yaml.Node {
	s := mapping()
	switch k {
	case schema.KindInt32, schema.KindInt64:
		set(s, "type", str("integer"))
	case schema.KindNumber, schema.KindFloat32:
		set(s, "type", str("number"))
	case schema.KindBoolean:
		set(s, "type", str("boolean"))
	default:
		set(s, "type", str("string"))
	}
	setStr(s, "format", kindFormats[k])
	if t == nil {
		return s
	}
	if t.MinLength != nil {
		set(s, "minLength", integer(*t.MinLength))
	}
	if t.MaxLength != nil {
		set(s, "maxLength", integer(*t.MaxLength))
	}
	setStr(s, "pattern", t.Pattern)
	if t.Minimum != nil {
		set(s, "minimum", number(t.Minimum.Text))
	}
	if t.Maximum != nil {
		set(s, "maximum", number(t.Maximum.Text))
	}
	if t.NonFinite {
		// The number, or one of the strings standing for what JSON numbers
		// cannot hold.
		words := mapping()
		set(words, "type", str("string"))
		set(words, "enum", strs(nonFiniteStrings))
		u := mapping()
		set(u, "anyOf", sequence(s, words))
		set(u, "x-sessiongen-nonFinite", boolean(true))
		return u
	}
	return s
}

// ref is a reference to the component schema of t.
func (e *exporter) ref(t *schema.Type) *yaml.Node {
	r := mapping()
	set(r, "$ref", str("#/components/schemas/"+e.typeKey(t)))
	return r
}

// typeExpr returns the JSON Schema of a type expression, its nullability
// aside (see nullable).
func (e *exporter) typeExpr(t *schema.TypeExpr) *yaml.Node {
	switch t.Kind {
	case schema.KindJSON:
		return mapping() // any JSON value
	case schema.KindArray:
		s := mapping()
		set(s, "type", str("array"))
		if t.Items != nil {
			set(s, "items", e.item(t.Items))
		}
		if t.MinItems != nil {
			set(s, "minItems", integer(*t.MinItems))
		}
		if t.MaxItems != nil {
			set(s, "maxItems", integer(*t.MaxItems))
		}
		setTrue(s, "uniqueItems", t.UniqueItems)
		return s
	case schema.KindMap:
		s := mapping()
		set(s, "type", str("object"))
		if t.Values != nil {
			set(s, "additionalProperties", e.item(t.Values))
		}
		return s
	case schema.KindNamed:
		if t.Ref == nil || t.Ref.Target == nil {
			e.failf(t.Pos, "type %q is not resolved", refName(t.Ref))
			return mapping()
		}
		r := e.ref(t.Ref.Target)
		// The one place an inline enum is written: an importer writes
		// it back there and refers to it by name everywhere else.
		setTrue(r, "x-sessiongen-inline", t.Inline != nil)
		return r
	case schema.KindUnion:
		if t.UnionType != nil {
			return e.ref(t.UnionType)
		}
		return e.union(t.Of)
	case schema.KindGoType:
		if t.Ref != nil && t.Ref.Target != nil && t.Ref.Target.GoType != nil {
			return e.ref(t.Ref.Target) // declared under types: keep the name
		}
		return goTypeSchema(t.GoType)
	}
	return scalar(t.Kind, t)
}

// item is the schema of array items or map values, which may be null.
func (e *exporter) item(t *schema.TypeExpr) *yaml.Node {
	s := e.typeExpr(t)
	if t.Nullable {
		s = nullable(t.Kind, s)
	}
	return s
}

// union is an anyOf of the members: their JSON tokens differ, so exactly
// one member matches any value.
func (e *exporter) union(of []schema.UnionMember) *yaml.Node {
	members := sequence()
	for _, m := range of {
		if m.Kind == schema.KindNamed && m.Ref != nil && m.Ref.Target != nil {
			members.Content = append(members.Content, e.ref(m.Ref.Target))
			continue
		}
		members.Content = append(members.Content, scalar(m.Kind, nil))
	}
	s := mapping()
	set(s, "anyOf", members)
	return s
}

func goTypeSchema(g *schema.GoType) *yaml.Node {
	s := mapping()
	if g == nil {
		return s
	}
	gt := mapping()
	set(gt, "import", str(g.Import))
	set(gt, "name", str(g.Name))
	set(s, "x-sessiongen-goType", gt)
	return s
}

// nullable returns s admitting null as well: an OpenAPI 3.1 type array
// where s has a type, a null member of an anyOf, else anyOf s or null. A
// json value admits null already; its nullability (Optional in Go) has no
// JSON Schema word and is kept in x-sessiongen-nullable.
func nullable(k schema.Kind, s *yaml.Node) *yaml.Node {
	null := func() *yaml.Node {
		n := mapping()
		set(n, "type", str("null"))
		return n
	}
	if k == schema.KindJSON {
		set(s, "x-sessiongen-nullable", boolean(true))
		return s
	}
	if typ := get(s, "type"); typ != nil && typ.Kind == yaml.ScalarNode {
		*typ = *sequence(str(typ.Value), str("null"))
		if enum := get(s, "enum"); enum != nil {
			enum.Content = append(enum.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"})
		}
		return s
	}
	if anyOf := get(s, "anyOf"); anyOf != nil {
		anyOf.Content = append(anyOf.Content, null())
		return s
	}
	w := mapping()
	set(w, "anyOf", sequence(s, null()))
	return w
}

// property returns the schema of an object property or body field, with
// its documentation and the keys OpenAPI has words for.
func (e *exporter) property(p *schema.Property) *yaml.Node {
	s := e.typeExpr(&p.Type)
	if p.Nullable {
		s = nullable(p.Type.Kind, s)
	}
	e.annotate(s, p)
	setTrue(s, "readOnly", p.ReadOnly)
	setTrue(s, "x-sessiongen-createOnly", p.CreateOnly)
	setTrue(s, "x-sessiongen-requiredOnCreate", p.RequiredOnCreate)
	setTrue(s, "x-sessiongen-relationship", p.Relationship)
	return s
}

// annotate adds what properties and parameters share to the schema s.
func (e *exporter) annotate(s *yaml.Node, p *schema.Property) {
	if p.Description != "" {
		setFirst(s, "description", str(p.Description))
	}
	deprecated(s, p.Deprecated)
	if p.Format != "" {
		key := "format"
		if get(s, "format") != nil || get(s, "type") == nil || isKindFormat(p.Format) {
			key = "x-sessiongen-format"
		}
		set(s, key, str(p.Format))
	}
	if p.Default != nil {
		set(s, "default", e.value(p.Default))
	}
	if len(p.Examples) > 0 {
		ex := sequence()
		for _, v := range p.Examples {
			ex.Content = append(ex.Content, e.value(v))
		}
		set(s, "examples", ex)
	}
	setTrue(s, "x-sessiongen-pii", p.PII)
}

func isKindFormat(f string) bool {
	for _, kf := range kindFormats {
		if kf == f {
			return true
		}
	}
	return false
}

// deprecated marks s deprecated; OpenAPI's flag is a boolean, the reason
// goes to x-sessiongen-deprecated.
func deprecated(s *yaml.Node, reason string) {
	if reason != "" {
		set(s, "deprecated", boolean(true))
		set(s, "x-sessiongen-deprecated", str(reason))
	}
}

// value is a default or example of the schema as a YAML node.
func (e *exporter) value(v *schema.Value) *yaml.Node {
	n, err := jsonValue(v.JSON)
	if err != nil {
		e.failf(v.Pos, "value %s: %v", v.JSON, err)
		return str(v.JSON)
	}
	return n
}

func refName(r *schema.TypeRef) string {
	if r == nil {
		return ""
	}
	return r.Name
}
