package breaking

import (
	"fmt"
	"strings"

	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/schema"
)

// surfaceOf lists the exported API the generator emits for p (built from
// f), each declaration with the schema element it comes from and where
// that element is written.
func surfaceOf(f *schema.File, p *ir.Package) *surface {
	s := &surface{items: map[string]*goItem{}}
	pkgPos := at(f.Package.Pos, f)
	typePos := func(wire string) schema.Pos {
		if t := findType(f, wire); t != nil {
			return at(t.Pos, f)
		}
		return pkgPos
	}
	propPos := func(typeWire, prop string) schema.Pos {
		if t := findType(f, typeWire); t != nil {
			for _, pr := range allProperties(t) {
				if pr.Name == prop {
					return at(pr.Pos, f)
				}
			}
			return at(t.Pos, f)
		}
		return pkgPos
	}

	// Where the structs built for methods come from: their method.
	type methodOrigin struct {
		res *schema.Resource
		m   *schema.Method
	}
	byStruct := map[*ir.Struct]methodOrigin{}
	for _, r := range p.Resources {
		sr := findResource(f, r.Wire)
		for _, m := range r.Methods {
			sm := findMethod(sr, m.Wire)
			if m.Params != nil {
				byStruct[m.Params] = methodOrigin{sr, sm}
			}
			if m.Body != nil && m.Body.Inline {
				byStruct[m.Body.Struct] = methodOrigin{sr, sm}
			}
		}
	}

	for _, e := range p.Enums {
		pos := typePos(e.Wire)
		s.add(goItem{kind: "type", goName: e.Name, sig: "string", origin: fmt.Sprintf("enum %q", e.Wire), pos: pos})
		s.add(goItem{kind: "func", goName: e.ValuesFunc, sig: "func() []" + e.Name, pos: pos})
		t := findType(f, e.Wire)
		for _, v := range e.Values {
			vpos := pos
			if t != nil {
				for _, sv := range t.Enum {
					if sv.Value == v.Wire {
						vpos = at(sv.Pos, f)
					}
				}
			}
			s.add(goItem{kind: "const", goName: v.Name, owner: e.Name, sig: fmt.Sprintf("%s = %q", e.Name, v.Wire), origin: fmt.Sprintf("value %q of enum %q", v.Wire, e.Wire), pos: vpos})
		}
	}

	for _, st := range p.Structs {
		pos, origin := typePos(st.Wire), fmt.Sprintf("type %q", st.Wire)
		fieldPos := func(fl *ir.Field) (schema.Pos, string) {
			return propPos(st.Wire, fl.Wire), fmt.Sprintf("property %q of type %q", fl.Wire, st.Wire)
		}
		switch st.Role {
		case ir.RoleUpdate:
			model := strings.TrimSuffix(st.Wire, " update")
			pos, origin = typePos(model), fmt.Sprintf("the update shape of type %q", model)
			fieldPos = func(fl *ir.Field) (schema.Pos, string) {
				return propPos(model, fl.Wire), fmt.Sprintf("property %q of the update shape of type %q", fl.Wire, model)
			}
		case ir.RoleRequest, ir.RoleParams:
			mo := byStruct[st]
			what, list := "body field", []*schema.Property(nil)
			if st.Role == ir.RoleParams {
				what = "query parameter"
			}
			pos, origin = pkgPos, st.Wire
			if mo.m != nil {
				pos = at(mo.m.Pos, f)
				origin = fmt.Sprintf("the %ss of method %s.%s", what, mo.res.Name, mo.m.Name)
				list = mo.m.Query
				if st.Role == ir.RoleRequest && mo.m.Body != nil {
					list = mo.m.Body.Fields
				}
			}
			fieldPos = func(fl *ir.Field) (schema.Pos, string) {
				for _, pr := range list {
					if pr.Name == fl.Wire {
						return at(pr.Pos, f), fmt.Sprintf("%s %q of %s", what, fl.Wire, origin)
					}
				}
				return pos, fmt.Sprintf("%s %q of %s", what, fl.Wire, origin)
			}
		}
		if st.Interface != nil {
			in := st.Interface
			s.add(goItem{kind: "type", goName: in.Name, sig: "interface", origin: origin, pos: pos})
			s.add(goItem{kind: "func", goName: in.Unmarshal, sig: "func([]byte) (" + in.Name + ", error)", pos: pos})
			s.add(goItem{kind: "type", goName: in.Unknown, sig: "struct", origin: "unknown subtypes of " + origin, pos: pos})
			s.add(goItem{kind: "comparable", goName: in.Unknown, owner: in.Unknown, sig: "false", pos: pos}) // Raw is a slice
			// The holder keeps the root's fields, typed as on the root.
			for _, fl := range in.Root.Fields {
				s.add(goItem{kind: "field", goName: fl.Name, owner: in.Unknown, sig: fieldType(fl), origin: fmt.Sprintf("property %q of type %q (unknown subtypes)", fl.Wire, in.Root.Wire), pos: propPos(in.Root.Wire, fl.Wire)})
			}
			s.add(goItem{kind: "field", goName: in.TypeField, owner: in.Unknown, sig: "string", pos: pos})
			s.add(goItem{kind: "field", goName: in.RawField, owner: in.Unknown, sig: "json.RawMessage", pos: pos})
			for _, m := range []string{"Validate", "AppendJSON", "MarshalJSON", "DecodeJSON", "UnmarshalJSON"} {
				s.add(goItem{kind: "method", goName: m, owner: in.Unknown, sig: "standard", pos: pos})
			}
		}
		if st.Abstract {
			continue
		}
		s.add(goItem{kind: "type", goName: st.Name, sig: "struct", origin: origin, pos: pos})
		s.add(goItem{kind: "comparable", goName: st.Name, owner: st.Name, sig: fmt.Sprint(structComparable(st, map[*ir.Struct]bool{})), pos: pos})
		methods := []string{"Validate"}
		if st.Role != ir.RoleParams {
			methods = append(methods, "AppendJSON", "MarshalJSON")
			if st.Role != ir.RoleUpdate {
				methods = append(methods, "DecodeJSON", "UnmarshalJSON")
			}
		}
		if len(st.CreateRequired) > 0 {
			methods = append(methods, "ValidateCreate")
		}
		for _, m := range methods {
			s.add(goItem{kind: "method", goName: m, owner: st.Name, sig: "standard", pos: pos})
		}
		for _, fl := range st.Fields {
			fpos, forigin := fieldPos(fl)
			s.add(goItem{kind: "field", goName: fl.Name, owner: st.Name, sig: fieldType(fl), origin: forigin, pos: fpos})
		}
		if st.Open {
			s.add(goItem{kind: "field", goName: "AdditionalProperties", owner: st.Name, sig: "[]Member", pos: pos})
		}
	}

	for _, u := range p.Unions {
		pos := unionPos(f, p, u)
		s.add(goItem{kind: "type", goName: u.Name, sig: "struct", origin: "", pos: pos})
		for _, m := range u.Members {
			t := goType(m.Type)
			s.add(goItem{kind: "func", goName: u.Name + "From" + m.Name, sig: "func(" + t + ") " + u.Name, pos: pos})
			s.add(goItem{kind: "method", goName: "Is" + m.Name, owner: u.Name, sig: "func() bool", pos: pos})
			s.add(goItem{kind: "method", goName: "As" + m.Name, owner: u.Name, sig: "func() (" + t + ", bool)", pos: pos})
		}
	}

	clientSurface(s, f, p, pkgPos)
	return s
}

func findMethod(r *schema.Resource, name string) *schema.Method {
	if r == nil {
		return nil
	}
	for _, m := range r.Methods {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// unionPos is where the union is written: a property holding it, or its
// declaration under types.
func unionPos(f *schema.File, p *ir.Package, u *ir.Union) schema.Pos {
	holds := func(t *ir.Type) bool {
		for ; t != nil; t = t.Elem {
			if t.Kind == ir.UnionRef && t.Union == u {
				return true
			}
		}
		return false
	}
	for _, t := range f.Types {
		if t.Union != nil && (t.GoName == u.Name || f.Namer().Exported(t.Name) == u.Name) {
			return at(t.Pos, f)
		}
	}
	for _, st := range p.Structs {
		for _, fl := range st.Fields {
			if holds(fl.Type) {
				if t := findType(f, st.Wire); t != nil {
					for _, pr := range allProperties(t) {
						if pr.Name == fl.Wire {
							return at(pr.Pos, f)
						}
					}
				}
			}
		}
	}
	return at(f.Package.Pos, f)
}
