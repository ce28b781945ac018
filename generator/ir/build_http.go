package ir

import (
	"fmt"
	"slices"

	"github.com/sessiongen/sessiongen/schema"
)

// This file derives the facts of the HTTP exchange beyond bodies: success
// statuses, text bodies, request and response headers, and error shapes
// selected by status.

// apiErrorFields are the fields APIError always has: a typed error body
// named like one of them is held under the name with "Body" appended.
var apiErrorFields = map[string]bool{"StatusCode": true, "RequestID": true, "Code": true, "Message": true, "Body": true}

// apiHTTP adds the API-wide HTTP facts to out, after api() built it.
func (b *builder) apiHTTP(out *API) {
	a := b.f.API
	bodies := map[*Struct]*ErrorBody{}
	bodyOf := func(st *Struct) *ErrorBody {
		if st == nil {
			return nil
		}
		if eb := bodies[st]; eb != nil {
			return eb
		}
		// The first typed body keeps the name it always had.
		eb := &ErrorBody{Field: "Body", Type: st}
		if len(out.ErrorBodies) > 0 {
			eb.Field = st.Name
			if apiErrorFields[eb.Field] {
				eb.Field += "Body"
			}
		}
		bodies[st] = eb
		out.ErrorBodies = append(out.ErrorBodies, eb)
		return eb
	}
	if out.ErrorShape != nil {
		out.ErrorShape.Body = bodyOf(out.ErrorType)
	}
	for _, e := range a.ErrorsByStatus {
		var st *Struct
		if e.Type != nil && e.Type.Target != nil {
			st = b.structOf(e.Type.Target)
		}
		out.ErrorsByStatus = append(out.ErrorsByStatus, b.errorShape(e, st, bodyOf(st)))
	}
	b.errorAliases(out)
	for _, h := range a.Headers {
		out.Headers = append(out.Headers, b.header(h, "api header"))
	}
	b.checkHeaderNames(out.Headers, a.Headers, "api.headers")
	if len(out.Headers) > 0 {
		b.claim("RequestHeaders", a.Pos, "api.headers")
		b.claim("WithRequestHeaders", a.Pos, "api.headers")
	}
}

// errorShape is the IR of one error shape whose body is typed as st.
func (b *builder) errorShape(e *schema.ErrorShape, st *Struct, body *ErrorBody) *ErrorShape {
	shape := &ErrorShape{Code: e.Code, Message: e.Message, RequestID: e.RequestID, Statuses: e.Statuses, Body: body}
	for _, c := range e.Codes {
		shape.Codes = append(shape.Codes, ErrorCode{Status: c.Status, Code: c.Code, Number: c.Number})
	}
	shape.CodeField = pathField(st, e.Code)
	if fl := shape.CodeField; fl != nil {
		shape.CodeIsNumber = fl.Type.Kind == Int32 || fl.Type.Kind == Int64
	}
	return shape
}

// header is the IR of a header parameter.
func (b *builder) header(p *schema.Property, owner string) *Header {
	h := &Header{
		Name:       b.names.Exported(p.Name),
		Wire:       p.Name,
		Doc:        p.Description,
		Type:       b.typ(&p.Type, owner+" "+p.Name),
		Required:   p.Required,
		Deprecated: p.Deprecated,
	}
	return h
}

// methodHTTP adds a method's HTTP facts to out, after method() built it.
func (b *builder) methodHTTP(res *Resource, m *schema.Method, out *Method) {
	out.Statuses = m.Statuses
	out.NoContent = slices.Contains(m.Statuses, 204)
	if m.Response != nil && m.Response.Text != "" {
		out.Response.Binary = false
		out.Response.Text = b.typ(&schema.TypeExpr{Kind: m.Response.Text}, "response of "+m.Name)
	}
	prefix := res.Name + out.Name
	for _, h := range m.Headers {
		out.Headers = append(out.Headers, b.header(h, fmt.Sprintf("method %q header", m.Name)))
	}
	b.checkHeaderNames(out.Headers, m.Headers, fmt.Sprintf("method %q headers", m.Name))
	if len(out.Headers) > 0 {
		out.HeadersName = prefix + "Headers"
		b.claim(out.HeadersName, m.Pos, fmt.Sprintf("method %q (its request headers)", m.Name))
	}
	for _, h := range m.ResponseHeaders {
		out.ResponseHeaders = append(out.ResponseHeaders, b.header(h, fmt.Sprintf("method %q response header", m.Name)))
	}
	if len(out.ResponseHeaders) > 0 {
		if m.Response != nil && m.Response.Paged {
			// Which page's headers? Say so rather than drop them.
			b.errorf(m.ResponseHeaders[0].Pos, "method %q: response headers on a paged method are not supported yet", m.Name)
		}
		out.ResultName = prefix + "ResponseHeaders"
		out.ResultReader = "read" + out.ResultName
		b.claim(out.ResultName, m.Pos, fmt.Sprintf("method %q (its response headers)", m.Name))
		b.claim(out.ResultReader, m.Pos, fmt.Sprintf("method %q (its response headers reader)", m.Name))
	}
}

// checkHeaderNames reports a request header named like the headers
// struct's Validate method, at the header. (Two headers of one Go name are
// the schema validator's error.)
func (b *builder) checkHeaderNames(hs []*Header, props []*schema.Property, what string) {
	for i, h := range hs {
		if h.Name == "Validate" {
			b.errorf(props[i].Pos, "%s: header %q needs Go name Validate, which the headers struct's method uses", what, h.Wire)
		}
	}
}
