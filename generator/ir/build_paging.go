package ir

import (
	"fmt"
	"slices"

	"github.com/sessiongen/sessiongen/schema"
)

// This file derives the facts of page metadata and of expanded collections
// that continue (api.pagination.metadata and expandedNextLink).

// pageMetaType is the Go name of the struct of page metadata.
const pageMetaType = "PageMeta"

// pageMetadata fills out.Metadata from the schema's page envelope members.
func (b *builder) pageMetadata(pg *schema.Pagination, out *Pagination) {
	if len(pg.Metadata) == 0 {
		return
	}
	b.claim(pageMetaType, pg.Pos, "api.pagination.metadata")
	out.MetaType = pageMetaType
	for _, f := range pg.Metadata {
		name := b.names.Exported(f.Name)
		pf := &PageField{
			Name: name,
			Path: f.Path,
			Doc:  f.Description,
			Type: b.typ(&schema.TypeExpr{Pos: f.KindPos, Kind: f.Kind}, pageMetaType+" "+name),
		}
		if pg.Style == schema.PaginationPageNumber && len(pg.TotalPages) > 0 && slices.Equal(f.Path, pg.TotalPages) {
			if pf.Type.Kind != Int32 && pf.Type.Kind != Int64 {
				b.errorf(f.KindPos, "api.pagination.metadata %q reads api.pagination.totalPages, an integer: want type int32 or int64", f.Name)
			}
			pf.TotalPages = true
		}
		out.Metadata = append(out.Metadata, pf)
	}
}

// expandedNextLinkFields returns fields with, after each relationship array
// of t, the optional field keeping its next link when the API continues
// expanded collections. Without it the link would be dropped and the rest
// of the array unreachable. Its Go name is the array's with "NextLink"
// appended; taken holds the struct's Go names so far.
func (b *builder) expandedNextLinkFields(t *schema.Type, fields []*Field, taken map[string]string) []*Field {
	pg := b.f.API.Pagination
	if pg == nil || pg.ExpandedNextLink == "" {
		return fields
	}
	var out []*Field
	for _, fl := range fields {
		out = append(out, fl)
		if !continuable(fl) {
			continue
		}
		member := pg.ExpandedNextLinkMember(fl.Wire)
		name := fl.Name + "NextLink"
		if prev, ok := taken[name]; ok {
			b.errorf(pg.ExpandedNextLinkPos, "type %q: the next link %q of relationship %q needs Go name %s, which %s already uses", t.Name, member, fl.Wire, name, prev)
			continue
		}
		taken[name] = fmt.Sprintf("the next link %q", member)
		doc := fmt.Sprintf("%s is the link to the rest of %s when the server sent only its first page (%q); not set when %s is whole.",
			name, fl.Name, member, fl.Name)
		if len(b.f.Resources) > 0 && !t.Abstract {
			doc += fmt.Sprintf(" Client.%s follows it.", continuationName(b.structs[t], fl))
		}
		fl.NextLink = &Field{
			Name:     name,
			Wire:     member,
			Doc:      doc,
			Type:     &Type{Kind: URI},
			Optional: true,
			ReadOnly: true,
		}
		out = append(out, fl.NextLink)
	}
	return out
}

// continuable reports whether fl is an expanded relationship array whose
// elements a page reader can read.
func continuable(fl *Field) bool {
	if !fl.Relationship || fl.Type.Kind != Slice {
		return false
	}
	k := fl.Type.Elem.Kind
	return k == StructRef || k == InterfaceRef
}

// continuations lists the expanded relationship arrays of p's concrete
// structs that the client lets a caller continue, with the reader of the
// pages their links lead to: the API's one items member when every list
// method shares it, otherwise the items member of a list method of the same
// element type.
func (b *builder) continuations(p *Package) {
	pg := b.f.API.Pagination
	if pg == nil || pg.ExpandedNextLink == "" || len(p.Resources) == 0 {
		return
	}
	// The Client's members: its resource fields, then the methods below.
	clientNames := map[string]string{}
	for _, r := range p.Resources {
		if r.Parent == nil {
			clientNames[r.Name] = fmt.Sprintf("resource %q", r.Wire)
		}
	}
	for _, s := range p.Structs {
		if s.Role != RoleModel || s.Abstract {
			continue
		}
		for _, fl := range s.Fields {
			if fl.NextLink == nil {
				continue
			}
			reader := b.continuationReader(p, fl.Type.Elem)
			if reader == nil {
				b.errorf(pg.ExpandedNextLinkPos, "api.pagination.expandedNextLink: cannot tell the items member of the pages that continue %s.%s: the list methods use several and none lists its elements", s.Wire, fl.Wire)
				continue
			}
			c := &Continuation{
				Owner: s, Relationship: fl, Link: fl.NextLink, Elem: fl.Type.Elem, PageReader: reader,
				Name: continuationName(s, fl),
			}
			c.PageName = c.Name + "Page"
			c.FetchName = "fetch" + c.Name
			what := fmt.Sprintf("continuing %s.%s", s.Wire, fl.Wire)
			for _, n := range []string{c.Name, c.PageName} {
				if prev, ok := clientNames[n]; ok {
					b.errorf(pg.ExpandedNextLinkPos, "api.pagination.expandedNextLink: Client method %s (%s) is already the Go name of %s", n, what, prev)
				}
				clientNames[n] = what
			}
			p.API.Continuations = append(p.API.Continuations, c)
		}
	}
}

// continuationName is the Go name of the Client method continuing the
// relationship array fl of s.
func continuationName(s *Struct, fl *Field) string {
	return "Continue" + s.Name + fl.Name
}

// continuationReader returns the page reader of the pages continuing an
// array of elem, or nil when the API does not tell.
func (b *builder) continuationReader(p *Package, elem *Type) *PageReader {
	if len(p.API.PageReaders) == 1 {
		return p.API.PageReaders[0]
	}
	for _, r := range p.Resources {
		for _, m := range r.Methods {
			if m.Response != nil && m.Response.Paged && sameElem(m.Response.Type, elem) {
				return m.Response.PageReader
			}
		}
	}
	return nil
}

func sameElem(a, b *Type) bool {
	if a == nil || b == nil || a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case StructRef:
		return a.Struct == b.Struct
	case InterfaceRef:
		return a.Interface == b.Interface
	}
	return false
}
