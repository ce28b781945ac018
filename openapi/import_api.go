package openapi

import (
	"net/url"
	"slices"
	"strings"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/schema/goname"
)

// apiNode writes api.baseURL and api.auth.
func (im *importer) apiNode(ops []*operation) *yaml.Node {
	api := mapping()
	base := ""
	if len(im.doc.Servers) > 0 && im.doc.Servers[0] != nil {
		srv := im.doc.Servers[0]
		base = srv.URL
		// Server variables take their documented defaults.
		for name, v := range srv.Variables.FromOldest() {
			if v != nil {
				base = strings.ReplaceAll(base, "{"+name+"}", v.Default)
			}
		}
		base = strings.TrimRight(base, "/")
	}
	im.baseURL = base
	u, err := url.Parse(base)
	k := set(api, "baseURL", str(base))
	if base == "" || err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		set(api, "baseURL", str("https://api.example.invalid"))
		im.note("#/servers", k, "no absolute https server URL (%q): baseURL is a placeholder to replace", base)
	}
	set(api, "auth", im.auth(ops))
	return api
}

// auth maps the first security scheme the operations use.
func (im *importer) auth(ops []*operation) *yaml.Node {
	var names []string
	add := func(reqs []*base.SecurityRequirement) {
		for _, req := range reqs {
			if req == nil {
				continue
			}
			for name := range req.Requirements.FromOldest() {
				if !slices.Contains(names, name) {
					names = append(names, name)
				}
			}
		}
	}
	add(im.doc.Security)
	for _, op := range ops {
		add(op.op.Security)
	}
	a := mapping()
	if len(names) == 0 || im.doc.Components == nil {
		set(a, "scheme", str("bearer"))
		im.note("#/components/securitySchemes", a, "the selected operations name no security scheme: bearer is written so that the schema loads; check it")
		return a
	}
	name := names[0]
	ptr := pointer("components", "securitySchemes", name)
	ss, _ := im.doc.Components.SecuritySchemes.Get(name)
	if ss == nil {
		set(a, "scheme", str("bearer"))
		im.note(ptr, a, "security scheme %q is not declared: bearer is written so that the schema loads; check it", name)
		return a
	}
	if len(names) > 1 {
		im.note("#/security", a, "the operations accept several security schemes (%s): only %s is imported", strings.Join(names, ", "), name)
	}
	switch strings.ToLower(ss.Type) {
	case "http":
		switch strings.ToLower(ss.Scheme) {
		case "basic":
			set(a, "scheme", str("basic"))
			user, pass := "username", "password"
			// A scheme named after its two credentials (Twilio's
			// accountSid_authToken) names them.
			if parts := strings.Split(name, "_"); len(parts) == 2 && parts[0] != "" && parts[1] != "" {
				user, pass = lowerFirst(identWords(parts[0])), lowerFirst(identWords(parts[1]))
			}
			set(a, "username", str(user))
			set(a, "password", str(pass))
		case "bearer":
			set(a, "scheme", str("bearer"))
		default:
			set(a, "scheme", str("bearer"))
			im.note(ptr, a, "HTTP auth scheme %q is not in the format: bearer is written; check it", ss.Scheme)
		}
	case "apikey":
		if strings.EqualFold(ss.In, "header") {
			set(a, "scheme", str("apiKey"))
			set(a, "header", str(ss.Name))
			im.authHeader = ss.Name
		} else {
			set(a, "scheme", str("bearer"))
			im.note(ptr, a, "an API key in the %s is not in the format (header only): bearer is written; check it", ss.In)
		}
	case "oauth2", "openidconnect":
		// Both end in an access token sent as "Authorization: Bearer".
		set(a, "scheme", str("bearer"))
		addComment(a.Content[0], ss.Type+" "+name+": requests carry its access token as a bearer token")
	default:
		set(a, "scheme", str("bearer"))
		im.note(ptr, a, "security scheme type %q is not in the format: bearer is written; check it", ss.Type)
	}
	return a
}

// pagingStyle is the paging convention found in the spec.
type pagingStyle struct {
	style      string // nextLink or pageNumber
	next       []string
	sizeParam  string
	pageParam  string
	firstPage  int64
	totalPages []string
	totalCount []string
	metadata   []string            // names of the exposed envelope members, in order
	metaKinds  map[string]string   // name -> scalar kind
	metaPaths  map[string][]string // name -> JSON path
	odata      bool
	ptr        string
}

// pageOf recognises a page envelope: an array of items beside OData's
// @odata.nextLink, a meta member holding next_page_url, or totals with
// page and size query parameters. It returns the items member and the
// items' schema; record takes the convention as the API's.
func (im *importer) pageOf(s *base.Schema, op *operation, ptr string, record bool) (string, *base.SchemaProxy, bool) {
	if s == nil {
		return "", nil, false
	}
	props := flattenProps(s, 0)
	var arrays []prop
	member := map[string]*base.SchemaProxy{}
	for _, p := range props {
		member[p.name] = p.proxy
		if ps := schemaOf(p.proxy); ps != nil && slices.Contains(ps.Type, "array") {
			arrays = append(arrays, p)
		}
	}
	if len(arrays) != 1 {
		return "", nil, false
	}
	items := arrays[0]
	var ip *base.SchemaProxy
	if as := schemaOf(items.proxy); as != nil && as.Items != nil && as.Items.IsA() {
		ip = as.Items.A
	}
	query := map[string]string{} // lower-case, no separators -> name
	for _, d := range allParams(op) {
		if d.param.In == "query" {
			query[squash(d.param.Name)] = d.param.Name
		}
	}
	st := &pagingStyle{ptr: ptr, metaKinds: map[string]string{}, metaPaths: map[string][]string{}}
	switch {
	case member["@odata.nextLink"] != nil:
		st.style, st.next, st.odata = "nextLink", []string{"@odata.nextLink"}, true
		st.sizeParam = query["$top"]
		for _, p := range props {
			if p.name != "@odata.nextLink" && p.name != items.name && strings.HasPrefix(p.name, "@odata.") {
				im.addMeta(st, strings.TrimPrefix(p.name, "@odata."), []string{p.name}, p.proxy)
			}
		}
	case member["meta"] != nil && hasMember(schemaOf(member["meta"]), "next_page_url"):
		st.style, st.next = "nextLink", []string{"meta", "next_page_url"}
		st.sizeParam = firstOf(query, "pagesize", "limit", "perpage", "size")
		for _, p := range flattenProps(schemaOf(member["meta"]), 0) {
			if p.name != "next_page_url" {
				im.addMeta(st, p.name, []string{"meta", p.name}, p.proxy)
			}
		}
	case firstOf(query, "page", "pagenumber") != "" && firstOf(query, "limit", "pagesize", "perpage", "size") != "":
		for _, p := range props {
			switch squash(p.name) {
			case "totalpages":
				st.totalPages = []string{p.name}
			case "totalcount", "total":
				st.totalCount = []string{p.name}
			}
		}
		if st.totalPages == nil && st.totalCount == nil {
			return "", nil, false
		}
		st.style = "pageNumber"
		st.pageParam = firstOf(query, "page", "pagenumber")
		st.sizeParam = firstOf(query, "limit", "pagesize", "perpage", "size")
		st.firstPage = -1
		for _, d := range allParams(op) {
			if d.param.Name == st.pageParam {
				if ps := schemaOf(d.param.Schema); ps != nil {
					switch {
					case ps.Minimum != nil && (*ps.Minimum == 0 || *ps.Minimum == 1):
						st.firstPage = int64(*ps.Minimum)
					case ps.Default != nil && (ps.Default.Value == "0" || ps.Default.Value == "1"):
						st.firstPage = int64(ps.Default.Value[0] - '0')
					}
				}
			}
		}
		for _, p := range props {
			if p.name != items.name {
				im.addMeta(st, p.name, []string{p.name}, p.proxy)
			}
		}
	default:
		return "", nil, false
	}
	if record {
		im.recordPaging(st, op)
	}
	return items.name, ip, true
}

func squash(s string) string {
	return strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(s))
}

func firstOf(query map[string]string, keys ...string) string {
	for _, k := range keys {
		if n, ok := query[k]; ok {
			return n
		}
	}
	return ""
}

func hasMember(s *base.Schema, name string) bool {
	for _, p := range flattenProps(s, 0) {
		if p.name == name {
			return true
		}
	}
	return false
}

// addMeta exposes a scalar member of the envelope on each page.
func (im *importer) addMeta(st *pagingStyle, name string, path []string, p *base.SchemaProxy) {
	m := flowMapping()
	sub := *im
	sub.notes, sub.curMethod, sub.unplaced, sub.probing = nil, nil, nil, true
	sub.expr(m, p, exprCtx{owner: "page", prop: name, ptr: st.ptr})
	t := get(m, "type")
	if t == nil || !isScalarKind(t.Value) {
		return
	}
	key := goname.Unexported(name)
	if key == "" {
		return
	}
	st.metadata = append(st.metadata, key)
	st.metaKinds[key] = t.Value
	st.metaPaths[key] = path
}

// recordPaging takes the first paging convention as the API's; a list
// with another one is noted.
func (im *importer) recordPaging(st *pagingStyle, op *operation) {
	if im.pagination == nil {
		im.pagination = st
		return
	}
	p := im.pagination
	if p.style != st.style || !slices.Equal(p.next, st.next) || p.pageParam != st.pageParam {
		im.note(op.pointer, nil, "this list pages differently from the first one (%s): the format has one paging convention per API", p.style)
		return
	}
	if p.sizeParam == "" {
		p.sizeParam = st.sizeParam
	}
	for _, m := range st.metadata {
		if _, ok := p.metaKinds[m]; !ok {
			p.metadata = append(p.metadata, m)
			p.metaKinds[m], p.metaPaths[m] = st.metaKinds[m], st.metaPaths[m]
		}
	}
}

// apiTail writes pagination and errors.
func (im *importer) apiTail() {
	if p := im.pagination; p != nil {
		pg := mapping()
		set(pg, "style", str(p.style))
		if p.next != nil {
			set(pg, "next", strs(p.next))
		}
		if p.sizeParam != "" {
			set(pg, "sizeParam", str(p.sizeParam))
		}
		if p.style == "pageNumber" {
			set(pg, "pageParam", str(p.pageParam))
			fp := p.firstPage
			if fp < 0 {
				fp = 1
				im.note(p.ptr, pg, "the page parameter states neither minimum nor default: firstPage 1 is written; check it")
			}
			set(pg, "firstPage", integer(fp))
			if p.totalPages != nil {
				set(pg, "totalPages", strs(p.totalPages))
			}
			if p.totalCount != nil {
				set(pg, "totalCount", strs(p.totalCount))
			}
		}
		if len(p.metadata) > 0 {
			md := mapping()
			for _, m := range p.metadata {
				e := flowMapping()
				set(e, "path", strs(p.metaPaths[m]))
				set(e, "type", str(p.metaKinds[m]))
				set(md, m, e)
			}
			set(pg, "metadata", md)
		}
		if p.odata {
			k := set(pg, "expandedNextLink", str("{property}@odata.nextLink"))
			addComment(k, "OData: an expanded collection links to the rest of it beside itself")
		}
		set(im.api, "pagination", pg)
	}
	im.errorsNode()
}

// errorsNode writes api.errors: one shape when every error status shares a
// body (or one body serves the statuses no other claims), else shapes by
// status.
func (im *importer) errorsNode() {
	if len(im.errors) == 0 {
		return
	}
	var comps []string
	statuses := map[string][]string{}
	for _, e := range im.errors {
		if !slices.Contains(comps, e.comp) {
			comps = append(comps, e.comp)
		}
		if !slices.Contains(statuses[e.comp], e.status) {
			statuses[e.comp] = append(statuses[e.comp], e.status)
		}
	}
	wild := func(st string) bool { return st == "DEFAULT" || strings.HasSuffix(st, "XX") }
	if len(comps) == 1 && slices.ContainsFunc(statuses[comps[0]], wild) {
		set(im.api, "errors", im.errorShape(comps[0], nil))
		return
	}
	list := sequence()
	list.Style = 0
	claimed := map[string]string{}
	var rest string
	for _, c := range comps {
		var codes []int
		for _, st := range statuses[c] {
			if wild(st) {
				if rest != "" && rest != c {
					im.note(im.errorPtr(c), nil, "error body %s and %s both serve unlisted statuses: only %s is kept for them", rest, c, rest)
					continue
				}
				rest = c
				continue
			}
			n := atoi(st)
			if other, ok := claimed[st]; ok && other != c {
				im.note(im.errorPtr(c), nil, "status %s has two error bodies (%s, %s): the first is kept", st, other, c)
				continue
			}
			claimed[st] = c
			codes = append(codes, n)
		}
		if c == rest {
			continue
		}
		if len(codes) > 0 {
			slices.Sort(codes)
			list.Content = append(list.Content, im.errorShape(c, codes))
		}
	}
	if rest != "" {
		list.Content = append(list.Content, im.errorShape(rest, nil))
	}
	set(im.api, "errors", list)
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func (im *importer) errorPtr(comp string) string {
	for _, e := range im.errors {
		if e.comp == comp {
			return e.ptr
		}
	}
	return "#"
}

func (im *importer) errorShape(comp string, statuses []int) *yaml.Node {
	m := mapping()
	if statuses != nil {
		set(m, "status", intSeq(statuses))
	}
	set(m, "type", str(im.use(comp)))
	s := im.components[comp].schema
	if p := im.findPath(s, []string{"code", "error_code", "errorCode"}); p != nil {
		set(m, "code", strs(p))
	}
	if p := im.findPath(s, []string{"message", "msg", "detail", "error_description", "title"}); p != nil {
		set(m, "message", strs(p))
	}
	if p := im.findPath(s, []string{"request-id", "requestId", "request_id"}); p != nil {
		set(m, "requestId", strs(p))
	}
	return m
}
