package support

import (
	"errors"
	"testing"
)

// foreignDecodeError and foreignValidationError stand for the error types of
// another generated package: same shape, other types.
type foreignDecodeError struct{ off int }

func (e *foreignDecodeError) Error() string { return "foreign" }
func (e *foreignDecodeError) Parts() (int, string, string) {
	return e.off, "inner[1]", "expected string, found number"
}

type foreignValidationError struct{}

func (e *foreignValidationError) Error() string { return "foreign validation" }
func (e *foreignValidationError) EachViolation(fn func(path, rule, message string)) {
	fn("", RuleRequired, "root")
	fn("amount", RulePattern, "field")
	fn("[2]", RuleEnum, "index")
}

// importedValue is an object of "another package": it reads only through
// UnmarshalJSON.
type importedValue struct{ raw string }

func (v *importedValue) UnmarshalJSON(b []byte) error {
	v.raw = string(b)
	return nil
}

func TestReadImportedKeepsOffsetAndPath(t *testing.T) {
	d := newDecoder([]byte(`{"a": {"x":1} }`))
	if err := d.beginObject(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.nextField(); err != nil {
		t.Fatal(err)
	}
	v, err := readImported[importedValue](d)
	if err != nil || v.raw != `{"x":1}` {
		t.Fatalf("got %q, %v", v.raw, err)
	}

	// A foreign error: its offset counts from the value's first byte.
	d = newDecoder([]byte(`[ {"x":1}]`))
	if err := d.beginArray(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.nextElement(); err != nil {
		t.Fatal(err)
	}
	_, err = readImported[failsForeign](d)
	var de *DecodeError
	if !errors.As(err, &de) || de.Offset != 7 || de.Path != "inner[1]" || de.Msg != "expected string, found number" {
		t.Errorf("got %#v", err)
	}
	// Any other error is reported at the value.
	d = newDecoder([]byte(`[ {"x":1}]`))
	_ = d.beginArray()
	_, _ = d.nextElement()
	_, err = readImported[failsPlain](d)
	if !errors.As(err, &de) || de.Offset != 2 || de.Msg != "boom" {
		t.Errorf("got %#v", err)
	}
}

// failsForeign and failsPlain fail with another package's decode error and
// with a plain error.
type failsForeign struct{}

func (*failsForeign) UnmarshalJSON([]byte) error { return &foreignDecodeError{off: 5} }

type failsPlain struct{}

func (*failsPlain) UnmarshalJSON([]byte) error { return errors.New("boom") }

func TestCheckImportedPrefixesPaths(t *testing.T) {
	var vs violationList
	root := valuePath{}
	fp := root.child("price")
	checkImported(&vs, &fp, &foreignValidationError{})
	checkImported(&vs, &fp, nil)
	checkImported(&vs, &root, errors.New("odd"))
	want := []Violation{
		{Path: "price", Rule: RuleRequired, Message: "root"},
		{Path: "price.amount", Rule: RulePattern, Message: "field"},
		{Path: "price[2]", Rule: RuleEnum, Message: "index"},
		{Path: "", Rule: RuleFormat, Message: "odd"},
	}
	if len(vs.list) != len(want) {
		t.Fatalf("got %+v", vs.list)
	}
	for i := range want {
		if vs.list[i] != want[i] {
			t.Errorf("%d: got %+v, want %+v", i, vs.list[i], want[i])
		}
	}
	// The exported views the importing package reads.
	off, path, msg := (&DecodeError{Offset: 3, Path: "a", Msg: "m"}).Parts()
	if off != 3 || path != "a" || msg != "m" {
		t.Errorf("Parts: %d %q %q", off, path, msg)
	}
	n := 0
	(&ValidationError{Violations: want}).EachViolation(func(p, r, m string) {
		if p != want[n].Path || r != want[n].Rule || m != want[n].Message {
			t.Errorf("EachViolation %d: %q %q %q", n, p, r, m)
		}
		n++
	})
	if n != len(want) {
		t.Errorf("EachViolation called %d times", n)
	}
}
