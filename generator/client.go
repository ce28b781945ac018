package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// genClient emits the HTTP client: Client with its options, one client type
// per resource with a method per schema method, the API's error type, and
// the query and form encoders of request types.
func genClient(f *jen.File, p *ir.Package) {
	c := &clientGen{f: f, p: p}
	c.client()
	c.apiHeaders()
	c.apiError()
	for _, r := range p.Resources {
		c.resource(r)
	}
	c.pages()
	for _, s := range p.Structs {
		switch {
		case s.Role == ir.RoleParams:
			c.queryEncoder(s)
		case s.SentForm:
			c.formEncoder(s)
		}
	}
}

type clientGen struct {
	f *jen.File
	p *ir.Package
}

func hasClient(p *ir.Package) bool { return len(p.Resources) > 0 }

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
	case ir.AuthBearer:
		option("WithTokenSource", []jen.Code{jen.Id("source").Func().Params(jen.Qual("context", "Context")).Params(jen.String(), jen.Error())},
			jen.Id("o").Dot("authorize").Op("=").Func().Params(ctx, req).Error().Block(
				jen.List(jen.Id("token"), jen.Err()).Op(":=").Id("source").Call(jen.Id("ctx")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("getting a token: %w"), jen.Err()))),
				jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Authorization"), jen.Lit("Bearer ").Op("+").Id("token")),
				jen.Return(jen.Nil()),
			),
			"WithTokenSource authenticates every request with a bearer token from source, called",
			"once per attempt so it can refresh: plug in any OAuth library.")
	case ir.AuthBasic:
		user, pass := a.Auth.UsernameArg, a.Auth.PasswordArg
		option("WithBasicAuth", []jen.Code{jen.Id(user).String(), jen.Id(pass).String()},
			jen.Id("o").Dot("authorize").Op("=").Func().Params(jen.Id("_").Qual("context", "Context"), req).Error().Block(
				jen.Id("req").Dot("SetBasicAuth").Call(jen.Id(user), jen.Id(pass)),
				jen.Return(jen.Nil()),
			),
			fmt.Sprintf("WithBasicAuth authenticates every request with HTTP basic authentication: %s", a.Auth.Username),
			fmt.Sprintf("as the user name and %s as the password.", a.Auth.Password))
	case ir.AuthAPIKey:
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
		g.Id("t").Dot("RequestIDHeaders").Op("=").Id("requestIDHeaders")
		g.Id("t").Dot("DecodeError").Op("=").Id("decodeAPIError")
		if len(a.Headers) > 0 {
			g.Id("t").Dot("CallHeaders").Op("=").Id("requestHeadersOf")
		}
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
