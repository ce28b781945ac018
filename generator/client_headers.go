package generator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// headerFieldType is the Go type of a request header field: a list as a
// slice (empty: not sent), a required scalar as itself, an optional one in
// Optional.
func headerFieldType(h *ir.Header) jen.Code {
	switch {
	case h.Type.Kind == ir.Slice, h.Required:
		return goType(h.Type)
	}
	return jen.Id("Optional").Types(goType(h.Type))
}

// headersType emits a request headers struct: its fields, Validate (which
// enforces required headers, the declared constraints and values a header
// can carry) and header (the headers as sent, lists comma-joined).
func (c *clientGen) headersType(name string, docLines []string, hs []*ir.Header) {
	f := c.f
	fcomment(f, docLines)
	f.Type().Id(name).StructFunc(func(g *jen.Group) {
		for _, h := range hs {
			head := fmt.Sprintf("%s is the %s header", h.Name, h.Wire)
			switch {
			case h.Type.Kind == ir.Slice:
				head += ", sent comma-joined; empty sends none"
			case h.Required:
				head += " (required)"
			}
			comment(g, headerDoc(head, h))
			g.Id(h.Name).Add(headerFieldType(h))
		}
	})
	f.Line()
	recv := jen.Id("h").Op("*").Id(name)
	f.Commentf("Validate reports every header that is required and unset, breaks a declared")
	f.Comment("constraint or cannot be sent (a control character; a comma in a list element),")
	f.Comment("as a *ValidationError naming the header. A nil value has no headers set.")
	f.Func().Params(recv).Id("Validate").Params().Error().BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("h").Op("==").Nil()).Block(jen.Id("h").Op("=").New(jen.Id(name)))
		g.Id("vs").Op(":=").New(jen.Id("violationList"))
		g.Var().Id("root").Id("valuePath")
		for _, h := range hs {
			g.BlockFunc(func(b *jen.Group) {
				b.Id("fp").Op(":=").Id("root").Dot("child").Call(jen.Lit(h.Wire))
				field := jen.Id("h").Dot(h.Name)
				switch {
				case h.Type.Kind == ir.Slice:
					if h.Required {
						b.If(jen.Len(field).Op("==").Lit(0)).Block(jen.Id("vs").Dot("add").Call(jen.Op("&").Id("fp"), jen.Id("RuleRequired"), jen.Lit("is required")))
					}
					b.For(jen.List(jen.Id("i"), jen.Id("v")).Op(":=").Range().Add(field)).BlockFunc(func(lg *jen.Group) {
						lg.Id("fp").Op(":=").Id("fp").Dot("item").Call(jen.Id("i"))
						headerValueChecks(lg, h.Type.Elem, jen.Id("v"), true)
					})
				case h.Required:
					if isStringKind(h.Type) {
						b.If(jen.Add(scalarText(h.Type, field)).Op("==").Lit("")).Block(
							jen.Id("vs").Dot("add").Call(jen.Op("&").Id("fp"), jen.Id("RuleRequired"), jen.Lit("is required")),
						).Else().BlockFunc(func(eg *jen.Group) { headerValueChecks(eg, h.Type, field, false) })
					} else {
						headerValueChecks(b, h.Type, field, false)
					}
				default:
					b.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).BlockFunc(func(ig *jen.Group) {
						headerValueChecks(ig, h.Type, jen.Id("v"), false)
					})
				}
			})
		}
		g.Return(jen.Id("vs").Dot("err").Call())
	})
	f.Line()
	f.Comment("header returns the headers that are set, as sent.")
	f.Func().Params(recv).Id("header").Params().Qual("net/http", "Header").BlockFunc(func(g *jen.Group) {
		g.Id("out").Op(":=").Qual("net/http", "Header").Values()
		g.If(jen.Id("h").Op("==").Nil()).Block(jen.Return(jen.Id("out")))
		for _, h := range hs {
			field := jen.Id("h").Dot(h.Name)
			set := func(v jen.Code) jen.Code {
				return jen.Id("out").Index(jen.Lit(http.CanonicalHeaderKey(h.Wire))).Op("=").Index().String().Values(v)
			}
			switch {
			case h.Type.Kind == ir.Slice:
				g.If(jen.Len(field).Op(">").Lit(0)).BlockFunc(func(b *jen.Group) {
					b.Id("parts").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(field))
					b.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(field)).Block(
						jen.Id("parts").Op("=").Append(jen.Id("parts"), scalarText(h.Type.Elem, jen.Id("v"))),
					)
					b.Add(set(jen.Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit(", "))))
				})
			case h.Required && isStringKind(h.Type):
				g.If(jen.Add(scalarText(h.Type, field)).Op("!=").Lit("")).Block(set(scalarText(h.Type, field)))
			case h.Required:
				g.Add(set(scalarText(h.Type, field)))
			default:
				g.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).Block(set(scalarText(h.Type, jen.Id("v"))))
			}
		}
		g.Return(jen.Id("out"))
	})
	f.Line()
}

// headerValueChecks emits the checks of one header value x of type t.
func headerValueChecks(g *jen.Group, t *ir.Type, x jen.Code, listElement bool) {
	for _, rule := range checksFor(t, x, "fp", 1, nil) {
		g.Add(rule)
	}
	g.Id("checkHeaderValue").Call(jen.Id("vs"), jen.Op("&").Id("fp"), scalarText(t, x), jen.Lit(listElement))
}

// isStringKind reports whether values of t are sent as their string form,
// so that the empty string means unset.
func isStringKind(t *ir.Type) bool {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID, ir.EnumRef:
		return true
	}
	return false
}

// apiHeaders emits RequestHeaders, WithRequestHeaders and the transport's
// CallHeaders hook, when the API declares request headers every method may
// send.
func (c *clientGen) apiHeaders() {
	hs := c.p.API.Headers
	if len(hs) == 0 {
		return
	}
	f := c.f
	c.headersType("RequestHeaders", []string{
		"RequestHeaders are the request headers any method of the API may send. Set them",
		"for the calls made with a context by WithRequestHeaders.",
	}, hs)
	f.Comment("WithRequestHeaders returns a context whose calls send h. The headers are validated")
	f.Comment("on each call: an invalid one fails it with a *ValidationError before anything is sent.")
	f.Func().Id("WithRequestHeaders").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("h").Id("RequestHeaders")).Qual("context", "Context").Block(
		jen.Return(jen.Qual("context", "WithValue").Call(jen.Id("ctx"), jen.Id("requestHeadersKey").Values(), jen.Id("h"))),
	)
	f.Line()
	f.Type().Id("requestHeadersKey").Struct()
	f.Line()
	f.Comment("requestHeadersOf returns the API-wide headers of a call made with ctx, validated:")
	f.Comment("required ones fail the call when ctx has none.")
	f.Func().Id("requestHeadersOf").Params(jen.Id("ctx").Qual("context", "Context")).Params(jen.Qual("net/http", "Header"), jen.Error()).Block(
		jen.List(jen.Id("h"), jen.Id("_")).Op(":=").Id("ctx").Dot("Value").Call(jen.Id("requestHeadersKey").Values()).Assert(jen.Id("RequestHeaders")),
		jen.If(jen.Err().Op(":=").Id("h").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("h").Dot("header").Call(), jen.Nil()),
	)
	f.Line()
}

// methodHeaders emits the request headers struct of each method that
// declares its own headers.
func (c *clientGen) methodHeaders(r *ir.Resource) {
	for _, m := range r.Methods {
		if m.HeadersName == "" {
			continue
		}
		c.headersType(m.HeadersName, []string{fmt.Sprintf("%s holds the request headers of %s.%s; a nil value sets none.", m.HeadersName, r.ClientName, m.Name)}, m.Headers)
	}
}

// responseHeadersType emits the struct of a method's response headers and
// its reader.
func (c *clientGen) responseHeadersType(r *ir.Resource, m *ir.Method) {
	f := c.f
	fcomment(f, []string{fmt.Sprintf("%s holds the response headers of %s.%s.", m.ResultName, r.ClientName, m.Name)})
	f.Type().Id(m.ResultName).StructFunc(func(g *jen.Group) {
		for _, h := range m.ResponseHeaders {
			head := fmt.Sprintf("%s is the %s header", h.Name, h.Wire)
			switch {
			case h.Type.Kind == ir.Slice:
				head += ", split at commas"
			case h.Required:
				head += ": an answer without it is an error"
			default:
				head += "; not set when the answer has none"
			}
			comment(g, headerDoc(head, h))
			g.Id(h.Name).Add(headerFieldType(h))
		}
	})
	f.Line()
	f.Commentf("%s reads the response headers of %s.%s.", m.ResultReader, r.ClientName, m.Name)
	f.Func().Id(m.ResultReader).Params(jen.Id("header").Qual("net/http", "Header")).Params(jen.Op("*").Id(m.ResultName), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Id("h").Op(":=").New(jen.Id(m.ResultName))
		for _, h := range m.ResponseHeaders {
			field := jen.Id("h").Dot(h.Name)
			fail := func(err jen.Code) jen.Code {
				return jen.Return(jen.Nil(), jen.Id("responseHeaderError").Call(jen.Lit(h.Wire), err))
			}
			if h.Type.Kind == ir.Slice {
				g.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("splitHeaderList").Call(
					jen.Qual("strings", "Join").Call(jen.Id("header").Dot("Values").Call(jen.Lit(h.Wire)), jen.Lit(",")),
				)).BlockFunc(func(lg *jen.Group) {
					parseHeaderValue(lg, h.Type.Elem, fail)
					lg.Add(field.Clone().Op("=").Append(field.Clone(), jen.Id("v")))
				})
				if h.Required {
					g.If(jen.Len(field.Clone()).Op("==").Lit(0)).Block(fail(jen.Nil()))
				}
				continue
			}
			set := field.Clone().Op("=").Id("Some").Call(jen.Id("v"))
			if h.Required {
				set = field.Clone().Op("=").Id("v")
			}
			ifSet := jen.If(jen.Id("s").Op(":=").Id("header").Dot("Get").Call(jen.Lit(h.Wire)), jen.Id("s").Op("!=").Lit("")).BlockFunc(func(ig *jen.Group) {
				parseHeaderValue(ig, h.Type, fail)
				ig.Add(set)
			})
			if h.Required {
				ifSet = ifSet.Else().Block(fail(jen.Nil()))
			}
			g.Add(ifSet)
		}
		g.Return(jen.Id("h"), jen.Nil())
	})
	f.Line()
}

// parseHeaderValue emits v := the value of type t in the header text s.
func parseHeaderValue(g *jen.Group, t *ir.Type, fail func(err jen.Code) jen.Code) {
	switch {
	case isRawText(t):
		g.Id("v").Op(":=").Id("s")
	case t.Kind == ir.EnumRef:
		g.Id("v").Op(":=").Id(t.Enum.Name).Call(jen.Id("s"))
	default:
		g.List(jen.Id("v"), jen.Err()).Op(":=").Add(textParse(t, jen.Index().Byte().Call(jen.Id("s"))))
		g.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Err()))
	}
}

// headerDoc is the doc comment of a header field: head, the description,
// and the deprecation notice.
func headerDoc(head string, h *ir.Header) []string {
	notes := []string{strings.Join(ir.DocLines(h.Doc), "\n")}
	if h.Deprecated != "" {
		notes = append(notes, "Deprecated: "+h.Deprecated)
	}
	return doc([]string{head + "."}, notes...)
}
