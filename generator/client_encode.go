package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// queryEncoder emits encodeQuery for a parameters struct.
func (c *clientGen) queryEncoder(s *ir.Struct) {
	c.f.Commentf("encodeQuery returns the parameters that are set, as query values.")
	c.f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("encodeQuery").Params().Qual("net/url", "Values").BlockFunc(func(g *jen.Group) {
		g.Id("q").Op(":=").Qual("net/url", "Values").Values()
		for _, fl := range s.Fields {
			g.Add(c.valueAdder("q", fl, fl.Explode, false))
		}
		g.Return(jen.Id("q"))
	})
	c.f.Line()
}

// formEncoder emits encodeForm for a request body sent as a form.
func (c *clientGen) formEncoder(s *ir.Struct) {
	c.f.Commentf("encodeForm returns the fields that are set as form values: lists as repeated")
	c.f.Comment("keys, date-times in RFC 3339, objects and JSON values as JSON text. A null")
	c.f.Comment("field is sent empty, which clears it. Read-only fields are never sent.")
	c.f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("encodeForm").Params().Qual("net/url", "Values").BlockFunc(func(g *jen.Group) {
		g.Id("q").Op(":=").Qual("net/url", "Values").Values()
		for _, fl := range s.Fields {
			if fl.ReadOnly {
				continue
			}
			g.Add(c.valueAdder("q", fl, true, true))
		}
		g.Return(jen.Id("q"))
	})
	c.f.Line()
}

// valueAdder adds field fl of v to the url.Values named q.
func (c *clientGen) valueAdder(q string, fl *ir.Field, explode, form bool) jen.Code {
	add := func(x jen.Code) jen.Code {
		return jen.Id(q).Dot("Add").Call(jen.Lit(fl.Wire), x)
	}
	var emit func(t *ir.Type, x jen.Code) []jen.Code
	emit = func(t *ir.Type, x jen.Code) []jen.Code {
		switch t.Kind {
		case ir.Slice:
			if !explode && t.Elem.Kind != ir.Slice {
				return []jen.Code{jen.Block(
					jen.Id("parts").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(x)),
					jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(x)).Block(
						jen.Id("parts").Op("=").Append(jen.Id("parts"), textOrJSON(t.Elem, jen.Id("e"))),
					),
					add(jen.Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit(","))),
				)}
			}
			return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(x)).Block(
				add(textOrJSON(t.Elem, jen.Id("e"))),
			)}
		default:
			return []jen.Code{add(textOrJSON(t, x))}
		}
	}
	field := jen.Id("v").Dot(fl.Name)
	if fl.NilAbsent {
		return jen.If(field.Clone().Op("!=").Nil()).Block(emit(fl.Type, field)...)
	}
	if !fl.Optional {
		return jen.Block(emit(fl.Type, field)...)
	}
	stmt := jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).Block(emit(fl.Type, jen.Id("x"))...)
	if form && fl.Nullable {
		stmt = stmt.Else().If(field.Clone().Dot("IsNull").Call()).Block(add(jen.Lit("")))
	}
	return stmt
}

// textOrJSON is the form or query text of a value: scalars as text, anything
// else as compact JSON.
func textOrJSON(t *ir.Type, x jen.Code) jen.Code {
	switch t.Kind {
	case ir.StructRef:
		if t.Pointer {
			return jen.Id("jsonText").Call(x)
		}
		return jen.Id("jsonText").Call(jen.Op("&").Add(x))
	case ir.InterfaceRef:
		return jen.Id("jsonText").Call(x)
	case ir.Map, ir.Slice, ir.External:
		// Rare in forms: encoding/json is fine off the hot path.
		return jen.Func().Params().String().Block(
			jen.List(jen.Id("b"), jen.Id("_")).Op(":=").Qual("encoding/json", "Marshal").Call(x),
			jen.Return(jen.String().Call(jen.Id("b"))),
		).Call()
	}
	return scalarText(t, x)
}
