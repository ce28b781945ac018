package breaking

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
)

// wire compares what travels: the API's conventions, types, resources and
// methods, matched by their schema names.
func (c *comparer) wire() {
	c.api()
	c.types()
	c.resources()
}

// at is pos, or the top of f when the schema element has no position.
func at(pos schema.Pos, f *schema.File) schema.Pos {
	if pos.Line == 0 {
		return schema.Pos{File: f.Path, Line: 1, Col: 1}
	}
	return pos
}

func (c *comparer) api() {
	o, n := &c.old.API, &c.new.API
	pos := at(n.Pos, c.new)
	if o.BaseURL != n.BaseURL {
		c.add(pos, "BASE_URL_CHANGED", "api.baseURL changed from %s to %s", o.BaseURL, n.BaseURL)
	}
	if o.Auth.Scheme != n.Auth.Scheme || !strings.EqualFold(o.Auth.Header, n.Auth.Header) {
		c.add(at(n.Auth.Pos, c.new), "AUTH_CHANGED", "api.auth changed from %s to %s", authText(o.Auth), authText(n.Auth))
	}
	c.pagination(o.Pagination, n.Pagination)
	if o.Discriminator != n.Discriminator {
		c.add(pos, "DISCRIMINATOR_CHANGED", "api.discriminator changed from %q to %q", o.Discriminator, n.Discriminator)
	}
	if a, b := errorsText(o), errorsText(n); a != b {
		c.add(pos, "ERROR_SHAPE_CHANGED", "api.errors changed from %s to %s", a, b)
	}
	c.properties(props{what: "API header", dir: inRequest, removed: "HEADER_REMOVED", added: "HEADER_ADDED"}, o.Headers, n.Headers)
	if o.IdempotencyHeader != "" && !strings.EqualFold(o.IdempotencyHeader, n.IdempotencyHeader) {
		// Retried requests carrying the old header are no longer deduplicated.
		c.add(pos, "HEADER_REMOVED", "api.idempotencyHeader %s is no longer read (now %q)", o.IdempotencyHeader, n.IdempotencyHeader)
	}
}

func authText(a schema.Auth) string {
	if a.Scheme == schema.AuthAPIKey {
		return fmt.Sprintf("apiKey in header %s", a.Header)
	}
	return string(cmpOr(a.Scheme, "none"))
}

func cmpOr(s schema.AuthScheme, def schema.AuthScheme) schema.AuthScheme {
	if s == "" {
		return def
	}
	return s
}

// errorsText is the part of api.errors that decides how an error body is
// read: its type and paths, per status.
func errorsText(a *schema.API) string {
	shape := func(e *schema.ErrorShape) string {
		if e == nil {
			return "untyped"
		}
		t := "untyped"
		if e.Type != nil {
			t = e.Type.Name
		}
		return fmt.Sprintf("%v %s code %v message %v", e.Statuses, t, e.Code, e.Message)
	}
	parts := []string{shape(a.Errors)}
	for _, e := range a.ErrorsByStatus {
		parts = append(parts, shape(e))
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

func (c *comparer) pagination(o, n *schema.Pagination) {
	switch {
	case o == nil && n == nil:
		return
	case o == nil || n == nil || o.Style != n.Style:
		c.add(at(c.new.API.Pos, c.new), "PAGING_STYLE_CHANGED", "api.pagination changed from %s to %s", pagingStyle(o), pagingStyle(n))
		return
	}
	pos := at(n.Pos, c.new)
	check := func(key string, a, b any) {
		if fmt.Sprint(a) != fmt.Sprint(b) {
			c.add(pos, "PAGING_CHANGED", "api.pagination.%s changed from %v to %v", key, a, b)
		}
	}
	check("next", o.Next, n.Next)
	check("sizeParam", o.SizeParam, n.SizeParam)
	check("pageParam", o.PageParam, n.PageParam)
	check("firstPage", o.FirstPage, n.FirstPage)
	check("totalPages", o.TotalPages, n.TotalPages)
	check("totalCount", o.TotalCount, n.TotalCount)
	check("expandedNextLink", o.ExpandedNextLink, n.ExpandedNextLink)
	for _, om := range o.Metadata {
		i := slices.IndexFunc(n.Metadata, func(m *schema.PageField) bool { return m.Name == om.Name })
		if i < 0 {
			c.add(at(om.Pos, c.old), "PAGING_CHANGED", "api.pagination.metadata %q removed", om.Name)
			continue
		}
		nm := n.Metadata[i]
		if fmt.Sprint(om.Path) != fmt.Sprint(nm.Path) || om.Kind != nm.Kind {
			c.add(at(nm.Pos, c.new), "PAGING_CHANGED", "api.pagination.metadata %q changed from %s at %v to %s at %v", nm.Name, om.Kind, om.Path, nm.Kind, nm.Path)
		}
	}
}

func pagingStyle(p *schema.Pagination) string {
	if p == nil {
		return "none"
	}
	return string(p.Style)
}

// types compares the types both versions declare, by schema name.
func (c *comparer) types() {
	for _, nt := range c.new.Types {
		ot := findType(c.old, nt.Name)
		if ot == nil {
			c.add(at(nt.Pos, c.new), "TYPE_ADDED", "type %q added", nt.Name)
			continue
		}
		if a, b := typeKind(ot), typeKind(nt); a != b {
			c.add(at(nt.Pos, c.new), "TYPE_KIND_CHANGED", "type %q changed from %s to %s", nt.Name, a, b)
			continue
		}
		dir := c.directionOf(nt.Name)
		switch {
		case nt.IsEnum:
			c.enum(ot, nt, dir)
		case nt.Union != nil:
			if a, b := typeSig(ot.Union), typeSig(nt.Union); a != b {
				c.add(at(nt.Pos, c.new), "FIELD_TYPE_CHANGED", "union type %q changed from %s to %s", nt.Name, a, b)
			}
		case nt.GoType != nil:
			if ot.GoType.Import != nt.GoType.Import || ot.GoType.Name != nt.GoType.Name {
				c.add(at(nt.Pos, c.new), "FIELD_TYPE_CHANGED", "type %q changed from Go type %s.%s to %s.%s", nt.Name, ot.GoType.Import, ot.GoType.Name, nt.GoType.Import, nt.GoType.Name)
			}
		default:
			c.object(ot, nt, dir)
		}
	}
	// A concrete subtype that is gone leaves its discriminator value
	// unknown to new readers.
	for _, ot := range c.old.Types {
		if ot.DiscriminatorValue == "" || slices.ContainsFunc(c.new.Types, func(t *schema.Type) bool { return t.Name == ot.Name }) {
			continue
		}
		c.add(at(ot.Pos, c.old), "DISCRIMINATOR_VALUE_CHANGED", "type %q removed: payloads with discriminator value %q are no longer known", ot.Name, ot.DiscriminatorValue)
	}
}

func typeKind(t *schema.Type) string {
	switch {
	case t.IsEnum:
		return "enum"
	case t.Union != nil:
		return "union"
	case t.GoType != nil:
		return "Go type"
	}
	return "object"
}

func (c *comparer) enum(ot, nt *schema.Type, dir direction) {
	oldNamer, newNamer := c.old.Namer(), c.new.Namer()
	renamed := map[*schema.EnumValue]bool{}
	for _, ov := range ot.Enum {
		if slices.ContainsFunc(nt.Enum, func(v *schema.EnumValue) bool { return v.Value == ov.Value }) {
			continue
		}
		// The same Go constant under another string is a rename of the wire value.
		goName := ov.GoIdent(oldNamer)
		i := slices.IndexFunc(nt.Enum, func(v *schema.EnumValue) bool {
			return v.GoIdent(newNamer) == goName && !slices.ContainsFunc(ot.Enum, func(w *schema.EnumValue) bool { return w.Value == v.Value })
		})
		switch {
		case i >= 0:
			renamed[nt.Enum[i]] = true
			c.add(at(nt.Enum[i].Pos, c.new), "ENUM_VALUE_WIRE_CHANGED", "enum %q: value %q is now written %q (Go name %s)", nt.Name, ov.Value, nt.Enum[i].Value, goName)
		case ot.Open:
			c.add(at(ov.Pos, c.old), "ENUM_VALUE_REMOVED_OPEN", "open enum %q: value %q removed", ot.Name, ov.Value)
		default:
			c.add(at(ov.Pos, c.old), "ENUM_VALUE_REMOVED", "enum %q: value %q removed", ot.Name, ov.Value)
		}
	}
	for _, nv := range nt.Enum {
		if renamed[nv] || slices.ContainsFunc(ot.Enum, func(v *schema.EnumValue) bool { return v.Value == nv.Value }) {
			continue
		}
		if nt.Open || dir&inResponse == 0 {
			c.add(at(nv.Pos, c.new), "ENUM_VALUE_ADDED", "enum %q: value %q added", nt.Name, nv.Value)
		} else {
			c.add(at(nv.Pos, c.new), "ENUM_VALUE_ADDED_TO_CLOSED", "closed enum %q: value %q added, and responses carry it", nt.Name, nv.Value)
		}
	}
	switch {
	case ot.Open && !nt.Open:
		c.add(at(nt.Pos, c.new), "ENUM_CLOSED", "enum %q is no longer open", nt.Name)
	case !ot.Open && nt.Open:
		c.add(at(nt.Pos, c.new), "ENUM_OPENED", "enum %q is now open", nt.Name)
	}
}

func (c *comparer) object(ot, nt *schema.Type, dir direction) {
	pos := at(nt.Pos, c.new)
	switch {
	case ot.Open && !nt.Open:
		c.add(pos, "OBJECT_CLOSED", "type %q no longer keeps undeclared properties (open removed)", nt.Name)
	case !ot.Open && nt.Open:
		c.add(pos, "OBJECT_OPENED", "type %q now keeps undeclared properties", nt.Name)
	}
	// A type joining a hierarchy (no value before) breaks nothing by itself.
	if ot.DiscriminatorValue != "" && ot.DiscriminatorValue != nt.DiscriminatorValue {
		c.add(pos, "DISCRIMINATOR_VALUE_CHANGED", "type %q: discriminatorValue changed from %q to %q", nt.Name, ot.DiscriminatorValue, nt.DiscriminatorValue)
	}
	c.hierarchy(ot, nt)
	c.properties(props{what: "property", owner: fmt.Sprintf("type %q", nt.Name), dir: dir, removed: "FIELD_REMOVED", added: "FIELD_ADDED"},
		allProperties(ot), allProperties(nt))
	c.fieldRules(fmt.Sprintf("type %q", nt.Name), pos, ot.Rules, nt.Rules)
}

// hierarchy compares what a hierarchy's root says for the whole hierarchy:
// the member that selects a subtype (its own discriminator, else the API's,
// whose change is reported once for the API) and whether unknown subtypes
// are kept.
func (c *comparer) hierarchy(ot, nt *schema.Type) {
	if len(ot.Subtypes) == 0 || len(nt.Subtypes) == 0 || ot.Base != nil || nt.Base != nil {
		return
	}
	od, nd := cmpOrString(ot.Discriminator, c.old.API.Discriminator), cmpOrString(nt.Discriminator, c.new.API.Discriminator)
	if od != nd && (ot.Discriminator != "" || nt.Discriminator != "") {
		c.add(at(cmpOrPos(nt.DiscriminatorPos, nt.Pos), c.new), "DISCRIMINATOR_CHANGED", "hierarchy %q: discriminator changed from %q to %q", nt.Name, od, nd)
	}
	switch {
	case !ot.ClosedSubtypes && nt.ClosedSubtypes:
		c.add(at(cmpOrPos(nt.SubtypesPos, nt.Pos), c.new), "SUBTYPES_CLOSED", "hierarchy %q: subtypes are now closed: an unknown %s fails the document", nt.Name, nd)
	case ot.ClosedSubtypes && !nt.ClosedSubtypes:
		c.add(at(cmpOrPos(nt.SubtypesPos, nt.Pos), c.new), "SUBTYPES_OPENED", "hierarchy %q: subtypes are now open: an unknown %s decodes into its Unknown holder", nt.Name, nd)
	}
}

func cmpOrString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func cmpOrPos(p, def schema.Pos) schema.Pos {
	if p.Line == 0 {
		return def
	}
	return p
}

// fieldRules compares cross-field rules as text: a new rule refuses values
// valid before (Validate, and the client before sending), a dropped one
// accepts more.
func (c *comparer) fieldRules(owner string, pos schema.Pos, olds, news []*schema.FieldRule) {
	text := func(r *schema.FieldRule) string { return fmt.Sprintf("%s %v", r.Kind, r.Names) }
	has := func(rs []*schema.FieldRule, r *schema.FieldRule) bool {
		return slices.ContainsFunc(rs, func(x *schema.FieldRule) bool { return text(x) == text(r) })
	}
	for _, r := range news {
		if !has(olds, r) {
			c.add(at(r.Pos, c.new), "CONSTRAINT_TIGHTENED", "%s: rule %s added", owner, text(r))
		}
	}
	for _, r := range olds {
		if !has(news, r) {
			c.add(pos, "CONSTRAINT_LOOSENED", "%s: rule %s removed", owner, text(r))
		}
	}
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// resources compares resources by accessor name and their methods by name.
func (c *comparer) resources() {
	for _, or := range c.old.Resources {
		nr := findResource(c.new, or.Name)
		if nr == nil {
			c.add(at(or.Pos, c.old), "RESOURCE_REMOVED", "resource %q removed", or.Name)
			continue
		}
		for _, om := range or.Methods {
			i := slices.IndexFunc(nr.Methods, func(m *schema.Method) bool { return m.Name == om.Name })
			if i < 0 {
				c.add(at(om.Pos, c.old), "METHOD_REMOVED", "method %s.%s removed", or.Name, om.Name)
				continue
			}
			c.method(or, nr, om, nr.Methods[i])
		}
		for _, nm := range nr.Methods {
			if !slices.ContainsFunc(or.Methods, func(m *schema.Method) bool { return m.Name == nm.Name }) {
				c.add(at(nm.Pos, c.new), "METHOD_ADDED", "method %s.%s added", nr.Name, nm.Name)
			}
		}
	}
	for _, nr := range c.new.Resources {
		if findResource(c.old, nr.Name) == nil {
			c.add(at(nr.Pos, c.new), "RESOURCE_ADDED", "resource %q added", nr.Name)
		}
	}
}

func findResource(f *schema.File, name string) *schema.Resource {
	for _, r := range f.Resources {
		if r.Name == name {
			return r
		}
	}
	return nil
}

func (c *comparer) method(or, nr *schema.Resource, om, nm *schema.Method) {
	name := or.Name + "." + om.Name
	pos := at(nm.Pos, c.new)
	if om.HTTP != nm.HTTP {
		c.add(pos, "METHOD_HTTP_CHANGED", "method %s: HTTP %s changed to %s", name, om.HTTP, nm.HTTP)
	}
	if a, b := pathParam.ReplaceAllString(om.Path, "{}"), pathParam.ReplaceAllString(nm.Path, "{}"); a != b {
		c.add(at(nm.PathPos, c.new), "PATH_CHANGED", "method %s: path %s changed to %s", name, om.Path, nm.Path)
	} else {
		// Same template: compare the parameter in each slot, whatever its name.
		oldSlots, newSlots := pathParam.FindAllString(om.Path, -1), pathParam.FindAllString(nm.Path, -1)
		for i := range newSlots {
			op, np := pathParamOf(or, om, oldSlots[i]), pathParamOf(nr, nm, newSlots[i])
			if op != nil && np != nil {
				c.property(props{what: "path parameter", owner: "method " + name, dir: inRequest}, op, np)
			}
		}
	}
	c.properties(props{what: "query parameter", owner: "method " + name, dir: inRequest, removed: "QUERY_PARAM_REMOVED", added: "QUERY_PARAM_ADDED"}, om.Query, nm.Query)
	c.properties(props{what: "header", owner: "method " + name, dir: inRequest, removed: "HEADER_REMOVED", added: "HEADER_ADDED"}, om.Headers, nm.Headers)
	c.properties(props{what: "response header", owner: "method " + name, dir: inResponse, removed: "RESPONSE_HEADER_REMOVED", added: "HEADER_ADDED"}, om.ResponseHeaders, nm.ResponseHeaders)
	if a, b := bodyText(c.old, om.Body), bodyText(c.new, nm.Body); a != b {
		c.add(at(bodyPos(nm), c.new), "BODY_CHANGED", "method %s: request body changed from %s to %s", name, a, b)
	} else if om.Body != nil && nm.Body != nil {
		c.properties(props{what: "body field", owner: "method " + name, dir: inRequest, removed: "FIELD_REMOVED", added: "FIELD_ADDED"}, om.Body.Fields, nm.Body.Fields)
		c.fieldRules("the body of method "+name, at(nm.Body.Pos, c.new), om.Body.Rules, nm.Body.Rules)
	}
	if a, b := responseText(om.Response), responseText(nm.Response); a != b {
		c.add(at(responsePos(nm), c.new), "RESPONSE_CHANGED", "method %s: response changed from %s to %s", name, a, b)
	} else if om.Response != nil && nm.Response != nil && (om.Response.Paged != nm.Response.Paged || om.Response.Items != nm.Response.Items) {
		c.add(at(nm.Response.Pos, c.new), "PAGING_CHANGED", "method %s: paging changed from %s to %s", name, pagedText(om.Response), pagedText(nm.Response))
	}
	c.statuses(name, om, nm)
}

func pathParamOf(r *schema.Resource, m *schema.Method, slot string) *schema.Property {
	name := strings.Trim(slot, "{}")
	for _, p := range m.Params {
		if p.Name == name {
			return p
		}
	}
	for ; r != nil; r = parentOf(r) {
		for _, p := range r.Params {
			if p.Name == name {
				return p
			}
		}
	}
	return nil
}

func parentOf(r *schema.Resource) *schema.Resource {
	if r.Parent == nil {
		return nil
	}
	return r.Parent.Target
}

func bodyText(f *schema.File, b *schema.Body) string {
	if b == nil {
		return "none"
	}
	enc := b.Encoding
	if enc == "" {
		enc = f.API.Encoding
	}
	if enc == "" {
		enc = schema.EncodingJSON
	}
	what := "fields"
	if b.Type != nil {
		what = "type " + b.Type.Name
	}
	return fmt.Sprintf("%s (%s, shape %s)", what, enc, cmpOrShape(b.Shape))
}

func cmpOrShape(s schema.BodyShape) schema.BodyShape {
	if s == "" {
		return schema.BodyFull
	}
	return s
}

func bodyPos(m *schema.Method) schema.Pos {
	if m.Body != nil {
		return m.Body.Pos
	}
	return m.Pos
}

func responseText(r *schema.Response) string {
	switch {
	case r == nil:
		return "none"
	case r.Text != "":
		return "text/plain " + string(r.Text)
	case r.Binary:
		return "binary"
	case r.Type == nil:
		return "none"
	}
	return "type " + r.Type.Name
}

func responsePos(m *schema.Method) schema.Pos {
	if m.Response != nil {
		return m.Response.Pos
	}
	return m.Pos
}

func pagedText(r *schema.Response) string {
	if !r.Paged {
		return "one value"
	}
	return fmt.Sprintf("pages of %q", r.Items)
}

func (c *comparer) statuses(name string, om, nm *schema.Method) {
	pos := at(nm.StatusPos, c.new)
	if nm.StatusPos.Line == 0 {
		pos = at(nm.Pos, c.new)
	}
	if len(nm.Statuses) == 0 {
		return // any 2xx: accepts every status documented before
	}
	if len(om.Statuses) == 0 {
		c.add(pos, "STATUS_REMOVED", "method %s: success statuses narrowed from any 2xx to %v", name, nm.Statuses)
		return
	}
	for _, s := range om.Statuses {
		if !slices.Contains(nm.Statuses, s) {
			c.add(pos, "STATUS_REMOVED", "method %s: success status %d removed", name, s)
		}
	}
	for _, s := range nm.Statuses {
		if !slices.Contains(om.Statuses, s) {
			c.add(pos, "STATUS_ADDED", "method %s: success status %d added", name, s)
		}
	}
}
