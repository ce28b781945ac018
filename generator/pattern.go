package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// genFixedMatcher emits match<Var>, the loop that checks a fixed-shape pattern.
func genFixedMatcher(f *jen.File, pt *ir.Pattern) {
	pieces := pt.Fixed
	total := 0
	for _, p := range pieces {
		total += len(p.Literal) + p.N
	}
	name := pt.Matcher
	fcomment(f, []string{fmt.Sprintf("%s reports whether s matches %s, as regexp would.", name, pt.Expr)})
	f.Func().Id(name).Params(jen.Id("s").String()).Bool().BlockFunc(func(g *jen.Group) {
		g.If(jen.Len(jen.Id("s")).Op("!=").Lit(total)).Block(jen.Return(jen.False()))
		at := 0
		for _, p := range pieces {
			if p.Literal != "" {
				g.If(jen.Id("s").Index(jen.Lit(at), jen.Lit(at+len(p.Literal))).Op("!=").Lit(p.Literal)).Block(jen.Return(jen.False()))
				at += len(p.Literal)
				continue
			}
			var conds []string
			for i := 0; i+1 < len(p.Ranges); i += 2 {
				lo, hi := p.Ranges[i], p.Ranges[i+1]
				if lo == hi {
					conds = append(conds, fmt.Sprintf("c == %q", lo))
				} else {
					conds = append(conds, fmt.Sprintf("c >= %q && c <= %q", lo, hi))
				}
			}
			g.For(jen.Id("i").Op(":=").Lit(at), jen.Id("i").Op("<").Lit(at+p.N), jen.Id("i").Op("++")).Block(
				jen.If(jen.Id("c").Op(":=").Id("s").Index(jen.Id("i")), jen.Op("!").Parens(jen.Op(strings.Join(conds, " || ")))).Block(jen.Return(jen.False())),
			)
			at += p.N
		}
		g.Return(jen.True())
	})
	f.Line()
}

// patternCheck is the expression that reports whether x matches pt.
func patternCheck(pt *ir.Pattern, x jen.Code) jen.Code {
	if pt.Fixed != nil {
		return jen.Id(pt.Matcher).Call(x)
	}
	return jen.Id(pt.Var).Dot("MatchString").Call(x)
}
