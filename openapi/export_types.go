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
	s := mappingNode()
	switch k {
	case schema.KindInt32, schema.KindInt64:
		put(s, "type", strNode("integer"))
	case schema.KindNumber, schema.KindFloat32:
		put(s, "type", strNode("number"))
	case schema.KindBoolean:
		put(s, "type", strNode("boolean"))
	default:
		put(s, "type", strNode("string"))
	}
	putStr(s, "format", kindFormats[k])
	if t == nil {
		return s
	}
	if t.MinLength != nil {
		put(s, "minLength", intNode(*t.MinLength))
	}
	if t.MaxLength != nil {
		put(s, "maxLength", intNode(*t.MaxLength))
	}
	putStr(s, "pattern", t.Pattern)
	if t.Minimum != nil {
		put(s, "minimum", numberNode(t.Minimum.Text))
	}
	if t.Maximum != nil {
		put(s, "maximum", numberNode(t.Maximum.Text))
	}
	if t.NonFinite {
		// The number, or one of the strings standing for what JSON numbers
		// cannot hold.
		words := mappingNode()
		put(words, "type", strNode("string"))
		put(words, "enum", strsNode(nonFiniteStrings))
		u := mappingNode()
		put(u, "anyOf", sequenceNode(s, words))
		put(u, "x-sessiongen-nonFinite", boolNode(true))
		return u
	}
	return s
}

// ref is a reference to the component schema of t.
func (e *exporter) ref(t *schema.Type) *yaml.Node {
	r := mappingNode()
	put(r, "$ref", strNode("#/components/schemas/"+e.typeKey(t)))
	return r
}

// typeExpr returns the JSON Schema of a type expression, its nullability
// aside (see nullable).
func (e *exporter) typeExpr(t *schema.TypeExpr) *yaml.Node {
	switch t.Kind {
	case schema.KindJSON:
		return mappingNode() // any JSON value
	case schema.KindArray:
		s := mappingNode()
		put(s, "type", strNode("array"))
		if t.Items != nil {
			put(s, "items", e.item(t.Items))
		}
		if t.MinItems != nil {
			put(s, "minItems", intNode(*t.MinItems))
		}
		if t.MaxItems != nil {
			put(s, "maxItems", intNode(*t.MaxItems))
		}
		putTrue(s, "uniqueItems", t.UniqueItems)
		return s
	case schema.KindMap:
		s := mappingNode()
		put(s, "type", strNode("object"))
		if t.Values != nil {
			put(s, "additionalProperties", e.item(t.Values))
		}
		return s
	case schema.KindNamed:
		if t.Ref == nil || t.Ref.Target == nil {
			e.failf(t.Pos, "type %q is not resolved", refName(t.Ref))
			return mappingNode()
		}
		r := e.ref(t.Ref.Target)
		// The one place an inline enum is written: an importer writes
		// it back there and refers to it by name everywhere else.
		putTrue(r, "x-sessiongen-inline", t.Inline != nil)
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
	members := sequenceNode()
	for _, m := range of {
		if m.Kind == schema.KindNamed && m.Ref != nil && m.Ref.Target != nil {
			members.Content = append(members.Content, e.ref(m.Ref.Target))
			continue
		}
		members.Content = append(members.Content, scalar(m.Kind, nil))
	}
	s := mappingNode()
	put(s, "anyOf", members)
	return s
}

func goTypeSchema(g *schema.GoType) *yaml.Node {
	s := mappingNode()
	if g == nil {
		return s
	}
	gt := mappingNode()
	put(gt, "import", strNode(g.Import))
	put(gt, "name", strNode(g.Name))
	put(s, "x-sessiongen-goType", gt)
	return s
}

// nullable returns s admitting null as well: an OpenAPI 3.1 type array
// where s has a type, a null member of an anyOf, else anyOf s or null. A
// json value admits null already; its nullability (Optional in Go) has no
// JSON Schema word and is kept in x-sessiongen-nullable.
func nullable(k schema.Kind, s *yaml.Node) *yaml.Node {
	null := func() *yaml.Node {
		n := mappingNode()
		put(n, "type", strNode("null"))
		return n
	}
	if k == schema.KindJSON {
		put(s, "x-sessiongen-nullable", boolNode(true))
		return s
	}
	if typ := lookup(s, "type"); typ != nil && typ.Kind == yaml.ScalarNode {
		*typ = *sequenceNode(strNode(typ.Value), strNode("null"))
		if enum := lookup(s, "enum"); enum != nil {
			enum.Content = append(enum.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"})
		}
		return s
	}
	if anyOf := lookup(s, "anyOf"); anyOf != nil {
		anyOf.Content = append(anyOf.Content, null())
		return s
	}
	w := mappingNode()
	put(w, "anyOf", sequenceNode(s, null()))
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
	putTrue(s, "readOnly", p.ReadOnly)
	putTrue(s, "x-sessiongen-createOnly", p.CreateOnly)
	putTrue(s, "x-sessiongen-requiredOnCreate", p.RequiredOnCreate)
	putTrue(s, "x-sessiongen-relationship", p.Relationship)
	return s
}

// annotate adds what properties and parameters share to the schema s.
func (e *exporter) annotate(s *yaml.Node, p *schema.Property) {
	if p.Description != "" {
		putFirst(s, "description", strNode(p.Description))
	}
	deprecated(s, p.Deprecated)
	if p.Format != "" {
		key := "format"
		if lookup(s, "format") != nil || lookup(s, "type") == nil || isKindFormat(p.Format) {
			key = "x-sessiongen-format"
		}
		put(s, key, strNode(p.Format))
	}
	if p.Default != nil {
		put(s, "default", e.value(p.Default))
	}
	if len(p.Examples) > 0 {
		ex := sequenceNode()
		for _, v := range p.Examples {
			ex.Content = append(ex.Content, e.value(v))
		}
		put(s, "examples", ex)
	}
	putTrue(s, "x-sessiongen-pii", p.PII)
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
		put(s, "deprecated", boolNode(true))
		put(s, "x-sessiongen-deprecated", strNode(reason))
	}
}

// value is a default or example of the schema as a YAML node.
func (e *exporter) value(v *schema.Value) *yaml.Node {
	n, err := literalNode(v.JSON)
	if err != nil {
		e.failf(v.Pos, "value %s: %v", v.JSON, err)
		return strNode(v.JSON)
	}
	return n
}

func refName(r *schema.TypeRef) string {
	if r == nil {
		return ""
	}
	return r.Name
}
