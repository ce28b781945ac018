package schema

import (
	"fmt"
	"slices"
)

// inlineOwner is where inline enums are found: the properties of one owner,
// whose Go name prefixes the names of their enums.
type inlineOwner struct {
	goName string
	what   string // "type \"Session\"", "method \"create\" of resource \"sessions\""
	after  *Type  // the declared type the enums are listed after; nil: at the end
	props  []*Property
}

// inlineEnums names every enum written on a property (enum: instead of
// type:) and lists it among the file's types, right after the type that
// owns it (enums of resources and methods at the end, in resource order).
// From then on an inline enum is a named enum like any other: the
// generator cannot tell them apart, except for the documentation.
//
// The Go name is goName when written, else the owner's Go name followed by
// the property's: property "mode" of type "Session" gives SessionMode; a
// method's fields, query, path parameters and headers take the resource's
// and the method's Go names (sessions create: SessionsCreate), a
// resource's parameters the resource's. An enum nested in items or values
// is named after the property all the same (a property holds at most one
// enum). The name must be free: a declared type, or another inline enum,
// with that Go or schema name is an error suggesting goName. Other
// properties may refer to the enum by that name, like to a declared type.
func (v *validator) inlineEnums() {
	var owners []inlineOwner
	for _, t := range v.f.Types {
		if !t.IsEnum {
			owners = append(owners, inlineOwner{goName: t.GoIdent(v.names), what: fmt.Sprintf("type %q", clip(t.Name)), after: t, props: t.Properties})
		}
	}
	for _, r := range v.f.Resources {
		rg := v.names.Exported(r.Name)
		owners = append(owners, inlineOwner{goName: rg, what: fmt.Sprintf("resource %q", clip(r.Name)), props: r.Params})
		for _, m := range r.Methods {
			props := slices.Concat(m.Params, m.Query, m.Headers, m.ResponseHeaders)
			if m.Body != nil {
				props = append(props, m.Body.Fields...)
			}
			owners = append(owners, inlineOwner{goName: rg + v.names.Exported(m.Name),
				what: fmt.Sprintf("method %q of resource %q", clip(m.Name), clip(r.Name)), props: props})
		}
	}
	for _, h := range v.f.API.Headers {
		if x := inlineOf(&h.Type); x != nil {
			v.errorf(x.Pos, "api.headers %q: an inline enum here has no owner to be named after: declare it under types and refer to it", clip(h.Name))
		}
	}
	declared := map[string]*Type{} // by Go name and by schema name
	for _, t := range v.f.Types {
		declared[t.GoIdent(v.names)] = t
		declared[t.Name] = t
	}
	byOwner := map[*Type][]*Type{}
	var trailing []*Type
	for _, o := range owners {
		for _, p := range o.props {
			x := inlineOf(&p.Type)
			if x == nil {
				continue
			}
			en := x.Inline
			en.InlineOf = fmt.Sprintf("property %q of %s", clip(p.Name), o.what)
			what := en.InlineOf + " enum"
			if en.Description == "" {
				en.Description = p.Description
			}
			v.enum(en, what)
			name := o.goName + v.names.Exported(p.Name)
			if en.GoName != "" {
				if !goIdentifier.MatchString(en.GoName) {
					v.errorf(en.GoNamePos, "%s goName %q: want an exported Go identifier (ASCII letters and digits, starting upper case)", what, clip(en.GoName))
					continue
				}
				name = en.GoName
			}
			if prev, taken := declared[name]; taken {
				by := fmt.Sprintf("type %q (line %d)", clip(prev.Name), prev.Pos.Line)
				if prev.InlineOf != "" {
					by = fmt.Sprintf("the inline enum of %s (line %d)", prev.InlineOf, prev.Pos.Line)
				}
				v.errorf(en.Pos, "%s needs Go name %s, which %s already uses: name it with goName beside enum", what, name, by)
				continue
			}
			en.Name, en.GoName = name, name
			declared[name] = en
			v.types[name] = en
			x.Ref.Name = name
			if o.after != nil {
				byOwner[o.after] = append(byOwner[o.after], en)
			} else {
				trailing = append(trailing, en)
			}
		}
	}
	if len(byOwner) == 0 && len(trailing) == 0 {
		return
	}
	types := make([]*Type, 0, len(v.f.Types)+len(trailing))
	for _, t := range v.f.Types {
		types = append(types, t)
		types = append(types, byOwner[t]...)
	}
	v.f.Types = append(types, trailing...)
}

// inlineOf returns the expression holding the inline enum of a property's
// type: the type itself, its items or its values; nil without one.
func inlineOf(t *TypeExpr) *TypeExpr {
	for depth := 0; t != nil && depth <= maxDepth+1; depth++ {
		if t.Inline != nil {
			return t
		}
		switch t.Kind {
		case KindArray:
			t = t.Items
		case KindMap:
			t = t.Values
		default:
			return nil
		}
	}
	return nil
}
