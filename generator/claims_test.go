package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/schema"
)

// TestEveryDeclaredNameIsClaimed pins the class "an emitter declares a
// package-level name the IR does not know": for every exported name any
// artifact of the bundled APIs and golden cases declares, a schema type
// asking for that Go name (goName) is reported by ir.Build, never left for
// the compiler to find. It covers the IR's own list of client names
// (clientNames) against what the client and fake emitters really print.
func TestEveryDeclaredNameIsClaimed(t *testing.T) {
	paths, err := filepath.Glob("../schema/apis/*.yaml")
	require.NoError(t, err)
	cases, err := filepath.Glob("../testdata/cases/*/schema.yaml")
	require.NoError(t, err)
	files, err := schema.LoadFiles(append(paths, cases...)...)
	require.NoError(t, err)
	out, err := GenerateWith(files, Options{ImportRoot: "example.com/claims"})
	require.NoError(t, err)
	_, reserved, err := supportSources()
	require.NoError(t, err)

	declared := map[string][]string{} // package dir -> exported top-level names
	for _, f := range out {
		file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Content, parser.SkipObjectResolution)
		require.NoError(t, err, f.Path)
		dir := path.Dir(f.Path)
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					declared[dir] = append(declared[dir], d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							declared[dir] = append(declared[dir], s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								declared[dir] = append(declared[dir], n.Name)
							}
						}
					}
				}
			}
		}
	}
	// The packages the schemas import, for the schemas that import them
	// (the imported ones import nothing).
	built := map[*schema.File]*ir.Package{}
	for _, f := range append(files, schema.ImportedFiles(files)...) {
		if len(f.Imports) == 0 {
			p, err := ir.Build(f, ir.Options{Reserved: reserved})
			require.NoError(t, err)
			built[f] = p
		}
	}
	opts := ir.Options{Reserved: reserved, ImportRoot: "example.com/claims", Imported: built}
	checked := 0
	for _, f := range files {
		names := declared[path.Clean(f.Package.Path)]
		require.NotEmpty(t, names, f.Path)
		types := f.Types
		for _, name := range names {
			probe := &schema.Type{Name: "claimProbe", GoName: name, Pos: schema.Pos{File: "probe.yaml", Line: 1, Col: 1}}
			f.Types = append(types[:len(types):len(types)], probe)
			_, err := ir.Build(f, opts)
			if err == nil || !strings.Contains(err.Error(), "Go name "+name+",") {
				t.Errorf("%s: %s is declared by the generated package, but a type named %s is not reported (err: %v)", f.Path, name, name, err)
			}
			checked++
		}
		f.Types = types
	}
	t.Logf("%d declared names checked", checked)
}
