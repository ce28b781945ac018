package openapi

import (
	"testing"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// api is a small API with every method feature, for TestExportOperations.
const api = `  encoding: form
  headers:
    Prefer: {type: array, items: {type: string}, description: Preferences.}
  pagination: {style: nextLink, next: [meta, next], sizeParam: PageSize, metadata: {page: {path: [meta, page], type: int32}}}
  errors:
    - {status: [422, 409], type: Problem, code: [code], message: [detail], codes: {"422": 7}}
    - {type: Failure, code: [code], message: [message], codes: {"404": not-found, "429": "busy"}}
types:
  Problem: {properties: {code: {type: int32}, detail: {type: string}}}
  Failure: {properties: {code: {type: string}, message: {type: string}}}
  Item: {properties: {id: {type: string, readOnly: true}, data: {type: json}, tags: {type: map, values: {type: string}}, n: {type: int32}}}
resources:
  items:
    type: Item
    description: The items.
    path: /items
    params:
      itemId: {type: string, pattern: "^I", description: The item.}
    methods:
      list:
        http: GET
        path: /items
        query:
          PageSize: {type: int32, minimum: 1}
          Fields: {type: array, items: {type: string}, explode: false, required: true}
        response: {type: Item, paged: true, items: items}
      create:
        http: POST
        path: /items
        headers:
          If-None-Match: {type: string, required: true, pii: true}
        body:
          rules: [{atLeastOneOf: [Data, Name]}]
          fields:
            Data: {type: json}
            Name: {type: string, required: false}
        status: [201, 202]
        response: {type: Item, headers: {Location: {type: uri, required: true, description: Where.}}}
        retrySafe: true
      update:
        http: PATCH
        path: /items/{itemId}
        body: {type: Item, shape: update, encoding: json}
        deprecated: use put
      raw:
        http: GET
        path: /items/{itemId}/raw
        response: {type: binary}
      count:
        http: GET
        path: /items/$count
        response: {type: int64, contentType: text/plain}
      remove:
        http: DELETE
        path: /items/{itemId}/{version}
        params:
          version: {type: int32}
        status: [204]
  other:
    type: Item
    path: /other
    params:
      unused: {type: string}
    methods:
      list: {http: GET, path: /other}
`

// TestExportOperations pins how methods map onto operations.
func TestExportOperations(t *testing.T) {
	for _, c := range []struct {
		name string
		path []string
		want string
	}{
		{"list: query, explode, api header, page body, errors by status", []string{"paths", "/items", "get"},
			`{tags: [items], operationId: items.list,
			  parameters: [
			    {name: PageSize, in: query, schema: {type: integer, format: int32, minimum: 1}},
			    {name: Fields, in: query, required: true, explode: false, schema: {type: array, items: {type: string}}},
			    {$ref: '#/components/parameters/header.Prefer'}],
			  responses: {
			    2XX: {description: A page of Item in member items., content: {application/json: {schema: {type: object, properties: {
			      items: {type: array, items: {$ref: '#/components/schemas/Item'}},
			      meta: {type: object, properties: {
			        next: {type: [string, "null"], format: uri, description: The URL of the next page; absent or null on the last page.},
			        page: {type: [integer, "null"], format: int32}}}}}}}},
			    "409": {$ref: '#/components/responses/error422_409'},
			    "422": {$ref: '#/components/responses/error422_409'},
			    default: {$ref: '#/components/responses/error'}},
			  x-sessiongen-paging: {items: items}}`},
		{"create: form fields with wire names, JSON text field, statuses, response headers", []string{"paths", "/items", "post"},
			`{tags: [items], operationId: items.create,
			  parameters: [
			    {name: If-None-Match, in: header, required: true, schema: {type: string}, x-sessiongen-pii: true},
			    {$ref: '#/components/parameters/header.Prefer'}],
			  requestBody: {required: true, content: {application/x-www-form-urlencoded: {
			    schema: {type: object, properties: {Data: {}, Name: {type: string}}, x-sessiongen-rules: [{atLeastOneOf: [Data, Name]}]},
			    encoding: {Data: {contentType: application/json}}}}},
			  responses: {
			    "201": {description: One Item., headers: {Location: {description: Where., required: true, schema: {type: string, format: uri}}}, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}},
			    "202": {description: One Item., headers: {Location: {description: Where., required: true, schema: {type: string, format: uri}}}, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}},
			    "409": {$ref: '#/components/responses/error422_409'},
			    "422": {$ref: '#/components/responses/error422_409'},
			    default: {$ref: '#/components/responses/error'}},
			  x-sessiongen-retrySafe: true}`},
		{"update: resource parameter by reference, typed body, shape, encoding", []string{"paths", "/items/{itemId}", "patch"},
			`{tags: [items], operationId: items.update, deprecated: true,
			  parameters: [{$ref: '#/components/parameters/path.items.itemId'}, {$ref: '#/components/parameters/header.Prefer'}],
			  requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}, x-sessiongen-shape: update, x-sessiongen-encoding: json},
			  responses: {2XX: {description: 'Success, without a body.'},
			    "409": {$ref: '#/components/responses/error422_409'},
			    "422": {$ref: '#/components/responses/error422_409'},
			    default: {$ref: '#/components/responses/error'}},
			  x-sessiongen-deprecated: use put}`},
		{"binary response", []string{"paths", "/items/{itemId}/raw", "get", "responses", "2XX"},
			`{description: Raw bytes., content: {application/octet-stream: {}}}`},
		{"text response", []string{"paths", "/items/$count", "get", "responses", "2XX"},
			`{description: A text body holding a int64., content: {text/plain: {schema: {type: integer, format: int64}}}}`},
		{"method path parameter inline, 204", []string{"paths", "/items/{itemId}/{version}", "delete"},
			`{tags: [items], operationId: items.remove,
			  parameters: [{$ref: '#/components/parameters/path.items.itemId'}, {name: version, in: path, required: true, schema: {type: integer, format: int32}},
			    {$ref: '#/components/parameters/header.Prefer'}],
			  responses: {"204": {description: 'Success, without a body.'},
			    "409": {$ref: '#/components/responses/error422_409'},
			    "422": {$ref: '#/components/responses/error422_409'},
			    default: {$ref: '#/components/responses/error'}}}`},
		{"shared parameters", []string{"components", "parameters"},
			`{header.Prefer: {name: Prefer, in: header, description: Preferences., schema: {type: array, items: {type: string}}},
			  path.items.itemId: {name: itemId, in: path, description: The item., required: true, schema: {type: string, pattern: ^I}, x-sessiongen-resource: items},
			  path.other.unused: {name: unused, in: path, required: true, schema: {type: string}, x-sessiongen-resource: other}}`},
		{"error responses", []string{"components", "responses"},
			`{error422_409: {description: 'The error body of HTTP statuses 422, 409.', content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}},
			    x-sessiongen-error: {status: [422, 409], code: [code], message: [detail], codes: {"422": 7}}},
			  error: {description: The error body of every error status no other error response claims., content: {application/json: {schema: {$ref: '#/components/schemas/Failure'}}},
			    x-sessiongen-error: {code: [code], message: [message], codes: {"404": not-found, "429": busy}}}}`},
		{"resources are tags", []string{"tags"},
			`[{name: items, description: The items., x-sessiongen-resource: {type: Item, path: /items, params: [{$ref: '#/components/parameters/path.items.itemId'}]}},
			  {name: other, x-sessiongen-resource: {type: Item, path: /other, params: [{$ref: '#/components/parameters/path.other.unused'}]}}]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, parseYAML(t, c.want), fragment(t, api, c.path...))
		})
	}
}

// TestExportRefuses: what one OpenAPI document cannot hold is an error at
// the schema's position, and no document.
func TestExportRefuses(t *testing.T) {
	for name, c := range map[string]struct{ methods, want string }{
		"one path and verb twice": {`
      a: {http: GET, path: /x}
      b: {http: GET, path: /x}`, "acme.yaml:14:7: method b of r: GET /x is also method a of r, and an OpenAPI document holds one operation per path and verb"},
		"paths equal but for parameter names": {`
      a: {http: GET, path: "/x/{p}", params: {p: {type: string}}}
      b: {http: DELETE, path: "/x/{q}", params: {q: {type: string}}}`, `acme.yaml:14:31: method b of r: path /x/{q} differs from /x/{p} only in the names of its parameters, which OpenAPI counts as one path`},
	} {
		t.Run(name, func(t *testing.T) {
			src := header + "  auth: {scheme: bearer}\ntypes:\n  T: {properties: {a: {type: string}}}\nresources:\n  r:\n    type: T\n    path: /x\n    methods:" + c.methods + "\n"
			f, err := schema.Parse("acme.yaml", []byte(src))
			require.NoError(t, err)
			doc, err := Export(f)
			assert.Nil(t, doc)
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
		})
	}
}
