package breaking

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
)

// props describes a list of properties being compared: what they are
// (property, query parameter, header), whose, which way their values
// travel, and the rules for one removed or added.
type props struct {
	what, owner    string
	dir            direction
	removed, added string
}

func (p props) name(prop string) string {
	if p.owner == "" {
		return fmt.Sprintf("%s %q", p.what, prop)
	}
	return fmt.Sprintf("%s %q of %s", p.what, prop, p.owner)
}

// properties compares two lists by wire name. A property removed and
// another added at the same place with the same type is a rename.
func (c *comparer) properties(k props, olds, news []*schema.Property) {
	index := func(ps []*schema.Property, name string) int {
		return slices.IndexFunc(ps, func(p *schema.Property) bool { return p.Name == name })
	}
	renamed := map[*schema.Property]bool{}
	for i, op := range olds {
		j := index(news, op.Name)
		if j >= 0 {
			c.property(k, op, news[j])
			continue
		}
		if i < len(news) && index(olds, news[i].Name) < 0 && typeSig(&news[i].Type) == typeSig(&op.Type) && k.what != "header" && k.what != "response header" && k.what != "API header" {
			renamed[news[i]] = true
			c.add(at(news[i].Pos, c.new), "FIELD_WIRE_NAME_CHANGED", "%s is now written %q", k.name(op.Name), news[i].Name)
			continue
		}
		c.add(at(op.Pos, c.old), k.removed, "%s removed", k.name(op.Name))
	}
	for _, np := range news {
		if renamed[np] || index(olds, np.Name) >= 0 {
			continue
		}
		required := np.Required || np.RequiredOnCreate
		if k.what == "response header" {
			required = false
		}
		if required && k.dir&inRequest != 0 && !np.ReadOnly {
			c.add(at(np.Pos, c.new), "FIELD_REQUIRED_ADDED", "%s added as required", k.name(np.Name))
		} else {
			c.add(at(np.Pos, c.new), k.added, "%s added", k.name(np.Name))
		}
	}
}

// property compares one property (or parameter, or header) of both versions.
func (c *comparer) property(k props, o, n *schema.Property) {
	pos := at(n.Pos, c.new)
	name := k.name(n.Name)
	if a, b := typeSig(&o.Type), typeSig(&n.Type); a != b {
		c.add(pos, "FIELD_TYPE_CHANGED", "%s changed type from %s to %s", name, a, b)
	} else {
		c.constraints(pos, name, &o.Type, &n.Type)
	}
	sent := k.dir&inRequest != 0 && !n.ReadOnly
	received := k.dir&inResponse != 0
	change := func(rule string, breaks bool, what string) {
		if !breaks {
			rule = "FIELD_PRESENCE_RELAXED"
		}
		c.add(pos, rule, "%s %s", name, what)
	}
	switch {
	case !o.Required && n.Required:
		change("FIELD_NOW_REQUIRED", sent, "is now required")
	case o.Required && !n.Required:
		change("FIELD_NO_LONGER_REQUIRED", received, "is no longer required")
	}
	switch {
	case !o.RequiredOnCreate && n.RequiredOnCreate:
		change("FIELD_NOW_REQUIRED", sent, "is now required on create")
	case o.RequiredOnCreate && !n.RequiredOnCreate:
		change("FIELD_NO_LONGER_REQUIRED", false, "is no longer required on create")
	}
	switch {
	case !o.Nullable && n.Nullable:
		change("FIELD_NOW_NULLABLE", received, "is now nullable")
	case o.Nullable && !n.Nullable:
		change("FIELD_NOW_NON_NULLABLE", true, "is no longer nullable")
	}
	if explode(o) != explode(n) && o.Type.Kind == schema.KindArray {
		c.add(pos, "FIELD_TYPE_CHANGED", "%s: explode changed to %t: the list is sent %s", name, explode(n), map[bool]string{true: "as repeated keys", false: "comma-joined"}[explode(n)])
	}
	switch {
	case !o.CreateOnly && n.CreateOnly:
		change("FIELD_NOW_READ_ONLY", k.dir&inRequest != 0, "is now create-only: updates no longer send it")
	case o.CreateOnly && !n.CreateOnly:
		change("FIELD_NOW_READ_ONLY", false, "is no longer create-only")
	}
	switch {
	case !o.ReadOnly && n.ReadOnly:
		change("FIELD_NOW_READ_ONLY", k.dir&inRequest != 0, "is now read-only")
	case o.ReadOnly && !n.ReadOnly:
		change("FIELD_NOW_READ_ONLY", false, "is no longer read-only")
	}
}

// explode is whether a query list repeats its key (the default) or is
// comma-joined.
func explode(p *schema.Property) bool { return p.Explode == nil || *p.Explode }

// typeSig is the shape of a type expression without its constraints: two
// expressions with the same signature write the same kind of JSON value.
func typeSig(e *schema.TypeExpr) string {
	if e == nil {
		return "none"
	}
	s := string(e.Kind)
	switch e.Kind {
	case schema.KindNamed:
		s = e.Ref.Name
	case schema.KindArray:
		s = "array<" + typeSig(e.Items) + ">"
	case schema.KindMap:
		s = "map<" + typeSig(e.Values) + ">"
	case schema.KindUnion:
		if e.UnionType != nil {
			s = e.UnionType.Name
			break
		}
		var members []string
		for _, m := range e.Of {
			if m.Ref != nil {
				members = append(members, m.Ref.Name)
			} else {
				members = append(members, string(m.Kind))
			}
		}
		s = "union<" + strings.Join(members, "|") + ">"
	case schema.KindGoType:
		s = "goType " + e.GoType.Import + "." + e.GoType.Name
	}
	if e.Nullable {
		s += "|null"
	}
	return s
}

// constraints compares the constraints of two expressions of the same
// signature, level by level.
func (c *comparer) constraints(pos schema.Pos, name string, o, n *schema.TypeExpr) {
	if o == nil || n == nil {
		return
	}
	report := func(tighter bool, format string, args ...any) {
		rule := "CONSTRAINT_LOOSENED"
		if tighter {
			rule = "CONSTRAINT_TIGHTENED"
		}
		c.add(pos, rule, "%s: %s", name, fmt.Sprintf(format, args...))
	}
	// upper compares a bound values must stay under (maxLength): lower or
	// newly set is tighter.
	intBound := func(key string, a, b *int, upper bool) {
		switch {
		case a == nil && b == nil:
		case a == nil:
			report(true, "%s %d added", key, *b)
		case b == nil:
			report(false, "%s %d removed", key, *a)
		case *a != *b:
			report((*b < *a) == upper, "%s changed from %d to %d", key, *a, *b)
		}
	}
	numBound := func(key string, a, b *schema.Number, upper bool) {
		switch {
		case a == nil && b == nil:
		case a == nil:
			report(true, "%s %s added", key, b.Text)
		case b == nil:
			report(false, "%s %s removed", key, a.Text)
		default:
			x, _, errA := big.ParseFloat(a.Text, 10, 256, big.ToNearestEven)
			y, _, errB := big.ParseFloat(b.Text, 10, 256, big.ToNearestEven)
			if errA != nil || errB != nil || x.Cmp(y) == 0 {
				return
			}
			report((y.Cmp(x) < 0) == upper, "%s changed from %s to %s", key, a.Text, b.Text)
		}
	}
	intBound("maxLength", o.MaxLength, n.MaxLength, true)
	intBound("minLength", o.MinLength, n.MinLength, false)
	switch {
	case o.Pattern == n.Pattern:
	case o.Pattern == "":
		report(true, "pattern %q added", n.Pattern)
	case n.Pattern == "":
		report(false, "pattern %q removed", o.Pattern)
	default:
		report(true, "pattern changed from %q to %q", o.Pattern, n.Pattern)
	}
	numBound("maximum", o.Maximum, n.Maximum, true)
	numBound("minimum", o.Minimum, n.Minimum, false)
	intBound("maxItems", o.MaxItems, n.MaxItems, true)
	intBound("minItems", o.MinItems, n.MinItems, false)
	if o.UniqueItems != n.UniqueItems {
		report(n.UniqueItems, "uniqueItems changed to %t", n.UniqueItems)
	}
	if o.NonFinite != n.NonFinite {
		report(!n.NonFinite, "nonFinite changed to %t", n.NonFinite)
	}
	c.constraints(pos, name+" items", o.Items, n.Items)
	c.constraints(pos, name+" values", o.Values, n.Values)
}
