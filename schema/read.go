package schema

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// root reads the top-level mapping.
func (l *loader) root(n *yaml.Node) *File {
	f := &File{Path: l.file}
	m := l.mapping(n, "schema", "sessiongen", "imports", "package", "api", "types", "resources")
	if m == nil {
		return nil
	}
	l.require(n, m, "schema", "sessiongen", "package", "api", "types")
	if e, ok := m["sessiongen"]; ok {
		if v, ok := l.integer(e.val, "sessiongen"); ok {
			if v != 1 {
				l.errorf(e.val, "sessiongen: unsupported format version %d: want 1", v)
			}
			f.Version = v
		}
	}
	if e, ok := m["imports"]; ok {
		f.Imports = l.imports(e.val)
	}
	if e, ok := m["package"]; ok {
		f.Package = l.pkg(e.val)
	}
	if e, ok := m["api"]; ok {
		f.API = l.api(e.val)
	}
	if e, ok := m["types"]; ok {
		for _, te := range l.entries(e.val, "types") {
			f.Types = append(f.Types, l.typ(te))
		}
	}
	if e, ok := m["resources"]; ok {
		for _, re := range l.entries(e.val, "resources") {
			f.Resources = append(f.Resources, l.resource(re))
		}
	}
	return f
}

func (l *loader) pkg(n *yaml.Node) Package {
	p := Package{Pos: l.pos(n)}
	m := l.mapping(n, "package", "name", "path", "description", "initialisms")
	l.require(n, m, "package", "name", "path")
	if e, ok := m["name"]; ok {
		p.Name, _ = l.str(e.val, "package.name")
		p.NamePos = l.pos(e.val)
	}
	if e, ok := m["path"]; ok {
		p.Path, _ = l.str(e.val, "package.path")
		p.PathPos = l.pos(e.val)
	}
	if e, ok := m["description"]; ok {
		p.Description, _ = l.str(e.val, "package.description")
	}
	if e, ok := m["initialisms"]; ok {
		p.InitialismsPos = l.pos(e.val)
		if e.val.Kind != yaml.SequenceNode {
			l.errorf(e.val, "package.initialisms: want a list of words, got %s", describe(e.val))
		} else {
			for _, c := range e.val.Content {
				w, ok := l.str(c, "package.initialisms")
				switch {
				case !ok:
				case !initialism.MatchString(w):
					l.errorf(c, "package.initialisms: %q is not an initialism: want upper-case ASCII letters and digits, starting with a letter", clip(w))
				case slices.Contains(p.Initialisms, w):
					l.errorf(c, "package.initialisms: %q is listed twice", w)
				default:
					p.Initialisms = append(p.Initialisms, w)
				}
			}
		}
	}
	return p
}

var initialism = regexp.MustCompile(`^[A-Z][A-Z0-9]*$`)

func (l *loader) api(n *yaml.Node) API {
	a := API{Pos: l.pos(n), Encoding: EncodingJSON}
	m := l.mapping(n, "api", "baseURL", "description", "auth", "encoding", "pagination",
		"errors", "discriminator", "retry", "idempotencyHeader", "headers", "requestIdHeaders")
	l.require(n, m, "api", "baseURL", "auth")
	if e, ok := m["baseURL"]; ok {
		a.BaseURL, _ = l.str(e.val, "api.baseURL")
		a.Pos = l.pos(e.val)
	}
	if e, ok := m["description"]; ok {
		a.Description, _ = l.str(e.val, "api.description")
	}
	if e, ok := m["auth"]; ok {
		a.Auth = l.auth(e.val)
	}
	if e, ok := m["encoding"]; ok {
		a.Encoding = l.encoding(e.val, "api.encoding")
	}
	if e, ok := m["pagination"]; ok {
		a.Pagination = l.pagination(e.val)
	}
	if e, ok := m["errors"]; ok {
		if e.val.Kind == yaml.SequenceNode {
			a.Errors, a.ErrorsByStatus = l.errorShapes(e.val)
		} else {
			a.Errors = l.errorShape(e.val, "api.errors", false)
		}
	}
	if e, ok := m["headers"]; ok {
		a.Headers = l.headers(e.val, "api.headers", headerContext)
	}
	if e, ok := m["requestIdHeaders"]; ok {
		a.RequestIDHeadersPos = l.pos(e.val)
		if names, ok := l.strings(e.val, "api.requestIdHeaders"); ok {
			if len(names) == 0 {
				l.errorf(e.val, "api.requestIdHeaders: want at least one header name")
			}
			for i, name := range names {
				c := e.val.Content[i]
				l.headerName(c, name, "api.requestIdHeaders:")
				if slices.ContainsFunc(a.RequestIDHeaders, func(s string) bool { return strings.EqualFold(s, name) }) {
					l.errorf(c, "api.requestIdHeaders: %q is listed twice (header names ignore case)", clip(name))
					continue
				}
				a.RequestIDHeaders = append(a.RequestIDHeaders, name)
			}
		}
	}
	if e, ok := m["discriminator"]; ok {
		a.Discriminator, _ = l.str(e.val, "api.discriminator")
	}
	if e, ok := m["retry"]; ok {
		rm := l.mapping(e.val, "api.retry", "notProcessed")
		if re, ok := rm["notProcessed"]; ok {
			if re.val.Kind != yaml.SequenceNode {
				l.errorf(re.val, "api.retry.notProcessed: want a list of HTTP statuses, got %s", describe(re.val))
			} else {
				for _, c := range re.val.Content {
					if v, ok := l.integer(c, "api.retry.notProcessed"); ok {
						if v < 400 || v > 599 {
							l.errorf(c, "api.retry.notProcessed: %d is not an HTTP error status (400-599)", v)
						}
						a.RetryNotProcessed = append(a.RetryNotProcessed, v)
					}
				}
			}
		}
	}
	if e, ok := m["idempotencyHeader"]; ok {
		a.IdempotencyHeader, _ = l.str(e.val, "api.idempotencyHeader")
		l.headerName(e.val, a.IdempotencyHeader, "api.idempotencyHeader")
	}
	return a
}

// headerName reports a header name that is not an RFC 9110 token: net/http
// refuses to send one, which would fail every request at run time instead
// of here.
func (l *loader) headerName(n *yaml.Node, name, what string) {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			l.errorf(n, "%s %q is not an HTTP header name: want letters, digits and !#$%%&'*+-.^_`|~", what, clip(name))
			return
		}
	}
}

func (l *loader) encoding(n *yaml.Node, what string) Encoding {
	s, ok := l.str(n, what)
	if !ok {
		return ""
	}
	switch e := Encoding(s); e {
	case EncodingJSON, EncodingForm:
		return e
	}
	l.errorf(n, "%s: unknown encoding %q: want json or form", what, clip(s))
	return ""
}

func (l *loader) auth(n *yaml.Node) Auth {
	a := Auth{Pos: l.pos(n)}
	m := l.mapping(n, "api.auth", "scheme", "username", "password", "header")
	l.require(n, m, "api.auth", "scheme")
	e, ok := m["scheme"]
	if !ok {
		return a
	}
	s, _ := l.str(e.val, "api.auth.scheme")
	a.Scheme = AuthScheme(s)
	want := map[AuthScheme][]string{
		AuthBearer: nil,
		AuthBasic:  {"username", "password"},
		AuthAPIKey: {"header"},
	}
	keys, known := want[a.Scheme]
	if !known {
		if s != "" {
			l.errorf(e.val, "api.auth.scheme: unknown scheme %q: want bearer, basic or apiKey", clip(s))
		}
		return a
	}
	for _, k := range []string{"username", "password", "header"} {
		ke, present := m[k]
		switch {
		case present && !contains(keys, k):
			l.errorf(ke.key, "api.auth.%s does not apply to scheme %s", k, a.Scheme)
		case !present && contains(keys, k):
			l.errorf(n, "api.auth: scheme %s needs key %q", a.Scheme, k)
		case present:
			v, _ := l.str(ke.val, "api.auth."+k)
			switch k {
			case "username":
				a.Username = v
			case "password":
				a.Password = v
			case "header":
				a.Header = v
				l.headerName(ke.val, v, "api.auth.header")
			}
		}
	}
	return a
}

func (l *loader) pagination(n *yaml.Node) *Pagination {
	p := &Pagination{Pos: l.pos(n)}
	m := l.mapping(n, "api.pagination", "style", "next", "sizeParam", "pageParam", "firstPage",
		"totalPages", "totalCount", "metadata", "expandedNextLink")
	if m == nil {
		return nil
	}
	l.require(n, m, "api.pagination", "style")
	perStyle := map[PaginationStyle][]string{
		PaginationNextLink:   {"next", "sizeParam", "metadata", "expandedNextLink"},
		PaginationPageNumber: {"sizeParam", "pageParam", "firstPage", "totalPages", "totalCount", "metadata", "expandedNextLink"},
	}
	needs := map[PaginationStyle][]string{
		PaginationNextLink:   {"next"},
		PaginationPageNumber: {"pageParam", "sizeParam"},
	}
	if e, ok := m["style"]; ok {
		s, _ := l.str(e.val, "api.pagination.style")
		p.Style = PaginationStyle(s)
		if _, known := perStyle[p.Style]; !known {
			if s != "" {
				l.errorf(e.val, "api.pagination.style: unknown style %q: want nextLink or pageNumber", clip(s))
			}
			return p
		}
	} else {
		return p
	}
	for _, k := range needs[p.Style] {
		if _, ok := m[k]; !ok {
			l.errorf(n, "api.pagination: style %s needs key %q", p.Style, k)
		}
	}
	for _, k := range sortedKeys(m) {
		e := m[k]
		if k == "style" {
			continue
		}
		if !contains(perStyle[p.Style], k) {
			l.errorf(e.key, "api.pagination.%s does not apply to style %s", k, p.Style)
			continue
		}
		what := "api.pagination." + k
		switch k {
		case "next":
			p.Next = l.jsonPath(e.val, what)
		case "sizeParam":
			p.SizeParam, _ = l.str(e.val, what)
		case "pageParam":
			p.PageParam, _ = l.str(e.val, what)
		case "firstPage":
			if v, ok := l.integer(e.val, what); ok {
				if v != 0 && v != 1 {
					l.errorf(e.val, "%s: want 0 or 1, got %d", what, v)
				}
				p.FirstPage = v
			}
		case "totalPages":
			p.TotalPages = l.jsonPath(e.val, what)
		case "totalCount":
			p.TotalCount = l.jsonPath(e.val, what)
		case "metadata":
			p.Metadata = l.pageFields(e.val)
		case "expandedNextLink":
			p.ExpandedNextLink, _ = l.str(e.val, what)
			p.ExpandedNextLinkPos = l.pos(e.val)
		}
	}
	return p
}

// pageFields reads api.pagination.metadata: name to {path, type,
// description}.
func (l *loader) pageFields(n *yaml.Node) []*PageField {
	var out []*PageField
	for _, e := range l.entries(n, "api.pagination.metadata") {
		f := &PageField{Pos: l.pos(e.key), Name: e.key.Value}
		what := "api.pagination.metadata " + quote(f.Name)
		m := l.mapping(e.val, what, "path", "type", "description")
		if m == nil {
			continue
		}
		l.require(e.val, m, what, "path", "type")
		if pe, ok := m["path"]; ok {
			f.Path = l.jsonPath(pe.val, what+" path")
			f.PathPos = l.pos(pe.val)
		}
		if te, ok := m["type"]; ok {
			f.KindPos = l.pos(te.val)
			if s, ok := l.str(te.val, what+" type"); ok {
				if k := Kind(s); slices.Contains(builtinKinds, k) && k.IsScalar() {
					f.Kind = k
				} else {
					l.errorf(te.val, "%s type: want a scalar type (string, int32, int64, number, boolean, date-time, uri, ...), got %q", what, clip(s))
				}
			}
		}
		if de, ok := m["description"]; ok {
			f.Description, _ = l.str(de.val, what+" description")
		}
		out = append(out, f)
	}
	return out
}

// errorShapes reads api.errors written as a list: shapes selected by
// status, and at most one without status, for every other status.
func (l *loader) errorShapes(n *yaml.Node) (fallback *ErrorShape, byStatus []*ErrorShape) {
	if len(n.Content) == 0 {
		l.errorf(n, "api.errors: want at least one error shape")
		return nil, nil
	}
	claimed := map[int]*yaml.Node{}
	for _, c := range n.Content {
		s := l.errorShape(c, "api.errors", true)
		if s == nil {
			continue
		}
		if len(s.Statuses) == 0 {
			if fallback != nil {
				l.errorf(c, "api.errors: only one shape may omit status (the first is at line %d)", fallback.Pos.Line)
				continue
			}
			fallback = s
			continue
		}
		for i, st := range s.Statuses {
			if prev, dup := claimed[st]; dup {
				l.errorf(statusNode(c, i), "api.errors: status %d already has a shape (line %d)", st, prev.Line)
			} else {
				claimed[st] = statusNode(c, i)
			}
		}
		byStatus = append(byStatus, s)
	}
	return fallback, byStatus
}

// statusNode returns the node of the i-th status of an error shape.
func statusNode(shape *yaml.Node, i int) *yaml.Node {
	for j := 0; j+1 < len(shape.Content); j += 2 {
		if shape.Content[j].Value == "status" && i < len(shape.Content[j+1].Content) {
			return shape.Content[j+1].Content[i]
		}
	}
	return shape
}

func (l *loader) errorShape(n *yaml.Node, what string, inList bool) *ErrorShape {
	s := &ErrorShape{Pos: l.pos(n)}
	keys := []string{"type", "code", "message", "requestId", "codes"}
	if inList {
		keys = append(keys, "status")
	}
	m := l.mapping(n, what, keys...)
	if m == nil {
		return nil
	}
	l.require(n, m, what, "type", "message")
	if e, ok := m["status"]; ok {
		s.StatusPos = l.pos(e.val)
		s.Statuses = l.statuses(e.val, what+".status", 400, 599)
	}
	if e, ok := m["type"]; ok {
		s.Type = l.typeRef(e.val, what+".type")
	}
	if e, ok := m["code"]; ok {
		s.Code = l.jsonPath(e.val, what+".code")
		s.CodePos = l.pos(e.val)
	}
	if e, ok := m["message"]; ok {
		s.Message = l.jsonPath(e.val, what+".message")
		s.MessagePos = l.pos(e.val)
	}
	if e, ok := m["requestId"]; ok {
		s.RequestID = l.jsonPath(e.val, what+".requestId")
		s.RequestIDPos = l.pos(e.val)
	}
	if e, ok := m["codes"]; ok {
		s.Codes = l.errorCodes(e.val)
	}
	return s
}

// statuses reads a non-empty list of distinct HTTP statuses in lo..hi.
func (l *loader) statuses(n *yaml.Node, what string, lo, hi int) []int {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s: want a list of HTTP statuses, got %s", what, describe(n))
		return nil
	}
	if len(n.Content) == 0 {
		l.errorf(n, "%s: want at least one HTTP status", what)
		return nil
	}
	var out []int
	for _, c := range n.Content {
		v, ok := l.integer(c, what)
		if !ok {
			continue
		}
		switch {
		case v < lo || v > hi:
			l.errorf(c, "%s: %d is not an HTTP status in %d-%d", what, v, lo, hi)
		case slices.Contains(out, v):
			l.errorf(c, "%s: %d is listed twice", what, v)
		default:
			out = append(out, v)
		}
	}
	return out
}

// headers reads a map of header name to header parameter, reporting names
// that are not HTTP tokens and names repeated in another case (YAML keys
// are case-sensitive, header names are not).
func (l *loader) headers(n *yaml.Node, what string, ctx propContext) []*Property {
	var out []*Property
	seen := map[string]*yaml.Node{}
	for _, e := range l.entries(n, what) {
		l.headerName(e.key, e.key.Value, what+":")
		lower := strings.ToLower(e.key.Value)
		if prev, dup := seen[lower]; dup {
			l.errorf(e.key, "%s: %q repeats %q (line %d): header names ignore case", what, clip(e.key.Value), clip(prev.Value), prev.Line)
			continue
		}
		seen[lower] = e.key
		out = append(out, l.property(e, ctx))
	}
	return out
}

// errorCodes reads api.errors.codes: HTTP status (a quoted key, as YAML keys
// are strings here) to the API's code for it, an integer or a string.
func (l *loader) errorCodes(n *yaml.Node) []ErrorCode {
	var out []ErrorCode
	for _, e := range l.entries(n, "api.errors.codes") {
		status, err := strconv.Atoi(e.key.Value)
		if err != nil || !decimal.MatchString(e.key.Value) || status < 400 || status > 599 {
			l.errorf(e.key, "api.errors.codes: key %q is not an HTTP error status (400-599)", clip(e.key.Value))
			continue
		}
		c := ErrorCode{Pos: l.pos(e.val), Status: status}
		switch {
		case e.val.Kind == yaml.ScalarNode && e.val.Tag == "!!int":
			v, ok := l.integer(e.val, "api.errors.codes")
			if !ok {
				continue
			}
			c.Code, c.Number = strconv.Itoa(v), true
		case e.val.Kind == yaml.ScalarNode && e.val.Tag == "!!str" && e.val.Value != "":
			c.Code = e.val.Value
		default:
			l.errorf(e.val, "api.errors.codes: want an integer or a non-empty string, got %s", describe(e.val))
			continue
		}
		out = append(out, c)
	}
	return out
}

func (l *loader) typeRef(n *yaml.Node, what string) *TypeRef {
	s, ok := l.str(n, what)
	if !ok {
		return nil
	}
	return &TypeRef{Pos: l.pos(n), Name: s}
}

var objectKeys = []string{"description", "deprecated", "open", "properties", "base", "abstract",
	"discriminatorValue", "key", "idPrefix", "goName", "defaults", "rules", "discriminator", "subtypes"}
var enumKeys = []string{"description", "deprecated", "open", "enum", "sentinel", "goName"}
var goTypeKeys = []string{"description", "deprecated", "goType"}

// unionTypeKeys are the keys of a named union (type: union, of: [...]).
var unionTypeKeys = []string{"description", "goName", "type", "of"}

func (l *loader) typ(e entry) *Type {
	t := &Type{Pos: l.pos(e.key), Name: e.key.Value}
	what := "type " + quote(t.Name)
	allowed := objectKeys
	if e.val.Kind == yaml.MappingNode && hasKey(e.val, "enum") {
		t.IsEnum = true
		allowed = enumKeys
	}
	union := !t.IsEnum && e.val.Kind == yaml.MappingNode && (hasKey(e.val, "of") || hasKey(e.val, "type"))
	if union {
		allowed = unionTypeKeys
	} else if e.val.Kind == yaml.MappingNode && hasKey(e.val, "goType") && !t.IsEnum {
		allowed = goTypeKeys
	}
	m := l.mapping(e.val, what, allowed...)
	if union && m != nil {
		u := l.typeExpr(e.val, m, what, 0)
		t.Union = &u
	}
	for _, k := range sortedKeys(m) {
		kv := m[k]
		kwhat := what + " " + k
		switch k {
		case "description":
			t.Description, _ = l.str(kv.val, kwhat)
		case "deprecated":
			t.Deprecated, _ = l.str(kv.val, kwhat)
		case "open":
			t.Open, _ = l.boolean(kv.val, kwhat)
		case "abstract":
			t.Abstract, _ = l.boolean(kv.val, kwhat)
		case "base":
			t.Base = l.typeRef(kv.val, kwhat)
		case "discriminatorValue":
			t.DiscriminatorValue, _ = l.str(kv.val, kwhat)
		case "discriminator", "subtypes":
			l.hierarchyKey(t, k, kv.val, kwhat)
		case "key":
			t.Key, _ = l.str(kv.val, kwhat)
		case "idPrefix":
			t.IDPrefix, _ = l.str(kv.val, kwhat)
		case "goName":
			t.GoName, _ = l.str(kv.val, kwhat)
			t.GoNamePos = l.pos(kv.val)
		case "sentinel":
			t.Sentinel, _ = l.str(kv.val, kwhat)
		case "properties":
			for _, pe := range l.entries(kv.val, what+" properties") {
				t.Properties = append(t.Properties, l.property(pe, propertyContext))
			}
		case "enum":
			t.Enum = l.enumValues(kv.val, kwhat)
		case "defaults":
			t.Defaults = l.defaults(kv.val, kwhat, typeDefaultKeys)
		case "rules":
			t.Rules = l.rules(kv.val, kwhat)
		case "goType":
			t.GoType = l.goTypeSpec(kv, kwhat)
		}
	}
	applyDefaults(t.Properties, t.Defaults)
	return t
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// quote quotes a name for a message, escaping it so that no input can put a
// newline or a stray quote in a diagnostic.
func quote(s string) string { return strconv.Quote(clip(s)) }

func (l *loader) enumValues(n *yaml.Node, what string) []*EnumValue {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s: want a list of values, got %s", what, describe(n))
		return nil
	}
	if len(n.Content) == 0 {
		// Reported here, at the list, and only for an empty list: a
		// list whose values are all wrong has those values reported.
		l.errorf(n, "%s: want at least one value", what)
		return nil
	}
	var out []*EnumValue
	for _, c := range n.Content {
		v := &EnumValue{Pos: l.pos(c)}
		if c.Kind == yaml.MappingNode {
			m := l.mapping(c, what+" value", "value", "description", "deprecated", "goName")
			l.require(c, m, what+" value", "value")
			e, ok := m["value"]
			if !ok {
				continue // reported as missing: not also as empty
			}
			if v.Value, ok = l.str(e.val, what+" value"); !ok {
				continue
			}
			v.Pos = l.pos(e.val)
			if e, ok := m["description"]; ok {
				v.Description, _ = l.str(e.val, what+" description")
			}
			if e, ok := m["deprecated"]; ok {
				v.Deprecated, _ = l.str(e.val, what+" deprecated")
			}
			if e, ok := m["goName"]; ok {
				v.GoName, _ = l.str(e.val, what+" goName")
				v.GoNamePos = l.pos(e.val)
			}
		} else if s, ok := l.str(c, what+" value"); ok {
			v.Value = s
		} else {
			continue
		}
		out = append(out, v)
	}
	return out
}

// propContext says where a property appears; each place allows other keys.
type propContext int

const (
	propertyContext       propContext = iota // object property or body field
	paramContext                             // path parameter
	queryContext                             // query parameter
	itemContext                              // array items or map values
	headerContext                            // request header
	responseHeaderContext                    // response header
)

var exprKeys = []string{"type", "items", "values", "minLength", "maxLength", "pattern", "minimum",
	"maximum", "minItems", "maxItems", "uniqueItems", "nonFinite", "of",
	"enum", "open", "sentinel", "goName", "goType"}

// nestedKeys are the keys of array items and map values: a type expression
// that may be null.
var nestedKeys = append(append([]string{}, exprKeys...), "nullable")

var contextKeys = map[propContext][]string{
	propertyContext: {"description", "required", "nullable", "readOnly", "createOnly", "requiredOnCreate",
		"pii", "relationship", "deprecated", "format", "default", "examples"},
	paramContext:          {"description", "deprecated", "format", "examples", "pii"},
	queryContext:          {"description", "required", "deprecated", "format", "default", "examples", "explode", "pii"},
	itemContext:           nil,
	headerContext:         {"description", "required", "deprecated", "format", "default", "examples", "pii"},
	responseHeaderContext: {"description", "required", "deprecated", "format", "examples", "pii"},
}

func (l *loader) property(e entry, ctx propContext) *Property {
	p := &Property{Pos: l.pos(e.key), Name: e.key.Value}
	what := "property " + quote(p.Name)
	switch ctx {
	case paramContext:
		what = "parameter " + quote(p.Name)
	case queryContext:
		what = "query parameter " + quote(p.Name)
	case headerContext:
		what = "header " + quote(p.Name)
	case responseHeaderContext:
		what = "response header " + quote(p.Name)
	}
	allowed := append(append([]string{}, exprKeys...), contextKeys[ctx]...)
	m := l.mapping(e.val, what, allowed...)
	if m == nil {
		return p
	}
	l.requireTypeOrEnum(e.val, m, what)
	p.Type = l.typeExpr(e.val, m, what, 0)
	p.written = make(map[string]bool, len(m))
	for k := range m {
		p.written[k] = true
	}
	for _, k := range sortedKeys(m) {
		kv := m[k]
		kwhat := what + " " + k
		switch k {
		case "description":
			p.Description, _ = l.str(kv.val, kwhat)
		case "required":
			p.Required, _ = l.boolean(kv.val, kwhat)
		case "nullable":
			p.Nullable, _ = l.boolean(kv.val, kwhat)
		case "readOnly":
			p.ReadOnly, _ = l.boolean(kv.val, kwhat)
		case "createOnly":
			p.CreateOnly, _ = l.boolean(kv.val, kwhat)
		case "requiredOnCreate":
			p.RequiredOnCreate, _ = l.boolean(kv.val, kwhat)
		case "pii":
			p.PII, _ = l.boolean(kv.val, kwhat)
		case "relationship":
			p.Relationship, _ = l.boolean(kv.val, kwhat)
		case "deprecated":
			p.Deprecated, _ = l.str(kv.val, kwhat)
		case "format":
			p.Format, _ = l.str(kv.val, kwhat)
		case "default":
			p.Default, _ = l.value(kv.val, kwhat)
		case "examples":
			if kv.val.Kind != yaml.SequenceNode {
				l.errorf(kv.val, "%s: want a list of examples, got %s", kwhat, describe(kv.val))
				continue
			}
			for _, c := range kv.val.Content {
				if v, ok := l.value(c, kwhat); ok {
					p.Examples = append(p.Examples, v)
				}
			}
		case "explode":
			if b, ok := l.boolean(kv.val, kwhat); ok {
				p.Explode = &b
			}
		}
	}
	return p
}

// typeExpr reads the type-expression keys of mapping n (already checked
// against the allowed keys and given as m); depth is the number of items
// and values above it.
func (l *loader) typeExpr(n *yaml.Node, m map[string]entry, what string, depth int) TypeExpr {
	t := TypeExpr{Pos: l.pos(n), keys: make(map[string]keyPos, len(m))}
	for k, e := range m {
		t.keys[k] = keyPos{key: l.pos(e.key), val: l.pos(e.val)}
	}
	if e, ok := m["type"]; ok {
		t.Pos = l.pos(e.val)
		if s, ok := l.str(e.val, what+" type"); ok {
			t.Kind = KindNamed
			for _, k := range builtinKinds {
				if s == string(k) {
					t.Kind = k
				}
			}
			if t.Kind == KindNamed {
				t.Ref = &TypeRef{Pos: l.pos(e.val), Name: s}
			}
		}
	}
	intPtr := func(k string) *int {
		e, ok := m[k]
		if !ok {
			return nil
		}
		v, ok := l.integer(e.val, what+" "+k)
		if !ok {
			return nil
		}
		if v < 0 {
			l.errorf(e.val, "%s %s: want a non-negative integer, got %d", what, k, v)
			return nil
		}
		return &v
	}
	t.MinLength, t.MaxLength = intPtr("minLength"), intPtr("maxLength")
	t.MinItems, t.MaxItems = intPtr("minItems"), intPtr("maxItems")
	if e, ok := m["pattern"]; ok {
		t.Pattern, _ = l.str(e.val, what+" pattern")
	}
	if e, ok := m["minimum"]; ok {
		t.Minimum, _ = l.number(e.val, what+" minimum")
	}
	if e, ok := m["maximum"]; ok {
		t.Maximum, _ = l.number(e.val, what+" maximum")
	}
	if e, ok := m["uniqueItems"]; ok {
		t.UniqueItems, _ = l.boolean(e.val, what+" uniqueItems")
	}
	if e, ok := m["nonFinite"]; ok {
		t.NonFinite, _ = l.boolean(e.val, what+" nonFinite")
	}
	if e, ok := m["of"]; ok {
		t.Of = l.unionMembers(e.val, what+" of")
	}
	l.inlineEnum(&t, m, what)
	l.goType(&t, m, what)
	if e, ok := m["items"]; ok {
		t.Items = l.nestedExpr(e.val, what+" items", depth+1)
	}
	if e, ok := m["values"]; ok {
		t.Values = l.nestedExpr(e.val, what+" values", depth+1)
	}
	return t
}

// nestedExpr reads the type expression of an array's items or a map's
// values. Nesting is capped at maxDepth, like base chains: a few KB of YAML
// nested thousands deep would otherwise cost the generator time and output
// quadratic in the depth (every level names the whole shape below it).
func (l *loader) nestedExpr(n *yaml.Node, what string, depth int) *TypeExpr {
	if depth > maxDepth {
		outer := what
		for {
			trimmed := strings.TrimSuffix(strings.TrimSuffix(outer, " items"), " values")
			if trimmed == outer {
				break
			}
			outer = trimmed
		}
		l.errorf(n, "%s: items and values are nested more than %d deep", outer, maxDepth)
		return &TypeExpr{Pos: l.pos(n), Kind: KindJSON} // stands in, so that nothing else is reported
	}
	m := l.mapping(n, what, nestedKeys...)
	if m == nil {
		return nil
	}
	l.requireTypeOrEnum(n, m, what)
	t := l.typeExpr(n, m, what, depth)
	if e, ok := m["nullable"]; ok {
		t.Nullable, _ = l.boolean(e.val, what+" nullable")
	}
	return &t
}

// unionMembers reads the "of" list of a union: scalar type names, checked
// by the validator. It returns nil when the list cannot be read (reported
// here), an empty non-nil list when it is empty.
func (l *loader) unionMembers(n *yaml.Node, what string) []UnionMember {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s: want a list of scalar types, got %s", what, describe(n))
		return nil
	}
	out := []UnionMember{} // not nil: the key was written
	for _, c := range n.Content {
		s, ok := l.str(c, what+" member")
		if !ok {
			return nil // reported; the validator says nothing more
		}
		m := UnionMember{Pos: l.pos(c), Kind: Kind(s)}
		if !slices.Contains(builtinKinds, m.Kind) {
			m.Kind, m.Ref = KindNamed, &TypeRef{Pos: m.Pos, Name: s}
		}
		out = append(out, m)
	}
	return out
}

// requireTypeOrEnum reports a type expression with neither type nor enum
// (an inline enum); both at once are reported by inlineEnum.
func (l *loader) requireTypeOrEnum(n *yaml.Node, m map[string]entry, what string) {
	if _, ok := m["enum"]; ok {
		return
	}
	if _, ok := m["goType"]; ok {
		return
	}
	l.require(n, m, what, "type")
}

// inlineEnum reads an enum written on a type expression (enum: instead of
// type:) into t.Inline, with the keys only an inline enum takes: open,
// sentinel and goName (the Go name of its type).
func (l *loader) inlineEnum(t *TypeExpr, m map[string]entry, what string) {
	e, ok := m["enum"]
	if !ok {
		for _, k := range []string{"open", "sentinel", "goName"} {
			if ke, ok := m[k]; ok {
				l.errorf(ke.key, "%s: %s applies to an inline enum only (write enum: [...] instead of type)", what, k)
			}
		}
		return
	}
	if te, ok := m["type"]; ok {
		l.errorf(te.key, "%s: give either type or enum, not both (an inline enum's values are strings)", what)
		return
	}
	en := &Type{Pos: l.pos(e.key), IsEnum: true}
	en.Enum = l.enumValues(e.val, what+" enum")
	if oe, ok := m["open"]; ok {
		en.Open, _ = l.boolean(oe.val, what+" open")
	}
	if se, ok := m["sentinel"]; ok {
		en.Sentinel, _ = l.str(se.val, what+" sentinel")
	}
	if ge, ok := m["goName"]; ok {
		en.GoName, _ = l.str(ge.val, what+" goName")
		en.GoNamePos = l.pos(ge.val)
	}
	t.Pos = l.pos(e.key)
	t.Kind = KindNamed
	t.Inline = en
	t.Ref = &TypeRef{Pos: en.Pos, Target: en}
}

// goType reads a caller's own Go type written on a type expression
// (goType: {import, name} instead of type:).
func (l *loader) goType(t *TypeExpr, m map[string]entry, what string) {
	e, ok := m["goType"]
	if !ok {
		return
	}
	for _, k := range []string{"type", "enum"} {
		if ke, ok := m[k]; ok {
			l.errorf(ke.key, "%s: give either goType or %s, not both (a goType is the whole Go type)", what, k)
			return
		}
	}
	g := l.goTypeSpec(e, what+" goType")
	if g == nil {
		return
	}
	t.Pos = g.Pos
	t.Kind = KindGoType
	t.GoType = g
}

// goTypeSpec reads the {import, name} mapping of a goType entry, on a type
// expression or on a declared type.
func (l *loader) goTypeSpec(e entry, gwhat string) *GoType {
	gm := l.mapping(e.val, gwhat, "import", "name")
	if gm == nil {
		return nil
	}
	l.require(e.val, gm, gwhat, "import", "name")
	g := &GoType{Pos: l.pos(e.key)}
	if ie, ok := gm["import"]; ok {
		g.Import, _ = l.str(ie.val, gwhat+" import")
		g.ImportPos = l.pos(ie.val)
	}
	if ne, ok := gm["name"]; ok {
		g.Name, _ = l.str(ne.val, gwhat+" name")
		g.NamePos = l.pos(ne.val)
	}
	return g
}

func (l *loader) resource(e entry) *Resource {
	r := &Resource{Pos: l.pos(e.key), Name: e.key.Value}
	what := "resource " + quote(r.Name)
	m := l.mapping(e.val, what, "type", "description", "parent", "path", "params", "methods", "defaults")
	l.require(e.val, m, what, "type", "path")
	for _, k := range sortedKeys(m) {
		kv := m[k]
		kwhat := what + " " + k
		switch k {
		case "type":
			r.Type = l.typeRef(kv.val, kwhat)
		case "description":
			r.Description, _ = l.str(kv.val, kwhat)
		case "parent":
			if s, ok := l.str(kv.val, kwhat); ok {
				r.Parent = &ResourceRef{Pos: l.pos(kv.val), Name: s}
			}
		case "path":
			r.Path, _ = l.str(kv.val, kwhat)
			r.PathPos = l.pos(kv.val)
		case "params":
			for _, pe := range l.entries(kv.val, kwhat) {
				r.Params = append(r.Params, l.property(pe, paramContext))
			}
		case "methods":
			for _, me := range l.entries(kv.val, kwhat) {
				r.Methods = append(r.Methods, l.method(me))
			}
		case "defaults":
			r.Defaults = l.defaults(kv.val, kwhat, bodyDefaultKeys)
		}
	}
	// Body defaults were applied when each body was read; the resource's
	// fill the keys they left.
	for _, md := range r.Methods {
		if md.Body != nil {
			applyDefaults(md.Body.Fields, r.Defaults)
		}
	}
	return r
}

func (l *loader) method(e entry) *Method {
	md := &Method{Pos: l.pos(e.key), Name: e.key.Value}
	what := "method " + quote(md.Name)
	m := l.mapping(e.val, what, "http", "path", "description", "deprecated", "params", "query",
		"body", "response", "retrySafe", "headers", "status")
	l.require(e.val, m, what, "http", "path")
	for _, k := range sortedKeys(m) {
		kv := m[k]
		kwhat := what + " " + k
		switch k {
		case "http":
			if s, ok := l.str(kv.val, kwhat); ok {
				md.HTTP = s
				switch s {
				case "GET", "POST", "PUT", "PATCH", "DELETE":
				default:
					l.errorf(kv.val, "%s: unknown HTTP method %q: want GET, POST, PUT, PATCH or DELETE", kwhat, clip(s))
				}
			}
		case "path":
			md.Path, _ = l.str(kv.val, kwhat)
			md.PathPos = l.pos(kv.val)
		case "description":
			md.Description, _ = l.str(kv.val, kwhat)
		case "deprecated":
			md.Deprecated, _ = l.str(kv.val, kwhat)
		case "params":
			for _, pe := range l.entries(kv.val, kwhat) {
				md.Params = append(md.Params, l.property(pe, paramContext))
			}
		case "query":
			for _, pe := range l.entries(kv.val, kwhat) {
				md.Query = append(md.Query, l.property(pe, queryContext))
			}
		case "body":
			md.Body = l.body(kv.val, kwhat)
		case "response":
			l.response(kv.val, kwhat, md)
		case "retrySafe":
			if b, ok := l.boolean(kv.val, kwhat); ok {
				md.RetrySafe = &b
			}
		case "headers":
			md.Headers = l.headers(kv.val, kwhat, headerContext)
		case "status":
			md.StatusPos = l.pos(kv.val)
			md.Statuses = l.statuses(kv.val, kwhat, 200, 299)
		}
	}
	return md
}

func (l *loader) body(n *yaml.Node, what string) *Body {
	b := &Body{Pos: l.pos(n), Shape: BodyFull}
	m := l.mapping(n, what, "type", "fields", "encoding", "shape", "defaults", "rules")
	if m == nil {
		return nil
	}
	te, hasType := m["type"]
	fe, hasFields := m["fields"]
	switch {
	case hasType && hasFields:
		l.errorf(fe.key, "%s: give either type or fields, not both", what)
	case !hasType && !hasFields:
		l.errorf(n, "%s: want type or fields", what)
	}
	if hasType {
		b.Type = l.typeRef(te.val, what+" type")
	}
	if hasFields {
		for _, pe := range l.entries(fe.val, what+" fields") {
			b.Fields = append(b.Fields, l.property(pe, propertyContext))
		}
	}
	if e, ok := m["encoding"]; ok {
		b.Encoding = l.encoding(e.val, what+" encoding")
	}
	if e, ok := m["shape"]; ok {
		b.ShapePos = l.pos(e.val)
		if s, ok := l.str(e.val, what+" shape"); ok {
			switch sh := BodyShape(s); sh {
			case BodyFull, BodyCreate, BodyUpdate:
				b.Shape = sh
			default:
				l.errorf(e.val, "%s shape: unknown shape %q: want full, create or update", what, clip(s))
			}
		}
	}
	for _, k := range []string{"defaults", "rules"} {
		if e, ok := m[k]; ok && hasType && !hasFields {
			l.errorf(e.key, "%s %s: applies to inline fields; write it on type %s instead", what, k, clip(te.val.Value))
			delete(m, k)
		}
	}
	if e, ok := m["defaults"]; ok {
		b.Defaults = l.defaults(e.val, what+" defaults", bodyDefaultKeys)
		applyDefaults(b.Fields, b.Defaults)
	}
	if e, ok := m["rules"]; ok {
		b.Rules = l.rules(e.val, what+" rules")
	}
	return b
}

// response reads a method's response: its body, the method's Response (nil
// without one), and the headers the caller can read, the method's
// ResponseHeaders.
func (l *loader) response(n *yaml.Node, what string, md *Method) {
	r := &Response{Pos: l.pos(n)}
	m := l.mapping(n, what, "type", "paged", "items", "contentType", "headers")
	if m == nil {
		return
	}
	text := false
	if e, ok := m["contentType"]; ok {
		if s, ok := l.str(e.val, what+" contentType"); ok {
			switch s {
			case "application/json":
			case "text/plain":
				text = true
			default:
				l.errorf(e.val, "%s contentType: unsupported %q: want application/json or text/plain (raw bytes: type binary)", what, clip(s))
			}
		}
	}
	if e, ok := m["headers"]; ok {
		md.ResponseHeaders = l.headers(e.val, what+" headers", responseHeaderContext)
	}
	te, hasType := m["type"]
	if !hasType {
		if _, ok := m["headers"]; !ok {
			// Without a body a response only says which headers it carries.
			l.errorf(n, "%s: want type, or headers for a response without a body", what)
		}
		for _, k := range []string{"paged", "items", "contentType"} {
			if e, ok := m[k]; ok {
				l.errorf(e.key, "%s: %s needs a body: set type", what, k)
			}
		}
		return
	}
	if s, ok := l.str(te.val, what+" type"); ok {
		k := Kind(s)
		switch {
		case text:
			if slices.Contains(builtinKinds, k) && k.IsScalar() {
				r.Text, r.Binary = k, true
			} else {
				l.errorf(te.val, "%s type: a text/plain body is a scalar (string, int32, int64, number, boolean, ...), not %q", what, clip(s))
			}
		case k == KindBinary:
			r.Binary = true
		default:
			r.Type = &TypeRef{Pos: l.pos(te.val), Name: s}
		}
	}
	if e, ok := m["paged"]; ok {
		r.Paged, _ = l.boolean(e.val, what+" paged")
	}
	if e, ok := m["items"]; ok {
		r.Items, _ = l.str(e.val, what+" items")
	}
	md.Response = r
}

// hierarchyKey reads the keys a hierarchy's root type declares for the whole
// hierarchy: its discriminator member and whether its subtypes are open.
func (l *loader) hierarchyKey(t *Type, k string, n *yaml.Node, what string) {
	switch k {
	case "discriminator":
		var ok bool
		t.Discriminator, ok = l.str(n, what)
		t.DiscriminatorPos = l.pos(n)
		if ok && t.Discriminator == "" {
			l.errorf(n, "%s: the discriminator must not be empty", what)
		}
	case "subtypes":
		t.SubtypesPos = l.pos(n)
		s, ok := l.str(n, what)
		if !ok {
			return
		}
		switch s {
		case "open":
		case "closed":
			t.ClosedSubtypes = true
		default:
			l.errorf(n, "%s: unknown value %q: want open or closed", what, clip(s))
		}
	}
}
