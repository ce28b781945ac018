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
	out := mappingNode()
	for _, er := range e.errorResponses {
		s := er.shape
		resp := mappingNode()
		what := "every error status no other error response claims"
		if len(s.Statuses) > 0 {
			what = "HTTP status " + joinInts(s.Statuses, ", ")
			if len(s.Statuses) > 1 {
				what = "HTTP statuses " + joinInts(s.Statuses, ", ")
			}
		}
		put(resp, "description", strNode("The error body of "+what+"."))
		if s.Type != nil && s.Type.Target != nil {
			media := mappingNode()
			put(media, "schema", e.ref(s.Type.Target))
			content := mappingNode()
			put(content, "application/json", media)
			put(resp, "content", content)
		}
		x := mappingNode()
		if len(s.Statuses) > 0 {
			put(x, "status", intsNode(s.Statuses))
		}
		setPath(x, "code", s.Code)
		setPath(x, "message", s.Message)
		setPath(x, "requestId", s.RequestID)
		if len(s.Codes) > 0 {
			codes := mappingNode()
			for _, c := range s.Codes {
				v := strNode(c.Code)
				if c.Number {
					v = numberNode(c.Code)
				}
				put(codes, strconv.Itoa(c.Status), v)
			}
			put(x, "codes", codes)
		}
		if len(x.Content) > 0 {
			put(resp, "x-sessiongen-error", x)
		}
		put(out, er.key, resp)
	}
	return out
}

func setPath(m *yaml.Node, key string, p schema.JSONPath) {
	if len(p) > 0 {
		put(m, key, strsNode(p))
	}
}

// responses are a method's success responses (each documented status, or
// 2XX when any 2xx is success) and the API's error responses.
func (e *exporter) responses(m *schema.Method) *yaml.Node {
	out := mappingNode()
	codes := []string{"2XX"}
	if len(m.Statuses) > 0 {
		codes = codes[:0]
		for _, s := range m.Statuses {
			codes = append(codes, strconv.Itoa(s))
		}
	}
	for _, code := range codes {
		put(out, code, e.success(m))
	}
	var fallback string
	for _, er := range e.errorResponses {
		if len(er.shape.Statuses) == 0 {
			fallback = er.key
			continue
		}
		for _, st := range er.shape.Statuses {
			put(out, strconv.Itoa(st), responseRef(er.key))
		}
	}
	if fallback != "" {
		put(out, "default", responseRef(fallback))
	}
	return out
}

func responseRef(key string) *yaml.Node {
	r := mappingNode()
	put(r, "$ref", strNode("#/components/responses/"+key))
	return r
}

// success is the response of a success status: the body, by its content
// type, and the headers the caller reads.
func (e *exporter) success(m *schema.Method) *yaml.Node {
	resp := mappingNode()
	r := m.Response
	content := mappingNode()
	media := mappingNode()
	desc := "Success, without a body."
	switch {
	case r == nil:
	case r.Text != "":
		put(media, "schema", scalar(r.Text, nil))
		put(content, "text/plain", media)
		desc = "A text body holding a " + string(r.Text) + "."
	case r.Binary:
		// Raw bytes: any content, no schema.
		put(content, "application/octet-stream", media)
		desc = "Raw bytes."
	case r.Paged && r.Type != nil && r.Type.Target != nil:
		put(media, "schema", e.page(r))
		put(content, "application/json", media)
		desc = "A page of " + r.Type.Name + " in member " + r.Items + "."
	case r.Type != nil && r.Type.Target != nil:
		put(media, "schema", e.ref(r.Type.Target))
		put(content, "application/json", media)
		desc = "One " + r.Type.Name + "."
	}
	put(resp, "description", strNode(desc))
	if len(m.ResponseHeaders) > 0 {
		headers := mappingNode()
		for _, h := range m.ResponseHeaders {
			put(headers, h.Name, e.header(h))
		}
		put(resp, "headers", headers)
	}
	if len(content.Content) > 0 {
		put(resp, "content", content)
	}
	return resp
}

// page is the schema of a page body: the items member, and the members
// the API's pagination reads at their JSON paths.
func (e *exporter) page(r *schema.Response) *yaml.Node {
	s := mappingNode()
	put(s, "type", strNode("object"))
	items := mappingNode()
	put(items, "type", strNode("array"))
	put(items, "items", e.ref(r.Type.Target))
	insertAt(s, []string{r.Items}, items)
	p := e.f.API.Pagination
	if p == nil {
		return s
	}
	if len(p.Next) > 0 {
		next := nullable(schema.KindURI, scalar(schema.KindURI, nil))
		put(next, "description", strNode("The URL of the next page; absent or null on the last page."))
		insertAt(s, p.Next, next)
	}
	for _, t := range []struct {
		path schema.JSONPath
		desc string
	}{{p.TotalPages, "The number of pages."}, {p.TotalCount, "The number of items."}} {
		if len(t.path) > 0 {
			n := nullable(schema.KindInt64, scalar(schema.KindInt64, nil))
			put(n, "description", strNode(t.desc))
			insertAt(s, t.path, n)
		}
	}
	for _, md := range p.Metadata {
		n := nullable(md.Kind, scalar(md.Kind, nil))
		putStr(n, "description", md.Description)
		insertAt(s, md.Path, n)
	}
	return s
}

// insertAt puts leaf at the JSON path inside the object schema s,
// creating the objects on the way; a member already there stays.
func insertAt(s *yaml.Node, path schema.JSONPath, leaf *yaml.Node) {
	for i, name := range path {
		props := lookup(s, "properties")
		if props == nil {
			if lookup(s, "type") == nil || lookup(s, "type").Value != "object" {
				return // a path through a scalar: nothing to describe it
			}
			props = mappingNode()
			put(s, "properties", props)
		}
		next := lookup(props, name)
		if i == len(path)-1 {
			if next == nil {
				put(props, name, leaf)
			}
			return
		}
		if next == nil {
			next = mappingNode()
			put(next, "type", strNode("object"))
			put(props, name, next)
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
	m := mappingNode()
	put(m, "style", strNode(string(p.Style)))
	setPath(m, "next", p.Next)
	putStr(m, "sizeParam", p.SizeParam)
	putStr(m, "pageParam", p.PageParam)
	if p.Style == schema.PaginationPageNumber {
		put(m, "firstPage", intNode(p.FirstPage))
	}
	setPath(m, "totalPages", p.TotalPages)
	setPath(m, "totalCount", p.TotalCount)
	if len(p.Metadata) > 0 {
		md := mappingNode()
		for _, f := range p.Metadata {
			field := mappingNode()
			put(field, "path", strsNode(f.Path))
			put(field, "type", strNode(string(f.Kind)))
			putStr(field, "description", f.Description)
			put(md, f.Name, field)
		}
		put(m, "metadata", md)
	}
	putStr(m, "expandedNextLink", p.ExpandedNextLink)
	return m
}

func joinInts(is []int, sep string) string {
	parts := make([]string, len(is))
	for i, n := range is {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, sep)
}
