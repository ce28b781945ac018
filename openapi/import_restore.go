package openapi

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/sessiongen/sessiongen/schema/goname"
)

// A document written by sessiongen export (x-sessiongen-version at its
// root) holds every fact of its schema, most in OpenAPI's own words and
// the rest in x-sessiongen-* extensions (testdata/export/LOSSES.md). The
// restorer reads it back exactly, as the inverse of export*.go, instead of
// guessing names and conventions as a vendor spec needs: its component
// keys are the type names, its tags the resources, its operation ids
// <resource>.<method>.

// restorer holds the state of one restore.
type restorer struct {
	doc      rnode
	opts     Options
	notes    []Note
	unplaced []string

	schemas    []rentry         // components/schemas in order
	schemaByID map[string]rnode // key -> schema
	typeNames  map[string]string
	params     map[string]rnode // components/parameters
	responses  map[string]rnode // components/responses
	discValues map[string]string
	// inlineDone: inline enum components written at their property.
	inlineDone map[string]bool
	namer      goname.Namer
	copied     int // nodes copied, see maxCopied
}

// exportedBySessiongen reports a document sessiongen export wrote, and its
// root as YAML nodes.
func exportedBySessiongen(spec []byte) (rnode, bool) {
	if !bytes.Contains(spec, []byte("x-sessiongen-version")) {
		return rnode{}, false // a vendor spec: not parsed twice
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(spec, &doc); err != nil || len(doc.Content) == 0 {
		return rnode{}, false
	}
	root := rnode{n: doc.Content[0], ptr: "#"}
	return root, root.key("x-sessiongen-version").ok()
}

// restore writes the schema the document was exported from.
func restore(root rnode, opts Options) (*Result, error) {
	re := &restorer{doc: root, opts: opts, schemaByID: map[string]rnode{}, typeNames: map[string]string{},
		params: map[string]rnode{}, responses: map[string]rnode{}, discValues: map[string]string{}, inlineDone: map[string]bool{}}
	comps := root.key("components")
	re.schemas = comps.key("schemas").entries()
	for _, e := range re.schemas {
		re.schemaByID[e.name] = e.val
		name := e.name
		if n := e.val.key("x-sessiongen-name"); n.isStr() {
			name = n.n.Value
		}
		re.typeNames[e.name] = name
	}
	for _, e := range comps.key("parameters").entries() {
		re.params[e.name] = e.val
	}
	for _, e := range comps.key("responses").entries() {
		re.responses[e.name] = e.val
	}
	re.collectDiscriminatorValues()
	re.unknownExtensions(root, 0)

	out := mapping()
	v := root.key("x-sessiongen-version")
	if !v.isInt() {
		re.note(v.ptr, nil, "want the format's version, an integer, got %s: 1 is written", describeNode(v.n))
		set(out, "sessiongen", integer(1))
	} else {
		set(out, "sessiongen", re.copyNode(v.n))
	}
	pkg := re.packageNode()
	set(out, "package", pkg)
	re.namer = goname.NewNamer(strsOf(get(pkg, "initialisms")))
	if imports := re.importsNode(); imports != nil {
		set(out, "imports", imports)
	}
	set(out, "api", re.apiNode())
	types := re.typesNode()
	resources := re.resourcesNode()
	re.leftoverInlineEnums(types)
	set(out, "types", types)
	k := set(out, "resources", resources)
	for _, c := range re.unplaced {
		addComment(k, c)
	}
	if len(resources.Content) == 0 {
		del(out, "resources")
		for _, c := range re.unplaced {
			addComment(out.Content[0], c)
		}
	}
	block(out)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{out}}
	src := opts.Source
	if src == "" {
		src = "an OpenAPI document"
	}
	doc.HeadComment = "# Restored by sessiongen import from " + printable(src) + ", written by sessiongen export.\n" +
		"# Comments starting with \"import:\" mark what could not be read back; each names the spec's JSON pointer."
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, &Error{Pointer: "#", Msg: "writing the schema: " + err.Error()}
	}
	if err := loadsButImports(buf.Bytes()); err != nil {
		return nil, &Error{Pointer: "#", Msg: "the restored schema does not load (a malformed x-sessiongen-* value?): " + firstLine(err.Error())}
	}
	return &Result{YAML: buf.Bytes(), Notes: re.notes}, nil
}

func strsOf(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

// note records what could not be read back at ptr, as a comment on at
// (nil: above resources).
func (re *restorer) note(ptr string, at *yaml.Node, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	re.notes = append(re.notes, Note{Pointer: ptr, Message: msg})
	if at == nil {
		re.unplaced = append(re.unplaced, "import: "+msg+" ("+ptr+")")
		return
	}
	addComment(at, "import: "+msg+" ("+ptr+")")
}

// packageNode reads info.x-sessiongen-package.
func (re *restorer) packageNode() *yaml.Node {
	info := re.doc.key("info")
	p := info.key("x-sessiongen-package")
	pkg := mapping()
	if !p.isMap() {
		re.note(p.ptr, nil, "want the Go package (name, path, description): named after the title")
		name := "api"
		if t := info.key("title"); t.isStr() && goname.IsPackageName(t.n.Value) {
			name = t.n.Value
		}
		set(pkg, "name", str(name))
		set(pkg, "path", str(name))
		return pkg
	}
	c := re.copyChecked(p, map[string]valueKind{"name": kStr, "path": kStr, "description": kStr, "initialisms": kStrs})
	for _, k := range []string{"name", "path", "description", "initialisms"} {
		if v := get(c, k); v != nil {
			set(pkg, k, v)
		}
	}
	return pkg
}

// importsNode reads x-sessiongen-imports: the imported files resolve as
// they did beside the exported schema.
func (re *restorer) importsNode() *yaml.Node {
	v := re.doc.key("x-sessiongen-imports")
	if !v.ok() {
		return nil
	}
	list := sequence()
	list.Style = 0
	for _, it := range v.items() {
		m := re.copyChecked(it, map[string]valueKind{"schema": kStr, "as": kStr})
		if m == nil {
			continue
		}
		if get(m, "schema") == nil || get(m, "as") == nil {
			re.note(it.ptr, nil, "an import without schema and as: not kept")
			continue
		}
		m.Style = yaml.FlowStyle
		list.Content = append(list.Content, m)
	}
	if v.n.Kind != yaml.SequenceNode {
		re.note(v.ptr, nil, "want a list of {schema, as}, got %s: not kept", describeNode(v.n))
	}
	if len(list.Content) == 0 {
		return nil
	}
	return list
}

// apiNode reads the API: servers, info.description, the security scheme,
// api.headers among components/parameters, the error responses and the
// document's extensions.
func (re *restorer) apiNode() *yaml.Node {
	api := mapping()
	base := ""
	if srv := re.doc.key("servers").items(); len(srv) > 0 {
		base = re.str(srv[0], "url")
	}
	set(api, "baseURL", str(base))
	if d := re.str(re.doc.key("info"), "description"); d != "" {
		set(api, "description", str(d))
	}
	if a := re.authNode(); a != nil {
		set(api, "auth", a)
	}
	if e := re.doc.key("x-sessiongen-encoding"); e.ok() {
		if s := re.str(re.doc, "x-sessiongen-encoding"); s != "" {
			set(api, "encoding", str(s))
		}
	}
	if p := re.doc.key("x-sessiongen-paging"); p.ok() {
		if pg := re.pagingNode(p); pg != nil {
			set(api, "pagination", pg)
		}
	}
	if errs := re.errorsNode(); errs != nil {
		set(api, "errors", errs)
	}
	if d := re.str(re.doc, "x-sessiongen-discriminator"); d != "" {
		set(api, "discriminator", str(d))
	}
	if r := re.doc.key("x-sessiongen-retry"); r.ok() {
		if m := re.copyChecked(r, map[string]valueKind{"notProcessed": kInts}); m != nil && len(m.Content) > 0 {
			m.Style = yaml.FlowStyle
			set(api, "retry", m)
		}
	}
	if h := re.str(re.doc, "x-sessiongen-idempotencyHeader"); h != "" {
		set(api, "idempotencyHeader", str(h))
	}
	if hs := re.strList(re.doc, "x-sessiongen-requestIdHeaders"); len(hs) > 0 {
		set(api, "requestIdHeaders", strs(hs))
	}
	headers := mapping()
	for _, e := range re.doc.key("components").key("parameters").entries() {
		if re.str(e.val, "in") != "header" || e.val.key("x-sessiongen-resource").ok() {
			continue
		}
		name, h := re.parameter(e.val, headerKeys, "")
		if name != "" {
			set(headers, name, h)
		}
	}
	if len(headers.Content) > 0 {
		set(api, "headers", headers)
	}
	return api
}

// authNode reads the security scheme the document requires.
func (re *restorer) authNode() *yaml.Node {
	schemes := re.doc.key("components").key("securitySchemes").entries()
	if len(schemes) == 0 {
		a := flowMapping()
		set(a, "scheme", str("bearer"))
		re.note("#/components/securitySchemes", a, "no security scheme: bearer is written so that the schema loads; check it")
		return a
	}
	s := schemes[0].val
	a := flowMapping()
	typ, scheme := strings.ToLower(re.str(s, "type")), strings.ToLower(re.str(s, "scheme"))
	switch {
	case typ == "http" && scheme == "basic":
		set(a, "scheme", str("basic"))
		if u := re.str(s, "x-sessiongen-username"); u != "" {
			set(a, "username", str(u))
		}
		if p := re.str(s, "x-sessiongen-password"); p != "" {
			set(a, "password", str(p))
		}
	case typ == "apikey" && re.str(s, "in") == "header":
		set(a, "scheme", str("apiKey"))
		set(a, "header", str(re.str(s, "name")))
	default:
		if !(typ == "http" && scheme == "bearer") {
			re.note(s.ptr, a, "security scheme %s %s is not one sessiongen export writes: bearer is written", typ, scheme)
		}
		set(a, "scheme", str("bearer"))
	}
	return a
}

// pagingNode reads x-sessiongen-paging: api.pagination as the format
// writes it.
func (re *restorer) pagingNode(p rnode) *yaml.Node {
	pg := re.copyChecked(p, map[string]valueKind{"style": kStr, "next": kStrs, "sizeParam": kStr, "pageParam": kStr,
		"firstPage": kInt, "totalPages": kStrs, "totalCount": kStrs, "metadata": kMap, "expandedNextLink": kStr})
	if pg == nil {
		return nil
	}
	if md := p.key("metadata"); md.isMap() {
		out := mapping()
		for _, e := range md.entries() {
			if f := re.copyChecked(e.val, map[string]valueKind{"path": kStrs, "type": kStr, "description": kStr}); f != nil {
				f.Style = yaml.FlowStyle
				set(out, e.name, f)
			}
		}
		set(pg, "metadata", out)
	}
	return pg
}

// errorsNode reads components/responses: each error shape's type and its
// x-sessiongen-error. Shapes with statuses make api.errors a list, the
// shape of every other status last.
func (re *restorer) errorsNode() *yaml.Node {
	var byStatus []*yaml.Node
	var fallback *yaml.Node
	for _, e := range re.doc.key("components").key("responses").entries() {
		shape := mapping()
		x := e.val.key("x-sessiongen-error")
		if ref := e.val.key("content").key("application/json").key("schema").key("$ref"); ref.isStr() {
			if name := re.refName(ref); name != "" {
				set(shape, "type", str(name))
			}
		}
		if x.ok() {
			c := re.copyChecked(x, map[string]valueKind{"status": kInts, "code": kStrs, "message": kStrs, "requestId": kStrs, "codes": kMap})
			for i := 0; c != nil && i+1 < len(c.Content); i += 2 {
				set(shape, c.Content[i].Value, c.Content[i+1])
			}
		}
		if get(shape, "status") != nil {
			byStatus = append(byStatus, shape)
		} else if fallback == nil {
			fallback = shape
		} else {
			re.note(e.val.ptr, nil, "a second error response without statuses: not kept")
		}
	}
	if len(byStatus) == 0 {
		return fallback
	}
	list := sequence(byStatus...)
	list.Style = 0
	if fallback != nil {
		list.Content = append(list.Content, fallback)
	}
	return list
}

// refName is the type name a reference to components/schemas names, ""
// (noted) for any other reference.
func (re *restorer) refName(ref rnode) string {
	key := re.refKey(ref)
	if key == "" {
		return ""
	}
	return re.typeNames[key]
}

func (re *restorer) refKey(ref rnode) string {
	s := ref.n.Value
	if !strings.HasPrefix(s, componentPrefix) {
		re.note(ref.ptr, nil, "reference %q is not to #/components/schemas: not followed", s)
		return ""
	}
	key := unescapeToken(strings.TrimPrefix(s, componentPrefix))
	if _, ok := re.schemaByID[key]; !ok {
		re.note(ref.ptr, nil, "reference %q names no schema of this document: not followed", s)
		return ""
	}
	return key
}

// loadsButImports checks a restored schema with the loader. A schema that
// imports others loads only from its file, beside them: parsed from memory,
// its imports are each an error (and references to their types are left
// unresolved), so those errors alone pass; any other fails.
func loadsButImports(src []byte) error {
	_, err := schema.Parse("imported.yaml", src)
	var ds schema.Diagnostics
	if err == nil || !errors.As(err, &ds) {
		return err
	}
	var rest schema.Diagnostics
	for _, d := range ds {
		if !strings.Contains(d.Msg, "a schema parsed from memory cannot import files") {
			rest = append(rest, d)
		}
	}
	if len(rest) == 0 {
		return nil
	}
	return rest
}
