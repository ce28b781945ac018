package schema

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Import is one entry of the top-level imports list: another schema file
// whose object types this file refers to as <As>.<TypeName>. The generated
// package imports the other generated package.
type Import struct {
	Pos    Pos    // of the entry
	Schema string // the file, relative to the importing file's folder, slash-separated
	As     string // the prefix of references, a lower-case Go identifier
	// SchemaPos and AsPos locate the values, where problems are reported.
	SchemaPos, AsPos Pos
	// File is the imported schema, loaded with the same loader; nil when
	// it could not be read or is part of an import cycle.
	File *File
}

// importPrefix is the form of imports[].as: it becomes the Go name of the
// imported package inside the importing one.
var importPrefix = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// imports reads the top-level imports list.
func (l *loader) imports(n *yaml.Node) []*Import {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "imports: want a list, got %s", describe(n))
		return nil
	}
	var out []*Import
	seen := map[string]*Import{}
	for _, c := range n.Content {
		m := l.mapping(c, "imports", "schema", "as")
		if m == nil {
			continue
		}
		l.require(c, m, "imports", "schema", "as")
		im := &Import{Pos: l.pos(c)}
		if e, ok := m["schema"]; ok {
			im.Schema, _ = l.str(e.val, "imports.schema")
			im.SchemaPos = l.pos(e.val)
			if im.Schema == "" {
				l.errorf(e.val, "imports.schema: want the path of a schema file, relative to this file")
			} else if filepath.IsAbs(im.Schema) || strings.HasPrefix(im.Schema, "/") {
				l.errorf(e.val, "imports.schema %s: want a path relative to this file, not an absolute one", quote(im.Schema))
				im.Schema = ""
			}
		}
		if e, ok := m["as"]; ok {
			im.As, _ = l.str(e.val, "imports.as")
			im.AsPos = l.pos(e.val)
			if !importPrefix.MatchString(im.As) {
				l.errorf(e.val, "imports.as %s: want a lower-case Go identifier (a-z, 0-9, starting with a letter)", quote(im.As))
			} else if prev, dup := seen[im.As]; dup {
				l.errorf(e.val, "imports.as %s: already names the import at line %d", quote(im.As), prev.Pos.Line)
			} else {
				seen[im.As] = im
			}
		}
		if im.Schema != "" && im.As != "" {
			out = append(out, im)
		}
	}
	return out
}

// importSet loads the files a run's schemas import, each once: a file is
// known by its real path, so that a symlink or a path through .. names the
// same package.
type importSet struct {
	r      *reporter
	byPath map[string]*File
	state  map[*File]int // 1 while its imports load, 2 when done
	// post holds every file loaded, imported ones too, each after the
	// files it imports: the order they are validated in, so that an
	// imported type's subtypes are known before a reference is checked.
	post []*File
}

func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// load reads the file at p (once), then the files it imports.
func (s *importSet) load(p string, at Pos) *File {
	key := realPath(p)
	if f, ok := s.byPath[key]; ok {
		return f
	}
	s.byPath[key] = nil // a file that fails to read is reported once
	src, err := readCapped(p)
	if err != nil {
		s.r.errorf(at, "%v", err)
		return nil
	}
	f := parse(s.r, p, src)
	if f == nil {
		return nil
	}
	f.ModuleRelPath = moduleRelPath(p)
	s.byPath[key] = f
	return f
}

// resolveImports loads what f imports, depth first, reporting cycles.
func (s *importSet) resolveImports(f *File, stack []*File) {
	if s.state[f] != 0 {
		return
	}
	s.state[f] = 1
	stack = append(stack, f)
	for _, im := range f.Imports {
		p := filepath.Join(filepath.Dir(f.Path), filepath.FromSlash(im.Schema))
		g := s.load(p, im.SchemaPos)
		if g == nil {
			continue
		}
		if s.state[g] == 1 {
			var names []string
			for i := len(stack) - 1; i >= 0; i-- {
				names = append([]string{stack[i].Path}, names...)
				if stack[i] == g {
					break
				}
			}
			s.r.errorf(im.SchemaPos, "import cycle: %s imports %s", strings.Join(names, " imports "), g.Path)
			continue
		}
		im.File = g
		s.resolveImports(g, stack)
	}
	s.state[f] = 2
	s.post = append(s.post, f)
}

// importedType looks up a reference prefix.Name among f's imports. ok is
// false when the name has no prefix of an import; t is nil when the
// import is known but the type is not (reported).
func (v *validator) importedType(ref *TypeRef, what string) (t *Type, ok bool) {
	prefix, name, found := strings.Cut(ref.Name, ".")
	if !found {
		return nil, false
	}
	var im *Import
	for _, c := range v.f.Imports {
		if c.As == prefix {
			im = c
		}
	}
	if im == nil {
		return nil, false
	}
	if im.File == nil {
		return nil, true // the import itself is reported
	}
	for _, c := range im.File.Types {
		if c.Name == name {
			t = c
		}
	}
	if t == nil {
		var names []string
		for _, c := range im.File.Types {
			names = append(names, im.As+"."+c.Name)
		}
		msg := fmt.Sprintf("%s: unknown type %q in %s", what, clip(ref.Name), im.File.Path)
		if s := nearest(ref.Name, names); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		v.errorf(ref.Pos, "%s", msg)
		return nil, true
	}
	switch {
	case t.IsEnum:
		v.errorf(ref.Pos, "%s: %q is an enum: only object types can be imported", what, clip(ref.Name))
		return nil, true
	case t.Abstract || t.Base != nil || len(t.Subtypes) > 0 || t.DiscriminatorValue != "":
		v.errorf(ref.Pos, "%s: %q is part of a type hierarchy: only plain object types can be imported", what, clip(ref.Name))
		return nil, true
	}
	return t, true
}

// indexImported lets property lookups (JSON paths of an imported error
// body) walk the imported files' types.
func (v *validator) indexImported() {
	for _, im := range v.f.Imports {
		if im.File == nil {
			continue
		}
		for _, t := range im.File.Types {
			v.props[t] = index(t.Properties)
		}
	}
}

// ImportedFiles returns every file that files import, directly or not,
// which is not itself among files, sorted by path.
func ImportedFiles(files []*File) []*File {
	in := map[*File]bool{}
	for _, f := range files {
		in[f] = true
	}
	var out []*File
	var walk func(f *File)
	walk = func(f *File) {
		for _, im := range f.Imports {
			if g := im.File; g != nil && !in[g] {
				in[g] = true
				out = append(out, g)
				walk(g)
			}
		}
	}
	for _, f := range files {
		walk(f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// local reports whether ref names no imported type, reporting one: bases,
// resource models, method bodies and responses are this package's own
// types (the client and the fake need their unexported codecs).
func (v *validator) local(ref *TypeRef, what string) bool {
	if ref == nil {
		return true
	}
	prefix, _, found := strings.Cut(ref.Name, ".")
	if !found {
		return true
	}
	for _, im := range v.f.Imports {
		if im.As == prefix {
			v.errorf(ref.Pos, "%s: %q is an imported type: a %s must be declared in this file", what, clip(ref.Name), kindOfUse(what))
			return false
		}
	}
	return true
}

func kindOfUse(what string) string {
	for _, w := range []string{"base", "body type", "response type"} {
		if strings.HasSuffix(what, w) {
			return strings.TrimSuffix(w, " type")
		}
	}
	return "resource type"
}
