package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// genValidate emits Validate on every type: it walks the value and reports
// every broken constraint with its JSON path, allocating nothing when the
// value is valid.
func genValidate(f *jen.File, p *ir.Package) {
	seen := map[*ir.Pattern]bool{}
	var patterns []*ir.Pattern
	collect := func(t *ir.Type) {
		for ; t != nil; t = t.Elem {
			if t.Pattern != nil && !seen[t.Pattern] {
				seen[t.Pattern] = true
				patterns = append(patterns, t.Pattern)
			}
		}
	}
	for _, s := range p.Structs {
		for _, fl := range s.Fields {
			collect(fl.Type)
		}
	}
	var compiled []*ir.Pattern
	for _, pt := range patterns {
		if pieces, ok := fixedShape(pt.Expr); ok {
			genFixedMatcher(f, pt, pieces)
		} else {
			compiled = append(compiled, pt)
		}
	}
	if len(compiled) > 0 {
		f.Comment("Patterns from the schema, compiled once.")
		f.Var().DefsFunc(func(g *jen.Group) {
			for _, pt := range compiled {
				g.Id(pt.Var).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(pt.Expr))
			}
		})
		f.Line()
	}
	for _, s := range p.Structs {
		if s.Interface != nil {
			iface := s.Interface
			f.Comment("Validate accepts any value: an unknown subtype has no schema to check against.")
			f.Func().Params(jen.Id("v").Op("*").Id(iface.Unknown)).Id("Validate").Params().Error().Block(jen.Return(jen.Nil()))
			f.Line()
			// A type switch, not an interface call, so the path stays on the stack:
			// escape analysis cannot follow a dynamic call.
			f.Commentf("validate%s validates whichever concrete type x holds.", iface.Name)
			f.Func().Id("validate"+iface.Name).Params(jen.Id("x").Id(iface.Name), jen.Id("p").Op("*").Id("Path"), jen.Id("vs").Op("*").Id("Violations")).Block(
				jen.Switch(jen.Id("v").Op(":=").Id("x").Assert(jen.Type())).BlockFunc(func(g *jen.Group) {
					for _, c := range iface.Concrete {
						g.Case(jen.Op("*").Id(c.Name)).Block(jen.Id("v").Dot("validate").Call(jen.Id("p"), jen.Id("vs")))
					}
				}),
			)
			f.Line()
		}
		if !s.Abstract {
			genStructValidate(f, s)
		}
	}
}

func genStructValidate(f *jen.File, s *ir.Struct) {
	f.Commentf("Validate reports every constraint of the schema that v breaks, each with")
	f.Comment("its JSON path, as a *ValidationError; nil when v is valid.")
	f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("Validate").Params().Error().Block(
		jen.Var().Id("vs").Id("Violations"),
		jen.Id("v").Dot("validate").Call(jen.Op("&").Id("Path").Values(), jen.Op("&").Id("vs")),
		jen.Return(jen.Id("vs").Dot("Err").Call()),
	)
	f.Line()
	var body []jen.Code
	for _, fl := range s.Fields {
		body = append(body, fieldChecks(fl)...)
	}
	f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("validate").Params(jen.Id("p").Op("*").Id("Path"), jen.Id("vs").Op("*").Id("Violations")).Block(body...)
	f.Line()
}

// fieldChecks returns the checks of one field, in a block of its own so the
// field's path variable does not leak.
func fieldChecks(fl *ir.Field) []jen.Code {
	fp := jen.Op("&").Id("fp")
	field := jen.Id("v").Dot(fl.Name)
	var checks []jen.Code
	valueChecks := checksFor(fl.Type, jen.Id("x"), "fp", 0)
	switch {
	case !fl.Optional:
		if len(valueChecks) == 0 {
			return nil
		}
		checks = append(checks, jen.Id("x").Op(":=").Add(field))
		checks = append(checks, valueChecks...)
	default:
		if fl.Required {
			checks = append(checks, jen.If(jen.Op("!").Add(field).Dot("IsSet").Call()).Block(
				jen.Id("vs").Dot("Add").Call(fp, jen.Id("RuleRequired"), jen.Lit("is required")),
			))
		}
		if !fl.Nullable {
			checks = append(checks, jen.If(field.Clone().Dot("IsNull").Call()).Block(
				jen.Id("vs").Dot("Add").Call(fp, jen.Id("RuleNull"), jen.Lit("must not be null")),
			))
		}
		if len(valueChecks) > 0 {
			checks = append(checks, jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).Block(valueChecks...))
		}
		if len(checks) == 0 {
			return nil
		}
	}
	block := append([]jen.Code{jen.Id("fp").Op(":=").Id("p").Dot("Field").Call(jen.Lit(fl.Wire))}, checks...)
	return []jen.Code{jen.Block(block...)}
}

// checksFor returns statements that check value x of type t at path pathVar.
// Empty when nothing needs checking.
func checksFor(t *ir.Type, x jen.Code, pathVar string, depth int) []jen.Code {
	p := jen.Op("&").Id(pathVar)
	add := func(rule string, format string, args ...jen.Code) jen.Code {
		if len(args) == 0 {
			return jen.Id("vs").Dot("Add").Call(p, jen.Id("Rule"+rule), jen.Lit(format))
		}
		return jen.Id("vs").Dot("Addf").Call(append([]jen.Code{p, jen.Id("Rule" + rule), jen.Lit(format)}, args...)...)
	}
	var out []jen.Code
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		if t.MinLength != nil || t.MaxLength != nil {
			n := fmt.Sprintf("n%d", depth)
			var bounds []jen.Code
			if t.MinLength != nil {
				bounds = append(bounds, jen.If(jen.Id(n).Op("<").Lit(*t.MinLength)).Block(
					add("MinLength", fmt.Sprintf("has %%d characters, fewer than %d", *t.MinLength), jen.Id(n))))
			}
			if t.MaxLength != nil {
				bounds = append(bounds, jen.If(jen.Id(n).Op(">").Lit(*t.MaxLength)).Block(
					add("MaxLength", fmt.Sprintf("has %%d characters, more than %d", *t.MaxLength), jen.Id(n))))
			}
			out = append(out, jen.Block(append([]jen.Code{jen.Id(n).Op(":=").Qual("unicode/utf8", "RuneCountInString").Call(x)}, bounds...)...))
		}
		if t.Pattern != nil {
			out = append(out, jen.If(jen.Op("!").Add(patternCheck(t.Pattern, x))).Block(
				add("Pattern", "does not match "+t.Pattern.Expr)))
		}
		switch t.Kind {
		case ir.URI:
			out = append(out, jen.If(jen.Op("!").Id("IsURI").Call(x)).Block(add("Format", "is not an absolute URI")))
		case ir.UUID:
			out = append(out, jen.If(jen.Op("!").Id("IsUUID").Call(x)).Block(add("Format", "is not a UUID")))
		}
	case ir.Int32, ir.Int64, ir.Float64, ir.Float32:
		if t.Minimum != nil {
			out = append(out, jen.If(jen.Add(x).Op("<").Op(t.Minimum.Text)).Block(
				add("Minimum", "is %v, less than "+t.Minimum.Text, x)))
		}
		if t.Maximum != nil {
			out = append(out, jen.If(jen.Add(x).Op(">").Op(t.Maximum.Text)).Block(
				add("Maximum", "is %v, more than "+t.Maximum.Text, x)))
		}
	case ir.EnumRef:
		if !t.Enum.Open {
			out = append(out, jen.If(jen.Op("!").Add(x).Dot("IsKnown").Call()).Block(
				add("Enum", "unknown value %q", x)))
		}
	case ir.StructRef:
		if t.Pointer {
			out = append(out, jen.If(jen.Add(x).Op("!=").Nil()).Block(jen.Add(x).Dot("validate").Call(p, jen.Id("vs"))))
		} else {
			out = append(out, jen.Add(x).Dot("validate").Call(p, jen.Id("vs")))
		}
	case ir.InterfaceRef:
		out = append(out, jen.Id("validate"+t.Interface.Name).Call(x, p, jen.Id("vs")))
	case ir.Slice:
		if t.MinItems != nil {
			out = append(out, jen.If(jen.Len(x).Op("<").Lit(*t.MinItems)).Block(
				add("MinItems", fmt.Sprintf("has %%d items, fewer than %d", *t.MinItems), jen.Len(x))))
		}
		if t.MaxItems != nil {
			out = append(out, jen.If(jen.Len(x).Op(">").Lit(*t.MaxItems)).Block(
				add("MaxItems", fmt.Sprintf("has %%d items, more than %d", *t.MaxItems), jen.Len(x))))
		}
		if t.UniqueItems {
			out = append(out, uniqueCheck(t, x, depth, add))
		}
		i, e, ep := fmt.Sprintf("i%d", depth), fmt.Sprintf("e%d", depth), fmt.Sprintf("p%d", depth)
		inner := checksFor(t.Elem, jen.Id(e), ep, depth+1)
		if len(inner) > 0 {
			out = append(out, jen.For(jen.List(jen.Id(i), jen.Id(e)).Op(":=").Range().Add(x)).Block(
				append([]jen.Code{jen.Id(ep).Op(":=").Id(pathVar).Dot("Index").Call(jen.Id(i))}, inner...)...))
		}
	case ir.Map:
		k, e, ep, n := fmt.Sprintf("k%d", depth), fmt.Sprintf("e%d", depth), fmt.Sprintf("p%d", depth), fmt.Sprintf("n%d", depth)
		inner := checksFor(t.Elem, jen.Id(e), ep, depth+1)
		if len(inner) > 0 {
			out = append(out, jen.Block(
				jen.Id(n).Op(":=").Id("vs").Dot("Len").Call(),
				jen.For(jen.List(jen.Id(k), jen.Id(e)).Op(":=").Range().Add(x)).Block(
					append([]jen.Code{jen.Id(ep).Op(":=").Id(pathVar).Dot("Field").Call(jen.Id(k))}, inner...)...),
				jen.Id("vs").Dot("SortFrom").Call(jen.Id(n)),
			))
		}
	}
	return out
}

// uniqueCheck compares items pairwise: no allocation, and arrays with a
// uniqueItems rule are short in practice. The schema allows uniqueItems only
// on arrays of scalars and enums.
func uniqueCheck(t *ir.Type, x jen.Code, depth int, add func(string, string, ...jen.Code) jen.Code) jen.Code {
	i, j := fmt.Sprintf("u%d", depth), fmt.Sprintf("w%d", depth)
	var equal jen.Code
	switch t.Elem.Kind {
	case ir.DateTime:
		equal = jen.Add(x).Index(jen.Id(i)).Dot("Equal").Call(jen.Add(x).Index(jen.Id(j)))
	case ir.String, ir.URI, ir.UUID, ir.Int32, ir.Int64, ir.Float64, ir.Float32, ir.Bool, ir.Date, ir.Duration, ir.EnumRef:
		equal = jen.Add(x).Index(jen.Id(i)).Op("==").Add(x).Index(jen.Id(j))
	default:
		panic(fmt.Sprintf("generator: uniqueItems on items of kind %d", t.Elem.Kind))
	}
	return jen.For(jen.Id(i).Op(":=").Range().Add(x)).Block(
		jen.For(jen.Id(j).Op(":=").Lit(0), jen.Id(j).Op("<").Id(i), jen.Id(j).Op("++")).Block(
			jen.If(equal).Block(
				add("UniqueItems", "items %d and %d are equal", jen.Id(j), jen.Id(i)),
				jen.Break(),
			),
		),
	)
}
