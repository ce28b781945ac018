// Package refdocs renders Markdown reference pages from loaded schemas: for
// each schema, an index of its package, one page per resource and one per
// type, in the shape of API reference pages (description, properties,
// relationships, methods, enum values, a JSON representation), linked to
// each other with relative links. The pages are generated files: each
// starts with the sessiongen header in an HTML comment, and the same
// schemas always give the same bytes.
//
// Layout under the output root, for a schema whose package.path is p:
//
//	p/index.md               the package: API facts, every resource and type
//	p/resources/<name>.md    one per resource
//	p/types/<name>.md        one per type (inline enums included)
//
// The text layout of each page lives in templates/refdocs (text/template);
// this package builds what the templates print, already escaped.
package refdocs

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
)

// site knows where every page of a run lives, so that any page can link to
// any other, including pages of imported schemas that another run renders.
type site struct {
	fileOf   map[*schema.Type]*schema.File
	typePath map[*schema.Type]string     // page path from the output root
	resPath  map[*schema.Resource]string // page path from the output root
	children map[*schema.Resource][]*schema.Resource
	usedBy   map[*schema.Type][]usage
}

// usage is a place that names a type: a type's properties or a resource.
type usage struct {
	typ *schema.Type     // the type whose properties name it, or nil
	res *schema.Resource // the resource whose methods name it, or whose type it is
	// isType: it is res's type.
	isType bool
	// via are the properties or methods that name it, in file order; none
	// when it is the resource's type.
	via []string
}

// safeStem is a page name that needs no escaping in a link or a file system.
var safeStem = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// newSite places the pages of files and of every file they import.
func newSite(files []*schema.File) *site {
	s := &site{
		fileOf:   map[*schema.Type]*schema.File{},
		typePath: map[*schema.Type]string{},
		resPath:  map[*schema.Resource]string{},
		children: map[*schema.Resource][]*schema.Resource{},
		usedBy:   map[*schema.Type][]usage{},
	}
	all := append(append([]*schema.File{}, files...), schema.ImportedFiles(files)...)
	for _, f := range all {
		namer := f.Namer()
		stems := stemSet{}
		for _, t := range f.Types {
			s.fileOf[t] = f
			s.typePath[t] = path.Join(f.Package.Path, "types", stems.unique(t.Name, t.GoIdent(namer))+".md")
		}
		stems = stemSet{}
		for _, r := range f.Resources {
			s.resPath[r] = path.Join(f.Package.Path, "resources", stems.unique(r.Name, namer.Exported(r.Name))+".md")
			if r.Parent != nil && r.Parent.Target != nil {
				s.children[r.Parent.Target] = append(s.children[r.Parent.Target], r)
			}
		}
	}
	for _, f := range files {
		s.indexUses(f)
	}
	return s
}

// stemSet hands out page names, unique within a folder even on a file
// system that ignores case.
type stemSet map[string]bool

// unique returns name when it is a safe file name, else goName (an ASCII
// identifier for every name validation accepts, or "page" when empty),
// with -2, -3, ... appended when the name is taken.
func (s stemSet) unique(name, goName string) string {
	stem := name
	if !safeStem.MatchString(stem) {
		stem = goName
	}
	if !safeStem.MatchString(stem) {
		stem = "page"
	}
	out := stem
	for i := 2; s[strings.ToLower(out)]; i++ {
		out = fmt.Sprintf("%s-%d", stem, i)
	}
	s[strings.ToLower(out)] = true
	return out
}

// indexUses records, for each type of f, the places that name it.
func (s *site) indexUses(f *schema.File) {
	add := func(t *schema.Type, u usage) {
		if t == nil {
			return
		}
		for i, have := range s.usedBy[t] {
			if have.typ == u.typ && have.res == u.res && have.isType == u.isType {
				if len(u.via) > 0 && !slices.Contains(have.via, u.via[0]) {
					s.usedBy[t][i].via = append(have.via, u.via...)
				}
				return
			}
		}
		s.usedBy[t] = append(s.usedBy[t], u)
	}
	for _, t := range f.Types {
		for _, p := range t.Properties {
			for _, named := range namedIn(&p.Type) {
				add(named, usage{typ: t, via: []string{p.Name}})
			}
		}
	}
	for _, r := range f.Resources {
		if r.Type != nil {
			add(r.Type.Target, usage{res: r, isType: true})
		}
		for _, m := range r.Methods {
			var named []*schema.Type
			if m.Body != nil && m.Body.Type != nil {
				named = append(named, m.Body.Type.Target)
			}
			if m.Response != nil && m.Response.Type != nil {
				named = append(named, m.Response.Type.Target)
			}
			for _, list := range [][]*schema.Property{m.Params, m.Query, m.Headers, m.ResponseHeaders, bodyFields(m)} {
				for _, p := range list {
					named = append(named, namedIn(&p.Type)...)
				}
			}
			for _, t := range named {
				add(t, usage{res: r, via: []string{m.Name}})
			}
		}
	}
}

func bodyFields(m *schema.Method) []*schema.Property {
	if m.Body == nil {
		return nil
	}
	return m.Body.Fields
}

// namedIn returns the named types an expression refers to: itself, its
// items and values at any depth, and the enum members of a union.
func namedIn(e *schema.TypeExpr) []*schema.Type {
	var out []*schema.Type
	for depth := 0; e != nil && depth < 64; depth++ {
		switch e.Kind {
		case schema.KindNamed:
			if e.Ref != nil && e.Ref.Target != nil {
				out = append(out, e.Ref.Target)
			}
		case schema.KindUnion:
			if e.UnionType != nil {
				out = append(out, e.UnionType)
			}
			for _, m := range e.Of {
				if m.Ref != nil && m.Ref.Target != nil {
					out = append(out, m.Ref.Target)
				}
			}
		}
		e = cmp.Or(e.Items, e.Values)
	}
	return out
}

// link returns the path of page target relative to the folder of page from.
func link(from, target string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if path.Dir(from) == "." {
		fromDir = nil
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(fromDir) && i < len(to)-1 && fromDir[i] == to[i] {
		i++
	}
	parts := make([]string, 0, len(fromDir)-i+len(to)-i)
	for range fromDir[i:] {
		parts = append(parts, "..")
	}
	return strings.Join(append(parts, to[i:]...), "/")
}

// typeLink is a Markdown link from page from to t's page, named as the
// schema names t (with its import prefix when it is another package's).
func (s *site) typeLink(from string, t *schema.Type, shown string) string {
	target, ok := s.typePath[t]
	if !ok {
		return text(shown)
	}
	return "[" + text(shown) + "](" + link(from, target) + ")"
}

// resourceLink is a Markdown link from page from to r's page.
func (s *site) resourceLink(from string, r *schema.Resource) string {
	return "[" + text(r.Name) + "](" + link(from, s.resPath[r]) + ")"
}
