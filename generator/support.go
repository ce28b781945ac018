package generator

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"

	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/templates"
)

// supportSource is one support file ready to be copied into a package.
type supportSource struct {
	file string // output name: support_<name>_gen.go
	body []byte // source after the package clause
}

// render returns the file for package p: the header naming p's schema (so
// that every file of a package folder names the schema that owns it), the
// package clause,
// then the support source unchanged.
func (s supportSource) render(p *ir.Package) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s\n\npackage %s\n", Header(p.SchemaPath), p.Name)
	b.Write(s.body)
	return b.Bytes()
}

// supportSources loads the support files and the top-level identifiers they
// declare, which schema names may not take.
func supportSources() ([]supportSource, map[string]string, error) {
	reserved := map[string]string{}
	var out []supportSource
	fset := token.NewFileSet()
	for _, sf := range templates.Support() {
		f, err := parser.ParseFile(fset, sf.Name, sf.Source, parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, fmt.Errorf("templates/support/%s: %w", sf.Name, err)
		}
		if len(f.Decls) == 0 {
			continue // doc.go: nothing to copy
		}
		for _, d := range f.Decls {
			for _, name := range declNames(d) {
				reserved[name] = "the support code (templates/support/" + sf.Name + ")"
			}
		}
		// Everything after the package clause's line is copied verbatim; the
		// package doc comment stays behind in templates.
		end := fset.Position(f.Name.End()).Offset
		body := sf.Source[end:]
		body = bytes.TrimLeft(body, "\n")
		out = append(out, supportSource{
			file: "support_" + strings.TrimSuffix(sf.Name, ".go") + "_gen.go",
			body: append([]byte("\n"), body...),
		})
	}
	return out, reserved, nil
}

// declNames returns the package-level names a declaration introduces.
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	return names
}
