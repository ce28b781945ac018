package generator

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// apiError emits APIError and the decoder Transport calls for non-2xx
// responses. An API with error shapes selected by status decodes each body
// with the shape of its status, falling back to the default shape.
func (c *clientGen) apiError() {
	f, p := c.f, c.p
	shapes := errorShapes(p.API)
	hasCode := false
	for _, s := range shapes {
		hasCode = hasCode || len(s.Code) > 0
	}
	// Code has the Go type of the error body's code, so that APIError.Code
	// and Body's code compare without conversion (int32 for Twilio).
	var codeType jen.Code = jen.String()
	codeKind := ir.String
	for _, s := range shapes {
		if s.CodeField == nil {
			continue
		}
		switch fl := s.CodeField; fl.Type.Kind {
		case ir.Int32, ir.Int64, ir.EnumRef:
			codeType, codeKind = goType(fl.Type), fl.Type.Kind
		}
		break
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
		for _, eb := range p.API.ErrorBodies {
			g.Commentf("%s is the decoded error body, nil when it did not decode%s.", eb.Field, bodyStatuses(p.API, eb))
			g.Id(eb.Field).Op("*").Add(structIdent(eb.Type))
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
	var headers []jen.Code
	for _, h := range p.API.RequestIDHeaders {
		headers = append(headers, jen.Lit(h))
	}
	f.Comment("requestIDHeaders are the response headers that carry the API's request id,")
	f.Comment("tried in order.")
	f.Var().Id("requestIDHeaders").Op("=").Index().String().Values(headers...)
	f.Line()
	f.Func().Id("decodeAPIError").Params(jen.Id("status").Int(), jen.Id("header").Qual("net/http", "Header"), jen.Id("body").Index().Byte()).Error().BlockFunc(func(g *jen.Group) {
		g.Id("e").Op(":=").Op("&").Id("APIError").Values(jen.Dict{
			jen.Id("StatusCode"): jen.Id("status"),
			jen.Id("RequestID"):  jen.Id("requestIDOf").Call(jen.Id("header"), jen.Id("requestIDHeaders")),
		})
		if len(p.API.ErrorsByStatus) == 0 {
			if shape := p.API.ErrorShape; shape != nil {
				decodeErrorShape(g, shape, codeKind, codeType)
			}
			g.Return(jen.Id("e"))
			return
		}
		g.Switch(jen.Id("status")).BlockFunc(func(sw *jen.Group) {
			for _, shape := range p.API.ErrorsByStatus {
				var cases []jen.Code
				for _, s := range shape.Statuses {
					cases = append(cases, jen.Lit(s))
				}
				sw.Case(cases...).BlockFunc(func(cg *jen.Group) { decodeErrorShape(cg, shape, codeKind, codeType) })
			}
			if shape := p.API.ErrorShape; shape != nil {
				sw.Default().BlockFunc(func(cg *jen.Group) { decodeErrorShape(cg, shape, codeKind, codeType) })
			}
		})
		g.Return(jen.Id("e"))
	})
	f.Line()
}

// errorShapes are every error shape of the API: the default one first.
func errorShapes(a *ir.API) []*ir.ErrorShape {
	var out []*ir.ErrorShape
	if a.ErrorShape != nil {
		out = append(out, a.ErrorShape)
	}
	return append(out, a.ErrorsByStatus...)
}

// bodyStatuses says, in APIError's doc, which statuses a typed error body is
// decoded for when the API selects shapes by status.
func bodyStatuses(a *ir.API, eb *ir.ErrorBody) string {
	if len(a.ErrorsByStatus) == 0 {
		return ""
	}
	var statuses []string
	for _, s := range a.ErrorsByStatus {
		if s.Body != eb {
			continue
		}
		for _, st := range s.Statuses {
			statuses = append(statuses, strconv.Itoa(st))
		}
	}
	if a.ErrorShape != nil && a.ErrorShape.Body == eb {
		statuses = append(statuses, "any other status")
	}
	if len(statuses) == 0 {
		return ""
	}
	return " (set for " + strings.Join(statuses, ", ") + ")"
}

// decodeErrorShape emits the reading of one error shape's code, message,
// request id and typed body into e.
func decodeErrorShape(g *jen.Group, shape *ir.ErrorShape, codeKind ir.TypeKind, codeType jen.Code) {
	lookup := func(path []string, set func(raw jen.Code) jen.Code) jen.Code {
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
	if len(shape.Code) > 0 {
		g.Add(lookup(shape.Code, func(raw jen.Code) jen.Code {
			switch codeKind {
			case ir.Int32:
				return jen.Id("e").Dot("Code").Op(",").Id("_").Op("=").Id("readJSONValue").Call(raw, jen.Parens(jen.Op("*").Id("decoder")).Dot("int32Value"))
			case ir.Int64:
				return jen.Id("e").Dot("Code").Op(",").Id("_").Op("=").Id("readJSONValue").Call(raw, jen.Parens(jen.Op("*").Id("decoder")).Dot("int64Value"))
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
	if eb := shape.Body; eb != nil {
		g.Id("b").Op(":=").New(structIdent(eb.Type))
		g.If(jen.Id("b").Dot("UnmarshalJSON").Call(jen.Id("body")).Op("==").Nil()).Block(jen.Id("e").Dot(eb.Field).Op("=").Id("b"))
	}
}
