package schema

import (
	"fmt"
	"slices"
)

// Checks of defaults and cross-field rules (see read_defaults.go).

// defaultNote returns, when the value of key on p came from defaults, a note
// naming where, for a message about a problem that value causes: the
// problem is reported at the property and the note points at the default.
func defaultNote(p *Property, key string) string {
	pos, ok := p.FromDefaults[key]
	if !ok {
		return ""
	}
	val := false
	switch key {
	case "readOnly":
		val = p.ReadOnly
	case "nullable":
		val = p.Nullable
	case "required":
		val = p.Required
	}
	return fmt.Sprintf(" (%s: %t comes from the defaults at line %d col %d; write %s: %t on the property to override it)",
		key, val, pos.Line, pos.Col, key, !val)
}

// typeDefaultsAndRules checks the defaults and the rules of object type t.
func (v *validator) typeDefaultsAndRules(t *Type) {
	if t.IsEnum {
		return
	}
	what := fmt.Sprintf("type %q", clip(t.Name))
	if t.Defaults != nil && len(t.Properties) == 0 {
		v.errorf(t.Defaults.Pos, "%s defaults: the type has no properties of its own (defaults reach neither bases nor subtypes)", what)
	}
	v.rules(what+" rules", t.Rules, func(name string) *Property { return v.lookupProperty(t, name) }, func() []string {
		var names []string
		for _, c := range chain(t) {
			for _, p := range c.Properties {
				names = append(names, p.Name)
			}
		}
		return names
	})
}

// bodyRules checks the rules of a body's inline fields.
func (v *validator) bodyRules(what string, b *Body) {
	own := index(b.Fields)
	v.rules(what+" rules", b.Rules, func(name string) *Property { return own[name] }, func() []string {
		var names []string
		for _, p := range b.Fields {
			names = append(names, p.Name)
		}
		return names
	})
}

// resourceDefaults reports resource defaults that reach no field.
func (v *validator) resourceDefaults(what string, res *Resource) {
	if res.Defaults == nil {
		return
	}
	for _, m := range res.Methods {
		if m.Body != nil && len(m.Body.Fields) > 0 {
			return
		}
	}
	v.errorf(res.Defaults.Pos, "%s defaults: no method of the resource has inline body fields for them to apply to", what)
}

// rules checks cross-field rules: at least two distinct names, each a
// property (lookup), none always present (which would make the rule hold
// or fail whatever the other fields are), and not mixing read-only with
// writable properties (a request sends only the writable ones, so the rule
// could not be met or checked there).
func (v *validator) rules(what string, rules []*FieldRule, lookup func(string) *Property, names func() []string) {
	for _, r := range rules {
		rwhat := what + " " + string(r.Kind)
		if len(r.Names) < 2 {
			v.errorf(r.Pos, "%s: want at least two property names, got %d", rwhat, len(r.Names))
		}
		var seen []string
		var readOnly, writable *Property
		for i, name := range r.Names {
			pos := r.NamesPos[i]
			if slices.Contains(seen, name) {
				v.errorf(pos, "%s: property %q is listed twice", rwhat, clip(name))
				continue
			}
			seen = append(seen, name)
			p := lookup(name)
			if p == nil {
				if s := nearest(name, names()); s != "" {
					v.errorf(pos, "%s: no property %q; did you mean %q?", rwhat, clip(name), s)
				} else {
					v.errorf(pos, "%s: no property %q", rwhat, clip(name))
				}
				continue
			}
			if p.Required && !p.Nullable {
				v.errorf(pos, "%s: property %q is required, so always present: the rule would decide nothing about it (make it optional or leave it out)%s",
					rwhat, clip(name), defaultNote(p, "required"))
			}
			if p.ReadOnly {
				readOnly = p
			} else {
				writable = p
			}
		}
		if readOnly != nil && writable != nil {
			v.errorf(r.Pos, "%s: mixes read-only %q with writable %q: a request sends only the writable ones", rwhat, clip(readOnly.Name), clip(writable.Name))
		}
	}
}
