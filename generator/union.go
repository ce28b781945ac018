package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// Scalar unions: a struct holding which member is set (kind, zero for none)
// and the member's value in its own unexported field, so that no value is
// boxed in an interface and the zero value is "unset".

// genUnionType emits the union type, its constructors and accessors.
func genUnionType(f *jen.File, u *ir.Union) {
	for _, l := range ir.DocLines(u.Doc) {
		f.Comment(l)
	}
	f.Comment("")
	f.Commentf("Build one with its From functions (%sFrom%s...); read it", u.Name, u.Members[0].Name)
	f.Commentf("with Is%s, As%s and the like. The zero value holds no member:", u.Members[0].Name, u.Members[0].Name)
	f.Comment("Validate reports it and AppendJSON refuses it.")
	f.Type().Id(u.Name).StructFunc(func(g *jen.Group) {
		g.Id("kind").Uint8().Comment("the member set: its position in the union, from 1; 0 for none")
		for _, m := range u.Members {
			g.Id(m.Field).Add(goType(m.Type))
		}
	})
	f.Line()
	for _, m := range u.Members {
		ctor := u.Name + "From" + m.Name
		f.Commentf("%s returns a %s holding the %s x.", ctor, u.Name, m.Wire)
		f.Func().Id(ctor).Params(jen.Id("x").Add(goType(m.Type))).Id(u.Name).Block(
			jen.Return(jen.Id(u.Name).Values(jen.Dict{jen.Id("kind"): jen.Lit(m.Kind), jen.Id(m.Field): jen.Id("x")})),
		)
		f.Line()
		f.Commentf("Is%s reports whether v holds its %s member.", m.Name, m.Wire)
		f.Func().Params(jen.Id("v").Id(u.Name)).Id("Is" + m.Name).Params().Bool().Block(
			jen.Return(jen.Id("v").Dot("kind").Op("==").Lit(m.Kind)),
		)
		f.Line()
		f.Commentf("As%s returns the %s member and true, or the zero value and false when v", m.Name, m.Wire)
		f.Comment("holds another member or none.")
		f.Func().Params(jen.Id("v").Id(u.Name)).Id("As"+m.Name).Params().Params(goType(m.Type), jen.Bool()).Block(
			jen.Return(jen.Id("v").Dot(m.Field), jen.Id("v").Dot("kind").Op("==").Lit(m.Kind)),
		)
		f.Line()
	}
	f.Comment("IsSet reports whether v holds a member.")
	f.Func().Params(jen.Id("v").Id(u.Name)).Id("IsSet").Params().Bool().Block(
		jen.Return(jen.Id("v").Dot("kind").Op("!=").Lit(0)),
	)
	f.Line()
}

// unionWants is the list of JSON tokens a union accepts, for its decode
// error: "string or int64".
func unionWants(u *ir.Union) string {
	var kinds []string
	for _, m := range u.Members {
		kinds = append(kinds, m.Wire)
	}
	if len(kinds) == 1 {
		return kinds[0]
	}
	return strings.Join(kinds[:len(kinds)-1], ", ") + " or " + kinds[len(kinds)-1]
}

// decoderMethod names the decoder method reading a scalar of type t.
func decoderMethod(t *ir.Type) string {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return "stringValue"
	case ir.Int32:
		return "int32Value"
	case ir.Int64:
		return "int64Value"
	case ir.Float64:
		return "float64Value"
	case ir.Float32:
		return "float32Value"
	case ir.Bool:
		return "boolValue"
	case ir.DateTime:
		return "dateTimeValue"
	case ir.Date:
		return "dateValue"
	case ir.Duration:
		return "durationValue"
	}
	panic(fmt.Sprintf("generator: no scalar decoder for kind %d", t.Kind))
}

// unionTokens maps a member's JSON token to the Decoder kinds it starts with.
var unionTokens = map[string]string{"string": "kindString", "number": "kindNumber", "boolean": "kindBool"}

// unionCodec emits AppendJSON, MarshalJSON, DecodeJSON and UnmarshalJSON of
// a union, and the encode and decode functions its containers use.
func (j *jsonGen) unionCodec(u *ir.Union) {
	f := j.f
	f.Commentf("AppendJSON appends the member v holds as JSON; a %s holding none is an", u.Name)
	f.Comment("*UnsetUnionError.")
	f.Func().Params(jen.Id("v").Id(u.Name)).Id("AppendJSON").Params(jen.Id("dst").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Switch(jen.Id("v").Dot("kind")).BlockFunc(func(g *jen.Group) {
			for _, m := range u.Members {
				fn, fallible := j.encodeFunc(m.Type)
				call := jen.Add(fn).Call(jen.Id("dst"), jen.Id("v").Dot(m.Field))
				if fallible {
					g.Case(jen.Lit(m.Kind)).Block(jen.Return(call))
				} else {
					g.Case(jen.Lit(m.Kind)).Block(jen.Return(call, jen.Nil()))
				}
			}
		}),
		jen.Return(jen.Nil(), jen.Op("&").Id("UnsetUnionError").Values(jen.Dict{jen.Id("Type"): jen.Lit(u.Name)})),
	)
	f.Line()
	f.Commentf("MarshalJSON implements json.Marshaler with AppendJSON.")
	f.Func().Params(jen.Id("v").Id(u.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(marshalBody()...)
	f.Line()
	f.Commentf("DecodeJSON reads one %s: the JSON token chooses the member, and the value", u.Name)
	f.Comment("must then be a valid one of it (a fraction is not an integer). Null and any")
	f.Comment("other token are errors.")
	f.Func().Params(jen.Id("v").Op("*").Id(u.Name)).Id("readJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().Block(
		jen.Switch(jen.Id("d").Dot("peek").Call()).BlockFunc(func(g *jen.Group) {
			for _, m := range u.Members {
				var read jen.Code
				if m.Type.Kind == ir.EnumRef {
					read = jen.Add(j.decodeFunc(m.Type)).Call(jen.Id("d"))
				} else {
					read = jen.Id("d").Dot(decoderMethod(m.Type)).Call()
				}
				g.Case(jen.Id(unionTokens[m.Token])).Block(
					jen.List(jen.Id("x"), jen.Err()).Op(":=").Add(read),
					jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
					jen.Op("*").Id("v").Op("=").Id(u.Name).Values(jen.Dict{jen.Id("kind"): jen.Lit(m.Kind), jen.Id(m.Field): jen.Id("x")}),
					jen.Return(jen.Nil()),
				)
			}
			g.Case(jen.Id("kindNull")).Block(jen.Return(jen.Id("d").Dot("errNullNotAllowed").Call()))
		}),
		jen.Return(jen.Id("d").Dot("errUnexpectedKind").Call(jen.Lit(unionWants(u)))),
	)
	f.Line()
	f.Comment("UnmarshalJSON implements json.Unmarshaler with DecodeJSON; v is reset first")
	f.Comment("and nothing but whitespace may follow the value.")
	f.Func().Params(jen.Id("v").Op("*").Id(u.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Op("*").Id("v").Op("=").Id(u.Name).Values(),
		jen.Var().Id("d").Id("decoder"),
		jen.Id("d").Dot("reset").Call(jen.Id("data")),
		jen.If(jen.Err().Op(":=").Id("v").Dot("readJSON").Call(jen.Op("&").Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Return(jen.Id("d").Dot("end").Call()),
	)
	f.Line()
	f.Commentf("%s decodes one %s (an element of an array or map, or a field).", u.Decoder, u.Name)
	f.Func().Id(u.Decoder).Params(jen.Id("d").Op("*").Id("decoder")).Params(jen.Id("v").Id(u.Name), jen.Err().Error()).Block(
		jen.Err().Op("=").Id("v").Dot("readJSON").Call(jen.Id("d")),
		jen.Return(jen.Id("v"), jen.Err()),
	)
	f.Line()
	f.Commentf("%s appends one %s.", u.Encoder, u.Name)
	f.Func().Id(u.Encoder).Params(jen.Id("dst").Index().Byte(), jen.Id("v").Id(u.Name)).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("v").Dot("AppendJSON").Call(jen.Id("dst"))),
	)
	f.Line()
}

// genUnionValidate emits Validate on a union: a member must be set, and its
// value must keep its type's rules (UTF-8, a finite number, a writable
// date-time).
func genUnionValidate(f *jen.File, u *ir.Union) {
	f.Commentf("Validate reports a %s that holds no member, or whose member breaks its", u.Name)
	f.Comment("type's rules, as a *ValidationError; nil when v is valid.")
	f.Func().Params(jen.Id("v").Id(u.Name)).Id("Validate").Params().Error().Block(
		jen.Var().Id("vs").Id("violationList"),
		jen.Id("v").Dot("validate").Call(jen.Op("&").Id("valuePath").Values(), jen.Op("&").Id("vs")),
		jen.Return(jen.Id("vs").Dot("err").Call()),
	)
	f.Line()
	var paths pathDecls
	cases := jen.Switch(jen.Id("v").Dot("kind")).BlockFunc(func(g *jen.Group) {
		for _, m := range u.Members {
			checks := checksFor(m.Type, jen.Id("v").Dot(m.Field), "mp", 0, &paths)
			if len(checks) > 0 {
				checks = append([]jen.Code{paths.assign("mp", jen.Op("*").Id("p"))}, checks...)
			}
			g.Case(jen.Lit(m.Kind)).Block(checks...)
		}
		g.Default().Block(jen.Id("checkUnionSet").Call(jen.Id("vs"), jen.Id("p")))
	})
	f.Func().Params(jen.Id("v").Id(u.Name)).Id("validate").Params(jen.Id("p").Op("*").Id("valuePath"), jen.Id("vs").Op("*").Id("violationList")).Block(
		append(paths.decl(), cases)...,
	)
	f.Line()
}

// nullableEncoder emits the encoder of an item or map value that may be
// null (an Optional: its value, or null).
func (j *jsonGen) nullableEncoder(name string, t *ir.Type) {
	elem, fallible := j.encodeFunc(t.Elem)
	loop := "appendNullable"
	results := jen.Index().Byte()
	if fallible {
		loop += "Err"
		results = jen.Parens(jen.List(jen.Index().Byte(), jen.Error()))
	}
	j.f.Commentf("%s appends the value x holds, or null.", name)
	j.f.Func().Id(name).Params(jen.Id("dst").Index().Byte(), jen.Id("x").Add(goType(t))).Add(results).Block(
		jen.Return(jen.Id(loop).Call(jen.Id("dst"), jen.Id("x"), elem)),
	)
	j.f.Line()
}

// nullableDecoder emits the decoder of an item or map value that may be
// null: null is Optional's null state.
func (j *jsonGen) nullableDecoder(name string, t *ir.Type) {
	j.f.Commentf("%s decodes a value that may be null.", name)
	j.f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder")).Params(goType(t), jen.Error()).Block(
		jen.Return(jen.Id("readNullable").Call(jen.Id("d"), j.decodeFunc(t.Elem))),
	)
	j.f.Line()
}
