// Hand-written test helpers (not generated): a semantic JSON comparison used
// by the round-trip tests. The same file exists beside every generated
// package; keep the copies identical apart from the package clause.

package callrecords_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readFixture returns testdata/name. Fixtures are copies kept beside the
// package (see testdata/SOURCE.md); tests never read the shared folder.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parseAny decodes data with encoding/json, keeping numbers as json.Number so
// that no precision is lost before the comparison.
func parseAny(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json cannot parse %.200q: %v", data, err)
	}
	return v
}

// jsonDiff is the outcome of comparing a fixture (want) with the re-encoded
// JSON (got).
type jsonDiff struct {
	Dropped []string // members in the fixture that the re-encoded JSON lacks
	Added   []string // members the re-encoded JSON has and the fixture lacks
	Changed []string // values that differ ("path: want X, got Y")
}

// diffJSON compares two documents decoded by parseAny. Numbers are equal when
// they have the same exact decimal value (1e2 == 100); strings are equal when
// they are identical or are the same RFC 3339 instant (the text of
// date-times is checked separately, see the date-time tests).
func diffJSON(want, got any) jsonDiff {
	var d jsonDiff
	diffValue("", want, got, &d)
	sort.Strings(d.Dropped)
	sort.Strings(d.Added)
	return d
}

func joinMember(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func diffValue(path string, want, got any, d *jsonDiff) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			d.Changed = append(d.Changed, fmt.Sprintf("%s: want object, got %s", path, short(got)))
			return
		}
		for name, wv := range w {
			gv, ok := g[name]
			if !ok {
				d.Dropped = append(d.Dropped, joinMember(path, name))
				continue
			}
			diffValue(joinMember(path, name), wv, gv, d)
		}
		for name := range g {
			if _, ok := w[name]; !ok {
				d.Added = append(d.Added, joinMember(path, name)+"="+short(g[name]))
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			d.Changed = append(d.Changed, fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got)))
			return
		}
		for i := range w {
			diffValue(path+"["+strconv.Itoa(i)+"]", w[i], g[i], d)
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok || !sameNumber(w, g) {
			d.Changed = append(d.Changed, fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got)))
		}
	case string:
		g, ok := got.(string)
		if !ok || (w != g && !sameInstant(w, g)) {
			d.Changed = append(d.Changed, fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got)))
		}
	default: // bool, nil
		if !reflect.DeepEqual(want, got) {
			d.Changed = append(d.Changed, fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got)))
		}
	}
}

func sameNumber(a, b json.Number) bool {
	x, _, err1 := big.ParseFloat(string(a), 10, 256, big.ToNearestEven)
	y, _, err2 := big.ParseFloat(string(b), 10, 256, big.ToNearestEven)
	return err1 == nil && err2 == nil && x.Cmp(y) == 0
}

func sameInstant(a, b string) bool {
	x, err1 := time.Parse(time.RFC3339Nano, a)
	y, err2 := time.Parse(time.RFC3339Nano, b)
	return err1 == nil && err2 == nil && x.Equal(y)
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

var indexRE = regexp.MustCompile(`\[[0-9]+\]`)

// countPaths folds array indexes into [*] and counts the occurrences of each
// resulting path: "value[*].@odata.type x50". The result is sorted.
func countPaths(paths []string) []string {
	counts := map[string]int{}
	for _, p := range paths {
		counts[indexRE.ReplaceAllString(p, "[*]")]++
	}
	out := make([]string, 0, len(counts))
	for p, n := range counts {
		out = append(out, p+" x"+strconv.Itoa(n))
	}
	sort.Strings(out)
	return out
}

// checkDiff asserts the comparison of a fixture with its re-encoding: no
// value may change, and the dropped and added members must be exactly the
// listed ones (so nothing is dropped or invented without a test noticing).
// The lists are in the form of countPaths.
func checkDiff(t *testing.T, fixture, reencoded []byte, wantDropped, wantAdded []string) {
	t.Helper()
	d := diffJSON(parseAny(t, fixture), parseAny(t, reencoded))
	if len(d.Changed) > 0 {
		t.Errorf("re-encoded JSON changes %d value(s):\n  %s", len(d.Changed), strings.Join(d.Changed, "\n  "))
	}
	if got := countPaths(d.Dropped); !equalStrings(got, wantDropped) {
		t.Errorf("dropped members:\n got  %q\n want %q", got, wantDropped)
	}
	if got := countPaths(d.Added); !equalStrings(got, wantAdded) {
		t.Errorf("added members:\n got  %q\n want %q", got, wantAdded)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// sorted returns a sorted copy of list.
func sorted(list ...string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}

// dateTimesWithFraction returns every string value of the document that
// looks like an RFC 3339 date-time with exactly n fractional digits.
func dateTimesWithFraction(v any, n int) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			if len(x) >= 20 && x[10] == 'T' && x[19] == '.' && strings.HasSuffix(x, "Z") && len(x) == 21+n {
				if _, err := time.Parse(time.RFC3339Nano, x); err == nil {
					out = append(out, x)
				}
			}
		}
	}
	walk(v)
	sort.Strings(out)
	return out
}
