package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// resource emits a resource client type, its accessors for children, and its methods.
func (c *clientGen) resource(r *ir.Resource) {
	f := c.f
	fcomment(f, doc([]string{fmt.Sprintf("%s calls the methods of the %q resource.", r.ClientName, r.Wire)}, strings.Join(ir.DocLines(r.Doc), "\n")))
	f.Type().Id(r.ClientName).StructFunc(func(g *jen.Group) {
		g.Id("transport").Op("*").Id("httpTransport")
		for _, b := range r.Bound {
			g.Id(b.BoundField).Add(goType(b.Type))
		}
	})
	f.Line()
	for _, child := range r.Children {
		var params []jen.Code
		dict := jen.Dict{jen.Id("transport"): jen.Id("c").Dot("transport")}
		for _, b := range r.Bound {
			dict[jen.Id(b.BoundField)] = jen.Id("c").Dot(b.BoundField)
		}
		var names []string
		for _, p := range r.Params {
			params = append(params, jen.Id(p.ArgName).Add(goType(p.Type)))
			dict[jen.Id(p.BoundField)] = jen.Id(p.ArgName)
			names = append(names, p.ArgName)
		}
		fcomment(f, []string{fmt.Sprintf("%s returns the client of the %q resource under the %s %s.", child.Name, child.Wire, r.Wire, strings.Join(names, ", "))})
		f.Func().Params(jen.Id("c").Op("*").Id(r.ClientName)).Id(child.Name).Params(params...).Op("*").Id(child.ClientName).Block(
			jen.Return(jen.Op("&").Id(child.ClientName).Values(dict)),
		)
		f.Line()
	}
	c.methodHeaders(r)
	bound := c.boundCheck(r)
	for _, m := range r.Methods {
		if m.ResultName != "" {
			c.responseHeadersType(r, m)
		}
		c.method(r, m, bound && boundPrefix(r, m))
	}
}

// pathValue is the Go expression of path parameter p's value in a method of
// the resource client: the client's field when bound, else the argument.
func pathValue(p *ir.Param) *jen.Statement {
	if p.Bound {
		return jen.Id("c").Dot(p.BoundField)
	}
	return jen.Id(p.ArgName)
}

// pathExpr builds the request path of m from literal pieces and escaped parameters.
func pathExpr(m *ir.Method) jen.Code {
	var parts []jen.Code
	for _, part := range m.PathParts {
		if part.Param == nil {
			parts = append(parts, jen.Lit(part.Literal))
			continue
		}
		parts = append(parts, jen.Qual("net/url", "PathEscape").Call(scalarText(part.Param.Type, pathValue(part.Param))))
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}

// pathChecks emits the validation of m's path parameters, before anything
// is built or sent: a string that cannot be one path segment (empty, "." or
// "..") and every declared constraint (length, pattern, closed enum, range)
// give a *ValidationError whose violations name the parameters by their wire
// names. With bound set, the first parameters, the ones the resource client
// holds, are checked by its checkBound, written once per resource rather
// than in every method.
func pathChecks(g *jen.Group, r *ir.Resource, m *ir.Method, bound bool) {
	var checks []jen.Code
	params := m.PathParams
	if bound {
		checks = append(checks, jen.Id("c").Dot("checkBound").Call(jen.Id("vs")))
		params = params[len(r.Bound):]
	}
	var paths pathDecls
	own := paramChecks(params, &paths)
	checks = append(checks, own...)
	if len(checks) == 0 {
		return
	}
	g.Id("vs").Op(":=").New(jen.Id("violationList"))
	if len(own) > 0 {
		g.Var().Id("root").Id("valuePath")
	}
	for _, d := range paths.decl() {
		g.Add(d)
	}
	for _, c := range checks {
		g.Add(c)
	}
	g.If(jen.Err().Op(":=").Id("vs").Dot("err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
}

// paramChecks returns the checks of path parameters ps (see pathChecks):
// per parameter with any, a block that sets fp to its path under root.
func paramChecks(ps []*ir.Param, paths *pathDecls) []jen.Code {
	var checks []jen.Code
	for _, pp := range ps {
		x := pathValue(pp)
		rules := checksFor(pp.Type, x, "fp", 0, paths)
		var text jen.Code
		switch pp.Type.Kind {
		case ir.String, ir.URI, ir.UUID:
			text = x
		case ir.EnumRef:
			text = jen.String().Call(x)
		}
		var check []jen.Code
		switch {
		case text != nil && len(rules) > 0:
			check = []jen.Code{jen.If(jen.Id("checkPathSegment").Call(jen.Id("vs"), jen.Op("&").Id("fp"), text)).Block(rules...)}
		case text != nil:
			check = []jen.Code{jen.Id("checkPathSegment").Call(jen.Id("vs"), jen.Op("&").Id("fp"), text)}
		case len(rules) > 0:
			check = rules
		default:
			continue // nothing to check: fp is not set (nor declared) for it
		}
		set := paths.assign("fp", jen.Id("root").Dot("child").Call(jen.Lit(pp.Wire)))
		checks = append(checks, jen.Block(append([]jen.Code{set}, check...)...))
	}
	return checks
}

// boundPrefix reports whether m's path parameters start with the ones its
// resource client holds, in order, and hold no other bound one: whether m
// can check them with the client's checkBound.
func boundPrefix(r *ir.Resource, m *ir.Method) bool {
	if len(r.Bound) == 0 || len(m.PathParams) < len(r.Bound) {
		return false
	}
	for i, pp := range m.PathParams {
		inPrefix := i < len(r.Bound)
		if pp.Bound != inPrefix || inPrefix && pp.BoundField != r.Bound[i].BoundField {
			return false
		}
	}
	return true
}

// boundCheck emits the resource client's checkBound, the checks of the path
// parameters the client holds, in path order, when they have any and a
// method's path starts with them (boundPrefix). It reports whether it did.
func (c *clientGen) boundCheck(r *ir.Resource) bool {
	i := slices.IndexFunc(r.Methods, func(m *ir.Method) bool { return boundPrefix(r, m) })
	if i < 0 {
		return false
	}
	var paths pathDecls
	checks := paramChecks(r.Methods[i].PathParams[:len(r.Bound)], &paths)
	if len(checks) == 0 {
		return false
	}
	c.f.Comment("checkBound records the violations of the path parameters c holds (its parents'),")
	c.f.Comment("which the methods of c whose paths start with them check first.")
	c.f.Func().Params(jen.Id("c").Op("*").Id(r.ClientName)).Id("checkBound").Params(jen.Id("vs").Op("*").Id("violationList")).BlockFunc(func(g *jen.Group) {
		g.Var().Id("root").Id("valuePath")
		for _, d := range paths.decl() {
			g.Add(d)
		}
		for _, c := range checks {
			g.Add(c)
		}
	})
	c.f.Line()
	return true
}

// scalarText converts a scalar value to its text on the wire (path, query, form).
func scalarText(t *ir.Type, x jen.Code) jen.Code {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return x
	case ir.EnumRef:
		return jen.String().Call(x)
	case ir.Int32:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(x), jen.Lit(10))
	case ir.Int64:
		return jen.Qual("strconv", "FormatInt").Call(x, jen.Lit(10))
	case ir.Float64:
		return jen.Qual("strconv", "FormatFloat").Call(x, jen.LitByte('g'), jen.Lit(-1), jen.Lit(64))
	case ir.Float32:
		return jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Call(x), jen.LitByte('g'), jen.Lit(-1), jen.Lit(32))
	case ir.Bool:
		return jen.Qual("strconv", "FormatBool").Call(x)
	case ir.DateTime:
		return jen.String().Call(jen.Id("appendTime").Call(jen.Nil(), x))
	case ir.Date, ir.Duration:
		return jen.Add(x).Dot("String").Call()
	case ir.JSON:
		return jen.String().Call(x)
	}
	panic(fmt.Sprintf("generator: no text form for kind %d", t.Kind))
}

// elemType is the Go type a method returns per element.
func elemType(resp *ir.Response) jen.Code {
	if resp.Type.Kind == ir.InterfaceRef {
		return jen.Id(resp.Type.Interface.Name)
	}
	return jen.Op("*").Id(resp.Struct.Name)
}

// method emits m's request builder and method; bound says that the path
// parameters r's client holds are checked by its checkBound.
func (c *clientGen) method(r *ir.Resource, m *ir.Method, bound bool) {
	f := c.f
	recv := jen.Id("c").Op("*").Id(r.ClientName)
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, a := range m.Args {
		params = append(params, jen.Id(a.ArgName).Add(goType(a.Type)))
	}
	if m.Params != nil {
		params = append(params, jen.Id("params").Op("*").Id(m.Params.Name))
	}
	if m.Body != nil {
		params = append(params, jen.Id("body").Op("*").Id(m.Body.Struct.Name))
	}
	if m.HeadersName != "" {
		params = append(params, jen.Id("headers").Op("*").Id(m.HeadersName))
	}
	callName := m.CallName
	// <method>Call builds the request: validation, path, query and body.
	f.Commentf("%s builds the request of %s.", callName, m.Name)
	f.Func().Params(recv).Id(callName).Params(params[1:]...).Params(jen.Op("*").Id("httpCall"), jen.Error()).BlockFunc(func(g *jen.Group) {
		pathChecks(g, r, m, bound)
		callFields := jen.Dict{
			jen.Id("Method"):    jen.Lit(m.HTTP),
			jen.Id("Path"):      pathExpr(m),
			jen.Id("Retryable"): jen.Lit(m.Retryable),
		}
		if len(m.Statuses) > 0 {
			callFields[jen.Id("Statuses")] = statusList(m.Statuses)
		}
		g.Id("call").Op(":=").Op("&").Id("httpCall").Values(callFields)
		if m.Params != nil {
			g.If(jen.Id("params").Op("!=").Nil()).Block(
				jen.If(jen.Err().Op(":=").Id("params").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Id("call").Dot("Query").Op("=").Id("params").Dot("encodeQuery").Call(),
			)
		}
		if accept := acceptOf(m.Response); accept != "" {
			g.Id("call").Dot("Header").Op("=").Qual("net/http", "Header").Values(jen.Dict{jen.Lit("Accept"): jen.Index().String().Values(jen.Lit(accept))})
		}
		if m.Body != nil {
			g.If(jen.Id("body").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(fmt.Sprintf("%s: %s.%s: nil request body", c.p.Name, r.ClientName, m.Name)))))
			validate := "Validate"
			if len(m.Body.Struct.CreateRequired) > 0 && m.Body.Shape == ir.ShapeCreate {
				validate = "ValidateCreate"
			}
			g.If(jen.Err().Op(":=").Id("body").Dot(validate).Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
			if m.Body.Encoding == ir.EncodingForm {
				g.Id("call").Dot("Body").Op("=").Index().Byte().Call(jen.Id("body").Dot("encodeForm").Call().Dot("Encode").Call())
				g.Id("call").Dot("ContentType").Op("=").Lit("application/x-www-form-urlencoded")
			} else {
				encode := jen.Id("body").Dot("AppendJSON").Call(jen.Nil())
				if m.Body.Struct.Role == ir.RoleModel {
					encode = jen.Id("body").Dot("appendJSON").Call(jen.Nil(), jen.True())
				}
				g.List(jen.Id("b"), jen.Err()).Op(":=").Add(encode)
				g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
				g.Id("call").Dot("Body").Op("=").Id("b")
				g.Id("call").Dot("ContentType").Op("=").Lit("application/json")
			}
		}
		if m.HeadersName != "" {
			g.If(jen.Err().Op(":=").Id("headers").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
			g.If(jen.Id("call").Dot("Header").Op("==").Nil()).Block(jen.Id("call").Dot("Header").Op("=").Qual("net/http", "Header").Values())
			g.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Id("headers").Dot("header").Call()).Block(
				jen.Id("call").Dot("Header").Index(jen.Id("k")).Op("=").Id("v"),
			)
		}
		g.Return(jen.Id("call"), jen.Nil())
	})
	f.Line()

	args := []jen.Code{}
	for _, a := range m.Args {
		args = append(args, jen.Id(a.ArgName))
	}
	if m.Params != nil {
		args = append(args, jen.Id("params"))
	}
	if m.Body != nil {
		args = append(args, jen.Id("body"))
	}
	if m.HeadersName != "" {
		args = append(args, jen.Id("headers"))
	}
	docLines := ir.DocLines(m.Doc)
	head := fmt.Sprintf("%s sends %s %s.", m.Name, m.HTTP, m.Path)
	// keyed adds the caller's idempotency key, when the API has one, to a
	// method that is not retried otherwise.
	keyed := func(onErr ...jen.Code) []jen.Code {
		build := []jen.Code{
			jen.List(jen.Id("call"), jen.Err()).Op(":=").Id("c").Dot(callName).Call(args...),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(onErr...)),
		}
		if c.p.API.IdempotencyHeader != "" && !m.Retryable {
			build = append(build, jen.Id("applyIdempotencyKey").Call(jen.Id("ctx"), jen.Id("call")))
		}
		return build
	}
	notes := []string{strings.Join(docLines, "\n")}
	if m.Deprecated != "" {
		notes = append(notes, "Deprecated: "+m.Deprecated)
	}
	resp := m.Response
	switch {
	case m.ResultName != "":
		c.methodWithHeaders(m, recv, params, head, notes, keyed)
	case resp != nil && resp.Paged:
		c.pagedMethod(m, recv, params, args, head, notes)
		return
	case resp == nil:
		fcomment(f, doc([]string{head}, notes...))
		f.Func().Params(recv).Id(m.Name).Params(params...).Error().Block(append(keyed(jen.Err()),
			jen.Return(jen.Id("send").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"))),
		)...)
	case resp.Text != nil:
		fcomment(f, doc([]string{head + " It returns the text/plain answer parsed as " + goTypeName(resp.Text) + "."}, notes...))
		f.Func().Params(recv).Id(m.Name).Params(params...).Params(goType(resp.Text), jen.Error()).Block(append(keyed(zeroValue(resp.Text), jen.Err()),
			jen.Return(jen.Id("receiveText").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"), textParser(resp.Text))),
		)...)
	case resp.Binary:
		fcomment(f, doc([]string{head + " It returns the response body as bytes."}, notes...))
		f.Func().Params(recv).Id(m.Name).Params(params...).Params(jen.Index().Byte(), jen.Error()).Block(append(keyed(jen.Nil(), jen.Err()),
			jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("transport").Dot("Do").Call(jen.Id("ctx"), jen.Id("call")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("resp").Dot("TakeBody").Call(), jen.Nil()),
		)...)
	default:
		receive := fillNew(resp.Struct.Name, jen.Id("receiveInto").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"), jen.Id("v")))
		if resp.Type.Kind == ir.InterfaceRef {
			receive = []jen.Code{jen.Return(jen.Id("receivePolymorphic").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"), jen.Id(resp.Type.Interface.Unmarshal)))}
		}
		empty := " An answer without a body (204 No Content) is an *EmptyResponseError."
		if m.NoContent {
			empty = " A 204 No Content answer returns nil and no error."
		}
		fcomment(f, doc([]string{head + empty}, notes...))
		f.Func().Params(recv).Id(m.Name).Params(params...).Params(elemType(resp), jen.Error()).Block(append(keyed(jen.Nil(), jen.Err()),
			receive...,
		)...)
	}
	f.Line()
}

// statusList is the []int literal of a method's documented statuses.
func statusList(statuses []int) jen.Code {
	var vals []jen.Code
	for _, s := range statuses {
		vals = append(vals, jen.Lit(s))
	}
	return jen.Index().Int().Values(vals...)
}

// acceptOf is the Accept header a method sends when its answer is not
// JSON, "" for JSON (the transport's default).
func acceptOf(resp *ir.Response) string {
	switch {
	case resp == nil:
		return ""
	case resp.Text != nil:
		return "text/plain"
	case resp.Binary:
		return "*/*"
	}
	return ""
}

// textParser is the function that parses a text/plain body holding one
// value of scalar type t.
func textParser(t *ir.Type) jen.Code {
	if isRawText(t) {
		return jen.Id("parseTextString")
	}
	return jen.Func().Params(jen.Id("b").Index().Byte()).Params(goType(t), jen.Error()).Block(
		jen.Return(textParse(t, jen.Id("b"))),
	)
}

// isRawText reports whether a text value of type t is the text itself.
func isRawText(t *ir.Type) bool {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return true
	}
	return false
}

// textParse is the call parsing the text b ([]byte) as one value of scalar
// type t (not raw text), giving the value and an error.
func textParse(t *ir.Type, b jen.Code) jen.Code {
	decoder := func(read string) jen.Code {
		return jen.Id("parseTextValue").Call(b, jen.Parens(jen.Op("*").Id("decoder")).Dot(read))
	}
	trimmed := func(parse string) jen.Code {
		return jen.Id(parse).Call(jen.Qual("bytes", "TrimSpace").Call(b))
	}
	switch t.Kind {
	case ir.Int32:
		return decoder("int32Value")
	case ir.Int64:
		return decoder("int64Value")
	case ir.Float64:
		return decoder("float64Value")
	case ir.Float32:
		return decoder("float32Value")
	case ir.Bool:
		return decoder("boolValue")
	case ir.DateTime:
		return trimmed("parseDateTime")
	case ir.Date:
		return trimmed("ParseDate")
	case ir.Duration:
		return trimmed("ParseDuration")
	}
	panic(fmt.Sprintf("generator: no text parser for kind %d", t.Kind))
}

// goTypeName is the Go spelling of a scalar type, for doc comments.
func goTypeName(t *ir.Type) string {
	return fmt.Sprintf("%#v", goType(t))
}

// zeroValue is the zero value of a scalar type.
func zeroValue(t *ir.Type) jen.Code {
	switch t.Kind {
	case ir.Int32, ir.Int64, ir.Float64, ir.Float32:
		return jen.Lit(0)
	case ir.Bool:
		return jen.False()
	case ir.String, ir.URI, ir.UUID:
		return jen.Lit("")
	}
	return jen.Add(goType(t)).Values()
}

// methodWithHeaders emits a method that returns its response headers: the
// decoded body (if any) first, then *<Method>ResponseHeaders, then the error.
func (c *clientGen) methodWithHeaders(m *ir.Method, recv jen.Code, params []jen.Code, head string, notes []string, keyed func(onErr ...jen.Code) []jen.Code) {
	f := c.f
	resp := m.Response
	var results []jen.Code
	var decode jen.Code // decodes resp into v, err
	var into string     // or: the object type decodeInto fills
	var zero jen.Code
	switch {
	case resp == nil:
	case resp.Text != nil:
		results = append(results, goType(resp.Text))
		zero = zeroValue(resp.Text)
		decode = jen.Id("decodeText").Call(jen.Id("call"), jen.Id("resp"), textParser(resp.Text))
	case resp.Binary:
		results = append(results, jen.Index().Byte())
		zero = jen.Nil()
	case resp.Type.Kind == ir.InterfaceRef:
		results = append(results, elemType(resp))
		zero = jen.Nil()
		decode = jen.Id("decodePolymorphic").Call(jen.Id("call"), jen.Id("resp"), jen.Id(resp.Type.Interface.Unmarshal))
	default:
		results = append(results, elemType(resp))
		zero = jen.Nil()
		into = resp.Struct.Name
	}
	onErr := []jen.Code{jen.Nil(), jen.Err()}
	if zero != nil {
		onErr = []jen.Code{zero, jen.Nil(), jen.Err()}
	}
	results = append(results, jen.Op("*").Id(m.ResultName), jen.Error())
	lines := []string{head + " It returns the documented response headers with the answer; an answer"}
	lines = append(lines, "without a required one, or with one not of its type, is an error (the request was processed).")
	fcomment(f, doc(lines, notes...))
	f.Func().Params(recv).Id(m.Name).Params(params...).Params(results...).BlockFunc(func(g *jen.Group) {
		for _, s := range keyed(onErr...) {
			g.Add(s)
		}
		g.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("transport").Dot("Do").Call(jen.Id("ctx"), jen.Id("call"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(onErr...))
		g.List(jen.Id("h"), jen.Err()).Op(":=").Id(m.ResultReader).Call(jen.Id("resp").Dot("Header"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Id("resp").Dot("Release").Call(), jen.Return(onErr...))
		switch {
		case resp == nil:
			g.Id("resp").Dot("Release").Call()
			g.Return(jen.Id("h"), jen.Nil())
		case into != "":
			for _, c := range fillNew(into, jen.Id("decodeInto").Call(jen.Id("call"), jen.Id("resp"), jen.Id("v")), jen.Id("h")) {
				g.Add(c)
			}
		case decode == nil: // bytes
			g.Return(jen.Id("resp").Dot("TakeBody").Call(), jen.Id("h"), jen.Nil())
		default:
			g.List(jen.Id("v"), jen.Err()).Op(":=").Add(decode)
			g.Return(jen.Id("v"), jen.Id("h"), jen.Err())
		}
	})
}

// fillNew returns the statements that decode an answer into v, a new name,
// with fill (receiveInto or decodeInto, which report whether v holds the
// answer) and return v, followed by the results in extra (the headers).
func fillNew(name string, fill jen.Code, extra ...jen.Code) []jen.Code {
	results := func(first, last jen.Code) []jen.Code {
		return append(append([]jen.Code{first}, extra...), last)
	}
	return []jen.Code{
		jen.Id("v").Op(":=").New(jen.Id(name)),
		jen.If(jen.List(jen.Id("ok"), jen.Err()).Op(":=").Add(fill), jen.Op("!").Id("ok")).Block(jen.Return(results(jen.Nil(), jen.Err())...)),
		jen.Return(results(jen.Id("v"), jen.Nil())...),
	}
}
