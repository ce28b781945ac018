// Generated types through encoding/json and log/slog (hand-written, not
// generated): every type of the four generated packages must read and
// write the same JSON through them as through its own codec, as a value
// and through a pointer, in maps, slices and a caller's struct fields; and a
// caller's struct holding the same fields as a generated one (Optionals,
// enums, Date, Duration, nested objects) must too.
//
// encoding/json compacts and, by default, HTML-escapes what a MarshalJSON
// method returns, so its output is compared with the codec's after
// json.Compact and json.HTMLEscape; byte-identical, not merely equivalent.
package conformance_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generated/conformance/kinds"
	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/generator/ir"

	"github.com/sessiongen/sessiongen/generated/internal/sessiongenrt"
)

// htmlEscaped is b as json.Marshal writes it: compacted, with <, > and &
// (and U+2028, U+2029) escaped.
func htmlEscaped(b []byte) []byte {
	var out bytes.Buffer
	json.HTMLEscape(&out, compact(b))
	return out.Bytes()
}

// marshal is json.Marshal for the test.
func marshal(t *testing.T, what string, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: json.Marshal: %v", what, err)
	}
	return b
}

// validValues returns n random values of c that Validate accepts.
func validValues(t *testing.T, pkgs map[string]*ir.Package, c *codec, seed uint64, n int, plain bool) []any {
	t.Helper()
	g := newValueGen(t, pkgs, c.pkg, seed)
	g.plain = plain
	var out []any
	for range 20 * n {
		if v := g.top(c); v.(sessiongenrt.Validator).Validate() == nil {
			if out = append(out, v); len(out) == n {
				return out
			}
		}
	}
	t.Fatalf("%d valid values of %s out of %d", len(out), c, 20*n)
	return nil
}

func TestEncodingJSONMatchesCodec(t *testing.T) {
	pkgs := loadIR(t)
	n := 30
	if testing.Short() {
		n = 8
	}
	for i, c := range registry {
		t.Run(c.String(), func(t *testing.T) {
			for _, v := range validValues(t, pkgs, c, 7000+uint64(i), n, false) {
				want, err := c.encode(v)
				require.NoError(t, err)
				checkEncodingJSON(t, c, v, want)
				checkDecodingJSON(t, c, v, want)
			}
		})
	}
}

// checkEncodingJSON checks that encoding/json writes v as want wherever v
// sits.
func checkEncodingJSON(t *testing.T, c *codec, v any, want []byte) {
	t.Helper()
	ptr := reflect.ValueOf(v)
	static := c.typ // the type a caller declares: the struct or the interface
	elem := ptr.Elem()
	if c.ityp != nil {
		static, elem = c.ityp, ptr
	}
	h := htmlEscaped(want)
	wrap := func(pre string, x []byte, post string) []byte { return []byte(pre + string(x) + post) }
	cases := []struct {
		what string
		v    any
		want []byte
	}{
		{"pointer", v, h},
		{"value", ptr.Elem().Interface(), h},
	}
	m := reflect.MakeMap(reflect.MapOf(reflect.TypeFor[string](), static))
	m.SetMapIndex(reflect.ValueOf("k"), elem)
	cases = append(cases, struct {
		what string
		v    any
		want []byte
	}{"map value", m.Interface(), wrap(`{"k":`, h, `}`)})
	s := reflect.MakeSlice(reflect.SliceOf(static), 0, 2)
	s = reflect.Append(s, elem, elem)
	cases = append(cases, struct {
		what string
		v    any
		want []byte
	}{"slice", s.Interface(), wrap(`[`, h, `,`+string(h)+`]`)})
	holder := reflect.New(reflect.StructOf([]reflect.StructField{
		{Name: "V", Type: static, Tag: `json:"v"`},
		{Name: "P", Type: reflect.PointerTo(static), Tag: `json:"p"`},
	})).Elem()
	holder.Field(0).Set(elem)
	holder.Field(1).Set(reflect.New(static))
	holder.Field(1).Elem().Set(elem)
	cases = append(cases, struct {
		what string
		v    any
		want []byte
	}{"fields of a caller's struct", holder.Interface(), wrap(`{"v":`, h, `,"p":`+string(h)+`}`)})
	for _, tc := range cases {
		if got := marshal(t, tc.what, tc.v); !bytes.Equal(got, tc.want) {
			t.Fatalf("%s through encoding/json:\n got %s\nwant %s", tc.what, got, tc.want)
		}
	}

	// An Encoder that leaves HTML alone writes the codec's bytes, compacted.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(ptr.Elem().Interface()))
	if got := bytes.TrimSuffix(buf.Bytes(), []byte("\n")); !bytes.Equal(got, compact(want)) {
		t.Fatalf("json.Encoder without HTML escaping:\n got %s\nwant %s", got, compact(want))
	}

	// log/slog's JSON handler, given the value and the pointer.
	buf.Reset()
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "v", ptr.Elem().Interface(), "p", v)
	var line map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(buf.Bytes(), &line), "%s", buf.Bytes())
	for _, k := range []string{"v", "p"} {
		if !bytes.Equal(line[k], compact(want)) {
			t.Fatalf("slog.NewJSONHandler, %s:\n got %s\nwant %s", k, line[k], compact(want))
		}
	}
}

// checkDecodingJSON checks that encoding/json reads want back as v into the
// concrete type, a caller's struct field and a map. (A field of an
// interface type cannot be decoded by encoding/json, which does not know the
// concrete type; Unmarshal<Interface> does that.)
func checkDecodingJSON(t *testing.T, c *codec, v any, want []byte) {
	t.Helper()
	typ := reflect.TypeOf(v).Elem() // the concrete struct, unknown holders included
	x := reflect.New(typ)
	require.NoError(t, json.Unmarshal(want, x.Interface()), "json.Unmarshal into %s: %s", typ, want)
	if d := diffValue(reflect.ValueOf(v), x, typ.Name()); d != "" {
		t.Fatalf("json.Unmarshal into %s: %s\n%s", typ, d, want)
	}
	holder := reflect.New(reflect.StructOf([]reflect.StructField{
		{Name: "V", Type: typ, Tag: `json:"v"`},
		{Name: "M", Type: reflect.MapOf(reflect.TypeFor[string](), typ), Tag: `json:"m"`},
	}))
	doc := []byte(`{"v":` + string(want) + `,"m":{"k":` + string(want) + `}}`)
	require.NoError(t, json.Unmarshal(doc, holder.Interface()), "json.Unmarshal into a caller's struct: %s", doc)
	if d := diffValue(reflect.ValueOf(v).Elem(), holder.Elem().Field(0), "v"); d != "" {
		t.Fatalf("json.Unmarshal into a caller's struct field: %s", d)
	}
	if d := diffValue(reflect.ValueOf(v).Elem(), holder.Elem().Field(1).MapIndex(reflect.ValueOf("k")), "m"); d != "" {
		t.Fatalf("json.Unmarshal into a caller's map: %s", d)
	}
}

// isNullOptional reports whether the Optional v is null.
func isNullOptional(v reflect.Value) bool {
	return v.Addr().Interface().(interface{ IsNull() bool }).IsNull()
}

// holdsInterface reports whether values of t contain a polymorphic value,
// which encoding/json cannot decode into a caller's struct.
func holdsInterface(t *ir.Type) bool {
	for ; t != nil; t = t.Elem {
		if t.Kind == ir.InterfaceRef {
			return true
		}
	}
	return false
}

// TestCallerStructsMatchCodec builds, for every generated struct type, the
// struct a caller would write with the same fields and tags (Optional with
// omitzero, enums, Date, Duration, time.Time, json.RawMessage, nested
// generated types) and checks that encoding/json writes it as the codec
// writes the generated type, and reads the codec's output back into equal
// fields. The caller's struct has no discriminator or kept members unless
// it declares them: the discriminator is given a string field here, kept
// members are left empty; plain slices and maps are made non-nil, since
// encoding/json writes a nil one as null where the codec writes [] or {}.
func TestCallerStructsMatchCodec(t *testing.T) {
	pkgs := loadIR(t)
	n := 30
	if testing.Short() {
		n = 8
	}
	for i, c := range registry {
		if c.typ == nil {
			continue
		}
		t.Run(c.String(), func(t *testing.T) {
			s := newValueGen(t, pkgs, c.pkg, 0).irStruct(c.name)
			disc := s.Discriminator
			var fields []reflect.StructField
			if s.DiscriminatorValue != "" {
				fields = append(fields, reflect.StructField{Name: "Discriminator", Type: reflect.TypeFor[string](), Tag: reflect.StructTag(`json:"` + disc + `"`)})
			}
			// Decoded into a second struct without the polymorphic fields, which
			// encoding/json cannot fill (it skips their members).
			var decodable []reflect.StructField
			byName := map[string]*ir.Field{}
			for _, fl := range s.Fields {
				f, _ := c.typ.FieldByName(fl.Name)
				sf := reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag}
				fields = append(fields, sf)
				if !holdsInterface(fl.Type) {
					byName[fl.Name] = fl
					decodable = append(decodable, sf)
				}
			}
			mirror := reflect.StructOf(fields)
			for _, v := range validValues(t, pkgs, c, 9000+uint64(i), n, true) {
				orig := reflect.ValueOf(v).Elem()
				if s.Open {
					orig.FieldByName("AdditionalProperties").SetZero()
				}
				for _, fl := range s.Fields {
					f := orig.FieldByName(fl.Name)
					if !fl.Optional && f.Kind() == reflect.Slice && f.IsNil() && f.Type() != rawType {
						f.Set(reflect.MakeSlice(f.Type(), 0, 0))
					}
					if !fl.Optional && f.Kind() == reflect.Map && f.IsNil() {
						f.Set(reflect.MakeMap(f.Type()))
					}
				}
				want, err := c.encode(v)
				require.NoError(t, err)

				m := reflect.New(mirror).Elem()
				for i := range mirror.NumField() {
					if name := mirror.Field(i).Name; name == "Discriminator" {
						m.Field(i).SetString(s.DiscriminatorValue)
					} else {
						m.Field(i).Set(orig.FieldByName(name))
					}
				}
				if got := marshal(t, "caller's struct", m.Interface()); !bytes.Equal(got, htmlEscaped(want)) {
					t.Fatalf("a caller's struct with the fields of %s:\n got %s\nwant %s", c, got, htmlEscaped(want))
				}

				back := reflect.New(reflect.StructOf(decodable))
				if err := json.Unmarshal(want, back.Interface()); err != nil {
					t.Fatalf("json.Unmarshal into a caller's struct with the fields of %s: %v\n%s", c, err, want)
				}
				for name, fl := range byName {
					got := back.Elem().FieldByName(name)
					if fl.Optional && !fl.Nullable && fl.Type.Kind == ir.JSON && isNullOptional(got) {
						// The generated decoder keeps null as the json value of a
						// field that is not nullable; Optional alone cannot know
						// that and reads it as Null(), as documented.
						continue
					}
					if d := diffValue(orig.FieldByName(name), got, c.name+"."+name); d != "" {
						t.Fatalf("json.Unmarshal into a caller's struct: %s\n%s", d, want)
					}
				}
			}
		})
	}
}

// embeddedSession embeds a generated type: its promoted MarshalJSON and
// UnmarshalJSON speak for the whole struct, as time.Time's do when
// embedded, so Note is neither written nor read.
type embeddedSession struct {
	pr.Session
	Note string `json:"note"`
}

func TestEmbeddedGeneratedType(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "twilio", "proxy", "testdata", "bench", "twilio_session.json"))
	require.NoError(t, err)
	var s pr.Session
	require.NoError(t, s.UnmarshalJSON(data))
	want, err := s.AppendJSON(nil)
	require.NoError(t, err)
	e := embeddedSession{Session: s, Note: "not written"}
	for _, v := range []any{e, &e} {
		require.Equal(t, string(htmlEscaped(want)), string(marshal(t, "embedded", v)))
	}
	var back embeddedSession
	require.NoError(t, json.Unmarshal(want, &back))
	require.Empty(t, diffValue(reflect.ValueOf(&s), reflect.ValueOf(&back.Session), "Session"))
}

// TestOptionalOfPolymorphicTypeNamesTheWay pins the one thing encoding/json
// cannot do with generated types: choose the concrete type of a
// polymorphic field of a caller's struct. The error says what to use.
func TestOptionalOfPolymorphicTypeNamesTheWay(t *testing.T) {
	var x struct {
		Shape kinds.Optional[kinds.Shape] `json:"shape,omitzero"`
	}
	err := json.Unmarshal([]byte(`{"shape":{"@type":"circle","radius":1}}`), &x)
	require.ErrorContains(t, err, "UnmarshalShape")
	b := marshal(t, "optional shape", struct {
		Shape kinds.Optional[kinds.Shape] `json:"shape,omitzero"`
	}{kinds.Some[kinds.Shape](&kinds.Circle{Radius: 1})})
	require.Equal(t, `{"shape":{"@type":"circle","radius":1}}`, string(b))
	// The unknown holder decodes only what is unknown.
	var u kinds.UnknownShape
	require.ErrorContains(t, json.Unmarshal([]byte(`{"@type":"circle","radius":1}`), &u), "UnmarshalShape")
	require.NoError(t, json.Unmarshal([]byte(`{"@type":"hexagon","x":1}`), &u))
	require.Equal(t, "hexagon", u.Type)
}

// benchTypeSizes is the size of the values BenchmarkMarshalJSON copies.
var benchTypeSizes = map[string]uintptr{
	"graph session":    unsafe.Sizeof(cr.Session{}),
	"twilio session":   unsafe.Sizeof(pr.Session{}),
	"syllable session": unsafe.Sizeof(sy.Session{}),
}

// BenchmarkMarshalJSON measures what the value receiver of MarshalJSON
// costs: "pointer" and "value" call MarshalJSON on a pointer and on a value
// (both copy the struct now; on a pointer receiver neither did), "append"
// is AppendJSON into a fresh buffer, the same work without the copy.
func BenchmarkMarshalJSON(b *testing.B) {
	load := func(rel string, v interface{ UnmarshalJSON([]byte) error }) {
		data, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(rel)))
		if err != nil {
			b.Fatal(err)
		}
		if err := v.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
	var g cr.Session
	load("msgraph/callrecords/testdata/bench/graph_session.json", &g)
	var tw pr.Session
	load("twilio/proxy/testdata/bench/twilio_session.json", &tw)
	var syl sy.Session
	load("syllable/sessions/testdata/bench/syllable_session.json", &syl)
	type marshaler interface {
		MarshalJSON() ([]byte, error)
		AppendJSON([]byte) ([]byte, error)
	}
	for _, p := range []struct {
		name string
		v    marshaler
	}{{"graph session", &g}, {"twilio session", &tw}, {"syllable session", &syl}} {
		b.Run(p.name, func(b *testing.B) {
			b.Logf("%d bytes", benchTypeSizes[p.name])
			b.Run("pointer", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := p.v.MarshalJSON(); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("append", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := p.v.AppendJSON(nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
	b.Run("graph session/value", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := g.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
