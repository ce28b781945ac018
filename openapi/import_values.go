package openapi

import (
	"encoding/json"
	"slices"

	oyaml "github.com/pb33f/go-yaml"
	"go.yaml.in/yaml/v3"
)

// Literal values of the spec (defaults, examples) cross into the schema
// as JSON, and are kept only when they are values of the imported type.

// jsonValue renders a YAML node of the spec (a default or example) as a
// YAML node of the schema, through JSON so that only data crosses.
func jsonValue(n *oyaml.Node) (*yaml.Node, bool) {
	if n == nil {
		return nil, false
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, false
	}
	b, err := json.Marshal(normalize(v))
	if err != nil {
		return nil, false
	}
	var out yaml.Node
	if err := yaml.Unmarshal(b, &out); err != nil || len(out.Content) == 0 {
		return nil, false
	}
	val := out.Content[0]
	flowAll(val)
	return val, true
}

// normalize turns YAML-decoded maps (map[string]any, map[any]any) into
// values encoding/json writes.
func normalize(v any) any {
	switch x := v.(type) {
	case map[any]any:
		m := map[string]any{}
		for k, e := range x {
			ks, _ := k.(string)
			m[ks] = normalize(e)
		}
		return m
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	}
	return v
}

func flowAll(n *yaml.Node) {
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style = yaml.FlowStyle
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		flowAll(c)
	}
}

// fits reports whether the literal v (a default or example) is a value of
// the type expression m, so that only values the loader accepts are kept.
func (im *importer) fits(m, v *yaml.Node) bool {
	if v == nil {
		return false
	}
	if v.Tag == "!!null" {
		return get(m, "nullable") != nil
	}
	if e := get(m, "enum"); e != nil {
		return v.Tag == "!!str" && slices.ContainsFunc(e.Content, func(n *yaml.Node) bool { return n.Value == v.Value })
	}
	t := get(m, "type")
	if t == nil {
		return false
	}
	switch t.Value {
	case "string", "uri", "date", "date-time", "duration", "uuid":
		return v.Tag == "!!str"
	case "int32", "int64":
		return v.Tag == "!!int"
	case "number", "float32":
		return v.Tag == "!!int" || v.Tag == "!!float"
	case "boolean":
		return v.Tag == "!!bool"
	case "json":
		return true
	case "array":
		if v.Kind != yaml.SequenceNode {
			return false
		}
		items := get(m, "items")
		for _, c := range v.Content {
			if !im.fits(items, c) {
				return false
			}
		}
		return true
	case "map":
		if v.Kind != yaml.MappingNode {
			return false
		}
		values := get(m, "values")
		for i := 1; i < len(v.Content); i += 2 {
			if !im.fits(values, v.Content[i]) {
				return false
			}
		}
		return true
	case "union":
		return v.Kind == yaml.ScalarNode
	}
	for comp, name := range im.names {
		if name != t.Value {
			continue
		}
		c := im.components[comp]
		if c.kind == enumComponent {
			return v.Tag == "!!str" && slices.Contains(stringEnum(c.schema), v.Value)
		}
		return v.Kind == yaml.MappingNode
	}
	return v.Kind == yaml.MappingNode
}
