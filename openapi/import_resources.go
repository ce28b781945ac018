package openapi

import (
	"slices"
	"strings"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"go.yaml.in/yaml/v3"
)

// resource is a collection path of the spec and the operations under it.
type resource struct {
	name     string
	key      string   // collection path, params renamed, no trailing slash
	path     string   // collection path as written (renamed params)
	segs     []string // of key
	parent   *resource
	params   *yaml.Node
	methods  *yaml.Node
	typeName string
	typeRank int
	order    int
}

// route is an operation placed on a resource: its extension segments
// (a sub-path of static segments naming an action: $count, transcript,
// microsoft.graph.callRecords.getPstnCalls(...)) and whether it addresses
// one instance.
type route struct {
	op         *operation
	path       string // renamed params
	res        *resource
	ext        []string
	instance   bool
	encoding   string     // of the body, "" without one
	bodyNode   *yaml.Node // the body written, to set its encoding
	methodNode *yaml.Node
}

func splitPath(p string) []string {
	return strings.FieldsFunc(p, func(r rune) bool { return r == '/' })
}

func isParamSeg(s string) bool {
	return strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && strings.Count(s, "{") == 1
}

// paramIdent renames a path parameter to an identifier (callRecord-id ->
// callRecordId): the name is only a placeholder of the template, so the
// wire is unchanged.
func paramIdent(name string) string {
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			if u := lowerFirst(identWords(name)); u != "" {
				return u
			}
			return "param"
		}
	}
	return name
}

func renamePath(p string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(p, '{')
		j := strings.IndexByte(p[i+1:], '}')
		if i < 0 || j < 0 {
			b.WriteString(p)
			return b.String()
		}
		b.WriteString(p[:i+1])
		b.WriteString(paramIdent(p[i+1 : i+1+j]))
		b.WriteByte('}')
		p = p[i+1+j+1:]
	}
}

// resources groups the operations into resources with their methods.
func (im *importer) resources(ops []*operation) *yaml.Node {
	byKey := map[string]*resource{}
	var routes []*route
	var order []*resource
	for _, op := range ops {
		path := renamePath(op.path)
		segs := splitPath(path)
		r := &route{op: op, path: path}
		coll := segs
		if len(segs) > 0 && isParamSeg(segs[len(segs)-1]) {
			coll, r.instance = segs[:len(segs)-1], true
		}
		key := "/" + strings.Join(coll, "/")
		res := byKey[key]
		if res == nil {
			cp := key
			if !r.instance && strings.HasSuffix(path, "/") {
				cp += "/" // Syllable's list path keeps its trailing slash
			}
			res = &resource{key: key, path: cp, segs: coll, order: len(order)}
			byKey[key] = res
			order = append(order, res)
		}
		r.res = res
		routes = append(routes, r)
	}
	// A collection that extends another by static segments only is an
	// action of that one; so is a path below an instance that has neither
	// instances nor a list of its own (/chats/{chatId}/close).
	hasInstance, hasList := map[*resource]bool{}, map[*resource]bool{}
	for _, r := range routes {
		if r.instance {
			hasInstance[r.res] = true
		} else if r.op.verb == "GET" && im.isListResponse(r.op) {
			hasList[r.res] = true
		}
	}
	base := map[*resource]*resource{}
	var baseOf func(res *resource) *resource
	baseOf = func(res *resource) *resource {
		if b, ok := base[res]; ok {
			return b
		}
		base[res] = res
		for n := len(res.segs) - 1; n >= 1; n-- {
			if isParamSeg(res.segs[n]) {
				if n == len(res.segs)-1 || hasInstance[res] || hasList[res] {
					break
				}
				if p := byKey["/"+strings.Join(res.segs[:n], "/")]; p != nil {
					base[res] = baseOf(p)
				}
				break
			}
			if p := byKey["/"+strings.Join(res.segs[:n], "/")]; p != nil {
				base[res] = baseOf(p)
				break
			}
		}
		return base[res]
	}
	var real []*resource
	for _, res := range order {
		if baseOf(res) == res {
			real = append(real, res)
		}
	}
	for _, r := range routes {
		b := baseOf(r.res)
		r.ext = r.res.segs[len(b.segs):]
		r.res = b
	}
	im.routes = routes
	im.resourceList = real
	slices.SortStableFunc(real, func(a, b *resource) int { return len(a.segs) - len(b.segs) })
	im.nameResources(real)
	for _, res := range real {
		res.params, res.methods = mapping(), mapping()
		// Parent: drop the trailing static segments and one parameter.
		n := len(res.segs)
		for n > 0 && !isParamSeg(res.segs[n-1]) {
			n--
		}
		if n > 0 {
			if p := byKey["/"+strings.Join(res.segs[:n-1], "/")]; p != nil {
				res.parent = baseOf(p)
			}
		}
	}
	pathParams := im.pathParamSchemas(routes)
	// Each parameter of a collection path belongs to the resource whose
	// instances it names: the parent chain's, else the resource's own.
	for _, res := range real {
		for _, seg := range res.segs {
			if !isParamSeg(seg) {
				continue
			}
			name := seg[1 : len(seg)-1]
			if im.paramOwner(res, name) != nil {
				continue
			}
			owner := res
			for a := res.parent; a != nil; a = a.parent {
				if len(a.segs) < len(res.segs) && slices.Contains(res.segs[len(a.segs):], seg) {
					owner = a
					break
				}
			}
			set(owner.params, name, im.pathParam(name, pathParams[name], res.name))
		}
	}
	out := mapping()
	for _, res := range real {
		im.methods(res, routes, pathParams)
		node := mapping()
		if res.typeName == "" {
			res.typeName = im.fallbackType(res)
		}
		set(node, "type", str(res.typeName))
		if res.parent != nil {
			set(node, "parent", str(res.parent.name))
		}
		set(node, "path", str(res.path))
		if len(res.params.Content) > 0 {
			set(node, "params", res.params)
		}
		set(node, "methods", res.methods)
		set(out, res.name, node)
	}
	return out
}

// paramOwner returns the resource of res's chain that declares name.
func (im *importer) paramOwner(res *resource, name string) *resource {
	for a := res; a != nil; a = a.parent {
		if a.params != nil && get(a.params, name) != nil {
			return a
		}
	}
	return nil
}

// nameResources names each resource after the last static segment of its
// collection path (Services -> services), more of the path on a clash.
func (im *importer) nameResources(rs []*resource) {
	used := map[string]bool{}
	for _, res := range rs {
		var static []string
		for _, s := range res.segs {
			if !isParamSeg(s) {
				static = append(static, s)
			}
		}
		name := ""
		for n := 1; n <= len(static); n++ {
			cand := lowerFirst(identWords(strings.Join(static[len(static)-n:], "_")))
			if cand != "" && !used[strings.ToLower(cand)] {
				name = cand
				break
			}
		}
		if name == "" {
			name = "root"
			for i := 2; used[strings.ToLower(name)]; i++ {
				name = "root" + itoa(i)
			}
		}
		used[strings.ToLower(name)] = true
		res.name = name
	}
}

// identWords keeps letters, digits and underscores; other characters
// separate words, joined in camel case.
func identWords(s string) string {
	var b strings.Builder
	upNext := false
	for _, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			if upNext && r >= 'a' && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			upNext = false
		default:
			upNext = b.Len() > 0
		}
	}
	out := b.String()
	if out != "" && out[0] >= '0' && out[0] <= '9' {
		out = "r" + out
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// pathParamSchemas finds each path parameter's declaration (renamed), the
// first operation that declares it winning.
func (im *importer) pathParamSchemas(routes []*route) map[string]*paramDecl {
	out := map[string]*paramDecl{}
	for _, r := range routes {
		for _, p := range allParams(r.op) {
			if p.param == nil || p.param.In != "path" {
				continue
			}
			name := paramIdent(p.param.Name)
			if _, ok := out[name]; !ok {
				out[name] = &paramDecl{param: p.param, ptr: p.ptr}
			}
		}
	}
	return out
}

type paramDecl struct {
	param *v3.Parameter
	ptr   string
}

// allParams are an operation's parameters and its path item's, the
// operation's winning by name and location.
func allParams(op *operation) []paramDecl {
	var out []paramDecl
	seen := map[string]bool{}
	for i, p := range op.op.Parameters {
		if p == nil {
			continue
		}
		seen[p.In+"\x00"+p.Name] = true
		out = append(out, paramDecl{param: p, ptr: child(op.pointer, "parameters", itoa(i))})
	}
	if op.item != nil {
		itemPtr := strings.TrimSuffix(op.pointer, "/"+strings.ToLower(op.verb))
		for i, p := range op.item.Parameters {
			if p == nil || seen[p.In+"\x00"+p.Name] {
				continue
			}
			out = append(out, paramDecl{param: p, ptr: child(itemPtr, "parameters", itoa(i))})
		}
	}
	return out
}

// pathParam writes a path parameter (always required).
func (im *importer) pathParam(name string, d *paramDecl, owner string) *yaml.Node {
	m := flowMapping()
	if d == nil {
		set(m, "type", str("string"))
		im.note("#/paths", m, "path parameter %q is declared by no operation: written as a string", name)
		return m
	}
	ok := im.paramExpr(m, d.param, d.ptr, owner, name)
	if t := get(m, "type"); !ok || get(m, "enum") == nil && (t == nil || t.Value == "array") {
		m = flowMapping()
		set(m, "type", str("string"))
		im.note(child(d.ptr, "schema"), m, "path parameter %q is not a scalar or an enum: written as a string", name)
	}
	return m
}

// paramExpr writes a parameter's type and documentation.
func (im *importer) paramExpr(m *yaml.Node, p *v3.Parameter, ptr, owner, name string) bool {
	sp := p.Schema
	if sp == nil && p.Content != nil {
		im.note(ptr, m, "a parameter with content instead of schema: written as a string")
	}
	var s *base.Schema
	if sp != nil && !sp.IsReference() {
		s = sp.Schema()
	}
	sptr := child(ptr, "schema")
	if sp == nil {
		set(m, "type", str("string"))
	} else {
		im.expr(m, sp, exprCtx{owner: owner, prop: name, ptr: sptr, property: true, param: true})
	}
	if t := get(m, "type"); t != nil {
		switch t.Value {
		case "json", "map", "union":
			im.note(sptr, nil, "parameter %q of type %s: a parameter is text on the wire, so only scalars, enums and lists of them are in the format", p.Name, t.Value)
			return false
		case "array":
			it := get(get(m, "items"), "type")
			if it != nil && (it.Value == "json" || it.Value == "map" || it.Value == "array" || it.Value == "union") {
				im.note(sptr, nil, "parameter %q: a list of %s is not a parameter of the format", p.Name, it.Value)
				return false
			}
		default:
			if !isScalarKind(t.Value) && !im.isEnumName(t.Value) {
				im.note(sptr, nil, "parameter %q of object type %s: not a parameter of the format", p.Name, t.Value)
				return false
			}
		}
	}
	if p.In != "path" && p.Required != nil && *p.Required {
		set(m, "required", boolean(true))
	}
	if p.Deprecated {
		set(m, "deprecated", str("The spec marks it deprecated."))
	}
	if s != nil {
		if p.In != "path" {
			im.defaultValue(m, s.Default, child(sptr, "default"))
		}
		examples := s.Examples
		if p.Example != nil {
			examples = append(slices.Clone(examples), p.Example)
		}
		im.examples(m, examples, sptr)
		if piiMarked(s) {
			set(m, "pii", boolean(true))
		}
	}
	if p.In == "query" && p.Explode != nil && !*p.Explode && get(m, "type") != nil && get(m, "type").Value == "array" {
		set(m, "explode", boolean(false))
	}
	if p.Description != "" {
		set(m, "description", str(strings.TrimSpace(p.Description)))
	}
	return true
}

// inferKey names the key of a resource's type: the property the instance
// path parameter carries ({Sid} -> sid, {session_id} -> session_id, and
// {chatId} or {callRecord-id} -> id), when exactly one string property
// matches; a comment says where it came from.
func (im *importer) inferKey(res *resource) {
	param := ""
	for _, r := range im.routes {
		if r.res == res && r.instance && len(r.ext) == 0 {
			seg := splitPath(r.path)
			param = strings.Trim(seg[len(seg)-1], "{}")
			break
		}
	}
	if param == "" || res.typeName == "" {
		return
	}
	var entry *typeEntry
	for _, e := range im.types {
		if e.name == res.typeName {
			entry = e
		}
	}
	if entry == nil || get(entry.node, "key") != nil || get(entry.node, "base") != nil {
		return
	}
	props := get(entry.node, "properties")
	if props == nil {
		return
	}
	var match []string
	for i := 0; i+1 < len(props.Content); i += 2 {
		name := props.Content[i].Value
		t := get(props.Content[i+1], "type")
		if t == nil || t.Value != "string" && t.Value != "uuid" {
			continue
		}
		sq, sp := squash(name), squash(param)
		if sq == sp || sq == "id" && strings.HasSuffix(sp, "id") || sq == "sid" && strings.HasSuffix(sp, "sid") {
			match = append(match, name)
		}
	}
	if len(match) != 1 {
		return
	}
	k := set(entry.node, "key", str(match[0]))
	addComment(k, "the property {"+param+"} names in "+res.name+"' instance paths")
}
