package openapi

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/schema"
)

// TestRestoreMalformedExtensions: an x-sessiongen-* extension with a value
// of the wrong shape is a note at its JSON pointer (the rest is restored
// and loads), never a panic.
func TestRestoreMalformedExtensions(t *testing.T) {
	src := header + "  auth: {scheme: bearer}\n" + strings.Replace(api, "types:\n", "types:\n  E: {enum: [a, b]}\n", 1)
	src = strings.Replace(src, "n: {type: int32}", "n: {type: int32}, e: {type: E}", 1)
	s, err := schema.Parse("acme.yaml", []byte(src))
	require.NoError(t, err)
	doc, err := Export(s)
	require.NoError(t, err)
	for _, c := range []struct {
		name  string
		at    []string // the mapping holding the key
		key   string
		value string
	}{
		{"version", nil, "x-sessiongen-version", `"one"`},
		{"paging", nil, "x-sessiongen-paging", `5`},
		{"paging key", []string{"x-sessiongen-paging"}, "firstPage", `first`},
		{"retry", nil, "x-sessiongen-retry", `{notProcessed: [a]}`},
		{"request id headers", nil, "x-sessiongen-requestIdHeaders", `[{a: b}]`},
		{"package", []string{"info"}, "x-sessiongen-package", `{name: acme, path: acme, owner: me}`},
		{"type key", []string{"components", "schemas", "Item"}, "x-sessiongen-key", `[id]`},
		{"abstract", []string{"components", "schemas", "Item"}, "x-sessiongen-abstract", `"yes"`},
		{"defaults", []string{"components", "schemas", "Item"}, "x-sessiongen-defaults", `[1]`},
		{"rules", []string{"components", "schemas", "Item"}, "x-sessiongen-rules", `{a: b}`},
		{"values", []string{"components", "schemas", "E"}, "x-sessiongen-values", `oops`},
		{"goType", []string{"components", "schemas", "Item", "properties", "data"}, "x-sessiongen-goType", `3`},
		{"inline on a declared enum", []string{"components", "schemas", "Item", "properties", "e"}, "x-sessiongen-inline", `true`},
		{"unknown extension", []string{"components", "schemas", "Item"}, "x-sessiongen-color", `blue`},
		{"error paths", []string{"components", "responses", "error"}, "x-sessiongen-error", `{code: code}`},
		{"resource params", []string{"tags", "0", "x-sessiongen-resource"}, "params", `[{$ref: '#/nowhere'}]`},
		{"operation id", []string{"paths", "/items", "get"}, "operationId", `other.list`},
		{"retrySafe", []string{"paths", "/items", "post"}, "x-sessiongen-retrySafe", `maybe`},
	} {
		t.Run(c.name, func(t *testing.T) {
			spec := mutated(t, doc, c.at, c.key, c.value)
			res, err := Import(spec, Options{})
			if err != nil {
				var ie *Error
				require.True(t, errors.As(err, &ie), "an *Error: %v", err)
				assert.NotContains(t, ie.Msg, "internal error")
				return
			}
			want := pointer(append(append([]string{}, c.at...), c.key)...)
			var at []string
			for _, n := range res.Notes {
				at = append(at, n.Pointer)
			}
			assert.True(t, strings.Contains(strings.Join(at, " "), want), "a note at %s, got %v", want, res.Notes)
			assert.Contains(t, string(res.YAML), "# import: ", "the note is a comment of the schema")
			_, err = schema.Parse("acme.yaml", res.YAML)
			require.NoError(t, err, "%s", res.YAML)
		})
	}
}

// mutated returns doc with key of the mapping at path set to value (YAML).
func mutated(t *testing.T, doc []byte, path []string, key, value string) []byte {
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(doc, &root))
	n := root.Content[0]
	for _, tok := range path {
		switch n.Kind {
		case yaml.MappingNode:
			n = get(n, tok)
		case yaml.SequenceNode:
			n = n.Content[atoi(tok)]
		}
		require.NotNil(t, n, "no %s in the document", tok)
	}
	var v yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(value), &v))
	set(n, key, v.Content[0])
	out, err := yaml.Marshal(&root)
	require.NoError(t, err)
	return out
}

// TestRestoreSelection: the selection flags pick methods of an exported
// document too; resources left without methods are left out.
func TestRestoreSelection(t *testing.T) {
	s, err := schema.Parse("acme.yaml", []byte(header+"  auth: {scheme: bearer}\n"+api))
	require.NoError(t, err)
	doc, err := Export(s)
	require.NoError(t, err)
	res, err := Import(doc, Options{OperationIDs: []string{"items.create"}, Tags: []string{"other"}})
	require.NoError(t, err)
	s2, err := schema.Parse("acme.yaml", res.YAML)
	require.NoError(t, err, "%s", res.YAML)
	var got []string
	for _, r := range s2.Resources {
		for _, m := range r.Methods {
			got = append(got, r.Name+"."+m.Name)
		}
	}
	assert.Equal(t, []string{"items.create", "other.list"}, got)
	assert.Len(t, s2.Types, len(s.Types), "every type is kept")
}

// TestRestoreChecksSchemasWithImports: a restored schema that imports
// others cannot be loaded from memory, yet its other errors are still
// found (here a key naming no property).
func TestRestoreChecksSchemasWithImports(t *testing.T) {
	doc, err := os.ReadFile("testdata/export/twilio-proxy.openapi.yaml")
	require.NoError(t, err)
	_, err = Import(doc, Options{})
	require.NoError(t, err)
	_, err = Import(mutated(t, doc, []string{"components", "schemas", "Session"}, "x-sessiongen-key", "nothing"), Options{})
	var ie *Error
	require.True(t, errors.As(err, &ie), "an *Error: %v", err)
	assert.Contains(t, ie.Msg, "does not load")
	assert.Contains(t, ie.Msg, "nothing")
}
