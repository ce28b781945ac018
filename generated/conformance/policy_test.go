// Strict-decoding policy, checked for every property of every generated
// object type (hand-written test, not generated). The properties come from
// the schemas through generator/ir; the Go types from the registry
// (registry_test.go). For each type a minimal valid document is built (its
// required properties with sample values), then one property at a time is
// written in a hostile way:
//
//   - duplicated: rejected, naming the property, at the second occurrence;
//   - under a case-folded or Unicode-folded name (ID, Id, K for U+212A
//     KELVIN SIGN, s for U+017F LONG S): never fills the field;
//   - null: rejected unless nullable; nullable ones keep the null state
//     through a decode-encode-decode round trip;
//   - integers: fractions, exponents, leading zeros and values just outside
//     the Go type rejected, the limits (and 2^53+1) round-tripped exactly;
//   - strings: invalid UTF-8 and lone surrogate escapes rejected; a Go value
//     holding invalid UTF-8 encodes to valid UTF-8;
//   - 10,001-deep nesting as the value: rejected with an error under 1 KiB.
package conformance_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// member is one name and raw JSON value of a test document.
type member struct {
	name  string // written with encoding/json's escaping, unless raw
	raw   bool   // name is written between quotes as is
	value string
}

func quoteName(m member) string {
	if m.raw {
		return `"` + m.name + `"`
	}
	b, _ := json.Marshal(m.name)
	return string(b)
}

// document renders members as an object and returns the offset of each
// member's name and value.
func document(ms []member) (doc []byte, nameAt, valueAt []int) {
	doc = append(doc, '{')
	for i, m := range ms {
		if i > 0 {
			doc = append(doc, ',')
		}
		nameAt = append(nameAt, len(doc))
		doc = append(doc, quoteName(m)...)
		doc = append(doc, ':')
		valueAt = append(valueAt, len(doc))
		doc = append(doc, m.value...)
	}
	return append(doc, '}'), nameAt, valueAt
}

// pathSegment renders a field name as the runtime's DecodeError.Path does.
func pathSegment(name string) string {
	simple := name != ""
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '$' || c == '@') {
			simple = false
		}
	}
	if simple {
		return name
	}
	if len(name) > 32 {
		name = name[:32]
	}
	return "[" + strconv.QuoteToASCII(name) + "]"
}

// quoteSnippet quotes a name as the runtime's messages do.
func quoteSnippet(s string) string {
	if len(s) > 32 {
		return strconv.Quote(s[:32]) + "..."
	}
	return strconv.Quote(s)
}

// sampler builds minimal valid JSON values from the IR of one package.
type sampler struct {
	p    *ir.Package
	disc string
}

func (sm sampler) value(t *ir.Type, depth int) string {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return `"x"`
	case ir.Int32, ir.Int64:
		return `1`
	case ir.Float64, ir.Float32:
		return `1.5`
	case ir.Bool:
		return `true`
	case ir.Date:
		return `"2024-01-02"`
	case ir.DateTime:
		return `"2024-01-02T03:04:05Z"`
	case ir.Duration:
		return `"PT1S"`
	case ir.JSON:
		return `{}`
	case ir.Slice:
		return `[]`
	case ir.Map:
		return `{}`
	case ir.EnumRef:
		b, _ := json.Marshal(t.Enum.Values[0].Wire)
		return string(b)
	case ir.StructRef:
		doc, _, _ := document(sm.required(t.Struct, depth+1))
		return string(doc)
	case ir.InterfaceRef:
		c := t.Interface.Concrete[0]
		ms := sm.required(c, depth+1)
		if c.DiscriminatorValue != "" {
			b, _ := json.Marshal(c.DiscriminatorValue)
			ms = append([]member{{name: sm.disc, value: string(b)}}, ms...)
		}
		doc, _, _ := document(ms)
		return string(doc)
	case ir.UnionRef:
		return sm.value(t.Union.Members[0].Type, depth)
	case ir.NullableElem:
		return sm.value(t.Elem, depth)
	}
	panic(fmt.Sprintf("no sample for kind %d", t.Kind))
}

// required returns the members of a minimal valid s: its required fields.
func (sm sampler) required(s *ir.Struct, depth int) []member {
	if depth > 20 {
		panic("required fields nest too deep: " + s.Name)
	}
	var ms []member
	for _, f := range s.Fields {
		if f.Required {
			v := sm.value(f.Type, depth)
			if f.Nullable {
				v = "null"
			}
			ms = append(ms, member{name: f.Wire, value: v})
		}
	}
	return ms
}

// policyCase is one registered struct with its IR.
type policyCase struct {
	c  *codec
	s  *ir.Struct
	sm sampler
}

func policyCases(t *testing.T) []policyCase {
	t.Helper()
	pkgs := loadIR(t)
	var out []policyCase
	for _, c := range registry {
		if c.iface {
			continue
		}
		p := pkgs[c.pkg]
		var s *ir.Struct
		for _, x := range p.Structs {
			if x.Name == c.name && !x.Abstract {
				s = x
			}
		}
		if s == nil {
			t.Fatalf("%s: not in the IR", c)
		}
		out = append(out, policyCase{c: c, s: s, sm: sampler{p: p, disc: s.Discriminator}})
	}
	return out
}

// withField returns the minimal members of pc with f set to value (replacing
// the required member of that name, or appended).
func (pc policyCase) withField(f *ir.Field, value string) ([]member, int) {
	ms := pc.sm.required(pc.s, 0)
	for i, m := range ms {
		if m.name == f.Wire {
			ms[i].value = value
			return ms, i
		}
	}
	return append(ms, member{name: f.Wire, value: value}), len(ms)
}

// fieldValue returns the Go field of decoded value v (a pointer to struct).
func fieldValue(v any, goName string) reflect.Value {
	return reflect.ValueOf(v).Elem().FieldByName(goName)
}

// isNull calls IsNull on an Optional field.
func isNull(fv reflect.Value) bool {
	m := fv.MethodByName("IsNull")
	return m.IsValid() && m.Call(nil)[0].Bool()
}

// checkBoth decodes doc with UnmarshalJSON and returns the error, failing
// when the error text is too long.
func (pc policyCase) checkBoth(t *testing.T, doc []byte) (any, error) {
	t.Helper()
	v, err := pc.c.decode(doc)
	if err != nil && len(err.Error()) >= maxErrText {
		t.Errorf("%s: %d-byte error", pc.c, len(err.Error()))
	}
	return v, err
}

func TestPolicyMinimalDocumentsDecode(t *testing.T) {
	for _, pc := range policyCases(t) {
		doc, _, _ := document(pc.sm.required(pc.s, 0))
		v, err := pc.checkBoth(t, doc)
		if err != nil {
			t.Errorf("%s: minimal document %s: %v", pc.c, doc, err)
			continue
		}
		if _, err := pc.c.encode(v); err != nil {
			t.Errorf("%s: %v", pc.c, err)
		}
	}
}

func TestPolicyDuplicateNames(t *testing.T) {
	n := 0
	for _, pc := range policyCases(t) {
		for _, f := range pc.s.Fields {
			value := pc.sm.value(f.Type, 0)
			ms, _ := pc.withField(f, value)
			ms = append(ms, member{name: f.Wire, value: value})
			doc, nameAt, _ := document(ms)
			_, err := pc.checkBoth(t, doc)
			want := fmt.Sprintf("json: duplicate field %s at offset %d", quoteSnippet(f.Wire), nameAt[len(nameAt)-1])
			if err == nil || err.Error() != want {
				t.Errorf("%s.%s duplicated: got %v, want %s", pc.c, f.Wire, err, want)
			}
			n++
		}
		// An undeclared member duplicated, and a declared one spelt
		// through an escape.
		doc, nameAt, _ := document(append(pc.sm.required(pc.s, 0), member{name: "zz", value: "1"}, member{name: `\u007a\u007a`, raw: true, value: "2"}))
		_, err := pc.checkBoth(t, doc)
		if want := fmt.Sprintf(`json: duplicate field "zz" at offset %d`, nameAt[len(nameAt)-1]); err == nil || err.Error() != want {
			t.Errorf("%s: undeclared member duplicated: got %v, want %s", pc.c, err, want)
		}
	}
	t.Logf("%d properties: every duplicate rejected", n)
}

// foldedVariants returns names that case- or Unicode-fold to name and differ
// from it.
func foldedVariants(name string) []string {
	cands := []string{strings.ToUpper(name), strings.ToLower(name)}
	if r, size := utf8.DecodeRuneInString(name); size > 0 {
		up := strings.ToUpper(string(r)) + name[size:]
		low := strings.ToLower(string(r)) + name[size:]
		cands = append(cands, up, low)
	}
	// Unicode folding: U+212A KELVIN SIGN folds to k, U+017F LONG S to s.
	for _, rep := range [][2]string{{"k", "\u212a"}, {"K", "\u212a"}, {"s", "\u017f"}, {"S", "\u017f"}} {
		if strings.Contains(name, rep[0]) {
			cands = append(cands, strings.Replace(name, rep[0], rep[1], 1))
		}
	}
	var out []string
	for _, c := range cands {
		if c != name && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func TestPolicyFoldedNamesNeverFill(t *testing.T) {
	cases, unicodeCases := 0, 0
	for _, pc := range policyCases(t) {
		declared := map[string]bool{pc.sm.disc: true}
		for _, f := range pc.s.Fields {
			declared[f.Wire] = true
		}
		for _, f := range pc.s.Fields {
			for _, variant := range foldedVariants(f.Wire) {
				if declared[variant] {
					continue
				}
				// The minimal document without f, plus f under the variant.
				var ms []member
				for _, m := range pc.sm.required(pc.s, 0) {
					if m.name != f.Wire {
						ms = append(ms, m)
					}
				}
				ms = append(ms, member{name: variant, value: pc.sm.value(f.Type, 0)})
				doc, _, _ := document(ms)
				v, err := pc.checkBoth(t, doc)
				cases++
				if !utf8.ValidString(variant) || strings.ContainsAny(variant, "\u212a\u017f") {
					unicodeCases++
				}
				if f.Required {
					if err == nil || !strings.Contains(err.Error(), "missing required field "+quoteSnippet(f.Wire)) {
						t.Errorf("%s: %q for required %q: got %v, want a missing required field", pc.c, variant, f.Wire, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s: %q (a variant of %q): %v", pc.c, variant, f.Wire, err)
					continue
				}
				if fv := fieldValue(v, f.Name); !fv.IsZero() {
					t.Errorf("%s: %q filled field %s (property %q)", pc.c, variant, f.Name, f.Wire)
				}
				if pc.s.Open {
					extra := fieldValue(v, "AdditionalProperties")
					if extra.Len() != 1 || extra.Index(0).FieldByName("Name").String() != variant {
						t.Errorf("%s: %q not kept as an additional property", pc.c, variant)
					}
				}
			}
		}
	}
	t.Logf("%d folded names (%d through Unicode folding): none filled a field", cases, unicodeCases)
}

func TestPolicyNull(t *testing.T) {
	rejected, kept := 0, 0
	for _, pc := range policyCases(t) {
		for _, f := range pc.s.Fields {
			ms, i := pc.withField(f, "null")
			doc, _, valueAt := document(ms)
			v, err := pc.checkBoth(t, doc)
			nullIsValue := f.Type.Kind == ir.JSON && !f.Nullable
			switch {
			case f.Nullable || nullIsValue:
				if err != nil {
					t.Errorf("%s.%s: null: %v", pc.c, f.Wire, err)
					continue
				}
				fv := fieldValue(v, f.Name)
				if f.Nullable && !isNull(fv) {
					t.Errorf("%s.%s: null did not decode to the null state", pc.c, f.Wire)
				}
				enc, err := pc.c.encode(v)
				if err != nil || !bytes.Contains(enc, []byte(quoteName(member{name: f.Wire})+":null")) {
					t.Errorf("%s.%s: null re-encoded as %s (%v)", pc.c, f.Wire, enc, err)
					continue
				}
				again, err := pc.c.decode(enc)
				if err != nil || !sameValue(v, again) {
					t.Errorf("%s.%s: the null does not round-trip: %v", pc.c, f.Wire, err)
				}
				kept++
			default:
				want := fmt.Sprintf("json: %s: null is not allowed here at offset %d", pathSegment(f.Wire), valueAt[i])
				if err == nil || err.Error() != want {
					t.Errorf("%s.%s: null: got %v, want %s", pc.c, f.Wire, err, want)
				}
				rejected++
			}
		}
	}
	t.Logf("null: %d properties reject it, %d keep it through a round trip", rejected, kept)
}

func TestPolicyIntegers(t *testing.T) {
	n := 0
	for _, pc := range policyCases(t) {
		for _, f := range pc.s.Fields {
			var goType, maxS, minS string
			var extra []string
			switch f.Type.Kind {
			case ir.Int32:
				goType, maxS, minS = "int32", "2147483647", "-2147483648"
			case ir.Int64:
				goType, maxS, minS = "int64", "9223372036854775807", "-9223372036854775808"
				extra = []string{"9007199254740993", "-9007199254740993"}
			default:
				continue
			}
			n++
			bad := map[string]string{
				"1.5":  `number "1.5" is not an integer (` + goType + `)`,
				"1.0":  `number "1.0" is not an integer (` + goType + `)`,
				"1e2":  `number "1e2" is not an integer (` + goType + `)`,
				"-0.0": `number "-0.0" is not an integer (` + goType + `)`,
				"01":   `leading zero in number "01"`,
				"-01":  `leading zero in number "-01"`,
			}
			over, under := bumpDecimal(maxS, 1), "-"+bumpDecimal(minS[1:], 1)
			bad[over] = `number "` + over + `" overflows ` + goType
			bad[under] = `number "` + under + `" overflows ` + goType
			for in, msg := range bad {
				ms, i := pc.withField(f, in)
				doc, _, valueAt := document(ms)
				_, err := pc.checkBoth(t, doc)
				want := fmt.Sprintf("json: %s: %s at offset %d", pathSegment(f.Wire), msg, valueAt[i])
				if err == nil || err.Error() != want {
					t.Errorf("%s.%s = %s: got %v, want %s", pc.c, f.Wire, in, err, want)
				}
			}
			for _, in := range append([]string{maxS, minS, "0", "-0"}, extra...) {
				ms, _ := pc.withField(f, in)
				doc, _, _ := document(ms)
				v, err := pc.checkBoth(t, doc)
				if err != nil {
					t.Errorf("%s.%s = %s: %v", pc.c, f.Wire, in, err)
					continue
				}
				enc, err := pc.c.encode(v)
				want := in
				if in == "-0" {
					want = "0"
				}
				if err != nil || !bytes.Contains(enc, []byte(quoteName(member{name: f.Wire})+":"+want)) {
					t.Errorf("%s.%s = %s re-encoded as %s (%v)", pc.c, f.Wire, in, enc, err)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no integer property")
	}
	t.Logf("%d integer properties: fractions, exponents, leading zeros and overflow rejected, limits exact", n)
}

// bumpDecimal adds d (0..9) to the decimal digits s.
func bumpDecimal(s string, d int) string {
	b := []byte(s)
	carry := d
	for i := len(b) - 1; i >= 0 && carry > 0; i-- {
		x := int(b[i]-'0') + carry
		b[i] = byte('0' + x%10)
		carry = x / 10
	}
	if carry > 0 {
		b = append([]byte{byte('0' + carry)}, b...)
	}
	return string(b)
}

// stringish reports whether values of t are JSON strings decoded without a
// format check (any string decodes).
func stringish(t *ir.Type) bool {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID, ir.EnumRef:
		return true
	}
	return false
}

func TestPolicyInvalidUTF8Rejected(t *testing.T) {
	n := 0
	for _, pc := range policyCases(t) {
		for _, f := range pc.s.Fields {
			if !stringish(f.Type) && f.Type.Kind != ir.Date && f.Type.Kind != ir.DateTime && f.Type.Kind != ir.Duration {
				continue
			}
			n++
			for in, msg := range map[string]string{
				"\"a\xffb\"":           "invalid UTF-8 in string",
				"\"\xed\xa0\x80\"":     "invalid UTF-8 in string",
				"\"\xc0\xaf\"":         "invalid UTF-8 in string",
				`"\ud800"`:             `unpaired surrogate "\\ud800" in string`,
				`"x\udfff"`:            `unpaired surrogate "\\udfff" in string`,
				`"\ud83d\u0041"`:       `unpaired surrogate "\\ud83d" in string`,
				"\"\xf4\x90\x80\x80\"": "invalid UTF-8 in string",
			} {
				ms, _ := pc.withField(f, in)
				doc, _, _ := document(ms)
				_, err := pc.checkBoth(t, doc)
				prefix := "json: " + pathSegment(f.Wire) + ": " + msg + " at offset "
				if err == nil || !strings.HasPrefix(err.Error(), prefix) {
					t.Errorf("%s.%s = %q: got %v, want %s...", pc.c, f.Wire, in, err, prefix)
				}
			}
		}
		// A member name with invalid UTF-8 or a lone surrogate.
		for _, name := range []string{"\xff", `\udc00`} {
			doc, _, _ := document(append(pc.sm.required(pc.s, 0), member{name: name, raw: true, value: "1"}))
			if _, err := pc.checkBoth(t, doc); err == nil {
				t.Errorf("%s: member name %q accepted", pc.c, name)
			}
		}
	}
	t.Logf("%d string properties reject invalid UTF-8 and lone surrogates", n)
}

const badUTF8 = "a\xffb\xed\xa0\x80c\u2028"

// setInner stores x in fv, a field that is either of x's kind or an
// Optional[...] holding a value (which has an unexported field "value"); it
// writes through unsafe because Optional's fields are unexported.
func inner(fv reflect.Value) reflect.Value {
	if fv.Kind() == reflect.Struct && strings.HasPrefix(fv.Type().Name(), "Optional[") {
		val := fv.FieldByName("value")
		return reflect.NewAt(val.Type(), unsafe.Pointer(val.UnsafeAddr())).Elem()
	}
	return fv
}

// poison replaces the strings of a decoded string, slice-of-string or
// map-of-string value with badUTF8 (map keys too) and reports whether it
// found a string to poison.
func poison(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		v.SetString(badUTF8)
		return true
	case reflect.Slice:
		ok := false
		for i := range v.Len() {
			ok = poison(v.Index(i)) || ok
		}
		return ok
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		it := v.MapRange()
		ok := false
		for it.Next() {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString(badUTF8 + it.Key().String())
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(it.Value())
			poison(e)
			m.SetMapIndex(k, e)
			ok = true
		}
		v.Set(m)
		return ok
	}
	return false
}

// stringSample is a value of t whose decoded Go value holds a string
// wherever t allows one, or "" when t holds no string.
func stringSample(t *ir.Type) string {
	switch {
	case stringish(t):
		return `"x"`
	case t.Kind == ir.Slice && stringish(t.Elem):
		return `["x","y"]`
	case t.Kind == ir.Map && stringish(t.Elem):
		return `{"k":"x"}`
	}
	return ""
}

func TestPolicyEncoderNeverEmitsInvalidUTF8(t *testing.T) {
	n := 0
	for _, pc := range policyCases(t) {
		for _, f := range pc.s.Fields {
			sample := stringSample(f.Type)
			if sample == "" {
				continue
			}
			ms, _ := pc.withField(f, sample)
			doc, _, _ := document(ms)
			v, err := pc.c.decode(doc)
			if err != nil {
				t.Errorf("%s.%s: %v", pc.c, f.Wire, err)
				continue
			}
			if !poison(inner(fieldValue(v, f.Name))) {
				t.Errorf("%s.%s: found no string to poison", pc.c, f.Wire)
				continue
			}
			n++
			enc, err := pc.c.encode(v)
			if err != nil {
				t.Errorf("%s.%s: %v", pc.c, f.Wire, err)
				continue
			}
			if !utf8.Valid(enc) || !json.Valid(enc) {
				t.Errorf("%s.%s: AppendJSON wrote invalid UTF-8 or JSON: %q", pc.c, f.Wire, enc)
				continue
			}
			if _, err := pc.c.decode(enc); err != nil {
				t.Errorf("%s.%s: the output does not decode: %v", pc.c, f.Wire, err)
			}
		}
		// Open types: an additional member whose name is invalid UTF-8.
		if pc.s.Open {
			doc, _, _ := document(append(pc.sm.required(pc.s, 0), member{name: "extra", value: "1"}))
			v, err := pc.c.decode(doc)
			if err != nil {
				t.Fatalf("%s: %v", pc.c, err)
			}
			extra := fieldValue(v, "AdditionalProperties")
			extra.Index(0).FieldByName("Name").SetString(badUTF8)
			enc, err := pc.c.encode(v)
			if err != nil || !utf8.Valid(enc) || !json.Valid(enc) {
				t.Errorf("%s: additional member with an invalid UTF-8 name encoded as %q (%v)", pc.c, enc, err)
			}
			n++
		}
	}
	t.Logf("%d string-holding properties: invalid UTF-8 in Go values encodes to valid UTF-8", n)
}

// deep is 10,001 levels of nesting.
var deep = strings.Repeat("[", 10001) + strings.Repeat("]", 10001)

func TestPolicyDeepNesting(t *testing.T) {
	n := 0
	var slowest time.Duration
	for _, pc := range policyCases(t) {
		values := map[string]string{"zz_undeclared": deep}
		for _, f := range pc.s.Fields {
			values[f.Wire] = deep
		}
		for name, value := range values {
			var ms []member
			for _, m := range pc.sm.required(pc.s, 0) {
				if m.name != name {
					ms = append(ms, m)
				}
			}
			doc, _, _ := document(append(ms, member{name: name, value: value}))
			start := time.Now()
			_, err := pc.checkBoth(t, doc)
			slowest = max(slowest, time.Since(start))
			n++
			if err == nil {
				t.Errorf("%s.%s: 10,001-deep value accepted", pc.c, name)
				continue
			}
			if len(err.Error()) >= maxErrText {
				t.Errorf("%s.%s: %d-byte error", pc.c, name, len(err.Error()))
			}
		}
	}
	t.Logf("%d properties and undeclared members: 10,001-deep values rejected, errors < 1 KiB, slowest %v", n, slowest)
}

// TestPolicyDeepRecursiveTypes nests the recursive types of the packages
// (kinds.Node, callrecords.InnerError) 10,001 levels deep through their own
// property: the depth limit stops it with a short error.
func TestPolicyDeepRecursiveTypes(t *testing.T) {
	for _, tc := range []struct{ pkg, name, prop string }{
		{"kinds", "Node", "next"},
		{"callrecords", "InnerError", "innerError"},
	} {
		c := lookup(tc.pkg, tc.name)
		if c == nil {
			t.Fatalf("%s.%s not registered", tc.pkg, tc.name)
		}
		doc := strings.Repeat(`{"`+tc.prop+`":`, 10001) + "{}" + strings.Repeat("}", 10001)
		start := time.Now()
		_, err := c.decode([]byte(doc))
		took := time.Since(start)
		if err == nil || !strings.Contains(err.Error(), "nesting deeper than 512 levels") {
			t.Errorf("%s: got %.200v, want the depth limit", c, err)
			continue
		}
		if len(err.Error()) >= maxErrText {
			t.Errorf("%s: %d-byte error", c, len(err.Error()))
		}
		t.Logf("%s: %d-byte error in %v: %.120s...", c, len(err.Error()), took, err)
	}
}
