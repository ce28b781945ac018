// Conformance runner (hand-written, not generated), modelled on protobuf's
// conformance suite: the vectors in testdata/conformance/vectors/*.vec are
// JSON inputs with an expected outcome, run against the package generated
// from testdata/conformance/schema.yaml (./kinds); failing.txt lists the
// vectors known to fail, with their current outcome, and cannot go stale.
//
// A vector is one line:
//
//	<name> <target> <input> accept <canonical>|same [invalid <validation error>]
//	<name> <target> <input> reject <error text>
//
// <input>, <canonical> and the texts are Go string literals ("..." with
// escapes such as \xff for raw bytes, or `...`). <target> is a struct type
// of ./kinds, decoded with both UnmarshalJSON and DecodeJSON (+ End), or an
// interface, decoded with Unmarshal<Interface>. "accept" expects the decoded
// value to re-encode (AppendJSON) to exactly <canonical> ("same": the input
// itself) and Validate to succeed, or to fail with exactly the text after
// "invalid". Every accepted value must also round-trip: decoding the
// canonical JSON gives a reflect.DeepEqual value that encodes to the same
// bytes. Lines starting with # are comments.
//
// failing.txt has one line per failing vector, "<name> <current outcome>"
// (a Go string literal). The run fails when a listed vector passes, when an
// unlisted vector fails, when a listed vector's outcome differs from the one
// recorded, and when a listed name is not a vector. Rewrite the list with
//
//	go test ./generated/conformance -run TestConformance -fix
//
// and read the diff.
package conformance_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sessiongen/sessiongen/generated/conformance/kinds"
)

var fix = flag.Bool("fix", false, "rewrite testdata/conformance/failing.txt from the current failures")

const (
	vectorsDir  = "../../testdata/conformance/vectors"
	failingFile = "../../testdata/conformance/failing.txt"
)

// object is the method set of every generated struct.
type object interface {
	UnmarshalJSON([]byte) error
	AppendJSON([]byte) ([]byte, error)
	MarshalJSON() ([]byte, error)
	Validate() error
}

// target decodes and encodes one kind of document.
type target struct {
	// decode returns the value and the error of each entry point, which
	// must agree.
	decode func([]byte) (any, []error)
	encode func(any, []byte) ([]byte, error)
}

func structTarget[T any, P interface {
	*T
	object
}]() target {
	return target{
		decode: func(b []byte) (any, []error) {
			v := P(new(T))
			return v, []error{v.UnmarshalJSON(b)}
		},
		encode: func(v any, dst []byte) ([]byte, error) { return v.(P).AppendJSON(dst) },
	}
}

func ifaceTarget[I interface {
	AppendJSON([]byte) ([]byte, error)
	Validate() error
}](unmarshal func([]byte) (I, error)) target {
	return target{
		decode: func(b []byte) (any, []error) {
			v, err := unmarshal(b)
			return v, []error{err}
		},
		encode: func(v any, dst []byte) ([]byte, error) { return v.(I).AppendJSON(dst) },
	}
}

var targets = map[string]target{
	"Doc":        structTarget[kinds.Doc](),
	"Scalars":    structTarget[kinds.Scalars](),
	"Imported":   structTarget[kinds.Imported](),
	"Presence":   structTarget[kinds.Presence](),
	"Containers": structTarget[kinds.Containers](),
	"Circle":     structTarget[kinds.Circle](),
	"Square":     structTarget[kinds.Square](),
	"AnimalBase": structTarget[kinds.AnimalBase](),
	"Dog":        structTarget[kinds.Dog](),
	"Bag":        structTarget[kinds.Bag](),
	"Node":       structTarget[kinds.Node](),
	"Ruled":      structTarget[kinds.Ruled](),
	"Shape":      ifaceTarget(kinds.UnmarshalShape),
	"Animal":     ifaceTarget(kinds.UnmarshalAnimal),

	// 13u: unions and nullable items.
	"Unions":        structTarget[kinds.Unions](),
	"NullableItems": structTarget[kinds.NullableItems](),
	// 13e: inline enums.
	"InlineEnums": structTarget[kinds.InlineEnums](),
	// 13p: hierarchies.
	"Vehicle": ifaceTarget(kinds.UnmarshalVehicle),
	"Plant":   ifaceTarget(kinds.UnmarshalPlant),
	"Garage":  structTarget[kinds.Garage](),
}

// vector is one parsed line.
type vector struct {
	file   string
	line   int
	name   string
	target string
	input  []byte
	want   string // the expected outcome, as outcome() renders it
}

// quoted reads a Go string literal at the start of s.
func quoted(s string) (val, rest string, err error) {
	s = strings.TrimLeft(s, " \t")
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", fmt.Errorf("want a Go string literal at %.20q", s)
	}
	val, err = strconv.Unquote(q)
	return val, s[len(q):], err
}

// word reads a space-separated word at the start of s.
func word(s string) (w, rest string) {
	s = strings.TrimLeft(s, " \t")
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

func parseVector(file string, n int, line string) (vector, error) {
	v := vector{file: file, line: n}
	v.name, line = word(line)
	v.target, line = word(line)
	if _, ok := targets[v.target]; !ok {
		return v, fmt.Errorf("unknown target %q", v.target)
	}
	in, line, err := quoted(line)
	if err != nil {
		return v, fmt.Errorf("input: %v", err)
	}
	v.input = []byte(in)
	verb, line := word(line)
	switch verb {
	case "accept":
		canon := ""
		if w, rest := word(line); w == "same" {
			canon, line = in, rest
		} else if canon, line, err = quoted(line); err != nil {
			return v, fmt.Errorf("canonical JSON: %v", err)
		}
		v.want = "accept " + canon
		if w, rest := word(line); w == "invalid" {
			text, rest, err := quoted(rest)
			if err != nil {
				return v, fmt.Errorf("validation error: %v", err)
			}
			v.want += "\ninvalid " + text
			line = rest
		}
	case "reject":
		text, rest, err := quoted(line)
		if err != nil {
			return v, fmt.Errorf("error text: %v", err)
		}
		v.want, line = "reject "+text, rest
	default:
		return v, fmt.Errorf("want accept or reject, found %q", verb)
	}
	if strings.TrimSpace(line) != "" {
		return v, fmt.Errorf("unexpected text after the outcome: %q", strings.TrimSpace(line))
	}
	return v, nil
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(vectorsDir, "*.vec"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no vectors under %s (%v)", vectorsDir, err)
	}
	var out []vector
	seen := map[string]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			line = strings.TrimRight(line, "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			where := fmt.Sprintf("%s:%d", filepath.Base(p), i+1)
			v, err := parseVector(filepath.Base(p), i+1, line)
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if prev, dup := seen[v.name]; dup {
				t.Fatalf("%s: vector %s already defined at %s", where, v.name, prev)
			}
			seen[v.name] = where
			out = append(out, v)
		}
	}
	return out
}

// outcome runs one vector and renders what happened in the form of
// vector.want; broken invariants are reported in a form no vector can expect.
func outcome(v vector) string {
	tg := targets[v.target]
	val, errs := tg.decode(v.input)
	for _, err := range errs[1:] {
		if fmt.Sprint(err) != fmt.Sprint(errs[0]) {
			return fmt.Sprintf("BROKEN: entry points disagree: UnmarshalJSON %v, DecodeJSON %v", errs[0], err)
		}
	}
	if err := errs[0]; err != nil {
		var de *kinds.DecodeError
		if !errors.As(err, &de) {
			return fmt.Sprintf("BROKEN: error %v is a %T, not a *DecodeError", err, err)
		}
		if de.Offset < 0 || de.Offset > len(v.input) {
			return fmt.Sprintf("BROKEN: offset %d outside the input (%d bytes): %v", de.Offset, len(v.input), err)
		}
		if len(err.Error()) >= 1024 {
			return fmt.Sprintf("BROKEN: error text is %d bytes", len(err.Error()))
		}
		return "reject " + err.Error()
	}
	enc, err := tg.encode(val, nil)
	if err != nil {
		return fmt.Sprintf("BROKEN: AppendJSON: %v", err)
	}
	if !utf8.Valid(enc) || !json.Valid(enc) {
		return fmt.Sprintf("BROKEN: AppendJSON wrote invalid JSON or UTF-8: %q", enc)
	}
	// Appending to a non-empty buffer leaves its bytes alone.
	prefix := []byte(`{"prefix":`)
	if enc2, err := tg.encode(val, bytes.Clone(prefix)); err != nil || !bytes.Equal(enc2, append(prefix, enc...)) {
		return fmt.Sprintf("BROKEN: AppendJSON to a non-empty buffer wrote %q (err %v)", enc2, err)
	}
	// Round trip: the canonical form decodes to the same value and is a
	// fixed point of decode-encode.
	again, errs := tg.decode(enc)
	if errs[0] != nil {
		return fmt.Sprintf("BROKEN: the re-encoded JSON %s does not decode: %v", enc, errs[0])
	}
	if !sameValue(val, again) {
		return fmt.Sprintf("BROKEN: decoding the re-encoded JSON %s gives another value", enc)
	}
	if enc3, err := tg.encode(again, nil); err != nil || !bytes.Equal(enc3, enc) {
		return fmt.Sprintf("BROKEN: re-encoding is not stable: %s then %s", enc, enc3)
	}
	out := "accept " + string(enc)
	if err := val.(interface{ Validate() error }).Validate(); err != nil {
		out += "\ninvalid " + err.Error()
	}
	return out
}

// render writes an outcome in vector syntax, for pasting into a .vec file.
func render(o string) string {
	acc, inv, _ := strings.Cut(o, "\ninvalid ")
	verb, text, _ := strings.Cut(acc, " ")
	s := verb + " " + goQuote(text)
	if inv != "" {
		s += " invalid " + goQuote(inv)
	}
	return s
}

// goQuote prefers a raw string literal, which keeps JSON readable.
func goQuote(s string) string {
	if !strings.ContainsAny(s, "`\r") && utf8.ValidString(s) && strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// readFailing parses failing.txt: name -> recorded outcome.
func readFailing(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(failingFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	comment := ""
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			comment = ""
			continue
		}
		if strings.HasPrefix(line, "#") {
			comment += line + "\n"
			continue
		}
		// Every entry says why its failure is tolerated.
		if strings.TrimSpace(strings.Trim(comment, "#\n ")) == "" || strings.Contains(comment, "TODO") {
			t.Errorf("failing.txt:%d: the entry needs a comment line above it saying why it fails", n)
		}
		comment = ""
		name, rest := word(line)
		got, rest, err := quoted(rest)
		if err != nil || strings.TrimSpace(rest) != "" {
			t.Fatalf("failing.txt:%d: want <name> <Go string literal>", n)
		}
		if _, dup := out[name]; dup {
			t.Fatalf("failing.txt:%d: %s listed twice", n, name)
		}
		out[name] = got
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

const failingHeader = `# Conformance vectors known to fail, with their current outcome (a Go string
# literal). Maintained by generated/conformance/conformance_test.go: a listed
# vector that passes, a failure that is not listed, or an outcome that differs
# from the one recorded here fails the run. After a deliberate change run
#   go test ./generated/conformance -run TestConformance -fix
# and read the diff. Each entry has a comment saying why it is accepted.
`

func TestConformance(t *testing.T) {
	vectors := loadVectors(t)
	failing := readFailing(t)
	byName := map[string]bool{}
	got := map[string]string{}
	passed := 0
	for _, v := range vectors {
		byName[v.name] = true
		o := outcome(v)
		if o == v.want {
			passed++
			if _, listed := failing[v.name]; listed && !*fix {
				t.Errorf("%s:%d: %s passes but is listed in failing.txt: remove it (or run -fix)", v.file, v.line, v.name)
			}
			continue
		}
		got[v.name] = o
		rec, listed := failing[v.name]
		switch {
		case *fix:
		case !listed:
			t.Errorf("%s:%d: %s (target %s) failed:\n  input %s\n  want  %s\n  got   %s", v.file, v.line, v.name, v.target,
				goQuote(string(v.input)), render(v.want), render(o))
		case rec != o:
			t.Errorf("%s:%d: %s fails differently from failing.txt:\n  recorded %s\n  got      %s", v.file, v.line, v.name, strconv.Quote(rec), strconv.Quote(o))
		}
	}
	for name := range failing {
		if !byName[name] && !*fix {
			t.Errorf("failing.txt lists %s, which is not a vector", name)
		}
	}
	t.Logf("%d vectors: %d pass, %d fail (listed in failing.txt: %d)", len(vectors), passed, len(got), len(failing))
	if *fix {
		writeFailing(t, got)
	}
}

// writeFailing rewrites failing.txt, keeping the comment lines that precede
// each entry that is still failing.
func writeFailing(t *testing.T, got map[string]string) {
	t.Helper()
	comments := map[string]string{}
	if data, err := os.ReadFile(failingFile); err == nil {
		var pending []string
		for _, line := range strings.Split(string(data), "\n") {
			trimmed := strings.TrimSpace(line)
			switch {
			case strings.HasPrefix(trimmed, "#"):
				if !strings.HasPrefix(failingHeader, line+"\n") && !strings.Contains(failingHeader, line+"\n") {
					pending = append(pending, line)
				}
			case trimmed == "":
				pending = nil
			default:
				name, _ := word(trimmed)
				comments[name] = strings.Join(pending, "\n")
				pending = nil
			}
		}
	}
	names := make([]string, 0, len(got))
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(failingHeader)
	for _, n := range names {
		b.WriteString("\n")
		if c := comments[n]; c != "" {
			b.WriteString(c + "\n")
		} else {
			b.WriteString("# TODO: say why this failure is accepted.\n")
		}
		fmt.Fprintf(&b, "%s %s\n", n, strconv.Quote(got[n]))
	}
	if err := os.WriteFile(failingFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFailingListCannotGoStale checks the runner's bookkeeping itself: a
// vector whose expectation is wrong is reported, and one whose recorded
// failure changed is reported too.
func TestFailingListCannotGoStale(t *testing.T) {
	v, err := parseVector("self", 1, "self/ok Doc `{}` accept same")
	if err != nil {
		t.Fatal(err)
	}
	if o := outcome(v); o != v.want {
		t.Fatalf("outcome %q, want %q", o, v.want)
	}
	v, err = parseVector("self", 2, "self/wrong Doc `{}` reject `json: nothing`")
	if err != nil {
		t.Fatal(err)
	}
	if o := outcome(v); o == v.want {
		t.Fatalf("a wrong expectation passed")
	}
	for _, bad := range []string{
		"x Nope `{}` accept same",
		"x Doc {} accept same",
		"x Doc `{}` maybe",
		"x Doc `{}` accept same trailing",
		"x Doc `{}` reject",
	} {
		if _, err := parseVector("self", 3, bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// sameValue is reflect.DeepEqual, except that NaN equals NaN: a decoded
// "NaN" must round-trip to an equal value.
func sameValue(a, b any) bool {
	return sameReflect(reflect.ValueOf(a), reflect.ValueOf(b))
}

func sameReflect(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y || math.IsNaN(x) && math.IsNaN(y)
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameReflect(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameReflect(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return false
		}
		fallthrough
	case reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameReflect(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		it := a.MapRange()
		for it.Next() {
			w := b.MapIndex(it.Key())
			if !w.IsValid() || !sameReflect(it.Value(), w) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	}
	// Funcs, channels and unsafe pointers do not occur in decoded values.
	return false
}
