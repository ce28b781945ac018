package openapi

import (
	"slices"
	"strconv"
	"strings"

	oyaml "github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/schema/goname"
)

// clientHeaders are request headers the generated client sets itself,
// which the format does not let a schema declare.
var clientHeaders = []string{"authorization", "content-type", "content-length", "host", "accept", "user-agent", "transfer-encoding"}

// methods writes the methods of res.
func (im *importer) methods(res *resource, routes []*route, pathParams map[string]*paramDecl) {
	for _, r := range routes {
		if r.res != res {
			continue
		}
		name := im.methodName(res, r)
		m := mapping()
		r.methodNode = m
		im.curMethod = m
		set(m, "http", str(r.op.verb))
		set(m, "path", str(r.path))
		op := r.op.op
		if desc := strings.TrimSpace(cmpOr(op.Description, op.Summary)); desc != "" {
			set(m, "description", str(desc))
		}
		if op.Deprecated != nil && *op.Deprecated {
			set(m, "deprecated", str("The spec marks this operation deprecated."))
		}
		for _, srv := range append(slices.Clone(op.Servers), r.op.item.Servers...) {
			if srv != nil && strings.TrimRight(srv.URL, "/") != im.baseURL {
				im.note(r.op.pointer, m, "a server of its own (%s) is not in the format: the method uses api.baseURL", srv.URL)
				break
			}
		}
		if op.Callbacks != nil && op.Callbacks.Len() > 0 {
			im.note(child(r.op.pointer, "callbacks"), m, "callbacks are not in the format: not imported")
		}
		owner := res.name + "_" + name
		im.parameters(m, res, r, owner, pathParams)
		im.body(m, r, name, owner)
		im.responses(m, res, r, name, owner)
		im.curMethod = nil
		k := set(res.methods, name, m)
		if r.op.op.OperationId != "" {
			addComment(k, r.op.op.OperationId)
		}
	}
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// methodName names a method by its verb and place: list, create, get,
// update, replace, delete; an action by its extension segments ($count ->
// count, recording/stream -> recordingStream); the operationId on a clash.
func (im *importer) methodName(res *resource, r *route) string {
	// A name is taken by a method of res or by the accessor of a child
	// resource (the generated client has one method of each name).
	taken := func(name string) bool {
		if get(res.methods, name) != nil {
			return true
		}
		for _, c := range im.resourceList {
			if c.parent == res && goname.Exported(c.name) == goname.Exported(name) {
				return true
			}
		}
		return false
	}
	var name string
	if len(r.ext) > 0 {
		var words []string
		for _, s := range r.ext {
			if isParamSeg(s) {
				continue
			}
			if i := strings.IndexByte(s, '('); i >= 0 {
				s = s[:i] // an OData function: its name
			}
			if i := strings.LastIndexByte(s, '.'); i >= 0 {
				s = s[i+1:]
			}
			words = append(words, s)
		}
		name = lowerFirst(identWords(strings.Join(words, "_")))
		if taken(name) {
			name += exportedName(strings.ToLower(r.op.verb))
		}
	} else {
		switch {
		case r.op.verb == "GET" && !r.instance && im.isListResponse(r.op):
			name = "list"
		case r.op.verb == "GET":
			name = "get"
		case r.op.verb == "POST" && !r.instance:
			name = "create"
		case r.op.verb == "POST", r.op.verb == "PATCH":
			name = "update"
		case r.op.verb == "PUT":
			name = "replace"
		case r.op.verb == "DELETE":
			name = "delete"
		}
	}
	if name == "" || taken(name) || goname.Exported(name) == "" {
		name = lowerFirst(identWords(lastDot(r.op.op.OperationId)))
		if name == "" || taken(name) {
			name = lowerFirst(identWords(strings.ToLower(r.op.verb) + "_" + strings.Join(splitPath(r.path), "_")))
		}
		for i := 2; taken(name); i++ {
			name = strings.TrimRight(name, "0123456789") + strconv.Itoa(i)
		}
	}
	return name
}

func lastDot(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// parameters writes a method's path, query and header parameters.
func (im *importer) parameters(m *yaml.Node, res *resource, r *route, owner string, pathParams map[string]*paramDecl) {
	params, query, headers := mapping(), mapping(), mapping()
	declared := map[string]*paramDecl{}
	queryNames, headerNames := goNames{}, goNames{}
	for _, d := range allParams(r.op) {
		p := d.param
		if strings.TrimSpace(p.Name) == "" {
			im.note(d.ptr, nil, "a parameter without a name: not imported")
			continue
		}
		switch p.In {
		case "path":
			declared[paramIdent(p.Name)] = &paramDecl{param: p, ptr: d.ptr}
		case "query":
			if prev, clash := queryNames.add(p.Name); clash {
				im.note(d.ptr, nil, "query parameter %q has the Go name of %q: not imported", p.Name, prev)
				continue
			}
			q := flowMapping()
			if im.paramExpr(q, p, d.ptr, owner, p.Name) {
				set(query, p.Name, q)
			}
		case "header":
			if !httpToken(p.Name) {
				im.note(d.ptr, nil, "header %q is not an HTTP header name: not imported", p.Name)
				continue
			}
			if slices.Contains(clientHeaders, strings.ToLower(p.Name)) || im.authHeader != "" && strings.EqualFold(p.Name, im.authHeader) {
				continue // the client sets it (auth, content negotiation)
			}
			if prev, clash := headerNames.add(p.Name); clash {
				im.note(d.ptr, nil, "header %q has the Go name of %q: not imported", p.Name, prev)
				continue
			}
			h := flowMapping()
			if im.paramExpr(h, p, d.ptr, owner, p.Name) {
				del(h, "explode")
				set(headers, p.Name, h)
			}
		default:
			im.note(d.ptr, nil, "a %s parameter (%s) is not in the format: not imported", p.In, p.Name)
		}
	}
	for _, name := range pathParamNames(r.path) {
		if im.paramOwner(res, name) != nil {
			continue
		}
		d := declared[name]
		if d == nil {
			d = pathParams[name]
		}
		set(params, name, im.pathParam(name, d, owner))
	}
	if len(params.Content) > 0 {
		set(m, "params", params)
	}
	if len(query.Content) > 0 {
		set(m, "query", query)
	}
	if len(headers.Content) > 0 {
		set(m, "headers", headers)
	}
}

// httpToken reports an HTTP token (RFC 9110), what header names are.
func httpToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)) {
			return false
		}
	}
	return true
}

// pathParamNames are the {names} of a path template, in order.
func pathParamNames(p string) []string {
	var out []string
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			return out
		}
		if n := p[i+1 : i+j]; !slices.Contains(out, n) {
			out = append(out, n)
		}
		p = p[i+j+1:]
	}
}

// mediaJSON reports a JSON media type.
func mediaJSON(mt string) bool {
	mt = strings.ToLower(strings.TrimSpace(strings.Split(mt, ";")[0]))
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

const mediaForm = "application/x-www-form-urlencoded"

// body writes the request body: a type, or fields with their wire names.
func (im *importer) body(m *yaml.Node, r *route, method, owner string) {
	rb := r.op.op.RequestBody
	if rb == nil || rb.Content == nil || rb.Content.Len() == 0 {
		return
	}
	ptr := child(r.op.pointer, "requestBody", "content")
	var enc string
	var mt *v3.MediaType
	var others []string
	for name, media := range rb.Content.FromOldest() {
		switch {
		case mt == nil && mediaJSON(name):
			enc, mt, ptr = "json", media, child(ptr, name)
		case mt == nil && strings.EqualFold(strings.Split(name, ";")[0], mediaForm):
			enc, mt, ptr = "form", media, child(ptr, name)
		default:
			others = append(others, name)
		}
	}
	if mt == nil {
		im.note(ptr, m, "request body of media type %s: only JSON and form bodies are in the format; not imported", strings.Join(others, ", "))
		return
	}
	if len(others) > 0 {
		im.note(ptr, m, "the body may also be sent as %s: only %s is imported", strings.Join(others, ", "), enc)
	}
	im.bodyCount[enc]++
	b := mapping()
	r.encoding = enc
	sptr := child(ptr, "schema")
	shape := ""
	switch method {
	case "create":
		shape = "create"
	case "update":
		shape = "update"
	}
	if mt.Schema != nil && mt.Schema.IsReference() {
		comp := im.component(mt.Schema.GetReference(), sptr, m)
		if comp != "" && im.components[comp].kind == objectComponent {
			set(b, "type", str(im.use(comp)))
			im.valueUse[comp] = true
			if shape != "" {
				set(b, "shape", str(shape))
			}
			r.bodyNode = b
			set(m, "body", b)
			return
		}
		if comp == "" {
			return
		}
	}
	s := schemaOf(mt.Schema)
	if s == nil || s.Properties == nil || s.Properties.Len() == 0 {
		im.note(sptr, m, "a request body that is not an object with properties: not imported")
		return
	}
	if shape != "" {
		set(b, "shape", str(shape))
	}
	fields := mapping()
	for wire, fp := range s.Properties.FromOldest() {
		if wire == "" {
			im.note(child(sptr, "properties", wire), b, "a field without a name: not imported")
			continue
		}
		f := im.property(owner, wire, fp, slices.Contains(s.Required, wire), child(sptr, "properties", wire))
		if get(f, "readOnly") != nil {
			del(f, "readOnly")
			im.note(child(sptr, "properties", wire, "readOnly"), f, "readOnly on a request field: the field is sent")
		}
		set(fields, wire, f)
	}
	im.conditionalRules(b, fields, r.op.op.Extensions, r.op.pointer)
	set(b, "fields", fields)
	r.bodyNode = b
	set(m, "body", b)
}

// schemaOf resolves a proxy to its schema (nil when it does not build).
func schemaOf(p *base.SchemaProxy) *base.Schema {
	if p == nil {
		return nil
	}
	s, err := p.BuildSchema()
	if err != nil {
		return nil
	}
	return s
}

// isListResponse reports whether a GET's success body is a page.
func (im *importer) isListResponse(op *operation) bool {
	_, s := successBody(op.op)
	if s == nil {
		return false
	}
	_, _, ok := im.pageOf(schemaOf(s), op, "", false)
	return ok
}

// successBody returns the JSON schema of the first success response with
// content, and its status key.
func successBody(op *v3.Operation) (string, *base.SchemaProxy) {
	if op.Responses == nil {
		return "", nil
	}
	for code, resp := range op.Responses.Codes.FromOldest() {
		if !isSuccess(code) || resp == nil {
			continue
		}
		for name, media := range resp.Content.FromOldest() {
			if mediaJSON(name) && media != nil {
				return code, media.Schema
			}
		}
	}
	return "", nil
}

func isSuccess(code string) bool {
	return len(code) == 3 && code[0] == '2'
}

// conditionalRules maps an operation's x-twilio: {conditional: [[a, b], ...]}
// (snake_case names of fields of which at least one must be sent) to
// atLeastOneOf rules over the body's field names.
func (im *importer) conditionalRules(b, fields *yaml.Node, exts *orderedmap.Map[string, *oyaml.Node], ptr string) {
	if exts == nil {
		return
	}
	n, ok := exts.Get("x-twilio")
	if !ok || n == nil {
		return
	}
	var v struct {
		Conditional [][]string `yaml:"conditional"`
	}
	if n.Decode(&v) != nil || len(v.Conditional) == 0 {
		return
	}
	rules := sequence()
	rules.Style = 0
	for i, group := range v.Conditional {
		var names []string
		for _, g := range group {
			for j := 0; j+1 < len(fields.Content); j += 2 {
				if squash(fields.Content[j].Value) == squash(g) {
					names = append(names, fields.Content[j].Value)
				}
			}
		}
		if len(names) != len(group) || len(names) < 2 {
			im.note(child(ptr, "x-twilio", "conditional", itoa(i)), b, "conditional %v does not name two or more fields of the body: not kept", group)
			continue
		}
		rule := flowMapping()
		set(rule, "atLeastOneOf", strs(names))
		rules.Content = append(rules.Content, rule)
	}
	if len(rules.Content) > 0 {
		k := set(b, "rules", rules)
		addComment(k, "x-twilio conditional: at least one of each group must be sent")
	}
}
