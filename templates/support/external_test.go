package support

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// ident is a caller's type as a goType names it: a string kept upper case,
// coded as a JSON string, whose Validate has a pointer receiver.
type ident string

func (i ident) MarshalJSON() ([]byte, error) {
	if i == "bad" {
		return []byte(`{"a":1,"a":2}`), nil
	}
	if i == "empty" {
		return nil, nil
	}
	return appendString(nil, string(i)), nil
}

func (i *ident) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if strings.ToUpper(s) != s {
		return errors.New("want upper case")
	}
	*i = ident(s)
	return nil
}

func (i *ident) Validate() error {
	if len(*i) > 3 {
		return errors.New("longer than 3")
	}
	return nil
}

func TestAppendMarshaler(t *testing.T) {
	b, err := appendMarshaler([]byte("x"), ident("AB"))
	if err != nil || string(b) != `x"AB"` {
		t.Errorf("got %q, %v", b, err)
	}
	if _, err := appendMarshaler(nil, ident("bad")); err == nil || !strings.Contains(err.Error(), "duplicate") {
		t.Errorf("a duplicate member from MarshalJSON: got %v", err)
	}
	if _, err := appendMarshaler(nil, ident("empty")); err == nil {
		t.Error("no JSON from MarshalJSON: want an error")
	}
}

func TestReadUnmarshaler(t *testing.T) {
	d := newDecoder([]byte(` "AB"`))
	v, err := readUnmarshaler[ident](d)
	if err != nil || v != "AB" {
		t.Errorf("got %q, %v", v, err)
	}
	for in, want := range map[string]string{
		`null`:    "json: null is not allowed here at offset 0",
		` "ab"`:   "json: want upper case at offset 1",
		`"AB`:     "json: unterminated string at offset 0",
		`{"x":1}`: "json: cannot unmarshal object into Go value of type string at offset 0",
	} {
		_, err := readUnmarshaler[ident](newDecoder([]byte(in)))
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", in, err, want)
		}
	}
}

func TestCheckExternal(t *testing.T) {
	var vs violationList
	p := valuePath{}
	fp := p.child("id")
	short, long := ident("AB"), ident("ABCD")
	checkExternal(&vs, &fp, &short)
	checkExternal(&vs, &fp, &long)
	checkExternal(&vs, &fp, new(int)) // no Validate: nothing to check
	err := vs.err()
	if err == nil || err.Error() != "validation failed: id: longer than 3 (goType)" {
		t.Errorf("got %v", err)
	}
}
