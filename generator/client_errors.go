package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// apiError emits APIError and the decoder Transport calls for non-2xx responses.
func (c *clientGen) apiError() {
	f, p := c.f, c.p
	shape := p.API.ErrorShape
	hasCode := shape != nil && len(shape.Code) > 0
	// Code has the Go type of the error body's code, so that APIError.Code
	// and Body's code compare without conversion (int32 for Twilio).
	var codeType jen.Code = jen.String()
	codeKind := ir.String
	if shape != nil && shape.CodeField != nil {
		switch fl := shape.CodeField; fl.Type.Kind {
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
