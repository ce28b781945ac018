package generator_test

// Hostile text (issue 11, item 7): testdata/cases/hostile-text/schema.yaml
// puts %, quotes, backticks, */ and /*, newlines and U+2028/U+2029 in every
// kind of schema string that reaches generated code. TestGolden pins and
// type-checks its output; TestHostileText checks that
//
//   - every comment is a // line comment (no /* */ block a "*/" could end)
//     and every line of every description, deprecation reason, example,
//     default and format is in a comment, exactly;
//   - every enum value, discriminator name and value, pattern, path, wire
//     name (properties, query parameters, form fields, page items and
//     next-link paths, error paths) and header name is a Go string literal
//     of the output, exactly;
//   - the output builds and vets, and a program using it decodes and
//     re-encodes the hostile discriminator and enum values unchanged and
//     reports a wrong discriminator value with the exact value.

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/generator/ir"
)

const hostileTextSchema = "../testdata/cases/hostile-text/schema.yaml"

// htLines splits text at every line break a comment line cannot hold, as
// the generator does, and drops blank lines and trailing blanks.
func htLines(text string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(text, func(r rune) bool {
		return r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029'
	}) {
		if l = strings.TrimRight(l, " \t"); strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

func TestHostileText(t *testing.T) {
	_, p, files := hstGenerateFile(t, hostileTextSchema)

	// What the output holds: comment lines and string literals.
	fset := token.NewFileSet()
	comments := map[string]bool{}
	literals := map[string]bool{}
	for _, gf := range files {
		if isSupport(gf.Path) {
			continue
		}
		af, err := parser.ParseFile(fset, gf.Path, gf.Content, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s: %v", gf.Path, err)
		}
		for _, cg := range af.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "/*") {
					t.Errorf("%s: block comment %.60q: a */ in schema text would end it", fset.Position(c.Pos()), c.Text)
				}
				comments[strings.TrimSpace(strings.TrimPrefix(c.Text, "//"))] = true
			}
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Errorf("%s: %v", fset.Position(lit.Pos()), err)
				}
				literals[s] = true
			}
			return true
		})
	}

	// Every schema text, line by line, in a comment.
	var texts []string
	texts = append(texts, p.Doc, p.API.Doc)
	for _, e := range p.Enums {
		texts = append(texts, e.Doc, e.Deprecated)
		for _, v := range e.Values {
			texts = append(texts, v.Doc, v.Deprecated)
		}
	}
	for _, s := range p.Structs {
		texts = append(texts, s.Doc, s.Deprecated)
		for _, f := range s.Fields {
			texts = append(texts, f.Doc, f.Deprecated, f.Format, f.Default)
			texts = append(texts, f.Examples...)
		}
	}
	for _, r := range p.Resources {
		texts = append(texts, r.Doc)
		for _, m := range r.Methods {
			texts = append(texts, m.Doc, m.Deprecated)
		}
	}
	nText := 0
	for _, text := range texts {
		for _, l := range htLines(text) {
			nText++
			found := false
			for c := range comments {
				if strings.Contains(c, l) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("schema text line %q is in no comment", l)
			}
		}
	}

	// Every string that is data, as a literal.
	want := []string{p.API.Discriminator, p.API.Auth.Header, p.API.IdempotencyHeader}
	want = append(want, p.API.Pagination.Next...)
	want = append(want, p.API.ErrorShape.Code...)
	want = append(want, p.API.ErrorShape.Message...)
	for _, e := range p.Enums {
		for _, v := range e.Values {
			want = append(want, v.Wire)
		}
	}
	for _, s := range p.Structs {
		if s.DiscriminatorValue != "" {
			want = append(want, s.DiscriminatorValue)
		}
		for _, f := range s.Fields {
			want = append(want, f.Wire)
			if f.Type.Pattern != nil {
				want = append(want, f.Type.Pattern.Expr)
			}
		}
	}
	for _, r := range p.Resources {
		for _, m := range r.Methods {
			for _, q := range m.Query {
				want = append(want, q.Wire)
			}
			if m.Response != nil && m.Response.Items != "" {
				want = append(want, m.Response.Items)
			}
			// The method's path, as the fake's pattern.
			want = append(want, m.Path)
		}
	}
	for _, w := range want {
		if !literals[w] {
			t.Errorf("%q is no string literal of the output", w)
		}
	}
	if nText < 30 || len(want) < 30 {
		t.Fatalf("only %d text lines and %d data strings checked", nText, len(want))
	}
	t.Logf("%d text lines in comments, %d data strings as literals", nText, len(want))

	if testing.Short() {
		return
	}
	htRun(t, p, files)
}

// htRun builds and vets the output with a program that uses the hostile
// values at run time, runs it and compares what it prints.
func htRun(t *testing.T, p *ir.Package, files []generator.File) {
	var circle, square *ir.Struct
	for _, s := range p.Structs {
		switch s.Name {
		case "Circle":
			circle = s
		case "Square":
			square = s
		}
	}
	if circle == nil || square == nil {
		t.Fatal("the case has no Circle and Square")
	}
	disc := p.API.Discriminator
	obj := func(members ...string) string {
		var b strings.Builder
		b.WriteByte('{')
		for i := 0; i+1 < len(members); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(members[i])
			b.Write(k)
			b.WriteByte(':')
			b.WriteString(members[i+1])
		}
		b.WriteByte('}')
		return b.String()
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	circleDoc := obj(disc, q(circle.DiscriminatorValue), "radius", "1")
	squareDoc := obj(disc, q(square.DiscriminatorValue), "side", "2")
	var toneDocs []string
	for _, v := range p.Enums[0].Values {
		toneDocs = append(toneDocs, obj("id", `"TH0000"`, "tone", q(v.Wire)))
	}
	main := `package main

import (
	"fmt"

	"example.com/golden/hostiletext"
)

func main() {
	for _, v := range hostiletext.ToneValues() {
		fmt.Printf("value %q\n", string(v))
	}
	for _, doc := range []string{` + strconv.Quote(circleDoc) + `, ` + strconv.Quote(squareDoc) + `} {
		v, err := hostiletext.UnmarshalShape([]byte(doc))
		if err != nil {
			fmt.Printf("error %q\n", err.Error())
			continue
		}
		out, err := v.AppendJSON(nil)
		fmt.Printf("shape %T %q %v\n", v, out, err)
	}
	var c hostiletext.Circle
	fmt.Printf("error %q\n", c.UnmarshalJSON([]byte(` + strconv.Quote(squareDoc) + `)).Error())
	for _, doc := range []string{` + strings.Join(htQuoteAll(toneDocs), ", ") + `} {
		var th hostiletext.Thing
		err := th.UnmarshalJSON([]byte(doc))
		tone, _ := th.Tone.Get()
		out, _ := th.AppendJSON(nil)
		fmt.Printf("tone %q %v %q %v\n", string(tone), tone.IsKnown(), out, err)
	}
}
`
	files = append(files, generator.File{Path: "cmd/run/main.go", Content: []byte(main)})
	dir := hstBuildAndVet(t, files)
	if t.Failed() {
		return
	}
	cmd := exec.Command("go", "run", "./cmd/run")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	var lines []string
	for _, v := range p.Enums[0].Values {
		lines = append(lines, fmt.Sprintf("value %q", v.Wire))
	}
	lines = append(lines,
		fmt.Sprintf("shape *hostiletext.Circle %q <nil>", circleDoc),
		fmt.Sprintf("shape *hostiletext.Square %q <nil>", squareDoc),
		fmt.Sprintf("error %q", fmt.Sprintf("json: [%s]: %q names another type than %s at offset %d",
			strconv.QuoteToASCII(disc), square.DiscriminatorValue, circle.DiscriminatorValue, len(squareDoc)-len(`,"side":2}`))),
	)
	for i, v := range p.Enums[0].Values {
		lines = append(lines, fmt.Sprintf("tone %q true %q <nil>", v.Wire, toneDocs[i]))
	}
	if got, want := string(out), strings.Join(lines, "\n")+"\n"; got != want {
		t.Errorf("the program printed\n%s\nwant\n%s", got, want)
	}
}

func htQuoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
