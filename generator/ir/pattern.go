package ir

import "regexp/syntax"

// A FixedPiece is one part of a fixed-shape pattern: literal text, or n
// characters from an ASCII class.
type FixedPiece struct {
	Literal string
	Ranges  []rune // lo, hi pairs, ASCII only
	N       int
}

// fixedShape recognises patterns of one fixed length made of literals and
// counted ASCII classes, anchored at both ends: ^KC[0-9a-fA-F]{32}$, the
// shape of every Twilio SID. Such a pattern is checked with a loop, many
// times faster than a regexp and allocation-free. Other patterns use regexp.
func fixedShape(expr string) ([]FixedPiece, bool) {
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
	var pieces []FixedPiece
	for _, s := range subs[1 : len(subs)-1] {
		switch {
		case s.Op == syntax.OpLiteral && s.Flags&syntax.FoldCase == 0 && ascii(s.Rune):
			pieces = append(pieces, FixedPiece{Literal: string(s.Rune)})
		case s.Op == syntax.OpCharClass && ascii(s.Rune):
			pieces = append(pieces, FixedPiece{Ranges: s.Rune, N: 1})
		case s.Op == syntax.OpRepeat && s.Min == s.Max && s.Min > 0 && len(s.Sub) == 1 &&
			s.Sub[0].Op == syntax.OpCharClass && ascii(s.Sub[0].Rune):
			pieces = append(pieces, FixedPiece{Ranges: s.Sub[0].Rune, N: s.Min})
		default:
			return nil, false
		}
	}
	return pieces, true
}
