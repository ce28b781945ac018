package openapi

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// TestExportKeepsEverything: nothing of a bundled schema is dropped on the
// way: every type is a component with each of its properties or values,
// every method the operation of its path and verb with each of its
// parameters, body fields and statuses. Checked on the document as any
// reader sees it, not on the exporter's code.
func TestExportKeepsEverything(t *testing.T) {
	for _, b := range bundled {
		t.Run(filepath.Base(b.schema), func(t *testing.T) {
			files, err := schema.LoadFiles(b.schema)
			require.NoError(t, err)
			f := files[0]
			text, err := Export(f)
			require.NoError(t, err)
			var doc map[string]any
			require.NoError(t, yaml.Unmarshal(text, &doc))
			schemas := at(doc, "components", "schemas").(map[string]any)
			checkTypes(t, schemas, f, "", map[*schema.File]bool{})
			for _, r := range f.Resources {
				for _, m := range r.Methods {
					checkOperation(t, doc, r, m)
				}
			}
		})
	}
}

func checkTypes(t *testing.T, schemas map[string]any, f *schema.File, prefix string, seen map[*schema.File]bool) {
	if seen[f] {
		return
	}
	seen[f] = true
	for _, typ := range f.Types {
		c, ok := schemas[prefix+typ.Name].(map[string]any)
		if !assert.True(t, ok, "type %s%s is no component", prefix, typ.Name) {
			continue
		}
		switch {
		case typ.IsEnum:
			values, _ := c["enum"].([]any)
			if anyOf, ok := c["anyOf"].([]any); ok {
				values, _ = anyOf[0].(map[string]any)["enum"].([]any)
			}
			var want []any
			for _, v := range typ.Enum {
				want = append(want, v.Value)
			}
			assert.Equal(t, want, values, "values of enum %s", typ.Name)
		case typ.Union != nil:
			assert.Len(t, c["anyOf"], len(typ.Union.Of), "members of union %s", typ.Name)
		case typ.GoType != nil:
			assert.NotNil(t, c["x-sessiongen-goType"], "goType %s", typ.Name)
		default:
			own := c
			if allOf, ok := c["allOf"].([]any); ok {
				own = allOf[1].(map[string]any)
			}
			props, _ := own["properties"].(map[string]any)
			for _, p := range typ.Properties {
				assert.Contains(t, props, p.Name, "property %s of %s", p.Name, typ.Name)
			}
		}
	}
	for _, im := range f.Imports {
		checkTypes(t, schemas, im.File, prefix+im.As+".", seen)
	}
}

func checkOperation(t *testing.T, doc map[string]any, r *schema.Resource, m *schema.Method) {
	op, ok := at(doc, "paths", m.Path, strings.ToLower(m.HTTP)).(map[string]any)
	if !assert.True(t, ok, "no operation %s %s", m.HTTP, m.Path) {
		return
	}
	assert.Equal(t, r.Name+"."+m.Name, op["operationId"])
	var names []string
	for _, p := range asList(op["parameters"]) {
		p := p.(map[string]any)
		if ref, ok := p["$ref"].(string); ok {
			p = at(doc, "components", "parameters", strings.TrimPrefix(ref, "#/components/parameters/")).(map[string]any)
		}
		names = append(names, p["in"].(string)+" "+p["name"].(string))
	}
	for _, q := range m.Query {
		assert.Contains(t, names, "query "+q.Name, "%s.%s", r.Name, m.Name)
	}
	for _, h := range m.Headers {
		assert.Contains(t, names, "header "+h.Name, "%s.%s", r.Name, m.Name)
	}
	for _, p := range m.Params {
		assert.Contains(t, names, "path "+p.Name, "%s.%s", r.Name, m.Name)
	}
	if m.Body != nil {
		var body map[string]any
		for _, media := range at(op, "requestBody", "content").(map[string]any) {
			body = media.(map[string]any)["schema"].(map[string]any)
		}
		if m.Body.Type != nil {
			assert.Equal(t, "#/components/schemas/"+m.Body.Type.Name, body["$ref"])
		}
		for _, fl := range m.Body.Fields {
			assert.Contains(t, body["properties"], fl.Name, "body field of %s.%s", r.Name, m.Name)
		}
	}
	responses := op["responses"].(map[string]any)
	for _, s := range m.Statuses {
		assert.Contains(t, responses, strconv.Itoa(s), "status of %s.%s", r.Name, m.Name)
	}
	for _, h := range m.ResponseHeaders {
		for _, s := range m.Statuses {
			assert.NotNil(t, at(responses, strconv.Itoa(s), "headers", h.Name), "response header %s of %s.%s", h.Name, r.Name, m.Name)
		}
	}
}

// at is the value at path in nested mappings, or nil.
func at(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
