package ir

import (
	"cmp"
	"fmt"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/sessiongen/sessiongen/schema/goname"
)

func (b *builder) resource(r *schema.Resource) *Resource {
	if b.resources == nil {
		b.resources = map[*schema.Resource]*Resource{}
	}
	out := &Resource{
		Name:       b.names.Exported(r.Name),
		ClientName: b.names.Exported(r.Name) + "Client",
		Wire:       r.Name,
		Doc:        r.Description,
		Path:       r.Path,
	}
	b.claim(out.ClientName, r.Pos, fmt.Sprintf("resource %q (its client)", r.Name))
	if r.Type != nil && r.Type.Target != nil {
		out.Type = b.structs[r.Type.Target]
	}
	for _, p := range r.Params {
		out.Params = append(out.Params, b.param(p, true))
	}
	for a := parentOf(r); a != nil; a = parentOf(a) {
		var ps []*Param
		for _, p := range a.Params {
			ps = append(ps, b.param(p, true))
		}
		out.Bound = append(ps, out.Bound...)
	}
	for _, m := range r.Methods {
		out.Methods = append(out.Methods, b.method(r, out, m))
	}
	b.resources[r] = out
	return out
}

func parentOf(r *schema.Resource) *schema.Resource {
	if r.Parent == nil {
		return nil
	}
	return r.Parent.Target
}

func (b *builder) linkParents(p *Package) {
	for _, r := range b.f.Resources {
		if a := parentOf(r); a != nil {
			parent := b.resources[a]
			b.resources[r].Parent = parent
			parent.Children = append(parent.Children, b.resources[r])
		}
	}
	// A resource client's exported methods: one per schema method, a Page
	// variant per list method, and an accessor per child resource.
	for _, r := range b.f.Resources {
		taken := map[string]string{}
		take := func(name string, pos schema.Pos, what string) {
			if prev, ok := taken[name]; ok {
				b.errorf(pos, "%s needs Go name %s on %s, which %s already uses", what, name, b.resources[r].ClientName, prev)
				return
			}
			taken[name] = what
		}
		for i, m := range r.Methods {
			im := b.resources[r].Methods[i]
			take(im.Name, m.Pos, fmt.Sprintf("method %q", m.Name))
			if im.Response != nil && im.Response.Paged {
				take(im.Name+"Page", m.Pos, fmt.Sprintf("method %q (its single-page variant)", m.Name))
			}
		}
		for _, child := range b.f.Resources {
			if parentOf(child) == r {
				take(b.resources[child].Name, child.Pos, fmt.Sprintf("resource %q (its accessor)", child.Name))
			}
		}
	}
}

func (b *builder) param(p *schema.Property, required bool) *Param {
	out := &Param{
		Name:     b.names.Exported(p.Name),
		Wire:     p.Name,
		Doc:      p.Description,
		Type:     b.typ(&p.Type, "param "+b.names.Exported(p.Name)),
		Required: required || p.Required,
		Explode:  p.Explode == nil || *p.Explode,
	}
	out.ArgName = b.argName(p.Name)
	out.BoundField = "bound" + out.Name
	if p.Default != nil {
		out.Default = p.Default.JSON
	}
	return out
}

// clientLocals are the identifiers generated client methods use for
// themselves, and the packages they name, which a path parameter's argument
// name must not shadow.
var clientLocals = map[string]bool{"c": true, "ctx": true, "params": true, "req": true, "call": true, "resp": true,
	"err": true, "v": true, "body": true, "form": true, "query": true, "fetch": true, "yield": true,
	"vs": true, "root": true, "fp": true, "headers": true, "h": true, "b": true, "d": true, "k": true,
	"ok": true, "s": true, "u": true, "zero": true,
	"bytes": true, "context": true, "errors": true, "fmt": true, "http": true, "iter": true, "json": true,
	"math": true, "slices": true, "strconv": true, "strings": true, "sync": true, "time": true, "url": true,
	"io": true, "utf8": true, "sessiongenrt": true, "sessiongenfake": true}

// clientHelperPrefixes begin the names of the package-level helpers the
// generator writes beside the client (fetchItems, readSessionsPage,
// matchPatternSID, decodeSession, ...), followed by an upper-case letter.
var clientHelperPrefixes = []string{"fetch", "read", "decode", "encode", "matchPattern", "append"}

// argName is the Go parameter name of the path parameter named wire: its
// unexported Go name, with "Arg" added when that would shadow, in the
// method's body, one of the method's own locals, a package it uses, a
// predeclared identifier (string, len, nil), a support declaration (send,
// receiveInto, paginate) or a generated helper.
func (b *builder) argName(wire string) string {
	n := b.names.Unexported(wire)
	if b.shadowsInClient(n) {
		n += "Arg"
	}
	return n
}

// shadowsInClient reports whether a parameter named n would shadow an
// identifier generated client code uses (see argName).
func (b *builder) shadowsInClient(n string) bool {
	if clientLocals[n] || types.Universe.Lookup(n) != nil {
		return true
	}
	if _, ok := b.opts.Reserved[n]; ok {
		return true
	}
	for _, prefix := range clientHelperPrefixes {
		if rest, ok := strings.CutPrefix(n, prefix); ok && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
			return true
		}
	}
	return false
}

var templateParam = regexp.MustCompile(`\{([^{}]*)\}`)

func (b *builder) method(r *schema.Resource, res *Resource, m *schema.Method) *Method {
	out := &Method{
		Name:       b.names.Exported(m.Name),
		Wire:       m.Name,
		Doc:        m.Description,
		Deprecated: m.Deprecated,
		HTTP:       m.HTTP,
		Path:       m.Path,
	}
	out.PageName = out.Name + "Page"
	out.CallName = lowerFirst(out.Name) + "Call"
	out.FetchName = "fetch" + out.Name
	// GET, PUT and DELETE are idempotent, so retried; others only when the
	// schema says so.
	switch m.HTTP {
	case "GET", "PUT", "DELETE":
		out.Retryable = true
	}
	if m.RetrySafe != nil {
		out.Retryable = *m.RetrySafe
	}
	// Parameters in scope: the method's, then its resource's, then ancestors'.
	scope := map[string]*schema.Property{}
	bound := map[string]bool{}
	for a := r; a != nil; a = parentOf(a) {
		for _, p := range a.Params {
			if _, shadowed := scope[p.Name]; !shadowed {
				scope[p.Name] = p
				bound[p.Name] = a != r
			}
		}
	}
	for _, p := range m.Params {
		scope[p.Name] = p
		bound[p.Name] = false
	}
	argNames := map[string]bool{}
	at := 0
	for _, loc := range templateParam.FindAllStringSubmatchIndex(m.Path, -1) {
		if loc[0] > at {
			out.PathParts = append(out.PathParts, PathPart{Literal: m.Path[at:loc[0]]})
		}
		at = loc[1]
		p := scope[m.Path[loc[2]:loc[3]]]
		if p == nil {
			continue
		}
		param := b.param(p, true)
		param.Bound = bound[p.Name]
		out.PathParams = append(out.PathParams, param)
		out.PathParts = append(out.PathParts, PathPart{Param: param})
		if !bound[p.Name] {
			out.Args = append(out.Args, param)
			if argNames[param.Name] {
				b.errorf(m.PathPos, "method %q: two path parameters become Go name %s", m.Name, param.Name)
			}
			argNames[param.Name] = true
		}
	}
	if at < len(m.Path) {
		out.PathParts = append(out.PathParts, PathPart{Literal: m.Path[at:]})
	}
	prefix := res.Name + out.Name
	for _, q := range m.Query {
		out.Query = append(out.Query, b.param(q, false))
	}
	if len(m.Query) > 0 {
		st := &Struct{Role: RoleParams, Name: prefix + "Params", Wire: m.Name + " query", Discriminator: b.f.API.Discriminator,
			Doc: fmt.Sprintf("%s holds the query parameters of %s.%s.", prefix+"Params", res.ClientName, out.Name)}
		b.claim(st.Name, m.Pos, fmt.Sprintf("method %q (its query parameters)", m.Name))
		st.Fields = b.propertyFields(m.Query, st.Name, fmt.Sprintf("method %q", m.Name))
		explode := map[string]bool{}
		for _, q := range out.Query {
			explode[q.Wire] = q.Explode
		}
		for _, fl := range st.Fields {
			fl.Explode = explode[fl.Wire]
		}
		out.Params = st
		b.extra = append(b.extra, st)
	}
	if m.Body != nil {
		body := &Body{Encoding: Encoding(cmp.Or(m.Body.Encoding, b.f.API.Encoding))}
		if m.Body.Type != nil && m.Body.Type.Target != nil {
			body.Struct = b.structs[m.Body.Type.Target]
			if body.Struct != nil && body.Struct.Interface != nil {
				// The body would be an interface: which subtype to send is the
				// caller's choice, which a typed method cannot express yet.
				b.errorf(m.Body.Type.Pos, "method %q body: type %q has subtypes; a request body must be a type without subtypes (use one of them)", m.Name, m.Body.Type.Name)
			}
		}
		if len(m.Body.Fields) > 0 || m.Body.Type == nil {
			st := &Struct{Role: RoleRequest, Name: prefix + "Request", Wire: m.Name + " request", Discriminator: b.f.API.Discriminator,
				Doc: fmt.Sprintf("%s is the request body of %s.%s.", prefix+"Request", res.ClientName, out.Name)}
			b.claim(st.Name, m.Pos, fmt.Sprintf("method %q (its request body)", m.Name))
			st.Fields = b.propertyFields(m.Body.Fields, st.Name, fmt.Sprintf("method %q body", m.Name))
			st.Rules = structRules(m.Body.Rules, st.Fields)
			body.Struct = st
			body.Inline = true
			b.extra = append(b.extra, st)
		}
		b.updateBody(m, body)
		out.Body = body
	}
	if m.Response != nil {
		resp := &Response{Binary: m.Response.Binary, Paged: m.Response.Paged, Items: m.Response.Items}
		if m.Response.Type != nil && m.Response.Type.Target != nil {
			resp.Struct = b.structs[m.Response.Type.Target]
			resp.Type = b.typ(&schema.TypeExpr{Kind: schema.KindNamed, Ref: m.Response.Type}, "response")
		}
		out.Response = resp
	}
	out.Kind = methodKind(res, out)
	b.methodHTTP(res, m, out)
	return out
}

// lowerFirst lowers the first letter of an exported Go name: Delete is delete.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// methodKind says what m does to its resource r: creates and updates are
// recognised by their path (the resource's collection, or one instance of
// it), and anything else is an action.
func methodKind(r *Resource, m *Method) MethodKind {
	collection := strings.TrimSuffix(r.Path, "/")
	path := strings.TrimSuffix(m.Path, "/")
	instance := strings.HasPrefix(path, collection+"/{") && strings.HasSuffix(path, "}") &&
		!strings.Contains(path[len(collection)+1:], "/")
	// A polymorphic resource cannot be built from a request: the fake only
	// answers what a test stored.
	hasModel := m.Response != nil && m.Response.Struct != nil && m.Response.Struct == r.Type && r.Type.Interface == nil
	switch {
	case m.HTTP == "DELETE":
		return MethodDelete
	case m.HTTP == "GET" && m.Response != nil && m.Response.Paged:
		return MethodList
	case m.HTTP == "GET" && m.Response != nil && !m.Response.Binary:
		return MethodGet
	case m.Body != nil && hasModel && path == collection && m.HTTP == "POST":
		return MethodCreate
	case m.Body != nil && hasModel && instance:
		return MethodUpdate
	}
	return MethodAction
}

// methodFacts records what the package's methods need of shared
// declarations: which structs are sent as bodies, with which encoding, and
// the page readers of list methods in first-use order.
func methodFacts(p *Package, names goname.Namer) {
	readers := map[string]*PageReader{}
	taken := map[string]bool{}
	for _, r := range p.Resources {
		for _, m := range r.Methods {
			if m.Body != nil && m.Body.Struct != nil {
				switch m.Body.Encoding {
				case EncodingJSON:
					m.Body.Struct.SentJSON = true
				case EncodingForm:
					m.Body.Struct.SentForm = true
				}
			}
			if m.Response == nil || !m.Response.Paged {
				continue
			}
			pr := readers[m.Response.Items]
			if pr == nil {
				name := "read" + names.Exported(m.Response.Items) + "Page"
				for taken[name] {
					name += "_"
				}
				taken[name] = true
				pr = &PageReader{Name: name, Items: m.Response.Items}
				readers[m.Response.Items] = pr
				p.API.PageReaders = append(p.API.PageReaders, pr)
			}
			m.Response.PageReader = pr
		}
	}
}

// BodyIsResource reports whether m sends the resource it answers with as
// its JSON body, whole: the fake applies such a body to the stored resource
// directly, and copies the fields of any other.
func (m *Method) BodyIsResource() bool {
	return m.Body != nil && m.Body.Model == nil && m.Response != nil &&
		m.Body.Struct == m.Response.Struct && m.Body.Encoding != EncodingForm
}

// requestCopies pairs the fields of a create or update method's request body
// of its own (the method's fields, or a type other than the resource's) with
// the resource fields of the same Go name and type, which the generated fake
// copies onto the stored resource.
func requestCopies(m *Method) []FieldCopy {
	if (m.Kind != MethodCreate && m.Kind != MethodUpdate) || m.Body == nil || m.Body.Model != nil ||
		m.Response == nil || m.Response.Struct == nil || m.BodyIsResource() {
		return nil // no body, a merge patch, or the resource itself: nothing to copy
	}
	byName := map[string]*Field{}
	for _, fl := range m.Response.Struct.Fields {
		byName[fl.Name] = fl
	}
	var out []FieldCopy
	for _, rf := range m.Body.Struct.Fields {
		if mf := byName[rf.Name]; mf != nil && sameType(rf.Type, mf.Type) {
			out = append(out, FieldCopy{From: rf, To: mf})
		}
	}
	return out
}

// sameType reports whether two IR types have the same Go type.
func sameType(a, b *Type) bool {
	if a.Kind != b.Kind {
		// uri and uuid are strings in Go too.
		str := func(k TypeKind) bool { return k == String || k == URI || k == UUID }
		return str(a.Kind) && str(b.Kind)
	}
	switch a.Kind {
	case Slice, Map:
		return sameType(a.Elem, b.Elem)
	case StructRef:
		return a.Struct == b.Struct && a.Pointer == b.Pointer
	case InterfaceRef:
		return a.Interface == b.Interface
	case EnumRef:
		return a.Enum == b.Enum
	}
	return true
}

// routes returns every method, literal path segments before parameters at
// the first place two paths differ in kind, else in schema order.
func routes(p *Package) []*Method {
	var out []*Method
	for _, r := range p.Resources {
		out = append(out, r.Methods...)
	}
	literalFirst := func(a, b []string) bool {
		for i := 0; i < len(a) && i < len(b); i++ {
			pa, pb := strings.HasPrefix(a[i], "{"), strings.HasPrefix(b[i], "{")
			if pa != pb {
				return !pa
			}
		}
		return false
	}
	sort.SliceStable(out, func(i, j int) bool {
		return literalFirst(strings.Split(out[i].Path, "/"), strings.Split(out[j].Path, "/"))
	})
	return out
}
