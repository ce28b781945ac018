package generator

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sessiongen/sessiongen/templates"
)

// The shared runtime. With Options.SharedRuntime the support code is not
// copied into every package: it is written once under the output root, as
// two packages the generated packages import,
//
//	<root>/internal/sessiongenrt    everything but the fake server
//	<root>/internal/sessiongenfake  the fake server's support (fake.go)
//
// so a production binary does not link the fake's, and a large API split
// into several packages compiles the runtime once. Every run sharing the
// root writes the same bytes there: the runtime is the whole support set,
// not pruned per package. Each generated package keeps its API through a
// file of aliases and forwarders (runtime_gen.go) for the exported support
// names it reaches, the ones it carried when the support was copied; Page,
// whose Meta method each package declares with its own PageMeta, stays in
// the package (localSupport).
//
// The support sources are written for one package, with unexported
// machinery; across a package boundary that machinery must be exported. The
// rewrite is syntactic: every unexported package-level support name becomes
// its exported form (decoder: Decoder), referred to as sessiongenrt.Decoder
// from generated code; and the fields and methods that generated code
// selects (crossingMembers) become exported wherever they are declared or
// selected. Names are matched per identifier with go/parser's scopes, so a
// local variable that shares a support name is left alone.

// RuntimeDir and FakeRuntimeDir are the folders of the shared runtime
// packages under the output root; no schema's package.path may lie in them
// (schema.RuntimeDirs, which TestRuntimeDirsReserved keeps equal).
const (
	RuntimeDir     = "internal/sessiongenrt"
	FakeRuntimeDir = "internal/sessiongenfake"

	runtimePkg     = "sessiongenrt"
	fakeRuntimePkg = "sessiongenfake"

	// RuntimeSource is what the runtime files' header names as their
	// source: the support code of this module, whatever schema a run has.
	RuntimeSource = "github.com/sessiongen/sessiongen/templates/support"

	// runtimeAPIFile is the file of a generated package (or fake package)
	// that holds its aliases and forwarders to the shared runtime.
	runtimeAPIFile = "runtime_gen.go"
)

// crossingMembers are the unexported fields and methods of support types
// that generated code or the fake runtime selects: exported in the shared
// runtime. A name here is exported on every support type that declares it,
// so none may also be a member that callers should not see; generated code
// may not declare one for its own use (checked by rewriteGo). No support
// interface names a method that generated types implement (their readJSON
// is passed to the support functions as a method expression), so generated
// types export no machinery.
var crossingMembers = []string{
	"add", "beginArray", "beginObject", "boolValue", "child", "consumeNull", "dateTimeValue", "dateValue",
	"discriminator", "durationValue", "end", "envelopeMeta", "err", "errDuplicate", "errNullNotAllowed",
	"errRequired", "errUnexpectedKind", "errorf", "float32NonFinite", "float32Value", "float64NonFinite",
	"float64Value", "int32Value", "int64Value", "item", "keptSince", "len", "mark",
	"nextElement", "nextField", "nextURL", "peek", "rawCopy", "reset", "skip", "sortFrom", "stringBytes",
	"stringValue", "totalPages",
}

// localSupport names the support declarations (and, for a type, its
// methods) that stay in each package rather than the shared runtime:
// generated code declares methods on Page (Meta, with the package's own
// PageMeta), which only its own package may do.
var localSupport = map[string]bool{"Page": true, "fetchPage": true}

// isLocal reports whether d stays in the package.
func isLocal(d supportDecl) bool {
	if d.method != "" {
		return localSupport[d.recv]
	}
	for _, n := range d.names {
		if localSupport[n] {
			return true
		}
	}
	return false
}

// exportName returns the exported form of an unexported name.
func exportName(n string) string {
	r, size := utf8.DecodeRuneInString(n)
	if r == '_' || unicode.IsUpper(r) {
		return n
	}
	return string(unicode.ToUpper(r)) + n[size:]
}

// fakeSupportFile is the support file that goes to the fake runtime.
const fakeSupportFile = "support_fake_gen.go"

// runtimeNames is what the rewrite needs to know about the support code.
type runtimeNames struct {
	pkg     map[string]bool // every package-level support name
	fake    map[string]bool // those fake.go declares
	local   map[string]bool // those that stay in each package
	members map[string]bool // crossingMembers
	export  map[string]string
}

// exported returns the name the shared runtime declares for the support
// name n: its exported form, or, when the support code also declares that
// (parseDate beside ParseDate), the exported form with "Internal" after it.
func (rn *runtimeNames) exported(n string) string {
	if e, ok := rn.export[n]; ok {
		return e
	}
	return exportName(n)
}

func newRuntimeNames(support []supportFile) (*runtimeNames, error) {
	rn := &runtimeNames{pkg: map[string]bool{}, fake: map[string]bool{}, local: map[string]bool{}, members: map[string]bool{}, export: map[string]string{}}
	for _, m := range crossingMembers {
		rn.members[m] = true
	}
	exported := map[string]string{} // exported form -> the name it comes from
	for _, f := range support {
		for _, d := range f.decls {
			for _, n := range d.names {
				if n == "_" {
					continue
				}
				rn.pkg[n] = true
				if f.file == fakeSupportFile {
					rn.fake[n] = true
				}
				if isLocal(d) {
					rn.local[n] = true
				}
			}
		}
	}
	for n := range rn.pkg {
		if e := exportName(n); e != n && rn.pkg[e] {
			rn.export[n] = e + "Internal"
		}
	}
	for n := range rn.pkg {
		e := rn.exported(n)
		if other, ok := exported[e]; ok && other != n {
			return nil, fmt.Errorf("support names %s and %s both export as %s", other, n, e)
		}
		exported[e] = n
	}
	return rn, nil
}

// rewriteMode says how a file refers to support names.
type rewriteMode int

const (
	modeRuntime     rewriteMode = iota // a file of sessiongenrt
	modeFakeRuntime                    // the file of sessiongenfake
	modePackage                        // a generated package's file, or its local support
	modeFakePackage                    // a fake package's file
)

// rewriter rewrites Go sources for the shared runtime.
type rewriter struct {
	names       *runtimeNames
	runtimePath string // import path of sessiongenrt
	fakePath    string // import path of sessiongenfake
	lenient     bool   // skip the check of declared names (for hand-written tests)
}

// pkgRef returns what a file of mode m writes for the package-level support
// name n, and the import it needs ("" for none).
func (rw *rewriter) pkgRef(m rewriteMode, n string) (string, string) {
	switch {
	case !rw.names.pkg[n] || rw.names.local[n]:
		return n, ""
	case m == modeRuntime:
		return rw.names.exported(n), ""
	case m == modeFakeRuntime:
		if rw.names.fake[n] {
			return rw.names.exported(n), ""
		}
		return runtimePkg + "." + rw.names.exported(n), rw.runtimePath
	case token.IsExported(n):
		return n, "" // the package's alias
	case rw.names.fake[n]:
		return fakeRuntimePkg + "." + rw.names.exported(n), rw.fakePath
	}
	return runtimePkg + "." + rw.names.exported(n), rw.runtimePath
}

type edit struct {
	from, to int
	text     string
}

// rewriteGo rewrites src (a whole file, or a fragment when decl is set:
// a declaration list parsed as a file) for mode m and formats it.
func (rw *rewriter) rewriteGo(name string, src []byte, m rewriteMode) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	top := map[*ast.Object]bool{}
	for _, o := range f.Scope.Objects {
		top[o] = true
	}
	var edits []edit
	imports := map[string]bool{}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	member := func(id *ast.Ident) {
		if rw.names.members[id.Name] {
			edits = append(edits, edit{off(id.Pos()), off(id.End()), exportName(id.Name)})
		}
	}
	var bad error
	declared := func(id *ast.Ident) {
		// Generated code declaring a member of a crossing name would
		// export its own field or method.
		if !rw.lenient && (m == modePackage || m == modeFakePackage) && rw.names.members[id.Name] && bad == nil {
			bad = fmt.Errorf("%s: generated code declares %s, a name the shared runtime exports (crossingMembers)", name, id.Name)
		}
		member(id)
	}
	ref := func(id *ast.Ident) {
		if (id.Name == runtimePkg || id.Name == fakeRuntimePkg) && id.Obj != nil && bad == nil {
			// A local of that name would hide the runtime's import.
			bad = fmt.Errorf("%s: declares %s, the name the shared runtime is imported by: rename it in the schema", name, id.Name)
		}
		if id.Name == "_" || (id.Obj != nil && (!top[id.Obj] || m == modePackage || m == modeFakePackage)) {
			return // a local name, or one the file declares
		}
		text, imp := rw.pkgRef(m, id.Name)
		if text != id.Name {
			edits = append(edits, edit{off(id.Pos()), off(id.End()), text})
		}
		if imp != "" {
			imports[imp] = true
		}
	}
	fields := func(fl *ast.FieldList, isMember bool) (out []ast.Node) {
		if fl == nil {
			return nil
		}
		for _, fd := range fl.List {
			if isMember {
				for _, n := range fd.Names {
					declared(n)
				}
			}
			out = append(out, fd.Type)
		}
		return out
	}
	var visit func(n ast.Node) bool
	walk := func(ns ...ast.Node) {
		for _, n := range ns {
			if n != nil && !isNilNode(n) {
				ast.Inspect(n, visit)
			}
		}
	}
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec, *ast.CommentGroup, *ast.BranchStmt:
			return false
		case *ast.LabeledStmt:
			walk(n.Stmt)
			return false
		case *ast.SelectorExpr:
			walk(n.X)
			member(n.Sel)
			return false
		case *ast.FuncDecl:
			if n.Recv != nil {
				declared(n.Name)
				walk(n.Recv)
			} else {
				ref(n.Name)
			}
			walk(n.Type, n.Body)
			return false
		case *ast.StructType:
			for _, t := range fields(n.Fields, true) {
				walk(t)
			}
			return false
		case *ast.InterfaceType:
			for _, t := range fields(n.Methods, true) {
				walk(t)
			}
			return false
		case *ast.Field:
			// Parameters and results: their names are local.
			walk(n.Type)
			return false
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && rw.names.members[id.Name] {
				member(id)
			} else {
				walk(n.Key)
			}
			walk(n.Value)
			return false
		case *ast.Ident:
			ref(n)
		}
		return true
	}
	for _, d := range f.Decls {
		walk(d)
	}
	if bad != nil {
		return nil, bad
	}
	out := applyEdits(src, edits)
	out = addImports(out, f, fset, slices.Sorted(maps.Keys(imports)))
	return formatSource(name, out)
}

func isNilNode(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n == nil
	case *ast.FieldList:
		return n == nil
	case *ast.FuncType:
		return n == nil
	case ast.Expr:
		return n == nil
	}
	return false
}

func applyEdits(src []byte, edits []edit) []byte {
	slices.SortFunc(edits, func(a, b edit) int { return a.from - b.from })
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.from < last {
			continue // the same identifier reached twice
		}
		b.Write(src[last:e.from])
		b.WriteString(e.text)
		last = e.to
	}
	b.Write(src[last:])
	return b.Bytes()
}

// addImports adds the runtime imports to src, whose parse (before the
// edits, which only touch identifiers after the imports) is f.
func addImports(src []byte, f *ast.File, fset *token.FileSet, paths []string) []byte {
	have := map[string]bool{}
	for _, is := range f.Imports {
		have[strings.Trim(is.Path.Value, `"`)] = true
	}
	var specs strings.Builder
	for _, p := range paths {
		if !have[p] {
			fmt.Fprintf(&specs, "\t%q\n", p)
		}
	}
	if specs.Len() == 0 {
		return src
	}
	var last *ast.GenDecl
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			last = g
		}
	}
	if last == nil {
		at := fset.Position(f.Name.End()).Offset
		return slices.Concat(src[:at], []byte("\n\nimport (\n"+specs.String()+")"), src[at:])
	}
	if last.Rparen.IsValid() {
		at := fset.Position(last.Rparen).Offset
		// A blank line makes them a group of their own: gofmt sorts
		// within groups.
		return slices.Concat(src[:at], []byte("\n"+specs.String()), src[at:])
	}
	from, to := fset.Position(last.Pos()).Offset, fset.Position(last.End()).Offset
	spec := string(src[fset.Position(last.Specs[0].Pos()).Offset:to])
	return slices.Concat(src[:from], []byte("import (\n\t"+spec+"\n\n"+specs.String()+")"), src[to:])
}

func formatSource(name string, src []byte) ([]byte, error) {
	out, err := gofmtWhole(src)
	if err != nil {
		return nil, fmt.Errorf("%s: formatting the shared-runtime rewrite: %w", name, err)
	}
	return out, nil
}

// docLink matches a doc link or a comment's first word that may name a
// renamed support declaration.
var docLink = regexp.MustCompile(`\[[a-z][A-Za-z0-9]*[.\]]`)

// renameDocLinks rewrites doc links ([decoder], [httpTransport.Do]) to
// renamed support declarations, so that they still resolve: in the runtime
// to their exported names, elsewhere (qual set) to the runtime's.
func (rw *rewriter) renameDocLinks(src []byte, qual string) []byte {
	return docLink.ReplaceAllFunc(src, func(b []byte) []byte {
		n := string(b[1 : len(b)-1])
		if rw.names.pkg[n] && !rw.names.local[n] {
			q := qual
			if q != "" && rw.names.fake[n] {
				q = fakeRuntimePkg + "."
			}
			return []byte("[" + q + rw.names.exported(n) + string(b[len(b)-1:]))
		}
		return b
	})
}

// renderRuntime renders the two shared runtime packages, the whole support
// set but the local declarations, below the output root whose import path
// is importRoot.
func renderRuntime(rw *rewriter) ([]File, error) {
	header := "// " + Header(RuntimeSource) + "\n\n"
	var out []File
	for _, sf := range templates.Support() {
		name := strings.TrimSuffix(sf.Name, ".go")
		dir, pkg, mode := RuntimeDir, runtimePkg, modeRuntime
		if "support_"+name+"_gen.go" == fakeSupportFile {
			dir, pkg, mode = FakeRuntimeDir, fakeRuntimePkg, modeFakeRuntime
		}
		src := sf.Source
		if name == "doc" {
			continue // the package comments are written below
		}
		src, err := dropLocal(sf.Name, src)
		if err != nil {
			return nil, err
		}
		src = replacePackageClause(src, pkg)
		content, err := rw.rewriteGo(sf.Name, slices.Concat([]byte(header), src), mode)
		if err != nil {
			return nil, err
		}
		content = rw.renameDocLinks(content, "")
		out = append(out, File{Path: path.Join(dir, name+"_gen.go"), Content: content})
	}
	out = append(out,
		File{Path: path.Join(RuntimeDir, "doc_gen.go"), Content: []byte(header + runtimeDoc + "package " + runtimePkg + "\n")},
		File{Path: path.Join(FakeRuntimeDir, "doc_gen.go"), Content: []byte(header + fakeRuntimeDoc + "package " + fakeRuntimePkg + "\n")},
	)
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

const runtimeDoc = `// Package sessiongenrt is the runtime of the packages sessiongen generated
// under this output root: the strict JSON decoder and encoder, Optional,
// Date, Duration, validation errors and the HTTP client runtime. Every run
// that writes into this output root writes the same files here.
//
// It is internal: only the generated packages import it, and they declare
// the names their callers use (Optional, Some, ValidationError, ...) as
// aliases of these. The exported names here that those packages do not
// alias are machinery between the runtime and the generated code, not API.
`

const fakeRuntimeDoc = `// Package sessiongenfake is the support of the fake servers sessiongen
// generated under this output root, kept apart from sessiongenrt so that a
// program importing only generated clients does not link it.
`

var packageClause = regexp.MustCompile(`(?m)^package [a-z0-9_]+$`)

func replacePackageClause(src []byte, pkg string) []byte {
	loc := packageClause.FindIndex(src)
	return slices.Concat(src[:loc[0]], []byte("package "+pkg), src[loc[1]:])
}

// dropLocal removes the local declarations from a support source.
func dropLocal(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	_, decls := split(fset, f, src)
	var edits []edit
	for _, d := range decls {
		if !isLocal(d) {
			continue
		}
		from := bytes.Index(src, d.text)
		edits = append(edits, edit{from, from + len(d.text), ""})
	}
	if len(edits) == 0 {
		return src, nil
	}
	return applyEdits(src, edits), nil
}

// sharedPackage rewrites the generated files of one package (or fake
// package, with fake set) to use the shared runtime, and adds its file of
// aliases and forwarders, with the local support it keeps.
func sharedPackage(rw *rewriter, header, pkgName, dir string, generated []File, support []supportFile, fake bool) ([]File, error) {
	plain, selected := map[string]bool{}, map[string]bool{}
	names := supportNames(support)
	for _, g := range generated {
		usedNames(g.Content, names, plain, selected)
	}
	kept := keep(support, plain, selected)
	mode := modePackage
	if fake {
		mode = modeFakePackage
	}
	out := make([]File, 0, len(generated)+1)
	for _, g := range generated {
		content, err := rw.rewriteGo(g.Path, g.Content, mode)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Path: g.Path, Content: content})
	}
	var body bytes.Buffer
	for i, s := range support {
		for j, d := range s.decls {
			if !kept[i][j] {
				continue
			}
			switch {
			case isLocal(d):
				body.WriteString("\n")
				body.Write(d.text)
				body.WriteString("\n")
			case d.method == "" && exported(d):
				qual := runtimePkg
				if s.file == fakeSupportFile {
					qual = fakeRuntimePkg
				}
				text, err := aliasDecl(d.text, qual)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", s.file, err)
				}
				body.WriteString("\n")
				body.Write(text)
			}
		}
	}
	if body.Len() == 0 {
		return out, nil
	}
	imports := stdImports(support) + fmt.Sprintf("\n\t%q\n\t%q\n", rw.runtimePath, rw.fakePath)
	src := []byte("// " + header + "\n\npackage " + pkgName + "\n\nimport (\n" + imports + ")\n" + body.String())
	src, err := rw.rewriteGo(path.Join(dir, runtimeAPIFile), src, mode)
	if err != nil {
		return nil, err
	}
	src, err = pruneImports(path.Join(dir, runtimeAPIFile), rw.renameDocLinks(src, runtimePkg+"."))
	if err != nil {
		return nil, err
	}
	return append(out, File{Path: path.Join(dir, runtimeAPIFile), Content: src}), nil
}

// stdImports lists, as import specs, every import of the support files:
// the local declarations and the forwarders' signatures may use any;
// pruneImports removes the unused ones.
func stdImports(support []supportFile) string {
	seen := map[string]bool{}
	var b strings.Builder
	for _, s := range support {
		for _, im := range s.imports {
			if !seen[im.spec] {
				seen[im.spec] = true
				b.WriteString("\t" + im.spec + "\n")
			}
		}
	}
	return b.String()
}

// pruneImports removes the imports src does not use.
func pruneImports(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	var edits []edit
	for _, is := range f.Imports {
		p := strings.Trim(is.Path.Value, `"`)
		n := path.Base(p)
		if len(n) > 1 && n[0] == 'v' && strings.Trim(n[1:], "0123456789") == "" {
			n = path.Base(path.Dir(p))
		}
		if is.Name != nil {
			n = is.Name.Name
		}
		if !used[n] {
			from, to := fset.Position(is.Pos()).Offset, fset.Position(is.End()).Offset
			for from > 0 && src[from-1] == '\t' {
				from--
			}
			if to < len(src) && src[to] == '\n' {
				to++ // the whole line, so the groups stay together
			}
			edits = append(edits, edit{from, to, ""})
		}
	}
	return formatSource(name, applyEdits(src, edits))
}

// aliasDecl turns an exported support declaration (type, function,
// constant or variable) into its alias or forwarder to package qual, with
// its doc comment. Names inside (types in signatures) are rewritten later,
// with the file.
func aliasDecl(text []byte, qual string) ([]byte, error) {
	src := append([]byte("package p\n"), text...)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return nil, fmt.Errorf("cannot parse %q: %v", firstLine(string(text)), err)
	}
	at := func(n ast.Node) string {
		return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
	}
	var b strings.Builder
	writeDoc := func(doc *ast.CommentGroup) {
		if doc != nil {
			b.WriteString(at(doc) + "\n")
		}
	}
	switch d := f.Decls[0].(type) {
	case *ast.FuncDecl:
		writeDoc(d.Doc)
		b.WriteString("func " + d.Name.Name)
		var targs []string
		if d.Type.TypeParams != nil {
			b.WriteString(at(d.Type.TypeParams))
			for _, fd := range d.Type.TypeParams.List {
				for _, n := range fd.Names {
					targs = append(targs, n.Name)
				}
			}
		}
		var args []string
		b.WriteString("(")
		for i, fd := range d.Type.Params.List {
			if i > 0 {
				b.WriteString(", ")
			}
			names := fd.Names
			if len(names) == 0 {
				names = []*ast.Ident{{Name: fmt.Sprintf("a%d", i)}}
			}
			for k, n := range names {
				if k > 0 {
					b.WriteString(", ")
				}
				b.WriteString(n.Name)
				arg := n.Name
				if _, ok := fd.Type.(*ast.Ellipsis); ok {
					arg += "..."
				}
				args = append(args, arg)
			}
			b.WriteString(" " + at(fd.Type))
		}
		b.WriteString(")")
		results := ""
		if d.Type.Results != nil {
			results = " " + at(d.Type.Results)
		}
		b.WriteString(results + " {\n\t")
		if d.Type.Results != nil {
			b.WriteString("return ")
		}
		b.WriteString(qual + "." + d.Name.Name)
		if len(targs) > 0 {
			b.WriteString("[" + strings.Join(targs, ", ") + "]")
		}
		b.WriteString("(" + strings.Join(args, ", ") + ")\n}\n")
	case *ast.GenDecl:
		writeDoc(d.Doc)
		grouped := d.Lparen.IsValid()
		if grouped {
			b.WriteString(d.Tok.String() + " (\n")
		} else {
			b.WriteString(d.Tok.String() + " ")
		}
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				if !s.Name.IsExported() {
					continue
				}
				writeDoc(s.Doc)
				b.WriteString(s.Name.Name)
				var targs []string
				if s.TypeParams != nil {
					b.WriteString(at(s.TypeParams))
					for _, fd := range s.TypeParams.List {
						for _, n := range fd.Names {
							targs = append(targs, n.Name)
						}
					}
				}
				b.WriteString(" = " + qual + "." + s.Name.Name)
				if len(targs) > 0 {
					b.WriteString("[" + strings.Join(targs, ", ") + "]")
				}
				b.WriteString("\n")
			case *ast.ValueSpec:
				if !slices.ContainsFunc(s.Names, (*ast.Ident).IsExported) {
					continue
				}
				writeDoc(s.Doc)
				for _, n := range s.Names {
					if n.IsExported() {
						b.WriteString(n.Name + " = " + qual + "." + n.Name + "\n")
					}
				}
			}
		}
		if grouped {
			b.WriteString(")\n")
		}
	}
	return []byte(b.String()), nil
}
