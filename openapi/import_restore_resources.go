package openapi

import (
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Resources and methods of an exported document: the inverse of
// export_paths.go and export_responses.go. Each tag with
// x-sessiongen-resource is a resource; its operations (operationId
// <resource>.<method>) are its methods, in document order.

// restoredOp is an operation of the document.
type restoredOp struct {
	path, verb string
	op         rnode
}

var verbs = []string{"get", "post", "put", "patch", "delete"}

func (re *restorer) operations() []restoredOp {
	var ops []restoredOp
	for _, p := range re.doc.key("paths").entries() {
		for _, v := range p.val.entries() {
			if !slices.Contains(verbs, v.name) {
				if v.name != "parameters" && v.name != "summary" && v.name != "description" && !strings.HasPrefix(v.name, "x-") {
					re.note(v.val.ptr, nil, "%s operations are not in the format: not imported", strings.ToUpper(v.name))
				}
				continue
			}
			ops = append(ops, restoredOp{path: p.name, verb: v.name, op: v.val})
		}
	}
	return ops
}

// selected applies the selection flags to an operation.
func (re *restorer) selected(o restoredOp) bool {
	opts := re.opts
	if len(opts.PathPrefixes) == 0 && len(opts.Tags) == 0 && len(opts.OperationIDs) == 0 {
		return true
	}
	for _, p := range opts.PathPrefixes {
		if strings.HasPrefix(o.path, p) {
			return true
		}
	}
	for _, t := range re.strList(o.op, "tags") {
		if slices.Contains(opts.Tags, t) {
			return true
		}
	}
	return slices.Contains(opts.OperationIDs, re.str(o.op, "operationId"))
}

func (re *restorer) resourcesNode() *yaml.Node {
	out := mapping()
	ops := re.operations()
	opTags := make([][]string, len(ops))
	for i, o := range ops {
		opTags[i] = re.strList(o.op, "tags")
	}
	placed := map[int]bool{}
	for _, tag := range re.doc.key("tags").items() {
		name := re.str(tag, "name")
		x := tag.key("x-sessiongen-resource")
		if name == "" || !x.isMap() {
			re.note(tag.ptr, nil, "a tag without a name and x-sessiongen-resource: not a resource")
			continue
		}
		r := mapping()
		rtype := re.str(x, "type")
		set(r, "type", str(rtype))
		if d := re.str(tag, "description"); d != "" {
			set(r, "description", str(d))
		}
		if p := re.str(x, "parent"); p != "" {
			set(r, "parent", str(p))
		}
		set(r, "path", str(re.str(x, "path")))
		rg := re.namer.Exported(name)
		params := mapping()
		for _, ref := range x.key("params").items() {
			if p, ok := re.paramRef(ref); ok {
				n, m := re.parameter(p, pathParamKeys, rg)
				set(params, n, m)
			}
		}
		if len(params.Content) > 0 {
			set(r, "params", params)
		}
		defaults := re.defaultsNode(x.key("defaults"), []string{"nullable", "required"})
		if defaults != nil {
			set(r, "defaults", defaults)
		}
		methods := mapping()
		for i, o := range ops {
			if tags := opTags[i]; len(tags) == 0 || tags[0] != name {
				continue
			}
			placed[i] = true
			if !re.selected(o) {
				continue
			}
			id := re.str(o.op, "operationId")
			mname, ok := strings.CutPrefix(id, name+".")
			if !ok || mname == "" {
				re.note(child(o.op.ptr, "operationId"), nil, "operationId %q is not %s.<method>: named after the verb", id, name)
				mname = o.verb
			}
			if get(methods, mname) != nil {
				re.note(child(o.op.ptr, "operationId"), nil, "a second method %s of %s: not imported", mname, name)
				continue
			}
			set(methods, mname, re.method(o, rg+re.namer.Exported(mname), defaults))
		}
		set(r, "methods", re.ordered(methods, x))
		set(out, name, r)
	}
	re.dropUnselected(out)
	for i, o := range ops {
		if !placed[i] {
			re.note(o.op.ptr, nil, "an operation of no resource's tag: not imported")
		}
	}
	return out
}

// paramRef resolves a reference to components/parameters.
func (re *restorer) paramRef(ref rnode) (rnode, bool) {
	s := re.str(ref, "$ref")
	key, ok := strings.CutPrefix(s, "#/components/parameters/")
	p, found := re.params[unescapeToken(key)]
	if !ok || !found {
		re.note(ref.ptr, nil, "want a reference to components/parameters, got %q: not followed", s)
		return rnode{}, false
	}
	return p, true
}

// parameter reads a parameter (or response header, named by the caller):
// its wire name and property; allowed are the keys its context takes.
func (re *restorer) parameter(p rnode, allowed []string, ownerGo string) (string, *yaml.Node) {
	name := re.str(p, "name")
	sch := p.key("schema")
	m := flowMapping()
	x := restoreCtx{ownerGo: ownerGo, prop: name, allowed: allowed}
	nullable, used := re.exprInto(m, sch, x)
	if nullable {
		re.note(sch.ptr, m, "a parameter that may be null: not in the format, not kept")
	}
	// The schema holds the format, default and examples; the parameter
	// object its documentation.
	re.annotations(m, sch, used, []string{"format", "default", "examples"})
	if !slices.Contains(allowed, "default") {
		del(m, "default")
	}
	if d := re.str(p, "description"); d != "" {
		set(m, "description", str(d))
	}
	if slices.Contains(allowed, "required") && re.flag(p, "required") {
		set(m, "required", boolean(true))
	}
	re.deprecatedInto(m, p)
	if re.flag(p, "x-sessiongen-pii") {
		set(m, "pii", boolean(true))
	}
	if e := p.key("explode"); e.isBool() && slices.Contains(allowed, "explode") {
		set(m, "explode", boolean(e.n.Value == "true"))
	}
	return name, m
}

// method reads one operation.
func (re *restorer) method(o restoredOp, ownerGo string, resDefaults *yaml.Node) *yaml.Node {
	m := mapping()
	set(m, "http", str(strings.ToUpper(o.verb)))
	set(m, "path", str(o.path))
	if d := re.str(o.op, "description"); d != "" {
		set(m, "description", str(d))
	}
	re.deprecatedInto(m, o.op)
	params, query, headers := mapping(), mapping(), mapping()
	for _, p := range o.op.key("parameters").items() {
		if p.key("$ref").ok() {
			continue // a resource's path parameter or one of api.headers
		}
		switch in := re.str(p, "in"); in {
		case "path":
			n, v := re.parameter(p, pathParamKeys, ownerGo)
			set(params, n, v)
		case "query":
			n, v := re.parameter(p, queryKeys, ownerGo)
			set(query, n, v)
		case "header":
			n, v := re.parameter(p, headerKeys, ownerGo)
			set(headers, n, v)
		default:
			re.note(p.ptr, m, "a parameter in %q: not in the format, not kept", in)
		}
	}
	for _, kv := range []struct {
		key string
		n   *yaml.Node
	}{{"params", params}, {"query", query}, {"headers", headers}} {
		if len(kv.n.Content) > 0 {
			set(m, kv.key, kv.n)
		}
	}
	if b := o.op.key("requestBody"); b.ok() {
		if body := re.body(b, ownerGo, resDefaults); body != nil {
			set(m, "body", body)
		}
	}
	re.successResponses(m, o, ownerGo)
	if v := o.op.key("x-sessiongen-retrySafe"); v.ok() {
		if v.isBool() {
			set(m, "retrySafe", boolean(v.n.Value == "true"))
		} else {
			re.note(v.ptr, m, "want true or false, got %s: not kept", describeNode(v.n))
		}
	}
	return m
}

// body reads a request body: a reference to its type, or its fields.
func (re *restorer) body(b rnode, ownerGo string, resDefaults *yaml.Node) *yaml.Node {
	out := mapping()
	if e := re.str(b, "x-sessiongen-encoding"); e != "" {
		set(out, "encoding", str(e))
	}
	if sh := re.str(b, "x-sessiongen-shape"); sh != "" {
		set(out, "shape", str(sh))
	}
	var media rnode
	for _, c := range b.key("content").entries() {
		media = c.val
		break
	}
	s := media.key("schema")
	if ref := s.key("$ref"); ref.isStr() {
		if name := re.refName(ref); name != "" {
			set(out, "type", str(name))
			return out
		}
		return nil
	}
	if !s.key("properties").isMap() {
		re.note(s.ptr, nil, "a request body that is neither a reference nor an object with properties: not kept")
		return nil
	}
	defaults := re.defaultsNode(s.key("x-sessiongen-defaults"), []string{"nullable", "required"})
	if defaults != nil {
		set(out, "defaults", defaults)
	}
	if r := re.rulesNode(s.key("x-sessiongen-rules")); r != nil {
		set(out, "rules", r)
	}
	// The fields' presence is read against what the loader applies: the
	// body's defaults, then the resource's, key by key.
	effective := flowMapping()
	for _, d := range []*yaml.Node{defaults, resDefaults} {
		for i := 0; d != nil && i+1 < len(d.Content); i += 2 {
			if get(effective, d.Content[i].Value) == nil {
				set(effective, d.Content[i].Value, d.Content[i+1])
			}
		}
	}
	set(out, "fields", re.properties(s, ownerGo, effective, ""))
	return out
}

// successResponses reads the success statuses (2XX: none written), the body of
// the first success response and its headers.
func (re *restorer) successResponses(m *yaml.Node, o restoredOp, ownerGo string) {
	var statuses []int
	var first rnode
	for _, e := range o.op.key("responses").entries() {
		if len(e.name) != 3 || e.name[0] != '2' {
			continue // an error response: the API's
		}
		if !first.ok() {
			first = e.val
		}
		if e.name == "2XX" {
			continue
		}
		n, err := strconv.Atoi(e.name)
		if err != nil {
			re.note(e.val.ptr, m, "status %q is not a number or 2XX: not kept", e.name)
			continue
		}
		statuses = append(statuses, n)
	}
	if len(statuses) > 0 {
		set(m, "status", intSeq(statuses))
	}
	if !first.ok() {
		return
	}
	resp := flowMapping()
	for _, c := range first.key("content").entries() {
		switch c.name {
		case "text/plain":
			k, _ := scalarKind(re.str(c.val.key("schema"), "type"), re.str(c.val.key("schema"), "format"))
			set(resp, "type", str(k))
			set(resp, "contentType", str("text/plain"))
		case "application/octet-stream":
			set(resp, "type", str("binary"))
		case "application/json":
			re.jsonResponse(resp, o, c.val.key("schema"))
		default:
			re.note(c.val.ptr, m, "a response of media type %s: not one sessiongen export writes, not kept", c.name)
		}
		break
	}
	if hs := first.key("headers"); hs.ok() {
		headers := mapping()
		for _, h := range hs.entries() {
			_, v := re.parameter(h.val, responseHeaderKeys, ownerGo)
			set(headers, h.name, v)
		}
		if len(headers.Content) > 0 {
			set(resp, "headers", headers)
		}
	}
	if len(resp.Content) > 0 {
		set(m, "response", resp)
	}
}

// jsonResponse reads a JSON body: a reference, or the page object of a
// paged method (x-sessiongen-paging names its items member).
func (re *restorer) jsonResponse(resp *yaml.Node, o restoredOp, s rnode) {
	if items := re.str(o.op.key("x-sessiongen-paging"), "items"); items != "" {
		ref := s.key("properties").key(items).key("items").key("$ref")
		if !ref.isStr() {
			re.note(s.ptr, resp, "a paged response without the array of items %q: not kept", items)
			return
		}
		if name := re.refName(ref); name != "" {
			set(resp, "type", str(name))
			set(resp, "paged", boolean(true))
			set(resp, "items", str(items))
		}
		return
	}
	if ref := s.key("$ref"); ref.isStr() {
		if name := re.refName(ref); name != "" {
			set(resp, "type", str(name))
		}
		return
	}
	re.note(s.ptr, resp, "a JSON response that is not a reference to a type: not kept")
}

// ordered puts the methods in the order x-sessiongen-resource lists (the
// schema's, where the document's grouping by path reads another).
func (re *restorer) ordered(methods *yaml.Node, resource rnode) *yaml.Node {
	names := re.strList(resource, "methods")
	if names == nil {
		return methods
	}
	out := mapping()
	for _, n := range names {
		if v := get(methods, n); v != nil {
			set(out, n, v)
		}
	}
	for i := 0; i+1 < len(methods.Content); i += 2 {
		if get(out, methods.Content[i].Value) == nil {
			set(out, methods.Content[i].Value, methods.Content[i+1])
		}
	}
	return out
}

// dropUnselected leaves out the resources a selection left without
// methods, but for the parents of those it keeps.
func (re *restorer) dropUnselected(resources *yaml.Node) {
	o := re.opts
	if len(o.PathPrefixes) == 0 && len(o.Tags) == 0 && len(o.OperationIDs) == 0 {
		return
	}
	keep := map[string]bool{}
	for i := 0; i+1 < len(resources.Content); i += 2 {
		name, r := resources.Content[i].Value, resources.Content[i+1]
		if len(get(r, "methods").Content) == 0 {
			continue
		}
		for seen := 0; name != "" && !keep[name] && seen < len(resources.Content); seen++ {
			keep[name] = true
			p := get(get(resources, name), "parent")
			if p == nil {
				break
			}
			name = p.Value
		}
	}
	var content []*yaml.Node
	for i := 0; i+1 < len(resources.Content); i += 2 {
		if keep[resources.Content[i].Value] {
			content = append(content, resources.Content[i], resources.Content[i+1])
		}
	}
	resources.Content = content
}
