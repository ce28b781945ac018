package generator_test

import (
	"bytes"
	"flag"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cases")

// casesDir holds one folder per feature: schema.yaml and the files it
// generates, under their real paths. Support files are copies of
// templates/support and are not kept as goldens; they are type-checked.
const casesDir = "../testdata/cases"

func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(casesDir, "*", "schema.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no cases under " + casesDir)
	}
	for _, schemaFile := range dirs {
		dir := filepath.Dir(schemaFile)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			files := generateCase(t, schemaFile, sharedRuntimeCase(name))
			typeCheckWith(t, files, filepath.Join(dir, importsDir))
			if !sharedRuntimeCase(name) {
				// Every case type-checks with the shared runtime too.
				typeCheckWith(t, generateCase(t, schemaFile, true), filepath.Join(dir, importsDir))
			}
			got := map[string][]byte{}
			for _, f := range files {
				if !isSupport(f.Path) {
					got[f.Path] = f.Content
				}
			}
			if *update {
				writeGoldens(t, dir, got)
				return
			}
			want := readGoldens(t, dir)
			for p := range want {
				if _, ok := got[p]; !ok {
					t.Errorf("%s: golden file is no longer generated (run go test ./generator -update)", p)
				}
			}
			for p, content := range got {
				w, ok := want[p]
				if !ok {
					t.Errorf("%s: generated but has no golden (run go test ./generator -update)", p)
					continue
				}
				assert.Equal(t, string(w), string(content), "%s differs from its golden (-want +got); if the change is intended, run go test ./generator -update and read the diff", p)
			}
		})
	}
}

// isSupport reports whether p is support code: copied into a package, or
// the shared runtime's (not kept as goldens; type-checked).
func isSupport(p string) bool {
	return strings.HasPrefix(path.Base(p), "support_") || strings.HasPrefix(p, generator.RuntimeDir+"/") || strings.HasPrefix(p, generator.FakeRuntimeDir+"/")
}

// sharedRuntimeCase reports whether the case's goldens are generated with
// the shared runtime (the command's output in a module); the others copy
// the support code, as output without a go.mod above it does.
func sharedRuntimeCase(name string) bool { return strings.HasPrefix(name, "shared-runtime") }

// generateCase loads a case schema under a stable name, so headers do not
// depend on where the test runs.
func generateCase(t *testing.T, schemaFile string, shared bool) []generator.File {
	t.Helper()
	src, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	opts := generator.Options{ImportRoot: goldenImportRoot, SharedRuntime: shared}
	if bytes.Contains(src, []byte("\nimports:")) {
		return generateWithImports(t, schemaFile, opts)
	}
	rel := strings.TrimPrefix(filepath.ToSlash(schemaFile), "../")
	f, err := schema.Parse(rel, src)
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	// The import root names the package that a client package's fake
	// imports.
	files, err := generator.GenerateWith([]*schema.File{f}, opts)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return files
}

// importsDir is the folder of a case that holds the caller's packages its
// goTypes name, by import path (_imports/example.com/acme/ids/*.go). The
// underscore keeps the go command, and readGoldens, out of it.
const importsDir = "_imports"

// goldenImportRoot is the import path of a case's output root: the
// packages of a case with imports import each other under it.
const goldenImportRoot = "example.com/golden"

// generateWithImports loads a case whose schema imports others from disk
// (the imported files are found beside it) and generates them all in one
// run. Headers name the files from the module root, whatever the working
// directory.
func generateWithImports(t *testing.T, schemaFile string, opts generator.Options) []generator.File {
	t.Helper()
	files, err := schema.LoadFiles(schemaFile)
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	files = append(files, schema.ImportedFiles(files)...)
	out, err := generator.GenerateWith(files, opts)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return out
}

// typeCheck parses and type-checks each generated package in process.
func typeCheck(t *testing.T, files []generator.File) {
	t.Helper()
	typeCheckWith(t, files, "")
}

// caseImporter resolves the case's generated packages once type-checked,
// the caller's packages its goTypes name from source under dir, and the
// standard library, through one importer so that every package sees the
// same time.Duration.
type caseImporter struct {
	dir  string // "" for none
	fset *token.FileSet
	std  types.Importer
	pkgs map[string]*types.Package
}

func (c *caseImporter) Import(path string) (*types.Package, error) {
	if p, ok := c.pkgs[path]; ok {
		return p, nil
	}
	srcs, _ := filepath.Glob(filepath.Join(c.dir, filepath.FromSlash(path), "*.go"))
	if c.dir == "" || len(srcs) == 0 {
		return c.std.Import(path)
	}
	var asts []*ast.File
	for _, src := range srcs {
		a, err := parser.ParseFile(c.fset, src, nil, 0)
		if err != nil {
			return nil, err
		}
		asts = append(asts, a)
	}
	conf := types.Config{Importer: c}
	p, err := conf.Check(path, c.fset, asts, nil)
	if err != nil {
		return nil, err
	}
	c.pkgs[path] = p
	return p, nil
}

// typeCheckWith type-checks each generated package, a package that imports
// another of the case after it, importing the case's own caller packages
// from source under imports ("" for none).
func typeCheckWith(t *testing.T, files []generator.File, imports string) {
	t.Helper()
	byDir := map[string][]generator.File{}
	for _, f := range files {
		byDir[path.Dir(f.Path)] = append(byDir[path.Dir(f.Path)], f)
	}
	imp := &caseImporter{dir: imports, fset: token.NewFileSet(), std: importer.Default(), pkgs: map[string]*types.Package{}}
	for _, dir := range checkOrder(byDir) {
		var asts []*ast.File
		for _, f := range byDir[dir] {
			a, err := parser.ParseFile(imp.fset, f.Path, f.Content, parser.ParseComments)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if !ast.IsGenerated(a) {
				t.Errorf("%s: not marked generated (want a // Code generated ... DO NOT EDIT. line)", f.Path)
			}
			asts = append(asts, a)
		}
		conf := types.Config{Importer: imp}
		pkg, err := conf.Check(path.Join(goldenImportRoot, dir), imp.fset, asts, nil)
		if err != nil {
			t.Errorf("type-check %s: %v", dir, err)
		}
		imp.pkgs[path.Join(goldenImportRoot, dir)] = pkg
	}
}

// checkOrder returns the folders of a case's packages, each after the case
// packages it imports (a fake after its package, an importing schema's
// package after the imported one's), in a stable order.
func checkOrder(byDir map[string][]generator.File) []string {
	deps := map[string][]string{}
	var dirs []string
	for dir, fs := range byDir {
		dirs = append(dirs, dir)
		for _, f := range fs {
			for _, m := range caseImport.FindAllSubmatch(f.Content, -1) {
				deps[dir] = append(deps[dir], string(m[1]))
			}
		}
	}
	sort.Strings(dirs)
	var out []string
	done := map[string]bool{}
	for len(out) < len(dirs) {
		progress := false
		for _, dir := range dirs {
			if done[dir] || !allDone(deps[dir], done, byDir) {
				continue
			}
			done[dir], progress = true, true
			out = append(out, dir)
		}
		if !progress { // a cycle: the type check reports it
			for _, dir := range dirs {
				if !done[dir] {
					done[dir] = true
					out = append(out, dir)
				}
			}
		}
	}
	return out
}

// caseImport matches an import of another package of the case.
var caseImport = regexp.MustCompile(`"` + regexp.QuoteMeta(goldenImportRoot) + `/([^"]+)"`)

func allDone(deps []string, done map[string]bool, byDir map[string][]generator.File) bool {
	for _, d := range deps {
		if _, ours := byDir[d]; ours && !done[d] {
			return false
		}
	}
	return true
}

func readGoldens(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == importsDir {
			return filepath.SkipDir // the caller's packages, not goldens
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeGoldens replaces the case's golden files with got, deleting goldens
// that are no longer generated.
func writeGoldens(t *testing.T, dir string, got map[string][]byte) {
	t.Helper()
	for p := range readGoldens(t, dir) {
		if _, ok := got[p]; !ok {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				t.Fatal(err)
			}
		}
	}
	paths := make([]string, 0, len(got))
	for p := range got {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, got[p], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
