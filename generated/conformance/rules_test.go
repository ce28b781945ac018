// Cross-field rules in the random values (hand-written, not generated): the
// generator of randvalue_test.go must make values that keep the rules when
// valid and break them when told to, so that the property tests cover
// Validate's rule checks.

package conformance_test

import (
	"errors"
	"testing"

	"github.com/sessiongen/sessiongen/generated/conformance/kinds"
	"github.com/sessiongen/sessiongen/templates/support"
)

func TestRandomValuesKeepAndBreakRules(t *testing.T) {
	pkgs := loadIR(t)
	g := newValueGen(t, pkgs, "kinds", 13)
	s := g.irStruct("Ruled")
	if s == nil || len(s.Rules) != 3 {
		t.Fatalf("kinds.Ruled: want 3 rules in the IR, got %+v", s)
	}
	ruleNames := map[string]bool{support.RuleAtLeastOneOf: true, support.RuleMutuallyExclusive: true, support.RuleExactlyOneOf: true}
	broken := map[string]int{}
	for k := range 400 {
		g.near = 0
		if k%2 == 1 {
			g.near = 1 // every decision breaks a rule
		}
		v := g.structValue(s).Interface().(*kinds.Ruled)
		err := v.Validate()
		var ve *kinds.ValidationError
		if g.near == 0 {
			if err != nil {
				t.Fatalf("valid value %+v: %v", v, err)
			}
			continue
		}
		if !errors.As(err, &ve) {
			t.Fatalf("near-valid value %+v: Validate %v, want violations", v, err)
		}
		for _, vi := range ve.Violations {
			if ruleNames[vi.Rule] {
				broken[vi.Rule]++
			}
		}
	}
	for r := range ruleNames {
		if broken[r] == 0 {
			t.Errorf("no near-valid value broke %s (broken: %v)", r, broken)
		}
	}
}
