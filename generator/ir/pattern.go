package ir

import (
	"fmt"
	"regexp/syntax"
	"strings"
)

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

// uuidKeyFormat makes the n-th key a valid version-4 UUID.
const uuidKeyFormat = "00000000-0000-4000-8000-%012x"

// keyFormat returns the fmt format (one integer verb) of the n-th key the
// generated fake assigns to a created s, "" when s has no string key (the
// fake then numbers keys). The shape comes from the key's own declaration,
// so that an assigned key passes the type's validation:
//   - a fixed-shape pattern (^KC[0-9a-fA-F]{32}$): its literals, the
//     counter in its last digit class, the class's first character elsewhere;
//   - a uuid key, or a key with neither pattern nor ID prefix: a UUID;
//   - else the ID prefix and hexadecimal digits, as many as the key's length
//     bounds allow (32 when they do not say).
func keyFormat(s *Struct) string {
	key := s.Key
	if key == nil || !(key.Type.Kind == String || key.Type.Kind == UUID) {
		return ""
	}
	t := key.Type
	if t.Kind == UUID {
		return uuidKeyFormat
	}
	if t.Pattern != nil && t.Pattern.Fixed != nil {
		if f, ok := fixedKeyFormat(t.Pattern.Fixed); ok && strings.HasPrefix(f, s.IDPrefix) {
			return f
		}
	}
	if s.IDPrefix == "" {
		return uuidKeyFormat
	}
	width := 32
	if t.MaxLength != nil {
		width = min(width, *t.MaxLength-len(s.IDPrefix))
	}
	if t.MinLength != nil {
		width = max(width, *t.MinLength-len(s.IDPrefix))
	}
	return strings.ReplaceAll(s.IDPrefix, "%", "%%") + fmt.Sprintf("%%0%dx", max(width, 1))
}

// fixedKeyFormat builds a key format from a fixed shape: the counter goes in
// the last piece whose class holds every decimal digit (in hexadecimal when
// it also holds a-f), other classes repeat their first character.
func fixedKeyFormat(pieces []FixedPiece) (string, bool) {
	counter := -1
	hex := false
	for i, p := range pieces {
		if p.Literal == "" && classHas(p.Ranges, "0123456789") {
			counter, hex = i, classHas(p.Ranges, "abcdef")
		}
	}
	if counter < 0 {
		return "", false
	}
	var b strings.Builder
	for i, p := range pieces {
		switch {
		case p.Literal != "":
			b.WriteString(strings.ReplaceAll(p.Literal, "%", "%%"))
		case i == counter && hex:
			fmt.Fprintf(&b, "%%0%dx", p.N)
		case i == counter:
			fmt.Fprintf(&b, "%%0%dd", p.N)
		default:
			b.WriteString(strings.Repeat(string(p.Ranges[0]), p.N))
		}
	}
	return b.String(), true
}

// classHas reports whether the class ranges (lo, hi pairs) hold every
// character of chars.
func classHas(ranges []rune, chars string) bool {
	for _, c := range chars {
		in := false
		for i := 0; i+1 < len(ranges); i += 2 {
			in = in || c >= ranges[i] && c <= ranges[i+1]
		}
		if !in {
			return false
		}
	}
	return true
}
