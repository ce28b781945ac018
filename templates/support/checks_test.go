package support

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"
)

// TestCheckRules checks the rules' messages and that an absent bound
// (noBound, or a lower bound of zero) lets every value through.
func TestCheckRules(t *testing.T) {
	var vs violationList
	root := valuePath{}
	checkLength(&vs, &root, "abc", noBound, noBound)
	checkLength(&vs, &root, "ééé", 3, 3) // runes, not bytes
	checkItems(&vs, &root, 0, noBound, 5)
	checkMinimum(&vs, &root, 1.5, 1.5, "1.5")
	checkKnownProbe := probeEnum("yes")
	checkKnown(&vs, &root, checkKnownProbe)
	checkUnique(&vs, &root, []int64{1, 2, 3})
	if err := vs.err(); err != nil {
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
	if !errors.As(vs.err(), &ve) {
		t.Fatalf("no ValidationError: %v", vs.err())
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

// TestCodecChecks checks the rules that keep Validate() == nil meaning
// "encodes and decodes back equal": the boundaries each lets through and
// the first value past them it reports.
func TestCodecChecks(t *testing.T) {
	var vs violationList
	root := valuePath{}
	deep := root
	for range defaultMaxDepth - 1 {
		d := deep
		deep = d.child("x")
	}
	valid := func() {
		checkUTF8(&vs, &root, "é\u2028\ufffd")
		checkKeys(&vs, &root, map[string]int{"é": 1})
		checkFinite(&vs, &root, math.MaxFloat64)
		checkFinite(&vs, &root, float32(math.Copysign(0, -1)))
		checkDateTime(&vs, &root, time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC))
		checkDateTime(&vs, &root, time.Date(0, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600)))
		checkDate(&vs, &root, Date{2024, 2, 29})
		checkDate(&vs, &root, Date{0, 1, 1})
		checkDuration(&vs, &root, Duration{Negative: true, Nanos: 999999999})
		checkRawJSON(&vs, &root, nil)
		checkRawJSON(&vs, &root, json.RawMessage(` {"a":[1]} `))
		checkRawJSON(&vs, &deep, json.RawMessage(`[]`)) // depth 511 + 1
		o := Some(json.RawMessage(`0`))
		checkRawNotNull(&vs, &root, "r", &o)
		checkMembers(&vs, &root, []Member{{"x", json.RawMessage(`1`)}, {"y", json.RawMessage(`{}`)}}, []string{"id"})
		checkUnknown(&vs, &root, "@t", "hex", json.RawMessage(`{"a":1,"@t":"hex"}`), []string{"circle"}, false)
		checkUnknown(&vs, &root, "@t", "", json.RawMessage(`{"a":1}`), []string{"circle"}, true)
		if checkDepth(&vs, &deep, 1) {
			t.Error("depth 511 + 1 reported")
		}
	}
	if valid(); vs.err() != nil {
		t.Fatalf("valid values reported: %v", vs.err())
	}
	o := Some(json.RawMessage(` null `))
	checks := []func(){
		func() { checkUTF8(&vs, &root, "a\xff") },
		func() { checkKeys(&vs, &root, map[string]int{"\xfe": 1}) },
		func() { checkFinite(&vs, &root, math.NaN()) },
		func() { checkFinite(&vs, &root, float32(math.Inf(-1))) },
		func() { checkDateTime(&vs, &root, time.Date(maxYear+1, 1, 1, 0, 0, 0, 0, time.UTC)) },
		func() { checkDateTime(&vs, &root, time.Date(-1, 12, 31, 23, 0, 0, 0, time.FixedZone("", -3600))) }, // year 0 in UTC
		func() { checkDate(&vs, &root, Date{2023, 2, 29}) },
		func() { checkDate(&vs, &root, Date{}) },
		func() { checkDuration(&vs, &root, Duration{Minutes: -1}) },
		func() { checkDuration(&vs, &root, Duration{Nanos: 1e9}) },
		func() { checkDuration(&vs, &root, Duration{Negative: true}) },
		func() { checkRawJSON(&vs, &root, json.RawMessage(`{"a":1,"a":1}`)) },
		func() { checkRawJSON(&vs, &deep, json.RawMessage(`[[]]`)) },
		func() { checkRawNotNull(&vs, &root, "r", &o) },
		func() { checkMembers(&vs, &root, []Member{{"id", json.RawMessage(`1`)}}, []string{"id"}) },
		func() {
			checkMembers(&vs, &root, []Member{{"x", json.RawMessage(`1`)}, {"x", json.RawMessage(`2`)}}, nil)
		},
		func() { checkMembers(&vs, &root, []Member{{"x", nil}}, nil) },
		func() { checkMembers(&vs, &root, []Member{{"\xff", json.RawMessage(`1`)}}, nil) },
		func() {
			checkUnknown(&vs, &root, "@t", "circle", json.RawMessage(`{"@t":"circle"}`), []string{"circle"}, true)
		},
		func() { checkUnknown(&vs, &root, "@t", "hex", json.RawMessage(`{"@t":"oct"}`), nil, true) },
		func() { checkUnknown(&vs, &root, "@t", "hex", json.RawMessage(`[]`), nil, true) },
		func() { checkUnknown(&vs, &root, "@t", "", nil, nil, true) },
		func() { checkUnknown(&vs, &root, "@t", "", json.RawMessage(`{"a":1}`), nil, false) },
		func() { checkNotNil(&vs, &root) },
		func() { checkDepth(&vs, &deep, 2) },
	}
	for i, check := range checks {
		n := vs.len()
		if check(); vs.len() != n+1 {
			t.Errorf("check %d: %d violations, want 1: %v", i, vs.len()-n, vs.err())
		}
	}
}
