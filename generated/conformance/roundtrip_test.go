// The rule that ties Validate to the codec (hand-written, not generated):
// for every type of the four generated packages, a value Validate accepts
// encodes without error and decodes back equal, and re-encodes to the same
// bytes. Values come from randvalue_test.go, half of them near-valid.
//
// Equal means: the same Go value, except that a date-time is the same
// instant with the same UTC offset (its zone name and monotonic reading are
// not JSON; an offset with seconds comes back as UTC), a nil slice or map equals an empty one (both are written [] or
// {}), NaN equals NaN, and a json value equals itself without the
// whitespace around it, an empty one being null.
package conformance_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generated/conformance/kinds"
	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/generated/twilio/proxy/proxyfake"
)

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// readable returns v, readable even when reached through unexported fields.
func readable(v reflect.Value) reflect.Value {
	switch {
	case v.CanAddr() && !v.CanInterface():
		return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	case v.IsValid() && !v.CanAddr() && v.CanInterface():
		// A map value: copied so that its unexported fields can be read.
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		return c
	}
	return v
}

// normalRaw is a json value as the codec carries it.
func normalRaw(b []byte) []byte {
	b = bytes.Trim(b, " \t\r\n")
	if len(b) == 0 {
		return []byte("null")
	}
	return b
}

// diffValue returns where a and b differ, or "".
func diffValue(a, b reflect.Value, path string) string { return diffValues(a, b, path, false) }

// diffValues is diffValue; with textual set, json values are compared as
// JSON texts (same values, any escaping and spacing) rather than as bytes.
func diffValues(a, b reflect.Value, path string, textual bool) string {
	a, b = readable(a), readable(b)
	if a.IsValid() != b.IsValid() {
		return path + ": one side is nil"
	}
	if !a.IsValid() {
		return ""
	}
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s: %s != %s", path, a.Type(), b.Type())
	}
	switch a.Type() {
	case timeType:
		ta, tb := a.Interface().(time.Time), b.Interface().(time.Time)
		_, oa := ta.Zone()
		_, ob := tb.Zone()
		// An offset of whole minutes is kept; one with seconds, which RFC 3339
		// cannot write, is sent in UTC (AppendDateTime).
		if !ta.Equal(tb) || oa != ob && (oa%60 == 0 || ob != 0) {
			return fmt.Sprintf("%s: %v != %v", path, ta, tb)
		}
		return ""
	case rawType:
		ra, rb := normalRaw(a.Bytes()), normalRaw(b.Bytes())
		if textual && sameJSON(ra, rb) {
			return ""
		}
		if !bytes.Equal(ra, rb) {
			return fmt.Sprintf("%s: json %s != %s", path, ra, rb)
		}
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + ": one side is nil"
			}
			return ""
		}
		return diffValues(a.Elem(), b.Elem(), path, textual)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := diffValues(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name, textual); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d items != %d", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := diffValues(a.Index(i), b.Index(i), path+"["+strconv.Itoa(i)+"]", textual); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d keys != %d", path, a.Len(), b.Len())
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Sprintf("%s: key %q missing", path, k.String())
			}
			if d := diffValues(a.MapIndex(k), bv, path+"["+strconv.Quote(k.String())+"]", textual); d != "" {
				return d
			}
		}
		return ""
	case reflect.Float32, reflect.Float64:
		fa, fb := a.Float(), b.Float()
		if math.IsNaN(fa) && math.IsNaN(fb) || math.Float64bits(fa) == math.Float64bits(fb) {
			return ""
		}
		return fmt.Sprintf("%s: %v != %v", path, fa, fb)
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Sprintf("%s: %q != %q", path, a.String(), b.String())
		}
		return ""
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return path + ": bool differs"
		}
		return ""
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return fmt.Sprintf("%s: %d != %d", path, a.Int(), b.Int())
		}
		return ""
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if a.Uint() != b.Uint() {
			return fmt.Sprintf("%s: %d != %d", path, a.Uint(), b.Uint())
		}
		return ""
	}
	panic(fmt.Sprintf("%s: cannot compare %s", path, a.Type()))
}

// sameJSON reports whether a and b hold the same JSON value.
func sameJSON(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// compact returns b without insignificant whitespace.
func compact(b []byte) []byte {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return append([]byte("invalid: "), b...)
	}
	return out.Bytes()
}

// validator is every generated type.
type validator interface{ Validate() error }

// roundTrip checks the rule on v. valid reports whether Validate accepted
// it; problem says how the rule broke, or is "".
func roundTrip(c *codec, v any) (valid bool, problem string) {
	if err := v.(validator).Validate(); err != nil {
		return false, ""
	}
	b, err := c.encode(v)
	if err != nil {
		return true, fmt.Sprintf("Validate accepts a value the encoder refuses: %v", err)
	}
	back, err := c.decode(b)
	if err != nil {
		return true, fmt.Sprintf("the decoder refuses what the encoder wrote: %v\n%s", err, b)
	}
	if d := diffValue(reflect.ValueOf(v), reflect.ValueOf(back), c.name); d != "" {
		return true, fmt.Sprintf("decodes back different at %s\n%s", d, b)
	}
	// Bytes may differ only in the whitespace of json values, which the
	// encoder writes as held and the decoder trims around them.
	again, err := c.encode(back)
	if err != nil || !bytes.Equal(compact(again), compact(b)) {
		return true, fmt.Sprintf("re-encodes differently (%v):\n%s\n%s", err, b, again)
	}
	if err := back.(validator).Validate(); err != nil {
		return true, fmt.Sprintf("the decoded value is invalid: %v\n%s", err, b)
	}
	return true, ""
}

// propertySeed is the base seed of the property tests; set
// SESSIONGEN_PROPERTY_SEED to try others.
func propertySeed(t testing.TB) uint64 {
	s := os.Getenv("SESSIONGEN_PROPERTY_SEED")
	if s == "" {
		return 1
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPropertyValidImpliesRoundTrip holds the rule over every registered
// type: per type, 300 values (60 with -short), every other one near-valid;
// at least a quarter of them must be valid, or the test proves nothing, and
// the near-valid ones must include some that Validate rejects.
func TestPropertyValidImpliesRoundTrip(t *testing.T) {
	pkgs := loadIR(t)
	n := 300
	if testing.Short() {
		n = 60
	}
	seed := propertySeed(t)
	rejected := 0
	for i, c := range registry {
		t.Run(c.String(), func(t *testing.T) {
			g := newValueGen(t, pkgs, c.pkg, seed*1000+uint64(i))
			valid := 0
			for k := range n {
				g.near = 0
				if k%2 == 1 {
					g.near = 0.05
				}
				ok, problem := roundTrip(c, g.top(c))
				if problem != "" {
					t.Fatalf("value %d (seed %d): %s", k, seed, problem)
				}
				if ok {
					valid++
				} else {
					rejected++
				}
			}
			t.Logf("%d of %d values valid", valid, n)
			if valid < n/4 {
				t.Errorf("only %d of %d random values are valid: the generator does not fit the schema", valid, n)
			}
		})
	}
	if rejected == 0 {
		t.Error("Validate rejected no near-valid value: the generator breaks no rule")
	}
}

// FuzzValidImpliesRoundTrip is the property test as a fuzz target: the
// fuzzer picks the type and the seed of the value.
func FuzzValidImpliesRoundTrip(f *testing.F) {
	pkgs := loadIR(f)
	for i := range registry {
		f.Add(uint16(i), uint64(i), false)
		f.Add(uint16(i), uint64(i)+7, true)
	}
	f.Fuzz(func(t *testing.T, index uint16, seed uint64, near bool) {
		c := registry[int(index)%len(registry)]
		g := newValueGen(t, pkgs, c.pkg, seed)
		if near {
			g.near = 0.05
		}
		if _, problem := roundTrip(c, g.top(c)); problem != "" {
			t.Fatal(problem)
		}
	})
}

// TestValidateReportsWhatTheCodecCannotCarry pins each way a value can
// break the rule, one case each: Validate reports it at its path, and the
// codec indeed does not carry it (so the check is needed, and on a build
// without it the value passed Validate).
func TestValidateReportsWhatTheCodecCannotCarry(t *testing.T) {
	holder := func(change func(*kinds.Holder)) *kinds.Holder {
		h := &kinds.Holder{Shape: &kinds.Circle{Radius: 1}, Animal: &kinds.AnimalBase{}, Raw: json.RawMessage(`{}`),
			At: time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), Day: kinds.Date{Year: 2024, Month: 2, Day: 29}, Num: 1.5, Mood: kinds.MoodHappy}
		change(h)
		return h
	}
	tests := []struct {
		name string
		c    *codec
		v    any
		path string
		rule string
	}{
		{"required interface nil", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Shape = nil }), "shape", "null"},
		{"typed nil in an interface", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Animal = (*kinds.Dog)(nil) }), "animal", "null"},
		{"NaN", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Num = math.NaN() }), "num", "format"},
		{"infinity", lookup("kinds", "Scalars"), &kinds.Scalars{F32: kinds.Some(float32(math.Inf(-1)))}, "f32", "format"},
		{"invalid UTF-8 string", lookup("kinds", "Scalars"), &kinds.Scalars{Str: kinds.Some("a\xffb")}, "str", "format"},
		{"invalid UTF-8 in an open enum", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Mood = "\xc3" }), "mood", "format"},
		{"invalid UTF-8 map key", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Tags = map[string]string{"k\xff": "v"} }), "tags", "format"},
		{"year after 999,999,999", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.At = time.Date(1_000_000_000, 1, 1, 0, 0, 0, 0, time.UTC) }), "at", "format"},
		{"year before 0", lookup("kinds", "Scalars"), &kinds.Scalars{At: kinds.Some(time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC))}, "at", "format"},
		{"impossible date", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Day = kinds.Date{Year: 2023, Month: 2, Day: 29} }), "day", "format"},
		{"zero date", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Day = kinds.Date{} }), "day", "format"},
		{"negative duration component", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Span = kinds.Duration{Hours: -1} }), "span", "format"},
		{"duration nanos past a second", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Span = kinds.Duration{Seconds: 1, Nanos: 1e9} }), "span", "format"},
		{"negative zero duration", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Span = kinds.Duration{Negative: true} }), "span", "format"},
		{"json with a repeated name", lookup("kinds", "Holder"), holder(func(h *kinds.Holder) { h.Raw = json.RawMessage(`{"a":1,"a":2}`) }), "raw", "format"},
		{"json that is two values", lookup("kinds", "Doc"), &kinds.Doc{Raw: kinds.Some(json.RawMessage(`1 2`))}, "raw", "format"},
		{"JSON null as the value of a nullable json field", lookup("kinds", "Doc"), &kinds.Doc{RawNull: kinds.Some(json.RawMessage(`null`))}, "rawNull", "null"},
		{"nil recursive object", lookup("kinds", "Node"), &kinds.Node{Next: kinds.Some[*kinds.Node](nil)}, "next", "null"},
		{"nil item of a polymorphic array", lookup("kinds", "Doc"), &kinds.Doc{Shapes: []kinds.Shape{nil}}, "shapes[0]", "null"},
		{"kept member named like a property", lookup("kinds", "Bag"), &kinds.Bag{AdditionalProperties: []kinds.Member{{Name: "id", Value: json.RawMessage(`"x"`)}}}, "", "format"},
		{"kept member twice", lookup("kinds", "Bag"), &kinds.Bag{AdditionalProperties: []kinds.Member{{Name: "x", Value: json.RawMessage(`1`)}, {Name: "x", Value: json.RawMessage(`2`)}}}, "", "format"},
		{"kept member that is not JSON", lookup("kinds", "Bag"), &kinds.Bag{AdditionalProperties: []kinds.Member{{Name: "x", Value: json.RawMessage(`{`)}}}, "", "format"},
		{"unknown subtype naming a known type", lookup("kinds", "Shape"), &kinds.UnknownShape{Type: "circle", Raw: json.RawMessage(`{"@type":"circle"}`)}, "", "format"},
		{"unknown subtype whose Raw disagrees with Type", lookup("kinds", "Shape"), &kinds.UnknownShape{Type: "hexagon", Raw: json.RawMessage(`{"@type":"octagon"}`)}, "", "format"},
		{"unknown subtype without Raw", lookup("kinds", "Shape"), &kinds.UnknownShape{Type: "hexagon"}, "", "null"},
		{"unknown subtype of a hierarchy with closed subtypes", lookup("kinds", "Vehicle"), &kinds.UnknownVehicle{Type: "boat", Raw: json.RawMessage(`{"kind":"boat"}`)}, "", "format"},
		{"unknown subtype whose Raw names the API's discriminator, not the hierarchy's", lookup("kinds", "Plant"), &kinds.UnknownPlant{Type: "fern", Raw: json.RawMessage(`{"@type":"fern"}`)}, "", "format"},
		{"unknown subtype of a concrete root without discriminator", lookup("kinds", "Animal"), &kinds.UnknownAnimal{Raw: json.RawMessage(`{"legs":4}`)}, "", "format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var invalid *kinds.ValidationError
			if err := tt.v.(validator).Validate(); !errors.As(err, &invalid) {
				t.Fatalf("Validate = %v, want a violation at %q", err, tt.path)
			}
			found := false
			for _, v := range invalid.Violations {
				found = found || v.Path == tt.path && v.Rule == tt.rule
			}
			if !found {
				t.Errorf("no %s violation at %q: %v", tt.rule, tt.path, invalid)
			}
			// The codec does not carry the value: an encoding error, a
			// decoding error, or a different value.
			b, err := tt.c.encode(tt.v)
			if err != nil {
				return
			}
			back, err := tt.c.decode(b)
			if err != nil {
				return
			}
			if diffValue(reflect.ValueOf(tt.v), reflect.ValueOf(back), "") == "" {
				t.Errorf("Validate reports a value the codec carries: %s", b)
			}
		})
	}
}

// TestValidateAcceptsWhatTheCodecCarries is the other side: the zero value
// and boundary values of the kinds Validate now checks stay valid.
func TestValidateAcceptsWhatTheCodecCarries(t *testing.T) {
	values := []any{
		&kinds.Scalars{Num: kinds.Some(math.MaxFloat64), F32: kinds.Some(float32(math.Copysign(0, -1))), NumNF: kinds.Some(math.NaN()), F32NF: kinds.Some(float32(math.Inf(1))),
			At: kinds.Some(time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", -12*3600))), Day: kinds.Some(kinds.Date{Year: 0, Month: 1, Day: 1}),
			Span: kinds.Some(kinds.Duration{Negative: true, Nanos: 999999999}), Str: kinds.Some("\ufffd\u2028")},
		&kinds.Doc{Raw: kinds.Some(json.RawMessage(nil)), RawNull: kinds.Null[json.RawMessage](), Shape: kinds.Some[kinds.Shape](&kinds.UnknownShape{Raw: json.RawMessage(`{"x":1}`)})},
		&kinds.Bag{AdditionalProperties: []kinds.Member{{Name: "x-kept", Value: json.RawMessage(` [1] `)}}},
	}
	for _, v := range values {
		if err := v.(validator).Validate(); err != nil {
			t.Errorf("%T: %v", v, err)
		}
		c := lookup("kinds", strings.TrimPrefix(reflect.TypeOf(v).Elem().Name(), "*"))
		if _, problem := roundTrip(c, v); problem != "" {
			t.Errorf("%T: %s", v, problem)
		}
	}
}

// chain returns n nodes, each the next of the one before.
func chain(n int) *kinds.Node {
	var head *kinds.Node
	for i := range n {
		head = &kinds.Node{Value: kinds.Some(int64(i)), Next: optionalNode(head)}
	}
	return head
}

func optionalNode(n *kinds.Node) kinds.Optional[*kinds.Node] {
	if n == nil {
		return kinds.Optional[*kinds.Node]{}
	}
	return kinds.Some(n)
}

// nested returns n arrays, one inside the other.
func nested(n int) json.RawMessage {
	return json.RawMessage(strings.Repeat("[", n) + strings.Repeat("]", n))
}

// TestValidateDepth: decoders read 512 levels of arrays and objects; a
// value that recursion or a json value nests deeper is reported, at the
// first level too deep only, and one that stays within is valid and
// round-trips.
func TestValidateDepth(t *testing.T) {
	node, doc := lookup("kinds", "Node"), lookup("kinds", "Doc")
	for _, tt := range []struct {
		c     *codec
		v     any
		valid bool
	}{
		{node, chain(512), true},
		{node, chain(513), false},
		{doc, &kinds.Doc{Raw: kinds.Some(nested(511))}, true},
		{doc, &kinds.Doc{Raw: kinds.Some(nested(512))}, false},
		{doc, &kinds.Doc{Bag: kinds.Some(kinds.Bag{AdditionalProperties: []kinds.Member{{Name: "x", Value: nested(510)}}})}, true},
		{doc, &kinds.Doc{Bag: kinds.Some(kinds.Bag{AdditionalProperties: []kinds.Member{{Name: "x", Value: nested(511)}}})}, false},
		{doc, &kinds.Doc{Node: kinds.Some(*chain(511))}, true},
		{doc, &kinds.Doc{Node: kinds.Some(*chain(512))}, false},
	} {
		err := tt.v.(validator).Validate()
		valid, problem := roundTrip(tt.c, tt.v)
		if problem != "" {
			t.Fatalf("%T: %s", tt.v, problem[:min(len(problem), 300)])
		}
		if valid != tt.valid {
			t.Fatalf("%T: Validate = %v, want valid %v", tt.v, err, tt.valid)
		}
		if !valid {
			var invalid *kinds.ValidationError
			require.ErrorAs(t, err, &invalid)
			require.Len(t, invalid.Violations, 1, "one violation, at the first level too deep")
			require.Contains(t, invalid.Violations[0].Message, "deeper than")
			// The codec indeed cannot carry it.
			if b, err := tt.c.encode(tt.v); err == nil {
				_, err := tt.c.decode(b)
				require.ErrorContains(t, err, "nesting deeper than 512")
			}
		}
	}
}

// TestClientRefusesWhatTheCodecCannotCarry: requests are validated before
// they are sent, so a body the codec would change (here invalid UTF-8,
// which the encoder writes as U+FFFD) never leaves the client.
func TestClientRefusesWhatTheCodecCannotCarry(t *testing.T) {
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		http.Error(w, "unexpected", http.StatusTeapot)
	}))
	defer srv.Close()
	client, err := pr.NewClient(pr.WithBaseURL(srv.URL), pr.WithBasicAuth("AC00000000000000000000000000000000", "token"))
	require.NoError(t, err)
	_, err = client.Services.Sessions("KS00000000000000000000000000000000").Create(context.Background(),
		&pr.SessionsCreateRequest{UniqueName: pr.Some("order\xff1234")})
	var invalid *pr.ValidationError
	require.ErrorAs(t, err, &invalid)
	require.Equal(t, "UniqueName", invalid.Violations[0].Path)
	require.Equal(t, 0, requests)
}

// TestValidateReportsEmptyFormList: a form body (Twilio's) sends a list as
// repeated keys, so an empty one as nothing, and the server reads the field
// as absent: Validate reports it and the client does not send it.
func TestValidateReportsEmptyFormList(t *testing.T) {
	body := &pr.SessionsCreateRequest{Participants: []json.RawMessage{}}
	var invalid *pr.ValidationError
	require.ErrorAs(t, body.Validate(), &invalid)
	require.Equal(t, "Participants", invalid.Violations[0].Path)
	require.Equal(t, pr.RuleMinItems, invalid.Violations[0].Rule)

	srv := httptest.NewServer(proxyfake.NewFakeServer())
	defer srv.Close()
	client, err := pr.NewClient(pr.WithBaseURL(srv.URL), pr.WithBasicAuth("AC00000000000000000000000000000000", "token"))
	require.NoError(t, err)
	_, err = client.Services.Sessions("KS00000000000000000000000000000000").Create(context.Background(), body)
	require.ErrorAs(t, err, &invalid)
	// A list with items is carried.
	body.Participants = []json.RawMessage{json.RawMessage(`{"Identifier":"+15555550100"}`)}
	require.NoError(t, body.Validate())
}

// TestEncodersOfNilAndBrokenValues: encoders write a nil object (a typed
// nil in an interface) as null rather than panic, and refuse an unknown
// subtype's Raw that is not one JSON value rather than write broken JSON.
func TestEncodersOfNilAndBrokenValues(t *testing.T) {
	for _, v := range []interface{ AppendJSON([]byte) ([]byte, error) }{(*kinds.Circle)(nil), (*kinds.UnknownShape)(nil), (*cr.Session)(nil)} {
		b, err := v.AppendJSON(nil)
		require.NoError(t, err)
		require.Equal(t, "null", string(b))
	}
	b, err := json.Marshal(struct{ S kinds.Shape }{(*kinds.Square)(nil)})
	require.NoError(t, err)
	require.Equal(t, `{"S":null}`, string(b))
	for _, raw := range []string{`{`, `{"@type":"x"} 1`, `{"a":1,"a":2}`} {
		_, err := (&kinds.UnknownShape{Type: "x", Raw: json.RawMessage(raw)}).AppendJSON(nil)
		require.Error(t, err, raw)
	}
}
