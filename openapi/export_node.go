package openapi

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The exporter builds the document as yaml.Node trees rather than Go maps,
// so that every mapping keeps the order it was built in: the output is the
// same bytes for the same schema.

// mappingNode returns an empty YAML mapping.
func mappingNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

// sequenceNode returns a YAML sequence of items.
func sequenceNode(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

// strNode is a string scalar; the encoder quotes it when it would read as
// another type ("null", "1").
func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// strsNode is a sequence of string scalars.
func strsNode(ss []string) *yaml.Node {
	n := sequenceNode()
	for _, s := range ss {
		n.Content = append(n.Content, strNode(s))
	}
	return n
}

func boolNode(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func intNode(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

func intsNode(is []int) *yaml.Node {
	n := sequenceNode()
	for _, i := range is {
		n.Content = append(n.Content, intNode(i))
	}
	return n
}

// numberNode is a numeric literal kept as written (int64 bounds stay exact).
func numberNode(text string) *yaml.Node {
	tag := "!!float"
	if _, err := strconv.ParseInt(text, 10, 64); err == nil {
		tag = "!!int"
	} else if !strings.ContainsAny(text, ".eE") {
		tag = "!!int" // an integer beyond int64: still an integer
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text}
}

// put appends key: value to the mapping m; a nil value sets nothing.
func put(m *yaml.Node, key string, value *yaml.Node) {
	if value == nil {
		return
	}
	m.Content = append(m.Content, strNode(key), value)
}

// putFirst puts key: value before every other key of the mapping m (a
// description reads best before the schema it describes).
func putFirst(m *yaml.Node, key string, value *yaml.Node) {
	m.Content = append([]*yaml.Node{strNode(key), value}, m.Content...)
}

// putStr sets key to s unless s is empty.
func putStr(m *yaml.Node, key, s string) {
	if s != "" {
		put(m, key, strNode(s))
	}
}

// putTrue sets key: true when b holds.
func putTrue(m *yaml.Node, key string, b bool) {
	if b {
		put(m, key, boolNode(true))
	}
}

// lookup returns the value of key in the mapping m, or nil.
func lookup(m *yaml.Node, key string) *yaml.Node {
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

// literalNode parses a literal of the schema (JSON text, which is YAML) into
// a node in block style, so defaults and examples read like the rest.
func literalNode(text string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, err
	}
	n := doc.Content[0]
	plainStyle(n)
	return n, nil
}

// plainStyle clears the styles the JSON text gave n (flow, double quotes); the
// encoder quotes where a value needs it.
func plainStyle(n *yaml.Node) {
	n.Style = 0
	n.Line, n.Column = 0, 0
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.Contains(n.Value, "\n") {
		n.Style = yaml.LiteralStyle
	}
	for _, c := range n.Content {
		plainStyle(c)
	}
}
