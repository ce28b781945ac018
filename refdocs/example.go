package refdocs

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
)

// The JSON representation of a type is built from the schema: a property's
// first example, else its default, else a placeholder derived from its type
// alone (so the same schema always shows the same document). Relationships
// are left out, as they are present only when a request expands them.

// maxExampleDepth bounds how deep nested objects are spelt out; deeper ones
// (and a type inside itself) show as {}. maxExampleMembers bounds the
// members of nested objects in one example, so that a page grows linearly
// with the schema however its types nest (a type of 100 properties of a
// type of 100 properties... would otherwise give 100^4 members); nested
// objects past it show as {}.
const (
	maxExampleDepth   = 4
	maxExampleMembers = 400
)

// exampleJSON returns the indented JSON representation of t.
func (s *site) exampleJSON(t *schema.Type) string {
	var b strings.Builder
	budget := maxExampleMembers
	s.writeObject(&b, t, map[*schema.Type]bool{}, 0, &budget)
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(b.String()), "", "  "); err != nil {
		// Every piece is JSON text: examples and defaults are stored as
		// JSON by the loader, the rest is written here. Show the compact
		// text rather than nothing if that ever fails.
		return b.String()
	}
	return out.String()
}

// concrete is the type whose members an example of t shows: t itself, or
// for an abstract type its first concrete subtype, depth first.
func concrete(t *schema.Type) *schema.Type {
	for depth := 0; t != nil && t.Abstract && depth < 64; depth++ {
		var next *schema.Type
		for _, sub := range t.Subtypes {
			if c := concrete(sub); c != nil && !c.Abstract {
				next = c
				break
			}
		}
		if next == nil {
			return t
		}
		t = next
	}
	return t
}

// allProperties returns t's properties, its bases' first, with the type
// that declares each.
func allProperties(t *schema.Type) []ownedProperty {
	var chain []*schema.Type
	seen := map[*schema.Type]bool{}
	for c := t; c != nil && !seen[c] && len(chain) < 64; {
		seen[c] = true
		chain = append(chain, c)
		if c.Base == nil {
			break
		}
		c = c.Base.Target
	}
	var out []ownedProperty
	for i := len(chain) - 1; i >= 0; i-- {
		for _, p := range chain[i].Properties {
			out = append(out, ownedProperty{p, chain[i]})
		}
	}
	return out
}

// ownedProperty is a property and the type that declares it.
type ownedProperty struct {
	*schema.Property
	owner *schema.Type
}

func (s *site) writeObject(b *strings.Builder, t *schema.Type, open map[*schema.Type]bool, depth int, budget *int) {
	t = concrete(t)
	if t == nil || open[t] || depth > maxExampleDepth || depth > 0 && *budget <= 0 {
		b.WriteString("{}")
		return
	}
	open[t] = true
	defer delete(open, t)
	if t.Union != nil {
		s.writeValue(b, t.Union, open, depth, budget)
		return
	}
	discriminator := s.discriminatorOf(t)
	b.WriteByte('{')
	first := true
	member := func(name string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeString(b, name)
		b.WriteByte(':')
	}
	if discriminator != "" && t.DiscriminatorValue != "" {
		member(discriminator)
		writeString(b, t.DiscriminatorValue)
	}
	for _, p := range allProperties(t) {
		if p.Relationship || p.Name == discriminator && t.DiscriminatorValue != "" {
			continue
		}
		member(p.Name)
		if depth > 0 {
			*budget--
		}
		switch {
		case len(p.Examples) > 0:
			b.WriteString(p.Examples[0].JSON)
		case p.Default != nil:
			b.WriteString(p.Default.JSON)
		default:
			s.writeValue(b, &p.Type, open, depth+1, budget)
		}
	}
	b.WriteByte('}')
}

// discriminatorOf is the member that selects a subtype in t's hierarchy:
// its root's discriminator, else the API's (as the generator reads it).
func (s *site) discriminatorOf(t *schema.Type) string {
	if t.Base != nil || len(t.Subtypes) > 0 {
		if root := hierarchyRoot(t); root.Discriminator != "" {
			return root.Discriminator
		}
	}
	if f := s.fileOf[t]; f != nil {
		return f.API.Discriminator
	}
	return ""
}

// hierarchyRoot is the type at the end of t's base chain.
func hierarchyRoot(t *schema.Type) *schema.Type {
	for depth := 0; t.Base != nil && t.Base.Target != nil && depth < 64; depth++ {
		t = t.Base.Target
	}
	return t
}

// writeValue writes a placeholder value of expression e.
func (s *site) writeValue(b *strings.Builder, e *schema.TypeExpr, open map[*schema.Type]bool, depth int, budget *int) {
	switch e.Kind {
	case schema.KindNamed:
		t := e.Ref.Target
		switch {
		case t == nil:
			b.WriteString("null")
		case t.IsEnum:
			if len(t.Enum) > 0 {
				writeString(b, t.Enum[0].Value)
			} else {
				writeString(b, "string")
			}
		case t.GoType != nil:
			b.WriteString("null")
		default:
			s.writeObject(b, t, open, depth, budget)
		}
	case schema.KindArray:
		b.WriteByte('[')
		s.writeValue(b, e.Items, open, depth, budget)
		b.WriteByte(']')
	case schema.KindMap:
		b.WriteString(`{"key":`)
		s.writeValue(b, e.Values, open, depth, budget)
		b.WriteByte('}')
	case schema.KindUnion:
		of := e.Of
		if e.UnionType != nil && e.UnionType.Union != nil {
			of = e.UnionType.Union.Of
		}
		if len(of) == 0 {
			b.WriteString("null")
			return
		}
		m := schema.TypeExpr{Kind: of[0].Kind, Ref: of[0].Ref}
		s.writeValue(b, &m, open, depth, budget)
	default:
		b.WriteString(scalarExample(e))
	}
}

// scalarExample is a placeholder of a scalar kind, within the expression's
// numeric bounds.
func scalarExample(e *schema.TypeExpr) string {
	switch e.Kind {
	case schema.KindString:
		return `"string"`
	case schema.KindInt32, schema.KindInt64, schema.KindNumber, schema.KindFloat32:
		switch {
		case e.Minimum != nil && !strings.HasPrefix(e.Minimum.Text, "-") && e.Minimum.Text != "0":
			return e.Minimum.Text
		case e.Maximum != nil && strings.HasPrefix(e.Maximum.Text, "-"):
			return e.Maximum.Text
		}
		return "0"
	case schema.KindBoolean:
		return "true"
	case schema.KindDate:
		return `"2024-01-31"`
	case schema.KindDateTime:
		return `"2024-01-31T12:00:00Z"`
	case schema.KindDuration:
		return `"PT1M30S"`
	case schema.KindURI:
		return `"https://example.com/"`
	case schema.KindUUID:
		return `"00000000-0000-0000-0000-000000000000"`
	case schema.KindJSON:
		return "{}"
	case schema.KindGoType:
		return "null"
	}
	return "null"
}

// writeString writes s as a JSON string, <, > and & as themselves.
func writeString(b *strings.Builder, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		b.WriteString(`""`) // cannot happen: every Go string encodes
		return
	}
	b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
