package openapi

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/schema"
)

// TestImportPlainExport: a document sessiongen export wrote, stripped of
// its x-sessiongen-* extensions, is a vendor spec like any other; what
// export writes in plain OpenAPI still reads back: open enums as anyOf,
// allOf hierarchies with their discriminator, 2XX, shared parameters and
// error responses.
func TestImportPlainExport(t *testing.T) {
	src := header + "  auth: {scheme: bearer}\n  discriminator: kind\n" + strings.Replace(api, "types:\n", `types:
  Mood: {enum: [happy, sad], open: true}
  Color: {enum: [red, blue]}
  Shape: {abstract: true, properties: {mood: {type: Mood}, color: {type: Color, nullable: true}}}
  Circle: {base: Shape, discriminatorValue: circle, properties: {r: {type: number}}}
`, 1)
	src = strings.Replace(src, "n: {type: int32}", "n: {type: int32}, shape: {type: Shape}", 1)
	s, err := schema.Parse("acme.yaml", []byte(src))
	require.NoError(t, err)
	doc, err := Export(s)
	require.NoError(t, err)
	res, err := Import(withoutExtensions(t, doc), Options{})
	require.NoError(t, err)
	s2, err := schema.Parse("acme.yaml", res.YAML)
	require.NoError(t, err, "%s", res.YAML)
	types := map[string]*schema.Type{}
	for _, ty := range s2.Types {
		types[ty.Name] = ty
	}
	require.Contains(t, types, "Mood")
	assert.True(t, types["Mood"].Open, "anyOf the values and any string is an open enum")
	assert.Len(t, types["Mood"].Enum, 2)
	assert.False(t, types["Color"].Open)
	require.Contains(t, types, "Circle")
	assert.Equal(t, "Shape", types["Circle"].Base.Name)
	assert.Equal(t, "circle", types["Circle"].DiscriminatorValue)
	assert.True(t, types["Shape"].Abstract)
	assert.Equal(t, "kind", s2.API.Discriminator)
	methods := map[string]*schema.Method{}
	for _, r := range s2.Resources {
		for _, m := range r.Methods {
			methods[r.Name+"."+m.Name] = m
		}
	}
	require.Contains(t, methods, "items.update")
	assert.Empty(t, methods["items.update"].Statuses, "2XX: any success status")
	assert.Equal(t, []int{201, 202}, methods["items.create"].Statuses)
	var headers []string
	for _, h := range methods["items.create"].Headers {
		headers = append(headers, h.Name)
	}
	assert.Contains(t, headers, "Prefer", "a shared parameter of components/parameters")
	require.Len(t, s2.API.ErrorsByStatus, 1)
	assert.Equal(t, []int{409, 422}, s2.API.ErrorsByStatus[0].Statuses)
	assert.Equal(t, "Problem", s2.API.ErrorsByStatus[0].Type.Name)
	require.NotNil(t, s2.API.Errors)
	assert.Equal(t, "Failure", s2.API.Errors.Type.Name)
}

// withoutExtensions drops every x-sessiongen-* key of an exported document.
func withoutExtensions(t *testing.T, doc []byte) []byte {
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(doc, &root))
	var strip func(n *yaml.Node)
	strip = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			var keep []*yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if !strings.HasPrefix(n.Content[i].Value, "x-sessiongen-") {
					keep = append(keep, n.Content[i], n.Content[i+1])
				}
			}
			n.Content = keep
		}
		for _, c := range n.Content {
			strip(c)
		}
	}
	strip(&root)
	out, err := yaml.Marshal(&root)
	require.NoError(t, err)
	return out
}
