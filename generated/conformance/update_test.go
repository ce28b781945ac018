package conformance_test

import (
	"testing"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	"github.com/sessiongen/sessiongen/generator/ir"
)

// updateEncoders encode the zero value of every partial-update type a
// bundled package derives (body shape update on a resource type).
// TestUpdateBodiesSendOnlySetFields fails when one is missing here.
var updateEncoders = map[string]func() ([]byte, error){
	"callrecords.SessionUpdate":     func() ([]byte, error) { return new(cr.SessionUpdate).AppendJSON(nil) },
	"callrecords.SegmentUpdate":     func() ([]byte, error) { return new(cr.SegmentUpdate).AppendJSON(nil) },
	"callrecords.FailureInfoUpdate": func() ([]byte, error) { return new(cr.FailureInfoUpdate).AppendJSON(nil) },
}

// TestUpdateBodiesSendOnlySetFields pins the class of issue 12's Graph PATCH
// (the whole object sent, zero-valued required fields, read-only members and
// kept undeclared members included) over every update method of every
// bundled package: the body type of a shape-update method, and every nested
// update type it reaches, has only optional fields with no default (an unset
// field is not sent), no read-only or create-only field, keeps no undeclared
// members, and nests update types for objects; a JSON update type's zero
// value encodes as {}.
func TestUpdateBodiesSendOnlySetFields(t *testing.T) {
	methods := 0
	seen := map[string]bool{}
	var check func(pkg, via string, s *ir.Struct)
	check = func(pkg, via string, s *ir.Struct) {
		if seen[pkg+"."+s.Name] {
			return
		}
		seen[pkg+"."+s.Name] = true
		if s.Open {
			t.Errorf("%s: %s.%s keeps undeclared members, which an update would send back", via, pkg, s.Name)
		}
		for _, fl := range s.Fields {
			where := via + ": " + pkg + "." + s.Name + "." + fl.Name
			if !fl.Optional && !fl.NilAbsent || fl.Required || fl.Default != "" {
				t.Errorf("%s: sent when unset (optional %v, nil when absent %v, required %v, default %q)", where, fl.Optional, fl.NilAbsent, fl.Required, fl.Default)
			}
			if fl.ReadOnly || fl.CreateOnly {
				t.Errorf("%s: read-only or create-only field in an update", where)
			}
			if ft := fl.Type; ft.Kind == ir.StructRef && ft.Struct.Interface == nil {
				if ft.Struct.Role != ir.RoleUpdate {
					t.Errorf("%s: nested object %s is not a partial update", where, ft.Struct.Name)
					continue
				}
				check(pkg, via, ft.Struct)
			}
		}
		if s.Role != ir.RoleUpdate {
			return
		}
		enc := updateEncoders[pkg+"."+s.Name]
		if enc == nil {
			t.Errorf("%s: %s.%s is not in updateEncoders (update_test.go)", via, pkg, s.Name)
			return
		}
		if b, err := enc(); err != nil || string(b) != "{}" {
			t.Errorf("%s: the zero %s.%s encodes as %s, %v; want {}", via, pkg, s.Name, b, err)
		}
	}
	for pkg, p := range loadIR(t) {
		for _, r := range p.Resources {
			for _, m := range r.Methods {
				if m.Body == nil || m.Body.Shape != ir.ShapeUpdate {
					continue
				}
				methods++
				check(pkg, pkg+" "+r.ClientName+"."+m.Name, m.Body.Struct)
			}
		}
	}
	// Graph sessions and segments, Twilio services, phone numbers, sessions.
	if methods < 5 {
		t.Errorf("%d update methods in the bundled packages, want at least 5", methods)
	}
	for name := range updateEncoders {
		if !seen[name] {
			t.Errorf("updateEncoders lists %s, which no update method reaches", name)
		}
	}
}
