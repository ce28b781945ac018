package openapi

import (
	"slices"
	"strconv"
	"strings"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"go.yaml.in/yaml/v3"
)

// errorUse is an error response of an operation: its status (a code,
// 4XX, 5XX or default) and the component of its body.
type errorUse struct {
	status string
	comp   string
	ptr    string
}

// responses writes the success statuses, the response body and headers,
// and collects the error bodies.
func (im *importer) responses(m *yaml.Node, res *resource, r *route, method, owner string) {
	op := r.op.op
	if op.Responses == nil {
		return
	}
	var statuses []int
	anySuccess := false
	var body *yaml.Node
	var headers *yaml.Node
	for code, resp := range op.Responses.Codes.FromOldest() {
		ptr := child(r.op.pointer, "responses", code)
		switch {
		case isSuccess(code):
			n, err := strconv.Atoi(code)
			if err != nil {
				anySuccess = true // 2XX
			} else {
				statuses = append(statuses, n)
			}
			if resp == nil {
				continue
			}
			if body == nil {
				body = im.responseBody(res, r, owner, resp, ptr)
			}
			if headers == nil && resp.Headers != nil && resp.Headers.Len() > 0 {
				headers = mapping()
				for name, h := range resp.Headers.FromOldest() {
					if h == nil {
						continue
					}
					if !httpToken(name) {
						im.note(child(ptr, "headers", name), nil, "header %q is not an HTTP header name: not imported", name)
						continue
					}
					if strings.HasPrefix(strings.ToLower(name), "access-control-") {
						// CORS headers speak to browsers, not to a client.
						if !im.corsNoted {
							im.corsNoted = true
							im.note(child(ptr, "headers", name), nil, "CORS response headers (Access-Control-*) are for browsers: not kept (noted once)")
						}
						continue
					}
					hm := flowMapping()
					p := &v3.Parameter{Name: name, In: "header", Description: h.Description, Required: &h.Required,
						Deprecated: h.Deprecated, Schema: h.Schema, Example: h.Example}
					if im.paramExpr(hm, p, child(ptr, "headers", name), owner, name) {
						del(hm, "default")
						del(hm, "explode")
						set(headers, name, hm)
					}
				}
			}
		case code == "default" || len(code) == 3 && (code[0] == '4' || code[0] == '5'):
			im.errorBody(code, resp, ptr)
		}
	}
	if op.Responses.Default != nil {
		im.errorBody("default", op.Responses.Default, child(r.op.pointer, "responses", "default"))
	}
	if len(statuses) > 0 && !anySuccess {
		if slices.Equal(statuses, []int{204}) && body != nil {
			im.note(child(r.op.pointer, "responses"), m, "a 204 with a body: the body is not kept")
			body = nil
		}
		set(m, "status", intSeq(statuses))
	}
	if headers != nil && len(headers.Content) > 0 {
		if body == nil {
			body = flowMapping()
		}
		if get(body, "paged") != nil {
			im.note(child(r.op.pointer, "responses"), m, "response headers of a paged method are not in the format: not kept")
		} else {
			set(body, "headers", headers)
		}
	}
	if body != nil {
		set(m, "response", body)
	}
}

func intSeq(ns []int) *yaml.Node {
	s := sequence()
	for _, n := range ns {
		s.Content = append(s.Content, integer(int64(n)))
	}
	return s
}

// responseBody maps a success response's content.
func (im *importer) responseBody(res *resource, r *route, owner string, resp *v3.Response, ptr string) *yaml.Node {
	c := contentOf(resp)
	if c == nil {
		return nil
	}
	cptr := child(ptr, "content")
	out := flowMapping()
	for _, e := range c {
		name, media := e.name, e.media
		mptr := child(cptr, name, "schema")
		lower := strings.ToLower(strings.TrimSpace(strings.Split(name, ";")[0]))
		switch {
		case mediaJSON(lower):
			if media == nil || media.Schema == nil {
				im.note(mptr, nil, "a JSON response without a schema: not kept")
				return nil
			}
			s := schemaOf(media.Schema)
			if items, item, ok := im.pageOf(s, r.op, mptr, true); ok {
				t := flowMapping()
				im.expr(t, item, exprCtx{owner: owner, prop: "item", ptr: child(mptr, "properties", items, "items")})
				tt := get(t, "type")
				if tt == nil || isScalarKind(tt.Value) || tt.Value == "json" || tt.Value == "array" || tt.Value == "map" {
					im.note(mptr, nil, "a page of items that are not objects: written as one body")
				} else {
					set(out, "type", tt)
					set(out, "paged", boolean(true))
					set(out, "items", str(items))
					im.resourceType(res, tt.Value, 1)
					return out
				}
			}
			if media.Schema.IsReference() {
				comp := im.component(media.Schema.GetReference(), mptr, out)
				if comp == "" {
					return nil
				}
				if im.components[comp].kind == objectComponent {
					set(out, "type", str(im.use(comp)))
					im.valueUse[comp] = true
					rank := 2
					if r.instance && r.op.verb == "GET" && len(r.ext) == 0 {
						rank = 0
					}
					im.resourceType(res, im.names[comp], rank)
					return out
				}
			}
			t := flowMapping()
			im.expr(t, media.Schema, exprCtx{owner: owner, prop: "response", ptr: mptr})
			tt := get(t, "type")
			if tt != nil && !isScalarKind(tt.Value) && tt.Value != "json" && tt.Value != "array" && tt.Value != "map" && tt.Value != "union" {
				set(out, "type", tt)
				im.resourceType(res, tt.Value, 3)
				return out
			}
			im.note(mptr, nil, "a JSON response body that is not an object (%s): the format returns object types only; not kept", typeOr(tt))
			return nil
		case lower == "text/plain":
			t := flowMapping()
			if media != nil {
				im.expr(t, media.Schema, exprCtx{owner: owner, prop: "response", ptr: mptr})
			}
			if tt := get(t, "type"); tt != nil && isScalarKind(tt.Value) {
				set(out, "type", str(tt.Value))
				set(out, "contentType", str("text/plain"))
				return out
			}
			set(out, "type", str("binary"))
			return out
		default:
			// Any other media type is bytes to the caller.
			set(out, "type", str("binary"))
			return out
		}
	}
	return nil
}

func typeOr(n *yaml.Node) string {
	if n == nil {
		return "no type"
	}
	return n.Value
}

// resourceType offers a resource its type; lower ranks win (the instance
// GET's body, then a page's items, then any other body).
func (im *importer) resourceType(res *resource, name string, rank int) {
	if res.typeName == "" || rank < res.typeRank {
		res.typeName, res.typeRank = name, rank
	}
}

// fallbackType is the type of a resource whose methods return no object:
// a declared placeholder (any other choice would be a guess).
func (im *importer) fallbackType(res *resource) string {
	base := exportedName(res.name) + "Resource"
	name := base
	for i := 2; im.taken[name] || im.reserved[name]; i++ {
		name = base + itoa(i)
	}
	im.taken[name] = true
	t := mapping()
	set(t, "description", str("Placeholder: no operation of "+res.name+" returns an object."))
	im.types = append(im.types, &typeEntry{name: name, node: t, rank: len(im.components) + 2, sub: len(im.types)})
	im.note(pointer("paths"), t, "resource %s returns no object: an empty placeholder type is declared", res.name)
	return name
}

// errorBody records the component of an error response.
func (im *importer) errorBody(code string, resp *v3.Response, ptr string) {
	c := contentOf(resp)
	for _, e := range c {
		if !mediaJSON(e.name) || e.media == nil || e.media.Schema == nil {
			continue
		}
		sptr := child(ptr, "content", e.name, "schema")
		if !e.media.Schema.IsReference() {
			im.note(sptr, nil, "an inline error body: error bodies are typed only when they name a schema")
			return
		}
		comp := im.component(e.media.Schema.GetReference(), sptr, nil)
		if comp == "" || im.components[comp].kind != objectComponent {
			return
		}
		im.errors = append(im.errors, errorUse{status: strings.ToUpper(code), comp: comp, ptr: sptr})
		return
	}
}

type mediaEntry struct {
	name  string
	media *v3.MediaType
}

func contentOf(resp *v3.Response) []mediaEntry {
	if resp == nil {
		return nil
	}
	var out []mediaEntry
	for name, media := range resp.Content.FromOldest() {
		out = append(out, mediaEntry{name: name, media: media})
	}
	return out
}

// findPath finds the first member, breadth first up to three levels,
// whose name is one of names; nil when none.
func (im *importer) findPath(s *base.Schema, names []string) []string {
	type level struct {
		s    *base.Schema
		path []string
	}
	queue := []level{{s: s}}
	for depth := 0; depth < 3 && len(queue) > 0; depth++ {
		var next []level
		for _, l := range queue {
			for _, p := range flattenProps(l.s, 0) {
				if slices.Contains(names, p.name) {
					return append(slices.Clone(l.path), p.name)
				}
				if ps := schemaOf(p.proxy); ps != nil {
					next = append(next, level{s: ps, path: append(slices.Clone(l.path), p.name)})
				}
			}
		}
		queue = next
	}
	return nil
}

// prop is one member of an object schema, allOf flattened.
type prop struct {
	name  string
	proxy *base.SchemaProxy
}

// flattenProps lists the properties of s with those of its allOf parts.
func flattenProps(s *base.Schema, depth int) []prop {
	if s == nil || depth > maxDepth {
		return nil
	}
	var out []prop
	for _, part := range s.AllOf {
		out = append(out, flattenProps(schemaOf(part), depth+1)...)
	}
	for name, p := range s.Properties.FromOldest() {
		out = append(out, prop{name: name, proxy: p})
	}
	return out
}
