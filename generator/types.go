package generator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// genTypes emits one struct per object type, and an interface plus an
// unknown-subtype holder per polymorphic type.
func genTypes(f *jen.File, p *ir.Package) {
	for _, s := range p.API.ErrorAliases {
		f.Commentf("%s is the API's error body (APIError.Body), declared in package %s (%s).", s.Name, s.Import.Name, s.Import.Path)
		f.Type().Id(s.Name).Op("=").Add(structIdent(s))
		f.Line()
	}
	for _, s := range p.Structs {
		if s.Interface != nil {
			genInterface(f, p, s.Interface)
		}
		if !s.Abstract {
			genStruct(f, p, s)
		}
	}
	for _, u := range p.Unions {
		genUnionType(f, u)
	}
}

// goType is the Go type of a value of t.
func goType(t *ir.Type) jen.Code { return goTypeIn(t, jen.Id) }

// goTypeIn is goType with the names the package itself declares written by
// own: jen.Id inside the package, qualified in its fake (another package).
func goTypeIn(t *ir.Type, own func(string) *jen.Statement) jen.Code {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return jen.String()
	case ir.Int32:
		return jen.Int32()
	case ir.Int64:
		return jen.Int64()
	case ir.Float64:
		return jen.Float64()
	case ir.Float32:
		return jen.Float32()
	case ir.Bool:
		return jen.Bool()
	case ir.Date:
		return own("Date")
	case ir.DateTime:
		return jen.Qual("time", "Time")
	case ir.Duration:
		return own("Duration")
	case ir.JSON:
		return jen.Qual("encoding/json", "RawMessage")
	case ir.Slice:
		return jen.Index().Add(goTypeIn(t.Elem, own))
	case ir.Map:
		return jen.Map(jen.String()).Add(goTypeIn(t.Elem, own))
	case ir.StructRef:
		if t.Pointer {
			return jen.Op("*").Add(structIdentIn(t.Struct, own))
		}
		return structIdentIn(t.Struct, own)
	case ir.InterfaceRef:
		return own(t.Interface.Name)
	case ir.EnumRef:
		return own(t.Enum.Name)
	case ir.UnionRef:
		return own(t.Union.Name)
	case ir.NullableElem:
		return own("Optional").Types(goTypeIn(t.Elem, own))
	case ir.External:
		return jen.Qual(t.External.Import, t.External.Name)
	}
	panic(fmt.Sprintf("generator: unknown type kind %d", t.Kind))
}

// fieldType is the Go type of a struct field: optional and nullable fields
// are held in Optional so absent, null and a value stay distinct.
func fieldType(fl *ir.Field) jen.Code {
	if fl.Optional {
		return jen.Id("Optional").Types(goType(fl.Type))
	}
	return goType(fl.Type)
}

// jsonTag is the struct tag: it documents the wire name and lets tools that
// read tags agree with the generated codec (which does not use them).
func jsonTag(fl *ir.Field) map[string]string {
	if strings.ContainsAny(fl.Wire, "\",`\\") || fl.Wire == "-" {
		return nil
	}
	if fl.Optional || fl.NilAbsent {
		return map[string]string{"json": fl.Wire + ",omitzero"}
	}
	return map[string]string{"json": fl.Wire}
}

func fieldDoc(fl *ir.Field) []string {
	var notes []string
	var facts []string
	switch {
	case fl.Required && fl.Nullable:
		facts = append(facts, "Required, may be null.")
	case fl.Required:
		facts = append(facts, "Required.")
	case fl.Nullable:
		facts = append(facts, "Optional, may be null.")
	case fl.NilAbsent:
		facts = append(facts, "Optional: nil when absent; an empty, non-nil value is sent.")
	}
	if fl.ReadOnly {
		facts = append(facts, "Read-only: set by the server, never sent.")
	}
	if fl.CreateOnly {
		facts = append(facts, "Create-only: sent when creating, not when updating.")
	}
	if fl.Relationship {
		facts = append(facts, "A relationship: present only when the request expands it.")
	}
	if fl.PII {
		facts = append(facts, "Personal data (PII): keep it out of logs.")
	}
	if fl.Format != "" {
		facts = append(facts, fmt.Sprintf("Format: %s.", fl.Format))
	}
	if fl.Default != "" {
		facts = append(facts, fmt.Sprintf("Default: %s.", fl.Default))
	}
	if len(fl.Examples) > 0 {
		facts = append(facts, fmt.Sprintf("Example: %s.", fl.Examples[0]))
	}
	notes = append(notes, strings.Join(facts, " "))
	if fl.Deprecated != "" {
		notes = append(notes, "Deprecated: "+fl.Deprecated)
	}
	lines := ir.DocLines(fl.Doc)
	if len(lines) == 0 {
		lines = []string{fmt.Sprintf("%s is the %q property.", fl.Name, fl.Wire)}
	}
	return doc(lines, notes...)
}

// typeDoc documents a named type: a first sentence naming the schema type,
// then the schema's description, then notes.
func typeDoc(name, wire, kind, description, deprecated string, extra ...string) []string {
	lines := []string{fmt.Sprintf("%s is the %q %s.", name, wire, kind)}
	notes := []string{strings.Join(ir.DocLines(description), "\n")}
	notes = append(notes, extra...)
	if deprecated != "" {
		notes = append(notes, "Deprecated: "+deprecated)
	}
	return doc(lines, notes...)
}

func genStruct(f *jen.File, p *ir.Package, s *ir.Struct) {
	var extra []string
	if s.DiscriminatorValue != "" {
		extra = append(extra, fmt.Sprintf("Its %s is %q.", s.Discriminator, s.DiscriminatorValue))
	}
	if s.Open {
		extra = append(extra, "It is open: properties the schema does not declare are kept in AdditionalProperties and sent back unchanged.")
	}
	fcomment(f, typeDoc(s.Name, s.Wire, "object", s.Doc, s.Deprecated, extra...))
	f.Type().Id(s.Name).StructFunc(func(g *jen.Group) {
		for i, fl := range s.Fields {
			if i > 0 {
				g.Line()
			}
			comment(g, fieldDoc(fl))
			g.Id(fl.Name).Add(fieldType(fl)).Tag(jsonTag(fl))
		}
		if s.Open {
			if len(s.Fields) > 0 {
				g.Line()
			}
			g.Comment("AdditionalProperties holds the properties the schema does not declare, in")
			g.Comment("the order received; they are encoded after the declared ones.")
			g.Id("AdditionalProperties").Index().Id("Member").Tag(map[string]string{"json": "-"})
		}
	})
	f.Line()
	for _, iface := range implemented(s) {
		f.Func().Params(jen.Op("*").Id(s.Name)).Id(iface.Marker).Params().Block()
		f.Line()
	}
}

// implemented returns the interfaces s satisfies: its own and its
// polymorphic ancestors', nearest first.
func implemented(s *ir.Struct) []*ir.Interface {
	var out []*ir.Interface
	for c := s; c != nil; c = c.Base {
		if c.Interface != nil {
			out = append(out, c.Interface)
		}
	}
	return out
}

func genInterface(f *jen.File, p *ir.Package, iface *ir.Interface) {
	names := make([]string, 0, len(iface.Concrete)+1)
	for _, c := range iface.Concrete {
		names = append(names, "*"+c.Name)
	}
	names = append(names, "*"+iface.Unknown)
	root := iface.Root
	lines := ir.DocLines(root.Doc)
	intro := fmt.Sprintf("%s is a value of the %q type hierarchy: one of %s.", iface.Name, root.Wire, strings.Join(names, ", "))
	fcomment(f, doc([]string{intro}, strings.Join(lines, "\n"), fmt.Sprintf(
		"The %s property selects the type when decoding; %s",
		strconv.Quote(root.Discriminator), unknownNote(iface)), deprecatedNote(root.Deprecated)))
	f.Type().Id(iface.Name).Interface(
		jen.Id(iface.Marker).Params(),
		jen.Comment("Validate reports every constraint the value breaks."),
		jen.Id("Validate").Params().Error(),
		jen.Comment("AppendJSON appends the value's JSON encoding, discriminator included."),
		jen.Id("AppendJSON").Params(jen.Id("dst").Index().Byte()).Params(jen.Index().Byte(), jen.Error()),
	)
	f.Line()
	unknownDoc := []string{
		fmt.Sprintf("%s keeps a %q value whose %s this package does not know,", iface.Unknown, root.Wire, root.Discriminator),
		"so it can be inspected and sent back unchanged: the fields the base declares,",
		"decoded as strictly as the base's own, and the whole object in " + iface.RawField + ". The",
		"encoder writes " + iface.RawField + "; a typed field that disagrees with it is an error of",
		"Validate and of the encoder, never dropped silently: change " + iface.RawField + " to change it.",
	}
	if iface.Closed {
		unknownDoc = append(unknownDoc, "", fmt.Sprintf("%s has closed subtypes: decoding never produces this holder, and Validate reports one.", iface.Name))
	}
	fcomment(f, unknownDoc)
	f.Type().Id(iface.Unknown).StructFunc(func(g *jen.Group) {
		for _, fl := range root.Fields {
			comment(g, fieldDoc(fl))
			g.Id(fl.Name).Add(fieldType(fl)).Tag(jsonTag(fl))
			g.Line()
		}
		g.Comment(iface.TypeField + " is the discriminator value received; empty when it was absent.")
		g.Id(iface.TypeField).String()
		g.Line()
		g.Comment(iface.RawField + " is the whole JSON object as received.")
		g.Id(iface.RawField).Qual("encoding/json", "RawMessage")
	})
	f.Line()
	for c := root; c != nil; c = c.Base {
		if c.Interface != nil {
			f.Func().Params(jen.Op("*").Id(iface.Unknown)).Id(c.Interface.Marker).Params().Block()
			f.Line()
		}
	}
}

// unknownNote says what decoding does with a discriminator value no type
// of the hierarchy declares.
func unknownNote(iface *ir.Interface) string {
	if iface.Closed {
		return "its subtypes are closed: a value this package does not know is a decoding error."
	}
	return fmt.Sprintf("a value this package does not know decodes into *%s, which keeps it unchanged.", iface.Unknown)
}

func deprecatedNote(reason string) string {
	if reason == "" {
		return ""
	}
	return "Deprecated: " + reason
}

// genEnums emits each enum as a string type with constants. Enums are always
// open on the wire: an unknown value decodes and re-encodes unchanged.
func genEnums(f *jen.File, p *ir.Package) {
	for _, e := range p.Enums {
		note := fmt.Sprintf("%s is closed: Validate reports a value not listed here, though it still decodes and re-encodes unchanged.", e.Name)
		if e.Open {
			note = fmt.Sprintf("%s is open: the API may add values, so Validate accepts any value and IsKnown tells the listed ones apart.", e.Name)
		}
		if e.Sentinel != nil {
			note += fmt.Sprintf(" %s stands for values the API has not been asked to reveal.", e.Sentinel.Name)
		}
		lines := typeDoc(e.Name, e.Wire, "enum", e.Doc, e.Deprecated, note)
		if e.InlineOf != "" {
			lines[0] = fmt.Sprintf("%s is the enum written inline on %s.", e.Name, e.InlineOf)
		}
		fcomment(f, lines)
		f.Type().Id(e.Name).String()
		f.Line()
		fcomment(f, []string{fmt.Sprintf("The values of %s.", e.Name)})
		f.Const().DefsFunc(func(g *jen.Group) {
			for _, v := range e.Values {
				lines := ir.DocLines(v.Doc)
				if len(lines) == 0 {
					lines = []string{fmt.Sprintf("%s is %q.", v.Name, v.Wire)}
				} else {
					lines[0] = fmt.Sprintf("%s is %q: %s", v.Name, v.Wire, lines[0])
				}
				comment(g, doc(lines, deprecatedNote(v.Deprecated)))
				g.Id(v.Name).Id(e.Name).Op("=").Lit(v.Wire)
			}
		})
		f.Line()
		f.Commentf("IsKnown reports whether v is one of the values listed in the schema.")
		f.Func().Params(jen.Id("v").Id(e.Name)).Id("IsKnown").Params().Bool().Block(
			jen.Switch(jen.Id("v")).Block(
				jen.CaseFunc(func(g *jen.Group) {
					for _, v := range e.Values {
						g.Id(v.Name)
					}
				}).Block(jen.Return(jen.True())),
			),
			jen.Return(jen.False()),
		)
		f.Line()
		f.Commentf("%s returns the values listed in the schema, in schema order.", e.ValuesFunc)
		f.Func().Id(e.ValuesFunc).Params().Index().Id(e.Name).Block(
			jen.Return(jen.Index().Id(e.Name).ValuesFunc(func(g *jen.Group) {
				for _, v := range e.Values {
					g.Id(v.Name)
				}
			})),
		)
		f.Line()
	}
}
