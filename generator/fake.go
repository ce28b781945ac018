package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// genFake emits NewFakeServer into the fake package (<pkg>fake beside the
// package, as net/http/httptest beside net/http, so that production binaries
// do not link it): the API's routes over the generic in-memory FakeServer of
// the support code, with the request-to-resource mapping of every create and
// update method, so downstream tests can run the real client against
// httptest.NewServer(<pkg>fake.NewFakeServer()). It reaches the package
// through its exported API only; own qualifies the package's names.
func genFake(f *jen.File, p *ir.Package, own func(string) *jen.Statement) {
	pg := p.API.Pagination
	cfg := jen.Dict{}
	set := func(key string, v jen.Code) { cfg[jen.Id(key)] = v }
	setPath := func(key string, path []string) {
		if len(path) > 0 {
			set(key, stringList(path))
		}
	}
	if pg != nil {
		set("PaginationStyle", jen.Lit(string(pg.Style)))
		setPath("NextPath", pg.Next)
		if pg.SizeParam != "" {
			set("SizeParam", jen.Lit(pg.SizeParam))
		}
		if pg.PageParam != "" {
			set("PageParam", jen.Lit(pg.PageParam))
		}
		if pg.FirstPage != 0 {
			set("FirstPage", jen.Lit(pg.FirstPage))
		}
		setPath("TotalPagesPath", pg.TotalPages)
		setPath("TotalCountPath", pg.TotalCount)
	}
	if e := p.API.ErrorShape; e != nil {
		setPath("ErrorCodePath", e.Code)
		setPath("ErrorMessagePath", e.Message)
		if e.CodeIsNumber {
			set("ErrorCodeIsNumber", jen.True())
		}
		if len(e.Codes) > 0 {
			codes := jen.Dict{}
			for _, c := range e.Codes {
				codes[jen.Lit(c.Status)] = jen.Lit(c.Code)
			}
			set("ErrorCodes", jen.Map(jen.Int()).String().Values(codes))
		}
	}
	if shapes := fakeErrorShapes(p.API); shapes != nil {
		set("ErrorShapes", shapes)
	}
	f.Comment("NewFakeServer returns an in-memory fake of the API for tests. It serves every")
	f.Comment("method with the API's wire format, paging and error bodies:")
	f.Comment("")
	f.Comment("\tsrv := httptest.NewServer(" + fakePackageName(p) + ".NewFakeServer())")
	f.Comment("\tdefer srv.Close()")
	f.Comment("\tclient, err := " + p.Name + ".NewClient(" + p.Name + ".WithBaseURL(srv.URL))")
	f.Comment("")
	f.Comment("Create methods store the resource they build from the request (with a new key);")
	f.Comment("get, list, update and delete work on what is stored. Answers of other methods are")
	f.Comment("seeded with Put or PutRaw at the exact request path.")
	f.Func().Id("NewFakeServer").Params().Op("*").Id("FakeServer").BlockFunc(func(g *jen.Group) {
		if hasCreate(p) {
			g.Comment("keys numbers the resources created, for their keys.")
			g.Var().Id("keys").Qual("sync/atomic", "Int64")
		}
		g.Return(jen.Id("newFake").Call(jen.Id("fakeConfig").Values(cfg), jen.Index().Id("fakeRouteSpec").Values(fakeRoutes(p, own)...)))
	})
	f.Line()
	for _, s := range p.Structs {
		if s.SentForm {
			genFormDecoder(f, s, own)
		}
	}
}

func hasCreate(p *ir.Package) bool {
	for _, m := range p.Routes {
		if m.Kind == ir.MethodCreate {
			return true
		}
	}
	return false
}

func stringList(path []string) jen.Code {
	if len(path) == 0 {
		return jen.Nil()
	}
	var items []jen.Code
	for _, s := range path {
		items = append(items, jen.Lit(s))
	}
	return jen.Index().String().Values(items...)
}

// fakePackageName is the name (and folder) of p's fake package.
func fakePackageName(p *ir.Package) string { return p.Name + "fake" }

// fakeKinds are the support code's names of what the fake does per method kind.
var fakeKinds = map[ir.MethodKind]string{
	ir.MethodAction: "fakeAction",
	ir.MethodGet:    "fakeGet",
	ir.MethodList:   "fakeList",
	ir.MethodCreate: "fakeCreate",
	ir.MethodUpdate: "fakeUpdate",
	ir.MethodDelete: "fakeDelete",
}

// fakeRoutes returns the route literals in the IR's route order.
func fakeRoutes(p *ir.Package, own func(string) *jen.Statement) []jen.Code {
	var out []jen.Code
	for _, m := range p.Routes {
		out = append(out, fakeRoute(p, m, own))
	}
	return out
}

// fakeRoute returns the fakeRouteSpec literal of one method.
func fakeRoute(p *ir.Package, m *ir.Method, own func(string) *jen.Statement) jen.Code {
	d := jen.Dict{jen.Id("Method"): jen.Lit(m.HTTP), jen.Id("Pattern"): jen.Lit(m.Path)}
	switch m.Kind {
	case ir.MethodList:
		d[jen.Id("Items")] = jen.Lit(m.Response.Items)
	case ir.MethodCreate:
		d[jen.Id("Apply")] = fakeApply(m, m.Response.Struct, true, own)
	case ir.MethodUpdate:
		d[jen.Id("Apply")] = fakeApply(m, m.Response.Struct, false, own)
	}
	d[jen.Id("Kind")] = jen.Id(fakeKinds[m.Kind])
	if len(m.Statuses) > 0 {
		// The fake answers as the API documents: its first success status.
		d[jen.Id("Status")] = jen.Lit(m.Statuses[0])
	}
	return jen.Values(d)
}

// fakeApply returns the closure that builds the stored resource from a
// request: request fields are copied onto the resource field with the same Go
// name and type, and a created resource gets a new key.
func fakeApply(m *ir.Method, model *ir.Struct, create bool, own func(string) *jen.Statement) jen.Code {
	body := m.Body
	return jen.Func().Params(jen.Id("existing").Index().Byte(), jen.Id("contentType").String(), jen.Id("data").Index().Byte()).Params(jen.Index().Byte(), jen.String(), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Var().Id("obj").Add(own(model.Name))
		if body.Model == nil {
			g.If(jen.Id("existing").Op("!=").Nil()).Block(
				jen.If(jen.Err().Op(":=").Id("obj").Dot("UnmarshalJSON").Call(jen.Id("existing")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err())),
			)
		} else {
			// A partial update is a JSON merge patch of the stored resource;
			// the merged resource is whole again, decoded as a response is.
			g.List(jen.Id("merged"), jen.Err()).Op(":=").Id("mergePatch").Call(jen.Id("existing"), jen.Id("data"))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
			g.If(jen.Err().Op(":=").Id("obj").Dot("UnmarshalJSON").Call(jen.Id("merged")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
		}
		switch {
		case body.Model != nil:
		case m.BodyIsResource():
			// The body is the resource itself: members sent replace stored ones.
			g.If(jen.Err().Op(":=").Id("obj").Dot("ApplyRequestJSON").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
		default:
			// A body of its own (the method's fields, or another type than
			// the resource's): read whole, then copied field by field.
			req := body.Struct
			g.Var().Id("req").Add(own(req.Name))
			switch {
			case body.Encoding == ir.EncodingForm:
				g.List(jen.Id("values"), jen.Err()).Op(":=").Qual("net/url", "ParseQuery").Call(jen.String().Call(jen.Id("data")))
				g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
				g.If(jen.Err().Op(":=").Id(formDecoderName(req)).Call(jen.Op("&").Id("req"), jen.Id("values")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
			case requestBodyType(req):
				// A schema type sent whole: read as a server reads it
				// (read-only fields may be absent).
				g.If(jen.Err().Op(":=").Id("req").Dot("ApplyRequestJSON").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
			default:
				g.If(jen.Err().Op(":=").Id("req").Dot("UnmarshalJSON").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
			}
			g.If(jen.Err().Op(":=").Id("req").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
			for _, c := range m.Copies {
				g.Add(copyField(c.From, c.To, own))
			}
		}
		key := model.Key
		if model.KeyFormat == "" {
			g.List(jen.Id("out"), jen.Err()).Op(":=").Id("obj").Dot("AppendJSON").Call(jen.Nil())
			if create {
				g.Return(jen.Id("out"), jen.Qual("strconv", "FormatInt").Call(jen.Id("keys").Dot("Add").Call(jen.Lit(1)), jen.Lit(10)), jen.Err())
			} else {
				g.Return(jen.Id("out"), jen.Lit(""), jen.Err())
			}
			return
		}
		if create {
			g.Id("key").Op(":=").Qual("fmt", "Sprintf").Call(jen.Lit(model.KeyFormat), jen.Id("keys").Dot("Add").Call(jen.Lit(1)))
			if key.Optional {
				g.Id("obj").Dot(key.Name).Op("=").Add(own("Some")).Call(jen.Id("key"))
			} else {
				g.Id("obj").Dot(key.Name).Op("=").Id("key")
			}
			g.List(jen.Id("out"), jen.Err()).Op(":=").Id("obj").Dot("AppendJSON").Call(jen.Nil())
			g.Return(jen.Id("out"), jen.Id("key"), jen.Err())
			return
		}
		g.List(jen.Id("out"), jen.Err()).Op(":=").Id("obj").Dot("AppendJSON").Call(jen.Nil())
		g.Return(jen.Id("out"), jen.Lit(""), jen.Err())
	})
}

// copyField copies request field rf onto model field mf, keeping absent,
// null and value apart.
func copyField(rf, mf *ir.Field, own func(string) *jen.Statement) jen.Code {
	src := jen.Id("req").Dot(rf.Name)
	dst := jen.Id("obj").Dot(mf.Name)
	set := func(x jen.Code) jen.Code {
		if mf.Optional {
			return dst.Clone().Op("=").Add(own("Some")).Types(goTypeIn(mf.Type, own)).Call(x)
		}
		return dst.Clone().Op("=").Add(x)
	}
	if rf.NilAbsent {
		return jen.If(src.Clone().Op("!=").Nil()).Block(set(src))
	}
	if !rf.Optional {
		return set(src)
	}
	stmt := jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(src).Dot("Get").Call(), jen.Id("ok")).Block(set(jen.Id("x")))
	if mf.Optional && mf.Nullable {
		stmt = stmt.Else().If(src.Clone().Dot("IsNull").Call()).Block(dst.Clone().Op("=").Add(own("Null")).Types(goTypeIn(mf.Type, own)).Call())
	}
	return stmt
}

// formDecoderName names the fake's reader of the form body s.
func formDecoderName(s *ir.Struct) string { return "decodeForm" + s.Name }

// genFormDecoder emits decodeForm<Request>, the inverse of the client's
// encodeForm, which the fake uses to read form bodies.
func genFormDecoder(f *jen.File, s *ir.Struct, own func(string) *jen.Statement) {
	name := formDecoderName(s)
	f.Commentf("%s reads the fields of a form body into v.", name)
	f.Func().Id(name).Params(jen.Id("v").Op("*").Add(own(s.Name)), jen.Id("q").Qual("net/url", "Values")).Error().BlockFunc(func(g *jen.Group) {
		for _, fl := range s.Fields {
			g.Add(formFieldDecoder(fl, own))
		}
		g.Return(jen.Nil())
	})
	f.Line()
}

func formFieldDecoder(fl *ir.Field, own func(string) *jen.Statement) jen.Code {
	wrap := func(err jen.Code) jen.Code {
		return jen.Qual("fmt", "Errorf").Call(jen.Lit("form field %q: %w"), jen.Lit(fl.Wire), err)
	}
	set := func(x jen.Code) jen.Code {
		if fl.Optional {
			return jen.Id("v").Dot(fl.Name).Op("=").Add(own("Some")).Types(goTypeIn(fl.Type, own)).Call(x)
		}
		return jen.Id("v").Dot(fl.Name).Op("=").Add(x)
	}
	var read []jen.Code
	if fl.Type.Kind == ir.Slice {
		read = []jen.Code{
			jen.Id("list").Op(":=").Make(goTypeIn(fl.Type, own), jen.Lit(0), jen.Len(jen.Id("vs"))),
			jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("vs")).Block(
				jen.List(jen.Id("x"), jen.Err()).Op(":=").Add(parseText(fl.Type.Elem, jen.Id("s"), own)),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(wrap(jen.Err()))),
				jen.Id("list").Op("=").Append(jen.Id("list"), jen.Id("x")),
			),
			set(jen.Id("list")),
		}
	} else {
		read = []jen.Code{
			jen.List(jen.Id("x"), jen.Err()).Op(":=").Add(parseText(fl.Type, jen.Id("vs").Index(jen.Lit(0)), own)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(wrap(jen.Err()))),
			set(jen.Id("x")),
		}
	}
	body := read
	if fl.Optional && fl.Nullable && fl.Type.Kind != ir.Slice {
		body = []jen.Code{jen.If(jen.Id("vs").Index(jen.Lit(0)).Op("==").Lit("")).Block(
			jen.Id("v").Dot(fl.Name).Op("=").Add(own("Null")).Types(goTypeIn(fl.Type, own)).Call(),
		).Else().Block(read...)}
	}
	return jen.If(jen.List(jen.Id("vs"), jen.Id("ok")).Op(":=").Id("q").Index(jen.Lit(fl.Wire)), jen.Id("ok").Op("&&").Len(jen.Id("vs")).Op(">").Lit(0)).Block(body...)
}

// parseText returns an expression of type (T, error) parsing form text s.
func parseText(t *ir.Type, s jen.Code, own func(string) *jen.Statement) jen.Code {
	wrapConv := func(conv jen.Code, call jen.Code) jen.Code {
		// func() (T, error) { n, err := call; return T(n), err }()
		return jen.Func().Params().Params(goTypeIn(t, own), jen.Error()).Block(
			jen.List(jen.Id("n"), jen.Err()).Op(":=").Add(call),
			jen.Return(jen.Add(conv).Call(jen.Id("n")), jen.Err()),
		).Call()
	}
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return jen.List(s, jen.Error().Call(jen.Nil()))
	case ir.EnumRef:
		return jen.List(own(t.Enum.Name).Call(s), jen.Error().Call(jen.Nil()))
	case ir.JSON:
		return jen.List(jen.Qual("encoding/json", "RawMessage").Call(s), jen.Error().Call(jen.Nil()))
	case ir.Int32:
		return wrapConv(jen.Int32(), jen.Qual("strconv", "ParseInt").Call(s, jen.Lit(10), jen.Lit(32)))
	case ir.Int64:
		return jen.Qual("strconv", "ParseInt").Call(s, jen.Lit(10), jen.Lit(64))
	case ir.Float64:
		return jen.Qual("strconv", "ParseFloat").Call(s, jen.Lit(64))
	case ir.Float32:
		return wrapConv(jen.Float32(), jen.Qual("strconv", "ParseFloat").Call(s, jen.Lit(32)))
	case ir.Bool:
		return jen.Qual("strconv", "ParseBool").Call(s)
	case ir.DateTime:
		// The package's date-time parser, reached through the exported
		// Optional[time.Time] (a form value in quotes is a JSON string: one
		// with a quote or backslash is no date-time either way).
		return jen.Func().Params().Params(jen.Qual("time", "Time"), jen.Error()).Block(
			jen.Var().Id("x").Add(own("Optional")).Types(jen.Qual("time", "Time")),
			jen.Err().Op(":=").Id("x").Dot("UnmarshalJSON").Call(jen.Index().Byte().Call(jen.Lit(`"`).Op("+").Add(s).Op("+").Lit(`"`))),
			jen.List(jen.Id("t"), jen.Id("_")).Op(":=").Id("x").Dot("Get").Call(),
			jen.Return(jen.Id("t"), jen.Err()),
		).Call()
	case ir.Date:
		return own("ParseDate").Call(jen.Index().Byte().Call(s))
	case ir.Duration:
		return own("ParseDuration").Call(jen.Index().Byte().Call(s))
	case ir.StructRef, ir.External:
		return jen.Func().Params().Params(goTypeIn(t, own), jen.Error()).Block(
			jen.Var().Id("x").Add(goTypeIn(t, own)),
			jen.Err().Op(":=").Id("x").Dot("UnmarshalJSON").Call(jen.Index().Byte().Call(s)),
			jen.Return(jen.Id("x"), jen.Err()),
		).Call()
	}
	panic(fmt.Sprintf("generator: no form parser for kind %d", t.Kind))
}

// fakeErrorShapes is the fakeConfig.ErrorShapes literal of an API with
// error shapes selected by status, nil without.
func fakeErrorShapes(a *ir.API) jen.Code {
	if len(a.ErrorsByStatus) == 0 {
		return nil
	}
	path := func(p []string) jen.Code {
		if len(p) == 0 {
			return jen.Nil()
		}
		var parts []jen.Code
		for _, s := range p {
			parts = append(parts, jen.Lit(s))
		}
		return jen.Index().String().Values(parts...)
	}
	shapes := jen.Dict{}
	for _, e := range a.ErrorsByStatus {
		shape := jen.Dict{}
		if len(e.Code) > 0 {
			shape[jen.Id("CodePath")] = path(e.Code)
		}
		if e.CodeIsNumber {
			shape[jen.Id("CodeIsNumber")] = jen.True()
		}
		if len(e.Message) > 0 {
			shape[jen.Id("MessagePath")] = path(e.Message)
		}
		for _, st := range e.Statuses {
			shapes[jen.Lit(st)] = jen.Values(shape)
		}
	}
	return jen.Map(jen.Int()).Id("fakeErrorShape").Values(shapes)
}
