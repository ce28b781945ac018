package openapi

import (
	"strconv"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
	"go.yaml.in/yaml/v3"
)

// errorResponse is an error shape of the API under components/responses.
type errorResponse struct {
	key   string
	shape *schema.ErrorShape
}

// declareErrors names the error shapes: one per api.errors entry with
// statuses, then the one of every other status.
func (e *exporter) declareErrors() {
	for _, s := range e.f.API.ErrorsByStatus {
		e.errorResponses = append(e.errorResponses, errorResponse{e.responseKeys.key("error" + joinInts(s.Statuses, "_")), s})
	}
	if e.f.API.Errors != nil {
		e.errorResponses = append(e.errorResponses, errorResponse{e.responseKeys.key("error"), e.f.API.Errors})
	}
}

// errorComponents are components/responses: each error shape's body,
// with the JSON paths and codes the format adds in x-sessiongen-error.
func (e *exporter) errorComponents() *yaml.Node {
	out := mapping()
	for _, er := range e.errorResponses {
		s := er.shape
		resp := mapping()
		what := "every error status no other error response claims"
		if len(s.Statuses) > 0 {
			what = "HTTP status " + joinInts(s.Statuses, ", ")
			if len(s.Statuses) > 1 {
				what = "HTTP statuses " + joinInts(s.Statuses, ", ")
			}
		}
		set(resp, "description", str("The error body of "+what+"."))
		if s.Type != nil && s.Type.Target != nil {
			media := mapping()
			set(media, "schema", e.ref(s.Type.Target))
			content := mapping()
			set(content, "application/json", media)
			set(resp, "content", content)
		}
		x := mapping()
		if len(s.Statuses) > 0 {
			set(x, "status", ints(s.Statuses))
		}
		setPath(x, "code", s.Code)
		setPath(x, "message", s.Message)
		setPath(x, "requestId", s.RequestID)
		if len(s.Codes) > 0 {
			codes := mapping()
			for _, c := range s.Codes {
				v := str(c.Code)
				if c.Number {
					v = number(c.Code)
				}
				set(codes, strconv.Itoa(c.Status), v)
			}
			set(x, "codes", codes)
		}
		if len(x.Content) > 0 {
			set(resp, "x-sessiongen-error", x)
		}
		set(out, er.key, resp)
	}
	return out
}

func setPath(m *yaml.Node, key string, p schema.JSONPath) {
	if len(p) > 0 {
		set(m, key, strs(p))
	}
}

// responses are a method's success responses (each documented status, or
// 2XX when any 2xx is success) and the API's error responses.
func (e *exporter) responses(m *schema.Method) *yaml.Node {
	out := mapping()
	codes := []string{"2XX"}
	if len(m.Statuses) > 0 {
		codes = codes[:0]
		for _, s := range m.Statuses {
			codes = append(codes, strconv.Itoa(s))
		}
	}
	for _, code := range codes {
		set(out, code, e.success(m))
	}
	var fallback string
	for _, er := range e.errorResponses {
		if len(er.shape.Statuses) == 0 {
			fallback = er.key
			continue
		}
		for _, st := range er.shape.Statuses {
			set(out, strconv.Itoa(st), responseRef(er.key))
		}
	}
	if fallback != "" {
		set(out, "default", responseRef(fallback))
	}
	return out
}

func responseRef(key string) *yaml.Node {
	r := mapping()
	set(r, "$ref", str("#/components/responses/"+key))
	return r
}

// success is the response of a success status: the body, by its content
// type, and the headers the caller reads.
func (e *exporter) success(m *schema.Method) *yaml.Node {
	resp := mapping()
	r := m.Response
	content := mapping()
	media := mapping()
	desc := "Success, without a body."
	switch {
	case r == nil:
	case r.Text != "":
		set(media, "schema", scalar(r.Text, nil))
		set(content, "text/plain", media)
		desc = "A text body holding a " + string(r.Text) + "."
	case r.Binary:
		// Raw bytes: any content, no schema.
		set(content, "application/octet-stream", media)
		desc = "Raw bytes."
	case r.Paged && r.Type != nil && r.Type.Target != nil:
		set(media, "schema", e.page(r))
		set(content, "application/json", media)
		desc = "A page of " + r.Type.Name + " in member " + r.Items + "."
	case r.Type != nil && r.Type.Target != nil:
		set(media, "schema", e.ref(r.Type.Target))
		set(content, "application/json", media)
		desc = "One " + r.Type.Name + "."
	}
	set(resp, "description", str(desc))
	if len(m.ResponseHeaders) > 0 {
		headers := mapping()
		for _, h := range m.ResponseHeaders {
			set(headers, h.Name, e.header(h))
		}
		set(resp, "headers", headers)
	}
	if len(content.Content) > 0 {
		set(resp, "content", content)
	}
	return resp
}

// page is the schema of a page body: the items member, and the members
// the API's pagination reads at their JSON paths.
func (e *exporter) page(r *schema.Response) *yaml.Node {
	s := mapping()
	set(s, "type", str("object"))
	items := mapping()
	set(items, "type", str("array"))
	set(items, "items", e.ref(r.Type.Target))
	insertAt(s, []string{r.Items}, items)
	p := e.f.API.Pagination
	if p == nil {
		return s
	}
	if len(p.Next) > 0 {
		next := nullable(schema.KindURI, scalar(schema.KindURI, nil))
		set(next, "description", str("The URL of the next page; absent or null on the last page."))
		insertAt(s, p.Next, next)
	}
	for _, t := range []struct {
		path schema.JSONPath
		desc string
	}{{p.TotalPages, "The number of pages."}, {p.TotalCount, "The number of items."}} {
		if len(t.path) > 0 {
			n := nullable(schema.KindInt64, scalar(schema.KindInt64, nil))
			set(n, "description", str(t.desc))
			insertAt(s, t.path, n)
		}
	}
	for _, md := range p.Metadata {
		n := nullable(md.Kind, scalar(md.Kind, nil))
		setStr(n, "description", md.Description)
		insertAt(s, md.Path, n)
	}
	return s
}

// insertAt puts leaf at the JSON path inside the object schema s,
// creating the objects on the way; a member already there stays.
func insertAt(s *yaml.Node, path schema.JSONPath, leaf *yaml.Node) {
	for i, name := range path {
		props := get(s, "properties")
		if props == nil {
			if get(s, "type") == nil || get(s, "type").Value != "object" {
				return // a path through a scalar: nothing to describe it
			}
			props = mapping()
			set(s, "properties", props)
		}
		next := get(props, name)
		if i == len(path)-1 {
			if next == nil {
				set(props, name, leaf)
			}
			return
		}
		if next == nil {
			next = mapping()
			set(next, "type", str("object"))
			set(props, name, next)
		}
		s = next
	}
}

// paging is x-sessiongen-paging: how list methods reach the next page,
// which OpenAPI has no word for. The page bodies themselves are described
// at each paged operation.
func (e *exporter) paging() *yaml.Node {
	p := e.f.API.Pagination
	if p == nil {
		return nil
	}
	m := mapping()
	set(m, "style", str(string(p.Style)))
	setPath(m, "next", p.Next)
	setStr(m, "sizeParam", p.SizeParam)
	setStr(m, "pageParam", p.PageParam)
	if p.Style == schema.PaginationPageNumber {
		set(m, "firstPage", integer(p.FirstPage))
	}
	setPath(m, "totalPages", p.TotalPages)
	setPath(m, "totalCount", p.TotalCount)
	if len(p.Metadata) > 0 {
		md := mapping()
		for _, f := range p.Metadata {
			field := mapping()
			set(field, "path", strs(f.Path))
			set(field, "type", str(string(f.Kind)))
			setStr(field, "description", f.Description)
			set(md, f.Name, field)
		}
		set(m, "metadata", md)
	}
	setStr(m, "expandedNextLink", p.ExpandedNextLink)
	return m
}

func joinInts(is []int, sep string) string {
	parts := make([]string, len(is))
	for i, n := range is {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, sep)
}
