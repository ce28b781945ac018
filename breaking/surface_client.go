package breaking

import (
	"fmt"
	"strings"

	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/schema"
)

// clientSurface adds what the client emitter exports: options, APIError,
// resource clients and their methods, page metadata, continuations and
// header structs.
func clientSurface(s *surface, f *schema.File, p *ir.Package, pkgPos schema.Pos) {
	if len(p.Resources) == 0 {
		return
	}
	api := p.API
	apiPos := at(f.API.Pos, f)
	authPos := at(f.API.Auth.Pos, f)
	s.add(goItem{kind: "const", goName: "DefaultBaseURL", sig: fmt.Sprintf("untyped string = %q", api.BaseURL), origin: "api.baseURL", pos: apiPos})
	switch api.Auth.Scheme {
	case ir.AuthBearer:
		s.add(goItem{kind: "func", goName: "WithTokenSource", sig: "func(func(context.Context) (string, error)) Option", origin: "api.auth", pos: authPos})
	case ir.AuthBasic:
		s.add(goItem{kind: "func", goName: "WithBasicAuth", sig: "func(string, string) Option", origin: "api.auth", pos: authPos})
	case ir.AuthAPIKey:
		s.add(goItem{kind: "func", goName: "WithAPIKey", sig: "func(string) Option", origin: "api.auth", pos: authPos})
	}
	if api.IdempotencyHeader != "" {
		s.add(goItem{kind: "func", goName: "WithIdempotencyKey", sig: "func(context.Context, string) context.Context", pos: apiPos})
	}
	hasCode, codeType := false, "string"
	shapes := append([]*ir.ErrorShape{api.ErrorShape}, api.ErrorsByStatus...)
	for _, sh := range shapes {
		if sh == nil {
			continue
		}
		hasCode = hasCode || len(sh.Code) > 0
		if sh.CodeField != nil {
			switch sh.CodeField.Type.Kind {
			case ir.Int32, ir.Int64, ir.EnumRef:
				codeType = goType(sh.CodeField.Type)
			}
		}
	}
	if hasCode {
		s.add(goItem{kind: "field", goName: "Code", owner: "APIError", sig: codeType, origin: "api.errors code", pos: apiPos})
	}
	for _, eb := range api.ErrorBodies {
		s.add(goItem{kind: "field", goName: eb.Field, owner: "APIError", sig: "*" + structName(eb.Type), origin: "api.errors body " + eb.Type.Wire, pos: apiPos})
	}
	for _, a := range api.ErrorAliases {
		s.add(goItem{kind: "type", goName: a.Name, sig: "= " + structName(a), pos: apiPos})
	}
	if len(api.Headers) > 0 {
		s.add(goItem{kind: "type", goName: "RequestHeaders", sig: "struct", pos: apiPos})
		s.add(goItem{kind: "func", goName: "WithRequestHeaders", sig: "func(context.Context, RequestHeaders) context.Context", pos: apiPos})
		headerFields(s, "RequestHeaders", api.Headers, f.API.Headers, "API header", apiPos)
	}
	if pg := api.Pagination; pg != nil && pg.MetaType != "" {
		for i, mf := range pg.Metadata {
			pos := at(f.API.Pagination.Pos, f)
			if i < len(f.API.Pagination.Metadata) {
				pos = at(f.API.Pagination.Metadata[i].Pos, f)
			}
			s.add(goItem{kind: "field", goName: mf.Name, owner: pg.MetaType, sig: "Optional[" + goType(mf.Type) + "]", origin: fmt.Sprintf("page metadata %q", mf.Path), pos: pos})
		}
	}
	for _, ct := range api.Continuations {
		pos := at(f.Package.Pos, f)
		if t := findType(f, ct.Owner.Wire); t != nil {
			for _, pr := range allProperties(t) {
				if pr.Name == ct.Relationship.Wire {
					pos = at(pr.Pos, f)
				}
			}
		}
		elem := goType(ct.Elem)
		args := "context.Context, *" + ct.Owner.Name
		origin := fmt.Sprintf("relationship %q of type %q", ct.Relationship.Wire, ct.Owner.Wire)
		s.add(goItem{kind: "method", goName: ct.Name, owner: "Client", sig: "func(" + args + ") iter.Seq2[" + elem + ", error]", origin: origin, pos: pos})
		s.add(goItem{kind: "method", goName: ct.PageName, owner: "Client", sig: "func(" + args + ") (*Page[" + elem + "], error)", origin: origin + " (page)", pos: pos})
	}
	for _, r := range p.Resources {
		sr := findResource(f, r.Wire)
		rpos := pkgPos
		if sr != nil {
			rpos = at(sr.Pos, f)
		}
		origin := fmt.Sprintf("resource %q", r.Wire)
		s.add(goItem{kind: "type", goName: r.ClientName, sig: "struct", origin: origin, pos: rpos})
		if r.Parent == nil {
			s.add(goItem{kind: "field", goName: r.Name, owner: "Client", sig: "*" + r.ClientName, origin: origin, pos: rpos})
		} else {
			var args []string
			for _, prm := range r.Params {
				args = append(args, goType(prm.Type))
			}
			s.add(goItem{kind: "method", goName: r.Name, owner: r.Parent.ClientName, sig: "func(" + strings.Join(args, ", ") + ") *" + r.ClientName, origin: origin, pos: rpos})
		}
		for _, m := range r.Methods {
			methodSurface(s, f, r, sr, m, rpos)
		}
	}
}

func structName(st *ir.Struct) string {
	if st.Import != nil {
		return importedName(st.Import.Path, st.Name)
	}
	return st.Name
}

func methodSurface(s *surface, f *schema.File, r *ir.Resource, sr *schema.Resource, m *ir.Method, rpos schema.Pos) {
	sm := findMethod(sr, m.Wire)
	pos := rpos
	if sm != nil {
		pos = at(sm.Pos, f)
	}
	origin := fmt.Sprintf("method %s.%s", r.Wire, m.Wire)
	args := []string{"context.Context"}
	for _, a := range m.Args {
		args = append(args, goType(a.Type))
	}
	if m.Params != nil {
		args = append(args, "*"+m.Params.Name)
	}
	if m.Body != nil {
		args = append(args, "*"+structName(m.Body.Struct))
	}
	if m.HeadersName != "" {
		args = append(args, "*"+m.HeadersName)
	}
	in := "func(" + strings.Join(args, ", ") + ") "
	resp := m.Response
	elem := ""
	if resp != nil && resp.Type != nil {
		if resp.Type.Kind == ir.InterfaceRef {
			elem = resp.Type.Interface.Name
		} else if resp.Struct != nil {
			elem = "*" + structName(resp.Struct)
		}
	}
	var sig string
	switch {
	case m.ResultName != "":
		sig = in + "(" + elem + ", *" + m.ResultName + ", error)"
	case resp != nil && resp.Paged:
		s.add(goItem{kind: "method", goName: m.PageName, owner: r.ClientName, sig: in + "(*Page[" + elem + "], error)", origin: origin + " (page)", pos: pos})
		sig = in + "iter.Seq2[" + elem + ", error]"
	case resp == nil:
		sig = in + "error"
	case resp.Text != nil:
		sig = in + "(" + goType(resp.Text) + ", error)"
	case resp.Binary:
		sig = in + "([]byte, error)"
	default:
		sig = in + "(" + elem + ", error)"
	}
	s.add(goItem{kind: "method", goName: m.Name, owner: r.ClientName, sig: sig, origin: origin, pos: pos})
	if m.HeadersName != "" && sm != nil {
		s.add(goItem{kind: "type", goName: m.HeadersName, sig: "struct", origin: origin + " headers", pos: pos})
		s.add(goItem{kind: "method", goName: "Validate", owner: m.HeadersName, sig: "standard", pos: pos})
		headerFields(s, m.HeadersName, m.Headers, sm.Headers, "header of "+origin, pos)
	}
	if m.ResultName != "" && sm != nil {
		s.add(goItem{kind: "type", goName: m.ResultName, sig: "struct", origin: origin + " response headers", pos: pos})
		headerFields(s, m.ResultName, m.ResponseHeaders, sm.ResponseHeaders, "response header of "+origin, pos)
	}
}

func headerFields(s *surface, owner string, hs []*ir.Header, props []*schema.Property, what string, pos schema.Pos) {
	for _, h := range hs {
		hpos := pos
		for _, pr := range props {
			if strings.EqualFold(pr.Name, h.Wire) {
				hpos = pr.Pos
			}
		}
		t := goType(h.Type)
		if h.Type.Kind != ir.Slice && !h.Required {
			t = "Optional[" + t + "]"
		}
		s.add(goItem{kind: "field", goName: h.Name, owner: owner, sig: t, origin: fmt.Sprintf("%s %q", what, h.Wire), pos: hpos})
	}
}
