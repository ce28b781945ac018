package ir

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/sessiongen/sessiongen/schema/goname"
)

// Options tunes Build.
type Options struct {
	// Reserved lists package-level Go identifiers that the generator emits on
	// its own (support code, client types), each with what uses it. A schema
	// name that maps onto one is reported, never renamed.
	Reserved map[string]string
}

// clientNames are the package-level names the client emitter declares.
func clientNames(scheme schema.AuthScheme) []string {
	names := []string{"Client", "NewClient", "Option", "DefaultBaseURL", "APIError", "WithBaseURL",
		"WithHTTPClient", "WithUserAgent", "WithRetryPolicy", "WithMaxResponseBytes", "WithLogger",
		"NewFakeServer", "requestIDHeaders"}
	switch scheme {
	case schema.AuthBearer:
		names = append(names, "WithTokenSource")
	case schema.AuthBasic:
		names = append(names, "WithBasicAuth")
	case schema.AuthAPIKey:
		names = append(names, "WithAPIKey")
	}
	return names
}

// Methods every generated struct has; a property may not take these names.
var structMethods = []string{"Validate", "MarshalJSON", "UnmarshalJSON", "AppendJSON", "DecodeJSON", "String"}

// Build turns a validated schema file into the IR. Naming problems come back
// as schema.Diagnostics positioned at the schema text that caused them.
func Build(f *schema.File, opts Options) (*Package, error) {
	b := &builder{
		f:        f,
		names:    f.Namer(),
		opts:     opts,
		structs:  map[*schema.Type]*Struct{},
		enums:    map[*schema.Type]*Enum{},
		idents:   map[string]identOwner{},
		patterns: map[string]*Pattern{},
	}
	for name, what := range opts.Reserved {
		b.idents[name] = identOwner{what: what}
	}
	p := &Package{
		Name:       f.Package.Name,
		Dir:        path.Clean(f.Package.Path),
		SchemaPath: cmp.Or(f.ModuleRelPath, f.Path),
		Doc:        f.Package.Description,
	}
	if len(f.Resources) > 0 {
		if f.API.IdempotencyHeader != "" {
			b.idents["WithIdempotencyKey"] = identOwner{what: "the generated client"}
		}
		for _, name := range clientNames(f.API.Auth.Scheme) {
			b.idents[name] = identOwner{what: "the generated client"}
		}
	}
	b.declare(p)
	b.fill()
	p.API = b.api()
	for _, r := range f.Resources {
		p.Resources = append(p.Resources, b.resource(r))
	}
	b.linkParents(p)
	methodFacts(p, b.names)
	p.Structs = append(p.Structs, b.extra...)
	b.pointers(p)
	for _, s := range p.Structs {
		s.KeyFormat = keyFormat(s)
	}
	for _, r := range p.Resources {
		for _, m := range r.Methods {
			m.Copies = requestCopies(m)
		}
	}
	p.Routes = routes(p)
	p.Patterns = usedPatterns(p)
	return p, b.diags.Err()
}

type identOwner struct {
	pos  schema.Pos
	what string
}

type builder struct {
	f         *schema.File
	names     goname.Namer // the file's Go namer, with the API's initialisms
	opts      Options
	structs   map[*schema.Type]*Struct
	enums     map[*schema.Type]*Enum
	idents    map[string]identOwner // package-level Go names taken so far
	patterns  map[string]*Pattern   // by expression
	resources map[*schema.Resource]*Resource
	extra     []*Struct // request and parameter structs, in method order
	diags     schema.Diagnostics
}

func (b *builder) errorf(pos schema.Pos, format string, args ...any) {
	b.diags = append(b.diags, schema.Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// claim takes a package-level Go identifier, reporting a collision.
func (b *builder) claim(name string, pos schema.Pos, what string) {
	if prev, taken := b.idents[name]; taken {
		where := prev.what
		if prev.pos.Line > 0 {
			where = fmt.Sprintf("%s (line %d)", prev.what, prev.pos.Line)
		}
		b.errorf(pos, "%s needs Go name %s, which %s already uses", what, name, where)
		return
	}
	b.idents[name] = identOwner{pos: pos, what: what}
}

// declare names every type and enum constant, in schema order.
func (b *builder) declare(p *Package) {
	for _, t := range b.f.Types {
		name := t.GoIdent(b.names)
		what := fmt.Sprintf("type %q", t.Name)
		if t.IsEnum {
			e := &Enum{Name: name, Wire: t.Name, Doc: t.Description, Deprecated: t.Deprecated, Open: t.Open,
				ValuesFunc: name + "Values", Decoder: "decode" + name}
			b.claim(name, t.Pos, what)
			b.claim(e.ValuesFunc, t.Pos, what+" (its list of values)")
			for _, v := range t.Enum {
				ev := &EnumValue{Name: name + b.names.Exported(v.Value), Wire: v.Value, Doc: v.Description, Deprecated: v.Deprecated}
				b.claim(ev.Name, v.Pos, fmt.Sprintf("enum value %q of %s", v.Value, what))
				e.Values = append(e.Values, ev)
				if v.Value == t.Sentinel {
					e.Sentinel = ev
				}
			}
			b.enums[t] = e
			p.Enums = append(p.Enums, e)
			continue
		}
		s := &Struct{
			Name: name, Wire: t.Name, Doc: t.Description, Deprecated: t.Deprecated,
			Open: t.Open, Abstract: t.Abstract, DiscriminatorValue: t.DiscriminatorValue, IDPrefix: t.IDPrefix,
		}
		if len(t.Subtypes) > 0 {
			s.Interface = &Interface{
				Name:    name,
				Marker:  "is" + name,
				Unknown: "Unknown" + name,
				Root:    s,

				Decoder:   "decode" + name,
				Unmarshal: "Unmarshal" + name,
				Validator: "validate" + name,
			}
			b.claim(name, t.Pos, what+" (its interface)")
			b.claim(s.Interface.Unknown, t.Pos, what+" (its unknown-subtype holder)")
			b.claim(s.Interface.Unmarshal, t.Pos, what+" (its decoding function)")
			if !t.Abstract {
				s.Name = name + "Base"
				b.claim(s.Name, t.Pos, what+" (its own struct)")
			}
		} else {
			b.claim(name, t.Pos, what)
		}
		b.structs[t] = s
		p.Structs = append(p.Structs, s)
	}
}

// fill resolves bases, fields and hierarchies once every name exists.
func (b *builder) fill() {
	for _, t := range b.f.Types {
		s := b.structs[t]
		if s == nil {
			continue
		}
		if t.Base != nil && t.Base.Target != nil {
			s.Base = b.structs[t.Base.Target]
		}
		s.Fields = b.fields(t, s)
		// The key is declared on the type or inherited from the nearest base.
		for c := t; c != nil; c = baseType(c) {
			if c.Key == "" {
				continue
			}
			for _, fl := range s.Fields {
				if fl.Wire == c.Key {
					s.Key = fl
				}
			}
			break
		}
	}
	for _, t := range b.f.Types {
		s := b.structs[t]
		if s == nil || s.Interface == nil {
			continue
		}
		var walk func(t *schema.Type)
		walk = func(t *schema.Type) {
			if !t.Abstract {
				s.Interface.Concrete = append(s.Interface.Concrete, b.structs[t])
			}
			for _, sub := range t.Subtypes {
				walk(sub)
			}
		}
		walk(t)
	}
}

func baseType(t *schema.Type) *schema.Type {
	if t.Base == nil {
		return nil
	}
	return t.Base.Target
}

// fields returns the fields of t, inherited first.
func (b *builder) fields(t *schema.Type, s *Struct) []*Field {
	var chain []*schema.Type
	for c := t; c != nil; {
		chain = append(chain, c)
		if c.Base == nil || c.Base.Target == nil || len(chain) > len(b.f.Types) {
			break
		}
		c = c.Base.Target
	}
	taken := map[string]string{}
	for _, m := range structMethods {
		taken[m] = "the generated method " + m
	}
	if t.Open {
		taken["AdditionalProperties"] = "the field that keeps undeclared properties"
	}
	var out []*Field
	for i := len(chain) - 1; i >= 0; i-- {
		for _, p := range chain[i].Properties {
			fl := b.field(p, s.Name)
			if prev, ok := taken[fl.Name]; ok {
				b.errorf(p.Pos, "property %q of type %q needs Go name %s, which %s already uses", p.Name, t.Name, fl.Name, prev)
				continue
			}
			taken[fl.Name] = fmt.Sprintf("property %q", p.Name)
			out = append(out, fl)
		}
	}
	if fl := b.discriminatorField(t, taken); fl != nil {
		out = append([]*Field{fl}, out...)
	}
	return out
}

// discriminatorField returns the field that keeps the API's discriminator
// member on a type outside any hierarchy, or nil. A concrete type of a
// hierarchy writes its own discriminator value, and an unknown subtype keeps
// the object whole; a type without subtypes would otherwise drop the member
// (Graph sends "@odata.type" on most objects, failureInfo included), so it
// is declared on every such type, as an optional string written first,
// where Graph writes it. Its Go name is the wire name's, or that name with
// "Discriminator" appended when a property already has it.
func (b *builder) discriminatorField(t *schema.Type, taken map[string]string) *Field {
	disc := b.f.API.Discriminator
	if disc == "" || t.Base != nil || len(t.Subtypes) > 0 {
		return nil
	}
	name := b.names.Exported(disc)
	if _, ok := taken[name]; ok {
		name += "Discriminator"
	}
	if prev, ok := taken[name]; ok {
		b.errorf(t.Pos, "type %q: the api.discriminator %q needs Go name %s, which %s already uses", t.Name, disc, name, prev)
		return nil
	}
	taken[name] = fmt.Sprintf("the api.discriminator %q", disc)
	return &Field{
		Name:     name,
		Wire:     disc,
		Doc:      fmt.Sprintf("%s is the %q member (the API's discriminator) as received: this type has no subtypes, so the member is kept and sent back unchanged like any property.", name, disc),
		Type:     &Type{Kind: String},
		Optional: true,
	}
}

func (b *builder) field(p *schema.Property, owner string) *Field {
	fl := &Field{
		Name:         b.names.Exported(p.Name),
		Wire:         p.Name,
		Doc:          p.Description,
		Deprecated:   p.Deprecated,
		Type:         b.typ(&p.Type, owner+" "+b.names.Exported(p.Name)),
		Required:     p.Required,
		Nullable:     p.Nullable,
		Optional:     !p.Required || p.Nullable,
		ReadOnly:     p.ReadOnly,
		CreateOnly:   p.CreateOnly,
		PII:          p.PII,
		Relationship: p.Relationship,
		Format:       p.Format,
	}
	if p.Default != nil {
		fl.Default = p.Default.JSON
	}
	for _, e := range p.Examples {
		fl.Examples = append(fl.Examples, e.JSON)
	}
	return fl
}

// typ converts a type expression.
func (b *builder) typ(e *schema.TypeExpr, owner string) *Type {
	t := &Type{
		NonFinite:   e.NonFinite,
		MinLength:   e.MinLength,
		MaxLength:   e.MaxLength,
		MinItems:    e.MinItems,
		MaxItems:    e.MaxItems,
		UniqueItems: e.UniqueItems,
	}
	if e.Minimum != nil {
		t.Minimum = &Bound{Text: e.Minimum.Text}
	}
	if e.Maximum != nil {
		t.Maximum = &Bound{Text: e.Maximum.Text}
	}
	if e.Pattern != "" {
		t.Pattern = b.pattern(e.Pattern, owner)
	}
	switch e.Kind {
	case schema.KindString:
		t.Kind = String
	case schema.KindInt32:
		t.Kind = Int32
	case schema.KindInt64:
		t.Kind = Int64
	case schema.KindNumber:
		t.Kind = Float64
	case schema.KindFloat32:
		t.Kind = Float32
	case schema.KindBoolean:
		t.Kind = Bool
	case schema.KindDate:
		t.Kind = Date
	case schema.KindDateTime:
		t.Kind = DateTime
	case schema.KindDuration:
		t.Kind = Duration
	case schema.KindURI:
		t.Kind = URI
	case schema.KindUUID:
		t.Kind = UUID
	case schema.KindJSON:
		t.Kind = JSON
	case schema.KindArray:
		t.Kind = Slice
		t.Elem = b.typ(e.Items, owner+" item")
	case schema.KindMap:
		t.Kind = Map
		t.Elem = b.typ(e.Values, owner+" value")
	case schema.KindNamed:
		target := e.Ref.Target
		if en := b.enums[target]; en != nil {
			t.Kind = EnumRef
			t.Enum = en
		} else if s := b.structs[target]; s != nil && s.Interface != nil {
			t.Kind = InterfaceRef
			t.Interface = s.Interface
		} else {
			t.Kind = StructRef
			t.Struct = s
		}
	}
	return t
}

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9]+`)

// pattern returns the shared compiled-pattern variable for expr.
func (b *builder) pattern(expr, owner string) *Pattern {
	if p, ok := b.patterns[expr]; ok {
		return p
	}
	name := "pattern" + b.names.Exported(nonIdent.ReplaceAllString(owner, " "))
	for i := 2; ; i++ {
		if _, taken := b.idents[name]; !taken {
			break
		}
		name = fmt.Sprintf("pattern%s%d", b.names.Exported(nonIdent.ReplaceAllString(owner, " ")), i)
	}
	b.idents[name] = identOwner{what: "a pattern"}
	p := &Pattern{Var: name, Matcher: "match" + strings.ToUpper(name[:1]) + name[1:], Expr: expr}
	p.Fixed, _ = fixedShape(expr)
	b.patterns[expr] = p
	return p
}

// defaultRequestIDHeaders are the response headers that carry a request id
// in the bundled APIs (Graph, Twilio and common gateways), tried in order.
//
// TODO(issue 12): take them from the schema's api.requestIdHeaders
// (schema.API.RequestIDHeaders) once the format declares it, keeping this
// list only as the default of a schema that does not say.
var defaultRequestIDHeaders = []string{"Request-Id", "X-Ms-Request-Id", "Client-Request-Id", "Twilio-Request-Id", "X-Request-Id"}

func (b *builder) api() *API {
	a := b.f.API
	out := &API{
		BaseURL: a.BaseURL,
		Doc:     a.Description,
		Auth: Auth{
			Scheme:      AuthScheme(a.Auth.Scheme),
			Username:    a.Auth.Username,
			Password:    a.Auth.Password,
			UsernameArg: b.names.Unexported(a.Auth.Username),
			PasswordArg: b.names.Unexported(a.Auth.Password),
			Header:      a.Auth.Header,
		},
		Encoding:          Encoding(a.Encoding),
		Discriminator:     a.Discriminator,
		RetryNotProcessed: a.RetryNotProcessed,
		IdempotencyHeader: a.IdempotencyHeader,
		RequestIDHeaders:  defaultRequestIDHeaders,
	}
	if pg := a.Pagination; pg != nil {
		out.Pagination = &Pagination{
			Style:      PaginationStyle(pg.Style),
			Next:       pg.Next,
			SizeParam:  pg.SizeParam,
			PageParam:  pg.PageParam,
			FirstPage:  pg.FirstPage,
			TotalPages: pg.TotalPages,
			TotalCount: pg.TotalCount,
		}
	}
	if e := a.Errors; e != nil {
		if e.Type != nil && e.Type.Target != nil {
			out.ErrorType = b.structs[e.Type.Target]
		}
		shape := &ErrorShape{Code: e.Code, Message: e.Message, RequestID: e.RequestID}
		for _, c := range e.Codes {
			shape.Codes = append(shape.Codes, ErrorCode{Status: c.Status, Code: c.Code, Number: c.Number})
		}
		shape.CodeField = pathField(out.ErrorType, e.Code)
		if fl := shape.CodeField; fl != nil {
			shape.CodeIsNumber = fl.Type.Kind == Int32 || fl.Type.Kind == Int64
		}
		out.ErrorShape = shape
	}
	return out
}

// pathField returns the field of st that a JSON path ends at, following
// nested structs; nil when the path does not end at a declared field.
func pathField(st *Struct, path []string) *Field {
	if st == nil || len(path) == 0 {
		return nil
	}
	for i, name := range path {
		var field *Field
		for _, fl := range st.Fields {
			if fl.Wire == name {
				field = fl
			}
		}
		if field == nil {
			return nil
		}
		if i == len(path)-1 {
			return field
		}
		if field.Type.Kind != StructRef {
			return nil
		}
		st = field.Type.Struct
	}
	return nil
}

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
// themselves, which a path parameter's argument name must not shadow.
var clientLocals = map[string]bool{"c": true, "ctx": true, "params": true, "req": true, "call": true, "resp": true,
	"err": true, "v": true, "body": true, "form": true, "query": true, "fetch": true, "yield": true,
	"vs": true, "root": true, "fp": true}

// argName is the Go parameter name of the path parameter named wire.
func (b *builder) argName(wire string) string {
	n := b.names.Unexported(wire)
	if clientLocals[n] {
		n += "Arg"
	}
	return n
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
		st := &Struct{Role: RoleParams, Name: prefix + "Params", Wire: m.Name + " query",
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
			st := &Struct{Role: RoleRequest, Name: prefix + "Request", Wire: m.Name + " request",
				Doc: fmt.Sprintf("%s is the request body of %s.%s.", prefix+"Request", res.ClientName, out.Name)}
			b.claim(st.Name, m.Pos, fmt.Sprintf("method %q (its request body)", m.Name))
			st.Fields = b.propertyFields(m.Body.Fields, st.Name, fmt.Sprintf("method %q body", m.Name))
			body.Struct = st
			body.Inline = true
			b.extra = append(b.extra, st)
		}
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

// propertyFields converts request fields or query parameters into struct
// fields, reporting Go-name collisions.
func (b *builder) propertyFields(props []*schema.Property, owner, what string) []*Field {
	taken := map[string]string{}
	for _, m := range structMethods {
		taken[m] = "the generated method " + m
	}
	var out []*Field
	for _, p := range props {
		fl := b.field(p, owner)
		if prev, ok := taken[fl.Name]; ok {
			b.errorf(p.Pos, "%s: %q needs Go name %s, which %s already uses", what, p.Name, fl.Name, prev)
			continue
		}
		taken[fl.Name] = fmt.Sprintf("%q", p.Name)
		out = append(out, fl)
	}
	return out
}

// pointers marks struct fields that would make a Go type contain itself by
// value (a recursive schema) so they are held by pointer instead.
func (b *builder) pointers(p *Package) {
	edges := func(s *Struct) []*Field {
		var out []*Field
		for _, f := range s.Fields {
			if f.Type.Kind == StructRef && f.Type.Struct != nil {
				out = append(out, f)
			}
		}
		return out
	}
	reaches := func(from, to *Struct) bool {
		seen := map[*Struct]bool{}
		stack := []*Struct{from}
		for len(stack) > 0 {
			s := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if s == to {
				return true
			}
			if seen[s] {
				continue
			}
			seen[s] = true
			for _, f := range edges(s) {
				stack = append(stack, f.Type.Struct)
			}
		}
		return false
	}
	for _, s := range p.Structs {
		for _, f := range edges(s) {
			if reaches(f.Type.Struct, s) {
				f.Type.Pointer = true
			}
		}
	}
}

// DocLines splits a description into comment lines without trailing space.
func DocLines(doc string) []string {
	doc = strings.TrimSpace(doc)
	if doc == "" {
		return nil
	}
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return lines
}

// requestCopies pairs the fields of a create or update method's own request
// body with the resource fields of the same Go name and type, which the
// generated fake copies onto the stored resource.
func requestCopies(m *Method) []FieldCopy {
	if (m.Kind != MethodCreate && m.Kind != MethodUpdate) || m.Body == nil || !m.Body.Inline {
		return nil
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

// usedPatterns returns the patterns of struct fields (and their elements),
// then of path parameters, each once.
func usedPatterns(p *Package) []*Pattern {
	seen := map[*Pattern]bool{}
	var out []*Pattern
	collect := func(t *Type) {
		for ; t != nil; t = t.Elem {
			if t.Pattern != nil && !seen[t.Pattern] {
				seen[t.Pattern] = true
				out = append(out, t.Pattern)
			}
		}
	}
	for _, s := range p.Structs {
		for _, fl := range s.Fields {
			collect(fl.Type)
		}
	}
	for _, r := range p.Resources {
		for _, m := range r.Methods {
			for _, pp := range m.PathParams {
				collect(pp.Type)
			}
		}
	}
	return out
}
