package support

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// jsonString is what encoding/json writes for s with HTML escaping off.
func jsonString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestAppendString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", `""`},
		{"abc", `"abc"`},
		{`a"b\c/d`, `"a\"b\\c/d"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f\""},
		{"<script>&</script>", `"<script>&</script>"`},
		{"é日本😀", `"é日本😀"`},
		{"a\u2028b\u2029c", `"a\u2028b\u2029c"`},
		{"\xff", `"\ufffd"`},
		{"a\xc3(b", `"a\ufffd(b"`},
		{"\xed\xa0\x80", `"\ufffd\ufffd\ufffd"`},
		{"\ufffd", "\"\ufffd\""},
		{"a long string without anything to escape in it at all", `"a long string without anything to escape in it at all"`},
		{"long string with an escape at the very end of it\n", `"long string with an escape at the very end of it\n"`},
		{strings.Repeat("ab\"", 10), `"` + strings.Repeat(`ab\"`, 10) + `"`},
	}
	for _, tt := range tests {
		if got := string(appendString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if got := string(appendStringBytes(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("AppendStringBytes(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if ref := jsonString(tt.in); ref != tt.want {
			t.Errorf("encoding/json writes %s for %q", ref, tt.in)
		}
	}
	// Appends to what is there.
	if got := string(appendString([]byte("x:"), "y")); got != `x:"y"` {
		t.Errorf("got %s", got)
	}
}

func TestAppendStringRandom(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	alphabet := []string{"a", "b", " ", "\"", "\\", "\n", "\x00", "\x1f", "é", "😀", "\u2028", "\xff", "\xe2\x80", "<", "&"}
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		for n := r.Intn(40); n > 0; n-- {
			sb.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		s := sb.String()
		got := appendString(nil, s)
		if want := jsonString(s); string(got) != want {
			t.Fatalf("AppendString(%q) = %s, encoding/json %s", s, got, want)
		}
		if !utf8.Valid(got) {
			t.Fatalf("invalid UTF-8 output for %q", s)
		}
		// And it decodes back to the same text when s was valid UTF-8.
		d := newDecoder(got)
		back, err := d.stringValue()
		if err != nil || utf8.ValidString(s) && back != s {
			t.Fatalf("round trip of %q: %q, %v", s, back, err)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "abc", "\x00\"\\\u2028\xff", "日本語 text < & >"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendString(nil, s)
		if want := jsonString(s); string(got) != want {
			t.Fatalf("AppendString(%q) = %s, encoding/json %s", s, got, want)
		}
		if string(appendStringBytes(nil, []byte(s))) != string(got) {
			t.Fatalf("AppendStringBytes differs for %q", s)
		}
	})
}

func TestAppendScalars(t *testing.T) {
	if got := string(appendInt(nil, -9223372036854775808)); got != "-9223372036854775808" {
		t.Errorf("AppendInt = %s", got)
	}
	if got := string(appendBool(appendBool(nil, true), false)); got != "truefalse" {
		t.Errorf("AppendBool = %s", got)
	}
	if got := string(appendNull(nil)); got != "null" {
		t.Errorf("AppendNull = %s", got)
	}
	if got := string(appendRaw([]byte("["), []byte(`{"a":1}`))); got != `[{"a":1}` {
		t.Errorf("AppendRaw = %s", got)
	}
}

func TestAppendFloat(t *testing.T) {
	f64 := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 1.5, 1e20, 1e21, 123456789e13, 1e-6, 1e-7, 0.000001234,
		1.7976931348623157e308, 5e-324, math.MaxInt64, 9965083.5, 3.0e-9, -2.5e-10, 1e100, 123.456,
	}
	for _, f := range f64 {
		want, _ := json.Marshal(f)
		got, err := appendFloat64(nil, f)
		if err != nil || string(got) != string(want) {
			t.Errorf("AppendFloat64(%v) = %s, %v; encoding/json %s", f, got, err, want)
		}
		if got := appendFloat64NonFinite(nil, f); string(got) != string(want) {
			t.Errorf("AppendFloat64NonFinite(%v) = %s", f, got)
		}
	}
	f32 := []float32{0, 1, 0.1, 1.160898, 1e20, 1e21, 1e-6, 1e-7, math.MaxFloat32, math.SmallestNonzeroFloat32, 16777216, 0.0125}
	for _, f := range f32 {
		want, _ := json.Marshal(f)
		got, err := appendFloat32(nil, f)
		if err != nil || string(got) != string(want) {
			t.Errorf("AppendFloat32(%v) = %s, %v; encoding/json %s", f, got, err, want)
		}
		if got := appendFloat32NonFinite(nil, f); string(got) != string(want) {
			t.Errorf("AppendFloat32NonFinite(%v) = %s", f, got)
		}
	}
	r := rand.New(rand.NewSource(6))
	for i := 0; i < 20000; i++ {
		f := math.Float64frombits(r.Uint64())
		g := math.Float32frombits(r.Uint32())
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			want, _ := json.Marshal(f)
			if got, _ := appendFloat64(nil, f); string(got) != string(want) {
				t.Fatalf("AppendFloat64(%v) = %s, encoding/json %s", f, got, want)
			}
		}
		if !math.IsNaN(float64(g)) && !math.IsInf(float64(g), 0) {
			want, _ := json.Marshal(g)
			if got, _ := appendFloat32(nil, g); string(got) != string(want) {
				t.Fatalf("AppendFloat32(%v) = %s, encoding/json %s", g, got, want)
			}
		}
	}
}

func TestAppendNonFinite(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{math.NaN(), `"NaN"`}, {math.Inf(1), `"INF"`}, {math.Inf(-1), `"-INF"`},
	}
	for _, tt := range tests {
		dst := []byte("x")
		got, err := appendFloat64(dst, tt.f)
		var nf *NonFiniteError
		if !errors.As(err, &nf) || string(got) != "x" {
			t.Errorf("AppendFloat64(%v) = %s, %v", tt.f, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "unsupported value") {
			t.Errorf("error text %q", err)
		}
		if _, err := appendFloat32(nil, float32(tt.f)); err == nil {
			t.Errorf("AppendFloat32(%v) succeeded", tt.f)
		}
		if got := string(appendFloat64NonFinite(nil, tt.f)); got != tt.want {
			t.Errorf("AppendFloat64NonFinite(%v) = %s", tt.f, got)
		}
		if got := string(appendFloat32NonFinite(nil, float32(tt.f))); got != tt.want {
			t.Errorf("AppendFloat32NonFinite(%v) = %s", tt.f, got)
		}
		// And the decoder reads them back.
		d := newDecoder([]byte(tt.want))
		back, err := d.float64NonFinite()
		if err != nil || !(back == tt.f || math.IsNaN(back) && math.IsNaN(tt.f)) {
			t.Errorf("Float64NonFinite(%s) = %v, %v", tt.want, back, err)
		}
	}
}

func TestEncodeAllocations(t *testing.T) {
	buf := make([]byte, 0, 1024)
	long := strings.Repeat("text with \"quotes\" and \n newlines and é ", 5)
	longB := []byte(long)
	tests := []struct {
		name string
		f    func()
	}{
		{"AppendString", func() { appendString(buf[:0], long) }},
		{"AppendStringBytes", func() { appendStringBytes(buf[:0], longB) }},
		{"AppendInt", func() { appendInt(buf[:0], -1234567890) }},
		{"AppendFloat64", func() { appendFloat64(buf[:0], 9965083.5) }},
		{"AppendFloat64 exp", func() { appendFloat64(buf[:0], 1e-9) }},
		{"AppendFloat32", func() { appendFloat32(buf[:0], 1.160898) }},
		{"AppendFloat64NonFinite", func() { appendFloat64NonFinite(buf[:0], math.NaN()) }},
		{"AppendBool", func() { appendBool(buf[:0], true) }},
		{"AppendRaw", func() { appendRaw(buf[:0], longB) }},
	}
	for _, tt := range tests {
		if got := testing.AllocsPerRun(200, tt.f); got != 0 {
			t.Errorf("%s: %v allocations", tt.name, got)
		}
	}
}

func BenchmarkAppendString(b *testing.B) {
	s := "RTCC/7.0.0.0 UCWA/7.0.0.0 AndroidLync/6.25.0.27 (SM-G930U Android 8.0.0)"
	buf := make([]byte, 0, 256)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = appendString(buf[:0], s)
	}
}

func BenchmarkAppendStringEscaped(b *testing.B) {
	s := "Owen François said \"hi\"\n\tand left <early> & late"
	buf := make([]byte, 0, 256)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = appendString(buf[:0], s)
	}
}

func BenchmarkJSONMarshalString(b *testing.B) {
	s := "RTCC/7.0.0.0 UCWA/7.0.0.0 AndroidLync/6.25.0.27 (SM-G930U Android 8.0.0)"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		json.Marshal(s)
	}
}

func BenchmarkAppendFloat64(b *testing.B) {
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf, _ = appendFloat64(buf[:0], 15644878.5)
	}
}
