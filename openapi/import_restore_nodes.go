package openapi

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The restorer reads the document as YAML nodes, each with its JSON
// pointer, so that a malformed x-sessiongen-* value is noted where it is.

// rnode is a node of the spec and its JSON pointer.
type rnode struct {
	n   *yaml.Node
	ptr string
}

func (r rnode) ok() bool { return r.n != nil }

func (r rnode) isMap() bool { return r.n != nil && r.n.Kind == yaml.MappingNode }

// key returns the value of key k of a mapping (a zero rnode when absent).
func (r rnode) key(k string) rnode {
	if !r.isMap() {
		return rnode{}
	}
	for i := 0; i+1 < len(r.n.Content); i += 2 {
		if r.n.Content[i].Value == k {
			return rnode{n: r.n.Content[i+1], ptr: child(r.ptr, k)}
		}
	}
	return rnode{}
}

// entry is one key and value of a mapping.
type rentry struct {
	name string
	val  rnode
}

// entries lists a mapping's entries in order.
func (r rnode) entries() []rentry {
	if !r.isMap() {
		return nil
	}
	var out []rentry
	for i := 0; i+1 < len(r.n.Content); i += 2 {
		k := r.n.Content[i].Value
		out = append(out, rentry{name: k, val: rnode{n: r.n.Content[i+1], ptr: child(r.ptr, k)}})
	}
	return out
}

// items lists a sequence's items.
func (r rnode) items() []rnode {
	if r.n == nil || r.n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]rnode, len(r.n.Content))
	for i, c := range r.n.Content {
		out[i] = rnode{n: c, ptr: child(r.ptr, itoa(i))}
	}
	return out
}

func (r rnode) isStr() bool {
	return r.n != nil && r.n.Kind == yaml.ScalarNode && (r.n.Tag == "!!str" || r.n.Tag == "")
}

func (r rnode) isBool() bool {
	return r.n != nil && r.n.Kind == yaml.ScalarNode && r.n.Tag == "!!bool"
}

func (r rnode) isInt() bool {
	return r.n != nil && r.n.Kind == yaml.ScalarNode && r.n.Tag == "!!int"
}

func (r rnode) isTrue() bool { return r.isBool() && r.n.Value == "true" }

// describeNode says what a node is, for notes.
func describeNode(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%s %q", strings.TrimPrefix(n.Tag, "!!"), clip60(n.Value))
	}
	return "an alias"
}

func clip60(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// str reads extension k as a string; a value of another kind is noted and
// reads as "".
func (re *restorer) str(r rnode, k string) string {
	v := r.key(k)
	if !v.ok() {
		return ""
	}
	if !v.isStr() {
		re.note(v.ptr, nil, "want a string, got %s: not kept", describeNode(v.n))
		return ""
	}
	return v.n.Value
}

// flag reads key k as a boolean (false when absent or malformed, noted).
func (re *restorer) flag(r rnode, k string) bool {
	v := r.key(k)
	if !v.ok() {
		return false
	}
	if !v.isBool() {
		re.note(v.ptr, nil, "want true or false, got %s: not kept", describeNode(v.n))
		return false
	}
	return v.n.Value == "true"
}

// strList reads key k as a list of strings (nil when absent or malformed).
func (re *restorer) strList(r rnode, k string) []string {
	v := r.key(k)
	if !v.ok() {
		return nil
	}
	var out []string
	for _, it := range v.items() {
		if !it.isStr() {
			re.note(it.ptr, nil, "want a string, got %s: the list is not kept", describeNode(it.n))
			return nil
		}
		out = append(out, it.n.Value)
	}
	if v.n.Kind != yaml.SequenceNode {
		re.note(v.ptr, nil, "want a list of strings, got %s: not kept", describeNode(v.n))
	}
	return out
}

// valueKinds are what copyChecked accepts for a key.
type valueKind int

const (
	kStr valueKind = iota
	kBool
	kInt
	kStrs
	kInts
	kMap // any mapping, copied as it is (the loader checks it)
)

// copyChecked copies the mapping r keeping the keys of want whose values
// have the wanted kind; others are noted at their pointer. nil when r is
// not a mapping (noted).
func (re *restorer) copyChecked(r rnode, want map[string]valueKind) *yaml.Node {
	if !r.isMap() {
		re.note(r.ptr, nil, "want a mapping, got %s: not kept", describeNode(r.n))
		return nil
	}
	out := mapping()
	for _, e := range r.entries() {
		kind, known := want[e.name]
		if !known {
			re.note(e.val.ptr, nil, "unknown key %q: not kept", e.name)
			continue
		}
		if !kindFits(e.val, kind) {
			re.note(e.val.ptr, nil, "%s: malformed value %s: not kept", e.name, describeNode(e.val.n))
			continue
		}
		set(out, e.name, re.copyNode(e.val.n))
	}
	return out
}

func kindFits(v rnode, k valueKind) bool {
	switch k {
	case kStr:
		return v.isStr()
	case kBool:
		return v.isBool()
	case kInt:
		return v.isInt()
	case kStrs, kInts:
		if v.n.Kind != yaml.SequenceNode {
			return false
		}
		for _, it := range v.items() {
			if k == kStrs && !it.isStr() || k == kInts && !it.isInt() {
				return false
			}
		}
		return true
	case kMap:
		return v.isMap()
	}
	return false
}

// maxCopied bounds the nodes copied from the spec into the schema, so that
// aliases expanding into each other cannot make a small spec huge.
const maxCopied = 1 << 20

// copyNode copies a node of the spec into the schema: data only (no
// positions, comments or anchors), in flow style where it nests. Past
// maxCopied nodes it copies nulls, noted once.
func (re *restorer) copyNode(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	re.copied++
	if re.copied > maxCopied {
		if re.copied == maxCopied+1 {
			re.note("#", nil, "more than %d values to copy (aliases expanding?): the rest are null", maxCopied)
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return re.copyNode(n.Alias)
	}
	c := &yaml.Node{Kind: n.Kind, Tag: n.Tag, Value: n.Value}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!str" {
			c = str(n.Value)
		}
	case yaml.MappingNode, yaml.SequenceNode:
		c.Style = yaml.FlowStyle
		for _, k := range n.Content {
			c.Content = append(c.Content, re.copyNode(k))
		}
	}
	return c
}

// restoredExtensions are the extensions sessiongen export writes, each
// read back by the restorer.
var restoredExtensions = []string{"abstract", "createOnly", "defaults", "deprecated", "discriminator",
	"discriminatorValue", "encoding", "error", "format", "goName", "goType", "idPrefix", "idempotencyHeader",
	"import", "imports", "inline", "inlineOf", "key", "name", "nonFinite", "nullable", "package", "paging",
	"password", "pii", "relationship", "requestIdHeaders", "requiredOnCreate", "resource", "retry", "retrySafe",
	"rules", "sentinel", "shape", "subtypes", "username", "values", "version"}

// unknownExtensions notes every x-sessiongen-* key sessiongen export does
// not write (a newer exporter's, or a typo): never dropped silently.
func (re *restorer) unknownExtensions(r rnode, depth int) {
	if depth > 4*restoreDepth || r.n == nil {
		return
	}
	for _, e := range r.entries() {
		if name, ok := strings.CutPrefix(e.name, "x-sessiongen-"); ok && !slices.Contains(restoredExtensions, name) {
			re.note(e.val.ptr, nil, "extension %s is not one sessiongen export writes: not kept", e.name)
		}
		if e.name != "default" && e.name != "examples" && e.name != "example" {
			re.unknownExtensions(e.val, depth+1) // not into values: their keys are data
		}
	}
	for _, it := range r.items() {
		re.unknownExtensions(it, depth+1)
	}
}
