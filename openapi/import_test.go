package openapi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

// importFile imports a spec of testdata/import and checks that the schema
// loads with zero errors.
func importFile(t testing.TB, name string, opts Options) *Result {
	t.Helper()
	spec, err := os.ReadFile(filepath.Join("testdata", "import", name))
	require.NoError(t, err)
	opts.Source = name
	res, err := Import(spec, opts)
	require.NoError(t, err)
	_, err = schema.Parse(name+".yaml", res.YAML)
	require.NoError(t, err, "the imported schema must load:\n%s", res.YAML)
	return res
}

// importText imports a spec written in a test and loads the schema.
func importText(t testing.TB, spec string) (*Result, *schema.File) {
	t.Helper()
	res, err := Import([]byte(spec), Options{})
	require.NoError(t, err)
	f, err := schema.Parse("test.yaml", res.YAML)
	require.NoError(t, err, "%s", res.YAML)
	return res, f
}

// typesByName indexes a schema's types.
func typesByName(f *schema.File) map[string]*schema.Type {
	types := map[string]*schema.Type{}
	for _, ty := range f.Types {
		types[ty.Name] = ty
	}
	return types
}

func TestImportLoads(t *testing.T) {
	for _, c := range []struct {
		spec string
		opts Options
	}{
		{"twilio_proxy_v1.json", Options{}},
		{"syllable-openapi.json", Options{Tags: []string{"sessions", "sessions.transcript", "sessions.full-summary", "sessions.latency", "sessions.timeline"}}},
		{"graph-callrecords-openapi.yml", Options{}},
		{"syllable-openapi.json", Options{}}, // every operation of the 1 MB spec
		{"chat-openapi.yaml", Options{}},
	} {
		t.Run(c.spec, func(t *testing.T) {
			res := importFile(t, c.spec, c.opts)
			require.NotEmpty(t, res.YAML)
			if os.Getenv("IMPORT_DUMP") != "" {
				os.WriteFile(filepath.Join(os.Getenv("IMPORT_DUMP"), c.spec+".yaml"), res.YAML, 0o644)
				for _, n := range res.Notes {
					t.Log(n)
				}
			}
		})
	}
}

// TestImportJSONAndYAMLAgree: the JSON and YAML forms of one spec import to
// the same schema (but for the source named in the header).
func TestImportJSONAndYAMLAgree(t *testing.T) {
	fromJSON := importFile(t, "twilio_proxy_v1.json", Options{})
	fromYAML := importFile(t, "twilio_proxy_v1.yaml", Options{})
	body := func(b []byte) string {
		s := string(b)
		return s[strings.Index(s, "\nsessiongen: 1"):]
	}
	require.Equal(t, body(fromJSON.YAML), body(fromYAML.YAML))
	require.Equal(t, fromJSON.Notes, fromYAML.Notes)
}

// TestImportTwilioFacts pins mappings the Go API comparison cannot see:
// Twilio's x-twilio conditional as a rule, pii, form encoding, paging.
func TestImportTwilioFacts(t *testing.T) {
	res := importFile(t, "twilio_proxy_v1.json", Options{})
	f, err := schema.Parse("twilio.yaml", res.YAML)
	require.NoError(t, err)
	require.Equal(t, schema.EncodingForm, f.API.Encoding)
	require.Equal(t, schema.JSONPath{"meta", "next_page_url"}, f.API.Pagination.Next)
	require.Equal(t, "PageSize", f.API.Pagination.SizeParam)
	require.Equal(t, schema.AuthBasic, f.API.Auth.Scheme)
	require.Equal(t, "accountSid", f.API.Auth.Username)
	var create *schema.Method
	for _, r := range f.Resources {
		for _, m := range r.Methods {
			if r.Name == "messageInteractions" && m.Name == "create" {
				create = m
			}
		}
		if r.Name == "messageInteractions" {
			require.Equal(t, "participants", r.Parent.Name)
		}
	}
	require.NotNil(t, create)
	require.Len(t, create.Body.Rules, 1)
	require.Equal(t, schema.RuleAtLeastOneOf, create.Body.Rules[0].Kind)
	require.Equal(t, []string{"Body", "MediaUrl"}, create.Body.Rules[0].Names)
	for _, ty := range f.Types {
		for _, p := range ty.Properties {
			if ty.Name == "participant" && p.Name == "identifier" {
				require.True(t, p.PII, "x-twilio pii")
			}
		}
	}
}

// TestImportUnionProbeDeclaresNothing: trying an anyOf out as a union of
// scalars neither declares nor hides the object types it meets; a type
// used after such a try is declared once.
func TestImportUnionProbeDeclaresNothing(t *testing.T) {
	spec := `openapi: 3.1.0
info: {title: Probe, version: '1'}
servers: [{url: 'https://probe.example'}]
components:
  schemas:
    Inner: {type: object, properties: {a: {type: string}}}
    Outer:
      type: object
      properties:
        either: {anyOf: [{$ref: '#/components/schemas/Inner'}, {type: string}]}
        inner: {$ref: '#/components/schemas/Inner'}
        inline: {oneOf: [{type: object, properties: {b: {type: string}}}, {type: integer}]}
paths:
  /outer:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Outer'}}}}
`
	_, f := importText(t, spec)
	var names []string
	for _, ty := range f.Types {
		names = append(names, ty.Name)
	}
	require.ElementsMatch(t, []string{"Inner", "Outer"}, names)
}

// TestImportMappedSubtypesWhereValuesAppear: a root's mapped subtypes are
// imported where a value of the root can appear, not when the root is only
// a base (Graph's entity maps over a thousand subtypes).
func TestImportMappedSubtypesWhereValuesAppear(t *testing.T) {
	spec := func(holder string) string {
		return `openapi: 3.0.3
info: {title: Zoo, version: '1'}
servers: [{url: 'https://zoo.example'}]
components:
  schemas:
    animal:
      type: object
      properties: {name: {type: string}, kind: {type: string}}
      discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/cat', dog: '#/components/schemas/dog'}}
    cat: {allOf: [{$ref: '#/components/schemas/animal'}, {type: object, properties: {lives: {type: integer}}}]}
    dog: {allOf: [{$ref: '#/components/schemas/animal'}, {type: object, properties: {good: {type: boolean}}}]}
    keeper:
      type: object
      properties:
        name: {type: string}
` + holder + `
paths:
  /cats/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/cat'}}}}}
  /keepers/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/keeper'}}}}}
`
	}
	names := func(holder string) []string {
		_, f := importText(t, spec(holder))
		var out []string
		for _, ty := range f.Types {
			out = append(out, ty.Name)
		}
		return out
	}
	require.ElementsMatch(t, []string{"animal", "cat", "keeper"}, names(""), "animal is only a base: dog stays out")
	require.ElementsMatch(t, []string{"animal", "cat", "dog", "keeper"},
		names("        pet: {$ref: '#/components/schemas/animal'}"), "a keeper's pet may be any animal")
}

// TestImportSecondDiscriminator: a hierarchy selecting by another property
// than the first one met declares it on its root.
func TestImportSecondDiscriminator(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: Two, version: '1'}
servers: [{url: 'https://two.example'}]
components:
  schemas:
    animal:
      type: object
      required: [type]
      properties: {type: {type: string}, kind: {type: string}}
      discriminator: {propertyName: type, mapping: {cat: '#/components/schemas/cat'}}
    cat: {allOf: [{$ref: '#/components/schemas/animal'}, {type: object, properties: {lives: {type: integer}}}]}
    shape:
      type: object
      properties: {kind: {type: string}, type: {type: string}}
      discriminator: {propertyName: kind, mapping: {circle: '#/components/schemas/circle'}}
    circle: {allOf: [{$ref: '#/components/schemas/shape'}, {type: object, properties: {r: {type: number}}}]}
    holder:
      type: object
      properties:
        pet: {$ref: '#/components/schemas/animal'}
        drawing: {$ref: '#/components/schemas/shape'}
paths:
  /holders/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/holder'}}}}}
`
	_, f := importText(t, spec)
	require.Equal(t, "type", f.API.Discriminator)
	types := typesByName(f)
	require.Equal(t, "kind", types["shape"].Discriminator)
	require.Equal(t, "", types["animal"].Discriminator)
	require.Equal(t, "circle", types["circle"].DiscriminatorValue)
	require.Equal(t, "cat", types["cat"].DiscriminatorValue)
}
