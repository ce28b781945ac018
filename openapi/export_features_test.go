package openapi

import (
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// header starts every small schema of the feature table.
const header = `sessiongen: 1
package: {name: acme, path: acme}
api:
  baseURL: https://api.acme.example/v2
`

// fragment exports header+src and returns the value at path in the
// document, after checking the whole document with the validators.
func fragment(t *testing.T, src string, path ...string) any {
	t.Helper()
	if !strings.HasPrefix(src, "  auth:") {
		src = "  auth: {scheme: bearer}\n" + src
	}
	f, err := schema.Parse("acme.yaml", []byte(header+src))
	require.NoError(t, err)
	doc, err := Export(f)
	require.NoError(t, err)
	requireValid(t, doc)
	var v any
	require.NoError(t, yaml.Unmarshal(doc, &v))
	for _, k := range path {
		m, ok := v.(map[string]any)
		require.True(t, ok, "no mapping at %q in\n%s", k, doc)
		v, ok = m[k]
		require.True(t, ok, "no key %q in\n%s", k, doc)
	}
	return v
}

func parseYAML(t *testing.T, text string) any {
	t.Helper()
	var v any
	require.NoError(t, yaml.Unmarshal([]byte(text), &v))
	return v
}

// exportFeatureCases pin how each feature of the format maps onto
// OpenAPI: a small schema, the path of a fragment, the fragment (TestRoundTripFeatures
// restores each schema too).
var exportFeatureCases = []struct {
	name string
	src  string
	path []string
	want string
}{
	{"string constraints", `types:
  T: {properties: {s: {type: string, minLength: 1, maxLength: 9, pattern: "^a+$", required: true}}}`,
		[]string{"components", "schemas", "T"},
		`{type: object, properties: {s: {type: string, minLength: 1, maxLength: 9, pattern: "^a+$"}}, required: [s]}`},
	{"integer bounds kept as written", `types:
  T: {properties: {n: {type: int64, minimum: -9223372036854775808, maximum: 9007199254740993}, f: {type: float32, minimum: 0.5}}}`,
		[]string{"components", "schemas", "T", "properties"},
		`{n: {type: integer, format: int64, minimum: -9223372036854775808, maximum: 9007199254740993}, f: {type: number, format: float, minimum: 0.5}}`},
	{"formats", `types:
  T: {properties: {a: {type: date}, b: {type: date-time}, c: {type: duration}, d: {type: uri}, e: {type: uuid}, g: {type: number}, h: {type: boolean}}}`,
		[]string{"components", "schemas", "T", "properties"},
		`{a: {type: string, format: date}, b: {type: string, format: date-time}, c: {type: string, format: duration},
		  d: {type: string, format: uri}, e: {type: string, format: uuid}, g: {type: number, format: double}, h: {type: boolean}}`},
	{"format note", `types:
  T: {properties: {p: {type: string, format: phone-number}, q: {type: uri, format: e164}}}`,
		[]string{"components", "schemas", "T", "properties"},
		`{p: {type: string, format: phone-number}, q: {type: string, format: uri, x-sessiongen-format: e164}}`},
	{"nonFinite number", `types:
  T: {properties: {x: {type: number, nonFinite: true}}}`,
		[]string{"components", "schemas", "T", "properties", "x"},
		`{anyOf: [{type: number, format: double}, {type: string, enum: [NaN, INF, -INF]}], x-sessiongen-nonFinite: true}`},
	{"nullable as 3.1 type arrays", `types:
  E: {enum: [a]}
  T: {properties: {s: {type: string, nullable: true}, l: {type: array, items: {type: int32, nullable: true}, nullable: true}, e: {type: E, nullable: true}, j: {type: json, nullable: true}}}`,
		[]string{"components", "schemas", "T", "properties"},
		`{s: {type: [string, "null"]}, l: {type: [array, "null"], items: {type: [integer, "null"], format: int32}},
		  e: {anyOf: [{$ref: '#/components/schemas/E'}, {type: "null"}]}, j: {x-sessiongen-nullable: true}}`},
	{"closed enum with value docs", `types:
  E:
    description: Colours.
    deprecated: use F
    enum: [red, {value: "+1", goName: Up, description: Up vote., deprecated: no more}]
    goName: Colour`,
		[]string{"components", "schemas", "E"},
		`{description: Colours., type: string, enum: [red, "+1"],
		  x-sessiongen-values: [{value: "+1", description: Up vote., deprecated: no more, goName: Up}],
		  deprecated: true, x-sessiongen-deprecated: use F, x-sessiongen-goName: Colour}`},
	{"open enum: anyOf the values and any string", `types:
  E: {enum: [a, unknownFutureValue], open: true, sentinel: unknownFutureValue}`,
		[]string{"components", "schemas", "E"},
		`{anyOf: [{type: string, enum: [a, unknownFutureValue]}, {type: string}], x-sessiongen-sentinel: unknownFutureValue}`},
	{"inline enum", `types:
  T: {properties: {mode: {enum: [x, y]}, other: {type: TMode}}}`,
		[]string{"components", "schemas"},
		`{T: {type: object, properties: {mode: {$ref: '#/components/schemas/TMode', x-sessiongen-inline: true}, other: {$ref: '#/components/schemas/TMode'}}},
		  TMode: {type: string, enum: [x, y], x-sessiongen-inlineOf: property "mode" of type "T"}}`},
	{"maps and arrays", `types:
  T: {properties: {m: {type: map, values: {type: string, nullable: true}}, a: {type: array, items: {type: string}, minItems: 1, maxItems: 3, uniqueItems: true}, r: {type: json}}}`,
		[]string{"components", "schemas", "T", "properties"},
		`{m: {type: object, additionalProperties: {type: [string, "null"]}}, a: {type: array, items: {type: string}, minItems: 1, maxItems: 3, uniqueItems: true}, r: {}}`},
	{"unions", `types:
  E: {enum: [auto]}
  U: {type: union, of: [date-time, int64], description: A time.}
  T: {properties: {u: {type: union, of: [E, int32], nullable: true}, n: {type: U}}}`,
		[]string{"components", "schemas"},
		`{E: {type: string, enum: [auto]}, U: {description: A time., anyOf: [{type: string, format: date-time}, {type: integer, format: int64}]},
		  T: {type: object, properties: {u: {anyOf: [{$ref: '#/components/schemas/E'}, {type: integer, format: int32}, {type: "null"}]}, n: {$ref: '#/components/schemas/U'}}}}`},
	{"property keys", `types:
  T:
    key: id
    idPrefix: TT
    open: true
    properties:
      id: {type: string, readOnly: true, required: true, description: The id., examples: [TT1]}
      name: {type: string, pii: true, requiredOnCreate: true, deprecated: gone}
      born: {type: string, createOnly: true, default: "x"}
      kids: {type: array, items: {type: T}, relationship: true}`,
		[]string{"components", "schemas", "T"},
		`{type: object, properties: {
		    id: {description: The id., type: string, examples: [TT1], readOnly: true},
		    name: {type: string, deprecated: true, x-sessiongen-deprecated: gone, x-sessiongen-pii: true, x-sessiongen-requiredOnCreate: true},
		    born: {type: string, default: x, x-sessiongen-createOnly: true},
		    kids: {type: array, items: {$ref: '#/components/schemas/T'}, x-sessiongen-relationship: true}},
		  required: [id], additionalProperties: true, x-sessiongen-key: id, x-sessiongen-idPrefix: TT}`},
	{"defaults and rules", `types:
  T:
    defaults: {nullable: true}
    rules: [{atLeastOneOf: [a, b]}]
    properties: {a: {type: string}, b: {type: string}}`,
		[]string{"components", "schemas", "T"},
		`{type: object, properties: {a: {type: [string, "null"]}, b: {type: [string, "null"]}},
		  x-sessiongen-defaults: {nullable: true}, x-sessiongen-rules: [{atLeastOneOf: [a, b]}]}`},
	{"hierarchy: allOf and the discriminator mapping", `  discriminator: kind
types:
  Shape: {abstract: true, properties: {name: {type: string}}}
  Circle: {base: Shape, discriminatorValue: circle, properties: {r: {type: number, required: true}}}
  Ring: {base: Circle, discriminatorValue: ring}
  Square: {base: Shape, discriminatorValue: square}`,
		[]string{"components", "schemas"},
		`{Shape: {type: object, properties: {kind: {type: string, description: Selects the type of the object among Shape and the types extending it.}, name: {type: string}},
		    discriminator: {propertyName: kind, mapping: {circle: '#/components/schemas/Circle', ring: '#/components/schemas/Ring', square: '#/components/schemas/Square'}},
		    x-sessiongen-abstract: true},
		  Circle: {allOf: [{$ref: '#/components/schemas/Shape'}, {type: object, properties: {r: {type: number, format: double}}, required: [r]}],
		    discriminator: {propertyName: kind, mapping: {circle: '#/components/schemas/Circle', ring: '#/components/schemas/Ring'}}},
		  Ring: {allOf: [{$ref: '#/components/schemas/Circle'}, {type: object}]},
		  Square: {allOf: [{$ref: '#/components/schemas/Shape'}, {type: object}]}}`},
	{"names outside the key form", `types:
  "my type": {properties: {a: {type: string}}}
  my_type: {properties: {a: {type: string}}, goName: Other}
  T: {properties: {x: {type: "my type"}}}`,
		[]string{"components", "schemas"},
		`{my_type_2: {type: object, properties: {a: {type: string}}, x-sessiongen-name: my type},
		  my_type: {type: object, properties: {a: {type: string}}, x-sessiongen-goName: Other},
		  T: {type: object, properties: {x: {$ref: '#/components/schemas/my_type_2'}}}}`},
	{"hierarchies: their own discriminator, subtypes closed and open", `  discriminator: "@type"
types:
  Vehicle: {abstract: true, discriminator: kind, subtypes: closed, properties: {wheels: {type: int32}}}
  Car: {base: Vehicle, discriminatorValue: car}
  Van: {base: Vehicle, discriminatorValue: van}
  Plant: {discriminatorValue: plant, subtypes: open}
  Tree: {base: Plant, discriminatorValue: tree}`,
		[]string{"components", "schemas"},
		`{Vehicle: {type: object,
		    properties: {kind: {type: string, enum: [car, van], description: Selects the type of the object among Vehicle and the types extending it.}, wheels: {type: integer, format: int32}},
		    required: [kind],
		    discriminator: {propertyName: kind, mapping: {car: '#/components/schemas/Car', van: '#/components/schemas/Van'}},
		    x-sessiongen-abstract: true, x-sessiongen-discriminator: kind, x-sessiongen-subtypes: closed},
		  Car: {allOf: [{$ref: '#/components/schemas/Vehicle'}, {type: object}]},
		  Van: {allOf: [{$ref: '#/components/schemas/Vehicle'}, {type: object}]},
		  Plant: {type: object, properties: {'@type': {type: string, description: Selects the type of the object among Plant and the types extending it.}},
		    discriminator: {propertyName: '@type', mapping: {plant: '#/components/schemas/Plant', tree: '#/components/schemas/Tree'}},
		    x-sessiongen-subtypes: open},
		  Tree: {allOf: [{$ref: '#/components/schemas/Plant'}, {type: object}]}}`},
	{"goType", `types:
  ID: {goType: {import: example.com/ids, name: ID}, description: Ours.}
  T: {properties: {a: {type: ID}, b: {goType: {import: example.com/ids, name: Other}}}}`,
		[]string{"components", "schemas"},
		`{ID: {description: Ours., x-sessiongen-goType: {import: example.com/ids, name: ID}},
		  T: {type: object, properties: {a: {$ref: '#/components/schemas/ID'}, b: {x-sessiongen-goType: {import: example.com/ids, name: Other}}}}}`},
	{"the only resource parameter, used by no path", `types:
  T: {properties: {a: {type: string}}}
resources:
  r: {type: T, path: /r, params: {id: {type: string}}, methods: {list: {http: GET, path: /r}}}`,
		[]string{"components", "parameters"},
		`{path.r.id: {name: id, in: path, required: true, schema: {type: string}, x-sessiongen-resource: r}}`},
	{"auth basic", `  auth: {scheme: basic, username: accountSid, password: authToken}
types: {}`, nil,
		`{openapi: 3.1.0, info: {title: acme, version: "1", x-sessiongen-package: {name: acme, path: acme}}, servers: [{url: https://api.acme.example/v2}], paths: {},
		  components: {securitySchemes: {basicAuth: {type: http, scheme: basic, x-sessiongen-username: accountSid, x-sessiongen-password: authToken}}},
		  security: [{basicAuth: []}], x-sessiongen-version: 1, x-sessiongen-encoding: json}`},
	{"auth apiKey", `  auth: {scheme: apiKey, header: X-Key}
types: {}`, []string{"components", "securitySchemes"},
		`{apiKeyAuth: {type: apiKey, in: header, name: X-Key}}`},
	{"API conventions", `  encoding: form
  idempotencyHeader: Idempotency-Key
  retry: {notProcessed: [429, 503]}
  requestIdHeaders: [X-Request-Id]
  pagination:
    style: pageNumber
    pageParam: page
    sizeParam: limit
    firstPage: 1
    totalPages: [pages]
    metadata: {count: {path: [meta, count], type: int64, description: All.}}
types: {}`, nil, "",
	},
}

// TestExportFeatures pins how each feature of the format maps onto
// OpenAPI: a small schema, the path of a fragment, the fragment.
func TestExportFeatures(t *testing.T) {
	for _, c := range exportFeatureCases {
		t.Run(c.name, func(t *testing.T) {
			got := fragment(t, c.src, c.path...)
			if c.want == "" {
				m := got.(map[string]any)
				assert.Equal(t, "form", m["x-sessiongen-encoding"])
				assert.Equal(t, "Idempotency-Key", m["x-sessiongen-idempotencyHeader"])
				assert.Equal(t, parseYAML(t, `{notProcessed: [429, 503]}`), m["x-sessiongen-retry"])
				assert.Equal(t, parseYAML(t, `[X-Request-Id]`), m["x-sessiongen-requestIdHeaders"])
				assert.Equal(t, parseYAML(t, `{style: pageNumber, sizeParam: limit, pageParam: page, firstPage: 1, totalPages: [pages],
				  metadata: {count: {path: [meta, count], type: int64, description: All.}}}`), m["x-sessiongen-paging"])
				return
			}
			assert.Equal(t, parseYAML(t, c.want), got)
		})
	}
}
