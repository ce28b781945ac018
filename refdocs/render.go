package refdocs

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"strings"
	"text/template"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/generator/output"
	"github.com/sessiongen/sessiongen/schema"
	"github.com/sessiongen/sessiongen/templates"
)

// Render returns the pages of files: for each, its index, a page per
// resource and a page per type, with paths relative to the output root.
// Files they import are linked to, not rendered: render them in the same
// run, or in another run into the same output root. The order of files does
// not change any page.
func Render(files []*schema.File) ([]generator.File, error) {
	tmpl, err := template.New("refdocs").Funcs(template.FuncMap{"inline": inline}).ParseFS(templates.RefDocs(), "refdocs/*.md.tmpl")
	if err != nil {
		return nil, err
	}
	s := newSite(files)
	var out []generator.File
	for _, f := range files {
		header := output.Markdown.Header(cmp.Or(f.ModuleRelPath, f.Path))
		pages := []page{s.indexPage(f)}
		for _, r := range f.Resources {
			pages = append(pages, s.resourcePage(f, r))
		}
		for _, t := range f.Types {
			pages = append(pages, s.typePage(f, t))
		}
		for _, pg := range pages {
			pg.Header = header
			name := "type.md.tmpl"
			switch path.Base(path.Dir(pg.Path)) {
			case "resources":
				name = "resource.md.tmpl"
			}
			if pg.Path == s.indexPath(f) {
				name = "index.md.tmpl"
			}
			var b bytes.Buffer
			if err := tmpl.ExecuteTemplate(&b, name, pg); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", f.Path, pg.Path, err)
			}
			out = append(out, generator.File{Path: pg.Path, Content: b.Bytes()})
		}
	}
	return out, nil
}

func (s *site) indexPath(f *schema.File) string {
	return path.Join(f.Package.Path, "index.md")
}

// indexPage is the package's page: what the API is and every page of it.
func (s *site) indexPage(f *schema.File) page {
	pg := page{Path: s.indexPath(f), Title: "Package " + code(f.Package.Name) + " reference"}
	pg.Description = prose(f.Package.Description)
	a := f.API
	pg.Facts = append(pg.Facts, "Schema: "+code(cmp.Or(f.ModuleRelPath, f.Path)))
	if a.BaseURL != "" {
		pg.Facts = append(pg.Facts, "Base URL: "+code(a.BaseURL))
	}
	if a.Auth.Scheme != "" {
		auth := "Authentication: " + string(a.Auth.Scheme)
		if a.Auth.Header != "" {
			auth += " in header " + code(a.Auth.Header)
		}
		pg.Facts = append(pg.Facts, auth)
	}
	if a.Encoding != "" {
		pg.Facts = append(pg.Facts, "Request bodies: "+string(a.Encoding))
	}
	if p := a.Pagination; p != nil {
		pg.Facts = append(pg.Facts, "Paging: "+pagingText(p))
		for _, m := range p.Metadata {
			pg.Facts = append(pg.Facts, fmt.Sprintf("Page member %s (%s, at %s): %s", code(m.Name), m.Kind, code(jsonPath(m.Path)), cellText(m.Description)))
		}
	}
	for _, e := range append(append([]*schema.ErrorShape{}, a.ErrorsByStatus...), a.Errors) {
		if e == nil || e.Type == nil {
			continue
		}
		which := "every other status"
		if len(e.Statuses) > 0 {
			var st []string
			for _, c := range e.Statuses {
				st = append(st, strconv.Itoa(c))
			}
			which = "status " + strings.Join(st, ", ")
		} else if len(a.ErrorsByStatus) == 0 {
			which = "every error status"
		}
		pg.Facts = append(pg.Facts, "Error body ("+which+"): "+s.typeLink(pg.Path, e.Type.Target, e.Type.Name))
	}
	if a.Discriminator != "" {
		pg.Facts = append(pg.Facts, "Discriminator: "+code(a.Discriminator))
	}
	for _, h := range a.Headers {
		pg.Facts = append(pg.Facts, "Request header "+code(h.Name)+" ("+s.typeCell(pg.Path, f, &h.Type)+"): "+withNotes(h.Description, propertyNotes(h)))
	}
	for _, r := range f.Resources {
		kind := ""
		if r.Type != nil {
			kind = s.typeLink(pg.Path, r.Type.Target, r.Type.Name)
		}
		pg.Resources = append(pg.Resources, indexRow{Name: s.resourceLink(pg.Path, r), Kind: kind, Description: cellText(r.Description)})
	}
	for _, t := range f.Types {
		pg.Types = append(pg.Types, indexRow{Name: s.typeLink(pg.Path, t, t.Name), Kind: kindOf(t), Description: cellText(t.Description)})
	}
	return pg
}

func kindOf(t *schema.Type) string {
	switch {
	case t.IsEnum:
		return "enum"
	case t.Union != nil:
		return "union"
	case t.GoType != nil:
		return "Go type"
	}
	return "object"
}

// resourcePage is r's page: its methods and its children's, its type's
// properties, relationships and enums, its sub-resources and an example.
func (s *site) resourcePage(f *schema.File, r *schema.Resource) page {
	pg := page{Path: s.resPath[r], Title: text(r.Name) + " resource"}
	pg.Up = link(pg.Path, s.indexPath(f))
	pg.Description = prose(r.Description)
	if r.Type != nil {
		pg.Facts = append(pg.Facts, "Type: "+s.typeLink(pg.Path, r.Type.Target, r.Type.Name))
	}
	if r.Path != "" {
		pg.Facts = append(pg.Facts, "Path: "+code(r.Path))
	}
	if r.Parent != nil && r.Parent.Target != nil {
		pg.Facts = append(pg.Facts, "Parent: "+s.resourceLink(pg.Path, r.Parent.Target))
	}
	if r.Type != nil && r.Type.Target != nil {
		pg.Facts = append(pg.Facts, s.typeFacts(pg.Path, r.Type.Target)...)
	}
	for _, m := range r.Methods {
		pg.Methods = append(pg.Methods, methodRow{
			Method:      "[" + text(m.Name) + "](#" + methodAnchor(m) + ")",
			Request:     code(m.HTTP + " " + m.Path),
			Returns:     s.returns(pg.Path, f, m),
			Description: methodDescription(m),
		})
		pg.Details = append(pg.Details, s.methodDetail(pg.Path, f, r, m))
	}
	for _, c := range s.children[r] {
		for _, m := range c.Methods {
			pg.Methods = append(pg.Methods, methodRow{
				Method:      "[" + text(c.Name+"."+m.Name) + "](" + link(pg.Path, s.resPath[c]) + "#" + methodAnchor(m) + ")",
				Request:     code(m.HTTP + " " + m.Path),
				Returns:     s.returns(pg.Path, f, m),
				Description: methodDescription(m),
			})
		}
		typ := ""
		if c.Type != nil {
			typ = s.typeLink(pg.Path, c.Type.Target, c.Type.Name)
		}
		pg.SubResources = append(pg.SubResources, subRow{Resource: s.resourceLink(pg.Path, c), Type: typ, Path: code(c.Path), Description: cellText(c.Description)})
	}
	if r.Type != nil && r.Type.Target != nil && !r.Type.Target.IsEnum {
		s.objectSections(&pg, r.Type.Target, "resource")
	}
	return pg
}

// typePage is t's page.
func (s *site) typePage(f *schema.File, t *schema.Type) page {
	pg := page{Path: s.typePath[t], Title: text(t.Name) + " " + kindOf(t) + " type"}
	pg.Up = link(pg.Path, s.indexPath(f))
	pg.Description = prose(t.Description)
	pg.Facts = s.typeFacts(pg.Path, t)
	if t.GoType == nil {
		pg.Facts = append([]string{"Go type: " + code(f.Package.Name+"."+t.GoIdent(f.Namer()))}, pg.Facts...)
	}
	switch {
	case t.IsEnum:
		pg.Facts = append(pg.Facts, enumNote(t))
		if t.InlineOf != "" {
			pg.Facts = append(pg.Facts, "Written inline on "+text(t.InlineOf))
		}
		pg.Values = valueRows(t)
	case t.Union != nil:
		e := t.Union
		for _, m := range e.Of {
			if m.Ref != nil {
				pg.Members = append(pg.Members, s.typeLink(pg.Path, m.Ref.Target, m.Ref.Name))
			} else {
				pg.Members = append(pg.Members, code(string(m.Kind)))
			}
		}
	case t.GoType != nil:
		pg.Facts = append(pg.Facts, "Go type: "+code(t.GoType.Import+"."+t.GoType.Name)+" (the caller's own; its JSON is its own)")
	default:
		s.objectSections(&pg, t, "type")
	}
	pg.UsedBy = s.usedByLinks(pg.Path, t)
	return pg
}

// methodHeading is the heading of a method's details: "Method" in front
// keeps its anchor apart from the page's other headings (an enum named
// list, a section named Properties), which GitHub would number instead.
func methodHeading(m *schema.Method) string { return "Method " + code(m.Name) }

// methodAnchor is the fragment of methodHeading(m): the anchor of its text.
func methodAnchor(m *schema.Method) string { return anchor("Method " + m.Name) }

// anchor is the fragment GitHub gives a heading made of name alone: lower
// case, punctuation but - and _ dropped, spaces as -.
func anchor(name string) string {
	var b []rune
	for _, r := range name {
		switch {
		case r >= 'A' && r <= 'Z':
			b = append(b, r+'a'-'A')
		case r == ' ':
			b = append(b, '-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
			b = append(b, r)
		}
	}
	return string(b)
}

// pagingText says how list methods reach their next page.
func pagingText(p *schema.Pagination) string {
	var parts []string
	switch p.Style {
	case schema.PaginationNextLink:
		parts = append(parts, "the next page's URL is in the page at "+code(jsonPath(p.Next)))
	case schema.PaginationPageNumber:
		parts = append(parts, fmt.Sprintf("page numbers in query parameter %s, from %d", code(p.PageParam), p.FirstPage))
	}
	if p.SizeParam != "" {
		parts = append(parts, "page size in query parameter "+code(p.SizeParam))
	}
	return string(p.Style) + ": " + strings.Join(parts, "; ")
}

// jsonPath writes a JSON path as the schema does, a list of member names:
// a name may hold a dot (@odata.nextLink).
func jsonPath(p schema.JSONPath) string {
	b, err := json.Marshal([]string(p))
	if err != nil {
		return strings.Join(p, ".") // cannot happen: strings always marshal
	}
	return string(b)
}
