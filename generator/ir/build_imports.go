package ir

import (
	"path"
	"sort"

	"github.com/sessiongen/sessiongen/schema"
)

// Import is another generated package that a package uses: the package of
// a schema listed under imports.
type Import struct {
	Path string // Go import path: the output root's import path + the imported package.path
	Name string // the imported package's Go package name
	// Alias is the name the package is imported under in generated code:
	// the schema's imports[].as followed by an underscore. Neither the
	// generator's local names nor the Go names it derives from a schema
	// ever hold an underscore, so no local variable can shadow the package
	// (an alias "v" would be shadowed by every method's receiver).
	Alias string
	// Prefix is imports[].as, the prefix of references in the schema.
	Prefix string
}

// imports records the imports of b.f; each reference to an imported type
// resolves to a copy of that package's struct that carries the Import.
func (b *builder) imports(p *Package) {
	for _, im := range b.f.Imports {
		if im.File == nil {
			continue
		}
		if b.opts.ImportRoot == "" {
			b.errorf(im.SchemaPos, "imports %q: the Go import path of the output root is unknown (generate into a folder of a Go module)", im.Schema)
			continue
		}
		dep := b.opts.Imported[im.File]
		if dep == nil {
			b.errorf(im.SchemaPos, "imports %q: the imported schema was not built", im.Schema)
			continue
		}
		imp := &Import{Path: path.Join(b.opts.ImportRoot, dep.Dir), Name: dep.Name, Alias: im.As + "_", Prefix: im.As}
		if prev := b.importsUsed[imp.Path]; prev != nil {
			imp = prev // one file imported under two prefixes: one Go import
		}
		byWire := map[string]*Struct{}
		for _, s := range dep.Structs {
			if s.Role == RoleModel {
				byWire[s.Wire] = s
			}
		}
		for _, t := range im.File.Types {
			if s := byWire[t.Name]; s != nil && b.foreign[t] == nil {
				cp := *s
				cp.Import = imp
				b.foreign[t] = &cp
			}
		}
		b.importsUsed[imp.Path] = imp
	}
}

// usedImports lists the package's imports sorted by path, so that the
// output does not depend on the order of the schema's list.
func (b *builder) usedImports() []*Import {
	var out []*Import
	for _, imp := range b.importsUsed {
		out = append(out, imp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// structOf returns the struct of an object type: this package's own or a
// copy of an imported package's.
func (b *builder) structOf(t *schema.Type) *Struct {
	if s := b.structs[t]; s != nil {
		return s
	}
	return b.foreign[t]
}

// claimErrorAliases claims, before this file's own types, the Go names of
// the imported error bodies: each gets a type alias of its name here
// (see API.ErrorAliases), and a type of this file that wants the same
// name is reported.
func (b *builder) claimErrorAliases() {
	a := b.f.API
	shapes := a.ErrorsByStatus
	if a.Errors != nil {
		shapes = append([]*schema.ErrorShape{a.Errors}, shapes...)
	}
	for _, e := range shapes {
		if e.Type == nil || e.Type.Target == nil {
			continue
		}
		s := b.foreign[e.Type.Target]
		if s == nil || b.aliased[s] {
			continue
		}
		b.aliased[s] = true
		b.claim(s.Name, e.Type.Pos, "the alias of the imported error body "+e.Type.Name)
	}
}

// errorAliases lists the imported error bodies, which have aliases.
func (b *builder) errorAliases(out *API) {
	for _, eb := range out.ErrorBodies {
		if b.aliased[eb.Type] {
			out.ErrorAliases = append(out.ErrorAliases, eb.Type)
		}
	}
}
