package support

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"
)

func TestOptional(t *testing.T) {
	type state struct {
		get                   string
		ok, set, null, isZero bool
		or                    string
		heldNil               bool
		str                   string
	}
	tests := []struct {
		name string
		o    Optional[string]
		want state
	}{
		{"absent", Optional[string]{}, state{"", false, false, false, true, "def", true, "absent"}},
		{"null", Null[string](), state{"", false, true, true, false, "def", true, "null"}},
		{"value", Some("x"), state{"x", true, true, false, false, "x", false, "x"}},
		{"empty value", Some(""), state{"", true, true, false, false, "", false, ""}},
	}
	for _, tt := range tests {
		o := tt.o
		v, ok := o.Get()
		got := state{v, ok, o.IsSet(), o.IsNull(), o.IsZero(), o.Or("def"), optionalHeld(&o) == nil, o.String()}
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
		if p := optionalHeld(&o); p != nil && *p != v {
			t.Errorf("%s: optionalHeld = %q", tt.name, *p)
		}
	}
	// optionalHeld points into the Optional: validators walk it in place.
	o := Some(1)
	*optionalHeld(&o) = 2
	if v, _ := o.Get(); v != 2 {
		t.Errorf("optionalHeld does not point at the value")
	}
	if s := Some(struct{ A int }{3}).String(); s != "{3}" {
		t.Errorf("String of struct = %q", s)
	}
	if s := Some(2.5).String(); s != "2.5" {
		t.Errorf("String of float = %q", s)
	}
}

// TestOptionalOmitZero checks that encoding/json's omitzero skips absent
// fields through IsZero.
func TestOptionalOmitZero(t *testing.T) {
	type T struct {
		A Optional[int] `json:"a,omitzero"`
		B int           `json:"b"`
	}
	b, err := json.Marshal(T{B: 1})
	if err != nil || string(b) != `{"b":1}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	b, _ = json.Marshal(T{A: Some(2), B: 1})
	if string(b) == `{"b":1}` {
		t.Errorf("set field omitted: %s", b)
	}
}

func TestOptionalAllocations(t *testing.T) {
	o := Some("x")
	n := Null[int]()
	var sink bool
	allocs := testing.AllocsPerRun(100, func() {
		v, ok := o.Get()
		sink = ok && v != "" && o.IsSet() && !o.IsNull() && !o.IsZero() && o.Or("y") == "x" && n.IsNull()
	})
	if allocs != 0 || !sink {
		t.Errorf("%v allocations", allocs)
	}
}

// TestOptionalJSON pins Optional through encoding/json in a caller's
// struct: omitzero keeps the three states; without it absent is written as
// null (a method cannot drop its own member); values are written and read as
// the generated codecs write and read them, strictly.
func TestOptionalJSON(t *testing.T) {
	type T struct {
		A Optional[int32]  `json:"a,omitzero"`
		B Optional[string] `json:"b"`
	}
	for _, tt := range []struct {
		v    T
		want string
	}{
		{T{}, `{"b":null}`},
		{T{A: Null[int32](), B: Some("x<")}, `{"a":null,"b":"x\u003c"}`},
		{T{A: Some[int32](-5), B: Null[string]()}, `{"a":-5,"b":null}`},
	} {
		b, err := json.Marshal(tt.v)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.v, b, err, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want T
	}{
		{`{}`, T{}},
		{`{"a":null,"b":null}`, T{A: Null[int32](), B: Null[string]()}},
		{`{"a":7,"b":"\u00e9"}`, T{A: Some[int32](7), B: Some("é")}},
	} {
		var got T
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil || got != tt.want {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	// Strict where the generated decoders are strict.
	for _, tt := range []struct {
		in  string
		dst any
	}{
		{`{"a":1.5}`, &T{}},
		{`{"a":2147483648}`, &T{}},
		{"{\"b\":\"\xff\"}", &T{}},
		{`{"b":"\ud800"}`, &T{}},
		{`{"m":{"k":1,"k":2}}`, &struct {
			M Optional[map[string]int64] `json:"m"`
		}{}},
		{`{"l":["a",null]}`, &struct {
			L Optional[[]string] `json:"l"`
		}{}},
		{`{"t":"2024-01-01 00:00:00Z"}`, &struct {
			T Optional[time.Time] `json:"t"`
		}{}},
		{`{"d":"2023-02-29"}`, &struct {
			D Optional[Date] `json:"d"`
		}{}},
		{`{"r":{"x":1,"x":2}}`, &struct {
			R Optional[json.RawMessage] `json:"r"`
		}{}},
	} {
		if err := json.Unmarshal([]byte(tt.in), tt.dst); err == nil {
			t.Errorf("Unmarshal(%s) accepted it: %+v", tt.in, tt.dst)
		}
	}
	// Composite and time values as the codecs write them.
	type C struct {
		L  Optional[[]string]            `json:"l,omitzero"`
		M  Optional[map[string]Date]     `json:"m,omitzero"`
		T  Optional[time.Time]           `json:"t,omitzero"`
		D  Optional[Duration]            `json:"d,omitzero"`
		R  Optional[json.RawMessage]     `json:"r,omitzero"`
		N  Optional[[]int]               `json:"n,omitzero"` // not a schema type: encoding/json's way
		E  Optional[map[string][]string] `json:"e,omitzero"`
		NL Optional[[]string]            `json:"nl,omitzero"`
		// Items that may be null: an Optional inside a slice or map.
		OL Optional[[]Optional[string]]        `json:"ol,omitzero"`
		OM Optional[map[string]Optional[Date]] `json:"om,omitzero"`
	}
	c := C{
		L:  Some([]string{"a", "b"}),
		M:  Some(map[string]Date{"z": {2024, 2, 29}, "a": {1, 1, 1}}),
		T:  Some(time.Date(2024, 5, 1, 9, 30, 0, 1234567, time.FixedZone("", 2*3600))),
		D:  Some(Duration{Seconds: 1, Nanos: 5e8}),
		R:  Some(json.RawMessage(`{"x":[1,2]}`)),
		N:  Some([]int{1, 2}),
		E:  Some(map[string][]string{"k": {}}),
		NL: Some[[]string](nil),
		OL: Some([]Optional[string]{Some("<a>"), Null[string]()}),
		OM: Some(map[string]Optional[Date]{"n": Null[Date](), "d": Some(Date{2024, 2, 29})}),
	}
	want := `{"l":["a","b"],"m":{"a":"0001-01-01","z":"2024-02-29"},"t":"2024-05-01T09:30:00.001234567+02:00","d":"PT1.5S","r":{"x":[1,2]},"n":[1,2],"e":{"k":[]},"nl":[],"ol":["\u003ca\u003e",null],"om":{"d":"2024-02-29","n":null}}`
	b, err := json.Marshal(c)
	if err != nil || string(b) != want {
		t.Fatalf("Marshal = %s, %v\nwant %s", b, err, want)
	}
	var back C
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.M.String() != c.M.String() || !back.T.Or(time.Time{}).Equal(c.T.Or(time.Time{})) || back.D != c.D ||
		string(back.R.Or(nil)) != `{"x":[1,2]}` || len(back.NL.Or(nil)) != 0 || !back.NL.IsSet() || len(back.E.Or(nil)["k"]) != 0 {
		t.Errorf("Unmarshal(%s) = %+v", b, back)
	}
	if back.OL.String() != c.OL.String() || back.OM.String() != c.OM.String() {
		t.Errorf("nullable items: Unmarshal(%s) = %v, %v; want %v, %v", b, back.OL, back.OM, c.OL, c.OM)
	}
	// What the codecs refuse to write, Optional refuses too.
	for _, v := range []any{
		Some(math.NaN()),
		Some(float32(math.Inf(1))),
		Some(time.Date(maxYear+1, 1, 1, 0, 0, 0, 0, time.UTC)),
		Some(json.RawMessage(`{"a":1,"a":2}`)),
	} {
		if b, err := json.Marshal(v); err == nil {
			t.Errorf("Marshal(%v) = %s, want an error", v, b)
		}
	}
}

// TestDateDurationJSON pins Date and Duration through encoding/json: the
// string forms, not their Go fields.
func TestDateDurationJSON(t *testing.T) {
	type T struct {
		D Date     `json:"d"`
		S Duration `json:"s"`
	}
	v := T{Date{2024, 2, 29}, Duration{Negative: true, Days: 1, Hours: 2}}
	b, err := json.Marshal(v)
	if err != nil || string(b) != `{"d":"2024-02-29","s":"-P1DT2H"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil || back != v {
		t.Errorf("Unmarshal = %+v, %v", back, err)
	}
	for _, in := range []string{`{"d":"2024-2-29"}`, `{"d":null}`, `{"s":"P"}`, `{"s":"PT1,5S"}`, `{"d":{"Year":2024}}`} {
		if err := json.Unmarshal([]byte(in), &back); err == nil {
			t.Errorf("Unmarshal(%s) accepted it", in)
		}
	}
}

// strictInt32 is a caller's type that decodes with the strict decoder, as a
// generated type does: its errors' offsets are in its own bytes.
type strictInt32 int32

func (v *strictInt32) UnmarshalJSON(b []byte) error {
	var d decoder
	d.reset(b)
	n, err := d.int32Value()
	if err == nil {
		err = d.end()
	}
	*v = strictInt32(n)
	return err
}

// TestInteropErrorOffsets: an item decoded through its own UnmarshalJSON (an
// Optional item, a generated type) reports a DecodeError at its offset in
// the whole input, not in the item's bytes.
func TestInteropErrorOffsets(t *testing.T) {
	for _, tt := range []struct {
		name string
		dst  json.Unmarshaler
		in   string
		want int
	}{
		{"optional item", new(Optional[[]Optional[int32]]), `[1,   "x"]`, 6},
		{"nested optional item", new(Optional[map[string][]Optional[int32]]), `{"a": [ 1, true]}`, 11},
		{"unmarshaler item", new(Optional[[]strictInt32]), `[1,  2.5]`, 5},
	} {
		err := tt.dst.UnmarshalJSON([]byte(tt.in))
		var de *DecodeError
		if !errors.As(err, &de) || de.Offset != tt.want {
			t.Errorf("%s: UnmarshalJSON(%s) = %v, want a DecodeError at offset %d", tt.name, tt.in, err, tt.want)
		}
	}
}
