package callrecords_test

import (
	"strings"
	"testing"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

// TestIdentitySubtypesOpen: Graph adds identity subtypes without notice
// (schema: identity has subtypes: open). A document carrying one this
// package does not know decodes, keeps it as *UnknownIdentity with its
// discriminator and the fields identity declares typed (displayName, id),
// validates, and re-encodes byte-identical.
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
	if name, ok := u.DisplayName.Get(); !ok || name != "Bot" {
		t.Errorf("application.DisplayName = %q (set %v), want the base field typed: Bot", name, ok)
	}
	if id, ok := u.ID.Get(); !ok || id != "a1" {
		t.Errorf("application.ID = %q (set %v), want a1", id, ok)
	}
	if err := v.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	out, err := v.AppendJSON(nil)
	if err != nil || string(out) != doc {
		t.Errorf("re-encoded:\n got %s, %v\nwant %s", out, err, doc)
	}

	// A typed base field changed without Raw would be lost on the wire:
	// Validate reports it and the encoder refuses, rather than drop it.
	u.DisplayName = cr.Some("Robot")
	if err := v.Validate(); err == nil || !strings.Contains(err.Error(), "displayName") {
		t.Errorf("Validate after changing a typed field only: %v, want a violation at displayName", err)
	}
	if _, err := v.AppendJSON(nil); err == nil {
		t.Error("AppendJSON after changing a typed field only: no error, the change would be dropped")
	}
}

// TestIdentityUnknownSubtypeIsStrict: the base's declared fields of an
// unknown identity subtype are decoded as strictly as identity's own; a
// wrong type fails the document with the JSON path, it is not kept raw.
func TestIdentityUnknownSubtypeIsStrict(t *testing.T) {
	const doc = `{"@odata.type":"#microsoft.graph.identitySet","application":{"@odata.type":"#microsoft.graph.newIdentity","displayName":7}}`
	_, err := cr.UnmarshalIdentitySet([]byte(doc))
	if err == nil || !strings.Contains(err.Error(), "application.displayName: expected string") {
		t.Errorf("UnmarshalIdentitySet: %v, want an error at application.displayName", err)
	}
}
