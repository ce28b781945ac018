package ir

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

// httpSchema declares the HTTP facts build_http.go derives: statuses,
// text bodies, request and response headers, error shapes by status (one
// of them sharing the default's type, one typed as a type named like an
// APIError field).
const httpSchema = `sessiongen: 1
package: {name: httpfacts, path: httpfacts}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  errors:
    - status: [422]
      type: Message
      message: [text]
    - status: [409]
      type: Failure
      message: [message]
    - type: Failure
      code: [code]
      message: [message]
  headers:
    Api-Version: {type: string, required: true}
types:
  Failure:
    properties:
      code: {type: int32}
      message: {type: string}
  Message:
    properties:
      text: {type: string}
  Thing:
    key: id
    properties:
      id: {type: string, readOnly: true}
resources:
  things:
    type: Thing
    path: /things
    params: {id: {type: string}}
    methods:
      create:
        http: POST
        path: /things
        body: {type: Thing}
        status: [201, 204]
        headers:
          If-None-Match: {type: string}
        response:
          type: Thing
          headers:
            Location: {type: uri, required: true}
      count:
        http: GET
        path: /things/$count
        response: {type: int32, contentType: text/plain}
      delete: {http: DELETE, path: "/things/{id}", status: [200]}
`

func TestBuildHTTPFacts(t *testing.T) {
	f, err := schema.Parse("http.yaml", []byte(httpSchema))
	require.NoError(t, err)
	p, err := Build(f, Options{})
	require.NoError(t, err)
	a := p.API

	require.Len(t, a.Headers, 1)
	assert.Equal(t, "APIVersion", a.Headers[0].Name)
	assert.True(t, a.Headers[0].Required)

	// The default shape's body keeps the name Body; a 409 of the same type
	// shares it; Message is an APIError field, so its body is MessageBody.
	require.Len(t, a.ErrorBodies, 2)
	assert.Equal(t, "Body", a.ErrorBodies[0].Field)
	assert.Equal(t, "Failure", a.ErrorBodies[0].Type.Name)
	assert.Equal(t, "MessageBody", a.ErrorBodies[1].Field)
	require.Len(t, a.ErrorsByStatus, 2)
	assert.Equal(t, []int{422}, a.ErrorsByStatus[0].Statuses)
	assert.Same(t, a.ErrorBodies[1], a.ErrorsByStatus[0].Body)
	assert.Same(t, a.ErrorBodies[0], a.ErrorsByStatus[1].Body)
	assert.True(t, a.ErrorShape.CodeIsNumber)

	methods := map[string]*Method{}
	for _, m := range p.Resources[0].Methods {
		methods[m.Wire] = m
	}
	create := methods["create"]
	assert.Equal(t, []int{201, 204}, create.Statuses)
	assert.True(t, create.NoContent)
	assert.Equal(t, "ThingsCreateHeaders", create.HeadersName)
	assert.Equal(t, "IfNoneMatch", create.Headers[0].Name)
	assert.Equal(t, "ThingsCreateResponseHeaders", create.ResultName)
	assert.Equal(t, "readThingsCreateResponseHeaders", create.ResultReader)
	assert.Equal(t, URI, create.ResponseHeaders[0].Type.Kind)

	count := methods["count"]
	require.NotNil(t, count.Response.Text)
	assert.Equal(t, Int32, count.Response.Text.Kind)
	assert.False(t, count.Response.Binary, "a text body is not bytes")
	assert.Equal(t, MethodAction, count.Kind)

	assert.False(t, methods["delete"].NoContent)
	assert.Empty(t, methods["delete"].HeadersName)
	assert.Empty(t, methods["delete"].ResultName)
}

// TestBuildHTTPNamesClaimed: the Go names of headers structs are claimed,
// so a type with the same name is a positioned error, not a duplicate
// declaration.
func TestBuildHTTPNamesClaimed(t *testing.T) {
	clash := `sessiongen: 1
package: {name: clash, path: clash}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  headers:
    X-A: {type: string}
types:
  RequestHeaders:
    properties:
      a: {type: string}
`
	f, err := schema.Parse("clash.yaml", []byte(clash))
	require.NoError(t, err)
	_, err = Build(f, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "RequestHeaders")
	assert.Contains(t, err.Error(), "clash.yaml:")
}

// TestBuildHTTPPagedResponseHeaders: response headers on a paged method are
// refused at the method, not dropped.
func TestBuildHTTPPagedResponseHeaders(t *testing.T) {
	src := `sessiongen: 1
package: {name: paged, path: paged}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  pagination: {style: nextLink, next: [next]}
types:
  Thing:
    properties:
      id: {type: string}
resources:
  things:
    type: Thing
    path: /things
    methods:
      list:
        http: GET
        path: /things
        response:
          type: Thing
          paged: true
          items: items
          headers:
            ETag: {type: string}
`
	f, err := schema.Parse("paged.yaml", []byte(src))
	require.NoError(t, err)
	_, err = Build(f, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "paged.yaml:24:13:")
	assert.Contains(t, err.Error(), "response headers on a paged method are not supported yet")
}

// TestBuildHTTPHeaderNameClash: a request header that would be named
// Validate is a positioned error (two headers of one Go name are the
// schema validator's error already).
func TestBuildHTTPHeaderNameClash(t *testing.T) {
	src := `sessiongen: 1
package: {name: clash, path: clash}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  headers:
    X-Trace: {type: string}
types:
  Thing:
    properties:
      id: {type: string}
resources:
  things:
    type: Thing
    path: /things
    methods:
      get:
        http: GET
        path: /things
        headers:
          Validate: {type: string}
        response: {type: Thing}
`
	f, err := schema.Parse("clash.yaml", []byte(src))
	require.NoError(t, err)
	_, err = Build(f, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `clash.yaml:21:11: method "get" headers: header "Validate" needs Go name Validate`)
}
