package openapi

import (
	"regexp"
	"slices"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
	"go.yaml.in/yaml/v3"
)

// placeholder is a {name} of a path template.
var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)

// paths is the paths object: each method an operation of its path, paths
// in the order the schema first names them.
func (e *exporter) paths() *yaml.Node {
	paths := mappingNode()
	type owner struct {
		r *schema.Resource
		m *schema.Method
	}
	seen := map[string]owner{}       // path and verb
	templates := map[string]string{} // path with its placeholders emptied
	for _, r := range e.f.Resources {
		for _, m := range r.Methods {
			verb := strings.ToLower(m.HTTP)
			if o, ok := seen[m.Path+" "+verb]; ok {
				e.failf(m.Pos, "method %s of %s: %s %s is also method %s of %s, and an OpenAPI document holds one operation per path and verb",
					m.Name, r.Name, m.HTTP, m.Path, o.m.Name, o.r.Name)
				continue
			}
			seen[m.Path+" "+verb] = owner{r, m}
			bare := placeholder.ReplaceAllString(m.Path, "{}")
			if other, ok := templates[bare]; ok && other != m.Path {
				e.failf(m.PathPos, "method %s of %s: path %s differs from %s only in the names of its parameters, which OpenAPI counts as one path",
					m.Name, r.Name, m.Path, other)
				continue
			}
			templates[bare] = m.Path
			item := lookup(paths, m.Path)
			if item == nil {
				item = mappingNode()
				put(paths, m.Path, item)
			}
			put(item, verb, e.operation(r, m))
		}
	}
	return paths
}

// operation is one method: its resource's tag, the operation id
// <resource>.<method>, parameters, body and responses.
func (e *exporter) operation(r *schema.Resource, m *schema.Method) *yaml.Node {
	op := mappingNode()
	put(op, "tags", strsNode([]string{r.Name}))
	put(op, "operationId", strNode(r.Name+"."+m.Name))
	putStr(op, "description", m.Description)
	if m.Deprecated != "" {
		put(op, "deprecated", boolNode(true))
	}
	params := sequenceNode()
	for _, match := range placeholder.FindAllStringSubmatch(m.Path, -1) {
		if p := e.pathParam(r, m, match[1]); p != nil {
			params.Content = append(params.Content, p)
		}
	}
	for _, q := range m.Query {
		params.Content = append(params.Content, e.parameter(q, "query"))
	}
	for _, h := range m.Headers {
		params.Content = append(params.Content, e.parameter(h, "header"))
	}
	for _, key := range e.apiHeaders {
		params.Content = append(params.Content, e.paramRef(key))
	}
	if len(params.Content) > 0 {
		put(op, "parameters", params)
	}
	if m.Body != nil {
		put(op, "requestBody", e.requestBody(m.Body))
	}
	put(op, "responses", e.responses(m))
	if m.Response != nil && m.Response.Paged {
		paging := mappingNode()
		put(paging, "items", strNode(m.Response.Items))
		put(op, "x-sessiongen-paging", paging)
	}
	putStr(op, "x-sessiongen-deprecated", m.Deprecated)
	if m.RetrySafe != nil {
		put(op, "x-sessiongen-retrySafe", boolNode(*m.RetrySafe))
	}
	return op
}

// pathParam is the parameter of placeholder name: the method's own,
// inline, or a reference to the parameter of the resource or ancestor
// that declares it.
func (e *exporter) pathParam(r *schema.Resource, m *schema.Method, name string) *yaml.Node {
	for _, p := range m.Params {
		if p.Name == name {
			return e.parameter(p, "path")
		}
	}
	for res, depth := r, 0; res != nil && depth < 64; depth++ {
		for _, p := range res.Params {
			if p.Name == name {
				return e.paramRef(e.resourceParam(res, p))
			}
		}
		if res.Parent == nil {
			break
		}
		res = res.Parent.Target
	}
	e.failf(m.PathPos, "method %s of %s: path parameter {%s} is declared nowhere", m.Name, r.Name, name)
	return nil
}

// resourceParam declares the path parameter p of resource r under
// components/parameters (once) and returns its key.
func (e *exporter) resourceParam(r *schema.Resource, p *schema.Property) string {
	if key, ok := e.resourceParams[p]; ok {
		return key
	}
	key := e.paramKeys.key("path." + r.Name + "." + p.Name)
	param := e.parameter(p, "path")
	put(param, "x-sessiongen-resource", strNode(r.Name))
	put(e.parameters, key, param)
	e.resourceParams[p] = key
	return key
}

// declareHeaders puts api.headers under components/parameters; every
// operation refers to them.
func (e *exporter) declareHeaders() {
	for _, h := range e.f.API.Headers {
		key := e.paramKeys.key("header." + h.Name)
		put(e.parameters, key, e.parameter(h, "header"))
		e.apiHeaders = append(e.apiHeaders, key)
	}
}

func (e *exporter) paramRef(key string) *yaml.Node {
	r := mappingNode()
	put(r, "$ref", strNode("#/components/parameters/"+key))
	return r
}

// parameter is a path, query or header parameter.
func (e *exporter) parameter(p *schema.Property, in string) *yaml.Node {
	param := mappingNode()
	put(param, "name", strNode(p.Name))
	put(param, "in", strNode(in))
	putStr(param, "description", p.Description)
	if in == "path" || p.Required {
		put(param, "required", boolNode(true))
	}
	if p.Deprecated != "" {
		put(param, "deprecated", boolNode(true))
	}
	if p.Explode != nil {
		put(param, "explode", boolNode(*p.Explode))
	}
	put(param, "schema", e.paramSchema(p))
	putStr(param, "x-sessiongen-deprecated", p.Deprecated)
	putTrue(param, "x-sessiongen-pii", p.PII)
	return param
}

// paramSchema is a parameter's or header's schema: its type with the
// format note, default and examples.
func (e *exporter) paramSchema(p *schema.Property) *yaml.Node {
	s := e.typeExpr(&p.Type)
	doc := *p
	doc.Description, doc.Deprecated, doc.PII = "", "", false
	e.annotate(s, &doc)
	return s
}

// header is a response header object.
func (e *exporter) header(p *schema.Property) *yaml.Node {
	h := mappingNode()
	putStr(h, "description", p.Description)
	putTrue(h, "required", p.Required)
	if p.Deprecated != "" {
		put(h, "deprecated", boolNode(true))
	}
	put(h, "schema", e.paramSchema(p))
	putStr(h, "x-sessiongen-deprecated", p.Deprecated)
	putTrue(h, "x-sessiongen-pii", p.PII)
	return h
}

// mediaTypes of the request body encodings.
var mediaTypes = map[schema.Encoding]string{
	schema.EncodingJSON: "application/json",
	schema.EncodingForm: "application/x-www-form-urlencoded",
}

// requestBody is a method's body: its type or its fields, in the body's
// encoding (the API's when it names none).
func (e *exporter) requestBody(b *schema.Body) *yaml.Node {
	enc := b.Encoding
	if enc == "" {
		enc = e.f.API.Encoding
	}
	if enc == "" {
		enc = schema.EncodingJSON
	}
	var s *yaml.Node
	var fields []*schema.Property
	if b.Type != nil && b.Type.Target != nil {
		s = e.ref(b.Type.Target)
		fields = allProperties(b.Type.Target)
	} else {
		s = mappingNode()
		put(s, "type", strNode("object"))
		props := mappingNode()
		var required []string
		for _, p := range b.Fields {
			put(props, p.Name, e.property(p))
			if p.Required {
				required = append(required, p.Name)
			}
		}
		put(s, "properties", props)
		if len(required) > 0 {
			put(s, "required", strsNode(required))
		}
		if d := defaults(b.Defaults); d != nil {
			put(s, "x-sessiongen-defaults", d)
		}
		if r := rules(b.Rules); r != nil {
			put(s, "x-sessiongen-rules", r)
		}
		fields = b.Fields
	}
	media := mappingNode()
	put(media, "schema", s)
	if enc == schema.EncodingForm {
		// Objects and json values travel as JSON text inside the form.
		encoding := mappingNode()
		for _, p := range fields {
			if sentAsJSON(&p.Type) {
				pe := mappingNode()
				put(pe, "contentType", strNode("application/json"))
				put(encoding, p.Name, pe)
			}
		}
		if len(encoding.Content) > 0 {
			put(media, "encoding", encoding)
		}
	}
	content := mappingNode()
	put(content, mediaTypes[enc], media)
	body := mappingNode()
	put(body, "content", content)
	put(body, "required", boolNode(true))
	if b.Shape != "" && b.Shape != schema.BodyFull || b.ShapePos.Line != 0 {
		put(body, "x-sessiongen-shape", strNode(string(b.Shape)))
	}
	if b.Encoding != "" {
		put(body, "x-sessiongen-encoding", strNode(string(b.Encoding)))
	}
	return body
}

// allProperties are t's properties after its bases'.
func allProperties(t *schema.Type) []*schema.Property {
	var chain []*schema.Type
	for c := t; c != nil && len(chain) < 64; {
		chain = append(chain, c)
		if c.Base == nil {
			break
		}
		c = c.Base.Target
	}
	var out []*schema.Property
	for i := len(chain) - 1; i >= 0; i-- {
		out = append(out, chain[i].Properties...)
	}
	return out
}

// sentAsJSON reports whether a form field of type t is sent as JSON text.
func sentAsJSON(t *schema.TypeExpr) bool {
	switch t.Kind {
	case schema.KindJSON, schema.KindMap, schema.KindGoType, schema.KindUnion:
		return true
	case schema.KindArray:
		return t.Items != nil && sentAsJSON(t.Items)
	case schema.KindNamed:
		return t.Ref != nil && t.Ref.Target != nil && !t.Ref.Target.IsEnum
	}
	return false
}

// methodOrder lists the methods of r when the document's order of
// operations (grouped by path) would read them in another order, which
// the generated code follows; nil when it reads them as written.
func (e *exporter) methodOrder(r *schema.Resource) []string {
	first := map[string]int{} // path -> order of its first method
	for _, res := range e.f.Resources {
		for _, m := range res.Methods {
			if _, ok := first[m.Path]; !ok {
				first[m.Path] = len(first)
			}
		}
	}
	read := slices.Clone(r.Methods)
	slices.SortStableFunc(read, func(a, b *schema.Method) int { return first[a.Path] - first[b.Path] })
	if slices.Equal(read, r.Methods) {
		return nil
	}
	names := make([]string, len(r.Methods))
	for i, m := range r.Methods {
		names[i] = m.Name
	}
	return names
}
