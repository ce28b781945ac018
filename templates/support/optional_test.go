package support

import (
	"encoding/json"
	"testing"
)

func TestOptional(t *testing.T) {
	type state struct {
		get                           string
		ok, set, null, absent, isZero bool
		or                            string
		ptrNil                        bool
		str                           string
	}
	tests := []struct {
		name string
		o    Optional[string]
		want state
	}{
		{"absent", Optional[string]{}, state{"", false, false, false, true, true, "def", true, "absent"}},
		{"null", Null[string](), state{"", false, true, true, false, false, "def", true, "null"}},
		{"value", Some("x"), state{"x", true, true, false, false, false, "x", false, "x"}},
		{"empty value", Some(""), state{"", true, true, false, false, false, "", false, ""}},
	}
	for _, tt := range tests {
		o := tt.o
		v, ok := o.Get()
		got := state{v, ok, o.IsSet(), o.IsNull(), o.IsAbsent(), o.IsZero(), o.Or("def"), o.Ptr() == nil, o.String()}
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
		if p := o.Ptr(); p != nil && *p != v {
			t.Errorf("%s: Ptr = %q", tt.name, *p)
		}
	}
	// Ptr returns a copy.
	o := Some(1)
	*o.Ptr() = 2
	if v, _ := o.Get(); v != 1 {
		t.Errorf("Ptr aliases the value")
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
		sink = ok && v != "" && o.IsSet() && !o.IsNull() && !o.IsAbsent() && !o.IsZero() && o.Or("y") == "x" && n.IsNull()
	})
	if allocs != 0 || !sink {
		t.Errorf("%v allocations", allocs)
	}
}
