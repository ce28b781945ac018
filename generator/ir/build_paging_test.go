package ir

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

// pagingSchema has page metadata (one member of which is also totalPages)
// and expanded relationship arrays of every kind: on a base type (inherited
// by a subtype), of a polymorphic element type, on a nested type; beside a
// relationship that is not an array and an array that is not a
// relationship.
const pagingSchema = `sessiongen: 1
package: {name: paging, path: paging}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  discriminator: kind
  pagination:
    style: pageNumber
    pageParam: page
    sizeParam: limit
    totalPages: [meta, pages]
    metadata:
      pages: {path: [meta, pages], type: int32, description: Pages in all.}
      first_url: {path: [links, first], type: uri}
      count: {path: [count], type: int64}
    expandedNextLink: "{property}@next"
types:
  Base:
    abstract: true
    key: id
    properties:
      id: {type: string}
      kids: {type: array, items: {type: Kid}, relationship: true}
      tags: {type: array, items: {type: string}}
      owner: {type: Kid, relationship: true}
  Derived:
    base: Base
    discriminatorValue: derived
    properties:
      extra: {type: string}
  Kid:
    properties:
      id: {type: string}
      pets: {type: array, items: {type: Animal}, relationship: true}
  Animal:
    abstract: true
    properties:
      name: {type: string}
  Cat:
    base: Animal
    discriminatorValue: cat
    properties:
      lives: {type: int32}
resources:
  bases:
    type: Base
    path: /bases
    methods:
      list: {http: GET, path: /bases, response: {type: Derived, paged: true, items: data}}
`

func TestBuildPageMetadata(t *testing.T) {
	p := buildPaging(t, pagingSchema)
	pg := p.API.Pagination
	assert.Equal(t, "PageMeta", pg.MetaType)
	require.Len(t, pg.Metadata, 3)
	var names []string
	for _, mf := range pg.Metadata {
		names = append(names, mf.Name)
	}
	assert.Equal(t, []string{"Pages", "FirstURL", "Count"}, names)
	assert.Equal(t, Int32, pg.Metadata[0].Type.Kind)
	assert.True(t, pg.Metadata[0].TotalPages, "meta.pages is also totalPages: read once")
	assert.Equal(t, URI, pg.Metadata[1].Type.Kind)
	assert.Equal(t, []string{"links", "first"}, pg.Metadata[1].Path)
	assert.False(t, pg.Metadata[1].TotalPages)
	assert.Equal(t, Int64, pg.Metadata[2].Type.Kind)
}

// TestBuildExpandedNextLinks pins the class: every relationship array of
// every emitted struct, and nothing else, gets a NextLink field right after
// it and a Continuation reading its pages with the API's page reader.
func TestBuildExpandedNextLinks(t *testing.T) {
	p := buildPaging(t, pagingSchema)
	structs := map[string]*Struct{}
	for _, s := range p.Structs {
		structs[s.Wire] = s
	}
	linked := map[string][]string{} // struct -> its link fields
	for _, s := range p.Structs {
		if s.Abstract {
			continue // no struct emitted
		}
		for i, fl := range s.Fields {
			if fl.NextLink == nil {
				assert.False(t, fl.Relationship && fl.Type.Kind == Slice, "%s.%s has no next link", s.Wire, fl.Wire)
				continue
			}
			require.Less(t, i+1, len(s.Fields))
			assert.Same(t, fl.NextLink, s.Fields[i+1], "the link follows its array")
			assert.Equal(t, fl.Wire+"@next", fl.NextLink.Wire)
			assert.True(t, fl.NextLink.Optional && fl.NextLink.ReadOnly)
			linked[s.Wire] = append(linked[s.Wire], fl.NextLink.Name)
		}
	}
	assert.Equal(t, map[string][]string{
		"Derived": {"KidsNextLink"}, "Kid": {"PetsNextLink"},
	}, linked)

	var conts []string
	for _, c := range p.API.Continuations {
		conts = append(conts, c.Name+" "+c.PageName+" "+c.FetchName)
		assert.Same(t, p.API.PageReaders[0], c.PageReader)
		assert.Same(t, c.Relationship.NextLink, c.Link)
		assert.Same(t, c.Relationship.Type.Elem, c.Elem)
	}
	assert.Equal(t, []string{
		"ContinueDerivedKids ContinueDerivedKidsPage fetchContinueDerivedKids",
		"ContinueKidPets ContinueKidPetsPage fetchContinueKidPets",
	}, conts)
	assert.Equal(t, InterfaceRef, p.API.Continuations[1].Elem.Kind, "a polymorphic element is read through its interface")
}

func TestBuildPagingErrors(t *testing.T) {
	cases := map[string]struct{ from, to, want string }{
		"a link's Go name is taken": {
			"      extra: {type: string}", "      kidsNextLink: {type: string}",
			`type "Derived": the next link "kids@next" of relationship "kids" needs Go name KidsNextLink, which property "kidsNextLink" already uses`,
		},
		"PageMeta is a type's name": {
			"  Animal:\n", "  PageMeta:\n    properties:\n      x: {type: string}\n  Animal:\n",
			"api.pagination.metadata needs Go name PageMeta",
		},
		"totalPages metadata is not an integer": {
			"pages: {path: [meta, pages], type: int32", "pages: {path: [meta, pages], type: string",
			`api.pagination.metadata "pages" reads api.pagination.totalPages, an integer: want type int32 or int64`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			src := replaceOnce(t, pagingSchema, tc.from, tc.to)
			f, err := schema.Parse("paging.yaml", []byte(src))
			require.NoError(t, err)
			_, err = Build(f, Options{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestBuildContinuationReader: with several items members, the pages that
// continue an array are read with the list method's of the same element
// type; with none, the schema is refused at expandedNextLink.
func TestBuildContinuationReader(t *testing.T) {
	src := replaceOnce(t, pagingSchema, "      list: {http: GET, path: /bases, response: {type: Derived, paged: true, items: data}}",
		"      list: {http: GET, path: /bases, response: {type: Derived, paged: true, items: data}}\n"+
			"      kids: {http: GET, path: /kids, response: {type: Kid, paged: true, items: kids}}\n"+
			"      pets: {http: GET, path: /pets, response: {type: Animal, paged: true, items: pets}}")
	p := buildPaging(t, src)
	require.Len(t, p.API.PageReaders, 3)
	readers := map[string]string{}
	for _, c := range p.API.Continuations {
		readers[c.Name] = c.PageReader.Items
	}
	assert.Equal(t, map[string]string{"ContinueDerivedKids": "kids", "ContinueKidPets": "pets"}, readers)

	src = replaceOnce(t, src, "      pets: {http: GET, path: /pets, response: {type: Animal, paged: true, items: pets}}", "")
	f, err := schema.Parse("paging.yaml", []byte(src))
	require.NoError(t, err)
	_, err = Build(f, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot tell the items member of the pages that continue Kid.pets")
}

func buildPaging(t *testing.T, src string) *Package {
	t.Helper()
	f, err := schema.Parse("paging.yaml", []byte(src))
	require.NoError(t, err)
	p, err := Build(f, Options{})
	require.NoError(t, err)
	return p
}

func replaceOnce(t *testing.T, s, from, to string) string {
	t.Helper()
	i := strings.Index(s, from)
	require.GreaterOrEqual(t, i, 0, "schema holds %q", from)
	return s[:i] + to + s[i+len(from):]
}

// TestBuildContinuationNamesCollide: Client method names of continuations
// that concatenate alike are refused, not overwritten: KidPets.page's
// iterator would be Kid.pets's page variant.
func TestBuildContinuationNamesCollide(t *testing.T) {
	src := replaceOnce(t, pagingSchema, "  Animal:\n",
		"  KidPets:\n    properties:\n      page: {type: array, items: {type: Kid}, relationship: true}\n  Animal:\n")
	f, err := schema.Parse("paging.yaml", []byte(src))
	require.NoError(t, err)
	_, err = Build(f, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Client method ContinueKidPetsPage (continuing KidPets.page) is already the Go name of continuing Kid.pets")
}
