package openapi

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImportInvalidSpecs: documents that cannot be imported are errors at
// a JSON pointer, never a panic nor a half-written schema.
func TestImportInvalidSpecs(t *testing.T) {
	for _, c := range []struct {
		name, spec string
		opts       Options
		pointer    string
		msg        string
	}{
		{"not yaml", "{{{", Options{}, "#", "not an OpenAPI document"},
		{"empty", "", Options{}, "#", "not an OpenAPI document"},
		{"swagger 2", "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n", Options{}, "#/openapi", "want 3.0 or 3.1"},
		{"no paths", "openapi: 3.1.0\ninfo: {title: x, version: '1'}\n", Options{}, "#/paths", "no operation"},
		{"selection matches nothing", chatSpec(t), Options{Tags: []string{"nope"}}, "#/paths", "no operation"},
		{"unresolvable reference", "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Missing'}\n", Options{}, "#", "the document has errors"},
		{"too large", "openapi: 3.1.0\n" + strings.Repeat(" ", MaxSpecSize), Options{}, "#", "larger than"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Import([]byte(c.spec), c.opts)
			require.Error(t, err)
			assert.Nil(t, res)
			var ie *Error
			require.True(t, errors.As(err, &ie), "an *Error: %v", err)
			assert.Equal(t, c.pointer, ie.Pointer)
			assert.Contains(t, ie.Msg, c.msg)
		})
	}
}

func chatSpec(t testing.TB) string {
	b, err := os.ReadFile(filepath.Join("testdata", "import", "chat-openapi.yaml"))
	require.NoError(t, err)
	return string(b)
}

// TestImportUnsupportedIsNoted: what the format lacks is a note with its
// pointer and a comment there, and the rest still loads.
func TestImportUnsupportedIsNoted(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: Odd, version: '1'}
servers: [{url: 'http://insecure.example'}]
components:
  securitySchemes:
    q: {type: apiKey, in: query, name: key}
  schemas:
    Thing:
      type: object
      properties:
        n: {type: integer, enum: [1, 2]}
        m: {type: number, multipleOf: 2}
        p: {type: string, pattern: '(?=x)'}
        any: {oneOf: [{type: object, properties: {a: {type: string}}}, {type: array, items: {type: string}}]}
security: [{q: []}]
paths:
  /things:
    head:
      responses: {'200': {description: ok}}
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}
`
	res, _ := importText(t, spec)
	want := map[string]string{
		"#/servers":                                                           "placeholder",
		"#/components/securitySchemes/q":                                      "API key in the query",
		"#/components/schemas/Thing/properties/n/enum":                        "non-string values",
		"#/components/schemas/Thing/properties/m/multipleOf":                  "multipleOf",
		"#/components/schemas/Thing/properties/p/pattern":                     "RE2",
		"#/components/schemas/Thing/properties/any/oneOf":                     "not distinct scalars",
		"#/paths/~1things/head":                                               "HEAD operations",
		"#/paths/~1things/get/responses/200/content/application~1json/schema": "not an object",
	}
	for ptr, msg := range want {
		found := false
		for _, n := range res.Notes {
			if n.Pointer == ptr && strings.Contains(n.Message, msg) {
				found = true
			}
		}
		assert.True(t, found, "a note at %s containing %q; notes: %v", ptr, msg, res.Notes)
		assert.Contains(t, string(res.YAML), "("+ptr+")", "a comment naming %s", ptr)
	}
}

// TestImportDeterministic: the same spec gives the same bytes, run after run.
func TestImportDeterministic(t *testing.T) {
	for _, name := range []string{"twilio_proxy_v1.json", "graph-callrecords-openapi.yml", "chat-openapi.yaml"} {
		spec, err := os.ReadFile(filepath.Join("testdata", "import", name))
		require.NoError(t, err)
		first, err := Import(spec, Options{})
		require.NoError(t, err)
		for range 3 {
			again, err := Import(spec, Options{})
			require.NoError(t, err)
			require.True(t, bytes.Equal(first.YAML, again.YAML), name)
			require.Equal(t, first.Notes, again.Notes, name)
		}
	}
}
