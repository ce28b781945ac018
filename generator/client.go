package generator

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/schema"
	"github.com/sessiongen/sessiongen/schema/goname"
)

// genClient emits the HTTP client: Client with its options, one client type
// per resource with a method per schema method, the API's error type, and
// the query and form encoders of request types.
func genClient(f *jen.File, p *ir.Package) {
	c := &clientGen{f: f, p: p, pageReaders: map[string]string{}}
	c.client()
	c.apiError()
	for _, r := range p.Resources {
		c.resource(r)
	}
	c.pages()
	for _, s := range p.Structs {
		switch {
		case s.Role == ir.RoleParams:
			c.queryEncoder(s)
		case sentAs(p, s, schema.EncodingForm):
			c.formEncoder(s)
		}
	}
}

type clientGen struct {
	f *jen.File
	p *ir.Package

	pageReaders map[string]string // page body readers, by items member
	pageKeys    []string          // their items members in first-use order
}

func hasClient(p *ir.Package) bool { return len(p.Resources) > 0 }

// sentAs reports whether s is the body of some method sent with encoding
// enc: the emitters need an encoder (and the fake a decoder) only then.
func sentAs(p *ir.Package, s *ir.Struct, enc schema.Encoding) bool {
	for _, r := range p.Resources {
		for _, m := range r.Methods {
			if m.Body != nil && m.Body.Struct == s && m.Body.Encoding == enc {
				return true
			}
		}
	}
	return false
}

// client emits Client, Option, the With* options and NewClient.
func (c *clientGen) client() {
	f, p := c.f, c.p
	a := p.API
	f.Commentf("DefaultBaseURL is where the API is served; WithBaseURL changes it (for tests, or a proxy).")
	f.Const().Id("DefaultBaseURL").Op("=").Lit(a.BaseURL)
	f.Line()

	lines := []string{"Client is a client of the API. Create it with NewClient; it is safe for concurrent use."}
	fcomment(f, doc(lines, strings.Join(ir.DocLines(a.Doc), "\n")))
	f.Type().Id("Client").StructFunc(func(g *jen.Group) {
		g.Id("transport").Op("*").Id("httpTransport")
		for _, r := range p.Resources {
			if r.Parent != nil {
				continue
			}
			g.Line()
			comment(g, resourceDoc(r))
			g.Id(r.Name).Op("*").Id(r.ClientName)
		}
	})
	f.Line()
	f.Comment("Option configures NewClient.")
	f.Type().Id("Option").Func().Params(jen.Op("*").Id("clientOptions"))
	f.Line()
	f.Type().Id("clientOptions").Struct(
		jen.Id("baseURL").String(),
		jen.Id("httpClient").Op("*").Qual("net/http", "Client"),
		jen.Id("userAgent").String(),
		jen.Id("retry").Id("RetryPolicy"),
		jen.Id("maxResponseBytes").Int64(),
		jen.Id("logger").Op("*").Qual("log/slog", "Logger"),
		jen.Id("authorize").Func().Params(jen.Qual("context", "Context"), jen.Op("*").Qual("net/http", "Request")).Error(),
	)
	f.Line()
	option := func(name string, params []jen.Code, body jen.Code, docLines ...string) {
		fcomment(f, docLines)
		f.Func().Id(name).Params(params...).Id("Option").Block(
			jen.Return(jen.Func().Params(jen.Id("o").Op("*").Id("clientOptions")).Block(body)),
		)
		f.Line()
	}
	option("WithBaseURL", []jen.Code{jen.Id("baseURL").String()}, jen.Id("o").Dot("baseURL").Op("=").Id("baseURL"),
		"WithBaseURL sends requests to baseURL instead of DefaultBaseURL. Next-page links are",
		"followed only on its scheme and host, so credentials never go anywhere else.")
	option("WithHTTPClient", []jen.Code{jen.Id("hc").Op("*").Qual("net/http", "Client")}, jen.Id("o").Dot("httpClient").Op("=").Id("hc"),
		"WithHTTPClient sends requests through hc instead of DefaultHTTPClient().")
	option("WithUserAgent", []jen.Code{jen.Id("ua").String()}, jen.Id("o").Dot("userAgent").Op("=").Id("ua"),
		"WithUserAgent sets the User-Agent header.")
	option("WithRetryPolicy", []jen.Code{jen.Id("rp").Id("RetryPolicy")}, jen.Id("o").Dot("retry").Op("=").Id("rp"),
		"WithRetryPolicy replaces DefaultRetryPolicy(); NoRetry() turns retries off.")
	option("WithMaxResponseBytes", []jen.Code{jen.Id("n").Int64()}, jen.Id("o").Dot("maxResponseBytes").Op("=").Id("n"),
		"WithMaxResponseBytes caps the size of a response body; a larger one fails with",
		"*ResponseTooLargeError.")
	option("WithLogger", []jen.Code{jen.Id("l").Op("*").Qual("log/slog", "Logger")}, jen.Id("o").Dot("logger").Op("=").Id("l"),
		"WithLogger logs each attempt (method, path, status, duration) and each retry. Headers,",
		"bodies, query strings and credentials are never logged.")
	ctx := jen.Id("ctx").Qual("context", "Context")
	req := jen.Id("req").Op("*").Qual("net/http", "Request")
	switch a.Auth.Scheme {
	case schema.AuthBearer:
		option("WithTokenSource", []jen.Code{jen.Id("source").Func().Params(jen.Qual("context", "Context")).Params(jen.String(), jen.Error())},
			jen.Id("o").Dot("authorize").Op("=").Func().Params(ctx, req).Error().Block(
				jen.List(jen.Id("token"), jen.Err()).Op(":=").Id("source").Call(jen.Id("ctx")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("getting a token: %w"), jen.Err()))),
				jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Authorization"), jen.Lit("Bearer ").Op("+").Id("token")),
				jen.Return(jen.Nil()),
			),
			"WithTokenSource authenticates every request with a bearer token from source, called",
			"once per attempt so it can refresh: plug in any OAuth library.")
	case schema.AuthBasic:
		user, pass := goname.Unexported(a.Auth.Username), goname.Unexported(a.Auth.Password)
		option("WithBasicAuth", []jen.Code{jen.Id(user).String(), jen.Id(pass).String()},
			jen.Id("o").Dot("authorize").Op("=").Func().Params(jen.Id("_").Qual("context", "Context"), req).Error().Block(
				jen.Id("req").Dot("SetBasicAuth").Call(jen.Id(user), jen.Id(pass)),
				jen.Return(jen.Nil()),
			),
			fmt.Sprintf("WithBasicAuth authenticates every request with HTTP basic authentication: %s", a.Auth.Username),
			fmt.Sprintf("as the user name and %s as the password.", a.Auth.Password))
	case schema.AuthAPIKey:
		option("WithAPIKey", []jen.Code{jen.Id("key").String()},
			jen.Id("o").Dot("authorize").Op("=").Func().Params(jen.Id("_").Qual("context", "Context"), req).Error().Block(
				jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit(a.Auth.Header), jen.Id("key")),
				jen.Return(jen.Nil()),
			),
			fmt.Sprintf("WithAPIKey authenticates every request with key in the %s header.", a.Auth.Header))
	}

	if h := a.IdempotencyHeader; h != "" {
		fcomment(f, []string{"WithIdempotencyKey returns a context whose requests carry key in the " + h + " header."})
		f.Comment("A create or update sent with it may be retried like a GET: the API drops repeats.")
		f.Func().Id("WithIdempotencyKey").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("key").String()).Qual("context", "Context").Block(
			jen.Return(jen.Qual("context", "WithValue").Call(jen.Id("ctx"), jen.Id("idempotencyKey").Values(), jen.Id("key"))),
		)
		f.Line()
		f.Type().Id("idempotencyKey").Struct()
		f.Line()
		f.Comment("applyIdempotencyKey sets the caller's key, if ctx has one, and makes call retryable.")
		f.Func().Id("applyIdempotencyKey").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("call").Op("*").Id("httpCall")).Block(
			jen.List(jen.Id("key"), jen.Id("ok")).Op(":=").Id("ctx").Dot("Value").Call(jen.Id("idempotencyKey").Values()).Assert(jen.String()),
			jen.If(jen.Op("!").Id("ok").Op("||").Id("key").Op("==").Lit("")).Block(jen.Return()),
			jen.If(jen.Id("call").Dot("Header").Op("==").Nil()).Block(jen.Id("call").Dot("Header").Op("=").Qual("net/http", "Header").Values()),
			jen.Id("call").Dot("Header").Dot("Set").Call(jen.Lit(h), jen.Id("key")),
			jen.Id("call").Dot("Retryable").Op("=").True(),
		)
		f.Line()
	}
	var notProcessed []jen.Code
	for _, s := range a.RetryNotProcessed {
		notProcessed = append(notProcessed, jen.Lit(s))
	}
	f.Comment("NewClient returns a client with the given options. Without WithHTTPClient it uses")
	f.Comment("DefaultHTTPClient(), which has timeouts and never follows a redirect to another host.")
	f.Func().Id("NewClient").Params(jen.Id("opts").Op("...").Id("Option")).Params(jen.Op("*").Id("Client"), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Id("o").Op(":=").Id("clientOptions").Values(jen.Dict{
			jen.Id("baseURL"):   jen.Id("DefaultBaseURL"),
			jen.Id("userAgent"): jen.Lit("sessiongen-" + p.Name),
			jen.Id("retry"):     jen.Id("DefaultRetryPolicy").Call(),
		})
		g.For(jen.List(jen.Id("_"), jen.Id("opt")).Op(":=").Range().Id("opts")).Block(jen.Id("opt").Call(jen.Op("&").Id("o")))
		// newHTTPTransport refuses a base URL that is not absolute http(s) or
		// that carries credentials, without quoting it.
		g.List(jen.Id("t"), jen.Err()).Op(":=").Id("newHTTPTransport").Call(jen.Id("o").Dot("baseURL"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(p.Name+": %w"), jen.Err())))
		g.If(jen.Id("o").Dot("httpClient").Op("!=").Nil()).Block(jen.Id("t").Dot("HTTPClient").Op("=").Id("o").Dot("httpClient"))
		g.Id("t").Dot("UserAgent").Op("=").Id("o").Dot("userAgent")
		g.Id("t").Dot("Authorize").Op("=").Id("o").Dot("authorize")
		g.Id("t").Dot("Retry").Op("=").Id("o").Dot("retry")
		g.Id("t").Dot("MaxResponseBytes").Op("=").Id("o").Dot("maxResponseBytes")
		g.Id("t").Dot("Logger").Op("=").Id("o").Dot("logger")
		g.Id("t").Dot("NotProcessed").Op("=").Index().Int().Values(notProcessed...)
		g.Id("t").Dot("DecodeError").Op("=").Id("decodeAPIError")
		g.Return(jen.Op("&").Id("Client").ValuesFunc(func(d *jen.Group) {
			d.Id("transport").Op(":").Id("t")
			for _, r := range p.Resources {
				if r.Parent == nil {
					d.Id(r.Name).Op(":").Op("&").Id(r.ClientName).Values(jen.Dict{jen.Id("transport"): jen.Id("t")})
				}
			}
		}), jen.Nil())
	})
	f.Line()
}

func resourceDoc(r *ir.Resource) []string {
	lines := ir.DocLines(r.Doc)
	if len(lines) == 0 {
		return []string{fmt.Sprintf("%s is the %q resource.", r.Name, r.Wire)}
	}
	return append([]string{fmt.Sprintf("%s is the %q resource: %s", r.Name, r.Wire, lines[0])}, lines[1:]...)
}

// apiError emits APIError and the decoder Transport calls for non-2xx responses.
func (c *clientGen) apiError() {
	f, p := c.f, c.p
	shape := p.API.ErrorShape
	hasCode := shape != nil && len(shape.Code) > 0
	// Code has the Go type of the error body's code, so that APIError.Code
	// and Body's code compare without conversion (int32 for Twilio).
	var codeType jen.Code = jen.String()
	codeKind := ir.String
	if fl := errorCodeField(p); fl != nil {
		switch fl.Type.Kind {
		case ir.Int32, ir.Int64, ir.EnumRef:
			codeType, codeKind = goType(fl.Type), fl.Type.Kind
		}
	}
	f.Comment("APIError is an error response of the API: its HTTP status, request id and,")
	f.Comment("when the body has the documented shape, its code, message and decoded body.")
	f.Comment("Its text never includes credentials or the full body.")
	f.Type().Id("APIError").StructFunc(func(g *jen.Group) {
		g.Id("StatusCode").Int()
		g.Id("RequestID").String()
		if hasCode {
			g.Comment("Code is the API's error code, of the type the error body declares it with;")
			g.Comment("the zero value when the body does not carry one.")
			g.Id("Code").Add(codeType)
		}
		g.Comment("Message is the API's message, empty when the body does not carry one.")
		g.Id("Message").String()
		if p.API.ErrorType != nil {
			g.Comment("Body is the decoded error body, nil when it did not decode.")
			g.Id("Body").Op("*").Id(p.API.ErrorType.Name)
		}
	})
	f.Line()
	code := jen.Lit("")
	if hasCode {
		switch codeKind {
		case ir.Int32, ir.Int64:
			code = jen.Id("errorCodeText").Call(jen.Int64().Call(jen.Id("e").Dot("Code")))
		case ir.EnumRef:
			code = jen.String().Call(jen.Id("e").Dot("Code"))
		default:
			code = jen.Id("e").Dot("Code")
		}
	}
	f.Comment("Error returns the status, the API's code (unless it repeats the status) and")
	f.Comment("message, and the request id. Server text is cleaned of control characters and")
	f.Comment("cut to 128 bytes, so a hostile answer cannot forge log lines or flood them.")
	f.Func().Params(jen.Id("e").Op("*").Id("APIError")).Id("Error").Params().String().Block(
		jen.Return(jen.Id("apiErrorText").Call(jen.Lit(p.Name), jen.Id("e").Dot("StatusCode"), code, jen.Id("e").Dot("Message"), jen.Id("e").Dot("RequestID"))),
	)
	f.Line()
	lookup := func(path schema.JSONPath, set func(raw jen.Code) jen.Code) jen.Code {
		if len(path) == 0 {
			return jen.Null()
		}
		var args []jen.Code
		args = append(args, jen.Id("body"))
		for _, s := range path {
			args = append(args, jen.Lit(s))
		}
		return jen.If(jen.List(jen.Id("raw"), jen.Id("ok")).Op(":=").Id("lookupJSON").Call(args...), jen.Id("ok")).Block(set(jen.Id("raw")))
	}
	text := func(target string) func(raw jen.Code) jen.Code {
		return func(raw jen.Code) jen.Code {
			return jen.Id("e").Dot(target).Op("=").Id("errorText").Call(raw, jen.Lit(300))
		}
	}
	f.Func().Id("decodeAPIError").Params(jen.Id("status").Int(), jen.Id("header").Qual("net/http", "Header"), jen.Id("body").Index().Byte()).Error().BlockFunc(func(g *jen.Group) {
		g.Id("e").Op(":=").Op("&").Id("APIError").Values(jen.Dict{
			jen.Id("StatusCode"): jen.Id("status"),
			jen.Id("RequestID"):  jen.Id("requestIDOf").Call(jen.Id("header")),
		})
		if shape != nil {
			if hasCode {
				g.Add(lookup(shape.Code, func(raw jen.Code) jen.Code {
					switch codeKind {
					case ir.Int32:
						return jen.Id("e").Dot("Code").Op(",").Id("_").Op("=").Id("readJSONValue").Call(raw, jen.Parens(jen.Op("*").Id("Decoder")).Dot("Int32"))
					case ir.Int64:
						return jen.Id("e").Dot("Code").Op(",").Id("_").Op("=").Id("readJSONValue").Call(raw, jen.Parens(jen.Op("*").Id("Decoder")).Dot("Int64"))
					case ir.EnumRef:
						return jen.Id("e").Dot("Code").Op("=").Add(codeType).Call(jen.Id("errorText").Call(raw, jen.Lit(300)))
					}
					return text("Code")(raw)
				}))
			}
			g.Add(lookup(shape.Message, text("Message")))
			if len(shape.RequestID) > 0 {
				g.If(jen.Id("e").Dot("RequestID").Op("==").Lit("")).Block(lookup(shape.RequestID, text("RequestID")))
			}
		}
		if p.API.ErrorType != nil {
			g.Id("b").Op(":=").New(jen.Id(p.API.ErrorType.Name))
			g.If(jen.Id("b").Dot("UnmarshalJSON").Call(jen.Id("body")).Op("==").Nil()).Block(jen.Id("e").Dot("Body").Op("=").Id("b"))
		}
		g.Return(jen.Id("e"))
	})
	f.Line()
}

// localNames are the identifiers generated methods use for themselves.
var localNames = map[string]bool{"c": true, "ctx": true, "params": true, "req": true, "call": true, "resp": true,
	"err": true, "v": true, "body": true, "form": true, "query": true, "fetch": true, "yield": true,
	"vs": true, "root": true, "fp": true}

func argName(p *ir.Param) string {
	n := goname.Unexported(p.Wire)
	if localNames[n] {
		n += "Arg"
	}
	return n
}

func boundField(p *ir.Param) string { return "bound" + p.Name }

// resource emits a resource client type, its accessors for children, and its methods.
func (c *clientGen) resource(r *ir.Resource) {
	f := c.f
	fcomment(f, doc([]string{fmt.Sprintf("%s calls the methods of the %q resource.", r.ClientName, r.Wire)}, strings.Join(ir.DocLines(r.Doc), "\n")))
	f.Type().Id(r.ClientName).StructFunc(func(g *jen.Group) {
		g.Id("transport").Op("*").Id("httpTransport")
		for _, b := range r.Bound {
			g.Id(boundField(b)).Add(goType(b.Type))
		}
	})
	f.Line()
	for _, child := range r.Children {
		var params []jen.Code
		dict := jen.Dict{jen.Id("transport"): jen.Id("c").Dot("transport")}
		for _, b := range r.Bound {
			dict[jen.Id(boundField(b))] = jen.Id("c").Dot(boundField(b))
		}
		var names []string
		for _, p := range r.Params {
			params = append(params, jen.Id(argName(p)).Add(goType(p.Type)))
			dict[jen.Id(boundField(p))] = jen.Id(argName(p))
			names = append(names, argName(p))
		}
		fcomment(f, []string{fmt.Sprintf("%s returns the client of the %q resource under the %s %s.", child.Name, child.Wire, r.Wire, strings.Join(names, ", "))})
		f.Func().Params(jen.Id("c").Op("*").Id(r.ClientName)).Id(child.Name).Params(params...).Op("*").Id(child.ClientName).Block(
			jen.Return(jen.Op("&").Id(child.ClientName).Values(dict)),
		)
		f.Line()
	}
	for _, m := range r.Methods {
		c.method(r, m)
	}
}

var templateParam = regexp.MustCompile(`\{([^{}]*)\}`)

// pathExpr builds the request path of m from literal pieces and escaped parameters.
func pathExpr(r *ir.Resource, m *ir.Method) jen.Code {
	byWire := map[string]jen.Code{}
	for _, b := range r.Bound {
		byWire[b.Wire] = scalarText(b.Type, jen.Id("c").Dot(boundField(b)))
	}
	for _, a := range m.Args {
		byWire[a.Wire] = scalarText(a.Type, jen.Id(argName(a)))
	}
	var parts []jen.Code
	rest := m.Path
	for {
		loc := templateParam.FindStringSubmatchIndex(rest)
		if loc == nil {
			if rest != "" {
				parts = append(parts, jen.Lit(rest))
			}
			break
		}
		if loc[0] > 0 {
			parts = append(parts, jen.Lit(rest[:loc[0]]))
		}
		name := rest[loc[2]:loc[3]]
		parts = append(parts, jen.Qual("net/url", "PathEscape").Call(byWire[name]))
		rest = rest[loc[1]:]
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
// names.
func pathChecks(g *jen.Group, r *ir.Resource, m *ir.Method) {
	values := map[string]jen.Code{}
	for _, b := range r.Bound {
		values[b.Wire] = jen.Id("c").Dot(boundField(b))
	}
	for _, a := range m.Args {
		values[a.Wire] = jen.Id(argName(a))
	}
	var checks []jen.Code
	for _, pp := range m.PathParams {
		x, ok := values[pp.Wire]
		if !ok {
			continue
		}
		rules := checksFor(pp.Type, x, "fp", 0)
		var text jen.Code
		switch pp.Type.Kind {
		case ir.String, ir.URI, ir.UUID:
			text = x
		case ir.EnumRef:
			text = jen.String().Call(x)
		}
		body := []jen.Code{jen.Id("fp").Op(":=").Id("root").Dot("Field").Call(jen.Lit(pp.Wire))}
		switch {
		case text != nil && len(rules) > 0:
			body = append(body, jen.If(jen.Id("checkPathSegment").Call(jen.Id("vs"), jen.Op("&").Id("fp"), text)).Block(rules...))
		case text != nil:
			body = append(body, jen.Id("checkPathSegment").Call(jen.Id("vs"), jen.Op("&").Id("fp"), text))
		case len(rules) > 0:
			body = append(body, rules...)
		default:
			continue
		}
		checks = append(checks, jen.Block(body...))
	}
	if len(checks) == 0 {
		return
	}
	g.Id("vs").Op(":=").New(jen.Id("Violations"))
	g.Var().Id("root").Id("Path")
	for _, c := range checks {
		g.Add(c)
	}
	g.If(jen.Err().Op(":=").Id("vs").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
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
		return jen.String().Call(jen.Id("AppendDateTime").Call(jen.Nil(), x))
	case ir.Date, ir.Duration:
		return jen.Add(x).Dot("String").Call()
	case ir.JSON:
		return jen.String().Call(x)
	}
	panic(fmt.Sprintf("generator: no text form for kind %d", t.Kind))
}

// lowerFirst lowers the first letter of an exported Go name: Delete is delete.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// elemType is the Go type a method returns per element.
func elemType(resp *ir.Response) jen.Code {
	if resp.Type.Kind == ir.InterfaceRef {
		return jen.Id(resp.Type.Interface.Name)
	}
	return jen.Op("*").Id(resp.Struct.Name)
}

func (c *clientGen) method(r *ir.Resource, m *ir.Method) {
	f := c.f
	recv := jen.Id("c").Op("*").Id(r.ClientName)
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, a := range m.Args {
		params = append(params, jen.Id(argName(a)).Add(goType(a.Type)))
	}
	if m.Params != nil {
		params = append(params, jen.Id("params").Op("*").Id(m.Params.Name))
	}
	if m.Body != nil {
		params = append(params, jen.Id("body").Op("*").Id(m.Body.Struct.Name))
	}
	callName := lowerFirst(m.Name) + "Call"
	// <method>Call builds the request: validation, path, query and body.
	f.Commentf("%s builds the request of %s.", callName, m.Name)
	f.Func().Params(recv).Id(callName).Params(params[1:]...).Params(jen.Op("*").Id("httpCall"), jen.Error()).BlockFunc(func(g *jen.Group) {
		pathChecks(g, r, m)
		g.Id("call").Op(":=").Op("&").Id("httpCall").Values(jen.Dict{
			jen.Id("Method"):    jen.Lit(m.HTTP),
			jen.Id("Path"):      pathExpr(r, m),
			jen.Id("Retryable"): jen.Lit(m.Retryable),
		})
		if m.Params != nil {
			g.If(jen.Id("params").Op("!=").Nil()).Block(
				jen.If(jen.Err().Op(":=").Id("params").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Id("call").Dot("Query").Op("=").Id("params").Dot("encodeQuery").Call(),
			)
		}
		if m.Response != nil && m.Response.Binary {
			g.Id("call").Dot("Header").Op("=").Qual("net/http", "Header").Values(jen.Dict{jen.Lit("Accept"): jen.Index().String().Values(jen.Lit("*/*"))})
		}
		if m.Body != nil {
			g.If(jen.Id("body").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(fmt.Sprintf("%s: %s.%s: nil request body", c.p.Name, r.ClientName, m.Name)))))
			g.If(jen.Err().Op(":=").Id("body").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
			if m.Body.Encoding == schema.EncodingForm {
				g.Id("call").Dot("Body").Op("=").Index().Byte().Call(jen.Id("body").Dot("encodeForm").Call().Dot("Encode").Call())
				g.Id("call").Dot("ContentType").Op("=").Lit("application/x-www-form-urlencoded")
			} else {
				encode := jen.Id("body").Dot("AppendJSON").Call(jen.Nil())
				if !m.Body.Inline {
					encode = jen.Id("body").Dot("appendJSON").Call(jen.Nil(), jen.True())
				}
				g.List(jen.Id("b"), jen.Err()).Op(":=").Add(encode)
				g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
				g.Id("call").Dot("Body").Op("=").Id("b")
				g.Id("call").Dot("ContentType").Op("=").Lit("application/json")
			}
		}
		g.Return(jen.Id("call"), jen.Nil())
	})
	f.Line()

	args := []jen.Code{}
	for _, a := range m.Args {
		args = append(args, jen.Id(argName(a)))
	}
	if m.Params != nil {
		args = append(args, jen.Id("params"))
	}
	if m.Body != nil {
		args = append(args, jen.Id("body"))
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
	case resp != nil && resp.Paged:
		c.pagedMethod(r, m, recv, params, args, callName, head, notes)
		return
	case resp == nil:
		fcomment(f, doc([]string{head}, notes...))
		f.Func().Params(recv).Id(m.Name).Params(params...).Error().Block(append(keyed(jen.Err()),
			jen.List(jen.Id("_"), jen.Err()).Op("=").Id("c").Dot("transport").Dot("Do").Call(jen.Id("ctx"), jen.Id("call")),
			jen.Return(jen.Err()),
		)...)
	case resp.Binary:
		fcomment(f, doc([]string{head + " It returns the response body as bytes."}, notes...))
		f.Func().Params(recv).Id(m.Name).Params(params...).Params(jen.Index().Byte(), jen.Error()).Block(append(keyed(jen.Nil(), jen.Err()),
			jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("transport").Dot("Do").Call(jen.Id("ctx"), jen.Id("call")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("resp").Dot("Body"), jen.Nil()),
		)...)
	default:
		receive := jen.Id("receiveObject").Types(jen.Id(resp.Struct.Name)).Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"))
		if resp.Type.Kind == ir.InterfaceRef {
			receive = jen.Id("receivePolymorphic").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"), jen.Id("Unmarshal"+resp.Type.Interface.Name))
		}
		fcomment(f, doc([]string{head + " An answer without a body (204 No Content) is an *EmptyResponseError."}, notes...))
		f.Func().Params(recv).Id(m.Name).Params(params...).Params(elemType(resp), jen.Error()).Block(append(keyed(jen.Nil(), jen.Err()),
			jen.Return(receive),
		)...)
	}
	f.Line()
}

func (c *clientGen) pagedMethod(r *ir.Resource, m *ir.Method, recv jen.Code, params, args []jen.Code, callName, head string, notes []string) {
	f := c.f
	elem := elemType(m.Response)
	fetchName := "fetch" + m.Name
	fcomment(f, doc([]string{head + " It iterates over the elements of every page, fetching pages as needed."},
		append(notes, "The iterator starts no goroutine. It stops when the loop breaks, when ctx ends, or after yielding an error.")...))
	f.Func().Params(recv).Id(m.Name).Params(params...).Qual("iter", "Seq2").Types(elem, jen.Error()).Block(
		jen.List(jen.Id("call"), jen.Err()).Op(":=").Id("c").Dot(callName).Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(elem, jen.Error()).Bool()).Block(
			jen.Id("yield").Call(jen.Nil(), jen.Err()),
		))),
		jen.Return(jen.Id("paginate").Call(jen.Id("ctx"), jen.Id("call"), jen.Id("c").Dot(fetchName))),
	)
	f.Line()
	f.Commentf("%sPage fetches the first page of %s; follow with the page's Next method.", m.Name, m.Name)
	f.Func().Params(recv).Id(m.Name+"Page").Params(params...).Params(jen.Op("*").Id("Page").Types(elem), jen.Error()).Block(
		jen.List(jen.Id("call"), jen.Err()).Op(":=").Id("c").Dot(callName).Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("fetchPage").Call(jen.Id("ctx"), jen.Id("call"), jen.Id("c").Dot(fetchName))),
	)
	f.Line()
	f.Commentf("%s fetches the page call asks for and the call of the page after it.", fetchName)
	f.Func().Params(recv).Id(fetchName).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("call").Op("*").Id("httpCall")).Params(jen.Index().Add(elem), jen.Op("*").Id("httpCall"), jen.Error()).Block(
		jen.Return(jen.Id("fetchItems").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"), jen.Id(c.pageReader(m.Response.Items)).Types(elem), itemReader(m.Response))),
	)
	f.Line()
}

// itemReader returns the reader of one list item: a func(*Decoder) (T, error).
func itemReader(resp *ir.Response) jen.Code {
	if resp.Type.Kind == ir.InterfaceRef {
		return jen.Id("decode" + resp.Type.Interface.Name)
	}
	return jen.Id("readObjectPointer").Types(jen.Id(resp.Struct.Name))
}

// pageReader returns the name of the generic reader of page bodies whose
// items are in member items, registering it on first use.
func (c *clientGen) pageReader(items string) string {
	if name, ok := c.pageReaders[items]; ok {
		return name
	}
	name := "read" + goname.Exported(items) + "Page"
	for taken := true; taken; {
		taken = false
		for _, other := range c.pageReaders {
			if other == name {
				name += "_"
				taken = true
			}
		}
	}
	c.pageReaders[items] = name
	c.pageKeys = append(c.pageKeys, items)
	return name
}

// pages emits what every list method shares: fetchItems, which fetches one
// page and builds the call of the next as the API's pagination style says,
// and the page body readers.
func (c *clientGen) pages() {
	if len(c.pageKeys) == 0 {
		return
	}
	f, pg := c.f, c.p.API.Pagination
	t := jen.Id("T")
	f.Comment("fetchItems fetches the page call asks for, decodes its body with readPage and its")
	f.Comment("items with read, and builds the call of the page after it (nil on the last).")
	f.Func().Id("fetchItems").Types(t.Clone().Any()).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("t").Op("*").Id("httpTransport"), jen.Id("call").Op("*").Id("httpCall"),
		jen.Id("readPage").Func().Params(jen.Index().Byte(), jen.Func().Params(jen.Op("*").Id("Decoder")).Params(t.Clone(), jen.Error())).Params(jen.Index().Add(t.Clone()), jen.Id("pageInfo"), jen.Error()),
		jen.Id("read").Func().Params(jen.Op("*").Id("Decoder")).Params(t.Clone(), jen.Error()),
	).Params(jen.Index().Add(t.Clone()), jen.Op("*").Id("httpCall"), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.List(jen.Id("resp"), jen.Err()).Op(":=").Id("t").Dot("Do").Call(jen.Id("ctx"), jen.Id("call"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
		g.If(jen.Id("emptyBody").Call(jen.Id("resp").Dot("Body"))).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Op("&").Id("EmptyResponseError").Values(jen.Dict{jen.Id("StatusCode"): jen.Id("resp").Dot("StatusCode")})))
		g.List(jen.Id("items"), jen.Id("info"), jen.Err()).Op(":=").Id("readPage").Call(jen.Id("resp").Dot("Body"), jen.Id("read"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
		switch pg.Style {
		case schema.PaginationNextLink:
			g.If(jen.Id("info").Dot("next").Op("==").Lit("")).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Nil()))
			g.List(jen.Id("u"), jen.Err()).Op(":=").Id("t").Dot("Next").Call(jen.Id("info").Dot("next"))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Err()))
			g.Return(jen.Id("items"), jen.Op("&").Id("httpCall").Values(jen.Dict{
				jen.Id("Method"): jen.Lit("GET"), jen.Id("URL"): jen.Id("u"), jen.Id("Retryable"): jen.True(),
			}), jen.Nil())
		case schema.PaginationPageNumber:
			g.Id("page").Op(":=").Int64().Call(jen.Lit(pg.FirstPage))
			g.If(jen.Id("s").Op(":=").Id("call").Dot("Query").Dot("Get").Call(jen.Lit(pg.PageParam)), jen.Id("s").Op("!=").Lit("")).Block(
				jen.If(jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(jen.Id("s"), jen.Lit(10), jen.Lit(64)), jen.Err().Op("==").Nil()).Block(jen.Id("page").Op("=").Id("n")),
			)
			g.Id("more").Op(":=").Len(jen.Id("items")).Op(">").Lit(0)
			if pg.SizeParam != "" {
				// Without totals, a page shorter than the size asked for is the last.
				g.If(jen.List(jen.Id("size"), jen.Err()).Op(":=").Qual("strconv", "Atoi").Call(jen.Id("call").Dot("Query").Dot("Get").Call(jen.Lit(pg.SizeParam))), jen.Err().Op("==").Nil().Op("&&").Len(jen.Id("items")).Op("<").Id("size")).Block(
					jen.Id("more").Op("=").False(),
				)
			}
			g.If(jen.List(jen.Id("total"), jen.Id("ok")).Op(":=").Id("info").Dot("totalPages").Dot("Get").Call(), jen.Id("ok")).Block(
				jen.Id("more").Op("=").Id("page").Op("+").Lit(1 - pg.FirstPage).Op("<").Id("total"),
			)
			g.If(jen.Op("!").Id("more")).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Nil()))
			g.Id("next").Op(":=").Op("*").Id("call")
			g.Id("next").Dot("Query").Op("=").Qual("maps", "Clone").Call(jen.Id("call").Dot("Query"))
			g.If(jen.Id("next").Dot("Query").Op("==").Nil()).Block(jen.Id("next").Dot("Query").Op("=").Qual("net/url", "Values").Values())
			g.Id("next").Dot("Query").Dot("Set").Call(jen.Lit(pg.PageParam), jen.Qual("strconv", "FormatInt").Call(jen.Id("page").Op("+").Lit(1), jen.Lit(10)))
			g.Return(jen.Id("items"), jen.Op("&").Id("next"), jen.Nil())
		}
	})
	f.Line()
	for _, items := range c.pageKeys {
		c.pageDecoder(c.pageReaders[items], items)
	}
}

// pageDecoder emits the reader of page bodies with their items in member
// items: the items array, each item read with the reader it is given, and
// the members the pagination style reads (next link or totals).
func (c *clientGen) pageDecoder(name string, items string) {
	f, p := c.f, c.p
	pg := p.API.Pagination
	elem := jen.Id("T")
	type leaf struct {
		path []string
		read func(g *jen.Group)
	}
	var leaves []leaf
	leaves = append(leaves, leaf{[]string{items}, func(g *jen.Group) {
		decodeOne := []jen.Code{
			jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("read").Call(jen.Op("&").Id("d")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("WithField").Call(jen.Id("WithIndex").Call(jen.Err(), jen.Id("i")), jen.Lit(items)))),
			jen.Id("items").Op("=").Append(jen.Id("items"), jen.Id("x")),
		}
		g.If(jen.Err().Op(":=").Id("d").Dot("BeginArray").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("WithField").Call(jen.Err(), jen.Lit(items))))
		g.Id("items").Op("=").Index().Add(elem).Values()
		g.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(append([]jen.Code{
			jen.List(jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("NextElement").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("WithField").Call(jen.Err(), jen.Lit(items)))),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
		}, decodeOne...)...)
	}})
	// labelled wraps err in the JSON path of the value it is about.
	labelled := func(err jen.Code, path []string) jen.Code {
		for i := len(path) - 1; i >= 0; i-- {
			err = jen.Id("WithField").Call(err, jen.Lit(path[i]))
		}
		return err
	}
	optionalString := func(target string, path []string) func(g *jen.Group) {
		return func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("ConsumeNull").Call()).Block(
				jen.List(jen.Id("s"), jen.Err()).Op(":=").Id("d").Dot("String").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), path))),
				jen.Id("info").Dot(target).Op("=").Id("s"),
			)
		}
	}
	optionalInt := func(target string, path []string) func(g *jen.Group) {
		return func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("ConsumeNull").Call()).Block(
				jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("d").Dot("Int64").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), path))),
				jen.Id("info").Dot(target).Op("=").Id("Some").Call(jen.Id("n")),
			)
		}
	}
	switch pg.Style {
	case schema.PaginationNextLink:
		leaves = append(leaves, leaf{pg.Next, optionalString("next", pg.Next)})
	case schema.PaginationPageNumber:
		if len(pg.TotalPages) > 0 {
			leaves = append(leaves, leaf{pg.TotalPages, optionalInt("totalPages", pg.TotalPages)})
		}
	}
	// walk emits an object loop that dispatches on the names at depth. As in
	// typed decoders, every name of the object is claimed once: a repeated
	// member (the items, the next link, a total, an envelope or anything
	// skipped) is an error, never last-wins.
	var walk func(g *jen.Group, ls []leaf, depth int)
	walk = func(g *jen.Group, ls []leaf, depth int) {
		prefix := ls[0].path[:depth] // the path of the object walked here
		fail := func(err jen.Code) jen.Code {
			return jen.If(jen.Err().Op(":=").Add(err), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), prefix)))
		}
		seen, unknown := fmt.Sprintf("seen%d", depth), fmt.Sprintf("unknown%d", depth)
		g.Add(fail(jen.Id("d").Dot("BeginObject").Call()))
		g.Var().Id(seen).Uint64()
		g.Var().Id(unknown).Id("memberNames")
		g.For().BlockFunc(func(g *jen.Group) {
			g.List(jen.Id("name"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("NextField").Call()
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), prefix)))
			g.If(jen.Op("!").Id("ok")).Block(jen.Break())
			g.Switch(jen.String().Call(jen.Id("name"))).BlockFunc(func(sw *jen.Group) {
				var order []string
				groups := map[string][]leaf{}
				for _, l := range ls {
					k := l.path[depth]
					if _, ok := groups[k]; !ok {
						order = append(order, k)
					}
					groups[k] = append(groups[k], l)
				}
				for bit, k := range order {
					sw.Case(jen.Lit(k)).BlockFunc(func(cg *jen.Group) {
						cg.Add(fail(jen.Id("claimMember").Call(jen.Op("&").Id("d"), jen.Lit(k), jen.Op("&").Id(seen), jen.Lit(1).Op("<<").Lit(bit))))
						var here, deeper []leaf
						for _, l := range groups[k] {
							if len(l.path) == depth+1 {
								here = append(here, l)
							} else {
								deeper = append(deeper, l)
							}
						}
						if len(here) > 0 {
							here[0].read(cg)
							return
						}
						cg.If(jen.Id("d").Dot("ConsumeNull").Call()).Block(jen.Continue())
						walk(cg, deeper, depth+1)
					})
				}
				sw.Default().Block(fail(jen.Id("skipMember").Call(jen.Op("&").Id("d"), jen.Op("&").Id(unknown), jen.Id("name"))))
			})
		})
		if depth == 0 {
			// Without its items a page is not a page: an empty list would
			// hide a renamed member or an answer of another shape.
			g.If(jen.Id(seen).Op("&").Lit(1).Op("==").Lit(0)).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("d").Dot("ErrRequired").Call(jen.Lit(items))))
		}
	}
	f.Commentf("%s decodes one page body with its items in %q, each read with read.", name, items)
	f.Func().Id(name).Types(jen.Id("T").Any()).Params(jen.Id("data").Index().Byte(), jen.Id("read").Func().Params(jen.Op("*").Id("Decoder")).Params(jen.Id("T"), jen.Error())).Params(jen.Id("items").Index().Add(elem), jen.Id("info").Id("pageInfo"), jen.Err().Error()).BlockFunc(func(g *jen.Group) {
		g.Var().Id("d").Id("Decoder")
		g.Id("d").Dot("Reset").Call(jen.Id("data"))
		walk(g, leaves, 0)
		g.Return(jen.Id("items"), jen.Id("info"), jen.Id("d").Dot("End").Call())
	})
	f.Line()
}

// queryEncoder emits encodeQuery for a parameters struct.
func (c *clientGen) queryEncoder(s *ir.Struct) {
	c.f.Commentf("encodeQuery returns the parameters that are set, as query values.")
	c.f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("encodeQuery").Params().Qual("net/url", "Values").BlockFunc(func(g *jen.Group) {
		g.Id("q").Op(":=").Qual("net/url", "Values").Values()
		explode := map[string]bool{}
		for _, r := range c.p.Resources {
			for _, m := range r.Methods {
				if m.Params == s {
					for _, q := range m.Query {
						explode[q.Wire] = q.Explode
					}
				}
			}
		}
		for _, fl := range s.Fields {
			g.Add(c.valueAdder("q", fl, explode[fl.Wire], false))
		}
		g.Return(jen.Id("q"))
	})
	c.f.Line()
}

// formEncoder emits encodeForm for a request body sent as a form.
func (c *clientGen) formEncoder(s *ir.Struct) {
	c.f.Commentf("encodeForm returns the fields that are set as form values: lists as repeated")
	c.f.Comment("keys, date-times in RFC 3339, objects and JSON values as JSON text. A null")
	c.f.Comment("field is sent empty, which clears it. Read-only fields are never sent.")
	c.f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("encodeForm").Params().Qual("net/url", "Values").BlockFunc(func(g *jen.Group) {
		g.Id("q").Op(":=").Qual("net/url", "Values").Values()
		for _, fl := range s.Fields {
			if fl.ReadOnly {
				continue
			}
			g.Add(c.valueAdder("q", fl, true, true))
		}
		g.Return(jen.Id("q"))
	})
	c.f.Line()
}

// valueAdder adds field fl of v to the url.Values named q.
func (c *clientGen) valueAdder(q string, fl *ir.Field, explode, form bool) jen.Code {
	add := func(x jen.Code) jen.Code {
		return jen.Id(q).Dot("Add").Call(jen.Lit(fl.Wire), x)
	}
	var emit func(t *ir.Type, x jen.Code) []jen.Code
	emit = func(t *ir.Type, x jen.Code) []jen.Code {
		switch t.Kind {
		case ir.Slice:
			if !explode && t.Elem.Kind != ir.Slice {
				return []jen.Code{jen.Block(
					jen.Id("parts").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(x)),
					jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(x)).Block(
						jen.Id("parts").Op("=").Append(jen.Id("parts"), textOrJSON(t.Elem, jen.Id("e"))),
					),
					add(jen.Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit(","))),
				)}
			}
			return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(x)).Block(
				add(textOrJSON(t.Elem, jen.Id("e"))),
			)}
		default:
			return []jen.Code{add(textOrJSON(t, x))}
		}
	}
	field := jen.Id("v").Dot(fl.Name)
	if !fl.Optional {
		return jen.Block(emit(fl.Type, field)...)
	}
	stmt := jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).Block(emit(fl.Type, jen.Id("x"))...)
	if form && fl.Nullable {
		stmt = stmt.Else().If(field.Clone().Dot("IsNull").Call()).Block(add(jen.Lit("")))
	}
	return stmt
}

// textOrJSON is the form or query text of a value: scalars as text, anything
// else as compact JSON.
func textOrJSON(t *ir.Type, x jen.Code) jen.Code {
	switch t.Kind {
	case ir.StructRef:
		if t.Pointer {
			return jen.Id("jsonText").Call(x)
		}
		return jen.Id("jsonText").Call(jen.Op("&").Add(x))
	case ir.InterfaceRef:
		return jen.Id("jsonText").Call(x)
	case ir.Map, ir.Slice:
		// Rare in forms: encoding/json is fine off the hot path.
		return jen.Func().Params().String().Block(
			jen.List(jen.Id("b"), jen.Id("_")).Op(":=").Qual("encoding/json", "Marshal").Call(x),
			jen.Return(jen.String().Call(jen.Id("b"))),
		).Call()
	}
	return scalarText(t, x)
}
