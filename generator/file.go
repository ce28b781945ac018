package generator

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// newFile starts a generated file of package p.
func newFile(p *ir.Package) *jen.File {
	f := jen.NewFile(p.Name)
	f.HeaderComment(Header(p.SchemaPath))
	importAliases(f, p)
	return f
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func numbered(src string) string {
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		fmt.Fprintf(&b, "%5d  %s\n", n, sc.Text())
	}
	return b.String()
}

// packageDoc is the package comment: the schema's description, which should
// start "Package <name> ...", as line comments (see commentLines).
func packageDoc(p *ir.Package) string {
	var b strings.Builder
	for i, l := range commentLines(ir.DocLines(p.Doc)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}

// doc returns a comment from description lines and notes, each note its own
// paragraph. Nil when there is nothing to say.
func doc(lines []string, notes ...string) []string {
	out := append([]string(nil), lines...)
	for _, n := range notes {
		if n == "" {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, strings.Split(n, "\n")...)
	}
	return out
}

// comment adds doc lines before code, as line comments.
func comment(g *jen.Group, lines []string) {
	for _, l := range commentLines(lines) {
		g.Comment(l)
	}
}

// fcomment adds doc lines at file level, as line comments.
func fcomment(f *jen.File, lines []string) {
	for _, l := range commentLines(lines) {
		f.Comment(l)
	}
}

// commentLines turns text lines, which may come from a schema, into "//"
// comment lines that cannot end early or become code. Each line is split
// again at every other line break Go or an editor honours (CR, NEL, U+2028,
// U+2029), and characters Go source may not hold or that print as nothing
// (other control characters, U+FEFF, invalid UTF-8) are written as Go escapes
// (\x00, \ufeff). Every line starts with "//", which jennifer renders as is:
// it never wraps text in a /* */ comment, so "*/" in a description is plain
// text, and a line starting "/*" stays inside its comment.
func commentLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		for _, part := range strings.FieldsFunc(l+"\n", isCommentBreak) {
			out = append(out, commentLine(part))
		}
		if strings.TrimFunc(l, isCommentBreak) == "" {
			out = append(out, "//")
		}
	}
	return out
}

// isCommentBreak reports whether r ends a line for Go (\n), for some editors
// and tools (\r, NEL) or for Unicode (U+2028, U+2029).
func isCommentBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029'
}

// commentLine writes one line of text as a "//" comment.
func commentLine(s string) string {
	s = strings.TrimRight(s, " \t")
	if s == "" {
		return "//"
	}
	var b strings.Builder
	b.WriteString("// ")
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, "\\x%02x", s[i])
				continue
			}
			b.WriteRune(r)
		case r == '\t' || unicode.IsPrint(r) || unicode.Is(unicode.Zs, r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}
