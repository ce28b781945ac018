package ir

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
)

// declare names every type and enum constant, in schema order.
func (b *builder) declare(p *Package) {
	for _, t := range b.f.Types {
		if t.GoType != nil {
			continue // the caller's own Go type: references use it, nothing is declared
		}
		name := t.GoIdent(b.names)
		what := fmt.Sprintf("type %q", t.Name)
		if t.IsEnum {
			e := &Enum{Name: name, Wire: t.Name, Doc: t.Description, Deprecated: t.Deprecated, Open: t.Open,
				ValuesFunc: name + "Values", Decoder: "decode" + name, InlineOf: t.InlineOf}
			if t.InlineOf != "" {
				what = "the inline enum of " + t.InlineOf
			}
			b.claim(name, t.Pos, what)
			b.claim(e.ValuesFunc, t.Pos, what+" (its list of values)")
			for _, v := range t.Enum {
				ev := &EnumValue{Name: name + v.GoIdent(b.names), Wire: v.Value, Doc: v.Description, Deprecated: v.Deprecated}
				b.claim(ev.Name, v.Pos, fmt.Sprintf("enum value %q of %s", v.Value, what))
				e.Values = append(e.Values, ev)
				if v.Value == t.Sentinel {
					e.Sentinel = ev
				}
			}
			b.enums[t] = e
			p.Enums = append(p.Enums, e)
			continue
		}
		if t.Union != nil {
			continue // declared by declareUnions
		}
		s := &Struct{
			Name: name, Wire: t.Name, Doc: t.Description, Deprecated: t.Deprecated,
			Open: t.Open, Abstract: t.Abstract, DiscriminatorValue: t.DiscriminatorValue, IDPrefix: t.IDPrefix,
		}
		if len(t.Subtypes) > 0 {
			s.Interface = &Interface{
				Name:    name,
				Marker:  "is" + name,
				Unknown: "Unknown" + name,
				Root:    s,

				Decoder:   "decode" + name,
				Unmarshal: "Unmarshal" + name,
				Validator: "validate" + name,
			}
			b.claim(name, t.Pos, what+" (its interface)")
			b.claim(s.Interface.Unknown, t.Pos, what+" (its unknown-subtype holder)")
			b.claim(s.Interface.Unmarshal, t.Pos, what+" (its decoding function)")
			if !t.Abstract {
				s.Name = name + "Base"
				b.claim(s.Name, t.Pos, what+" (its own struct)")
			}
		} else {
			b.claim(name, t.Pos, what)
		}
		b.structs[t] = s
		p.Structs = append(p.Structs, s)
	}
}

// fill resolves bases, fields and hierarchies once every name exists.
func (b *builder) fill() {
	for _, t := range b.f.Types {
		s := b.structs[t]
		if s == nil {
			continue
		}
		if t.Base != nil && t.Base.Target != nil {
			s.Base = b.structs[t.Base.Target]
		}
		s.Discriminator = b.discriminatorOf(t)
		if s.Interface != nil {
			s.Interface.Closed = t.ClosedSubtypes
		}
		s.Fields = b.fields(t, s)
		for c, n := t, 0; c != nil && n <= len(b.f.Types); c, n = baseType(c), n+1 {
			// Bases' rules first, as their fields come first.
			s.Rules = append(structRules(c.Rules, s.Fields), s.Rules...)
		}
		// The key is declared on the type or inherited from the nearest base.
		for c := t; c != nil; c = baseType(c) {
			if c.Key == "" {
				continue
			}
			for _, fl := range s.Fields {
				if fl.Wire == c.Key {
					s.Key = fl
				}
			}
			break
		}
	}
	for _, t := range b.f.Types {
		s := b.structs[t]
		if s == nil || s.Interface == nil {
			continue
		}
		var walk func(t *schema.Type)
		walk = func(t *schema.Type) {
			if !t.Abstract {
				s.Interface.Concrete = append(s.Interface.Concrete, b.structs[t])
			}
			for _, sub := range t.Subtypes {
				walk(sub)
			}
		}
		walk(t)
		s.Interface.TypeField = freeFieldName(s.Fields, "Type", "Subtype", "DiscriminatorValue")
		s.Interface.RawField = freeFieldName(s.Fields, "Raw", "RawJSON", "RawObject")
	}
}

// freeFieldName returns the first candidate no field of fields is named,
// or the first one with a number appended: the unknown-subtype holder has
// the base's fields beside its own.
func freeFieldName(fields []*Field, candidates ...string) string {
	taken := func(name string) bool {
		for _, fl := range fields {
			if fl.Name == name {
				return true
			}
		}
		return false
	}
	for _, c := range candidates {
		if !taken(c) {
			return c
		}
	}
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s%d", candidates[0], n); !taken(c) {
			return c
		}
	}
}

// structRules maps the rules of the schema to fields of a struct by wire
// name; validation has checked that every name is a property.
func structRules(rules []*schema.FieldRule, fields []*Field) []*Rule {
	var out []*Rule
	for _, r := range rules {
		ir := &Rule{Kind: string(r.Kind)}
		for _, name := range r.Names {
			for _, fl := range fields {
				if fl.Wire == name {
					ir.Fields = append(ir.Fields, fl)
				}
			}
		}
		out = append(out, ir)
	}
	return out
}

// discriminatorOf returns the wire name of the member that selects a
// subtype in t's hierarchy: the root's discriminator, else the API's. Outside
// a hierarchy it is the API's, which such a type keeps as a field.
func (b *builder) discriminatorOf(t *schema.Type) string {
	if t.Base == nil && len(t.Subtypes) == 0 {
		return b.f.API.Discriminator
	}
	root := t
	for i := 0; baseType(root) != nil && i <= len(b.f.Types); i++ {
		root = baseType(root)
	}
	if root.Discriminator != "" {
		return root.Discriminator
	}
	return b.f.API.Discriminator
}

func baseType(t *schema.Type) *schema.Type {
	if t.Base == nil {
		return nil
	}
	return t.Base.Target
}

// fields returns the fields of t, inherited first.
func (b *builder) fields(t *schema.Type, s *Struct) []*Field {
	var chain []*schema.Type
	for c := t; c != nil; {
		chain = append(chain, c)
		if c.Base == nil || c.Base.Target == nil || len(chain) > len(b.f.Types) {
			break
		}
		c = c.Base.Target
	}
	taken := map[string]string{}
	for _, m := range structMethods {
		taken[m] = "the generated method " + m
	}
	if t.Open {
		taken["AdditionalProperties"] = "the field that keeps undeclared properties"
	}
	var out []*Field
	for i := len(chain) - 1; i >= 0; i-- {
		for _, p := range chain[i].Properties {
			fl := b.field(p, s.Name)
			if prev, ok := taken[fl.Name]; ok {
				b.errorf(p.Pos, "property %q of type %q needs Go name %s, which %s already uses", p.Name, t.Name, fl.Name, prev)
				continue
			}
			taken[fl.Name] = fmt.Sprintf("property %q", p.Name)
			out = append(out, fl)
		}
	}
	out = b.expandedNextLinkFields(t, out, taken)
	if fl := b.discriminatorField(t, taken); fl != nil {
		out = append([]*Field{fl}, out...)
	}
	return out
}

// discriminatorField returns the field that keeps the API's discriminator
// member on a type outside any hierarchy, or nil. A concrete type of a
// hierarchy writes its own discriminator value, and an unknown subtype keeps
// the object whole; a type without subtypes would otherwise drop the member
// (Graph sends "@odata.type" on most objects, failureInfo included), so it
// is declared on every such type, as an optional string written first,
// where Graph writes it. Its Go name is the wire name's, or that name with
// "Discriminator" appended when a property already has it.
func (b *builder) discriminatorField(t *schema.Type, taken map[string]string) *Field {
	disc := b.f.API.Discriminator
	if disc == "" || t.Base != nil || len(t.Subtypes) > 0 {
		return nil
	}
	name := b.names.Exported(disc)
	if _, ok := taken[name]; ok {
		name += "Discriminator"
	}
	if prev, ok := taken[name]; ok {
		b.errorf(t.Pos, "type %q: the api.discriminator %q needs Go name %s, which %s already uses", t.Name, disc, name, prev)
		return nil
	}
	taken[name] = fmt.Sprintf("the api.discriminator %q", disc)
	return &Field{
		Name:     name,
		Wire:     disc,
		Doc:      fmt.Sprintf("%s is the %q member (the API's discriminator) as received: this type has no subtypes, so the member is kept and sent back unchanged like any property.", name, disc),
		Type:     &Type{Kind: String},
		Optional: true,
	}
}

func (b *builder) field(p *schema.Property, owner string) *Field {
	fl := &Field{
		Name:             b.names.Exported(p.Name),
		Wire:             p.Name,
		Doc:              p.Description,
		Deprecated:       p.Deprecated,
		Type:             b.typ(&p.Type, owner+" "+b.names.Exported(p.Name)),
		Required:         p.Required,
		Nullable:         p.Nullable,
		Optional:         !p.Required || p.Nullable,
		ReadOnly:         p.ReadOnly,
		CreateOnly:       p.CreateOnly,
		RequiredOnCreate: p.RequiredOnCreate,
		PII:              p.PII,
		Relationship:     p.Relationship,
		Format:           p.Format,
	}
	if p.Default != nil {
		fl.Default = p.Default.JSON
	}
	for _, e := range p.Examples {
		fl.Examples = append(fl.Examples, e.JSON)
	}
	return fl
}

// typ converts a type expression.
func (b *builder) typ(e *schema.TypeExpr, owner string) *Type {
	t := &Type{
		NonFinite:   e.NonFinite,
		MinLength:   e.MinLength,
		MaxLength:   e.MaxLength,
		MinItems:    e.MinItems,
		MaxItems:    e.MaxItems,
		UniqueItems: e.UniqueItems,
	}
	if e.Minimum != nil {
		t.Minimum = &Bound{Text: e.Minimum.Text}
	}
	if e.Maximum != nil {
		t.Maximum = &Bound{Text: e.Maximum.Text}
	}
	if e.Pattern != "" {
		t.Pattern = b.pattern(e.Pattern, owner)
	}
	switch e.Kind {
	case schema.KindString:
		t.Kind = String
	case schema.KindInt32:
		t.Kind = Int32
	case schema.KindInt64:
		t.Kind = Int64
	case schema.KindNumber:
		t.Kind = Float64
	case schema.KindFloat32:
		t.Kind = Float32
	case schema.KindBoolean:
		t.Kind = Bool
	case schema.KindDate:
		t.Kind = Date
	case schema.KindDateTime:
		t.Kind = DateTime
	case schema.KindDuration:
		t.Kind = Duration
	case schema.KindURI:
		t.Kind = URI
	case schema.KindUUID:
		t.Kind = UUID
	case schema.KindJSON:
		t.Kind = JSON
	case schema.KindArray:
		t.Kind = Slice
		t.Elem = b.elem(e.Items, owner+" item")
	case schema.KindMap:
		t.Kind = Map
		t.Elem = b.elem(e.Values, owner+" value")
	case schema.KindUnion:
		t.Kind = UnionRef
		if e.UnionType != nil {
			t.Union = b.unions[e.UnionType.Union]
		} else {
			t.Union = b.union(e, owner)
		}
	case schema.KindGoType:
		t.Kind = External
		t.External = &ExternalType{Import: e.GoType.Import, Name: e.GoType.Name}
	case schema.KindNamed:
		target := e.Ref.Target
		if s := b.foreign[target]; s != nil {
			t.Kind = StructRef
			t.Struct = s
			t.Import = s.Import
		} else if en := b.enums[target]; en != nil {
			t.Kind = EnumRef
			t.Enum = en
		} else if s := b.structs[target]; s != nil && s.Interface != nil {
			t.Kind = InterfaceRef
			t.Interface = s.Interface
		} else {
			t.Kind = StructRef
			t.Struct = s
		}
	}
	return t
}

// elem converts the type of array items or map values: one that may be null
// is held in Optional (NullableElem), with its constraints on the value.
func (b *builder) elem(e *schema.TypeExpr, owner string) *Type {
	t := b.typ(e, owner)
	if e.Nullable {
		return &Type{Kind: NullableElem, Elem: t}
	}
	return t
}

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9]+`)

// pattern returns the shared compiled-pattern variable for expr.
func (b *builder) pattern(expr, owner string) *Pattern {
	if p, ok := b.patterns[expr]; ok {
		return p
	}
	name := "pattern" + b.names.Exported(nonIdent.ReplaceAllString(owner, " "))
	for i := 2; ; i++ {
		if _, taken := b.idents[name]; !taken {
			break
		}
		name = fmt.Sprintf("pattern%s%d", b.names.Exported(nonIdent.ReplaceAllString(owner, " ")), i)
	}
	b.idents[name] = identOwner{what: "a pattern"}
	p := &Pattern{Var: name, Matcher: "match" + strings.ToUpper(name[:1]) + name[1:], Expr: expr}
	p.Fixed, _ = fixedShape(expr)
	b.patterns[expr] = p
	return p
}

// propertyFields converts request fields or query parameters into struct
// fields, reporting Go-name collisions.
func (b *builder) propertyFields(props []*schema.Property, owner, what string) []*Field {
	taken := map[string]string{}
	for _, m := range structMethods {
		taken[m] = "the generated method " + m
	}
	var out []*Field
	for _, p := range props {
		b.unionsIn(&p.Type, owner+" "+b.names.Exported(p.Name), fmt.Sprintf("field %q of %s", p.Name, owner))
		fl := b.field(p, owner)
		if prev, ok := taken[fl.Name]; ok {
			b.errorf(p.Pos, "%s: %q needs Go name %s, which %s already uses", what, p.Name, fl.Name, prev)
			continue
		}
		taken[fl.Name] = fmt.Sprintf("%q", p.Name)
		out = append(out, fl)
	}
	return out
}

// pointers marks struct fields that would make a Go type contain itself by
// value (a recursive schema) so they are held by pointer instead.
func (b *builder) pointers(p *Package) {
	edges := func(s *Struct) []*Field {
		var out []*Field
		for _, f := range s.Fields {
			if f.Type.Kind == StructRef && f.Type.Struct != nil {
				out = append(out, f)
			}
		}
		return out
	}
	reaches := func(from, to *Struct) bool {
		seen := map[*Struct]bool{}
		stack := []*Struct{from}
		for len(stack) > 0 {
			s := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if s == to {
				return true
			}
			if seen[s] {
				continue
			}
			seen[s] = true
			for _, f := range edges(s) {
				stack = append(stack, f.Type.Struct)
			}
		}
		return false
	}
	for _, s := range p.Structs {
		for _, f := range edges(s) {
			if reaches(f.Type.Struct, s) {
				f.Type.Pointer = true
			}
		}
	}
}

// usedPatterns returns the patterns of struct fields (and their elements),
// then of path parameters, each once.
func usedPatterns(p *Package) []*Pattern {
	seen := map[*Pattern]bool{}
	var out []*Pattern
	collect := func(t *Type) {
		for ; t != nil; t = t.Elem {
			if t.Pattern != nil && !seen[t.Pattern] {
				seen[t.Pattern] = true
				out = append(out, t.Pattern)
			}
		}
	}
	for _, s := range p.Structs {
		for _, fl := range s.Fields {
			collect(fl.Type)
		}
	}
	for _, r := range p.Resources {
		for _, m := range r.Methods {
			for _, pp := range m.PathParams {
				collect(pp.Type)
			}
		}
	}
	return out
}
