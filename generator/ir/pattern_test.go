package ir

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// matchPieces does what the code genFixedMatcher emits does.
func matchPieces(s string, pieces []FixedPiece) bool {
	at := 0
	for _, p := range pieces {
		if p.Literal != "" {
			if len(s) < at+len(p.Literal) || s[at:at+len(p.Literal)] != p.Literal {
				return false
			}
			at += len(p.Literal)
			continue
		}
		for i := 0; i < p.N; i++ {
			if at >= len(s) {
				return false
			}
			c, in := rune(s[at]), false
			for j := 0; j+1 < len(p.Ranges); j += 2 {
				in = in || c >= p.Ranges[j] && c <= p.Ranges[j+1]
			}
			if !in {
				return false
			}
			at++
		}
	}
	return at == len(s)
}

func TestFixedShapeAgreesWithRegexp(t *testing.T) {
	fixed := []string{"^KC[0-9a-fA-F]{32}$", "^[a-zA-Z]{2}[0-9a-fA-F]{32}$", "^AB-[0-9]{3}x$", "^[a-z]$"}
	others := []string{"^KC[0-9a-f]+$", "KC[0-9]{2}", "^(?i)kc[0-9]{2}$", "^a|b$", "^é{2}$", "^[0-9]{2,3}$"}
	for _, expr := range others {
		if _, ok := fixedShape(expr); ok {
			t.Errorf("%s taken as fixed-shape", expr)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := "KCABab09fFgxé-"
	for _, expr := range fixed {
		pieces, ok := fixedShape(expr)
		if !ok {
			t.Fatalf("%s not taken as fixed-shape", expr)
		}
		re := regexp.MustCompile(expr)
		valid := "KC" + "0123456789abcdefABCDEF0123456789"
		for i := 0; i < 20000; i++ {
			var s string
			if i%2 == 0 { // near-valid strings: one random change to a valid one
				b := []byte(valid)
				b[rng.IntN(len(b))] = alphabet[rng.IntN(len(alphabet))]
				s = string(b[:rng.IntN(len(b)+1)])
				if i%4 == 0 {
					s = string(b)
				}
			} else {
				n := rng.IntN(40)
				b := make([]byte, n)
				for j := range b {
					b[j] = alphabet[rng.IntN(len(alphabet))]
				}
				s = string(b)
			}
			if got, want := matchPieces(s, pieces), re.MatchString(s); got != want {
				t.Fatalf("%s on %q: fixed %v, regexp %v", expr, s, got, want)
			}
		}
		if !matchPieces(valid, pieces) && re.MatchString(valid) {
			t.Errorf("%s: valid example disagrees", expr)
		}
	}
}
