// Command rename applies table.txt: it unexports the support declarations
// that are runtime internals, in templates/support and in the hand-written
// files that use them (tests under generated/, internal/). It resolves
// every identifier with the type checker, so a method is renamed only on
// its own type and a local variable of the same name is left alone.
// Generated files (*_gen.go) are not edited: regenerate them.
//
//	go run ./testdata/lean/rename [packages]   (default: the main module's)
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

type edit struct {
	off      int
	old, new string
}

func main() {
	table, err := readTable(filepath.Join("testdata", "lean", "rename", "table.txt"))
	if err != nil {
		fail(err)
	}
	patterns := os.Args[1:]
	if len(patterns) == 0 {
		patterns = []string{"./templates/...", "./generated/...", "./internal/..."}
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
		packages.NeedTypes | packages.NeedTypesInfo, Tests: true}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fail(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		os.Exit(1)
	}
	edits := map[string]map[int]edit{}
	for _, p := range pkgs {
		for id, obj := range p.TypesInfo.Defs {
			note(p.Fset, edits, table, id, obj)
		}
		for id, obj := range p.TypesInfo.Uses {
			note(p.Fset, edits, table, id, obj)
		}
		for _, f := range p.Syntax {
			docLinks(p.Fset, f, table, edits)
		}
	}
	files := make([]string, 0, len(edits))
	for f := range edits {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		if err := apply(f, edits[f]); err != nil {
			fail(err)
		}
		fmt.Printf("%s: %d renamed\n", f, len(edits[f]))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "rename:", err)
	os.Exit(1)
}

func readTable(name string) (map[string]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	table := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s: bad line %q", name, line)
		}
		table[fields[0]] = fields[1]
	}
	return table, s.Err()
}

// supportFile reports whether a declaration in file belongs to the support
// runtime (its sources, or a generated package's copies) or generated code.
func supportFile(file string) (support, generated bool) {
	base := filepath.Base(file)
	if strings.HasSuffix(base, "_gen.go") {
		return strings.HasPrefix(base, "support_"), true
	}
	dir := filepath.ToSlash(filepath.Dir(file))
	return strings.HasSuffix(dir, "templates/support") && !strings.HasSuffix(base, "_test.go"), false
}

// key returns the table key of obj: Name for a package-level declaration,
// Type.Method for a method, or "" when obj is neither.
func key(obj types.Object) (string, bool) {
	switch o := obj.(type) {
	case *types.Func:
		sig := o.Type().(*types.Signature)
		if sig.Recv() == nil {
			return o.Name(), false
		}
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := t.(*types.Named); ok {
			return n.Obj().Name() + "." + o.Name(), true
		}
		return "", true
	case *types.TypeName, *types.Var, *types.Const:
		if obj.Parent() != nil && obj.Parent() == obj.Pkg().Scope() {
			return obj.Name(), false
		}
	}
	return "", false
}

func note(fset *token.FileSet, edits map[string]map[int]edit, table map[string]string, id *ast.Ident, obj types.Object) {
	if obj == nil || obj.Pkg() == nil {
		return
	}
	if f, ok := obj.(*types.Func); ok {
		obj = f.Origin()
	}
	declFile := fset.Position(obj.Pos()).Filename
	support, generated := supportFile(declFile)
	k, method := key(obj)
	if k == "" {
		return
	}
	newName, ok := "", false
	if support {
		newName, ok = table[k]
	}
	if !ok && method && (support || generated || underTemplatesOrGenerated(declFile)) {
		newName, ok = table["*."+obj.Name()]
	}
	if !ok {
		return
	}
	pos := fset.Position(id.Pos())
	if _, gen := supportFile(pos.Filename); gen {
		return // regenerated
	}
	if edits[pos.Filename] == nil {
		edits[pos.Filename] = map[int]edit{}
	}
	edits[pos.Filename][pos.Offset] = edit{off: pos.Offset, old: id.Name, new: newName}
}

// underTemplatesOrGenerated reports a file of the support sources' tests or of a
// generated package's tests: their types implement the support interfaces.
func underTemplatesOrGenerated(file string) bool {
	f := "/" + filepath.ToSlash(file)
	return strings.Contains(f, "/templates/support/") || strings.Contains(f, "/generated/")
}

var docLink = regexp.MustCompile(`\[\*?([A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)?)\]`)

// docLinks renames [Name] and [Type.Method] doc links in the support
// sources' comments.
func docLinks(fset *token.FileSet, f *ast.File, table map[string]string, edits map[string]map[int]edit) {
	name := fset.Position(f.Pos()).Filename
	if !strings.HasSuffix(filepath.ToSlash(filepath.Dir(name)), "templates/support") {
		return
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			for _, m := range docLink.FindAllStringSubmatchIndex(c.Text, -1) {
				old := c.Text[m[2]:m[3]]
				repl, ok := table[old]
				if !ok {
					typ, meth, found := strings.Cut(old, ".")
					if !found {
						continue
					}
					nm, okm := table[old]
					if !okm {
						nm = meth
					}
					if nt, okt := table[typ]; okt {
						typ = nt
					}
					repl = typ + "." + nm
					if repl == old {
						continue
					}
				} else if strings.Contains(old, ".") {
					typ, _, _ := strings.Cut(old, ".")
					if nt, okt := table[typ]; okt {
						typ = nt
					}
					repl = typ + "." + repl
				}
				off := fset.Position(c.Pos()).Offset + m[2]
				if edits[name] == nil {
					edits[name] = map[int]edit{}
				}
				edits[name][off] = edit{off: off, old: old, new: repl}
			}
		}
	}
}

func apply(name string, es map[int]edit) error {
	src, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	list := make([]edit, 0, len(es))
	for _, e := range es {
		list = append(list, e)
	}
	slices.SortFunc(list, func(a, b edit) int { return b.off - a.off })
	for _, e := range list {
		if !bytes.HasPrefix(src[e.off:], []byte(e.old)) {
			return fmt.Errorf("%s:%d: expected %q", name, e.off, e.old)
		}
		src = append(src[:e.off], append([]byte(e.new), src[e.off+len(e.old):]...)...)
	}
	return os.WriteFile(name, src, 0o644)
}
