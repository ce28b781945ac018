package openapi

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The exporter builds the document as yaml.Node trees rather than Go maps,
// so that every mapping keeps the order it was built in: the output is the
// same bytes for the same schema.

// mapping returns an empty YAML mapping.
func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

// sequence returns a YAML sequence of items.
func sequence(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

// str is a string scalar; the encoder quotes it when it would read as
// another type ("null", "1").
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// strs is a sequence of string scalars.
func strs(ss []string) *yaml.Node {
	n := sequence()
	for _, s := range ss {
		n.Content = append(n.Content, str(s))
	}
	return n
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func integer(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

func ints(is []int) *yaml.Node {
	n := sequence()
	for _, i := range is {
		n.Content = append(n.Content, integer(i))
	}
	return n
}

// number is a numeric literal kept as written (int64 bounds stay exact).
func number(text string) *yaml.Node {
	tag := "!!float"
	if _, err := strconv.ParseInt(text, 10, 64); err == nil {
		tag = "!!int"
	} else if !strings.ContainsAny(text, ".eE") {
		tag = "!!int" // an integer beyond int64: still an integer
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text}
}

// set appends key: value to the mapping m; a nil value sets nothing.
func set(m *yaml.Node, key string, value *yaml.Node) {
	if value == nil {
		return
	}
	m.Content = append(m.Content, str(key), value)
}

// setFirst puts key: value before every other key of the mapping m (a
// description reads best before the schema it describes).
func setFirst(m *yaml.Node, key string, value *yaml.Node) {
	m.Content = append([]*yaml.Node{str(key), value}, m.Content...)
}

// setStr sets key to s unless s is empty.
func setStr(m *yaml.Node, key, s string) {
	if s != "" {
		set(m, key, str(s))
	}
}

// setTrue sets key: true when b holds.
func setTrue(m *yaml.Node, key string, b bool) {
	if b {
		set(m, key, boolean(true))
	}
}

// get returns the value of key in the mapping m, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// hasOnly reports whether the mapping m has no key besides keys.
func hasOnly(m *yaml.Node, keys ...string) bool {
	for i := 0; i < len(m.Content); i += 2 {
		found := false
		for _, k := range keys {
			if m.Content[i].Value == k {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// jsonValue parses a literal of the schema (JSON text, which is YAML) into
// a node in block style, so defaults and examples read like the rest.
func jsonValue(text string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, err
	}
	n := doc.Content[0]
	plain(n)
	return n, nil
}

// plain clears the styles the JSON text gave n (flow, double quotes); the
// encoder quotes where a value needs it.
func plain(n *yaml.Node) {
	n.Style = 0
	n.Line, n.Column = 0, 0
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.Contains(n.Value, "\n") {
		n.Style = yaml.LiteralStyle
	}
	for _, c := range n.Content {
		plain(c)
	}
}
