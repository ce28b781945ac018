package generator_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// defaultsSpelledOut is testdata/cases/defaults/schema.yaml with every
// default written on each property instead: it must generate the same bytes.
const defaultsSpelledOut = `sessiongen: 1
package: {name: defaults, path: defaults}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  encoding: json
  discriminator: kind
types:
  Record:
    key: id
    properties:
      id: {type: string, readOnly: true, required: true}
      title: {type: string, readOnly: true, nullable: true}
      count: {type: int32, readOnly: true, nullable: true}
      note: {type: string, nullable: true}
  Shape:
    abstract: true
    properties:
      label: {type: string, nullable: true}
  Circle:
    base: Shape
    discriminatorValue: circle
    properties:
      radius: {type: number}
resources:
  records:
    type: Record
    path: /records
    methods:
      get:
        http: GET
        path: /records/{id}
        params: {id: {type: string}}
        response: {type: Record}
      create:
        http: POST
        path: /records
        body:
          fields:
            title: {type: string, required: true, nullable: true}
            note: {type: string}
        response: {type: Record}
`

// TestDefaultsGenerateWhatTheySpellOut: defaults are resolved by the loader,
// so a schema using them generates exactly what the same schema written
// property by property generates (the header names the schema file, so both
// are parsed under one name).
func TestDefaultsGenerateWhatTheySpellOut(t *testing.T) {
	src, err := os.ReadFile("../testdata/cases/defaults/schema.yaml")
	require.NoError(t, err)
	gen := func(src []byte) map[string]string {
		f, err := schema.Parse("schema.yaml", src)
		require.NoError(t, err)
		files, err := generator.Generate([]*schema.File{f})
		require.NoError(t, err)
		out := map[string]string{}
		for _, gf := range files {
			out[gf.Path] = string(gf.Content)
		}
		return out
	}
	withDefaults, spelled := gen(src), gen([]byte(defaultsSpelledOut))
	require.NotEmpty(t, withDefaults)
	require.Equal(t, len(spelled), len(withDefaults))
	for p, want := range spelled {
		if withDefaults[p] != want {
			t.Errorf("%s differs between the schema with defaults and the one spelled out", p)
		}
	}
	// The defaults did something: title is read-only and nullable, the body's
	// title required (body defaults) and nullable (resource defaults).
	types := withDefaults["defaults/types_gen.go"]
	require.Contains(t, types, "// Optional, may be null. Read-only: set by the server, never sent.\n\tTitle Optional[string]")
	require.Contains(t, types, "// Required, may be null.\n\tTitle Optional[string]")
}
