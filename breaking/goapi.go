package breaking

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"slices"
	"strings"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/schema"
)

// importRoot stands for the output root when building the IR: both
// versions are built under the same one, so only package.path changes
// an import path.
const importRoot = "sessiongen.invalid/out"

// goAPI compares the exported Go API the two versions generate, as the IR
// decides it, plus the support code the generator copies into the package.
func (c *comparer) goAPI() error {
	op, err := buildIR(c.old)
	if err != nil {
		return fmt.Errorf("old version: %w", err)
	}
	np, err := buildIR(c.new)
	if err != nil {
		return fmt.Errorf("new version: %w", err)
	}
	oldAPI, newAPI := surfaceOf(c.old, op), surfaceOf(c.new, np)
	for _, v := range []struct {
		f   *schema.File
		api *surface
	}{{c.old, oldAPI}, {c.new, newAPI}} {
		files, err := generator.GenerateWith([]*schema.File{v.f}, generator.Options{ImportRoot: importRoot})
		if err != nil {
			return err
		}
		if err := addSupportNames(v.api, files, path.Clean(v.f.Package.Path), at(v.f.Package.Pos, v.f)); err != nil {
			return err
		}
	}
	pkgPos := at(c.new.Package.Pos, c.new)
	if c.old.Package.Name != c.new.Package.Name || path.Clean(c.old.Package.Path) != path.Clean(c.new.Package.Path) {
		c.add(pkgPos, "GO_PACKAGE_CHANGED", "Go package %s (%s) is now %s (%s)", c.old.Package.Name, c.old.Package.Path, c.new.Package.Name, c.new.Package.Path)
	}
	c.compareSurfaces(oldAPI, newAPI, pkgPos)
	return nil
}

// buildIR builds f's IR as the generator does before rendering.
func buildIR(f *schema.File) (*ir.Package, error) {
	pkgs, err := generator.BuildIR([]*schema.File{f}, generator.Options{ImportRoot: importRoot})
	if err != nil {
		return nil, err
	}
	return pkgs[0], nil
}

func (c *comparer) compareSurfaces(o, n *surface, pkgPos schema.Pos) {
	gone := map[string]bool{} // Go types removed or renamed: their members are not reported again
	renamedTo := map[string]bool{}
	report := func(oi *goItem) {
		if oi.kind == "support" {
			c.add(pkgPos, "GO_SUPPORT_REMOVED", "support code %s is no longer generated: nothing in the schema reaches it now", oi.name())
			return
		}
		// The same schema element under another Go name.
		for _, key := range n.order {
			ni := n.items[key]
			if _, inOld := o.items[key]; inOld || renamedTo[key] || ni.kind != oi.kind || ni.origin == "" || ni.origin != oi.origin {
				continue
			}
			renamedTo[key] = true
			c.add(at(ni.pos, c.new), "GO_NAME_CHANGED", "Go %s %s of %s is now %s", oi.kind, oi.name(), oi.origin, ni.name())
			return
		}
		if oi.origin == "" {
			c.add(at(oi.pos, c.old), "GO_DECL_REMOVED", "Go %s %s is no longer generated", oi.kind, oi.name())
			return
		}
		c.add(at(oi.pos, c.old), "GO_DECL_REMOVED", "Go %s %s (%s) is no longer generated", oi.kind, oi.name(), oi.origin)
	}
	for _, key := range o.order {
		oi := o.items[key]
		if oi.kind == "type" || oi.kind == "support" && oi.owner == "" {
			// A type that is gone or changed kind (struct to interface):
			// its members are not reported one by one.
			if ni, ok := n.items[key]; !ok || ni.sig != oi.sig {
				gone[oi.goName] = true
			}
		}
	}
	for _, key := range o.order {
		oi := o.items[key]
		if oi.owner != "" && gone[oi.owner] {
			continue
		}
		ni, ok := n.items[key]
		if !ok {
			report(oi)
			continue
		}
		if oi.sig == ni.sig {
			continue
		}
		pos := at(ni.pos, c.new)
		switch oi.kind {
		case "comparable":
			if ni.sig == "false" {
				c.add(pos, "GO_NOT_COMPARABLE", "Go type %s is no longer comparable", oi.owner)
			}
		case "field":
			if strings.TrimSuffix(strings.TrimPrefix(oi.sig, "Optional["), "]") == strings.TrimSuffix(strings.TrimPrefix(ni.sig, "Optional["), "]") {
				c.add(pos, "GO_OPTIONAL_CHANGED", "Go field %s changed from %s to %s", oi.name(), oi.sig, ni.sig)
			} else {
				c.add(pos, "GO_TYPE_CHANGED", "Go field %s changed type from %s to %s", oi.name(), oi.sig, ni.sig)
			}
		case "const":
			c.add(pos, "GO_CONST_VALUE_CHANGED", "Go constant %s changed from %s to %s", oi.name(), oi.sig, ni.sig)
		case "method", "func":
			c.add(pos, "GO_SIGNATURE_CHANGED", "Go %s %s changed from %s to %s", oi.kind, oi.name(), oi.sig, ni.sig)
		default:
			c.add(pos, "GO_TYPE_CHANGED", "Go %s %s changed from %s to %s", oi.kind, oi.name(), oi.sig, ni.sig)
		}
	}
}

// goItem is one exported declaration (or fact) of a generated package.
type goItem struct {
	key    string // unique in the package: kind and Go name
	kind   string // type, field, const, func, method, comparable, support
	goName string // the declaration's own Go name
	owner  string // the Go type a field, method or constant belongs to; "" at top level
	sig    string // what must stay equal: a Go type or a signature
	origin string // the schema element it comes from, in words; "" for fixed names
	pos    schema.Pos
}

func (g *goItem) name() string {
	if g.owner != "" && g.kind != "const" && g.kind != "comparable" {
		return g.owner + "." + g.goName
	}
	return g.goName
}

// surface is the exported API of one generated package, by key.
type surface struct {
	items map[string]*goItem
	order []string
}

func (s *surface) add(it goItem) {
	if it.key == "" {
		it.key = it.kind + " " + it.name()
	}
	if _, dup := s.items[it.key]; dup {
		return
	}
	s.items[it.key] = &it
	s.order = append(s.order, it.key)
}

// goType is the Go type of a value of t, as the generator writes it.
func goType(t *ir.Type) string {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return "string"
	case ir.Int32:
		return "int32"
	case ir.Int64:
		return "int64"
	case ir.Float64:
		return "float64"
	case ir.Float32:
		return "float32"
	case ir.Bool:
		return "bool"
	case ir.Date:
		return "Date"
	case ir.DateTime:
		return "time.Time"
	case ir.Duration:
		return "Duration"
	case ir.JSON:
		return "json.RawMessage"
	case ir.Slice:
		return "[]" + goType(t.Elem)
	case ir.Map:
		return "map[string]" + goType(t.Elem)
	case ir.StructRef:
		name := t.Struct.Name
		if t.Import != nil {
			name = importedName(t.Import.Path, name)
		}
		if t.Pointer {
			return "*" + name
		}
		return name
	case ir.InterfaceRef:
		return t.Interface.Name
	case ir.EnumRef:
		return t.Enum.Name
	case ir.UnionRef:
		return t.Union.Name
	case ir.NullableElem:
		return "Optional[" + goType(t.Elem) + "]"
	case ir.External:
		return t.External.Import + "." + t.External.Name
	}
	return fmt.Sprintf("kind%d", t.Kind)
}

// importedName names a type of another generated package by its folder
// under the output root: acme/common.Money.
func importedName(importPath, name string) string {
	return strings.TrimPrefix(importPath, importRoot+"/") + "." + name
}

func fieldType(fl *ir.Field) string {
	if fl.Optional {
		return "Optional[" + goType(fl.Type) + "]"
	}
	return goType(fl.Type)
}

// comparable reports whether values of t support ==, as Go decides it.
func comparable(t *ir.Type, seen map[*ir.Struct]bool) bool {
	switch t.Kind {
	case ir.Slice, ir.Map, ir.JSON:
		return false
	case ir.NullableElem:
		return comparable(t.Elem, seen)
	case ir.StructRef:
		return t.Pointer || t.Import != nil && structComparable(t.Struct, seen) || t.Import == nil && structComparable(t.Struct, seen)
	}
	return true
}

func structComparable(s *ir.Struct, seen map[*ir.Struct]bool) bool {
	if seen[s] {
		return true
	}
	seen[s] = true
	if s.Open {
		return false // AdditionalProperties is a slice
	}
	return !slices.ContainsFunc(s.Fields, func(f *ir.Field) bool { return !comparable(f.Type, seen) })
}

// addSupportNames adds the exported names of the support code the package
// declares: which ones depends on what the schema reaches, so it is read
// from the rendered support files (support_*_gen.go) of the package,
// generated without a shared runtime. With one (the command's output in a
// module), the package's runtime_gen.go aliases exactly these names
// (generator's TestSharedRuntimeKeepsAPI), so the rule holds for both.
func addSupportNames(s *surface, files []generator.File, dir string, pos schema.Pos) error {
	fset := token.NewFileSet()
	for _, g := range files {
		if path.Dir(g.Path) != dir || !strings.HasPrefix(path.Base(g.Path), "support_") {
			continue
		}
		f, err := parser.ParseFile(fset, g.Path, g.Content, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					s.add(goItem{kind: "support", goName: d.Name.Name, pos: pos})
				} else if recv := receiverName(d.Recv.List[0].Type); ast.IsExported(recv) {
					s.add(goItem{kind: "support", goName: d.Name.Name, owner: recv, pos: pos})
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch sp := spec.(type) {
					case *ast.TypeSpec:
						if sp.Name.IsExported() {
							s.add(goItem{kind: "support", goName: sp.Name.Name, pos: pos})
						}
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							if n.IsExported() {
								s.add(goItem{kind: "support", goName: n.Name, pos: pos})
							}
						}
					}
				}
			}
		}
	}
	return nil
}

// receiverName is the base type name of a method receiver: T in (T),
// (*T), (T[X]) and (*T[X]).
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
		default:
			return ""
		}
	}
}
