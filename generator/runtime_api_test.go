package generator_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
)

// TestSharedRuntimeKeepsAPI: a package that uses the shared runtime
// declares (in runtime_gen.go) exactly the exported support names the copied
// support code declared in it, for every golden case: callers' code and
// the breaking checker (which reads the copied support files) see the same
// names either way.
func TestSharedRuntimeKeepsAPI(t *testing.T) {
	schemas, err := filepath.Glob(filepath.Join(casesDir, "*", "schema.yaml"))
	if err != nil || len(schemas) == 0 {
		t.Fatal("no cases", err)
	}
	for _, s := range schemas {
		copied := topLevelExports(t, generateCase(t, s, false), func(p string) bool { return strings.HasPrefix(path.Base(p), "support_") })
		shared := topLevelExports(t, generateCase(t, s, true), func(p string) bool { return path.Base(p) == "runtime_gen.go" })
		if len(copied) == 0 {
			t.Errorf("%s: no copied support names", s)
		}
		for dir, names := range copied {
			if !slices.Equal(names, shared[dir]) {
				t.Errorf("%s: %s: shared runtime API\n\t%q\nwant the copied support's\n\t%q", s, dir, shared[dir], names)
			}
		}
		for dir := range shared {
			if _, ok := copied[dir]; !ok {
				t.Errorf("%s: %s has a runtime API file but copied no support", s, dir)
			}
		}
	}
}

// topLevelExports returns, per package folder, the sorted exported
// top-level names of the files pick selects.
func topLevelExports(t *testing.T, files []generator.File, pick func(string) bool) map[string][]string {
	return declNames(t, files, pick, func(d ast.Decl) []string {
		var names []string
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.IsExported() {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				switch sp := sp.(type) {
				case *ast.TypeSpec:
					if sp.Name.IsExported() {
						names = append(names, sp.Name.Name)
					}
				case *ast.ValueSpec:
					for _, n := range sp.Names {
						if n.IsExported() {
							names = append(names, n.Name)
						}
					}
				}
			}
		}
		return names
	})
}

// declNames returns, per package folder, the sorted names that names gives
// for the top-level declarations of the Go files pick selects.
func declNames(t *testing.T, files []generator.File, pick func(string) bool, names func(ast.Decl) []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	for _, g := range files {
		if !pick(g.Path) || !strings.HasSuffix(g.Path, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, g.Path, g.Content, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		dir := path.Dir(g.Path)
		for _, d := range f.Decls {
			out[dir] = append(out[dir], names(d)...)
		}
		slices.Sort(out[dir])
	}
	return out
}

// TestSharedRuntimeExportsNoGeneratedMethod: the generated declarations (all
// but the support and runtime API files) have the same exported methods
// whether the package copies the support code or uses the shared runtime.
// The runtime sits in another package, so a method it reaches through an
// interface or constraint would have to be exported on every generated type
// (as ReadJSON once was): machinery in callers' go doc.
func TestSharedRuntimeExportsNoGeneratedMethod(t *testing.T) {
	schemas, err := filepath.Glob(filepath.Join(casesDir, "*", "schema.yaml"))
	if err != nil || len(schemas) == 0 {
		t.Fatal("no cases", err)
	}
	generatedCode := func(p string) bool {
		b, dir := path.Base(p), path.Dir(p)
		return !strings.HasPrefix(b, "support_") && b != "runtime_gen.go" &&
			dir != generator.RuntimeDir && dir != generator.FakeRuntimeDir
	}
	for _, s := range schemas {
		copied := exportedMethods(t, generateCase(t, s, false), generatedCode)
		shared := exportedMethods(t, generateCase(t, s, true), generatedCode)
		if len(copied) == 0 {
			t.Errorf("%s: no exported methods in generated code", s)
		}
		for dir, names := range shared {
			if extra := onlyIn(names, copied[dir]); len(extra) > 0 {
				t.Errorf("%s: %s: with the shared runtime, generated code exports %q, which it does not with copied support", s, dir, extra)
			}
		}
		for dir, names := range copied {
			if missing := onlyIn(names, shared[dir]); len(missing) > 0 {
				t.Errorf("%s: %s: with the shared runtime, generated code lacks %q", s, dir, missing)
			}
		}
	}
}

// exportedMethods returns, per package folder, the sorted "Recv.Method"
// names of the exported methods declared in the files pick selects.
func exportedMethods(t *testing.T, files []generator.File, pick func(string) bool) map[string][]string {
	return declNames(t, files, pick, func(d ast.Decl) []string {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.IsExported() {
			return []string{receiverName(fd.Recv.List[0].Type) + "." + fd.Name.Name}
		}
		return nil
	})
}

// receiverName is the type name of a method's receiver, without * or type
// parameters.
func receiverName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverName(e.X)
	case *ast.IndexExpr:
		return receiverName(e.X)
	case *ast.IndexListExpr:
		return receiverName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return "?"
}

// onlyIn returns the names of a that b (sorted) lacks.
func onlyIn(a, b []string) []string {
	var out []string
	for _, n := range a {
		if _, found := slices.BinarySearch(b, n); !found {
			out = append(out, n)
		}
	}
	return out
}
