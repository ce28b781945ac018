// Fuzz targets of the generated decoders (hand-written, not generated). The
// same file exists beside every bundled package with its own targets and
// seeds; keep the copies identical apart from the block marked
// "package-specific".
//
// For every input the harness checks that
//
//   - nothing panics, and UnmarshalJSON and DecodeJSON (+ End) agree;
//   - a rejection is a *DecodeError under 1 KiB with an offset inside the
//     input;
//   - an accepted value re-encodes (AppendJSON) to valid JSON and UTF-8 that
//     decodes to a reflect.DeepEqual value (NaN equal to NaN) and encodes to
//     the same bytes; MarshalJSON and encoding/json's Marshal agree with it;
//     when Validate accepts the value it accepts the re-decoded one too;
//   - the runtime's syntax layer (Decoder.Skip + End) and encoding/json's
//     Valid agree on accept/reject, except for the documented stricter
//     policy: invalid UTF-8 and lone surrogate escapes, and nesting deeper
//     than 512 levels, which encoding/json accepts (each checked to be
//     really present in the input); a typed decoder accepts nothing the
//     syntax layer rejects;
//   - every member of the re-encoded JSON is in the input with the same
//     value, as encoding/json decodes both into any (duplicates are rejected
//     by the typed decoder, so encoding/json's last-wins rule does not
//     apply), modulo the documented normalisations: numbers equal as exact
//     decimals or after rounding to float64 or float32, date-times equal as
//     instants, durations equal once parsed, "Infinity" written "INF", and
//     the discriminator added to a concrete type that lacked it. Members of
//     the input missing from the output are undeclared ones, dropped by
//     design (checked by the policy tests in generated/conformance).
//
// Run one target for a while with
//
//	go test -run=NONE -fuzz=FuzzSession -fuzztime=60s ./generated/twilio/proxy/
//
// Crashers are written to testdata/fuzz/<target>/ and are part of the
// regression suite from then on.
package proxy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sessiongen/sessiongen/generated/internal/sessiongenrt"
)

// ---------------------------------------------------------- package-specific

// fzDiscriminator is the API's discriminator property, "" when it has none.
const fzDiscriminator = ""

// fzWrapIn are properties of the fuzzed types whose value seeds replace
// with JSONTestSuite values.
var fzWrapIn = []string{"unique_name", "ttl", "links", "date_expiry", "undeclared"}

func FuzzSession(f *testing.F) { fzRun[Session](f) }

// ------------------------------------------------------------ shared harness

type fzObject interface {
	UnmarshalJSON([]byte) error
	readJSON(*sessiongenrt.Decoder) error
	AppendJSON([]byte) ([]byte, error)
	MarshalJSON() ([]byte, error)
	Validate() error
}

// fzSeeds returns the package's fixtures (under 64 KiB) and its JSONTestSuite
// copies, whole and as the value of the fzWrapIn properties.
func fzSeeds(f *testing.F) [][]byte {
	f.Helper()
	var seeds [][]byte
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "fuzz" {
				return filepath.SkipDir // the fuzz engine reads these itself
			}
			return nil
		}
		if filepath.Ext(p) == ".md" {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > 64<<10 {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		seeds = append(seeds, b)
		if strings.Contains(filepath.ToSlash(p), "/jsontestsuite/") && !strings.HasPrefix(d.Name(), "n_") {
			for _, name := range fzWrapIn {
				seeds = append(seeds, []byte(`{"`+name+`":`+string(bytes.TrimSpace(b))+`}`))
			}
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	if len(seeds) < 100 {
		f.Fatalf("only %d seeds", len(seeds))
	}
	return seeds
}

func fzRun[T any, P interface {
	*T
	fzObject
}](f *testing.F) {
	for _, s := range fzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fzCheck[T, P](t, data)
	})
}

func fzCheck[T any, P interface {
	*T
	fzObject
}](t *testing.T, data []byte) {
	v := P(new(T))
	err := v.UnmarshalJSON(data)
	w := P(new(T))
	d := newTestDecoder(data)
	err2 := w.readJSON(d)
	if err2 == nil {
		err2 = d.End()
	}
	if fmt.Sprint(err) != fmt.Sprint(err2) {
		t.Fatalf("UnmarshalJSON: %v\nDecodeJSON:    %v", err, err2)
	}
	syntaxErr := fzSyntax(data)
	fzDifferential(t, data, syntaxErr)
	if err != nil {
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("error %v is a %T, not a *DecodeError", err, err)
		}
		if de.Offset < 0 || de.Offset > len(data) {
			t.Fatalf("offset %d outside the %d-byte input: %v", de.Offset, len(data), err)
		}
		if n := len(err.Error()); n >= 1024 {
			t.Fatalf("%d-byte error: %.200s", n, err)
		}
		return
	}
	if syntaxErr != nil {
		t.Fatalf("the typed decoder accepted what the syntax layer rejects: %v", syntaxErr)
	}
	if !fzSame(v, w) {
		t.Fatalf("DecodeJSON decoded another value than UnmarshalJSON")
	}
	valid := v.Validate() == nil

	enc, err := v.AppendJSON(nil)
	if err != nil {
		// Only non-finite numbers cannot be encoded, and decoding never
		// produces them outside nonFinite fields.
		t.Fatalf("AppendJSON: %v", err)
	}
	if !utf8.Valid(enc) || !json.Valid(enc) {
		t.Fatalf("AppendJSON wrote invalid JSON or UTF-8: %q", enc)
	}
	if m, err := v.MarshalJSON(); err != nil || !bytes.Equal(m, enc) {
		t.Fatalf("MarshalJSON %q (%v) differs from AppendJSON %q", m, err, enc)
	}
	if _, err := json.Marshal(v); err != nil {
		t.Fatalf("encoding/json rejects the MarshalJSON output: %v", err)
	}
	again := P(new(T))
	if err := again.UnmarshalJSON(enc); err != nil {
		t.Fatalf("the re-encoded JSON does not decode: %v\n%s", err, enc)
	}
	if !fzSame(v, again) {
		t.Fatalf("decode(encode(v)) != v\ninput   %q\nencoded %s", data, enc)
	}
	enc2, err := again.AppendJSON(nil)
	if err != nil || !bytes.Equal(enc, enc2) {
		t.Fatalf("encoding is not stable:\n%s\n%s", enc, enc2)
	}
	if valid && again.Validate() != nil {
		t.Fatalf("Validate accepts v but not decode(encode(v)): %v", again.Validate())
	}
	if msg := fzCompare(fzParse(t, data), fzParse(t, enc), ""); msg != "" {
		t.Fatalf("the re-encoded JSON disagrees with the input as encoding/json reads it: %s\ninput   %q\nencoded %s", msg, data, enc)
	}
}

// fzSyntax runs the runtime's syntax layer.
func fzSyntax(data []byte) error {
	d := newTestDecoder(data)
	if err := d.Skip(); err != nil {
		return err
	}
	return d.End()
}

var fzSurrogateEscape = regexp.MustCompile(`\\u[dD][89a-fA-F][0-9a-fA-F]{2}`)

// fzDifferential compares the syntax layer with encoding/json.Valid.
func fzDifferential(t *testing.T, data []byte, syntaxErr error) {
	t.Helper()
	std := json.Valid(data)
	switch {
	case syntaxErr == nil && !std:
		t.Fatalf("the syntax layer accepts what encoding/json rejects: %q", data)
	case syntaxErr != nil && std:
		// Only the documented stricter policy may explain it, and what
		// the message says must be true of the input.
		msg := syntaxErr.Error()
		switch {
		case strings.Contains(msg, "invalid UTF-8"):
			if utf8.Valid(data) {
				t.Fatalf("%v, but the input is valid UTF-8", syntaxErr)
			}
		case strings.Contains(msg, "unpaired surrogate"):
			if !fzSurrogateEscape.Match(data) {
				t.Fatalf("%v, but the input has no surrogate escape", syntaxErr)
			}
		case strings.Contains(msg, "nesting deeper than"):
			if fzDepth(data) <= 512 {
				t.Fatalf("%v, but the input nests %d levels", syntaxErr, fzDepth(data))
			}
		default:
			t.Fatalf("the syntax layer rejects what encoding/json accepts: %v\n%q", syntaxErr, data)
		}
	}
}

// fzDepth returns the deepest nesting of arrays and objects in valid JSON.
func fzDepth(data []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

func fzParse(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json cannot read %q: %v", data, err)
	}
	return v
}

// fzCompare checks that every member of got (the re-encoded JSON) is in
// want (the input) with an equal value, and returns what differs.
func fzCompare(want, got any, path string) string {
	switch g := got.(type) {
	case map[string]any:
		w, ok := want.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: object, input has %T", path, want)
		}
		for k, gv := range g {
			wv, ok := w[k]
			if !ok {
				if k == fzDiscriminator {
					continue // written for a concrete type that lacked it
				}
				return fmt.Sprintf("%s.%s: not in the input", path, k)
			}
			if msg := fzCompare(wv, gv, path+"."+k); msg != "" {
				return msg
			}
		}
		return ""
	case []any:
		w, ok := want.([]any)
		if !ok || len(w) != len(g) {
			return fmt.Sprintf("%s: array of %d, input has %v", path, len(g), want)
		}
		for i := range g {
			if msg := fzCompare(w[i], g[i], fmt.Sprintf("%s[%d]", path, i)); msg != "" {
				return msg
			}
		}
		return ""
	case json.Number:
		w, ok := want.(json.Number)
		if !ok || !fzSameNumber(w, g) {
			return fmt.Sprintf("%s: %v, input has %v", path, g, want)
		}
		return ""
	case string:
		w, ok := want.(string)
		if !ok || !fzSameString(w, g) {
			return fmt.Sprintf("%s: %q, input has %#v", path, g, want)
		}
		return ""
	}
	if !reflect.DeepEqual(want, got) {
		return fmt.Sprintf("%s: %v, input has %v", path, got, want)
	}
	return ""
}

func fzSameNumber(a, b json.Number) bool {
	x, ok1 := new(big.Rat).SetString(string(a))
	y, ok2 := new(big.Rat).SetString(string(b))
	if ok1 && ok2 && x.Cmp(y) == 0 {
		return true
	}
	fa, err1 := a.Float64()
	fb, err2 := b.Float64()
	if err1 != nil || err2 != nil {
		return false
	}
	return fa == fb || float32(fa) == float32(fb) && !math.IsInf(float64(float32(fa)), 0)
}

func fzSameString(want, got string) bool {
	if want == got {
		return true
	}
	if a, err := time.Parse(time.RFC3339Nano, want); err == nil {
		if b, err := time.Parse(time.RFC3339Nano, got); err == nil {
			return a.Equal(b)
		}
	}
	// Years of five or more digits, or with leading zeros (Graph's
	// pattern allows both), are past time.Parse: the package's own parser
	// reads them, and TestParseDateTimeAcceptsGraphPattern holds it.
	if a, err := sessiongenrt.ParseDateTime([]byte(want)); err == nil {
		if b, err := sessiongenrt.ParseDateTime([]byte(got)); err == nil {
			return a.Equal(b)
		}
	}
	// No field of this package is a duration (the package has no Duration).
	return want == "Infinity" && got == "INF" || want == "-Infinity" && got == "-INF"
}

// fzSame is reflect.DeepEqual with NaN equal to NaN.
func fzSame(a, b any) bool { return fzSameValue(reflect.ValueOf(a), reflect.ValueOf(b)) }

func fzSameValue(a, b reflect.Value) bool {
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
		return fzSameValue(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !fzSameValue(a.Field(i), b.Field(i)) {
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
			if !fzSameValue(a.Index(i), b.Index(i)) {
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
			if !w.IsValid() || !fzSameValue(it.Value(), w) {
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
	return false
}
