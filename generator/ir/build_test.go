package ir

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

// factsSchema exercises the facts the IR derives for the emitters: method
// kinds, bodies by encoding, page readers shared by items member (and kept
// apart when two members map to one Go name), query explode, the error code
// field, argument names that would shadow the client's locals, path parts.
const factsSchema = `sessiongen: 1
package: {name: facts, path: facts}
api:
  baseURL: https://api.example.com
  auth: {scheme: basic, username: account_sid, password: authToken}
  encoding: form
  pagination: {style: nextLink, next: [next]}
  errors: {type: Problem, code: [error, code], message: [error, message]}
types:
  Problem:
    properties:
      error: {type: Detail}
  Detail:
    properties:
      code: {type: int64}
      message: {type: string}
  Thing:
    key: id
    properties:
      id: {type: string, readOnly: true}
      name: {type: string}
resources:
  things:
    type: Thing
    path: /things
    params: {ctx: {type: string}}
    methods:
      list:
        http: GET
        path: /things
        query:
          tag: {type: array, items: {type: string}, explode: false}
          kind: {type: array, items: {type: string}}
        response: {type: Thing, paged: true, items: items}
      listOther:
        http: GET
        path: /things/other
        response: {type: Thing, paged: true, items: item_s}
      listMore:
        http: GET
        path: /things/more
        response: {type: Thing, paged: true, items: items}
      create: {http: POST, path: /things, body: {type: Thing, encoding: json}, response: {type: Thing}}
      get: {http: GET, path: "/things/{ctx}", response: {type: Thing}}
      update: {http: PATCH, path: "/things/{ctx}", body: {fields: {name: {type: string}}}, response: {type: Thing}}
      archive: {http: POST, path: "/things/{ctx}/archive"}
      delete: {http: DELETE, path: "/things/{ctx}"}
`

func TestBuildDerivesFacts(t *testing.T) {
	f, err := schema.Parse("facts.yaml", []byte(factsSchema))
	require.NoError(t, err)
	p, err := Build(f, Options{})
	require.NoError(t, err)
	r := p.Resources[0]
	methods := map[string]*Method{}
	for _, m := range r.Methods {
		methods[m.Wire] = m
	}

	kinds := map[string]MethodKind{"list": MethodList, "listOther": MethodList, "listMore": MethodList, "create": MethodCreate,
		"get": MethodGet, "update": MethodUpdate, "archive": MethodAction, "delete": MethodDelete}
	for name, want := range kinds {
		assert.Equal(t, want, methods[name].Kind, name)
	}

	// Bodies: Thing is sent as JSON, the update request as a form.
	thing := methods["create"].Body.Struct
	assert.True(t, thing.SentJSON)
	assert.False(t, thing.SentForm)
	upd := methods["update"].Body.Struct
	assert.True(t, upd.SentForm)
	assert.False(t, upd.SentJSON)

	// One reader per items member, in first-use order; "items" and "item_s"
	// both map to ReadItemsPage, so the second gets a suffix.
	require.Len(t, p.API.PageReaders, 2)
	assert.Equal(t, "readItemsPage", p.API.PageReaders[0].Name)
	assert.Equal(t, "readItemSPage", p.API.PageReaders[1].Name)
	assert.Same(t, methods["list"].Response.PageReader, methods["listMore"].Response.PageReader)

	// Query explode on the parameter struct's fields.
	explode := map[string]bool{}
	for _, fl := range methods["list"].Params.Fields {
		explode[fl.Wire] = fl.Explode
	}
	assert.Equal(t, map[string]bool{"tag": false, "kind": true}, explode)

	// The error code is found through the nested Detail struct.
	require.NotNil(t, p.API.ErrorShape.CodeField)
	assert.Equal(t, "code", p.API.ErrorShape.CodeField.Wire)
	assert.True(t, p.API.ErrorShape.CodeIsNumber)

	// A path parameter named like a client local gets a suffix.
	get := methods["get"]
	require.Len(t, get.Args, 1)
	assert.Equal(t, "ctxArg", get.Args[0].ArgName)
	assert.Equal(t, []PathPart{{Literal: "/things/"}, {Param: get.PathParams[0]}}, get.PathParts)
	archive := methods["archive"]
	assert.Equal(t, "/archive", archive.PathParts[len(archive.PathParts)-1].Literal)

	// The fake copies the update's name onto the resource's; create sends
	// the resource itself, so there is nothing to pair.
	require.Len(t, methods["update"].Copies, 1)
	assert.Equal(t, "name", methods["update"].Copies[0].To.Wire)
	assert.Contains(t, thing.Fields, methods["update"].Copies[0].To)
	assert.Empty(t, methods["create"].Copies)

	assert.Equal(t, "accountSid", p.API.Auth.UsernameArg)
	assert.Equal(t, "ListPage", methods["list"].PageName)
	assert.Equal(t, "listCall", methods["list"].CallName)
	assert.Equal(t, "fetchList", methods["list"].FetchName)
}
