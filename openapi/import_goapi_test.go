package openapi

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// goAPI generates the package of f and lists its exported API, one line
// per identifier: types with their kind, struct fields and interface
// methods with their types, functions and methods with their signatures
// (parameter names left out), constants and variables with their types.
func goAPI(t testing.TB, f *schema.File) []string {
	t.Helper()
	files, err := generator.GenerateWith([]*schema.File{f}, generator.Options{ImportRoot: "example.com/out"})
	require.NoError(t, err)
	fset := token.NewFileSet()
	var lines []string
	for _, gf := range files {
		if !strings.HasSuffix(gf.Path, ".go") || strings.HasSuffix(gf.Path, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, gf.Path, gf.Content, parser.SkipObjectResolution)
		require.NoError(t, err, gf.Path)
		// A package beside the API's (its fake, <name>fake) is named in
		// its lines, without the package name, which differs by design.
		sub := strings.TrimPrefix(path.Dir(gf.Path), f.Package.Path)
		sub = strings.Replace(sub, f.Package.Name, "<pkg>", 1)
		for _, l := range declLines(fset, af) {
			if sub != "" {
				l = "[" + strings.TrimPrefix(sub, "/") + "] " + l
			}
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

func declLines(fset *token.FileSet, af *ast.File) []string {
	var out []string
	expr := func(e ast.Expr) string {
		var b bytes.Buffer
		printer.Fprint(&b, fset, e)
		return strings.Join(strings.Fields(b.String()), " ")
	}
	sig := func(ft *ast.FuncType) string {
		list := func(fl *ast.FieldList) string {
			if fl == nil {
				return ""
			}
			var parts []string
			for _, f := range fl.List {
				n := max(1, len(f.Names))
				for range n {
					parts = append(parts, expr(f.Type))
				}
			}
			return strings.Join(parts, ", ")
		}
		s := "(" + list(ft.Params) + ")"
		if r := list(ft.Results); r != "" {
			s += " (" + r + ")"
		}
		return s
	}
	for _, d := range af.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			if d.Recv == nil {
				out = append(out, "func "+d.Name.Name+sig(d.Type))
				continue
			}
			recv := expr(d.Recv.List[0].Type)
			base := strings.TrimPrefix(recv, "*")
			if i := strings.IndexByte(base, '['); i >= 0 {
				base = base[:i]
			}
			if !ast.IsExported(base) {
				continue
			}
			out = append(out, "method ("+recv+") "+d.Name.Name+sig(d.Type))
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					name := s.Name.Name
					switch tt := s.Type.(type) {
					case *ast.StructType:
						out = append(out, "type "+name+" struct")
						for _, f := range tt.Fields.List {
							for _, n := range f.Names {
								if n.IsExported() {
									out = append(out, "field "+name+"."+n.Name+" "+expr(f.Type))
								}
							}
							if len(f.Names) == 0 {
								out = append(out, "embed "+name+" "+expr(f.Type))
							}
						}
					case *ast.InterfaceType:
						out = append(out, "type "+name+" interface")
						for _, m := range tt.Methods.List {
							for _, n := range m.Names {
								if ft, ok := m.Type.(*ast.FuncType); ok && n.IsExported() {
									out = append(out, "imethod "+name+"."+n.Name+sig(ft))
								}
							}
						}
					default:
						eq := " "
						if s.Assign.IsValid() {
							eq = " = "
						}
						out = append(out, "type "+name+eq+expr(s.Type))
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if !n.IsExported() {
							continue
						}
						kind := "var "
						if d.Tok == token.CONST {
							kind = "const "
						}
						line := kind + n.Name
						if s.Type != nil {
							line += " " + expr(s.Type)
						}
						out = append(out, line)
					}
				}
			}
		}
	}
	return out
}
