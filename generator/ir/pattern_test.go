package ir

import (
	"fmt"
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

// TestKeyFormatMatchesKeyDeclaration pins that the fake's keys come from
// each key's own declaration, not from one API's identifier shape: every key
// formatted for a few counters satisfies the declared pattern and lengths.
func TestKeyFormatMatchesKeyDeclaration(t *testing.T) {
	intp := func(n int) *int { return &n }
	cases := []struct {
		name    string
		prefix  string
		key     *Type
		want    string
		checkRe string
	}{
		{"twilio sid", "KC", &Type{Kind: String, Pattern: &Pattern{Expr: "^KC[0-9a-fA-F]{32}$"}}, "KC%032x", "^KC[0-9a-fA-F]{32}$"},
		{"decimal id", "ord_", &Type{Kind: String, Pattern: &Pattern{Expr: "^ord_[0-9]{10}$"}}, "ord_%010d", "^ord_[0-9]{10}$"},
		{"letters then digits", "", &Type{Kind: String, Pattern: &Pattern{Expr: "^[A-Z]{3}-[0-9]{6}$"}}, "AAA-%06d", "^[A-Z]{3}-[0-9]{6}$"},
		{"prefix and length bound", "cus_", &Type{Kind: String, MaxLength: intp(18)}, "cus_%014x", "^cus_[0-9a-f]{14}$"},
		{"prefix only", "KC", &Type{Kind: String}, "KC%032x", "^KC[0-9a-f]{32}$"},
		{"uuid", "", &Type{Kind: UUID}, uuidKeyFormat, "^00000000-0000-4000-8000-[0-9a-f]{12}$"},
		{"plain string", "", &Type{Kind: String}, uuidKeyFormat, "^00000000-0000-4000-8000-[0-9a-f]{12}$"},
		{"integer key", "", &Type{Kind: Int64}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.key.Pattern != nil {
				c.key.Pattern.Fixed, _ = fixedShape(c.key.Pattern.Expr)
			}
			s := &Struct{IDPrefix: c.prefix, Key: &Field{Type: c.key}}
			got := keyFormat(s)
			if got != c.want {
				t.Fatalf("keyFormat = %q, want %q", got, c.want)
			}
			if got == "" {
				return
			}
			re := regexp.MustCompile(c.checkRe)
			for _, n := range []int64{1, 2, 255, 999999} {
				if k := fmt.Sprintf(got, n); !re.MatchString(k) {
					t.Errorf("key %d = %q does not match %s", n, k, c.checkRe)
				}
			}
		})
	}
}
