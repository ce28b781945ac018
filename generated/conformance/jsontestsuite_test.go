// JSONTestSuite (nst/JSONTestSuite test_parsing, copied to
// testdata/jsontestsuite; see its SOURCE.md) against the generated decoders
// (hand-written test, not generated). Every file goes through
//
//   - the runtime's syntax layer (Decoder.Skip then End), the code every
//     generated decoder calls for values it does not declare;
//   - every registered decoder (registry_test.go) as the whole input, through
//     both entry points (UnmarshalJSON and DecodeJSON + End, or
//     Unmarshal<Interface>), which must agree;
//   - the json member of the conformance type: {"raw":<file>} decoded as
//     kinds.Doc.
//
// Expectations: n_ files are rejected everywhere (and {"raw":<file>} is
// checked to be invalid JSON with encoding/json, so the wrapper cannot make
// a file valid); y_ files are accepted by the syntax layer and as the json
// member (and re-encoded byte for byte); y_ files whose top level is an
// object are accepted by every typed decoder, except as documented in
// yObjectExceptions and for types with required fields, which may reject
// them only for a missing required field; other y_ files are rejected by
// typed decoders, which decode objects only. The outcome of every i_ file is
// pinned in testdata/jsontestsuite/i_outcomes.golden (go test
// ./generated/conformance -run JSONTestSuite -update rewrites it). No input
// may panic, and every error text stays under 1 KiB.
package conformance_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/generated/conformance/kinds"
)

var update = flag.Bool("update", false, "rewrite testdata/jsontestsuite/i_outcomes.golden")

const (
	suiteDir   = "../../testdata/jsontestsuite/test_parsing"
	iGolden    = "../../testdata/jsontestsuite/i_outcomes.golden"
	maxErrText = 1024
)

// yObjectExceptions are the y_ files with an object at the top level that
// typed decoders reject by policy, with the reason. Duplicate member names
// are rejected (README, "strict decoding"; RFC 7493 I-JSON), as
// encoding/json/v2 does by default. No y_ file nests deeper than 512 levels
// or holds invalid UTF-8 or a lone surrogate, so those policies reject no y_
// file (checked by this test: nothing else may reject a y_ object).
var yObjectExceptions = map[string]string{
	"y_object_duplicated_key.json":           `json: duplicate field "a" at offset 9`,
	"y_object_duplicated_key_and_value.json": `json: duplicate field "a" at offset 9`,
}

// knownBugs are outcomes that differ from the expectations above, each with
// the outcome it has today; like failing.txt they cannot go stale: a fixed
// entry, or one whose outcome changes, fails the test until it is removed.
// None today: raw values kept verbatim (json members, unknown subtypes) reject
// duplicate names too.
var knownBugs = map[string]string{}

type suiteFile struct {
	name string
	data []byte
}

func loadSuite(t testing.TB) []suiteFile {
	t.Helper()
	entries, err := os.ReadDir(suiteDir)
	if err != nil {
		t.Fatal(err)
	}
	var files []suiteFile
	count := map[byte]int{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(suiteDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, suiteFile{e.Name(), b})
		count[e.Name()[0]]++
	}
	if len(files) != 318 || count['y'] != 95 || count['n'] != 188 || count['i'] != 35 {
		t.Fatalf("want 318 files (95 y_, 188 n_, 35 i_), found %d (%d y_, %d n_, %d i_)", len(files), count['y'], count['n'], count['i'])
	}
	return files
}

// guard runs f and turns a panic into an error that names it.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("PANIC: %v\n%s", r, debug.Stack())
		}
	}()
	return f()
}

// syntaxLayer validates data with the runtime's syntax layer as a caller
// reaches it: a json value (any JSON, null included) read through the
// exported Optional[json.RawMessage].UnmarshalJSON, which also rejects
// duplicate names at any depth (the decoder's Skip, which did not, is
// unexported).
func syntaxLayer(data []byte) error {
	var v kinds.Optional[json.RawMessage]
	return v.UnmarshalJSON(data)
}

// wrap builds {"raw":<data>}.
func wrap(data []byte) []byte {
	out := append([]byte(`{"raw":`), data...)
	return append(out, '}')
}

// checkError fails on a panic, on an error that is not a *DecodeError
// (errors from the kinds package; the other packages have their own
// DecodeError types, checked by message shape) and on a long error text.
func checkError(t *testing.T, where string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	text := err.Error()
	if strings.HasPrefix(text, "PANIC") {
		t.Errorf("%s: %s", where, text)
		return
	}
	if !strings.HasPrefix(text, "json: ") || !strings.Contains(text, " at offset ") {
		t.Errorf("%s: error %q is not a decode error", where, text)
	}
	if len(text) >= maxErrText {
		t.Errorf("%s: error text is %d bytes", where, len(text))
	}
}

func outcomeText(err error) string {
	if err == nil {
		return "accept"
	}
	return "reject " + err.Error()
}

// topLevelObject reports whether data's first non-whitespace byte is '{'.
func topLevelObject(data []byte) bool {
	s := bytes.TrimLeft(data, " \t\r\n")
	return len(s) > 0 && s[0] == '{'
}

func TestJSONTestSuite(t *testing.T) {
	files := loadSuite(t)
	var golden strings.Builder
	golden.WriteString("# Outcome of every JSONTestSuite i_ file (implementation-defined), pinned by\n" +
		"# generated/conformance/jsontestsuite_test.go; rewrite with -update after a\n" +
		"# deliberate change. syntax: the runtime's Skip+End. whole: kinds.Doc as the\n" +
		"# whole input (every registered decoder agrees unless listed). raw: the file as\n" +
		"# the json member of kinds.Doc, {\"raw\":<file>}.\n")
	stats := map[string]int{}
	seenBugs := map[string]bool{}
	for _, f := range files {
		kind := f.name[:2]
		obj := topLevelObject(f.data)

		// The syntax layer.
		synErr := guard(func() error { return syntaxLayer(f.data) })
		checkError(t, f.name+" syntax layer", synErr)

		// Every typed decoder as the whole input.
		var docErr error
		for _, c := range registry {
			where := f.name + " " + c.String()
			var v any
			err := guard(func() (err error) { v, err = c.decode(f.data); return err })
			checkError(t, where, err)
			if c.pkg == "kinds" && c.name == "Doc" {
				docErr = err
			}
			switch {
			case kind == "n_":
				if err == nil {
					t.Errorf("%s: accepted an n_ file", where)
				} else {
					stats["n_ rejections (file x decoder)"]++
				}
			case kind == "y_" && !obj:
				if err == nil {
					t.Errorf("%s: accepted a y_ file whose top level is not an object", where)
				}
			case kind == "y_":
				want, excepted := yObjectExceptions[f.name]
				bug, known := knownBugs[where]
				switch {
				case known:
					seenBugs[where] = true
					if outcomeText(err) != bug {
						t.Errorf("%s: outcome %q differs from knownBugs (%q): if it is fixed, remove the entry", where, outcomeText(err), bug)
					}
				case excepted:
					if err == nil || err.Error() != want {
						t.Errorf("%s: got %v, want the documented rejection %s", where, err, want)
					}
				case err == nil:
					stats["y_ object acceptances (file x decoder)"]++
					// Accepted values re-encode to valid JSON.
					enc, eerr := c.encode(v)
					if eerr != nil || !json.Valid(enc) {
						t.Errorf("%s: re-encoding gave %q, %v", where, enc, eerr)
					}
				case strings.Contains(err.Error(), "missing required field"):
					stats["y_ object rejections for a missing required field"]++
				default:
					t.Errorf("%s: rejected a y_ object: %v", where, err)
				}
			}
		}
		// i_: decoders that do not agree with Doc on accept/reject.
		var disagree []string
		if kind == "i_" {
			for _, c := range registry {
				_, err := c.decode(f.data)
				if (err == nil) != (docErr == nil) {
					disagree = append(disagree, c.String())
				}
			}
		}

		// The json member.
		wrapped := wrap(f.data)
		var doc kinds.Doc
		rawErr := guard(func() error { return doc.UnmarshalJSON(wrapped) })
		checkError(t, f.name+" as json member", rawErr)
		if rawErr == nil {
			// The value is kept verbatim, without surrounding whitespace.
			raw, _ := doc.Raw.Get()
			if !bytes.Equal(raw, bytes.Trim(f.data, " \t\r\n")) {
				t.Errorf("%s: the json member holds %q, not the file's value", f.name, raw)
			}
			enc, err := doc.AppendJSON(nil)
			if err != nil || !bytes.Equal(enc, wrap(raw)) {
				t.Errorf("%s: re-encoded the json member as %q (%v)", f.name, enc, err)
			}
		}

		switch kind {
		case "n_":
			if synErr == nil {
				t.Errorf("%s: the syntax layer accepted an n_ file", f.name)
			} else {
				stats["n_ rejected by the syntax layer"]++
			}
			if json.Valid(wrapped) {
				t.Errorf("%s: {\"raw\":<file>} is valid JSON: this wrapper cannot test the file", f.name)
			}
			if rawErr == nil {
				t.Errorf("%s: accepted as the json member", f.name)
			} else {
				stats["n_ rejected as the json member"]++
			}
		case "y_":
			_, dup := yObjectExceptions[f.name]
			switch {
			case dup && synErr != nil && strings.Contains(synErr.Error(), "duplicate field"):
				// A json value rejects duplicate names at any depth.
				stats["y_ duplicate-name files rejected by the syntax layer"]++
			case synErr != nil:
				t.Errorf("%s: the syntax layer rejected a y_ file: %v", f.name, synErr)
			default:
				stats["y_ accepted by the syntax layer"]++
			}
			if want, dup := yObjectExceptions[f.name]; dup && rawErr != nil {
				// Duplicate names are rejected inside json members too.
				if !strings.Contains(rawErr.Error(), strings.TrimPrefix(strings.SplitN(want, " at offset", 2)[0], "json: ")) {
					t.Errorf("%s: rejected as the json member with %v, want a duplicate-name error", f.name, rawErr)
				}
				stats["y_ duplicate-name files rejected as the json member"]++
			} else if rawErr != nil {
				t.Errorf("%s: rejected as the json member: %v", f.name, rawErr)
			} else {
				stats["y_ accepted as the json member"]++
			}
			if obj {
				stats["y_ with an object at the top level"]++
			}
		case "i_":
			fmt.Fprintf(&golden, "\n%s\n", f.name)
			fmt.Fprintf(&golden, "  syntax: %s\n", outcomeText(synErr))
			whole := outcomeText(docErr)
			if len(disagree) > 0 {
				whole += " (decoders that disagree: " + strings.Join(disagree, " ") + ")"
			}
			fmt.Fprintf(&golden, "  whole:  %s\n", whole)
			fmt.Fprintf(&golden, "  raw:    %s\n", outcomeText(rawErr))
			if synErr == nil {
				stats["i_ accepted by the syntax layer"]++
			}
			if rawErr == nil {
				stats["i_ accepted as the json member"]++
			}
		}
	}
	for k := range knownBugs {
		if !seenBugs[k] {
			t.Errorf("knownBugs lists %q, which no longer names a y_ object file and decoder", k)
		}
	}
	got := golden.String()
	if *update {
		if err := os.WriteFile(iGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(iGolden); err != nil {
		t.Errorf("%v (run with -update to create it)", err)
	} else if string(want) != got {
		t.Errorf("i_ outcomes differ from %s (run with -update after a deliberate change and read the diff):\n%s", iGolden, diffLines(string(want), got))
	}
	keys := make([]string, 0, len(stats))
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-52s %d", k, stats[k])
	}
}

// diffLines lists the lines only in want (-) or only in got (+).
func diffLines(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}

// TestJSONTestSuiteDeepNesting: the 100,000-deep and 250,001-byte n_ files
// fail fast with a short error, as the json member and through Skip.
func TestJSONTestSuiteDeepNesting(t *testing.T) {
	for _, name := range []string{"n_structure_100000_opening_arrays.json", "n_structure_open_array_object.json"} {
		data, err := os.ReadFile(filepath.Join(suiteDir, name))
		if err != nil {
			t.Fatal(err)
		}
		for what, in := range map[string][]byte{"whole": data, "member": wrap(data)} {
			var doc kinds.Doc
			err := doc.UnmarshalJSON(in)
			if what == "whole" {
				err = syntaxLayer(in)
			}
			var de *kinds.DecodeError
			if !errors.As(err, &de) || !strings.Contains(de.Msg, "nesting deeper than 512") {
				t.Errorf("%s %s: got %v, want the depth limit", name, what, err)
			}
			if len(err.Error()) >= maxErrText {
				t.Errorf("%s %s: %d-byte error", name, what, len(err.Error()))
			}
		}
	}
}
