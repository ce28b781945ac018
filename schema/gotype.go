package schema

import (
	"regexp"
)

// importPath is the shape of a Go import path the go command accepts:
// slash-separated elements of letters, digits and ._~+- , none empty, none
// starting with a dot.
var importPath = regexp.MustCompile(`^[A-Za-z0-9_~+-][A-Za-z0-9._~+-]*(/[A-Za-z0-9_~+-][A-Za-z0-9._~+-]*)*$`)

// goType checks the spelling of a caller's Go type. Whether the package and
// the type exist, with the methods generated code calls, is checked where
// the caller's module is known: by the command, before it writes anything
// (see internal/gotypecheck).
func (v *validator) goType(g *GoType, what string) {
	if g.Import != "" && !importPath.MatchString(g.Import) {
		v.errorf(g.ImportPos, "%s goType import %q is not a Go import path (example.com/acme/ids)", what, clip(g.Import))
	}
	if g.Name != "" && !goIdentifier.MatchString(g.Name) {
		v.errorf(g.NamePos, "%s goType name %q: want an exported Go type name (ASCII letters and digits, starting upper case)", what, clip(g.Name))
	}
}

// goTypeNotText explains why a goType cannot be a path, query or header
// value, or is "" when t (or its items) is no goType.
func goTypeNotText(t *TypeExpr) string {
	if t.GoType == nil && (t.Items == nil || t.Items.GoType == nil) {
		return ""
	}
	return " (a goType is coded by its MarshalJSON, not written as text)"
}

// GoTypes returns every caller's Go type the file names, in file order:
// those of declared types and type properties, then of resources and
// methods. A declared goType appears once more for each reference to it
// (the same *GoType).
func (f *File) GoTypes() []*GoType {
	var out []*GoType
	var walk func(t *TypeExpr)
	walk = func(t *TypeExpr) {
		for depth := 0; t != nil && depth <= maxDepth+1; depth++ {
			if t.GoType != nil {
				out = append(out, t.GoType)
			}
			switch {
			case t.Items != nil:
				t = t.Items
			case t.Values != nil:
				t = t.Values
			default:
				return
			}
		}
	}
	props := func(ps []*Property) {
		for _, p := range ps {
			walk(&p.Type)
		}
	}
	for _, t := range f.Types {
		if t.GoType != nil {
			out = append(out, t.GoType)
		}
		props(t.Properties)
	}
	props(f.API.Headers)
	for _, r := range f.Resources {
		props(r.Params)
		for _, m := range r.Methods {
			props(m.Params)
			props(m.Query)
			props(m.Headers)
			props(m.ResponseHeaders)
			if m.Body != nil {
				props(m.Body.Fields)
			}
		}
	}
	return out
}
