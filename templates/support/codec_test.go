package support

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestReadOptionalNullRules checks the three meanings of null and the
// duplicate check of the member steps, with the error paths they give.
func TestReadOptionalNullRules(t *testing.T) {
	for _, tc := range []struct {
		doc   string
		null  nullRule
		state string // of the Optional after a successful read
		err   string
	}{
		{`{"a":"x"}`, nullRejected, "x", ""},
		{`{"a":null}`, nullRejected, "", `a: null is not allowed here`},
		{`{"a":null}`, nullIsState, "null", ""},
		{`{"a":"x","a":"y"}`, nullIsState, "", `duplicate field "a"`},
		{`{"a":7}`, nullIsState, "", "a: expected string, found"},
	} {
		var d decoder
		d.reset([]byte(tc.doc))
		var seen uint64
		var o Optional[string]
		err := d.beginObject()
		for err == nil {
			var ok bool
			if _, ok, err = d.nextField(); err != nil || !ok {
				break
			}
			err = readOptional(&d, "a", &o, &seen, 1, tc.null, (*decoder).stringValue)
		}
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s with rule %d: error %v, want one containing %q", tc.doc, tc.null, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s with rule %d: %v", tc.doc, tc.null, err)
		case o.String() != tc.state:
			t.Errorf("%s with rule %d: got %s, want %s", tc.doc, tc.null, o.String(), tc.state)
		}
	}
	// A json member holds null as a value.
	var d decoder
	d.reset([]byte(`null`))
	var raw Optional[[]byte]
	var seen uint64
	if err := readOptional(&d, "r", &raw, &seen, 1, nullIsValue, (*decoder).rawCopy); err != nil {
		t.Fatal(err)
	}
	if v, ok := raw.Get(); !ok || string(v) != "null" {
		t.Errorf("json null read as %v", raw)
	}
}

// TestAppendOptionalStates checks the encoding of absent, null and value
// members and closeObject's first comma.
func TestAppendOptionalStates(t *testing.T) {
	absent, null, value := Optional[string]{}, Null[string](), Some("x")
	start := 0
	var dst []byte
	dst = appendOptional(dst, `,"a":null`, &absent, appendString)
	if got := string(closeObject(dst, start)); got != `{}` {
		t.Errorf("only absent members: %s", got)
	}
	dst = dst[:0]
	dst = appendOptional(dst, `,"a":null`, &absent, appendString)
	dst = appendOptional(dst, `,"b":null`, &null, appendString)
	dst = appendOptional(dst, `,"c":null`, &value, appendString)
	if x := optionalMember(&value, &dst, `,"d":null`); x == nil || *x != "x" {
		t.Errorf("member of a value: %v", x)
	} else {
		dst = appendString(dst, *x)
	}
	if x := optionalMember(&null, &dst, `,"e":null`); x != nil {
		t.Errorf("member of null: %v", x)
	}
	if got, want := string(closeObject(dst, start)), `{"b":null,"c":"x","d":"x","e":null}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestReadContainers checks null items, duplicate map names and empty
// containers of the generic array and map readers.
func TestReadContainers(t *testing.T) {
	read := func(doc string, f func(*decoder) error) error {
		var d decoder
		d.reset([]byte(doc))
		if err := f(&d); err != nil {
			return err
		}
		return d.end()
	}
	var arr []string
	err := read(`[]`, func(d *decoder) (err error) { arr, err = readArray(d, nullRejected, (*decoder).stringValue); return })
	if err != nil || arr == nil || len(arr) != 0 {
		t.Errorf("empty array: %v, %v", arr, err)
	}
	err = read(`["a",null]`, func(d *decoder) (err error) { arr, err = readArray(d, nullRejected, (*decoder).stringValue); return })
	if err == nil || !strings.Contains(err.Error(), "[1]: null is not allowed") {
		t.Errorf("null item: %v", err)
	}
	var m map[string]string
	err = read(`{"k":"a","k":"b"}`, func(d *decoder) (err error) { m, err = readMap(d, nullRejected, (*decoder).stringValue); return })
	if err == nil || !strings.Contains(err.Error(), `duplicate field "k"`) {
		t.Errorf("duplicate map name: %v", err)
	}
	err = read(`{"k":"a"}`, func(d *decoder) (err error) { m, err = readMap(d, nullRejected, (*decoder).stringValue); return })
	if err != nil || m["k"] != "a" {
		t.Errorf("map: %v, %v", m, err)
	}
	var out []byte
	out = appendMap(out, map[string]string{"b": "2", "a": "1"}, appendString)
	out = appendArray(out, []string{"x", "y"}, appendString)
	if got, want := string(out), `{"a":"1","b":"2"}["x","y"]`; got != want {
		t.Errorf("encoded %s, want %s", got, want)
	}
}

// TestEncodeRefusesWhatJSONCannotHold checks that a json value that is not
// exactly one JSON value, an additional member holding one, and a date-time
// whose year RFC 3339 cannot write are errors, never invalid output.
func TestEncodeRefusesWhatJSONCannotHold(t *testing.T) {
	for _, raw := range []string{`{"a":`, `1 2`, `nul`, `"\x01"`, `{"a":1,"a":2}`} {
		if out, err := appendRawValue(nil, []byte(raw)); err == nil {
			t.Errorf("appendRawValue(%q) = %s, want an error", raw, out)
		}
		if out, err := appendMembers(nil, []Member{{Name: "m", Value: []byte(raw)}}); err == nil || !strings.Contains(err.Error(), `"m"`) {
			t.Errorf("appendMembers(%q) = %s, %v; want an error naming the member", raw, out, err)
		}
	}
	for _, raw := range []string{` {"a": [1, null]} `, `null`, `"x"`} {
		if out, err := appendRawValue(nil, []byte(raw)); err != nil || string(out) != raw {
			t.Errorf("appendRawValue(%q) = %s, %v", raw, out, err)
		}
	}
	for _, y := range []int{-1, maxYear + 1} {
		tm := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		var tre *TimeRangeError
		if out, err := appendQuotedDateTime(nil, tm); !errors.As(err, &tre) {
			t.Errorf("year %d: %s, %v; want a *TimeRangeError", y, out, err)
		}
	}
	for y, want := range map[int]string{0: `"0000-12-31T23:59:59Z"`, 9999: `"9999-12-31T23:59:59Z"`, 10000: `"10000-12-31T23:59:59Z"`, maxYear: `"999999999-12-31T23:59:59Z"`} {
		tm := time.Date(y, 12, 31, 23, 59, 59, 0, time.UTC)
		if out, err := appendQuotedDateTime(nil, tm); err != nil || string(out) != want {
			t.Errorf("year %d: %s, %v; want %s", y, out, err, want)
		}
	}
}
