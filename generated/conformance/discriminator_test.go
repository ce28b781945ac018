// The discriminator rule (hand-written test, not generated): a
// discriminator member that is not a string (a number, null, an object, an
// array, a boolean) is an error at its JSON path, whichever decoder reads
// it: the Unmarshal<Interface> entry point of an abstract base or of a base
// with its own value, the decoder of a concrete type, the decoder of a type
// outside any hierarchy (which declares the member), and a polymorphic
// property of any type, alone, in an array or in a map. None of them may
// take such a value for "absent" (the base type) or for an unknown subtype.
//
// And the member is kept: whatever string a type accepts as its
// discriminator is in its re-encoding (TestPolicyDiscriminatorKept).
package conformance_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// nonStringDiscriminators are the JSON values of every kind but string.
var nonStringDiscriminators = []struct{ json, found string }{
	{`42`, "number"},
	{`-1.5e3`, "number"},
	{`null`, "null"},
	{`{}`, "object"},
	{`{"a":"#x"}`, "object"},
	{`[]`, "array"},
	{`["#x"]`, "array"},
	{`true`, "true"},
	{`false`, "false"},
}

// discriminated returns an object of concrete type c (its required members)
// whose discriminator member, written first, has the raw value disc; the
// offset of that value in the returned text is returned too.
func discriminated(sm sampler, c *ir.Struct, disc string) (doc string, valueAt int) {
	ms := append([]member{{name: sm.disc, value: disc}}, sm.required(c, 1)...)
	b, _, values := document(ms)
	return string(b), values[0]
}

// discriminatorCase is one document to decode with one entry point, and the
// error it must give.
type discriminatorCase struct {
	entry string // what is decoded, for messages
	doc   string
	// decode decodes doc with the entry point.
	decode func([]byte) error
	path   string // expected DecodeError path
	offset int    // expected offset of the offending value
	// plain is set for a type outside any hierarchy, which declares the
	// discriminator as an optional string: null there is "not allowed",
	// as for any non-nullable property, rather than "not a string".
	plain bool
}

func discriminatorCases(t *testing.T, value string) []discriminatorCase {
	pkgs := loadIR(t)
	var out []discriminatorCase
	for _, c := range registry {
		p := pkgs[c.pkg]
		disc := discriminatorOf(p, c)
		if disc == "" {
			continue
		}
		sm := sampler{p: p, disc: disc}
		discPath := pathSegment(disc)
		decoders := []func([]byte) error{func(b []byte) error { _, err := c.decode(b); return err }}
		var self *ir.Struct
		for _, s := range p.Structs {
			switch {
			case c.iface && s.Interface != nil && s.Interface.Name == c.name:
				self = s.Interface.Concrete[0]
			case !c.iface && !s.Abstract && s.Name == c.name:
				self = s
			}
		}
		if self == nil {
			t.Fatalf("%s: not in the IR", c)
		}
		// The entry point itself: every type reads the discriminator, a
		// type outside any hierarchy as a declared property.
		doc, at := discriminated(sm, self, value)
		for _, dec := range decoders {
			out = append(out, discriminatorCase{entry: c.String(), doc: doc, decode: dec, path: discPath, offset: at,
				plain: !c.iface && self.DiscriminatorValue == ""})
		}
		if c.iface {
			continue
		}
		// Every polymorphic property, alone, as array items and as map values.
		for _, f := range self.Fields {
			t := f.Type
			wrap, sub := "", ""
			switch {
			case t.Kind == ir.Slice && t.Elem.Kind == ir.InterfaceRef:
				wrap, sub, t = "[]", "[0]", t.Elem
			case t.Kind == ir.Map && t.Elem.Kind == ir.InterfaceRef:
				wrap, sub, t = "{}", ".k", t.Elem
			case t.Kind != ir.InterfaceRef:
				continue
			}
			// The property's hierarchy may have its own discriminator.
			ism := sampler{p: p, disc: t.Interface.Root.Discriminator}
			innerPath := pathSegment(ism.disc)
			inner, innerAt := discriminated(ism, t.Interface.Concrete[0], value)
			prefix := ""
			switch wrap {
			case "[]":
				inner, prefix = "["+inner+"]", "["
			case "{}":
				inner, prefix = `{"k":`+inner+"}", `{"k":`
			}
			ms, i := (policyCase{c: c, s: self, sm: sm}).withField(f, inner)
			doc, _, values := document(ms)
			path := pathSegment(f.Wire) + sub
			if strings.HasPrefix(innerPath, "[") {
				path += innerPath
			} else {
				path += "." + innerPath
			}
			for _, dec := range decoders {
				out = append(out, discriminatorCase{
					entry: c.String() + "." + f.Wire, doc: string(doc), decode: dec,
					path: path, offset: values[i] + len(prefix) + innerAt,
				})
			}
		}
	}
	return out
}

func TestPolicyDiscriminatorMustBeString(t *testing.T) {
	n := 0
	entries := map[string]bool{}
	for _, v := range nonStringDiscriminators {
		for _, dc := range discriminatorCases(t, v.json) {
			n++
			entries[dc.entry] = true
			err := dc.decode([]byte(dc.doc))
			want := "json: " + dc.path + ": expected string, found " + v.found + " at offset " + strconv.Itoa(dc.offset)
			if dc.plain && v.found == "null" {
				want = "json: " + dc.path + ": null is not allowed here at offset " + strconv.Itoa(dc.offset)
			}
			if err == nil || err.Error() != want {
				t.Errorf("%s on %s:\n got %v\nwant %s", dc.entry, dc.doc, err, want)
			}
		}
	}
	// Guard against the case list going empty: the two packages with a
	// discriminator have 69 decoders and many polymorphic properties.
	if len(entries) < 80 {
		t.Fatalf("only %d entry points checked: %v", len(entries), entries)
	}
	t.Logf("%d documents over %d entry points: every non-string discriminator rejected at its path", n, len(entries))
}

// TestPolicyDiscriminatorKept: a discriminator member a payload carries is
// in the re-encoding of every type of an API that has a discriminator: a
// concrete type of a hierarchy writes its own value (the only one it
// accepts), an unknown subtype its object as received, and every other type
// the value received (failureInfo's "@odata.type" was dropped).
func TestPolicyDiscriminatorKept(t *testing.T) {
	pkgs := loadIR(t)
	minimal := minimalMembers(t)
	n := 0
	for _, c := range registry {
		p := pkgs[c.pkg]
		disc := discriminatorOf(p, c)
		if disc == "" {
			continue
		}
		value, head := "#a.value.of.no.type", minimal[c]
		if c.iface {
			// An unknown subtype decodes the base's fields: its required ones too.
			for _, s := range p.Structs {
				if s.Interface != nil && s.Interface.Name == c.name {
					head = sampler{p: p, disc: disc}.required(s, 0)
				}
			}
		} else {
			for _, s := range p.Structs {
				if s.Name == c.name && !s.Abstract && s.DiscriminatorValue != "" {
					value = s.DiscriminatorValue
				}
			}
		}
		q, _ := json.Marshal(value)
		doc, _, _ := document(append(head, member{name: disc, value: string(q)}))
		v, err := c.decode(doc)
		if c.iface && closedInterface(p, c.name) {
			// A closed hierarchy keeps no unknown value: it rejects it.
			if err == nil || !strings.Contains(err.Error(), "whose subtypes are closed") {
				t.Errorf("%s: %s: got %v, want the closed-subtypes rejection", c, doc, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %s: %v", c, doc, err)
			continue
		}
		out, err := c.encode(v)
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]json.RawMessage
		if err := json.Unmarshal(out, &got); err != nil || string(got[disc]) != string(q) {
			t.Errorf("%s: %s re-encodes as %s: %s lost", c, doc, out, disc)
		}
		n++
	}
	if n < 50 {
		t.Fatalf("only %d types", n)
	}
	t.Logf("%d types keep the discriminator they received", n)
}

// closedInterface reports whether the interface called name has closed
// subtypes.
func closedInterface(p *ir.Package, name string) bool {
	for _, s := range p.Structs {
		if s.Interface != nil && s.Interface.Name == name {
			return s.Interface.Closed
		}
	}
	return false
}
