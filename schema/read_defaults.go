package schema

import (
	"go.yaml.in/yaml/v3"
)

// Defaults and cross-field rules: how a type, a resource or a body gives its
// properties the readOnly, nullable and required they do not write, and the
// rules that span several of its properties.

// The keys defaults may set: every key on a type; a body's fields are
// request fields, which cannot be readOnly.
var (
	typeDefaultKeys = []string{"readOnly", "nullable", "required"}
	bodyDefaultKeys = []string{"nullable", "required"}
)

// defaults reads a defaults mapping allowing keys.
func (l *loader) defaults(n *yaml.Node, what string, keys []string) *Defaults {
	m := l.mapping(n, what, keys...)
	if m == nil {
		return nil
	}
	d := &Defaults{Pos: l.pos(n)}
	if len(n.Content) == 0 {
		l.errorf(n, "%s: want at least one of %s", what, joinOr(keys))
		return nil
	}
	flag := func(k string) *DefaultFlag {
		e, ok := m[k]
		if !ok {
			return nil
		}
		b, ok := l.boolean(e.val, what+" "+k)
		if !ok {
			return nil
		}
		return &DefaultFlag{Pos: l.pos(e.key), Value: b}
	}
	d.ReadOnly, d.Nullable, d.Required = flag("readOnly"), flag("nullable"), flag("required")
	return d
}

// joinOr joins words as "a, b or c".
func joinOr(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	s := words[0]
	for _, w := range words[1 : len(words)-1] {
		s += ", " + w
	}
	return s + " or " + words[len(words)-1]
}

// applyDefaults gives every property of props the default of each key it
// does not write and no nearer defaults gave it: from the first of ds that
// sets the key. A value written on the property, true or false, always wins.
func applyDefaults(props []*Property, ds ...*Defaults) {
	for _, p := range props {
		for _, k := range typeDefaultKeys {
			if _, done := p.FromDefaults[k]; done || p.written[k] {
				continue
			}
			for _, d := range ds {
				f := d.flag(k)
				if f == nil {
					continue
				}
				switch k {
				case "readOnly":
					p.ReadOnly = f.Value
				case "nullable":
					p.Nullable = f.Value
				case "required":
					p.Required = f.Value
				}
				if p.FromDefaults == nil {
					p.FromDefaults = map[string]Pos{}
				}
				p.FromDefaults[k] = f.Pos
				break
			}
		}
	}
}

// flag returns the default of key k, or nil; a nil d sets nothing.
func (d *Defaults) flag(k string) *DefaultFlag {
	if d == nil {
		return nil
	}
	switch k {
	case "readOnly":
		return d.ReadOnly
	case "nullable":
		return d.Nullable
	case "required":
		return d.Required
	}
	return nil
}

// ruleKinds are the keys of a cross-field rule.
var ruleKinds = []string{string(RuleAtLeastOneOf), string(RuleMutuallyExclusive), string(RuleExactlyOneOf)}

// rules reads a list of cross-field rules, each a mapping of one rule kind
// to a list of property names. Whether the names exist is checked by
// validation, which knows the properties.
func (l *loader) rules(n *yaml.Node, what string) []*FieldRule {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s: want a list of rules such as {atLeastOneOf: [a, b]}, got %s", what, describe(n))
		return nil
	}
	if len(n.Content) == 0 {
		l.errorf(n, "%s: want at least one rule", what)
		return nil
	}
	var out []*FieldRule
	for _, c := range n.Content {
		m := l.mapping(c, what+" item", ruleKinds...)
		if m == nil {
			continue
		}
		if len(c.Content) != 2 {
			if len(m) == len(c.Content)/2 { // otherwise unknown keys were reported
				l.errorf(c, "%s: a rule is one of %s, each in its own list item", what, joinOr(ruleKinds))
			}
			continue
		}
		e, ok := m[c.Content[0].Value]
		if !ok {
			continue
		}
		r := &FieldRule{Pos: l.pos(e.key), Kind: FieldRuleKind(e.key.Value)}
		rwhat := what + " " + e.key.Value
		names, ok := l.strings(e.val, rwhat)
		if !ok {
			continue
		}
		for i, name := range names {
			r.Names = append(r.Names, name)
			r.NamesPos = append(r.NamesPos, l.pos(e.val.Content[i]))
		}
		out = append(out, r)
	}
	return out
}
