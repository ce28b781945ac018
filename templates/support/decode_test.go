package support

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/bits"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// skipAll validates a whole document with Skip and End.
func skipAll(data []byte) error {
	d := newDecoder(data)
	if err := d.skip(); err != nil {
		return err
	}
	return d.end()
}

func TestSkipAcceptsValid(t *testing.T) {
	valid := []string{
		`null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `123456789012345678901234567890`,
		`0.5`, `-0.5e10`, `1E+2`, `1e-2`, `0e0`, `""`, `"abc"`, `"\"\\\/\b\f\n\r\t"`,
		`"\u0000"`, `"\u00e9"`, `"\uD83D\uDE00"`, `"\ud83d\ude00"`, `"é"`, `"😀"`, "\"\u2028\"",
		`"\uFFFF"`, `"\uFFFD"`, "\"\xef\xbf\xbd\"",
		`[]`, `{}`, ` [ ] `, "\t\n\r {\t\n\r}\t\n\r ", `[1,2,3]`, `[[],[[]],{}]`,
		`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, `{"":0}`, `{"a":1,"a":2}`,
		`[{"a":[{"b":[{}]}]}]`, graphSession,
		strings.Repeat("[", 512) + strings.Repeat("]", 512),
	}
	for _, in := range valid {
		if err := skipAll([]byte(in)); err != nil {
			t.Errorf("Skip(%.60q) = %v, want nil", in, err)
		}
		if !json.Valid([]byte(in)) {
			t.Errorf("test bug: encoding/json rejects %.60q", in)
		}
	}
}

func TestSkipRejectsInvalid(t *testing.T) {
	invalid := []struct {
		in  string
		msg string // substring of the error
	}{
		{``, "unexpected end of input"},
		{` `, "unexpected end of input"},
		{`nul`, "invalid literal"},
		{`nulL`, "invalid literal"},
		{`tru`, "invalid literal"},
		{`True`, "expected a value"},
		{`NaN`, "expected a value"},
		{`Infinity`, "expected a value"},
		{`-Infinity`, "invalid number"},
		{`+1`, "expected a value"},
		{`.5`, "expected a value"},
		{`1.`, "missing digits after decimal point"},
		{`1.e5`, "missing digits after decimal point"},
		{`1e`, "missing exponent digits"},
		{`1e+`, "missing exponent digits"},
		{`01`, "leading zero"},
		{`-01`, "leading zero"},
		{`00`, "leading zero"},
		{`-`, "invalid number"},
		{`--1`, "invalid number"},
		{`- 1`, "invalid number"},
		{`1 2`, "unexpected data after top-level value"},
		{`0x10`, "unexpected data"},
		{`[1,]`, "trailing comma in array"},
		{`[,1]`, "expected a value"},
		{`[1,,2]`, "expected a value"},
		{`[1 2]`, "expected ',' or ']'"},
		{`[1}`, "expected ',' or ']'"},
		{`{"a":1}}`, "unexpected data"},
		{`{"a":1,}`, "trailing comma in object"},
		{`{,}`, "expected field name"},
		{`{"a" 1}`, "expected ':'"},
		{`{"a":}`, "expected a value"},
		{`{"a":1]`, "expected ',' or '}'"},
		{`{a:1}`, "expected field name"},
		{`{'a':1}`, "expected field name"},
		{`['a']`, "expected a value"},
		{`[1]]`, "unexpected data"},
		{`[`, "unexpected end of input"},
		{`{`, "expected field name"},
		{`{"a":1`, "unexpected end of input"},
		{`// c` + "\n1", "expected a value"},
		{`/* c */ 1`, "expected a value"},
		{`1 // c`, "unexpected data"},
		{`"abc`, "unterminated string"},
		{`"abc\`, "unterminated string"},
		{`"\a"`, "invalid escape"},
		{`"\x41"`, "invalid escape"},
		{`"\'"`, "invalid escape"},
		{`"\u12"`, "invalid \\u escape"},
		{`"\u12G4"`, "invalid \\u escape"},
		{`"\ud800"`, "unpaired surrogate"},
		{`"\ud800x"`, "unpaired surrogate"},
		{`"\ud800\u0041"`, "unpaired surrogate"},
		{`"\ud800\ud800"`, "unpaired surrogate"},
		{`"\udc00"`, "unpaired surrogate"},
		{`"\udc00\ud800"`, "unpaired surrogate"},
		{"\"a\x00b\"", "control character"},
		{"\"a\nb\"", "control character"},
		{"\"a\tb\"", "control character"},
		{"\"\x1f\"", "control character"},
		{"\"\xff\"", "invalid UTF-8"},
		{"\"\xc3\"", "invalid UTF-8"},
		{"\"\xc3(\"", "invalid UTF-8"},
		{"\"\xe2\x82\"", "invalid UTF-8"},
		{"\"\xed\xa0\x80\"", "invalid UTF-8"}, // UTF-8 encoded surrogate
		{"\"\xc0\xaf\"", "invalid UTF-8"},     // overlong
		{"\"\xf4\x90\x80\x80\"", "invalid UTF-8"},
		{"\xef\xbb\xbf1", "expected a value"}, // byte order mark
		{"\x001", "expected a value"},
		{"[1]\x00", "unexpected data"},
		{"\f1", "expected a value"},
		{"\v1", "expected a value"},
		{strings.Repeat("[", 513) + strings.Repeat("]", 513), "nesting deeper than 512 levels"},
	}
	for _, tt := range invalid {
		err := skipAll([]byte(tt.in))
		if err == nil {
			t.Errorf("Skip(%q) = nil, want error containing %q", tt.in, tt.msg)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Skip(%q) = %v, want error containing %q", tt.in, err, tt.msg)
		}
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("Skip(%q) error %T is not a *DecodeError", tt.in, err)
		}
		if json.Valid([]byte(tt.in)) && !stricterThanEncodingJSON([]byte(tt.in)) {
			t.Errorf("test bug: encoding/json accepts %q", tt.in)
		}
	}
}

// stricterThanEncodingJSON reports, for a document that encoding/json.Valid
// accepts, whether it breaks one of the rules this decoder adds: strings must
// be valid UTF-8 and hold no unpaired surrogate escapes (RFC 8259 §8.2), and
// nesting is limited to DefaultMaxDepth levels (encoding/json allows 10000).
// It is written independently of the decoder, as a reference.
func stricterThanEncodingJSON(data []byte) bool {
	if !utf8.Valid(data) {
		return true
	}
	hex := func(b []byte) uint64 {
		v, _ := strconv.ParseUint(string(b), 16, 32)
		return v
	}
	depth, maxDepth, inString := 0, 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			switch {
			case c == '"':
				inString = false
			case c == '\\' && data[i+1] == 'u':
				r := hex(data[i+2 : i+6])
				i += 5
				if r >= 0xDC00 && r < 0xE000 {
					return true
				}
				if r >= 0xD800 && r < 0xDC00 {
					if i+7 > len(data) || data[i+1] != '\\' || data[i+2] != 'u' {
						return true
					}
					if r2 := hex(data[i+3 : i+7]); r2 < 0xDC00 || r2 >= 0xE000 {
						return true
					}
					i += 6
				}
			case c == '\\':
				i++
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			maxDepth = max(maxDepth, depth)
		case ']', '}':
			depth--
		}
	}
	return maxDepth > defaultMaxDepth
}

func TestDeepNestingFailsFast(t *testing.T) {
	for _, open := range []string{"[", `{"a":`, `[{"a":`} {
		in := []byte(strings.Repeat(open, 10001))
		start := time.Now()
		err := skipAll(in)
		if err == nil {
			t.Fatalf("Skip of 10001 x %q succeeded", open)
		}
		if len(err.Error()) > 200 {
			t.Errorf("error too long (%d bytes): %v", len(err.Error()), err)
		}
		if !strings.Contains(err.Error(), "nesting deeper than 512 levels") {
			t.Errorf("error = %v", err)
		}
		if el := time.Since(start); el > time.Second {
			t.Errorf("took %v", el)
		}
	}
	// Begin calls are bounded too.
	d := newDecoder([]byte(strings.Repeat("[", 10001)))
	var err error
	for i := 0; i < 10001 && err == nil; i++ {
		err = d.beginArray()
		if err == nil {
			_, err = d.nextElement()
		}
	}
	if err == nil || d.depth != defaultMaxDepth {
		t.Errorf("BeginArray nesting: err=%v depth=%d", err, d.depth)
	}
}

func TestSetMaxDepth(t *testing.T) {
	tests := []struct {
		limit, depth int
		ok           bool
	}{
		{1, 1, true}, {1, 2, false}, {3, 3, true}, {3, 4, false},
		{0, 512, true}, {0, 513, false}, {10000, 512, true}, {10000, 513, false}, {-1, 512, true},
	}
	for _, tt := range tests {
		d := newDecoder([]byte(strings.Repeat("[", tt.depth) + strings.Repeat("]", tt.depth)))
		d.setMaxDepth(tt.limit)
		err := d.skip()
		if (err == nil) != tt.ok {
			t.Errorf("limit %d depth %d: err = %v", tt.limit, tt.depth, err)
		}
		// Reset keeps the limit.
		d.reset([]byte(strings.Repeat("[", tt.depth) + strings.Repeat("]", tt.depth)))
		if err2 := d.skip(); (err2 == nil) != tt.ok {
			t.Errorf("after Reset: limit %d depth %d: err = %v", tt.limit, tt.depth, err2)
		}
	}
}

func TestPeekAndConsumeNull(t *testing.T) {
	tests := []struct {
		in   string
		kind jsonKind
		null bool
	}{
		{`  null`, kindNull, true}, {`true`, kindBool, false}, {`false`, kindBool, false},
		{`-1`, kindNumber, false}, {`7`, kindNumber, false}, {`"x"`, kindString, false},
		{`[`, kindArray, false}, {`{`, kindObject, false}, {``, kindInvalid, false},
		{`   `, kindInvalid, false}, {`x`, kindInvalid, false}, {`nul`, kindNull, false},
	}
	for _, tt := range tests {
		d := newDecoder([]byte(tt.in))
		if k := d.peek(); k != tt.kind {
			t.Errorf("Peek(%q) = %v, want %v", tt.in, k, tt.kind)
		}
		if k := d.peek(); k != tt.kind {
			t.Errorf("second Peek(%q) = %v, want %v", tt.in, k, tt.kind)
		}
		if got := d.consumeNull(); got != tt.null {
			t.Errorf("ConsumeNull(%q) = %v", tt.in, got)
		}
		if tt.null && d.end() != nil {
			t.Errorf("End after null: %v", d.end())
		}
	}
	for k := kindInvalid; k <= kindObject+1; k++ {
		if k.String() == "" {
			t.Errorf("Kind(%d).String() is empty", k)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`""`, ""},
		{`"abc"`, "abc"},
		{`  "with spaces inside "`, "with spaces inside "},
		{`"a long string that crosses several eight byte words without escapes"`, "a long string that crosses several eight byte words without escapes"},
		{`"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{`"\u0041\u00e9\u20AC\uffff"`, "Aé€\uffff"},
		{`"\u0000"`, "\x00"},
		{`"\ud83d\ude00 smile"`, "😀 smile"},
		{`"\uDBFF\uDFFF"`, "\U0010FFFF"},
		{`"é ü 日本語 😀"`, "é ü 日本語 😀"},
		{`"prefix\nsuffix that is long enough for the fast path"`, "prefix\nsuffix that is long enough for the fast path"},
		{`"<>&\u2028"`, "<>&\u2028"},
		{"\"\xef\xbf\xbd\"", "\ufffd"},
	}
	for _, tt := range tests {
		d := newDecoder([]byte(tt.in))
		got, err := d.stringValue()
		if err != nil || got != tt.want {
			t.Errorf("String(%s) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if err := d.end(); err != nil {
			t.Errorf("End after %s: %v", tt.in, err)
		}
		var ref string
		if err := json.Unmarshal([]byte(tt.in), &ref); err != nil || ref != got {
			t.Errorf("encoding/json gives %q, %v for %s", ref, err, tt.in)
		}
		d.reset([]byte(tt.in))
		b, err := d.stringBytes()
		if err != nil || string(b) != tt.want {
			t.Errorf("StringBytes(%s) = %q, %v", tt.in, b, err)
		}
	}
}

func TestKindErrors(t *testing.T) {
	tests := []struct {
		in   string
		call func(d *decoder) error
		msg  string
	}{
		{`1`, func(d *decoder) error { _, err := d.stringValue(); return err }, "expected string, found number at offset 0"},
		{`  null`, func(d *decoder) error { _, err := d.stringValue(); return err }, "expected string, found null at offset 2"},
		{`"x"`, func(d *decoder) error { _, err := d.int64Value(); return err }, "expected integer, found string"},
		{`"x"`, func(d *decoder) error { _, err := d.float64Value(); return err }, "expected number, found string"},
		{`[]`, func(d *decoder) error { _, err := d.boolValue(); return err }, "expected boolean, found array"},
		{`tru`, func(d *decoder) error { _, err := d.boolValue(); return err }, `expected boolean, found invalid literal "tru"`},
		{`{}`, func(d *decoder) error { return d.beginArray() }, "expected array, found object"},
		{`[]`, func(d *decoder) error { return d.beginObject() }, "expected object, found array"},
		{``, func(d *decoder) error { return d.beginObject() }, "expected object, found end of input"},
		{`@`, func(d *decoder) error { return d.beginObject() }, "expected object, found invalid character '@'"},
		{"\x01", func(d *decoder) error { return d.beginObject() }, `found invalid character '\x01'`},
		{"\xff", func(d *decoder) error { return d.beginObject() }, "found invalid character byte 0xff"},
		{`1`, func(d *decoder) error { _, err := d.dateTimeValue(); return err }, "expected date-time string, found number"},
		{`"2020-02-30"`, func(d *decoder) error { _, err := d.dateValue(); return err }, `invalid date "2020-02-30": day out of range at offset 0`},
		{` "P1X"`, func(d *decoder) error { _, err := d.durationValue(); return err }, `invalid duration "P1X": unexpected 'X' at offset 1`},
		{`"2020-02-25 18:52:21Z"`, func(d *decoder) error { _, err := d.dateTimeValue(); return err }, `want 'T' between date and time`},
		{`"x"`, func(d *decoder) error { _, err := d.float64NonFinite(); return err }, `expected number or "NaN", "INF" or "-INF", found string "x"`},
		{`"nan"`, func(d *decoder) error { _, err := d.float32NonFinite(); return err }, `found string "nan"`},
		{`"abc`, func(d *decoder) error { _, err := d.float32NonFinite(); return err }, `unterminated string`},
		{`1`, func(d *decoder) error { _, _, err := d.nextField(); return err }, "NextField called outside an object"},
		{`[`, func(d *decoder) error { d.beginArray(); _, _, err := d.nextField(); return err }, "NextField called outside an object"},
		{`{`, func(d *decoder) error { d.beginObject(); _, err := d.nextElement(); return err }, "NextElement called outside an array"},
		{`[`, func(d *decoder) error { d.beginArray(); return d.end() }, "End called inside"},
		{`[1]`, func(d *decoder) error { d.beginArray(); d.nextElement(); return d.errorf("custom %d", 42) }, "json: custom 42 at offset 1"},
		{`  null`, func(d *decoder) error { return d.errNullNotAllowed() }, "null is not allowed here at offset 2"},
		{`{}`, func(d *decoder) error { d.skip(); return d.errRequired("id") }, `missing required field "id" at offset 2`},
		{`{"a":1, "a":2}`, func(d *decoder) error {
			d.beginObject()
			d.nextField()
			d.int64Value()
			name, _, _ := d.nextField()
			return d.errDuplicate(name)
		}, `duplicate field "a" at offset 8`},
	}
	for _, tt := range tests {
		d := newDecoder([]byte(tt.in))
		err := tt.call(d)
		if err == nil {
			t.Errorf("%q: no error, want %q", tt.in, tt.msg)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%q: error %q, want it to contain %q", tt.in, err, tt.msg)
		}
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%q: %T is not a *DecodeError", tt.in, err)
		}
	}
}

func TestInts(t *testing.T) {
	tests := []struct {
		in      string
		want64  int64
		ok64    bool
		want32  int32
		ok32    bool
		errPart string
	}{
		{"0", 0, true, 0, true, ""},
		{"-0", 0, true, 0, true, ""},
		{"7", 7, true, 7, true, ""},
		{" -42 ", -42, true, -42, true, ""},
		{"2147483647", 2147483647, true, 2147483647, true, ""},
		{"-2147483648", -2147483648, true, -2147483648, true, ""},
		{"2147483648", 2147483648, true, 0, false, "overflows int32"},
		{"-2147483649", -2147483649, true, 0, false, "overflows int32"},
		{"9999999999", 9999999999, true, 0, false, "overflows int32"},
		{"9223372036854775807", math.MaxInt64, true, 0, false, "overflows"},
		{"-9223372036854775808", math.MinInt64, true, 0, false, "overflows"},
		{"9223372036854775808", 0, false, 0, false, "overflows int"},
		{"-9223372036854775809", 0, false, 0, false, "overflows int"},
		{"9999999999999999999", 0, false, 0, false, "overflows int"},
		{"18446744073709551616", 0, false, 0, false, "overflows int"},
		{"123456789012345678901234567890", 0, false, 0, false, "overflows int"},
		{"1.0", 0, false, 0, false, "is not an integer"},
		{"1.5", 0, false, 0, false, `number "1.5" is not an integer`},
		{"1e3", 0, false, 0, false, "is not an integer"},
		{"1E3", 0, false, 0, false, "is not an integer"},
		{"0.0", 0, false, 0, false, "is not an integer"},
		{"01", 0, false, 0, false, "leading zero"},
		{"-01", 0, false, 0, false, "leading zero"},
		{"1.", 0, false, 0, false, "missing digits"},
		{"-", 0, false, 0, false, "invalid number"},
		{"-x", 0, false, 0, false, "invalid number"},
		{"+1", 0, false, 0, false, "expected integer"},
		{"true", 0, false, 0, false, "expected integer"},
		{`"1"`, 0, false, 0, false, "expected integer"},
	}
	for _, tt := range tests {
		d := newDecoder([]byte(tt.in))
		got, err := d.int64Value()
		if tt.ok64 {
			if err != nil || got != tt.want64 {
				t.Errorf("Int64(%q) = %d, %v; want %d", tt.in, got, err, tt.want64)
			} else if err := d.end(); err != nil {
				t.Errorf("Int64(%q) then End: %v", tt.in, err)
			}
		} else if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("Int64(%q) = %d, %v; want error containing %q", tt.in, got, err, tt.errPart)
		}
		d.reset([]byte(tt.in))
		got32, err := d.int32Value()
		if tt.ok32 {
			if err != nil || got32 != tt.want32 {
				t.Errorf("Int32(%q) = %d, %v; want %d", tt.in, got32, err, tt.want32)
			}
		} else if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("Int32(%q) = %d, %v; want error containing %q", tt.in, got32, err, tt.errPart)
		}
	}
}

func TestIntsAgainstStrconv(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var s string
		switch i % 4 {
		case 0:
			s = strconv.FormatInt(r.Int63()>>uint(r.Intn(63)), 10)
		case 1:
			s = strconv.FormatInt(-r.Int63()>>uint(r.Intn(63)), 10)
		case 2:
			s = strconv.FormatUint(r.Uint64(), 10)
		default:
			s = "-" + strconv.FormatUint(r.Uint64()>>uint(r.Intn(64)), 10)
		}
		want64, err64 := strconv.ParseInt(s, 10, 64)
		want32, err32 := strconv.ParseInt(s, 10, 32)
		d := newDecoder([]byte(s))
		got64, err := d.int64Value()
		if (err == nil) != (err64 == nil) || got64 != want64 && err == nil {
			t.Fatalf("Int64(%s) = %d, %v; strconv %d, %v", s, got64, err, want64, err64)
		}
		d.reset([]byte(s))
		got32, err := d.int32Value()
		if (err == nil) != (err32 == nil) || int64(got32) != want32 && err == nil {
			t.Fatalf("Int32(%s) = %d, %v; strconv %d, %v", s, got32, err, want32, err32)
		}
	}
}

func TestFloats(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		errPart string
	}{
		{"0", 0, ""},
		{"-0", math.Copysign(0, -1), ""},
		{"1.5", 1.5, ""},
		{"-2.25e-3", -2.25e-3, ""},
		{"1E400", 0, "overflows float64"},
		{"-1e400", 0, "overflows float64"},
		{"1e-400", 0, ""},
		{"0.1", 0.1, ""},
		{"9965083.5", 9965083.5, ""},
		{"123456789012345678901234567890", 123456789012345678901234567890, ""},
		{"1.7976931348623157e308", math.MaxFloat64, ""},
		{"4.9406564584124654e-324", 5e-324, ""},
		{"1.", 0, "missing digits"},
		{".5", 0, "expected number"},
		{"NaN", 0, "expected number"},
		{`"NaN"`, 0, "expected number, found string"},
		{"01.5", 0, "leading zero"},
		{"1e", 0, "missing exponent"},
	}
	for _, tt := range tests {
		d := newDecoder([]byte(tt.in))
		got, err := d.float64Value()
		if tt.errPart == "" {
			if err != nil || got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
				t.Errorf("Float64(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if err := d.end(); err != nil {
				t.Errorf("Float64(%q) then End: %v", tt.in, err)
			}
		} else if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("Float64(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.errPart)
		}
	}
	f32 := []struct {
		in      string
		want    float32
		errPart string
	}{
		{"0.1", 0.1, ""},
		{"3.4028234663852886e38", math.MaxFloat32, ""},
		{"1e39", 0, "overflows float32"},
		{"16777217", 16777216, ""},
		{"1.160898", 1.160898, ""},
	}
	for _, tt := range f32 {
		d := newDecoder([]byte(tt.in))
		got, err := d.float32Value()
		if tt.errPart == "" {
			if err != nil || got != tt.want {
				t.Errorf("Float32(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		} else if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("Float32(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.errPart)
		}
	}
}

func TestFloatsAgainstStrconv(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		b, _ := appendFloat64(nil, f)
		d := newDecoder(b)
		got, err := d.float64Value()
		if err != nil || got != f {
			t.Fatalf("Float64(%s) = %v, %v; want %v", b, got, err, f)
		}
		f32 := math.Float32frombits(r.Uint32())
		if math.IsNaN(float64(f32)) || math.IsInf(float64(f32), 0) {
			continue
		}
		b, _ = appendFloat32(nil, f32)
		d.reset(b)
		got32, err := d.float32Value()
		if err != nil || got32 != f32 {
			t.Fatalf("Float32(%s) = %v, %v; want %v", b, got32, err, f32)
		}
	}
}

func TestNonFinite(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{`"NaN"`, math.NaN()},
		{`"INF"`, math.Inf(1)},
		{`"Infinity"`, math.Inf(1)},
		{`"-INF"`, math.Inf(-1)},
		{`"-Infinity"`, math.Inf(-1)},
		{`"\u004eaN"`, math.NaN()},
		{`2.5`, 2.5},
		{` -1`, -1},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tt := range tests {
		d := newDecoder([]byte(tt.in))
		got, err := d.float64NonFinite()
		if err != nil || !same(got, tt.want) {
			t.Errorf("Float64NonFinite(%s) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		d.reset([]byte(tt.in))
		got32, err := d.float32NonFinite()
		if err != nil || !same(float64(got32), tt.want) {
			t.Errorf("Float32NonFinite(%s) = %v, %v; want %v", tt.in, got32, err, tt.want)
		}
	}
	for _, in := range []string{`"inf"`, `"+INF"`, `"nan"`, `""`, `"1.5"`, `NaN`, `null`} {
		d := newDecoder([]byte(in))
		if got, err := d.float64NonFinite(); err == nil {
			t.Errorf("Float64NonFinite(%s) = %v, want error", in, got)
		}
	}
}

func TestBool(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
		ok   bool
	}{
		{"true", true, true}, {" false", false, true}, {"null", false, false},
		{"t", false, false}, {"fals", false, false}, {"1", false, false}, {`"true"`, false, false},
	} {
		d := newDecoder([]byte(tt.in))
		got, err := d.boolValue()
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Bool(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// walk decodes any document through the pull API and re-encodes it
// compactly, to test Begin/Next on arbitrary shapes.
func walk(d *decoder, dst []byte) ([]byte, error) {
	switch d.peek() {
	case kindObject:
		if err := d.beginObject(); err != nil {
			return dst, err
		}
		dst = append(dst, '{')
		for n := 0; ; n++ {
			name, ok, err := d.nextField()
			if err != nil {
				return dst, err
			}
			if !ok {
				break
			}
			if n > 0 {
				dst = append(dst, ',')
			}
			dst = appendStringBytes(dst, name)
			dst = append(dst, ':')
			if dst, err = walk(d, dst); err != nil {
				return dst, withField(err, string(name))
			}
		}
		return append(dst, '}'), nil
	case kindArray:
		if err := d.beginArray(); err != nil {
			return dst, err
		}
		dst = append(dst, '[')
		for i := 0; ; i++ {
			ok, err := d.nextElement()
			if err != nil {
				return dst, err
			}
			if !ok {
				break
			}
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = walk(d, dst); err != nil {
				return dst, withIndex(err, i)
			}
		}
		return append(dst, ']'), nil
	case kindString:
		s, err := d.stringBytes()
		return appendStringBytes(dst, s), err
	case kindNumber, kindBool:
		raw, err := d.raw()
		return append(dst, raw...), err
	case kindNull:
		if d.consumeNull() {
			return appendNull(dst), nil
		}
	}
	return dst, d.skip()
}

func TestWalk(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{`{}`, `{}`, ""},
		{` { "a" : [ 1 , 2.5 , "x\u00e9" , null , true , { } , [ ] ] , "b\n" : { "c" : false } } `,
			`{"a":[1,2.5,"xé",null,true,{},[]],"b\n":{"c":false}}`, ""},
		{`[[[]],[{}]]`, `[[[]],[{}]]`, ""},
		{`{"a":[1,2,{"b":[3,]}]}`, "", `json: a[2].b: trailing comma in array at offset 18`},
		{`{"a":{"b":{"c":1,}}}`, "", `json: a.b: trailing comma in object at offset 17`},
		{`{"a":[{"x.y":[{"z":tru}]}]}`, "", `json: a[0]["x.y"][0].z: invalid literal "tru" at offset 19`},
		{`{"a" 1}`, "", `json: expected ':' after field name, found number at offset 5`},
		{`{"a":1 "b":2}`, "", `json: expected ',' or '}' after object field, found string at offset 7`},
		{`[1 2]`, "", `json: expected ',' or ']' after array element, found number at offset 3`},
		{`[1,`, "", `json: [1]: unexpected end of input, expected a value at offset 3`},
		{`{"a":1,`, "", `unexpected end of input in object at offset 7`},
		{`{"a":1`, "", `unexpected end of input in object at offset 6`},
		{`[1`, "", `unexpected end of input in array at offset 2`},
		{`{"a":1,}`, "", `trailing comma in object at offset 7`},
		{`{"a\x":1}`, "", `invalid escape "\\x" in string at offset 3`},
		{`[1]x`, "", `unexpected data after top-level value: invalid character 'x' at offset 3`},
	}
	for _, tt := range tests {
		d := newDecoder([]byte(tt.in))
		got, err := walk(d, nil)
		if err == nil {
			err = d.end()
		}
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("walk(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("walk(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestNextFieldNames(t *testing.T) {
	d := newDecoder([]byte(`{"plain":1,"esc\u00e9\n":2,"":3,"\ud83d\ude00":4,"a very long field name that goes on and on and on with \"escapes\"":5}`))
	want := []string{"plain", "esc\u00e9\n", "", "😀", `a very long field name that goes on and on and on with "escapes"`}
	if err := d.beginObject(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		name, ok, err := d.nextField()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			if i != len(want) {
				t.Fatalf("got %d fields", i)
			}
			break
		}
		if string(name) != want[i] {
			t.Errorf("field %d = %q, want %q", i, name, want[i])
		}
		if n, err := d.int64Value(); err != nil || n != int64(i+1) {
			t.Errorf("value %d = %d, %v", i, n, err)
		}
	}
	if err := d.end(); err != nil {
		t.Fatal(err)
	}
}

func TestRaw(t *testing.T) {
	in := ` {"a": [1, {"b": "c"}] , "d" : -1.5e3, "e": "s\"q"}  `
	d := newDecoder([]byte(in))
	d.beginObject()
	want := map[string]string{"a": `[1, {"b": "c"}]`, "d": `-1.5e3`, "e": `"s\"q"`}
	for {
		name, ok, err := d.nextField()
		if err != nil || !ok {
			if err != nil {
				t.Fatal(err)
			}
			break
		}
		key := string(name)
		raw, err := d.raw()
		if err != nil || string(raw) != want[key] {
			t.Errorf("Raw for %s = %q, %v; want %q", key, raw, err, want[key])
		}
	}
	if err := d.end(); err != nil {
		t.Fatal(err)
	}
	d.reset([]byte(`[1,}`))
	if _, err := d.raw(); err == nil {
		t.Error("Raw of invalid value succeeded")
	}
}

func TestErrorFormatAndPath(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&DecodeError{Offset: 3, Msg: "boom"}, "json: boom at offset 3"},
		{withField(&DecodeError{Offset: 3, Msg: "boom"}, "platform"), "json: platform: boom at offset 3"},
		{withField(withField(withField(&DecodeError{Offset: 9, Msg: "m"}, "platform"), "userAgent"), "caller"),
			"json: caller.userAgent.platform: m at offset 9"},
		{withField(withIndex(withField(&DecodeError{Msg: "m"}, "media"), 3), "segments"), "json: segments[3].media: m at offset 0"},
		{withIndex(withIndex(&DecodeError{Msg: "m"}, 2), 1), "json: [1][2]: m at offset 0"},
		{withField(withField(&DecodeError{Msg: "m"}, "@odata.type"), "value"), `json: value["@odata.type"]: m at offset 0`},
		{withField(withField(&DecodeError{Msg: "m"}, "x"), "a b\n"), `json: ["a b\n"].x: m at offset 0`},
		{withField(&DecodeError{Msg: "m"}, ""), `json: [""]: m at offset 0`},
		{withField(&DecodeError{Msg: "m"}, "é"), `json: ["\u00e9"]: m at offset 0`},
		{withField(&DecodeError{Msg: "m"}, "$ref-1_@x"), `json: $ref-1_@x: m at offset 0`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	if withField(nil, "x") != nil || withIndex(nil, 1) != nil {
		t.Error("WithField/WithIndex of nil is not nil")
	}
	other := errors.New("other")
	if withField(other, "x") != other {
		t.Error("WithField changed a foreign error")
	}
	wrapped := withField(errorWrapper{&DecodeError{Msg: "inner"}}, "f")
	var de *DecodeError
	if !errors.As(wrapped, &de) || de.Path != "f" {
		t.Errorf("WithField through a wrapper: %v", wrapped)
	}
}

type errorWrapper struct{ err error }

func (e errorWrapper) Error() string { return "wrapped: " + e.err.Error() }
func (e errorWrapper) Unwrap() error { return e.err }

func TestErrorSizeBounded(t *testing.T) {
	huge := strings.Repeat("x", 100000)
	inputs := []string{
		`"` + huge,
		`{"` + huge + `":1,}`,
		`[` + strings.Repeat("9", 100000) + `.]`,
		`-` + strings.Repeat("9", 100000) + `x`,
		`"` + strings.Repeat("\\u12", 1000),
		`t` + huge,
		`{"a":` + huge + `}`,
		`[` + strings.Repeat(`{"`+huge[:100]+`":[`, 400),
	}
	for _, in := range inputs {
		d := newDecoder([]byte(in))
		var err error
		if _, err = walk(d, nil); err == nil {
			err = d.end()
		}
		if err == nil {
			t.Fatalf("no error for %.40q", in)
		}
		if n := len(err.Error()); n >= 1024 {
			t.Errorf("error of %d bytes for %.40q: %.200s", n, in, err)
		}
		d.reset([]byte(in))
		if _, err := d.int64Value(); err != nil && len(err.Error()) >= 1024 {
			t.Errorf("Int64 error of %d bytes", len(err.Error()))
		}
		d.reset([]byte(in))
		if _, err := d.float64Value(); err != nil && len(err.Error()) >= 1024 {
			t.Errorf("Float64 error of %d bytes", len(err.Error()))
		}
	}
	// Paths made of many long names, messages from Errorf and fields from input.
	err := error(&DecodeError{Msg: "m"})
	for i := 0; i < 600; i++ {
		err = withIndex(withField(err, huge[:i%50]+"é"), i)
	}
	if n := len(err.Error()); n >= 1024 {
		t.Errorf("deep path error of %d bytes", n)
	}
	d := newDecoder(nil)
	if n := len(d.errorf("%s", huge).Error()); n >= 1024 {
		t.Errorf("Errorf error of %d bytes", n)
	}
	if n := len(d.errDuplicate([]byte(huge)).Error()); n >= 1024 {
		t.Errorf("ErrDuplicate error of %d bytes", n)
	}
	if n := len(d.errRequired(huge).Error()); n >= 1024 {
		t.Errorf("ErrRequired error of %d bytes", n)
	}
	if n := len((&DecodeError{Path: huge, Msg: huge}).Error()); n >= 1024 {
		t.Errorf("hand-made error of %d bytes", n)
	}
}

func TestCapMiddle(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"0123456789abcdef", 10, "01...bcdef"},
		{"ééééééééé", 10, "é...éé"},
	} {
		if got := capMiddle(tt.in, tt.n); got != tt.want || len(got) > tt.n {
			t.Errorf("capMiddle(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestSpecialMask(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	special := func(c byte) bool { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80 }
	check := func(b [8]byte) {
		x := uint64(0)
		first := 8 // index of the first special byte
		for i := 7; i >= 0; i-- {
			x = x<<8 | uint64(b[i])
			if special(b[i]) {
				first = i
			}
		}
		m := specialMask(x)
		got := 8
		if m != 0 {
			got = bits.TrailingZeros64(m) >> 3
		}
		if got != first {
			t.Fatalf("specialMask(% x) finds byte %d, want %d", b, got, first)
		}
	}
	// Every byte value in every position, among safe neighbours.
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			b := [8]byte{'a', 'b', ' ', '!', '#', '[', ']', '~'}
			b[pos] = byte(c)
			check(b)
		}
	}
	for i := 0; i < 200000; i++ {
		var b [8]byte
		for j := range b {
			b[j] = byte(r.Intn(256))
			if r.Intn(3) > 0 {
				b[j] = byte(0x20 + r.Intn(0x60))
			}
		}
		check(b)
	}
}

func TestDecodePayload(t *testing.T) {
	var got tSession
	if err := unmarshalSession([]byte(graphSession), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "e523d2ed-2966-4b6b-925b-754a88034cc5" || len(got.Modalities) != 3 ||
		got.Callee.Name != "Owen François" || got.Callee.User.DisplayName.Or("") != "Owen François" ||
		!got.FailureInfo.IsNull() || len(got.Segments) != 1 || len(got.Segments[0].Media[0].Streams) != 2 {
		t.Fatalf("decoded %+v", got)
	}
	st := got.Segments[0].Media[0].Streams
	if j, _ := st[0].AverageJitter.Get(); j.String() != "PT0.016S" {
		t.Errorf("jitter %v", j)
	}
	if !st[0].AverageAudioDegradation.IsNull() || st[1].AverageAudioDegradation.Or(0) != float32(1.160898) {
		t.Errorf("degradation %v %v", st[0].AverageAudioDegradation, st[1].AverageAudioDegradation)
	}
	if v, ok := st[0].LowVideoRatio.Get(); !ok || !math.IsNaN(float64(v)) {
		t.Errorf("NaN ratio = %v", st[0].LowVideoRatio)
	}
	if got.StartDateTime.Nanosecond() != 216988900 {
		t.Errorf("start %v", got.StartDateTime)
	}
	var ref jSession
	if err := json.Unmarshal([]byte(graphSession), &ref); err != nil {
		t.Fatal(err)
	}
	if !ref.StartDateTime.Equal(got.StartDateTime) || ref.Caller.UserAgent.HeaderValue == nil ||
		*ref.Caller.UserAgent.HeaderValue != got.Caller.UserAgent.HeaderValue.Or("") {
		t.Errorf("differs from encoding/json")
	}
	// A broken payload gets a full path.
	bad := strings.Replace(graphSession, `"maxJitter": "PT0.039S"`, `"maxJitter": "PT0.039"`, 1)
	err := unmarshalSession([]byte(bad), &got)
	want := `json: segments[0].media[0].streams[1].maxJitter: invalid duration "PT0.039": missing designator at offset `
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v\nwant   %s...", err, want)
	}
	bad = strings.Replace(graphSession, `"id": "f69e2c00-0000-0000-0000-185e5f5f5d8a",`, ``, 1)
	err = unmarshalSession([]byte(bad), &got)
	want = `json: callee.identity.user: missing required field "id" at offset `
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v\nwant   %s...", err, want)
	}
}

func TestDecoderAllocations(t *testing.T) {
	escName := []byte(`{"na\u006de":1}`)
	longEsc := []byte(`"` + strings.Repeat(`ab\n`, 100) + `"`)
	payload := []byte(graphSession)
	var d decoder
	in := func(s string) func() []byte {
		b := []byte(s)
		return func() []byte { return b }
	}
	var (
		empty    = in(`""`)
		hello    = in(`"hello"`)
		int64s   = in(`-1234567`)
		int32s   = in(`1234567`)
		float64s = in(`-1234.567e-3`)
		float32s = in(`0.0125`)
		ninf     = in(`"-INF"`)
		bools    = in(`true`)
		dtZ      = in(`"2020-02-25T18:52:21.2169889Z"`)
		dtOff    = in(`"2020-02-25T18:52:21-08:00"`)
		dur      = in(`"PT0.016S"`)
	)
	tests := []struct {
		name string
		max  float64
		f    func()
	}{
		{"String empty", 0, func() { d.reset(empty()); d.stringValue() }},
		{"String", 1, func() { d.reset(hello()); d.stringValue() }},
		{"String escaped", 1, func() { d.reset(longEsc); d.stringValue() }},
		{"StringBytes escaped", 0, func() { d.reset(longEsc); d.stringBytes() }},
		{"NextField escaped name", 0, func() { d.reset(escName); d.beginObject(); d.nextField() }},
		{"Int64", 0, func() { d.reset(int64s()); d.int64Value() }},
		{"Int32", 0, func() { d.reset(int32s()); d.int32Value() }},
		{"Float64", 0, func() { d.reset(float64s()); d.float64Value() }},
		{"Float32", 0, func() { d.reset(float32s()); d.float32Value() }},
		{"Float64NonFinite", 0, func() { d.reset(ninf()); d.float64NonFinite() }},
		{"Bool", 0, func() { d.reset(bools()); d.boolValue() }},
		{"DateTime", 0, func() { d.reset(dtZ()); d.dateTimeValue() }},
		{"DateTime offset", 0, func() { d.reset(dtOff()); d.dateTimeValue() }},
		{"Duration", 0, func() { d.reset(dur()); d.durationValue() }},
		{"Skip payload", 0, func() { d.reset(payload); d.skip(); d.end() }},
		{"Raw payload", 0, func() { d.reset(payload); d.raw() }},
		{"Walk payload as stack Decoder", 0, func() {
			var d2 decoder
			d2.reset(payload)
			d2.skip()
		}},
	}
	for _, tt := range tests {
		tt.f() // warm the scratch buffer
		if got := testing.AllocsPerRun(200, tt.f); got > tt.max {
			t.Errorf("%s: %v allocations, want at most %v", tt.name, got, tt.max)
		}
	}
	// The whole generated-style decode of the payload: one allocation per
	// non-empty string kept, plus slices; re-decoding into the same value
	// reuses the slices.
	var s tSession
	unmarshalSession(payload, &s)
	allocs := testing.AllocsPerRun(100, func() {
		if err := unmarshalSession(payload, &s); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 33 {
		t.Errorf("payload decode: %v allocations", allocs)
	}
	t.Logf("payload decode into a reused value: %v allocations (strings kept)", allocs)
}

// FuzzDecoderSkip checks that Skip never panics and accepts exactly what
// encoding/json.Valid accepts, and that the pull API and Raw agree with it.
func FuzzDecoderSkip(f *testing.F) {
	for _, s := range []string{
		`null`, `{"a":[1,2.5e-3,"x\u00e9\ud83d\ude00"],"b":{}}`, `[1,]`, `{"a":1,}`, `01`, `1.`,
		`"\ud800"`, "\"\xff\"", `[[[[[]]]]]`, `{"a" :  true , "b":false,"c":null}`, `-0.0E+0`,
		"\"\u2028\"", ` "\/" `, `[1 2]`, `{"a"}`, graphSession,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := skipAll(data)
		valid := json.Valid(data) && !stricterThanEncodingJSON(data)
		if (err == nil) != valid {
			t.Fatalf("Skip error = %v, json.Valid = %v for %q", err, valid, data)
		}
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || de.Offset < 0 || de.Offset > len(data) || len(err.Error()) >= 1024 {
				t.Fatalf("bad error %v for %q", err, data)
			}
		}
		d := newDecoder(data)
		out, werr := walk(d, nil)
		if werr == nil {
			werr = d.end()
		}
		if (werr == nil) != valid {
			t.Fatalf("walk error = %v, json.Valid = %v for %q", werr, valid, data)
		}
		if valid {
			if !json.Valid(out) {
				t.Fatalf("walk output %q is invalid", out)
			}
			d.reset(data)
			raw, err := d.raw()
			if err != nil || !json.Valid(raw) {
				t.Fatalf("Raw = %q, %v", raw, err)
			}
			// Strings decode the same as encoding/json.
			var ref any
			json.Unmarshal(data, &ref)
			if s, ok := ref.(string); ok {
				d.reset(data)
				got, err := d.stringValue()
				if err != nil || got != s {
					t.Fatalf("String = %q, %v; encoding/json %q", got, err, s)
				}
			}
		}
	})
}

func BenchmarkSkipPayload(b *testing.B) { benchSkip(b, (*decoder).skip) }

// benchSkip measures skip over the Graph session payload.
func benchSkip(b *testing.B, skip func(*decoder) error) {
	data := []byte(graphSession)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var d decoder
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		d.reset(data)
		if err := skip(&d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSkipUniquePayload is BenchmarkSkipPayload through skipUnique,
// which a decoder uses on an undeclared member: the price of rejecting
// duplicate names inside what it skips.
func BenchmarkSkipUniquePayload(b *testing.B) { benchSkip(b, (*decoder).skipUnique) }

func BenchmarkJSONValidPayload(b *testing.B) {
	data := []byte(graphSession)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if !json.Valid(data) {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkDecodePayload(b *testing.B) {
	data := []byte(graphSession)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		var s tSession
		if err := unmarshalSession(data, &s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodePayloadReuse(b *testing.B) {
	data := []byte(graphSession)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var s tSession
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if err := unmarshalSession(data, &s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONUnmarshalPayload(b *testing.B) {
	data := []byte(graphSession)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		var s jSession
		if err := json.Unmarshal(data, &s); err != nil {
			b.Fatal(err)
		}
	}
}

// compactSession is graphSession without insignificant whitespace, the form
// APIs usually send.
func compactSession(tb testing.TB) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(graphSession)); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkDecodePayloadCompact(b *testing.B) {
	data := compactSession(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		var s tSession
		if err := unmarshalSession(data, &s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONUnmarshalPayloadCompact(b *testing.B) {
	data := compactSession(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		var s jSession
		if err := json.Unmarshal(data, &s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSkipPayloadCompact(b *testing.B) {
	data := compactSession(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var d decoder
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		d.reset(data)
		if err := d.skip(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONValidPayloadCompact(b *testing.B) {
	data := compactSession(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if !json.Valid(data) {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkString(b *testing.B) {
	data := []byte(`"RTCC/7.0.0.0 UCWA/7.0.0.0 AndroidLync/6.25.0.27 (SM-G930U Android 8.0.0)"`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var d decoder
	for i := 0; i < b.N; i++ {
		d.reset(data)
		if _, err := d.stringBytes(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStringEscaped(b *testing.B) {
	data := []byte(`"caf\u00e9 \"quoted\"\n\ud83d\ude00 and some more text"`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var d decoder
	for i := 0; i < b.N; i++ {
		d.reset(data)
		if _, err := d.stringBytes(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInt64(b *testing.B) {
	data := []byte(`-1234567890123`)
	b.ReportAllocs()
	var d decoder
	for i := 0; i < b.N; i++ {
		d.reset(data)
		if _, err := d.int64Value(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFloat64(b *testing.B) {
	data := []byte(`15644878.5`)
	b.ReportAllocs()
	var d decoder
	for i := 0; i < b.N; i++ {
		d.reset(data)
		if _, err := d.float64Value(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFloatFastPath compares Float64 and Float32 with strconv.ParseFloat on
// random decimal texts, which mostly take the decoder's exact fast path.
func TestFloatFastPath(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.Intn(10))
		}
		return string(b)
	}
	for i := 0; i < 200000; i++ {
		s := ""
		if r.Intn(2) == 0 {
			s = "-"
		}
		intPart := digits(1 + r.Intn(12))
		for len(intPart) > 1 && intPart[0] == '0' {
			intPart = intPart[1:]
		}
		s += intPart
		if r.Intn(3) > 0 {
			s += "." + digits(1+r.Intn(12))
		}
		if r.Intn(3) == 0 {
			s += []string{"e", "E", "e+", "e-", "E-"}[r.Intn(5)] + strconv.Itoa(r.Intn(30))
		}
		want64, err64 := strconv.ParseFloat(s, 64)
		want32, err32 := strconv.ParseFloat(s, 32)
		d := newDecoder([]byte(s))
		got64, err := d.float64Value()
		if (err == nil) != (err64 == nil) || err == nil && math.Float64bits(got64) != math.Float64bits(want64) {
			t.Fatalf("Float64(%s) = %v, %v; strconv %v, %v", s, got64, err, want64, err64)
		}
		d.reset([]byte(s))
		got32, err := d.float32Value()
		if (err == nil) != (err32 == nil) || err == nil && math.Float32bits(got32) != math.Float32bits(float32(want32)) {
			t.Fatalf("Float32(%s) = %v, %v; strconv %v, %v", s, got32, err, want32, err32)
		}
	}
	for _, s := range []string{"0", "-0", "0.0", "-0.0e5", "9007199254740993", "9007199254740992", "16777217",
		"1e22", "1e23", "1e-22", "1e-23", "0.000000000000000000001", "12345678901234567890", "1234567890123456789",
		"0.1e-9999", "1e99999", "4.9e-324", "1.7976931348623157e308", "3.4028235e38", "3.4028236e38", "1.4e-45"} {
		want64, err64 := strconv.ParseFloat(s, 64)
		want32, err32 := strconv.ParseFloat(s, 32)
		d := newDecoder([]byte(s))
		got64, err := d.float64Value()
		if (err == nil) != (err64 == nil) || err == nil && math.Float64bits(got64) != math.Float64bits(want64) {
			t.Errorf("Float64(%s) = %v, %v; strconv %v, %v", s, got64, err, want64, err64)
		}
		d.reset([]byte(s))
		got32, err := d.float32Value()
		if (err == nil) != (err32 == nil) || err == nil && math.Float32bits(got32) != math.Float32bits(float32(want32)) {
			t.Errorf("Float32(%s) = %v, %v; strconv %v, %v", s, got32, err, want32, err32)
		}
	}
}

// TestStringWindows checks the strings cut from copied windows of the input:
// each equals its JSON text, none changes when the input is overwritten
// afterwards, and strings crossing a window's end or longer than a window
// are whole.
func TestStringWindows(t *testing.T) {
	var want []string
	var doc []byte
	doc = append(doc, '[')
	for i := range 400 {
		s := strings.Repeat(string(rune('a'+i%26)), i*7%300)
		if i%50 == 7 {
			s = strings.Repeat("x", 2*textWindow+i) // longer than a window
		}
		if i%13 == 0 {
			s += `\n` // escaped: allocated on its own
		}
		if i > 0 {
			doc = append(doc, ',')
		}
		doc = append(doc, '"')
		doc = append(doc, s...)
		doc = append(doc, '"')
		want = append(want, strings.ReplaceAll(s, `\n`, "\n"))
	}
	doc = append(doc, ']')
	if len(doc) < 10*textWindow {
		t.Fatalf("document of %d bytes does not span enough windows", len(doc))
	}
	var d decoder
	d.reset(doc)
	var got []string
	if err := d.beginArray(); err != nil {
		t.Fatal(err)
	}
	for {
		ok, err := d.nextElement()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		s, err := d.stringValue()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	for i := range doc {
		doc[i] = '!'
	}
	if len(got) != len(want) {
		t.Fatalf("got %d strings, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("string %d: got %d bytes %.20q, want %d bytes %.20q", i, len(got[i]), got[i], len(want[i]), want[i])
		}
	}
}

// TestStringAllocations pins what the windows are for: a document's
// unescaped strings cost one allocation per window, not one each.
func TestStringAllocations(t *testing.T) {
	doc := []byte(`{"a":"alpha","b":"bravo","c":"charlie","d":"delta","e":"echo","f":"foxtrot"}`)
	var d decoder
	allocs := testing.AllocsPerRun(100, func() {
		d.reset(doc)
		if err := d.beginObject(); err != nil {
			t.Fatal(err)
		}
		for {
			_, ok, err := d.nextField()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			if _, err := d.stringValue(); err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 1 {
		t.Errorf("decoding six strings allocated %v times, want 1", allocs)
	}
}

// TestKeptNamesAndValues checks the map keys and kept members cut from the
// windows and the arena of rawCopy: names with and without escapes come
// out right, and neither names nor values change when the input is
// overwritten, nor when a kept value is appended to.
func TestKeptNamesAndValues(t *testing.T) {
	doc := []byte(`{"plain":[1,2],"esc\u0061ped":{"x":true},"q\"uote":"s","":null}`)
	var d decoder
	d.reset(doc)
	if err := d.beginObject(); err != nil {
		t.Fatal(err)
	}
	var names []string
	var values [][]byte
	for {
		name, ok, err := d.nextField()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		names = append(names, d.nameString(name))
		raw, err := d.rawCopy()
		if err != nil {
			t.Fatal(err)
		}
		values = append(values, raw)
	}
	_ = append(values[0], "XXXX"...) // must not reach values[1]
	for i := range doc {
		doc[i] = '!'
	}
	wantNames := []string{"plain", "escaped", `q"uote`, ""}
	wantValues := []string{`[1,2]`, `{"x":true}`, `"s"`, `null`}
	for i := range wantNames {
		if names[i] != wantNames[i] || string(values[i]) != wantValues[i] {
			t.Errorf("member %d: %q = %s, want %q = %s", i, names[i], values[i], wantNames[i], wantValues[i])
		}
	}
}

// FuzzStringsNamesAndRaw reads every member of a top-level object with
// nameString and String or rawCopy, the calls that cut their results from
// copied windows of the input, and checks each result against
// encoding/json after the input has been overwritten.
func FuzzStringsNamesAndRaw(f *testing.F) {
	for _, s := range []string{
		`{"a":"x","b\u0041":[1,{"c":"d"}],"":"","\ud83d\ude00":"é\n"}`,
		`{"long":"` + strings.Repeat("y", 5000) + `","after":"z","n":null,"t":true}`,
		`{"k":"v","k2":{"deep":["` + strings.Repeat("é", 3000) + `"]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		input := bytes.Clone(data)
		var d decoder
		d.reset(input)
		if d.beginObject() != nil {
			return
		}
		type member struct {
			name  string
			str   *string
			raw   []byte
			isStr bool
		}
		var got []member
		for {
			name, ok, err := d.nextField()
			if err != nil {
				return
			}
			if !ok {
				break
			}
			m := member{name: d.nameString(name)}
			if d.peek() == kindString {
				s, err := d.stringValue()
				if err != nil {
					return
				}
				m.str, m.isStr = &s, true
			} else {
				raw, err := d.rawCopy()
				if err != nil {
					return
				}
				m.raw = raw
			}
			got = append(got, m)
		}
		if d.end() != nil {
			return
		}
		for i := range input {
			input[i] = 0
		}
		// encoding/json decodes the same members; it keeps the last of
		// duplicate names, so compare only documents without them.
		dec := json.NewDecoder(bytes.NewReader(data))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			t.Fatalf("our decoder read an object that encoding/json does not: %q", data)
		}
		for i := 0; dec.More(); i++ {
			tok, err := dec.Token()
			if err != nil {
				return // e.g. invalid UTF-8 handled differently; not this test's concern
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return
			}
			if i >= len(got) || got[i].name != tok.(string) {
				t.Fatalf("member %d of %q: name %q, encoding/json %q", i, data, got[i].name, tok)
			}
			if got[i].isStr {
				var want string
				if err := json.Unmarshal(raw, &want); err != nil || *got[i].str != want {
					t.Fatalf("member %q of %q: %q, encoding/json %q", tok, data, *got[i].str, want)
				}
			} else if !bytes.Equal(got[i].raw, raw) {
				t.Fatalf("member %q of %q: raw %s, encoding/json %s", tok, data, got[i].raw, raw)
			}
		}
	})
}
