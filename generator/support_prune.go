package generator

import (
	"bytes"
	"go/ast"
	"go/token"
	"path"
	"slices"
	"strconv"
	"strings"
)

// A package copies only the support code it reaches: the declarations its
// generated files name, what those name in turn, and the methods of the
// types kept. Reachability is computed on identifiers, not on types: a name
// counts as used wherever it appears, so a local variable that shares a
// support function's name keeps that function. That over-approximation is
// safe (more code kept, never less) and needs no type checker.

// supportDecl is one top-level declaration of a support file.
type supportDecl struct {
	text     []byte      // from its doc comment to the end of its last line
	names    []string    // package-level names it declares; none for a method
	recv     string      // a method's receiver base type
	method   string      // a method's name
	kind     token.Token // token.FUNC, TYPE, CONST or VAR
	idents   []string    // unqualified identifiers it uses
	quals    []string    // identifiers before a dot: package names among them
	selected []string    // names it uses after a dot: methods, fields, package members
}

// supportImport is one import of a support file.
type supportImport struct {
	name string // the name the file uses for it
	spec string // the import spec as written: `"strconv"` or `rand "math/rand/v2"`
}

// supportFile is a support source split into declarations.
type supportFile struct {
	file    string // output name: support_<name>_gen.go
	imports []supportImport
	decls   []supportDecl
}

// split parses src (already parsed as f) into declarations.
func split(fset *token.FileSet, f *ast.File, src []byte) ([]supportImport, []supportDecl) {
	var imports []supportImport
	for _, is := range f.Imports {
		p, _ := strconv.Unquote(is.Path.Value)
		name := path.Base(p)
		if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
			name = path.Base(path.Dir(p)) // math/rand/v2 is rand
		}
		spec := is.Path.Value
		if is.Name != nil {
			name = is.Name.Name
			spec = is.Name.Name + " " + spec
		}
		imports = append(imports, supportImport{name: name, spec: spec})
	}
	var decls []supportDecl
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		start := d.Pos()
		if doc := declDoc(d); doc != nil {
			start = doc.Pos()
		}
		from := fset.Position(start).Offset
		to := fset.Position(d.End()).Offset
		if nl := bytes.IndexByte(src[to:], '\n'); nl >= 0 {
			to += nl // a trailing line comment belongs to the declaration
		} else {
			to = len(src)
		}
		sd := supportDecl{text: src[from:to], kind: token.FUNC}
		if g, ok := d.(*ast.GenDecl); ok {
			sd.kind = g.Tok
		}
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil {
			sd.recv = receiverType(fd.Recv.List[0].Type)
			sd.method = fd.Name.Name
		} else {
			sd.names = declNames(d)
		}
		var visit func(n ast.Node) bool
		visit = func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok {
					sd.quals = append(sd.quals, x.Name)
				}
				ast.Inspect(n.X, visit)
				sd.selected = append(sd.selected, n.Sel.Name)
				return false
			case *ast.InterfaceType:
				// Its method names are what a value must have: count
				// them as used so that implementations keep them.
				for _, m := range n.Methods.List {
					for _, name := range m.Names {
						sd.selected = append(sd.selected, name.Name)
					}
				}
			case *ast.Ident:
				sd.idents = append(sd.idents, n.Name)
			}
			return true
		}
		ast.Inspect(d, visit)
		decls = append(decls, sd)
	}
	return imports, decls
}

func declDoc(d ast.Decl) *ast.CommentGroup {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Doc
	case *ast.GenDecl:
		return d.Doc
	}
	return nil
}

// receiverType returns T for receivers T, *T, T[P] and *T[P, Q].
func receiverType(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// usedNames records which of the support names (top-level and method names)
// generated Go source uses: after a dot (selected) or not (plain). Output is
// megabytes for a large API, so this is a small lexer that allocates nothing
// per identifier rather than go/scanner: it skips comments, strings and
// runes, and looks each identifier up without copying it.
func usedNames(src []byte, names map[string]bool, plain, selected map[string]bool) {
	afterDot, afterCase := false, false
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return
			}
			i += end + 4
			continue
		case c == '"' || c == '\'':
			i++
			for i < len(src) && src[i] != c && src[i] != '\n' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			i++
		case c == '`':
			end := bytes.IndexByte(src[i+1:], '`')
			if end < 0 {
				return
			}
			i += end + 2
		case c >= '0' && c <= '9':
			for i < len(src) && (isIdentByte(src[i]) || src[i] == '.') {
				i++
			}
		case isIdentByte(c):
			j := i
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			name := src[i:j]
			if names[string(name)] {
				switch {
				case afterDot:
					selected[string(name)] = true
				case !afterCase && declaresName(src, j):
					// A field, parameter or key of that name, not a use.
				default:
					plain[string(name)] = true
				}
			}
			afterCase = string(name) == "case"
			i = j
			afterDot = false
			continue
		default:
			i++
			afterDot = c == '.'
			continue
		}
		afterDot = false
	}
}

// declaresName reports whether the identifier ending at end is a name being
// declared or a key rather than a use: followed on its line by a type (a
// struct field or parameter, "Duration Optional[float64]") or by a colon (a
// keyed literal's field, "Duration: x"; not ":=", and the caller excludes
// "case T:"). Without it, a field called Duration would copy the support
// type Duration into every package that has one.
func declaresName(src []byte, end int) bool {
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	if end == len(src) {
		return false
	}
	switch c := src[end]; {
	case c == '*' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
		return true
	case c == ':':
		return end+1 == len(src) || src[end+1] != '='
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// keep returns, per support file, which declarations a package whose
// generated files use plain and selected names must carry. It marks to a
// fixed point: a kept declaration's identifiers are used too; a method is
// kept when its type is and both are exported (callers may call it), its name
// is selected somewhere in kept code (the package calls it or an interface
// asks for it), or the standard library may call it (dynamicMethod). A file is
// one feature of the runtime (optional values, the client, ...): once any of
// it is kept, its exported constants and the exported functions and variables
// of the types kept are too (featureAPI), because those are the feature's API
// for callers (Null beside Optional, NoRetry beside RetryPolicy), whether or
// not generated code names them.
func keep(files []supportFile, plain, selected map[string]bool) [][]bool {
	kept := make([][]bool, len(files))
	for i := range files {
		kept[i] = make([]bool, len(files[i].decls))
	}
	keptTypes := map[string]bool{}
	live := make([]bool, len(files))
	for changed := true; changed; {
		changed = false
		for i, f := range files {
			for j, d := range f.decls {
				if kept[i][j] || !(wanted(d, plain, selected, keptTypes) || live[i] && exported(d) && featureAPI(d, keptTypes)) {
					continue
				}
				kept[i][j], live[i], changed = true, true, true
				if d.kind == token.TYPE {
					for _, n := range d.names {
						keptTypes[n] = true
					}
				}
				for _, n := range d.idents {
					plain[n] = true
				}
				for _, n := range d.selected {
					selected[n] = true
				}
			}
		}
	}
	return kept
}

// featureAPI reports whether an exported declaration of a file the package
// uses belongs to the API of what the package keeps: a constant (the rule
// names), or a function or variable that names a kept type (Null beside
// Optional, NoRetry beside RetryPolicy). An exported type is copied only when
// something reaches it, so constructors of a type the package does not use
// (ParseDuration without Duration) are not copied either.
func featureAPI(d supportDecl, keptTypes map[string]bool) bool {
	switch d.kind {
	case token.CONST:
		return true
	case token.TYPE:
		return false
	}
	for _, n := range d.idents {
		if keptTypes[n] && !slices.Contains(d.names, n) {
			return true
		}
	}
	return false
}

func exported(d supportDecl) bool {
	if d.method != "" {
		return false // methods follow their type
	}
	for _, n := range d.names {
		if token.IsExported(n) {
			return true
		}
	}
	return false
}

// dynamicMethod reports the methods the standard library calls through an
// interface it checks at run time (fmt, errors, encoding/json, log/slog):
// nothing in the package names them, yet dropping one from a kept type would
// change behaviour without a compile error.
func dynamicMethod(name string) bool {
	switch name {
	case "Error", "String", "GoString", "Format", "Unwrap", "Is", "As",
		"MarshalJSON", "UnmarshalJSON", "MarshalText", "UnmarshalText", "LogValue":
		return true
	}
	return false
}

func wanted(d supportDecl, plain, selected, keptTypes map[string]bool) bool {
	if d.method != "" {
		return keptTypes[d.recv] && (token.IsExported(d.method) && token.IsExported(d.recv) || selected[d.method] || dynamicMethod(d.method))
	}
	for _, n := range d.names {
		if n == "_" || plain[n] {
			return n != "_" || allKept(d, plain)
		}
	}
	return false
}

// allKept reports whether a blank declaration (var _ I = T{}, a compile-time
// assertion) names only kept things: it goes with them, or not at all.
func allKept(d supportDecl, plain map[string]bool) bool {
	for _, n := range d.idents {
		if n != "_" && !plain[n] && !predeclared(n) {
			return false
		}
	}
	return true
}

func predeclared(n string) bool {
	switch n {
	case "nil", "true", "false", "iota", "any", "error", "string", "bool", "byte", "rune",
		"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
		"uintptr", "float32", "float64", "complex64", "complex128", "comparable":
		return true
	}
	return false
}

// renderPruned writes the file's kept declarations with the imports they use,
// after the header and package clause of p. It returns nil when nothing is
// kept: the package then has no such support file.
func (f supportFile) renderPruned(header, pkg string, kept []bool) []byte {
	var body bytes.Buffer
	used := map[string]bool{}
	for j, d := range f.decls {
		if !kept[j] {
			continue
		}
		body.WriteString("\n")
		body.Write(d.text)
		body.WriteString("\n")
		// A package name is used only as X in X.Sel.
		for _, n := range d.quals {
			used[n] = true
		}
	}
	if body.Len() == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString("// " + header + "\n\npackage " + pkg + "\n")
	var specs []string
	for _, im := range f.imports {
		if used[im.name] {
			specs = append(specs, im.spec)
		}
	}
	switch len(specs) {
	case 0:
	case 1:
		b.WriteString("\nimport " + specs[0] + "\n")
	default:
		b.WriteString("\nimport (\n")
		for _, s := range specs {
			b.WriteString("\t" + s + "\n")
		}
		b.WriteString(")\n")
	}
	b.Write(body.Bytes())
	return b.Bytes()
}
