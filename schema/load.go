package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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
	set := &importSet{r: &r, byPath: map[string]*File{}, state: map[*File]int{}}
	var files []*File
	for _, p := range paths {
		f := set.load(p, Pos{File: p, Line: 1, Col: 1})
		if f == nil || slices.Contains(files, f) {
			continue
		}
		files = append(files, f)
	}
	for _, f := range files {
		set.resolveImports(f, nil)
	}
	for _, f := range set.post {
		validate(&r, f)
	}
	checkPackagePaths(&r, append(slices.Clone(files), ImportedFiles(files)...))
	return files, r.diags.Err()
}

// Parse loads and validates one schema from src; name is used in positions.
func Parse(name string, src []byte) (*File, error) {
	var r reporter
	if len(src) > MaxFileSize {
		r.errorf(Pos{File: name, Line: 1, Col: 1}, "file is larger than %d bytes", MaxFileSize)
		return nil, r.diags.Err()
	}
	f := parse(&r, name, src)
	if f != nil {
		for _, im := range f.Imports {
			r.errorf(im.SchemaPos, "imports %s: a schema parsed from memory cannot import files: load it from its file (Load, LoadFiles)", quote(im.Schema))
		}
		validate(&r, f)
	}
	return f, r.diags.Err()
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

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). For these, the line in "yaml: line N: ..." is the 0-based line of
// the construct being parsed, one less than the line a reader counts: a flow
// mapping left open on line 2 is reported as "line 1". Scanner messages carry
// a 1-based line.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

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
		d := yamlError(name, src, err)
		if m := unknownAnchor.FindStringSubmatch(err.Error()); m != nil {
			// yaml.v3 gives no position for an alias to an undefined
			// anchor: find the alias in the text.
			d.Pos.Line, d.Pos.Col = findAlias(src, m[1])
		}
		r.diags = append(r.diags, d)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		pos := Pos{File: name, Line: extra.Line, Col: extra.Column}
		if err != nil {
			r.diags = append(r.diags, yamlError(name, src, err))
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

var unknownAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)

// findAlias returns the line and column of the first "*name" in src that
// stands alone as an alias (preceded by a space, a flow indicator or the
// start of a line, followed by a space, a flow indicator or the end), or 1, 1.
// It does not parse YAML, so an occurrence inside a quoted string or a
// comment could be found first; that is rare, and still near the problem.
func findAlias(src []byte, name string) (line, col int) {
	alias := []byte("*" + name)
	boundary := func(c byte) bool { return strings.IndexByte(" \t\r\n,[]{}", c) >= 0 }
	for from := 0; ; {
		i := bytes.Index(src[from:], alias)
		if i < 0 {
			return 1, 1
		}
		i += from
		end := i + len(alias)
		if (i == 0 || boundary(src[i-1])) && (end == len(src) || boundary(src[end])) {
			start := bytes.LastIndexByte(src[:i], '\n') + 1
			return bytes.Count(src[:i], []byte("\n")) + 1, utf8.RuneCount(src[start:i]) + 1
		}
		from = i + 1
	}
}

func yamlError(name string, src []byte, err error) Diagnostic {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if yamlParserProblems[msg] {
			line++
		}
		// An error at the end of the input is placed on the line after
		// the last one when the input does not end in a newline.
		last := bytes.Count(src, []byte("\n"))
		if len(src) > 0 && src[len(src)-1] != '\n' {
			last++
		}
		line = max(1, min(line, last))
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	// Some messages quote the input (an unknown anchor's name): keep the line
	// short and on one line whatever the input.
	msg = strings.Join(strings.Fields(msg), " ")
	msg = clipN(msg, 200)
	return Diagnostic{Pos: Pos{File: name, Line: line, Col: 1}, Msg: "invalid YAML: " + msg}
}

// loader turns yaml.Node trees into the model. It never coerces: every scalar
// is read from its text with its resolved tag checked.
type loader struct {
	r    *reporter
	file string
	// suggested records, per mapping, the keys proposed by "did you mean"
	// for an unknown key, so that a misspelt required key is reported once,
	// as unknown, and not again as missing.
	suggested map[*yaml.Node]map[string]bool
}

func (l *loader) pos(n *yaml.Node) Pos { return Pos{File: l.file, Line: n.Line, Col: n.Column} }

func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.r.errorf(l.pos(n), format, args...)
}

// plainTags are the tags YAML resolves plain text to that a schema may use.
var plainTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!map": true, "!!seq": true,
}

// maxPlainErrors caps what plain reports: a YAML bomb has thousands of
// aliases, and the first few say all there is to say.
const maxPlainErrors = 10

// plain reports whether the tree under n uses plain YAML only: no anchors,
// aliases, merge keys or unusual tags. Aliases are where YAML bombs live, and a
// schema gains nothing from them that it could not say plainly.
func (l *loader) plain(n *yaml.Node) bool {
	errs := 0
	report := func(n *yaml.Node, format string, args ...any) {
		errs++
		switch {
		case errs <= maxPlainErrors:
			l.errorf(n, format, args...)
		case errs == maxPlainErrors+1:
			l.errorf(n, "more anchors, aliases or tags follow; only the first %d are reported", maxPlainErrors)
		}
	}
	mergeKeys := map[*yaml.Node]bool{} // reported by the mapping holding them
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case n.Kind == yaml.AliasNode:
			report(n, "aliases are not allowed in schemas: write the value out")
			continue
		case n.Anchor != "":
			report(n, "anchors are not allowed in schemas: write the value out")
		case n.Tag == "!!merge":
			// A merge key is reported once, as such, by the mapping holding
			// it. Anywhere else YAML still reads a bare << as a merge.
			switch {
			case mergeKeys[n]:
			case n.Style&yaml.TaggedStyle != 0:
				report(n, "tag %q is not allowed in schemas", n.Tag)
			default:
				report(n, "<< is read by YAML as a merge key: quote it to write a string")
			}
		case n.Tag == "!!timestamp" && n.Style&yaml.TaggedStyle == 0:
			// YAML reads an unquoted 2001-12-14 as a timestamp: say so
			// rather than complain about a tag the author never wrote.
			report(n, "%s is read by YAML as a date: quote it to write a string", clip(n.Value))
		case n.Kind != yaml.DocumentNode && !plainTags[n.Tag]:
			report(n, "tag %q is not allowed in schemas", clip(n.Tag))
		case n.Style&yaml.TaggedStyle != 0 && n.Tag != kindTag[n.Kind]:
			// yaml.v3 does not check an explicit tag against the text it
			// tags (!!int "abc", !!bool "maybe", !!null "x"), so only the
			// tags that add nothing are allowed: !!str on text, !!map on a
			// mapping, !!seq on a list.
			report(n, "tag %q is not allowed here: write the value plainly", n.Tag)
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Tag == "!!merge" && k.Style&yaml.TaggedStyle == 0 {
					report(k, "merge keys (<<) are not allowed in schemas: write the keys out")
					mergeKeys[k] = true
				}
			}
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}
	return errs == 0
}

// kindTag is the one tag each kind of node may carry explicitly.
var kindTag = map[yaml.Kind]string{
	yaml.ScalarNode:   "!!str",
	yaml.MappingNode:  "!!map",
	yaml.SequenceNode: "!!seq",
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
			if s := l.unknownKey(e.key, what, allowed); s != "" {
				if l.suggested == nil {
					l.suggested = map[*yaml.Node]map[string]bool{}
				}
				if l.suggested[n] == nil {
					l.suggested[n] = map[string]bool{}
				}
				l.suggested[n][s] = true
			}
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
			l.errorf(k, "duplicate key %q in %s (first at line %d)", clip(k.Value), what, prev.Line)
			continue
		}
		first[k.Value] = k
		out = append(out, entry{k, v})
	}
	return out
}

// unknownKey reports k and returns the key it suggests instead, if any.
func (l *loader) unknownKey(k *yaml.Node, what string, allowed []string) string {
	if s := nearest(k.Value, allowed); s != "" {
		l.errorf(k, "unknown key %q in %s; did you mean %q?", clip(k.Value), what, s)
		return s
	}
	l.errorf(k, "unknown key %q in %s; want one of %s", clip(k.Value), what, strings.Join(allowed, ", "))
	return ""
}

// required reports a missing key at the mapping n.
func (l *loader) require(n *yaml.Node, m map[string]entry, what string, keys ...string) {
	if m == nil {
		return
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok && !l.suggested[n][k] {
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

// clip keeps messages short whatever the input. It cuts at a character
// boundary, so that a clipped name still reads as text when quoted.
func clip(s string) string { return clipN(s, 40) }

// clipN keeps at most about max bytes of s.
func clipN(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
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
// yaml.v3 tags a decimal too large for int64 !!float (or !!str past float64):
// it is still an integer, out of range.
func (l *loader) integer(n *yaml.Node, what string) (int, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float" && !overflowNumber(n)) || !decimal.MatchString(n.Value) {
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

// overflowNumber reports whether n is a plain number that yaml.v3 tagged
// !!str only because it overflows a float64 (1e400). YAML reads it as a
// number, and so does the loader: the validator reports it out of range.
func overflowNumber(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Style == 0 && jsonNumber.MatchString(n.Value)
}

func (l *loader) number(n *yaml.Node, what string) (*Number, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float" && !overflowNumber(n)) || !jsonNumber.MatchString(n.Value) {
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
		switch {
		case overflowNumber(n):
			b.WriteString(n.Value)
		case n.Tag == "!!str":
			q, _ := json.Marshal(n.Value)
			b.Write(q)
		case n.Tag == "!!int", n.Tag == "!!float":
			if !jsonNumber.MatchString(n.Value) {
				l.errorf(n, "%s: %s is not a JSON number (quote it if it is text)", what, clip(n.Value))
				return false
			}
			b.WriteString(n.Value)
		case n.Tag == "!!bool":
			v, _ := strconv.ParseBool(strings.ToLower(n.Value))
			b.WriteString(strconv.FormatBool(v))
		case n.Tag == "!!null":
			b.WriteString("null")
		default:
			l.errorf(n, "%s: unsupported value", what)
			return false
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
	// Edit distance is quadratic in the lengths: names far longer than any
	// real one get no suggestion rather than seconds of work.
	const maxLen = 100
	if len(s) > maxLen {
		return ""
	}
	best, bestDist := "", 1<<30
	for _, a := range allowed {
		if len(a) > maxLen {
			continue
		}
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
