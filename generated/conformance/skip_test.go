// Skipping validates what keeping would (hand-written test, not generated):
// an undeclared member is skipped by a closed type, kept verbatim by an open
// type, and kept whole (with the rest of the object) by an unknown subtype;
// in all three, a name repeated at any depth inside it is an error, as it is
// in a declared member and as encoding/json/v2 reports it.
package conformance_test

import (
	"strconv"
	"strings"
	"testing"
)

// skippedDuplicates are undeclared member values with a repeated name at
// increasing depth; the repeated name is always "q" and its second
// occurrence is the last "q" of the text. path is the JSON path of the
// object that repeats it, under the member.
var skippedDuplicates = []struct{ value, path string }{
	{`{"q":1,"q":2}`, ""},
	{`[{"q":1,"q":2}]`, "[0]"},
	{`[1,{"a":null},{"q":1,"q":2}]`, "[2]"},
	{`{"a":{"q":{},"q":[]}}`, ".a"},
	{`{"a":[{"b":{"c":[[{"q":"x","r":true,"q":"y"}]]}}]}`, ".a[0].b.c[0][0]"},
	{`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"r":17,"s":18,"q":19,"t":20,"q":21}`, ""},
}

func TestPolicyDuplicateNamesInSkippedMembers(t *testing.T) {
	pkgs := loadIR(t)
	minimal := minimalMembers(t)
	n := 0
	for _, c := range registry {
		p := pkgs[c.pkg]
		sm := sampler{p: p, disc: discriminatorOf(p, c)}
		// The members every document of c starts with: a minimal valid
		// object, or for an interface one of an unknown subtype (kept whole).
		head := minimal[c]
		if c.iface {
			head = []member{{name: sm.disc, value: `"#not.a.known.type"`}}
		}
		for _, sd := range skippedDuplicates {
			doc, _, _ := document(append(head, member{name: "zz", value: sd.value}))
			decoders := map[string]func([]byte) (any, error){"decode": c.decode}
			want := "json: zz" + sd.path + `: duplicate field "q" at offset ` + strconv.Itoa(strings.LastIndex(string(doc), `"q"`))
			for how, decode := range decoders {
				n++
				if _, err := decode(doc); err == nil || err.Error() != want {
					t.Errorf("%s (%s) on %s:\n got %v\nwant %s", c, how, doc, err, want)
				}
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d documents", n)
	}
	t.Logf("%d documents over %d decoders: every duplicate inside an undeclared member rejected", n, len(registry))
}

// minimalMembers returns the members of a minimal valid document of every
// registered struct type: its required properties with sample values.
func minimalMembers(t *testing.T) map[*codec][]member {
	out := map[*codec][]member{}
	for _, pc := range policyCases(t) {
		out[pc.c] = pc.sm.required(pc.s, 0)
	}
	return out
}
