package generated_test

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// runtimeExportsFile is the allow-list of the exported names a package's
// runtime API (runtime_gen.go, with the methods of what it aliases) may
// declare, per package kind: "types" for a
// package without resources, "client" for one with a client, "fake" for
// the fake server package beside a client. Each line is
// "kind name", a method as Type.Method.
const runtimeExportsFile = "../testdata/lean/runtime_exports.txt"

// runtimeAPIFile is the file of a generated package that declares its
// runtime API: aliases of and forwarders to the shared runtime, and the
// support code the package keeps (Page).
const runtimeAPIFile = "runtime_gen.go"

// sharedRuntimeDirs are the shared runtime packages under generated/.
var sharedRuntimeDirs = []string{"internal/sessiongenrt", "internal/sessiongenfake"}

// bundledPackages returns every folder under generated/ holding a package
// with a runtime API file.
func bundledPackages(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Name() == runtimeAPIFile {
			dirs = append(dirs, filepath.Dir(p))
		}
		return nil
	})
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no generated packages found (%v)", err)
	}
	return dirs
}

func packageKind(dir string) string {
	if _, err := os.Stat(filepath.Join(dir, "client_gen.go")); err == nil {
		return "client"
	}
	if _, err := os.Stat(filepath.Join(dir, "fake_gen.go")); err == nil {
		return "fake"
	}
	return "types"
}

// supportExports lists the exported names a package's runtime API file
// declares, and the exported methods they carry as Type.Method: a method
// of a local type, or of the shared runtime's type an alias names.
func supportExports(t *testing.T, dir string) []string {
	t.Helper()
	runtimeMethods := sharedRuntimeMethods(t)
	fset := token.NewFileSet()
	a, err := parser.ParseFile(fset, filepath.Join(dir, runtimeAPIFile), nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range a.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			if d.Recv == nil {
				out = append(out, d.Name.Name)
			} else if recv := receiverName(d.Recv.List[0].Type); ast.IsExported(recv) {
				out = append(out, recv+"."+d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					out = append(out, s.Name.Name)
					if s.Assign.IsValid() {
						for _, m := range runtimeMethods[receiverName(s.Type)] {
							out = append(out, s.Name.Name+"."+m)
						}
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() {
							out = append(out, n.Name)
						}
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// sharedRuntimeMethods returns the exported methods of each type of the
// shared runtime packages.
func sharedRuntimeMethods(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	for _, dir := range sharedRuntimeDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		if len(files) == 0 {
			t.Fatalf("%s: no shared runtime files", dir)
		}
		for _, f := range files {
			a, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range a.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.IsExported() {
					recv := receiverName(fd.Recv.List[0].Type)
					out[recv] = append(out[recv], fd.Name.Name)
				}
			}
		}
	}
	return out
}

func receiverName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		case *ast.SelectorExpr: // sessiongenrt.Optional, in an alias
			return x.Sel.Name
		default:
			return ""
		}
	}
}

func readAllowList(t *testing.T) map[string]map[string]bool {
	t.Helper()
	f, err := os.Open(runtimeExportsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	allowed := map[string]map[string]bool{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, name, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("%s: bad line %q", runtimeExportsFile, line)
		}
		if allowed[kind] == nil {
			allowed[kind] = map[string]bool{}
		}
		allowed[kind][name] = true
	}
	return allowed
}

// TestRuntimeExportsAllowListed pins the caller API of the runtime: every
// exported name a bundled package's runtime API file declares or aliases
// (with the methods an alias brings) is on the
// allow-list of its kind, so a runtime internal exported by mistake (a
// decoder method, an encoding helper) fails here rather than flooding go
// doc; and every listed name is declared by some package of that kind, so
// the list does not outlive what it allows.
func TestRuntimeExportsAllowListed(t *testing.T) {
	allowed := readAllowList(t)
	seen := map[string]map[string]bool{}
	for _, dir := range bundledPackages(t) {
		kind := packageKind(dir)
		if allowed[kind] == nil {
			t.Fatalf("%s: no allow-list for kind %q in %s", dir, kind, runtimeExportsFile)
		}
		if seen[kind] == nil {
			seen[kind] = map[string]bool{}
		}
		for _, name := range supportExports(t, dir) {
			seen[kind][name] = true
			if !allowed[kind][name] {
				t.Errorf("%s (%s): the runtime exports %s, which is not on the allow-list (%s): unexport it, or list it if callers need it", dir, kind, name, runtimeExportsFile)
			}
		}
	}
	for kind, names := range allowed {
		for name := range names {
			if !seen[kind][name] {
				t.Errorf("%s lists %s %s, which no bundled package declares", runtimeExportsFile, kind, name)
			}
		}
	}
}

// codeLines counts the lines of Go source holding a token other than a
// comment: non-blank, non-comment lines.
func codeLines(t *testing.T, name string) int {
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file := fset.AddFile(name, -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	lines := map[int]bool{}
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // an automatic semicolon
		}
		lines[file.Line(pos)] = true
	}
	return len(lines)
}

// TestRuntimeSize logs each bundled package's runtime API file (raw and
// code lines, exported names) and the shared runtime's lines: the
// lean-runtime figures.
func TestRuntimeSize(t *testing.T) {
	for _, dir := range bundledPackages(t) {
		f := filepath.Join(dir, runtimeAPIFile)
		n := codeLines(t, f)
		if n == 0 {
			t.Errorf("%s: no runtime API code lines counted", dir)
		}
		t.Logf("%-32s %5d raw lines, %4d code lines, %3d exported support names", dir, rawLines(t, f), n, len(supportExports(t, dir)))
	}
	for _, dir := range sharedRuntimeDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		raw, code := 0, 0
		for _, f := range files {
			raw += rawLines(t, f)
			code += codeLines(t, f)
		}
		if code == 0 {
			t.Errorf("%s: no code lines counted", dir)
		}
		t.Logf("%-32s %5d raw lines, %4d code lines (shared by every package under generated/)", dir, raw, code)
	}
}

func rawLines(t *testing.T, name string) int {
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(src), "\n")
}
