package generator

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// newFile starts a generated file of package p.
func newFile(p *ir.Package) *jen.File {
	f := jen.NewFile(p.Name)
	f.HeaderComment(Header(p.SchemaPath))
	return f
}

// format renders and formats f. A formatting failure is an emitter bug: the error carries
// the source with line numbers so it can be read.
func format(f *jen.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("%v\n%s", firstLine(err.Error()), numbered(buf.String()))
	}
	return buf.Bytes(), nil
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
// start "Package <name> ...".
func packageDoc(p *ir.Package) string {
	return strings.Join(ir.DocLines(p.Doc), "\n")
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

// comment adds doc lines before code, as jennifer comments.
func comment(g *jen.Group, lines []string) {
	for _, l := range lines {
		if l == "" {
			g.Comment("")
			continue
		}
		g.Comment(l)
	}
}

// fcomment adds doc lines at file level.
func fcomment(f *jen.File, lines []string) {
	for _, l := range lines {
		f.Comment(l)
	}
}
