package callrecords_test

import (
	"testing"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

// TestIdentitySubtypesOpen: Graph adds identity subtypes without notice
// (schema: identity has subtypes: open). A document carrying one this
// package does not know decodes, keeps it as *UnknownIdentity with its
// discriminator, validates, and re-encodes byte-identical.
func TestIdentitySubtypesOpen(t *testing.T) {
	const app = `{"@odata.type":"#microsoft.graph.teamworkTagIdentity","displayName":"Bot","id":"a1","tagId":"t9"}`
	const doc = `{"@odata.type":"#microsoft.graph.identitySet","application":` + app + `,"user":{"@odata.type":"#microsoft.graph.identity","displayName":"Ann","id":"u1"}}`
	v, err := cr.UnmarshalIdentitySet([]byte(doc))
	if err != nil {
		t.Fatalf("UnmarshalIdentitySet: %v", err)
	}
	set, ok := v.(*cr.IdentitySetBase)
	if !ok {
		t.Fatalf("decoded as %T, want *IdentitySetBase", v)
	}
	a, _ := set.Application.Get()
	u, ok := a.(*cr.UnknownIdentity)
	if !ok {
		t.Fatalf("application decoded as %T, want *UnknownIdentity", a)
	}
	if u.Type != "#microsoft.graph.teamworkTagIdentity" || string(u.Raw) != app {
		t.Errorf("application = %q %s, want the subtype and its object verbatim", u.Type, u.Raw)
	}
	if err := v.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	out, err := v.AppendJSON(nil)
	if err != nil || string(out) != doc {
		t.Errorf("re-encoded:\n got %s, %v\nwant %s", out, err, doc)
	}
}
