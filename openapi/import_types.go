package openapi

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	oyaml "github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/schema/goname"
)

// maxDepth bounds the nesting of inline schemas the importer follows, as
// the format bounds its own nesting.
const maxDepth = 32

const componentPrefix = "#/components/schemas/"

// exprCtx is where a type expression is written: the names an inline
// object or enum takes from it, and the spec pointer of the schema.
type exprCtx struct {
	owner, prop string // the owning type (or resource+method) and property
	ptr         string
	depth       int
	property    bool // a property or parameter: the format key is allowed
	param       bool // a path, query or header parameter: text on the wire
}

func (c exprCtx) nested(ptr, suffix string) exprCtx {
	c.ptr, c.depth, c.property = ptr, c.depth+1, false
	c.prop += suffix
	return c
}

// componentKind says how a component schema maps.
type componentKind int

const (
	aliasComponent  componentKind = iota // written in place where used
	objectComponent                      // a declared object type
	enumComponent                        // a declared enum type
)

func (im *importer) classify(s *base.Schema) componentKind {
	if s == nil {
		return aliasComponent
	}
	if len(stringEnum(s)) > 0 {
		return enumComponent
	}
	if s.Properties != nil && s.Properties.Len() > 0 || len(s.AllOf) > 1 || (len(s.AllOf) == 1 && s.Properties != nil) {
		return objectComponent
	}
	if len(s.AllOf) == 1 && s.AllOf[0] != nil && s.AllOf[0].IsReference() {
		return objectComponent // a subtype that adds nothing
	}
	if s.Discriminator != nil {
		return objectComponent
	}
	if slices.Contains(s.Type, "object") && (s.AdditionalProperties == nil) && s.Properties != nil {
		return objectComponent
	}
	return aliasComponent
}

// stringEnum returns the string values of s's enum, or nil when s has no
// enum or one that holds non-strings.
func stringEnum(s *base.Schema) []string {
	if len(s.Enum) == 0 {
		vals, _ := openEnumAnyOf(s)
		return vals
	}
	var vals []string
	for _, v := range s.Enum {
		if v == nil {
			continue
		}
		if v.Tag == "!!null" {
			continue
		}
		if v.Kind != oyaml.ScalarNode || v.Tag != "!!str" && v.Tag != "" {
			return nil
		}
		vals = append(vals, v.Value)
	}
	return vals
}

// openEnumAnyOf recognises an open enum written as anyOf (or oneOf) the
// known values and any string, as sessiongen export writes one: it returns
// the values and whether a null member makes it nullable.
func openEnumAnyOf(s *base.Schema) (vals []string, null bool) {
	for _, members := range [][]*base.SchemaProxy{s.AnyOf, s.OneOf} {
		var rest []*base.Schema
		null = false
		for _, m := range members {
			if isNullSchema(m) {
				null = true
				continue
			}
			rest = append(rest, schemaOf(m))
		}
		if len(rest) != 2 || rest[0] == nil || rest[1] == nil || len(rest[0].Enum) == 0 {
			continue
		}
		anyString := rest[1]
		if !slices.Equal(anyString.Type, []string{"string"}) || len(anyString.Enum) > 0 || anyString.Format != "" || anyString.Pattern != "" {
			continue
		}
		if vals := stringEnum(rest[0]); len(vals) > 0 {
			return vals, null
		}
	}
	return nil, false
}

func enumHasNull(s *base.Schema) bool {
	for _, v := range s.Enum {
		if v != nil && v.Tag == "!!null" {
			return true
		}
	}
	return false
}

// component returns the component name a reference names, or "" (noted)
// when it names something else.
func (im *importer) component(ref, ptr string, at *yaml.Node) string {
	if !strings.HasPrefix(ref, componentPrefix) {
		im.note(ptr, at, "reference %q is not to #/components/schemas: not followed", ref)
		return ""
	}
	name := unescapeToken(strings.TrimPrefix(ref, componentPrefix))
	if _, ok := im.components[name]; !ok {
		im.note(ptr, at, "reference %q names no schema in this document: not followed", ref)
		return ""
	}
	return name
}

func unescapeToken(t string) string {
	return strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
}

// expr writes the type expression of p into m and reports whether the
// schema admits null.
func (im *importer) expr(m *yaml.Node, p *base.SchemaProxy, c exprCtx) (nullable bool) {
	if p == nil {
		set(m, "type", str("json"))
		return false
	}
	if c.depth > maxDepth {
		im.note(c.ptr, m, "nested deeper than %d: written as json", maxDepth)
		set(m, "type", str("json"))
		return false
	}
	if p.IsReference() {
		name := im.component(p.GetReference(), c.ptr, m)
		if name == "" {
			set(m, "type", str("json"))
			return false
		}
		comp := im.components[name]
		if comp.kind != aliasComponent {
			set(m, "type", str(im.use(name)))
			if !im.probing {
				im.valueUse[name] = true
			}
			return false
		}
		// A scalar, array or map component: written where used.
		c.ptr = pointer("components", "schemas", name)
		c.depth++
		if comp.schema == nil {
			im.note(c.ptr, m, "the schema does not build: written as json")
			set(m, "type", str("json"))
			return false
		}
		return im.exprSchema(m, comp.schema, c)
	}
	s, err := p.BuildSchema()
	if err != nil || s == nil {
		im.note(c.ptr, m, "the schema does not build: written as json")
		set(m, "type", str("json"))
		return false
	}
	return im.exprSchema(m, s, c)
}

// isNullSchema reports whether s only admits null: {type: null}, or Graph's
// {type: object, nullable: true} beside a $ref in an anyOf.
func isNullSchema(p *base.SchemaProxy) bool {
	if p == nil || p.IsReference() {
		return false
	}
	s := p.Schema()
	if s == nil {
		return false
	}
	if len(s.Type) == 1 && s.Type[0] == "null" {
		return true
	}
	return s.Nullable != nil && *s.Nullable && len(s.Type) == 1 && s.Type[0] == "object" &&
		(s.Properties == nil || s.Properties.Len() == 0) && len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) == 0
}

func (im *importer) exprSchema(m *yaml.Node, s *base.Schema, c exprCtx) (nullable bool) {
	if s.Nullable != nil && *s.Nullable {
		nullable = true
	}
	if ref, ann, ok := annotatedRef(s); ok {
		if ann != nil && (ann.Nullable != nil && *ann.Nullable || slices.Contains(ann.Type, "null")) {
			nullable = true
		}
		return im.expr(m, ref, c.nested(child(c.ptr, "allOf", itoa(slices.Index(s.AllOf, ref))), "")) || nullable
	}
	if vals, null := openEnumAnyOf(s); vals != nil {
		del(m, "type")
		enumInto(m, s, vals)
		return nullable || null
	}
	types := slices.DeleteFunc(slices.Clone(s.Type), func(t string) bool { return t == "null" })
	if len(types) < len(s.Type) {
		nullable = true
	}
	// anyOf / oneOf: null members make the rest nullable.
	for _, alt := range []struct {
		key     string
		members []*base.SchemaProxy
	}{{"anyOf", s.AnyOf}, {"oneOf", s.OneOf}} {
		if len(alt.members) == 0 {
			continue
		}
		var rest []*base.SchemaProxy
		for _, mem := range alt.members {
			if isNullSchema(mem) {
				nullable = true
				continue
			}
			rest = append(rest, mem)
		}
		if len(rest) == 1 {
			return im.expr(m, rest[0], c.nested(child(c.ptr, alt.key, "0"), "")) || nullable
		}
		if kind, null, ok := nonFiniteNumber(rest); ok {
			set(m, "type", str(kind))
			set(m, "nonFinite", boolean(true))
			return nullable || null
		}
		if im.union(m, rest, c) {
			return nullable
		}
		im.note(child(c.ptr, alt.key), m, "%s of %d schemas that are not distinct scalars: written as json", alt.key, len(rest))
		set(m, "type", str("json"))
		return nullable
	}
	if len(s.AllOf) == 1 && (s.Properties == nil || s.Properties.Len() == 0) {
		return im.expr(m, s.AllOf[0], c.nested(child(c.ptr, "allOf", "0"), "")) || nullable
	}
	if vals := stringEnum(s); len(vals) > 0 {
		if c.depth > 0 && c.prop == "" {
			c.prop = "value"
		}
		del(m, "type")
		enumInto(m, s, vals)
		return nullable || enumHasNull(s)
	}
	if len(s.Enum) > 0 {
		im.note(child(c.ptr, "enum"), m, "an enum of non-string values is not in the format: only the type is kept")
	}
	if len(types) > 1 {
		var members []*base.SchemaProxy
		for _, t := range types {
			members = append(members, base.CreateSchemaProxy(&base.Schema{Type: []string{t}, Format: s.Format}))
		}
		if im.union(m, members, c) {
			return nullable
		}
		im.note(child(c.ptr, "type"), m, "type %v is not a union of distinct scalars: written as json", s.Type)
		set(m, "type", str("json"))
		return nullable
	}
	t := ""
	if len(types) == 1 {
		t = types[0]
	}
	if t == "" && (s.Properties != nil && s.Properties.Len() > 0 || len(s.AllOf) > 0) {
		t = "object"
	}
	switch t {
	case "string":
		im.stringInto(m, s, c)
	case "integer":
		kind := "int64"
		if s.Format == "int32" {
			kind = "int32"
		}
		set(m, "type", str(kind))
		im.numberBounds(m, s, c)
	case "number":
		kind := "number"
		switch s.Format {
		case "float":
			kind = "float32"
		case "int32", "int64":
			kind = s.Format // an integer the spec types as a number (Graph's Edm.Int32)
		}
		set(m, "type", str(kind))
		im.numberBounds(m, s, c)
	case "boolean":
		set(m, "type", str("boolean"))
	case "array":
		set(m, "type", str("array"))
		items := flowMapping()
		var ip *base.SchemaProxy
		if s.Items != nil && s.Items.IsA() {
			ip = s.Items.A
		}
		ic := c.nested(child(c.ptr, "items"), "")
		if c.param {
			ic.param = true
		}
		if im.expr(items, ip, ic) {
			if c.param {
				im.note(child(c.ptr, "items"), m, "items may be null, which text cannot carry: not kept")
			} else {
				set(items, "nullable", boolean(true))
			}
		}
		set(m, "items", items)
		if s.MinItems != nil {
			set(m, "minItems", integer(*s.MinItems))
		}
		if s.MaxItems != nil {
			set(m, "maxItems", integer(*s.MaxItems))
		}
		if s.UniqueItems != nil && *s.UniqueItems {
			if it := get(items, "type"); get(items, "nullable") == nil && (get(items, "enum") != nil || it != nil && isScalarKind(it.Value) || it != nil && im.isEnumName(it.Value)) {
				set(m, "uniqueItems", boolean(true))
			} else {
				im.note(child(c.ptr, "uniqueItems"), m, "uniqueItems on items that are not scalars or enums is not in the format: not kept")
			}
		}
	case "object":
		if s.Properties != nil && s.Properties.Len() > 0 || len(s.AllOf) > 0 {
			name := im.inlineObject(s, c)
			set(m, "type", str(name))
			return nullable
		}
		if s.AdditionalProperties != nil && s.AdditionalProperties.IsA() && s.AdditionalProperties.A != nil {
			set(m, "type", str("map"))
			values := flowMapping()
			if im.expr(values, s.AdditionalProperties.A, c.nested(child(c.ptr, "additionalProperties"), "Value")) {
				set(values, "nullable", boolean(true))
			}
			set(m, "values", values)
			return nullable
		}
		set(m, "type", str("json")) // any object: kept verbatim
	case "":
		set(m, "type", str("json")) // no type: any JSON value
	default:
		im.note(child(c.ptr, "type"), m, "type %q is not an OpenAPI type: written as json", t)
		set(m, "type", str("json"))
	}
	if s.Const != nil {
		im.note(child(c.ptr, "const"), m, "const is not in the format: only the type is kept")
	}
	return nullable
}

func isScalarKind(k string) bool {
	switch k {
	case "string", "int32", "int64", "number", "float32", "boolean", "date", "date-time", "duration", "uri", "uuid":
		return true
	}
	return false
}

// stringFormats maps OpenAPI string formats to the format's kinds.
var stringFormats = map[string]string{
	"date-time": "date-time", "date": "date", "uri": "uri", "url": "uri", "uuid": "uuid", "duration": "duration",
}

func (im *importer) stringInto(m *yaml.Node, s *base.Schema, c exprCtx) {
	kind := "string"
	if k, ok := stringFormats[s.Format]; ok {
		kind = k
	}
	set(m, "type", str(kind))
	switch {
	case s.Format == "" || kind != "string":
	case c.property:
		set(m, "format", str(s.Format))
	default:
		im.note(child(c.ptr, "format"), m, "format %q has no kind in the format and a %s cannot carry the free-form format key: not kept", s.Format, "nested value")
	}
	lengthOK := kind == "string" || kind == "uri"
	for _, b := range []struct {
		key string
		v   *int64
	}{{"minLength", s.MinLength}, {"maxLength", s.MaxLength}} {
		if b.v == nil {
			continue
		}
		if lengthOK {
			set(m, b.key, integer(*b.v))
		} else {
			im.note(child(c.ptr, b.key), m, "%s on a %s is not in the format: not kept", b.key, kind)
		}
	}
	if s.Pattern != "" {
		_, err := regexp.Compile(s.Pattern)
		switch {
		case !lengthOK:
			im.note(child(c.ptr, "pattern"), m, "pattern on a %s is not kept: the %s kind checks its own syntax", kind, kind)
		case err != nil:
			im.note(child(c.ptr, "pattern"), m, "pattern %q is not Go RE2 syntax: not kept", s.Pattern)
		default:
			set(m, "pattern", str(s.Pattern))
		}
	}
}

func (im *importer) numberBounds(m *yaml.Node, s *base.Schema, c exprCtx) {
	if s.Minimum != nil {
		set(m, "minimum", number(*s.Minimum))
	}
	if s.Maximum != nil {
		set(m, "maximum", number(*s.Maximum))
	}
	if s.ExclusiveMinimum != nil {
		im.note(child(c.ptr, "exclusiveMinimum"), m, "exclusiveMinimum is not in the format: not kept")
	}
	if s.ExclusiveMaximum != nil {
		im.note(child(c.ptr, "exclusiveMaximum"), m, "exclusiveMaximum is not in the format: not kept")
	}
	if s.MultipleOf != nil {
		im.note(child(c.ptr, "multipleOf"), m, "multipleOf is not in the format: not kept")
	}
}

// enumInto writes an enum's values, open and sentinel into m.
func enumInto(m *yaml.Node, s *base.Schema, vals []string) {
	set(m, "enum", strs(vals))
	open, sentinel := enumOpenness(s, vals)
	if open {
		set(m, "open", boolean(true))
	}
	if sentinel != "" {
		set(m, "sentinel", str(sentinel))
	}
}

// unknownFutureValue is Graph's evolvable-enum sentinel.
const unknownFutureValue = "unknownFutureValue"

// enumOpenness says whether the API may add values: Graph's
// unknownFutureValue member, x-ms-enum modelAsString / x-extensible-enum, or
// anyOf the values and any string.
func enumOpenness(s *base.Schema, vals []string) (open bool, sentinel string) {
	if slices.Contains(vals, unknownFutureValue) {
		return true, unknownFutureValue
	}
	if v, _ := openEnumAnyOf(s); v != nil {
		return true, ""
	}
	if s.Extensions != nil {
		if n, ok := s.Extensions.Get("x-ms-enum"); ok && n != nil {
			var v struct {
				ModelAsString bool `yaml:"modelAsString"`
			}
			if n.Decode(&v) == nil && v.ModelAsString {
				return true, ""
			}
		}
		if _, ok := s.Extensions.Get("x-extensible-enum"); ok {
			return true, ""
		}
	}
	return false, ""
}

func (im *importer) isEnumName(name string) bool {
	for comp, n := range im.names {
		if n == name {
			return im.components[comp].kind == enumComponent
		}
	}
	return false
}

func itoa(i int) string { return strconv.Itoa(i) }

// exportedName is a name's Go form, used to make synthesized names.
func exportedName(s string) string { return goname.Exported(s) }

// annotatedRef returns the one reference of s when s is that reference
// with annotations only: what the parser makes of a $ref with siblings
// ({description: ..., $ref: X} becomes allOf: [{description: ...}, {$ref:
// X}], as OpenAPI 3.1 reads it). Such a schema is X where it is used, with
// another description, not a subtype of X. ann is the annotations'
// schema (nil when there are none).
func annotatedRef(s *base.Schema) (ref *base.SchemaProxy, ann *base.Schema, ok bool) {
	if s == nil || len(s.AllOf) == 0 || s.Properties != nil && s.Properties.Len() > 0 ||
		len(s.AnyOf)+len(s.OneOf) > 0 || s.Discriminator != nil || s.AdditionalProperties != nil {
		return nil, nil, false
	}
	for _, part := range s.AllOf {
		switch {
		case part == nil:
		case part.IsReference():
			if ref != nil {
				return nil, nil, false
			}
			ref = part
		default:
			ps := part.Schema()
			if !annotationOnly(ps) || ann != nil {
				return nil, nil, false
			}
			ann = ps
		}
	}
	return ref, ann, ref != nil
}

// annotationOnly reports whether s says nothing of a value's shape: only
// documentation and presence keywords (a type is allowed when it is the
// only other word, as in {type: string, $ref: enum}: the reference says
// more).
func annotationOnly(s *base.Schema) bool {
	if s == nil {
		return true
	}
	return s.Properties == nil && len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) == 0 && s.Not == nil &&
		s.Items == nil && s.AdditionalProperties == nil && len(s.Enum) == 0 && s.Discriminator == nil &&
		s.Format == "" && s.Pattern == "" && s.Minimum == nil && s.Maximum == nil &&
		s.MinLength == nil && s.MaxLength == nil && s.MinItems == nil && s.MaxItems == nil &&
		s.Const == nil
}
