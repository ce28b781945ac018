package support

import (
	"reflect"
	"testing"
)

// TestCheckFieldRule checks each cross-field rule on every count of present
// fields: the cases it lets through, and the violation (at the object,
// naming every field's path) of the others.
func TestCheckFieldRule(t *testing.T) {
	root := valuePath{}
	obj := root.child("contact")
	names := []string{"a", "b", "c"}
	tests := []struct {
		rule    string
		present []bool
		want    string // "" when the rule holds
	}{
		{RuleAtLeastOneOf, []bool{false, false, false}, "at least one of contact.a, contact.b, contact.c must be set, none is"},
		{RuleAtLeastOneOf, []bool{false, true, false}, ""},
		{RuleAtLeastOneOf, []bool{true, true, true}, ""},
		{RuleMutuallyExclusive, []bool{false, false, false}, ""},
		{RuleMutuallyExclusive, []bool{false, false, true}, ""},
		{RuleMutuallyExclusive, []bool{true, false, true}, "at most one of contact.a, contact.b, contact.c may be set, but contact.a and contact.c are"},
		{RuleExactlyOneOf, []bool{false, false, false}, "exactly one of contact.a, contact.b, contact.c must be set, none is"},
		{RuleExactlyOneOf, []bool{false, true, false}, ""},
		{RuleExactlyOneOf, []bool{true, true, true}, "exactly one of contact.a, contact.b, contact.c must be set, but contact.a and contact.b and contact.c are"},
	}
	for _, tt := range tests {
		var vs violationList
		checkFieldRule(&vs, &obj, tt.rule, names, tt.present...)
		var want []Violation
		if tt.want != "" {
			want = []Violation{{Path: "contact", Rule: tt.rule, Message: tt.want}}
		}
		if !reflect.DeepEqual(vs.list, want) {
			t.Errorf("%s %v: got %+v, want %+v", tt.rule, tt.present, vs.list, want)
		}
	}
}

// TestCheckFieldRuleAllocs: a rule that holds costs no allocation.
func TestCheckFieldRuleAllocs(t *testing.T) {
	var vs violationList
	root := valuePath{}
	a, b := Some("x"), Optional[string]{}
	allocs := testing.AllocsPerRun(100, func() {
		checkFieldRule(&vs, &root, RuleAtLeastOneOf, []string{"a", "b"}, optionalHeld(&a) != nil, optionalHeld(&b) != nil)
	})
	if allocs != 0 || vs.len() != 0 {
		t.Errorf("%v allocations, %d violations; want none", allocs, vs.len())
	}
}
