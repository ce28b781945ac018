package support

import (
	"errors"
	"testing"
)

// TestCheckRules checks the rules' messages and that an absent bound
// (noBound, or a lower bound of zero) lets every value through.
func TestCheckRules(t *testing.T) {
	var vs Violations
	root := Path{}
	checkLength(&vs, &root, "abc", noBound, noBound)
	checkLength(&vs, &root, "ééé", 3, 3) // runes, not bytes
	checkItems(&vs, &root, 0, noBound, 5)
	checkMinimum(&vs, &root, 1.5, 1.5, "1.5")
	checkKnownProbe := probeEnum("yes")
	checkKnown(&vs, &root, checkKnownProbe)
	checkUnique(&vs, &root, []int64{1, 2, 3})
	if err := vs.Err(); err != nil {
		t.Fatalf("valid values reported: %v", err)
	}
	checkRequired(&vs, &root, "id", false)
	checkNotNull(&vs, &root, "name", true)
	checkLength(&vs, &root, "ab", 3, noBound)
	checkLength(&vs, &root, "abcd", noBound, 3)
	checkItems(&vs, &root, 7, 1, 5)
	checkMaximum(&vs, &root, int32(9), 8, "8")
	checkKnown(&vs, &root, probeEnum("maybe"))
	checkUnique(&vs, &root, []string{"a", "b", "a"})
	checkPattern(&vs, &root, false, "^a+$")
	checkURI(&vs, &root, "not a uri")
	checkUUID(&vs, &root, "nope")
	var ve *ValidationError
	if !errors.As(vs.Err(), &ve) {
		t.Fatalf("no ValidationError: %v", vs.Err())
	}
	want := []Violation{
		{"id", RuleRequired, "is required"},
		{"name", RuleNull, "must not be null"},
		{"", RuleMinLength, "has 2 characters, fewer than 3"},
		{"", RuleMaxLength, "has 4 characters, more than 3"},
		{"", RuleMaxItems, "has 7 items, more than 5"},
		{"", RuleMaximum, "is 9, more than 8"},
		{"", RuleEnum, `unknown value "maybe"`},
		{"", RuleUniqueItems, "items 0 and 2 are equal"},
		{"", RulePattern, "does not match ^a+$"},
		{"", RuleFormat, "is not an absolute URI"},
		{"", RuleFormat, "is not a UUID"},
	}
	if len(ve.Violations) != len(want) {
		t.Fatalf("got %d violations %v, want %d", len(ve.Violations), ve.Violations, len(want))
	}
	for i, w := range want {
		if ve.Violations[i] != w {
			t.Errorf("violation %d: got %+v, want %+v", i, ve.Violations[i], w)
		}
	}
}

type probeEnum string

func (e probeEnum) IsKnown() bool { return e == "yes" }
