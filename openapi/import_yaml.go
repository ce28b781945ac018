package openapi

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sessiongen/sessiongen/schema/goname"
	"go.yaml.in/yaml/v3"
)

// The schema is built as go.yaml.in/yaml/v3 nodes, so that quoting is the
// encoder's and comments sit on the node they explain.

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

// flowMapping is a mapping written on one line ({type: string, ...}), as
// the hand-written schemas write small type expressions.
func flowMapping() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
}

func sequence(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items, Style: yaml.FlowStyle}
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch {
	case strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && unsafeRune(r) }):
		n.Style = yaml.DoubleQuotedStyle // escaped: YAML text holds no control characters
	case strings.Contains(s, "\n"):
		n.Style = yaml.LiteralStyle
	}
	return n
}

// unsafeRune reports a rune YAML text may not hold raw: control
// characters (C0 but tab, DEL, C1), the BOM, invalid UTF-8.
func unsafeRune(r rune) bool {
	return r < ' ' && r != '\t' || r >= 0x7f && r <= 0x9f || r == 0xfeff || r == utf8.RuneError
}

// printable escapes the runes a comment may not hold raw.
func printable(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			b.WriteString(strings.Trim(strconv.QuoteRune(r), "'"))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

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

func integer(i int64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(i, 10)}
}

// number writes a bound: integral values without a fraction.
func number(f float64) *yaml.Node {
	if f == float64(int64(f)) && f < 1<<53 && f > -(1<<53) {
		return integer(int64(f))
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(f, 'g', -1, 64)}
}

// set appends key: val to mapping m and returns the key node (where
// comments about the entry go). A key already present is replaced.
func set(m *yaml.Node, key string, val *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = val
			return m.Content[i]
		}
	}
	k := str(key)
	m.Content = append(m.Content, k, val)
	return k
}

// get returns the value of key in mapping m, or nil.
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

// del removes key from mapping m.
func del(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

// addComment adds a line to the head comment of n. A flow mapping cannot
// hold comments inside, so callers pass the key node of the entry.
func addComment(n *yaml.Node, text string) {
	line := "# " + printable(strings.Join(strings.Fields(text), " "))
	if n.HeadComment == "" {
		n.HeadComment = line
		return
	}
	n.HeadComment += "\n" + line
}

// block turns a flow mapping into a block one when it holds nested
// mappings or comments, which read badly (or cannot be written) in flow.
func block(n *yaml.Node) {
	if n == nil {
		return
	}
	for _, c := range n.Content {
		block(c)
	}
	if n.Kind == yaml.MappingNode {
		// A comment on a value reads best above its key.
		for i := 0; i+1 < len(n.Content); i += 2 {
			if v := n.Content[i+1]; v.HeadComment != "" {
				k := n.Content[i]
				if k.HeadComment != "" {
					k.HeadComment += "\n"
				}
				k.HeadComment += v.HeadComment
				v.HeadComment = ""
			}
		}
	}
	if n.Kind == yaml.SequenceNode && slices.ContainsFunc(n.Content, func(c *yaml.Node) bool { return c.Kind == yaml.MappingNode && c.Style != yaml.FlowStyle }) {
		n.Style = 0
	}
	if n.Kind != yaml.MappingNode || n.Style != yaml.FlowStyle {
		return
	}
	long := 0
	for i, c := range n.Content {
		long += len(c.Value) + 2
		switch {
		case c.HeadComment != "" || c.LineComment != "" || c.Style == yaml.LiteralStyle:
			n.Style = 0
		case i%2 == 1 && c.Kind == yaml.MappingNode && c.Style != yaml.FlowStyle:
			n.Style = 0
		case i%2 == 1 && c.Kind == yaml.SequenceNode && hasComments(c):
			n.Style = 0
		}
	}
	if long > 110 {
		n.Style = 0
	}
}

func hasComments(n *yaml.Node) bool {
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		return true
	}
	for _, c := range n.Content {
		if hasComments(c) {
			return true
		}
	}
	return false
}

// compact renders a value node on one line, for messages.
func compact(n *yaml.Node) string {
	b, err := yaml.Marshal(n)
	if err != nil {
		return "?"
	}
	s := strings.TrimSpace(string(b))
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return s
}

// goNames finds names that become one Go name: the loader refuses two
// properties or parameters of one Go name, so the importer keeps the first
// and notes the next. Case is ignored, since the API's initialisms (known
// only at the end) change it.
type goNames map[string]string

// add records name and returns the earlier name of its Go name, if any.
func (g goNames) add(name string) (prev string, clash bool) {
	k := strings.ToUpper(goname.Exported(name))
	if prev, ok := g[k]; ok {
		return prev, true
	}
	g[k] = name
	return "", false
}
