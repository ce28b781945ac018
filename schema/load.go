package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize caps the size of one schema file. Together with the ban on
// aliases it bounds the work any input can cause: a YAML bomb is rejected
// before it is expanded.
const MaxFileSize = 4 << 20

// Load reads and validates the schema file at path.
func Load(path string) (*File, error) {
	files, err := LoadFiles(path)
	if len(files) == 0 {
		return nil, err
	}
	return files[0], err
}

// LoadFiles reads and validates every file in paths. On error it returns the
// files that parsed and a Diagnostics error listing every problem of all of
// them, sorted.
func LoadFiles(paths ...string) ([]*File, error) {
	var r reporter
	var files []*File
	for _, p := range paths {
		src, err := readCapped(p)
		if err != nil {
			r.errorf(Pos{File: p, Line: 1, Col: 1}, "%v", err)
			continue
		}
		if f := parse(&r, p, src); f != nil {
			files = append(files, f)
		}
	}
	for _, f := range files {
		validate(&r, f)
	}
	checkPackagePaths(&r, files)
	return files, r.diags.err()
}

// Parse loads and validates one schema from src; name is used in positions.
func Parse(name string, src []byte) (*File, error) {
	var r reporter
	if len(src) > MaxFileSize {
		r.errorf(Pos{File: name, Line: 1, Col: 1}, "file is larger than %d bytes", MaxFileSize)
		return nil, r.diags.err()
	}
	f := parse(&r, name, src)
	if f != nil {
		validate(&r, f)
	}
	return f, r.diags.err()
}

func readCapped(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	src, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, fmt.Errorf("file is larger than %d bytes", MaxFileSize)
	}
	return src, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse decodes src into a File, reporting syntax and structure problems.
func parse(r *reporter, name string, src []byte) *File {
	// CRLF input must give the same result as LF input.
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.errorf(Pos{File: name, Line: 1, Col: 1}, "empty schema: want a mapping with sessiongen, package, api and types")
			return nil
		}
		r.diags = append(r.diags, yamlError(name, err))
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		pos := Pos{File: name, Line: extra.Line, Col: extra.Column}
		if err != nil {
			r.diags = append(r.diags, yamlError(name, err))
		} else {
			r.errorf(pos, "more than one YAML document: want exactly one")
		}
		return nil
	}
	l := &loader{r: r, file: name}
	if !l.plain(&doc) {
		return nil
	}
	return l.root(doc.Content[0])
}

func yamlError(name string, err error) Diagnostic {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return Diagnostic{Pos: Pos{File: name, Line: line, Col: 1}, Msg: "invalid YAML: " + msg}
}

// loader turns yaml.Node trees into the model. It never coerces: every scalar
// is read from its text with its resolved tag checked.
type loader struct {
	r    *reporter
	file string
}

func (l *loader) pos(n *yaml.Node) Pos { return Pos{File: l.file, Line: n.Line, Col: n.Column} }

func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.r.errorf(l.pos(n), format, args...)
}

var plainTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!map": true, "!!seq": true,
}

// plain reports whether the tree under n uses plain YAML only: no anchors,
// aliases, merge keys or unusual tags. Aliases are where YAML bombs live, and a
// schema gains nothing from them that it could not say plainly.
func (l *loader) plain(n *yaml.Node) bool {
	ok := true
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case n.Kind == yaml.AliasNode:
			l.errorf(n, "aliases are not allowed in schemas: write the value out")
			ok = false
			continue
		case n.Anchor != "":
			l.errorf(n, "anchors are not allowed in schemas: write the value out")
			ok = false
		case n.Kind != yaml.DocumentNode && !plainTags[n.Tag]:
			l.errorf(n, "tag %q is not allowed in schemas", n.Tag)
			ok = false
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Tag == "!!merge" {
					l.errorf(n.Content[i], "merge keys (<<) are not allowed in schemas: write the keys out")
					ok = false
				}
			}
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}
	return ok
}

// entry is one key/value pair of a mapping.
type entry struct {
	key, val *yaml.Node
}

// mapping checks that n is a mapping whose keys are all in allowed and unique,
// and returns its entries by key. what names the mapping in messages.
func (l *loader) mapping(n *yaml.Node, what string, allowed ...string) map[string]entry {
	entries := l.entries(n, what)
	if entries == nil {
		return nil
	}
	m := make(map[string]entry, len(entries))
	for _, e := range entries {
		if !contains(allowed, e.key.Value) {
			l.unknownKey(e.key, what, allowed)
			continue
		}
		m[e.key.Value] = e
	}
	return m
}

// entries returns the pairs of mapping n in order, reporting non-string and
// duplicate keys. It returns nil (after reporting) when n is not a mapping; an
// empty mapping gives an empty, non-nil slice.
func (l *loader) entries(n *yaml.Node, what string) []entry {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s: want a mapping, got %s", what, describe(n))
		return nil
	}
	out := make([]entry, 0, len(n.Content)/2)
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" {
			l.errorf(k, "%s: key must be a string, got %s (quote it)", what, describe(k))
			continue
		}
		if prev, dup := first[k.Value]; dup {
			l.errorf(k, "duplicate key %q in %s (first at line %d)", k.Value, what, prev.Line)
			continue
		}
		first[k.Value] = k
		out = append(out, entry{k, v})
	}
	return out
}

func (l *loader) unknownKey(k *yaml.Node, what string, allowed []string) {
	if s := nearest(k.Value, allowed); s != "" {
		l.errorf(k, "unknown key %q in %s; did you mean %q?", k.Value, what, s)
		return
	}
	l.errorf(k, "unknown key %q in %s; want one of %s", k.Value, what, strings.Join(allowed, ", "))
}

// required reports a missing key at the mapping n.
func (l *loader) require(n *yaml.Node, m map[string]entry, what string, keys ...string) {
	if m == nil {
		return
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			l.errorf(n, "%s: missing required key %q", what, k)
		}
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str":
			return fmt.Sprintf("the string %q", clip(n.Value))
		case "!!int":
			return fmt.Sprintf("the integer %s", clip(n.Value))
		case "!!float":
			return fmt.Sprintf("the number %s", clip(n.Value))
		case "!!bool":
			return fmt.Sprintf("the boolean %s", n.Value)
		case "!!null":
			return "null"
		}
	}
	return "an unsupported value"
}

// clip keeps messages short whatever the input.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}

// str reads a string scalar. Text that YAML reads as another type (012, yes
// is fine but true, ~, 1.5) must be quoted: nothing is converted silently.
func (l *loader) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		l.errorf(n, "%s: want a string, got %s", what, describe(n))
		return "", false
	}
	return n.Value, true
}

func (l *loader) boolean(n *yaml.Node, what string) (bool, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		l.errorf(n, "%s: want true or false, got %s", what, describe(n))
		return false, false
	}
	b, err := strconv.ParseBool(strings.ToLower(n.Value))
	if err != nil {
		l.errorf(n, "%s: want true or false, got %s", what, describe(n))
		return false, false
	}
	return b, true
}

var decimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

// integer reads a plain decimal integer: no octal, hex, sign or underscores.
func (l *loader) integer(n *yaml.Node, what string) (int, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || !decimal.MatchString(n.Value) {
		l.errorf(n, "%s: want a decimal integer, got %s", what, describe(n))
		return 0, false
	}
	v, err := strconv.ParseInt(n.Value, 10, 32)
	if err != nil {
		l.errorf(n, "%s: %s is out of range", what, clip(n.Value))
		return 0, false
	}
	return int(v), true
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func (l *loader) number(n *yaml.Node, what string) (*Number, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || !jsonNumber.MatchString(n.Value) {
		l.errorf(n, "%s: want a number, got %s", what, describe(n))
		return nil, false
	}
	return &Number{Pos: l.pos(n), Text: n.Value}, true
}

func (l *loader) strings(n *yaml.Node, what string) ([]string, bool) {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s: want a list of strings, got %s", what, describe(n))
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	ok := true
	for _, c := range n.Content {
		s, good := l.str(c, what)
		ok = ok && good
		out = append(out, s)
	}
	return out, ok
}

func (l *loader) jsonPath(n *yaml.Node, what string) JSONPath {
	p, ok := l.strings(n, what)
	if !ok {
		return nil
	}
	if len(p) == 0 {
		l.errorf(n, "%s: want at least one property name", what)
		return nil
	}
	return p
}

// value converts a literal to JSON text. Scalars keep their exact text; YAML
// forms with no JSON equivalent (.inf, .nan, octal) are errors.
func (l *loader) value(n *yaml.Node, what string) (*Value, bool) {
	var b strings.Builder
	if !l.writeJSON(&b, n, what) {
		return nil, false
	}
	return &Value{Pos: l.pos(n), JSON: b.String()}, true
}

func (l *loader) writeJSON(b *strings.Builder, n *yaml.Node, what string) bool {
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str":
			q, _ := json.Marshal(n.Value)
			b.Write(q)
		case "!!int", "!!float":
			if !jsonNumber.MatchString(n.Value) {
				l.errorf(n, "%s: %s is not a JSON number (quote it if it is text)", what, clip(n.Value))
				return false
			}
			b.WriteString(n.Value)
		case "!!bool":
			v, _ := strconv.ParseBool(strings.ToLower(n.Value))
			b.WriteString(strconv.FormatBool(v))
		case "!!null":
			b.WriteString("null")
		}
		return true
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if !l.writeJSON(b, c, what) {
				return false
			}
		}
		b.WriteByte(']')
		return true
	case yaml.MappingNode:
		entries := l.entries(n, what)
		if entries == nil {
			return false
		}
		b.WriteByte('{')
		for i, e := range entries {
			if i > 0 {
				b.WriteByte(',')
			}
			q, _ := json.Marshal(e.key.Value)
			b.Write(q)
			b.WriteByte(':')
			if !l.writeJSON(b, e.val, what) {
				return false
			}
		}
		b.WriteByte('}')
		return true
	}
	l.errorf(n, "%s: unsupported value", what)
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nearest returns the allowed key closest to s when it is close enough to be
// a likely typo, or "".
func nearest(s string, allowed []string) string {
	best, bestDist := "", 1<<30
	for _, a := range allowed {
		d := distance(strings.ToLower(s), strings.ToLower(a))
		if d < bestDist {
			best, bestDist = a, d
		}
	}
	if bestDist <= max(2, len(s)/3) {
		return best
	}
	return ""
}

// distance is the Levenshtein edit distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
