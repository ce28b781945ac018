package generator

import (
	"fmt"
	"regexp/syntax"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// A fixedPiece is one part of a fixed-shape pattern: literal text, or n
// characters from an ASCII class.
type fixedPiece struct {
	literal string
	ranges  []rune // lo, hi pairs, ASCII only
	n       int
}

// fixedShape recognises patterns of one fixed length made of literals and
// counted ASCII classes, anchored at both ends: ^KC[0-9a-fA-F]{32}$, the
// shape of every Twilio SID. Such a pattern is checked with a loop, many
// times faster than a regexp and allocation-free. Other patterns use regexp.
func fixedShape(expr string) ([]fixedPiece, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 3 {
		return nil, false
	}
	subs := re.Sub
	if subs[0].Op != syntax.OpBeginText || subs[len(subs)-1].Op != syntax.OpEndText {
		return nil, false
	}
	ascii := func(rs []rune) bool {
		for _, r := range rs {
			if r > 0x7e || r < 0x20 {
				return false
			}
		}
		return true
	}
	var pieces []fixedPiece
	for _, s := range subs[1 : len(subs)-1] {
		switch {
		case s.Op == syntax.OpLiteral && s.Flags&syntax.FoldCase == 0 && ascii(s.Rune):
			pieces = append(pieces, fixedPiece{literal: string(s.Rune)})
		case s.Op == syntax.OpCharClass && ascii(s.Rune):
			pieces = append(pieces, fixedPiece{ranges: s.Rune, n: 1})
		case s.Op == syntax.OpRepeat && s.Min == s.Max && s.Min > 0 && len(s.Sub) == 1 &&
			s.Sub[0].Op == syntax.OpCharClass && ascii(s.Sub[0].Rune):
			pieces = append(pieces, fixedPiece{ranges: s.Sub[0].Rune, n: s.Min})
		default:
			return nil, false
		}
	}
	return pieces, true
}

// genFixedMatcher emits match<Var>, the loop that checks a fixed-shape pattern.
func genFixedMatcher(f *jen.File, pt *ir.Pattern, pieces []fixedPiece) {
	total := 0
	for _, p := range pieces {
		total += len(p.literal) + p.n
	}
	name := pt.Matcher
	fcomment(f, []string{fmt.Sprintf("%s reports whether s matches %s, as regexp would.", name, pt.Expr)})
	f.Func().Id(name).Params(jen.Id("s").String()).Bool().BlockFunc(func(g *jen.Group) {
		g.If(jen.Len(jen.Id("s")).Op("!=").Lit(total)).Block(jen.Return(jen.False()))
		at := 0
		for _, p := range pieces {
			if p.literal != "" {
				g.If(jen.Id("s").Index(jen.Lit(at), jen.Lit(at+len(p.literal))).Op("!=").Lit(p.literal)).Block(jen.Return(jen.False()))
				at += len(p.literal)
				continue
			}
			var conds []string
			for i := 0; i+1 < len(p.ranges); i += 2 {
				lo, hi := p.ranges[i], p.ranges[i+1]
				if lo == hi {
					conds = append(conds, fmt.Sprintf("c == %q", lo))
				} else {
					conds = append(conds, fmt.Sprintf("c >= %q && c <= %q", lo, hi))
				}
			}
			g.For(jen.Id("i").Op(":=").Lit(at), jen.Id("i").Op("<").Lit(at+p.n), jen.Id("i").Op("++")).Block(
				jen.If(jen.Id("c").Op(":=").Id("s").Index(jen.Id("i")), jen.Op("!").Parens(jen.Op(strings.Join(conds, " || ")))).Block(jen.Return(jen.False())),
			)
			at += p.n
		}
		g.Return(jen.True())
	})
	f.Line()
}

// patternCheck is the expression that reports whether x matches pt.
func patternCheck(pt *ir.Pattern, x jen.Code) jen.Code {
	if _, ok := fixedShape(pt.Expr); ok {
		return jen.Id(pt.Matcher).Call(x)
	}
	return jen.Id(pt.Var).Dot("MatchString").Call(x)
}
